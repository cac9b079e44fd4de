//! The "coming up" panel: the next moments that matter, with how far off each is. What
//! they are comes from the session; this only lays them out.

use super::app::App;
use super::theme;
use crate::sim::time::{Moment, show_short};
use crate::training::ahead::AheadKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Below this width each moment takes two lines: when and how far off, then what.
const ONE_LINE_WIDTH: u16 = 64;

pub fn draw_panel(app: &App, frame: &mut Frame, area: Rect) {
    let rows = usize::from(area.height.saturating_sub(2));
    let one_line = area.width >= ONE_LINE_WIDTH;
    let count = if one_line { rows } else { rows / 2 };
    let key = super::command::key_for(super::command::Command::ToggleComingUp);
    let title = format!(" Coming up · {key} hides ");
    let now = app.session.sim().now();
    let lines: Vec<Line> = match app.session.coming_up(count) {
        Err(refusal) => vec![Line::from(refusal.reason)],
        Ok(ahead) if ahead.is_empty() => vec![Line::from(
            "Nothing is scheduled: the story waits for what you do.",
        )],
        Ok(ahead) => {
            let mut lines = Vec::new();
            for a in ahead {
                let style = match a.kind {
                    AheadKind::Story => ratatui::style::Style::new(),
                    AheadKind::Window => theme::notice(),
                    AheadKind::GoalDeadline | AheadKind::Limit => theme::late(),
                };
                let when = format!("{} {:<10}", show_short(a.at, now), until(now, a.at));
                if one_line {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{when:<28}"), theme::dim()),
                        Span::styled(a.what, style),
                    ]));
                } else {
                    lines.push(Line::styled(when, theme::dim()));
                    lines.push(Line::styled(format!("  {}", a.what), style));
                }
            }
            lines
        }
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        area,
    );
}

/// How far off a moment is, in its two largest units: "in 2d 3h", "in 45m", "now".
fn until(now: Moment, at: Moment) -> String {
    let minutes = (at - now).num_minutes();
    if minutes <= 0 {
        return "now".to_owned();
    }
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("in {mins}m"),
        (0, _) if mins == 0 => format!("in {hours}h"),
        (0, _) => format!("in {hours}h{mins}m"),
        (_, 0) => format!("in {days}d"),
        _ => format!("in {days}d{hours}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::until;
    use chrono::NaiveDate;

    #[test]
    fn distances_read_in_their_two_largest_units() {
        let now = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("a valid moment");
        let at = |m: i64| now + chrono::Duration::minutes(m);
        assert_eq!(until(now, now), "now");
        assert_eq!(until(now, at(45)), "in 45m");
        assert_eq!(until(now, at(120)), "in 2h");
        assert_eq!(until(now, at(150)), "in 2h30m");
        assert_eq!(until(now, at(3 * 1440)), "in 3d");
        assert_eq!(until(now, at(3 * 1440 + 125)), "in 3d2h");
    }
}
