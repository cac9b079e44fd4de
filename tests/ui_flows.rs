//! Whole journeys through the UI's update functions, key by key, without a terminal: the app
//! gets key events (`App::on_key`) and the test reads the core's state, the app's view state,
//! and now and then the drawn screen.

mod ui_common;

use ratatui::crossterm::event::KeyCode;
use shopsim::sim::world::{
    Author, DisputeKind, DisputeStage, OrderState, RefundStage, TrackingKind,
};
use shopsim::ui::app::{App, StatusKind, Tab};
use shopsim::ui::command::{self, Place, command_for};
use shopsim::ui::dialog::{Dialog, Field, FormPurpose, Purpose};
use ui_common::*;

const AWAITING: &str = "Awaiting shipment";
const REFUNDS: &str = "Disputes & refunds";

/// The one order of the default scenario that was paid 40 minutes before the story starts.
fn order_paid_40_minutes_ago(app: &App) -> String {
    let now = app.sim().now();
    let found: Vec<&str> = app
        .sim()
        .world()
        .orders()
        .iter()
        .filter(|o| o.paid_at.is_some_and(|at| (now - at).num_minutes() == 40))
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(found.len(), 1, "one order paid 40 minutes ago: {found:?}");
    found[0].to_owned()
}

fn refund_stage(app: &App, order: &str) -> Option<RefundStage> {
    app.sim().world().refunds_of(order).last().map(|r| r.stage)
}

fn paid(app: &App, order: &str) -> shopsim::sim::Money {
    app.sim()
        .world()
        .order(order)
        .expect("the order")
        .money
        .paid
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn dispute_stage(app: &App, order: &str) -> Option<DisputeStage> {
    app.sim()
        .world()
        .order(order)
        .and_then(|o| o.dispute.as_ref())
        .map(|d| d.stage.clone())
}

/// The first row of the screen inside a box (not a border) that contains this text.
fn row_with<'a>(rows: &'a [String], needle: &str) -> Option<&'a String> {
    rows.iter()
        .find(|r| r.starts_with('│') && r.contains(needle))
}

#[test]
fn cancel_the_fresh_order_and_follow_the_refund_until_it_is_received() {
    let mut app = started();
    let order = order_paid_40_minutes_ago(&app);

    press(&mut app, &[KeyCode::Char('2')]);
    assert_eq!(app.tab, Tab::Orders);
    let awaiting = group_count(&app, AWAITING);
    let refunds = group_count(&app, REFUNDS);
    assert!(awaiting >= 1);

    open_order(&mut app, AWAITING, &order);
    choose_action(&mut app, "Cancel order");
    let Some(Dialog::Pick(picker)) = app.dialog() else {
        panic!("cancelling asks for a reason: {:?}", app.dialog());
    };
    assert_eq!(
        picker.purpose,
        Purpose::CancelReason {
            order: order.clone(),
            items: Vec::new()
        }
    );
    let reason = "I no longer need the item";
    let index = picker
        .options
        .iter()
        .position(|choice| choice.label == reason)
        .expect("the policy's reasons are offered");
    // Nothing is chosen at first: the first ↓ reaches option 1.
    press_n(&mut app, KeyCode::Down, index + 1);
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        matches!(app.dialog(), Some(Dialog::Confirm(_))),
        "a cancellation cannot be undone: it asks first"
    );
    assert_eq!(
        app.sim().world().order(&order).map(|o| o.state),
        Some(OrderState::AwaitingShipment),
        "nothing is cancelled before the yes"
    );
    press(&mut app, &[KeyCode::Char('y')]);

    assert!(app.dialog().is_none(), "the picker closed");
    let o = app.sim().world().order(&order).expect("the order");
    assert_eq!(o.state, OrderState::Refunding);
    assert!(
        app.sim().log().iter().any(|e| e.text.contains(reason)),
        "the chosen reason is on record"
    );
    assert_eq!(group_count(&app, AWAITING), awaiting - 1);
    assert_eq!(group_count(&app, REFUNDS), refunds + 1);
    // The list shows the same counts.
    press(&mut app, &[KeyCode::Esc]);
    let list = rows(render(&mut app, 80, 24).backend().buffer());
    let awaiting_row = row_with(&list, AWAITING).expect("the group is listed");
    assert!(
        awaiting_row.contains(&format!(" {}  │", awaiting - 1)),
        "{awaiting_row}"
    );

    // Finances before the money is back: the last stage is still an empty dot.
    press(&mut app, &[KeyCode::Char('4')]);
    assert_eq!(app.tab, Tab::Finances);
    assert_eq!(refund_stage(&app, &order), Some(RefundStage::Requested));
    let before = screen(&mut app, 80, 24);
    assert!(before.contains("○ received"), "{before}");

    advance_until(&mut app, 30, "the refund is received", |app| {
        refund_stage(app, &order) == Some(RefundStage::Received)
    });
    let refund = app
        .sim()
        .world()
        .refunds_of(&order)
        .last()
        .expect("a refund");
    assert_eq!(refund.method, "card");
    assert_eq!(refund.amount, paid(&app, &order));
    let after = screen(&mut app, 80, 24);
    assert!(after.contains("● received"), "{after}");
    assert!(!after.contains("○ received"), "{after}");
}

