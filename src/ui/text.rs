//! Text cut and padded by terminal columns, not characters, so Cyrillic, CJK and emoji
//! line up and are never split.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to at most `width` terminal columns without splitting a character; a cut
/// text ends in "…" (counted in the width).
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` fitted to exactly `width` columns: cut with "…" or padded with spaces.
pub fn pad(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let room = width.saturating_sub(fitted.width());
    format!("{fitted}{}", " ".repeat(room))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double_and_are_never_split() {
        assert_eq!(fit("保温杯保温杯", 5), "保温…");
        assert_eq!(pad("保温", 6), "保温  ");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(pad("Чехол для телефона", 8).width(), 8);
    }
}
