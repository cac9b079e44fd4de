//! Property: whatever a trainee does, in whatever order, and however the clock moves, the
//! money of every order adds up. For each order after every step:
//! held + released + refunded = paid, refunded ≤ paid, nothing negative; its refunds add up
//! to what it has refunded; a finished order holds nothing; no payment method goes negative.

mod common;

use common::*;
use proptest::prelude::*;
use shopsim::sim::log::Fact;
use shopsim::sim::world::{CouponIssuer, CouponState};
use shopsim::sim::{Action, Advance, ChargebackRoute, Money, Simulation, Span};

const PRESETS: [&str; 3] = [
    "quick_cancel_marketplace",
    "escrow_marketplace",
    "independent_shop",
];
const ITEMS: [&str; 4] = ["lamp", "bulbs", "case", "mug"];
const METHODS: [&str; 6] = ["card", "wallet", "points", "cod", "poor", "blocked"];
const COUPONS: [&str; 3] = ["PLAT5", "SHOPA3", "OLD"];

/// Orders in many states, sellers who do many things, and the world interfering.
fn story(preset: &str) -> Story {
    Story::on(preset)
        .methods(
            r#"
            (id: "card", kind: Card, label: "Card", balance: "300.00", expires: "2028-09-30"),
            (id: "wallet", kind: EWallet, label: "E-wallet", balance: "80.00"),
            (id: "points", kind: BonusPoints, label: "Points", balance: "60.00"),
            (id: "cod", kind: CashOnDelivery, label: "Cash on delivery"),
            (id: "poor", kind: Card, label: "Poor card", balance: "5.00", fails_next: [TechnicalLimit]),
            (id: "blocked", kind: Card, label: "Blocked card", balance: "500.00", blocked: true),
            "#,
        )
        .coupons(
            r#"
            (id: "PLAT5", issuer: Platform, amount: "5.00", min_order: "15.00", expires: "2026-04-30T23:59"),
            (id: "SHOPA3", issuer: Seller("shopA"), amount: "3.00", expires: "2026-03-20T23:59"),
            (id: "OLD", issuer: Platform, amount: "9.00", expires: "2026-03-01T00:00"),
            "#,
        )
        .cart(r#"(item: "lamp"), (item: "case", quantity: 2), (item: "bulbs", selected: false)"#)
        .orders(
            r#"
            (id: "P-1", seller: "shopA", items: [(item: "lamp"), (item: "bulbs", quantity: 2)],
             status: AwaitingShipment, placed: "2026-03-02T09:00", paid: "2026-03-02T09:30",
             method: "card", shipping: "2.00"),
            (id: "P-2", seller: "shopB", items: [(item: "case")], status: Shipped,
             placed: "2026-02-20T10:00", paid: "2026-02-20T10:05", method: "wallet",
             shipped: "2026-02-22T10:00", tracking: Fake),
            (id: "P-3", seller: "shopC", items: [(item: "mug")], status: Delivered,
             placed: "2026-02-18T10:00", paid: "2026-02-18T10:05", method: "points",
             shipped: "2026-02-19T10:00", delivered: "2026-03-01T12:00"),
            (id: "P-4", seller: "shopA", items: [(item: "lamp")], status: Received,
             placed: "2026-02-10T10:00", paid: "2026-02-10T10:05", method: "card",
             shipped: "2026-02-11T10:00", delivered: "2026-02-16T10:00", received: "2026-02-16T12:00"),
            (id: "P-5", seller: "shopC", items: [(item: "mug")], status: Unpaid,
             placed: "2026-03-01T18:00"),
            (id: "P-6", seller: "shopB", items: [(item: "case")], status: Verifying,
             placed: "2026-03-02T09:50", paid: "2026-03-02T09:55", method: "card"),
            (id: "P-7", seller: "shopC", items: [(item: "mug")], status: AwaitingShipment,
             placed: "2026-03-01T09:00", method: "cod"),
            "#,
        )
        .rules(
            "shopA",
            r#"
            (on: CancellationRequested, when: [ReasonSparesSeller], after: Hours(6), do: ApproveCancellation),
            (on: CancellationRequested, after: Hours(2), do: RefuseCancellation(message: "No.")),
            (on: OrderPaid, after: Hours(20), do: Ship(tracking: Genuine, delivered_after: Days(4))),
            (on: DisputeOpened, when: [DisputeKind(ReturnGoodsAndMoney)], after: Hours(8), do: AcceptReturn),
            (on: DisputeOpened, after: Days(1), do: OfferPartialRefund(amount: "5.00")),
            (on: CounterOfferRejected, after: Hours(12), do: RefuseDispute(message: "Final offer.")),
            (on: MessageReceived, do: SendMessage(text: "Hello!")),
            "#,
        )
        .rules(
            "shopB",
            r#"
            (on: OrderPaid, after: Hours(2), do: Ship(tracking: Fake)),
            (on: CancellationRequested, after: Days(1), do: ApproveCancellation),
            (on: DisputeOpened, when: [HasEvidence], after: Days(2), do: AcceptDispute),
            (on: DisputeOpened, after: Hours(5), do: RefuseDispute(message: "It is on its way.")),
            "#,
        )
        .rules(
            "shopC",
            r#"
            (on: OrderPlaced, after: Hours(1), do: RaisePrice(by: "2.00")),
            (on: OrderPaid, when: [Order("N-2")], after: Hours(5), do: ReportOutOfStock),
            (on: OrderPaid, after: Days(1), do: Ship(tracking: Genuine, delivered_after: Days(3))),
            (on: DisputeOpened, after: Hours(30), do: AcceptDispute),
            (on: ReturnShipped, do: SendMessage(text: "Got the tracking number.")),
            "#,
        )
        .events(
            r#"
            (at: "2026-03-03T12:00", event: RefundStalls(order: "P-2")),
            (at: "2026-03-04T09:00", event: FreezeForFraud(order: "P-1", fraud_confirmed: false)),
            (at: "2026-03-05T09:00", event: FreezeForFraud(order: "P-4", fraud_confirmed: true)),
            (at: "2026-03-06T09:00", event: BankDelaysRefund(order: "P-1", by: BusinessDays(2))),
            (at: "2026-03-07T09:00", event: FreezeForFraud(order: "N-1", fraud_confirmed: true)),
            (at: "2026-03-08T09:00", event: ParcelLost(order: "P-3")),
            (at: "2026-03-09T09:00", event: SellerMessage(order: "P-2", text: "Please confirm receipt.")),
            "#,
        )
}

#[derive(Debug, Clone)]
enum Wait {
    Minutes(i64),
    Hours(i64),
    Days(i64),
    BusinessDays(i64),
    NextEvent,
}

#[derive(Debug, Clone)]
enum Step {
    /// One of the actions `offers` lists for an order, allowed or not, with its details varied.
    Offer {
        order: usize,
        pick: usize,
        flavor: u8,
    },
    /// One of the actions `offers` allows now, on any order: keeps stories moving.
    Allowed {
        pick: usize,
        flavor: u8,
    },
    PartialCancel {
        order: usize,
        line: usize,
    },
    Pay {
        order: usize,
        method: usize,
    },
    Add {
        item: usize,
        quantity: u32,
    },
    Select {
        item: usize,
    },
    Deselect {
        item: usize,
    },
    SelectAll,
    DeselectAll,
    DeleteSelected,
    Checkout {
        coupon: Option<usize>,
    },
    AskSupport {
        order: usize,
    },
    Chargeback {
        order: usize,
        bank: bool,
    },
    Wait(Wait),
}

fn wait() -> impl Strategy<Value = Wait> {
    prop_oneof![
        (1i64..120).prop_map(Wait::Minutes),
        (1i64..48).prop_map(Wait::Hours),
        (1i64..8).prop_map(Wait::Days),
        (1i64..6).prop_map(Wait::BusinessDays),
        Just(Wait::NextEvent),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..12, 0usize..32, any::<u8>())
            .prop_map(|(order, pick, flavor)| Step::Offer { order, pick, flavor }),
        8 => (0usize..64, any::<u8>()).prop_map(|(pick, flavor)| Step::Allowed { pick, flavor }),
        1 => (0usize..12, 0usize..3).prop_map(|(order, line)| Step::PartialCancel { order, line }),
        2 => (0usize..12, 0usize..METHODS.len()).prop_map(|(order, method)| Step::Pay { order, method }),
        1 => (0usize..ITEMS.len(), 1u32..3).prop_map(|(item, quantity)| Step::Add { item, quantity }),
        1 => (0usize..ITEMS.len()).prop_map(|item| Step::Select { item }),
        1 => (0usize..ITEMS.len()).prop_map(|item| Step::Deselect { item }),
        1 => Just(Step::SelectAll),
        1 => Just(Step::DeselectAll),
        1 => Just(Step::DeleteSelected),
        2 => prop::option::of(0usize..COUPONS.len()).prop_map(|coupon| Step::Checkout { coupon }),
        1 => (0usize..12).prop_map(|order| Step::AskSupport { order }),
        1 => (0usize..12, any::<bool>()).prop_map(|(order, bank)| Step::Chargeback { order, bank }),
        6 => wait().prop_map(Step::Wait),
    ]
}

