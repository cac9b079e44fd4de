//! The coach watches a simulation against what the scenario asks of the trainee. Every
//! trainee action goes through `Coach::apply`, which keeps the journal (simulated and real
//! time), ticks objectives, notes mistakes, reveals hints and can rewind.
//!
//! Pure like the core: real time comes in as a number from the caller.

use super::spec::{Hint, Mistake, Outcome, TrainingSpec};
use crate::sim::Simulation;
use crate::sim::action::{Action, Advance, Refusal};
use crate::sim::time::Moment;
use crate::sim::world::OrderState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Mode {
    /// Hints available, and any earlier action can be rewound.
    Practice,
    /// No hints, no rewinding.
    Exam,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct JournalEntry {
    pub at: Moment,
    /// Milliseconds of real time since the session began.
    pub real_ms: u64,
    pub action: Action,
    pub refused: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    Pending,
    Met(Moment),
    Missed,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct MistakeMade {
    pub index: usize,
    /// The journal entry that made it.
    pub action: usize,
    pub at: Moment,
    pub real_ms: u64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct HintShown {
    pub index: usize,
    /// How many journal entries there were when it was shown.
    pub after_actions: usize,
    pub at: Moment,
    pub asked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Ending {
    AllRequiredMet,
    TimeUp,
    /// The trainee stopped.
    Stopped,
}

#[derive(Debug, Clone)]
pub struct Coach {
    pub spec: TrainingSpec,
    pub mode: Mode,
    pub journal: Vec<JournalEntry>,
    /// The simulation before each journal entry, for rewinding (practice only).
    before: Vec<Simulation>,
    pub status: Vec<Status>,
    pub mistakes: Vec<MistakeMade>,
    pub hints: Vec<HintShown>,
    last_action_at: Moment,
    pub ending: Option<Ending>,
    pub real_ms: u64,
}

impl Coach {
    pub fn new(sim: &Simulation, spec: TrainingSpec, mode: Mode) -> Coach {
        let start = sim.now();
        let mut coach = Coach {
            status: vec![Status::Pending; spec.objectives.len()],
            spec,
            mode,
            journal: Vec::new(),
            before: Vec::new(),
            mistakes: Vec::new(),
            hints: Vec::new(),
            last_action_at: start,
            ending: None,
            real_ms: 0,
        };
        coach.observe(sim);
        coach
    }

    /// Carries out a trainee action (or a clock step) at `real_ms` of real time.
    pub fn apply(
        &mut self,
        sim: &mut Simulation,
        action: Action,
        real_ms: u64,
    ) -> Result<(), Refusal> {
        self.real_ms = real_ms;
        let is_clock = matches!(
            action,
            Action::AdvanceClock(_) | Action::MarkConversationRead { .. }
        );
        if let Action::AdvanceClock(advance) = &action {
            if sim.check(&action).is_err() {
                // The core refuses it, with its reason, and logs the attempt.
                return sim.apply(action.clone());
            }
            self.advance(sim, advance);
            return Ok(());
        }
        if is_clock {
            let result = sim.apply(action);
            self.observe(sim);
            return result;
        }
        let before = sim.clone();
        let result = sim.apply(action.clone());
        self.note_mistakes(&action, &before, result.is_ok());
        if self.mode == Mode::Practice {
            self.before.push(before);
        }
        self.journal.push(JournalEntry {
            at: sim.now(),
            real_ms,
            action,
            refused: result.as_ref().err().map(|r| r.reason.clone()),
        });
        self.last_action_at = sim.now();
        self.observe(sim);
        result
    }

    /// Moves the clock one scheduled event (or objective deadline) at a time, looking at
    /// the objectives after each, so a goal met in the middle of a long jump is ticked with
    /// the moment it was met, and a deadline is judged when it falls.
    fn advance(&mut self, sim: &mut Simulation, advance: &Advance) {
        if *advance == Advance::NextEvent {
            // Step over quiet timers to the next thing the trainee can see, as the core does.
            let logged = sim.log().len();
            for _ in 0..10_000 {
                let Some(at) = sim.next_event_at() else { break };
                self.advance(sim, &Advance::To(at));
                if sim.log().len() > logged {
                    break;
                }
            }
            return;
        }
        let target = match advance {
            Advance::NextEvent => return,
            Advance::By(span) => sim.calendar().add(sim.now(), *span),
            Advance::To(at) => *at,
        };
        loop {
            let start = sim.start();
            let deadline = self
                .spec
                .objectives
                .iter()
                .filter_map(|o| o.within.map(|w| sim.calendar().add(start, w)))
                .chain(self.deadline(sim))
                .filter(|d| *d > sim.now())
                .min();
            let step = [sim.next_event_at(), deadline]
                .into_iter()
                .flatten()
                .filter(|at| *at <= target)
                .min()
                .unwrap_or(target);
            let _ = sim.apply(Action::AdvanceClock(Advance::To(step)));
            self.observe(sim);
            if step >= target {
                break;
            }
        }
    }

    fn note_mistakes(&mut self, action: &Action, before: &Simulation, done: bool) {
        for (index, mistake) in self.spec.mistakes.iter().enumerate() {
            if self.mistakes.iter().any(|m| m.index == index) {
                continue;
            }
            if matches_mistake(mistake, action, before, done) {
                self.mistakes.push(MistakeMade {
                    index,
                    action: self.journal.len(),
                    at: before.now(),
                    real_ms: self.real_ms,
                });
            }
        }
    }

    /// Ticks objectives, shows hints for a stuck trainee, and ends the session when due.
    pub fn observe(&mut self, sim: &Simulation) {
        let now = sim.now();
        let start = sim.start();
        for (i, objective) in self.spec.objectives.iter().enumerate() {
            let deadline = objective.within.map(|w| sim.calendar().add(start, w));
            let late = deadline.is_some_and(|d| now > d);
            self.status[i] = match self.status[i] {
                Status::Met(at) if !objective.goal.is_a_promise() => Status::Met(at),
                _ if objective.goal.holds(sim) && !late => match self.status[i] {
                    Status::Met(at) => Status::Met(at),
                    _ => Status::Met(now),
                },
                _ if late || objective.goal.is_a_promise() => Status::Missed,
                _ => Status::Pending,
            };
        }
        if self.mode == Mode::Practice
            && let Some((index, hint)) = self.next_hint()
            && let Some(idle) = hint.after_idle
            && sim.calendar().add(self.last_action_at, idle) <= now
        {
            self.hints.push(HintShown {
                index,
                after_actions: self.journal.len(),
                at: now,
                asked: false,
            });
            // Idle counts again from here, so hints come one at a time.
            self.last_action_at = now;
        }
        if self.ending.is_none() {
            if self.required_met(sim) {
                self.ending = Some(Ending::AllRequiredMet);
            } else if let Some(limit) = self.spec.time_limit
                && now >= sim.calendar().add(start, limit)
            {
                self.ending = Some(Ending::TimeUp);
            }
        }
    }

    fn required_met(&self, sim: &Simulation) -> bool {
        let any_required = self.spec.objectives.iter().any(|o| o.required);
        any_required
            && self
                .spec
                .objectives
                .iter()
                .zip(&self.status)
                .filter(|(o, _)| o.required && !o.goal.is_a_promise())
                .all(|(_, s)| matches!(s, Status::Met(_)))
            && self
                .spec
                .objectives
                .iter()
                .filter(|o| o.required && o.goal.is_a_promise())
                .all(|o| o.goal.holds(sim))
    }

    /// The time limit's end, if the scenario has one.
    pub fn deadline(&self, sim: &Simulation) -> Option<Moment> {
        self.spec
            .time_limit
            .map(|l| sim.calendar().add(sim.start(), l))
    }

    /// The first hint not shown yet whose objective (if it names one) is still open.
    fn next_hint(&self) -> Option<(usize, &Hint)> {
        self.spec.hints.iter().enumerate().find(|(i, hint)| {
            let shown = self.hints.iter().any(|h| h.index == *i);
            let done = hint
                .for_objective
                .and_then(|n| self.status.get(n.wrapping_sub(1)))
                .is_some_and(|s| matches!(s, Status::Met(_)));
            !shown && !done
        })
    }

    /// Reveals the next hint at its cost, or says why not.
    pub fn ask_hint(&mut self, sim: &Simulation) -> Result<&Hint, Refusal> {
        if self.mode == Mode::Exam {
            return Err(Refusal::new("This is an exam: hints are off."));
        }
        let Some((index, _)) = self.next_hint() else {
            return Err(Refusal::new(if self.spec.hints.is_empty() {
                "This scenario has no hints."
            } else {
                "No hint left for what is still open: you have seen the others, or met their goals."
            }));
        };
        self.hints.push(HintShown {
            index,
            after_actions: self.journal.len(),
            at: sim.now(),
            asked: true,
        });
        Ok(&self.spec.hints[index])
    }

    /// Goes back to just before journal entry `index`, forgetting it and everything after.
    pub fn rewind(&mut self, sim: &mut Simulation, index: usize) -> Result<(), Refusal> {
        if self.mode == Mode::Exam {
            return Err(Refusal::new("This is an exam: what is done stays done."));
        }
        let Some(earlier) = self.before.get(index).cloned() else {
            return Err(Refusal::new("There is no such action to go back to."));
        };
        *sim = earlier;
        self.journal.truncate(index);
        self.before.truncate(index);
        self.mistakes.retain(|m| m.action < index);
        self.hints.retain(|h| h.after_actions <= index);
        self.ending = None;
        self.status = vec![Status::Pending; self.spec.objectives.len()];
        self.last_action_at = self.journal.last().map(|j| j.at).unwrap_or(sim.start());
        self.observe(sim);
        Ok(())
    }

    /// The score so far: objectives met, less mistakes and hints asked for.
    pub fn score(&self, sim: &Simulation) -> (i32, i32) {
        let earned: i32 = self
            .spec
            .objectives
            .iter()
            .zip(&self.status)
            .filter(|(o, s)| {
                matches!(s, Status::Met(_)) && (!o.goal.is_a_promise() || o.goal.holds(sim))
            })
            .map(|(o, _)| o.points)
            .sum();
        let lost: i32 = self
            .mistakes
            .iter()
            .map(|m| self.spec.mistakes[m.index].penalty)
            .sum::<i32>()
            + self
                .hints
                .iter()
                .filter(|h| h.asked)
                .map(|h| self.spec.hints[h.index].cost)
                .sum::<i32>();
        let possible = self.spec.objectives.iter().map(|o| o.points).sum();
        (earned - lost, possible)
    }

    pub fn passed(&self, sim: &Simulation) -> bool {
        self.required_met(sim)
    }
}

fn matches_mistake(m: &Mistake, action: &Action, before: &Simulation, done: bool) -> bool {
    if super::spec::ActionKind::of(action) != Some(m.action) {
        return false;
    }
    match m.outcome {
        Outcome::Tried => {}
        Outcome::Done if !done => return false,
        Outcome::Refused if done => return false,
        _ => {}
    }
    let order = action.order();
    if m.order.as_deref().is_some_and(|want| Some(want) != order) {
        return false;
    }
    // The policy's entry for the reason given, if the action gives one.
    let reason = match action {
        Action::RequestCancellation { reason, .. } | Action::AskSupportToCancel { reason, .. } => {
            Some(reason.as_str())
        }
        Action::CancelOrder { reason, .. } => reason.as_deref(),
        _ => None,
    };
    let listed = reason.and_then(|r| before.policy().reason(r));
    if m.reason_blames_seller
        .is_some_and(|want| reason.is_none() || listed.is_some_and(|r| r.blames_seller) != want)
    {
        return false;
    }
    if m.reason_weighty
        .is_some_and(|want| reason.is_none() || listed.is_some_and(|r| r.weighty) != want)
    {
        return false;
    }
    if m.without_evidence {
        let evidence = match action {
            Action::OpenDispute { evidence, .. } => !evidence.is_empty(),
            _ => order
                .and_then(|o| before.world().order(o))
                .and_then(|o| o.dispute.as_ref())
                .is_some_and(|d| !d.evidence.is_empty()),
        };
        if evidence {
            return false;
        }
    }
    if let Some(via) = m.via
        && !matches!(action, Action::FileChargeback { via: v, .. } if *v == via)
    {
        return false;
    }
    if let Some(kind) = m.dispute
        && !matches!(action, Action::OpenDispute { kind: k, .. } if *k == kind)
    {
        return false;
    }
    if m.before_delivery {
        let delivered = order
            .and_then(|o| before.world().order(o))
            .is_some_and(|o| {
                o.delivered_at.is_some()
                    || matches!(
                        o.state,
                        OrderState::Delivered | OrderState::Received | OrderState::Completed
                    )
            });
        if delivered {
            return false;
        }
    }
    true
}
