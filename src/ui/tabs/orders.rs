//! My Orders: the policy's status groups with counts, the orders of a group, and an
//! order's detail with every action — possible ones ready, impossible ones greyed with the
//! core's reason.

use super::step;
use crate::sim::engine::Offer;
use crate::sim::time::show;
use crate::sim::world::Order;
use crate::sim::{Action, Simulation};
use crate::ui::app::Intent;
use crate::ui::command::Command;
use crate::ui::dialog::{Dialog, Form, Picker, Purpose};
use crate::ui::text::fit;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState, Wrap,
};

#[derive(Debug, Default)]
pub struct OrdersTab {
    pub group: usize,
    pub selected: usize,
    /// Whether ↑/↓ move through the orders (true) or the status groups.
    pub in_orders: bool,
    pub detail: Option<Detail>,
}

#[derive(Debug, Default)]
pub struct Detail {
    pub order: String,
    pub action: usize,
    pub scroll: u16,
}

/// Width of the group column in the list view.
const GROUPS_WIDTH: u16 = 30;

impl OrdersTab {
    fn members<'a>(&self, sim: &'a Simulation) -> Vec<&'a Order> {
        sim.orders_in_group(self.group).collect()
    }

    pub fn on_command(&mut self, command: Command, sim: &Simulation) -> Intent {
        if let Some(detail) = &mut self.detail {
            let offers = ordered_offers(sim, &detail.order);
            detail.action = detail.action.min(offers.len().saturating_sub(1));
            return match command {
                Command::Back => {
                    self.detail = None;
                    Intent::Nothing
                }
                Command::Up | Command::Down => {
                    detail.action = step(detail.action, offers.len(), command == Command::Down);
                    Intent::Nothing
                }
                Command::PageUp | Command::PageDown => {
                    detail.scroll = super::scrolled(detail.scroll, command);
                    Intent::Nothing
                }
                Command::Open => match offers.get(detail.action) {
                    Some(offer) => intent_for(offer, sim),
                    None => Intent::Nothing,
                },
                _ => Intent::Nothing,
            };
        }
        let groups = sim.policy().status_groups.len();
        let count = self.members(sim).len();
        // Orders move between groups as the story goes on: keep the cursor on a real row.
        self.selected = self.selected.min(count.saturating_sub(1));
        if count == 0 {
            self.in_orders = false;
        }
        match command {
            Command::Up | Command::Down if self.in_orders => {
                self.selected = step(self.selected, count, command == Command::Down);
                Intent::Nothing
            }
            Command::Up | Command::Down => {
                self.group = step(self.group, groups, command == Command::Down);
                self.selected = 0;
                Intent::Nothing
            }
            Command::Left | Command::Back => {
                self.in_orders = false;
                Intent::Nothing
            }
            Command::Right | Command::Open if count == 0 => {
                Intent::Say("This group has no orders: ↑/↓ to choose another group.".into())
            }
            Command::Right => {
                self.in_orders = true;
                Intent::Nothing
            }
            Command::Open if !self.in_orders => {
                self.in_orders = true;
                Intent::Nothing
            }
            Command::Open => {
                if let Some(order) = self.members(sim).get(self.selected) {
                    self.detail = Some(Detail {
                        order: order.id.clone(),
                        ..Detail::default()
                    });
                }
                Intent::Nothing
            }
            _ => Intent::Nothing,
        }
    }

    pub fn on_click(&mut self, at: Position, body: Rect, sim: &Simulation) -> Intent {
        if let Some(detail) = &mut self.detail {
            let [_, actions] = detail_columns(body);
            let offers = ordered_offers(sim, &detail.order);
            let selected = detail.action.min(offers.len().saturating_sub(1));
            let [list, _] = action_areas(actions, &offers, selected);
            if list.contains(at) && at.y > list.y {
                // The list scrolls to keep the selection in view; a click counts from there.
                let visible = list.height.saturating_sub(2) as usize;
                let first = (selected + 1).saturating_sub(visible);
                let index = first + (at.y - list.y - 1) as usize;
                if index < offers.len() {
                    detail.action = index;
                    return self.on_command(Command::Open, sim);
                }
            }
            return Intent::Nothing;
        }
        let row = at.y.saturating_sub(body.y + 1) as usize;
        if at.x < body.x + GROUPS_WIDTH {
            if at.y > body.y && row < sim.policy().status_groups.len() {
                self.group = row;
                self.selected = 0;
                self.in_orders = false;
            }
        } else if at.y > body.y + 1 {
            let row = row.saturating_sub(1);
            if row < self.members(sim).len() {
                if self.selected == row && self.in_orders {
                    return self.on_command(Command::Open, sim);
                }
                self.selected = row;
                self.in_orders = true;
            }
        }
        Intent::Nothing
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, sim: &Simulation) {
        match &self.detail {
            Some(detail) => draw_detail(frame, area, sim, detail),
            None => self.draw_list(frame, area, sim),
        }
    }

    fn draw_list(&self, frame: &mut Frame, area: Rect, sim: &Simulation) {
        let [left, right] =
            Layout::horizontal([Constraint::Length(GROUPS_WIDTH), Constraint::Min(20)]).areas(area);
        let policy = sim.policy();
        let items: Vec<ListItem> = policy
            .status_groups
            .iter()
            .enumerate()
            .map(|(index, g)| {
                let count = sim.orders_in_group(index).count();
                let width = GROUPS_WIDTH as usize - 6;
                let name = fit(&g.name, width.saturating_sub(4));
                let pad = width.saturating_sub(
                    unicode_width::UnicodeWidthStr::width(name.as_str()) + count.to_string().len(),
                );
                let style = if count == 0 {
                    theme::dim()
                } else {
                    ratatui::style::Style::new()
                };
                ListItem::new(Line::from(vec![
                    Span::styled(name, style),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count.to_string(), theme::header()),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.group));
        let group_highlight = if self.in_orders {
            theme::header()
        } else {
            theme::selected()
        };
        frame.render_stateful_widget(
            List::new(items)
                .block(Block::bordered().title(" Status "))
                .highlight_style(group_highlight)
                .highlight_symbol("› "),
            left,
            &mut state,
        );
        let members = self.members(sim);
        // Columns measured here so long titles and statuses end in "…" instead of mid-word.
        let free = (right.width as usize).saturating_sub(2 + 8 + 9 + 3);
        let status_width = free * 2 / 5;
        let items_width = free - status_width;
        let rows: Vec<Row> = members
            .iter()
            .map(|o| {
                let first = o.lines.first().map(|l| l.title.clone()).unwrap_or_default();
                let more = if o.lines.len() > 1 {
                    format!(" +{}", o.lines.len() - 1)
                } else {
                    String::new()
                };
                let amount = if o.money.paid.cents() > 0 {
                    o.money.paid
                } else {
                    o.amount_due()
                };
                Row::new(vec![
                    Cell::from(o.id.clone()),
                    Cell::from(fit(&format!("{first}{more}"), items_width)),
                    Cell::from(Line::from(amount.to_string()).right_aligned()),
                    Cell::from(fit(policy.state_name(o.state), status_width)),
                ])
            })
            .collect();
        let title = policy
            .status_groups
            .get(self.group)
            .map(|g| g.name.as_str())
            .unwrap_or("");
        let table = Table::new(
            rows,
            [
                Constraint::Length(8),
                Constraint::Length(items_width as u16),
                Constraint::Length(9),
                Constraint::Length(status_width as u16),
            ],
        )
        .header(Row::new(vec!["Order", "Items", "Amount", "Status"]).style(theme::header()))
        .row_highlight_style(theme::selected())
        .block(Block::bordered().title(format!(" {title} ")));
        let mut state = TableState::default().with_selected(
            (!members.is_empty()).then_some(self.selected.min(members.len().saturating_sub(1))),
        );
        frame.render_stateful_widget(table, right, &mut state);
        if members.is_empty() {
            let inner = Rect {
                x: right.x + 2,
                y: right.y + 2,
                width: right.width.saturating_sub(4),
                height: 1,
            };
            frame.render_widget(
                Span::styled("No orders in this group.", theme::dim()),
                inner,
            );
        }
    }
}

/// The order's actions with the possible ones first, each group in the core's order.
fn ordered_offers(sim: &Simulation, order: &str) -> Vec<Offer> {
    let mut offers = sim.offers(order);
    offers.sort_by_key(|o| o.verdict.is_err());
    offers
}

/// What choosing an offer does: a dialog when the action needs details, a confirmation when
/// it cannot be taken back, else the action itself. An offer the core refuses is still sent,
/// so the trainee reads the core's reason and the log keeps the attempt.
fn intent_for(offer: &Offer, sim: &Simulation) -> Intent {
    if offer.verdict.is_err() {
        return Intent::Act(offer.action.clone());
    }
    let pick = |purpose| Intent::Open(Dialog::Pick(Picker::for_purpose(purpose, sim)));
    match &offer.action {
        Action::Pay { order, .. } => pick(Purpose::Pay {
            orders: vec![order.clone()],
        }),
        Action::CancelOrder { order, .. } => {
            let open_lines = sim
                .world()
                .order(order)
                .map(|o| o.lines.iter().filter(|l| !l.cancelled).count())
                .unwrap_or(0);
            if open_lines > 1 {
                pick(Purpose::CancelItems {
                    order: order.clone(),
                })
            } else if offer.needs_input {
                pick(Purpose::CancelReason {
                    order: order.clone(),
                    items: Vec::new(),
                })
            } else {
                Intent::Act(offer.action.clone())
            }
        }
        Action::RequestCancellation { order, .. } => pick(Purpose::RequestReason {
            order: order.clone(),
        }),
        Action::AskSupportToCancel { order, .. } => pick(Purpose::SupportCancelReason {
            order: order.clone(),
        }),
        Action::LeaveReview { order, .. } => {
            Intent::Open(Dialog::Form(Box::new(Form::review(order))))
        }
        Action::OpenDispute { order, kind, .. } => {
            Intent::Open(Dialog::Form(Box::new(Form::dispute(order, *kind, sim))))
        }
        Action::MessageSeller { order, .. } => {
            Intent::Open(Dialog::Form(Box::new(Form::message_seller(order))))
        }
        Action::ConfirmReceipt { order } => Intent::Open(Dialog::Confirm {
            title: "Confirm receipt".into(),
            text: format!(
                "Confirm that you received {order} in good order? The platform will pay the seller, and a dispute will be harder."
            ),
            yes: Box::new(Intent::Act(offer.action.clone())),
        }),
        Action::FileChargeback { order, .. } => Intent::Open(Dialog::Confirm {
            title: offer.label.clone(),
            text: format!("File a chargeback on {order}? The order is frozen until it is decided."),
            yes: Box::new(Intent::Act(offer.action.clone())),
        }),
        _ => Intent::Act(offer.action.clone()),
    }
}

fn detail_columns(area: Rect) -> [Rect; 2] {
    let actions_width = if area.width >= 110 { 40 } else { 30 };
    Layout::horizontal([Constraint::Min(30), Constraint::Length(actions_width)]).areas(area)
}

/// The action list and, under it, the box that says why the selected action is (not)
/// possible, tall enough for its reason. Drawing and mouse clicks share it.
fn action_areas(actions: Rect, offers: &[Offer], selected: usize) -> [Rect; 2] {
    let reason_rows = match offers.get(selected).map(|o| &o.verdict) {
        Some(Err(refusal)) => {
            (refusal.reason.chars().count() as u16)
                .div_ceil(actions.width.saturating_sub(2).max(1))
                .clamp(1, 8)
                + 2
        }
        _ => 3,
    };
    Layout::vertical([Constraint::Min(3), Constraint::Length(reason_rows)]).areas(actions)
}

fn draw_detail(frame: &mut Frame, area: Rect, sim: &Simulation, detail: &Detail) {
    let Some(order) = sim.world().order(&detail.order) else {
        frame.render_widget(
            Paragraph::new(format!("Order {} no longer exists.", detail.order)),
            area,
        );
        return;
    };
    let [info, actions] = detail_columns(area);
    let offers = ordered_offers(sim, &order.id);
    draw_order_info(frame, info, sim, order, &offers, detail.scroll);
    let selected = detail.action.min(offers.len().saturating_sub(1));
    let [list_area, reason_area] = action_areas(actions, &offers, selected);
    let items: Vec<ListItem> = offers
        .iter()
        .map(|o| {
            let style = if o.verdict.is_ok() {
                theme::header()
            } else {
                theme::dim().add_modifier(Modifier::CROSSED_OUT)
            };
            let mark = if o.verdict.is_ok() { "✓ " } else { "✗ " };
            ListItem::new(Line::from(vec![
                Span::raw(mark),
                Span::styled(o.label.clone(), style),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(" Actions "))
            .highlight_style(theme::selected())
            .highlight_symbol("›"),
        list_area,
        &mut state,
    );
    let (title, text, style) = match offers.get(selected).map(|o| &o.verdict) {
        Some(Err(refusal)) => (
            " Not possible now ",
            refusal.reason.clone(),
            theme::refused(),
        ),
        Some(Ok(())) => (
            " Possible ",
            "Press Enter to do it.".to_owned(),
            theme::ok(),
        ),
        None => (" ", String::new(), theme::dim()),
    };
    frame.render_widget(
        Paragraph::new(text)
            .style(style)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        reason_area,
    );
}

fn draw_order_info(
    frame: &mut Frame,
    area: Rect,
    sim: &Simulation,
    o: &Order,
    offers: &[Offer],
    scroll: u16,
) {
    let world = sim.world();
    let policy = sim.policy();
    let bold = theme::header();
    let seller = world
        .seller(&o.seller)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| o.seller.clone());
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}  ", o.id), bold),
            Span::styled(policy.state_name(o.state).to_owned(), theme::notice()),
        ]),
        Line::from(format!("Seller: {seller}")),
    ];
    for line in &o.lines {
        let mark = if line.cancelled { " (cancelled)" } else { "" };
        lines.push(Line::from(format!(
            "  {} × {}  {}{mark}",
            line.quantity,
            line.title,
            line.total()
        )));
    }
    let method = o
        .method
        .as_ref()
        .and_then(|m| world.method(m))
        .map(|m| m.label.clone())
        .unwrap_or_else(|| "not paid".into());
    lines.push(Line::from(format!(
        "Goods {}  shipping {}  coupon {}{}",
        o.lines.iter().map(|l| l.total()).sum::<crate::sim::Money>(),
        o.shipping,
        o.discount,
        o.coupon
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default()
    )));
    if o.surcharge.cents() > 0 {
        lines.push(Line::from(Span::styled(
            format!("Price raised by the seller: +{}", o.surcharge),
            theme::refused(),
        )));
    }
    lines.push(Line::from(format!("Paid {} by {method}", o.money.paid)));
    lines.push(Line::from(format!(
        "Held by platform {}  paid to seller {}  refunds started {}",
        o.money.held, o.money.released, o.money.refunded
    )));
    // The window only matters before shipment; whether it is open is the core's verdict.
    if o.state == crate::sim::world::OrderState::AwaitingShipment
        && let Some(end) = sim.cancel_window_end(o)
    {
        let open = offers.iter().any(|offer| {
            matches!(offer.action, Action::CancelOrder { .. }) && offer.verdict.is_ok()
        });
        lines.push(Line::from(Span::styled(
            format!(
                "Direct cancel window {} {}",
                if open { "open until" } else { "closed at" },
                show(end)
            ),
            if open { theme::ok() } else { theme::dim() },
        )));
    }
    if let Some(request) = &o.cancel_request {
        lines.push(Line::from(format!(
            "Cancellation requested: \"{}\"; answer due {}",
            request.reason,
            show(request.answer_due)
        )));
    }
    if let Some(d) = &o.dispute {
        use crate::sim::world::DisputeStage;
        let stage = match &d.stage {
            DisputeStage::AwaitingSeller => format!("the seller answers by {}", show(d.seller_due)),
            DisputeStage::CounterOffer(amount) => {
                format!("the seller offers {amount}: accept or reject")
            }
            DisputeStage::RefusedBySeller(why) => format!("refused: \"{why}\"; you can escalate"),
            DisputeStage::Escalated => "the platform is deciding".to_owned(),
            DisputeStage::Settled => "settled".to_owned(),
        };
        lines.push(Line::from(format!(
            "Dispute \"{}\" for {}: {stage}",
            d.kind.name(),
            d.amount
        )));
        if !d.evidence.is_empty() {
            lines.push(Line::from(format!("  evidence: {}", d.evidence.join(", "))));
        }
    }
    match &o.tracking {
        Some(t) => {
            lines.push(Line::from(Span::styled(
                format!("Tracking {}", t.number),
                bold,
            )));
            if t.events.is_empty() {
                lines.push(Line::from(Span::styled(
                    "  no carrier scans yet",
                    theme::dim(),
                )));
            }
            for e in &t.events {
                lines.push(Line::from(format!(
                    "  {}  {}",
                    e.at.format("%d %b %H:%M"),
                    e.text
                )));
            }
        }
        None => lines.push(Line::from(Span::styled(
            "No tracking number yet",
            theme::dim(),
        ))),
    }
    lines.push(Line::from(Span::styled("Timeline", bold)));
    for h in &o.history {
        lines.push(Line::from(format!(
            "  {}  {}",
            h.at.format("%d %b %H:%M"),
            h.text
        )));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::bordered().title(" Order · Esc back · PgUp/PgDn scroll ")),
        area,
    );
}
