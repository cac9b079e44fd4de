//! Dialogs: a question that needs an answer before the trainee goes on. Each one turns the
//! answer into an `Intent`; none of them changes the world itself.

mod form;
mod picker;

pub use form::{Field, Form, FormPurpose};
pub use picker::{Picker, Purpose};

use super::app::Intent;
use crate::sim::Simulation;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

#[derive(Debug, Clone)]
pub enum Dialog {
    Confirm {
        title: String,
        text: String,
        yes: Box<Intent>,
    },
    Pick(Picker),
    Form(Box<Form>),
    /// "Quit now?" — with the dialog to go back to if not.
    Quit {
        back: Option<Box<Dialog>>,
    },
}

pub enum Outcome {
    Stay,
    Close,
    Submit(Box<Intent>),
    QuitConfirmed,
}

impl Dialog {
    pub fn on_key(&mut self, key: KeyEvent, sim: &Simulation) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let wants_quit = (ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q')))
            || (!matches!(self, Dialog::Form(_)) && key.code == KeyCode::Char('q'));
        if wants_quit && !matches!(self, Dialog::Quit { .. }) {
            let back = std::mem::replace(self, Dialog::Quit { back: None });
            *self = Dialog::Quit {
                back: Some(Box::new(back)),
            };
            return Outcome::Stay;
        }
        match self {
            Dialog::Confirm { yes, .. } => match key.code {
                KeyCode::Char('y') | KeyCode::Enter => Outcome::Submit(yes.clone()),
                KeyCode::Char('n') | KeyCode::Esc => Outcome::Close,
                _ => Outcome::Stay,
            },
            Dialog::Quit { back } => match key.code {
                KeyCode::Char('y') | KeyCode::Enter | KeyCode::Char('q') => Outcome::QuitConfirmed,
                KeyCode::Char('n') | KeyCode::Esc => match back.take() {
                    Some(previous) => {
                        *self = *previous;
                        Outcome::Stay
                    }
                    None => Outcome::Close,
                },
                _ => Outcome::Stay,
            },
            Dialog::Pick(picker) => picker.on_key(key, sim),
            Dialog::Form(form) => form.on_key(key, sim),
        }
    }

    /// The keys this dialog answers, for the hint bar under it.
    pub fn keys(&self) -> &'static str {
        match self {
            Dialog::Confirm { .. } => "y yes · n/Esc no · q quit",
            Dialog::Quit { .. } => "y quit · n/Esc go back",
            Dialog::Pick(_) => "↑↓ choose · Enter or 1-9 pick · Esc cancel · q quit",
            Dialog::Form(_) => "Tab next field · Ctrl-S send · Esc cancel · Ctrl-Q quit",
        }
    }

    /// Fills in what was unknown when the dialog was asked for (orders a checkout created).
    pub fn refreshed(self, sim: &Simulation) -> Dialog {
        match self {
            Dialog::Pick(picker) => Dialog::Pick(picker.refreshed(sim)),
            other => other,
        }
    }

    pub fn draw(&self, frame: &mut Frame, screen: Rect) {
        match self {
            Dialog::Confirm { title, text, .. } => {
                let lines = vec![
                    Line::from(text.as_str()),
                    Line::from(""),
                    Line::from(vec![
                        Span::styled("y", Style::new().add_modifier(Modifier::BOLD)),
                        Span::raw(" yes   "),
                        Span::styled("n", Style::new().add_modifier(Modifier::BOLD)),
                        Span::raw("/Esc no"),
                    ]),
                ];
                message_box(frame, screen, title, lines, 56);
            }
            Dialog::Quit { .. } => {
                let lines = vec![
                    Line::from("Quit shopsim? A training session ends here, with its debrief."),
                    Line::from(""),
                    Line::from("y quit   n/Esc go back"),
                ];
                message_box(frame, screen, "Quit", lines, 48);
            }
            Dialog::Pick(picker) => picker.draw(frame, screen),
            Dialog::Form(form) => form.draw(frame, screen),
        }
    }
}

/// A centred box of `width` columns (at most the screen) that fits its wrapped text.
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
        .title(Span::styled(
            format!(" {title} "),
            Style::new().add_modifier(Modifier::BOLD),
        ))
}

fn message_box(frame: &mut Frame, screen: Rect, title: &str, lines: Vec<Line>, width: u16) {
    let inner_width = width.saturating_sub(4).max(1) as usize;
    let rows: usize = lines
        .iter()
        .map(|l| l.width().div_ceil(inner_width).max(1))
        .sum();
    let area = centered(screen, width, rows as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_block(title)),
        area,
    );
}
