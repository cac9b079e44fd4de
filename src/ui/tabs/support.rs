//! Support: ready answers by category, "Ask your own question", and the conversations
//! with replies that arrive on the simulated clock.

use super::step;
use crate::sim::world::{Author, Channel, Conversation};
use crate::sim::{Action, Simulation};
use crate::ui::command::Command;
use crate::ui::dialog::{Dialog, Form};
use crate::ui::hits::{HitMap, Scroll, Target};
use crate::ui::intent::Intent;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

#[derive(Debug, Default)]
pub struct SupportTab {
    pub selected: usize,
    pub text: Scroll,
    /// The first row of the list on screen, kept between frames.
    first_row: usize,
}

/// One row of the left-hand list.
enum Entry<'a> {
    Faq(usize),
    Ask,
    Conversation(&'a Conversation),
}

/// The list: FAQ categories, "Ask", then conversations newest first. Rows are found by
/// position, so however many conversations there are, only the visible ones are built.
struct Entries<'a> {
    sim: &'a Simulation,
}

fn entries(sim: &Simulation) -> Entries<'_> {
    Entries { sim }
}

impl<'a> Entries<'a> {
    fn len(&self) -> usize {
        self.sim.policy().faq.len() + 1 + self.sim.world().conversations().len()
    }

    fn get(&self, index: usize) -> Option<Entry<'a>> {
        let faq = self.sim.policy().faq.len();
        let conversations = self.sim.world().conversations();
        match index {
            i if i < faq => Some(Entry::Faq(i)),
            i if i == faq => Some(Entry::Ask),
            i => conversations
                .len()
                .checked_sub(i - faq)
                .and_then(|back| conversations.get(back))
                .map(Entry::Conversation),
        }
    }
}

const LIST_WIDTH: u16 = 34;

impl SupportTab {
    pub fn on_command(&mut self, command: Command, sim: &Simulation) -> Intent {
        let list = entries(sim);
        self.selected = self.selected.min(list.len().saturating_sub(1));
        match command {
            Command::Up | Command::Down => {
                self.selected = step(self.selected, list.len(), command == Command::Down);
                self.text.to_top();
                match entries(sim).get(self.selected) {
                    Some(Entry::Conversation(c)) if c.unread > 0 => {
                        Intent::Act(Action::MarkConversationRead { conversation: c.id })
                    }
                    _ => Intent::Nothing,
                }
            }
            Command::PageUp => {
                self.text.up(5);
                Intent::Nothing
            }
            Command::PageDown => {
                self.text.down(5);
                Intent::Nothing
            }
            Command::AskQuestion => Intent::Open(Dialog::Form(Box::new(Form::support(sim, None)))),
            Command::Open => match list.get(self.selected) {
                Some(Entry::Ask) => Intent::Open(Dialog::Form(Box::new(Form::support(sim, None)))),
                Some(Entry::Conversation(c)) => {
                    Intent::Act(Action::MarkConversationRead { conversation: c.id })
                }
                Some(Entry::Faq(i)) => {
                    let category = sim
                        .policy()
                        .faq
                        .get(i)
                        .map(|f| f.category.clone())
                        .unwrap_or_default();
                    let mut form = Form::support(sim, None);
                    if let Some(crate::ui::dialog::Field::Choice { options, index, .. }) =
                        form.fields.get_mut(2)
                    {
                        *index = options
                            .iter()
                            .position(|(_, v)| v.as_deref() == Some(category.as_str()))
                            .unwrap_or(0);
                    }
                    Intent::Open(Dialog::Form(Box::new(form)))
                }
                None => Intent::Nothing,
            },
            _ => Intent::Nothing,
        }
    }

    /// A click on something this tab drew: an entry selects it, again opens it.
    pub fn on_target(&mut self, target: Target, sim: &Simulation) -> Intent {
        let Target::SupportRow(row) = target else {
            return Intent::Nothing;
        };
        if row >= entries(sim).len() {
            return Intent::Nothing;
        }
        let again = row == self.selected;
        self.selected = row;
        self.text.to_top();
        if again {
            return self.on_command(Command::Open, sim);
        }
        match entries(sim).get(row) {
            Some(Entry::Conversation(c)) if c.unread > 0 => {
                Intent::Act(Action::MarkConversationRead { conversation: c.id })
            }
            _ => Intent::Nothing,
        }
    }

