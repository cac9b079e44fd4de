//! A session played headless from a list of timed actions: how `shopsim run` and the
//! tests play a scenario and its reference solution.

use super::{Coach, Mode};
use crate::scenario::Scenario;
use crate::scenario::actions::TimedAction;
use crate::sim::time::{Moment, Span};
use crate::sim::{Action, Advance, Simulation};

/// With no end time the story runs until nothing is scheduled, but never longer than this
/// after the last action (buyer protection alone is 60 days on some platforms).
const TAIL: Span = Span::Days(90);

pub struct Replay {
    pub sim: Simulation,
    pub coach: Coach,
    /// Scripted actions the core refused.
    pub refused: usize,
}

/// Plays `script` in order, each at its time, then lets the clock run to `until` (or until
/// nothing is scheduled, or the scenario's time limit).
pub fn replay(scenario: &Scenario, script: &[TimedAction], until: Option<Moment>) -> Replay {
    let mut sim = Simulation::new(scenario.setup.clone());
    let spec = scenario.file.training.clone().unwrap_or_default();
    let mut coach = Coach::new(&sim, spec, Mode::Exam);
    let mut refused = 0;
    let limit = coach.deadline(&sim);
    let stop = match (until, limit) {
        (Some(u), Some(l)) => Some(u.min(l)),
        (u, l) => u.or(l),
    };
    for step in script {
        if stop.is_some_and(|s| step.at > s) {
            break;
        }
        if step.at > sim.now() {
            let _ = coach.apply(&mut sim, Action::AdvanceClock(Advance::To(step.at)), 0);
        }
        if coach.apply(&mut sim, step.action.clone(), 0).is_err() {
            refused += 1;
        }
    }
    match stop {
        Some(at) if at >= sim.now() => {
            let _ = coach.apply(&mut sim, Action::AdvanceClock(Advance::To(at)), 0);
        }
        Some(_) => {}
        None => {
            let cap = sim.calendar().add(sim.now(), TAIL);
            while let Some(next) = sim.next_event_at() {
                if next > cap {
                    break;
                }
                let _ = coach.apply(&mut sim, Action::AdvanceClock(Advance::To(next)), 0);
            }
        }
    }
    Replay {
        sim,
        coach,
        refused,
    }
}
