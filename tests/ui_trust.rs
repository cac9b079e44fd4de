//! A session a trainee can trust, key by key and click by click: the clock never passes the
//! time limit or a closing window, nothing final happens on Enter and Esc, the cursor stays
//! on the action it was on, and the mouse lands on what is drawn. Each test is one fault
//! that was seen in a real session.

mod ui_common;

use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use shopsim::sim::world::{DisputeStage, OrderState};
use shopsim::ui::app::{App, StatusKind};
use shopsim::ui::dialog::Dialog;
use shopsim::ui::hits::Target;
use std::time::{Duration, Instant};
use ui_common::*;

/// Every library scenario, as (path, text).
fn library() -> Vec<(String, String)> {
    let mut paths: Vec<String> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            (p, text)
        })
        .collect()
}

fn started_with(path: &str, text: &str) -> App {
    let mut app = app_for(path, text);
    press(&mut app, &[KeyCode::Enter]);
    assert!(!app.showing_briefing());
    app
}

fn status_text(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn click(app: &mut App, x: u16, y: u16) {
    app.on_event(&ratatui::crossterm::event::Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    app.on_event(&ratatui::crossterm::event::Event::Mouse(MouseEvent {
        kind: if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        },
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    }));
}

/// The screen position of the first cell of `needle` on the rendered screen.
fn find_on_screen(app: &mut App, width: u16, height: u16, needle: &str) -> Option<(u16, u16)> {
    let screen = rows(render(app, width, height).backend().buffer());
    screen.iter().enumerate().find_map(|(y, row)| {
        row.find(needle).map(|byte| {
            let x = unicode_width::UnicodeWidthStr::width(&row[..byte]);
            (x as u16, y as u16)
        })
    })
}

// ---- Time ----

#[test]
fn pressing_only_n_ends_every_library_scenario_at_its_time_limit_and_never_after() {
    for (path, text) in library() {
        let mut app = started_with(&path, &text);
        let limit = app.session.limit();
        let mut presses = 0;
        while app.session.ending().is_none() && presses < 500 {
            press(&mut app, &[KeyCode::Char('n')]);
            presses += 1;
            if let Some(limit) = limit {
                assert!(
                    app.sim().now() <= limit,
                    "{path}: n went to {} past the limit {limit}",
                    app.sim().now()
                );
            }
            if app
                .status
                .as_ref()
                .is_some_and(|s| s.text.contains("Nothing else is scheduled"))
            {
                break;
            }
        }
        let Some(limit) = limit else { continue };
        let ending = app.session.ending();
        assert!(
            ending.is_some(),
            "{path}: pressing n never ended the session"
        );
        let result = app.session.result().expect("a final debrief").clone();
        assert!(
            result.ended <= limit,
            "{path}: the debrief ends after the limit"
        );
        if ending == Some(shopsim::training::Ending::TimeUp) {
            assert_eq!(
                app.sim().now(),
                limit,
                "{path}: time up is the limit itself"
            );
        }
        assert!(
            app.showing_debrief(),
            "{path}: the debrief shows at the end"
        );
        // Nothing pressed after the end changes the result.
        press(&mut app, &[KeyCode::Char('n'), KeyCode::Char('D')]);
        let again = app.session.result().expect("still final");
        assert_eq!(again.score, result.score, "{path}");
        assert_eq!(again.ended, result.ended, "{path}");
    }
}

#[test]
fn n_stops_at_the_last_minute_of_the_cancel_window_and_the_order_can_still_be_cancelled() {
    let mut app = started();
    // 10:40, paid at 10:00: the 2-hour window's last minute is 12:00. `n` may stop before
    // (a hint is due at 11:10), but never goes past 12:00 without stopping there.
    let noon = app
        .sim()
        .now()
        .date()
        .and_hms_opt(12, 0, 0)
        .expect("a time");
    while app.sim().now() < noon {
        press(&mut app, &[KeyCode::Char('n')]);
    }
    assert_eq!(app.sim().now(), noon);
    assert!(
        possible(&app, "A-1001", "Cancel order"),
        "at 12:00 the window is still open"
    );
    let said: Vec<&str> = app.notices.iter().map(|n| n.text.as_str()).collect();
    assert!(
        said.iter()
            .any(|t| t.contains("last moment to cancel directly")),
        "the stop says why: {said:?}"
    );
    press(&mut app, &[KeyCode::Char('n')]);
    assert!(app.sim().now() > noon);
    assert!(
        !possible(&app, "A-1001", "Cancel order"),
        "after 12:00 it is closed"
    );
}

#[test]
fn n_stops_when_a_no_tracking_dispute_becomes_possible() {
    let mut app = started();
    // The lamp ships (genuine tracking) and six days later the dispute may be opened.
    advance_until(
        &mut app,
        20,
        "a dispute on the lamp becomes possible",
        |app| possible(app, "A-1001", "Dispute: no tracking"),
    );
    let shipped = app
        .sim()
        .world()
        .order("A-1001")
        .and_then(|o| o.shipped_at)
        .expect("shipped");
    let opens = app
        .sim()
        .calendar()
        .add(shipped, app.sim().policy().no_tracking_dispute_after);
    assert_eq!(
        app.sim().now(),
        opens,
        "n stopped exactly when it opened, not later"
    );
}

#[test]
fn h_and_d_stop_at_the_time_limit() {
    let mut app = started();
    let limit = app.session.limit().expect("scenario 01 has a limit");
    for _ in 0..40 {
        if app.session.ending().is_some() {
            break;
        }
        press(&mut app, &[KeyCode::Char('D')]);
    }
    assert_eq!(app.sim().now(), limit);
    assert_eq!(
        app.session.ending(),
        Some(shopsim::training::Ending::TimeUp)
    );
}

#[test]
fn resuming_the_clock_after_a_pause_does_not_jump_it() {
    let mut app = started();
    app.clock.speed = shopsim::ui::clock::SPEEDS.len() - 1; // a day per second
    let t0 = Instant::now();
    press(&mut app, &[KeyCode::Char('p')]);
    app.on_tick(t0);
    app.on_tick(t0 + Duration::from_millis(100));
    press(&mut app, &[KeyCode::Char('p')]);
    let paused_at = app.sim().now();
    // 5.3 s later the trainee resumes: the first ticks pay out only what runs from there.
    press(&mut app, &[KeyCode::Char('p')]);
    app.on_tick(t0 + Duration::from_millis(5400));
    app.on_tick(t0 + Duration::from_millis(5500));
    let moved = app.sim().now() - paused_at;
    assert!(
        moved <= chrono::Duration::hours(3),
        "resuming jumped the clock by {moved}"
    );
}

#[test]
fn the_running_clock_pauses_for_an_offer_and_says_why() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Dispute: no tracking");
    type_text(&mut app, "No scan since it was shipped.");
    press(&mut app, &[KeyCode::Tab]);
    type_text(&mut app, "tracking.png");
    app.on_key(ctrl('s'));
    assert!(app.dialog().is_none(), "sent");
    press(&mut app, &[KeyCode::Char('p')]);
    let mut at = Instant::now();
    let offered = |app: &App| {
        matches!(
            app.sim()
                .world()
                .order("A-0987")
                .and_then(|o| o.dispute.as_ref())
                .map(|d| d.stage.clone()),
            Some(DisputeStage::CounterOffer(_))
        )
    };
    for _ in 0..5000 {
        if app.clock.paused() {
            if offered(&app) {
                break;
            }
            // It paused for something else (a window closing): run it again.
            press(&mut app, &[KeyCode::Char('p')]);
        }
        app.on_tick(at);
        at += Duration::from_millis(100);
    }
    assert!(app.clock.paused(), "the clock paused by itself");
    assert!(offered(&app));
    let offer_at = app
        .sim()
        .log()
        .iter()
        .rev()
        .find(|e| matches!(e.fact, shopsim::sim::log::Fact::CounterOffer { .. }))
        .map(|e| e.at)
        .expect("the offer is logged");
    assert_eq!(app.sim().now(), offer_at, "it paused at the offer's minute");
    assert!(
        status_text(&app).contains("Waiting for your answer"),
        "{}",
        status_text(&app)
    );
}

