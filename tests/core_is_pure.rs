//! The wall around the core: the simulation and the training coach know no terminal, no
//! wall clock and no file system, so the same scenario and actions always give the same
//! story. This test reads their sources and fails if one of those names creeps in.

use std::fs;
use std::path::Path;

const FORBIDDEN: &[&str] = &[
    "ratatui",
    "crossterm",
    "std::fs",
    "std::io",
    "Instant::now",
    "SystemTime",
    "Local::now",
    "Utc::now",
    "thread_rng",
    "std::env",
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("source folder exists").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_core_and_the_coach_touch_no_terminal_clock_or_file() {
    let mut files = Vec::new();
    for dir in ["src/sim", "src/training"] {
        sources(Path::new(dir), &mut files);
    }
    files.push("src/text.rs".into());
    assert!(
        files.len() > 5,
        "the core's sources were not found: {files:?}"
    );
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        for name in FORBIDDEN {
            assert!(
                !text.contains(name),
                "{} mentions `{name}`: the core must stay pure",
                file.display()
            );
        }
    }
}

/// The rooms of the crate a module may name through `crate::x`: everything else is out of
/// bounds, so the core cannot come to depend on the UI or the files it is read from.
const ALLOWED: &[(&str, &[&str])] = &[
    ("src/text.rs", &["text"]),
    ("src/sim", &["sim"]),
    ("src/training", &["sim", "training", "text"]),
    ("src/scenario", &["sim", "training", "scenario", "text"]),
    ("src/summary.rs", &["sim", "summary", "text"]),
    ("src/ui", &["sim", "training", "scenario", "ui", "text"]),
];

/// The top-level modules a source file names through `crate::`.
fn crate_paths(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        let before = text[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &text[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

#[test]
fn each_room_imports_only_the_rooms_below_it() {
    for (root, allowed) in ALLOWED {
        let path = Path::new(root);
        let mut files = Vec::new();
        if path.is_dir() {
            sources(path, &mut files);
        } else {
            files.push(path.to_path_buf());
        }
        assert!(!files.is_empty(), "{root} has no sources");
        for file in files {
            let text = fs::read_to_string(&file).expect("readable source");
            for name in crate_paths(&text) {
                assert!(
                    allowed.contains(&name.as_str()),
                    "{} uses crate::{name}; {root} may use only {allowed:?}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn tabs_and_dialogs_do_not_reach_back_into_the_app() {
    let mut files = Vec::new();
    sources(Path::new("src/ui/tabs"), &mut files);
    sources(Path::new("src/ui/dialog"), &mut files);
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        assert!(
            !text.contains("ui::app") && !text.contains("super::super::app"),
            "{} reaches into ui::app: tabs and dialogs speak through `Intent`",
            file.display()
        );
    }
}

#[test]
fn the_same_scenario_and_actions_give_the_same_log_byte_for_byte() {
    use shopsim::scenario::{self, actions};
    let path = "scenarios/01_quick_cancel_window.ron";
    let text = fs::read_to_string(path).expect("default scenario");
    let scenario = scenario::load(path, &text).expect("valid");
    let solution = actions::solution_path(path);
    let script_text = fs::read_to_string(&solution).expect("solution");
    let script = actions::load_for(&solution, &script_text, &scenario).expect("valid actions");
    let log = |_: u8| {
        let run = scenario.replay(&script, None);
        run.session
            .sim()
            .log()
            .iter()
            .map(|e| e.line())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let first = log(1);
    assert!(
        first.lines().count() > 5,
        "the solution produced almost no log:\n{first}"
    );
    assert_eq!(first, log(2));
}
