//! Cart, checkout and payment: everything before an order is paid.

use super::{Due, Simulation};
use crate::sim::action::Refusal;
use crate::sim::agent::Trigger;
use crate::sim::log::Fact;
use crate::sim::money::Money;
use crate::sim::time::Span;
use crate::sim::world::{
    CartLine, CouponIssuer, CouponState, LedgerKind, MAX_QUANTITY, MethodKind, Order, OrderLine,
    OrderMoney, OrderState, PaymentFailure,
};

/// What a checkout would create: one order per seller, with its share of the coupon.
pub(super) struct CheckoutPlan {
    pub orders: Vec<(String, Vec<OrderLine>, Money, Money)>,
    pub coupon: Option<String>,
}

impl Simulation {
    pub(super) fn check_add_to_cart(&self, item: &str, quantity: u32) -> Result<(), Refusal> {
        if self.world.item(item).is_none() {
            return Err(Refusal::new(format!(
                "There is no item {item} in the catalogue."
            )));
        }
        if quantity == 0 {
            return Err(Refusal::new("Add at least one."));
        }
        let already = self
            .world
            .cart
            .iter()
            .find(|l| l.item == item)
            .map_or(0, |l| l.quantity);
        if u64::from(already) + u64::from(quantity) > u64::from(MAX_QUANTITY) {
            let why = if already == 0 {
                format!("you asked for {quantity}")
            } else {
                format!("it holds {already} already and you asked for {quantity} more")
            };
            return Err(Refusal::new(format!(
                "A cart line holds at most {MAX_QUANTITY} pieces; {why}."
            )));
        }
        Ok(())
    }

    pub(super) fn check_cart_line(&self, item: &str) -> Result<(), Refusal> {
        if self.world.cart.iter().any(|l| l.item == item) {
            Ok(())
        } else {
            Err(Refusal::new(format!("{item} is not in the cart.")))
        }
    }

    pub(super) fn check_cart_not_empty(&self) -> Result<(), Refusal> {
        if self.world.cart.is_empty() {
            Err(Refusal::new("The cart is empty."))
        } else {
            Ok(())
        }
    }

    pub(super) fn check_delete_selected(&self) -> Result<(), Refusal> {
        self.check_cart_not_empty()?;
        if self.world.cart.iter().any(|l| l.selected) {
            Ok(())
        } else {
            Err(Refusal::new(
                "Nothing is selected: select the items to delete first.",
            ))
        }
    }

    pub(super) fn add_to_cart(&mut self, item: &str, quantity: u32) {
        match self.world.cart.iter_mut().find(|l| l.item == item) {
            // `check_add_to_cart` keeps the sum within `MAX_QUANTITY`.
            Some(line) => line.quantity += quantity,
            None => self.world.cart.push(CartLine {
                item: item.to_owned(),
                quantity,
                selected: true,
            }),
        }
        self.record(
            None,
            Fact::CartChanged,
            format!("Cart: added {quantity} × {item}"),
        );
    }

    pub(super) fn set_selected(&mut self, item: Option<&str>, selected: bool) {
        for line in &mut self.world.cart {
            if item.is_none_or(|i| i == line.item) {
                line.selected = selected;
            }
        }
    }

    pub(super) fn delete_selected(&mut self) {
        let (gone, kept): (Vec<CartLine>, Vec<CartLine>) =
            self.world.cart.drain(..).partition(|l| l.selected);
        self.world.cart = kept;
        let names: Vec<String> = gone.iter().map(|l| l.item.clone()).collect();
        self.record(
            None,
            Fact::CartChanged,
            format!(
                "Cart: deleted {} (this cannot be undone; find the item in the catalogue to buy it again)",
                names.join(", ")
            ),
        );
    }

