//! Stopping a shipped parcel on its way. An independent shop's customer service can ask
//! its carrier to intercept a parcel the buyer no longer wants: if the carrier stops it,
//! the parcel goes back to the warehouse and the refund follows its arrival there; if
//! not, the buyer receives it and returns it under the return policy (source 002).
//! Whether it works, and when, is the scenario's: the shop's rules for
//! `InterceptionRequested` answer `StopParcel` or `ParcelNotStopped`; a shop without such a
//! rule cannot stop it by the end of the policy's `interception_time`.

use super::{Due, Simulation};
use crate::sim::agent::{Situation, Trigger};
use crate::sim::log::{Fact, Party};
use crate::sim::policy::OfferKind;
use crate::sim::time::show;
use crate::sim::world::OrderState;

impl Simulation {
    /// Whether customer service could try to stop the order's parcel now.
    pub(super) fn can_try_interception(&self, order: &str) -> bool {
        !self.policy.interception_time.is_zero()
            && self
                .world
                .order(order)
                .is_some_and(|o| o.state == OrderState::Shipped && o.interception.is_none())
    }

    pub(super) fn start_interception(&mut self, order: &str, conversation: u32) {
        let answer_by = self.calendar.add(self.now, self.policy.interception_time);
        if let Some(o) = self.world.order_mut(order) {
            o.interception = Some(conversation);
        }
        self.support_says(
            conversation,
            format!(
                "Order {order} has already shipped, so we have asked the carrier to stop the parcel. We will tell you by {} whether it worked; if it does, the refund follows once the parcel is back in our warehouse.",
                show(answer_by)
            ),
        );
        self.schedule_at(
            answer_by,
            Due::InterceptionTimesOut {
                order: order.to_owned(),
            },
        );
        self.trigger_seller(
            order,
            Trigger::InterceptionRequested,
            Situation::default(),
            self.now,
        );
    }

    /// The carrier stopped the parcel: it travels back to the warehouse.
    pub(super) fn parcel_stopped(&mut self, order: &str) {
        let Some(conversation) = self.pending_interception(order) else {
            return;
        };
        let back = self
            .calendar
            .add(self.now, self.policy.intercepted_parcel_back_after);
        if let Some(o) = self.world.order_mut(order) {
            o.interception = None;
        }
        self.note(
            order,
            Fact::Intercepted { stopped: true },
            format!(
                "The carrier stopped the parcel: it goes back to the warehouse, expected {}; the refund follows",
                show(back)
            ),
        );
        self.set_state(order, OrderState::Intercepted);
        self.support_says(
            conversation,
            format!(
                "Good news: the carrier stopped the parcel of order {order}. It is on its way back to our warehouse (expected {}), and we refund you as soon as it arrives.",
                show(back)
            ),
        );
        self.schedule_at(
            back,
            Due::BackAtWarehouse {
                order: order.to_owned(),
            },
        );
    }

    /// The parcel could not be stopped: it will be delivered, and can be returned then.
    pub(super) fn parcel_not_stopped(&mut self, order: &str, why: &str) {
        let Some(conversation) = self.pending_interception(order) else {
            return;
        };
        if let Some(o) = self.world.order_mut(order) {
            o.interception = None;
        }
        let answer = format!(
            "We could not stop the parcel of order {order}: {why}. When it arrives you can return it within {} of receiving it: use \"{}\" on the order page.",
            self.policy.return_window,
            self.policy.label(OfferKind::DisputeReturn)
        );
        self.note(
            order,
            Fact::Intercepted { stopped: false },
            format!("The parcel could not be stopped: {why}"),
        );
        self.note_refused(
            order,
            Party::Support,
            "an interception of the parcel".to_owned(),
            format!("the parcel could not be stopped: {why}"),
        );
        self.support_says(conversation, answer);
    }

    /// The interception time ran out without the carrier stopping the parcel.
    pub(super) fn interception_times_out(&mut self, order: &str) {
        self.parcel_not_stopped(order, "the carrier did not manage to stop it in time");
    }

    /// The stopped parcel is back at the warehouse: the order is cancelled with a refund.
    pub(super) fn back_at_warehouse(&mut self, order: &str) {
        if self.world.order(order).map(|o| o.state) != Some(OrderState::Intercepted) {
            return;
        }
        self.note(
            order,
            Fact::News {
                what: "parcel back at the warehouse".to_owned(),
            },
            "The intercepted parcel is back at the warehouse".to_owned(),
        );
        self.cancel_lines(
            order,
            &[],
            "the intercepted parcel is back at the warehouse",
            OrderState::Refunding,
        );
    }

    /// The support conversation of an interception still being tried on a parcel that is
    /// still on its way.
    fn pending_interception(&self, order: &str) -> Option<u32> {
        self.world
            .order(order)
            .filter(|o| o.state == OrderState::Shipped)
            .and_then(|o| o.interception)
    }
}
