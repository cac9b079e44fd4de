//! The trainee's terminal UI. It sends the core's trainee actions and draws the core's
//! state; every rule, and every reason for a refusal, comes from `crate::sim`.

pub mod ahead;
pub mod app;
pub mod checklist;
pub mod class;
pub mod clock;
pub mod columns;
pub mod command;
pub mod demo;
pub mod dialog;
pub mod draw;
pub mod hits;
pub mod intent;
pub mod menu;
pub mod overlay;
pub mod record;
pub mod settings;
pub mod tabs;
pub mod text;
pub mod theme;

use crate::training::{Debrief, JournalLine, Mode, TimedAction};
use app::App;
use menu::{Choice, Menu};
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use record::{Recorder, Recording, TerminalOut};
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What a terminal session hands to the world outside as it goes. The UI touches no file:
/// the caller writes the journal and the report.
pub trait Keeper {
    /// A change to the session, written down before the frame that shows its effect.
    fn journal(&mut self, line: &JournalLine) -> Result<(), String>;
    /// The session ended: its final debrief to save. Says where it went.
    fn report(&mut self, debrief: &Debrief) -> Result<String, String>;
    /// The trainee left normally: the journal is complete and need not be resumed.
    fn finish(&mut self);
    /// The scenario's file changed since the last look (`play --watch`): its new version,
    /// or its problems. Looked at a few times a second; costs nothing when not watching.
    fn reload(&mut self) -> Option<Reload> {
        None
    }
}

/// A new version of the scenario being played, or why the saved file cannot be played.
pub enum Reload {
    Changed(Box<crate::scenario::Scenario>),
    /// The problems, as `file:line:column: error: …` lines with the offending lines.
    Broken(String),
}

/// A script the session plays by itself, one step every `pace`, as a trainee would.
pub struct Autoplay {
    pub script: Vec<TimedAction>,
    pub pace: Duration,
    /// Steps already played (when resuming a journal).
    pub done: usize,
}

/// How a terminal session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The trainee quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP) stopped it: the journal keeps the session.
    Signalled,
}

/// Plays an app until the trainee quits or a signal stops it. The terminal is restored on
/// every way out: normal quit, error, signal and panic.
/// A recording, when given, keeps everything written to the terminal (`record`).
pub fn run(
    app: App,
    keeper: &mut dyn Keeper,
    autoplay: Option<Autoplay>,
    recording: Option<Recording>,
) -> anyhow::Result<Ending> {
    let stop = signals()?;
    with_terminal(recording, |terminal, recorder| {
        play(terminal, recorder, app, keeper, autoplay, &stop)
    })
}

/// The terminal as the UI draws on it: through `TerminalOut`, which may record.
pub type Screen = ratatui::Terminal<ratatui::backend::CrosstermBackend<TerminalOut>>;

/// The scenario menu: pick a story, play it, come back, until the trainee quits. `start`
/// makes the app and the keeper of menu entry `i` played in `mode`, if it can be played.
pub fn run_menu(
    mut menu: Menu,
    start: &mut dyn FnMut(usize, Mode) -> Option<(App, Box<dyn Keeper>)>,
) -> anyhow::Result<Ending> {
    let stop = signals()?;
    with_terminal(None, |terminal, recorder| {
        loop {
            if must_stop(&stop) {
                return Ok(Ending::Signalled);
            }
            terminal.draw(|frame| {
                menu.draw(frame);
                theme::paint_base(frame.buffer_mut());
            })?;
            if !event::poll(SIGNAL_CHECK)? {
                continue;
            }
            let event = event::read()?;
            let Event::Key(key) = event else { continue };
            if key.kind != KeyEventKind::Press {
                continue;
            }
            match menu.on_key(key) {
                Choice::Stay => {}
                Choice::Quit => return Ok(Ending::Quit),
                Choice::Play(index, mode) => {
                    if let Some((app, mut keeper)) = start(index, mode)
                        && play(terminal, recorder, app, keeper.as_mut(), None, &stop)?
                            == Ending::Signalled
                    {
                        return Ok(Ending::Signalled);
                    }
                }
            }
        }
    })
}

