//! Cart: items with checkboxes, select all, delete selected, coupon, checkout.

use super::step;
use crate::sim::money::Money;
use crate::sim::{Action, Simulation};
use crate::ui::command::Command;
use crate::ui::dialog::{Dialog, Picker, Purpose};
use crate::ui::hits::{HitMap, Target};
use crate::ui::intent::Intent;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

#[derive(Debug, Default)]
pub struct CartTab {
    pub selected: usize,
    pub coupon: Option<String>,
}

impl CartTab {
    pub fn on_command(&mut self, command: Command, sim: &Simulation) -> Intent {
        let cart = &sim.world().cart;
        self.selected = self.selected.min(cart.len().saturating_sub(1));
        match command {
            Command::Up | Command::Down => {
                self.selected = step(self.selected, cart.len(), command == Command::Down);
                Intent::Nothing
            }
            Command::ToggleSelect => match cart.get(self.selected) {
                Some(line) if line.selected => Intent::Act(Action::Deselect {
                    item: line.item.clone(),
                }),
                Some(line) => Intent::Act(Action::Select {
                    item: line.item.clone(),
                }),
                None => Intent::Refused(
                    "The cart is empty: press i to add an item from the catalogue.".into(),
                ),
            },
            Command::SelectAll => {
                let action = if !cart.is_empty() && cart.iter().all(|l| l.selected) {
                    Action::DeselectAll
                } else {
                    Action::SelectAll
                };
                // A key that cannot work here says why; it is no request to the platform.
                match sim.check(&action) {
                    Ok(()) => Intent::Act(action),
                    Err(refusal) => Intent::Refused(refusal.reason),
                }
            }
            Command::DeleteSelected => match sim.check(&Action::DeleteSelected) {
                Err(refusal) => Intent::Refused(refusal.reason),
                // Deleting cannot be undone: the app asks for an explicit yes.
                Ok(()) => Intent::Act(Action::DeleteSelected),
            },
            Command::ChooseCoupon => {
                Intent::Open(Dialog::Pick(Picker::for_purpose(Purpose::Coupon, sim)))
            }
            Command::Checkout | Command::Open => Intent::Checkout {
                coupon: self.coupon.clone(),
            },
            Command::AddFromCatalogue => Intent::Open(Dialog::Pick(Picker::for_purpose(
                Purpose::CatalogueItem,
                sim,
            ))),
            _ => Intent::Nothing,
        }
    }

    /// A click on something this tab drew: a row selects it, its box ticks it.
    pub fn on_target(&mut self, target: Target, sim: &Simulation) -> Intent {
        match target {
            Target::CartRow(row) => {
                self.selected = row;
                Intent::Nothing
            }
            Target::CartBox(row) => {
                self.selected = row;
                self.on_command(Command::ToggleSelect, sim)
            }
            _ => Intent::Nothing,
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, sim: &Simulation, hits: &mut HitMap) {
        let world = sim.world();
        let [table_area, footer] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(5)]).areas(area);
        let rows: Vec<Row> = world
            .cart
            .iter()
            .map(|line| {
                let item = world.item(&line.item);
                let price = item.map(|i| i.price).unwrap_or_default();
                let seller = item
                    .and_then(|i| world.seller(&i.seller))
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                Row::new(vec![
                    Cell::from(if line.selected { "[x]" } else { "[ ]" }),
                    Cell::from(
                        item.map(|i| i.title.clone())
                            .unwrap_or_else(|| line.item.clone()),
                    ),
                    Cell::from(seller),
                    Cell::from(Line::from(line.quantity.to_string()).right_aligned()),
                    Cell::from(Line::from(price.to_string()).right_aligned()),
                    Cell::from(
                        Line::from(
                            Money::from_cents(price.cents() * line.quantity as i64).to_string(),
                        )
                        .right_aligned(),
                    ),
                ])
            })
            .collect();
        let empty = world.cart.is_empty();
        let table = Table::new(
            rows,
            [
                Constraint::Length(3),
                Constraint::Fill(3),
                Constraint::Fill(2),
                Constraint::Length(4),
                Constraint::Length(9),
                Constraint::Length(10),
            ],
        )
        .header(
            Row::new(vec!["", "Item", "Seller", "Qty", "Price", "Total"]).style(theme::header()),
        )
        .row_highlight_style(theme::selected())
        .block(Block::bordered().title(format!(
            " Cart ({} item{}) ",
            world.cart.len(),
            if world.cart.len() == 1 { "" } else { "s" }
        )));
        let mut state = TableState::default().with_selected(
            (!empty).then_some(self.selected.min(world.cart.len().saturating_sub(1))),
        );
        frame.render_stateful_widget(table, table_area, &mut state);
        for row in 0..table_area.height.saturating_sub(3) {
            let index = state.offset() + row as usize;
            if index < world.cart.len() {
                let y = table_area.y + 2 + row;
                hits.add(
                    Rect::new(table_area.x, y, table_area.width, 1),
                    Target::CartRow(index),
                );
                hits.add(Rect::new(table_area.x, y, 6, 1), Target::CartBox(index));
            }
        }
        if empty {
            let inner = Rect {
                y: table_area.y + 2,
                height: 1,
                x: table_area.x + 2,
                width: table_area.width.saturating_sub(4),
            };
            frame.render_widget(
                Span::styled(
                    "The cart is empty. Press i to add an item from the catalogue.",
                    theme::dim(),
                ),
                inner,
            );
        }

        let selected: Vec<_> = world.cart.iter().filter(|l| l.selected).collect();
        let goods: Money = selected
            .iter()
            .filter_map(|l| {
                world
                    .item(&l.item)
                    .map(|i| Money::from_cents(i.price.cents() * l.quantity as i64))
            })
            .sum();
        let coupon = match &self.coupon {
            Some(code) => world
                .coupon(code)
                .map(|c| format!("{code} ({} off from {})", c.amount, c.min_order))
                .unwrap_or_else(|| code.clone()),
            None => "none (press c to choose)".to_owned(),
        };
        let verdict = sim.check(&Action::Checkout {
            coupon: self.coupon.clone(),
        });
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Coupon: ", theme::header()),
                Span::raw(coupon),
            ]),
            Line::from(vec![
                Span::styled("Selected: ", theme::header()),
                Span::raw(format!(
                    "{} item(s), goods {goods}; shipping and coupon are applied at checkout",
                    selected.len()
                )),
            ]),
        ];
        lines.push(match verdict {
            Ok(()) => Line::from(Span::styled(
                "Press o to check out the selected items.",
                theme::ok(),
            )),
            Err(refusal) => Line::from(Span::styled(
                format!("Checkout not possible: {}", refusal.reason),
                theme::refused(),
            )),
        });
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            footer,
        );
    }
}