    /// The wheel over this tab: the text beside the list scrolls, the list moves.
    pub fn on_wheel(&mut self, target: Target, down: bool, sim: &Simulation) -> Intent {
        if target == Target::SupportText {
            if down {
                self.text.down(3);
            } else {
                self.text.up(3);
            }
            return Intent::Nothing;
        }
        self.on_command(if down { Command::Down } else { Command::Up }, sim)
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, sim: &Simulation, hits: &mut HitMap) {
        let [left, right] =
            Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Min(20)]).areas(area);
        let list = entries(sim);
        let selected = self.selected.min(list.len().saturating_sub(1));
        let visible = left.height.saturating_sub(2) as usize;
        self.first_row = super::keep_in_view(self.first_row, selected, visible, list.len());
        let items: Vec<ListItem> = (self.first_row..(self.first_row + visible).min(list.len()))
            .filter_map(|i| list.get(i))
            .map(|e| match e {
                Entry::Faq(i) => {
                    let f = &sim.policy().faq[i];
                    ListItem::new(Line::from(vec![
                        Span::styled("? ", theme::dim()),
                        Span::raw(f.category.clone()),
                    ]))
                }
                Entry::Ask => {
                    ListItem::new(Line::styled("✎ Ask your own question", theme::header()))
                }
                Entry::Conversation(c) => {
                    let mark = if c.unread > 0 {
                        format!("● {} ", c.unread)
                    } else {
                        "  ".to_owned()
                    };
                    let who = match &c.channel {
                        Channel::Support { .. } => "",
                        Channel::Seller { .. } => "seller: ",
                    };
                    ListItem::new(Line::from(vec![
                        Span::styled(mark, theme::notice()),
                        Span::raw(format!("#{} {who}{}", c.id, c.subject)),
                    ]))
                }
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(selected - self.first_row));
        frame.render_stateful_widget(
            List::new(items)
                .block(
                    Block::bordered()
                        .title(format!(" Help · {} unread ", sim.world().unread_total())),
                )
                .highlight_style(theme::selected())
                .highlight_symbol("›"),
            left,
            &mut state,
        );
        for row in 0..left.height.saturating_sub(2) {
            let index = self.first_row + row as usize;
            if index < list.len() {
                hits.add(
                    Rect::new(left.x, left.y + 1 + row, left.width, 1),
                    Target::SupportRow(index),
                );
            }
        }
        hits.add(right, Target::SupportText);
        let (title, lines) = match list.get(selected) {
            Some(Entry::Faq(i)) => {
                let f = &sim.policy().faq[i];
                (
                    f.category.clone(),
                    vec![
                        Line::styled(f.question.clone(), theme::header()),
                        Line::from(""),
                        Line::from(f.answer.clone()),
                        Line::from(""),
                        Line::styled("Not answered? Press Enter to ask about it.", theme::dim()),
                    ],
                )
            }
            Some(Entry::Ask) => (
                "Ask your own question".to_owned(),
                vec![
                    Line::from(
                        "Write to support: your name, e-mail, the order, what happened, and attachments such as photos of the package and the defect.",
                    ),
                    Line::from(""),
                    Line::from(format!(
                        "Support answers within {}.",
                        sim.policy().support_answer_time
                    )),
                    Line::from(if sim.policy().contact_seller_directly {
                        "On this platform you can also message a seller from the order's page."
                    } else {
                        "On this platform buyers cannot write to sellers: support mediates."
                    }),
                    Line::from(""),
                    Line::styled("Press Enter or w to write.", theme::ok()),
                ],
            ),
            Some(Entry::Conversation(c)) => {
                (format!("#{} {}", c.id, c.subject), conversation_lines(c))
            }
            None => (String::new(), Vec::new()),
        };
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
        let rows = paragraph.line_count(right.width.saturating_sub(2));
        let offset = self.text.fit(rows, right.height.saturating_sub(2));
        frame.render_widget(
            paragraph
                .scroll((offset, 0))
                .block(Block::bordered().title(format!(" {title} "))),
            right,
        );
    }
}

fn conversation_lines(c: &Conversation) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for m in &c.messages {
        let who = match m.from {
            Author::Buyer => "You",
            Author::Support => "Support",
            Author::Seller => "Seller",
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{who} "), theme::header()),
            Span::styled(m.at.format("%a %d %b %H:%M").to_string(), theme::dim()),
        ]));
        for text in m.text.lines() {
            lines.push(Line::from(format!("  {text}")));
        }
        if !m.attachments.is_empty() {
            lines.push(Line::styled(
                format!("  Attached: {}", m.attachments.join(", ")),
                theme::dim(),
            ));
        }
        lines.push(Line::from(""));
    }
    if c.messages.last().is_some_and(|m| m.from == Author::Buyer) {
        lines.push(Line::styled("Waiting for an answer…", theme::dim()));
    }
    lines
}
