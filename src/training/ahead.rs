//! "Coming up": the next moments that matter to a session, for an author checking what
//! fires when and for a presenter who wants the room to see what is about to happen. The
//! story's own (a seller's answer, a refund's next stage, a window's edge) come from the
//! core; the session adds the time limit and the deadlines of goals still open.

use super::coach::{Mode, Status};
use super::session::Session;
use crate::sim::action::Refusal;
use crate::sim::time::Moment;

/// What kind of moment it is, so a view can mark it without reading the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AheadKind {
    /// Something another party or the world will do.
    Story,
    /// A window of one of the buyer's orders opens or closes.
    Window,
    /// A goal still open must be met by then.
    GoalDeadline,
    /// The scenario's time limit: the session ends there.
    Limit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComingUp {
    pub at: Moment,
    pub what: String,
    pub kind: AheadKind,
}

impl Session {
    /// The next `count` moments that matter, earliest first, up to the time limit. An exam
    /// does not show what others will do, and says so.
    pub fn coming_up(&self, count: usize) -> Result<Vec<ComingUp>, Refusal> {
        if self.mode() == Mode::Exam && self.result().is_none() {
            return Err(Refusal::new(
                "This is an exam: what the others will do, and when, is not shown. Each order's page still shows its windows.",
            ));
        }
        let sim = self.sim();
        let limit = if self.is_sandbox() {
            None
        } else {
            self.limit()
        };
        let mut out: Vec<ComingUp> = sim
            .coming_up(count)
            .into_iter()
            .filter(|a| limit.is_none_or(|l| a.at <= l))
            .map(|a| ComingUp {
                at: a.at,
                what: a.what,
                kind: if a.is_window {
                    AheadKind::Window
                } else {
                    AheadKind::Story
                },
            })
            .collect();
        if !self.is_sandbox() {
            let coach = self.coach();
            for (n, (objective, status)) in
                coach.spec.objectives.iter().zip(&coach.status).enumerate()
            {
                let Some(within) = objective.within else {
                    continue;
                };
                let at = sim.calendar().add(sim.start(), within);
                if matches!(status, Status::Pending) && at > sim.now() {
                    out.push(ComingUp {
                        at,
                        what: format!("goal {} must be met: {}", n + 1, objective.text),
                        kind: AheadKind::GoalDeadline,
                    });
                }
            }
            if let Some(at) = limit.filter(|l| *l > sim.now()) {
                out.push(ComingUp {
                    at,
                    what: "the time limit: the session ends".to_owned(),
                    kind: AheadKind::Limit,
                });
            }
        }
        // Stable: at one moment the story's own come first, as the clock handles them.
        out.sort_by_key(|c| c.at);
        out.truncate(count);
        Ok(out)
    }
}