fn order_id(sim: &Simulation, pick: usize) -> Option<String> {
    let orders = &sim.world().orders();
    (!orders.is_empty()).then(|| orders[pick % orders.len()].id.clone())
}

/// Fills in what a UI would ask the trainee for: another reason, evidence, an amount.
fn vary(sim: &Simulation, action: Action, flavor: u8) -> Action {
    let reasons = &sim.policy().cancel_reasons;
    let reason =
        (!reasons.is_empty()).then(|| reasons[flavor as usize % reasons.len()].text.clone());
    match action {
        Action::CancelOrder { order, items, .. } => Action::CancelOrder {
            order,
            reason: if flavor.is_multiple_of(3) {
                None
            } else {
                reason
            },
            items,
        },
        Action::RequestCancellation { order, .. } => Action::RequestCancellation { order, reason },
        Action::AskSupportToCancel { order, .. } => Action::AskSupportToCancel {
            order,
            reason: reason.unwrap_or_default(),
        },
        Action::Pay { order, .. } => Action::Pay {
            order,
            method: METHODS[flavor as usize % METHODS.len()].to_owned(),
        },
        Action::OpenDispute {
            order,
            kind,
            description,
            ..
        } => Action::OpenDispute {
            order,
            kind,
            description,
            evidence: if flavor & 1 == 1 {
                vec!["photo.jpg".into()]
            } else {
                vec![]
            },
            amount: (flavor & 2 == 2).then(|| Money::from_cents(150 * (1 + (flavor as i64 >> 2)))),
        },
        other => other,
    }
}

