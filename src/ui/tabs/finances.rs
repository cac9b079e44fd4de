//! Finances: payment methods and balances, money held by the platform, every refund with
//! its stages drawn as progress, coupons, and a chart of money out and back.

use super::step;
use crate::sim::Simulation;
use crate::sim::world::{CouponState, LedgerKind, Refund, RefundStage};
use crate::ui::command::Command;
use crate::ui::hits::{HitMap, Target};
use crate::ui::intent::Intent;
use crate::ui::text::pad;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Wrap};

#[derive(Debug, Default)]
pub struct FinancesTab {
    pub selected: usize,
    /// Money out and back, added to as the ledger grows rather than summed every frame.
    series: MoneySeries,
}

#[derive(Debug, Default)]
struct MoneySeries {
    /// How many ledger entries are counted in, and the last of them (a rewind that changed
    /// the ledger shows as a different last entry, and the series starts over).
    seen: usize,
    last: Option<(crate::sim::Moment, LedgerKind, crate::sim::Money)>,
    out: Vec<(f64, f64)>,
    back: Vec<(f64, f64)>,
    spent: f64,
    returned: f64,
}

impl MoneySeries {
    fn catch_up(&mut self, sim: &Simulation) {
        let ledger = &sim.world().ledger;
        let still = self.seen <= ledger.len()
            && self.seen.checked_sub(1).map(|i| {
                let e = &ledger[i];
                (e.at, e.kind, e.amount)
            }) == self.last;
        if !still {
            *self = MoneySeries::default();
        }
        let start = sim.start();
        let day = |at: crate::sim::Moment| (at - start).num_minutes() as f64 / 1440.0;
        for entry in &ledger[self.seen..] {
            let x = day(entry.at).max(0.0);
            let dollars = entry.amount.cents() as f64 / 100.0;
            match entry.kind {
                LedgerKind::Charge | LedgerKind::Fee => {
                    self.out.push((x, self.spent));
                    self.spent += dollars;
                    self.out.push((x, self.spent));
                }
                LedgerKind::RefundReceived => {
                    self.back.push((x, self.returned));
                    self.returned += dollars;
                    self.back.push((x, self.returned));
                }
                _ => {}
            }
        }
        self.seen = ledger.len();
        self.last = ledger.last().map(|e| (e.at, e.kind, e.amount));
    }
}

/// At most about `room` points of a series, evenly picked, from (0, 0) to (now, total):
/// a chart cannot show more than its cells, whatever the size of the ledger.
fn thinned(points: &[(f64, f64)], room: usize, now: f64, total: f64) -> Vec<(f64, f64)> {
    let stride = (points.len() / room.max(1)).max(1);
    let mut out = vec![(0.0, 0.0)];
    out.extend(points.iter().step_by(stride).copied());
    if let Some(last) = points.last() {
        out.push(*last);
    }
    out.push((now, total));
    out
}

impl FinancesTab {
    /// A click on a refund selects it.
    pub fn on_target(&mut self, target: Target) -> Intent {
        if let Target::Refund(i) = target {
            self.selected = i;
        }
        Intent::Nothing
    }

    pub fn on_command(&mut self, command: Command, sim: &Simulation) -> Intent {
        let n = sim.world().refunds.len();
        match command {
            Command::Up | Command::Down => {
                self.selected = step(self.selected, n, command == Command::Down);
                Intent::Nothing
            }
            _ => Intent::Nothing,
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, sim: &Simulation, hits: &mut HitMap) {
        let chart_rows = if area.height >= 30 { 12 } else { 6 };
        let top_rows = (sim.world().buyer.methods.len() as u16 + 3).clamp(4, 7);
        let [top, refunds, chart] = Layout::vertical([
            Constraint::Length(top_rows),
            Constraint::Min(4),
            Constraint::Length(chart_rows),
        ])
        .areas(area);
        let [methods, coupons] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
        draw_methods(frame, methods, sim);
        draw_coupons(frame, coupons, sim);
        self.draw_refunds(frame, refunds, sim, hits);
        self.series.catch_up(sim);
        draw_chart(frame, chart, sim, &self.series);
    }

    fn draw_refunds(&self, frame: &mut Frame, area: Rect, sim: &Simulation, hits: &mut HitMap) {
        let world = sim.world();
        let block = Block::bordered().title(format!(" Refunds ({}) ", world.refunds.len()));
        if world.refunds.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    "No refunds yet. A cancelled or disputed order's money shows up here.",
                    theme::dim(),
                ))
                .block(block),
                area,
            );
            return;
        }
        // Three lines per refund; keep the selected one in view.
        let per_page = (area.height.saturating_sub(2) / 3).max(1) as usize;
        let selected = self.selected.min(world.refunds.len() - 1);
        let first = selected.saturating_sub(per_page - 1);
        let mut lines = Vec::new();
        for (row, (i, refund)) in world
            .refunds
            .iter()
            .enumerate()
            .skip(first)
            .take(per_page)
            .enumerate()
        {
            lines.extend(refund_lines(refund, sim, i == selected));
            let y = area.y + 1 + 3 * row as u16;
            hits.add(
                Rect::new(area.x, y, area.width, 3).intersection(area),
                Target::Refund(i),
            );
        }
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}

