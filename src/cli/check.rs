//! `shopsim check`: each scenario is read and checked; its reference solution beside it
//! (`NAME.actions.ron`) is read, played and linted with it; problems are errors, and parts
//! that cannot work as meant are warnings (`--deny-warnings` makes them fail too).

use super::{input, print_out, read};
use shopsim::scenario::{self, actions, lint};
use shopsim::text::inert;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;

pub fn check(files: &[String], deny_warnings: bool) -> ExitCode {
    let listed: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let mut bad = 0;
    for path in files {
        let ok = match actions::scenario_path(path) {
            // Checked, played and linted with its scenario.
            Some(scenario_path) if listed.contains(scenario_path.as_str()) => true,
            // A solution is checked as part of its scenario: played and linted with it.
            Some(scenario_path) => match input::read_text(&scenario_path) {
                Ok(_) => check_scenario(&scenario_path, deny_warnings),
                Err(why) => {
                    eprintln!(
                        "shopsim: cannot check {}: an action file is checked against the scenario beside it, and {} cannot be read: {why}",
                        inert(path),
                        inert(&scenario_path)
                    );
                    false
                }
            },
            None => check_scenario(path, deny_warnings),
        };
        if !ok {
            bad += 1;
        }
    }
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{bad} of {} file(s) have problems", files.len());
        ExitCode::from(2)
    }
}

/// A scenario, and its solution if it has one: errors fail; warnings fail if denied.
fn check_scenario(path: &str, deny_warnings: bool) -> bool {
    let Ok(text) = read(path) else {
        return false;
    };
    let scenario = match scenario::load(path, &text) {
        Ok(s) => s,
        Err(report) => {
            eprint!("{}", report.render());
            return false;
        }
    };
    let solution_path = actions::solution_path(path);
    let solution_text = if Path::new(&solution_path).exists() {
        match input::read_text(&solution_path) {
            Ok(t) => Some(t),
            Err(why) => {
                eprintln!("shopsim: cannot read {}: {why}", inert(&solution_path));
                return false;
            }
        }
    } else {
        None
    };
    let script = match &solution_text {
        Some(t) => match actions::load_for(&solution_path, t, &scenario) {
            Ok(script) => Some(script),
            Err(report) => {
                eprint!("{}", report.render());
                return false;
            }
        },
        None => None,
    };
    let solution = match (&solution_text, &script) {
        (Some(source), Some(script)) => Some(lint::Solution {
            path: &solution_path,
            source,
            script,
        }),
        _ => None,
    };
    let lint = lint::lint(path, &text, &scenario, solution);
    let warnings = lint.warnings();
    for report in std::iter::once(&lint.scenario).chain(lint.solution.as_ref()) {
        if !report.problems.is_empty() {
            eprint!("{}", report.render());
        }
    }
    let with = match (&script, warnings) {
        (Some(s), 0) => format!(" — solution: {} action(s), plays clean", s.len()),
        (Some(s), _) => format!(" — solution: {} action(s)", s.len()),
        (None, _) => " — no solution beside it".to_owned(),
    };
    let tally = match warnings {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    let printed = print_out(&format!(
        "{}: ok — {}{with}{tally}\n",
        inert(path),
        inert(&scenario.file.title)
    ))
    .is_ok();
    printed && !(deny_warnings && warnings > 0)
}
