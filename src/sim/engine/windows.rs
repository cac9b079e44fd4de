//! The windows the rules give a buyer on an order: how long a direct cancel stays open,
//! from when a dispute may be opened, until when goods can be returned, when buyer
//! protection runs out. One function (`windows`) says which are open on an order now;
//! the checks refuse with the same times, the order page shows them, and the clock stops
//! at their edges, so a trainee who jumps ahead never jumps over a closing window.
//!
//! An edge is kept in the queue as a quiet timer that changes nothing. When it comes due
//! the window is looked up again: a window that no longer applies (the order shipped, the
//! return was sent) is stepped over, so a stale edge never stops the clock.

use super::{Due, Simulation};
use crate::sim::time::{Moment, show};
use crate::sim::world::{DisputeKind, DisputeStage, Order, OrderState};
use chrono::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WindowKind {
    /// Cancelling for free while the payment is being verified.
    Verification,
    DirectCancel,
    /// Asking the seller to cancel, where a platform allows it only for a while.
    CancelRequest,
    NoTrackingDispute,
    NotReceivedDispute,
    BuyerProtection,
    Return,
    ReturnShipping,
    CashOnDeliveryPickup,
}

impl WindowKind {
    /// What the window lets the buyer do, for the order page.
    pub fn name(self) -> &'static str {
        match self {
            WindowKind::Verification => "Free cancel while the payment is verified",
            WindowKind::DirectCancel => "Direct cancel",
            WindowKind::CancelRequest => "Requesting cancellation",
            WindowKind::NoTrackingDispute => "Dispute \"no tracking information\"",
            WindowKind::NotReceivedDispute => "Dispute \"item not received\"",
            WindowKind::BuyerProtection => "Buyer protection",
            WindowKind::Return => "Return or \"not as described\" dispute",
            WindowKind::ReturnShipping => "Shipping the agreed return",
            WindowKind::CashOnDeliveryPickup => "Collecting the parcel at the post office",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edge {
    /// The first moment the window is open.
    Opens,
    /// The last moment the window is still open.
    Closes,
}

/// A window the rules give the buyer on one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub kind: WindowKind,
    pub opens: Moment,
    /// The last moment it is open; `None` while it has no end of its own.
    pub last_open: Option<Moment>,
}

impl Window {
    pub fn is_open(&self, now: Moment) -> bool {
        self.opens <= now && self.last_open.is_none_or(|last| now <= last)
    }

    /// Whether its opening is worth stopping the clock for: only windows that open
    /// later than the state that gives them (a dispute that may be opened from day 6).
    fn announces_opening(&self) -> bool {
        matches!(
            self.kind,
            WindowKind::NoTrackingDispute | WindowKind::NotReceivedDispute
        )
    }
}

/// A moment when a window of an order opens or closes: a moment that matters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowEdge {
    pub order: String,
    pub kind: WindowKind,
    pub edge: Edge,
    pub at: Moment,
}

impl WindowEdge {
    /// A sentence for the trainee when the clock stops here.
    pub fn describe(&self) -> String {
        let order = &self.order;
        let when = show(self.at);
        match (self.kind, self.edge) {
            (WindowKind::DirectCancel, Edge::Closes) => {
                format!("{order}: last moment to cancel directly; the window closes after {when}")
            }
            (WindowKind::CancelRequest, Edge::Closes) => format!(
                "{order}: last moment to request cancellation; the window closes after {when}"
            ),
            (WindowKind::NoTrackingDispute, Edge::Opens) => {
                format!("{order}: from now on a \"no tracking information\" dispute can be opened")
            }
            (WindowKind::NotReceivedDispute, Edge::Opens) => {
                format!("{order}: from now on an \"item not received\" dispute can be opened")
            }
            (WindowKind::BuyerProtection, Edge::Closes) => format!(
                "{order}: last moment of buyer protection; after {when} the order counts as received and the seller is paid"
            ),
            (WindowKind::Return, Edge::Closes) => format!(
                "{order}: last moment to return the goods or dispute them; the window closes after {when}"
            ),
            (WindowKind::ReturnShipping, Edge::Closes) => format!(
                "{order}: last moment to ship the agreed return; after {when} the money goes to the seller"
            ),
            (WindowKind::CashOnDeliveryPickup, Edge::Closes) => format!(
                "{order}: last moment to collect or refuse the parcel; after {when} it goes back"
            ),
            (kind, Edge::Opens) => format!("{order}: {} opens now", kind.name()),
            (kind, Edge::Closes) => format!("{order}: {} closes after {when}", kind.name()),
        }
    }
}

/// The minute before a timer fires: the last moment its window is still open.
fn minute_before(at: Moment) -> Moment {
    at - Duration::minutes(1)
}