// ---- Safe keys ----

/// Enter and Esc only, pressed through one order's page and whatever they open.
fn enter_and_esc(app: &mut App, seed: u64) {
    let mut x = seed | 1;
    for _ in 0..40 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let key = if x.is_multiple_of(3) {
            KeyCode::Esc
        } else {
            KeyCode::Enter
        };
        press(app, &[key]);
        if app.showing_debrief() || app.should_quit {
            return;
        }
    }
}

#[test]
fn enter_and_esc_alone_never_do_anything_that_cannot_be_undone() {
    for (path, text) in library() {
        let app = started_with(&path, &text);
        let orders: Vec<(String, String)> = shopsim::summary::summary(app.sim())
            .groups
            .into_iter()
            .flat_map(|g| {
                let name = g.name.clone();
                g.orders.into_iter().map(move |o| (name.clone(), o.id))
            })
            .collect();
        for (seed, (group, order)) in orders.iter().enumerate() {
            let mut app = started_with(&path, &text);
            open_order(&mut app, group, order);
            enter_and_esc(&mut app, seed as u64 + 7);
            let final_ones: Vec<String> = app
                .session
                .coach()
                .journal
                .iter()
                .filter(|j| j.action.cannot_be_undone().is_some())
                .map(|j| j.action.describe())
                .collect();
            assert!(final_ones.is_empty(), "{path} {order}: {final_ones:?}");
        }
        // The cart: Enter checks out and offers to pay; paying waits for y.
        let mut app = started_with(&path, &text);
        enter_and_esc(&mut app, 99);
        let paid: Vec<String> = app
            .session
            .coach()
            .journal
            .iter()
            .filter(|j| j.action.cannot_be_undone().is_some())
            .map(|j| j.action.describe())
            .collect();
        assert!(paid.is_empty(), "{path} cart: {paid:?}");
    }
}

