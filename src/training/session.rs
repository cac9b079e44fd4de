//! A training session: one simulation and the coach that watches it, owned together, so
//! that nothing moves the story without the coach seeing it. Every trainee action and
//! every clock move goes through `Session::apply`, which says what happened (orders
//! created, what was refused and why, where the clock stopped, whether the session ended);
//! a UI shows that and never guesses from the clock.
//!
//! The clock never passes the scenario's time limit. When the session ends its debrief is
//! taken once and stays final; practice may play on afterwards as a sandbox that scores
//! nothing.

use super::coach::{Coach, Ending, Mode, Rewind, Status};
use super::debrief::Debrief;
use super::spec::{Hint, TrainingSpec};
use crate::sim::Simulation;
use crate::sim::action::{Action, Advance, Refusal};
use crate::sim::engine::{ClockBounds, Setup, Stop};
use crate::sim::time::{Moment, show};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Session {
    sim: Simulation,
    /// How the story began, for practice: rewinding plays the journal again from here,
    /// which the core's determinism makes exact. Shared with the scenario, not copied; an
    /// exam, which cannot rewind, keeps none.
    initial: Option<Arc<Setup>>,
    coach: Coach,
    title: String,
    /// The debrief taken when the session ended: final.
    result: Option<Debrief>,
    /// After the end, practice may play on: what happens then is not scored.
    sandbox: bool,
}

/// What one step of a session did.
#[derive(Debug, Clone, Default)]
pub struct Step {
    /// The refusal, with the reason a trainee can read.
    pub refused: Option<Refusal>,
    /// Orders this step created (a checkout), in the order they were placed.
    pub new_orders: Vec<String>,
    /// The log entries this step added are `sim.log()[log_from..]`.
    pub log_from: usize,
    /// Where the clock stopped, when the step moved it.
    pub stop: Option<Stop>,
    /// Something now waits for the trainee's answer (an offer, a return to ship).
    pub asks_the_buyer: bool,
    /// A hint revealed because the trainee seemed stuck (an index into the spec's hints).
    pub hint: Option<usize>,
    /// The session ended with this step.
    pub ended: Option<Ending>,
}

