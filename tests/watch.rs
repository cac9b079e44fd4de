//! Edits under a running watch take effect: `shopsim watch` checks and replays on every
//! save (a plain write and a save by rename alike), and `play --watch` reloads the running
//! session in the terminal, replaying the trainee's actions and saying what no longer
//! applies, or shows the new problems over the session.

mod class_common;
mod tmux_common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use tmux_common::{TIMEOUT, Tmux, skip_without_tmux};

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shopsim-watch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn new_story(dir: &std::path::Path) -> String {
    let stem = dir.join("story");
    let out = Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(["new", &stem.to_string_lossy()])
        .output()
        .expect("shopsim new");
    assert!(out.status.success(), "{out:?}");
    format!("{}.ron", stem.to_string_lossy())
}

#[test]
fn the_headless_watch_checks_and_plays_every_save() {
    let dir = scratch("headless");
    let file = new_story(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(["watch", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("shopsim watch");
    let (tx, lines) = channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = String::new();
    let mut wait_for = |what: &str| {
        while !seen.contains(what) {
            match lines.recv_timeout(TIMEOUT) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                }
                Err(_) => panic!("waited {TIMEOUT:?} for {what:?}; the watch said:\n{seen}"),
            }
        }
    };
    wait_for("PASSED, score 100 of 100");
    // A plain write with a problem: its line and column, no replay.
    let text = std::fs::read_to_string(&file).expect("the story");
    std::fs::write(&file, text.replace("price: \"30.00\"", "price: \"thirty\"")).expect("saved");
    wait_for("story.ron:27:");
    // A save by rename, fixed, with an objective the solution now misses.
    let fixed = text.replace("points: 40)", "points: 40, within: Minutes(1))");
    let temporary = dir.join("story.ron.tmp");
    std::fs::write(&temporary, fixed).expect("written");
    std::fs::rename(&temporary, &file).expect("renamed");
    wait_for("[ ] Pay for the lamp with your card");
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn play_watch_reloads_the_running_session_and_shows_problems_over_it() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let tmux = Tmux::start(&format!(
        "'{bin}' new '{{scratch}}/story' >/dev/null && XDG_DATA_HOME='{{scratch}}/data' '{bin}' play '{{scratch}}/story.ron' --watch --reports '{{scratch}}/reports'; sleep 30"
    ));
    let file = tmux.scratch.join("story.ron");
    tmux.wait_for("the briefing", |s| s.contains("Briefing"));
    // Read the briefing, check the lamp out: an action to carry over.
    tmux.keys(&["Enter"]);
    tmux.keys(&["o"]);
    tmux.wait_for("the payment picker", |s| s.contains("Choose a method"));
    tmux.keys(&["Escape"]);
    let text = std::fs::read_to_string(&file).expect("the story");
    // Saved with a problem: shown over the session, which goes on.
    std::fs::write(&file, text.replace("price: \"30.00\"", "price: \"thirty\"")).expect("saved");
    let screen = tmux.wait_for("the problem", |s| {
        s.contains("Problems in the saved file") && s.contains("story.ron:27:")
    });
    // The line itself, with a mark under the value, and that the session goes on.
    assert!(
        screen.contains("price: \"thirty\"") && screen.contains('^'),
        "{screen}"
    );
    assert!(screen.contains("The session goes on"), "{screen}");
    tmux.keys(&["Escape"]);
    // Saved again, with the lamp gone from the catalogue: the checkout no longer applies.
    let without_lamp = text
        .replace("(item: \"lamp\"),", "")
        .replace(
            "(id: \"lamp\", title: \"LED desk lamp\", price: \"30.00\", seller: \"lumen\", shipping: \"2.00\"),",
            "(id: \"lamp2\", title: \"Floor lamp\", price: \"80.00\", seller: \"lumen\"),",
        );
    std::fs::write(&file, without_lamp).expect("saved");
    let screen = tmux.wait_for("the reload", |s| s.contains("Scenario reloaded"));
    assert!(
        screen.contains("Action 1 (check out") && screen.contains("no longer"),
        "{screen}"
    );
    // The journal goes on under the new version: resuming it later replays the session
    // on the file it was last played on, with nothing to warn about. The old one is gone.
    let journals: Vec<std::path::PathBuf> =
        std::fs::read_dir(tmux.scratch.join("data/shopsim/journals"))
            .expect("the journals")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
    assert_eq!(journals.len(), 1, "{journals:?}");
    let journal = std::fs::read_to_string(&journals[0]).expect("the journal");
    let header = journal.lines().next().expect("a header");
    let now = std::fs::read_to_string(&file).expect("the story");
    assert!(header.contains(&class_common::hash(&now)), "{header}");
    assert!(
        journal.contains("Checkout"),
        "the steps are kept: {journal}"
    );
}

#[test]
fn play_watch_on_a_file_that_does_not_load_waits_for_a_save_that_does() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let tmux = Tmux::start(&format!(
        "'{bin}' new '{{scratch}}/story' >/dev/null && sed -i 's/\"30.00\"/\"30.001\"/' '{{scratch}}/story.ron' && XDG_DATA_HOME='{{scratch}}/data' '{bin}' play '{{scratch}}/story.ron' --watch --reports '{{scratch}}/reports'; sleep 30"
    ));
    let file = tmux.scratch.join("story.ron");
    tmux.wait_for("the problem and the wait", |s| {
        s.contains("more than two decimals") && s.contains("waiting for a save")
    });
    let text = std::fs::read_to_string(&file).expect("the story");
    std::fs::write(&file, text.replace("\"30.001\"", "\"30.00\"")).expect("saved");
    tmux.wait_for("the briefing", |s| s.contains("Briefing"));
}
