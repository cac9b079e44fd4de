//! Choose one of a list: a cancellation reason, a payment method, a coupon, an item. Each
//! option carries the intent it stands for, so nothing is parsed back from its text.

use super::{Outcome, centered, frame_block, wrapped_rows};
use crate::sim::{Action, Simulation};
use crate::ui::hits::{HitMap, Target};
use crate::ui::intent::Intent;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph, Wrap};

#[derive(Debug, Clone, PartialEq)]
pub enum Purpose {
    /// Which items to cancel, when the order has several.
    CancelItems {
        order: String,
    },
    /// Why; `items` empty means the whole order.
    CancelReason {
        order: String,
        items: Vec<String>,
    },
    RequestReason {
        order: String,
    },
    SupportCancelReason {
        order: String,
    },
    /// Pay these orders.
    Pay {
        orders: Vec<String>,
    },
    Coupon,
    CatalogueItem,
    /// Go back to before one of the trainee's actions.
    Rewind,
}

/// One option: what it says, and what choosing it does.
#[derive(Debug, Clone)]
pub struct Choice {
    pub label: String,
    pub intent: Intent,
}

#[derive(Debug, Clone)]
pub struct Picker {
    pub title: String,
    pub note: String,
    pub options: Vec<Choice>,
    /// Nothing is chosen until the trainee moves to an option or types its number: Enter
    /// alone never picks a default.
    pub selected: Option<usize>,
    pub purpose: Purpose,
    /// The list's scroll, kept between frames so clicks count from what is shown.
    list: ListState,
    /// Enter was pressed with nothing chosen: the picker says how to choose.
    nudged: bool,
}

impl Picker {
    pub fn for_purpose(purpose: Purpose, sim: &Simulation) -> Picker {
        let policy = sim.policy();
        let world = sim.world();
        let reasons = |with_none: bool| {
            let mut options: Vec<(String, Option<String>)> = Vec::new();
            if with_none {
                options.push(("(no reason)".into(), None));
            }
            options.extend(
                policy
                    .cancel_reasons
                    .iter()
                    .map(|r| (r.text.clone(), Some(r.text.clone()))),
            );
            options
        };
        let (title, note, options) = match &purpose {
            Purpose::CancelItems { order } => {
                let mut options = vec![("The whole order".to_owned(), None)];
                if let Some(o) = world.order(order) {
                    options.extend(o.lines.iter().filter(|l| !l.cancelled).map(|l| {
                        (
                            format!("Only {} × {} ({})", l.quantity, l.title, l.total()),
                            Some(l.item.clone()),
                        )
                    }));
                }
                (
                    format!("Cancel {order}"),
                    "Cancel everything, or a single item? A coupon may not come back on a partial cancellation.".to_owned(),
                    options,
                )
            }
            Purpose::CancelReason { order, items } => (
                format!("Cancel {order}"),
                if items.is_empty() {
                    "Why are you cancelling?".to_owned()
                } else {
                    {
                        let titles: Vec<&str> = world
                            .order(order)
                            .map(|o| {
                                o.lines
                                    .iter()
                                    .filter(|l| items.contains(&l.item))
                                    .map(|l| l.title.as_str())
                                    .collect()
                            })
                            .unwrap_or_default();
                        format!("Why are you cancelling {}?", titles.join(", "))
                    }
                },
                reasons(!policy.cancel_reason_required),
            ),
            Purpose::RequestReason { order } => (
                format!("Ask the seller to cancel {order}"),
                format!(
                    "The seller has {} to answer. A reason that blames the seller may be refused.",
                    policy.seller_answer_time
                ),
                reasons(false),
            ),
            Purpose::SupportCancelReason { order } => (
                format!("Ask support to cancel {order}"),
                format!(
                    "Support decides within {}; it needs a weighty reason.",
                    policy.support_cancel_review
                ),
                reasons(false),
            ),
            Purpose::Pay { orders } => {
                let due: crate::sim::Money = orders
                    .iter()
                    .filter_map(|o| world.order(o))
                    .map(|o| o.amount_due())
                    .sum();
                (
                    "Payment".to_owned(),
                    if orders.is_empty() {
                        "Choose how to pay.".to_owned()
                    } else {
                        format!("Pay {due} for {}. Choose a method:", orders.join(", "))
                    },
                    world
                        .buyer
                        .methods
                        .iter()
                        .map(|m| {
                            (
                                format!(
                                    "{} — {} ({})",
                                    m.label,
                                    m.kind.name(),
                                    sim.amount_in(Some(&m.id), m.balance)
                                ),
                                Some(m.id.clone()),
                            )
                        })
                        .collect(),
                )
            }
            Purpose::Coupon => {
                let mut options = vec![("No coupon".to_owned(), None)];
                options.extend(
                    world
                        .buyer
                        .coupons
                        .iter()
                        .filter(|c| c.usable(sim.now()))
                        .map(|c| {
                            let issuer = match &c.issuer {
                                crate::sim::world::CouponIssuer::Platform => "platform".to_owned(),
                                crate::sim::world::CouponIssuer::Seller(s) => world
                                    .seller(s)
                                    .map(|s| s.name.clone())
                                    .unwrap_or_else(|| s.clone()),
                            };
                            (
                                format!(
                                    "{} — {} off orders from {}, {issuer}",
                                    c.id, c.amount, c.min_order
                                ),
                                Some(c.id.clone()),
                            )
                        }),
                );
                (
                    "Coupon".to_owned(),
                    "Which coupon should checkout use?".to_owned(),
                    options,
                )
            }
            Purpose::Rewind => ("Rewind".to_owned(), String::new(), Vec::new()),
            Purpose::CatalogueItem => (
                "Catalogue".to_owned(),
                "Add an item to the cart:".to_owned(),
                world
                    .catalogue
                    .iter()
                    .map(|i| {
                        (
                            format!(
                                "{} — {} ({})",
                                i.title,
                                i.price,
                                world
                                    .seller(&i.seller)
                                    .map(|s| s.name.as_str())
                                    .unwrap_or(&i.seller)
                            ),
                            Some(i.id.clone()),
                        )
                    })
                    .collect(),
            ),
        };
        Picker {
            title,
            note,
            options: options
                .into_iter()
                .map(|(label, value)| Choice {
                    label,
                    intent: intent(&purpose, value),
                })
                .collect(),
            selected: None,
            purpose,
            list: ListState::default(),
            nudged: false,
        }
    }

