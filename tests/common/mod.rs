//! Shared helpers for the flow tests: small scenarios written as RON text (so every test also
//! goes through the scenario loader), and short ways to act, wait and look at the result.
#![allow(dead_code)]

use shopsim::sim::log::Fact;
use shopsim::sim::time::parse_moment;
use shopsim::sim::world::{Order, OrderState, Refund, RefundStage};
use shopsim::sim::{Action, Advance, Moment, Money, Simulation};
use std::collections::BTreeMap;

pub fn at(text: &str) -> Moment {
    parse_moment(text).unwrap_or_else(|e| panic!("{e}"))
}

pub fn usd(text: &str) -> Money {
    Money::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// A scenario under construction. Everything has a small default: a Monday-morning start, a
/// buyer with a card, an e-wallet, bonus points and cash on delivery, four items from three
/// sellers who do nothing unless a test gives them rules.
#[derive(Clone)]
pub struct Story {
    preset: String,
    overrides: String,
    start: String,
    methods: String,
    coupons: String,
    catalogue: String,
    cart: String,
    orders: String,
    rules: BTreeMap<String, String>,
    min_orders: BTreeMap<String, String>,
    events: String,
}

pub const SELLERS: [&str; 3] = ["shopA", "shopB", "shopC"];

impl Story {
    pub fn on(preset: &str) -> Story {
        Story {
            preset: preset.to_owned(),
            overrides: String::new(),
            // 2026-03-02 is a Monday.
            start: "2026-03-02T10:00".to_owned(),
            methods: r#"
                (id: "card", kind: Card, label: "Visa 4242", balance: "500.00", expires: "2028-09-30"),
                (id: "wallet", kind: EWallet, label: "E-wallet", balance: "200.00"),
                (id: "points", kind: BonusPoints, label: "Bonus points", balance: "200.00"),
                (id: "cod", kind: CashOnDelivery, label: "Cash on delivery"),
            "#
            .to_owned(),
            coupons: String::new(),
            catalogue: r#"
                (id: "lamp", title: "LED desk lamp", price: "30.00", seller: "shopA", shipping: "2.00"),
                (id: "bulbs", title: "Spare bulbs", price: "5.00", seller: "shopA"),
                (id: "case", title: "Phone case", price: "12.00", seller: "shopB"),
                (id: "mug", title: "Thermal mug", price: "18.00", seller: "shopC"),
            "#
            .to_owned(),
            cart: String::new(),
            orders: String::new(),
            rules: BTreeMap::new(),
            min_orders: BTreeMap::new(),
            events: String::new(),
        }
    }

    pub fn start(mut self, start: &str) -> Story {
        self.start = start.to_owned();
        self
    }

    /// The inside of `overrides: ( … )`.
    pub fn overrides(mut self, ron: &str) -> Story {
        self.overrides = ron.to_owned();
        self
    }

    /// Replaces the buyer's payment methods (the inside of `methods: [ … ]`).
    pub fn methods(mut self, ron: &str) -> Story {
        self.methods = ron.to_owned();
        self
    }

    pub fn coupons(mut self, ron: &str) -> Story {
        self.coupons = ron.to_owned();
        self
    }

    pub fn cart(mut self, ron: &str) -> Story {
        self.cart = ron.to_owned();
        self
    }

    pub fn orders(mut self, ron: &str) -> Story {
        self.orders = ron.to_owned();
        self
    }

    /// The inside of one seller's `rules: [ … ]`.
    pub fn rules(mut self, seller: &str, ron: &str) -> Story {
        self.rules.insert(seller.to_owned(), ron.to_owned());
        self
    }

    pub fn min_order(mut self, seller: &str, amount: &str) -> Story {
        self.min_orders.insert(seller.to_owned(), amount.to_owned());
        self
    }

    pub fn events(mut self, ron: &str) -> Story {
        self.events = ron.to_owned();
        self
    }

    pub fn ron(&self) -> String {
        let sellers: String = SELLERS
            .iter()
            .map(|id| {
                format!(
                    "(id: \"{id}\", name: \"Seller {id}\", min_order: \"{}\", rules: [{}]),\n",
                    self.min_orders.get(*id).map(String::as_str).unwrap_or("0"),
                    self.rules.get(*id).map(String::as_str).unwrap_or("")
                )
            })
            .collect();
        format!(
            r#"(
    title: "test",
    start: "{start}",
    policy: (preset: "{preset}", overrides: ({overrides})),
    buyer: (name: "Test Buyer", email: "buyer@example.com", methods: [{methods}], coupons: [{coupons}]),
    catalogue: [{catalogue}],
    cart: [{cart}],
    orders: [{orders}],
    sellers: [{sellers}],
    events: [{events}],
)"#,
            start = self.start,
            preset = self.preset,
            overrides = self.overrides,
            methods = self.methods,
            coupons = self.coupons,
            catalogue = self.catalogue,
            cart = self.cart,
            orders = self.orders,
            events = self.events,
        )
    }

    /// Loads the scenario through the real loader and starts the simulation.
    pub fn build(&self) -> Simulation {
        let text = self.ron();
        match shopsim::scenario::load("test.ron", &text) {
            Ok(scenario) => Simulation::new((*scenario.setup).clone()),
            Err(report) => panic!(
                "the test scenario does not load:\n{}\n{text}",
                report.short()
            ),
        }
    }
}

