//! Meaning checks after parsing: every reference defined, no negative money, no time
//! before the start where the story cannot have it. All problems are collected, not just
//! the first, and each is pinned to the text it is about.

use super::format::{ScenarioFile, Stamp};
use super::presets;
use super::report::{Problem, closest};
use crate::sim::agent::{Condition, Happening, Response};
use crate::sim::money::Money;
use crate::sim::policy::Policy;
use crate::sim::time::show;
use crate::sim::world::{CouponIssuer, MethodKind, OrderState};
use std::collections::BTreeSet;
use std::ops::Range;

/// Finds where in the source a value sits, so a meaning problem can name its line.
/// Repeated look-ups of the same text move on to its next occurrence.
struct Locator<'s> {
    source: &'s str,
    used: BTreeSet<usize>,
}

impl<'s> Locator<'s> {
    fn new(source: &'s str) -> Self {
        Locator {
            source,
            used: BTreeSet::new(),
        }
    }

    /// `key: "value"` (or `key: value`), falling back to the value alone, then the key.
    fn find(&mut self, key: &str, value: &str) -> Option<Range<usize>> {
        let quoted = format!("\"{value}\"");
        let candidates = self
            .value_after_key(key, &quoted)
            .into_iter()
            .chain(self.value_after_key(key, value))
            .chain(self.all(&quoted))
            .chain(self.key_positions(key));
        let mut first = None;
        for range in candidates {
            first.get_or_insert(range.clone());
            if !self.used.contains(&range.start) {
                self.used.insert(range.start);
                return Some(range);
            }
        }
        first
    }

    fn all(&self, needle: &str) -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.source
            .match_indices(needle)
            .map(|(i, m)| i..i + m.len())
            .collect()
    }

    fn key_positions(&self, key: &str) -> Vec<Range<usize>> {
        self.all(key)
            .into_iter()
            .filter(|r| self.source[r.end..].trim_start().starts_with(':'))
            .collect()
    }

    fn value_after_key(&self, key: &str, value: &str) -> Vec<Range<usize>> {
        self.key_positions(key)
            .into_iter()
            .filter_map(|r| {
                let after = &self.source[r.end..];
                let colon = after.find(':')?;
                let rest = &after[colon + 1..];
                let trimmed = rest.trim_start();
                let start = r.end + colon + 1 + (rest.len() - trimmed.len());
                trimmed
                    .starts_with(value)
                    .then(|| start..start + value.len())
            })
            .collect()
    }
}

/// The preset with the scenario's overrides applied, or the problem that prevents it.
pub(super) fn policy_of(file: &ScenarioFile) -> Result<Policy, Problem> {
    let name = &file.policy.preset;
    match presets::load(name) {
        Some(Ok(mut policy)) => {
            policy.apply(file.policy.overrides.clone());
            Ok(policy)
        }
        Some(Err(e)) => Err(Problem::new(
            format!("the built-in preset `{name}` is broken: {e}"),
            None,
        )),
        None => {
            let known: Vec<&str> = presets::names().collect();
            let help = match closest(name, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? Presets: {}", known.join(", ")),
                None => format!("presets: {}", known.join(", ")),
            };
            Err(Problem::new(format!("there is no policy preset `{name}`"), None).help(help))
        }
    }
}

struct Checker<'s> {
    at: Locator<'s>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, key: &str, value: &str, message: String, help: Option<String>) {
        let span = self.at.find(key, value);
        let mut problem = Problem::new(message, span);
        problem.help = help;
        self.problems.push(problem);
    }

    fn money(&mut self, key: &str, what: &str, amount: Money) {
        if amount.is_negative() {
            let text = amount.to_string().replace('$', "");
            self.report(
                key,
                &text,
                format!("{what} is negative ({amount})"),
                Some("amounts of money are zero or more".into()),
            );
        }
    }

    /// A reference to an id that must be defined in `known`.
    fn reference(&mut self, key: &str, id: &str, kind: &str, known: &[&str]) {
        if known.contains(&id) {
            return;
        }
        let help = match closest(id, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known.is_empty() => format!("no {kind} is defined in this file"),
            None => format!("defined: {}", known.join(", ")),
        };
        self.report(key, id, format!("{kind} `{id}` is not defined"), Some(help));
    }

    fn unique<'a>(&mut self, kind: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = BTreeSet::new();
        for id in ids {
            if !seen.insert(id) {
                self.report(
                    "id",
                    id,
                    format!("{kind} `{id}` is defined twice"),
                    Some("ids must be unique".into()),
                );
            }
        }
    }

    fn not_after_start(&mut self, key: &str, stamp: Stamp, start: Stamp, what: &str) {
        if stamp > start {
            let text = stamp.0.format("%Y-%m-%d").to_string();
            self.report(key, &text, format!("{what} ({}) is after the scenario starts ({}): an order that exists at the start has a past", show(stamp.0), show(start.0)), None);
        }
    }
}

