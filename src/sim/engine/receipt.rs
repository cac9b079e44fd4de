//! Receiving the goods: confirming receipt (which pays the seller), reviews, and
//! cash-on-delivery parcels collected, refused or left at the post office.

use super::Simulation;
use crate::sim::action::Refusal;
use crate::sim::log::Fact;
use crate::sim::money::Money;
use crate::sim::world::{LedgerKind, OrderState, Review};

impl Simulation {
    pub(super) fn check_confirm_receipt(&self, order: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if o.state == OrderState::Shipped && o.is_cash_on_delivery(&self.world.buyer) {
            return Err(Refusal::new(format!(
                "The cash-on-delivery parcel of {order} has not reached the post office yet: you pay and collect it when it arrives."
            )));
        }
        match o.state {
            OrderState::Shipped | OrderState::Delivered => Ok(()),
            OrderState::Received | OrderState::Completed => Err(Refusal::new(format!(
                "You already confirmed receipt of {order}."
            ))),
            state if state.is_final() || state == OrderState::Refunding => {
                Err(Refusal::new(format!(
                    "{order} is \"{}\": there is nothing to receive.",
                    self.state_of(o)
                )))
            }
            _ => Err(Refusal::new(format!(
                "{order} has not been shipped (status: {}); there is nothing to receive yet.",
                self.state_of(o)
            ))),
        }
    }

    /// `by_buyer` is false when the protection timer confirms on the buyer's behalf.
    pub(super) fn confirm_receipt(&mut self, order: &str, by_buyer: bool) {
        let cod = self
            .world
            .order(order)
            .is_some_and(|o| o.is_cash_on_delivery(&self.world.buyer));
        if cod && by_buyer {
            // Collecting the parcel is when cash on delivery is paid.
            if let Some(o) = self.world.order_mut(order) {
                let due = o.amount_due();
                o.paid_at = Some(self.now);
                o.money.paid = due;
                o.money.held = due;
                let method = o.method.clone();
                self.world.held_changed(due, true);
                self.ledger(order, LedgerKind::Charge, due, method.as_deref());
                self.note(
                    order,
                    Fact::OrderPaid { amount: due },
                    format!("Paid {due} in cash at the post office"),
                );
            }
        }
        let now = self.now;
        if let Some(o) = self.world.order_mut(order) {
            o.received_at = Some(now);
            o.delivered_at.get_or_insert(now);
            o.confirmed_by_buyer |= by_buyer;
        }
        let text = if by_buyer {
            "You confirmed receipt".to_owned()
        } else {
            format!(
                "Buyer protection ({}) ended: the order counts as received",
                self.policy.buyer_protection
            )
        };
        self.note(order, Fact::ReceiptConfirmed { by_buyer }, text);
        self.set_state(order, OrderState::Received);
        self.release_to_seller(order);
    }

    pub(super) fn check_review(&self, order: &str, stars: u8) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if !(1..=5).contains(&stars) {
            return Err(Refusal::new("A review has 1 to 5 stars."));
        }
        if o.review.is_some() {
            return Err(Refusal::new(format!("You already reviewed {order}.")));
        }
        match o.state {
            OrderState::Received | OrderState::Completed => Ok(()),
            _ => Err(Refusal::new(format!(
                "A review can be left once you have confirmed receipt; {order} is \"{}\".",
                self.state_of(o)
            ))),
        }
    }

    pub(super) fn leave_review(&mut self, order: &str, stars: u8, text: String) {
        let now = self.now;
        if let Some(o) = self.world.order_mut(order) {
            o.review = Some(Review {
                stars,
                text,
                at: now,
            });
        }
        self.note(
            order,
            Fact::News {
                what: "review".into(),
            },
            format!("Review left: {stars}★"),
        );
        if self.world.order(order).map(|o| o.state) == Some(OrderState::Received) {
            self.set_state(order, OrderState::Completed);
        }
    }

    pub(super) fn check_refuse_parcel(&self, order: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if !o.is_cash_on_delivery(&self.world.buyer) {
            return Err(Refusal::new(format!(
                "{order} is not cash on delivery: refuse only applies to parcels paid at pickup."
            )));
        }
        if o.state != OrderState::Delivered {
            return Err(Refusal::new(format!(
                "The parcel of {order} has not reached the post office (status: {}).",
                self.state_of(o)
            )));
        }
        Ok(())
    }

    pub(super) fn refuse_parcel(&mut self, order: &str) {
        self.cod_goes_back(order, "You refused the parcel at the post office");
    }

    pub(super) fn cod_goes_back(&mut self, order: &str, text: &str) {
        if self.world.order(order).map(|o| o.state) != Some(OrderState::Delivered) {
            return;
        }
        let fee = self.policy.cod_refusal_fee;
        self.note(
            order,
            Fact::News {
                what: "parcel returned".into(),
            },
            format!("{text}; it goes back to the seller"),
        );
        if fee > Money::ZERO {
            self.ledger(order, LedgerKind::Fee, fee, None);
            self.note(
                order,
                Fact::Fee { amount: fee },
                format!("You may still owe {fee} for delivery"),
            );
        }
        if let Some(o) = self.world.order_mut(order) {
            for line in &mut o.lines {
                line.cancelled = true;
            }
        }
        self.set_state(order, OrderState::Cancelled);
    }
}
