//! The class view's two tables, the scenarios and the sessions of one, as columns that a
//! narrow screen leaves out whole, least important first (see `ui::columns`).

use crate::training::class::{ScenarioSummary, TraineeLine, minutes_and_seconds, score_text};
use crate::ui::columns::{Column, fitted};
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Table;
use unicode_width::UnicodeWidthStr;

/// The mark of the chosen row.
const MARK: &str = "› ";

/// The columns fitted inside a frame of `area`, beside the mark of the chosen row.
pub fn table(columns: Vec<Column>, area: Rect, highlight: Style) -> Table<'static> {
    let room = area.width.saturating_sub(2 + MARK.width() as u16);
    fitted(columns, room)
        .row_highlight_style(highlight)
        .highlight_symbol(MARK)
}

/// Least important first out: the median time, then the passes, then the count of
/// sessions; the median score goes last.
pub fn scenarios(summaries: &[ScenarioSummary]) -> Vec<Column> {
    let cells = |text: fn(&ScenarioSummary) -> String| -> Vec<Span<'static>> {
        summaries.iter().map(|s| Span::raw(text(s))).collect()
    };
    vec![
        Column::names("Scenario", cells(|s| s.scenario.clone()), 16),
        Column::whole("Sessions", cells(|s| s.sessions.to_string()), 2).right(),
        Column::whole("Passed", cells(|s| s.passed.to_string()), 3).right(),
        Column::whole(
            "Median",
            cells(|s| format!("{}/{}", score_text(s.median_score), s.possible)),
            1,
        )
        .right(),
        Column::whole(
            "Median time",
            cells(|s| minutes_and_seconds(s.median_real_seconds)),
            4,
        )
        .right(),
    ]
}

/// Least important first out: when, then how long, then the mistakes, then the result;
/// the score goes last.
pub fn sessions(trainees: &[TraineeLine]) -> Vec<Column> {
    let cells = |cell: fn(&TraineeLine) -> Span<'static>| -> Vec<Span<'static>> {
        trainees.iter().map(cell).collect()
    };
    vec![
        Column::names("Trainee", cells(|t| t.trainee.clone().into()), 8),
        // "2026-03-03T09:00:00" → "03-03 09:00": the year is the class's own.
        Column::whole(
            "Ended",
            cells(|t| {
                let ended: String = t.saved.replace('T', " ").chars().skip(5).take(11).collect();
                ended.into()
            }),
            5,
        ),
        Column::whole(
            "Result",
            cells(|t| match t.passed {
                true => Span::styled("✓ pass", theme::ok()),
                false => Span::styled("✗ fail", theme::refused()),
            }),
            2,
        ),
        Column::whole(
            "Score",
            cells(|t| format!("{}/{}", t.score, t.possible).into()),
            1,
        )
        .right(),
        Column::whole(
            "Time",
            cells(|t| format!("{}:{:02}", t.real_seconds / 60, t.real_seconds % 60).into()),
            4,
        )
        .right(),
        Column::whole("Mistakes", cells(|t| t.mistakes.to_string().into()), 3).right(),
    ]
}