fn draw_methods(frame: &mut Frame, area: Rect, sim: &Simulation) {
    let world = sim.world();
    let mut lines: Vec<Line> = world
        .buyer
        .methods
        .iter()
        .map(|m| {
            Line::from(format!(
                "{} {:>14}",
                pad(&m.label, 24),
                sim.amount_in(Some(&m.id), m.balance)
            ))
        })
        .collect();
    // Only a marketplace holds money between buyer and seller.
    if sim.policy().platform_mediates {
        let held = world.held_total();
        lines.push(Line::from(vec![
            Span::styled(pad("Held by the platform", 24), theme::header()),
            Span::raw(format!(" {:>14}", held.to_string())),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Payment methods ")),
        area,
    );
}

fn draw_coupons(frame: &mut Frame, area: Rect, sim: &Simulation) {
    let now = sim.now();
    let lines: Vec<Line> = sim
        .world()
        .buyer
        .coupons
        .iter()
        .map(|c| {
            let (state, style) = match c.state {
                CouponState::Active | CouponState::Returned if now >= c.expires => {
                    ("expired", theme::dim())
                }
                CouponState::Active => ("active", theme::ok()),
                CouponState::Returned => ("returned", theme::ok()),
                CouponState::Used => ("used", Style::new()),
                CouponState::Forfeited => ("forfeited", theme::refused()),
                CouponState::Expired => ("expired", theme::dim()),
            };
            Line::from(vec![
                Span::raw(format!("{} {} ", c.id, c.amount)),
                Span::styled(state, style),
            ])
        })
        .collect();
    let lines = if lines.is_empty() {
        vec![Line::styled("none", theme::dim())]
    } else {
        lines
    };
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Coupons ")),
        area,
    );
}

/// Three lines: what the refund is, the four stages as dots that fill as they are
/// reached, and under each dot its date (or the expected date, or a late warning).
fn refund_lines(refund: &Refund, sim: &Simulation, selected: bool) -> Vec<Line<'static>> {
    const COLUMN: usize = 18;
    let label = sim
        .world()
        .method(&refund.method)
        .map(|m| m.label.clone())
        .unwrap_or_else(|| refund.method.clone());
    let head_style = if selected {
        theme::selected()
    } else {
        theme::header()
    };
    let head = Line::from(vec![
        Span::styled(
            format!(
                "#{} {} {} → {label}",
                refund.id,
                refund.order,
                sim.amount_in(Some(&refund.method), refund.amount)
            ),
            head_style,
        ),
        Span::styled(format!("  {}", refund.why), theme::dim()),
    ]);
    let mut dots = vec![Span::raw("  ")];
    let mut dates = vec![Span::raw("  ")];
    for (i, stage) in RefundStage::ALL.iter().enumerate() {
        let reached = refund.reached_at(*stage);
        let style = if reached.is_some() {
            theme::stage_done()
        } else {
            theme::dim()
        };
        let dot = if reached.is_some() { "●" } else { "○" };
        let name = format!("{dot} {}", stage.name());
        let link = if i + 1 < RefundStage::ALL.len() {
            "─".repeat(COLUMN.saturating_sub(name.chars().count() + 1))
        } else {
            String::new()
        };
        dots.push(Span::styled(name, style));
        dots.push(Span::styled(format!(" {link}"), theme::dim()));
        let when = match reached {
            Some(at) => Span::raw(format!("{:<COLUMN$}", at.format("%d %b %H:%M").to_string())),
            None if *stage == RefundStage::Received => expected_or_late(refund, sim),
            None => Span::raw(" ".repeat(COLUMN)),
        };
        dates.push(when);
    }
    vec![head, Line::from(dots), Line::from(dates)]
}

/// For a refund not yet received: when it is expected, or that it is late and what to do.
fn expected_or_late(refund: &Refund, sim: &Simulation) -> Span<'static> {
    if sim.refund_is_late(refund) {
        Span::styled("LATE: contact support", theme::late())
    } else {
        Span::styled(
            format!("expected {}", refund.expected_at.format("%d %b")),
            theme::dim(),
        )
    }
}

fn draw_chart(frame: &mut Frame, area: Rect, sim: &Simulation, series: &MoneySeries) {
    let now = ((sim.now() - sim.start()).num_minutes() as f64 / 1440.0).max(1.0);
    let (spent, returned) = (series.spent, series.returned);
    // Braille packs two dots across a cell.
    let room = area.width as usize * 2;
    let out = thinned(&series.out, room, now, spent);
    let back = thinned(&series.back, room, now, returned);
    let top = (spent.max(returned) * 1.1).max(10.0);
    let datasets = vec![
        Dataset::default()
            .name("paid")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme::refused())
            .data(&out),
        Dataset::default()
            .name("back")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme::ok())
            .data(&back),
    ];
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(" Money out and back (since the story began) "))
        .x_axis(Axis::default().bounds([0.0, now]).labels(vec![
            Line::from("day 0"),
            Line::from(format!("day {now:.0}")),
        ]))
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels(vec![Line::from("$0"), Line::from(format!("${top:.0}"))]),
        );
    frame.render_widget(chart, area);
}
