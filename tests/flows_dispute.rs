//! After shipment: fake tracking and "no tracking" disputes, returns, partial settlements,
//! chargebacks, and cash-on-delivery parcels.

mod common;

use common::*;
use shopsim::sim::log::Fact;
use shopsim::sim::world::{DisputeKind, DisputeStage, LedgerKind, OrderState, TrackingKind};
use shopsim::sim::{Action, ChargebackRoute, Money};

fn dispute(order: &str, kind: DisputeKind, evidence: &[&str]) -> Action {
    Action::OpenDispute {
        order: order.into(),
        kind,
        description: "Test dispute".into(),
        evidence: evidence.iter().map(|e| e.to_string()).collect(),
        amount: None,
    }
}

fn escalate(order: &str) -> Action {
    Action::Escalate {
        order: order.into(),
    }
}

fn chargeback(order: &str, via: ChargebackRoute) -> Action {
    Action::FileChargeback {
        order: order.into(),
        via,
    }
}

#[test]
fn fake_shipment_then_no_tracking_dispute_escalated_and_decided_for_the_buyer() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(
            r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
                placed: "2026-03-02T09:55", paid: "2026-03-02T10:00", method: "card", shipping: "2.00")"#,
        )
        .rules(
            "shopA",
            r#"(on: OrderPaid, after: Hours(1), do: Ship(tracking: Fake)),
               (on: DisputeOpened, when: [DisputeKind(NoTrackingInfo)], after: Hours(5),
                do: RefuseDispute(message: "The parcel is on its way."))"#,
        )
        .build();

    // The seller "ships" an hour after payment, inside the buyer's cancel window.
    wait_until(&mut sim, "2026-03-02T11:30");
    assert_eq!(state(&sim, "A-1"), OrderState::Shipped);
    assert_eq!(
        when_logged(&sim, "A-1", &Fact::Shipped { genuine: false }),
        Some(at("2026-03-02T11:00"))
    );
    let tracking = order(&sim, "A-1")
        .tracking
        .clone()
        .expect("a tracking number");
    assert_eq!(tracking.kind, TrackingKind::Fake);
    assert!(
        tracking.events.is_empty(),
        "a fake number never gets a scan"
    );
    says(
        &refused(&mut sim, cancel("A-1")),
        &[
            "was shipped on Mon 2026-03-02 11:00",
            "can no longer be cancelled",
        ],
    );

    // "No tracking information" opens 6 days after shipping.
    wait_until(&mut sim, "2026-03-08T10:59");
    says(
        &refused(&mut sim, dispute("A-1", DisputeKind::NoTrackingInfo, &[])),
        &[
            "only 6 days after shipping",
            "shipped Mon 2026-03-02 11:00",
            "from Sun 2026-03-08 11:00",
            "now Sun 2026-03-08 10:59",
        ],
    );
    assert_eq!(state(&sim, "A-1"), OrderState::Shipped);
    wait_until(&mut sim, "2026-03-08T11:00");
    ok(&mut sim, dispute("A-1", DisputeKind::NoTrackingInfo, &[]));
    assert_eq!(state(&sim, "A-1"), OrderState::Dispute);
    assert!(has_fact(
        &sim,
        "A-1",
        &Fact::DisputeOpened {
            kind: DisputeKind::NoTrackingInfo
        }
    ));
    let d = order(&sim, "A-1").dispute.clone().expect("a dispute");
    assert_eq!(d.amount, usd("32.00"));
    assert_eq!(d.seller_due, at("2026-03-10T11:00"));

    // Escalating before the seller answers is refused with the seller's deadline.
    says(
        &refused(&mut sim, escalate("A-1")),
        &["The seller has until Tue 2026-03-10 11:00"],
    );

    wait_until(&mut sim, "2026-03-08T16:00");
    assert!(matches!(
        order(&sim, "A-1").dispute.as_ref().map(|d| &d.stage),
        Some(DisputeStage::RefusedBySeller(m)) if m == "The parcel is on its way."
    ));
    ok(&mut sim, escalate("A-1"));
    assert_eq!(state(&sim, "A-1"), OrderState::Escalated);
    assert!(has_fact(&sim, "A-1", &Fact::DisputeEscalated));
    says(&refused(&mut sim, escalate("A-1")), &["already deciding"]);

    // The platform decides in 2 days: no scan ever, so for the buyer.
    wait_until(&mut sim, "2026-03-10T15:59");
    assert_eq!(state(&sim, "A-1"), OrderState::Escalated);
    wait_until(&mut sim, "2026-03-10T16:00");
    assert_eq!(
        when_logged(
            &sim,
            "A-1",
            &Fact::DisputeDecided {
                refund: usd("32.00")
            }
        ),
        Some(at("2026-03-10T16:00"))
    );
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    let r = refund(&sim, "A-1");
    assert_eq!((r.amount, r.method.as_str()), (usd("32.00"), "card"));
    let m = order(&sim, "A-1").money;
    assert_eq!(
        (m.held, m.released, m.refunded),
        (usd("0"), usd("0"), usd("32.00"))
    );
    // The seller was never paid.
    assert!(
        !facts(&sim, "A-1")
            .iter()
            .any(|f| matches!(f, Fact::PaidOutToSeller { .. }))
    );
}