#[test]
fn the_cursor_never_starts_on_an_action_that_cannot_be_undone() {
    for (path, text) in library() {
        let app = started_with(&path, &text);
        for order in app.sim().world().orders() {
            let detail = shopsim::ui::tabs::Detail::new(&order.id);
            let offers = listed_offers(&app, &order.id);
            if let Some(i) = detail.selected(&offers) {
                assert!(
                    offers[i].action.cannot_be_undone().is_none(),
                    "{path} {}: the cursor starts on {}",
                    order.id,
                    offers[i].label
                );
            }
        }
    }
}

#[test]
fn confirming_receipt_of_a_parcel_that_never_came_takes_an_explicit_y() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Confirm receipt");
    assert!(matches!(app.dialog(), Some(Dialog::Confirm(_))));
    press(&mut app, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert!(matches!(app.dialog(), Some(Dialog::Confirm(c)) if c.nudged));
    assert_eq!(
        app.sim().world().order("A-0987").map(|o| o.state),
        Some(OrderState::Shipped),
        "Enter did not pay the seller"
    );
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.dialog().is_none());
    assert!(app.session.coach().journal.is_empty());
}

#[test]
fn the_cursor_stays_on_its_action_when_the_list_re_sorts() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    // Choose the greyed "Dispute: no tracking", then let the story move it up the list.
    let offers = listed_offers(&app, "A-1001");
    let target = offers
        .iter()
        .position(|o| o.label == "Dispute: no tracking")
        .expect("listed");
    press_n(&mut app, KeyCode::Up, offers.len());
    press_n(&mut app, KeyCode::Down, target);
    let chosen = app.orders.detail.as_ref().and_then(|d| d.action.clone());
    assert_eq!(chosen.as_deref(), Some("Dispute: no tracking"));
    let before = listed_offers(&app, "A-1001")
        .iter()
        .position(|o| o.label == "Dispute: no tracking");
    advance_until(&mut app, 20, "the dispute becomes possible", |app| {
        possible(app, "A-1001", "Dispute: no tracking")
    });
    let offers = listed_offers(&app, "A-1001");
    let after = offers
        .iter()
        .position(|o| o.label == "Dispute: no tracking");
    assert_ne!(before, after, "the list re-sorted");
    let detail = app.orders.detail.as_ref().expect("still on the order");
    assert_eq!(
        detail.selected(&offers).map(|i| offers[i].label.as_str()),
        Some("Dispute: no tracking"),
        "the cursor followed the action"
    );
}

