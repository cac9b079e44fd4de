//! `--record`: a demo drawn through the terminal writer that records, as the real program
//! draws it (the crossterm backend, frame by frame), gives a valid asciicast v2 file, and
//! playing its output on a virtual terminal (`vt100`) ends on the demo's final screen.

mod ui_common;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use shopsim::scenario::{self, actions};
use shopsim::ui::demo::{Cue, Demo, Stage};
use shopsim::ui::record::{Recorder, Recording, TerminalOut};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use ui_common::{render, rows};

/// A file in memory that the test can read after the recording has it.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn demo() -> Demo {
    let path = "scenarios/03_fake_tracking_dispute.ron";
    let text = std::fs::read_to_string(path).expect("the scenario");
    let scenario = scenario::load(path, &text).expect("valid");
    let solution = actions::solution_path(path);
    let script_text = std::fs::read_to_string(&solution).expect("its solution");
    let script = actions::load_for(&solution, &script_text, &scenario).expect("valid");
    let stage = Stage::of(&scenario);
    Demo::new(
        stage,
        Cue::script(&script),
        Duration::from_millis(1800),
        false,
    )
}

#[test]
fn a_recorded_demo_is_valid_asciicast_and_replays_to_its_final_screen() {
    let (width, height) = (80u16, 24u16);
    let file = Shared::default();
    let recording = Recording::start(Box::new(file.clone()), width, height, 1_767_225_600, "demo")
        .expect("a header");
    let recorder = Recorder::new(Some(recording));
    let out = TerminalOut::new(Box::new(std::io::sink()), recorder.clone());
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(out),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        },
    )
    .expect("a terminal");
    let mut demo = demo();
    loop {
        terminal
            .draw(|frame| shopsim::ui::draw::draw(&mut demo.app, frame))
            .expect("drawn");
        if demo.at_end() {
            break;
        }
        demo.advance();
    }
    recorder.finish().expect("the recording is complete");

    let text = String::from_utf8(file.0.lock().expect("not poisoned").clone()).expect("UTF-8");
    let mut lines = text.lines();
    let header: serde_json::Value =
        serde_json::from_str(lines.next().expect("a header")).expect("the header is JSON");
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], u64::from(width));
    assert_eq!(header["height"], u64::from(height));
    assert!(header["timestamp"].is_i64(), "{header}");

    let size = |n: u16| std::num::NonZeroU16::new(n).expect("not zero");
    let mut parser = vt100::Parser::new(size(height), size(width), 0);
    let mut last = 0.0f64;
    let mut events = 0;
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(line).expect("an event is JSON");
        let fields = event.as_array().expect("an event is an array");
        assert_eq!(fields.len(), 3, "{line}");
        let at = fields[0].as_f64().expect("seconds");
        assert!(at >= last, "events in time order: {at} after {last}");
        assert!(
            at - last <= shopsim::ui::record::LONGEST_GAP.as_secs_f64() + 1e-6,
            "idle gaps are capped"
        );
        last = at;
        assert_eq!(fields[1], "o", "{line}");
        parser.process(fields[2].as_str().expect("text").as_bytes());
        events += 1;
    }
    assert!(events > demo.steps(), "a frame per beat at least: {events}");

    let replayed: Vec<String> = parser
        .screen()
        .rows(0, width)
        .map(|r| r.trim_end().to_owned())
        .collect();
    let expected: Vec<String> = rows(render(&mut demo.app, width, height).backend().buffer())
        .iter()
        .map(|r| r.trim_end().to_owned())
        .collect();
    assert_eq!(replayed, expected);
    assert!(
        replayed.iter().any(|r| r.contains("PASSED")),
        "{replayed:#?}"
    );
}
