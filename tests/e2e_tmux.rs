//! End to end: the real `shopsim` binary in a real terminal (tmux), driven with keystrokes and
//! read back with `capture-pane`. It checks what only a real terminal shows: that the program
//! starts, answers keys, moves an order from one status group to another, and on `q` exits 0
//! and leaves the terminal as it found it (main screen, no mouse reporting).
//!
//! Needs tmux (CI installs it). Without tmux the test fails, unless SHOPSIM_SKIP_TMUX=1.

use std::time::{Duration, Instant};

mod tmux_common;

use tmux_common::{TIMEOUT, Tmux, tmux_available};

/// The status groups of the default scenario's policy, as My Orders lists them.
fn group_names() -> Vec<String> {
    let text = include_str!("../scenarios/01_quick_cancel_window.ron");
    let scenario = shopsim::scenario::load("scenarios/01_quick_cancel_window.ron", text)
        .unwrap_or_else(|r| panic!("the default scenario does not load: {r:?}"));
    scenario
        .policy
        .status_groups
        .iter()
        .map(|g| g.name.clone())
        .collect()
}

/// The count after each group's name in the My Orders list ("│  Shipped   2  │").
fn group_counts(screen: &str, groups: &[String]) -> Vec<(String, Option<usize>)> {
    groups
        .iter()
        .map(|name| {
            let count = screen.lines().find_map(|line| {
                let line = line.trim_start_matches(['│', ' ', '›']);
                let rest = line.strip_prefix(name.as_str())?;
                rest.split_whitespace().next()?.parse().ok()
            });
            (name.clone(), count)
        })
        .collect()
}

fn count_of(counts: &[(String, Option<usize>)], group: &str) -> Option<usize> {
    counts
        .iter()
        .find(|(n, _)| n == group)
        .and_then(|(_, c)| *c)
}

#[test]
fn play_cancel_an_order_and_quit_in_a_real_terminal() {
    if !tmux_available() {
        if std::env::var("SHOPSIM_SKIP_TMUX").as_deref() == Ok("1") {
            eprintln!("tmux is not installed: skipped because SHOPSIM_SKIP_TMUX=1");
            return;
        }
        panic!(
            "tmux is not installed, and this end-to-end test needs it (`apt-get install tmux`; \
             .ci/run installs it). Set SHOPSIM_SKIP_TMUX=1 to skip it."
        );
    }
    let groups = group_names();
    let bin = env!("CARGO_BIN_EXE_shopsim");
    // Journals and reports go to a data folder of the test's own.
    let tmux = Tmux::start(&format!(
        "XDG_DATA_HOME='{{scratch}}/data' '{bin}' ; echo SHOPSIM_EXIT=$? ; sleep 5"
    ));

    tmux.wait_for("the briefing", |s| s.contains("Briefing"));
    assert_eq!(
        tmux.pane_flag("alternate_on"),
        "1",
        "the app uses the alternate screen"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("the cart", |s| {
        s.contains("Cart (") && !s.contains("Briefing")
    });

    // Every tab answers: Tab moves on, digits jump.
    tmux.keys(&["Tab"]);
    tmux.wait_for("My Orders", |s| s.contains("┌ Status"));
    tmux.keys(&["3"]);
    tmux.wait_for("Support", |s| s.contains("Ask your own question"));
    tmux.keys(&["4"]);
    tmux.wait_for("Finances", |s| s.contains("Payment methods"));
    tmux.keys(&["2"]);
    let list = tmux.wait_for("the status groups", |s| {
        group_counts(s, &groups).iter().all(|(_, c)| c.is_some())
    });
    let before = group_counts(&list, &groups);
    let awaiting = count_of(&before, "Awaiting shipment").expect("a count");
    let refunds = count_of(&before, "Disputes & refunds").expect("a count");
    assert!(awaiting >= 1, "an order awaits shipment: {before:?}");

    // The paid order: second group, first order. Every action possible on it cannot be
    // undone, so the cursor waits; ↓ reaches "Cancel order".
    tmux.keys(&["Down", "Enter", "Enter"]);
    tmux.wait_for("the order's actions", |s| {
        s.contains("A-1001") && s.contains("! Cancel order") && s.contains("to choose an action")
    });
    tmux.keys(&["Down"]);
    tmux.wait_for("the cursor on Cancel order", |s| {
        s.contains("›! Cancel order")
    });
    tmux.keys(&["Enter"]);
    tmux.wait_for("the reason picker", |s| {
        s.contains("Why are you cancelling?")
    });
    tmux.keys(&["2"]);
    tmux.wait_for("the confirmation", |s| s.contains("Cannot be undone"));
    // Enter does not confirm what cannot be undone.
    tmux.keys(&["Enter"]);
    tmux.wait_for("the nudge", |s| s.contains("Only y confirms this"));
    tmux.keys(&["y"]);
    tmux.wait_for("the cancelled order", |s| {
        s.contains("Refund in progress") && !s.contains("Cannot be undone:")
    });

    tmux.keys(&["Escape"]);
    let list = tmux.wait_for("the counts to move", |s| {
        let now = group_counts(s, &groups);
        count_of(&now, "Awaiting shipment") == Some(awaiting - 1)
            && count_of(&now, "Disputes & refunds") == Some(refunds + 1)
    });
    let after = group_counts(&list, &groups);
    for (name, count) in &after {
        if name != "Awaiting shipment" && name != "Disputes & refunds" {
            assert_eq!(*count, count_of(&before, name), "{name} did not change");
        }
    }

    // Quit. A training scenario asks first, then shows its debrief: q again leaves it.
    tmux.keys(&["q"]);
    let start = Instant::now();
    let end = loop {
        let screen = tmux.screen();
        if screen.contains("SHOPSIM_EXIT=") {
            break screen;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "shopsim did not exit on q; the pane shows:\n{screen}"
        );
        if screen.contains("End the session and quit?") {
            tmux.keys(&["y"]);
        } else if screen.contains("Debrief") {
            tmux.keys(&["q"]);
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(end.contains("SHOPSIM_EXIT=0"), "exit code:\n{end}");
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
    assert_eq!(tmux.pane_flag("cursor_flag"), "1", "the cursor is visible");
    assert!(
        !end.contains("┌ Status"),
        "nothing of the UI is left on the main screen:\n{end}"
    );
}
