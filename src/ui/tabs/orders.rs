//! My Orders: the policy's status groups with counts, the orders of a group, and an
//! order's detail with every action — possible ones ready, impossible ones greyed with the
//! core's reason.

use super::step;
use crate::sim::engine::Offer;
use crate::sim::time::show;
use crate::sim::world::Order;
use crate::sim::{Action, Simulation};
use crate::ui::command::Command;
use crate::ui::dialog::{Dialog, Form, Picker, Purpose, wrapped_rows};
use crate::ui::hits::{HitMap, Scroll, Target};
use crate::ui::intent::Intent;
use crate::ui::text::fit;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, List, ListItem, ListState, Paragraph, Row, Table, Wrap};

#[derive(Debug, Default)]
pub struct OrdersTab {
    pub group: usize,
    pub selected: usize,
    /// Whether ↑/↓ move through the orders (true) or the status groups.
    pub in_orders: bool,
    pub detail: Option<Detail>,
    /// The first order row on screen, kept between frames like a list's scroll.
    first_row: usize,
    /// How many order rows the last frame showed (a page for PgUp/PgDn).
    visible_rows: usize,
}

#[derive(Debug, Default)]
pub struct Detail {
    pub order: String,
    /// The selected action, by its label, so the cursor stays on the same action when the
    /// list re-sorts; `None` until the trainee moves to one, when no safe default exists.
    pub action: Option<String>,
    pub text: Scroll,
    actions: ListState,
}

impl Detail {
    pub fn new(order: &str) -> Detail {
        Detail {
            order: order.to_owned(),
            ..Detail::default()
        }
    }

    /// Where the cursor is among `offers`: on the chosen action while it is listed, else
    /// on the first possible action that can be undone (never on one that cannot).
    pub fn selected(&self, offers: &[Offer]) -> Option<usize> {
        self.action
            .as_ref()
            .and_then(|label| offers.iter().position(|o| &o.label == label))
            .or_else(|| default_action(offers))
    }

    fn select(&mut self, offers: &[Offer], index: usize) {
        self.action = offers.get(index).map(|o| o.label.clone());
    }
}

/// The action the cursor starts on: the first possible one that can be undone. When
/// every possible action is final, the cursor waits for the trainee to choose.
fn default_action(offers: &[Offer]) -> Option<usize> {
    offers
        .iter()
        .position(|o| o.verdict.is_ok() && o.action.cannot_be_undone().is_none())
}

/// Width of the group column in the list view.
const GROUPS_WIDTH: u16 = 30;

/// Below this width the list shows the groups or the orders, not both side by side.
const NARROW: u16 = 80;

