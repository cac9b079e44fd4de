//! Snapshots of the whole screen, the way ratatui apps are usually tested: drive the app with
//! key events, draw it into a `TestBackend`, and compare the buffer with a committed snapshot
//! in `tests/snapshots/`. Every state is drawn at the smallest supported size (80×24) and at
//! a roomy one (120×40).
//!
//! After a deliberate change to the screen: `INSTA_UPDATE=always cargo test --test
//! ui_snapshots` (or `cargo insta review`), then read the new snapshots before committing.

mod ui_common;

use ratatui::crossterm::event::KeyCode;
use ui_common::*;

/// Asserts the snapshots `<name>_80x24` and `<name>_120x40`.
fn snap(name: &str, app: &mut shopsim::ui::app::App) {
    for (width, height) in [(80, 24), (120, 40)] {
        let terminal = render(app, width, height);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
    }
}

#[test]
fn briefing_at_start() {
    snap("briefing", &mut fresh_app());
}

#[test]
fn cart_tab() {
    snap("cart", &mut started());
}

#[test]
fn orders_list() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Down]);
    snap("orders_list", &mut app);
}

#[test]
fn order_detail() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    snap("order_detail", &mut app);
}

#[test]
fn order_detail_with_a_refused_action_selected() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    // The last action in the list is greyed: its reason shows under the list.
    let n = listed_offers(&app, "A-0987").len();
    for _ in 0..n {
        press(&mut app, &[KeyCode::Down]);
    }
    snap("order_detail_refused_action", &mut app);
}

#[test]
fn support_tab() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('3')]);
    snap("support", &mut app);
}

#[test]
fn finances_tab() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('4')]);
    snap("finances", &mut app);
}

#[test]
fn finances_tab_with_a_refund_on_its_way() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Cancel order");
    // The first reason, chosen by its number, then the explicit yes.
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('y')]);
    press(&mut app, &[KeyCode::Char('n'), KeyCode::Char('n')]);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('4')]);
    snap("finances_refund", &mut app);
}

#[test]
fn cancel_reason_picker() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Cancel order");
    snap("dialog_cancel_reason", &mut app);
}

#[test]
fn payment_picker_after_checkout() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('o')]);
    snap("dialog_payment", &mut app);
}

#[test]
fn delete_confirmation() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('a'), KeyCode::Char('d')]);
    snap("dialog_delete_confirm", &mut app);
}

#[test]
fn dispute_form() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Dispute: no tracking");
    snap("dialog_dispute", &mut app);
}

#[test]
fn support_question_form() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('3'), KeyCode::Char('w')]);
    snap("dialog_support_question", &mut app);
}

#[test]
fn review_form() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0950");
    // A review needs the receipt confirmed first.
    choose_action(&mut app, "Confirm receipt");
    press(&mut app, &[KeyCode::Char('y')]);
    choose_action(&mut app, "Leave review");
    assert!(app.dialog().is_some(), "the review form is open");
    snap("dialog_review", &mut app);
}

#[test]
fn quit_confirmation_over_a_dialog() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Cancel order");
    press(&mut app, &[KeyCode::Char('q')]);
    snap("dialog_quit", &mut app);
}

#[test]
fn help_overlay_in_the_cart() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('?')]);
    snap("help_cart", &mut app);
}

#[test]
fn help_overlay_in_an_order() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    press(&mut app, &[KeyCode::Char('?')]);
    snap("help_order_detail", &mut app);
}

#[test]
fn event_log_panel() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Cancel order");
    // "2" picks the second reason: "I no longer need the item".
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('y')]);
    assert!(app.dialog().is_none());
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Char('n')]);
    }
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('e')]);
    assert!(app.show_log);
    snap("event_log", &mut app);
}

#[test]
fn coming_up_beside_the_event_log() {
    let mut app = started();
    press(
        &mut app,
        &[KeyCode::Char('2'), KeyCode::Char('f'), KeyCode::Char('e')],
    );
    assert!(app.show_ahead && app.show_log);
    snap("coming_up_and_log", &mut app);
}

#[test]
fn terminal_too_small() {
    let mut app = started();
    let terminal = render(&mut app, 50, 16);
    insta::assert_snapshot!("too_small_50x16", terminal.backend());
}

/// The smallest screen shopsim draws on, for a projector's large font: the hint bar is
/// gone, the orders list shows one pane at a time, and dialogs and the help still fit.
#[test]
fn the_smallest_screen() {
    let (width, height) = (shopsim::ui::draw::MIN_WIDTH, shopsim::ui::draw::MIN_HEIGHT);
    let mut app = started();
    let shot = |name: &str, app: &mut shopsim::ui::app::App| {
        let terminal = render(app, width, height);
        insta::assert_snapshot!(format!("smallest_{name}"), terminal.backend());
    };
    shot("cart", &mut app);
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Down]);
    shot("order_groups", &mut app);
    press(&mut app, &[KeyCode::Right]);
    shot("orders_of_a_group", &mut app);
    open_order(&mut app, "Awaiting shipment", "A-1001");
    shot("order_detail", &mut app);
    choose_action(&mut app, "Cancel order");
    shot("cancel_reason", &mut app);
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('?')]);
    shot("help", &mut app);
}

/// The debrief after a rewind and a request support refused: both are listed, with what the
/// rewind undid and the rule support gave.
#[test]
fn debrief_with_a_rewind_and_a_refused_request() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Confirm receipt");
    press(&mut app, &[KeyCode::Char('y')]);
    press(
        &mut app,
        &[KeyCode::Char('u'), KeyCode::Down, KeyCode::Enter],
    );
    // Past the 2-hour window (+1 hour stops at its last minute first), ask support to cancel
    // the lamp with a reason it does not accept.
    press_n(&mut app, KeyCode::Char('H'), 3);
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Ask support to cancel");
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('y')]);
    advance_until(&mut app, 10, "support answers", |app| {
        !app.sim().refused_requests().is_empty()
    });
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(app.showing_debrief());
    press_n(&mut app, KeyCode::PageDown, 3);
    snap("debrief_refused_and_rewound", &mut app);
}

/// The goals beside the tabs at 80×24 (`g`): a promise is "holding", not met.
#[test]
fn goals_panel_with_a_holding_goal() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('g')]);
    snap("goals_holding", &mut app);
}
