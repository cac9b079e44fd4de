//! Shared helpers for the UI tests (snapshots and flows): build an `App` from a scenario,
//! press keys, draw into a `TestBackend`, read the screen back, and move around the tabs.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shopsim::sim::Offer;
use shopsim::ui::app::App;
use unicode_width::UnicodeWidthStr;

pub const DEFAULT_PATH: &str = "scenarios/01_quick_cancel_window.ron";
pub const DEFAULT_SCENARIO: &str = include_str!("../../scenarios/01_quick_cancel_window.ron");

/// An app for the scenario text, with the briefing still up.
pub fn app_for(path: &str, text: &str) -> App {
    let scenario = shopsim::scenario::load(path, text)
        .unwrap_or_else(|report| panic!("{path} does not load: {report:?}"));
    App::new(&scenario)
}

/// The default scenario as the trainee first sees it: briefing up, clock paused.
pub fn fresh_app() -> App {
    app_for(DEFAULT_PATH, DEFAULT_SCENARIO)
}

/// The default scenario with the briefing dismissed (by its first key), on the Cart tab.
pub fn started() -> App {
    let mut app = fresh_app();
    press(&mut app, &[KeyCode::Enter]);
    assert!(
        !app.showing_briefing(),
        "the first key dismisses the briefing"
    );
    app
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Presses these keys, one after the other.
pub fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        app.on_key(key(*code));
    }
}

/// Presses `code` `times` times.
pub fn press_n(app: &mut App, code: KeyCode, times: usize) {
    for _ in 0..times {
        app.on_key(key(code));
    }
}

/// Types text into whatever has the focus; "\n" is the Enter key.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        app.on_key(key(code));
    }
}

/// Draws the whole app into a test terminal of this size.
pub fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| shopsim::ui::draw::draw(app, frame))
        .expect("drawing never fails on a test backend");
    terminal
}

/// The screen's rows as text, as a person reads them (a wide character counts once).
pub fn rows(buffer: &Buffer) -> Vec<String> {
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|cells| {
            let mut row = String::new();
            let mut skip = 0usize;
            for cell in cells {
                if skip == 0 {
                    row.push_str(cell.symbol());
                }
                skip = skip.max(cell.symbol().width()).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The whole screen at this size as text, one line per row.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    rows(render(app, width, height).backend().buffer()).join("\n")
}

/// Names of the policy's status groups with their counts, as My Orders shows them.
pub fn group_counts(app: &App) -> Vec<(String, usize)> {
    shopsim::summary::summary(app.sim())
        .groups
        .into_iter()
        .map(|g| (g.name, g.count))
        .collect()
}

pub fn group_count(app: &App, group: &str) -> usize {
    group_counts(app)
        .into_iter()
        .find(|(name, _)| name == group)
        .unwrap_or_else(|| panic!("no status group {group:?}"))
        .1
}

/// The order's actions as the detail view lists them: possible ones first.
pub fn listed_offers(app: &App, order: &str) -> Vec<Offer> {
    let mut offers = app.sim().offers(order);
    offers.sort_by_key(|o| o.verdict.is_err());
    offers
}

/// Goes to My Orders and opens `order` from the status group `group`, with keys only.
pub fn open_order(app: &mut App, group: &str, order: &str) {
    press(app, &[KeyCode::Char('2')]);
    if app.orders.detail.is_some() {
        press(app, &[KeyCode::Esc]);
    }
    let groups = shopsim::summary::summary(app.sim()).groups;
    let g = groups
        .iter()
        .position(|x| x.name == group)
        .unwrap_or_else(|| panic!("no status group {group:?}"));
    let i = groups[g]
        .orders
        .iter()
        .position(|o| o.id == order)
        .unwrap_or_else(|| panic!("{order} is not in {group:?}"));
    // ← puts the selection back on the groups; ↑ as often as there are groups reaches the top.
    press(app, &[KeyCode::Left]);
    press_n(app, KeyCode::Up, groups.len());
    press_n(app, KeyCode::Down, g);
    press(app, &[KeyCode::Right]);
    press_n(app, KeyCode::Up, groups[g].orders.len());
    press_n(app, KeyCode::Down, i);
    press(app, &[KeyCode::Enter]);
    assert_eq!(
        app.orders.detail.as_ref().map(|d| d.order.as_str()),
        Some(order),
        "the detail of {order} is open"
    );
}

/// In an open order: moves to the action labelled `label` and presses Enter.
pub fn choose_action(app: &mut App, label: &str) {
    let order = app
        .orders
        .detail
        .as_ref()
        .expect("an order is open")
        .order
        .clone();
    let offers = listed_offers(app, &order);
    let target = offers
        .iter()
        .position(|o| o.label == label)
        .unwrap_or_else(|| panic!("{order} offers no {label:?}"));
    press_n(app, KeyCode::Up, offers.len());
    press_n(app, KeyCode::Down, target);
    press(app, &[KeyCode::Enter]);
}

/// Whether the core would take the action labelled `label` on `order` now.
pub fn possible(app: &App, order: &str, label: &str) -> bool {
    app.sim()
        .offers(order)
        .iter()
        .any(|o| o.label == label && o.verdict.is_ok())
}

/// Presses `n` (next event) until `done` holds; fails after `max` presses, saying where the
/// clock stopped. A training session that ends on the way shows its debrief: Esc closes it
/// and play goes on.
pub fn advance_until(app: &mut App, max: usize, what: &str, done: impl Fn(&App) -> bool) {
    for _ in 0..max {
        if done(app) {
            return;
        }
        press(app, &[KeyCode::Char('n')]);
        if app.showing_debrief() {
            press(app, &[KeyCode::Esc]);
            assert!(!app.should_quit, "closing the debrief of an ended session");
        }
    }
    assert!(
        done(app),
        "{what}: not reached after {max} presses of n; the clock is at {}, status {:?}",
        app.sim().now(),
        app.status
    );
}
