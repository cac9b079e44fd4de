//! How fast the core replays stories and the UI draws a frame. Measured, never asserted:
//! `cargo bench` prints the numbers to compare before and after a change.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shopsim::scenario::{self, actions};
use shopsim::ui::app::App;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Runs `work` repeatedly for about half a second and prints the mean time per run.
fn measure(name: &str, mut work: impl FnMut()) {
    work();
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < Duration::from_millis(500) {
        work();
        runs += 1;
    }
    let per_run = start.elapsed() / runs.max(1);
    println!("{name:<48} {per_run:>12.2?} per run ({runs} runs)");
}

fn main() {
    let mut paths: Vec<String> = std::fs::read_dir("scenarios")
        .expect("run from the repository root")
        .filter_map(Result::ok)
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".ron") && !p.ends_with(".actions.ron"))
        .collect();
    paths.sort();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("readable");
        measure(&format!("load {path}"), || {
            black_box(scenario::load(path, &text).ok());
        });
        let Ok(loaded) = scenario::load(path, &text) else {
            continue;
        };
        let solution = actions::solution_path(path);
        let Ok(script_text) = std::fs::read_to_string(&solution) else {
            continue;
        };
        let Ok(script) = actions::load_for(&solution, &script_text, &loaded) else {
            continue;
        };
        measure(&format!("replay solution of {path}"), || {
            black_box(loaded.replay(&script, None).session.sim().log().len());
        });
    }
    let path = "scenarios/01_quick_cancel_window.ron";
    let text = std::fs::read_to_string(path).expect("default scenario");
    let loaded = scenario::load(path, &text).expect("valid");
    for (w, h) in [(80, 24), (200, 60)] {
        let mut app = App::new(&loaded);
        app.overlays.clear();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
        for tab in 0..4 {
            app.tab = shopsim::ui::app::Tab::ALL[tab];
            measure(&format!("draw {:?} at {w}x{h}", app.tab), || {
                terminal
                    .draw(|f| shopsim::ui::draw::draw(&mut app, f))
                    .expect("draw");
            });
        }
    }
    let fresh = || {
        let mut app = App::new(&loaded);
        // The briefing would hold the clock: a tick under a dialog does nothing.
        app.overlays.clear();
        app.clock.resume();
        app
    };
    let mut app = fresh();
    let mut at = Instant::now();
    app.on_tick(at);
    measure("one clock tick of 100 ms at 1 h/s", || {
        at += Duration::from_millis(100);
        app.on_tick(at);
        // A story whose time is up only refuses: start it again (about once in 5,000 ticks).
        if app.session.ending().is_some() || app.clock.paused() {
            app = fresh();
            app.on_tick(at);
        }
    });
}
