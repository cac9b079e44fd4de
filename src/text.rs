//! Text from scenario and action files, made safe to print outside the terminal UI.
//!
//! An author's title, an order id or a seller's message could hold an escape sequence that
//! a terminal obeys (a colour, a cursor move, a write to the clipboard). Every printer of
//! such text — `check`, `run`, the rendered problems, the Markdown report — passes it
//! through `inert` first, so what is shown is the text, never a command. The terminal UI
//! needs no help: its buffer drops control characters. JSON needs none either: serde escapes.
//!
//! `shorten` keeps one value from filling the screen: a problem that quotes a 20 MB string
//! quotes its beginning and its end.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: the C0 controls (ESC, BEL,
/// CR, line feed, tab…), DEL, the C1 controls (CSI, OSC…), and the marks that reverse the
/// direction of text, which can make a line read differently from what it holds.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}'
        )
}

/// The text with every control character written out as an escape, e.g. ESC as `\u{1b}`
/// and a line break as `\u{a}`: it prints on one line and the terminal obeys none of it.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_inert(&mut out, c);
    }
    Cow::Owned(out)
}

/// Appends one character to `out`, written out as an escape if it is unsafe.
pub fn push_inert(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&format!("\\u{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// JSON as serde wrote it, with the controls serde leaves as they are (DEL and the C1
/// controls) and the direction marks escaped as `\u0080` and the like. They can only stand
/// inside strings, so the JSON means the same.
pub fn inert_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) && c as u32 > 0x1f {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The text cut to about `max` characters: a word (a run without spaces) longer than a
/// line's worth keeps its start and end around "…", and so does the whole text when it is
/// still longer than `max`.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    const LONGEST_WORD: usize = 80;
    let longest_word = text
        .split(' ')
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    let text: Cow<str> = if longest_word > LONGEST_WORD {
        let mut out = String::new();
        for (n, word) in text.split(' ').enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push_str(&middle_cut(word, LONGEST_WORD));
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    if text.chars().count() <= max {
        return text;
    }
    Cow::Owned(middle_cut(&text, max).into_owned())
}

/// The start and the end of `text`, `max` characters in all with "…" between them.
fn middle_cut(text: &str, max: usize) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= max {
        return Cow::Borrowed(text);
    }
    let head = max.saturating_sub(1) / 2;
    let tail = max.saturating_sub(1) - head;
    let mut out: String = text.chars().take(head).collect();
    out.push('…');
    out.extend(text.chars().skip(count - tail));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_written_out() {
        assert_eq!(inert("plain — текст"), "plain — текст");
        assert_eq!(
            inert("a\u{1b}]52;c;SGVsbG8=\u{7}b"),
            "a\\u{1b}]52;c;SGVsbG8=\\u{7}b"
        );
        assert_eq!(inert("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(inert("x\ny\r\t\u{7f}"), "x\\u{a}y\\u{d}\\u{9}\\u{7f}");
        assert_eq!(inert("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let json = serde_json::to_string(&"a\u{1b}b\u{9b}c\u{7f}\u{202e}").unwrap();
        let safe = inert_json(&json);
        assert_eq!(safe, r#""a\u001bb\u009bc\u007f\u202e""#);
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "a\u{1b}b\u{9b}c\u{7f}\u{202e}");
    }

    #[test]
    fn long_words_and_long_texts_are_cut_in_the_middle() {
        let long = format!("`{}` is not a date", "9".repeat(1_000_000));
        let short = shorten(&long, 400);
        assert!(short.chars().count() < 120, "{short}");
        assert!(short.starts_with("`999") && short.ends_with("99` is not a date"));
        assert!(short.contains('…'));
        let many = "word ".repeat(1000);
        assert_eq!(shorten(&many, 100).chars().count(), 100);
        assert_eq!(
            shorten("did you mean `briefing`?", 400),
            "did you mean `briefing`?"
        );
    }
}