    /// The trainee's actions, newest first, to go back to before one of them.
    pub fn rewind(coach: &crate::training::Coach) -> Picker {
        let options = coach
            .journal
            .iter()
            .enumerate()
            .rev()
            .map(|(i, j)| {
                let refused = if j.refused.is_some() {
                    " (refused)"
                } else {
                    ""
                };
                Choice {
                    label: format!("{}  {}{refused}", j.at.format("%d %b %H:%M"), j.describe()),
                    intent: Intent::Rewind(i),
                }
            })
            .collect();
        Picker {
            title: "Rewind".to_owned(),
            note: "Go back to just before which action? It and everything after it are undone; the debrief will show the rewind.".to_owned(),
            options,
            selected: None,
            purpose: Purpose::Rewind,
            list: ListState::default(),
            nudged: false,
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) -> Outcome {
        match key.code {
            KeyCode::Esc => Outcome::Close,
            KeyCode::Up | KeyCode::Char('k') => {
                self.step(false);
                Outcome::Stay
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.step(true);
                Outcome::Stay
            }
            KeyCode::Char(c @ '1'..='9') => {
                let i = c as usize - '1' as usize;
                match self.options.get(i) {
                    Some(choice) => Outcome::Submit(Box::new(choice.intent.clone())),
                    None => Outcome::Stay,
                }
            }
            KeyCode::Enter => match self.selected.and_then(|i| self.options.get(i)) {
                Some(choice) => Outcome::Submit(Box::new(choice.intent.clone())),
                None => {
                    self.nudged = true;
                    Outcome::Stay
                }
            },
            _ => Outcome::Stay,
        }
    }

    pub fn step(&mut self, down: bool) {
        self.selected = match self.selected {
            Some(i) => Some(crate::ui::tabs::step(i, self.options.len(), down)),
            None if self.options.is_empty() => None,
            None => Some(0),
        };
    }

    /// A click selects an option; a click on the selected one picks it.
    pub fn click(&mut self, index: usize) -> Outcome {
        if index >= self.options.len() {
            return Outcome::Stay;
        }
        if self.selected == Some(index) {
            return Outcome::Submit(Box::new(self.options[index].intent.clone()));
        }
        self.selected = Some(index);
        Outcome::Stay
    }

    pub fn draw(&mut self, frame: &mut Frame, screen: Rect, hits: &mut HitMap) {
        let width = super::grown(screen, 64);
        let inner = width.saturating_sub(2).max(1);
        let note_rows = wrapped_rows(&[Line::from(self.note.as_str())], inner);
        let wanted = note_rows as usize + self.options.len() + 3;
        let height = u16::try_from(wanted).unwrap_or(u16::MAX);
        let area = centered(screen, width, height);
        hits.add(screen, Target::Overlay);
        frame.render_widget(Clear, area);
        let block = frame_block(&self.title);
        let inner_area = block.inner(area);
        frame.render_widget(block, area);
        let [note, list, keys] = Layout::vertical([
            Constraint::Length(note_rows),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner_area);
        frame.render_widget(
            Paragraph::new(self.note.as_str()).wrap(Wrap { trim: false }),
            note,
        );
        // Long labels end in "…" rather than losing their end to the box.
        let room = list.width.saturating_sub(2) as usize;
        let items: Vec<ListItem> = self
            .options
            .iter()
            .enumerate()
            .map(|(i, choice)| {
                ListItem::new(crate::ui::text::fit(
                    &format!("{} {}", i + 1, choice.label),
                    room,
                ))
            })
            .collect();
        self.list.select(self.selected);
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(crate::ui::theme::selected())
                .highlight_symbol("› "),
            list,
            &mut self.list,
        );
        let first = self.list.offset();
        for row in 0..list.height {
            let index = first + row as usize;
            if index < self.options.len() {
                hits.add(
                    Rect::new(list.x, list.y + row, list.width, 1),
                    Target::Option(index),
                );
            }
        }
        let keys_line = if self.nudged && self.selected.is_none() {
            Line::from("Choose first: ↑↓ or a number; then Enter").style(crate::ui::theme::header())
        } else {
            Line::from("↑↓ choose · Enter/1-9 pick · Esc cancel").style(crate::ui::theme::dim())
        };
        frame.render_widget(keys_line, keys);
    }
}

/// What choosing the option with this value does, for a picker of this purpose.
fn intent(purpose: &Purpose, value: Option<String>) -> Intent {
    match purpose {
        Purpose::CancelItems { order } => {
            let purpose = Purpose::CancelReason {
                order: order.clone(),
                items: value.into_iter().collect(),
            };
            Intent::Pick(purpose)
        }
        Purpose::CancelReason { order, items } => Intent::Act(Action::CancelOrder {
            order: order.clone(),
            reason: value,
            items: items.clone(),
        }),
        Purpose::RequestReason { order } => Intent::Act(Action::RequestCancellation {
            order: order.clone(),
            reason: value,
        }),
        Purpose::SupportCancelReason { order } => Intent::Act(Action::AskSupportToCancel {
            order: order.clone(),
            reason: value.unwrap_or_default(),
        }),
        Purpose::Pay { orders } => {
            let method = value.unwrap_or_default();
            Intent::ActAll(
                orders
                    .iter()
                    .map(|o| Action::Pay {
                        order: o.clone(),
                        method: method.clone(),
                    })
                    .collect(),
            )
        }
        Purpose::Coupon => Intent::SetCoupon(value),
        // Rewind options are built with their journal entry, not from a value.
        Purpose::Rewind => Intent::Nothing,
        Purpose::CatalogueItem => match value {
            Some(item) => Intent::Act(Action::AddToCart { item, quantity: 1 }),
            None => Intent::Nothing,
        },
    }
}