#[test]
fn dispute_a_fake_tracking_number_reject_the_offer_escalate_and_get_the_money_back() {
    let mut app = started();
    let order = app
        .sim()
        .world()
        .orders()
        .iter()
        .find(|o| {
            o.state == OrderState::Shipped
                && o.tracking
                    .as_ref()
                    .is_some_and(|t| t.kind == TrackingKind::Fake)
        })
        .map(|o| o.id.clone())
        .expect("a shipped order with a fake tracking number");

    open_order(&mut app, "Shipped", &order);
    choose_action(&mut app, "Dispute: no tracking");
    let Some(Dialog::Form(form)) = app.dialog() else {
        panic!("a dispute asks for details: {:?}", app.dialog());
    };
    assert_eq!(
        form.purpose,
        FormPurpose::Dispute {
            order: order.clone(),
            kind: DisputeKind::NoTrackingInfo
        }
    );
    type_text(
        &mut app,
        "The tracking number has shown nothing for eight days.",
    );
    press(&mut app, &[KeyCode::Tab]);
    type_text(&mut app, "tracking-screenshot.png");
    app.on_key(ctrl('s'));

    assert!(app.dialog().is_none(), "sent: {:?}", app.dialog());
    let dispute = app
        .sim()
        .world()
        .order(&order)
        .and_then(|o| o.dispute.clone())
        .expect("a dispute is open");
    assert_eq!(dispute.kind, DisputeKind::NoTrackingInfo);
    assert!(dispute.description.contains("eight days"));
    assert_eq!(dispute.evidence, vec!["tracking-screenshot.png".to_owned()]);
    assert_eq!(dispute.stage, DisputeStage::AwaitingSeller);

    advance_until(&mut app, 20, "the seller counter-offers", |app| {
        matches!(
            dispute_stage(app, &order),
            Some(DisputeStage::CounterOffer(_))
        )
    });
    choose_action(&mut app, "Reject offer");
    press(&mut app, &[KeyCode::Char('y')]);
    assert!(
        !matches!(
            dispute_stage(&app, &order),
            Some(DisputeStage::CounterOffer(_))
        ),
        "the offer is rejected: {}",
        status_text(&app)
    );
    advance_until(&mut app, 20, "the dispute can be escalated", |app| {
        possible(app, &order, "Escalate to platform")
    });
    choose_action(&mut app, "Escalate to platform");
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(
        dispute_stage(&app, &order),
        Some(DisputeStage::Escalated),
        "{}",
        status_text(&app)
    );
    assert_eq!(
        app.sim().world().order(&order).unwrap().state,
        OrderState::Escalated
    );

    advance_until(&mut app, 20, "the platform decides", |app| {
        dispute_stage(app, &order) != Some(DisputeStage::Escalated)
    });
    assert!(
        app.sim().world().refunds_of(&order).next().is_some(),
        "the platform decided for the buyer"
    );
    advance_until(&mut app, 30, "the dispute refund is received", |app| {
        refund_stage(app, &order) == Some(RefundStage::Received)
    });
    let refunded: shopsim::sim::Money =
        app.sim().world().refunds_of(&order).map(|r| r.amount).sum();
    assert_eq!(refunded, paid(&app, &order), "the whole price came back");
}

