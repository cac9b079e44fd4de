//! Scenario files: RON text in, a ready `Setup` out, or a report of every problem with
//! its line and column. Reading the file from disk is the caller's job.

pub mod actions;
pub mod authoring;
mod brackets;
mod build;
mod excerpt;
pub mod format;
pub mod generate;
pub mod lint;
pub mod presets;
mod quotes;
mod read;
pub mod report;
pub mod starter;
mod syntax;
mod validate;

pub use format::ScenarioFile;
pub use report::{Problem, Report};

use crate::sim::engine::Setup;
use crate::sim::policy::Policy;
use ron::extensions::Extensions;
use std::sync::Arc;

/// A scenario that parsed and passed every check.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub file: ScenarioFile,
    pub policy: Policy,
    /// Shared: every session of the scenario starts from it without copying it first.
    pub setup: Arc<Setup>,
}

impl Scenario {
    /// Plays this scenario headless with a script of timed actions (see `training::replay`).
    pub fn replay(
        &self,
        script: &[crate::training::TimedAction],
        until: Option<crate::sim::time::Moment>,
    ) -> crate::training::Replay {
        crate::training::replay(
            self.setup.clone(),
            self.file.training.clone().unwrap_or_default(),
            &self.file.title,
            script,
            until,
        )
    }

    /// `replay`, keeping everything scheduled on the way, for a timeline.
    pub fn replay_keeping_schedule(
        &self,
        script: &[crate::training::TimedAction],
        until: Option<crate::sim::time::Moment>,
    ) -> crate::training::Replay {
        crate::training::replay_keeping(
            self.setup.clone(),
            self.file.training.clone().unwrap_or_default(),
            &self.file.title,
            script,
            until,
            true,
        )
    }
}

/// The text after a byte-order mark, which some editors write at the start of a file.
pub(crate) fn without_byte_order_mark(source: &str) -> &str {
    source.strip_prefix('\u{feff}').unwrap_or(source)
}

/// How deep blocks and lists may nest in a file: far more than any story needs, and few
/// enough that reading one never exhausts the stack.
pub(crate) const MAX_NESTING: usize = 128;

pub(crate) fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// Parses and checks a scenario. `path` is only used to name the file in problems.
///
/// Every problem is reported at once: misspelt names are repaired and parsing goes on,
/// and the meaning checks run whenever the (repaired) text parses. A byte-order mark at
/// the start is not part of the text: the report's `source` is the text after it, and its
/// spans and columns count from there, as an editor does.
pub fn load(path: &str, source: &str) -> Result<Scenario, Report> {
    let source = without_byte_order_mark(source);
    let read = read::read::<ScenarioFile>(source, "scenario");
    let mut problems = read.problems;
    let Some(file) = read.value else {
        return Err(report(path, source, problems));
    };
    let tree = syntax::parse(&read.text);
    let policy = validate::policy_of(&file, tree.as_ref());
    let mut meaning = validate::check(&file, &read.text, tree.as_ref(), policy.as_ref().ok());
    let policy = match policy {
        Ok(policy) => Some(policy),
        Err(problem) => {
            meaning.push(problem);
            None
        }
    };
    // The checks looked at the repaired text; point back into the author's.
    for problem in &mut meaning {
        problem.span = problem
            .span
            .take()
            .map(|span| read.edits.span_to_original(span));
    }
    problems.extend(meaning);
    // The syntax tree and the repaired text serve only the checks: let them go before the
    // world is built, so the two never take memory at the same time.
    drop(tree);
    drop(read.text);
    match policy {
        Some(policy) if problems.is_empty() => {
            let mut file = file;
            let setup = Arc::new(build::setup(&file, &policy));
            // The world now lives in `setup`; the file keeps its story and training only.
            file.forget_world();
            Ok(Scenario {
                file,
                policy,
                setup,
            })
        }
        _ => Err(report(path, source, problems)),
    }
}

/// The problems of one file, in the order they appear in it.
pub(crate) fn report(path: &str, source: &str, mut problems: Vec<Problem>) -> Report {
    problems.sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
    Report {
        path: path.to_owned(),
        source: source.to_owned(),
        problems,
    }
}
