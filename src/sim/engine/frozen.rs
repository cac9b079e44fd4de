//! Orders frozen for a while: chargebacks through the platform or the bank, and an
//! administrator's review of suspected seller fraud.

use super::{Due, Simulation};
use crate::sim::action::{ChargebackRoute, Refusal};
use crate::sim::log::Fact;
use crate::sim::money::Money;
use crate::sim::time::show;
use crate::sim::world::{DisputeStage, OrderState};

impl Simulation {
    pub(super) fn check_chargeback(
        &self,
        order: &str,
        via: ChargebackRoute,
    ) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if !self.policy.chargeback_routes.contains(&via) {
            let other = match via {
                ChargebackRoute::Platform => "your bank",
                ChargebackRoute::Bank => "the platform's support",
            };
            return Err(Refusal::new(format!(
                "A chargeback here goes through {other} only."
            )));
        }
        let Some(paid) = o.paid_at.filter(|_| o.money.paid > Money::ZERO) else {
            return Err(Refusal::new(format!(
                "{order} was never charged: there is nothing to charge back."
            )));
        };
        if o.money.refunded >= o.money.paid {
            return Err(Refusal::new(format!(
                "Everything paid for {order} is already being refunded."
            )));
        }
        if o.state == OrderState::Frozen {
            return Err(Refusal::new(format!(
                "{order} is frozen while a review runs; wait for its result."
            )));
        }
        let closes = self.calendar.add(paid, self.policy.chargeback_window);
        if self.now > closes {
            return Err(Refusal::new(format!(
                "A chargeback can be filed within {} of payment: paid {}, the window closed {}.",
                self.policy.chargeback_window,
                show(paid),
                show(closes)
            )));
        }
        Ok(())
    }

    pub(super) fn file_chargeback(&mut self, order: &str, via: ChargebackRoute) {
        let (span, text) = match via {
            ChargebackRoute::Platform => (
                self.policy.platform_chargeback_time,
                "Chargeback filed through the platform's support",
            ),
            ChargebackRoute::Bank => (
                self.policy.bank_chargeback_time,
                "Chargeback filed with your bank; the bank may ask for more information or a visit",
            ),
        };
        let decides = self.calendar.add(self.now, span);
        self.chargebacks.push(via);
        self.note(
            order,
            Fact::ChargebackFiled { via },
            format!("{text}; decision expected by {}", show(decides)),
        );
        self.freeze(order);
        self.schedule_at(
            decides,
            Due::ChargebackDecided {
                order: order.to_owned(),
            },
        );
    }

    pub(super) fn chargeback_decided(&mut self, order: &str) {
        let Some(o) = self.world.order(order) else {
            return;
        };
        let amount = o.money.paid - o.money.refunded;
        self.note(
            order,
            Fact::Unfrozen,
            format!("Chargeback granted: {amount} comes back"),
        );
        if let Some(o) = self.world.order_mut(order) {
            o.frozen_from = None;
            // The chargeback refunds what is left: an open dispute has nothing more to decide.
            if let Some(d) = o.dispute.as_mut() {
                d.stage = DisputeStage::Settled;
            }
        }
        self.set_state(order, OrderState::Refunding);
        self.start_refund(order, amount, "chargeback granted");
        self.resume_paused(order);
    }

    pub(super) fn freeze(&mut self, order: &str) {
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        if o.state == OrderState::Frozen {
            return;
        }
        o.frozen_from = Some(o.state);
        o.frozen_since = Some(self.now);
        self.note(order, Fact::Frozen, "The order is frozen".to_owned());
        self.set_state(order, OrderState::Frozen);
    }

    pub(super) fn freeze_review_done(&mut self, order: &str, fraud: bool) {
        let Some(o) = self.world.order(order) else {
            return;
        };
        if o.state != OrderState::Frozen {
            return;
        }
        if fraud {
            self.note(order, Fact::Unfrozen, "The administrator confirmed seller fraud: the order is cancelled with a full refund".to_owned());
            self.cancel_lines(order, &[], "seller fraud confirmed", OrderState::Refunding);
        } else {
            let back = o.frozen_from.unwrap_or(OrderState::AwaitingShipment);
            self.note(
                order,
                Fact::Unfrozen,
                "The review found no fraud: the order goes on".to_owned(),
            );
            self.set_state(order, back);
        }
        if let Some(o) = self.world.order_mut(order) {
            o.frozen_from = None;
        }
        self.resume_paused(order);
    }
}
