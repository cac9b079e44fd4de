//! Which states an order can still get to from where it starts, on a platform: a generous
//! map of the lifecycle (every way the core can move an order, and a few more), so that a
//! state missing from it is truly out of reach and the lint never cries wolf.

use crate::scenario::Scenario;
use crate::sim::Simulation;
use crate::sim::agent::Happening;
use crate::sim::policy::AfterWindow;
use crate::sim::world::OrderState::{self, *};
use std::collections::BTreeSet;

pub fn reachable(
    start: OrderState,
    order: &str,
    scenario: &Scenario,
    sim: &Simulation,
) -> BTreeSet<OrderState> {
    let policy = sim.policy();
    let freeze_event =
        scenario.setup.world_events.iter().any(
            |e| matches!(&e.happening, Happening::FreezeForFraud { order: o, .. } if o == order),
        );
    let can_freeze = freeze_event || !policy.chargeback_routes.is_empty();
    let next = |s: OrderState| -> Vec<OrderState> {
        let mut to = match s {
            Unpaid => vec![Verifying, AwaitingShipment, Cancelled, Closed],
            Verifying => vec![AwaitingShipment, Cancelled, Refunding],
            AwaitingShipment => vec![CancelRequested, Shipped, Delivered, Refunding, Cancelled],
            CancelRequested => vec![AwaitingShipment, Shipped, Refunding, Cancelled],
            Shipped => vec![
                Delivered,
                Received,
                Completed,
                Dispute,
                Intercepted,
                Refunding,
            ],
            Delivered => vec![Received, Completed, Dispute, Refunding, Cancelled],
            Received => vec![Completed, Dispute, Refunding],
            Completed => vec![Dispute, Refunding],
            Dispute => vec![
                Escalated,
                ReturnPending,
                Refunding,
                Shipped,
                Delivered,
                Received,
                Completed,
                Cancelled,
            ],
            Escalated => vec![
                ReturnPending,
                Refunding,
                Shipped,
                Delivered,
                Received,
                Completed,
                Cancelled,
            ],
            ReturnPending => vec![Refunding, Received, Completed, Cancelled],
            // A freeze ends where it began (any state a freeze can begin in), or in a refund.
            Frozen => OrderState::ALL
                .into_iter()
                .filter(|s| !matches!(s, Unpaid | Frozen | Intercepted | Closed))
                .collect(),
            Intercepted => vec![Refunding, Cancelled],
            Refunding => vec![Cancelled, Completed, Closed],
            Cancelled | Closed => vec![],
        };
        if can_freeze && !s.is_final() && s != Unpaid {
            to.push(Frozen);
        }
        to.retain(|t| match t {
            Verifying => !policy.payment_verification.is_zero(),
            CancelRequested => policy.after_window == AfterWindow::RequestToSeller,
            Escalated => policy.platform_mediates,
            Intercepted => !policy.interception_time.is_zero(),
            _ => true,
        });
        to
    };
    let mut seen = BTreeSet::from([start]);
    let mut todo = vec![start];
    while let Some(s) = todo.pop() {
        for t in next(s) {
            if seen.insert(t) {
                todo.push(t);
            }
        }
    }
    seen
}
