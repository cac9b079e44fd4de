//! Action files for `shopsim run --actions`: what the trainee does, and when.
//!
//! ```ron
//! [
//!     (at: "+30m", do: CancelOrder(order: "A-1001", reason: "No longer needed")),
//!     (at: "2026-03-03T09:00", do: AdvanceClock(NextEvent)),
//! ]
//! ```

use super::report::{Problem, Report};
use crate::sim::action::Action;
use crate::sim::time::{Calendar, Moment, Span, parse_moment};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptLine {
    /// An absolute time, or `+` and a duration counted from the scenario start ("+2h", "+1d3h").
    pub at: String,
    #[serde(rename = "do")]
    pub action: Action,
}

#[derive(Debug, Clone)]
pub struct TimedAction {
    pub at: Moment,
    pub action: Action,
}

/// Parses an action file; times are resolved against the scenario's start.
pub fn load(
    path: &str,
    source: &str,
    start: Moment,
    calendar: &Calendar,
) -> Result<Vec<TimedAction>, Report> {
    let report = |problems| Report {
        path: path.to_owned(),
        source: source.to_owned(),
        problems,
    };
    let lines: Vec<ScriptLine> = super::ron_options()
        .from_str(source)
        .map_err(|e| report(vec![super::problem_from_ron(source, &e)]))?;
    let mut problems = Vec::new();
    let mut timed = Vec::new();
    let mut search_from = 0;
    let mut previous = start;
    for line in lines {
        let quoted = format!("\"{}\"", line.at);
        let span = source[search_from..].find(&quoted).map(|i| {
            let s = search_from + i;
            search_from = s + quoted.len();
            s..s + quoted.len()
        });
        match resolve(&line.at, start, calendar) {
            Ok(at) if at < start => problems.push(Problem::new(
                format!("`{}` is before the scenario starts", line.at),
                span,
            )),
            Ok(at) if at < previous => problems.push(
                Problem::new(
                    format!("`{}` is earlier than the action before it", line.at),
                    span,
                )
                .help("list actions in the order they happen"),
            ),
            Ok(at) => {
                previous = at;
                timed.push(TimedAction {
                    at,
                    action: line.action,
                });
            }
            Err(message) => problems.push(Problem::new(message, span)),
        }
    }
    if problems.is_empty() {
        Ok(timed)
    } else {
        Err(report(problems))
    }
}

pub fn resolve(text: &str, start: Moment, calendar: &Calendar) -> Result<Moment, String> {
    match text.trim().strip_prefix('+') {
        Some(offset) => Span::parse_sum(offset).map(|spans| calendar.add_all(start, &spans)),
        None => parse_moment(text),
    }
}
