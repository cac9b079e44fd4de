//! Forms that need typed input: a dispute, a review, a question to support, a message to
//! a seller. Text fields are real editors (ratatui-textarea): multi-line where it matters.

use super::{Outcome, centered, frame_block, wrapped_rows};
use crate::sim::money::Money;
use crate::sim::world::DisputeKind;
use crate::sim::{Action, Simulation};
use crate::ui::hits::{HitMap, Target};
use crate::ui::intent::Intent;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

#[derive(Debug, Clone)]
pub enum Field {
    Line {
        key: &'static str,
        label: String,
        area: TextArea<'static>,
    },
    Text {
        key: &'static str,
        label: String,
        area: TextArea<'static>,
        rows: u16,
    },
    Choice {
        key: &'static str,
        label: String,
        options: Vec<(String, Option<String>)>,
        index: usize,
    },
    Stars {
        key: &'static str,
        label: String,
        value: u8,
    },
}

impl Field {
    fn key(&self) -> &'static str {
        match self {
            Field::Line { key, .. }
            | Field::Text { key, .. }
            | Field::Choice { key, .. }
            | Field::Stars { key, .. } => key,
        }
    }

    fn rows(&self) -> u16 {
        match self {
            Field::Text { rows, .. } => rows + 1,
            _ => 1,
        }
    }
}

/// An empty field's example, marked as such in words: under NO_COLOR or on a projector a
/// dim example would look filled in.
fn mark_placeholder(area: &mut TextArea<'static>, example: &str) {
    area.set_placeholder_text(format!("(empty) {example}"));
    area.set_placeholder_style(theme::placeholder());
}

fn line(key: &'static str, label: &str, value: &str, placeholder: &str) -> Field {
    let mut area = TextArea::new(vec![value.to_owned()]);
    mark_placeholder(&mut area, placeholder);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Field::Line {
        key,
        label: label.to_owned(),
        area,
    }
}

