//! The line of a file a problem is shown on, as the rendered report prints it: cut to a
//! line's worth around the problem, with "…" where it was cut, and inert, so that neither a
//! 20 MB line nor an escape sequence in a file reaches the author's terminal whole. Line
//! and column numbers stay those of the file.

use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// The most characters of a source line shown; longer lines are cut around the problem.
const LINE_CHARS: usize = 120;
/// How much of a long line is kept before the problem.
const BEFORE: usize = 40;

/// Line starts of a text, found once, and columns counted on from the last offset asked
/// for, so that locating every problem of a large file stays linear.
pub(super) struct Lines<'s> {
    source: &'s str,
    starts: Vec<usize>,
    /// The last offset located, and its column (0-based, in characters).
    last: (usize, usize),
}

/// Where an offset is: its line (0-based), where that line starts, and its column
/// (0-based, in characters).
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub line: usize,
    pub line_start: usize,
    pub column: usize,
}

impl<'s> Lines<'s> {
    pub fn new(source: &'s str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            source,
            starts,
            last: (0, 0),
        }
    }

    pub fn place(&mut self, offset: usize) -> Place {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len()));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.starts[line];
        let (from, counted) = if self.last.0 >= line_start && self.last.0 <= offset {
            self.last
        } else {
            (line_start, 0)
        };
        let column = counted + self.source[from..offset].chars().count();
        self.last = (offset, column);
        Place {
            line,
            line_start,
            column,
        }
    }

    /// The end of the line that starts at `line_start`, before its line break.
    pub fn line_end(&self, line_start: usize) -> usize {
        let end = self.source[line_start..]
            .find('\n')
            .map_or(self.source.len(), |i| line_start + i);
        if self.source[line_start..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }
}

/// One shown line, for codespan: it asks its questions about this excerpt as if it were
/// the file, and gets the file's line and column numbers back.
pub(super) struct Excerpt {
    name: String,
    line_number: usize,
    text: String,
    /// For each character shown: where it starts in `text`, and its column in the file
    /// (1-based).
    columns: Vec<(usize, usize)>,
    /// The problem's span in `text`.
    pub span: Range<usize>,
}

impl Excerpt {
    /// The line holding `span.start`, cut around the span; a span that runs on to later
    /// lines is shown on its first.
    pub fn new(name: &str, lines: &mut Lines, span: Range<usize>) -> Excerpt {
        let start = lines.place(span.start);
        let line_end = lines.line_end(start.line_start);
        let source = lines.source;
        let start_offset = floor_char_boundary(source, span.start.min(line_end));
        let end_offset = floor_char_boundary(source, span.end.clamp(start_offset, line_end));
        let line = &source[start.line_start..line_end];
        let line_len = line.chars().count();
        let first = start.column.min(line_len);
        let last = (first + source[start_offset..end_offset].chars().count()).min(line_len);
        let (from, to) = if line_len <= LINE_CHARS {
            (0, line_len)
        } else {
            let to = (first.saturating_sub(BEFORE) + LINE_CHARS).min(line_len);
            (to.saturating_sub(LINE_CHARS), to)
        };
        let mut text = String::new();
        let mut columns = Vec::new();
        if from > 0 {
            text.push('…');
        }
        let mut span_start = None;
        let mut span_end = None;
        for (k, c) in line.chars().enumerate().take(to).skip(from) {
            if k == first {
                span_start = Some(text.len());
            }
            if k == last {
                span_end = Some(text.len());
            }
            columns.push((text.len(), k + 1));
            // A tab is harmless and codespan lays it out; everything else unsafe is escaped.
            if c == '\t' {
                text.push(c);
            } else {
                crate::text::push_inert(&mut text, c);
            }
        }
        let end_of_chars = text.len();
        let span_start = span_start.unwrap_or(end_of_chars);
        let span_end = span_end.unwrap_or(end_of_chars).max(span_start);
        if to < line_len {
            text.push('…');
        }
        Excerpt {
            name: crate::text::inert(name).into_owned(),
            line_number: start.line + 1,
            text,
            columns,
            span: span_start..span_end,
        }
    }
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, Error> {
        Ok(self.line_number)
    }

    fn column_number(&'a self, (): (), _line: usize, byte_index: usize) -> Result<usize, Error> {
        let after = self.columns.partition_point(|&(at, _)| at <= byte_index);
        Ok(match after {
            0 => self.columns.first().map_or(1, |&(_, column)| column),
            n if n == self.columns.len() && byte_index >= self.text.len() => {
                self.columns.last().map_or(1, |&(_, column)| column + 1)
            }
            n => self.columns[n - 1].1,
        })
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        if line_index == 0 {
            Ok(0..self.text.len())
        } else {
            Err(Error::LineTooLarge {
                given: line_index,
                max: 0,
            })
        }
    }
}

pub(super) fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while offset > 0 && !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(source: &str, span: Range<usize>) -> (String, String, usize, usize) {
        let mut lines = Lines::new(source);
        let e = Excerpt::new("f.ron", &mut lines, span);
        let column = e.column_number((), 0, e.span.start).unwrap();
        (
            e.text.clone(),
            e.text[e.span.clone()].to_owned(),
            e.line_number,
            column,
        )
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let source = "a\n  kind: Cart,\nz";
        let at = source.find("Cart").unwrap();
        assert_eq!(
            shown(source, at..at + 4),
            ("  kind: Cart,".into(), "Cart".into(), 2, 9)
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let source = format!("(x: \"{}\", y: Bad)", "a".repeat(1_000_000));
        let at = source.find("Bad").unwrap();
        let (text, marked, line, column) = shown(&source, at..at + 3);
        assert!(text.starts_with('…') && text.chars().count() <= LINE_CHARS + 2);
        assert_eq!(marked, "Bad");
        assert_eq!((line, column), (1, at + 1));
    }

    #[test]
    fn controls_in_the_line_are_escaped_and_the_marker_still_fits() {
        let source = "(title: \"\u{1b}]52;c;eA==\u{7}\", kind: Cart)";
        let at = source.find("Cart").unwrap();
        let (text, marked, _, column) = shown(source, at..at + 4);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("\\u{1b}]52"), "{text}");
        assert_eq!(marked, "Cart");
        assert_eq!(column, source[..at].chars().count() + 1);
    }

    #[test]
    fn an_empty_span_at_the_end_of_a_file() {
        let (text, marked, line, column) = shown("(\n", 2..2);
        assert_eq!(
            (text.as_str(), marked.as_str(), line, column),
            ("", "", 2, 1)
        );
    }
}
