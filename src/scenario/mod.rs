//! Scenario files: RON text in, a ready `Setup` out, or a report of every problem with
//! its line and column. Reading the file from disk is the caller's job.

pub mod actions;
mod build;
pub mod format;
pub mod presets;
pub mod report;
mod validate;

pub use format::ScenarioFile;
pub use report::{Problem, Report};

use crate::sim::engine::Setup;
use crate::sim::policy::Policy;
use ron::extensions::Extensions;

/// A scenario that parsed and passed every check.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub file: ScenarioFile,
    pub policy: Policy,
    pub setup: Setup,
}

pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses and checks a scenario. `path` is only used to name the file in problems.
pub fn load(path: &str, source: &str) -> Result<Scenario, Report> {
    let report = |problems| Report {
        path: path.to_owned(),
        source: source.to_owned(),
        problems,
    };
    let file: ScenarioFile = ron_options()
        .from_str(source)
        .map_err(|e| report(vec![problem_from_ron(source, &e)]))?;
    let policy = validate::policy_of(&file);
    let problems = validate::check(&file, source, policy.as_ref().ok());
    let policy = match policy {
        Ok(policy) if problems.is_empty() => policy,
        Ok(_) => return Err(report(problems)),
        Err(problem) => {
            let mut all = vec![problem];
            all.extend(problems);
            return Err(report(all));
        }
    };
    let setup = build::setup(&file, &policy);
    Ok(Scenario {
        file,
        policy,
        setup,
    })
}

/// A ron parse error as a problem, with a suggestion for a misspelt field or variant.
pub(crate) fn problem_from_ron(source: &str, error: &ron::error::SpannedError) -> Problem {
    use ron::error::Error;
    let start = report::offset_of(source, error.span.start.line, error.span.start.col);
    let end = report::offset_of(source, error.span.end.line, error.span.end.col).max(start);
    let span = if end > start {
        start..end
    } else {
        start..(start + 1).min(source.len()).max(start)
    };
    let mut problem = Problem::new(error.code.to_string(), Some(span));
    let suggestion = match &error.code {
        Error::NoSuchStructField {
            expected, found, ..
        } => Some((found.as_str(), *expected)),
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => Some((found.as_str(), *expected)),
        _ => None,
    };
    if let Some((found, expected)) = suggestion {
        problem = match report::closest(found, expected.iter().copied()) {
            Some(best) => problem.help(format!("did you mean `{best}`?")),
            None => problem.help(format!("expected one of: {}", expected.join(", "))),
        };
    }
    if let Error::MissingStructField { field, .. } = &error.code {
        problem = problem.help(format!("add `{field}: …` to this block"));
    }
    problem
}
