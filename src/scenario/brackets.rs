//! Whether the brackets of a text pair up and, when they do not, which bracket is the
//! cause: one never closed, or one that closes nothing.
//!
//! ron notices a bracket problem only where the text stops making sense, often lines
//! later and in other words ("expected a name", "missing field `start`"). This pass reads
//! the lexer's tokens (strings and comments are skipped whole) with a stack of the open
//! brackets, and names the bracket and the line it opened on. Where the first mismatch
//! can be read two ways (this `]` comes early, or it is one too many), both readings are
//! played to the end of the text and the one that leaves it in better order is told.
//! Where a missing bracket is made up for by a later one, only the indentation shows
//! which block lost it: a closing bracket that starts its line and lines up with an outer
//! block is taken for that block's.
//!
//! One pass, and at most two more over the rest of the text; it holds no more than the
//! open brackets, and gives up past the nesting a file may have.

use super::MAX_NESTING;
use super::report::Problem;
use super::syntax::{Lexer, Tok};
use std::collections::HashMap;
use std::ops::Range;

/// A bracket problem, and where the text it is about begins: an error ron finds from
/// there on is taken for a symptom of this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BracketProblem {
    pub problem: Problem,
    pub from: usize,
}

/// An open bracket: which one, where, and the line it is on.
#[derive(Debug, Clone, Copy)]
struct Open {
    byte: u8,
    at: usize,
    line: usize,
    /// The indentation of its line: a closing bracket on a line of its own is expected
    /// to line up with it.
    indent: usize,
}

/// A closing bracket that starts its line and lines up with an outer block, though it
/// closed an inner one: that inner block has probably lost its own.
#[derive(Debug, Clone, Copy)]
struct Misaligned {
    inner: Open,
    close_line: usize,
    outer_line: usize,
}

/// The first bracket problem of `source`, or `None` when the brackets pair up (or nest
/// deeper than any file may, which ron reports itself).
pub(crate) fn check(source: &str) -> Option<BracketProblem> {
    let mut lexer = Lexer::new(source);
    let mut lines = LineFinder::new(source);
    let mut stack: Vec<Open> = Vec::new();
    let mut misaligned: Option<Misaligned> = None;
    // The first outermost block to end: the text is one block, so what follows is outside.
    let mut ended: Option<Ended> = None;
    // The last block closed at each indentation, to tell which one a closing bracket that
    // ends the text too soon lines up with.
    let mut closed_at_indent: HashMap<usize, (Open, Close)> = HashMap::new();
    while let Some((tok, span)) = lexer.next() {
        match tok {
            Tok::Open(byte) => {
                if stack.len() >= MAX_NESTING {
                    return None;
                }
                let (line, indent, _) = lines.place(span.start);
                stack.push(Open {
                    byte,
                    at: span.start,
                    line,
                    indent,
                });
            }
            Tok::Close(byte) => {
                let (line, indent, starts_line) = lines.place(span.start);
                let close = Close {
                    byte,
                    at: span.start,
                    line,
                };
                let Some(top) = stack.last().copied() else {
                    return Some(closes_nothing_after_the_end(close, ended));
                };
                if top.byte != opening(byte) {
                    return Some(mismatch(source, &stack, close));
                }
                stack.pop();
                let lines_up_outside = starts_line
                    && indent < top.indent
                    && stack.iter().any(|outer| outer.indent == indent);
                if lines_up_outside && misaligned.is_none() {
                    let outer_line = stack
                        .iter()
                        .rev()
                        .find(|outer| outer.indent == indent)
                        .map_or(top.line, |outer| outer.line);
                    misaligned = Some(Misaligned {
                        inner: top,
                        close_line: line,
                        outer_line,
                    });
                }
                if stack.is_empty() && ended.is_none() {
                    let lines_up_inside = starts_line && indent != top.indent;
                    ended = Some(Ended {
                        block: top,
                        end: close,
                        early: closed_at_indent
                            .get(&indent)
                            .copied()
                            .filter(|_| lines_up_inside),
                    });
                }
                closed_at_indent.insert(top.indent, (top, close));
            }
            _ => {}
        }
    }
    if lexer.unterminated() {
        // Text or a comment left open swallows the rest; ron names that.
        return None;
    }
    let innermost = stack.last().copied()?;
    Some(match misaligned {
        Some(m) => BracketProblem {
            problem: Problem::new(
                format!(
                    "the `{}` opened on line {} is never closed: the `{}` on line {} lines up with line {}",
                    char::from(m.inner.byte),
                    m.inner.line,
                    char::from(closing(m.inner.byte)),
                    m.close_line,
                    m.outer_line
                ),
                Some(one_byte(m.inner.at)),
            )
            .help(format!(
                "add the `{}` where the block ends, before line {}",
                char::from(closing(m.inner.byte)),
                m.close_line
            )),
            from: m.inner.at,
        },
        None => BracketProblem {
            problem: Problem::new(
                format!(
                    "the `{}` opened on line {} is never closed: the file ends first",
                    char::from(innermost.byte),
                    innermost.line
                ),
                Some(one_byte(innermost.at)),
            )
            .help("add the closing bracket, or check that the file is complete"),
            from: innermost.at,
        },
    })
}

