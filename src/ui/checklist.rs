//! The live checklist of objectives, and the debrief shown when a session ends.

use super::dialog::{centered, frame_block};
use super::theme;
use crate::sim::Simulation;
use crate::training::{Coach, Debrief, Status};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// "2/3" objectives met, for the header.
pub fn progress(session: &Coach) -> Option<String> {
    let total = session.spec.objectives.len();
    (total > 0).then(|| {
        let met = session
            .status
            .iter()
            .filter(|s| matches!(s, Status::Met(_)))
            .count();
        format!("goals {met}/{total}")
    })
}

pub fn lines(session: &Coach, sim: &Simulation) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (objective, status) in session.spec.objectives.iter().zip(&session.status) {
        let (mark, style) = match status {
            Status::Met(_) => ("[x]", theme::ok()),
            Status::Missed => ("[!]", theme::refused()),
            Status::Pending => ("[ ]", ratatui::style::Style::new()),
        };
        let tag = if objective.required {
            ""
        } else {
            " (optional)"
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(format!("{}{tag}", objective.text)),
        ]));
    }
    if let Some(deadline) = session.deadline(sim) {
        lines.push(Line::styled(
            format!("Time limit: {}", crate::sim::time::show(deadline)),
            theme::dim(),
        ));
    }
    let (score, possible) = session.score(sim);
    lines.push(Line::styled(
        format!("Score so far: {score} of {possible}"),
        theme::dim(),
    ));
    for hint in &session.hints {
        lines.push(Line::styled(
            format!("Hint: {}", session.spec.hints[hint.index].text),
            theme::notice(),
        ));
    }
    lines
}

pub fn draw_panel(session: &Coach, sim: &Simulation, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines(session, sim))
            .wrap(Wrap { trim: true })
            .block(frame_block("Goals · g hides · t hint")),
        area,
    );
}

pub fn debrief_lines(d: &Debrief) -> Vec<Line<'static>> {
    let verdict_style = if d.passed {
        theme::ok()
    } else {
        theme::refused()
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                d.verdict().to_owned(),
                verdict_style.add_modifier(ratatui::style::Modifier::BOLD),
            ),
            Span::raw(format!("   score {} of {}", d.score, d.possible)),
        ]),
        Line::styled(
            format!(
                "Simulated time {} · real time {}",
                d.simulated_time(),
                d.real_time()
            ),
            theme::dim(),
        ),
        Line::from(""),
        Line::styled("Objectives", theme::header()),
    ];
    for o in &d.objectives {
        let (mark, style) = if o.achieved {
            ("[x]", theme::ok())
        } else {
            ("[ ]", theme::refused())
        };
        let kind = if o.required { "required" } else { "optional" };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(format!("{} ({kind}, {} pts)", o.text, o.points)),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Mistakes", theme::header()));
    if d.mistakes.is_empty() {
        lines.push(Line::styled("No mistakes.", theme::ok()));
    }
    for m in &d.mistakes {
        lines.push(Line::from(vec![
            Span::styled(format!("−{} ", m.penalty), theme::refused()),
            Span::raw(m.text.clone()),
        ]));
    }
    if !d.hints.is_empty() {
        let asked: Vec<_> = d.hints.iter().filter(|h| h.asked).collect();
        let cost: i32 = asked.iter().map(|h| h.cost).sum();
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!(
                "Hints: {} shown, {} asked for (−{cost})",
                d.hints.len(),
                asked.len()
            ),
            theme::header(),
        ));
    }
    lines
}

pub fn draw_debrief(d: &Debrief, footer: &str, scroll: u16, frame: &mut Frame, screen: Rect) {
    let area = centered(screen, 76, screen.height.saturating_sub(2));
    frame.render_widget(Clear, area);
    let lines = debrief_lines(d);
    // The keys sit in the frame, so they stay in view however long the debrief is.
    let keys = Line::styled(format!(" {footer} "), theme::header()).right_aligned();
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((scroll, 0))
            .block(frame_block(&format!("Debrief: {}", d.scenario)).title_bottom(keys)),
        area,
    );
}