#[test]
fn enter_on_a_greyed_action_with_a_reason_picker_sends_no_reason_nobody_chose() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    // Inside the window, "Ask support to cancel" is greyed: Enter explains, nothing is sent.
    let logged = app.sim().log().len();
    choose_action(&mut app, "Ask support to cancel");
    assert!(matches!(app.dialog(), Some(Dialog::Message { .. })));
    press(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.sim().log().len(), logged, "nothing was sent");
    assert!(
        app.session.coach().journal.is_empty(),
        "nothing is recorded"
    );
    assert!(
        app.session.coach().mistakes.is_empty(),
        "no mistake is invented"
    );
    // No reason was chosen, so none appears anywhere the instructor reads.
    let report = app.session.debrief().markdown();
    for reason in &app.sim().policy().cancel_reasons {
        assert!(
            !report.contains(&reason.text),
            "an invented reason: {report}"
        );
    }
}

// ---- A fair debrief ----

#[test]
fn a_request_refused_by_support_is_in_the_debrief_without_an_authored_mistake() {
    let path = "scenarios/04_shop_cancel_before_and_after.ron";
    let text = std::fs::read_to_string(path).expect("scenario 04");
    let mut app = started_with(path, &text);
    let step = app.session.apply(
        shopsim::sim::Action::AskSupportToCancel {
            order: "S-5077".into(),
            reason: "Found a more suitable product".into(),
        },
        0,
    );
    assert!(step.refused.is_none(), "support takes the request");
    advance_until(&mut app, 20, "support answers", |app| {
        !app.sim().refused_requests().is_empty()
    });
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    let debrief = app.session.result().expect("ended").clone();
    assert!(
        debrief
            .refused
            .iter()
            .any(|r| r.by == "support" && r.request.contains("S-5077")),
        "{:?}",
        debrief.refused
    );
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Refused requests"), "{text}");
    assert!(text.contains("refused by support"), "{text}");
    assert!(debrief.markdown().contains("refused by support"));
}

#[test]
fn a_rewind_is_in_the_debrief_with_what_it_undid() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Confirm receipt");
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(app.session.coach().mistakes.len(), 1, "a mistake was made");
    press(
        &mut app,
        &[KeyCode::Char('u'), KeyCode::Down, KeyCode::Enter],
    );
    assert!(app.session.coach().journal.is_empty(), "rewound");
    assert_eq!(
        app.sim().world().order("A-0987").map(|o| o.state),
        Some(OrderState::Shipped)
    );
    let debrief = app.session.debrief();
    assert_eq!(debrief.rewinds.len(), 1);
    assert!(debrief.rewinds[0].undone[0].contains("confirm receipt of A-0987"));
    assert_eq!(debrief.rewinds[0].mistakes_undone.len(), 1);
    assert!(debrief.markdown().contains("a mistake it undid"));
}

#[test]
fn goals_that_hold_until_broken_are_holding_and_score_nothing_until_the_end() {
    let app = started();
    let coach = app.session.coach();
    let promise = coach
        .spec
        .objectives
        .iter()
        .position(|o| o.text.starts_with("Never confirm receipt"))
        .expect("scenario 01 has a promise");
    assert_eq!(coach.status[promise], shopsim::training::Status::Holding);
    assert_eq!(coach.score().0, 0, "nothing is earned at the start");
}

