//! Before and at payment: the cart, unpaid orders closing by themselves, payment failures,
//! and replaying a story twice.

mod common;

use common::*;
use shopsim::sim::log::Fact;
use shopsim::sim::world::{OrderState, PaymentFailure};
use shopsim::sim::{Action, Advance, Span};

#[test]
fn cart_delete_selected_removes_only_the_selected_lines() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .cart(
            r#"(item: "lamp", selected: false), (item: "bulbs", quantity: 2, selected: false),
               (item: "case", selected: false), (item: "mug", selected: false)"#,
        )
        .build();

    // Nothing selected yet: deleting is refused with a reason, and the refusal is logged.
    let why = refused(&mut sim, Action::DeleteSelected);
    says(
        &why,
        &["Nothing is selected", "select the items to delete first"],
    );
    assert_eq!(sim.world().cart.len(), 4);
    assert!(matches!(
        sim.log().last().map(|e| &e.fact),
        Some(Fact::ActionRefused { reason, .. }) if reason == &why
    ));

    ok(
        &mut sim,
        Action::Select {
            item: "lamp".into(),
        },
    );
    ok(
        &mut sim,
        Action::Select {
            item: "case".into(),
        },
    );
    ok(&mut sim, Action::DeleteSelected);

    let left: Vec<(&str, u32)> = sim
        .world()
        .cart
        .iter()
        .map(|l| (l.item.as_str(), l.quantity))
        .collect();
    assert_eq!(left, vec![("bulbs", 2), ("mug", 1)]);
    assert!(sim.world().cart.iter().all(|l| !l.selected));
    let deleted = sim.log().last().expect("a log entry");
    assert_eq!(deleted.fact, Fact::CartChanged);
    says(&deleted.text, &["lamp", "case", "cannot be undone"]);

    // Deleting cannot be undone, but the item can be found in the catalogue again.
    let why = refused(
        &mut sim,
        Action::Select {
            item: "lamp".into(),
        },
    );
    says(&why, &["lamp is not in the cart"]);
    ok(&mut sim, add("lamp"));
    assert!(sim.world().cart.iter().any(|l| l.item == "lamp"));

    // Select all, delete all: the cart is empty and deleting again is refused.
    ok(&mut sim, Action::SelectAll);
    ok(&mut sim, Action::DeleteSelected);
    assert!(sim.world().cart.is_empty());
    says(
        &refused(&mut sim, Action::DeleteSelected),
        &["The cart is empty"],
    );
    // Nothing of this became an order.
    assert!(sim.world().orders().is_empty());
}

#[test]
fn unpaid_order_closes_by_itself_and_stays_listed() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .cart(r#"(item: "mug")"#)
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();
    assert_eq!(state(&sim, &id), OrderState::Unpaid);
    assert_eq!(order(&sim, &id).amount_due(), usd("18.00"));
    assert!(
        sim.world().cart.is_empty(),
        "checked-out lines leave the cart"
    );

    // unpaid_closes_after is 20 days on this preset.
    wait_until(&mut sim, "2026-03-22T09:59");
    assert_eq!(state(&sim, &id), OrderState::Unpaid);
    wait_until(&mut sim, "2026-03-22T10:00");
    assert_eq!(state(&sim, &id), OrderState::Closed);
    assert_eq!(
        entered(&sim, &id, OrderState::Closed),
        vec![at("2026-03-22T10:00")]
    );
    assert!(
        sim.log()
            .iter()
            .any(|e| e.order.as_deref() == Some(id.as_str())
                && e.text.contains("Not paid within 20 days"))
    );

    // Still listed, no longer payable, no money moved.
    assert_eq!(sim.world().orders().len(), 1);
    says(
        &refused(&mut sim, pay(&id, "card")),
        &[&id, "not awaiting payment", "Closed"],
    );
    assert_eq!(order(&sim, &id).money.paid, usd("0"));
    assert_eq!(balance(&sim, "card"), usd("500.00"));
}

#[test]
fn unpaid_period_is_the_policy_parameter() {
    // The independent shop closes unpaid orders after 3 days; an order that exists at the
    // start keeps its clock from when it was placed.
    let mut sim = Story::on("independent_shop")
        .orders(
            r#"(id: "U-1", seller: "shopC", items: [(item: "mug")], status: Unpaid,
                placed: "2026-03-01T08:00")"#,
        )
        .build();
    wait_until(&mut sim, "2026-03-04T07:59");
    assert_eq!(state(&sim, "U-1"), OrderState::Unpaid);
    wait_until(&mut sim, "2026-03-04T08:00");
    assert_eq!(state(&sim, "U-1"), OrderState::Closed);
}

