//! `shopsim demo` without a terminal: every library scenario's reference solution plays to
//! its end by itself, beat by beat, and the captions a room reads are snapshots.
//!
//! After a deliberate change to the screen: `INSTA_UPDATE=always cargo test --test demo`,
//! then read the new snapshots before committing.

mod ui_common;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shopsim::scenario::{self, Scenario, actions};
use shopsim::training::SessionEvent;
use shopsim::ui::demo::{Cue, Demo, Stage};
use std::time::Duration;
use ui_common::{render, rows};

fn library() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir("scenarios")
        .expect("scenarios/ exists")
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
        .collect();
    files.sort();
    files
}

fn load(path: &str) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    scenario::load(path, &text).unwrap_or_else(|r| panic!("{}", r.render()))
}

fn demo_of(path: &str) -> Demo {
    let scenario = load(path);
    let solution = actions::solution_path(path);
    let text = std::fs::read_to_string(&solution).unwrap_or_else(|e| panic!("{solution}: {e}"));
    let script =
        actions::load_for(&solution, &text, &scenario).unwrap_or_else(|r| panic!("{}", r.render()));
    let stage = Stage::of(&scenario);
    Demo::new(
        stage,
        Cue::script(&script),
        Duration::from_millis(1800),
        false,
    )
}

/// Beats until the end; fails if the demo never gets there.
fn play_to_the_end(demo: &mut Demo) -> usize {
    let most = 10 * (demo.steps() + 2);
    for beat in 0..most {
        if demo.at_end() {
            return beat;
        }
        demo.advance();
    }
    panic!("the demo did not reach its end in {most} beats");
}

fn screen(demo: &mut Demo, width: u16, height: u16) -> String {
    rows(render(&mut demo.app, width, height).backend().buffer()).join("\n")
}

#[test]
fn every_reference_solution_plays_to_its_end_without_a_key() {
    for path in library() {
        let mut demo = demo_of(&path);
        play_to_the_end(&mut demo);
        let debrief = demo
            .app
            .session
            .result()
            .unwrap_or_else(|| panic!("{path}: the demo ended without a debrief"));
        assert!(debrief.passed, "{path}: {}", debrief.verdict());
        assert!(
            debrief.mistakes.is_empty(),
            "{path}: {:?}",
            debrief.mistakes
        );
        let refused: Vec<_> = debrief
            .actions
            .iter()
            .filter(|a| a.refused.is_some())
            .collect();
        assert!(refused.is_empty(), "{path}: refused {refused:?}");
        assert!(
            demo.app.showing_debrief(),
            "{path}: the end shows the debrief"
        );
        // Every screen on the way fits the smallest terminal.
        let text = screen(&mut demo, 80, 24);
        assert!(!text.contains("too small"), "{path}:\n{text}");
    }
}

#[test]
fn the_demo_plays_the_same_session_as_a_headless_run() {
    for path in library() {
        let scenario = load(&path);
        let solution = actions::solution_path(&path);
        let text = std::fs::read_to_string(&solution).expect("the solution");
        let script = actions::load_for(&solution, &text, &scenario).expect("valid");
        let mut demo = demo_of(&path);
        play_to_the_end(&mut demo);
        let headless = scenario.replay(&script, None).session.debrief();
        let shown = demo.app.session.debrief();
        assert_eq!(shown.score, headless.score, "{path}");
        let done = |d: &shopsim::training::Debrief| -> Vec<String> {
            d.actions.iter().map(|a| a.action.clone()).collect()
        };
        assert_eq!(done(&shown), done(&headless), "{path}");
    }
}

#[test]
fn going_back_and_forth_replays_to_the_same_state() {
    let path = "scenarios/03_fake_tracking_dispute.ron";
    let mut straight = demo_of(path);
    // Played beat by beat up to the caption of step 4.
    while straight.step() < 4 {
        straight.advance();
    }
    let mut jumped = demo_of(path);
    jumped.on_key(KeyEvent::new(KeyCode::Char('6'), KeyModifiers::NONE));
    jumped.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    jumped.on_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    assert_eq!(jumped.step(), 4);
    assert_eq!(jumped.app.sim().now(), straight.app.sim().now());
    assert_eq!(jumped.app.sim().log().len(), straight.app.sim().log().len());
    assert_eq!(screen(&mut jumped, 80, 24), screen(&mut straight, 80, 24));
}