#[test]
fn enter_on_a_greyed_action_explains_why_and_sends_nothing() {
    let mut app = started();
    let order = order_paid_40_minutes_ago(&app);
    open_order(&mut app, AWAITING, &order);
    let pay = app
        .sim()
        .offers(&order)
        .into_iter()
        .find(|o| o.label == "Pay")
        .expect("Pay is listed");
    let reason = pay
        .verdict
        .clone()
        .expect_err("a paid order cannot be paid again")
        .reason;
    let world = app.sim().world().clone();
    let logged = app.sim().log().len();

    choose_action(&mut app, "Pay");

    match app.dialog() {
        Some(Dialog::Message { text, .. }) => assert_eq!(text, &reason),
        other => panic!("the reason, in a box of its own: {other:?}"),
    }
    assert_eq!(app.sim().world(), &world, "nothing changed");
    assert_eq!(
        app.sim().log().len(),
        logged,
        "nothing was sent, so nothing is logged"
    );
    assert!(
        app.session.coach().journal.is_empty(),
        "looking at why costs nothing: no attempt is recorded"
    );
    // The whole reason is on screen, however long, at the smallest size.
    let text = rows(render(&mut app, 80, 24).backend().buffer()).join(" ");
    let words: Vec<&str> = reason.split_whitespace().collect();
    let last = words.last().expect("a reason has words");
    assert!(
        text.contains(last),
        "the end of the reason is shown: {text}"
    );
    // Any key closes it, and it stays in the notices.
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.dialog().is_none());
    assert!(
        app.notices
            .iter()
            .any(|n| n.kind == StatusKind::Refusal && n.text.contains(&reason))
    );
    assert_eq!(app.sim().log().len(), logged);
}

#[test]
fn select_all_and_delete_with_confirmation_empties_the_cart() {
    let mut app = started();
    assert!(!app.sim().world().cart.is_empty());
    press(&mut app, &[KeyCode::Char('a')]);
    assert!(app.sim().world().cart.iter().all(|l| l.selected));

    press(&mut app, &[KeyCode::Char('d')]);
    assert!(
        matches!(app.dialog(), Some(Dialog::Confirm { .. })),
        "deleting asks first"
    );
    assert!(
        !app.sim().world().cart.is_empty(),
        "nothing deleted before yes"
    );
    press(&mut app, &[KeyCode::Char('y')]);

    assert!(app.dialog().is_none());
    assert!(app.sim().world().cart.is_empty());
    assert!(screen(&mut app, 80, 24).contains("The cart is empty"));
}

#[test]
fn deleting_can_be_called_off() {
    let mut app = started();
    let cart = app.sim().world().cart.clone();
    press(
        &mut app,
        &[KeyCode::Char('a'), KeyCode::Char('d'), KeyCode::Esc],
    );
    assert!(app.dialog().is_none());
    assert_eq!(app.sim().world().cart.len(), cart.len());
}

const QUESTION: &str = "My phone case was marked as shipped.\nThe tracking number shows nothing.";

/// On the Support tab: writes `QUESTION` with the form's multi-line editor and sends it.
fn ask_support(app: &mut App) {
    press(app, &[KeyCode::Char('3')]);
    assert_eq!(app.tab, Tab::Support);
    press(app, &[KeyCode::Char('w')]);
    assert!(matches!(app.dialog(), Some(Dialog::Form(f)) if f.purpose == FormPurpose::Support));
    // The focus starts in the problem editor, where Enter starts a new line.
    type_text(app, QUESTION);
    let Some(Dialog::Form(form)) = app.dialog() else {
        panic!("Enter in the editor must not close the form");
    };
    let lines = form
        .fields
        .iter()
        .find_map(|f| match f {
            Field::Text { area, .. } => Some(area.lines().to_vec()),
            _ => None,
        })
        .expect("a text editor");
    assert_eq!(lines, QUESTION.lines().collect::<Vec<_>>());
    app.on_key(ctrl('s'));
    assert!(app.dialog().is_none(), "sent: {:?}", app.dialog());
}

fn support_answered(app: &App) -> bool {
    app.sim()
        .world()
        .conversations()
        .iter()
        .any(|c| c.messages.iter().any(|m| m.from == Author::Support))
}

