//! Meaning checks after parsing: every reference defined, no negative money, no time
//! before the start where the story cannot have it, no duration or amount so large it
//! must be a typo. All problems are collected, not just the first, and each is pinned to
//! the value it is about by its path in the file (`orders[2].paid`).

use super::format::{ScenarioFile, Stamp};
use super::presets;
use super::report::{Problem, closest};
use super::syntax::{Kind, Node, Seg, Seg::F, Seg::I};
use crate::sim::agent::{Condition, Happening, Response};
use crate::sim::money::Money;
use crate::sim::policy::Policy;
use crate::sim::time::{Span, YEARS, show};
use crate::sim::world::{CouponIssuer, MAX_QUANTITY, MethodKind, OrderState};
use chrono::Datelike;
use std::collections::BTreeSet;
use std::ops::Range;

// The bounds are the simulation's own: the largest amount (`Money::MAX`, $1,000,000.00;
// anything above is taken for a typo, and no order may come to more), the largest quantity
// of a line (`MAX_QUANTITY`), and the years a date may fall in (`YEARS`).

/// Finds where in the source a value sits, by its path in the file's tree.
pub(crate) struct Locator<'t> {
    tree: Option<&'t Node<'t>>,
    source: &'t str,
}

impl<'t> Locator<'t> {
    pub fn new(tree: Option<&'t Node<'t>>, source: &'t str) -> Self {
        Locator { tree, source }
    }

    /// The value at `path`; when the file does not write it (a default), the nearest
    /// block that holds it, by its `id` if it has one. Only the first line of a long value.
    pub fn value(&self, path: &[Seg]) -> Option<Range<usize>> {
        let tree = self.tree?;
        if let Some(node) = tree.get(path) {
            return Some(self.first_line(node.span.clone()));
        }
        (0..path.len()).rev().find_map(|n| {
            let block = tree.get(&path[..n])?;
            let at = block
                .get(&[F("id")])
                .map(|id| id.span.clone())
                .unwrap_or_else(|| block.span.clone());
            Some(self.first_line(at))
        })
    }

    pub fn source(&self) -> &'t str {
        self.source
    }

    /// The node at `path`, when the file writes it.
    pub fn node(&self, path: &[Seg]) -> Option<&'t Node<'t>> {
        self.tree?.get(path)
    }

    fn first_line(&self, span: Range<usize>) -> Range<usize> {
        let end = self.source[span.clone()]
            .find('\n')
            .map_or(span.end, |i| span.start + i);
        span.start..end.max(span.start)
    }
}

/// The preset with the scenario's overrides applied, or the problem that prevents it.
pub(super) fn policy_of(file: &ScenarioFile, tree: Option<&Node>) -> Result<Policy, Problem> {
    let name = &file.policy.preset;
    let span = tree
        .and_then(|t| t.get(&[F("policy"), F("preset")]))
        .map(|n| n.span.clone());
    match presets::load(name) {
        Some(Ok(mut policy)) => {
            policy.apply(file.policy.overrides.clone());
            Ok(policy)
        }
        Some(Err(e)) => Err(Problem::new(
            format!("the built-in preset `{name}` is broken: {e}"),
            span,
        )),
        None => {
            let known: Vec<&str> = presets::names().collect();
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = match closest(name, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? The presets are {list}"),
                None => format!("the presets are {list}"),
            };
            Err(Problem::new(format!("there is no policy preset `{name}`"), span).help(help))
        }
    }
}