#[test]
fn keys_step_pause_change_the_pace_and_leave() {
    let mut demo = demo_of("scenarios/01_quick_cancel_window.ron");
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    assert!(demo.playing, "a demo plays by itself from the start");
    demo.on_key(key(KeyCode::Char('p')));
    assert!(!demo.playing);
    assert!(screen(&mut demo, 80, 24).contains("paused"));
    demo.on_key(key(KeyCode::Char(' ')));
    assert_eq!(demo.step(), 1, "Space plays the next beat while paused");
    let before = demo.pace;
    demo.on_key(key(KeyCode::Char('-')));
    assert!(demo.pace > before, "- slows the pace");
    demo.on_key(key(KeyCode::Char('+')));
    demo.on_key(key(KeyCode::Char('+')));
    assert!(demo.pace < before, "+ quickens it");
    demo.on_key(key(KeyCode::Char('0')));
    assert_eq!(demo.step(), 0, "0 goes back to the briefing");
    assert!(demo.app.showing_briefing());
    demo.on_key(key(KeyCode::Char('q')));
    assert!(demo.quit);
}

#[test]
fn a_looping_demo_begins_again_after_its_end() {
    let mut demo = demo_of("scenarios/01_quick_cancel_window.ron");
    demo.looping = true;
    play_to_the_end(&mut demo);
    for _ in 0..20 {
        demo.advance();
        if demo.step() == 0 {
            break;
        }
    }
    assert_eq!(demo.step(), 0, "back to the briefing");
    assert!(demo.app.showing_briefing());
}

#[test]
fn an_action_file_caption_is_shown_as_written() {
    let path = "scenarios/01_quick_cancel_window.ron";
    let mut demo = demo_of(path);
    let scenario = load(path);
    let solution = actions::solution_path(path);
    let text = std::fs::read_to_string(&solution).expect("the solution");
    let mut script = actions::load_for(&solution, &text, &scenario).expect("valid");
    script[0].caption = Some("Quick: the window is still open.".into());
    let stage = Stage::of(&scenario);
    demo = Demo::new(stage, Cue::script(&script), demo.pace, false);
    demo.advance();
    assert!(screen(&mut demo, 80, 24).contains("Quick: the window is still open."));
}

/// The beats of one step of the fake-tracking dispute, as the room sees them: the caption,
/// the order's page with the cursor on the action, the dispute form filled in, the result.
#[test]
fn snapshots_of_a_step_in_beats() {
    let mut demo = demo_of("scenarios/03_fake_tracking_dispute.ron");
    demo.on_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE));
    demo.playing = false;
    assert!(
        matches!(
            demo_event(&demo),
            Some(SessionEvent::Apply(
                shopsim::sim::Action::OpenDispute { .. }
            ))
        ),
        "step 3 opens the dispute"
    );
    for name in ["caption", "placed", "dialog", "result"] {
        insta::assert_snapshot!(
            format!("demo_dispute_{name}_80x24"),
            screen(&mut demo, 80, 24)
        );
        demo.advance();
    }
    demo.on_key(KeyEvent::new(KeyCode::Char('9'), KeyModifiers::NONE));
    insta::assert_snapshot!("demo_end_80x24", screen(&mut demo, 80, 24));
    insta::assert_snapshot!("demo_end_120x40", screen(&mut demo, 120, 40));
}

fn demo_event(demo: &Demo) -> Option<SessionEvent> {
    demo.cue_event()
}

mod class_common;

/// A trainee's session watched again: the same debrief as their report, their mistakes
/// captioned when they make them, and the waits between steps theirs.
#[test]
fn a_trainees_session_plays_again_to_their_debrief_with_mistakes_captioned() {
    for report in class_common::class() {
        let record = report.session.as_ref().expect("a session");
        let scenario = load(&record.scenario);
        let stage = Stage::of(&scenario);
        let mut demo = Demo::of_session(
            stage,
            &record.lines,
            report.debrief.mode,
            Duration::from_millis(500),
            1.0,
            false,
        );
        let mut captions = Vec::new();
        let mut waits = Vec::new();
        let most = 10 * (demo.steps() + 2);
        for _ in 0..most {
            if demo.at_end() {
                break;
            }
            waits.push(demo.next_beat_in());
            demo.advance();
            if let Some(c) = &demo.app.caption {
                captions.push(c.text.clone());
            }
        }
        assert!(demo.at_end());
        let again = demo
            .app
            .session
            .result()
            .expect("the session ended")
            .clone();
        let who = report.trainee.clone().unwrap_or_default();
        assert_eq!(again.score, report.debrief.score, "{who}");
        assert_eq!(again.real_seconds, report.debrief.real_seconds, "{who}");
        let texts = |d: &shopsim::training::Debrief| -> Vec<String> {
            d.mistakes.iter().map(|m| m.text.clone()).collect()
        };
        assert_eq!(texts(&again), texts(&report.debrief), "{who}");
        for mistake in &report.debrief.mistakes {
            let caption = format!("Mistake (−{}): {}", mistake.penalty, mistake.text);
            assert!(
                captions.iter().any(|c| c.contains(&caption)),
                "{who}: {caption:?} was never captioned"
            );
        }
        // Their pace: some wait is longer than a beat, none longer than the cap.
        assert!(
            waits.iter().any(|w| *w > Duration::from_millis(500)),
            "{who}"
        );
        assert!(waits.iter().all(|w| *w <= shopsim::ui::demo::LONGEST_WAIT));
    }
}

