//! The wider field's rules (DOMAIN.md §8) on their presets: a half-hour direct cancel
//! counted from ordering and then a request; a claim only after writing to the seller, and
//! a seller silent on a claim losing it; a request window of an hour and a request that
//! lapses; cancelling in the app only; refunds as points at once.

mod common;

use common::*;
use shopsim::sim::log::Fact;
use shopsim::sim::policy::{Device, OfferKind};
use shopsim::sim::world::{DisputeKind, OrderState};
use shopsim::sim::{Action, Simulation};

/// Placed at 09:50 and paid at once; the story starts at 10:00.
const ORDERED_AT_0950: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
    placed: "2026-03-02T09:50", paid: "2026-03-02T09:50", method: "card", shipping: "2.00")"#;

/// Shipped a fortnight ago, never arrived.
const LATE_PARCEL: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: Shipped,
    placed: "2026-02-10T10:00", paid: "2026-02-10T10:00", method: "card", shipping: "2.00",
    shipped: "2026-02-16T10:00", tracking: Genuine)"#;

fn not_received(order: &str) -> Action {
    Action::OpenDispute {
        order: order.into(),
        kind: DisputeKind::NotReceived,
        description: "It never came".into(),
        evidence: vec!["tracking.png".into()],
        amount: None,
    }
}

fn message(order: &str) -> Action {
    Action::MessageSeller {
        order: order.into(),
        text: "My parcel has not arrived; can you help?".into(),
    }
}

fn label_of(sim: &Simulation, order: &str, kind: OfferKind) -> String {
    sim.offers(order)
        .into_iter()
        .find(|o| o.kind == kind)
        .map(|o| o.label)
        .unwrap_or_default()
}

#[test]
fn half_an_hour_from_ordering_to_cancel_then_only_a_request() {
    let mut sim = Story::on("half_hour_store").orders(ORDERED_AT_0950).build();
    assert_eq!(
        label_of(&sim, "A-1", OfferKind::CancelOrder),
        "Cancel items"
    );
    // The window counts from placing the order: it closes at 10:20.
    says(
        &refused(&mut sim, request_cancel("A-1", "Found a better price")),
        &["cancel A-1 directly until"],
    );
    wait_until(&mut sim, "2026-03-02T10:20");
    assert!(
        sim.check(&cancel_for("A-1", "Found a better price"))
            .is_ok()
    );
    wait_until(&mut sim, "2026-03-02T10:21");
    assert!(
        sim.check(&cancel_for("A-1", "Found a better price"))
            .is_err()
    );
    ok(&mut sim, request_cancel("A-1", "Found a better price"));
    // A seller who ignores it: the request lapses after two business days; the order goes on.
    wait_until(&mut sim, "2026-03-04T10:21");
    assert_eq!(state(&sim, "A-1"), OrderState::AwaitingShipment);
    says(&log_text(&sim), &["request lapsed"]);
    assert!(
        sim.refused_requests()
            .iter()
            .any(|r| r.request.contains("cancellation"))
    );
}