/// The action a step stands for in the current state, if it stands for one.
fn resolve(sim: &Simulation, step: &Step) -> Option<Action> {
    Some(match step {
        Step::Offer {
            order,
            pick,
            flavor,
        } => {
            let id = order_id(sim, *order)?;
            let offers = sim.offers(&id);
            let offer = offers.get(pick % offers.len().max(1))?;
            vary(sim, offer.action.clone(), *flavor)
        }
        Step::Allowed { pick, flavor } => {
            let allowed: Vec<Action> = sim
                .world()
                .orders()
                .iter()
                .flat_map(|o| sim.offers(&o.id))
                .filter(|offer| offer.verdict.is_ok())
                .map(|offer| offer.action)
                .collect();
            let action = allowed.get(pick % allowed.len().max(1))?.clone();
            vary(sim, action, *flavor)
        }
        Step::PartialCancel { order, line } => {
            let id = order_id(sim, *order)?;
            let o = sim.world().order(&id)?;
            let item = o.lines.get(line % o.lines.len().max(1))?.item.clone();
            Action::CancelOrder {
                order: id,
                reason: sim.policy().cancel_reasons.first().map(|r| r.text.clone()),
                items: vec![item],
            }
        }
        Step::Pay { order, method } => Action::Pay {
            order: order_id(sim, *order)?,
            method: METHODS[*method].to_owned(),
        },
        Step::Add { item, quantity } => Action::AddToCart {
            item: ITEMS[*item].to_owned(),
            quantity: *quantity,
        },
        Step::Select { item } => Action::Select {
            item: ITEMS[*item].to_owned(),
        },
        Step::Deselect { item } => Action::Deselect {
            item: ITEMS[*item].to_owned(),
        },
        Step::SelectAll => Action::SelectAll,
        Step::DeselectAll => Action::DeselectAll,
        Step::DeleteSelected => Action::DeleteSelected,
        Step::Checkout { coupon } => Action::Checkout {
            coupon: coupon.map(|c| COUPONS[c].to_owned()),
        },
        Step::AskSupport { order } => Action::WriteToSupport {
            category: "Refunds".into(),
            order: Some(order_id(sim, *order)?),
            subject: String::new(),
            text: "Where is my money?".into(),
            attachments: vec![],
            name: None,
            email: None,
        },
        Step::Chargeback { order, bank } => Action::FileChargeback {
            order: order_id(sim, *order)?,
            via: if *bank {
                ChargebackRoute::Bank
            } else {
                ChargebackRoute::Platform
            },
        },
        Step::Wait(w) => Action::AdvanceClock(match w {
            Wait::Minutes(n) => Advance::By(Span::Minutes(*n)),
            Wait::Hours(n) => Advance::By(Span::Hours(*n)),
            Wait::Days(n) => Advance::By(Span::Days(*n)),
            Wait::BusinessDays(n) => Advance::By(Span::BusinessDays(*n)),
            Wait::NextEvent => Advance::NextEvent,
        }),
    })
}

