//! What is coming up: the next moments in the queue that can still happen, in words, for
//! an author's or a presenter's "coming up" view.

use super::{Due, Simulation};
use crate::sim::time::Moment;
use crate::sim::world::OrderState;

/// One moment ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ahead {
    pub at: Moment,
    /// The order it is about, if one.
    pub order: Option<String>,
    pub what: String,
    /// A window opening or closing on one of the buyer's orders, rather than something
    /// another party or the world will do.
    pub is_window: bool,
}

/// How far into the queue one look goes: stale timers of orders that moved on are
/// skipped, and a story of many orders must not make one look cost a pass over all.
const LOOK_AT_MOST: usize = 512;

impl Simulation {
    /// The next `count` moments that can still happen, earliest first. Timers of orders
    /// that moved on (a window that no longer applies, a verification already over, a
    /// closed order's own clock) are left out.
    pub fn coming_up(&self, count: usize) -> Vec<Ahead> {
        self.queue
            .iter()
            .take(LOOK_AT_MOST)
            .filter(|((at, _), due)| self.may_still_happen(due, *at))
            .take(count)
            .map(|((at, _), due)| Ahead {
                at: *at,
                order: due.order().map(str::to_owned),
                what: due.describe(),
                is_window: matches!(due, Due::WindowEdge { .. }),
            })
            .collect()
    }

    fn may_still_happen(&self, due: &Due, at: Moment) -> bool {
        match due {
            Due::WindowEdge { order, kind, edge } => self
                .world
                .order(order)
                .is_some_and(|o| self.edge_applies(o, *kind, *edge, at)),
            Due::VerificationDone { order } => self.state_is(order, OrderState::Verifying),
            Due::UnpaidExpires { order } => self.state_is(order, OrderState::Unpaid),
            other => other.stops_while_frozen().is_none_or(|order| {
                !(self.state_is(order, OrderState::Cancelled)
                    || self.state_is(order, OrderState::Closed)
                    || self.state_is(order, OrderState::Completed))
            }),
        }
    }
}
