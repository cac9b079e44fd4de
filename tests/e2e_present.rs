//! A presenter's view of the real binary in tmux: `shopsim demo` plays a scenario by itself
//! to its end, answers the presenter's keys (pause, a step by hand, back to a step), and on
//! `q` exits 0 and leaves the terminal as it found it; its recording replays to the screen
//! the pane showed; `play --start-at` opens a session partway through its solution.
//!
//! Needs tmux (CI installs it). Without tmux the test fails, unless SHOPSIM_SKIP_TMUX=1.

mod class_common;
mod tmux_common;

use tmux_common::{Tmux, skip_without_tmux};

fn scenario(name: &str) -> String {
    format!("{}/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_demo_plays_to_its_end_by_itself_and_answers_the_presenter() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let file = scenario("03_fake_tracking_dispute.ron");
    let tmux = Tmux::start(&format!(
        "XDG_DATA_HOME='{{scratch}}/data' '{bin}' demo '{file}' --pace 50 --record '{{scratch}}/demo.cast' ; echo SHOPSIM_EXIT=$? ; sleep 5"
    ));
    tmux.wait_for("a caption", |s| s.contains("Step 1 of 5"));
    tmux.wait_for("the end", |s| s.contains("The end") && s.contains("PASSED"));

    // Back to step 2 by its number, paused: it stays there.
    tmux.keys(&["p", "2"]);
    let screen = tmux.wait_for("step 2", |s| {
        s.contains("Step 2 of 5") && s.contains("paused")
    });
    assert!(screen.contains("Message the seller"), "{screen}");
    // Space plays one beat: the order's page with the cursor on the action.
    tmux.keys(&["Space"]);
    tmux.wait_for("the order's page", |s| s.contains("›✓ Message seller"));
    // → goes on to the next step.
    tmux.keys(&["Right"]);
    tmux.wait_for("step 3", |s| s.contains("Step 3 of 5"));

    let last_screen = tmux.wait_for("step 3's place", |s| s.contains("›✓ Dispute"));

    tmux.keys(&["q"]);
    let end = tmux.wait_for("the exit", |s| s.contains("SHOPSIM_EXIT="));
    assert!(end.contains("SHOPSIM_EXIT=0"), "{end}");
    assert_eq!(
        tmux.pane_flag("alternate_on"),
        "0",
        "back on the main screen"
    );
    // The recording, played on a virtual terminal, ends on the screen the pane showed.
    let cast = std::fs::read_to_string(tmux.scratch.join("demo.cast")).expect("a recording");
    let mut lines = cast.lines();
    let header: serde_json::Value =
        serde_json::from_str(lines.next().expect("a header")).expect("JSON");
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], u64::from(tmux_common::WIDTH));
    assert_eq!(header["height"], u64::from(tmux_common::HEIGHT));
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
    let mut parser = vt100::Parser::new(size(tmux_common::HEIGHT), size(tmux_common::WIDTH), 0);
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(line).expect("JSON");
        if event[1] == "o" {
            parser.process(event[2].as_str().expect("text").as_bytes());
        }
    }
    let replayed: Vec<String> = parser
        .screen()
        .rows(0, tmux_common::WIDTH)
        .map(|r| r.trim_end().to_owned())
        .collect();
    let shown: Vec<String> = last_screen
        .lines()
        .map(|r| r.trim_end().to_owned())
        .collect();
    assert_eq!(replayed, shown);
    // A demo writes no journal and no report.
    let data = tmux.scratch.join("data/shopsim");
    let written: Vec<_> = walk(&data);
    assert!(written.is_empty(), "a demo wrote {written:?}");
}