pub(super) fn check(file: &ScenarioFile, source: &str, policy: Option<&Policy>) -> Vec<Problem> {
    let mut c = Checker {
        at: Locator::new(source),
        problems: Vec::new(),
    };
    let sellers: Vec<&str> = file.sellers.iter().map(|s| s.id.as_str()).collect();
    let items: Vec<&str> = file.catalogue.iter().map(|i| i.id.as_str()).collect();
    let methods: Vec<&str> = file.buyer.methods.iter().map(|m| m.id.as_str()).collect();
    let coupons: Vec<&str> = file.buyer.coupons.iter().map(|c| c.id.as_str()).collect();
    let orders: Vec<&str> = file.orders.iter().map(|o| o.id.as_str()).collect();

    c.unique("seller", sellers.iter().copied());
    c.unique("item", items.iter().copied());
    c.unique("payment method", methods.iter().copied());
    c.unique("coupon", coupons.iter().copied());
    c.unique("order", orders.iter().copied());

    for m in &file.buyer.methods {
        c.money("balance", &format!("the balance of {}", m.id), m.balance);
        if let Some(limit) = m.per_payment_limit {
            c.money(
                "per_payment_limit",
                &format!("the payment limit of {}", m.id),
                limit,
            );
        }
        if let Some(policy) = policy
            && m.kind != MethodKind::CashOnDelivery
            && policy.refund_timing(m.kind).is_none()
        {
            c.report(
                "kind",
                &format!("{:?}", m.kind),
                format!(
                    "the policy gives no refund timing for {} payments, used by `{}`",
                    m.kind.name(),
                    m.id
                ),
                Some("add it to the policy's refund_timing".into()),
            );
        }
    }
    for coupon in &file.buyer.coupons {
        c.money("amount", &format!("coupon {}", coupon.id), coupon.amount);
        c.money(
            "min_order",
            &format!("the minimum order of coupon {}", coupon.id),
            coupon.min_order,
        );
        if let CouponIssuer::Seller(s) = &coupon.issuer {
            c.reference("Seller", s, "seller", &sellers);
        }
    }
    for item in &file.catalogue {
        c.money("price", &format!("the price of {}", item.id), item.price);
        c.money(
            "shipping",
            &format!("the shipping of {}", item.id),
            item.shipping,
        );
        c.reference("seller", &item.seller, "seller", &sellers);
    }
    for line in &file.cart {
        c.reference("item", &line.item, "item", &items);
        if line.quantity == 0 {
            c.report(
                "quantity",
                "0",
                format!("cart line {} has quantity 0", line.item),
                None,
            );
        }
    }
    for s in &file.sellers {
        c.money(
            "min_order",
            &format!("the minimum order of {}", s.id),
            s.min_order,
        );
    }
    for o in &file.orders {
        c.reference("seller", &o.seller, "seller", &sellers);
        for line in &o.items {
            c.reference("item", &line.item, "item", &items);
            if let Some(item) = file.catalogue.iter().find(|i| i.id == line.item)
                && item.seller != o.seller
            {
                c.report(
                    "item",
                    &line.item,
                    format!(
                        "item `{}` is sold by `{}`, but order {} is from `{}`",
                        line.item, item.seller, o.id, o.seller
                    ),
                    None,
                );
            }
        }
        if let Some(m) = &o.method {
            c.reference("method", m, "payment method", &methods);
        }
        if let Some(code) = &o.coupon {
            c.reference("coupon", code, "coupon", &coupons);
        }
        c.money("discount", &format!("the discount of {}", o.id), o.discount);
        c.money("shipping", &format!("the shipping of {}", o.id), o.shipping);
        c.not_after_start(
            "placed",
            o.placed,
            file.start,
            &format!("order {} is placed", o.id),
        );
        for (key, stamp, what) in [
            ("paid", o.paid, "paid"),
            ("shipped", o.shipped, "shipped"),
            ("delivered", o.delivered, "delivered"),
            ("received", o.received, "received"),
        ] {
            if let Some(stamp) = stamp {
                c.not_after_start(key, stamp, file.start, &format!("order {} is {what}", o.id));
                if stamp < o.placed {
                    let text = stamp.0.format("%Y-%m-%d").to_string();
                    c.report(
                        key,
                        &text,
                        format!("order {} is {what} before it was placed", o.id),
                        None,
                    );
                }
            }
        }
        let needs = |states: &[OrderState]| states.contains(&o.status);
        use OrderState::*;
        let cod = o
            .method
            .as_ref()
            .and_then(|m| file.buyer.methods.iter().find(|pm| &pm.id == m))
            .is_some_and(|m| m.kind == MethodKind::CashOnDelivery);
        if o.status == Unpaid && o.paid.is_some() {
            c.report(
                "status",
                "Unpaid",
                format!("order {} is Unpaid but has a `paid` time", o.id),
                None,
            );
        }
        let past_payment = [
            Verifying,
            AwaitingShipment,
            CancelRequested,
            Shipped,
            Delivered,
            Received,
            Completed,
            Frozen,
        ];
        if needs(&past_payment) && !cod && (o.paid.is_none() || o.method.is_none()) {
            c.report(
                "id",
                &o.id,
                format!(
                    "order {} is {:?}: it needs `paid` and `method`",
                    o.id, o.status
                ),
                Some("write e.g. paid: \"2026-03-01T10:00\", method: \"card\"".into()),
            );
        }
        if needs(&[Shipped, Delivered, Received, Completed]) && o.shipped.is_none() {
            c.report(
                "id",
                &o.id,
                format!(
                    "order {} is {:?}: it needs a `shipped` time",
                    o.id, o.status
                ),
                None,
            );
        }
        if needs(&[Delivered]) && o.delivered.is_none() {
            c.report(
                "id",
                &o.id,
                format!("order {} is Delivered: it needs a `delivered` time", o.id),
                None,
            );
        }
        if needs(&[Dispute, Escalated, ReturnPending, Refunding]) {
            c.report("status", &format!("{:?}", o.status), format!("order {} cannot start as {:?}: start it before the dispute or refund and script the steps", o.id, o.status), Some("start it as Shipped, Delivered or Received".into()));
        }
    }
    let known_orders = |id: &str| orders.contains(&id) || id.starts_with("N-");
    for rule_owner in &file.sellers {
        for rule in &rule_owner.rules {
            if rule.after.is_negative() {
                c.report(
                    "after",
                    "-",
                    format!("a rule of seller {} has a negative delay", rule_owner.id),
                    None,
                );
            }
            for condition in &rule.when {
                match condition {
                    Condition::Order(id) if !known_orders(id) => {
                        c.reference("Order", id, "order", &orders)
                    }
                    Condition::ReasonIs(reasons) => {
                        if let Some(policy) = policy {
                            for r in reasons {
                                if policy.reason(r).is_none() {
                                    let known: Vec<&str> = policy
                                        .cancel_reasons
                                        .iter()
                                        .map(|r| r.text.as_str())
                                        .collect();
                                    c.report(
                                        "ReasonIs",
                                        r,
                                        format!(
                                            "\"{r}\" is not a cancellation reason of the policy"
                                        ),
                                        Some(format!("reasons: {}", known.join("; "))),
                                    );
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            match &rule.response {
                Response::RaisePrice { by } => c.money("by", "a price rise", *by),
                Response::OfferPartialRefund { amount } => {
                    c.money("amount", "a partial refund offer", *amount)
                }
                _ => {}
            }
        }
    }
    for event in &file.events {
        if event.at < file.start {
            let text = event.at.0.format("%Y-%m-%d").to_string();
            c.report(
                "at",
                &text,
                format!(
                    "this event ({}) is before the scenario starts ({})",
                    show(event.at.0),
                    show(file.start.0)
                ),
                None,
            );
        }
        let order = event.event.order();
        if !known_orders(order) {
            c.reference("order", order, "order", &orders);
        }
        if let Happening::BankDelaysRefund { by, .. } = &event.event
            && by.is_negative()
        {
            c.report("by", "-", "a bank delay is negative".into(), None);
        }
    }
    if let Some(policy) = policy {
        for (name, amount) in [
            ("return_shipping_cost", policy.return_shipping_cost),
            ("cod_refusal_fee", policy.cod_refusal_fee),
        ] {
            c.money(name, name, amount);
        }
    }
    c.problems
}
