//! The end of a session in words: what was achieved, what was missed, each mistake with the
//! rule behind it, the time taken and the score — as Markdown for an instructor and JSON
//! for tools.

use super::coach::{Coach, Ending, Mode, Status};
use crate::sim::Simulation;
use crate::sim::time::{Moment, show};
use crate::text::inert;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Debrief {
    pub scenario: String,
    pub platform: String,
    pub mode: Mode,
    pub ending: Option<Ending>,
    pub passed: bool,
    pub score: i32,
    pub possible: i32,
    pub started: Moment,
    pub ended: Moment,
    pub simulated_minutes: i64,
    pub real_seconds: u64,
    pub objectives: Vec<ObjectiveResult>,
    pub mistakes: Vec<MistakeResult>,
    pub hints: Vec<HintResult>,
    /// Every request of the trainee's that was refused, by the platform at once or by the
    /// other side later, whether or not the scenario names it a mistake.
    pub refused: Vec<RefusedLine>,
    pub rewinds: Vec<RewindLine>,
    pub actions: Vec<ActionLine>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RefusedLine {
    pub at: Moment,
    /// Who refused: the platform, the seller, support, the bank.
    pub by: String,
    pub request: String,
    /// The rule that refused it, in the words the trainee was given.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RewindLine {
    pub real_seconds: u64,
    pub from: Moment,
    pub to: Moment,
    /// The actions it undid, oldest first.
    pub undone: Vec<String>,
    /// The mistakes those actions had made: undone, so not counted, but shown.
    pub mistakes_undone: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectiveResult {
    pub text: String,
    pub required: bool,
    pub points: i32,
    pub achieved: bool,
    /// A goal about something not happening that holds so far (only before the end).
    pub holding: bool,
    pub at: Option<Moment>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MistakeResult {
    pub text: String,
    pub penalty: i32,
    pub at: Moment,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HintResult {
    pub text: String,
    pub cost: i32,
    pub asked: bool,
    pub at: Moment,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionLine {
    pub at: Moment,
    pub real_seconds: f64,
    pub action: String,
    pub refused: Option<String>,
}

impl Debrief {
    pub fn of(session: &Coach, sim: &Simulation, title: &str) -> Debrief {
        let (score, possible) = session.score();
        let objectives = session
            .spec
            .objectives
            .iter()
            .zip(&session.status)
            .map(|(o, status)| {
                let at = match status {
                    Status::Met(at) => Some(*at),
                    _ => None,
                };
                ObjectiveResult {
                    text: o.text.clone(),
                    required: o.required,
                    points: o.points,
                    achieved: at.is_some(),
                    holding: *status == Status::Holding,
                    at,
                }
            })
            .collect();
        let mut refused: Vec<RefusedLine> = session
            .journal
            .iter()
            .filter_map(|j| {
                j.refused.as_ref().map(|reason| RefusedLine {
                    at: j.at,
                    by: "the platform".to_owned(),
                    request: j.describe(),
                    reason: reason.clone(),
                })
            })
            .chain(sim.refused_requests().iter().map(|r| RefusedLine {
                at: r.at,
                by: r.by.name().to_owned(),
                request: match &r.order {
                    Some(order) => format!("{} on {order}", r.request),
                    None => r.request.clone(),
                },
                reason: r.reason.clone(),
            }))
            .collect();
        refused.sort_by_key(|r| r.at);
        let rewinds = session
            .rewinds
            .iter()
            .map(|r| RewindLine {
                real_seconds: r.real_ms / 1000,
                from: r.from,
                to: r.to,
                undone: r
                    .undone
                    .iter()
                    .map(|j| match &j.refused {
                        Some(_) => format!("{} (refused)", j.describe()),
                        None => j.describe(),
                    })
                    .collect(),
                mistakes_undone: r
                    .mistakes_undone
                    .iter()
                    .map(|&i| session.spec.mistakes[i].text.clone())
                    .collect(),
            })
            .collect();
        Debrief {
            scenario: title.to_owned(),
            platform: sim.policy().name.clone(),
            mode: session.mode,
            ending: session.ending,
            passed: session.passed(sim),
            score,
            possible,
            started: sim.start(),
            ended: sim.now(),
            simulated_minutes: (sim.now() - sim.start()).num_minutes(),
            real_seconds: session.real_ms / 1000,
            objectives,
            mistakes: session
                .mistakes
                .iter()
                .map(|m| {
                    let spec = &session.spec.mistakes[m.index];
                    MistakeResult {
                        text: spec.text.clone(),
                        penalty: spec.penalty,
                        at: m.at,
                    }
                })
                .collect(),
            hints: session
                .hints
                .iter()
                .map(|h| {
                    let spec = &session.spec.hints[h.index];
                    HintResult {
                        text: spec.text.clone(),
                        cost: if h.asked { spec.cost } else { 0 },
                        asked: h.asked,
                        at: h.at,
                    }
                })
                .collect(),
            refused,
            rewinds,
            actions: session
                .journal
                .iter()
                .map(|j| ActionLine {
                    at: j.at,
                    real_seconds: j.real_ms as f64 / 1000.0,
                    action: j.describe(),
                    refused: j.refused.clone(),
                })
                .collect(),
        }
    }

    /// Simulated time taken, in words ("3 days 4 hours").
    pub fn simulated_time(&self) -> String {
        let days = self.simulated_minutes / 1440;
        let hours = (self.simulated_minutes % 1440) / 60;
        let minutes = self.simulated_minutes % 60;
        match (days, hours) {
            (0, 0) => format!("{minutes} min"),
            (0, h) => format!("{h} h {minutes} min"),
            (1, h) => format!("1 day {h} h"),
            (d, h) => format!("{d} days {h} h"),
        }
    }

    pub fn real_time(&self) -> String {
        format!(
            "{} min {} s",
            self.real_seconds / 60,
            self.real_seconds % 60
        )
    }

    pub fn verdict(&self) -> &'static str {
        match (self.passed, self.ending) {
            (true, _) => "PASSED",
            (false, Some(Ending::TimeUp)) => "NOT PASSED: time ran out",
            (false, _) => "NOT PASSED",
        }
    }

    /// The report an instructor reads. Every text from the scenario or the trainee is
    /// shown inert: the report may be printed to a terminal, and must stay text.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Debrief: {}\n", inert(&self.scenario));
        let _ = writeln!(out, "- Platform: {}", inert(&self.platform));
        let _ = writeln!(out, "- Mode: {:?}", self.mode);
        let _ = writeln!(
            out,
            "- Result: **{}**, score {} of {}",
            self.verdict(),
            self.score,
            self.possible
        );
        let _ = writeln!(
            out,
            "- Simulated time: {} ({} → {})",
            self.simulated_time(),
            show(self.started),
            show(self.ended)
        );
        let _ = writeln!(out, "- Real time: {}\n", self.real_time());
        let _ = writeln!(out, "## Objectives\n");
        for o in &self.objectives {
            let mark = if o.achieved {
                "x"
            } else if o.holding {
                "~"
            } else {
                " "
            };
            let kind = if o.required { "required" } else { "optional" };
            let when =
                o.at.filter(|_| o.achieved)
                    .map(|at| format!(", {}", show(at)))
                    .unwrap_or_default();
            let _ = writeln!(
                out,
                "- [{mark}] {} ({kind}, {} points{when})",
                inert(&o.text),
                o.points
            );
        }
        let _ = writeln!(out, "\n## Mistakes\n");
        if self.mistakes.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for m in &self.mistakes {
            let _ = writeln!(
                out,
                "- −{} at {}: {}",
                m.penalty,
                show(m.at),
                inert(&m.text)
            );
        }
        let _ = writeln!(out, "\n## Refused requests\n");
        if self.refused.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for r in &self.refused {
            let _ = writeln!(
                out,
                "- {}: {} — refused by {}: {}",
                show(r.at),
                inert(&r.request),
                inert(&r.by),
                inert(&r.reason)
            );
        }
        let _ = writeln!(out, "\n## Rewinds\n");
        if self.rewinds.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for r in &self.rewinds {
            let _ = writeln!(
                out,
                "- At {} s of real time, from {} back to {}, undoing: {}",
                r.real_seconds,
                show(r.from),
                show(r.to),
                if r.undone.is_empty() {
                    "nothing".to_owned()
                } else {
                    inert(&r.undone.join("; ")).into_owned()
                }
            );
            for m in &r.mistakes_undone {
                let _ = writeln!(out, "  - a mistake it undid: {}", inert(m));
            }
        }
        let _ = writeln!(out, "\n## Hints\n");
        if self.hints.is_empty() {
            let _ = writeln!(out, "None used.");
        }
        for h in &self.hints {
            let how = if h.asked {
                format!("asked for, −{}", h.cost)
            } else {
                "shown when you seemed stuck, free".to_owned()
            };
            let _ = writeln!(out, "- {} ({how}): {}", show(h.at), inert(&h.text));
        }
        let _ = writeln!(out, "\n## Actions\n");
        let _ = writeln!(out, "| simulated | real | action | result |");
        let _ = writeln!(out, "|---|---|---|---|");
        for a in &self.actions {
            let result = a
                .refused
                .as_deref()
                .map(|r| format!("refused: {}", inert(&r.replace('|', "/"))))
                .unwrap_or_else(|| "done".into());
            let _ = writeln!(
                out,
                "| {} | {:.0} s | {} | {} |",
                show(a.at),
                a.real_seconds,
                inert(&a.action.replace('|', "/")),
                result
            );
        }
        out
    }

    pub fn json(&self) -> String {
        match serde_json::to_string_pretty(self) {
            Ok(json) => crate::text::inert_json(&json).into_owned(),
            Err(e) => format!("{{\"error\": \"{e}\"}}"),
        }
    }
}