#[derive(Debug, Clone, Copy)]
struct Close {
    byte: u8,
    at: usize,
    line: usize,
}

/// How the text's outermost block ended.
#[derive(Debug, Clone, Copy)]
struct Ended {
    block: Open,
    end: Close,
    /// When the bracket that ended it starts its line indented like an inner block, that
    /// block and the bracket that closed it: one too many is likely there.
    early: Option<(Open, Close)>,
}

/// A closing bracket met when every block has ended.
fn closes_nothing_after_the_end(close: Close, ended: Option<Ended>) -> BracketProblem {
    let bracket = char::from(close.byte);
    match ended {
        Some(Ended {
            block,
            end,
            early: Some((inner, inner_end)),
        }) => BracketProblem {
            problem: Problem::new(
                format!(
                    "this `{bracket}` closes nothing: the block opened on line {} already ended on line {}",
                    block.line, end.line
                ),
                Some(one_byte(close.at)),
            )
            .help(format!(
                "the `{}` on line {} lines up with the block opened on line {}, which a `{}` on line {} already closed: is that one too many?",
                char::from(end.byte),
                end.line,
                inner.line,
                char::from(inner_end.byte),
                inner_end.line
            )),
            from: inner_end.at,
        },
        Some(Ended { block, end, .. }) => {
            let ended = end.line;
            let help = if closing(block.byte) == close.byte {
                format!("remove one `{bracket}`: this one, or the one on line {ended}")
            } else {
                "remove it".to_owned()
            };
            BracketProblem {
                problem: Problem::new(
                    format!(
                        "this `{bracket}` closes nothing: the block opened on line {} already ended on line {ended}",
                        block.line
                    ),
                    Some(one_byte(close.at)),
                )
                .help(help),
                // The block may have ended early: what ron finds wrong from there on is
                // what this bracket did.
                from: end.at,
            }
        }
        None => BracketProblem {
            problem: Problem::new(
                format!("this `{bracket}` closes nothing: no block is open here"),
                Some(one_byte(close.at)),
            )
            .help("remove it"),
            from: close.at,
        },
    }
}

/// A closing bracket of another kind than the innermost open one: either it comes before
/// that block was closed, or it is one too many.
fn mismatch(source: &str, stack: &[Open], close: Close) -> BracketProblem {
    let top = stack[stack.len() - 1];
    let bracket = char::from(close.byte);
    let matches_outside = stack.iter().any(|open| open.byte == opening(close.byte));
    let early = matches_outside && {
        // Reading one: the innermost block was never closed, and this bracket closes an
        // outer one. Reading two: this bracket is one too many. Each is played to the end.
        let kinds: Vec<u8> = stack.iter().map(|open| open.byte).collect();
        let deepest = kinds
            .iter()
            .rposition(|&k| k == opening(close.byte))
            .unwrap_or(0);
        let after = close.at + 1;
        let left_open = kinds.len() - deepest - 1;
        let as_early = left_open + disorder(source, after, &kinds[..deepest], usize::MAX);
        let as_extra = 1 + disorder(source, after, &kinds, as_early);
        as_early <= as_extra
    };
    if early {
        BracketProblem {
            problem: Problem::new(
                format!(
                    "the `{}` opened on line {} is never closed: the `{bracket}` on line {} comes first",
                    char::from(top.byte),
                    top.line,
                    close.line
                ),
                Some(one_byte(top.at)),
            )
            .help(format!(
                "add the `{}` where the block ends, before that `{bracket}`",
                char::from(closing(top.byte))
            )),
            from: top.at,
        }
    } else {
        BracketProblem {
            problem: Problem::new(
                format!(
                    "this `{bracket}` closes nothing: the bracket open here is the `{}` of line {}",
                    char::from(top.byte),
                    top.line
                ),
                Some(one_byte(close.at)),
            )
            .help(format!(
                "remove it, or add the `{}` it should close",
                char::from(opening(close.byte))
            )),
            from: top.at,
        }
    }
}

