//! The scenario library as a test suite: every scenario in `scenarios/` is a training
//! scenario whose reference solution passes without mistakes, and every wrong approach in
//! `tests/wrong_approaches/` fails or loses points for the reason it states.
//!
//! A wrong approach is `NAME.actions.ron` (an action file for `scenarios/NAME.ron`) with
//! `NAME.expect` beside it: lines `mistake: TEXT` (a mistake whose explanation contains
//! TEXT is recorded) and `missed: TEXT` (an objective containing TEXT is not achieved).

use shopsim::scenario::{self, Scenario, actions};
use shopsim::training::Debrief;
use std::fs;
use std::path::Path;

fn scenario_files() -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir("scenarios")
        .expect("scenarios/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
        .collect();
    files.sort();
    files
}

fn load(path: &str) -> Scenario {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    scenario::load(path, &text).unwrap_or_else(|report| panic!("{}", report.render()))
}

fn play(scenario: &Scenario, actions_path: &str) -> Debrief {
    let text = fs::read_to_string(actions_path).unwrap_or_else(|e| panic!("{actions_path}: {e}"));
    let script = actions::load_for(actions_path, &text, scenario)
        .unwrap_or_else(|r| panic!("{}", r.render()));
    scenario.replay(&script, None).session.debrief()
}

fn describe(d: &Debrief) -> String {
    let missed: Vec<&str> = d
        .objectives
        .iter()
        .filter(|o| !o.achieved)
        .map(|o| o.text.as_str())
        .collect();
    let mistakes: Vec<&str> = d.mistakes.iter().map(|m| m.text.as_str()).collect();
    format!("{} — missed {missed:?}, mistakes {mistakes:?}", d.verdict())
}

#[test]
fn the_library_has_seventeen_training_scenarios() {
    let files = scenario_files();
    assert!(
        files.len() >= 17,
        "only {} scenarios: {files:?}",
        files.len()
    );
    for path in &files {
        let s = load(path);
        let training = s
            .file
            .training
            .as_ref()
            .unwrap_or_else(|| panic!("{path} has no training block"));
        assert!(!s.file.briefing.trim().is_empty(), "{path}: no briefing");
        assert!(
            training.objectives.iter().any(|o| o.required),
            "{path}: no required objective"
        );
        assert!(!training.hints.is_empty(), "{path}: no hint");
        assert!(!training.mistakes.is_empty(), "{path}: no mistake");
        assert!(
            training.estimated_minutes.is_some(),
            "{path}: no estimated time"
        );
        assert!(s.file.difficulty.is_some(), "{path}: no difficulty");
    }
}

#[test]
fn every_preset_has_a_scenario_in_the_library() {
    let mut presets: Vec<String> = scenario_files()
        .iter()
        .map(|p| load(p).file.policy.preset.clone())
        .collect();
    presets.sort();
    presets.dedup();
    for preset in shopsim::scenario::presets::names() {
        assert!(
            presets.iter().any(|p| p == preset),
            "no scenario uses {preset}: {presets:?}"
        );
    }
}

#[test]
fn every_reference_solution_passes_without_mistakes() {
    for path in scenario_files() {
        let scenario = load(&path);
        let solution = actions::solution_path(&path);
        assert!(
            Path::new(&solution).exists(),
            "{path} has no reference solution {solution}"
        );
        let d = play(&scenario, &solution);
        assert!(d.passed, "{solution}: {}", describe(&d));
        assert!(d.mistakes.is_empty(), "{solution}: {}", describe(&d));
        assert!(
            d.objectives.iter().all(|o| o.achieved),
            "{solution} misses an optional objective: {}",
            describe(&d)
        );
    }
}

#[test]
fn every_scenario_has_a_wrong_approach_that_is_caught_for_its_stated_reason() {
    for path in scenario_files() {
        let name = Path::new(&path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let wrong = format!("tests/wrong_approaches/{name}.actions.ron");
        let expect_path = format!("tests/wrong_approaches/{name}.expect");
        assert!(
            Path::new(&wrong).exists(),
            "{path} has no wrong approach {wrong}"
        );
        let expectations =
            fs::read_to_string(&expect_path).unwrap_or_else(|e| panic!("{expect_path}: {e}"));
        let scenario = load(&path);
        let d = play(&scenario, &wrong);
        let mut checked = 0;
        for line in expectations
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if let Some(text) = line.strip_prefix("mistake:") {
                let text = text.trim();
                assert!(
                    d.mistakes.iter().any(|m| m.text.contains(text)),
                    "{wrong}: expected the mistake \"{text}\": {}",
                    describe(&d)
                );
            } else if let Some(text) = line.strip_prefix("missed:") {
                let text = text.trim();
                assert!(
                    d.objectives
                        .iter()
                        .any(|o| !o.achieved && o.text.contains(text)),
                    "{wrong}: expected \"{text}\" to be missed: {}",
                    describe(&d)
                );
            } else {
                panic!("{expect_path}: a line must start with `mistake:` or `missed:`: {line}");
            }
            checked += 1;
        }
        assert!(checked > 0, "{expect_path} states no reason");
        assert!(
            !d.passed || d.score < d.possible,
            "{wrong} neither fails nor loses points: {}",
            describe(&d)
        );
    }
}
