//! Disputes after shipment: opening one, the seller's answer, counter-offers, escalation
//! to the platform and its decision, and returns of goods.

use super::{Due, Simulation};
use crate::sim::action::Refusal;
use crate::sim::agent::{Situation, Trigger};
use crate::sim::log::{Fact, Party};
use crate::sim::money::Money;
use crate::sim::time::show;
use crate::sim::world::{
    Dispute, DisputeKind, DisputeStage, LedgerKind, MethodKind, OrderState, TrackingKind,
};

impl Simulation {
    pub(super) fn check_open_dispute(
        &self,
        order: &str,
        kind: DisputeKind,
        amount: Option<Money>,
    ) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if !self.policy.dispute_kinds.contains(&kind) {
            return Err(Refusal::new(format!(
                "{} offers no \"{}\" dispute.",
                self.policy.name,
                kind.name()
            )));
        }
        if o.dispute
            .as_ref()
            .is_some_and(|d| d.stage != DisputeStage::Settled)
        {
            return Err(Refusal::new(format!(
                "{order} already has an open dispute."
            )));
        }
        let refundable = o.money.paid - o.money.refunded;
        if refundable <= Money::ZERO && !o.is_cash_on_delivery(&self.world.buyer) {
            return Err(Refusal::new(format!(
                "Nothing paid for {order} is left to refund."
            )));
        }
        if let Some(a) = amount
            && (a <= Money::ZERO || a > refundable)
        {
            return Err(Refusal::new(format!(
                "Ask for an amount between $0.01 and {refundable} (what you paid and have not had back)."
            )));
        }
        let in_window: Result<(), Refusal> = match kind {
            DisputeKind::NoTrackingInfo | DisputeKind::NotReceived => {
                if !matches!(o.state, OrderState::Shipped) {
                    return Err(Refusal::new(format!(
                        "The \"{}\" dispute is for a shipped order that has not arrived; {order} is \"{}\".",
                        kind.name(),
                        self.state_of(o)
                    )));
                }
                let delay = if kind == DisputeKind::NoTrackingInfo {
                    self.policy.no_tracking_dispute_after
                } else {
                    self.policy.not_received_dispute_after
                };
                let shipped = o.shipped_at.unwrap_or(self.now);
                let opens = self.calendar.add(shipped, delay);
                if self.now < opens {
                    return Err(Refusal::new(format!(
                        "The \"{}\" dispute can be opened only {delay} after shipping: shipped {}, so from {}; now {}.",
                        kind.name(),
                        show(shipped),
                        show(opens),
                        show(self.now)
                    )));
                }
                Ok(())
            }
            DisputeKind::NotAsDescribed | DisputeKind::ReturnGoodsAndMoney => {
                if !matches!(
                    o.state,
                    OrderState::Delivered | OrderState::Received | OrderState::Completed
                ) {
                    return Err(Refusal::new(format!(
                        "The \"{}\" dispute is for goods you have received; {order} is \"{}\".",
                        kind.name(),
                        self.state_of(o)
                    )));
                }
                let received = o.received_at.or(o.delivered_at).unwrap_or(self.now);
                let closes = self.calendar.add(received, self.policy.return_window);
                if self.now > closes {
                    return Err(Refusal::new(format!(
                        "Returns are possible within {} of receipt: received {}, the window closed {}.",
                        self.policy.return_window,
                        show(received),
                        show(closes)
                    )));
                }
                Ok(())
            }
        };
        in_window?;
        self.check_seller_contacted(o)
    }

    /// Some platforms open a claim only after the buyer gave the seller a chance: wrote to
    /// them, and waited the policy's time for them to put it right.
    fn check_seller_contacted(&self, o: &crate::sim::world::Order) -> Result<(), Refusal> {
        let wait = self.policy.contact_seller_before_claim;
        if wait.is_zero() {
            return Ok(());
        }
        let how = if self.policy.contact_seller_directly {
            format!(
                "\"{}\" on the order page",
                self.policy
                    .label(crate::sim::policy::OfferKind::MessageSeller)
            )
        } else {
            "through support".to_owned()
        };
        match o.seller_contacted_at {
            None => Err(Refusal::new(format!(
                "Contact the seller first ({how}): a claim can be opened only if they have not put it right within {wait} of your message."
            ))),
            Some(at) => {
                let opens = self.calendar.add(at, wait);
                if self.now < opens {
                    Err(Refusal::new(format!(
                        "You wrote to the seller on {}; they have until {} to put it right, and only then can a claim be opened.",
                        show(at),
                        show(opens)
                    )))
                } else {
                    Ok(())
                }
            }
        }
    }

    pub(super) fn open_dispute(
        &mut self,
        order: &str,
        kind: DisputeKind,
        description: String,
        evidence: Vec<String>,
        amount: Option<Money>,
    ) {
        let seller_due = self
            .calendar
            .add(self.now, self.policy.seller_dispute_answer_time);
        let now = self.now;
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        let amount = amount.unwrap_or(o.money.paid - o.money.refunded);
        o.disputes_opened += 1;
        o.dispute_kinds.push(kind);
        let has_evidence = !evidence.is_empty();
        o.dispute = Some(Dispute {
            kind,
            description,
            evidence,
            amount,
            opened_at: now,
            seller_due,
            stage: DisputeStage::AwaitingSeller,
            number: o.disputes_opened,
            from_state: o.state,
            return_shipped: false,
            return_due: None,
        });
        let number = o.disputes_opened;
        self.note(
            order,
            Fact::DisputeOpened { kind },
            format!(
                "Dispute \"{}\" opened for {amount}; the seller has until {} to answer",
                kind.name(),
                show(seller_due)
            ),
        );
        self.set_state(order, OrderState::Dispute);
        self.schedule_at(
            seller_due,
            Due::SellerDisputeDue {
                order: order.to_owned(),
                dispute: number,
            },
        );
        self.schedule_after(
            self.policy.dispute_auto_escalates_after,
            Due::DisputeAutoEscalates {
                order: order.to_owned(),
                dispute: number,
            },
        );
        let situation = Situation {
            order,
            dispute: Some((kind, has_evidence)),
            ..Situation::default()
        };
        self.trigger_seller(order, Trigger::DisputeOpened, situation, self.now);
    }

    fn open_dispute_stage(&self, order: &str) -> Option<(DisputeStage, u32)> {
        self.world
            .order(order)
            .filter(|o| matches!(o.state, OrderState::Dispute | OrderState::Escalated))
            .and_then(|o| o.dispute.as_ref())
            .map(|d| (d.stage.clone(), d.number))
    }

    pub(super) fn check_counter_offer(&self, order: &str) -> Result<(), Refusal> {
        self.find(order)?;
        match self.open_dispute_stage(order) {
            Some((DisputeStage::CounterOffer(_), _)) => Ok(()),
            _ => Err(Refusal::new(format!(
                "The seller has made no offer on {order} to answer."
            ))),
        }
    }

    pub(super) fn answer_counter_offer(&mut self, order: &str, accept: bool) {
        let Some((DisputeStage::CounterOffer(amount), _)) = self.open_dispute_stage(order) else {
            return;
        };
        if accept {
            self.note(
                order,
                Fact::DisputeDecided { refund: amount },
                format!("You accepted the seller's offer of {amount}"),
            );
            self.settle_dispute(order, amount, "dispute settled with the seller");
        } else {
            if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
                d.stage =
                    DisputeStage::RefusedBySeller(format!("You rejected the offer of {amount}"));
            }
            self.note(
                order,
                Fact::News { what: "reject offer".into() },
                format!("You rejected the offer of {amount}; you can escalate the dispute to the platform"),
            );
            self.trigger_seller(
                order,
                Trigger::CounterOfferRejected,
                Situation {
                    order,
                    ..Situation::default()
                },
                self.now,
            );
        }
    }

    pub(super) fn check_escalate(&self, order: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if !self.policy.platform_mediates {
            return Err(Refusal::new(
                "No marketplace stands between you and this shop: its customer service decides. If it refuses, your bank can take a chargeback.",
            ));
        }
        match self.open_dispute_stage(order) {
            None => Err(Refusal::new(format!(
                "{order} has no open dispute to escalate."
            ))),
            Some((DisputeStage::Escalated, _)) => Err(Refusal::new(
                "The platform is already deciding this dispute.",
            )),
            Some((DisputeStage::AwaitingSeller, _)) => Err(Refusal::new(format!(
                "The seller has until {} to answer; escalate when they refuse or make an offer you reject.",
                o.dispute
                    .as_ref()
                    .map(|d| show(d.seller_due))
                    .unwrap_or_default()
            ))),
            Some((DisputeStage::CounterOffer(_), _)) => Err(Refusal::new(
                "Answer the seller's offer first: reject it, then escalate.",
            )),
            Some(_) => Ok(()),
        }
    }

    /// A dispute still waiting on the buyer when its time runs out goes to the platform.
    pub(super) fn auto_escalate(&mut self, order: &str, dispute: u32) {
        let waiting_on_buyer = matches!(
            self.open_dispute_stage(order),
            Some((DisputeStage::CounterOffer(_) | DisputeStage::RefusedBySeller(_), n)) if n == dispute
        );
        if !waiting_on_buyer {
            return;
        }
        self.note(
            order,
            Fact::News {
                what: "automatic escalation".into(),
            },
            format!(
                "The dispute was open {} without agreement: the platform takes it over",
                self.policy.dispute_auto_escalates_after
            ),
        );
        self.escalate(order);
    }

    pub(super) fn escalate(&mut self, order: &str) {
        let Some((_, number)) = self.open_dispute_stage(order) else {
            return;
        };
        let decides = self
            .calendar
            .add(self.now, self.policy.platform_decision_time);
        if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
            d.stage = DisputeStage::Escalated;
        }
        self.note(
            order,
            Fact::DisputeEscalated,
            format!(
                "Dispute escalated: the platform decides by {}",
                show(decides)
            ),
        );
        self.set_state(order, OrderState::Escalated);
        self.schedule_at(
            decides,
            Due::PlatformDecides {
                order: order.to_owned(),
                dispute: number,
            },
        );
    }

    /// The platform's rule for escalated disputes: the carrier's record and the evidence decide.
    pub(super) fn platform_decides(&mut self, order: &str, dispute: u32) {
        let Some(o) = self.world.order(order).cloned() else {
            return;
        };
        let Some(d) = o
            .dispute
            .clone()
            .filter(|d| d.number == dispute && d.stage == DisputeStage::Escalated)
        else {
            return;
        };
        let tracking_bad = o
            .tracking
            .as_ref()
            .is_none_or(|t| t.kind != TrackingKind::Genuine || t.lost);
        match d.kind {
            DisputeKind::NoTrackingInfo | DisputeKind::NotReceived
                if o.delivered_at.is_none() || tracking_bad =>
            {
                self.note(
                    order,
                    Fact::DisputeDecided { refund: d.amount },
                    format!(
                        "The platform decided for you: {} refunded (no proof of delivery)",
                        d.amount
                    ),
                );
                self.settle_dispute(order, d.amount, "the platform decided the dispute for you");
            }
            DisputeKind::NotAsDescribed if !d.evidence.is_empty() => {
                self.note(
                    order,
                    Fact::DisputeDecided { refund: d.amount },
                    format!(
                        "The platform decided for you on your evidence: {} refunded",
                        d.amount
                    ),
                );
                self.settle_dispute(order, d.amount, "the platform decided the dispute for you");
            }
            DisputeKind::ReturnGoodsAndMoney if !d.evidence.is_empty() => {
                self.note(
                    order,
                    Fact::DisputeDecided {
                        refund: Money::ZERO,
                    },
                    "The platform decided: return the goods, then the money comes back".to_owned(),
                );
                self.require_return(order);
            }
            _ => {
                let why = match d.kind {
                    DisputeKind::NoTrackingInfo | DisputeKind::NotReceived => {
                        "the carrier shows the parcel delivered"
                    }
                    _ => "no evidence was given: add photos of the package and the defect",
                };
                self.note(
                    order,
                    Fact::DisputeDecided {
                        refund: Money::ZERO,
                    },
                    format!("The platform rejected the dispute: {why}"),
                );
                self.note_refused(
                    order,
                    Party::Platform,
                    format!("the \"{}\" dispute, escalated", d.kind.name()),
                    format!("The platform rejected the dispute: {why}"),
                );
                self.close_dispute_rejected(order);
            }
        }
    }

    /// The seller never answered: the buyer's amount applies.
    pub(super) fn seller_dispute_due(&mut self, order: &str, dispute: u32) {
        let Some((DisputeStage::AwaitingSeller, number)) = self.open_dispute_stage(order) else {
            return;
        };
        if number != dispute {
            return;
        }
        let Some(d) = self.world.order(order).and_then(|o| o.dispute.clone()) else {
            return;
        };
        self.note(
            order,
            Fact::DisputeDecided { refund: d.amount },
            format!(
                "The seller did not answer the dispute in {}: your amount of {} applies",
                self.policy.seller_dispute_answer_time, d.amount
            ),
        );
        if d.kind == DisputeKind::ReturnGoodsAndMoney {
            self.require_return(order);
        } else {
            self.settle_dispute(order, d.amount, "the seller did not answer the dispute");
        }
    }

    pub(super) fn settle_dispute(&mut self, order: &str, amount: Money, why: &str) {
        if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
            d.stage = DisputeStage::Settled;
        }
        self.set_state(order, OrderState::Refunding);
        self.start_refund(order, amount, why);
        // A refund of zero (nothing left) leaves nothing to wait for.
        if self
            .world
            .refunds_of(order)
            .all(|r| r.stage == crate::sim::world::RefundStage::Received)
        {
            self.set_state(order, OrderState::Completed);
            // A completed order holds nothing: the rest goes to the seller.
            self.release_to_seller(order);
        }
    }

    fn close_dispute_rejected(&mut self, order: &str) {
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        let back = o
            .dispute
            .as_ref()
            .map(|d| d.from_state)
            .unwrap_or(OrderState::Received);
        if let Some(d) = o.dispute.as_mut() {
            d.stage = DisputeStage::Settled;
        }
        self.set_state(order, back);
        // Buyer protection may have ended while the dispute ran.
        self.confirm_if_protection_ended(order);
    }

    pub(super) fn require_return(&mut self, order: &str) {
        let Some(number) = self
            .world
            .order(order)
            .and_then(|o| o.dispute.as_ref())
            .map(|d| d.number)
        else {
            return;
        };
        let deadline = self
            .calendar
            .add(self.now, self.policy.return_ship_deadline);
        if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
            d.return_due = Some(deadline);
        }
        self.set_state(order, OrderState::ReturnPending);
        let cost = if self.policy.buyer_pays_return_shipping {
            format!(
                " (return shipping of {} is yours to pay)",
                self.policy.return_shipping_cost
            )
        } else {
            String::new()
        };
        self.note(
            order,
            Fact::ReturnAgreed,
            format!(
                "Return agreed: ship the goods back by {}{cost}",
                show(deadline)
            ),
        );
        self.schedule_at(
            deadline,
            Due::ReturnShipDue {
                order: order.to_owned(),
                dispute: number,
            },
        );
    }

    pub(super) fn check_ship_return(&self, order: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if o.state != OrderState::ReturnPending {
            return Err(Refusal::new(format!(
                "No return of {order} has been agreed."
            )));
        }
        if o.dispute.as_ref().is_some_and(|d| d.return_shipped) {
            return Err(Refusal::new(
                "You already shipped the return; wait for the seller to receive it.",
            ));
        }
        if let Some(cost) = self.return_postage()
            && self.postage_method(order, cost).is_none()
        {
            return Err(Refusal::new(format!(
                "The return postage of {cost} is yours to pay, and no card or wallet of yours has that much: top one up first."
            )));
        }
        Ok(())
    }

    /// What the buyer pays to send a return back, if anything.
    fn return_postage(&self) -> Option<Money> {
        (self.policy.buyer_pays_return_shipping && self.policy.return_shipping_cost > Money::ZERO)
            .then_some(self.policy.return_shipping_cost)
    }

    /// The card or wallet that pays a fee: the order's own if it can, else the first that
    /// has enough.
    fn postage_method(&self, order: &str, cost: Money) -> Option<String> {
        let can_pay = |m: &crate::sim::world::PaymentMethod| {
            matches!(m.kind, MethodKind::Card | MethodKind::EWallet)
                && !m.blocked
                && m.balance >= cost
        };
        let own = self
            .world
            .order(order)
            .and_then(|o| o.method.as_deref())
            .and_then(|id| self.world.method(id))
            .filter(|m| can_pay(m));
        own.or_else(|| self.world.buyer.methods.iter().find(|m| can_pay(m)))
            .map(|m| m.id.clone())
    }

    pub(super) fn ship_return(&mut self, order: &str) {
        let Some(number) = self
            .world
            .order_mut(order)
            .and_then(|o| o.dispute.as_mut())
            .map(|d| {
                d.return_shipped = true;
                d.number
            })
        else {
            return;
        };
        if let Some(cost) = self.return_postage()
            && let Some(method) = self.postage_method(order, cost)
        {
            let label = self
                .world
                .method_mut(&method)
                .map(|m| {
                    m.balance -= cost;
                    m.label.clone()
                })
                .unwrap_or_default();
            self.ledger(order, LedgerKind::Fee, cost, Some(&method));
            self.note(
                order,
                Fact::Fee { amount: cost },
                format!("You paid {cost} for return shipping, from {label}"),
            );
        }
        let arrives = self.calendar.add(self.now, self.policy.return_transit);
        self.note(
            order,
            Fact::ReturnShipped,
            format!(
                "Return shipped; it should reach the seller by {}",
                show(arrives)
            ),
        );
        self.schedule_at(
            arrives,
            Due::ReturnArrives {
                order: order.to_owned(),
                dispute: number,
            },
        );
        self.trigger_seller(
            order,
            Trigger::ReturnShipped,
            Situation {
                order,
                ..Situation::default()
            },
            self.now,
        );
    }

    pub(super) fn return_arrives(&mut self, order: &str, dispute: u32) {
        let Some(d) = self.world.order(order).and_then(|o| o.dispute.clone()) else {
            return;
        };
        if d.number != dispute
            || self.world.order(order).map(|o| o.state) != Some(OrderState::ReturnPending)
        {
            return;
        }
        self.note(
            order,
            Fact::News {
                what: "return received".into(),
            },
            "The seller received the return".to_owned(),
        );
        self.settle_dispute(order, d.amount, "return received by the seller");
    }

    pub(super) fn return_ship_due(&mut self, order: &str, dispute: u32) {
        let Some(d) = self.world.order(order).and_then(|o| o.dispute.clone()) else {
            return;
        };
        if d.number != dispute
            || d.return_shipped
            || self.world.order(order).map(|o| o.state) != Some(OrderState::ReturnPending)
        {
            return;
        }
        if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
            d.stage = DisputeStage::Settled;
        }
        self.note(
            order,
            Fact::DisputeDecided { refund: Money::ZERO },
            format!("You did not ship the return within {}: the dispute is closed and the money goes to the seller", self.policy.return_ship_deadline),
        );
        self.set_state(order, OrderState::Completed);
        self.release_to_seller(order);
    }
}