#[test]
fn a_claim_opens_only_after_the_seller_had_48_hours_and_a_silent_seller_loses_it() {
    let mut sim = Story::on("half_hour_store").orders(LATE_PARCEL).build();
    says(
        &refused(&mut sim, not_received("A-1")),
        &["Contact the seller first", "\"Contact seller\"", "48 hours"],
    );
    ok(&mut sim, message("A-1"));
    wait_until(&mut sim, "2026-03-04T09:59");
    says(
        &refused(&mut sim, not_received("A-1")),
        &["until Wed 2026-03-04 10:00"],
    );
    wait_until(&mut sim, "2026-03-04T10:00");
    ok(&mut sim, not_received("A-1"));
    // The seller says nothing for 72 hours: the buyer's claim applies.
    wait_until(&mut sim, "2026-03-07T10:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    assert_eq!(refund(&sim, "A-1").amount, usd("32.00"));
}

#[test]
fn a_cancellation_is_requested_within_the_hour_after_paying_or_not_at_all() {
    let paid_0930 = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
        placed: "2026-03-02T09:30", paid: "2026-03-02T09:30", method: "card", shipping: "2.00")"#;
    let mut sim = Story::on("hour_request_marketplace")
        .orders(paid_0930)
        .build();
    let offered: Vec<OfferKind> = sim.offers("A-1").iter().map(|o| o.kind).collect();
    assert!(!offered.contains(&OfferKind::CancelOrder) || sim.check(&cancel("A-1")).is_err());
    // The window is on the order page and the clock stops at its last minute.
    let window = sim
        .windows(sim.world().order("A-1").expect("A-1"))
        .into_iter()
        .find(|w| w.kind == shopsim::sim::engine::WindowKind::CancelRequest)
        .expect("a request window");
    assert_eq!(window.last_open, Some(at("2026-03-02T10:30")));
    wait_until(&mut sim, "2026-03-02T10:31");
    says(
        &refused(&mut sim, request_cancel("A-1", "I changed my mind")),
        &["only within 1 hour of payment", "return it"],
    );

    let mut sim = Story::on("hour_request_marketplace")
        .orders(paid_0930)
        .rules(
            "shopA",
            "(on: CancellationRequested, after: Days(1), do: ApproveCancellation)",
        )
        .build();
    ok(&mut sim, request_cancel("A-1", "I changed my mind"));
    wait_until(&mut sim, "2026-03-03T10:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
}

#[test]
fn cancelling_is_in_the_app_and_the_own_question_on_the_website() {
    let mut sim = Story::on("points_marketplace")
        .orders(ORDERED_AT_0950)
        .build();
    assert_eq!(sim.device(), Device::Website);
    says(
        &refused(&mut sim, cancel_for("A-1", "I changed my mind")),
        &[
            "\"Cancel\" is only in the mobile app",
            "switch to the mobile app",
        ],
    );
    ok(&mut sim, Action::SwitchDevice { to: Device::App });
    ok(&mut sim, cancel_for("A-1", "I changed my mind"));
    let ask = Action::WriteToSupport {
        category: "Refunds".into(),
        order: Some("A-1".into()),
        subject: String::new(),
        text: "Where is my money?".into(),
        attachments: vec![],
        name: Some("Test Buyer".into()),
        email: Some("buyer@example.com".into()),
    };
    says(&refused(&mut sim, ask.clone()), &["only on the website"]);
    ok(
        &mut sim,
        Action::SwitchDevice {
            to: Device::Website,
        },
    );
    ok(&mut sim, ask);
}

#[test]
fn a_refund_as_points_arrives_at_once_where_money_takes_a_week() {
    let mut sim = Story::on("points_marketplace")
        .orders(ORDERED_AT_0950)
        .build();
    ok(&mut sim, Action::SwitchDevice { to: Device::App });
    assert_eq!(
        label_of(&sim, "A-1", OfferKind::RefundAsPoints),
        "Refund as points"
    );
    ok(
        &mut sim,
        Action::RefundTo {
            order: "A-1".into(),
            method: "points".into(),
        },
    );
    assert_eq!(
        label_of(&sim, "A-1", OfferKind::RefundToPayment),
        "Refund to card or wallet"
    );
    ok(&mut sim, cancel_for("A-1", "I changed my mind"));
    let r = refund(&sim, "A-1");
    assert_eq!(r.method, "points");
    wait_until(&mut sim, "2026-03-02T10:05");
    assert!(has_fact(
        &sim,
        "A-1",
        &Fact::RefundStage {
            refund: 1,
            stage: shopsim::sim::world::RefundStage::Received,
            amount: usd("32.00")
        }
    ));
    // Settled: where it went can no longer change.
    says(
        &refused(
            &mut sim,
            Action::RefundTo {
                order: "A-1".into(),
                method: "card".into(),
            },
        ),
        &["already being refunded"],
    );
    // Elsewhere there is no such choice.
    let sim = Story::on("escrow_marketplace")
        .orders(ORDERED_AT_0950)
        .build();
    assert!(
        !sim.offers("A-1")
            .iter()
            .any(|o| o.kind == OfferKind::RefundAsPoints)
    );
}
