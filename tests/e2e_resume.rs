//! Nothing is lost: the real binary plays each library scenario's reference solution by
//! itself (`play --actions`), is killed with SIGKILL at a random moment, and `shopsim resume`
//! carries on from its journal to the same end as a run that was never interrupted: the
//! same objectives met at the same simulated moments, the same mistakes, refusals, actions
//! and score. Also: SIGTERM leaves the terminal as it was and keeps the session.
//!
//! Needs tmux (CI installs it). Without tmux the tests fail, unless SHOPSIM_SKIP_TMUX=1.

mod tmux_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tmux_common::{Tmux, skip_without_tmux};

const PACE_MS: u64 = 60;

/// Every library scenario with its reference solution, as absolute paths.
fn library() -> Vec<(PathBuf, PathBuf, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut found: Vec<(PathBuf, PathBuf, usize)> = std::fs::read_dir(&root)
        .expect("the scenarios folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".ron") && !name.ends_with(".actions.ron")
        })
        .filter_map(|p| {
            let actions = p.with_extension("actions.ron");
            let steps = std::fs::read_to_string(&actions)
                .ok()?
                .matches("(at:")
                .count();
            Some((p, actions, steps))
        })
        .collect();
    found.sort();
    found
}

/// The shopsim process under the pane's shell.
fn shopsim_pid(tmux: &Tmux) -> Option<String> {
    let out = tmux.run(&["display-message", "-p", "-t", "", "#{pane_pid}"]);
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let children = Command::new("pgrep").args(["-P", &shell]).output().ok()?;
    String::from_utf8_lossy(&children.stdout)
        .lines()
        .next()
        .map(str::to_owned)
}

/// The report a folder holds, without what depends on the real clock.
fn report(dir: &Path) -> serde_json::Value {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let text = std::fs::read_to_string(files.first().expect("a report")).expect("readable");
    let mut value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    strip_wall_clock(&mut value);
    value
}

/// Leaves out what the wall clock decides: real times, and when the report was saved.
fn strip_wall_clock(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !k.starts_with("real_") && k != "saved");
            map.values_mut().for_each(strip_wall_clock);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_wall_clock),
        _ => {}
    }
}

/// Plays the scenario's solution; returns the tmux session (its scratch folder holds the
/// data folder and the reports).
fn play(bin: &str, scenario: &Path, actions: &Path) -> Tmux {
    Tmux::start(&format!(
        "XDG_DATA_HOME='{{scratch}}/data' '{bin}' play '{}' --actions '{}' --pace {PACE_MS} --reports '{{scratch}}/reports'; echo SHOPSIM_EXIT=$?; sleep 30",
        scenario.display(),
        actions.display()
    ))
}

fn to_the_end_and_quit(tmux: &Tmux) {
    tmux.wait_for("the debrief", |s| s.contains("Debrief:"));
    tmux.keys(&["q"]);
    tmux.wait_for("the exit", |s| s.contains("SHOPSIM_EXIT="));
}