#[test]
fn a_question_to_support_keeps_its_lines_and_the_reply_shows_as_unread() {
    let mut app = started();
    ask_support(&mut app);

    let conversations = &app.sim().world().conversations();
    assert_eq!(conversations.len(), 1);
    let asked = &conversations[0].messages[0];
    assert_eq!(asked.from, Author::Buyer);
    assert_eq!(asked.text, QUESTION);
    assert!(screen(&mut app, 80, 24).contains("Help · 0 unread"));

    advance_until(&mut app, 20, "support answers", support_answered);
    let unread = app.sim().world().unread_total();
    assert!(unread > 0);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains(&format!("Help · {unread} unread")), "{text}");
    assert!(
        text.contains(&format!("● {unread} #")),
        "the conversation is marked: {text}"
    );

    // Opening the conversation reads it: both lines of the question show, and the count goes.
    let faq = app.sim().policy().faq.len();
    press_n(&mut app, KeyCode::Down, faq + 1);
    assert_eq!(app.sim().world().unread_total(), 0);
    let text = screen(&mut app, 120, 40);
    for line in QUESTION.lines() {
        assert!(text.contains(line), "{line:?} is shown:\n{text}");
    }
    assert!(text.contains("Support "), "the reply is shown:\n{text}");
    assert!(text.contains("Help · 0 unread"), "{text}");
}

/// The Support tab's title carries the unread count: " 3 Support (1) ". Today the count is
/// drawn, but the tab positions are computed without it, so " 4 Finances" is drawn over
/// "1) " and the line reads " 3 Support ( 4 Finances" (`draw::tab_rects` vs `draw_tabs`).
#[test]

fn the_support_tab_title_shows_the_unread_count() {
    let mut app = started();
    ask_support(&mut app);
    assert!(!screen(&mut app, 80, 24).contains("Support ("));
    advance_until(&mut app, 20, "support answers", support_answered);
    let unread = app.sim().world().unread_total();
    let top = rows(render(&mut app, 80, 24).backend().buffer());
    assert!(
        top[1].contains(&format!(" 3 Support ({unread}) ")) && top[1].contains(" 4 Finances "),
        "the tab line: {:?}",
        top[1]
    );
}

#[test]
fn q_in_a_dialog_asks_to_quit_and_n_goes_back_to_the_dialog() {
    let mut app = started();
    let order = order_paid_40_minutes_ago(&app);
    open_order(&mut app, AWAITING, &order);
    choose_action(&mut app, "Cancel order");
    press(&mut app, &[KeyCode::Down, KeyCode::Down]);
    let selected = match app.dialog() {
        Some(Dialog::Pick(p)) => p.selected,
        other => panic!("the reason picker: {other:?}"),
    };

    press(&mut app, &[KeyCode::Char('q')]);
    assert!(matches!(app.dialog(), Some(Dialog::Quit)));
    assert!(!app.should_quit);
    assert!(screen(&mut app, 80, 24).contains("End the session and quit?"));

    press(&mut app, &[KeyCode::Char('n')]);
    assert!(!app.should_quit);
    match app.dialog() {
        Some(Dialog::Pick(p)) => {
            assert_eq!(
                p.purpose,
                Purpose::CancelReason {
                    order: order.clone(),
                    items: Vec::new()
                }
            );
            assert_eq!(p.selected, selected, "the picker is as it was left");
        }
        other => panic!("back to the reason picker: {other:?}"),
    }
    // And nothing was cancelled on the way.
    assert_eq!(
        app.sim().world().order(&order).unwrap().state,
        OrderState::AwaitingShipment
    );

    // Confirmed, it quits; a training scenario shows its debrief first, and q leaves that.
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    if app.showing_debrief() {
        assert!(!app.should_quit);
        assert!(screen(&mut app, 80, 24).contains("Debrief"));
        press(&mut app, &[KeyCode::Char('q')]);
    }
    assert!(app.should_quit);
}

/// Puts the app in each place the key table knows.
fn visit(place: Place) -> App {
    let mut app = started();
    match place {
        Place::Cart => {}
        Place::OrderList => press(&mut app, &[KeyCode::Char('2')]),
        Place::OrderDetail => {
            let order = order_paid_40_minutes_ago(&app);
            open_order(&mut app, AWAITING, &order);
        }
        Place::Support => press(&mut app, &[KeyCode::Char('3')]),
        Place::Finances => press(&mut app, &[KeyCode::Char('4')]),
    }
    assert_eq!(app.place(), place);
    app
}

const PLACES: [Place; 5] = [
    Place::Cart,
    Place::OrderList,
    Place::OrderDetail,
    Place::Support,
    Place::Finances,
];

