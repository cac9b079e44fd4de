//! Action files for `shopsim run --actions`: what the trainee does, and when.
//!
//! ```ron
//! [
//!     (at: "+30m", do: CancelOrder(order: "A-1001", reason: "No longer needed")),
//!     (at: "2026-03-03T09:00", do: AdvanceClock(NextEvent),
//!      caption: "Nothing to do until the seller answers: jump ahead."),
//! ]
//! ```
//!
//! A solution file sits beside its scenario as `NN_name.actions.ron`; `shopsim check`
//! checks it against that scenario.

use super::Scenario;
use super::read;
use super::report::{Problem, Report, closest};
use super::syntax::{self, Seg, Seg::F, Seg::I};
use super::validate::{Locator, span_problems, unknown_variant_fields};
use crate::sim::action::{Action, Advance};
use crate::sim::time::{Calendar, LONGEST_SPAN_DAYS, Moment, Span, YEARS, in_range, parse_moment};
use chrono::Datelike;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptLine {
    /// An absolute time, or `+` and a duration counted from the scenario start ("+2h", "+1d3h").
    pub at: String,
    #[serde(rename = "do")]
    pub action: Action,
    /// What `shopsim demo` says before the action (else it is made from the action).
    #[serde(default)]
    pub caption: Option<String>,
}

pub use crate::training::TimedAction;

/// The file name of the action file that plays a scenario: `x.ron` → `x.actions.ron`.
pub fn solution_path(scenario: &str) -> String {
    let stem = scenario.strip_suffix(".ron").unwrap_or(scenario);
    format!("{stem}.actions.ron")
}

/// The scenario an action file beside it plays: `x.actions.ron` → `x.ron`.
pub fn scenario_path(actions: &str) -> Option<String> {
    actions
        .strip_suffix(".actions.ron")
        .map(|stem| format!("{stem}.ron"))
}

/// Parses an action file; times are resolved against the scenario's start.
pub fn load(
    path: &str,
    source: &str,
    start: Moment,
    calendar: &Calendar,
) -> Result<Vec<TimedAction>, Report> {
    let source = super::without_byte_order_mark(source);
    let (timed, problems) = read_lines(source, start, calendar, None);
    finish(path, source, timed, problems)
}

/// Parses an action file for `scenario`, and checks that every order, item, payment
/// method, coupon and cancellation reason it names exists there.
pub fn load_for(path: &str, source: &str, scenario: &Scenario) -> Result<Vec<TimedAction>, Report> {
    let source = super::without_byte_order_mark(source);
    let calendar = scenario.policy.calendar();
    let (timed, problems) = read_lines(source, scenario.setup.start, &calendar, Some(scenario));
    finish(path, source, timed, problems)
}

fn finish(
    path: &str,
    source: &str,
    timed: Vec<TimedAction>,
    problems: Vec<Problem>,
) -> Result<Vec<TimedAction>, Report> {
    if problems.is_empty() {
        Ok(timed)
    } else {
        Err(super::report(path, source, problems))
    }
}

fn read_lines(
    source: &str,
    start: Moment,
    calendar: &Calendar,
    scenario: Option<&Scenario>,
) -> (Vec<TimedAction>, Vec<Problem>) {
    let read = read::read::<Vec<ScriptLine>>(source, "action file");
    let mut problems = read.problems;
    let Some(lines) = read.value else {
        return (Vec::new(), problems);
    };
    let tree = syntax::parse(&read.text);
    let at = Locator::new(tree.as_ref(), &read.text);
    let mut found = tree
        .as_ref()
        .map(|t| span_problems(t, &read.text))
        .unwrap_or_default();
    let mut timed = Vec::new();
    let mut previous = start;
    for (n, line) in lines.into_iter().enumerate() {
        found.extend(unknown_variant_fields(
            &line.action,
            at.node(&[I(n), F("do")]),
        ));
        if let Action::AdvanceClock(Advance::To(to)) = &line.action
            && !in_range(*to)
        {
            found.push(
                Problem::new(
                    format!("the year {} is out of range", to.year()),
                    at.value(&[I(n), F("do")]),
                )
                .help(format!(
                    "dates fall between {} and {}",
                    YEARS.start(),
                    YEARS.end()
                )),
            );
        }
        let span = at.value(&[I(n), F("at")]);
        match resolve(&line.at, start, calendar) {
            Ok(moment) if moment < start => found.push(
                Problem::new(format!("`{}` is before the scenario starts", line.at), span)
                    .help(format!(
                        "the scenario starts {}",
                        crate::sim::time::show(start)
                    )),
            ),
            Ok(moment) if moment < previous => found.push(
                Problem::new(
                    format!("`{}` is earlier than the action before it", line.at),
                    span,
                )
                .help("list actions in the order they happen"),
            ),
            Ok(moment) => {
                previous = moment;
                if let Some(scenario) = scenario {
                    found.extend(references(&line.action, n, scenario, &at));
                }
                timed.push(TimedAction {
                    at: moment,
                    action: line.action,
                    caption: line.caption,
                });
            }
            Err(message) => found.push(Problem::new(message, span).help(
                "write a time like \"2026-03-02T10:00\", or \"+2h\", \"+1d3h\", \"+3bd\" from the scenario start",
            )),
        }
    }
    for problem in &mut found {
        problem.span = problem.span.take().map(|s| read.edits.span_to_original(s));
    }
    problems.extend(found);
    (timed, problems)
}