struct Checker<'t> {
    at: Locator<'t>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, path: &[Seg], message: String, help: Option<String>) {
        let span = self.at.value(path);
        let mut problem = Problem::new(message, span);
        problem.help = help;
        self.problems.push(problem);
    }

    fn money(&mut self, path: &[Seg], what: &str, amount: Money) {
        if amount.is_negative() {
            self.report(
                path,
                format!("{what} is negative ({amount})"),
                Some("amounts of money are zero or more".into()),
            );
        } else if amount > Money::MAX {
            let max = Money::MAX;
            self.report(
                path,
                format!("{what} is {amount}, more than the {max} a scenario allows"),
                Some("is a digit too many?".into()),
            );
        }
    }

    fn quantity(&mut self, path: &[Seg], what: &str, quantity: u32) {
        if quantity == 0 {
            self.report(
                path,
                format!("{what} has quantity 0"),
                Some("a line holds at least one piece; leave the line out instead".into()),
            );
        } else if quantity > MAX_QUANTITY {
            self.report(
                path,
                format!(
                    "{what} has quantity {quantity}, more than the {MAX_QUANTITY} a scenario allows"
                ),
                None,
            );
        }
    }

    /// A reference to an id that must be defined in `known`.
    fn reference(&mut self, path: &[Seg], id: &str, kind: &str, known: &Known) {
        if known.contains(id) {
            return;
        }
        let help = match closest(id, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known.is_empty() => format!("no {kind} is defined in this file"),
            None => format!(
                "defined: {}",
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.report(path, format!("{kind} `{id}` is not defined"), Some(help));
    }

    fn unique<'a>(&mut self, list: &[Seg], kind: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = BTreeSet::new();
        for (n, id) in ids.into_iter().enumerate() {
            if !seen.insert(id) {
                let mut path = list.to_vec();
                path.extend([I(n), F("id")]);
                self.report(
                    &path,
                    format!("{kind} `{id}` is defined twice"),
                    Some("ids must be unique".into()),
                );
            }
        }
    }

    fn stamp_in_range(&mut self, path: &[Seg], stamp: Stamp) -> bool {
        if YEARS.contains(&stamp.0.year()) {
            return true;
        }
        self.report(
            path,
            format!("the year {} is out of range", stamp.0.year()),
            Some(format!(
                "dates fall between {} and {}",
                YEARS.start(),
                YEARS.end()
            )),
        );
        false
    }
}

/// Fields of enum variants that the variant does not have, such as `deliverd_after` in
/// `Ship(…)`. serde quietly ignores those, so the value is written back out and the
/// author's block is compared with it, key by key.
pub(crate) fn unknown_variant_fields<T: serde::Serialize>(
    value: &T,
    written: Option<&Node>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Some(written) = written else {
        return problems;
    };
    let Ok(text) = ron::ser::to_string(value) else {
        return problems;
    };
    if let Some(canonical) = super::syntax::parse(&text) {
        compare_keys(written, &canonical, &mut problems);
    }
    problems
}