impl Session {
    pub fn new(
        setup: Arc<Setup>,
        spec: TrainingSpec,
        mode: Mode,
        title: impl Into<String>,
    ) -> Session {
        // Practice keeps the start to rewind to; an exam takes the setup itself when it is
        // the only holder, so a large story is not copied for nothing.
        let (sim, initial) = match mode {
            Mode::Practice => (Simulation::new((*setup).clone()), Some(setup)),
            Mode::Exam => {
                let owned = Arc::try_unwrap(setup).unwrap_or_else(|shared| (*shared).clone());
                (Simulation::new(owned), None)
            }
        };
        let coach = Coach::new(&sim, spec, mode);
        Session {
            initial,
            sim,
            coach,
            title: title.into(),
            result: None,
            sandbox: false,
        }
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    /// Keeps everything the simulation schedules from now on, for an author's timeline.
    pub fn keep_schedule(&mut self) {
        self.sim.keep_schedule();
    }

    pub fn coach(&self) -> &Coach {
        &self.coach
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn mode(&self) -> Mode {
        self.coach.mode
    }

    pub fn ending(&self) -> Option<Ending> {
        self.coach.ending
    }

    /// Whether the session has ended and is being played on, unscored.
    pub fn is_sandbox(&self) -> bool {
        self.sandbox
    }

    /// The end of the scenario's time limit, if it has one.
    pub fn limit(&self) -> Option<Moment> {
        self.coach.deadline(&self.sim)
    }

    /// The debrief: final once the session has ended, else as things stand.
    pub fn debrief(&self) -> Debrief {
        match &self.result {
            Some(result) => result.clone(),
            None => Debrief::of(&self.coach, &self.sim, &self.title),
        }
    }

    /// The final debrief, once the session has ended.
    pub fn result(&self) -> Option<&Debrief> {
        self.result.as_ref()
    }

    /// Carries out a trainee action, or a move of the clock, at `real_ms` of real time.
    pub fn apply(&mut self, action: Action, real_ms: u64) -> Step {
        let log_from = self.sim.log().len();
        let orders_before = self.sim.world().orders.len();
        let mut step = Step {
            log_from,
            ..Step::default()
        };
        if let Err(refusal) = self.allowed_now(&action) {
            step.refused = Some(refusal);
            return step;
        }
        match action {
            Action::AdvanceClock(advance) => {
                // With nothing scheduled, "next" still has a moment that matters: the limit.
                let to_the_limit =
                    advance == Advance::NextEvent && self.limit().is_some() && !self.sandbox;
                match self.sim.check(&Action::AdvanceClock(advance.clone())) {
                    Err(refusal) if !to_the_limit => step.refused = Some(refusal),
                    _ => step.stop = Some(self.run_clock(&advance)),
                }
            }
            Action::MarkConversationRead { .. } => {
                step.refused = self.sim.apply(action).err();
            }
            action => {
                let scored = !self.sandbox;
                let candidates = if scored {
                    self.coach.mistakes_if(&action, &self.sim)
                } else {
                    Vec::new()
                };
                let result = self.sim.apply(action.clone());
                if scored {
                    self.coach.record(
                        action,
                        &candidates,
                        &self.sim,
                        result.as_ref().err(),
                        real_ms,
                    );
                    self.coach.observe(&self.sim);
                }
                step.refused = result.err();
            }
        }
        self.after_step(&mut step, orders_before, real_ms);
        step
    }

    /// Refuses everything once a session has ended, unless practice plays on.
    fn allowed_now(&self, action: &Action) -> Result<(), Refusal> {
        if self.coach.ending.is_none() || self.sandbox {
            return Ok(());
        }
        if matches!(action, Action::MarkConversationRead { .. }) {
            return Ok(());
        }
        Err(Refusal::new(match self.coach.mode {
            Mode::Exam => "The exam has ended: its result is final.",
            Mode::Practice => {
                "The session has ended: its debrief is final. Play on from the debrief to try things out without a score."
            }
        }))
    }

    /// Moves the clock, never past the time limit, showing the coach every step on the way
    /// and stopping when the session ends. A move by a span (the running clock, +1 hour,
    /// +1 day) also stops when something waits for the trainee and, in a training session,
    /// when a window is about to close (a story of thousands of orders left to run on its
    /// own would stop all the time); a move to a moment (a script's next line) goes exactly
    /// there.
    fn run_clock(&mut self, advance: &Advance) -> Stop {
        let by_span = matches!(advance, Advance::By(_));
        let mut bounds = ClockBounds {
            stop_at_questions: by_span,
            stop_at_closing_windows: by_span && self.coach.is_training() && !self.sandbox,
            ..ClockBounds::default()
        };
        if self.sandbox {
            return self.sim.run_clock(advance, bounds, &mut |_| false);
        }
        bounds.limit = self.limit();
        let checkpoints = self.coach.checkpoints(&self.sim);
        bounds.checkpoints = &checkpoints;
        let coach = &mut self.coach;
        self.sim.run_clock(advance, bounds, &mut |sim| {
            coach.observe(sim);
            coach.ending.is_some()
        })
    }

    fn after_step(&mut self, step: &mut Step, orders_before: usize, real_ms: u64) {
        step.new_orders = self.sim.world().orders
            [orders_before.min(self.sim.world().orders.len())..]
            .iter()
            .map(|o| o.id.clone())
            .collect();
        step.asks_the_buyer = self.sim.log()[step.log_from..]
            .iter()
            .any(|e| e.fact.asks_the_buyer());
        if self.sandbox {
            return;
        }
        self.coach.real_ms = self.coach.real_ms.max(real_ms);
        step.hint = self.coach.reveal_idle_hint(&self.sim, real_ms);
        self.take_result_if_ended(step);
    }

    fn take_result_if_ended(&mut self, step: &mut Step) {
        if self.result.is_none()
            && let Some(ending) = self.coach.ending
        {
            self.result = Some(Debrief::of(&self.coach, &self.sim, &self.title));
            step.ended = Some(ending);
        }
    }

    /// The trainee stops: the session ends here, with its final debrief.
    pub fn stop(&mut self, real_ms: u64) -> Step {
        let mut step = Step {
            log_from: self.sim.log().len(),
            ..Step::default()
        };
        if self.coach.ending.is_none() {
            self.coach.real_ms = self.coach.real_ms.max(real_ms);
            self.coach.end(Ending::Stopped, &self.sim);
            self.take_result_if_ended(&mut step);
        }
        step
    }

    /// After the end, practice may go on as a sandbox: nothing done there is scored.
    pub fn play_on(&mut self) -> Result<(), Refusal> {
        match (self.coach.ending, self.coach.mode) {
            (None, _) => Err(Refusal::new("The session is still going: just go on.")),
            (Some(_), Mode::Exam) => Err(Refusal::new("The exam has ended: its result is final.")),
            (Some(_), Mode::Practice) => {
                self.sandbox = true;
                Ok(())
            }
        }
    }

    /// For headless runs: after the end the story goes on, unscored, whatever the mode,
    /// so a script is played to its last line.
    pub fn continue_unscored(&mut self) {
        if self.coach.ending.is_some() {
            self.sandbox = true;
        }
    }

    /// Reveals the next hint at its cost.
    pub fn ask_hint(&mut self, real_ms: u64) -> Result<Hint, Refusal> {
        self.coach.ask_hint(&self.sim, real_ms).cloned()
    }

    /// Goes back to just before journal entry `index`. The session is played again from the
    /// start of the story, entry by entry at its moment, through the same steps as the
    /// first time (which the core's determinism makes exact), so goals met before that point
    /// stay met, with their times. The hints seen stay seen, and the rewind and what it
    /// undid are kept for the debrief.
    pub fn rewind(&mut self, index: usize, real_ms: u64) -> Result<Step, Refusal> {
        self.coach.can_rewind()?;
        let Some(target) = self.coach.journal.get(index).map(|j| j.at) else {
            return Err(Refusal::new("There is no such action to go back to."));
        };
        let Some(initial) = self.initial.clone() else {
            return Err(Refusal::new("This is an exam: what is done stays done."));
        };
        let sim = Simulation::new((*initial).clone());
        let mut again = Session {
            coach: Coach::new(&sim, self.coach.spec.clone(), self.coach.mode),
            sim,
            initial: Some(initial),
            title: self.title.clone(),
            result: None,
            sandbox: false,
        };
        for entry in &self.coach.journal[..index] {
            if entry.at > again.sim.now() {
                again.apply(Action::AdvanceClock(Advance::To(entry.at)), entry.real_ms);
            }
            again.apply(entry.action.clone(), entry.real_ms);
        }
        if target > again.sim.now() {
            again.apply(Action::AdvanceClock(Advance::To(target)), real_ms);
        }
        let undone = self.coach.journal[index..].to_vec();
        let mistakes_undone = self
            .coach
            .mistakes
            .iter()
            .filter(|m| m.action >= index)
            .map(|m| m.index)
            .collect();
        again.coach.hints = std::mem::take(&mut self.coach.hints);
        again.coach.rewinds = std::mem::take(&mut self.coach.rewinds);
        again.coach.rewinds.push(Rewind {
            real_ms,
            from: self.sim.now(),
            to: again.sim.now(),
            undone,
            mistakes_undone,
        });
        again.coach.real_ms = self.coach.real_ms.max(real_ms);
        *self = again;
        let mut step = Step {
            log_from: self.sim.log().len(),
            ..Step::default()
        };
        self.take_result_if_ended(&mut step);
        Ok(step)
    }

    /// A line for the trainee about why the clock stopped, if it stopped at a moment that
    /// needs saying (a window, a deadline, the time limit).
    pub fn explain_stop(&self, stop: &Stop) -> Option<String> {
        match stop {
            Stop::Window(edge) => Some(edge.describe()),
            Stop::Checkpoint(at) => {
                let open: Vec<&str> = self
                    .coach
                    .spec
                    .objectives
                    .iter()
                    .zip(&self.coach.status)
                    .filter(|(o, s)| {
                        o.within
                            .is_some_and(|w| self.sim.calendar().add(self.sim.start(), w) == *at)
                            && !matches!(s, Status::Met(_))
                    })
                    .map(|(o, _)| o.text.as_str())
                    .collect();
                Some(if open.is_empty() {
                    format!("{}: an objective's deadline", show(*at))
                } else {
                    format!("Deadline now for: {}", open.join("; "))
                })
            }
            Stop::Limit => Some(format!(
                "Time is up: the scenario's time limit was {}.",
                self.limit().map(show).unwrap_or_default()
            )),
            Stop::Idle => {
                Some("Nothing else is scheduled: the story waits for your next step.".into())
            }
            Stop::Asked => Some("Something waits for your answer: the clock stopped here.".into()),
            Stop::Happened | Stop::Reached | Stop::Observer => None,
        }
    }
}
