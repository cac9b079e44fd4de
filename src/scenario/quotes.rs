//! Typographic quotes (“ ” „ ‘ ’ ‚) where RON wants a straight `"`. Word processors and
//! many editors put them in as one types; ron sees only a character it does not expect
//! ("expected text in quotes"). This finds each one, so the problem names it, and says
//! what to put in its place, so the reader can straighten it in its copy and read on.
//!
//! Typographic quotes inside straight-quoted text are the author's own and stay.

use super::report::Problem;
use super::syntax::{Lexer, Tok};
use std::ops::Range;

/// A typographic quote written as RON's quote, with the straight text that replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misquote {
    pub problem: Problem,
    /// Each typographic quote to replace with `"`: the opening one, and its partner when
    /// it has one.
    pub straighten: Vec<Range<usize>>,
}

const DOUBLE: &[char] = &['“', '”', '„', '‟'];
const SINGLE: &[char] = &['‘', '’', '‚', '‛'];

fn is_typographic(c: char) -> bool {
    DOUBLE.contains(&c) || SINGLE.contains(&c)
}

/// Whether `text` holds a typographic quote at all: a quick look before the slow one,
/// since most files, and most long texts in them, have none.
fn has_typographic(text: &str) -> bool {
    // Every one of them is written in UTF-8 starting with the byte 0xE2, which one quick
    // search rules out for most texts.
    text.as_bytes().contains(&0xE2)
        && DOUBLE
            .iter()
            .chain(SINGLE)
            .any(|&quote| text.contains(quote))
}

fn message(c: char) -> &'static str {
    if SINGLE.contains(&c) {
        "typographic quotes ‘ ’ are not RON quotes: use straight \" quotes"
    } else {
        "typographic quotes “ ” are not RON quotes: use straight \" quotes"
    }
}

/// Every typographic quote of `source` that stands where a straight one belongs, in order.
pub(crate) fn find(source: &str) -> Vec<Misquote> {
    let mut found = Vec::new();
    if !has_typographic(source) {
        return found;
    }
    let mut lexer = Lexer::new(source);
    while let Some((tok, span)) = lexer.next() {
        // The lexer's tokens end on character boundaries; should one not, it is skipped
        // rather than cut.
        let Some(token) = source.get(span.clone()) else {
            continue;
        };
        let misquote = match tok {
            // Straight text closed by a typographic quote runs on into what follows, so
            // the next field ends up inside it: `"Mug”, price: "`.
            Tok::Literal if token.starts_with('"') => {
                closed_by_typographic(token).map(|offset| closing(source, span.start + offset))
            }
            // Outside straight quotes a typographic one reads as part of a name, a number
            // or a character, so look inside those tokens.
            Tok::Ident | Tok::Other => opening_in(source, &span),
            Tok::Literal if !token.starts_with(['r', 'b']) => opening_in(source, &span),
            _ => None,
        };
        if let Some(misquote) = misquote {
            // Read on after it as if it were straightened.
            let resume = misquote.straighten.last().map_or(span.end, |r| r.end);
            found.push(misquote);
            lexer = Lexer::at(source, resume);
        }
    }
    found
}

/// The first typographic quote in the token at `span`, taken as opening text.
fn opening_in(source: &str, span: &Range<usize>) -> Option<Misquote> {
    let token = source.get(span.clone())?;
    if !has_typographic(token) {
        return None;
    }
    token
        .char_indices()
        .find(|(_, c)| is_typographic(*c))
        .map(|(offset, c)| opened(source, span.start + offset, c))
}

/// A typographic quote at `at` that ends text a straight quote opened.
fn closing(source: &str, at: usize) -> Misquote {
    let c = source[at..].chars().next().unwrap_or('”');
    let span = at..at + c.len_utf8();
    Misquote {
        problem: Problem::new(message(c), Some(span.clone()))
            .help("this text opens with a straight `\"`: close it with one too"),
        straighten: std::iter::once(span).collect(),
    }
}

/// A typographic quote at `at` that opens text, with its partner: the next quote of any
/// kind on the same line.
fn opened(source: &str, at: usize, c: char) -> Misquote {
    let body_start = at + c.len_utf8();
    let line = &source[body_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let partner = line
        .char_indices()
        .find(|(_, c)| is_typographic(*c) || *c == '"');
    let mut straighten = Vec::with_capacity(2);
    straighten.push(at..body_start);
    let help = match partner {
        Some((offset, end)) => {
            let body = &line[..offset];
            if end != '"' {
                let end_at = body_start + offset;
                straighten.push(end_at..end_at + end.len_utf8());
            }
            if body.chars().count() <= 40 && !body.contains(['"', '\\']) {
                format!("write \"{body}\"")
            } else {
                "write the text between straight quotes: \"like this\"".to_owned()
            }
        }
        None => "write the text between straight quotes: \"like this\"".to_owned(),
    };
    Misquote {
        problem: Problem::new(message(c), Some(at..body_start)).help(help),
        straighten,
    }
}

/// Where, in a straight-quoted string token, a typographic quote seems to have been meant
/// as its end: one followed by what ends a value and starts the next field (`”, price:`)
/// or closes a block (`”)`). Text that merely quotes someone (“like this”, inside) does
/// not look like that.
fn closed_by_typographic(token: &str) -> Option<usize> {
    if !has_typographic(token) {
        return None;
    }
    token.char_indices().skip(1).find_map(|(offset, c)| {
        if !is_typographic(c) {
            return None;
        }
        let after = token[offset + c.len_utf8()..].trim_start_matches([' ', '\t']);
        let ends_block = after.starts_with([')', ']']);
        let next_field = after.strip_prefix(',').is_some_and(|rest| {
            let rest = rest.trim_start();
            let name_len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            name_len > 0
                && rest[name_len..]
                    .trim_start_matches([' ', '\t'])
                    .starts_with(':')
        });
        (ends_block || next_field).then_some(offset)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(source: &str) -> Vec<Vec<&str>> {
        find(source)
            .iter()
            .map(|m| m.straighten.iter().map(|r| &source[r.clone()]).collect())
            .collect()
    }

    #[test]
    fn a_typographic_pair_is_one_problem() {
        let found = find("(title: “Mug”, b: 1)");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].problem.help.as_deref(), Some("write \"Mug\""));
        assert_eq!(spans("(title: “Mug”, b: 1)"), [["“", "”"]]);
    }

    #[test]
    fn an_apostrophe_inside_does_not_end_it() {
        assert_eq!(
            spans("(a: “Don't”, b: ‘x’)"),
            [vec!["“", "”"], vec!["‘", "’"]]
        );
    }

    #[test]
    fn straight_text_closed_by_a_typographic_quote() {
        assert_eq!(spans("(title: \"Mug”, price: \"8.00\")"), [["”"]]);
        assert_eq!(spans("(title: \"Mug”)"), [["”"]]);
    }

    #[test]
    fn quotes_inside_text_are_the_author_s() {
        assert!(find("(a: \"The “Best”, truly\", b: \"‘x’\") // “c”").is_empty());
    }
}
