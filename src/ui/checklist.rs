//! The live checklist of objectives, and the debrief shown when a session ends.

use super::dialog::{centered, frame_block};
use super::hits::Scroll;
use super::theme;
use crate::sim::time::show;
use crate::training::{Coach, Debrief, Session, Status};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// "goals 2/3" objectives met, for the header.
pub fn progress(coach: &Coach) -> Option<String> {
    let total = coach.spec.objectives.len();
    (total > 0).then(|| {
        let met = coach
            .status
            .iter()
            .filter(|s| matches!(s, Status::Met(_)))
            .count();
        format!("goals {met}/{total}")
    })
}

pub fn lines(session: &Session) -> Vec<Line<'static>> {
    let coach = session.coach();
    let mut lines = Vec::new();
    for (objective, status) in coach.spec.objectives.iter().zip(&coach.status) {
        let (mark, style, note) = match status {
            Status::Met(_) => ("[x]", theme::ok(), ""),
            Status::Holding => ("[~]", theme::notice(), " (holding: judged at the end)"),
            Status::Missed => ("[!]", theme::refused(), " (missed)"),
            Status::Pending => ("[ ]", ratatui::style::Style::new(), ""),
        };
        let tag = if objective.required {
            ""
        } else {
            " (optional)"
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::raw(format!("{}{tag}", objective.text)),
            Span::styled(note, theme::dim()),
        ]));
    }
    if let Some(deadline) = session.limit() {
        lines.push(Line::styled(
            format!("Time limit: {}", show(deadline)),
            theme::dim(),
        ));
    }
    let (score, possible) = coach.score();
    let label = if session.ending().is_some() {
        "Final score"
    } else {
        "Score so far"
    };
    lines.push(Line::styled(
        format!("{label}: {score} of {possible}"),
        theme::dim(),
    ));
    if session.is_sandbox() {
        lines.push(Line::styled(
            "Sandbox: the session has ended; nothing now is scored.",
            theme::notice(),
        ));
    }
    for hint in &coach.hints {
        lines.push(Line::styled(
            format!("Hint: {}", coach.spec.hints[hint.index].text),
            theme::notice(),
        ));
    }
    lines
}

pub fn draw_panel(session: &Session, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines(session))
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
                "Simulated time {} ({} → {}) · real time {}",
                d.simulated_time(),
                show(d.started),
                show(d.ended),
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
        } else if o.holding {
            ("[~]", theme::notice())
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
    lines.push(Line::from(""));
    lines.push(Line::styled("Refused requests", theme::header()));
    if d.refused.is_empty() {
        lines.push(Line::styled("None.", theme::ok()));
    }
    for r in &d.refused {
        lines.push(Line::from(vec![
            Span::styled(format!("{}  ", show(r.at)), theme::dim()),
            Span::raw(format!("{}, refused by {}: ", r.request, r.by)),
            Span::styled(r.reason.clone(), theme::refused()),
        ]));
    }
    if !d.rewinds.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled("Rewinds", theme::header()));
        for r in &d.rewinds {
            let undone = if r.undone.is_empty() {
                "nothing".to_owned()
            } else {
                r.undone.join("; ")
            };
            lines.push(Line::from(format!(
                "From {} back to {}, undoing: {undone}",
                show(r.from),
                show(r.to)
            )));
            for m in &r.mistakes_undone {
                lines.push(Line::styled(
                    format!("  a mistake it undid: {m}"),
                    theme::dim(),
                ));
            }
        }
    }
    if !d.hints.is_empty() {
        let asked: Vec<_> = d.hints.iter().filter(|h| h.asked).collect();
        let cost: i32 = asked.iter().map(|h| h.cost).sum();
        lines.push(Line::from(""));
        lines.push(Line::styled(
            format!(
                "Hints: {} seen, {} asked for (−{cost})",
                d.hints.len(),
                asked.len()
            ),
            theme::header(),
        ));
    }
    lines
}

/// The debrief in a box that fills most of the screen and stops scrolling at its end.
pub fn draw_debrief(
    d: &Debrief,
    report: Option<&Result<String, String>>,
    footer: &str,
    scroll: &mut Scroll,
    frame: &mut Frame,
    screen: Rect,
) {
    let width = super::draw::reading_width(screen).max(76);
    // Above the status line and the key bar, so both stay readable.
    let area = centered(screen, width, screen.height.saturating_sub(3));
    let mut lines = debrief_lines(d);
    lines.push(Line::from(""));
    lines.push(match report {
        Some(Ok(place)) => Line::styled(format!("Report saved: {place}"), theme::ok()),
        Some(Err(why)) if why == super::draw::DEMO_NOT_SAVED => {
            Line::styled("This is a demonstration: no report is saved.", theme::header())
        }
        Some(Err(why)) => Line::styled(
            format!(
                "The report could not be saved: {why}. The session is kept in its journal: `shopsim resume` opens it again."
            ),
            theme::refused(),
        ),
        None => Line::styled("The report is being saved.", theme::dim()),
    });
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(area.width.saturating_sub(2));
    let offset = scroll.fit(rows, area.height.saturating_sub(2));
    let more = if offset < scroll.max {
        " ↓ more "
    } else {
        ""
    };
    frame.render_widget(Clear, area);
    // The keys sit in the frame, so they stay in view however long the debrief is.
    let keys = Line::styled(format!("{more} {footer} "), theme::header()).right_aligned();
    frame.render_widget(
        paragraph
            .scroll((offset, 0))
            .block(frame_block(&format!("Debrief: {}", d.scenario)).title_bottom(keys)),
        area,
    );
}