/// Every key of a shown binding, pressed here, means that binding's command.
fn assert_keys_work(binding: &command::Shown, place: Place, where_: &str) {
    for code in &binding.keys {
        assert_eq!(
            command_for(key(*code), place),
            Some(binding.command),
            "{where_} in {place:?} shows {:?} {:?}, but {code:?} means something else",
            binding.shown_keys,
            binding.label
        );
    }
}

#[test]
fn the_hint_bar_shows_only_keys_that_work_here() {
    for place in PLACES {
        let mut app = visit(place);
        for (width, height) in [(80, 24), (120, 40)] {
            let screen = rows(render(&mut app, width, height).backend().buffer());
            let hints = screen.last().expect("a hint row").trim_end().to_owned();
            let shown = command::shown(place, true);
            // The bar is the shown bindings, in table order, as "key label" joined by two spaces.
            let mut rest = hints.as_str();
            let mut seen = 0;
            for binding in &shown {
                let text = format!("{} {}", binding.hint_keys, binding.label);
                if let Some(after) = rest.strip_prefix(text.as_str()) {
                    assert_keys_work(binding, place, "the hint bar");
                    rest = after.trim_start();
                    seen += 1;
                }
            }
            assert!(
                rest.is_empty(),
                "{place:?} at {width}×{height}: the hint bar shows {rest:?}, which is no binding of this place (bar: {hints:?})"
            );
            assert!(seen > 0, "{place:?}: an empty hint bar");
            assert!(
                hints.contains("? help") && hints.contains("q quit"),
                "{place:?} at {width}×{height}: help and quit always show: {hints:?}"
            );
        }
    }
}

#[test]
fn the_help_overlay_lists_exactly_the_keys_of_this_place() {
    for place in PLACES {
        let mut app = visit(place);
        press(&mut app, &[KeyCode::Char('?')]);
        assert!(app.showing_help());
        let text = screen(&mut app, 120, 40);
        for binding in command::shown(place, false) {
            assert_keys_work(&binding, place, "the help overlay");
            let row = format!("{}  {}", binding.shown_keys, binding.label);
            assert!(text.contains(&row), "{place:?}: help lacks {row:?}\n{text}");
        }
        // Bindings that do not work here are not listed.
        let elsewhere = PLACES.iter().flat_map(|p| command::shown(*p, false));
        for binding in elsewhere {
            let here = command::shown(place, false)
                .iter()
                .any(|b| b.command == binding.command && b.shown_keys == binding.shown_keys);
            if !here {
                let row = format!("{}  {}", binding.shown_keys, binding.label);
                assert!(
                    !text.contains(&row),
                    "{place:?}: help lists {row:?}, which does not work here"
                );
            }
        }
        // Any key closes it.
        press(&mut app, &[KeyCode::Char('x')]);
        assert!(!app.showing_help());
    }
}

/// At the smallest supported size the help overlay must still show every key of the place
/// and its closing line. Today the Cart and an order's detail have more bindings than 22
/// rows hold, so "? help", "q quit" and "Any key closes this help." are cut off.
#[test]

fn the_help_overlay_fits_the_smallest_screen() {
    for place in PLACES {
        let mut app = visit(place);
        press(&mut app, &[KeyCode::Char('?')]);
        let text = screen(&mut app, 80, 24);
        for binding in command::shown(place, false) {
            let row = format!("{}  {}", binding.shown_keys, binding.label);
            assert!(
                text.contains(&row),
                "{place:?} at 80×24: {row:?} is cut off\n{text}"
            );
        }
        assert!(
            text.contains("Any key closes this help."),
            "{place:?} at 80×24\n{text}"
        );
    }
}

/// While a dialog is open, keys go to the dialog: `p`, `n` and `?` do nothing there, yet the
/// hint bar under the dialog still offers them. Ignored until the UI decides what the bar
/// should say over a dialog (reported; the UI is not ours to change here).
#[test]

fn the_hint_bar_under_a_dialog_offers_only_keys_that_work() {
    let mut app = visit(Place::OrderDetail);
    choose_action(&mut app, "Cancel order");
    assert!(app.dialog().is_some());
    let now = app.sim().now();
    let hints = rows(render(&mut app, 80, 24).backend().buffer())
        .last()
        .cloned()
        .unwrap_or_default();
    if hints.contains("n next event") {
        press(&mut app, &[KeyCode::Char('n')]);
        assert_ne!(app.sim().now(), now, "the bar offers n, but n did nothing");
    }
}

