//! The lint: a scenario that loads can still not work as its author meant — an objective
//! no session can meet, a seller rule that can never answer, an event after the story
//! ends, a reference solution the platform refuses. Each is a warning pinned to the value
//! it is about; `shopsim check` prints them, and `--deny-warnings` makes them fail.

mod reach;

use super::syntax::{self, Kind, Node, Seg, Seg::F, Seg::I};
use super::validate::Locator;
use super::{Problem, Report, Scenario};
use crate::sim::Action;
use crate::sim::agent::{SellerRule, Trigger};
use crate::sim::policy::{AfterWindow, SupportAct};
use crate::training::TimedAction;
use crate::training::spec::Goal;
use std::collections::BTreeSet;

/// A reference solution to play while linting: its file and its parsed actions.
pub struct Solution<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub script: &'a [TimedAction],
}

/// The warnings of a scenario and of its solution; a report with no problem means clean.
pub struct Lint {
    pub scenario: Report,
    pub solution: Option<Report>,
}

impl Lint {
    pub fn warnings(&self) -> usize {
        self.scenario.problems.len() + self.solution.as_ref().map_or(0, |r| r.problems.len())
    }
}

pub fn lint(path: &str, source: &str, scenario: &Scenario, solution: Option<Solution>) -> Lint {
    let source = super::without_byte_order_mark(source);
    let tree = syntax::parse(source);
    let mut out = Linter {
        at: Locator::new(tree.as_ref(), source),
        tree: tree.as_ref(),
        scenario,
        warnings: Vec::new(),
    };
    out.training();
    out.sellers();
    out.events();
    out.items(solution.as_ref().map(|s| s.script));
    let solution_report = solution.map(|s| out.solution(&s));
    let warnings = std::mem::take(&mut out.warnings);
    Lint {
        scenario: super::report(path, source, warnings),
        solution: solution_report,
    }
}

struct Linter<'t> {
    at: Locator<'t>,
    tree: Option<&'t Node<'t>>,
    scenario: &'t Scenario,
    warnings: Vec<Problem>,
}