impl Simulation {
    /// The windows that apply to the order in its present state, open or still to open.
    pub fn windows(&self, o: &Order) -> Vec<Window> {
        let policy = &self.policy;
        let mut out = Vec::new();
        if o.state == OrderState::Verifying
            && let Some(paid) = o.paid_at
        {
            let verified = self.calendar.add(paid, policy.payment_verification);
            out.push(Window {
                kind: WindowKind::Verification,
                opens: paid,
                last_open: Some(minute_before(verified)),
            });
        }
        if matches!(
            o.state,
            OrderState::Verifying | OrderState::AwaitingShipment
        ) && let Some(end) = self.cancel_window_end(o)
        {
            out.push(Window {
                kind: WindowKind::DirectCancel,
                opens: o.paid_at.unwrap_or(o.placed_at),
                last_open: Some(end),
            });
        }
        if o.state == OrderState::AwaitingShipment
            && let Some(end) = self.request_window_end(o)
        {
            out.push(Window {
                kind: WindowKind::CancelRequest,
                opens: o.paid_at.unwrap_or(o.placed_at),
                last_open: Some(end),
            });
        }
        if matches!(o.state, OrderState::Shipped | OrderState::Delivered)
            && let Some(shipped) = o.shipped_at
        {
            let protection_ends = self.calendar.add(shipped, policy.buyer_protection);
            let last = minute_before(protection_ends);
            out.push(Window {
                kind: WindowKind::BuyerProtection,
                opens: shipped,
                last_open: Some(last),
            });
            if o.state == OrderState::Shipped {
                // Only the disputes this platform has.
                for (kind, delay, _) in [
                    (
                        WindowKind::NoTrackingDispute,
                        policy.no_tracking_dispute_after,
                        DisputeKind::NoTrackingInfo,
                    ),
                    (
                        WindowKind::NotReceivedDispute,
                        policy.not_received_dispute_after,
                        DisputeKind::NotReceived,
                    ),
                ]
                .into_iter()
                .filter(|(_, _, d)| policy.dispute_kinds.contains(d))
                {
                    out.push(Window {
                        kind,
                        opens: self.calendar.add(shipped, delay),
                        last_open: Some(last),
                    });
                }
            }
            if o.state == OrderState::Delivered
                && o.is_cash_on_delivery(&self.world.buyer)
                && let Some(delivered) = o.delivered_at
            {
                let goes_back = self.calendar.add(delivered, policy.cod_pickup_period);
                out.push(Window {
                    kind: WindowKind::CashOnDeliveryPickup,
                    opens: delivered,
                    last_open: Some(minute_before(goes_back)),
                });
            }
        }
        let dispute_open = o
            .dispute
            .as_ref()
            .is_some_and(|d| d.stage != DisputeStage::Settled);
        if matches!(
            o.state,
            OrderState::Delivered | OrderState::Received | OrderState::Completed
        ) && !dispute_open
            && !o.is_cash_on_delivery(&self.world.buyer)
            && let Some(received) = o.received_at.or(o.delivered_at)
        {
            out.push(Window {
                kind: WindowKind::Return,
                opens: received,
                last_open: Some(self.calendar.add(received, policy.return_window)),
            });
        }
        if o.state == OrderState::ReturnPending
            && let Some(d) = &o.dispute
            && !d.return_shipped
            && let Some(due) = d.return_due
        {
            out.push(Window {
                kind: WindowKind::ReturnShipping,
                opens: d.opened_at,
                last_open: Some(minute_before(due)),
            });
        }
        out
    }

    /// The edges still ahead among the order's windows: (kind, edge, moment).
    fn edges_ahead(&self, o: &Order) -> Vec<(WindowKind, Edge, Moment)> {
        let mut edges = Vec::new();
        for w in self.windows(o) {
            if w.announces_opening() && w.opens > self.now {
                edges.push((w.kind, Edge::Opens, w.opens));
            }
            if let Some(last) = w.last_open
                && last >= self.now
            {
                edges.push((w.kind, Edge::Closes, last));
            }
        }
        edges
    }

    /// Puts the order's coming window edges in the queue, once each. They are known by the
    /// order's position, so checking whether one is queued compares numbers, not ids.
    pub(super) fn schedule_windows(&mut self, order: &str) {
        let Some(position) = self.world.order_position(order) else {
            return;
        };
        let edges = self.edges_ahead(&self.world.orders[position]);
        for (kind, edge, at) in edges {
            if self.window_edges.insert((at, position, kind, edge)) {
                self.schedule_at(
                    at,
                    Due::WindowEdge {
                        order: order.to_owned(),
                        kind,
                        edge,
                    },
                );
            }
        }
    }

    /// A window edge came due: it matters if the window still applies and still has this
    /// edge now (the order may have moved on since it was scheduled).
    pub(super) fn window_edge_due(
        &mut self,
        order: String,
        kind: WindowKind,
        edge: Edge,
    ) -> Option<WindowEdge> {
        let position = self.world.order_position(&order)?;
        self.window_edges.remove(&(self.now, position, kind, edge));
        let still = self.edge_applies(&self.world.orders[position], kind, edge, self.now);
        still.then_some(WindowEdge {
            order,
            kind,
            edge,
            at: self.now,
        })
    }

    /// Whether the order's window of `kind` still has this edge at `at`: the order may have
    /// moved on since the edge was scheduled.
    pub(super) fn edge_applies(&self, o: &Order, kind: WindowKind, edge: Edge, at: Moment) -> bool {
        self.windows(o).into_iter().any(|w| {
            w.kind == kind
                && match edge {
                    Edge::Opens => w.opens == at,
                    Edge::Closes => w.last_open == Some(at),
                }
        })
    }
}
