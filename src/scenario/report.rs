//! Problems found in a scenario file, each pinned to file:line:column and rendered with
//! the offending line, so an author can jump straight to it from the editor.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;
use std::fmt;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// Byte range in the source; `None` when nothing in the file can be pointed at.
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Problem {
            message: message.into(),
            span,
            help: None,
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
        self.problems
            .iter()
            .map(|p| {
                let (line, col) = p
                    .span
                    .as_ref()
                    .map(|s| self.line_col(s.start))
                    .unwrap_or((1, 1));
                format!("{}:{line}:{col}: error: {}\n", self.path, p.message)
            })
            .collect()
    }

    /// The full rendering: location, the offending line with a marker, and help.
    pub fn render(&self) -> String {
        let file = SimpleFile::new(&self.path, &self.source);
        let config = term::Config::default();
        let mut out = String::new();
        for problem in &self.problems {
            let mut diagnostic = Diagnostic::error().with_message(&problem.message);
            if let Some(span) = &problem.span {
                let (line, col) = self.line_col(span.start);
                diagnostic = diagnostic.with_labels(vec![
                    Label::primary((), span.clone())
                        .with_message(format!("line {line}, column {col}")),
                ]);
            } else {
                diagnostic = diagnostic.with_notes(vec![format!("in {}", self.path)]);
            }
            if let Some(help) = &problem.help {
                diagnostic = diagnostic.with_notes(vec![format!("help: {help}")]);
            }
            match term::emit_into_string(&config, &file, &diagnostic) {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&format!("{}: error: {}\n", self.path, problem.message)),
            }
        }
        let n = self.problems.len();
        out.push_str(&format!(
            "{}: {n} problem{}\n",
            self.path,
            if n == 1 { "" } else { "s" }
        ));
        out
    }
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

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while offset > 0 && !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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
