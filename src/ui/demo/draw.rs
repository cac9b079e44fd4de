//! The caption band of a demonstration: under the app's screen, as wide as the terminal,
//! in bold so a room reads it from the back; its frame carries the step, the pace and the
//! presenter's keys.

use super::Caption;
use crate::ui::dialog::wrapped_rows;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The presenter's keys, on the band's lower edge: what `p` does now, and `↑↓` while a
/// text on top (the briefing, the debrief) can be scrolled. Shorter on a narrow screen.
pub fn keys(caption: &Caption, scrolls: bool, width: u16) -> String {
    let scroll = if scrolls { " · ↑↓ scroll" } else { "" };
    if width >= 72 {
        let p = if caption.playing { "pause" } else { "play" };
        format!("Space next · p {p} · +/- pace · ←/→ step · 0-9 go to{scroll} · q quit")
    } else {
        let scroll = if scrolls { " · ↑↓" } else { "" };
        format!("Space · p · +/- · ←/→ · 0-9{scroll} · q")
    }
}

/// The most rows the caption's text takes; a longer one ends in "…".
const MOST_ROWS: u16 = 4;

/// The band's heading in `room` columns: whose session it is ("Ann's session · Step 2 of
/// 5", on a narrow band "Ann · Step 2 of 5") when that fits beside the state, else the step
/// alone: the step is never cut into.
fn heading(caption: &Caption, room: u16) -> String {
    let step = format!(" {} ", caption.heading);
    let Some(name) = &caption.trainee else {
        return step;
    };
    [
        format!(" {name}'s session ·{step}"),
        format!(" {name} ·{step}"),
    ]
    .into_iter()
    .find(|whose| whose.width() <= room.into())
    .unwrap_or(step)
}

/// Rows the band needs at this width: its text wrapped, and its frame.
pub fn rows(caption: &Caption, width: u16) -> u16 {
    let text = [Line::from(caption.text.as_str())];
    wrapped_rows(&text, width.saturating_sub(2)).clamp(1, MOST_ROWS) + 2
}

pub fn draw_caption(caption: &Caption, scrolls: bool, frame: &mut Frame, area: Rect) {
    let inner_width = area.width.saturating_sub(2);
    let room = area.height.saturating_sub(2);
    let mut text = caption.text.clone();
    // Cut at a word so the band never hides its last line under the frame.
    while wrapped_rows(&[Line::from(text.as_str())], inner_width) > room && !text.is_empty() {
        let cut = text.trim_end_matches('…').rfind(' ').unwrap_or(0);
        text.truncate(cut);
        text.push('…');
        if cut == 0 {
            break;
        }
    }
    let state = format!(" {} ", caption.state);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Span::styled(
            heading(
                caption,
                inner_width.saturating_sub(state.width() as u16 + 1),
            ),
            theme::active_tab(),
        ))
        .title(Line::styled(state, theme::header()).right_aligned())
        .title_bottom(
            Line::styled(
                format!(" {} ", keys(caption, scrolls, area.width)),
                theme::header(),
            )
            .right_aligned(),
        );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(Line::styled(text, theme::header()))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}
