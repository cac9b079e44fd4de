//! `shopsim demo`: a scenario's reference solution (or another action file) played by
//! itself in the terminal, with captions, for a room.

use shopsim::scenario::{self, Scenario};
use shopsim::text::inert;
use shopsim::training::{JournalLine, Mode};
use shopsim::ui::Ending;
use shopsim::ui::demo::{Cue, Demo, Stage};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

pub struct Options<'a> {
    /// The scenario; with a session, only when its file has moved since.
    pub file: Option<&'a str>,
    pub actions: Option<&'a str>,
    /// A trainee's report or journal to watch again, and how much faster than them.
    pub session: Option<&'a str>,
    pub speed: f64,
    pub pace_ms: u64,
    pub looping: bool,
    pub record: Option<&'a str>,
}

pub fn demo(options: &Options) -> ExitCode {
    if let Some(session) = options.session {
        return watch_session(session, options);
    }
    let Some(file) = options.file else {
        eprintln!("shopsim: give a scenario to demo, or --session REPORT_OR_JOURNAL");
        return ExitCode::from(2);
    };
    let text = match super::read(file) {
        Ok(text) => text,
        Err(code) => return code,
    };
    let scenario = match scenario::load(file, &text) {
        Ok(s) => s,
        Err(report) => {
            eprint!("{}", report.render());
            return ExitCode::from(2);
        }
    };
    let actions = match options.actions {
        Some(path) => path.to_owned(),
        None => {
            let beside = scenario::actions::solution_path(file);
            if !std::path::Path::new(&beside).exists() {
                eprintln!(
                    "shopsim: {} has no reference solution beside it ({}); give one with --actions",
                    inert(file),
                    inert(&beside)
                );
                return ExitCode::from(2);
            }
            beside
        }
    };
    let script = match super::play::load_script(&actions, &scenario) {
        Ok(script) => script,
        Err(code) => return code,
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "shopsim: a demo needs a terminal; for a headless run use `shopsim run {} --actions {}`",
            inert(file),
            inert(&actions)
        );
        return ExitCode::from(2);
    }
    let recording = match super::record::open(options.record, &scenario.file.title) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let demo = Demo::new(
        Stage::of(&scenario),
        Cue::script(&script),
        Duration::from_millis(options.pace_ms),
        options.looping,
    );
    finish(shopsim::ui::run_demo(demo, recording))
}

/// What a trainee's session left to watch it again by.
struct Watched {
    scenario: String,
    /// The scenario's title when it was played.
    title: String,
    hash: String,
    mode: Mode,
    /// Who played; a journal does not say.
    trainee: Option<String>,
    lines: Vec<JournalLine>,
}

/// Reads a report (one JSON document) or a journal (JSON lines).
fn read_session(path: &str) -> Result<Watched, String> {
    let text = super::input::read_text(path)
        .map_err(|why| format!("cannot read {}: {why}", shopsim::text::inert(path)))?;
    if let Some(report) = super::class::parse_report(&text) {
        return match report.session {
            Some(record) => Ok(Watched {
                scenario: record.scenario,
                title: report.debrief.scenario,
                hash: record.hash,
                mode: report.debrief.mode,
                trainee: report.trainee,
                lines: record.lines,
            }),
            None => Err(format!(
                "{} was saved before reports kept their session; watch the session from its journal instead (journals/ in shopsim's data folder, ending .jsonl.done)",
                inert(path)
            )),
        };
    }
    let journal = super::journal::read(std::path::Path::new(path)).map_err(|_| {
        format!("{path} is neither a shopsim report (.json) nor a session journal (.jsonl)")
    })?;
    Ok(Watched {
        scenario: journal.header.scenario,
        title: journal.header.title,
        hash: journal.header.hash,
        mode: journal.header.mode,
        trainee: None,
        lines: journal.lines,
    })
}

/// Whether the scenario loaded from `path` is the one the session was played on: the same
/// title, or the same file name (a file retitled since). A different hash alone only says
/// that the file was edited.
fn is_its_scenario(watched: &Watched, path: &str, scenario: &Scenario) -> bool {
    let name = |p: &str| std::path::Path::new(p).file_name().map(|n| n.to_owned());
    inert(&scenario.file.title) == inert(&watched.title) || name(path) == name(&watched.scenario)
}

/// `demo --session`: a trainee's session played again from its report or journal.
fn watch_session(path: &str, options: &Options) -> ExitCode {
    let watched = match read_session(path) {
        Ok(w) => w,
        Err(why) => {
            eprintln!("shopsim: {why}");
            return ExitCode::from(2);
        }
    };
    if !(options.speed.is_finite() && options.speed > 0.0) {
        eprintln!("shopsim: --speed is how many times faster than the trainee: a number above 0");
        return ExitCode::from(2);
    }
    let scenario_path = options.file.unwrap_or(&watched.scenario);
    let text = match super::input::read_text(scenario_path) {
        Ok(text) => text,
        Err(_) => {
            eprintln!(
                "shopsim: the session's scenario {} cannot be read; if it has moved, give it: shopsim demo FILE --session {}",
                inert(scenario_path),
                inert(path)
            );
            return ExitCode::from(2);
        }
    };
    let scenario = match scenario::load(scenario_path, &text) {
        Ok(s) => s,
        Err(report) => {
            eprint!("{}", report.render());
            return ExitCode::from(2);
        }
    };
    // Its steps on another story would show a session that never happened.
    if !is_its_scenario(&watched, scenario_path, &scenario) {
        eprintln!(
            "shopsim: {} is a session of \"{}\" ({}), not of {} (\"{}\"): give that scenario, or leave FILE out",
            inert(path),
            inert(&watched.title),
            inert(&watched.scenario),
            inert(scenario_path),
            inert(&scenario.file.title)
        );
        return ExitCode::from(2);
    }
    if super::journal::hash(&text) != watched.hash {
        eprintln!(
            "shopsim: {} changed since this session was played; it is played again on the file as it is now, and may not come out the same",
            inert(scenario_path)
        );
    }
    if watched.lines.is_empty() {
        eprintln!(
            "shopsim: {} holds no step of the session: there is nothing to watch",
            inert(path)
        );
        return ExitCode::from(2);
    }
    if !std::io::stdout().is_terminal() {
        eprintln!("shopsim: watching a session needs a terminal");
        return ExitCode::from(2);
    }
    let recording = match super::record::open(options.record, &scenario.file.title) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let demo = Demo::of_session(
        Stage::of(&scenario),
        &watched.lines,
        watched.mode,
        Duration::from_millis(options.pace_ms),
        options.speed,
        options.looping,
    )
    .watching(watched.trainee.as_deref());
    finish(shopsim::ui::run_demo(demo, recording))
}

fn finish(result: anyhow::Result<Ending>) -> ExitCode {
    match result {
        Ok(Ending::Quit) => ExitCode::SUCCESS,
        Ok(Ending::Signalled) => ExitCode::from(1),
        Err(e) => {
            eprintln!("shopsim: {e:#}");
            ExitCode::from(1)
        }
    }
}