/// Plays a demonstration until the presenter leaves or a signal stops it. Nothing is
/// written down: a demo has no journal and no report.
pub fn run_demo(mut demo: demo::Demo, recording: Option<Recording>) -> anyhow::Result<Ending> {
    let stop = signals()?;
    with_terminal(recording, |terminal, recorder| {
        present(terminal, recorder, &mut demo, &stop)
    })
}

fn present(
    terminal: &mut Screen,
    recorder: &Recorder,
    demo: &mut demo::Demo,
    stop: &AtomicBool,
) -> anyhow::Result<Ending> {
    let mut dirty = true;
    let mut last_beat = Instant::now();
    loop {
        if must_stop(stop) {
            return Ok(Ending::Signalled);
        }
        if dirty {
            terminal.draw(|frame| draw::draw(&mut demo.app, frame))?;
            dirty = false;
        }
        let due = demo.next_beat_in().saturating_sub(last_beat.elapsed());
        let wait = if demo.playing {
            due.min(SIGNAL_CHECK)
        } else {
            SIGNAL_CHECK
        };
        if event::poll(wait)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => match demo.on_key(key) {
                    demo::Answer::Quit => return Ok(Ending::Quit),
                    demo::Answer::Changed => {
                        dirty = true;
                        // A step by hand starts the wait for the next beat afresh.
                        last_beat = Instant::now();
                    }
                    demo::Answer::Nothing => {}
                },
                Event::Mouse(mouse) => {
                    let down = match mouse.kind {
                        MouseEventKind::ScrollDown => Some(true),
                        MouseEventKind::ScrollUp => Some(false),
                        _ => None,
                    };
                    if let Some(down) = down
                        && demo.on_wheel(down) == demo::Answer::Changed
                    {
                        dirty = true;
                    }
                }
                Event::Resize(width, height) => {
                    recorder.resized(width, height);
                    dirty = true;
                }
                _ => {}
            }
        }
        if demo.playing && last_beat.elapsed() >= demo.next_beat_in() {
            demo.advance();
            last_beat = Instant::now();
            dirty = true;
        }
    }
}

/// The class view of `shopsim report`, until the instructor leaves.
pub fn run_class(mut view: class::ClassView) -> anyhow::Result<Ending> {
    let stop = signals()?;
    with_terminal(None, |terminal, _| {
        let mut dirty = true;
        loop {
            if must_stop(&stop) {
                return Ok(Ending::Signalled);
            }
            if view.quit {
                return Ok(Ending::Quit);
            }
            if dirty {
                terminal.draw(|frame| view.draw(frame))?;
                dirty = false;
            }
            if !event::poll(SIGNAL_CHECK)? {
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    view.on_key(key);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
    })
}

/// How often a waiting loop looks whether a signal asked it to stop.
const SIGNAL_CHECK: Duration = Duration::from_millis(250);

/// How long the normal way out may take after a signal before the program leaves without
/// it. A terminal that has gone can leave the input reader spinning where no flag is
/// looked at; every step is in the journal already, so leaving loses nothing.
const GRACE: Duration = Duration::from_secs(3);

/// SIGTERM and SIGHUP (a closed terminal) set a flag the loops look at, so they leave
/// through the normal way out: the terminal restored, the journal kept. Should the way out
/// not come within `GRACE`, a watcher ends the process.
fn signals() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    let flag = Arc::clone(&stop);
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            flag.store(true, Ordering::Relaxed);
            std::thread::sleep(GRACE);
            std::process::exit(1);
        }
    });
    Ok(stop)
}

/// A signal asked the loop to stop, or the terminal has gone (hung up, closed): then
/// there is nobody to show anything to, and reading input would only spin.
fn must_stop(stop: &AtomicBool) -> bool {
    stop.load(Ordering::Relaxed) || terminal_gone()
}

fn terminal_gone() -> bool {
    let mut input = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a count of one, no waiting.
    let ready = unsafe { libc::poll(&raw mut input, 1, 0) };
    ready > 0 && input.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Raw mode, the alternate screen and the mouse, as `ratatui::init` sets them up, but with
/// the backend writing through `TerminalOut` so a recording gets the same bytes (the
/// alternate screen's switch included). Restored on every way out, a panic too.
fn with_terminal<T>(
    recording: Option<Recording>,
    body: impl FnOnce(&mut Screen, &Recorder) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    install_restoring_panic_hook();
    let recorder = Recorder::new(recording);
    let mut out = TerminalOut::new(Box::new(stdout()), recorder.clone());
    let started = enable_raw_mode()
        .and_then(|()| execute!(out, EnterAlternateScreen, EnableMouseCapture))
        .and_then(|()| ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(out)));
    let mut terminal = match started {
        Ok(terminal) => terminal,
        Err(e) => {
            ratatui::restore();
            return Err(e.into());
        }
    };
    let result = body(&mut terminal, &recorder);
    let _ = execute!(terminal.backend_mut(), DisableMouseCapture);
    let recorded = recorder.finish();
    ratatui::restore();
    if let Err(why) = recorded {
        eprintln!("shopsim: the recording is incomplete: {why}");
    }
    result
}