/// A mug paid by e-wallet, delivered Sunday 15:00; the story starts Monday 10:00.
fn delivered_mug(preset: &str) -> Story {
    Story::on(preset)
        .orders(
            r#"(id: "R-1", seller: "shopC", items: [(item: "mug")], status: Delivered,
                placed: "2026-02-20T10:00", paid: "2026-02-20T10:05", method: "wallet",
                shipped: "2026-02-22T10:00", delivered: "2026-03-01T15:00")"#,
        )
        .rules(
            "shopC",
            r#"(on: DisputeOpened, when: [DisputeKind(ReturnGoodsAndMoney), HasEvidence], after: Hours(10), do: AcceptReturn),
               (on: DisputeOpened, after: Hours(10), do: RefuseDispute(message: "Send photos of the defect."))"#,
        )
}

#[test]
fn return_within_the_window_refunds_after_the_parcel_is_back() {
    let mut sim = delivered_mug("escrow_marketplace").build();
    let wallet_before = balance(&sim, "wallet");
    ok(
        &mut sim,
        dispute(
            "R-1",
            DisputeKind::ReturnGoodsAndMoney,
            &["box.jpg", "crack.jpg"],
        ),
    );
    assert_eq!(state(&sim, "R-1"), OrderState::Dispute);

    wait_until(&mut sim, "2026-03-02T20:00");
    assert_eq!(state(&sim, "R-1"), OrderState::ReturnPending);
    let agreed = sim
        .log()
        .iter()
        .rev()
        .find(|e| e.order.as_deref() == Some("R-1") && e.text.starts_with("Return agreed"))
        .expect("the return is agreed");
    // 10 days to ship it back; return shipping is the buyer's on this platform.
    says(
        &agreed.text,
        &["by Thu 2026-03-12 20:00", "$6.50 is yours to pay"],
    );

    wait_until(&mut sim, "2026-03-03T09:00");
    ok(
        &mut sim,
        Action::ShipReturn {
            order: "R-1".into(),
        },
    );
    assert!(has_fact(&sim, "R-1", &Fact::ReturnShipped));
    assert!(has_fact(
        &sim,
        "R-1",
        &Fact::Fee {
            amount: usd("6.50")
        }
    ));
    assert!(sim.world().ledger.iter().any(|e| e.kind == LedgerKind::Fee
        && e.amount == usd("6.50")
        && e.order.as_deref() == Some("R-1")));
    says(
        &refused(
            &mut sim,
            Action::ShipReturn {
                order: "R-1".into(),
            },
        ),
        &["already shipped"],
    );

    // The parcel travels 12 days; the refund starts when the seller has it.
    wait_until(&mut sim, "2026-03-15T08:59");
    assert_eq!(state(&sim, "R-1"), OrderState::ReturnPending);
    assert!(sim.world().refunds().is_empty());
    wait_until(&mut sim, "2026-03-15T09:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Refunding);
    let r = refund(&sim, "R-1");
    assert_eq!((r.amount, r.method.as_str()), (usd("18.00"), "wallet"));
    // E-wallet on this preset: 12 hours, 1 day, 2 days.
    assert_eq!(r.expected_at, at("2026-03-18T21:00"));

    wait_until(&mut sim, "2026-03-18T21:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Cancelled);
    // The postage came out of the wallet the order was paid with; the refund went back in.
    assert_eq!(
        balance(&sim, "wallet"),
        wallet_before - usd("6.50") + usd("18.00")
    );
    let m = order(&sim, "R-1").money;
    assert_eq!(
        (m.held, m.released, m.refunded),
        (usd("0"), usd("0"), usd("18.00"))
    );
}

#[test]
fn return_without_evidence_is_refused_by_the_seller_and_free_shipping_where_the_policy_pays() {
    // Without photos this seller refuses.
    let mut sim = delivered_mug("escrow_marketplace").build();
    ok(
        &mut sim,
        dispute("R-1", DisputeKind::ReturnGoodsAndMoney, &[]),
    );
    wait_until(&mut sim, "2026-03-02T20:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Dispute);
    assert!(matches!(
        order(&sim, "R-1").dispute.as_ref().map(|d| &d.stage),
        Some(DisputeStage::RefusedBySeller(_))
    ));

    // On the quick-cancel marketplace the buyer does not pay return shipping.
    let mut sim = delivered_mug("quick_cancel_marketplace").build();
    ok(
        &mut sim,
        dispute("R-1", DisputeKind::ReturnGoodsAndMoney, &["photo.jpg"]),
    );
    wait_until(&mut sim, "2026-03-02T20:00");
    ok(
        &mut sim,
        Action::ShipReturn {
            order: "R-1".into(),
        },
    );
    assert!(
        !facts(&sim, "R-1")
            .iter()
            .any(|f| matches!(f, Fact::Fee { .. }))
    );
    // return_transit is 7 days here.
    wait_until(&mut sim, "2026-03-09T20:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Refunding);
    assert_eq!(refund(&sim, "R-1").amount, usd("18.00"));
}

#[test]
fn return_is_refused_after_the_window() {
    // 15 days from delivery (Sunday 03-01 15:00) on the escrow preset.
    let mut sim = delivered_mug("escrow_marketplace").build();
    wait_until(&mut sim, "2026-03-16T15:00");
    let action = dispute("R-1", DisputeKind::ReturnGoodsAndMoney, &["photo.jpg"]);
    assert_eq!(sim.check(&action), Ok(()));
    wait_until(&mut sim, "2026-03-16T15:01");
    says(
        &refused(&mut sim, action),
        &[
            "within 15 days of receipt",
            "received Sun 2026-03-01 15:00",
            "the window closed Mon 2026-03-16 15:00",
        ],
    );
    assert_eq!(state(&sim, "R-1"), OrderState::Delivered);
}

#[test]
fn partial_settlement_pays_the_rest_to_the_seller() {
    let mut sim = delivered_mug("quick_cancel_marketplace")
        .rules(
            "shopC",
            r#"(on: DisputeOpened, after: Hours(1), do: OfferPartialRefund(amount: "5.00"))"#,
        )
        .build();
    ok(
        &mut sim,
        dispute("R-1", DisputeKind::NotAsDescribed, &["photo.jpg"]),
    );
    wait_until(&mut sim, "2026-03-02T11:00");
    assert!(has_fact(
        &sim,
        "R-1",
        &Fact::CounterOffer {
            amount: usd("5.00")
        }
    ));
    ok(
        &mut sim,
        Action::AcceptCounterOffer {
            order: "R-1".into(),
        },
    );
    assert_eq!(refund(&sim, "R-1").amount, usd("5.00"));
    assert_money_balanced(&sim, "R-1");

    // Once the 5.00 is back the order is done, and a done order holds no money: the other
    // 13.00 belongs to the seller.
    wait_until(&mut sim, "2026-03-20T00:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Completed);
    let m = order(&sim, "R-1").money;
    assert_eq!(
        (m.held, m.released, m.refunded),
        (usd("0"), usd("13.00"), usd("5.00"))
    );
    assert!(has_fact(
        &sim,
        "R-1",
        &Fact::PaidOutToSeller {
            amount: usd("13.00")
        }
    ));
}

#[test]
fn rejected_dispute_after_buyer_protection_ended_counts_the_order_received() {
    // Shipped 2026-01-05 10:00: 60 days of buyer protection end 2026-03-06 10:00, while the
    // dispute is with the platform. The platform rejects it (no evidence) on 03-07.
    let mut sim = Story::on("quick_cancel_marketplace")
        .start("2026-03-05T10:00")
        .orders(
            r#"(id: "D-1", seller: "shopC", items: [(item: "mug")], status: Delivered,
                placed: "2026-01-04T10:00", paid: "2026-01-04T10:05", method: "card",
                shipped: "2026-01-05T10:00", delivered: "2026-02-25T10:00")"#,
        )
        .rules(
            "shopC",
            r#"(on: DisputeOpened, after: Hours(1), do: RefuseDispute(message: "It works for me."))"#,
        )
        .build();
    ok(&mut sim, dispute("D-1", DisputeKind::NotAsDescribed, &[]));
    wait_until(&mut sim, "2026-03-05T11:00");
    ok(&mut sim, escalate("D-1"));
    wait_until(&mut sim, "2026-03-07T11:00");
    assert_eq!(
        when_logged(
            &sim,
            "D-1",
            &Fact::DisputeDecided {
                refund: Money::ZERO
            }
        ),
        Some(at("2026-03-07T11:00"))
    );
    // Not back to "Delivered" waiting for a protection timer that already ran out.
    assert_eq!(state(&sim, "D-1"), OrderState::Received);
    let m = order(&sim, "D-1").money;
    assert_eq!((m.held, m.released), (usd("0"), usd("18.00")));
    assert_eq!(
        when_logged(
            &sim,
            "D-1",
            &Fact::PaidOutToSeller {
                amount: usd("18.00")
            }
        ),
        Some(at("2026-03-07T11:00"))
    );
}

/// Received long ago: the seller has been paid. The story starts Monday 03-02 10:00.
fn received_lamp(paid: &str) -> Story {
    Story::on("quick_cancel_marketplace").orders(&format!(
        r#"(id: "C-1", seller: "shopA", items: [(item: "lamp")], status: Received,
            placed: "{paid}", paid: "{paid}", method: "card", shipping: "2.00",
            shipped: "{paid}", delivered: "{paid}", received: "{paid}")"#
    ))
}

#[test]
fn chargeback_through_the_platform_is_decided_in_two_days() {
    let mut sim = received_lamp("2026-02-02T10:00").build();
    assert_eq!(order(&sim, "C-1").money.released, usd("32.00"));
    ok(&mut sim, chargeback("C-1", ChargebackRoute::Platform));
    assert_eq!(state(&sim, "C-1"), OrderState::Frozen);
    assert!(has_fact(
        &sim,
        "C-1",
        &Fact::ChargebackFiled {
            via: ChargebackRoute::Platform
        }
    ));
    assert!(has_fact(&sim, "C-1", &Fact::Frozen));
    // Nothing else while it runs.
    says(
        &refused(&mut sim, chargeback("C-1", ChargebackRoute::Bank)),
        &["already being decided"],
    );
    assert!(
        sim.check(&dispute(
            "C-1",
            DisputeKind::ReturnGoodsAndMoney,
            &["x.jpg"]
        ))
        .is_err()
    );

    wait_until(&mut sim, "2026-03-04T09:59");
    assert_eq!(state(&sim, "C-1"), OrderState::Frozen);
    wait_until(&mut sim, "2026-03-04T10:00");
    assert_eq!(state(&sim, "C-1"), OrderState::Refunding);
    assert_eq!(
        when_logged(&sim, "C-1", &Fact::Unfrozen),
        Some(at("2026-03-04T10:00"))
    );
    let r = refund(&sim, "C-1");
    assert_eq!(r.amount, usd("32.00"));
    assert_eq!(
        r.reached_at(shopsim::sim::world::RefundStage::Requested),
        Some(at("2026-03-04T10:00"))
    );
    // The seller had been paid; the money comes back out of what was released.
    let m = order(&sim, "C-1").money;
    assert_eq!(
        (m.held, m.released, m.refunded),
        (usd("0"), usd("0"), usd("32.00"))
    );
}

#[test]
fn chargeback_through_the_bank_takes_its_own_longer_time() {
    let mut sim = received_lamp("2026-02-02T10:00").build();
    ok(&mut sim, chargeback("C-1", ChargebackRoute::Bank));
    assert_eq!(state(&sim, "C-1"), OrderState::Frozen);
    let filed = sim
        .log()
        .iter()
        .rev()
        .find(|e| matches!(e.fact, Fact::ChargebackFiled { .. }))
        .unwrap();
    // 30 business days: six weeks later.
    says(
        &filed.text,
        &["bank may ask for more information", "Mon 2026-04-13 10:00"],
    );
    // The bank asks for more (5 business days later) and gets the proof in time.
    wait_until(&mut sim, "2026-03-09T10:00");
    assert!(has_fact(&sim, "C-1", &Fact::BankAsks));
    ok(
        &mut sim,
        Action::AnswerBank {
            order: "C-1".into(),
            text: String::new(),
            evidence: vec!["receipt.pdf".into()],
        },
    );
    wait_until(&mut sim, "2026-03-10T10:00");
    assert_eq!(
        state(&sim, "C-1"),
        OrderState::Frozen,
        "not on the platform's timetable"
    );
    wait_until(&mut sim, "2026-04-13T09:59");
    assert_eq!(state(&sim, "C-1"), OrderState::Frozen);
    wait_until(&mut sim, "2026-04-13T10:00");
    assert_eq!(state(&sim, "C-1"), OrderState::Refunding);
    assert_eq!(refund(&sim, "C-1").amount, usd("32.00"));
    assert_money_balanced(&sim, "C-1");
}

#[test]
fn chargeback_during_a_dispute_holds_the_sellers_answer_and_settles_the_claim() {
    // The seller would accept the dispute a day after it opens; the buyer files a
    // chargeback an hour in. While the chargeback runs the order is frozen: the seller's
    // answer waits, and once the chargeback has refunded everything there is nothing left
    // for the dispute to decide.
    let mut sim = delivered_mug("quick_cancel_marketplace")
        .rules(
            "shopC",
            r#"(on: DisputeOpened, after: Days(1), do: AcceptDispute)"#,
        )
        .build();
    ok(
        &mut sim,
        dispute("R-1", DisputeKind::NotAsDescribed, &["photo.jpg"]),
    );
    wait_until(&mut sim, "2026-03-02T11:00");
    ok(&mut sim, chargeback("R-1", ChargebackRoute::Platform));
    assert_eq!(state(&sim, "R-1"), OrderState::Frozen);

    wait_until(&mut sim, "2026-03-03T12:00");
    assert_eq!(
        state(&sim, "R-1"),
        OrderState::Frozen,
        "the seller cannot unfreeze it"
    );
    assert!(sim.world().refunds().is_empty());

    wait_until(&mut sim, "2026-03-04T11:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Refunding);
    assert_eq!(refund(&sim, "R-1").amount, usd("18.00"));
    assert!(
        !facts(&sim, "R-1")
            .iter()
            .any(|f| matches!(f, Fact::DisputeDecided { .. })),
        "the chargeback settled it"
    );
    assert_eq!(
        order(&sim, "R-1").dispute.as_ref().map(|d| d.stage.clone()),
        Some(DisputeStage::Settled)
    );

    // E-wallet: 2 hours, 1 day, 4 days. Then the order is closed, not left "refunding".
    wait_until(&mut sim, "2026-03-20T00:00");
    assert_eq!(state(&sim, "R-1"), OrderState::Cancelled);
    assert_eq!(refunds(&sim, "R-1").len(), 1);
    assert_money_balanced(&sim, "R-1");
}

#[test]
fn chargeback_is_refused_outside_its_window() {
    // Paid 2025-09-01 10:00: 180 days end Saturday 2026-02-28 10:00.
    let mut sim = received_lamp("2025-09-01T10:00")
        .start("2026-02-28T10:00")
        .build();
    assert_eq!(
        sim.check(&chargeback("C-1", ChargebackRoute::Platform)),
        Ok(())
    );
    wait_until(&mut sim, "2026-02-28T10:01");
    for via in [ChargebackRoute::Platform, ChargebackRoute::Bank] {
        says(
            &refused(&mut sim, chargeback("C-1", via)),
            &[
                "within 180 days of payment",
                "paid Mon 2025-09-01 10:00",
                "the window closed Sat 2026-02-28 10:00",
            ],
        );
    }
    assert_eq!(state(&sim, "C-1"), OrderState::Received);
    assert!(sim.world().refunds().is_empty());
}

/// A mug bought cash on delivery on the escrow preset: shipped a day after the order,
/// at the post office five days later (Sunday 03-08 10:00).
fn cod_mug() -> (shopsim::sim::Simulation, String) {
    let mut sim = Story::on("escrow_marketplace")
        .cart(r#"(item: "mug")"#)
        .rules(
            "shopC",
            r#"(on: OrderPaid, after: Days(1), do: Ship(tracking: Genuine, delivered_after: Days(5)))"#,
        )
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();
    ok(&mut sim, pay(&id, "cod"));
    // No payment to verify: nothing was charged.
    assert_eq!(state(&sim, &id), OrderState::AwaitingShipment);
    assert_eq!(order(&sim, &id).money.paid, Money::ZERO);
    says(
        &refused(&mut sim, Action::RefuseParcel { order: id.clone() }),
        &["has not reached the post office"],
    );
    wait_until(&mut sim, "2026-03-08T10:00");
    assert_eq!(state(&sim, &id), OrderState::Delivered);
    (sim, id)
}

#[test]
fn cash_on_delivery_parcel_refused_at_the_post_office() {
    let (mut sim, id) = cod_mug();
    wait_until(&mut sim, "2026-03-09T12:00");
    ok(&mut sim, Action::RefuseParcel { order: id.clone() });
    assert_eq!(state(&sim, &id), OrderState::Cancelled);
    assert!(order(&sim, &id).lines.iter().all(|l| l.cancelled));
    // The delivery cost may still be owed.
    assert_eq!(
        when_logged(
            &sim,
            &id,
            &Fact::Fee {
                amount: usd("3.50")
            }
        ),
        Some(at("2026-03-09T12:00"))
    );
    assert!(sim.world().ledger.iter().any(|e| e.kind == LedgerKind::Fee
        && e.amount == usd("3.50")
        && e.order.as_deref() == Some(id.as_str())));
    assert!(
        sim.world().refunds().is_empty(),
        "nothing was paid, nothing to refund"
    );
    assert_eq!(order(&sim, &id).money, Default::default());
}

#[test]
fn uncollected_cash_on_delivery_parcel_goes_back_after_the_pickup_period() {
    let (mut sim, id) = cod_mug();
    // 30 days at the post office.
    wait_until(&mut sim, "2026-04-07T09:59");
    assert_eq!(state(&sim, &id), OrderState::Delivered);
    wait_until(&mut sim, "2026-04-07T10:00");
    assert_eq!(state(&sim, &id), OrderState::Cancelled);
    assert!(
        sim.log()
            .iter()
            .any(|e| e.order.as_deref() == Some(id.as_str()) && e.text.contains("did not collect"))
    );
    assert!(has_fact(
        &sim,
        &id,
        &Fact::Fee {
            amount: usd("3.50")
        }
    ));
    assert_eq!(order(&sim, &id).money, Default::default());
}

#[test]
fn cash_on_delivery_is_paid_when_the_parcel_is_collected() {
    let (mut sim, id) = cod_mug();
    ok(&mut sim, Action::ConfirmReceipt { order: id.clone() });
    assert_eq!(state(&sim, &id), OrderState::Received);
    let m = order(&sim, &id).money;
    assert_eq!(
        (m.paid, m.held, m.released),
        (usd("18.00"), usd("0"), usd("18.00"))
    );
    assert!(has_fact(
        &sim,
        &id,
        &Fact::OrderPaid {
            amount: usd("18.00")
        }
    ));
    // Refusing only applies to a parcel still at the post office.
    assert!(
        sim.check(&Action::RefuseParcel { order: id.clone() })
            .is_err()
    );
}

#[test]
fn refuse_parcel_is_only_for_cash_on_delivery() {
    let mut sim = delivered_mug("escrow_marketplace").build();
    says(
        &refused(
            &mut sim,
            Action::RefuseParcel {
                order: "R-1".into(),
            },
        ),
        &["not cash on delivery"],
    );
}