#[test]
fn the_debrief_stops_scrolling_at_its_end() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    assert!(app.showing_debrief());
    render(&mut app, 80, 24);
    press_n(&mut app, KeyCode::Down, 200);
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("Refused requests"),
        "the end is in view:\n{shown}"
    );
    press(&mut app, &[KeyCode::Up]);
    let up = screen(&mut app, 80, 24);
    assert_ne!(
        up, shown,
        "one step up shows something new: no scrolling into empty space"
    );
}

#[test]
fn hints_in_the_debrief_are_only_those_shown_when_the_clock_stopped() {
    let mut app = started();
    let mut stops = Vec::new();
    for _ in 0..12 {
        press(&mut app, &[KeyCode::Char('n')]);
        stops.push(app.sim().now());
        if app.session.ending().is_some() {
            break;
        }
    }
    for hint in &app.session.coach().hints {
        assert!(
            stops.contains(&hint.at),
            "a hint at {} was revealed in the middle of a jump",
            hint.at
        );
    }
}

// ---- Readable history ----

#[test]
fn the_timeline_shows_the_newest_first_and_notices_are_kept() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Char('n')]);
    }
    let order = app.sim().world().order("A-1001").expect("the order");
    let newest = app
        .sim()
        .timeline(order)
        .last()
        .map(|(_, text)| text.to_owned())
        .expect("a timeline");
    let screen = rows(render(&mut app, 80, 24).backend().buffer());
    let timeline = screen
        .iter()
        .position(|r| r.contains("Timeline, newest first"))
        .expect("the timeline heading is in view");
    let head: String = newest.chars().take(20).collect();
    assert!(
        screen[timeline + 1].contains(&head),
        "{}\n{newest}",
        screen[timeline + 1]
    );
    // Every notice so far is in the history `m` opens.
    press(&mut app, &[KeyCode::Char('m')]);
    assert!(app.showing_notices());
    let text = screen_text(&mut app);
    let first = &app.notices.last().expect("notices").text;
    let head: String = first.chars().take(20).collect();
    assert!(text.contains(&head), "{text}");
}

fn screen_text(app: &mut App) -> String {
    screen(app, 120, 40)
}

#[test]
fn a_refusal_stays_in_the_notices_after_the_next_step() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Pay");
    press(&mut app, &[KeyCode::Esc, KeyCode::Char('n')]);
    assert!(
        app.notices
            .iter()
            .any(|n| n.kind == StatusKind::Refusal && n.text.contains("Pay")),
        "{:?}",
        app.notices
    );
}

#[test]
fn the_event_log_wraps_long_lines_instead_of_cutting_them() {
    let mut app = started();
    for _ in 0..4 {
        press(&mut app, &[KeyCode::Char('n')]);
    }
    press(&mut app, &[KeyCode::Char('e')]);
    let newest = app.sim().log().last().expect("a log").text.clone();
    let text = rows(render(&mut app, 80, 24).backend().buffer()).join(" ");
    let last_word = newest.split_whitespace().last().expect("words");
    assert!(
        text.contains(last_word),
        "the end of the newest line is shown:\n{text}"
    );
}

#[test]
fn the_box_under_the_actions_holds_the_whole_reason_at_80_by_24() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    let offers = listed_offers(&app, "A-1001");
    for (i, offer) in offers.iter().enumerate() {
        let Err(refusal) = &offer.verdict else {
            continue;
        };
        press_n(&mut app, KeyCode::Up, offers.len());
        press_n(&mut app, KeyCode::Down, i);
        let text = rows(render(&mut app, 80, 24).backend().buffer()).join(" ");
        let last = refusal.reason.split_whitespace().last().expect("words");
        assert!(
            text.contains(last),
            "{}: {:?} is cut:\n{text}",
            offer.label,
            refusal.reason
        );
    }
}

// ---- Mouse ----

#[test]
fn the_wheel_over_a_confirmation_does_not_move_the_list_under_it() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Confirm receipt");
    let chosen = app.orders.detail.as_ref().and_then(|d| d.action.clone());
    render(&mut app, 80, 24);
    for _ in 0..5 {
        wheel(&mut app, 70, 5, true);
    }
    assert!(
        matches!(app.dialog(), Some(Dialog::Confirm(_))),
        "the confirmation stays"
    );
    assert_eq!(
        app.orders.detail.as_ref().and_then(|d| d.action.clone()),
        chosen
    );
}

