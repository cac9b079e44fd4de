//! The journal of a session: every call that changed it, in order, with its real time.
//! Played again on the same scenario it gives back the same session exactly (the core is
//! deterministic), so a session cut short by a crash, a closed terminal or `kill -9` can
//! go on where it was. Writing it down is the caller's business; this is only its shape.

use super::{Mode, Session, TrainingSpec};
use crate::sim::Action;
use crate::sim::engine::Setup;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One thing the trainee did to the session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SessionEvent {
    /// A trainee action or a move of the clock.
    Apply(Action),
    /// Back to before journal entry `n` (practice).
    Rewind(usize),
    /// A hint asked for.
    Hint,
    /// The trainee ended the session.
    Stop,
    /// Played on after the end, unscored (practice).
    PlayOn,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    /// Milliseconds of real time since the session began.
    pub real_ms: u64,
    pub event: SessionEvent,
}

impl JournalLine {
    pub fn new(real_ms: u64, event: SessionEvent) -> JournalLine {
        JournalLine { real_ms, event }
    }
}

impl Session {
    /// Does what a journal line records. The outcome is the same as the first time, so it
    /// is not returned.
    pub fn redo(&mut self, line: &JournalLine) {
        match &line.event {
            SessionEvent::Apply(action) => {
                self.apply(action.clone(), line.real_ms);
            }
            SessionEvent::Rewind(index) => {
                let _ = self.rewind(*index, line.real_ms);
            }
            SessionEvent::Hint => {
                let _ = self.ask_hint(line.real_ms);
            }
            SessionEvent::Stop => {
                self.stop(line.real_ms);
            }
            SessionEvent::PlayOn => {
                let _ = self.play_on();
            }
        }
    }

    /// The session a journal describes, played again from the scenario's start.
    pub fn from_journal(
        setup: Arc<Setup>,
        spec: TrainingSpec,
        mode: Mode,
        title: &str,
        lines: &[JournalLine],
    ) -> Session {
        let mut session = Session::new(setup, spec, mode, title);
        for line in lines {
            session.redo(line);
        }
        session
    }
}
