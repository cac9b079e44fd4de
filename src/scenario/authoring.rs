//! What an author asks of a run: a timeline of everything that was scheduled (timers,
//! window edges, world events, sellers' answers) with the file line behind it, and the
//! coverage of a solution — which rules, events, objectives and mistakes of the file it
//! exercised, and which never fired, by line.

use super::syntax::{self, Kind, Node, Seg, Seg::F, Seg::I};
use super::validate::Locator;
use super::{Scenario, report::line_col};
use crate::sim::engine::Due;
use crate::sim::time::show;
use crate::text::inert;
use crate::training::Replay;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Where the parts of a scenario file are: the line of each seller rule, world event,
/// objective and mistake.
struct Lines<'t> {
    at: Locator<'t>,
    tree: Option<&'t Node<'t>>,
}

impl Lines<'_> {
    fn of(&self, path: &[Seg]) -> usize {
        self.at
            .value(path)
            .map_or(0, |span| line_col(self.at.source(), span.start).0)
    }

    fn seller_position(&self, id: &str) -> Option<usize> {
        let Kind::List(items) = &self.tree?.get(&[F("sellers")])?.kind else {
            return None;
        };
        items.iter().position(|s| {
            s.get(&[F("id")])
                .is_some_and(|n| self.at.source()[n.span.clone()].trim_matches('"') == id)
        })
    }

    fn rule(&self, seller: &str, rule: usize) -> usize {
        self.seller_position(seller)
            .map_or(0, |s| self.of(&[F("sellers"), I(s), F("rules"), I(rule)]))
    }
}

/// The timeline of a run made with `Scenario::replay_keeping_schedule`.
pub fn timeline(path: &str, source: &str, scenario: &Scenario, replay: &Replay) -> String {
    let source = super::without_byte_order_mark(source);
    let tree = syntax::parse(source);
    let lines = Lines {
        at: Locator::new(tree.as_ref(), source),
        tree: tree.as_ref(),
    };
    let sim = replay.session.sim();
    let end = sim.now();
    let events = &scenario.setup.world_events;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Timeline of {} — from {} to {}\n",
        inert(path),
        show(scenario.setup.start),
        show(end)
    );
    let _ = writeln!(
        out,
        "  {:<22}{:<22}what (and where it comes from)",
        "due", "set"
    );
    let mut kept: Vec<_> = sim.schedule_kept().iter().collect();
    kept.sort_by_key(|s| s.due_at);
    for s in kept {
        let mark = if s.due_at <= end { "✓" } else { " " };
        let from = match &s.due {
            Due::World(happening) => events
                .iter()
                .position(|e| e.at == s.due_at && &e.happening == happening)
                .map(|n| {
                    format!(
                        "  ← event {} (line {})",
                        n + 1,
                        lines.of(&[F("events"), I(n)])
                    )
                })
                .unwrap_or_default(),
            Due::SellerActs { order, trigger, .. } => sim
                .rules_fired()
                .iter()
                .find(|f| {
                    f.at == s.set_at
                        && &f.order == order
                        && scenario
                            .setup
                            .seller_rules
                            .get(&f.seller)
                            .and_then(|r| r.get(f.rule))
                            .is_some_and(|r| r.on == *trigger)
                })
                .map(|f| {
                    format!(
                        "  ← {}'s rule {} on {:?} (line {})",
                        inert(&f.seller),
                        f.rule + 1,
                        trigger,
                        lines.rule(&f.seller, f.rule)
                    )
                })
                .unwrap_or_default(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{mark} {:<22}{:<22}{}{from}",
            show(s.due_at),
            show(s.set_at),
            inert(&s.due.describe())
        );
    }
    out
}

/// One part of the file and whether the run exercised it.
pub struct Covered {
    pub line: usize,
    pub what: String,
    /// How many times it fired (rules), or 1/0 (events, objectives, mistakes).
    pub times: usize,
}

pub struct Coverage {
    pub rules: Vec<Covered>,
    pub events: Vec<Covered>,
    pub objectives: Vec<Covered>,
    pub mistakes: Vec<Covered>,
}

/// What of the file a run exercised.
pub fn coverage(source: &str, scenario: &Scenario, replay: &Replay) -> Coverage {
    let source = super::without_byte_order_mark(source);
    let tree = syntax::parse(source);
    let lines = Lines {
        at: Locator::new(tree.as_ref(), source),
        tree: tree.as_ref(),
    };
    let sim = replay.session.sim();
    let mut fired: BTreeMap<(&str, usize), usize> = BTreeMap::new();
    for f in sim.rules_fired() {
        *fired.entry((f.seller.as_str(), f.rule)).or_default() += 1;
    }
    let mut rules = Vec::new();
    for (seller, list) in &scenario.setup.seller_rules {
        for (n, rule) in list.iter().enumerate() {
            rules.push(Covered {
                line: lines.rule(seller, n),
                what: format!("{seller}'s rule {} on {:?}", n + 1, rule.on),
                times: fired.get(&(seller.as_str(), n)).copied().unwrap_or(0),
            });
        }
    }
    rules.sort_by_key(|c| c.line);
    let end = sim.now();
    let events = scenario
        .setup
        .world_events
        .iter()
        .enumerate()
        .map(|(n, e)| Covered {
            line: lines.of(&[F("events"), I(n)]),
            what: format!("event {} at {}", n + 1, show(e.at)),
            times: usize::from(e.at <= end),
        })
        .collect();
    let debrief = replay.session.debrief();
    let objectives = debrief
        .objectives
        .iter()
        .enumerate()
        .map(|(n, o)| Covered {
            line: lines.of(&[F("training"), F("objectives"), I(n)]),
            what: format!("objective {}: {}", n + 1, o.text),
            times: usize::from(o.achieved),
        })
        .collect();
    let made: Vec<usize> = replay.session.coach().mistakes_made().collect();
    let mistakes = scenario
        .file
        .training
        .iter()
        .flat_map(|t| t.mistakes.iter())
        .enumerate()
        .map(|(n, m)| Covered {
            line: lines.of(&[F("training"), F("mistakes"), I(n)]),
            what: format!("mistake {}: {}", n + 1, m.text),
            times: made.iter().filter(|&&i| i == n).count(),
        })
        .collect();
    Coverage {
        rules,
        events,
        objectives,
        mistakes,
    }
}

impl Coverage {
    /// The text `run --coverage` prints: each part with ✓ (exercised) or ✗, by line.
    pub fn render(&self, path: &str, by: &str) -> String {
        let mut out = format!("Coverage of {} by {}\n", inert(path), inert(by));
        for (title, part, verb) in [
            ("seller rules", &self.rules, "fired"),
            ("world events", &self.events, "happened"),
            ("objectives", &self.objectives, "met"),
            ("mistakes", &self.mistakes, "made"),
        ] {
            let hit = part.iter().filter(|c| c.times > 0).count();
            let _ = writeln!(out, "\n  {title}: {hit} of {} {verb}", part.len());
            for c in part {
                let times = if c.times > 1 {
                    format!(" ({}×)", c.times)
                } else {
                    String::new()
                };
                let mark = if c.times > 0 { "✓" } else { "✗" };
                let _ = writeln!(
                    out,
                    "    {mark} line {:<5} {}{times}",
                    c.line,
                    inert(&crate::text::shorten(&c.what, 100))
                );
            }
        }
        out
    }
}
