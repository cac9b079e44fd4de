//! The trainee's terminal UI. It sends the core's trainee actions and draws the core's
//! state; every rule, and every reason for a refusal, comes from `crate::sim`.

pub mod app;
pub mod checklist;
pub mod clock;
pub mod command;
pub mod dialog;
pub mod draw;
pub mod hits;
pub mod intent;
pub mod menu;
pub mod overlay;
pub mod tabs;
pub mod text;
pub mod theme;

use crate::scenario::Scenario;
use crate::training::{Debrief, Mode};
use app::App;
use menu::{Choice, Menu};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use std::io::stdout;
use std::time::Instant;

/// Plays a scenario until the trainee quits. The terminal is restored on every way out:
/// normal quit, error, and panic. `finished` receives the debrief of a training scenario
/// (the caller saves the reports; the UI touches no file).
pub fn run(
    scenario: &Scenario,
    mode: Mode,
    finished: &mut dyn FnMut(&Debrief),
) -> anyhow::Result<()> {
    with_terminal(|terminal| play(terminal, App::with_mode(scenario, mode), finished))
}

/// The scenario menu: pick a story, play it, come back, until the trainee quits.
/// `scenarios[i]` is the loaded scenario of `menu.entries[i]`, if it loaded.
pub fn run_menu(
    mut menu: Menu,
    scenarios: &[Option<Scenario>],
    finished: &mut dyn FnMut(&Debrief),
) -> anyhow::Result<()> {
    with_terminal(|terminal| {
        loop {
            terminal.draw(|frame| menu.draw(frame))?;
            let event = event::read()?;
            let Event::Key(key) = event else { continue };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            match menu.on_key(key) {
                Choice::Stay => {}
                Choice::Quit => return Ok(()),
                Choice::Play(index, mode) => {
                    if let Some(Some(scenario)) = scenarios.get(index) {
                        play(terminal, App::with_mode(scenario, mode), finished)?;
                    }
                }
            }
        }
    })
}

fn with_terminal<T>(
    body: impl FnOnce(&mut ratatui::DefaultTerminal) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut terminal = ratatui::try_init()?;
    install_mouse_restoring_panic_hook();
    let _ = execute!(stdout(), EnableMouseCapture);
    let result = body(&mut terminal);
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

fn play(
    terminal: &mut ratatui::DefaultTerminal,
    mut app: App,
    finished: &mut dyn FnMut(&Debrief),
) -> anyhow::Result<()> {
    let began = Instant::now();
    let mut dirty = true;
    while !app.should_quit {
        if dirty {
            terminal.draw(|frame| draw::draw(&mut app, frame))?;
            dirty = false;
        }
        // Paused: block until input, so an idle simulator uses no CPU.
        let ready = match app.clock.wait() {
            None => true,
            Some(timeout) => event::poll(timeout)?,
        };
        app.real_ms = u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX);
        if ready {
            let event = event::read()?;
            dirty |= app.on_event(&event);
        }
        dirty |= app.on_tick(Instant::now());
    }
    if let Some(result) = app.session.result() {
        finished(result);
    } else if app.session.coach().is_training() {
        finished(&app.session.debrief());
    }
    Ok(())
}