/// Waits until the process is gone (a killed program leaves the screen as it was, so the
/// screen cannot tell).
fn wait_gone(pid: &str) {
    for _ in 0..200 {
        let alive = Command::new("kill")
            .args(["-0", pid])
            .status()
            .is_ok_and(|s| s.success());
        if !alive {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("process {pid} is still running after SIGKILL");
}

fn seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1
}

#[test]
fn a_session_killed_at_any_moment_resumes_to_the_same_end() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let mut x = seed();
    eprintln!("seed {x} (the moments of the kills)");
    for (scenario, actions, steps) in library() {
        let name = scenario.file_name().unwrap_or_default().to_string_lossy();
        let whole = play(bin, &scenario, &actions);
        to_the_end_and_quit(&whole);
        let expected = report(&whole.scratch.join("reports"));

        let cut = play(bin, &scenario, &actions);
        cut.wait_for("the briefing", |s| s.contains("Briefing"));
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let moment = x % ((steps as u64 + 3) * 2 * PACE_MS);
        std::thread::sleep(Duration::from_millis(moment));
        let pid = shopsim_pid(&cut).unwrap_or_else(|| panic!("{name}: shopsim is not running"));
        let killed = Command::new("kill").args(["-9", &pid]).status();
        assert!(killed.is_ok_and(|s| s.success()), "{name}: kill -9 {pid}");
        wait_gone(&pid);

        let data = cut.scratch.join("data");
        let reports = cut.scratch.join("reports");
        let resumed = Tmux::start(&format!(
            "XDG_DATA_HOME='{}' '{bin}' resume --reports '{}'; echo SHOPSIM_EXIT=$?; sleep 30",
            data.display(),
            reports.display()
        ));
        to_the_end_and_quit(&resumed);
        let screen = resumed.screen();
        assert!(
            screen.contains("SHOPSIM_EXIT=0"),
            "{name}: resumed after {moment} ms, the exit:\n{screen}"
        );
        assert_eq!(
            report(&reports),
            expected,
            "{name}: killed after {moment} ms and resumed, the end differs"
        );
    }
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_session() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let (scenario, actions, _) = library().into_iter().next().expect("a library scenario");
    let tmux = play(bin, &scenario, &actions);
    tmux.wait_for("the briefing", |s| s.contains("Briefing"));
    std::thread::sleep(Duration::from_millis(3 * PACE_MS));
    let pid = shopsim_pid(&tmux).expect("shopsim is running");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .is_ok_and(|s| s.success())
    );
    let end = tmux.wait_for("the exit", |s| s.contains("SHOPSIM_EXIT="));
    assert!(end.contains("SHOPSIM_EXIT=1"), "{end}");
    assert!(
        end.contains("shopsim resume"),
        "it says how to go on:\n{end}"
    );
    assert_eq!(
        tmux.pane_flag("alternate_on"),
        "0",
        "back on the main screen"
    );
    assert_eq!(
        tmux.pane_flag("mouse_any_flag"),
        "0",
        "mouse reporting is off"
    );
    let journals = tmux.scratch.join("data/shopsim/journals");
    let open: Vec<_> = std::fs::read_dir(&journals)
        .expect("the journals folder")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .collect();
    assert_eq!(open.len(), 1, "the session's journal is kept, unfinished");
}

/// Closing the terminal ends a session or a demo (every loop that draws shares the way
/// out), within moments: a program
/// left behind would spin on a terminal that is gone. The session's journal is kept.
#[test]
fn a_closed_terminal_ends_play_and_demo() {
    if skip_without_tmux() {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_shopsim");
    let (scenario, _, _) = library().into_iter().next().expect("a library scenario");
    let scenario = scenario.display();
    for (what, command, ready) in [
        (
            "play",
            format!(
                "XDG_DATA_HOME='{{scratch}}/data' '{bin}' play '{scenario}' --reports '{{scratch}}/reports'; sleep 30"
            ),
            "Briefing",
        ),
        (
            "demo",
            format!("'{bin}' demo '{scenario}'; sleep 30"),
            "Briefing",
        ),
    ] {
        let tmux = Tmux::start(&command);
        tmux.wait_for(what, |s| s.contains(ready));
        let pid = shopsim_pid(&tmux).expect("shopsim is running");
        let journals = tmux.scratch.join("data/shopsim/journals");
        let _ = tmux.run(&["kill-server"]);
        // A hang shows as a process still there long after; a slow machine is not one.
        let gone = (0..600).any(|_| {
            std::thread::sleep(Duration::from_millis(50));
            !Command::new("kill")
                .args(["-0", &pid])
                .status()
                .is_ok_and(|s| s.success())
        });
        assert!(gone, "{what}: still running 30 s after its terminal closed");
        if what == "play" {
            let kept = std::fs::read_dir(&journals)
                .expect("the journals folder")
                .filter_map(Result::ok)
                .any(|e| e.path().extension().is_some_and(|x| x == "jsonl"));
            assert!(kept, "the session's journal is kept for resume");
        }
    }
}
