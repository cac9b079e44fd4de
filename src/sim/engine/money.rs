//! Money after payment: cancelling lines, refunds through their stages, coupons coming back
//! or not, and paying the seller. Every movement keeps held + released + refunded = paid.

use super::{Due, Simulation};
use crate::sim::action::Refusal;
use crate::sim::log::Fact;
use crate::sim::money::Money;
use crate::sim::time::{Moment, Span, show};
use crate::sim::world::{
    CouponIssuer, CouponState, LedgerKind, MethodKind, Order, OrderState, Refund, RefundStage,
};

impl Simulation {
    /// Cancels `items` of an order (all when empty) and refunds their share of what was paid.
    pub(super) fn cancel_lines(
        &mut self,
        order: &str,
        items: &[String],
        why: &str,
        full_state: OrderState,
    ) {
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        // The goods not yet cancelled, and (below) what is still paid for them: earlier
        // partial cancellations already took their share out of both.
        let goods_before = o.goods_total();
        let mut cancelled_goods = Money::ZERO;
        for line in o.lines.iter_mut().filter(|l| !l.cancelled) {
            if items.is_empty() || items.contains(&line.item) {
                line.cancelled = true;
                cancelled_goods += line.total();
            }
        }
        let full = o.lines.iter().all(|l| l.cancelled);
        let remaining = o.money.paid - o.money.refunded;
        let refund = if full {
            remaining
        } else {
            remaining.share(cancelled_goods, goods_before)
        };
        let text = if full {
            format!("Order cancelled: {why}")
        } else {
            let names: Vec<&str> = o
                .lines
                .iter()
                .filter(|l| items.contains(&l.item))
                .map(|l| l.title.as_str())
                .collect();
            format!("Cancelled {}: {why}", names.join(", "))
        };
        self.note(
            order,
            Fact::News {
                what: "cancel".into(),
            },
            text,
        );
        self.settle_coupon(order, full);
        if refund > Money::ZERO {
            self.start_refund(order, refund, why);
        }
        if full {
            let pending = self
                .world
                .refunds_of(order)
                .any(|r| r.stage != RefundStage::Received);
            let target = if pending {
                full_state
            } else {
                OrderState::Cancelled
            };
            self.set_state(order, target);
        }
    }

    pub(super) fn start_refund(&mut self, order: &str, amount: Money, why: &str) {
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        let amount = amount.min(o.money.paid - o.money.refunded);
        if amount <= Money::ZERO {
            return;
        }
        let from_held = amount.min(o.money.held);
        o.money.held -= from_held;
        o.money.released -= amount - from_held;
        o.money.refunded += amount;
        let method = o
            .refund_to
            .clone()
            .or_else(|| o.method.clone())
            .unwrap_or_default();
        self.world.held_changed(from_held, false);
        let kind = self.world.method(&method).map(|m| m.kind);
        let timing = kind.and_then(|k| self.policy.refund_timing(k)).cloned();
        let steps = timing
            .map(|t| [t.to_processing, t.to_sent, t.to_received])
            .unwrap_or([Span::Minutes(0); 3]);
        let expected_at = self.calendar.add_all(self.now, &steps);
        let id = self.world.refunds.len() as u32 + 1;
        self.world.add_refund(Refund {
            id,
            order: order.to_owned(),
            method: method.clone(),
            amount,
            stage: RefundStage::Requested,
            reached: vec![(RefundStage::Requested, self.now)],
            expected_at,
            stalled: false,
            bank_delay: Vec::new(),
            why: why.to_owned(),
        });
        self.ledger(order, LedgerKind::RefundStarted, amount, Some(&method));
        let method_id = method.clone();
        let label = self
            .world
            .method(&method)
            .map(|m| m.label.clone())
            .unwrap_or(method);
        self.note(
            order,
            Fact::RefundStage {
                refund: id,
                stage: RefundStage::Requested,
                amount,
            },
            format!(
                "Refund #{id} of {} to {label} requested; expected by {}",
                self.amount_in(Some(&method_id), amount),
                show(expected_at)
            ),
        );
        self.schedule_after(steps[0], Due::RefundStep { refund: id });
    }

