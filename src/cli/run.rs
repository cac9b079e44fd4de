//! `shopsim run`: a scenario played headless, with a scripted list of actions.

use super::{Format, print_out, read};
use shopsim::scenario::actions::{self, TimedAction};
use shopsim::scenario::authoring;
use shopsim::text::{inert, inert_json};
use shopsim::training::{Debrief, Replay};
use std::process::ExitCode;

/// What an author asks of a run besides the story: a timeline, the coverage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras {
    pub timeline: bool,
    pub coverage: bool,
}

pub fn run(
    path: &str,
    actions_path: Option<&str>,
    until: Option<&str>,
    format: Format,
    extras: Extras,
) -> ExitCode {
    let source = match read(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let scenario = match shopsim::scenario::load(path, &source) {
        Ok(s) => s,
        Err(report) => {
            eprint!("{}", report.render());
            return ExitCode::from(2);
        }
    };
    if matches!(format, Format::Json) && (extras.timeline || extras.coverage) {
        eprintln!("shopsim: --timeline and --coverage are text: leave out --format json");
        return ExitCode::from(2);
    }
    if extras.coverage && actions_path.is_none() {
        eprintln!(
            "shopsim: --coverage tells what a solution exercised: give it with --actions FILE"
        );
        return ExitCode::from(2);
    }
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
                Ok(at) if at < start => {
                    eprintln!(
                        "shopsim: --until: {} is before the scenario starts ({})",
                        shopsim::sim::time::show(at),
                        shopsim::sim::time::show(start)
                    );
                    return ExitCode::from(2);
                }
                Ok(at) => Some(at),
                Err(message) => {
                    eprintln!("shopsim: --until: {}", inert(&message));
                    return ExitCode::from(2);
                }
            }
        }
    };
    let replay = if extras.timeline {
        scenario.replay_keeping_schedule(&script, until)
    } else {
        scenario.replay(&script, until)
    };
    let mut extra_text = String::new();
    if extras.timeline {
        extra_text.push('\n');
        extra_text.push_str(&authoring::timeline(path, &source, &scenario, &replay));
    }
    if let (true, Some(by)) = (extras.coverage, actions_path) {
        extra_text.push('\n');
        extra_text.push_str(&authoring::coverage(&source, &scenario, &replay).render(path, by));
    }
    let Replay {
        session, refused, ..
    } = replay;
    let sim = session.sim();
    let debrief: Option<Debrief> = session.coach().is_training().then(|| session.debrief());
    let output = match format {
        Format::Text => {
            let mut text = shopsim::summary::text(&scenario.file.title, sim);
            if let Some(d) = &debrief {
                text.push_str(&objectives_text(d));
            }
            text.push_str(&extra_text);
            text
        }
        Format::Json => match serde_json::to_string_pretty(&serde_json::json!({
            "summary": shopsim::summary::summary(sim),
            "debrief": debrief,
        })) {
            Ok(json) => inert_json(&json).into_owned() + "\n",
            Err(e) => {
                eprintln!("shopsim: cannot write JSON: {e}");
                return ExitCode::from(1);
            }
        },
    };
    if let Err(code) = print_out(&output) {
        return code;
    }
    if refused > 0 {
        eprintln!(
            "note: {refused} scripted action(s) were refused; see the lines starting with \"Refused\""
        );
    }
    // The process ends here: freeing a large story piece by piece would only delay it.
    std::mem::forget(session);
    match debrief {
        Some(d) if !d.objectives.is_empty() && d.objectives.iter().all(|o| !o.required) => {
            eprintln!(
                "shopsim: the scenario has no required objective, so no session can pass; mark the objective that decides it `required: true`"
            );
            ExitCode::from(3)
        }
        Some(d) if !d.passed => {
            eprintln!(
                "shopsim: a required objective was not met ({})",
                d.verdict()
            );
            ExitCode::from(3)
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The objective results after the end state: what a scenario author checks a solution by.
fn objectives_text(d: &Debrief) -> String {
    let mut out = format!(
        "\nObjectives ({}, score {} of {}):\n",
        d.verdict(),
        d.score,
        d.possible
    );
    for o in &d.objectives {
        let mark = if o.achieved { "x" } else { " " };
        let kind = if o.required { "required" } else { "optional" };
        out.push_str(&format!(
            "  [{mark}] {} ({kind}, {} pts)\n",
            inert(&o.text),
            o.points
        ));
    }
    if !d.mistakes.is_empty() {
        out.push_str("Mistakes:\n");
        for m in &d.mistakes {
            out.push_str(&format!("  -{} {}\n", m.penalty, inert(&m.text)));
        }
    }
    out
}