/// Applies an action that must be allowed.
pub fn ok(sim: &mut Simulation, action: Action) {
    let what = action.describe();
    if let Err(refusal) = sim.apply(action) {
        panic!("`{what}` was refused at {}: {refusal}", sim.now());
    }
}

/// Applies an action that must be refused, and returns the reason.
pub fn refused(sim: &mut Simulation, action: Action) -> String {
    let what = action.describe();
    match sim.apply(action) {
        Ok(()) => panic!("`{what}` was allowed at {}, expected a refusal", sim.now()),
        Err(refusal) => refusal.reason,
    }
}

/// Asserts that `text` contains every one of `parts`.
#[track_caller]
pub fn says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "expected {part:?} in:\n  {text}");
    }
}

pub fn wait_until(sim: &mut Simulation, when: &str) {
    ok(sim, Action::AdvanceClock(Advance::To(at(when))));
}

pub fn order<'s>(sim: &'s Simulation, id: &str) -> &'s Order {
    sim.world()
        .order(id)
        .unwrap_or_else(|| panic!("no order {id}"))
}

pub fn state(sim: &Simulation, id: &str) -> OrderState {
    order(sim, id).state
}

pub fn refunds<'s>(sim: &'s Simulation, id: &str) -> Vec<&'s Refund> {
    sim.world()
        .refunds()
        .iter()
        .filter(|r| r.order == id)
        .collect()
}

/// The only refund of an order.
pub fn refund<'s>(sim: &'s Simulation, id: &str) -> &'s Refund {
    let all = refunds(sim, id);
    assert_eq!(all.len(), 1, "expected one refund of {id}, found {all:?}");
    all[0]
}

/// When each stage of a refund was reached.
pub fn stages(refund: &Refund) -> Vec<(RefundStage, Moment)> {
    refund.reached.clone()
}

/// The typed facts logged about one order, in order.
pub fn facts(sim: &Simulation, id: &str) -> Vec<Fact> {
    sim.log()
        .iter()
        .filter(|e| e.order.as_deref() == Some(id))
        .map(|e| e.fact.clone())
        .collect()
}

/// The facts of an order logged at one moment.
pub fn facts_at(sim: &Simulation, id: &str, when: &str) -> Vec<Fact> {
    let when = at(when);
    sim.log()
        .iter()
        .filter(|e| e.order.as_deref() == Some(id) && e.at == when)
        .map(|e| e.fact.clone())
        .collect()
}

pub fn has_fact(sim: &Simulation, id: &str, fact: &Fact) -> bool {
    facts(sim, id).contains(fact)
}

/// The moment a fact about an order was first logged.
pub fn when_logged(sim: &Simulation, id: &str, fact: &Fact) -> Option<Moment> {
    sim.log()
        .iter()
        .find(|e| e.order.as_deref() == Some(id) && &e.fact == fact)
        .map(|e| e.at)
}

/// The moments an order entered a state, in order.
pub fn entered(sim: &Simulation, id: &str, to: OrderState) -> Vec<Moment> {
    sim.log()
        .iter()
        .filter(|e| e.order.as_deref() == Some(id))
        .filter_map(|e| match e.fact {
            Fact::StateChanged { to: t, .. } if t == to => Some(e.at),
            _ => None,
        })
        .collect()
}

/// held + released + refunded = paid, refunded ≤ paid, nothing negative.
#[track_caller]
pub fn assert_money_balanced(sim: &Simulation, id: &str) {
    let m = order(sim, id).money;
    assert_eq!(m.held + m.released + m.refunded, m.paid, "{id}: {m:?}");
    assert!(m.refunded <= m.paid, "{id}: {m:?}");
    for part in [m.paid, m.held, m.released, m.refunded] {
        assert!(!part.is_negative(), "{id}: {m:?}");
    }
}

pub fn balance(sim: &Simulation, method: &str) -> Money {
    sim.world()
        .method(method)
        .unwrap_or_else(|| panic!("no method {method}"))
        .balance
}

pub fn log_text(sim: &Simulation) -> String {
    sim.log()
        .iter()
        .map(|e| e.line())
        .collect::<Vec<_>>()
        .join("\n")
}

// Short constructors for the actions used most.

pub fn cancel(order: &str) -> Action {
    Action::CancelOrder {
        order: order.into(),
        reason: None,
        items: Vec::new(),
    }
}

pub fn cancel_for(order: &str, reason: &str) -> Action {
    Action::CancelOrder {
        order: order.into(),
        reason: Some(reason.into()),
        items: Vec::new(),
    }
}

pub fn cancel_items(order: &str, items: &[&str]) -> Action {
    Action::CancelOrder {
        order: order.into(),
        reason: None,
        items: items.iter().map(|i| i.to_string()).collect(),
    }
}

pub fn pay(order: &str, method: &str) -> Action {
    Action::Pay {
        order: order.into(),
        method: method.into(),
    }
}

pub fn request_cancel(order: &str, reason: &str) -> Action {
    Action::RequestCancellation {
        order: order.into(),
        reason: Some(reason.into()),
    }
}

pub fn add(item: &str) -> Action {
    Action::AddToCart {
        item: item.into(),
        quantity: 1,
    }
}

pub fn checkout(coupon: Option<&str>) -> Action {
    Action::Checkout {
        coupon: coupon.map(str::to_owned),
    }
}
