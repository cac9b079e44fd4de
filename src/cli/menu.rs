//! `shopsim menu`: every scenario of a folder, to pick and play.

use super::reports;
use shopsim::scenario::{self, Scenario};
use shopsim::text::inert;
use shopsim::ui::menu::{Menu, MenuEntry};
use std::process::ExitCode;

pub fn menu(dir: &str, reports_dir: &str) -> ExitCode {
    let mut paths: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path().to_string_lossy().into_owned())
            .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
            .collect(),
        Err(e) => {
            eprintln!("shopsim: cannot read the folder {}: {e}", inert(dir));
            return ExitCode::from(2);
        }
    };
    paths.sort();
    if paths.is_empty() {
        eprintln!("shopsim: no scenarios (*.ron) in {}", inert(dir));
        return ExitCode::from(2);
    }
    let mut entries = Vec::new();
    let mut loaded: Vec<Option<Scenario>> = Vec::new();
    for path in &paths {
        let text = match super::input::read_text(path) {
            Ok(text) => text,
            Err(why) => {
                entries.push(unreadable(path, format!("cannot be read: {why}")));
                loaded.push(None);
                continue;
            }
        };
        match scenario::load(path, &text) {
            Ok(s) => {
                entries.push(MenuEntry {
                    path: path.clone(),
                    title: s.file.title.clone(),
                    platform: s.policy.name.clone(),
                    difficulty: s.file.difficulty.clone().unwrap_or_default(),
                    minutes: s.file.training.as_ref().and_then(|t| t.estimated_minutes),
                    briefing: s.file.briefing.clone(),
                    problem: None,
                });
                loaded.push(Some(s));
            }
            Err(report) => {
                let first = report.short().lines().next().unwrap_or("").to_owned();
                entries.push(unreadable(
                    path,
                    format!("{first} (run `shopsim check {path}`)"),
                ));
                loaded.push(None);
            }
        }
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        eprintln!("shopsim: the menu needs a terminal");
        return ExitCode::from(2);
    }
    let mut saved = Vec::new();
    let result = shopsim::ui::run_menu(
        Menu {
            entries,
            selected: 0,
        },
        &loaded,
        &mut |debrief| {
            let path = paths
                .iter()
                .zip(&loaded)
                .find(|(_, s)| s.as_ref().is_some_and(|s| s.file.title == debrief.scenario))
                .map(|(p, _)| p.as_str())
                .unwrap_or("session");
            saved.push(reports::save(reports_dir, path, debrief));
        },
    );
    reports::finish(&saved, result)
}

/// The menu's line for a file that cannot be played, with the reason.
fn unreadable(path: &str, problem: String) -> MenuEntry {
    MenuEntry {
        path: path.to_owned(),
        title: path.to_owned(),
        platform: String::new(),
        difficulty: String::new(),
        minutes: None,
        briefing: String::new(),
        problem: Some(problem),
    }
}
