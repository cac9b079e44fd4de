//! Orders frozen for a while: chargebacks through the platform or the bank, and an
//! administrator's review of suspected seller fraud.
//!
//! A chargeback is granted when its time comes unless something stopped it: the bank
//! asked for more information and got none by its deadline, or the seller contested it
//! and the buyer had no proof to set against the seller's statement.

use super::{Due, Simulation};
use crate::sim::action::{ChargebackRoute, Refusal};
use crate::sim::agent::{Situation, Trigger};
use crate::sim::log::{Fact, Party};
use crate::sim::money::Money;
use crate::sim::time::show;
use crate::sim::world::{ChargebackCase, DisputeStage, OrderState};

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
        if o.chargeback.is_some() {
            return Err(Refusal::new(format!(
                "A chargeback on {order} is already being decided; wait for its result."
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
        let now = self.now;
        if let Some(o) = self.world.order_mut(order) {
            o.chargeback = Some(ChargebackCase {
                via,
                filed_at: now,
                decides_at: decides,
                information_due: None,
                answer: None,
                contested: None,
            });
        }
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
        if via == ChargebackRoute::Bank && !self.policy.bank_answer_time.is_zero() {
            self.schedule_after(
                self.policy.bank_asks_after,
                Due::BankAsks {
                    order: order.to_owned(),
                },
            );
        }
        self.trigger_seller(
            order,
            Trigger::ChargebackFiled,
            Situation::default(),
            self.now,
        );
    }

    /// The bank wants more before it decides: proof by a deadline, or the claim is refused.
    pub(super) fn bank_asks(&mut self, order: &str) {
        let due = self.calendar.add(self.now, self.policy.bank_answer_time);
        let Some(case) = self
            .world
            .order_mut(order)
            .and_then(|o| o.chargeback.as_mut())
            .filter(|c| c.via == ChargebackRoute::Bank && c.information_due.is_none())
        else {
            return;
        };
        case.information_due = Some(due);
        self.note(
            order,
            Fact::BankAsks,
            format!(
                "Your bank asks for more information about the chargeback on {order}: send proof (the receipt, photos, the messages with the seller) by {}, or the claim is refused",
                show(due)
            ),
        );
        self.schedule_at(
            due,
            Due::BankAnswerDue {
                order: order.to_owned(),
            },
        );
    }

    pub(super) fn check_answer_bank(
        &self,
        order: &str,
        text: &str,
        evidence: &[String],
    ) -> Result<(), Refusal> {
        let o = self.find(order)?;
        let Some(case) = &o.chargeback else {
            return Err(Refusal::new(format!(
                "There is no chargeback on {order} for the bank to ask about."
            )));
        };
        let Some(due) = case.information_due else {
            return Err(Refusal::new(format!(
                "Your bank has not asked for anything about {order}; it decides by {}.",
                show(case.decides_at)
            )));
        };
        if case.answer.is_some() {
            return Err(Refusal::new(
                "You have already sent the bank your answer; it decides on what it has.",
            ));
        }
        if self.now > due {
            return Err(Refusal::new(format!(
                "The bank wanted your answer by {}: it is too late.",
                show(due)
            )));
        }
        if evidence.is_empty() {
            return Err(Refusal::new(if text.trim().is_empty() {
                "The bank asked for proof: attach at least one document (the receipt, photos, the messages with the seller)."
            } else {
                "A few words are not proof for the bank: attach at least one document (the receipt, photos, the messages with the seller)."
            }));
        }
        Ok(())
    }

    pub(super) fn answer_bank(&mut self, order: &str, evidence: Vec<String>) {
        let listed = evidence.join(", ");
        if let Some(case) = self
            .world
            .order_mut(order)
            .and_then(|o| o.chargeback.as_mut())
        {
            case.answer = Some(evidence);
        }
        self.note(
            order,
            Fact::News {
                what: "proof sent to the bank".to_owned(),
            },
            format!("The bank received your proof ({listed}) and decides on it"),
        );
    }

    /// The deadline for the bank's question came: without an answer the claim is refused.
    pub(super) fn bank_answer_due(&mut self, order: &str) {
        let Some(case) = self.world.order(order).and_then(|o| o.chargeback.as_ref()) else {
            return;
        };
        if case.answer.is_some() {
            return;
        }
        let due = case.information_due.map(show).unwrap_or_default();
        self.refuse_chargeback(
            order,
            Party::Bank,
            format!(
                "you did not send the information it asked for by {due}, so it closed the claim"
            ),
        );
    }

    /// The seller contests the chargeback with a statement of their own.
    pub(super) fn contest_chargeback(&mut self, order: &str, statement: &str) {
        let Some(case) = self
            .world
            .order_mut(order)
            .and_then(|o| o.chargeback.as_mut())
        else {
            return;
        };
        case.contested = Some(statement.to_owned());
        let seller = self.seller_name(order);
        self.note(
            order,
            Fact::News {
                what: "chargeback contested".to_owned(),
            },
            format!("{seller} contests the chargeback: \"{statement}\""),
        );
    }

    fn refuse_chargeback(&mut self, order: &str, by: Party, why: String) {
        let Some(case) = self
            .world
            .order_mut(order)
            .and_then(|o| o.chargeback.take())
        else {
            return;
        };
        let route = match case.via {
            ChargebackRoute::Platform => "through the platform",
            ChargebackRoute::Bank => "through the bank",
        };
        self.note(
            order,
            Fact::ChargebackDecided { granted: false },
            format!("Chargeback refused: {} says {why}", by.name()),
        );
        self.note_refused(order, by, format!("a chargeback {route}"), why);
        self.unfreeze(order);
    }

    /// The order goes back to where it was before the freeze, and its paused timers resume.
    /// An order that left the freeze meanwhile (an administrator's review ended it) stays
    /// where it is.
    fn unfreeze(&mut self, order: &str) {
        if !self.state_is(order, OrderState::Frozen) {
            return;
        }
        let back = self
            .world
            .order_mut(order)
            .and_then(|o| o.frozen_from.take())
            .unwrap_or(OrderState::AwaitingShipment);
        self.note(
            order,
            Fact::Unfrozen,
            "The order is no longer frozen".to_owned(),
        );
        self.set_state(order, back);
        self.resume_paused(order);
    }

    pub(super) fn chargeback_decided(&mut self, order: &str) {
        let Some(o) = self.world.order(order) else {
            return;
        };
        // Refused already (the bank's question went unanswered), or never filed.
        let Some(case) = o.chargeback.clone() else {
            return;
        };
        if o.state != OrderState::Frozen {
            // Settled some other way while it ran (a review cancelled the order).
            if let Some(o) = self.world.order_mut(order) {
                o.chargeback = None;
            }
            return;
        }
        let proof = case.answer.as_ref().is_some_and(|a| !a.is_empty())
            || o.dispute.as_ref().is_some_and(|d| !d.evidence.is_empty());
        if let Some(statement) = case.contested.filter(|_| !proof) {
            let by = match case.via {
                ChargebackRoute::Platform => Party::Platform,
                ChargebackRoute::Bank => Party::Bank,
            };
            self.refuse_chargeback(
                order,
                by,
                format!("the seller showed \"{statement}\" and you sent no proof against it"),
            );
            return;
        }
        let amount = o.money.paid - o.money.refunded;
        self.note(
            order,
            Fact::ChargebackDecided { granted: true },
            format!("Chargeback granted: {amount} comes back"),
        );
        self.note(
            order,
            Fact::Unfrozen,
            "The order is no longer frozen".to_owned(),
        );
        if let Some(o) = self.world.order_mut(order) {
            o.frozen_from = None;
            o.chargeback = None;
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
        } else if o.chargeback.is_some() {
            // Two reasons froze it; the chargeback's still holds.
            self.note(
                order,
                Fact::News {
                    what: "review ended during a chargeback".to_owned(),
                },
                "The review found no fraud; the order stays frozen while the chargeback is decided"
                    .to_owned(),
            );
            return;
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
