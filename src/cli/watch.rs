//! Watching a scenario file while its author edits it: `play FILE --watch` reloads the
//! running session on every save, and `shopsim watch FILE` re-checks the file and replays
//! its solution headless, printing the objectives as they tick.
//!
//! The folder is watched rather than the file, so an editor that saves by writing a new
//! file and renaming it over the old one is seen too. Events are debounced (an editor's
//! save is several writes); with nothing changing, the watcher's threads sleep.

use super::input;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use shopsim::scenario::{self, Scenario, actions};
use shopsim::text::inert;
use shopsim::ui::Reload;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long a burst of writes may last before it counts as one save.
const SETTLE: Duration = Duration::from_millis(150);

pub struct FileWatch {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// The files whose changes count, by name within the watched folder.
    names: Vec<std::ffi::OsString>,
}

impl FileWatch {
    /// Watches the folders of `files` for changes to them.
    pub fn new(files: &[&str]) -> Result<FileWatch, String> {
        let (tx, events) = channel();
        let mut watcher =
            notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files here: {e}"))?;
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut names = Vec::new();
        for file in files {
            let path = Path::new(file);
            let folder = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            if !folders.contains(&folder) {
                watcher
                    .watch(&folder, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch {}: {e}", folder.display()))?;
                folders.push(folder);
            }
            if let Some(name) = path.file_name() {
                names.push(name.to_owned());
            }
        }
        Ok(FileWatch {
            _watcher: watcher,
            events,
            names,
        })
    }

    /// A change to one of the files: written, created (a save by rename), or removed.
    /// Reading a file is an event too, and must not count: we read it on every change.
    fn counts(&self, event: notify::Result<Event>) -> bool {
        event.is_ok_and(|e| {
            matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) && e.paths.iter().any(|p| {
                p.file_name()
                    .is_some_and(|n| self.names.iter().any(|m| m == n))
            })
        })
    }

    /// Whether a watched file changed since the last look; never waits long. A change
    /// that is still being written is taken whole: until the writes settle.
    pub fn changed(&self) -> bool {
        let mut changed = false;
        while let Ok(event) = self.events.try_recv() {
            changed |= self.counts(event);
        }
        if changed {
            self.settle();
        }
        changed
    }

    /// Waits until a watched file changes (or the watcher stops: `false`).
    pub fn wait(&self) -> bool {
        while let Ok(event) = self.events.recv() {
            if self.counts(event) {
                self.settle();
                return true;
            }
        }
        false
    }

    /// Lets a save's burst of writes end: waits until nothing has come for `SETTLE`.
    fn settle(&self) {
        loop {
            match self.events.recv_timeout(SETTLE) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

/// What `play --watch` hands the running session after a save.
pub fn reload(path: &str) -> (Reload, Option<String>) {
    match input::read_text(path) {
        Err(why) => (
            Reload::Broken(format!("{}: cannot be read: {why}", inert(path))),
            None,
        ),
        Ok(text) => match scenario::load(path, &text) {
            Ok(s) => (Reload::Changed(Box::new(s)), Some(text)),
            Err(report) => (Reload::Broken(report.brief(3)), None),
        },
    }
}

/// `play --watch` on a file that does not load yet: every save is checked, with its
/// problems printed, until one loads (Ctrl-C stops).
pub fn until_it_loads(path: &str) -> Result<(String, Scenario), ExitCode> {
    let watch = FileWatch::new(&[path]).map_err(|why| {
        eprintln!("shopsim: {}", inert(&why));
        ExitCode::from(1)
    })?;
    loop {
        eprintln!(
            "shopsim: waiting for a save of {} that loads (Ctrl-C stops)",
            inert(path)
        );
        if !watch.wait() {
            return Err(ExitCode::from(2));
        }
        match input::read_text(path) {
            Err(why) => eprintln!("shopsim: {} cannot be read: {why}", inert(path)),
            Ok(text) => match scenario::load(path, &text) {
                Ok(s) => return Ok((text, s)),
                Err(report) => eprint!("{}", report.render()),
            },
        }
    }
}

/// `shopsim watch FILE [--actions A]`: checks the file and plays the solution on every
/// save, printing the problems or the objectives, until interrupted.
pub fn watch(path: &str, actions_path: Option<&str>) -> ExitCode {
    let solution = actions_path
        .map(str::to_owned)
        .unwrap_or_else(|| actions::solution_path(path));
    let watch = match FileWatch::new(&[path, &solution]) {
        Ok(w) => w,
        Err(why) => {
            eprintln!("shopsim: {why}");
            return ExitCode::from(1);
        }
    };
    println!(
        "watching {} and {} — every save is checked and played; Ctrl-C stops",
        inert(path),
        inert(&solution)
    );
    let mut round = 0;
    loop {
        round += 1;
        print!("{}", one_round(round, path, &solution));
        use std::io::Write;
        let _ = std::io::stdout().flush();
        if !watch.wait() {
            return ExitCode::SUCCESS;
        }
    }
}

/// One look at the file: its problems, or the solution played with its objectives.
fn one_round(round: usize, path: &str, solution: &str) -> String {
    let stamp = chrono::Local::now().format("%H:%M:%S");
    let mut out = format!("\n── {stamp} · check {round} ──\n");
    let text = match input::read_text(path) {
        Ok(t) => t,
        Err(why) => return out + &format!("{}: cannot be read: {why}\n", inert(path)),
    };
    let scenario: Scenario = match scenario::load(path, &text) {
        Ok(s) => s,
        Err(report) => return out + &report.short(),
    };
    out.push_str(&format!(
        "{}: ok — {}\n",
        inert(path),
        inert(&scenario.file.title)
    ));
    let script = match input::read_text(solution) {
        Err(_) => {
            out.push_str(&format!(
                "no solution at {}: write one to see the objectives tick\n",
                inert(solution)
            ));
            return out;
        }
        Ok(t) => match actions::load_for(solution, &t, &scenario) {
            Ok(s) => s,
            Err(report) => return out + &report.short(),
        },
    };
    let replay = scenario.replay(&script, None);
    for (n, reason) in &replay.refusals {
        out.push_str(&format!("  step {} is refused: {}\n", n + 1, inert(reason)));
    }
    let debrief = replay.session.debrief();
    let statuses = &replay.session.coach().status;
    for (o, status) in debrief.objectives.iter().zip(statuses) {
        let mark = if o.achieved { "x" } else { " " };
        let when = match status {
            shopsim::training::Status::Met(at) => format!(" — {}", shopsim::sim::time::show(*at)),
            _ => String::new(),
        };
        out.push_str(&format!("  [{mark}] {}{when}\n", inert(&o.text)));
    }
    out.push_str(&format!(
        "  {}, score {} of {}\n",
        debrief.verdict(),
        debrief.score,
        debrief.possible
    ));
    out
}