/// The made-up class's session of `trainee`, as `demo --session` plays it at `speed`.
fn session_of(trainee: &str, speed: f64) -> (Demo, shopsim::training::class::SavedReport) {
    let report = class_common::class()
        .into_iter()
        .find(|r| r.trainee.as_deref() == Some(trainee))
        .unwrap_or_else(|| panic!("{trainee}'s session"));
    let record = report.session.as_ref().expect("a session");
    let scenario = load(&record.scenario);
    let demo = Demo::of_session(
        Stage::of(&scenario),
        &record.lines,
        report.debrief.mode,
        Duration::from_millis(500),
        speed,
        false,
    );
    (demo, report)
}

#[test]
fn snapshot_of_a_mistake_captioned() {
    let (mut demo, _) = session_of("Dev", 2.0);
    demo.playing = false;
    while !demo
        .app
        .caption
        .as_ref()
        .is_some_and(|c| c.text.starts_with("Mistake"))
    {
        assert!(!demo.at_end(), "no mistake was captioned");
        demo.advance();
    }
    insta::assert_snapshot!("demo_session_mistake_80x24", screen(&mut demo, 80, 24));
}

#[test]
fn an_action_file_may_carry_captions_and_check_accepts_them() {
    let path = "scenarios/01_quick_cancel_window.ron";
    let scenario = load(path);
    let text = r#"[
        (at: "+5m", do: CancelOrder(order: "A-1001"),
         caption: "The lamp is still inside its two hours: cancel it yourself."),
        (at: "+10m", do: AdvanceClock(NextEvent)),
    ]"#;
    let script = actions::load_for("captions.actions.ron", text, &scenario).expect("valid");
    assert_eq!(
        script[0].caption.as_deref(),
        Some("The lamp is still inside its two hours: cancel it yourself.")
    );
    assert_eq!(script[1].caption, None);
    // A misspelt field is still a located problem.
    let wrong = r#"[ (at: "+5m", do: CancelOrder(order: "A-1001"), captoin: "x") ]"#;
    let report =
        actions::load_for("wrong.actions.ron", wrong, &scenario).expect_err("no such field");
    assert!(report.render().contains("captoin"), "{}", report.render());

    let dir = std::env::temp_dir().join(format!("shopsim-captions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    std::fs::copy(path, dir.join("01.ron")).expect("copied");
    std::fs::write(dir.join("01.actions.ron"), text).expect("written");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .arg("check")
        .arg(dir.join("01.actions.ron"))
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A careless presenter: random keys and random terminal sizes, tiny ones too. Nothing
/// panics, and the demo stays on a step it has.
#[test]
fn random_keys_and_sizes_never_break_a_demo() {
    let mut demo = demo_of("scenarios/07_return_not_as_described.ron");
    let keys = [
        KeyCode::Char(' '),
        KeyCode::Char('p'),
        KeyCode::Char('+'),
        KeyCode::Char('-'),
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Char('0'),
        KeyCode::Char('5'),
        KeyCode::Char('9'),
        KeyCode::Char('x'),
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::Up,
        KeyCode::Down,
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..150 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let key = keys[(x % keys.len() as u64) as usize];
        demo.on_key(KeyEvent::new(key, KeyModifiers::NONE));
        if x.is_multiple_of(3) {
            demo.advance();
        }
        let width = 8 + (x >> 8) % 150;
        let height = 4 + (x >> 16) % 50;
        let _ = screen(&mut demo, width as u16, height as u16);
        assert!(demo.step() <= demo.steps() + 1);
        assert!(!demo.quit);
    }
}

#[test]
fn the_presenter_scrolls_the_debrief_and_the_briefing_to_their_end() {
    let press =
        |demo: &mut Demo, code: KeyCode| demo.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    let mut demo = demo_of("scenarios/03_fake_tracking_dispute.ron");
    // The briefing, before anything is played: ↓ scrolls it and the band says so.
    let top = screen(&mut demo, 80, 24);
    assert!(top.contains("↑↓ scroll"), "{top}");
    press(&mut demo, KeyCode::PageDown);
    assert_ne!(screen(&mut demo, 80, 24), top, "the briefing scrolled");
    // The debrief at the end reaches its last section.
    play_to_the_end(&mut demo);
    let first = screen(&mut demo, 80, 24);
    for _ in 0..40 {
        press(&mut demo, KeyCode::Down);
    }
    let last = screen(&mut demo, 80, 24);
    assert_ne!(first, last, "the debrief scrolled");
    assert!(
        last.contains("Time"),
        "the end of the debrief is in view:\n{last}"
    );
    // The wheel does the same.
    let mut demo = demo_of("scenarios/03_fake_tracking_dispute.ron");
    play_to_the_end(&mut demo);
    let before = screen(&mut demo, 80, 24);
    demo.on_wheel(true);
    assert_ne!(screen(&mut demo, 80, 24), before);
}

#[test]
fn the_band_says_what_p_does_now() {
    let mut demo = demo_of("scenarios/03_fake_tracking_dispute.ron");
    demo.on_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE));
    let paused = demo.playing;
    let text = screen(&mut demo, 100, 30);
    let word = if paused { "p pause" } else { "p play" };
    assert!(text.contains(word), "{text}");
}

