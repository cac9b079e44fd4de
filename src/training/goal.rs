//! Whether a goal holds, read from the simulation's world and log.

use super::spec::Goal;
use crate::sim::Simulation;
use crate::sim::world::{CouponState, RefundStage};

impl Goal {
    /// Reads only what the world keeps by order or as a count: the cost is the same with
    /// one order or a hundred thousand, so it can be asked after every event.
    pub fn holds(&self, sim: &Simulation) -> bool {
        let world = sim.world();
        match self {
            Goal::OrderIn { order, states } => world
                .order(order)
                .is_some_and(|o| states.contains(&o.state)),
            Goal::RefundReceived { order, method } => world.refunds_of(order).any(|r| {
                r.stage == RefundStage::Received && method.as_ref().is_none_or(|m| *m == r.method)
            }),
            Goal::DisputeOpened { order, kind } => world.order(order).is_some_and(|o| {
                o.dispute_kinds
                    .iter()
                    .any(|k| kind.is_none_or(|want| want == *k))
            }),
            Goal::SupportOpened { category, order } => {
                world.support_opened(category.as_deref(), order.as_deref())
            }
            Goal::CouponBack { coupon } => world
                .coupon(coupon)
                .is_some_and(|c| c.state == CouponState::Returned),
            Goal::NoChargeback { via } => !sim
                .chargebacks_filed()
                .iter()
                .any(|v| via.is_none_or(|want| want == *v)),
            Goal::ReceiptNotConfirmed { order } => {
                !world.order(order).is_some_and(|o| o.confirmed_by_buyer)
            }
            Goal::All(goals) => goals.iter().all(|g| g.holds(sim)),
            Goal::Any(goals) => goals.iter().any(|g| g.holds(sim)),
        }
    }

    /// A goal about something *not* happening can stop holding later, so it is judged at
    /// the end rather than ticked the first time it holds.
    pub fn is_a_promise(&self) -> bool {
        match self {
            Goal::NoChargeback { .. } | Goal::ReceiptNotConfirmed { .. } => true,
            Goal::All(goals) | Goal::Any(goals) => goals.iter().any(Goal::is_a_promise),
            _ => false,
        }
    }

    /// A promise that can never hold again: the chargeback was filed, receipt confirmed.
    pub fn is_broken(&self, sim: &Simulation) -> bool {
        match self {
            Goal::NoChargeback { .. } | Goal::ReceiptNotConfirmed { .. } => !self.holds(sim),
            Goal::All(goals) => goals.iter().any(|g| g.is_broken(sim)),
            Goal::Any(goals) => !goals.is_empty() && goals.iter().all(|g| g.is_broken(sim)),
            _ => false,
        }
    }

    /// The orders, coupons and categories a goal names, for checking a scenario file.
    pub fn orders(&self) -> Vec<&str> {
        match self {
            Goal::OrderIn { order, .. }
            | Goal::RefundReceived { order, .. }
            | Goal::DisputeOpened { order, .. }
            | Goal::ReceiptNotConfirmed { order } => vec![order.as_str()],
            Goal::SupportOpened { order, .. } => order.iter().map(String::as_str).collect(),
            Goal::All(goals) | Goal::Any(goals) => goals.iter().flat_map(Goal::orders).collect(),
            Goal::CouponBack { .. } | Goal::NoChargeback { .. } => Vec::new(),
        }
    }
}
