//! The lint, one file per warning: each `tests/lint/NAME.ron` gives exactly the warnings
//! its `NAME.expect` lists (one line each, a part of the message), and `clean.ron` none.
//! A solution beside a file (`NAME.actions.ron`) is played and linted with it.

use shopsim::scenario::{self, actions, lint};
use std::fs;
use std::path::Path;

const DIR: &str = "tests/lint";

fn warnings_of(path: &str) -> Vec<String> {
    let text = fs::read_to_string(path).expect("the file");
    let scenario = scenario::load(path, &text).unwrap_or_else(|r| panic!("{}", r.render()));
    let solution_path = actions::solution_path(path);
    let solution_text = fs::read_to_string(&solution_path).ok();
    let script = solution_text.as_ref().map(|t| {
        actions::load_for(&solution_path, t, &scenario).unwrap_or_else(|r| panic!("{}", r.render()))
    });
    let solution = match (&solution_text, &script) {
        (Some(source), Some(script)) => Some(lint::Solution {
            path: &solution_path,
            source,
            script,
        }),
        _ => None,
    };
    let lint = lint::lint(path, &text, &scenario, solution);
    std::iter::once(&lint.scenario)
        .chain(lint.solution.as_ref())
        .flat_map(|r| r.problems.iter().map(|p| p.message.clone()))
        .collect()
}

#[test]
fn each_file_gives_exactly_the_warnings_it_expects() {
    let mut files: Vec<String> = fs::read_dir(DIR)
        .expect("the lint folder")
        .map(|e| e.expect("an entry").path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 11, "{files:?}");
    for path in files {
        let expect_path = path.replace(".ron", ".expect");
        let expected: Vec<String> = fs::read_to_string(&expect_path)
            .unwrap_or_else(|e| panic!("{expect_path}: {e}"))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let found = warnings_of(&path);
        assert_eq!(
            found.len(),
            expected.len(),
            "{path}: expected {expected:?}, found {found:?}"
        );
        for want in &expected {
            assert!(
                found.iter().any(|w| w.contains(want.as_str())),
                "{path}: no warning says {want:?}: {found:?}"
            );
        }
    }
}

#[test]
fn every_library_scenario_and_its_solution_are_lint_clean() {
    for entry in fs::read_dir("scenarios").expect("the library") {
        let path = entry.expect("an entry").path();
        let name = path.to_string_lossy().into_owned();
        if !name.ends_with(".ron") || name.ends_with(".actions.ron") {
            continue;
        }
        assert!(Path::new(&actions::solution_path(&name)).exists(), "{name}");
        let warnings = warnings_of(&name);
        assert!(warnings.is_empty(), "{name}: {warnings:#?}");
    }
}

#[test]
fn deny_warnings_makes_a_warning_fail_the_check() {
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let file = format!("{DIR}/unused_item.ron");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .output()
            .expect("shopsim runs")
    };
    let lenient = run(&["check", &file]);
    assert_eq!(lenient.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(stderr.contains("warning: item bulb"), "{stderr}");
    assert!(
        stderr.contains("unused_item.ron:15:14"),
        "file:line:column: {stderr}"
    );
    let strict = run(&["check", "--deny-warnings", &file]);
    assert_eq!(strict.status.code(), Some(2));
    let clean = run(&["check", "--deny-warnings", &format!("{DIR}/clean.ron")]);
    assert_eq!(clean.status.code(), Some(0));
}