#[test]
fn clicks_land_on_what_is_drawn_beside_the_goals_panel() {
    let mut app = started();
    open_order(&mut app, "Shipped", "A-0987");
    let (x, y) = find_on_screen(&mut app, 130, 40, "Dispute: no tracking").expect("drawn");
    assert!(matches!(app.hits.at(x, y), Some(Target::Action(_))));
    click(&mut app, x, y);
    assert!(
        matches!(app.dialog(), Some(Dialog::Form(_))),
        "a click on the action opened its form: {:?}",
        app.dialog().map(|d| d.keys())
    );
    press(&mut app, &[KeyCode::Esc]);
    // A click inside the goals panel does nothing to the order under it.
    let (gx, gy) = find_on_screen(&mut app, 130, 40, "Goals · g hides").expect("the panel");
    for dy in 1..20 {
        click(&mut app, gx + 2, gy + dy);
        assert!(
            app.dialog().is_none(),
            "a click in the goals panel opened something"
        );
    }
    assert!(app.session.coach().journal.is_empty());
}

#[test]
fn a_click_in_a_scrolled_action_list_picks_the_row_under_the_mouse() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    let offers = listed_offers(&app, "A-1001");
    // The last action: the list scrolls to show it at 80×24.
    press_n(&mut app, KeyCode::Down, offers.len());
    render(&mut app, 80, 24);
    let last = &offers[offers.len() - 1].label;
    let (x, y) = find_on_screen(&mut app, 80, 24, last).expect("the last action is in view");
    let before_last = &offers[offers.len() - 2].label;
    click(&mut app, x, y - 1);
    let now = app.orders.detail.as_ref().and_then(|d| d.action.clone());
    assert_eq!(
        now.as_deref(),
        Some(before_last.as_str()),
        "the row above was clicked"
    );
    press(&mut app, &[KeyCode::Esc]);
}

// ---- After the end ----

fn exam(path: &str) -> App {
    let text = std::fs::read_to_string(path).expect("scenario");
    let scenario = shopsim::scenario::load(path, &text).expect("valid");
    let mut app = App::with_mode(&scenario, shopsim::training::Mode::Exam);
    press(&mut app, &[KeyCode::Enter]);
    app
}

#[test]
fn an_ended_exam_refuses_every_action_and_keeps_its_result() {
    let mut app = exam("scenarios/01_quick_cancel_window.ron");
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    let result = app.session.result().expect("ended").clone();
    let step = app.session.apply(
        shopsim::sim::Action::CancelOrder {
            order: "A-1001".into(),
            reason: None,
            items: Vec::new(),
        },
        0,
    );
    assert!(
        step.refused
            .is_some_and(|r| r.reason.contains("exam has ended"))
    );
    assert_eq!(
        app.sim().world().order("A-1001").map(|o| o.state),
        Some(OrderState::AwaitingShipment)
    );
    assert_eq!(app.session.debrief().score, result.score);
}

#[test]
fn practice_plays_on_after_the_end_as_a_sandbox_that_scores_nothing() {
    let mut app = started();
    let limit = app.session.limit().expect("a limit");
    while app.session.ending().is_none() {
        press(&mut app, &[KeyCode::Char('D')]);
    }
    assert_eq!(app.sim().now(), limit);
    let result = app.session.result().expect("ended").clone();
    press(&mut app, &[KeyCode::Enter]);
    assert!(app.session.is_sandbox());
    assert!(screen(&mut app, 80, 24).contains("SANDBOX"));
    press(&mut app, &[KeyCode::Char('D')]);
    assert!(app.sim().now() > limit, "the sandbox has no limit");
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Confirm receipt");
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(
        app.sim().world().order("A-0987").map(|o| o.state),
        Some(OrderState::Received),
        "the sandbox acts"
    );
    let after = app.session.debrief();
    assert_eq!(after.score, result.score, "but scores nothing");
    assert_eq!(after.mistakes.len(), result.mistakes.len());
    assert_eq!(after.ended, result.ended);
}

