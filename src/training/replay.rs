//! A session played headless from a list of timed actions: how `shopsim run` and the
//! tests play a scenario and its reference solution. It goes through the same `Session`
//! as the terminal UI, so the clock, the time limit and the scoring are the same.

use super::{Mode, Session, TrainingSpec};
use crate::sim::engine::Setup;
use crate::sim::time::{Moment, Span};
use crate::sim::{Action, Advance};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// With no end time the story runs until nothing is scheduled, but never longer than this
/// after the last action (buyer protection alone is 60 days on some platforms).
const TAIL: Span = Span::Days(90);

/// One line of an action file: do this at that moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedAction {
    pub at: Moment,
    pub action: Action,
    /// What a demonstration says before the action; without it, a caption is made from the
    /// action and the rule it meets (`caption::caption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

pub struct Replay {
    pub session: Session,
    /// Scripted actions the core refused.
    pub refused: usize,
    /// Which ones, by their place in the script, with the reason.
    pub refusals: Vec<(usize, String)>,
}

/// Plays `script` in order, each at its time, then lets the clock run to `until` (or until
/// nothing is scheduled), never past the scenario's time limit. Actions after the session
/// ended (its goals met) are still played, unscored, so the end state shows the whole script.
pub fn replay(
    setup: Arc<Setup>,
    spec: TrainingSpec,
    title: &str,
    script: &[TimedAction],
    until: Option<Moment>,
) -> Replay {
    replay_keeping(setup, spec, title, script, until, false)
}

/// `replay`, keeping everything scheduled on the way if `keep_schedule` (a timeline).
pub fn replay_keeping(
    setup: Arc<Setup>,
    spec: TrainingSpec,
    title: &str,
    script: &[TimedAction],
    until: Option<Moment>,
    keep_schedule: bool,
) -> Replay {
    let mut session = Session::new(setup, spec, Mode::Exam, title);
    if keep_schedule {
        session.keep_schedule();
    }
    let mut refusals = Vec::new();
    let limit = session.limit();
    let stop = match (until, limit) {
        (Some(u), Some(l)) => Some(u.min(l)),
        (u, l) => u.or(l),
    };
    for (n, step) in script.iter().enumerate() {
        if stop.is_some_and(|s| step.at > s) {
            break;
        }
        if session.ending().is_some() && !session.is_sandbox() {
            session.continue_unscored();
        }
        if step.at > session.sim().now() {
            session.apply(Action::AdvanceClock(Advance::To(step.at)), 0);
        }
        if session.ending().is_some() && !session.is_sandbox() {
            session.continue_unscored();
        }
        if let Some(refusal) = session.apply(step.action.clone(), 0).refused {
            refusals.push((n, refusal.reason));
        }
    }
    if session.ending().is_some() && !session.is_sandbox() {
        session.continue_unscored();
    }
    match stop {
        Some(at) if at >= session.sim().now() => {
            session.apply(Action::AdvanceClock(Advance::To(at)), 0);
        }
        Some(_) => {}
        None => {
            let cap = session.sim().calendar().add(session.sim().now(), TAIL);
            while let Some(next) = session.sim().next_event_at() {
                if next > cap {
                    break;
                }
                session.apply(Action::AdvanceClock(Advance::To(next)), 0);
            }
        }
    }
    // The run is over: goals that held until now are judged here.
    session.stop(0);
    Replay {
        session,
        refused: refusals.len(),
        refusals,
    }
}

/// A trainee's action that no longer applies after the scenario changed.
#[derive(Debug, Clone, PartialEq)]
pub struct NoLongerApplies {
    /// Its place among the trainee's actions, counted from 1.
    pub number: usize,
    pub at: Moment,
    pub what: String,
    pub reason: String,
}

/// The trainee's actions of `old`, played at their times onto a new version of the story
/// (an author saved the file), and the clock brought to where `old` was, as Ink
/// fast-forwards to where the reader was. Actions the new version refuses are listed.
pub fn carry_over(
    setup: Arc<Setup>,
    spec: TrainingSpec,
    title: &str,
    old: &Session,
) -> (Session, Vec<NoLongerApplies>) {
    let mut session = Session::new(setup, spec, old.mode(), title);
    let mut lost = Vec::new();
    let done = old
        .coach()
        .journal
        .iter()
        .filter(|entry| entry.refused.is_none());
    for (n, entry) in done.enumerate() {
        if session.ending().is_some() && !session.is_sandbox() {
            session.continue_unscored();
        }
        if entry.at > session.sim().now() {
            session.apply(Action::AdvanceClock(Advance::To(entry.at)), entry.real_ms);
        }
        let what = session.sim().describe(&entry.action);
        if let Some(refusal) = session.apply(entry.action.clone(), entry.real_ms).refused {
            lost.push(NoLongerApplies {
                number: n + 1,
                at: entry.at,
                what,
                reason: refusal.reason,
            });
        }
    }
    let now = old.sim().now();
    if now > session.sim().now() {
        session.apply(Action::AdvanceClock(Advance::To(now)), old.coach().real_ms);
    }
    (session, lost)
}
