//! What the program writes to the terminal goes through `TerminalOut`, which can keep a copy
//! as an asciicast v2 recording (the format the asciinema player replays): a header line
//! with the size and the start, then one `[seconds, "o", text]` line per frame, holding
//! exactly the bytes the terminal got. Long idle gaps are cut short so a recording of a
//! paused session does not make its viewers wait.
//!
//! The UI touches no file: the caller opens the recording's destination and hands it over.

use serde_json::json;
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// The longest pause a recording keeps between two frames.
pub const LONGEST_GAP: Duration = Duration::from_secs(2);

/// An asciicast v2 recording being written.
pub struct Recording {
    sink: Box<dyn Write>,
    /// Bytes written since the last frame ended (a frame ends with a flush).
    pending: Vec<u8>,
    /// When the last event was written, in real time and on the recording's own clock.
    last_real: Instant,
    last_at: Duration,
    /// Why the recording stopped, if writing it failed: the session goes on without it.
    pub failed: Option<String>,
}

impl Recording {
    /// Starts a recording of a `width`×`height` terminal at `timestamp` (seconds since the
    /// Unix epoch): writes its header.
    pub fn start(
        mut sink: Box<dyn Write>,
        width: u16,
        height: u16,
        timestamp: i64,
        title: &str,
    ) -> io::Result<Recording> {
        let header = json!({
            "version": 2,
            "width": width,
            "height": height,
            "timestamp": timestamp,
            "title": title,
            "env": { "TERM": std::env::var("TERM").unwrap_or_else(|_| "xterm-256color".into()) },
        });
        writeln!(sink, "{header}")?;
        sink.flush()?;
        Ok(Recording {
            sink,
            pending: Vec::new(),
            last_real: Instant::now(),
            last_at: Duration::ZERO,
            failed: None,
        })
    }

    /// The moment of the next event on the recording's clock: real time since the last one,
    /// with a long gap cut to `LONGEST_GAP`.
    fn next_moment(&mut self) -> f64 {
        let gap = self.last_real.elapsed().min(LONGEST_GAP);
        self.last_real = Instant::now();
        self.last_at += gap;
        self.last_at.as_secs_f64()
    }

    /// Writes what the terminal got since the last frame as one output event. A character
    /// cut in two by the end of a frame waits for its other half.
    fn output_event(&mut self) {
        if self.pending.is_empty() || self.failed.is_some() {
            return;
        }
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        if whole == 0 {
            return;
        }
        let text = String::from_utf8_lossy(&self.pending[..whole]).into_owned();
        self.pending.drain(..whole);
        let at = self.next_moment();
        self.event(json!([round(at), "o", text]));
    }

    /// The terminal was resized: a resize event, so a player follows.
    pub fn resized(&mut self, width: u16, height: u16) {
        self.output_event();
        let at = self.next_moment();
        self.event(json!([round(at), "r", format!("{width}x{height}")]));
    }

    fn event(&mut self, event: serde_json::Value) {
        if self.failed.is_some() {
            return;
        }
        let written = writeln!(self.sink, "{event}").and_then(|()| self.sink.flush());
        if let Err(e) = written {
            self.failed = Some(e.to_string());
        }
    }

    /// Writes what is left; says why the recording is incomplete, if it is.
    pub fn finish(mut self) -> Result<(), String> {
        self.output_event();
        match self.failed {
            Some(why) => Err(why),
            None => Ok(()),
        }
    }
}

/// Microseconds are more than a player needs; six decimals keep the file short.
fn round(seconds: f64) -> f64 {
    (seconds * 1e6).round() / 1e6
}

/// A handle on the recording, if there is one: the terminal's writer feeds it, and the
/// event loop tells it of a resize and ends it. Shared because the backend owns its writer.
#[derive(Clone, Default)]
pub struct Recorder(Rc<RefCell<Option<Recording>>>);

impl Recorder {
    pub fn new(recording: Option<Recording>) -> Recorder {
        Recorder(Rc::new(RefCell::new(recording)))
    }

    pub fn resized(&self, width: u16, height: u16) {
        if let Some(recording) = self.0.borrow_mut().as_mut() {
            recording.resized(width, height);
        }
    }

    /// Ends the recording, if any: why it is incomplete, when it is.
    pub fn finish(&self) -> Result<(), String> {
        match self.0.borrow_mut().take() {
            Some(recording) => recording.finish(),
            None => Ok(()),
        }
    }
}

/// The writer the terminal backend writes to: the terminal itself, and the recording too
/// when there is one.
pub struct TerminalOut {
    terminal: Box<dyn Write>,
    recorder: Recorder,
}

impl TerminalOut {
    pub fn new(terminal: Box<dyn Write>, recorder: Recorder) -> TerminalOut {
        TerminalOut { terminal, recorder }
    }
}

impl Write for TerminalOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.terminal.write(buf)?;
        if let Some(recording) = self.recorder.0.borrow_mut().as_mut() {
            recording.pending.extend_from_slice(&buf[..written]);
        }
        Ok(written)
    }

    /// The end of a frame (the backend flushes once a frame): one event in the recording.
    fn flush(&mut self) -> io::Result<()> {
        self.terminal.flush()?;
        if let Some(recording) = self.recorder.0.borrow_mut().as_mut() {
            recording.output_event();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("not poisoned").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_character_cut_by_a_frame_waits_for_its_other_half() {
        let file = Shared::default();
        let recording = Recording::start(Box::new(file.clone()), 10, 2, 0, "t").expect("a header");
        let recorder = Recorder::new(Some(recording));
        let mut out = TerminalOut::new(Box::new(io::sink()), recorder.clone());
        let bytes = "a●".as_bytes();
        out.write_all(&bytes[..2]).expect("written");
        out.flush().expect("flushed");
        out.write_all(&bytes[2..]).expect("written");
        out.flush().expect("flushed");
        recorder.finish().expect("finished");
        let text = String::from_utf8(file.0.lock().expect("not poisoned").clone()).expect("utf-8");
        let events: Vec<serde_json::Value> = text
            .lines()
            .skip(1)
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        let said: Vec<&str> = events.iter().filter_map(|e| e[2].as_str()).collect();
        assert_eq!(said, ["a", "●"]);
    }
}