fn install_restoring_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
        previous(info);
    }));
}

fn play(
    terminal: &mut Screen,
    recorder: &Recorder,
    mut app: App,
    keeper: &mut dyn Keeper,
    mut autoplay: Option<Autoplay>,
    stop: &AtomicBool,
) -> anyhow::Result<Ending> {
    let began = Instant::now() - Duration::from_millis(app.session.coach().real_ms);
    let mut dirty = true;
    let mut last_step = Instant::now();
    while !app.should_quit {
        if must_stop(stop) {
            hand_over(&mut app, keeper);
            return Ok(Ending::Signalled);
        }
        if dirty {
            // What changed is on record before it is on screen.
            hand_over(&mut app, keeper);
            terminal.draw(|frame| draw::draw(&mut app, frame))?;
            dirty = false;
        }
        // Paused: wait for input (looking now and then for a signal), so an idle
        // simulator uses next to no CPU.
        let wait = match (app.clock.wait(), &autoplay) {
            (Some(tick), _) => tick,
            (None, Some(a)) => a.pace.min(SIGNAL_CHECK),
            (None, None) => SIGNAL_CHECK,
        };
        let ready = event::poll(wait)?;
        app.real_ms = u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX);
        if ready {
            let event = event::read()?;
            if let Event::Resize(width, height) = event {
                recorder.resized(width, height);
            }
            dirty |= app.on_event(&event);
        }
        dirty |= app.on_tick(Instant::now());
        match keeper.reload() {
            Some(Reload::Changed(scenario)) => {
                app.reload(&scenario);
                dirty = true;
            }
            Some(Reload::Broken(problems)) => {
                app.file_problems(problems);
                dirty = true;
            }
            None => {}
        }
        if let Some(script) = &mut autoplay
            && last_step.elapsed() >= script.pace
        {
            dirty |= autoplay_step(&mut app, script);
            last_step = Instant::now();
        }
    }
    hand_over(&mut app, keeper);
    keeper.finish();
    Ok(Ending::Quit)
}

/// Writes what changed to the journal and, once the session has ended, its report. A
/// journal that cannot be written is said once on screen: the session goes on.
fn hand_over(app: &mut App, keeper: &mut dyn Keeper) {
    let mut failed = None;
    for line in app.outbox.drain(..) {
        if let Err(why) = keeper.journal(&line) {
            failed = Some(why);
        }
    }
    if let Some(why) = failed {
        app.journal_failed(why);
    }
    if app.report.is_none()
        && let Some(result) = app.session.result()
    {
        app.report = Some(keeper.report(result));
    }
}

/// One step of a script: the clock to its moment, then its action, as a trainee's keys
/// would send them (confirmations are the script's own). After the last, the clock runs to
/// the time limit, as `shopsim run` does.
fn autoplay_step(app: &mut App, script: &mut Autoplay) -> bool {
    // The briefing is read for one step, then put away, as a trainee would.
    if matches!(app.overlays.last(), Some(overlay::Overlay::Briefing(_))) {
        app.overlays.pop();
        return true;
    }
    if app.session.ending().is_some() || !app.overlays.is_empty() {
        return false;
    }
    match script.script.get(script.done).cloned() {
        Some(step) => {
            if step.at > app.sim().now() {
                app.act(crate::sim::Action::AdvanceClock(crate::sim::Advance::To(
                    step.at,
                )));
            }
            app.act(step.action);
            script.done += 1;
        }
        None => {
            let Some(limit) = app.session.limit() else {
                return false;
            };
            app.act(crate::sim::Action::AdvanceClock(crate::sim::Advance::To(
                limit,
            )));
        }
    }
    true
}
