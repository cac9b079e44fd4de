//! What an author asks of a run: the timeline (everything scheduled, with the line of the
//! rule or event behind it) and the coverage of a solution (what it exercised, by line).

use shopsim::scenario::{self, actions, authoring};
use std::fs;

const FILE: &str = "scenarios/14_half_hour_then_claim.ron";

fn line_of(source: &str, needle: &str) -> usize {
    source
        .lines()
        .position(|l| l.contains(needle))
        .map(|n| n + 1)
        .unwrap_or_else(|| panic!("{needle} is not in the file"))
}

fn load(
    actions_path: &str,
) -> (
    String,
    scenario::Scenario,
    Vec<scenario::actions::TimedAction>,
) {
    let source = fs::read_to_string(FILE).expect("the scenario");
    let s = scenario::load(FILE, &source).expect("loads");
    let text = fs::read_to_string(actions_path).expect("the actions");
    let script = actions::load_for(actions_path, &text, &s).expect("valid actions");
    (source, s, script)
}

#[test]
fn the_timeline_lists_what_was_scheduled_with_the_rule_behind_it() {
    let (source, s, script) = load("scenarios/14_half_hour_then_claim.actions.ron");
    let replay = s.replay_keeping_schedule(&script, None);
    let timeline = authoring::timeline(FILE, &source, &s, &replay);
    let rule_line = line_of(&source, "(on: MessageReceived");
    for part in [
        "✓ Thu 2026-05-07 10:10  Thu 2026-05-07 10:00  B-2: Direct cancel closes",
        &format!(
            "A-1: the seller sends a message  ← soundhub's rule 1 on MessageReceived (line {rule_line})"
        ),
        "A-1: seller's dispute answer due",
        "refund #2: next stage",
    ] {
        assert!(timeline.contains(part), "{part:?} is not in:\n{timeline}");
    }
    // The platform has no "no tracking" dispute: no window of one is scheduled.
    assert!(!timeline.contains("no tracking"), "{timeline}");
}

#[test]
fn coverage_says_what_a_solution_exercised_and_what_it_never_fired() {
    let (source, s, script) = load("scenarios/14_half_hour_then_claim.actions.ron");
    let replay = s.replay(&script, None);
    let c = authoring::coverage(&source, &s, &replay);
    assert!(c.rules.iter().all(|r| r.times > 0));
    assert!(c.objectives.iter().all(|o| o.times == 1));
    assert!(c.mistakes.iter().all(|m| m.times == 0));
    let text = c.render(FILE, "solution");
    assert!(text.contains("objectives: 3 of 3 met"), "{text}");
    assert!(text.contains("mistakes: 0 of 2 made"), "{text}");

    // The wrong approach never writes to the seller before the claim, and makes both mistakes.
    let (_, s, script) = load("tests/wrong_approaches/14_half_hour_then_claim.actions.ron");
    let replay = s.replay(&script, None);
    let c = authoring::coverage(&source, &s, &replay);
    let first_mistake = line_of(&source, "A claim opens only after");
    assert!(
        c.mistakes
            .iter()
            .any(|m| m.line == first_mistake && m.times == 1)
    );
    let text = c.render(FILE, "wrong");
    assert!(text.contains("✗ line"), "something never fired: {text}");
}