/// How many brackets are out of place from `from` to the end, with `open` still open
/// there: each closing bracket that closes nothing, each block skipped by one that closes
/// an outer block, and each left open at the end. Counting stops past `enough`.
fn disorder(source: &str, from: usize, open: &[u8], enough: usize) -> usize {
    let mut stack = open.to_vec();
    // How many of each kind are open, so that "is there one further out" costs nothing.
    let mut count = [0usize; 3];
    for &kind in &stack {
        count[kind_index(kind)] += 1;
    }
    let mut out_of_place = 0;
    let mut lexer = Lexer::at(source, from);
    while let Some((tok, _)) = lexer.next() {
        if out_of_place > enough {
            return out_of_place;
        }
        match tok {
            Tok::Open(byte) => {
                if stack.len() >= MAX_NESTING {
                    return out_of_place + stack.len();
                }
                stack.push(byte);
                count[kind_index(byte)] += 1;
            }
            Tok::Close(byte) => {
                let want = opening(byte);
                if count[kind_index(want)] == 0 {
                    out_of_place += 1;
                    continue;
                }
                while let Some(kind) = stack.pop() {
                    count[kind_index(kind)] -= 1;
                    if kind == want {
                        break;
                    }
                    out_of_place += 1;
                }
            }
            _ => {}
        }
    }
    out_of_place + stack.len()
}

fn opening(close: u8) -> u8 {
    match close {
        b')' => b'(',
        b']' => b'[',
        _ => b'{',
    }
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

fn kind_index(open: u8) -> usize {
    match open {
        b'(' => 0,
        b'[' => 1,
        _ => 2,
    }
}

fn one_byte(at: usize) -> Range<usize> {
    at..at + 1
}

/// Lines of a text, found in one pass as offsets grow: the line of an offset, the
/// indentation of that line, and whether only spaces come before the offset on it. Each
/// line is looked at once, however many brackets it holds.
struct LineFinder<'s> {
    source: &'s str,
    line: usize,
    line_start: usize,
    indent: usize,
    scanned: usize,
}

impl<'s> LineFinder<'s> {
    fn new(source: &'s str) -> Self {
        let mut finder = LineFinder {
            source,
            line: 1,
            line_start: 0,
            indent: 0,
            scanned: 0,
        };
        finder.indent = finder.indent_at(0);
        finder
    }

    fn indent_at(&self, line_start: usize) -> usize {
        let line = &self.source.as_bytes()[line_start..];
        line.iter()
            .position(|b| !matches!(b, b' ' | b'\t'))
            .unwrap_or(line.len())
    }

    /// (line, indentation, starts the line) of `at`, which is never before an offset
    /// asked about earlier.
    fn place(&mut self, at: usize) -> (usize, usize, bool) {
        let passed = &self.source[self.scanned..at];
        let breaks = passed.matches('\n').count();
        if breaks > 0 {
            self.line += breaks;
            self.line_start = self.scanned + passed.rfind('\n').map_or(0, |i| i + 1);
            self.indent = self.indent_at(self.line_start);
        }
        self.scanned = at;
        let starts_line = at <= self.line_start + self.indent;
        (self.line, self.indent, starts_line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told(source: &str) -> Option<(String, usize)> {
        check(source).map(|b| {
            let at = b.problem.span.expect("located").start;
            (b.problem.message, at)
        })
    }

    #[test]
    fn pairs_that_match_are_no_problem() {
        assert_eq!(told("(a: [1, (2)], b: \"(\", /* ] */ c: {1: 2})"), None);
    }

    #[test]
    fn a_bracket_left_open_at_the_end() {
        let (message, at) = told("(\n  a: [1, 2,\n  b: 3\n").expect("a problem");
        assert_eq!(
            message,
            "the `[` opened on line 2 is never closed: the file ends first"
        );
        assert_eq!(at, 7);
    }

    #[test]
    fn a_bracket_that_closes_nothing() {
        let (message, at) = told(")").expect("a problem");
        assert_eq!(message, "this `)` closes nothing: no block is open here");
        assert_eq!(at, 0);
    }

    #[test]
    fn nesting_past_the_limit_is_left_to_ron() {
        assert_eq!(told(&"[".repeat(100_000)), None);
    }
}