impl Linter<'_> {
    fn warn(&mut self, path: &[Seg], message: String, help: impl Into<String>) {
        let help = help.into();
        let mut problem = Problem::warning(message, self.at.value(path));
        if !help.is_empty() {
            problem.help = Some(help);
        }
        self.warnings.push(problem);
    }

    fn training(&mut self) {
        let Some(training) = self.scenario.file.training.clone() else {
            return;
        };
        let objectives = training.objectives.len();
        if objectives > 0 && training.objectives.iter().all(|o| !o.required) {
            self.warn(
                &[F("training"), F("objectives")],
                "no objective is required, so no session can pass".into(),
                "mark the objective that decides the story `required: true`",
            );
        }
        for (n, hint) in training.hints.iter().enumerate() {
            if let Some(k) = hint.for_objective
                && (k == 0 || k > objectives)
            {
                self.warn(
                    &[F("training"), F("hints"), I(n), F("for_objective")],
                    format!(
                        "hint {} is for objective {k}, but {} (counted from 1)",
                        n + 1,
                        match objectives {
                            1 => "there is 1 objective".to_owned(),
                            n => format!("there are {n} objectives"),
                        }
                    ),
                    format!("write a number from 1 to {objectives}"),
                );
            }
        }
        let sim = crate::sim::Simulation::new((*self.scenario.setup).clone());
        let calendar = sim.calendar().clone();
        let start = sim.start();
        let limit = training.time_limit.map(|l| calendar.add(start, l));
        let checkout_sellers = self.checkout_sellers();
        for (n, objective) in training.objectives.iter().enumerate() {
            let here = [F("training"), F("objectives"), I(n)];
            if let (Some(within), Some(limit)) = (objective.within, limit)
                && calendar.add(start, within) > limit
            {
                self.warn(
                    &[F("training"), F("objectives"), I(n), F("within")],
                    format!(
                        "objective {} must be met within {within}, longer than the time limit ({}): the session ends first",
                        n + 1,
                        training.time_limit.map(|l| l.to_string()).unwrap_or_default()
                    ),
                    "`within` counts from the scenario's start, like `time_limit`",
                );
            }
            for goal in leaves(&objective.goal) {
                self.goal(&here, n, goal, checkout_sellers, &sim);
            }
        }
    }

    /// How many orders one checkout can make: one per seller with items to sell.
    fn checkout_sellers(&self) -> usize {
        let world = &self.scenario.setup.world;
        world
            .catalogue()
            .iter()
            .map(|i| i.seller.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    fn goal(
        &mut self,
        here: &[Seg],
        n: usize,
        goal: &Goal,
        checkout_sellers: usize,
        sim: &crate::sim::Simulation,
    ) {
        let goal_path: Vec<Seg> = here.iter().copied().chain([F("goal")]).collect();
        for order in goal.orders() {
            let Some(k) = order
                .strip_prefix("N-")
                .and_then(|k| k.parse::<usize>().ok())
            else {
                continue;
            };
            if checkout_sellers == 0 {
                self.warn(
                    &goal_path,
                    format!("objective {} is about {order}, but the catalogue is empty: no checkout can make an order", n + 1),
                    "add the items the trainee buys to `catalogue` (and to `cart`)",
                );
            } else if k > checkout_sellers {
                self.warn(
                    &goal_path,
                    format!(
                        "objective {} is about {order}, but a checkout makes one order per seller and the catalogue has items of {checkout_sellers} seller(s): {order} needs the trainee to check out again",
                        n + 1
                    ),
                    "if one checkout is meant, name N-1 … N-{checkout_sellers}",
                );
            }
        }
        if let Goal::OrderIn { order, states } = goal {
            let start = sim
                .world()
                .order(order)
                .map(|o| o.state)
                .unwrap_or(crate::sim::world::OrderState::Unpaid);
            let reachable = reach::reachable(start, order, self.scenario, sim);
            if !states.iter().any(|s| reachable.contains(s)) {
                let names: Vec<String> = states.iter().map(|s| format!("{s:?}")).collect();
                self.warn(
                    &goal_path,
                    format!(
                        "objective {} wants {order} in {}, which it can never reach from {start:?} on this platform",
                        n + 1,
                        names.join(" or ")
                    ),
                    format!(
                        "from {start:?} it can reach {}",
                        reachable
                            .iter()
                            .map(|s| format!("{s:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }

    fn sellers(&mut self) {
        let policy = &self.scenario.policy;
        let relays = policy
            .faq
            .iter()
            .any(|f| f.acts == Some(SupportAct::AskSeller));
        let never = |trigger: Trigger| -> Option<&'static str> {
            match trigger {
                Trigger::CancellationRequested
                    if policy.after_window != AfterWindow::RequestToSeller =>
                {
                    Some(
                        "buyers on this platform never ask a seller to cancel (`after_window` is not `RequestToSeller`)",
                    )
                }
                Trigger::MessageReceived if !policy.contact_seller_directly && !relays => Some(
                    "buyers cannot write to sellers here, and no support category passes questions on (`acts: Some(AskSeller)`)",
                ),
                Trigger::InterceptionRequested if policy.interception_time.is_zero() => {
                    Some("this platform never intercepts parcels (`interception_time` is zero)")
                }
                Trigger::DisputeOpened | Trigger::CounterOfferRejected | Trigger::ReturnShipped
                    if policy.dispute_kinds.is_empty() =>
                {
                    Some("this platform has no disputes (`dispute_kinds` is empty)")
                }
                Trigger::ChargebackFiled if policy.chargeback_routes.is_empty() => {
                    Some("this platform takes no chargebacks (`chargeback_routes` is empty)")
                }
                _ => None,
            }
        };
        let rules: Vec<(String, Vec<SellerRule>)> = self
            .scenario
            .setup
            .seller_rules
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (seller, rules) in rules {
            let Some(position) = self.seller_position(&seller) else {
                continue;
            };
            for (r, rule) in rules.iter().enumerate() {
                let path = [F("sellers"), I(position), F("rules"), I(r)];
                if let Some(why) = never(rule.on) {
                    self.warn(
                        &path,
                        format!(
                            "{seller}'s rule {} answers {:?}, which can never happen: {why}",
                            r + 1,
                            rule.on
                        ),
                        "remove the rule, or choose a preset (or override) where it can happen",
                    );
                    continue;
                }
                if let Some(earlier) = rules[..r].iter().position(|e| shadows(e, rule)) {
                    let line = self.line_of(&[F("sellers"), I(position), F("rules"), I(earlier)]);
                    self.warn(
                        &path,
                        format!(
                            "{seller}'s rule {} can never answer: rule {} (line {line}) answers {:?} first whenever this one would",
                            r + 1,
                            earlier + 1,
                            rule.on
                        ),
                        "the first rule whose conditions hold answers; put the more specific rule first",
                    );
                }
            }
        }
    }

    fn events(&mut self) {
        let Some(limit) = self
            .scenario
            .file
            .training
            .as_ref()
            .and_then(|t| t.time_limit)
        else {
            return;
        };
        let setup = &self.scenario.setup;
        let calendar = self.scenario.policy.calendar();
        let end = calendar.add(setup.start, limit);
        let late: Vec<usize> = setup
            .world_events
            .iter()
            .enumerate()
            .filter(|(_, e)| e.at > end)
            .map(|(n, _)| n)
            .collect();
        for n in late {
            self.warn(
                &[F("events"), I(n), F("at")],
                format!(
                    "event {} happens after the time limit ({limit}, so {}): no session sees it",
                    n + 1,
                    crate::sim::time::show(end)
                ),
                "move it inside the story, or lengthen `time_limit`",
            );
        }
    }

    /// Catalogue items no cart line, order or solution step uses.
    fn items(&mut self, script: Option<&[TimedAction]>) {
        let world = &self.scenario.setup.world;
        let mut used: BTreeSet<&str> = world.cart.iter().map(|l| l.item.as_str()).collect();
        for o in world.orders() {
            used.extend(o.lines.iter().map(|l| l.item.as_str()));
        }
        for step in script.unwrap_or_default() {
            if let Action::AddToCart { item, .. } = &step.action {
                used.insert(item.as_str());
            }
        }
        let unused: Vec<(usize, String)> = world
            .catalogue()
            .iter()
            .enumerate()
            .filter(|(_, i)| !used.contains(i.id.as_str()))
            .map(|(n, i)| (n, i.id.clone()))
            .collect();
        for (n, id) in unused {
            self.warn(
                &[F("catalogue"), I(n), F("id")],
                format!("item {id} is in no cart line, no order and no step of the solution"),
                "put it in the cart, or remove it if the story does not need it",
            );
        }
    }

    /// Plays the solution: every refused step, every objective it misses, every mistake it
    /// makes is a warning.
    fn solution(&mut self, solution: &Solution) -> Report {
        let replay = self.scenario.replay(solution.script, None);
        let tree = syntax::parse(solution.source);
        let at = Locator::new(tree.as_ref(), solution.source);
        let mut warnings = Vec::new();
        for (n, reason) in &replay.refusals {
            let mut problem = Problem::warning(
                format!("step {} is refused: {reason}", n + 1),
                at.value(&[I(*n), F("do")]),
            );
            problem.help = Some(
                "a reference solution should do only what the platform allows at that moment"
                    .into(),
            );
            warnings.push(problem);
        }
        let debrief = replay.session.debrief();
        for (n, objective) in debrief.objectives.iter().enumerate() {
            if !objective.achieved {
                self.warn(
                    &[F("training"), F("objectives"), I(n)],
                    format!("the reference solution ({}) does not meet objective {}", solution.path, n + 1),
                    "play it with `shopsim run FILE --actions SOLUTION` to see where it goes another way",
                );
            }
        }
        let made: Vec<usize> = replay.session.coach().mistakes_made().collect();
        for index in made {
            self.warn(
                &[F("training"), F("mistakes"), I(index)],
                format!(
                    "the reference solution ({}) makes mistake {}",
                    solution.path,
                    index + 1
                ),
                "either the solution or the mistake's filters are off",
            );
        }
        super::report(solution.path, solution.source, warnings)
    }

    /// The seller's place in the file's `sellers` list.
    fn seller_position(&self, id: &str) -> Option<usize> {
        let sellers = self.tree?.get(&[F("sellers")])?;
        let Kind::List(items) = &sellers.kind else {
            return None;
        };
        let source = self.at.source();
        items.iter().position(|s| {
            s.get(&[F("id")])
                .is_some_and(|n| source[n.span.clone()].trim_matches('"') == id)
        })
    }

    fn line_of(&self, path: &[Seg]) -> usize {
        self.at.value(path).map_or(0, |span| {
            super::report::line_col(self.at.source(), span.start).0
        })
    }
}

/// Whether `earlier` answers every time `later` would: the same trigger, and no condition
/// that `later` lacks.
fn shadows(earlier: &SellerRule, later: &SellerRule) -> bool {
    earlier.on == later.on && earlier.when.iter().all(|c| later.when.contains(c))
}

/// The goals inside `All` and `Any`, one by one.
fn leaves(goal: &Goal) -> Vec<&Goal> {
    match goal {
        Goal::All(goals) | Goal::Any(goals) => goals.iter().flat_map(leaves).collect(),
        other => vec![other],
    }
}
