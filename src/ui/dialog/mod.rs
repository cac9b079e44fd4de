//! Dialogs: a question that needs an answer before the trainee goes on. Each one turns the
//! answer into an `Intent`; none of them changes the world itself.
//!
//! What cannot be undone is never one Enter away: a confirmation takes only `y`, and says
//! what cannot be undone.

mod form;
mod picker;

pub use form::{Field, Form, FormPurpose};
pub use picker::{Choice, Picker, Purpose};

use super::hits::{HitMap, Target};
use super::intent::Intent;
use super::theme;
use crate::sim::Simulation;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

#[derive(Debug, Clone)]
pub enum Dialog {
    /// An action that cannot be undone waits for an explicit `y`.
    Confirm(Confirm),
    /// Something to read, such as why an action is not possible now; any key closes it.
    Message {
        title: String,
        text: String,
    },
    Pick(Picker),
    Form(Box<Form>),
    /// "End the session and quit?"
    Quit,
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    pub text: String,
    /// What cannot be undone, in a sentence.
    pub cannot_undo: String,
    pub yes: Box<Intent>,
    /// Enter was pressed: the dialog says that only `y` confirms.
    pub nudged: bool,
}

pub enum Outcome {
    Stay,
    Close,
    Submit(Box<Intent>),
    QuitConfirmed,
}

impl Dialog {
    pub fn confirm(title: &str, text: String, cannot_undo: &str, yes: Intent) -> Dialog {
        Dialog::Confirm(Confirm {
            title: title.to_owned(),
            text,
            cannot_undo: cannot_undo.to_owned(),
            yes: Box::new(yes),
            nudged: false,
        })
    }

    /// Whether `q` is text here (a form) rather than "quit".
    pub fn takes_text(&self) -> bool {
        matches!(self, Dialog::Form(_))
    }

    pub fn on_key(&mut self, key: KeyEvent, sim: &Simulation) -> Outcome {
        match self {
            Dialog::Confirm(confirm) => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Outcome::Submit(confirm.yes.clone()),
                KeyCode::Char('n') | KeyCode::Esc => Outcome::Close,
                _ => {
                    confirm.nudged = true;
                    Outcome::Stay
                }
            },
            Dialog::Message { .. } => Outcome::Close,
            Dialog::Quit => match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Outcome::QuitConfirmed,
                KeyCode::Char('n') | KeyCode::Esc => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::Pick(picker) => picker.on_key(key),
            Dialog::Form(form) => form.on_key(key, sim),
        }
    }

    /// The wheel over the dialog: moves a picker's choice, nothing else.
    pub fn on_wheel(&mut self, down: bool) {
        if let Dialog::Pick(picker) = self {
            picker.step(down);
        }
    }

    /// A click on one of the dialog's targets.
    pub fn on_click(&mut self, target: Target) -> Outcome {
        match (self, target) {
            (Dialog::Pick(picker), Target::Option(i)) => picker.click(i),
            (Dialog::Message { .. }, _) => Outcome::Close,
            _ => Outcome::Stay,
        }
    }

    /// The keys this dialog answers, for the hint bar under it.
    pub fn keys(&self) -> String {
        match self {
            Dialog::Confirm(_) => "y yes, do it · n/Esc no".to_owned(),
            Dialog::Message { .. } => "any key closes".to_owned(),
            Dialog::Quit => "y quit · n/Esc go back".to_owned(),
            Dialog::Pick(_) => format!(
                "↑↓ choose · Enter or 1-9 pick · Esc cancel · {} quit",
                crate::ui::command::key_for(crate::ui::command::Command::Quit)
            ),
            Dialog::Form(_) => "Tab next field · Ctrl-S send · Esc cancel · Ctrl-Q quit".to_owned(),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, screen: Rect, hits: &mut HitMap, quit_text: &str) {
        match self {
            Dialog::Confirm(c) => {
                let mut lines = vec![
                    Line::from(c.text.as_str()),
                    Line::from(""),
                    Line::from(vec![
                        Span::styled("Cannot be undone: ", theme::header()),
                        Span::raw(c.cannot_undo.as_str()),
                    ]),
                    Line::from(""),
                    Line::from(vec![
                        Span::styled("y", theme::header()),
                        Span::raw(" yes, do it   "),
                        Span::styled("n", theme::header()),
                        Span::raw("/Esc no"),
                    ]),
                ];
                if c.nudged {
                    lines.push(Line::styled(
                        "Only y confirms this: Enter does not.",
                        theme::notice(),
                    ));
                }
                message_box(frame, screen, hits, &c.title, lines, 60);
            }
            Dialog::Message { title, text } => {
                // A message may hold paragraphs (a list of problems, of actions).
                let mut lines: Vec<Line> = text.lines().map(Line::from).collect();
                lines.push(Line::from(""));
                lines.push(Line::styled("Any key closes this.", theme::dim()));
                message_box(frame, screen, hits, title, lines, 60);
            }
            Dialog::Quit => {
                let lines = vec![
                    Line::from(quit_text),
                    Line::from(""),
                    Line::from("y quit   n/Esc go back"),
                ];
                message_box(frame, screen, hits, "Quit", lines, 52);
            }
            Dialog::Pick(picker) => picker.draw(frame, screen, hits),
            Dialog::Form(form) => form.draw(frame, screen, hits),
        }
    }
}

/// A box's width: `base` on an ordinary screen, and wider on a large one (in proportion,
/// past 100 columns, up to 150), so a room's large terminal gets long lines rather than a
/// narrow column in the middle; never wider than the screen.
pub fn grown(screen: Rect, base: u16) -> u16 {
    let wide = if screen.width > 100 {
        u16::try_from(u32::from(base) * u32::from(screen.width) / 100).unwrap_or(u16::MAX)
    } else {
        base
    };
    wide.min(150).min(screen.width.saturating_sub(2))
}

/// A centred box of `width` columns (at most the screen) and `height` rows.
pub fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(screen.width.saturating_sub(2)).max(10);
    let height = height.min(screen.height.saturating_sub(2)).max(3);
    Rect {
        x: screen.x + (screen.width.saturating_sub(width)) / 2,
        y: screen.y + (screen.height.saturating_sub(height)) / 2,
        width,
        height,
    }
}

pub fn frame_block(title: &str) -> Block<'_> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), theme::header()))
}

/// Rows that `lines` take wrapped in `width` columns: exactly as a `Paragraph` wraps them.
pub fn wrapped_rows(lines: &[Line], width: u16) -> u16 {
    let rows = Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width.max(1));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// A box sized by its wrapped text, on top of everything, that swallows clicks around it.
fn message_box(
    frame: &mut Frame,
    screen: Rect,
    hits: &mut HitMap,
    title: &str,
    lines: Vec<Line>,
    width: u16,
) {
    let width = grown(screen, width);
    let rows = wrapped_rows(&lines, width.saturating_sub(2));
    let area = centered(screen, width, rows.saturating_add(2));
    hits.add(screen, Target::Overlay);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_block(title)),
        area,
    );
}
