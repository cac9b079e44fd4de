//! The UI's frames at a story's size: each tab drawn at 160×50, against the floor of
//! ratatui drawing a bare `Table` of the same visible rows; and a key answered and drawn,
//! against the same floor. Both go through a `TestBackend`, so the terminal is left out.

use crate::measure::{Timing, duration, ratio, time};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Constraint;
use ratatui::widgets::{Block, Row, Table};
use shopsim::scenario::Scenario;
use shopsim::ui::app::{App, Tab};
use std::time::Instant;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 50;

pub struct Frames {
    pub tabs: Vec<(String, Timing)>,
    pub floor: Timing,
    pub first_frame: std::time::Duration,
    pub key_to_frame: Timing,
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test backend")
}

/// The floor: a bordered table of as many rows as My Orders shows, four short columns.
fn bare_table(terminal: &mut Terminal<TestBackend>, rows: &[[String; 4]]) {
    terminal
        .draw(|frame| {
            let table = Table::new(
                rows.iter().map(|r| Row::new(r.clone())),
                [
                    Constraint::Length(8),
                    Constraint::Fill(1),
                    Constraint::Length(9),
                    Constraint::Length(20),
                ],
            )
            .block(Block::bordered());
            frame.render_widget(table, frame.area());
        })
        .expect("draw");
}

pub fn measure(scenario: &Scenario) -> Frames {
    let started = Instant::now();
    let mut app = App::new(scenario);
    app.overlays.clear();
    let mut term = terminal();
    term.draw(|f| shopsim::ui::draw::draw(&mut app, f))
        .expect("draw");
    let first_frame = started.elapsed();

    let mut tabs = Vec::new();
    let biggest = (0..scenario.policy.status_groups.len())
        .max_by_key(|g| app.sim().group_len(*g))
        .unwrap_or(0);
    for (name, tab, group, panels) in [
        ("My Orders, first group", Tab::Orders, Some(0), false),
        (
            "My Orders, biggest group",
            Tab::Orders,
            Some(biggest),
            false,
        ),
        ("  + event log, coming up", Tab::Orders, Some(biggest), true),
        ("Finances", Tab::Finances, None, false),
        ("Support", Tab::Support, None, false),
        ("Cart", Tab::Cart, None, false),
    ] {
        app.tab = tab;
        app.show_log = panels;
        app.show_ahead = panels;
        if let Some(group) = group {
            app.orders.group = group;
            app.orders.in_orders = true;
            app.orders.selected = app.sim().group_len(group) / 2;
        }
        let (timing, _) = time(
            || (),
            |()| {
                term.draw(|f| shopsim::ui::draw::draw(&mut app, f))
                    .expect("draw");
            },
        );
        tabs.push((name.to_owned(), timing));
    }

    let rows: Vec<[String; 4]> = (0..HEIGHT as usize - 7)
        .map(|i| {
            [
                format!("A-{i:05}"),
                "Bluetooth speaker, 20 W".to_owned(),
                "$39.90".to_owned(),
                "Awaiting shipment".to_owned(),
            ]
        })
        .collect();
    let mut floor_terminal = terminal();
    let (floor, _) = time(|| (), |()| bare_table(&mut floor_terminal, &rows));

    // A key in the biggest group, answered and drawn: what a trainee waits for.
    app.tab = Tab::Orders;
    app.orders.group = biggest;
    let mut down = true;
    let (key_to_frame, _) = time(
        || (),
        |()| {
            key(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
            down = !down;
            term.draw(|f| shopsim::ui::draw::draw(&mut app, f))
                .expect("draw");
        },
    );
    Frames {
        tabs,
        floor,
        first_frame,
        key_to_frame,
    }
}

pub fn print(frames: &Frames) {
    println!(
        "  frames at {WIDTH}×{HEIGHT} (the floor: a bare ratatui Table of the same visible rows, {})",
        duration(frames.floor.median)
    );
    for (name, timing) in &frames.tabs {
        println!(
            "  {:<30} {:>10} [{}]   ratio {}",
            name,
            duration(timing.median),
            timing.runs,
            ratio(
                timing.median.as_secs_f64(),
                frames.floor.median.as_secs_f64()
            )
        );
    }
    println!(
        "  {:<30} {:>10}   (the app built, its simulation set up, one frame drawn)",
        "first frame",
        duration(frames.first_frame)
    );
    println!(
        "  {:<30} {:>10} [{}]   ratio {}",
        "key to frame (↓ in My Orders)",
        duration(frames.key_to_frame.median),
        frames.key_to_frame.runs,
        ratio(
            frames.key_to_frame.median.as_secs_f64(),
            frames.floor.median.as_secs_f64()
        )
    );
}
