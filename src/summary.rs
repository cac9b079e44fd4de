//! The end state of a run, for people (text) and programs (JSON): the event log, orders
//! by the policy's status groups with counts, refunds with their stages, balances, coupons.

use crate::sim::Simulation;
use crate::sim::money::Money;
use crate::sim::time::{self, Moment};
use crate::sim::world::{CouponState, OrderState, RefundStage};
use crate::text::inert;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct Summary {
    pub now: Moment,
    pub log: Vec<LogLine>,
    pub groups: Vec<Group>,
    pub refunds: Vec<RefundLine>,
    pub balances: Vec<Balance>,
    pub coupons: Vec<CouponLine>,
}

#[derive(Debug, Serialize)]
pub struct LogLine {
    pub at: Moment,
    pub order: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub name: String,
    pub count: usize,
    pub orders: Vec<OrderLine>,
}

#[derive(Debug, Serialize)]
pub struct OrderLine {
    pub id: String,
    pub status: String,
    pub state: OrderState,
    pub paid: Money,
    pub held: Money,
    pub released: Money,
    pub refunded: Money,
}

#[derive(Debug, Serialize)]
pub struct RefundLine {
    pub id: u32,
    pub order: String,
    pub amount: Money,
    /// The amount as the buyer sees it: bonus points as points.
    pub shown: String,
    pub method: String,
    pub stage: RefundStage,
    pub stages: Vec<(RefundStage, Moment)>,
    pub expected_at: Moment,
    /// Not received this long after "sent": the buyer should contact support.
    pub late_from: Option<Moment>,
    pub late: bool,
}

#[derive(Debug, Serialize)]
pub struct Balance {
    pub method: String,
    pub label: String,
    pub balance: Money,
    /// The balance as the buyer sees it: bonus points as points.
    pub shown: String,
}

#[derive(Debug, Serialize)]
pub struct CouponLine {
    pub id: String,
    pub amount: Money,
    pub state: CouponState,
}

pub fn summary(sim: &Simulation) -> Summary {
    let world = sim.world();
    let policy = sim.policy();
    let groups = policy
        .status_groups
        .iter()
        .enumerate()
        .map(|(index, g)| {
            let orders: Vec<OrderLine> = sim
                .orders_in_group(index)
                .map(|o| OrderLine {
                    id: o.id.clone(),
                    status: policy.state_name(o.state).to_owned(),
                    state: o.state,
                    paid: o.money.paid,
                    held: o.money.held,
                    released: o.money.released,
                    refunded: o.money.refunded,
                })
                .collect();
            Group {
                name: g.name.clone(),
                count: orders.len(),
                orders,
            }
        })
        .collect();
    Summary {
        now: sim.now(),
        log: sim
            .log()
            .iter()
            .map(|e| LogLine {
                at: e.at,
                order: e.order.clone(),
                text: e.text.clone(),
            })
            .collect(),
        groups,
        refunds: world
            .refunds
            .iter()
            .map(|r| RefundLine {
                id: r.id,
                order: r.order.clone(),
                amount: r.amount,
                shown: sim.amount_in(Some(&r.method), r.amount),
                method: r.method.clone(),
                stage: r.stage,
                stages: r.reached.clone(),
                expected_at: r.expected_at,
                late_from: sim.refund_late_from(r),
                late: sim.refund_is_late(r),
            })
            .collect(),
        balances: world
            .buyer
            .methods
            .iter()
            .map(|m| Balance {
                method: m.id.clone(),
                label: m.label.clone(),
                balance: m.balance,
                shown: sim.amount_in(Some(&m.id), m.balance),
            })
            .collect(),
        coupons: world
            .buyer
            .coupons
            .iter()
            .map(|c| CouponLine {
                id: c.id.clone(),
                amount: c.amount,
                state: c.state,
            })
            .collect(),
    }
}

/// The end state for people; `title` is the scenario's. Every text that came from a file
/// is shown inert, so it prints as written and a terminal obeys none of it.
pub fn text(title: &str, sim: &Simulation) -> String {
    let s = summary(sim);
    let mut out = String::new();
    let _ = writeln!(out, "# {}", inert(title));
    let _ = writeln!(
        out,
        "# {} — {}",
        inert(&sim.policy().name),
        inert(&sim.policy().summary)
    );
    let _ = writeln!(out);
    for entry in sim.log() {
        let _ = writeln!(out, "{}", inert(&entry.line()));
    }
    let _ = writeln!(out, "\n== End state at {} ==", time::show(s.now));
    let _ = writeln!(out, "\nMy Orders:");
    for g in &s.groups {
        let _ = writeln!(out, "  {:<28} {}", inert(&g.name), g.count);
        for o in &g.orders {
            let _ = writeln!(
                out,
                "    {:<8} {:<40} paid {:>9}  held {:>9}  to seller {:>9}  refunded {:>9}",
                inert(&o.id),
                inert(&o.status),
                o.paid,
                o.held,
                o.released,
                o.refunded
            );
        }
    }
    let _ = writeln!(out, "\nRefunds:");
    if s.refunds.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for r in &s.refunds {
        let stages: Vec<String> = RefundStage::ALL
            .iter()
            .map(|stage| match r.stages.iter().find(|(s, _)| s == stage) {
                Some((_, at)) => format!("{} {}", stage.name(), at.format("%m-%d %H:%M")),
                None => format!("{} —", stage.name()),
            })
            .collect();
        let _ = writeln!(
            out,
            "  #{} {} {} to {}: {}",
            r.id,
            inert(&r.order),
            r.shown,
            inert(&r.method),
            stages.join(" → ")
        );
        if r.late {
            let since = r.late_from.map(time::show).unwrap_or_default();
            let _ = writeln!(
                out,
                "      LATE since {since}: not received within the platform's time after \"sent\"; contact support"
            );
        } else if r.stage != RefundStage::Received {
            let _ = writeln!(out, "      expected by {}", time::show(r.expected_at));
        }
    }
    let _ = writeln!(out, "\nBalances:");
    for b in &s.balances {
        let _ = writeln!(out, "  {:<28} {:>14}", inert(&b.label), b.shown);
    }
    if !s.coupons.is_empty() {
        let _ = writeln!(out, "\nCoupons:");
        for c in &s.coupons {
            let _ = writeln!(out, "  {:<12} {:>8}  {:?}", inert(&c.id), c.amount, c.state);
        }
    }
    out
}