    /// Refunds may go to the buyer's points instead of the method that paid, where the
    /// platform offers it, for what is still to be refunded.
    pub(super) fn check_refund_to(&self, order: &str, method: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if !self.policy.refund_as_points {
            return Err(Refusal::new(
                "Refunds here go back to the method that paid; there is no choice to make.",
            ));
        }
        let Some(paid_with) = o.method.as_deref().filter(|_| o.money.paid > Money::ZERO) else {
            return Err(Refusal::new(format!(
                "{order} is not paid: there is nothing to refund yet."
            )));
        };
        let Some(target) = self.world.method(method) else {
            return Err(Refusal::new(format!(
                "You have no payment method \"{method}\"."
            )));
        };
        if method != paid_with && target.kind != MethodKind::BonusPoints {
            return Err(Refusal::new(format!(
                "A refund goes back to the method that paid ({paid_with}) or to your points; {} is neither.",
                target.label
            )));
        }
        let current = o.refund_to.as_deref().unwrap_or(paid_with);
        if current == method {
            return Err(Refusal::new(format!(
                "Refunds of {order} already go to {}.",
                target.label
            )));
        }
        if o.money.refunded >= o.money.paid {
            return Err(Refusal::new(format!(
                "Everything paid for {order} is already being refunded; where it goes is settled."
            )));
        }
        Ok(())
    }

    pub(super) fn refund_to(&mut self, order: &str, method: &str) {
        let label = self
            .world
            .method(method)
            .map(|m| m.label.clone())
            .unwrap_or_else(|| method.to_owned());
        if let Some(o) = self.world.order_mut(order) {
            o.refund_to = (o.method.as_deref() != Some(method)).then(|| method.to_owned());
        }
        self.note(
            order,
            Fact::News {
                what: "refund destination".to_owned(),
            },
            format!("Refunds of {order} will go to {label}"),
        );
    }

    /// The buyer's points, where a platform can refund as points.
    pub fn points_method(&self) -> Option<&str> {
        self.world
            .buyer
            .methods
            .iter()
            .find(|m| m.kind == MethodKind::BonusPoints)
            .map(|m| m.id.as_str())
    }

    /// An amount as the buyer sees it for a method: bonus points as points, else money.
    pub fn amount_in(&self, method: Option<&str>, amount: Money) -> String {
        match method.and_then(|m| self.world.method(m)).map(|m| m.kind) {
            Some(crate::sim::world::MethodKind::BonusPoints) => amount.as_points(),
            _ => amount.to_string(),
        }
    }

    /// Whether a refund to this method can be late at all: one that arrives within the day
    /// (bonus points, a wallet on some platforms) never needs chasing.
    fn refund_can_be_late(&self, method: &str) -> bool {
        let Some(kind) = self.world.method(method).map(|m| m.kind) else {
            return true;
        };
        let Some(timing) = self.policy.refund_timing(kind) else {
            return true;
        };
        let a_day_on = self.calendar.add(self.now, Span::Days(1));
        self.calendar.add(self.now, timing.to_received) >= a_day_on
    }

    /// When a refund not yet received counts as late (the buyer should contact support):
    /// the policy's time after "sent". `None` before "sent" and once received.
    pub fn refund_late_from(&self, refund: &Refund) -> Option<Moment> {
        if refund.stage == RefundStage::Received || !self.refund_can_be_late(&refund.method) {
            return None;
        }
        refund
            .reached_at(RefundStage::Sent)
            .map(|sent| self.calendar.add(sent, self.policy.refund_late_after_sent))
    }

    /// Whether the refund is late now.
    pub fn refund_is_late(&self, refund: &Refund) -> bool {
        self.refund_late_from(refund)
            .is_some_and(|late| self.now >= late)
    }

    fn refund_steps(&self, refund: &Refund) -> [Span; 3] {
        self.world
            .method(&refund.method)
            .and_then(|m| self.policy.refund_timing(m.kind))
            .map(|t| [t.to_processing, t.to_sent, t.to_received])
            .unwrap_or([Span::Minutes(0); 3])
    }

