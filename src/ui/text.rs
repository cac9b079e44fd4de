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

/// Cuts `text` like `fit`, but between words, so that no word (an amount, a count) is
/// shown cut and read as another: "$12.99" is never "$12.9…". A first word too long for
/// the width is cut all the same.
pub fn fit_words(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let cut = fit(text, width);
    let kept = cut.trim_end_matches('…');
    // The cut fell between words when the next character of the text is a space.
    let whole = text[kept.len()..].starts_with(' ');
    match kept.rfind(' ') {
        _ if whole => format!("{}…", kept.trim_end()),
        Some(space) if !kept[..space].trim_end().is_empty() => {
            format!("{}…", kept[..space].trim_end())
        }
        _ => cut,
    }
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

    #[test]
    fn fitting_by_words_never_shows_an_amount_cut() {
        let text = "Get the whole $12.99 back";
        assert_eq!(fit(text, 19), "Get the whole $12.…");
        assert_eq!(fit_words(text, 19), "Get the whole…");
        assert_eq!(fit_words(text, 21), "Get the whole $12.99…");
        assert_eq!(fit_words(text, 25), text);
        assert_eq!(fit_words("Unbreakable", 5), "Unbr…");
    }
}