impl OrdersTab {
    pub fn on_command(&mut self, command: Command, sim: &Simulation) -> Intent {
        if let Some(detail) = &mut self.detail {
            let offers = ordered_offers(sim, &detail.order);
            let current = detail.selected(&offers);
            return match command {
                Command::Back => {
                    self.detail = None;
                    Intent::Nothing
                }
                Command::Up | Command::Down => {
                    let next = match current {
                        Some(i) => step(i, offers.len(), command == Command::Down),
                        None => 0,
                    };
                    detail.select(&offers, next);
                    Intent::Nothing
                }
                Command::PageUp => {
                    detail.text.up(5);
                    Intent::Nothing
                }
                Command::PageDown => {
                    detail.text.down(5);
                    Intent::Nothing
                }
                Command::Open => match current.and_then(|i| offers.get(i)) {
                    Some(offer) => intent_for(offer, sim),
                    None => {
                        Intent::Say("Choose an action with ↑/↓ first; Enter then does it.".into())
                    }
                },
                _ => Intent::Nothing,
            };
        }
        let groups = sim.policy().status_groups.len();
        let count = sim.group_len(self.group);
        let page = self.visible_rows.max(1);
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
            Command::PageDown if self.in_orders => {
                self.selected = (self.selected + page).min(count.saturating_sub(1));
                Intent::Nothing
            }
            Command::PageUp if self.in_orders => {
                self.selected = self.selected.saturating_sub(page);
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
                if let Some(order) = sim.orders_in_group_from(self.group, self.selected).next() {
                    self.detail = Some(Detail::new(&order.id));
                }
                Intent::Nothing
            }
            _ => Intent::Nothing,
        }
    }

    /// A click on something this tab drew.
    pub fn on_target(&mut self, target: Target, sim: &Simulation) -> Intent {
        match target {
            Target::Action(index) => {
                let Some(detail) = &mut self.detail else {
                    return Intent::Nothing;
                };
                let offers = ordered_offers(sim, &detail.order);
                if index >= offers.len() {
                    return Intent::Nothing;
                }
                detail.select(&offers, index);
                self.on_command(Command::Open, sim)
            }
            Target::Group(index) => {
                if self.group != index {
                    self.selected = 0;
                    self.first_row = 0;
                }
                self.group = index;
                self.in_orders = false;
                Intent::Nothing
            }
            Target::OrderRow(index) => {
                if self.selected == index && self.in_orders {
                    return self.on_command(Command::Open, sim);
                }
                self.selected = index;
                self.in_orders = true;
                Intent::Nothing
            }
            _ => Intent::Nothing,
        }
    }

    /// The wheel over something this tab drew.
    pub fn on_wheel(&mut self, target: Target, down: bool, sim: &Simulation) -> Intent {
        match target {
            Target::OrderText => {
                if let Some(detail) = &mut self.detail {
                    if down {
                        detail.text.down(3);
                    } else {
                        detail.text.up(3);
                    }
                }
                Intent::Nothing
            }
            Target::Group(_) => {
                self.in_orders = false;
                self.on_command(if down { Command::Down } else { Command::Up }, sim)
            }
            Target::OrderRow(_) => {
                self.in_orders = true;
                self.on_command(if down { Command::Down } else { Command::Up }, sim)
            }
            _ => self.on_command(if down { Command::Down } else { Command::Up }, sim),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, sim: &Simulation, hits: &mut HitMap) {
        match &mut self.detail {
            Some(detail) => draw_detail(frame, area, sim, detail, hits),
            None => self.draw_list(frame, area, sim, hits),
        }
    }

    fn draw_list(&mut self, frame: &mut Frame, area: Rect, sim: &Simulation, hits: &mut HitMap) {
        // A narrow screen shows one pane at a time: the groups, or the orders of the group
        // (← goes back to the groups), as a phone would.
        let [left, right] = if area.width < NARROW {
            let none = Rect::new(area.x, area.y, 0, 0);
            if self.in_orders {
                [none, area]
            } else {
                [area, none]
            }
        } else {
            Layout::horizontal([Constraint::Length(GROUPS_WIDTH), Constraint::Min(20)]).areas(area)
        };
        let policy = sim.policy();
        let items: Vec<ListItem> = policy
            .status_groups
            .iter()
            .enumerate()
            .map(|(index, g)| {
                let count = sim.group_len(index);
                let width = left.width.max(GROUPS_WIDTH) as usize - 6;
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
        let groups = policy.status_groups.len();
        for row in 0..left.height.saturating_sub(2) {
            let index = state.offset() + row as usize;
            if index < groups {
                hits.add(
                    Rect::new(left.x, left.y + 1 + row, left.width, 1),
                    Target::Group(index),
                );
            }
        }
        let count = sim.group_len(self.group);
        let selected = self.selected.min(count.saturating_sub(1));
        // Only the rows that fit are built: the first one follows the selection.
        let visible = right.height.saturating_sub(3) as usize;
        self.visible_rows = visible;
        self.first_row = super::keep_in_view(self.first_row, selected, visible, count);
        // Columns measured here so long titles and statuses end in "…" instead of mid-word.
        let free = (right.width as usize).saturating_sub(2 + 8 + 9 + 3);
        let status_width = free * 2 / 5;
        let items_width = free - status_width;
        let shown = sim
            .orders_in_group_from(self.group, self.first_row)
            .take(visible);
        let rows: Vec<Row> = shown
            .enumerate()
            .map(|(i, o)| {
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
                let style = if self.first_row + i == selected {
                    if self.in_orders {
                        theme::selected()
                    } else {
                        theme::header()
                    }
                } else {
                    ratatui::style::Style::new()
                };
                Row::new(vec![
                    Cell::from(o.id.clone()),
                    Cell::from(fit(&format!("{first}{more}"), items_width)),
                    Cell::from(Line::from(amount.to_string()).right_aligned()),
                    Cell::from(fit(policy.state_name(o.state), status_width)),
                ])
                .style(style)
            })
            .collect();
        let name = policy
            .status_groups
            .get(self.group)
            .map(|g| g.name.as_str())
            .unwrap_or("");
        let title = if left.width == 0 {
            format!("{name} · ← groups")
        } else {
            name.to_owned()
        };
        let count_note = if count > visible {
            format!(
                " {}–{} of {count} · PgUp/PgDn ",
                self.first_row + 1,
                (self.first_row + visible).min(count),
            )
        } else {
            String::new()
        };
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
        .block(
            Block::bordered()
                .title(format!(" {title} "))
                .title_bottom(Line::from(count_note).right_aligned()),
        );
        frame.render_widget(table, right);
        for row in 0..visible.min(count.saturating_sub(self.first_row)) {
            hits.add(
                Rect::new(right.x, right.y + 2 + row as u16, right.width, 1),
                Target::OrderRow(self.first_row + row),
            );
        }
        if count == 0 {
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
pub(crate) fn ordered_offers(sim: &Simulation, order: &str) -> Vec<Offer> {
    let mut offers = sim.offers(order);
    offers.sort_by_key(|o| o.verdict.is_err());
    offers
}

/// What choosing an offer does: a dialog when the action needs details, else the action
/// itself (which asks for an explicit yes when it cannot be undone). An offer the core
/// refuses now only explains why: nothing is sent that the trainee did not choose.
pub(crate) fn intent_for(offer: &Offer, sim: &Simulation) -> Intent {
    if let Err(refusal) = &offer.verdict {
        return Intent::Explain {
            title: format!("{}: not possible now", offer.label),
            text: refusal.reason.clone(),
        };
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
        Action::AnswerBank { order, .. } => {
            Intent::Open(Dialog::Form(Box::new(Form::answer_bank(order, sim))))
        }
        _ => Intent::Act(offer.action.clone()),
    }
}

fn detail_columns(area: Rect) -> [Rect; 2] {
    let actions_width = if area.width >= 110 { 40 } else { 30 };
    Layout::horizontal([Constraint::Min(30), Constraint::Length(actions_width)]).areas(area)
}

/// What the box under the action list says about the selected action.
fn verdict_text(offer: Option<&Offer>) -> (&'static str, String, ratatui::style::Style) {
    match offer {
        Some(o) => match &o.verdict {
            Err(refusal) => (
                " Not possible now ",
                refusal.reason.clone(),
                theme::refused(),
            ),
            Ok(()) => match o.action.cannot_be_undone() {
                Some(what) => (
                    " Possible, cannot be undone ",
                    format!("Enter asks first. {what}"),
                    theme::notice(),
                ),
                None => (
                    " Possible ",
                    "Press Enter to do it.".to_owned(),
                    theme::ok(),
                ),
            },
        },
        None => (
            " Choose ",
            "↑/↓ to choose an action. Those marked ! cannot be undone: they ask for y first."
                .to_owned(),
            theme::dim(),
        ),
    }
}

fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    sim: &Simulation,
    detail: &mut Detail,
    hits: &mut HitMap,
) {
    let Some(order) = sim.world().order(&detail.order) else {
        frame.render_widget(
            Paragraph::new(format!("Order {} no longer exists.", detail.order)),
            area,
        );
        return;
    };
    let [info, actions] = detail_columns(area);
    let offers = ordered_offers(sim, &order.id);
    draw_order_info(frame, info, sim, order, &mut detail.text);
    hits.add(info, Target::OrderText);
    let selected = detail.selected(&offers);
    // The box under the list is as tall as its wrapped reason (the list keeps 3 rows).
    let (title, text, style) = verdict_text(selected.and_then(|i| offers.get(i)));
    let reason_rows = wrapped_rows(
        &[Line::from(text.as_str())],
        actions.width.saturating_sub(2),
    )
    .saturating_add(2)
    .min(actions.height.saturating_sub(3).max(3));
    let [list_area, reason_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(reason_rows)]).areas(actions);
    // Borders, the cursor and the mark: a longer label is cut with "…", never mid-word
    // without a sign.
    let label_width = usize::from(list_area.width.saturating_sub(5));
    let items: Vec<ListItem> = offers
        .iter()
        .map(|o| {
            let style = if o.verdict.is_ok() {
                theme::header()
            } else {
                theme::dim().add_modifier(Modifier::CROSSED_OUT)
            };
            let mark = match (&o.verdict, o.action.cannot_be_undone()) {
                (Err(_), _) => "✗ ",
                (Ok(()), Some(_)) => "! ",
                (Ok(()), None) => "✓ ",
            };
            ListItem::new(Line::from(vec![
                Span::raw(mark),
                Span::styled(fit(&o.label, label_width), style),
            ]))
        })
        .collect();
    detail.actions.select(selected);
    if selected.is_none() {
        // Nothing chosen: the list shows its top, where the possible actions are.
        *detail.actions.offset_mut() = 0;
    }
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(" Actions "))
            .highlight_style(theme::selected())
            .highlight_symbol("›"),
        list_area,
        &mut detail.actions,
    );
    let first = detail.actions.offset();
    for row in 0..list_area.height.saturating_sub(2) {
        let index = first + row as usize;
        if index < offers.len() {
            hits.add(
                Rect::new(list_area.x, list_area.y + 1 + row, list_area.width, 1),
                Target::Action(index),
            );
        }
    }
    frame.render_widget(
        Paragraph::new(text)
            .style(style)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        reason_area,
    );
}

fn draw_order_info(
    frame: &mut Frame,
    area: Rect,
    sim: &Simulation,
    o: &Order,
    scroll: &mut Scroll,
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
    if o.paid_at.is_none() && o.money.paid.cents() == 0 {
        lines.push(Line::from(format!(
            "Not paid yet: {} to pay",
            o.amount_due()
        )));
    } else {
        lines.push(Line::from(format!(
            "Paid {} by {method}",
            sim.amount_in(o.method.as_deref(), o.money.paid)
        )));
    }
    if o.money.paid.cents() > 0 {
        // Refunds are counted in what they are paid in (points, where the buyer chose them).
        let refunded = sim.amount_in(
            o.refund_to.as_deref().or(o.method.as_deref()),
            o.money.refunded,
        );
        // Where the money is: a marketplace holds it until receipt; a shop has it at once.
        lines.push(Line::from(if policy.platform_mediates {
            format!(
                "Held by the platform {}  paid to the seller {}  refunds started {}",
                o.money.held, o.money.released, refunded
            )
        } else {
            format!(
                "Paid to the shop {}  refunds started {}",
                o.money.held + o.money.released,
                refunded
            )
        }));
    }
    // The windows the rules give on this order, as the core counts them.
    let now = sim.now();
    for w in sim.windows(o) {
        let (text, style) = if w.opens > now {
            (
                format!("{}: opens {}", w.kind.name(), show(w.opens)),
                theme::dim(),
            )
        } else if w.is_open(now) {
            match w.last_open {
                Some(last) => (
                    format!("{}: open until {}", w.kind.name(), show(last)),
                    theme::ok(),
                ),
                None => (format!("{}: open", w.kind.name()), theme::ok()),
            }
        } else {
            (
                format!(
                    "{}: closed {}",
                    w.kind.name(),
                    w.last_open.map(show).unwrap_or_default()
                ),
                theme::dim(),
            )
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    // A request is worth a line only while it waits for its answer.
    if let Some(request) = o
        .cancel_request
        .as_ref()
        .filter(|_| o.state == crate::sim::world::OrderState::CancelRequested)
    {
        lines.push(Line::from(format!(
            "Cancellation requested: \"{}\"; answer due {}",
            request.reason,
            show(request.answer_due)
        )));
    }
    if let Some(d) = &o.dispute {
        use crate::sim::world::DisputeStage;
        let stage = match &d.stage {
            _ if o.state == crate::sim::world::OrderState::ReturnPending => match d.return_due {
                Some(due) if !d.return_shipped => {
                    format!("return agreed: ship it by {}", show(due))
                }
                _ => "return on its way to the seller".to_owned(),
            },
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
    if let Some(case) = &o.chargeback {
        let route = match case.via {
            crate::sim::ChargebackRoute::Platform => "through the platform",
            crate::sim::ChargebackRoute::Bank => "through your bank",
        };
        lines.push(Line::from(format!(
            "Chargeback {route}: decided by {}",
            show(case.decides_at)
        )));
        match (case.information_due, &case.answer) {
            (Some(due), None) => lines.push(Line::from(Span::styled(
                format!("  The bank asks for proof: answer by {}", show(due)),
                theme::notice(),
            ))),
            (Some(_), Some(sent)) => {
                lines.push(Line::from(format!("  Proof sent: {}", sent.join(", "))))
            }
            _ => {}
        }
    }
    if o.interception.is_some() {
        lines.push(Line::from(Span::styled(
            "Customer service is trying to stop the parcel on its way",
            theme::notice(),
        )));
    }
    if let Some(to) = o.refund_to.as_deref().and_then(|m| world.method(m)) {
        lines.push(Line::from(format!("Refunds go to {}", to.label)));
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
    // Newest first, so what just happened is in view without scrolling.
    lines.push(Line::from(Span::styled("Timeline, newest first", bold)));
    for (at, text) in sim.timeline(o).rev() {
        lines.push(Line::from(format!(
            "  {}  {text}",
            at.format("%d %b %H:%M")
        )));
    }
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(area.width.saturating_sub(2));
    let offset = scroll.fit(rows, area.height.saturating_sub(2));
    let title = if scroll.max > 0 {
        " Order · Esc back · PgUp/PgDn scroll "
    } else {
        " Order · Esc back "
    };
    frame.render_widget(
        paragraph
            .scroll((offset, 0))
            .block(Block::bordered().title(title)),
        area,
    );
}