#[test]
fn payment_failures_give_the_banks_message_and_another_method_works() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .methods(
            r#"
            (id: "flaky", kind: Card, label: "Flaky card", balance: "100.00", fails_next: [WrongSecurityCode, TechnicalLimit]),
            (id: "blocked", kind: Card, label: "Blocked card", balance: "100.00", blocked: true),
            (id: "old", kind: Card, label: "Old card", balance: "100.00", expires: "2026-02-28"),
            (id: "poor", kind: Card, label: "Poor card", balance: "10.00"),
            (id: "wallet", kind: EWallet, label: "E-wallet", balance: "50.00"),
            "#,
        )
        .cart(r#"(item: "mug")"#)
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();

    let cases = [
        ("flaky", PaymentFailure::WrongSecurityCode),
        ("flaky", PaymentFailure::TechnicalLimit),
        ("blocked", PaymentFailure::CardBlocked),
        ("old", PaymentFailure::CardExpired),
        ("poor", PaymentFailure::InsufficientFunds),
    ];
    for (method, failure) in cases {
        let why = refused(&mut sim, pay(&id, method));
        assert_eq!(why, failure.bank_message(), "paying with {method}");
        assert_eq!(
            sim.log().last().map(|e| &e.fact),
            Some(&Fact::PaymentFailed)
        );
        assert_eq!(state(&sim, &id), OrderState::Unpaid);
        assert_eq!(order(&sim, &id).money.paid, usd("0"));
    }
    assert_eq!(
        facts(&sim, &id)
            .iter()
            .filter(|f| **f == Fact::PaymentFailed)
            .count(),
        5
    );
    // No failed attempt took money.
    for method in ["flaky", "blocked", "old"] {
        assert_eq!(balance(&sim, method), usd("100.00"));
    }
    assert_eq!(balance(&sim, "poor"), usd("10.00"));

    // Another method succeeds.
    ok(&mut sim, pay(&id, "wallet"));
    assert_eq!(state(&sim, &id), OrderState::AwaitingShipment);
    let o = order(&sim, &id);
    assert_eq!(o.method.as_deref(), Some("wallet"));
    assert_eq!(o.paid_at, Some(at("2026-03-02T10:00")));
    assert_eq!(o.money.paid, usd("18.00"));
    assert_eq!(o.money.held, usd("18.00"));
    assert_eq!(balance(&sim, "wallet"), usd("32.00"));
    assert!(has_fact(
        &sim,
        &id,
        &Fact::OrderPaid {
            amount: usd("18.00")
        }
    ));
    assert_money_balanced(&sim, &id);

    // The scripted failures were used up: the flaky card itself would now work.
    assert!(
        sim.world()
            .method("flaky")
            .unwrap()
            .scripted_failures
            .is_empty()
    );
}

/// A story with a little of everything: sellers answering, a coupon, refunds, a dispute.
fn busy_story() -> Story {
    Story::on("escrow_marketplace")
        .coupons(r#"(id: "ALL5", issuer: Platform, amount: "5.00", min_order: "20.00", expires: "2026-04-30T23:59")"#)
        .cart(r#"(item: "lamp"), (item: "case"), (item: "mug", selected: false)"#)
        .orders(
            r#"
            (id: "S-1", seller: "shopB", items: [(item: "case")], status: Shipped,
             placed: "2026-02-20T10:00", paid: "2026-02-20T10:05", method: "card",
             shipped: "2026-02-21T09:00", tracking: Fake),
            "#,
        )
        .rules(
            "shopA",
            r#"(on: CancellationRequested, when: [ReasonSparesSeller], after: Hours(5), do: ApproveCancellation),
               (on: OrderPaid, after: BusinessDays(2), do: Ship(tracking: Genuine, delivered_after: Days(4)))"#,
        )
        .rules(
            "shopB",
            r#"(on: DisputeOpened, after: Hours(30), do: OfferPartialRefund(amount: "3.00")),
               (on: CounterOfferRejected, after: Hours(12), do: RefuseDispute(message: "It is on its way."))"#,
        )
        .events(r#"(at: "2026-03-16T12:00", event: BankDelaysRefund(order: "S-1", by: BusinessDays(2)))"#)
}

fn play_busy_story() -> String {
    let mut sim = busy_story().build();
    let script = [
        checkout(Some("ALL5")),
        pay("N-1", "card"),
        pay("N-2", "wallet"),
        Action::AdvanceClock(Advance::By(Span::Days(1))),
        request_cancel("N-1", "Wrong choice of product"),
        Action::OpenDispute {
            order: "S-1".into(),
            kind: shopsim::sim::world::DisputeKind::NoTrackingInfo,
            description: "Nothing on the tracking page".into(),
            evidence: vec![],
            amount: None,
        },
        Action::AdvanceClock(Advance::By(Span::Days(2))),
        Action::RejectCounterOffer {
            order: "S-1".into(),
        },
        Action::AdvanceClock(Advance::NextEvent),
        Action::Escalate {
            order: "S-1".into(),
        },
        Action::WriteToSupport {
            category: "Refunds".into(),
            order: Some("N-2".into()),
            subject: String::new(),
            text: "Where is my money?".into(),
            attachments: vec![],
            name: None,
            email: None,
        },
        Action::AdvanceClock(Advance::By(Span::Days(30))),
    ];
    for action in script {
        // Refusals are part of the story too: they are logged and must replay the same.
        let _ = sim.apply(action);
    }
    log_text(&sim)
}

#[test]
fn same_scenario_and_actions_replay_to_the_same_log() {
    let first = play_busy_story();
    let second = play_busy_story();
    assert!(
        first.lines().count() > 30,
        "the story should do plenty:\n{first}"
    );
    assert_eq!(first, second);
    // And the things the script was about did happen.
    says(
        &first,
        &[
            "coupon ALL5",
            "cancellation approved",
            "offers a partial refund of $3.00",
            "Dispute escalated",
            "The platform decided for you",
            "The bank delays refund",
            "Support answered",
        ],
    );
}