fn shopsim(args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A report's session is played again only on its own scenario: given the file of another
/// one, `demo` says whose session it is and which file it needs, instead of replaying the
/// steps on a story they do not belong to. A moved, renamed or edited file is still its own.
#[test]
fn a_session_is_refused_on_another_scenario() {
    let dir = std::env::temp_dir().join(format!("shopsim-demo-which-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    let report = class_common::class()
        .into_iter()
        .find(|r| r.debrief.scenario == "Two hours to change your mind")
        .expect("a session of scenario 01");
    let path = dir.join("ada.json");
    std::fs::write(&path, serde_json::to_string(&report).expect("JSON")).expect("written");
    let report_path = path.to_string_lossy().into_owned();

    let other = "scenarios/03_fake_tracking_dispute.ron";
    let (code, said) = shopsim(&["demo", other, "--session", &report_path]);
    assert_eq!(code, Some(2), "{said}");
    let recorded = class_common::absolute("scenarios/01_quick_cancel_window.ron");
    let expected = format!(
        "{report_path} is a session of \"Two hours to change your mind\" ({recorded}), not of {other} (\"A tracking number that tracks nothing\"): give that scenario, or leave FILE out"
    );
    assert!(said.contains(&expected), "{said}");

    // The same scenario elsewhere, under another name, or edited since: played again (it
    // goes as far as wanting a terminal).
    let own = std::fs::read_to_string("scenarios/01_quick_cancel_window.ron").expect("read");
    let moved = dir.join("01_quick_cancel_window.ron");
    std::fs::write(&moved, &own).expect("written");
    let renamed = dir.join("lamp.ron");
    std::fs::write(&renamed, &own).expect("written");
    let retitled = dir.join("edited").join("01_quick_cancel_window.ron");
    std::fs::create_dir_all(retitled.parent().expect("a folder")).expect("a folder");
    let edited = own.replacen(
        "Two hours to change your mind",
        "Two hours to think it over",
        1,
    );
    assert_ne!(edited, own);
    std::fs::write(&retitled, edited).expect("written");
    for file in [&moved, &renamed, &retitled] {
        let (code, said) = shopsim(&["demo", &file.to_string_lossy(), "--session", &report_path]);
        assert_eq!(code, Some(2), "{said}");
        assert!(
            said.contains("needs a terminal"),
            "{}: {said}",
            file.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Whose session it is stays on screen, in the caption band, from the briefing to the end.
#[test]
fn a_watched_session_names_its_trainee() {
    let (demo, report) = session_of("Ben", 1.0);
    let mut demo = demo.watching(report.trainee.as_deref());
    let mut steps = 0;
    while demo.step() < 2 {
        demo.advance();
        steps += 1;
        assert!(steps < 50, "the demo never reached its second step");
    }
    let text = screen(&mut demo, 80, 24);
    assert!(text.contains("╔ Ben's session · Step 2 of "), "{text}");
    let text = screen(&mut demo, 60, 18);
    assert!(text.contains("╔ Ben's session · Step 2 of "), "{text}");
    // A narrow band keeps a longer name, and the step whole.
    let mut demo = demo.watching(Some("Maximiliane"));
    let text = screen(&mut demo, 60, 18);
    let band = text.lines().find(|l| l.starts_with('╔')).expect("a band");
    assert!(band.starts_with("╔ Maximiliane · Step 2 of "), "{text}");
    assert!(band.contains(" in ═"), "{text}");
    play_to_the_end(&mut demo);
    let text = screen(&mut demo, 80, 24);
    assert!(text.contains("Maximiliane's session · The end"), "{text}");
}