/// Names in one action that the scenario does not define.
fn references(action: &Action, n: usize, scenario: &Scenario, at: &Locator) -> Vec<Problem> {
    let world = &scenario.setup.world;
    let policy = &scenario.policy;
    let mut problems = Vec::new();
    let mut check = |field: &str, name: &str, kind: &str, known: Vec<&str>, extra_ok: bool| {
        if extra_ok || known.contains(&name) {
            return;
        }
        let path: Vec<Seg> = vec![I(n), F("do"), F(field)];
        let help = match closest(name, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known.is_empty() => format!("the scenario defines no {kind}"),
            None => format!("the scenario defines {}", quoted(&known, "`")),
        };
        problems.push(
            Problem::new(
                format!("{kind} `{name}` is not in the scenario"),
                at.value(&path),
            )
            .help(help),
        );
    };
    let orders = || world.orders.iter().map(|o| o.id.as_str()).collect();
    let items = || world.catalogue.iter().map(|i| i.id.as_str()).collect();
    if let Some(order) = action.order() {
        // Orders made by checkout during the story are numbered N-1, N-2, …
        check("order", order, "order", orders(), order.starts_with("N-"));
    }
    match action {
        Action::AddToCart { item, .. } | Action::Select { item } | Action::Deselect { item } => {
            check("item", item, "item", items(), false)
        }
        Action::CancelOrder { items: lines, .. } => {
            for item in lines {
                check("items", item, "item", items(), false);
            }
        }
        Action::Pay { method, .. } => check(
            "method",
            method,
            "payment method",
            world.buyer.methods.iter().map(|m| m.id.as_str()).collect(),
            false,
        ),
        Action::Checkout { coupon: Some(code) } => check(
            "coupon",
            code,
            "coupon",
            world.buyer.coupons.iter().map(|c| c.id.as_str()).collect(),
            false,
        ),
        _ => {}
    }
    let reason = match action {
        Action::CancelOrder {
            reason: Some(reason),
            ..
        }
        | Action::RequestCancellation {
            reason: Some(reason),
            ..
        }
        | Action::AskSupportToCancel { reason, .. } => Some(reason),
        _ => None,
    };
    if let Some(reason) = reason
        && policy.reason(reason).is_none()
    {
        let known: Vec<&str> = policy
            .cancel_reasons
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        let help = match closest(reason, known.iter().copied()) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None => format!("this platform's reasons are {}", quoted(&known, "\"")),
        };
        problems.push(
            Problem::new(
                format!(
                    "\"{reason}\" is not a cancellation reason of {}",
                    policy.name
                ),
                at.value(&[I(n), F("do"), F("reason")]),
            )
            .help(help),
        );
    }
    problems
}

fn quoted(names: &[&str], quote: &str) -> String {
    names
        .iter()
        .map(|n| format!("{quote}{n}{quote}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most parts an offset may be written in ("1d3h" has two).
const MAX_PARTS: usize = 8;

/// The moment an action file's `at` or `--until` names: a date and time, or `+` and a
/// duration from `start`. Either must fall in the years a story may reach and at most ten
/// years after the start, so the two ways of writing a time have the same bounds.
pub fn resolve(text: &str, start: Moment, calendar: &Calendar) -> Result<Moment, String> {
    let shown = crate::text::shorten(text.trim(), 60);
    let at = match text.trim().strip_prefix('+') {
        Some(offset) => {
            // Very long digit runs would overflow before they could be checked.
            let longest_number = offset
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            if longest_number > 7 {
                return Err(format!("`{shown}` is too far from the start"));
            }
            let spans =
                Span::parse_sum(offset).map_err(|e| crate::text::shorten(&e, 200).into_owned())?;
            if spans.len() > MAX_PARTS {
                return Err(format!(
                    "`{shown}` has more than {MAX_PARTS} parts; write it like \"+1d3h\""
                ));
            }
            if spans.iter().any(|s| s.is_too_long()) {
                return Err(format!("`{shown}` is more than ten years after the start"));
            }
            calendar.add_all(start, &spans)
        }
        None => {
            // The reading's own words say what to write (a date alone: add the time).
            let at = parse_moment(text)
                .map_err(|error| crate::text::shorten(&error, 200).into_owned())?;
            if !in_range(at) {
                return Err(format!(
                    "the year {} is out of range: dates fall between {} and {}",
                    at.year(),
                    YEARS.start(),
                    YEARS.end()
                ));
            }
            at
        }
    };
    if at > start && (at - start).num_days() > LONGEST_SPAN_DAYS {
        return Err(format!("`{shown}` is more than ten years after the start"));
    }
    if !in_range(at) {
        return Err(format!(
            "`{shown}` is past the end of {}, the last year a story may reach",
            YEARS.end()
        ));
    }
    Ok(at)
}
