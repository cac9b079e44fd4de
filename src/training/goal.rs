//! Whether a goal holds, read from the simulation's world and log, and from the trainee's
//! own deeds (what they did, in which order).

use super::spec::{ActionKind, Deed, Goal};
use crate::sim::world::{CouponState, RefundStage};
use crate::sim::{Action, Simulation};
use std::collections::BTreeMap;

/// The first time the trainee did each kind of action (on each order) and the platform
/// allowed it, by its place in the session: what "did A before B" is judged on. Kept as it
/// happens, so asking costs the same however long the session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deeds {
    first: BTreeMap<(ActionKind, Option<String>), usize>,
    count: usize,
}

impl Deeds {
    /// Notes an allowed action.
    pub fn done(&mut self, action: &Action) {
        self.count += 1;
        let Some(kind) = ActionKind::of(action) else {
            return;
        };
        let n = self.count;
        self.first.entry((kind, None)).or_insert(n);
        if let Some(order) = action.order() {
            self.first
                .entry((kind, Some(order.to_owned())))
                .or_insert(n);
        }
    }

    /// When the deed was first done, if it was.
    pub fn first(&self, kind: ActionKind, order: Option<&str>) -> Option<usize> {
        self.first.get(&(kind, order.map(str::to_owned))).copied()
    }

    fn of(&self, deed: &Deed) -> Option<usize> {
        self.first(deed.action, deed.order.as_deref())
    }
}

impl Goal {
    /// Reads only what the world keeps by order or as a count: the cost is the same with
    /// one order or a hundred thousand, so it can be asked after every event.
    pub fn holds(&self, sim: &Simulation, deeds: &Deeds) -> bool {
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
            Goal::Did { action, order } => deeds.first(*action, order.as_deref()).is_some(),
            Goal::Before { first, then } => match (deeds.of(first), deeds.of(then)) {
                (Some(a), Some(b)) => a < b,
                _ => false,
            },
            Goal::PaidWith { order, method } => world
                .order(order)
                .is_some_and(|o| o.paid_at.is_some() && o.method.as_deref() == Some(method)),
            Goal::All(goals) => goals.iter().all(|g| g.holds(sim, deeds)),
            Goal::Any(goals) => goals.iter().any(|g| g.holds(sim, deeds)),
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

    /// A goal that can never hold again: the chargeback was filed, receipt confirmed, the
    /// second step done without the first, the order paid another way.
    pub fn is_broken(&self, sim: &Simulation, deeds: &Deeds) -> bool {
        match self {
            Goal::NoChargeback { .. } | Goal::ReceiptNotConfirmed { .. } => !self.holds(sim, deeds),
            Goal::Before { first, then } => match (deeds.of(first), deeds.of(then)) {
                (Some(a), Some(b)) => a > b,
                (None, Some(_)) => true,
                _ => false,
            },
            Goal::PaidWith { order, method } => sim
                .world()
                .order(order)
                .is_some_and(|o| o.paid_at.is_some() && o.method.as_deref() != Some(method)),
            Goal::All(goals) => goals.iter().any(|g| g.is_broken(sim, deeds)),
            Goal::Any(goals) => !goals.is_empty() && goals.iter().all(|g| g.is_broken(sim, deeds)),
            _ => false,
        }
    }

    /// The orders, coupons and categories a goal names, for checking a scenario file.
    pub fn orders(&self) -> Vec<&str> {
        match self {
            Goal::OrderIn { order, .. }
            | Goal::RefundReceived { order, .. }
            | Goal::DisputeOpened { order, .. }
            | Goal::PaidWith { order, .. }
            | Goal::ReceiptNotConfirmed { order } => vec![order.as_str()],
            Goal::SupportOpened { order, .. } | Goal::Did { order, .. } => {
                order.iter().map(String::as_str).collect()
            }
            Goal::Before { first, then } => first
                .order
                .iter()
                .chain(then.order.iter())
                .map(String::as_str)
                .collect(),
            Goal::All(goals) | Goal::Any(goals) => goals.iter().flat_map(Goal::orders).collect(),
            Goal::CouponBack { .. } | Goal::NoChargeback { .. } => Vec::new(),
        }
    }
}
