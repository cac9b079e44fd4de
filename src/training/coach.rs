//! The coach watches a simulation against what the scenario asks of the trainee: it keeps
//! the journal (simulated and real time), ticks objectives, notes mistakes, reveals hints
//! and remembers every rewind. It never moves the simulation itself: `Session` does, and
//! shows the coach each step.
//!
//! Pure like the core: real time comes in as a number from the caller.

use super::spec::{Hint, Mistake, Outcome, TrainingSpec};
use crate::sim::Simulation;
use crate::sim::action::{Action, Refusal};
use crate::sim::time::Moment;
use crate::sim::world::OrderState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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

impl JournalEntry {
    /// What the trainee did, in words.
    pub fn describe(&self) -> String {
        self.action.describe()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    Pending,
    /// A goal about something not happening ("never confirm receipt"): it holds so far,
    /// and is judged only when the session ends.
    Holding,
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
    pub at: Moment,
    pub real_ms: u64,
    pub asked: bool,
}

/// A rewind and what it undid, so that the debrief shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rewind {
    pub real_ms: u64,
    /// The simulated moment the trainee went back from, and the one they went back to.
    pub from: Moment,
    pub to: Moment,
    /// The journal entries it forgot, oldest first.
    pub undone: Vec<JournalEntry>,
    /// The mistakes those entries had made (indexes into the scenario's list).
    pub mistakes_undone: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    pub status: Vec<Status>,
    pub mistakes: Vec<MistakeMade>,
    pub hints: Vec<HintShown>,
    pub rewinds: Vec<Rewind>,
    /// What the trainee did that the platform allowed, in order: for "A before B".
    pub deeds: super::Deeds,
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
            mistakes: Vec::new(),
            hints: Vec::new(),
            rewinds: Vec::new(),
            deeds: super::Deeds::default(),
            last_action_at: start,
            ending: None,
            real_ms: 0,
        };
        coach.observe(sim);
        coach
    }

    /// Whether the scenario asks anything of the trainee (a training session at all).
    pub fn is_training(&self) -> bool {
        !self.spec.objectives.is_empty()
    }

    /// The mistakes `action` would make in the simulation as it is now, before it is
    /// carried out; whether it was done or refused is settled by `record`.
    pub fn mistakes_if(&self, action: &Action, before: &Simulation) -> Vec<usize> {
        self.spec
            .mistakes
            .iter()
            .enumerate()
            .filter(|(index, _)| !self.mistakes.iter().any(|m| m.index == *index))
            .filter(|(_, mistake)| matches_mistake(mistake, action, before, &self.deeds))
            .map(|(index, _)| index)
            .collect()
    }

    /// Writes a trainee action into the journal, with the mistakes it made among the
    /// `candidates` found before it was carried out.
    pub fn record(
        &mut self,
        action: Action,
        candidates: &[usize],
        after: &Simulation,
        refused: Option<&Refusal>,
        real_ms: u64,
    ) {
        self.real_ms = self.real_ms.max(real_ms);
        let done = refused.is_none();
        for &index in candidates {
            let counts = match self.spec.mistakes[index].outcome {
                Outcome::Tried => true,
                Outcome::Done => done,
                Outcome::Refused => !done,
            };
            if counts {
                self.mistakes.push(MistakeMade {
                    index,
                    action: self.journal.len(),
                    at: after.now(),
                    real_ms,
                });
            }
        }
        if done {
            self.deeds.done(&action);
        }
        self.journal.push(JournalEntry {
            at: after.now(),
            real_ms,
            action,
            refused: refused.map(|r| r.reason.clone()),
        });
        self.last_action_at = after.now();
    }

    /// Objective deadlines still ahead for objectives still open, earliest first: the clock
    /// looks in at each so a deadline is judged when it falls.
    pub fn checkpoints(&self, sim: &Simulation) -> Vec<Moment> {
        let mut out: Vec<Moment> = self
            .spec
            .objectives
            .iter()
            .zip(&self.status)
            .filter(|(_, s)| matches!(s, Status::Pending))
            .filter_map(|(o, _)| o.within.map(|w| sim.calendar().add(sim.start(), w)))
            .filter(|d| *d > sim.now())
            .collect();
        // The moment a stuck trainee gets the next hint: the clock stops for it, so the
        // hint is seen when it is due and not at some later stop.
        if self.mode == Mode::Practice
            && let Some((_, hint)) = self.next_hint()
            && let Some(idle) = hint.after_idle
        {
            let due = sim.calendar().add(self.last_action_at, idle);
            if due > sim.now() {
                out.push(due);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Ticks objectives and ends the session when its goals are met or its time is up.
    /// After the end nothing changes: the result is final.
    pub fn observe(&mut self, sim: &Simulation) {
        if self.ending.is_some() {
            return;
        }
        let now = sim.now();
        let start = sim.start();
        for (i, objective) in self.spec.objectives.iter().enumerate() {
            let deadline = objective.within.map(|w| sim.calendar().add(start, w));
            let late = deadline.is_some_and(|d| now > d);
            let goal = &objective.goal;
            self.status[i] = match self.status[i] {
                Status::Met(at) => Status::Met(at),
                Status::Missed if goal.is_a_promise() || late => Status::Missed,
                _ if goal.is_broken(sim, &self.deeds) => Status::Missed,
                _ if goal.holds(sim, &self.deeds) && !late => {
                    if goal.is_a_promise() {
                        Status::Holding
                    } else {
                        Status::Met(now)
                    }
                }
                _ if late => Status::Missed,
                _ => Status::Pending,
            };
        }
        if self.required_met(sim) {
            self.end(Ending::AllRequiredMet, sim);
        } else if self.deadline(sim).is_some_and(|limit| now >= limit) {
            self.end(Ending::TimeUp, sim);
        }
    }

    /// Ends the session: what is still open is missed. A goal about something not
    /// happening that held to the end is met, but only if the trainee achieved something
    /// else: doing nothing at all earns nothing for harm not done.
    pub fn end(&mut self, ending: Ending, sim: &Simulation) {
        if self.ending.is_some() {
            return;
        }
        let achieved_something = self
            .spec
            .objectives
            .iter()
            .zip(&self.status)
            .any(|(o, s)| !o.goal.is_a_promise() && matches!(s, Status::Met(_)));
        for status in &mut self.status {
            *status = match *status {
                Status::Holding if achieved_something => Status::Met(sim.now()),
                Status::Met(at) => Status::Met(at),
                _ => Status::Missed,
            };
        }
        self.ending = Some(ending);
    }

    /// A hint the trainee has earned by being stuck: shown only when the clock has stopped,
    /// so a hint never flashes by unseen in the middle of a jump.
    pub fn reveal_idle_hint(&mut self, sim: &Simulation, real_ms: u64) -> Option<usize> {
        if self.mode != Mode::Practice || self.ending.is_some() {
            return None;
        }
        let (index, hint) = self.next_hint()?;
        let idle = hint.after_idle?;
        let now = sim.now();
        if sim.calendar().add(self.last_action_at, idle) > now {
            return None;
        }
        self.hints.push(HintShown {
            index,
            at: now,
            real_ms,
            asked: false,
        });
        // Idle counts again from here, so hints come one at a time.
        self.last_action_at = now;
        Some(index)
    }

    fn required_met(&self, sim: &Simulation) -> bool {
        let required = || {
            self.spec
                .objectives
                .iter()
                .zip(&self.status)
                .filter(|(o, _)| o.required)
        };
        required().next().is_some()
            && required().all(|(o, s)| match s {
                Status::Met(_) => true,
                Status::Holding => o.goal.holds(sim, &self.deeds),
                _ => false,
            })
    }

    /// The mistakes made, as indexes into the spec's mistakes, in the order made.
    pub fn mistakes_made(&self) -> impl Iterator<Item = usize> + '_ {
        self.mistakes.iter().map(|m| m.index)
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
    pub fn ask_hint(&mut self, sim: &Simulation, real_ms: u64) -> Result<&Hint, Refusal> {
        if self.mode == Mode::Exam {
            return Err(Refusal::new("This is an exam: hints are off."));
        }
        if self.ending.is_some() {
            return Err(Refusal::new(
                "The session has ended: its debrief is final, and hints are over.",
            ));
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
            at: sim.now(),
            real_ms,
            asked: true,
        });
        Ok(&self.spec.hints[index])
    }

    /// Whether a rewind is possible now, and if not, why.
    pub fn can_rewind(&self) -> Result<(), Refusal> {
        if self.mode == Mode::Exam {
            return Err(Refusal::new("This is an exam: what is done stays done."));
        }
        if self.ending.is_some() {
            return Err(Refusal::new(
                "The session has ended and its debrief is final. To try again, start the scenario again.",
            ));
        }
        if self.journal.is_empty() {
            return Err(Refusal::new("Nothing to rewind yet: you have not acted."));
        }
        Ok(())
    }

    /// The score: objectives met, less mistakes and hints asked for, never below zero nor
    /// above what is possible. Goals that only hold so far count once the session ends.
    pub fn score(&self) -> (i32, i32) {
        let earned: i32 = self
            .spec
            .objectives
            .iter()
            .zip(&self.status)
            .filter(|(_, s)| matches!(s, Status::Met(_)))
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
        let possible: i32 = self.spec.objectives.iter().map(|o| o.points.max(0)).sum();
        ((earned - lost).clamp(0, possible), possible)
    }

    pub fn passed(&self, sim: &Simulation) -> bool {
        self.required_met(sim)
    }
}

/// Whether `action`, about to be carried out in `before`, fits the mistake's description
/// (all but its outcome, which only the core's answer settles).
fn matches_mistake(
    m: &Mistake,
    action: &Action,
    before: &Simulation,
    deeds: &super::Deeds,
) -> bool {
    if super::spec::ActionKind::of(action) != Some(m.action) {
        return false;
    }
    let order = action.order();
    if let Some(first) = m.without_first
        && deeds.first(first, order).is_some()
    {
        return false;
    }
    if m.order.as_deref().is_some_and(|want| Some(want) != order) {
        return false;
    }
    // The policy's entry for the reason given, if the action gives one.
    let reason = match action {
        Action::AskSupportToCancel { reason, .. } => Some(reason.as_str()),
        Action::CancelOrder { reason, .. } | Action::RequestCancellation { reason, .. } => {
            reason.as_deref()
        }
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