#[test]
fn the_score_never_goes_below_zero() {
    let path = "scenarios/01_quick_cancel_window.ron";
    let text = std::fs::read_to_string(path).expect("scenario");
    let scenario = shopsim::scenario::load(path, &text).expect("valid");
    let mut spec = scenario.file.training.clone().expect("a training block");
    for mistake in &mut spec.mistakes {
        mistake.penalty = 1000;
    }
    let mut session = shopsim::training::Session::new(
        std::sync::Arc::clone(&scenario.setup),
        spec,
        shopsim::training::Mode::Practice,
        "penalties",
    );
    session.apply(
        shopsim::sim::Action::ConfirmReceipt {
            order: "A-0987".into(),
        },
        0,
    );
    assert_eq!(session.coach().mistakes.len(), 1);
    session.stop(0);
    let debrief = session.debrief();
    assert_eq!(debrief.score, 0);
    assert!(debrief.score <= debrief.possible);
}

// ---- Found by trying it as a trainee would ----

#[test]
fn a_rewind_keeps_goals_met_before_its_point_with_their_times() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Cancel order");
    press(&mut app, &[KeyCode::Char('1'), KeyCode::Char('y')]);
    let met = app.session.coach().status[0];
    assert!(matches!(met, shopsim::training::Status::Met(_)), "{met:?}");
    press_n(&mut app, KeyCode::Char('n'), 4);
    open_order(&mut app, "Shipped", "A-0987");
    choose_action(&mut app, "Leave review");
    press(&mut app, &[KeyCode::Esc]);
    choose_action(&mut app, "Confirm receipt");
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(app.session.coach().journal.len(), 2);
    // Undo the receipt (the newest entry): the cancellation and its goal stay as they were.
    press(
        &mut app,
        &[KeyCode::Char('u'), KeyCode::Down, KeyCode::Enter],
    );
    assert_eq!(app.session.coach().journal.len(), 1);
    assert_eq!(
        app.session.coach().status[0],
        met,
        "still met, at the same time"
    );
    assert_eq!(app.session.debrief().rewinds.len(), 1);
}

#[test]
fn every_stop_of_n_is_a_whole_minute() {
    for (path, text) in library() {
        let mut app = started_with(&path, &text);
        for _ in 0..60 {
            if app.session.ending().is_some() {
                break;
            }
            press(&mut app, &[KeyCode::Char('n')]);
            if app.session.ending().is_some() {
                break;
            }
            let now = app.sim().now();
            assert!(
                app.sim().next_event_at().is_none_or(|at| at > now),
                "{path}: stopped at {now} with more due in the same minute"
            );
        }
    }
}

#[test]
fn the_clock_holds_while_a_question_is_open() {
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    press(&mut app, &[KeyCode::Char('p')]);
    choose_action(&mut app, "Cancel order");
    press(&mut app, &[KeyCode::Char('1')]);
    assert!(matches!(app.dialog(), Some(Dialog::Confirm(_))));
    let asked_at = app.sim().now();
    let mut at = Instant::now();
    for _ in 0..100 {
        app.on_tick(at);
        at += Duration::from_millis(100);
    }
    assert_eq!(
        app.sim().now(),
        asked_at,
        "nothing moved under the question"
    );
    press(&mut app, &[KeyCode::Char('y')]);
    assert_eq!(
        app.sim().world().order("A-1001").map(|o| o.state),
        Some(OrderState::Refunding)
    );
}

#[test]
fn n_stops_when_a_refund_becomes_late() {
    let path = "scenarios/05_refund_stalls_after_sent.ron";
    let text = std::fs::read_to_string(path).expect("scenario 05");
    let mut app = started_with(path, &text);
    let step = app.session.apply(
        shopsim::sim::Action::CancelOrder {
            order: "E-5230".into(),
            reason: Some("Wrong choice of product".into()),
            items: Vec::new(),
        },
        0,
    );
    assert!(step.refused.is_none());
    advance_until(&mut app, 40, "the refund is late", |app| {
        app.sim()
            .log()
            .iter()
            .any(|e| matches!(e.fact, shopsim::sim::log::Fact::RefundLate { .. }))
    });
    let refund = app
        .sim()
        .world()
        .refunds_of("E-5230")
        .next()
        .expect("a refund");
    assert_eq!(app.sim().refund_late_from(refund), Some(app.sim().now()));
    assert!(status_text(&app).contains("late"), "{}", status_text(&app));
}