/// A scenario written with non-Latin titles and names: Cyrillic, CJK and an emoji.
const WIDE: &str = r#"(
    title: "Подарки 🎁 礼物",
    briefing: "Тест: широкие символы 保温杯 и эмодзи 🎁.",
    start: "2026-03-02T10:00",
    policy: (preset: "quick_cancel_marketplace"),
    buyer: (
        name: "Алексей",
        methods: [(id: "card", kind: Card, label: "Карта •••• 4242", balance: "500.00", expires: "2028-09-30")],
    ),
    catalogue: [
        (id: "case", title: "Чехол для телефона", price: "12.00", seller: "ru"),
        (id: "cup", title: "保温杯", price: "18.00", seller: "cn"),
        (id: "gift", title: "🎁 Gift box", price: "9.00", seller: "gift"),
        (id: "plain", title: "Plain mug", price: "5.00", seller: "cn"),
    ],
    cart: [
        (item: "case"),
        (item: "cup", quantity: 2),
        (item: "gift", selected: false),
        (item: "plain"),
    ],
    orders: [
        (id: "W-1", seller: "ru", items: [(item: "case")], status: AwaitingShipment,
         placed: "2026-03-02T09:30", paid: "2026-03-02T09:31", method: "card"),
        (id: "W-2", seller: "cn", items: [(item: "cup")], status: AwaitingShipment,
         placed: "2026-03-02T09:32", paid: "2026-03-02T09:33", method: "card"),
        (id: "W-3", seller: "gift", items: [(item: "gift")], status: AwaitingShipment,
         placed: "2026-03-02T09:34", paid: "2026-03-02T09:35", method: "card"),
    ],
    sellers: [
        (id: "ru", name: "Магазин Чехлов", rules: []),
        (id: "cn", name: "杭州小店", rules: []),
        (id: "gift", name: "🎁 Gifts & Co", rules: []),
    ],
)"#;

/// The x of the cell where `text` starts on row `y`, reading cell symbols.
fn x_of(buffer: &ratatui::buffer::Buffer, y: u16, text: &str) -> Option<u16> {
    x_of_from(buffer, y, buffer.area.left(), text)
}

/// The same, looking only from column `from` on.
fn x_of_from(buffer: &ratatui::buffer::Buffer, y: u16, from: u16, text: &str) -> Option<u16> {
    let first = text.chars().next()?.to_string();
    (from..buffer.area.right()).find(|&x| {
        if buffer[(x, y)].symbol() != first {
            return false;
        }
        // The rest of the text follows, a wide character taking two cells.
        let mut cx = x;
        for c in text.chars() {
            if cx >= buffer.area.right() || buffer[(cx, y)].symbol() != c.to_string() {
                return false;
            }
            cx += unicode_width::UnicodeWidthChar::width(c)
                .unwrap_or(0)
                .max(1) as u16;
        }
        true
    })
}