fn text(key: &'static str, label: &str, rows: u16, placeholder: &str) -> Field {
    let mut area = TextArea::default();
    mark_placeholder(&mut area, placeholder);
    Field::Text {
        key,
        label: label.to_owned(),
        area,
        rows,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FormPurpose {
    Dispute { order: String, kind: DisputeKind },
    Review { order: String },
    Support,
    MessageSeller { order: String },
    AnswerBank { order: String },
}

#[derive(Debug, Clone)]
pub struct Form {
    pub title: String,
    pub note: String,
    pub fields: Vec<Field>,
    /// Index of the focused field; `fields.len()` is the Send button.
    pub focus: usize,
    pub error: Option<String>,
    pub purpose: FormPurpose,
}

impl Form {
    pub fn dispute(order: &str, kind: DisputeKind, sim: &Simulation) -> Form {
        let refundable = sim
            .world()
            .order(order)
            .map(|o| o.money.paid - o.money.refunded)
            .unwrap_or_default();
        let amount = refundable.to_string().replace('$', "");
        // What evidence means depends on the kind: the tracking page, or the goods themselves.
        let (evidence_note, example, described) = match kind {
            DisputeKind::NoTrackingInfo | DisputeKind::NotReceived => (
                "screenshots of the tracking page",
                "tracking-page.png",
                "e.g. the tracking shows no scan since it was shipped",
            ),
            DisputeKind::NotAsDescribed | DisputeKind::ReturnGoodsAndMoney => (
                "photos of the package and the defect",
                "photo-package.jpg, photo-defect.jpg",
                "e.g. the colour and size differ from the listing",
            ),
        };
        Form {
            title: format!("Open a dispute: {}", kind.name()),
            note: format!(
                "Order {order}. Describe the problem; name your evidence ({evidence_note})."
            ),
            fields: vec![
                text("description", "What happened", 3, described),
                line("evidence", "Evidence", "", example),
                line("amount", "Refund asked", &amount, "amount"),
            ],
            focus: 0,
            error: None,
            purpose: FormPurpose::Dispute {
                order: order.to_owned(),
                kind,
            },
        }
        .focused()
    }

    pub fn review(order: &str) -> Form {
        Form {
            title: format!("Review {order}"),
            note: "How was it? ←/→ or 1-5 for stars.".to_owned(),
            fields: vec![
                Field::Stars {
                    key: "stars",
                    label: "Rating".into(),
                    value: 5,
                },
                text("text", "Your review", 3, "optional"),
            ],
            focus: 0,
            error: None,
            purpose: FormPurpose::Review {
                order: order.to_owned(),
            },
        }
        .focused()
    }

    pub fn support(sim: &Simulation, order: Option<&str>) -> Form {
        let buyer = &sim.world().buyer;
        let mut categories: Vec<(String, Option<String>)> = sim
            .policy()
            .faq
            .iter()
            .map(|f| (f.category.clone(), Some(f.category.clone())))
            .collect();
        categories.push(("Other".into(), Some("Other".into())));
        // The newest orders, and the one asked about: a list to step through with ←/→
        // stays short however many orders the story has.
        const ORDERS_OFFERED: usize = 50;
        let mut orders = vec![("No order".to_owned(), None)];
        let named = |o: &crate::sim::world::Order| {
            (
                format!("{} ({})", o.id, sim.policy().state_name(o.state)),
                Some(o.id.clone()),
            )
        };
        orders.extend(
            sim.world()
                .orders()
                .iter()
                .rev()
                .take(ORDERS_OFFERED)
                .map(named),
        );
        if let Some(o) = order.and_then(|id| sim.world().order(id))
            && !orders
                .iter()
                .any(|(_, v)| v.as_deref() == Some(o.id.as_str()))
        {
            orders.push(named(o));
        }
        let order_index = order
            .and_then(|id| orders.iter().position(|(_, v)| v.as_deref() == Some(id)))
            .unwrap_or(0);
        Form {
            title: "Ask your own question".to_owned(),
            note: format!(
                "Support answers within {}.",
                sim.policy().support_answer_time
            ),
            fields: vec![
                line("name", "Name", &buyer.name, "your name"),
                line("email", "E-mail", &buyer.email, "you@example.com"),
                Field::Choice {
                    key: "category",
                    label: "About".into(),
                    options: categories,
                    index: 0,
                },
                Field::Choice {
                    key: "order",
                    label: "Order".into(),
                    options: orders,
                    index: order_index,
                },
                text(
                    "text",
                    "Your problem",
                    4,
                    "Describe what happened and what you want",
                ),
                line(
                    "attachments",
                    "Attachments",
                    "",
                    "file names, comma separated",
                ),
            ],
            focus: 4,
            error: None,
            purpose: FormPurpose::Support,
        }
        .focused()
    }

    pub fn message_seller(order: &str) -> Form {
        Form {
            title: format!("Message the seller of {order}"),
            note: "Sellers read private messages; keep it polite and specific.".to_owned(),
            fields: vec![text("text", "Message", 4, "Hello, …")],
            focus: 0,
            error: None,
            purpose: FormPurpose::MessageSeller {
                order: order.to_owned(),
            },
        }
        .focused()
    }

    /// The form as a person would have it just before sending `action`: each field holds
    /// what the action carries, and the focus is on Send. A demonstration shows it so; the
    /// action itself is sent as written, not read back from the fields.
    pub fn filled_with(mut self, action: &Action) -> Form {
        let mut values: Vec<(&str, String)> = Vec::new();
        let mut stars = None;
        match action {
            Action::OpenDispute {
                description,
                evidence,
                amount,
                ..
            } => {
                values.push(("description", description.clone()));
                values.push(("evidence", evidence.join(", ")));
                if let Some(amount) = amount {
                    values.push(("amount", amount.to_string().replace('$', "")));
                }
            }
            Action::LeaveReview { stars: s, text, .. } => {
                stars = Some(*s);
                values.push(("text", text.clone()));
            }
            Action::WriteToSupport {
                category,
                order,
                text,
                attachments,
                ..
            } => {
                values.push(("category", category.clone()));
                values.push(("order", order.clone().unwrap_or_default()));
                values.push(("text", text.clone()));
                values.push(("attachments", attachments.join(", ")));
            }
            Action::MessageSeller { text, .. } => values.push(("text", text.clone())),
            Action::AnswerBank { text, evidence, .. } => {
                values.push(("text", text.clone()));
                values.push(("evidence", evidence.join(", ")));
            }
            _ => {}
        }
        for field in &mut self.fields {
            let wanted = values
                .iter()
                .find(|(k, _)| *k == field.key())
                .map(|(_, v)| v);
            match field {
                Field::Line { .. } | Field::Text { .. } => {
                    if let Some(value) = wanted {
                        // A text field's editor does not wrap: the lines are broken where a
                        // person typing would have pressed Enter, so the room reads it all.
                        let multi_line = matches!(field, Field::Text { .. });
                        let lines = if multi_line {
                            wrap_words(value, FILLED_WIDTH)
                        } else {
                            vec![value.clone()]
                        };
                        set_text(field, lines);
                    }
                }
                Field::Choice { options, index, .. } => {
                    if let Some(value) = wanted
                        && let Some(found) = options
                            .iter()
                            .position(|(_, v)| v.as_deref().unwrap_or("") == value)
                    {
                        *index = found;
                    }
                }
                Field::Stars { value, .. } => {
                    if let Some(s) = stars {
                        *value = s;
                    }
                }
            }
        }
        self.focus = self.fields.len();
        self.focused()
    }

    /// The bank's question about a chargeback: proof by its deadline.
    pub fn answer_bank(order: &str, sim: &Simulation) -> Form {
        let due = sim
            .world()
            .order(order)
            .and_then(|o| o.chargeback.as_ref())
            .and_then(|c| c.information_due)
            .map(crate::sim::time::show)
            .unwrap_or_default();
        Form {
            title: format!("Answer the bank about {order}"),
            note: format!(
                "The bank decides the chargeback on what you send by {due}. Name each document."
            ),
            fields: vec![
                text("text", "Your answer", 3, "What happened, in a few lines"),
                line(
                    "evidence",
                    "Documents",
                    "",
                    "receipt.pdf, photos, messages; comma separated",
                ),
            ],
            focus: 0,
            error: None,
            purpose: FormPurpose::AnswerBank {
                order: order.to_owned(),
            },
        }
        .focused()
    }

    fn value(&self, key: &str) -> String {
        match self.fields.iter().find(|f| f.key() == key) {
            Some(Field::Line { area, .. }) | Some(Field::Text { area, .. }) => {
                area.lines().join("\n").trim().to_owned()
            }
            Some(Field::Choice { options, index, .. }) => options
                .get(*index)
                .and_then(|(_, v)| v.clone())
                .unwrap_or_default(),
            Some(Field::Stars { .. }) => String::new(),
            None => String::new(),
        }
    }

    /// The rating of a review form (5 until changed).
    fn stars(&self) -> u8 {
        self.fields
            .iter()
            .find_map(|f| match f {
                Field::Stars { value, .. } => Some(*value),
                _ => None,
            })
            .unwrap_or(5)
    }

    fn list(&self, key: &str) -> Vec<String> {
        self.value(key)
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The action this form asks for, or what is wrong with what was typed.
    fn action(&self) -> Result<Action, String> {
        Ok(match &self.purpose {
            FormPurpose::Dispute { order, kind } => {
                let text = self.value("amount");
                let amount = if text.is_empty() {
                    None
                } else {
                    Some(Money::parse(&text).map_err(|e| format!("Refund asked: {e}"))?)
                };
                Action::OpenDispute {
                    order: order.clone(),
                    kind: *kind,
                    description: self.value("description"),
                    evidence: self.list("evidence"),
                    amount,
                }
            }
            FormPurpose::Review { order } => Action::LeaveReview {
                order: order.clone(),
                stars: self.stars(),
                text: self.value("text"),
            },
            FormPurpose::Support => {
                let order = self.value("order");
                Action::WriteToSupport {
                    category: self.value("category"),
                    order: (!order.is_empty()).then_some(order),
                    subject: String::new(),
                    text: self.value("text"),
                    attachments: self.list("attachments"),
                    name: Some(self.value("name")),
                    email: Some(self.value("email")),
                }
            }
            FormPurpose::MessageSeller { order } => Action::MessageSeller {
                order: order.clone(),
                text: self.value("text"),
            },
            FormPurpose::AnswerBank { order } => Action::AnswerBank {
                order: order.clone(),
                text: self.value("text"),
                evidence: self.list("evidence"),
            },
        })
    }

    fn submit(&mut self, sim: &Simulation) -> Outcome {
        match self.action() {
            Err(message) => {
                self.error = Some(message);
                Outcome::Stay
            }
            Ok(action) => match sim.check(&action) {
                // Keep what was typed: the trainee fixes it here instead of starting over.
                Err(refusal) => {
                    self.error = Some(refusal.reason);
                    Outcome::Stay
                }
                Ok(()) => Outcome::Submit(Box::new(Intent::Act(action))),
            },
        }
    }

    pub fn on_key(&mut self, key: KeyEvent, sim: &Simulation) -> Outcome {
        let outcome = self.handle_key(key, sim);
        self.show_focus();
        outcome
    }

    fn focused(mut self) -> Form {
        self.show_focus();
        self
    }

    /// Only the focused editor shows its cursor. Styled when focus moves, not every frame.
    fn show_focus(&mut self) {
        let focus = self.focus;
        for (i, field) in self.fields.iter_mut().enumerate() {
            if let Field::Line { area, .. } | Field::Text { area, .. } = field {
                area.set_cursor_line_style(Style::new());
                area.set_cursor_style(if i == focus {
                    theme::selected()
                } else {
                    Style::new()
                });
            }
        }
    }

    fn handle_key(&mut self, key: KeyEvent, sim: &Simulation) -> Outcome {
        let count = self.fields.len() + 1;
        if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('s') {
            return self.submit(sim);
        }
        match key.code {
            KeyCode::Esc => return Outcome::Close,
            KeyCode::Tab => {
                self.focus = (self.focus + 1) % count;
                return Outcome::Stay;
            }
            KeyCode::BackTab => {
                self.focus = (self.focus + count - 1) % count;
                return Outcome::Stay;
            }
            _ => {}
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            // The Send button.
            return match key.code {
                KeyCode::Enter | KeyCode::Char(' ') => self.submit(sim),
                KeyCode::Up => {
                    self.focus = self.focus.saturating_sub(1);
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            };
        };
        match field {
            Field::Line { area, .. } => match key.code {
                KeyCode::Enter | KeyCode::Down => self.focus += 1,
                KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                _ => {
                    area.input(key);
                }
            },
            Field::Text { area, .. } => {
                area.input(key);
            }
            Field::Choice { options, index, .. } => match key.code {
                KeyCode::Left | KeyCode::Char('h') => *index = index.saturating_sub(1),
                KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => {
                    *index = (*index + 1).min(options.len().saturating_sub(1))
                }
                KeyCode::Enter | KeyCode::Down => self.focus += 1,
                KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                _ => {}
            },
            Field::Stars { value, .. } => match key.code {
                KeyCode::Left | KeyCode::Char('h') => *value = (*value).saturating_sub(1).max(1),
                KeyCode::Right | KeyCode::Char('l') => *value = (*value + 1).min(5),
                KeyCode::Char(c @ '1'..='5') => *value = c as u8 - b'0',
                KeyCode::Enter | KeyCode::Down => self.focus += 1,
                KeyCode::Up => self.focus = self.focus.saturating_sub(1),
                _ => {}
            },
        }
        Outcome::Stay
    }

    pub fn draw(&self, frame: &mut Frame, screen: Rect, hits: &mut HitMap) {
        let width = super::grown(screen, 72);
        let inner_width = width.saturating_sub(2).max(1);
        let note_rows = wrapped_rows(&[Line::from(self.note.as_str())], inner_width);
        let error_rows = self
            .error
            .as_ref()
            .map(|e| wrapped_rows(&[Line::from(e.as_str())], inner_width))
            .unwrap_or(0);
        let field_rows: u16 = self.fields.iter().map(Field::rows).sum();
        let height = note_rows + field_rows + error_rows + 4;
        let area = centered(screen, width, height);
        hits.add(screen, Target::Overlay);
        frame.render_widget(Clear, area);
        let block = frame_block(&self.title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let mut constraints = vec![Constraint::Length(note_rows)];
        constraints.extend(self.fields.iter().map(|f| Constraint::Length(f.rows())));
        constraints.push(Constraint::Length(1));
        constraints.push(Constraint::Length(error_rows));
        constraints.push(Constraint::Length(1));
        let rows = Layout::vertical(constraints).split(inner);
        let dim = theme::dim();
        frame.render_widget(
            Paragraph::new(self.note.as_str())
                .style(dim)
                .wrap(Wrap { trim: false }),
            rows[0],
        );
        for (i, field) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let label_style = if focused {
                theme::header()
            } else {
                Style::new()
            };
            let marker = if focused { "›" } else { " " };
            let row = rows[i + 1];
            match field {
                Field::Line { label, area, .. } => {
                    let [l, r] =
                        Layout::horizontal([Constraint::Length(15), Constraint::Min(1)]).areas(row);
                    frame.render_widget(Span::styled(format!("{marker}{label}:"), label_style), l);
                    frame.render_widget(area, r);
                }
                Field::Text { label, area, .. } => {
                    let [l, r] =
                        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(row);
                    frame.render_widget(Span::styled(format!("{marker}{label}:"), label_style), l);
                    let r = Rect {
                        x: r.x + 2,
                        width: r.width.saturating_sub(2),
                        ..r
                    };
                    frame.render_widget(area, r);
                }
                Field::Choice {
                    label,
                    options,
                    index,
                    ..
                } => {
                    let text = options.get(*index).map(|(t, _)| t.as_str()).unwrap_or("");
                    let line = Line::from(vec![
                        Span::styled(format!("{marker}{label}:"), label_style),
                        Span::raw(" ".repeat(15usize.saturating_sub(label.chars().count() + 2))),
                        Span::styled(
                            format!("‹ {text} ›"),
                            if focused {
                                theme::selected()
                            } else {
                                Style::new()
                            },
                        ),
                    ]);
                    frame.render_widget(line, row);
                }
                Field::Stars { label, value, .. } => {
                    let stars: String = (1..=5)
                        .map(|n| if n <= *value { '★' } else { '☆' })
                        .collect();
                    let line = Line::from(vec![
                        Span::styled(format!("{marker}{label}: "), label_style),
                        Span::styled(
                            format!("{stars} ({value}/5)"),
                            if focused {
                                theme::selected()
                            } else {
                                Style::new()
                            },
                        ),
                    ]);
                    frame.render_widget(line, row);
                }
            }
        }
        let send_focused = self.focus == self.fields.len();
        let send = Span::styled(
            "[ Send ]",
            if send_focused {
                theme::active_tab()
            } else {
                theme::header()
            },
        );
        frame.render_widget(
            Line::from(vec![Span::raw("  "), send]),
            rows[self.fields.len() + 1],
        );
        if let Some(error) = &self.error {
            frame.render_widget(
                Paragraph::new(error.as_str())
                    .style(theme::header())
                    .wrap(Wrap { trim: false }),
                rows[self.fields.len() + 2],
            );
        }
        frame.render_widget(
            Line::from("Tab next field · Ctrl-S or [Send] send · Esc cancel").style(dim),
            rows[self.fields.len() + 3],
        );
    }
}

/// The width a filled-in text field is broken at: it fits the form's editor down to the
/// smallest screen.
const FILLED_WIDTH: usize = 50;

fn set_text(field: &mut Field, lines: Vec<String>) {
    if let Field::Line { area, .. } | Field::Text { area, .. } = field {
        let placeholder = area.placeholder_text().to_owned();
        let mut filled = TextArea::new(lines);
        filled.set_placeholder_text(placeholder);
        filled.set_placeholder_style(theme::placeholder());
        // The start of the text in view: a long line would otherwise show only its end.
        filled.move_cursor(ratatui_textarea::CursorMove::Top);
        filled.move_cursor(ratatui_textarea::CursorMove::Head);
        *area = filled;
    }
}

/// Breaks text into lines of at most `width` columns, at spaces where it can.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let needed = unicode_width::UnicodeWidthStr::width(line.as_str())
                + usize::from(!line.is_empty())
                + unicode_width::UnicodeWidthStr::width(word);
            if needed > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn words_wrap_at_spaces_and_keep_paragraphs() {
        assert_eq!(wrap_words("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap_words("one\ntwo", 10), ["one", "two"]);
        assert_eq!(wrap_words("", 10), [""]);
    }
}
