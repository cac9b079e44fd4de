//! `shopsim demo`: a scenario's reference solution (or another action file) played by
//! itself in the terminal, with captions, for a room.

use shopsim::scenario::{self, Scenario};
use shopsim::ui::Ending;
use shopsim::ui::demo::{Cue, Demo, Stage};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

pub struct Options<'a> {
    pub file: &'a str,
    pub actions: Option<&'a str>,
    pub pace_ms: u64,
    pub looping: bool,
    pub record: Option<&'a str>,
}

pub fn demo(options: &Options) -> ExitCode {
    let scenario = match super::load(options.file) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let actions = match options.actions {
        Some(path) => path.to_owned(),
        None => {
            let beside = scenario::actions::solution_path(options.file);
            if !std::path::Path::new(&beside).exists() {
                eprintln!(
                    "shopsim: {} has no reference solution beside it ({beside}); give one with --actions",
                    options.file
                );
                return ExitCode::from(2);
            }
            beside
        }
    };
    let script = match load_script(&actions, &scenario) {
        Ok(script) => script,
        Err(code) => return code,
    };
    if !std::io::stdout().is_terminal() {
        eprintln!(
            "shopsim: a demo needs a terminal; for a headless run use `shopsim run {} --actions {actions}`",
            options.file
        );
        return ExitCode::from(2);
    }
    let recording = match super::record::open(options.record, &scenario.file.title) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let demo = Demo::new(
        stage_of(&scenario),
        Cue::script(&script),
        Duration::from_millis(options.pace_ms),
        options.looping,
    );
    finish(shopsim::ui::run_demo(demo, recording))
}

pub fn stage_of(scenario: &Scenario) -> Stage {
    Stage {
        setup: std::sync::Arc::clone(&scenario.setup),
        training: scenario.file.training.clone().unwrap_or_default(),
        title: scenario.file.title.clone(),
        briefing: scenario.file.briefing.clone(),
    }
}

fn load_script(
    file: &str,
    scenario: &Scenario,
) -> Result<Vec<shopsim::training::TimedAction>, ExitCode> {
    let text = super::read(file)?;
    scenario::actions::load_for(file, &text, scenario).map_err(|report| {
        eprint!("{}", report.render());
        ExitCode::from(2)
    })
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
