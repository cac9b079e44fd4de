//! Problems found in a scenario file, each pinned to file:line:column and rendered with
//! the offending line, so an author can jump straight to it from the editor.

use super::excerpt::{Excerpt, Lines, floor_char_boundary};
use crate::text::{inert, shorten};
use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::fmt;
use std::ops::Range;

/// An error stops a file from loading; a warning is a lint: the file loads, but part of
/// it cannot work as the author meant (`check --deny-warnings` makes warnings fail).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// Byte range in the source; `None` when nothing in the file can be pointed at.
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
    pub severity: Severity,
}

impl Problem {
    pub fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Problem {
            message: message.into(),
            span,
            help: None,
            severity: Severity::Error,
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::new(message, span)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every problem of one file, with the text they point into.
#[derive(Debug, Clone)]
pub struct Report {
    pub path: String,
    pub source: String,
    pub problems: Vec<Problem>,
}

impl Report {
    /// 1-based line and column of a byte offset, counting characters (not bytes) so that
    /// Cyrillic or CJK text gives the column an editor shows.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }

    /// `file:line:column: message` lines, one per problem: the format editors jump to.
    pub fn short(&self) -> String {
        let mut lines = Lines::new(&self.source);
        let path = inert(&self.path);
        self.problems
            .iter()
            .map(|p| {
                let (line, col) = p.span.as_ref().map_or((1, 1), |s| {
                    let place = lines.place(s.start);
                    (place.line + 1, place.column + 1)
                });
                format!(
                    "{path}:{line}:{col}: {}: {}\n",
                    p.severity.word(),
                    words(&p.message)
                )
            })
            .collect()
    }

    /// For a narrow box over a running session: the first `max` problems, each as its
    /// `file:line:column: message`, the line cut to a box's width with a `^` under the
    /// place, and the help; then how many more there are.
    pub fn brief(&self, max: usize) -> String {
        // Fits the smallest box with its indent and the two marks of a cut line.
        const WIDTH: usize = 48;
        let mut lines = Lines::new(&self.source);
        let path = inert(&self.path);
        let mut out = String::new();
        for p in self.problems.iter().take(max) {
            let Some(span) = &p.span else {
                out.push_str(&format!(
                    "{path}: {}: {}\n\n",
                    p.severity.word(),
                    words(&p.message)
                ));
                continue;
            };
            let place = lines.place(span.start);
            let text: Vec<char> = self.source[place.line_start..lines.line_end(place.line_start)]
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            // A long line is shown from a little before the place, marked as cut.
            let from = place.column.saturating_sub(WIDTH / 2).min(place.column);
            let from = if text.len() <= WIDTH { 0 } else { from };
            let cut_before = if from > 0 { "…" } else { "" };
            let shown: String = text.iter().skip(from).take(WIDTH).collect();
            let cut_after = if text.len() > from + WIDTH { "…" } else { "" };
            let caret_at = place.column - from + cut_before.chars().count();
            out.push_str(&format!(
                "{path}:{}:{}: {}: {}\n  {cut_before}{}{cut_after}\n  {}^\n",
                place.line + 1,
                place.column + 1,
                p.severity.word(),
                words(&p.message),
                inert(&shown),
                " ".repeat(caret_at)
            ));
            if let Some(help) = &p.help {
                out.push_str(&format!("  help: {}\n", words(help)));
            }
            out.push('\n');
        }
        if self.problems.len() > max {
            out.push_str(&format!(
                "… and {} more: `shopsim check {path}` lists them all.\n",
                self.problems.len() - max
            ));
        }
        out
    }

    /// The full rendering: location, the offending line with a marker, and help. What
    /// comes from the file is shown inert, a long line is cut around the problem, and past
    /// `MAX_SHOWN` problems only their number is given.
    pub fn render(&self) -> String {
        let config = term::Config::default();
        let mut lines = Lines::new(&self.source);
        let mut out = String::new();
        for problem in self.problems.iter().take(MAX_SHOWN) {
            let mut diagnostic = match problem.severity {
                Severity::Error => Diagnostic::error(),
                Severity::Warning => Diagnostic::warning(),
            }
            .with_message(words(&problem.message));
            let excerpt = problem.span.as_ref().map(|span| {
                let excerpt = Excerpt::new(&self.path, &mut lines, span.clone());
                let (line, col) = self.line_col_in(&mut lines, span.start);
                (excerpt, line, col)
            });
            let mut notes = Vec::new();
            match &excerpt {
                Some((excerpt, line, col)) => {
                    diagnostic = diagnostic.with_labels(vec![
                        Label::primary((), excerpt.span.clone())
                            .with_message(format!("line {line}, column {col}")),
                    ]);
                }
                None => notes.push(format!("in {}", inert(&self.path))),
            }
            if let Some(help) = &problem.help {
                notes.push(format!("help: {}", words(help)));
            }
            diagnostic = diagnostic.with_notes(notes);
            let rendered = match &excerpt {
                Some((excerpt, _, _)) => term::emit_into_string(&config, excerpt, &diagnostic),
                None => term::emit_into_string(
                    &config,
                    &SimpleFile::new(inert(&self.path), ""),
                    &diagnostic,
                ),
            };
            match rendered {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&format!(
                    "{}: {}: {}\n",
                    inert(&self.path),
                    problem.severity.word(),
                    words(&problem.message)
                )),
            }
        }
        let n = self.problems.len();
        if n > MAX_SHOWN {
            out.push_str(&format!(
                "… and {} more; fix these first and check again\n\n",
                n - MAX_SHOWN
            ));
        }
        let warnings = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let tally = match (n - warnings, warnings) {
            (errors, 0) => count(errors, "problem"),
            (0, warnings) => count(warnings, "warning"),
            (errors, warnings) => format!(
                "{}, {}",
                count(errors, "problem"),
                count(warnings, "warning")
            ),
        };
        out.push_str(&format!("{}: {tally}\n", inert(&self.path)));
        out
    }

    fn line_col_in(&self, lines: &mut Lines, offset: usize) -> (usize, usize) {
        let place = lines.place(offset);
        (place.line + 1, place.column + 1)
    }
}

/// The most problems of one file rendered; the rest are counted.
const MAX_SHOWN: usize = 100;
/// The most characters of one message or help shown.
const MAX_WORDS: usize = 1_000;

/// A message or help as printed: inert, and cut if something in it is very long.
fn words(text: &str) -> String {
    inert(&shorten(text, MAX_WORDS)).into_owned()
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Report {}

pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Byte offset of a 1-based line and character column, as ron reports them.
pub fn offset_of(source: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (n, text) in source.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let within: usize = text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map(|(i, _)| i)
                .unwrap_or(text.trim_end_matches('\n').len());
            return offset + within;
        }
        offset += text.len();
    }
    source.len()
}

/// The known name closest to `found`, if it is close enough to be a likely typo: one
/// edit for short names, more for long ones (a third of the name's length).
pub fn closest<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (edit_distance(found, k), k))
        .filter(|(d, k)| *d <= 1.max(k.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, ignoring case.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    // d[i][j]: distance between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let source = "a\nЗаказ: x\n";
        let offset = source.find('x').unwrap();
        assert_eq!(line_col(source, offset), (2, 8));
        assert_eq!(offset_of(source, 2, 8), offset);
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(closest("sellr", ["seller", "title"]), Some("seller"));
        assert_eq!(closest("zzzz", ["seller", "title"]), None);
        assert_eq!(closest("crad", ["card", "wallet"]), Some("card"));
        assert_eq!(closest("cup", ["lamp", "mug"]), None);
        assert_eq!(closest("breifing", ["title", "briefing"]), Some("briefing"));
    }
}