#[test]
fn a_demo_without_a_solution_or_with_a_bad_file_says_why() {
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let missing = std::process::Command::new(bin)
        .args(["demo", "no-such-file.ron"])
        .output()
        .expect("the binary runs");
    assert_eq!(missing.status.code(), Some(2));
    let said = String::from_utf8_lossy(&missing.stderr);
    assert!(said.contains("cannot read no-such-file.ron"), "{said}");

    let dir = std::env::temp_dir().join(format!("shopsim-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let copy = dir.join("alone.ron");
    std::fs::copy(scenario("01_quick_cancel_window.ron"), &copy).expect("copied");
    let alone = std::process::Command::new(bin)
        .args(["demo", &copy.to_string_lossy()])
        .output()
        .expect("the binary runs");
    assert_eq!(alone.status.code(), Some(2));
    let said = String::from_utf8_lossy(&alone.stderr);
    assert!(said.contains("no reference solution"), "{said}");
    assert!(said.contains("--actions"), "{said}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

#[test]
fn play_can_start_at_a_step_of_the_reference_solution() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let file = scenario("03_fake_tracking_dispute.ron");
    let tmux = Tmux::start(&format!(
        "XDG_DATA_HOME='{{scratch}}/data' '{bin}' play '{file}' --start-at 3 --reports '{{scratch}}/reports' ; echo SHOPSIM_EXIT=$? ; sleep 5"
    ));
    tmux.wait_for("the briefing", |s| s.contains("Briefing"));
    tmux.keys(&["Enter"]);
    // Three steps played: the dispute is open on the day the solution opened it.
    let screen = tmux.wait_for("the session after step 3", |s| {
        s.contains("Wed 11 Mar 2026 12:00") && s.contains("goals 1/4")
    });
    assert!(screen.contains("⏸ paused"), "{screen}");
    tmux.keys(&["q", "y", "q"]);
    let end = tmux.wait_for("the exit", |s| s.contains("SHOPSIM_EXIT="));
    assert!(end.contains("SHOPSIM_EXIT=0"), "{end}");
}

/// Runs the binary with a config folder of the test's own; returns its exit code and stderr.
fn with_config(files: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!(
        "shopsim-config-{}-{}",
        std::process::id(),
        args.join("-").replace(['/', '.'], "_")
    ));
    for (name, text) in files {
        let path = dir.join("shopsim").join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("created");
        std::fs::write(&path, text).expect("written");
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(args)
        .env("XDG_CONFIG_HOME", &dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("the binary runs");
    let _ = std::fs::remove_dir_all(&dir);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_bad_key_map_or_theme_is_refused_with_its_place() {
    let file = scenario("01_quick_cancel_window.ron");
    let (code, said) = with_config(
        &[("keys.ron", "{\n    \"qiut\": [\"x\"],\n}\n")],
        &["play", &file],
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("keys.ron:2:"), "{said}");
    assert!(said.contains("did you mean `quit`"), "{said}");
    assert!(!said.contains("panicked"), "{said}");

    let (code, said) = with_config(
        &[("themes/high-contrast.ron", "(ok: (fg: \"greenish\")")],
        &["demo", &file, "--theme", "high-contrast"],
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("high-contrast.ron:1:"), "{said}");

    let (code, said) = with_config(&[], &["play", &file, "--theme", "neon"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("no theme `neon`"), "{said}");
    assert!(said.contains("high-contrast"), "{said}");
}

#[test]
fn an_instructor_reads_a_class_and_watches_a_session_again() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let dir = class_common::write_class("e2e", &class_common::class());
    let folder = dir.to_string_lossy().into_owned();
    let tmux = Tmux::start(&format!(
        "'{bin}' report '{folder}' ; echo SHOPSIM_EXIT=$? ; sleep 5"
    ));
    tmux.wait_for("the class", |s| {
        s.contains("Scenarios") && s.contains("5 session(s)")
    });
    tmux.keys(&["Enter", "Down", "Enter"]);
    tmux.wait_for("Dev's debrief", |s| {
        s.contains("Debrief:") && s.contains("Dev · Esc back")
    });
    // Esc and q apart: sent together a terminal reads them as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("the class again", |s| !s.contains("Debrief:"));
    tmux.keys(&["q"]);
    let end = tmux.wait_for("the exit", |s| s.contains("SHOPSIM_EXIT="));
    assert!(end.contains("SHOPSIM_EXIT=0"), "{end}");
    drop(tmux);

    let dev = std::fs::read_dir(&dir)
        .expect("the class")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "json")
                && std::fs::read_to_string(p).is_ok_and(|t| t.contains("\"trainee\": \"Dev\""))
        })
        .expect("Dev's report");
    let tmux = Tmux::start(&format!(
        "'{bin}' demo --session '{}' --speed 50 --pace 50 ; echo SHOPSIM_EXIT=$? ; sleep 5",
        dev.display()
    ));
    tmux.wait_for("the end of Dev's session", |s| {
        s.contains("The end") && s.contains("NOT PASSED")
    });
    tmux.keys(&["q"]);
    let end = tmux.wait_for("the exit", |s| s.contains("SHOPSIM_EXIT="));
    assert!(end.contains("SHOPSIM_EXIT=0"), "{end}");
    let _ = std::fs::remove_dir_all(&dir);
}