/// Every money rule, for every order; the first one broken, described.
fn broken_rule(sim: &Simulation) -> Option<String> {
    for o in sim.world().orders() {
        let m = o.money;
        let id = &o.id;
        if [m.paid, m.held, m.released, m.refunded]
            .iter()
            .any(|x| x.is_negative())
        {
            return Some(format!("{id}: negative money {m:?}"));
        }
        if m.held + m.released + m.refunded != m.paid {
            return Some(format!("{id}: held + released + refunded != paid: {m:?}"));
        }
        if m.refunded > m.paid {
            return Some(format!("{id}: refunded more than paid: {m:?}"));
        }
        let refunds: Money = sim
            .world()
            .refunds()
            .iter()
            .filter(|r| &r.order == id)
            .map(|r| r.amount)
            .sum();
        if refunds != m.refunded {
            return Some(format!(
                "{id}: refunds add up to {refunds}, the order says {}",
                m.refunded
            ));
        }
        if o.state.is_final() && m.held != Money::ZERO {
            return Some(format!("{id}: {:?} but still holds {}", o.state, m.held));
        }
    }
    // A coupon comes back only when what it paid for is cancelled: every item bought with
    // it where the policy says so, else the whole order it was used on.
    for c in &sim.world().buyer.coupons {
        if c.state != CouponState::Returned {
            continue;
        }
        let cancelled = |id: &String| {
            sim.world()
                .order(id)
                .is_some_and(|o| o.lines.iter().all(|l| l.cancelled))
        };
        let back = match c.issuer {
            CouponIssuer::Platform if sim.policy().platform_coupon_back_only_when_all_cancelled => {
                c.used_on.iter().all(cancelled)
            }
            _ => c.used_on.iter().any(cancelled),
        };
        if !back {
            return Some(format!(
                "coupon {} came back, used on {:?}",
                c.id, c.used_on
            ));
        }
    }
    for r in sim.world().refunds() {
        if r.amount <= Money::ZERO {
            return Some(format!("refund #{} of {}", r.id, r.amount));
        }
    }
    // The total the Finances tab shows is kept as money moves: it must be the sum.
    let held: Money = sim.world().orders().iter().map(|o| o.money.held).sum();
    if sim.world().held_total() != held {
        return Some(format!(
            "held by the platform: kept {}, the orders hold {held}",
            sim.world().held_total()
        ));
    }
    // Each order is in exactly the status groups of its state, and the counts agree.
    for (g, group) in sim.policy().status_groups.iter().enumerate() {
        let expected = sim
            .world()
            .orders()
            .iter()
            .filter(|o| group.states.contains(&o.state))
            .count();
        if sim.group_len(g) != expected || sim.orders_in_group(g).count() != expected {
            return Some(format!(
                "group {} counts {} but {expected} orders are in its states",
                group.name,
                sim.group_len(g)
            ));
        }
        let middle = expected / 2;
        let paged = sim.orders_in_group_from(g, middle).next().map(|o| &o.id);
        let walked = sim.orders_in_group(g).nth(middle).map(|o| &o.id);
        if paged != walked {
            return Some(format!(
                "group {}: the page from {middle} starts at {paged:?}, not {walked:?}",
                group.name
            ));
        }
        if sim
            .orders_in_group(g)
            .any(|o| !group.states.contains(&o.state))
        {
            return Some(format!(
                "group {} holds an order of another state",
                group.name
            ));
        }
    }
    for method in &sim.world().buyer.methods {
        if method.balance.is_negative() {
            return Some(format!("{} went negative: {}", method.id, method.balance));
        }
    }
    None
}

