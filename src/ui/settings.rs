//! Settings files (key maps and themes) are RON, like scenarios. A mistake in one is said
//! with its place (`file:line:column`), the line itself and what was expected, and the
//! program does not start: it never panics on a user's file. Reading the file is the
//! caller's business; this reads its text.

use serde::de::DeserializeOwned;

/// What is wrong in a settings file, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Counted from 1; 0 when the problem has no one place (two commands on one key).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn whole_file(message: String) -> Problem {
        Problem {
            line: 0,
            column: 0,
            message,
        }
    }

    /// "path:line:column: message", then the line with a mark under the place.
    /// What comes from the file is shown inert: it is printed to a terminal.
    pub fn render(&self, path: &str, text: &str) -> String {
        let path = crate::text::inert(path);
        let message = crate::text::inert(&self.message);
        if self.line == 0 {
            return format!("{path}: {message}\n");
        }
        let mut out = format!("{path}:{}:{}: {message}\n", self.line, self.column);
        if let Some(line) = text.lines().nth(self.line - 1) {
            // A line's worth of a long line: a file of one huge line is not echoed whole.
            let line = crate::text::inert(&crate::text::shorten(line, 200)).into_owned();
            let pad: String = line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("  {line}\n  {pad}^\n"));
        }
        out
    }
}

/// Parses a settings file's text.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    // An optional style is written as it is, without `Some(…)`, as in scenario files.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str(text).map_err(|e| Problem {
        line: e.span.start.line,
        column: e.span.start.col,
        message: in_words(&e.code),
    })
}

/// The reader's complaint in a settings author's words: a field is named as written in
/// the file, never by the program's own type names.
fn in_words(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => {
            let fields = expected
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            match closest(found, expected.iter().copied()) {
                Some(near) => format!(
                    "there is no field `{found}`; did you mean `{near}`? The fields are {fields}"
                ),
                None => format!("there is no field `{found}`: the fields are {fields}"),
            }
        }
        ron::Error::MissingStructField { field, .. } => format!("`{field}` is missing"),
        other => other.to_string(),
    }
}

/// The known name closest to what was written, for "did you mean …?": the same measure as
/// a scenario file's.
pub use crate::scenario::report::closest;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_shows_its_place_and_line() {
        let text = "{\n    \"quit\": [\"qq\"],\n}\n";
        let problem = Problem {
            line: 2,
            column: 14,
            message: "no such key".into(),
        };
        let shown = problem.render("keys.ron", text);
        assert!(shown.starts_with("keys.ron:2:14: no such key\n"), "{shown}");
        assert!(shown.contains("    \"quit\": [\"qq\"],"), "{shown}");
    }

    #[test]
    fn the_closest_name_is_offered() {
        let names = ["quit", "help", "hint_bar"];
        assert_eq!(closest("qit", names.iter().copied()), Some("quit"));
        assert_eq!(closest("zzzzzz", names.iter().copied()), None);
    }
}
