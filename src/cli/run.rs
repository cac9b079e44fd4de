//! `shopsim run`: a scenario played headless, with a scripted list of actions.

use super::{Format, load, read};
use shopsim::scenario::actions::{self, TimedAction};
use shopsim::sim::{Action, Simulation};
use std::process::ExitCode;

/// When no `--until` is given the story runs until nothing is scheduled, but never
/// longer than this after the last action.
const DEFAULT_TAIL_DAYS: i64 = 90;

pub fn run(
    path: &str,
    actions_path: Option<&str>,
    until: Option<&str>,
    format: Format,
) -> ExitCode {
    let scenario = match load(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let start = scenario.setup.start;
    let calendar = scenario.policy.calendar();
    let script: Vec<TimedAction> = match actions_path {
        None => Vec::new(),
        Some(p) => {
            let text = match read(p) {
                Ok(t) => t,
                Err(code) => return code,
            };
            match actions::load_for(p, &text, &scenario) {
                Ok(s) => s,
                Err(report) => {
                    eprint!("{}", report.render());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let until = match until {
        None => None,
        Some(text) => {
            let text = if text.starts_with('+') || text.contains('-') {
                text.to_owned()
            } else {
                format!("+{text}")
            };
            match actions::resolve(&text, start, &calendar) {
                Ok(at) => Some(at),
                Err(message) => {
                    eprintln!("shopsim: --until: {message}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let mut sim = Simulation::new(scenario.setup.clone());
    let mut refused = 0;
    for step in script {
        if until.is_some_and(|u| step.at > u) {
            break;
        }
        sim.advance_to(step.at);
        if sim.apply(step.action).is_err() {
            refused += 1;
        }
    }
    match until {
        Some(at) => sim.advance_to(at),
        None => {
            let cap = sim
                .calendar()
                .add(sim.now(), shopsim::sim::Span::Days(DEFAULT_TAIL_DAYS));
            while let Some(next) = sim.next_event_at() {
                if next > cap {
                    break;
                }
                let _ = sim.apply(Action::AdvanceClock(shopsim::sim::Advance::To(next)));
            }
        }
    }
    match format {
        Format::Text => print!("{}", shopsim::summary::text(&scenario, &sim)),
        Format::Json => match serde_json::to_string_pretty(&shopsim::summary::summary(&sim)) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("shopsim: cannot write JSON: {e}");
                return ExitCode::from(1);
            }
        },
    }
    if refused > 0 {
        eprintln!(
            "note: {refused} scripted action(s) were refused; see the lines starting with \"Refused\""
        );
    }
    ExitCode::SUCCESS
}