    /// Moves a refund to its next stage, unless a bank delays or stalls it.
    pub(super) fn refund_step(&mut self, id: u32) {
        let Some(refund) = self.world.refund(id).cloned() else {
            return;
        };
        let steps = self.refund_steps(&refund);
        let next = match refund.stage {
            RefundStage::Requested => RefundStage::Processing,
            RefundStage::Processing => RefundStage::Sent,
            RefundStage::Sent | RefundStage::Received => RefundStage::Received,
        };
        if refund.stage == RefundStage::Received {
            return;
        }
        if next == RefundStage::Received {
            if refund.stalled {
                return;
            }
            if !refund.bank_delay.is_empty() {
                let until = self.calendar.add_all(self.now, &refund.bank_delay);
                if let Some(r) = self.world.refund_mut(id) {
                    r.bank_delay.clear();
                    r.expected_at = until;
                }
                self.note(
                    &refund.order,
                    Fact::RefundDelayed { refund: id },
                    format!(
                        "The bank delays refund #{id}: now expected by {}",
                        show(until)
                    ),
                );
                self.schedule_at(until, Due::RefundStep { refund: id });
                return;
            }
        }
        self.reach_refund_stage(id, next);
        let after = match next {
            RefundStage::Processing => Some(steps[1]),
            RefundStage::Sent => Some(steps[2]),
            _ => None,
        };
        if let Some(span) = after {
            self.schedule_after(span, Due::RefundStep { refund: id });
        }
    }

    pub(super) fn reach_refund_stage(&mut self, id: u32, stage: RefundStage) {
        let now = self.now;
        let Some(r) = self.world.refund_mut(id) else {
            return;
        };
        if r.stage >= stage {
            return;
        }
        r.stage = stage;
        r.reached.push((stage, now));
        let (order, amount, method) = (r.order.clone(), r.amount, r.method.clone());
        let shown = self.amount_in(Some(&method), amount);
        let can_be_late = self.refund_can_be_late(&method);
        let text = match stage {
            RefundStage::Processing => format!("Refund #{id} of {shown} is being processed"),
            RefundStage::Sent if can_be_late => format!(
                "Refund #{id} of {shown} sent to your {}; if it has not arrived {} from now, contact support",
                self.world
                    .method(&method)
                    .map(|m| m.kind.name())
                    .unwrap_or("account"),
                self.policy.refund_late_after_sent
            ),
            RefundStage::Sent => format!("Refund #{id} of {shown} sent"),
            RefundStage::Received => format!("Refund #{id} of {shown} received"),
            RefundStage::Requested => format!("Refund #{id} requested"),
        };
        if stage == RefundStage::Received {
            if let Some(m) = self.world.method_mut(&method) {
                m.balance += amount;
            }
            self.ledger(&order, LedgerKind::RefundReceived, amount, Some(&method));
        }
        self.note(
            &order,
            Fact::RefundStage {
                refund: id,
                stage,
                amount,
            },
            text,
        );
        if stage == RefundStage::Received {
            self.settle_if_refunded(&order);
        }
        if stage == RefundStage::Sent && can_be_late {
            self.schedule_after(
                self.policy.refund_late_after_sent,
                Due::RefundLate { refund: id },
            );
        }
    }

    /// The policy's time after "sent" has run out: if the money is still not there, the
    /// buyer should contact support, and the story says so.
    pub(super) fn refund_late(&mut self, id: u32) {
        let Some(r) = self.world.refund(id) else {
            return;
        };
        if r.stage == RefundStage::Received || !self.refund_is_late(r) {
            return;
        }
        let (order, amount) = (r.order.clone(), r.amount);
        self.note(
            &order,
            Fact::RefundLate { refund: id },
            format!(
                "Refund #{id} of {amount} has not arrived {} after it was sent: it is late, contact support",
                self.policy.refund_late_after_sent
            ),
        );
    }

