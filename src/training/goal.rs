//! Whether a goal holds, read from the simulation's world and log.

use super::spec::Goal;
use crate::sim::Simulation;
use crate::sim::log::Fact;
use crate::sim::world::{Channel, CouponState, RefundStage};

impl Goal {
    pub fn holds(&self, sim: &Simulation) -> bool {
        let world = sim.world();
        let log = sim.log();
        match self {
            Goal::OrderIn { order, states } => world.order(order).is_some_and(|o| states.contains(&o.state)),
            Goal::RefundReceived { order, method } => world
                .refunds_of(order)
                .any(|r| r.stage == RefundStage::Received && method.as_ref().is_none_or(|m| *m == r.method)),
            Goal::DisputeOpened { order, kind } => log.iter().any(|e| {
                e.order.as_deref() == Some(order.as_str())
                    && matches!(&e.fact, Fact::DisputeOpened { kind: k } if kind.is_none_or(|want| want == *k))
            }),
            Goal::SupportOpened { category, order } => world.conversations.iter().any(|c| {
                let in_category = match (&c.channel, category) {
                    (Channel::Support { .. }, None) => true,
                    (Channel::Support { category: c }, Some(want)) => c == want,
                    (Channel::Seller { .. }, _) => false,
                };
                in_category && order.as_ref().is_none_or(|o| c.order.as_ref() == Some(o))
            }),
            Goal::CouponBack { coupon } => world
                .coupon(coupon)
                .is_some_and(|c| c.state == CouponState::Returned),
            Goal::NoChargeback { via } => !log
                .iter()
                .any(|e| matches!(&e.fact, Fact::ChargebackFiled { via: v } if via.is_none_or(|want| want == *v))),
            Goal::ReceiptNotConfirmed { order } => !log.iter().any(|e| {
                e.order.as_deref() == Some(order.as_str())
                    && e.fact == Fact::ReceiptConfirmed { by_buyer: true }
            }),
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