#[test]
fn the_seller_refusing_a_dispute_is_news_the_trainee_sees() {
    let mut app = started();
    let step = app.session.apply(
        shopsim::sim::Action::OpenDispute {
            order: "A-0987".into(),
            kind: shopsim::sim::world::DisputeKind::NoTrackingInfo,
            description: "No scan".into(),
            evidence: vec!["tracking.png".into()],
            amount: None,
        },
        0,
    );
    assert!(step.refused.is_none());
    advance_until(&mut app, 20, "an offer", |app| {
        possible(app, "A-0987", "Reject offer")
    });
    open_order(&mut app, "Disputes & refunds", "A-0987");
    choose_action(&mut app, "Reject offer");
    press(&mut app, &[KeyCode::Char('y')]);
    advance_until(&mut app, 20, "the seller refuses", |app| {
        app.notices
            .iter()
            .any(|n| n.text.contains("refused the dispute"))
    });
}

#[test]
fn a_session_that_meets_its_goals_in_the_middle_of_a_move_ends_right_there() {
    for (path, text) in library() {
        let scenario = shopsim::scenario::load(&path, &text).expect("valid");
        let solution = shopsim::scenario::actions::solution_path(&path);
        let Ok(script_text) = std::fs::read_to_string(&solution) else {
            continue;
        };
        let script = shopsim::scenario::actions::load_for(&solution, &script_text, &scenario)
            .expect("valid actions");
        let run = scenario.replay(&script, None);
        let result = run.session.result().expect("the run ends").clone();
        if result.ending != Some(shopsim::training::Ending::AllRequiredMet) {
            continue;
        }
        let last_met = result
            .objectives
            .iter()
            .filter(|o| o.required)
            .filter_map(|o| o.at)
            .max()
            .expect("required goals were met");
        assert_eq!(
            result.ended, last_met,
            "{path}: the debrief is taken when the goals are met"
        );
    }
}

#[test]
fn quitting_at_once_earns_nothing_for_harm_not_done() {
    let mut app = started();
    press(&mut app, &[KeyCode::Char('q'), KeyCode::Char('y')]);
    let result = app.session.result().expect("ended");
    assert_eq!(result.score, 0, "{:?}", result.objectives);
    assert!(result.objectives.iter().all(|o| !o.achieved));
}

#[test]
fn an_ended_exam_shows_its_debrief_again_before_leaving() {
    let mut app = exam("scenarios/01_quick_cancel_window.ron");
    while app.session.ending().is_none() {
        press(&mut app, &[KeyCode::Char('D')]);
    }
    assert!(app.showing_debrief());
    press(&mut app, &[KeyCode::Enter]);
    assert!(!app.showing_debrief(), "Enter looks around");
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.showing_debrief(), "q shows the debrief again");
    assert!(!app.should_quit);
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.should_quit);
}

#[test]
fn keys_wait_while_the_terminal_is_too_small() {
    let mut app = started();
    render(
        &mut app,
        shopsim::ui::draw::MIN_WIDTH - 1,
        shopsim::ui::draw::MIN_HEIGHT,
    );
    let now = app.sim().now();
    press(
        &mut app,
        &[KeyCode::Char('n'), KeyCode::Char('D'), KeyCode::Char('2')],
    );
    assert_eq!(app.sim().now(), now);
    assert_eq!(app.tab, shopsim::ui::app::Tab::Cart);
    render(&mut app, 80, 24);
    press(&mut app, &[KeyCode::Char('2')]);
    assert_eq!(app.tab, shopsim::ui::app::Tab::Orders);
}