#[test]
fn run_prints_the_timeline_and_the_coverage() {
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let out = std::process::Command::new(bin)
        .args([
            "run",
            FILE,
            "--actions",
            "scenarios/14_half_hour_then_claim.actions.ron",
            "--timeline",
            "--coverage",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Timeline of scenarios/14"), "{stdout}");
    assert!(stdout.contains("seller rules: 2 of 2 fired"), "{stdout}");
    let no_actions = std::process::Command::new(bin)
        .args(["run", FILE, "--coverage"])
        .output()
        .expect("runs");
    assert_eq!(no_actions.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_actions.stderr).contains("give it with --actions"));
}

#[test]
fn new_writes_a_starter_that_checks_clean_and_passes_on_every_preset() {
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let dir = std::env::temp_dir().join(format!("shopsim-new-{}", std::process::id()));
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .output()
            .expect("shopsim runs")
    };
    for preset in scenario::presets::names() {
        let stem = dir.join(format!("20_{preset}"));
        let stem = stem.to_string_lossy();
        let made = run(&["new", &stem, "--preset", preset]);
        assert_eq!(made.status.code(), Some(0), "{preset}: {made:?}");
        let file = format!("{stem}.ron");
        let checked = run(&["check", "--deny-warnings", &file]);
        assert_eq!(
            checked.status.code(),
            Some(0),
            "{preset}: {}",
            String::from_utf8_lossy(&checked.stderr)
        );
        assert!(String::from_utf8_lossy(&checked.stdout).contains("plays clean"));
        let played = run(&["run", &file, "--actions", &format!("{stem}.actions.ron")]);
        assert_eq!(played.status.code(), Some(0), "{preset}: {played:?}");
        // Never over a file that exists.
        let again = run(&["new", &stem, "--preset", preset]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    }
    let unknown = run(&["new", &dir.join("x").to_string_lossy(), "--preset", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    let _ = fs::remove_dir_all(&dir);
}

/// Scenario 1 as a fresh session, in practice or as an exam.
fn session_of_scenario_1(mode: shopsim::training::Mode) -> shopsim::training::Session {
    let path = "scenarios/01_quick_cancel_window.ron";
    let s = scenario::load(path, &fs::read_to_string(path).expect("the scenario")).expect("loads");
    shopsim::training::Session::new(
        s.setup.clone(),
        s.file.training.clone().unwrap_or_default(),
        mode,
        &s.file.title,
    )
}

#[test]
fn coming_up_lists_the_next_moments_with_goal_deadlines_and_the_limit() {
    use shopsim::training::ahead::AheadKind;
    let session = session_of_scenario_1(shopsim::training::Mode::Practice);
    let ahead = session
        .coming_up(50)
        .expect("practice shows what is coming up");
    let said: Vec<String> = ahead
        .iter()
        .map(|a| format!("{} {}", a.at.format("%d %H:%M"), a.what))
        .collect();
    // The lamp was paid at 10:00 and may be cancelled up to 12:00, which is also when the
    // goal to cancel it falls due (80 minutes after the start at 10:40); the seller would
    // ship the next morning.
    for part in [
        "02 12:00 A-1001: Direct cancel closes",
        "03 06:00 A-1001: the seller ships",
        "02 12:00 goal 1 must be met: ",
        "23 10:40 the time limit: the session ends",
    ] {
        assert!(
            said.iter().any(|s| s.starts_with(part)),
            "{part:?} is not coming up in {said:#?}"
        );
    }
    assert!(
        ahead.windows(2).all(|w| w[0].at <= w[1].at),
        "earliest first: {said:#?}"
    );
    assert_eq!(ahead.last().map(|a| a.kind), Some(AheadKind::Limit));
    assert!(ahead.iter().any(|a| a.kind == AheadKind::Window));
    assert_eq!(
        session.coming_up(2).expect("shown").len(),
        2,
        "as many as asked"
    );
}

#[test]
fn what_no_longer_applies_is_not_coming_up_and_an_exam_does_not_show_it() {
    use shopsim::sim::Action;
    let mut session = session_of_scenario_1(shopsim::training::Mode::Practice);
    let step = session.apply(
        Action::CancelOrder {
            order: "A-1001".into(),
            reason: None,
            items: Vec::new(),
        },
        0,
    );
    assert!(step.refused.is_none(), "{:?}", step.refused);
    let ahead = session.coming_up(50).expect("shown");
    assert!(
        !ahead
            .iter()
            .any(|a| a.what.starts_with("A-1001: Direct cancel")),
        "a cancelled order's window is not coming up: {ahead:#?}"
    );
    assert!(
        !ahead.iter().any(|a| a.what.starts_with("goal 1 ")),
        "a goal met has no deadline ahead: {ahead:#?}"
    );

    let exam = session_of_scenario_1(shopsim::training::Mode::Exam);
    let refusal = exam
        .coming_up(8)
        .expect_err("an exam keeps what is coming to itself");
    assert!(refusal.reason.contains("exam"), "{}", refusal.reason);
}