    /// A refunding order ends once all its refunds have arrived.
    pub(super) fn settle_if_refunded(&mut self, order: &str) {
        let Some(o) = self.world.order(order) else {
            return;
        };
        if o.state != OrderState::Refunding {
            return;
        }
        if self
            .world
            .refunds_of(order)
            .any(|r| r.stage != RefundStage::Received)
        {
            return;
        }
        let fully = o.money.refunded == o.money.paid;
        let cancelled = o.lines.iter().all(|l| l.cancelled);
        let target = if fully || cancelled {
            OrderState::Cancelled
        } else {
            OrderState::Completed
        };
        self.set_state(order, target);
        if target == OrderState::Completed {
            // A partial settlement: nothing will happen to this order any more, so what the
            // platform still holds is the seller's, not held forever.
            self.release_to_seller(order);
        }
    }

    /// Sends what the platform holds to the seller: the buyer confirmed receipt, or the
    /// protection timer ran out, or a return was never shipped.
    pub(super) fn release_to_seller(&mut self, order: &str) {
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        let amount = o.money.held;
        if amount == Money::ZERO {
            return;
        }
        o.money.held = Money::ZERO;
        o.money.released += amount;
        let method = o.method.clone();
        self.world.held_changed(amount, false);
        self.ledger(
            order,
            LedgerKind::PaidOutToSeller,
            amount,
            method.as_deref(),
        );
        self.note(
            order,
            Fact::PaidOutToSeller { amount },
            format!("The platform paid {amount} out to the seller"),
        );
    }

    /// After a cancellation: does the coupon come back, stay used, or is it forfeited?
    fn settle_coupon(&mut self, order: &str, full: bool) {
        let Some(code) = self.world.order(order).and_then(|o| o.coupon.clone()) else {
            return;
        };
        let Some(coupon) = self.world.coupon(&code).cloned() else {
            return;
        };
        // A coupon that came back and was used again belongs to its new orders now: an older
        // order it once paid for has no say over it.
        if coupon.state != CouponState::Used || !coupon.used_on.iter().any(|id| id == order) {
            return;
        }
        let all_lines_cancelled = |o: &Order| o.lines.iter().all(|l| l.cancelled);
        let comes_back = match coupon.issuer {
            CouponIssuer::Platform => {
                if self.policy.platform_coupon_back_only_when_all_cancelled {
                    let everything = coupon
                        .used_on
                        .iter()
                        .all(|id| self.world.order(id).is_some_and(all_lines_cancelled));
                    if !everything {
                        self.note(
                            order,
                            Fact::News { what: "coupon kept".into() },
                            format!(
                                "Platform coupon {code} stays used: it comes back only when every item bought with it is cancelled"
                            ),
                        );
                    }
                    everything
                } else {
                    full
                }
            }
            CouponIssuer::Seller(_) => {
                if !full && !self.policy.seller_coupon_back_on_partial_cancel {
                    if let Some(c) = self.world.coupon_mut(&code) {
                        c.state = CouponState::Forfeited;
                    }
                    self.ledger(order, LedgerKind::CouponForfeited, coupon.amount, None);
                    self.note(
                        order,
                        Fact::CouponForfeited { coupon: code.clone() },
                        format!("Seller coupon {code} is forfeited: a partial cancellation does not return it"),
                    );
                    return;
                }
                full
            }
        };
        if !comes_back {
            return;
        }
        let expired = self.now >= coupon.expires;
        if let Some(c) = self.world.coupon_mut(&code) {
            c.state = if expired {
                CouponState::Expired
            } else {
                CouponState::Returned
            };
        }
        if expired {
            self.note(
                order,
                Fact::CouponForfeited {
                    coupon: code.clone(),
                },
                format!(
                    "Coupon {code} would come back, but it expired on {}",
                    show(coupon.expires)
                ),
            );
        } else {
            self.ledger(order, LedgerKind::CouponReturned, coupon.amount, None);
            self.note(
                order,
                Fact::CouponReturned {
                    coupon: code.clone(),
                },
                format!(
                    "Coupon {code} ({}) is back in your account until {}",
                    coupon.amount,
                    show(coupon.expires)
                ),
            );
        }
    }
}