#[test]
fn wide_characters_render_and_columns_line_up() {
    let mut app = app_for("wide.ron", WIDE);
    for (w, h) in [(80, 24), (81, 25), (100, 30), (120, 40)] {
        render(&mut app, w, h);
    }
    press(&mut app, &[KeyCode::Enter]);

    // Cart: the seller column starts at the same x on every row, header included.
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let cart = app.sim().world().cart.clone();
    let header_y = (0..buffer.area.height)
        .find(|&y| x_of(buffer, y, "Seller").is_some())
        .expect("the cart's header row");
    let seller_x = x_of(buffer, header_y, "Seller").unwrap();
    let qty_x = x_of(buffer, header_y, "Qty").unwrap();
    let item_x = x_of(buffer, header_y, "Item").unwrap();
    let names = ["Магазин Чехлов", "杭州小店", "🎁 Gifts & Co", "杭州小店"];
    for (i, name) in names.iter().enumerate() {
        let y = header_y + 1 + i as u16;
        let title = app.sim().world().item(&cart[i].item).unwrap().title.clone();
        let start: String = title.chars().take(3).collect();
        assert_eq!(x_of(buffer, y, &start), Some(item_x), "row {i}: {title}");
        assert_eq!(
            x_of(buffer, y, name),
            Some(seller_x),
            "row {i} ({title}): the seller column moved\n{}",
            rows(buffer).join("\n")
        );
        // The quantity sits right-aligned under "Qty" (4 columns wide).
        let quantity = cart[i].quantity.to_string();
        assert_eq!(
            x_of(buffer, y, &quantity).filter(|x| *x >= qty_x),
            Some(qty_x + 4 - quantity.len() as u16),
            "row {i}: the quantity moved\n{}",
            rows(buffer).join("\n")
        );
    }

    // My Orders: the status column lines up too.
    press(
        &mut app,
        &[KeyCode::Char('2'), KeyCode::Down, KeyCode::Right],
    );
    let terminal = render(&mut app, 120, 40);
    let buffer = terminal.backend().buffer();
    let header_y = (0..buffer.area.height)
        .find(|&y| x_of(buffer, y, "Amount").is_some())
        .expect("the orders header");
    let amount_x = x_of(buffer, header_y, "Amount").unwrap();
    let status_x = x_of_from(buffer, header_y, amount_x, "Status").unwrap();
    for i in 0..3u16 {
        let y = header_y + 1 + i;
        assert_eq!(
            x_of_from(buffer, y, amount_x, "Awaiting shipment"),
            Some(status_x),
            "order row {i}\n{}",
            rows(buffer).join("\n")
        );
    }

    // Each order's detail, and the other tabs, draw without panicking.
    for id in ["W-1", "W-2", "W-3"] {
        open_order(&mut app, AWAITING, id);
        render(&mut app, 80, 24);
        render(&mut app, 120, 40);
    }
    for tab in ['1', '3', '4'] {
        press(&mut app, &[KeyCode::Char(tab)]);
        render(&mut app, 80, 24);
    }
}

#[test]
fn f_shows_what_is_coming_up_and_hides_it_again() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('f')]);
    assert!(app.show_ahead);
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Coming up · f hides"), "{text}");
    assert!(text.contains("the time limit: the session ends"), "{text}");
    press(&mut app, &[KeyCode::Char('f')]);
    assert!(!app.show_ahead);
    assert!(!screen(&mut app, 80, 24).contains("Coming up"));
}

#[test]
fn an_exam_says_why_it_does_not_show_what_is_coming_up() {
    let scenario = shopsim::scenario::load(DEFAULT_PATH, DEFAULT_SCENARIO).expect("loads");
    let mut app = App::with_mode(&scenario, shopsim::training::Mode::Exam);
    press(&mut app, &[KeyCode::Enter, KeyCode::Char('f')]);
    assert!(!app.show_ahead);
    let said = status_text(&app);
    assert!(said.contains("This is an exam"), "{said}");
    assert_eq!(
        app.status.as_ref().map(|s| s.kind),
        Some(StatusKind::Refusal)
    );
}

#[test]
fn a_reload_closes_a_dialog_about_the_old_version() {
    let mut app = started();
    // Check the cart out: the payment picker asks about an order of the old version.
    press(&mut app, &[KeyCode::Char('o')]);
    assert!(
        matches!(app.dialog(), Some(Dialog::Pick(_))),
        "the payment picker"
    );
    let scenario = shopsim::scenario::load(DEFAULT_PATH, DEFAULT_SCENARIO).expect("loads");
    app.reload(&scenario);
    assert!(
        matches!(app.dialog(), Some(Dialog::Message { title, .. }) if title == "Scenario reloaded"),
        "{:?}",
        app.dialog().map(|_| "another dialog")
    );
    press(&mut app, &[KeyCode::Esc]);
    assert!(
        app.dialog().is_none(),
        "nothing of the old version is left open"
    );
}

#[test]
fn a_reload_keeps_a_form_and_what_was_typed_in_it() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('w')]);
    assert!(
        matches!(app.dialog(), Some(Dialog::Form(_))),
        "the question form"
    );
    type_text(&mut app, "Where is my refund");
    let scenario = shopsim::scenario::load(DEFAULT_PATH, DEFAULT_SCENARIO).expect("loads");
    app.reload(&scenario);
    press(&mut app, &[KeyCode::Esc]);
    assert!(
        matches!(app.dialog(), Some(Dialog::Form(_))),
        "the form is still open"
    );
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Where is my refund"), "{text}");
}