fn compare_keys(written: &Node, canonical: &Node, problems: &mut Vec<Problem>) {
    match (&written.through_some().kind, &canonical.through_some().kind) {
        (
            Kind::Struct { name, fields },
            Kind::Struct {
                fields: known_fields,
                ..
            },
        ) => {
            for field in fields {
                if let Some(known) = known_fields.iter().find(|k| k.key == field.key) {
                    compare_keys(&field.value, &known.value, problems);
                    continue;
                }
                let known: Vec<&str> = known_fields.iter().map(|k| k.key).collect();
                let what = name
                    .as_deref()
                    .map_or("this block".to_owned(), |n| format!("`{n}`"));
                let help = match closest(field.key, known.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if known.is_empty() => format!("{what} has no fields"),
                    None => format!(
                        "the fields of {what} are {}",
                        known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                problems.push(
                    Problem::new(
                        format!("unknown field `{}` in {what}", field.key),
                        Some(field.key_span.clone()),
                    )
                    .help(help),
                );
            }
        }
        (Kind::Tuple { items, .. }, Kind::Tuple { items: known, .. })
        | (Kind::List(items), Kind::List(known)) => {
            for (item, known) in items.iter().zip(known) {
                compare_keys(item, known, problems);
            }
        }
        _ => {}
    }
}

/// Durations as written in the file — `Minutes(n)`, `Hours(n)`, `Days(n)`,
/// `BusinessDays(n)` — that are negative or longer than ten years.
pub(crate) fn span_problems(tree: &Node, source: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for node in tree.walk() {
        let Kind::Tuple {
            name: Some(unit),
            items,
        } = &node.kind
        else {
            continue;
        };
        let limit: i64 = match *unit {
            "Minutes" => Span::Minutes(0).longest(),
            "Hours" => Span::Hours(0).longest(),
            "Days" => Span::Days(0).longest(),
            "BusinessDays" => Span::BusinessDays(0).longest(),
            _ => continue,
        };
        let [number] = items.as_slice() else {
            continue;
        };
        let text = source[number.span.clone()].replace('_', "");
        let Ok(n) = text.parse::<i64>() else {
            continue;
        };
        let written = &source[node.span.clone()];
        if n < 0 {
            problems.push(
                Problem::new(
                    format!("the duration {written} is negative"),
                    Some(node.span.clone()),
                )
                .help("durations are zero or more"),
            );
        } else if n > limit {
            problems.push(
                Problem::new(
                    format!("the duration {written} is longer than ten years"),
                    Some(node.span.clone()),
                )
                .help(format!("{unit} up to {limit}; is a digit too many?")),
            );
        }
    }
    problems
}

/// Every meaning problem of a parsed scenario. `source` is the text `tree` was read from.
pub(super) fn check(
    file: &ScenarioFile,
    source: &str,
    tree: Option<&Node>,
    policy: Option<&Policy>,
) -> Vec<Problem> {
    let mut c = Checker {
        at: Locator::new(tree, source),
        problems: tree.map(|t| span_problems(t, source)).unwrap_or_default(),
    };
    let sellers = Known::new(file.sellers.iter().map(|s| s.id.as_str()));
    let items = Known::new(file.catalogue.iter().map(|i| i.id.as_str()));
    let methods = Known::new(file.buyer.methods.iter().map(|m| m.id.as_str()));
    let coupons = Known::new(file.buyer.coupons.iter().map(|c| c.id.as_str()));
    let orders = Known::new(file.orders.iter().map(|o| o.id.as_str()));

    c.unique(&[F("sellers")], "seller", sellers.iter().copied());
    c.unique(&[F("catalogue")], "item", items.iter().copied());
    c.unique(
        &[F("buyer"), F("methods")],
        "payment method",
        methods.iter().copied(),
    );
    c.unique(
        &[F("buyer"), F("coupons")],
        "coupon",
        coupons.iter().copied(),
    );
    c.unique(&[F("orders")], "order", orders.iter().copied());

    let start_ok = c.stamp_in_range(&[F("start")], file.start);

    for (n, m) in file.buyer.methods.iter().enumerate() {
        let at = |field| [F("buyer"), F("methods"), I(n), F(field)];
        c.money(
            &at("balance"),
            &format!("the balance of {}", m.id),
            m.balance,
        );
        if let Some(limit) = m.per_payment_limit {
            c.money(
                &at("per_payment_limit"),
                &format!("the payment limit of {}", m.id),
                limit,
            );
        }
        if let Some(policy) = policy
            && m.kind != MethodKind::CashOnDelivery
            && policy.refund_timing(m.kind).is_none()
        {
            c.report(
                &at("kind"),
                format!(
                    "the policy gives no refund timing for {} payments, used by `{}`",
                    m.kind.name(),
                    m.id
                ),
                Some(format!(
                    "add (method: {:?}, …) to the policy's refund_timing",
                    m.kind
                )),
            );
        }
    }
    for (n, coupon) in file.buyer.coupons.iter().enumerate() {
        let at = |field| [F("buyer"), F("coupons"), I(n), F(field)];
        c.money(
            &at("amount"),
            &format!("coupon {}", coupon.id),
            coupon.amount,
        );
        c.money(
            &at("min_order"),
            &format!("the minimum order of coupon {}", coupon.id),
            coupon.min_order,
        );
        c.stamp_in_range(&at("expires"), coupon.expires);
        if let CouponIssuer::Seller(s) = &coupon.issuer {
            c.reference(
                &[F("buyer"), F("coupons"), I(n), F("issuer"), I(0)],
                s,
                "seller",
                &sellers,
            );
        }
    }
    for (n, item) in file.catalogue.iter().enumerate() {
        let at = |field| [F("catalogue"), I(n), F(field)];
        c.money(
            &at("price"),
            &format!("the price of {}", item.id),
            item.price,
        );
        c.money(
            &at("shipping"),
            &format!("the shipping of {}", item.id),
            item.shipping,
        );
        c.reference(&at("seller"), &item.seller, "seller", &sellers);
    }
    for (n, line) in file.cart.iter().enumerate() {
        let at = |field| [F("cart"), I(n), F(field)];
        c.reference(&at("item"), &line.item, "item", &items);
        c.quantity(
            &at("quantity"),
            &format!("cart line {}", line.item),
            line.quantity,
        );
    }
    for (n, s) in file.sellers.iter().enumerate() {
        c.money(
            &[F("sellers"), I(n), F("min_order")],
            &format!("the minimum order of {}", s.id),
            s.min_order,
        );
    }
    for n in 0..file.orders.len() {
        check_order(
            &mut c, file, n, &sellers, &items, &methods, &coupons, start_ok,
        );
    }
    let known_orders = |id: &str| orders.contains(id) || id.starts_with("N-");
    for (s, rule_owner) in file.sellers.iter().enumerate() {
        for (r, rule) in rule_owner.rules.iter().enumerate() {
            let rule_at = [F("sellers"), I(s), F("rules"), I(r)];
            for (k, condition) in rule.when.iter().enumerate() {
                let mut at = rule_at.to_vec();
                at.extend([F("when"), I(k), I(0)]);
                match condition {
                    Condition::Order(id) if !known_orders(id) => {
                        c.reference(&at, id, "order", &orders)
                    }
                    Condition::ReasonIs(reasons) => {
                        let Some(policy) = policy else {
                            continue;
                        };
                        for (m, r) in reasons.iter().enumerate() {
                            if policy.reason(r).is_some() {
                                continue;
                            }
                            let known: Vec<&str> = policy
                                .cancel_reasons
                                .iter()
                                .map(|r| r.text.as_str())
                                .collect();
                            let help = match closest(r, known.iter().copied()) {
                                Some(best) => format!("did you mean \"{best}\"?"),
                                None => format!(
                                    "the policy's reasons are {}",
                                    known
                                        .iter()
                                        .map(|k| format!("\"{k}\""))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            };
                            let mut at = at.clone();
                            at.push(I(m));
                            c.report(
                                &at,
                                format!("\"{r}\" is not a cancellation reason of the policy"),
                                Some(help),
                            );
                        }
                    }
                    _ => {}
                }
            }
            let mut at = rule_at.to_vec();
            at.push(F("do"));
            let unknown = unknown_variant_fields(&rule.response, c.at.node(&at));
            c.problems.extend(unknown);
            match &rule.response {
                Response::RaisePrice { by } => {
                    at.push(F("by"));
                    c.money(&at, "a price rise", *by)
                }
                Response::OfferPartialRefund { amount } => {
                    at.push(F("amount"));
                    c.money(&at, "a partial refund offer", *amount)
                }
                _ => {}
            }
        }
    }
    for (n, event) in file.events.iter().enumerate() {
        let at = |field| [F("events"), I(n), F(field)];
        if c.stamp_in_range(&at("at"), event.at) && start_ok && event.at < file.start {
            c.report(
                &at("at"),
                format!(
                    "this event ({}) is before the scenario starts ({})",
                    show(event.at.0),
                    show(file.start.0)
                ),
                Some("events happen during the story: at or after `start`".into()),
            );
        }
        let unknown = unknown_variant_fields(&event.event, c.at.node(&at("event")));
        c.problems.extend(unknown);
        let order = event.event.order();
        if !known_orders(order) {
            c.reference(
                &[F("events"), I(n), F("event"), F("order")],
                order,
                "order",
                &orders,
            );
        }
        if let Happening::SellerMessage { text, .. } = &event.event
            && text.trim().is_empty()
        {
            c.report(
                &[F("events"), I(n), F("event"), F("text")],
                "a seller message with no text".into(),
                None,
            );
        }
    }
    if let Some(training) = &file.training {
        check_training(&mut c, training, &orders, &methods, &coupons);
    }
    if let Some(policy) = policy {
        status_groups(&mut c, policy, tree);
        for (name, amount) in [
            ("return_shipping_cost", policy.return_shipping_cost),
            ("cod_refusal_fee", policy.cod_refusal_fee),
        ] {
            let overridden = [F("policy"), F("overrides"), F(name)];
            let at: &[Seg] = if tree.is_some_and(|t| t.get(&overridden).is_some()) {
                &overridden
            } else {
                &[F("policy"), F("preset")]
            };
            c.money(at, &format!("the policy's {name}"), amount);
        }
    }
    c.problems
}

/// My Orders shows each order once: every state in exactly one of the policy's status
/// groups, so no order is lost from the list or counted twice.
fn status_groups(c: &mut Checker, policy: &Policy, tree: Option<&Node>) {
    let overridden = [F("policy"), F("overrides"), F("status_groups")];
    let at: &[Seg] = if tree.is_some_and(|t| t.get(&overridden).is_some()) {
        &overridden
    } else {
        &[F("policy"), F("preset")]
    };
    for state in OrderState::ALL {
        let groups: Vec<&str> = policy
            .status_groups
            .iter()
            .filter(|g| g.states.contains(&state))
            .map(|g| g.name.as_str())
            .collect();
        match groups.as_slice() {
            [_] => {}
            [] => c.report(
                at,
                format!("no status group holds {state:?}: its orders would vanish from My Orders"),
                Some("add the state to one of the groups".into()),
            ),
            many => c.report(
                at,
                format!(
                    "{state:?} is in {} status groups (\"{}\"): its orders would be counted twice",
                    many.len(),
                    many.join("\", \"")
                ),
                Some("keep each state in one group".into()),
            ),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_order(
    c: &mut Checker,
    file: &ScenarioFile,
    n: usize,
    sellers: &Known,
    items: &Known,
    methods: &Known,
    coupons: &Known,
    start_ok: bool,
) {
    let o = &file.orders[n];
    let at = |field| [F("orders"), I(n), F(field)];
    c.reference(&at("seller"), &o.seller, "seller", sellers);
    for (k, line) in o.items.iter().enumerate() {
        let line_at = |field| [F("orders"), I(n), F("items"), I(k), F(field)];
        c.reference(&line_at("item"), &line.item, "item", items);
        c.quantity(
            &line_at("quantity"),
            &format!("order {} line {}", o.id, line.item),
            line.quantity,
        );
        if let Some(item) = items.index(&line.item).map(|i| &file.catalogue[i])
            && item.seller != o.seller
            && sellers.contains(&item.seller)
        {
            c.report(
                &line_at("item"),
                format!(
                    "item `{}` is sold by `{}`, but order {} is from `{}`",
                    line.item, item.seller, o.id, o.seller
                ),
                Some("an order holds the items of one seller".into()),
            );
        }
    }
    if o.items.is_empty() {
        c.report(&at("items"), format!("order {} has no items", o.id), None);
    }
    if let Some(m) = &o.method {
        c.reference(&at("method"), m, "payment method", methods);
    }
    if let Some(code) = &o.coupon {
        c.reference(&at("coupon"), code, "coupon", coupons);
    }
    c.money(
        &at("discount"),
        &format!("the discount of {}", o.id),
        o.discount,
    );
    c.money(
        &at("shipping"),
        &format!("the shipping of {}", o.id),
        o.shipping,
    );
    // What the order comes to, from prices and quantities already checked one by one.
    let goods = o.items.iter().map(|line| {
        let price = items
            .index(&line.item)
            .map_or(Money::ZERO, |i| file.catalogue[i].price);
        price.checked_times(line.quantity.min(MAX_QUANTITY))
    });
    let total = goods
        .chain([Some(o.shipping)])
        .try_fold(Money::ZERO, |sum, m| sum.checked_add(m?));
    if total.is_none_or(|t| t > Money::MAX) {
        c.report(
            &at("items"),
            format!(
                "order {} comes to more than {}, the most one order may come to",
                o.id,
                Money::MAX
            ),
            Some("is a price or a quantity a digit too long?".into()),
        );
    }

    // placed ≤ paid ≤ shipped ≤ delivered ≤ received ≤ start
    let mut previous: Option<(&str, Stamp)> = None;
    for (key, stamp) in [
        ("placed", Some(o.placed)),
        ("paid", o.paid),
        ("shipped", o.shipped),
        ("delivered", o.delivered),
        ("received", o.received),
    ] {
        let Some(stamp) = stamp else {
            continue;
        };
        if !c.stamp_in_range(&at(key), stamp) {
            continue;
        }
        if start_ok && stamp > file.start {
            c.report(
                &at(key),
                format!(
                    "order {} is {key} {}, after the scenario starts ({})",
                    o.id,
                    show(stamp.0),
                    show(file.start.0)
                ),
                Some("an order that exists at the start has its past behind it; script later steps as seller rules or events".into()),
            );
        } else if let Some((before, then)) = previous
            && stamp < then
        {
            c.report(
                &at(key),
                format!(
                    "order {} is {key} {}, before it was {before} ({})",
                    o.id,
                    show(stamp.0),
                    show(then.0)
                ),
                None,
            );
        }
        previous = Some((key, stamp));
    }

    use OrderState::*;
    let status = at("status");
    let cod = o
        .method
        .as_ref()
        .and_then(|m| file.buyer.methods.iter().find(|pm| &pm.id == m))
        .is_some_and(|m| m.kind == MethodKind::CashOnDelivery);
    if o.status == Unpaid && o.paid.is_some() {
        c.report(
            &at("paid"),
            format!("order {} is Unpaid but has a `paid` time", o.id),
            Some("remove `paid`, or give the order a later status".into()),
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
    if past_payment.contains(&o.status) && !cod && (o.paid.is_none() || o.method.is_none()) {
        let missing = match (o.paid.is_none(), o.method.is_none()) {
            (true, true) => "`paid` and `method`",
            (true, false) => "`paid`",
            _ => "`method`",
        };
        c.report(
            &status,
            format!("order {} is {:?}: it needs {missing}", o.id, o.status),
            Some("write e.g. paid: \"2026-03-01T10:00\", method: \"card\"".into()),
        );
    }
    if [Shipped, Delivered, Received, Completed].contains(&o.status) && o.shipped.is_none() {
        c.report(
            &status,
            format!(
                "order {} is {:?}: it needs a `shipped` time",
                o.id, o.status
            ),
            None,
        );
    }
    if o.status == Delivered && o.delivered.is_none() {
        c.report(
            &status,
            format!("order {} is Delivered: it needs a `delivered` time", o.id),
            None,
        );
    }
    if o.status == CancelRequested {
        c.report(
            &status,
            format!("order {} cannot start as CancelRequested", o.id),
            Some(
                "start it as AwaitingShipment and put a RequestCancellation in the action file"
                    .into(),
            ),
        );
    }
    if o.status == Frozen {
        c.report(
            &status,
            format!("order {} cannot start as Frozen: nothing would ever review it", o.id),
            Some("start it as it was before, and freeze it with a FreezeForFraud event at the start time".into()),
        );
    }
    if [Dispute, Escalated, ReturnPending, Refunding].contains(&o.status) {
        c.report(
            &status,
            format!(
                "order {} cannot start as {:?}: start it before the dispute or refund and script the steps",
                o.id, o.status
            ),
            Some("start it as Shipped, Delivered or Received".into()),
        );
    }
}

/// The orders, payment methods and coupons a `training` block names must exist.
fn check_training(
    c: &mut Checker,
    training: &crate::training::TrainingSpec,
    orders: &Known,
    methods: &Known,
    coupons: &Known,
) {
    use crate::training::spec::Goal;
    let known_order = |id: &str| orders.contains(id) || id.starts_with("N-");
    fn walk<'g>(
        goal: &'g Goal,
        path: Vec<Seg<'static>>,
        out: &mut Vec<(Vec<Seg<'static>>, &'g Goal)>,
    ) {
        match goal {
            Goal::All(goals) | Goal::Any(goals) => {
                for (n, g) in goals.iter().enumerate() {
                    let mut inner = path.clone();
                    inner.extend([I(0), I(n)]);
                    walk(g, inner, out);
                }
            }
            _ => out.push((path, goal)),
        }
    }
    for (n, objective) in training.objectives.iter().enumerate() {
        let unknown = unknown_variant_fields(
            &objective.goal,
            c.at.node(&[F("training"), F("objectives"), I(n), F("goal")]),
        );
        c.problems.extend(unknown);
        let mut goals = Vec::new();
        walk(
            &objective.goal,
            vec![F("training"), F("objectives"), I(n), F("goal")],
            &mut goals,
        );
        for (path, goal) in goals {
            let at = |field: &'static str| {
                let mut p = path.clone();
                p.push(F(field));
                p
            };
            for order in goal.orders() {
                if !known_order(order) {
                    c.reference(&at("order"), order, "order", orders);
                }
            }
            match goal {
                Goal::RefundReceived {
                    method: Some(m), ..
                } => c.reference(&at("method"), m, "payment method", methods),
                Goal::CouponBack { coupon } => {
                    c.reference(&at("coupon"), coupon, "coupon", coupons)
                }
                Goal::PaidWith { method, .. } => {
                    c.reference(&at("method"), method, "payment method", methods)
                }
                _ => {}
            }
        }
    }
    for (n, mistake) in training.mistakes.iter().enumerate() {
        if let Some(order) = &mistake.order
            && !known_order(order)
        {
            c.reference(
                &[F("training"), F("mistakes"), I(n), F("order")],
                order,
                "order",
                orders,
            );
        }
    }
}

/// The ids of one kind defined in a file: in order, for suggestions, and by id, so that a
/// reference costs the same whatever the size of the file.
struct Known<'a> {
    ids: Vec<&'a str>,
    positions: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Known<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Known<'a> {
        let ids: Vec<&str> = ids.collect();
        let mut positions = std::collections::HashMap::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            positions.entry(*id).or_insert(i);
        }
        Known { ids, positions }
    }

    fn contains(&self, id: &str) -> bool {
        self.positions.contains_key(id)
    }

    /// Where the id is among those defined (the first, if defined twice).
    fn index(&self, id: &str) -> Option<usize> {
        self.positions.get(id).copied()
    }

    fn iter(&self) -> std::slice::Iter<'_, &'a str> {
        self.ids.iter()
    }

    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
