//! `shopsim menu`: every scenario of a folder, to pick and play.

use super::play::Keep;
use super::reports;
use shopsim::scenario::{self, Scenario};
use shopsim::text::inert;
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
            eprintln!("shopsim: cannot read the folder {}: {e}", inert(dir));
            return ExitCode::from(2);
        }
    };
    paths.sort();
    if paths.is_empty() {
        eprintln!("shopsim: no scenarios (*.ron) in {}", inert(dir));
        return ExitCode::from(2);
    }
    let (entries, loaded) = entries(&paths);
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

/// The menu's line for each file, and its scenario when it loads. A file that cannot be
/// read or has problems is listed too, with the reason.
fn entries(paths: &[String]) -> (Vec<MenuEntry>, Vec<Option<Scenario>>) {
    let mut entries = Vec::new();
    let mut loaded: Vec<Option<Scenario>> = Vec::new();
    for path in paths {
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
    (entries, loaded)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_that_cannot_be_read_are_listed_with_the_reason() {
        let dir = std::env::temp_dir().join(format!("shopsim-menu-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder");
        let pipe = dir.join("a_pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let zero = dir.join("b_zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &zero).expect("a link");
        let empty = dir.join("c_empty.ron");
        std::fs::write(&empty, "").expect("written");
        let paths: Vec<String> = [&pipe, &zero, &empty]
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let (entries, loaded) = entries(&paths);
        let problems: Vec<&str> = entries
            .iter()
            .map(|e| e.problem.as_deref().unwrap_or(""))
            .collect();
        assert!(
            problems[0].starts_with("cannot be read: it is a pipe (FIFO)"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("cannot be read: it is a device"),
            "{problems:?}"
        );
        assert!(
            problems[2].contains("the scenario is empty"),
            "{problems:?}"
        );
        assert!(loaded.iter().all(Option::is_none));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