    pub(super) fn plan_checkout(&self, coupon: Option<&str>) -> Result<CheckoutPlan, Refusal> {
        let selected: Vec<&CartLine> = self.world.cart.iter().filter(|l| l.selected).collect();
        if selected.is_empty() {
            return Err(Refusal::new("Select at least one cart item to check out."));
        }
        // One order per seller, sellers in the order their first item appears.
        let mut by_seller: Vec<(String, Vec<OrderLine>, Money)> = Vec::new();
        for line in selected {
            let Some(item) = self.world.item(&line.item) else {
                continue;
            };
            let order_line = OrderLine {
                item: item.id.clone(),
                title: item.title.clone(),
                quantity: line.quantity,
                unit_price: item.price,
                cancelled: false,
            };
            match by_seller.iter_mut().find(|(s, _, _)| *s == item.seller) {
                Some((_, lines, shipping)) => {
                    lines.push(order_line);
                    *shipping = (*shipping).max(item.shipping);
                }
                None => by_seller.push((item.seller.clone(), vec![order_line], item.shipping)),
            }
        }
        for (seller_id, lines, shipping) in &by_seller {
            let seller = self.world.seller(seller_id);
            // Each order must stay within what an order may come to; past that, the sums
            // below could not be trusted.
            let subtotal = Money::checked_sum(lines.iter().map(OrderLine::total));
            let total = subtotal.and_then(|s| s.checked_add(*shipping));
            if total.is_none_or(|t| t > Money::MAX) {
                return Err(Refusal::new(format!(
                    "Your items from {} would come to more than {}, the most one order may come to; select fewer.",
                    seller.map_or(seller_id.as_str(), |s| s.name.as_str()),
                    Money::MAX
                )));
            }
            let Some(seller) = seller else {
                continue;
            };
            let subtotal = subtotal.unwrap_or_default();
            if subtotal < seller.min_order {
                return Err(Refusal::new(format!(
                    "{} accepts orders from {}; your items from this seller come to {}.",
                    seller.name, seller.min_order, subtotal
                )));
            }
        }
        let mut discounts = vec![Money::ZERO; by_seller.len()];
        if let Some(code) = coupon {
            let c = self
                .world
                .coupon(code)
                .ok_or_else(|| Refusal::new(format!("You have no coupon {code}.")))?;
            if !c.usable(self.now) {
                let why = if self.now >= c.expires {
                    format!("it expired on {}", self.show(c.expires))
                } else {
                    "it has been used already".to_owned()
                };
                return Err(Refusal::new(format!(
                    "Coupon {code} cannot be used: {why}."
                )));
            }
            let applies = |seller: &str| match &c.issuer {
                CouponIssuer::Platform => true,
                CouponIssuer::Seller(s) => s == seller,
            };
            let base: Money = by_seller
                .iter()
                .filter(|(s, _, _)| applies(s))
                .flat_map(|(_, lines, _)| lines.iter().map(OrderLine::total))
                .sum();
            if base == Money::ZERO {
                return Err(Refusal::new(format!(
                    "Coupon {code} is a seller's coupon and none of the selected items is from that seller."
                )));
            }
            if base < c.min_order {
                return Err(Refusal::new(format!(
                    "Coupon {code} needs an order of at least {}; the items it applies to come to {base}.",
                    c.min_order
                )));
            }
            let amount = c.amount.min(base);
            let mut left = amount;
            let eligible: Vec<usize> = (0..by_seller.len())
                .filter(|i| applies(&by_seller[*i].0))
                .collect();
            for (n, i) in eligible.iter().enumerate() {
                let goods: Money = by_seller[*i].1.iter().map(OrderLine::total).sum();
                let share = if n + 1 == eligible.len() {
                    left
                } else {
                    amount.share(goods, base)
                };
                discounts[*i] = share;
                left -= share;
            }
        }
        Ok(CheckoutPlan {
            orders: by_seller
                .into_iter()
                .zip(discounts)
                .map(|((seller, lines, shipping), discount)| (seller, lines, shipping, discount))
                .collect(),
            coupon: coupon.map(str::to_owned),
        })
    }

