//! `shopsim menu`: every scenario of a folder, to pick and play.

use super::play::Keep;
use super::reports;
use shopsim::scenario::{self, Scenario};
use shopsim::ui::app::App;
use shopsim::ui::menu::{Menu, MenuEntry};
use std::cell::Cell;
use std::process::ExitCode;
use std::rc::Rc;

pub fn menu(dir: &str, reports_dir: Option<&str>) -> ExitCode {
    let mut paths: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path().to_string_lossy().into_owned())
            .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
            .collect(),
        Err(e) => {
            eprintln!("shopsim: cannot read the folder {dir}: {e}");
            return ExitCode::from(2);
        }
    };
    paths.sort();
    if paths.is_empty() {
        eprintln!("shopsim: no scenarios (*.ron) in {dir}");
        return ExitCode::from(2);
    }
    let mut entries = Vec::new();
    let mut loaded: Vec<Option<Scenario>> = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap_or_default();
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
                entries.push(MenuEntry {
                    path: path.clone(),
                    title: path.clone(),
                    platform: String::new(),
                    difficulty: String::new(),
                    minutes: None,
                    briefing: String::new(),
                    problem: Some(format!("{first} (run `shopsim check {path}`)")),
                });
                loaded.push(None);
            }
        }
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        eprintln!("shopsim: the menu needs a terminal");
        return ExitCode::from(2);
    }
    let reports_dir = match reports::folder(reports_dir) {
        Ok(dir) => dir,
        Err(why) => {
            eprintln!("shopsim: {why}; give a folder with --reports");
            return ExitCode::from(2);
        }
    };
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let report_failed: Rc<Cell<bool>> = Rc::default();
    let result = shopsim::ui::run_menu(
        Menu {
            entries,
            selected: 0,
        },
        &mut |index, mode| {
            let scenario = loaded.get(index)?.as_ref()?;
            let (keep, problem) = Keep::start(
                &paths[index],
                &texts[index],
                scenario,
                mode,
                &reports_dir,
                None,
                Rc::clone(&report_failed),
            );
            let mut app = App::with_mode(scenario, mode);
            if let Some(why) = problem {
                app.journal_failed(why);
            }
            Some((app, Box::new(keep) as Box<dyn shopsim::ui::Keeper>))
        },
    );
    match result {
        Ok(shopsim::ui::Ending::Quit) if !report_failed.get() => ExitCode::SUCCESS,
        Ok(shopsim::ui::Ending::Quit) => ExitCode::from(1),
        Ok(shopsim::ui::Ending::Signalled) => {
            eprintln!(
                "shopsim: stopped by a signal; the session is kept: `shopsim resume` continues it"
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("shopsim: {e:#}");
            ExitCode::from(1)
        }
    }
}