fn tail_of_log(sim: &Simulation) -> String {
    let lines: Vec<String> = sim.log().iter().map(|e| e.line()).collect();
    lines[lines.len().saturating_sub(25)..].join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn money_always_adds_up(
        preset in prop::sample::select(PRESETS.to_vec()),
        steps in prop::collection::vec(step(), 1..120),
    ) {
        let mut sim = story(preset).build();
        prop_assert_eq!(broken_rule(&sim), None, "at the start");
        for (n, step) in steps.iter().enumerate() {
            let Some(action) = resolve(&sim, step) else { continue };
            let what = action.describe();
            // Refusals are fine: the rules must hold either way.
            let _ = sim.apply(action);
            if let Some(rule) = broken_rule(&sim) {
                prop_assert!(
                    false,
                    "step {} ({}) broke a money rule: {}\n--- log ---\n{}",
                    n, what, rule, tail_of_log(&sim)
                );
            }
        }
    }
}

/// What an order may still be waiting for after two quiet years: only the buyer (a review,
/// an answer to the seller's refusal or offer, support for a stalled refund). Anything else
/// is an order stuck on a deadline that passed without effect.
fn stuck_order(sim: &Simulation) -> Option<String> {
    use shopsim::sim::world::{DisputeStage, OrderState, RefundStage};
    for o in sim.world().orders() {
        let waits_on_buyer = match o.state {
            s if s.is_final() => true,
            OrderState::Received => true,
            OrderState::Dispute => matches!(
                o.dispute.as_ref().map(|d| &d.stage),
                Some(DisputeStage::RefusedBySeller(_) | DisputeStage::CounterOffer(_))
            ),
            OrderState::Refunding => sim
                .world()
                .refunds()
                .iter()
                .any(|r| r.order == o.id && r.stalled && r.stage != RefundStage::Received),
            _ => false,
        };
        if !waits_on_buyer {
            return Some(format!("{} is still {:?}", o.id, o.state));
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    })]

    /// Timers must not be lost: whatever happened, two years later no order is waiting for
    /// anything but the buyer, and the money still adds up.
    #[test]
    fn no_order_waits_forever(
        preset in prop::sample::select(PRESETS.to_vec()),
        steps in prop::collection::vec(step(), 1..120),
    ) {
        let mut sim = story(preset).build();
        for step in &steps {
            if let Some(action) = resolve(&sim, step) {
                let _ = sim.apply(action);
            }
        }
        let _ = sim.apply(Action::AdvanceClock(Advance::By(Span::Days(730))));
        prop_assert_eq!(broken_rule(&sim), None);
        if let Some(stuck) = stuck_order(&sim) {
            prop_assert!(false, "{}\n--- log ---\n{}", stuck, tail_of_log(&sim));
        }
    }
}

/// The properties only mean something if the random stories reach the interesting places.
#[test]
fn random_stories_reach_refunds_disputes_freezes_and_coupons() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeMap;

    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for preset in PRESETS {
        for _ in 0..20 {
            let steps = prop::collection::vec(step(), 40..60)
                .new_tree(&mut runner)
                .expect("a tree")
                .current();
            let mut sim = story(preset).build();
            for step in &steps {
                if let Some(action) = resolve(&sim, step) {
                    let _ = sim.apply(action);
                }
            }
            for e in sim.log() {
                let kind = match &e.fact {
                    Fact::OrderPlaced => "checkout",
                    Fact::RefundStage { .. } => "refund stage",
                    Fact::CancellationRequested { .. } => "cancellation request",
                    Fact::DisputeOpened { .. } => "dispute",
                    Fact::DisputeEscalated => "escalation",
                    Fact::CounterOffer { .. } => "counter-offer",
                    Fact::ReturnShipped => "return",
                    Fact::ChargebackFiled { .. } => "chargeback",
                    Fact::Unfrozen => "unfreeze",
                    Fact::CouponReturned { .. } => "coupon back",
                    Fact::PaidOutToSeller { .. } => "payout",
                    _ => continue,
                };
                *seen.entry(kind).or_default() += 1;
            }
        }
    }
    for (kind, at_least) in [
        ("checkout", 20),
        ("refund stage", 100),
        ("cancellation request", 1),
        ("dispute", 10),
        ("escalation", 1),
        ("counter-offer", 1),
        ("return", 1),
        ("chargeback", 10),
        ("unfreeze", 10),
        ("coupon back", 1),
        ("payout", 10),
    ] {
        let n = seen.get(kind).copied().unwrap_or(0);
        assert!(n >= at_least, "{kind}: {n} in {seen:?}");
    }
}