    pub(super) fn checkout(&mut self, coupon: Option<&str>) {
        let Ok(plan) = self.plan_checkout(coupon) else {
            return;
        };
        let checkout = self.world.next_checkout;
        self.world.next_checkout += 1;
        let mut ids = Vec::new();
        for (seller, lines, shipping, discount) in plan.orders {
            let id = format!("N-{}", self.world.next_order_number);
            self.world.next_order_number += 1;
            let coupon_here = (discount > Money::ZERO)
                .then(|| plan.coupon.clone())
                .flatten();
            let position = self.world.add_order(Order {
                coupon: coupon_here,
                discount,
                shipping,
                ..Order::placed(id.clone(), seller, lines, checkout, self.now)
            });
            self.index_groups(position, None);
            ids.push(id);
        }
        self.world.cart.retain(|l| !l.selected);
        if let Some(code) = &plan.coupon
            && let Some(c) = self.world.coupon_mut(code)
        {
            c.state = CouponState::Used;
            c.used_on = ids.clone();
            let amount = c.amount;
            self.world.ledger.push(crate::sim::world::LedgerEntry {
                at: self.now,
                order: ids.first().cloned(),
                kind: LedgerKind::CouponUsed,
                amount,
                method: None,
            });
        }
        for id in ids {
            let (due, seller) = match self.world.order(&id) {
                Some(o) => (
                    o.amount_due(),
                    self.world
                        .seller(&o.seller)
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| o.seller.clone()),
                ),
                None => continue,
            };
            self.note(
                &id,
                Fact::OrderPlaced,
                format!("Order placed with {seller}: {due} to pay"),
            );
            self.schedule_after(
                self.policy.unpaid_closes_after,
                Due::UnpaidExpires { order: id.clone() },
            );
            self.trigger_seller(&id, Trigger::OrderPlaced, Default::default(), self.now);
        }
    }

    pub(super) fn check_pay(&self, order: &str, method: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if o.state != OrderState::Unpaid {
            return Err(Refusal::new(format!(
                "{order} is not awaiting payment (status: {}).",
                self.state_of(o)
            )));
        }
        if self.world.method(method).is_none() {
            return Err(Refusal::new(format!(
                "You have no payment method {method}."
            )));
        }
        Ok(())
    }

    /// The bank's answer for this payment, consuming a scripted failure if there is one.
    fn bank_decision(&mut self, method: &str, amount: Money) -> Option<PaymentFailure> {
        let today = self.now.date();
        let m = self.world.method_mut(method)?;
        if !m.scripted_failures.is_empty() {
            return Some(m.scripted_failures.remove(0));
        }
        if m.kind == MethodKind::CashOnDelivery {
            return None;
        }
        if m.blocked {
            return Some(PaymentFailure::CardBlocked);
        }
        if m.expires.is_some_and(|e| e < today) {
            return Some(PaymentFailure::CardExpired);
        }
        if m.per_payment_limit.is_some_and(|l| amount > l) {
            return Some(PaymentFailure::TechnicalLimit);
        }
        if m.balance < amount {
            return Some(PaymentFailure::InsufficientFunds);
        }
        None
    }

    pub(super) fn pay(&mut self, order: &str, method: &str) -> Result<(), Refusal> {
        let Some(amount) = self.world.order(order).map(Order::amount_due) else {
            return Ok(());
        };
        if let Some(failure) = self.bank_decision(method, amount) {
            let message = failure.bank_message();
            self.note(order, Fact::PaymentFailed, message.to_owned());
            return Err(Refusal::new(message));
        }
        let Some(kind) = self.world.method(method).map(|m| m.kind) else {
            return Ok(());
        };
        if let Some(o) = self.world.order_mut(order) {
            o.method = Some(method.to_owned());
        }
        if kind == MethodKind::CashOnDelivery {
            self.note(
                order,
                Fact::OrderPaid {
                    amount: Money::ZERO,
                },
                format!("Cash on delivery chosen: {amount} to pay at the post office"),
            );
            self.enter_awaiting_shipment(order);
            return Ok(());
        }
        if let Some(m) = self.world.method_mut(method) {
            m.balance -= amount;
        }
        if let Some(o) = self.world.order_mut(order) {
            let before = o.money.held;
            o.paid_at = Some(self.now);
            o.money = OrderMoney {
                paid: amount,
                held: amount,
                ..OrderMoney::default()
            };
            self.world.held_changed(before, false);
            self.world.held_changed(amount, true);
        }
        self.ledger(order, LedgerKind::Charge, amount, Some(method));
        self.ledger(order, LedgerKind::HeldByPlatform, amount, Some(method));
        let label = self
            .world
            .method(method)
            .map(|m| m.label.clone())
            .unwrap_or_default();
        self.note(
            order,
            Fact::OrderPaid { amount },
            if self.policy.platform_mediates {
                format!(
                    "Paid {} with {label}; the platform holds it until you confirm receipt",
                    self.amount_in(Some(method), amount)
                )
            } else {
                format!("Paid {} with {label}", self.amount_in(Some(method), amount))
            },
        );
        if is_zero(self.policy.payment_verification) {
            self.enter_awaiting_shipment(order);
        } else {
            self.set_state(order, OrderState::Verifying);
            self.schedule_after(
                self.policy.payment_verification,
                Due::VerificationDone {
                    order: order.to_owned(),
                },
            );
        }
        Ok(())
    }

    pub(super) fn enter_awaiting_shipment(&mut self, order: &str) {
        self.set_state(order, OrderState::AwaitingShipment);
        let paid = self
            .world
            .order(order)
            .and_then(|o| o.paid_at)
            .unwrap_or(self.now);
        let at = self.calendar.add(paid, self.policy.processing_time);
        self.schedule_at(
            at,
            Due::ProcessingExpires {
                order: order.to_owned(),
            },
        );
        self.trigger_seller_for_paid(order);
    }

    pub(super) fn ledger(
        &mut self,
        order: &str,
        kind: LedgerKind,
        amount: Money,
        method: Option<&str>,
    ) {
        self.world.ledger.push(crate::sim::world::LedgerEntry {
            at: self.now,
            order: Some(order.to_owned()),
            kind,
            amount,
            method: method.map(str::to_owned),
        });
    }
}

pub(super) fn is_zero(span: Span) -> bool {
    matches!(
        span,
        Span::Minutes(0) | Span::Hours(0) | Span::Days(0) | Span::BusinessDays(0)
    )
}
