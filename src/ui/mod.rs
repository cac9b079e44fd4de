//! The trainee's terminal UI. It sends the core's trainee actions and draws the core's
//! state; every rule, and every reason for a refusal, comes from `crate::sim`.

pub mod app;
pub mod checklist;
pub mod clock;
pub mod command;
pub mod dialog;
pub mod draw;
pub mod menu;
pub mod tabs;
pub mod theme;

use crate::scenario::Scenario;
use app::App;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io::stdout;
use std::time::Instant;

/// Plays a scenario until the trainee quits. The terminal is restored on every way out:
/// normal quit, error, and panic.
pub fn run(scenario: &Scenario) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    install_mouse_restoring_panic_hook();
    let _ = execute!(stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, App::new(scenario));
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn install_mouse_restoring_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, mut app: App) -> anyhow::Result<()> {
    let mut last_tick = Instant::now();
    let mut dirty = true;
    while !app.should_quit {
        if dirty {
            terminal.draw(|frame| draw::draw(&app, frame))?;
            dirty = false;
        }
        // Paused: block until input, so an idle simulator uses no CPU.
        let ready = match app.clock.tick() {
            None => true,
            Some(timeout) => event::poll(timeout)?,
        };
        if ready {
            let event = event::read()?;
            let size = terminal.size()?;
            let screen = ratatui::layout::Rect::new(0, 0, size.width, size.height);
            dirty |= app.on_event(&event, screen);
        }
        let now = Instant::now();
        if app.clock.paused {
            last_tick = now;
        } else if now.duration_since(last_tick).as_millis() >= 100 {
            dirty |= app.on_tick(now.duration_since(last_tick));
            last_tick = now;
        }
    }
    Ok(())
}
