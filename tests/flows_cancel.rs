//! Cancelling after checkout: the direct window, cancelling during payment verification,
//! asking the seller, administrator freezes, and what happens to coupons.

mod common;

use common::*;
use shopsim::sim::log::Fact;
use shopsim::sim::world::{CouponState, LedgerKind, OrderState, RefundStage};
use shopsim::sim::{Action, ChargebackRoute};

/// A lamp (30.00 + 2.00 shipping) paid by card at 10:00 on Monday, not yet shipped.
const PAID_LAMP: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
    placed: "2026-03-02T09:55", paid: "2026-03-02T10:00", method: "card", shipping: "2.00")"#;

#[test]
fn direct_cancel_is_allowed_up_to_the_last_minute_of_the_window() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        .build();
    let card_before = balance(&sim, "card");

    // The window is 2 hours from payment: 12:00 is still inside, 12:01 is not.
    wait_until(&mut sim, "2026-03-02T12:00");
    assert_eq!(sim.check(&cancel("A-1")), Ok(()));

    let mut late = sim.clone();
    wait_until(&mut late, "2026-03-02T12:01");
    let why = refused(&mut late, cancel("A-1"));
    says(
        &why,
        &[
            "within 2 hours of payment",
            "paid at Mon 2026-03-02 10:00",
            "the window closed at Mon 2026-03-02 12:00",
            "now Mon 2026-03-02 12:01",
            "ask support",
        ],
    );
    assert_eq!(state(&late, "A-1"), OrderState::AwaitingShipment);
    assert!(late.world().refunds().is_empty());
    assert!(matches!(
        late.log().last().map(|e| &e.fact),
        Some(Fact::ActionRefused { reason, .. }) if reason == &why
    ));

    // On the last minute it goes through, and the whole payment comes back.
    ok(&mut sim, cancel("A-1"));
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    assert!(order(&sim, "A-1").lines.iter().all(|l| l.cancelled));
    let m = order(&sim, "A-1").money;
    assert_eq!(
        (m.paid, m.held, m.released, m.refunded),
        (usd("32.00"), usd("0"), usd("0"), usd("32.00"))
    );
    let r = refund(&sim, "A-1");
    assert_eq!((r.amount, r.method.as_str()), (usd("32.00"), "card"));
    // Card on this preset: 4 hours to processing, 2 days to sent, 7 days to received.
    assert_eq!(r.expected_at, at("2026-03-11T16:00"));

    wait_until(&mut sim, "2026-03-12T00:00");
    let r = refund(&sim, "A-1");
    assert_eq!(
        stages(r),
        vec![
            (RefundStage::Requested, at("2026-03-02T12:00")),
            (RefundStage::Processing, at("2026-03-02T16:00")),
            (RefundStage::Sent, at("2026-03-04T16:00")),
            (RefundStage::Received, at("2026-03-11T16:00")),
        ]
    );
    assert_eq!(state(&sim, "A-1"), OrderState::Cancelled);
    assert_eq!(
        entered(&sim, "A-1", OrderState::Cancelled),
        vec![at("2026-03-11T16:00")]
    );
    assert_eq!(balance(&sim, "card"), card_before + usd("32.00"));
    // Finances: what happened to the money since the cancel.
    let since_cancel: Vec<(LedgerKind, shopsim::sim::Money)> = sim
        .world()
        .ledger
        .iter()
        .filter(|e| e.order.as_deref() == Some("A-1") && e.at >= at("2026-03-02T12:00"))
        .map(|e| (e.kind, e.amount))
        .collect();
    assert_eq!(
        since_cancel,
        vec![
            (LedgerKind::RefundStarted, usd("32.00")),
            (LedgerKind::RefundReceived, usd("32.00"))
        ]
    );
    assert_money_balanced(&sim, "A-1");
}

#[test]
fn eight_hour_window_counted_from_placing_the_order() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .overrides("direct_cancel_window: Hours(8), direct_cancel_from: Placement")
        .start("2026-03-02T09:00")
        .cart(r#"(item: "mug")"#)
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();
    wait_until(&mut sim, "2026-03-02T10:30");
    ok(&mut sim, pay(&id, "wallet"));
    assert_eq!(state(&sim, &id), OrderState::AwaitingShipment);

    // Placed at 09:00: the window closes at 17:00, not 18:30 (8 hours after payment).
    wait_until(&mut sim, "2026-03-02T17:00");
    assert_eq!(sim.check(&cancel(&id)), Ok(()));
    let mut late = sim.clone();
    wait_until(&mut late, "2026-03-02T17:01");
    says(
        &refused(&mut late, cancel(&id)),
        &[
            "within 8 hours of placing the order",
            "placed at Mon 2026-03-02 09:00",
            "closed at Mon 2026-03-02 17:00",
        ],
    );

    ok(&mut sim, cancel(&id));
    assert_eq!(state(&sim, &id), OrderState::Refunding);
    assert_eq!(refund(&sim, &id).amount, usd("18.00"));
    assert_money_balanced(&sim, &id);
}

#[test]
fn cancel_while_payment_is_verified_is_immediate() {
    let mut sim = Story::on("escrow_marketplace")
        .cart(r#"(item: "lamp")"#)
        .rules(
            "shopA",
            // A seller who would refuse any request: it is never asked.
            r#"(on: CancellationRequested, do: RefuseCancellation(message: "No."))"#,
        )
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();
    ok(&mut sim, pay(&id, "card"));
    assert_eq!(state(&sim, &id), OrderState::Verifying);
    assert_eq!(balance(&sim, "card"), usd("468.00"));

    // After verification (24 hours) only a request would be possible.
    let mut verified = sim.clone();
    wait_until(&mut verified, "2026-03-03T10:00");
    assert_eq!(state(&verified, &id), OrderState::AwaitingShipment);
    says(
        &refused(&mut verified, cancel_for(&id, "Wrong choice of product")),
        &["no direct cancel after payment", "ask the seller"],
    );

    wait_until(&mut sim, "2026-03-03T09:59");
    assert_eq!(state(&sim, &id), OrderState::Verifying);
    ok(&mut sim, cancel_for(&id, "Wrong choice of product"));
    // At once: no seller, no waiting.
    assert_eq!(state(&sim, &id), OrderState::Refunding);
    let r = refund(&sim, &id);
    assert_eq!(r.amount, usd("32.00"));
    assert_eq!(
        r.reached_at(RefundStage::Requested),
        Some(at("2026-03-03T09:59"))
    );
    assert!(!facts(&sim, &id).iter().any(|f| matches!(
        f,
        Fact::CancellationRequested { .. } | Fact::CancellationAnswered { .. }
    )));
    // The verification timer that was still running does not revive the order.
    wait_until(&mut sim, "2026-03-04T00:00");
    assert_ne!(state(&sim, &id), OrderState::AwaitingShipment);
    assert!(entered(&sim, &id, OrderState::AwaitingShipment).is_empty());
    assert_money_balanced(&sim, &id);
}

#[test]
fn cancel_reason_must_be_one_of_the_platforms_list() {
    let mut sim = Story::on("escrow_marketplace")
        .cart(r#"(item: "lamp")"#)
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();
    ok(&mut sim, pay(&id, "card"));
    // This platform asks for a reason from its list, also while payment is verified.
    says(
        &refused(&mut sim, cancel(&id)),
        &["Choose a reason", "Wrong choice of product"],
    );
    says(
        &refused(&mut sim, cancel_for(&id, "Because")),
        &["\"Because\" is not one of this platform's reasons"],
    );
    assert_eq!(state(&sim, &id), OrderState::Verifying);
    ok(&mut sim, cancel_for(&id, "Payment problems"));
    assert_eq!(state(&sim, &id), OrderState::Refunding);
}

/// An escrow order paid Monday 10:00, verified, waiting for the seller to ship; the story
/// starts Tuesday 11:00.
fn escrow_paid(seller_rules: &str) -> Story {
    Story::on("escrow_marketplace")
        .start("2026-03-03T11:00")
        .orders(&PAID_LAMP.replace("A-1", "E-1"))
        .rules("shopA", seller_rules)
}

const SPARING_APPROVES_BLAMING_REFUSED: &str = r#"
    (on: CancellationRequested, when: [ReasonBlamesSeller], after: Hours(2),
     do: RefuseCancellation(message: "Please choose \"Wrong choice of product\" instead.")),
    (on: CancellationRequested, when: [ReasonSparesSeller], after: Hours(6), do: ApproveCancellation),
"#;

#[test]
fn seller_approves_a_requested_cancellation() {
    let mut sim = escrow_paid(SPARING_APPROVES_BLAMING_REFUSED).build();
    let why = refused(&mut sim, cancel_for("E-1", "Wrong choice of product"));
    says(&why, &["no direct cancel after payment", "ask the seller"]);

    ok(&mut sim, request_cancel("E-1", "Wrong choice of product"));
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    assert_eq!(
        sim.policy().state_name(OrderState::CancelRequested),
        "Awaiting confirmation from the supplier"
    );
    let request = order(&sim, "E-1")
        .cancel_request
        .clone()
        .expect("a request");
    // 5 business days to answer.
    assert_eq!(request.answer_due, at("2026-03-10T11:00"));
    assert!(has_fact(
        &sim,
        "E-1",
        &Fact::CancellationRequested {
            reason: "Wrong choice of product".into()
        }
    ));
    says(
        &refused(&mut sim, cancel_for("E-1", "Wrong choice of product")),
        &["waiting for the seller's answer"],
    );
    says(
        &refused(&mut sim, request_cancel("E-1", "Payment problems")),
        &["waiting for the seller's answer"],
    );

    wait_until(&mut sim, "2026-03-03T16:59");
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    wait_until(&mut sim, "2026-03-03T17:00");
    assert_eq!(
        facts_at(&sim, "E-1", "2026-03-03T17:00")
            .into_iter()
            .filter(|f| matches!(
                f,
                Fact::CancellationAnswered { .. } | Fact::StateChanged { .. }
            ))
            .collect::<Vec<_>>(),
        vec![
            Fact::CancellationAnswered { approved: true },
            Fact::StateChanged {
                from: OrderState::CancelRequested,
                to: OrderState::Refunding
            },
        ]
    );
    assert_eq!(
        sim.policy().state_name(OrderState::Refunding),
        "Payment processing"
    );
    let r = refund(&sim, "E-1");
    assert_eq!(r.amount, usd("32.00"));
    assert_eq!(
        r.reached_at(RefundStage::Requested),
        Some(at("2026-03-03T17:00"))
    );
    assert_money_balanced(&sim, "E-1");
}

#[test]
fn seller_refuses_a_reason_that_blames_it_and_approves_a_sparing_one() {
    let mut sim = escrow_paid(SPARING_APPROVES_BLAMING_REFUSED).build();
    ok(&mut sim, request_cancel("E-1", "Processing took too long"));
    wait_until(&mut sim, "2026-03-03T13:00");
    assert_eq!(state(&sim, "E-1"), OrderState::AwaitingShipment);
    assert!(order(&sim, "E-1").cancel_request.is_none());
    assert_eq!(
        when_logged(&sim, "E-1", &Fact::CancellationAnswered { approved: false }),
        Some(at("2026-03-03T13:00"))
    );
    assert!(sim.world().refunds().is_empty());
    // The seller's message reaches the buyer.
    let seller_chat = &sim.world().conversations()[0];
    assert!(
        seller_chat.messages[0]
            .text
            .contains("Wrong choice of product")
    );
    assert_eq!(seller_chat.unread, 1);

    // Asked again with a reason that spares the seller: approved after 6 hours.
    ok(&mut sim, request_cancel("E-1", "Wrong choice of product"));
    wait_until(&mut sim, "2026-03-03T18:59");
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    wait_until(&mut sim, "2026-03-03T19:00");
    assert_eq!(state(&sim, "E-1"), OrderState::Refunding);
    assert_eq!(
        when_logged(&sim, "E-1", &Fact::CancellationAnswered { approved: true }),
        Some(at("2026-03-03T19:00"))
    );
    assert_eq!(refund(&sim, "E-1").amount, usd("32.00"));
}

#[test]
fn unanswered_request_cancels_when_processing_time_expires_in_business_days() {
    let mut sim = escrow_paid("").build();
    ok(&mut sim, request_cancel("E-1", "I don't need this order"));

    // The seller's 5 business days run out on the next Tuesday: the order waits on.
    wait_until(&mut sim, "2026-03-10T11:00");
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    let note = sim
        .log()
        .iter()
        .rev()
        .find(|e| e.fact == Fact::CancellationAnswered { approved: false })
        .expect("the deadline is logged");
    assert_eq!(note.at, at("2026-03-10T11:00"));
    says(&note.text, &["did not answer", "Wed 2026-03-11 10:00"]);

    // Processing time is 7 business days from Monday 10:00 payment: Wednesday 03-11 10:00
    // (7 calendar days would have been Monday 03-09).
    wait_until(&mut sim, "2026-03-11T09:59");
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    assert!(sim.world().refunds().is_empty());
    wait_until(&mut sim, "2026-03-11T10:00");
    assert_eq!(state(&sim, "E-1"), OrderState::Refunding);
    let r = refund(&sim, "E-1");
    assert_eq!(r.amount, usd("32.00"));
    assert_eq!(
        r.reached_at(RefundStage::Requested),
        Some(at("2026-03-11T10:00"))
    );
    says(&r.why, &["processing time", "7 business days"]);
}

#[test]
fn resume_order_takes_the_request_back_and_a_late_approval_does_nothing() {
    let mut sim =
        escrow_paid(r#"(on: CancellationRequested, after: Days(2), do: ApproveCancellation)"#)
            .build();
    says(
        &refused(
            &mut sim,
            Action::WithdrawCancellation {
                order: "E-1".into(),
            },
        ),
        &["no cancellation request to take back"],
    );
    ok(&mut sim, request_cancel("E-1", "I don't need this order"));
    wait_until(&mut sim, "2026-03-03T12:00");
    ok(
        &mut sim,
        Action::WithdrawCancellation {
            order: "E-1".into(),
        },
    );
    assert_eq!(state(&sim, "E-1"), OrderState::AwaitingShipment);
    assert!(order(&sim, "E-1").cancel_request.is_none());

    // The approval of that first request would come Thursday 11:00; by then a second
    // request (Wednesday 10:00) is waiting, and the old approval must not answer it.
    wait_until(&mut sim, "2026-03-04T10:00");
    ok(&mut sim, request_cancel("E-1", "Payment problems"));
    wait_until(&mut sim, "2026-03-05T11:00");
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    assert!(!has_fact(
        &sim,
        "E-1",
        &Fact::CancellationAnswered { approved: true }
    ));
    assert!(sim.world().refunds().is_empty());

    // Taken back again: the second approval (Friday 10:00) finds nothing to approve.
    ok(
        &mut sim,
        Action::WithdrawCancellation {
            order: "E-1".into(),
        },
    );
    wait_until(&mut sim, "2026-03-06T12:00");
    assert_eq!(state(&sim, "E-1"), OrderState::AwaitingShipment);
    assert!(!has_fact(
        &sim,
        "E-1",
        &Fact::CancellationAnswered { approved: true }
    ));
    assert!(sim.world().refunds().is_empty());
    assert_eq!(order(&sim, "E-1").money.held, usd("32.00"));
    assert_eq!(
        entered(&sim, "E-1", OrderState::AwaitingShipment),
        vec![at("2026-03-03T12:00"), at("2026-03-05T11:00")]
    );
}

fn frozen_story(fraud_confirmed: bool) -> Story {
    Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        // A seller who would ship while the review runs.
        .rules("shopA", r#"(on: OrderPaid, after: Hours(3), do: Ship(tracking: Genuine))"#)
        .events(&format!(
            r#"(at: "2026-03-02T11:00", event: FreezeForFraud(order: "A-1", fraud_confirmed: {fraud_confirmed}))"#
        ))
}

#[test]
fn frozen_order_refuses_actions_and_is_cancelled_when_fraud_is_confirmed() {
    let mut sim = frozen_story(true).build();
    wait_until(&mut sim, "2026-03-02T11:30");
    assert_eq!(state(&sim, "A-1"), OrderState::Frozen);
    assert_eq!(
        order(&sim, "A-1").frozen_from,
        Some(OrderState::AwaitingShipment)
    );
    assert!(has_fact(&sim, "A-1", &Fact::Frozen));
    // Still inside the 2-hour window, yet the freeze wins.
    says(
        &refused(&mut sim, cancel("A-1")),
        &["A-1 is frozen", "until the review ends"],
    );
    says(
        &refused(
            &mut sim,
            Action::FileChargeback {
                order: "A-1".into(),
                via: ChargebackRoute::Platform,
            },
        ),
        &["frozen"],
    );
    ok(
        &mut sim,
        Action::WriteToSupport {
            category: "Order".into(),
            order: Some("A-1".into()),
            subject: String::new(),
            text: "Why is my order frozen?".into(),
            attachments: vec![],
            name: None,
            email: None,
        },
    );

    // The seller's shipment at 13:00 does not happen to a frozen order.
    wait_until(&mut sim, "2026-03-07T10:59");
    assert_eq!(state(&sim, "A-1"), OrderState::Frozen);
    assert!(order(&sim, "A-1").shipped_at.is_none());
    // Review time is 5 days.
    wait_until(&mut sim, "2026-03-07T11:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    assert_eq!(
        when_logged(&sim, "A-1", &Fact::Unfrozen),
        Some(at("2026-03-07T11:00"))
    );
    assert_eq!(order(&sim, "A-1").frozen_from, None);
    let r = refund(&sim, "A-1");
    assert_eq!(r.amount, usd("32.00"));
    says(&r.why, &["fraud"]);
    assert_money_balanced(&sim, "A-1");
}

#[test]
fn frozen_order_goes_back_to_where_it_was_when_no_fraud_is_found() {
    let mut sim = frozen_story(false).build();
    wait_until(&mut sim, "2026-03-07T10:59");
    assert_eq!(state(&sim, "A-1"), OrderState::Frozen);
    wait_until(&mut sim, "2026-03-07T11:00");
    assert_eq!(
        entered(&sim, "A-1", OrderState::AwaitingShipment),
        vec![at("2026-03-07T11:00")]
    );
    assert!(sim.world().refunds().is_empty());
    // The shipment the seller would have made during the review was not lost: the freeze
    // stopped the order's clock, so it comes as long after the review as it was due after
    // the freeze began (13:00 was two hours in).
    assert_eq!(state(&sim, "A-1"), OrderState::AwaitingShipment);
    wait_until(&mut sim, "2026-03-07T13:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Shipped);
    assert_eq!(
        when_logged(&sim, "A-1", &Fact::Shipped { genuine: true }),
        Some(at("2026-03-07T13:00"))
    );
    assert_eq!(order(&sim, "A-1").money.held, usd("32.00"));
    says(&refused(&mut sim, cancel("A-1")), &["was shipped"]);
}

#[test]
fn freeze_outlasting_the_processing_time_extends_it_and_does_not_leave_the_order_stuck() {
    // Frozen on Friday, reviewed for 5 days: the processing time (7 days from Monday's
    // payment) would end during the review. The review stops the order's clock, so the
    // seller keeps the days the freeze took; then the order is cancelled, not left waiting.
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        .events(
            r#"(at: "2026-03-06T10:00", event: FreezeForFraud(order: "A-1", fraud_confirmed: false))"#,
        )
        .build();
    wait_until(&mut sim, "2026-03-11T09:59");
    assert_eq!(state(&sim, "A-1"), OrderState::Frozen);
    wait_until(&mut sim, "2026-03-11T10:00");
    assert!(has_fact(&sim, "A-1", &Fact::Unfrozen));
    // The freeze extends the processing time it paused: it ran out three days into the
    // review (Monday 9th), so it runs out three days after the review (Saturday 14th).
    assert_eq!(state(&sim, "A-1"), OrderState::AwaitingShipment);
    wait_until(&mut sim, "2026-03-14T09:59");
    assert_eq!(state(&sim, "A-1"), OrderState::AwaitingShipment);
    wait_until(&mut sim, "2026-03-14T10:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    assert_eq!(refund(&sim, "A-1").amount, usd("32.00"));
}

/// Lamp (shopA) and case (shopB) in the cart, and a 6.00 platform coupon.
fn two_sellers_with_platform_coupon() -> Story {
    Story::on("quick_cancel_marketplace")
        .coupons(r#"(id: "PLAT6", issuer: Platform, amount: "6.00", min_order: "20.00", expires: "2026-04-30T23:59")"#)
        .cart(r#"(item: "lamp"), (item: "case")"#)
}

#[test]
fn platform_coupon_comes_back_only_when_both_orders_are_cancelled() {
    let mut sim = two_sellers_with_platform_coupon().build();
    ok(&mut sim, checkout(Some("PLAT6")));
    let ids: Vec<String> = sim.world().orders().iter().map(|o| o.id.clone()).collect();
    assert_eq!(ids.len(), 2, "one order per seller");
    let (a, b) = (&ids[0], &ids[1]);
    assert_eq!(order(&sim, a).checkout, order(&sim, b).checkout);
    // The coupon is shared in proportion to the goods: 30/42 and 12/42 of 6.00.
    assert_eq!(order(&sim, a).discount, usd("4.28"));
    assert_eq!(order(&sim, b).discount, usd("1.72"));
    assert_eq!(order(&sim, a).amount_due(), usd("27.72"));
    assert_eq!(order(&sim, b).amount_due(), usd("10.28"));
    ok(&mut sim, pay(a, "card"));
    ok(&mut sim, pay(b, "card"));
    assert_eq!(
        sim.world().coupon("PLAT6").unwrap().state,
        CouponState::Used
    );

    ok(&mut sim, cancel(a));
    assert_eq!(refund(&sim, a).amount, usd("27.72"));
    assert_eq!(
        sim.world().coupon("PLAT6").unwrap().state,
        CouponState::Used
    );
    assert!(
        !facts(&sim, a)
            .iter()
            .chain(facts(&sim, b).iter())
            .any(|f| matches!(f, Fact::CouponReturned { .. }))
    );

    ok(&mut sim, cancel(b));
    assert_eq!(refund(&sim, b).amount, usd("10.28"));
    let coupon = sim.world().coupon("PLAT6").unwrap();
    assert_eq!(coupon.state, CouponState::Returned);
    assert!(coupon.usable(sim.now()));
    assert!(has_fact(
        &sim,
        b,
        &Fact::CouponReturned {
            coupon: "PLAT6".into()
        }
    ));
    assert!(
        sim.world()
            .ledger
            .iter()
            .any(|e| e.kind == LedgerKind::CouponReturned
                && e.amount == usd("6.00")
                && e.order.as_deref() == Some(b.as_str()))
    );
    for id in [a, b] {
        assert_money_balanced(&sim, id);
    }
}

#[test]
fn platform_coupon_stays_used_when_one_of_two_orders_ships() {
    let mut sim = two_sellers_with_platform_coupon()
        .rules(
            "shopB",
            r#"(on: OrderPaid, after: Minutes(30), do: Ship(tracking: Genuine))"#,
        )
        .build();
    ok(&mut sim, checkout(Some("PLAT6")));
    let ids: Vec<String> = sim.world().orders().iter().map(|o| o.id.clone()).collect();
    ok(&mut sim, pay(&ids[0], "card"));
    ok(&mut sim, pay(&ids[1], "card"));
    wait_until(&mut sim, "2026-03-02T11:00");
    assert_eq!(state(&sim, &ids[1]), OrderState::Shipped);
    says(
        &refused(&mut sim, cancel(&ids[1])),
        &["was shipped", "can no longer be cancelled"],
    );
    ok(&mut sim, cancel(&ids[0]));
    assert_eq!(
        sim.world().coupon("PLAT6").unwrap().state,
        CouponState::Used
    );
}

#[test]
fn coupon_back_and_used_again_is_not_returned_twice() {
    // On the independent shop a platform coupon comes back as soon as one order it paid
    // for is cancelled. Used again on a new order, it must not come back a second time
    // when the other, older order is cancelled.
    let mut sim = Story::on("independent_shop")
        .coupons(r#"(id: "PLAT6", issuer: Platform, amount: "6.00", min_order: "15.00", expires: "2026-04-30T23:59")"#)
        .cart(r#"(item: "lamp"), (item: "case")"#)
        .build();
    ok(&mut sim, checkout(Some("PLAT6")));
    ok(&mut sim, pay("N-1", "card"));
    ok(&mut sim, pay("N-2", "card"));
    ok(&mut sim, cancel_for("N-2", "No longer wanted"));
    assert_eq!(
        sim.world().coupon("PLAT6").unwrap().state,
        CouponState::Returned
    );

    ok(&mut sim, add("mug"));
    ok(&mut sim, checkout(Some("PLAT6")));
    assert_eq!(order(&sim, "N-3").discount, usd("6.00"));
    let coupon = sim.world().coupon("PLAT6").unwrap();
    assert_eq!(
        (coupon.state, coupon.used_on.clone()),
        (CouponState::Used, vec!["N-3".to_owned()])
    );

    ok(&mut sim, cancel_for("N-1", "No longer wanted"));
    assert_eq!(
        sim.world().coupon("PLAT6").unwrap().state,
        CouponState::Used
    );
    assert!(!has_fact(
        &sim,
        "N-1",
        &Fact::CouponReturned {
            coupon: "PLAT6".into()
        }
    ));
    // Cancelling the order that uses it now does bring it back.
    ok(&mut sim, cancel_for("N-3", "No longer wanted"));
    assert_eq!(
        sim.world().coupon("PLAT6").unwrap().state,
        CouponState::Returned
    );
}

/// Lamp and bulbs from shopA with a 3.00 coupon of that seller: 30 + 5 + 2 shipping − 3 = 34.
fn seller_coupon_order() -> (shopsim::sim::Simulation, String) {
    let mut sim = Story::on("quick_cancel_marketplace")
        .coupons(r#"(id: "SHOPA3", issuer: Seller("shopA"), amount: "3.00", expires: "2026-04-30T23:59")"#)
        .cart(r#"(item: "lamp"), (item: "bulbs")"#)
        .build();
    ok(&mut sim, checkout(Some("SHOPA3")));
    let id = sim.world().orders()[0].id.clone();
    assert_eq!(order(&sim, &id).amount_due(), usd("34.00"));
    ok(&mut sim, pay(&id, "card"));
    (sim, id)
}

#[test]
fn seller_coupon_is_forfeited_on_a_partial_cancel() {
    let (mut sim, id) = seller_coupon_order();
    ok(&mut sim, cancel_items(&id, &["bulbs"]));
    // The rest of the order goes on.
    assert_eq!(state(&sim, &id), OrderState::AwaitingShipment);
    let lines: Vec<(&str, bool)> = order(&sim, &id)
        .lines
        .iter()
        .map(|l| (l.item.as_str(), l.cancelled))
        .collect();
    assert_eq!(lines, vec![("lamp", false), ("bulbs", true)]);
    // The bulbs' share of what was paid: 34.00 × 5/35, rounded down.
    assert_eq!(refund(&sim, &id).amount, usd("4.85"));
    assert_eq!(
        sim.world().coupon("SHOPA3").unwrap().state,
        CouponState::Forfeited
    );
    assert!(has_fact(
        &sim,
        &id,
        &Fact::CouponForfeited {
            coupon: "SHOPA3".into()
        }
    ));
    assert!(
        sim.world()
            .ledger
            .iter()
            .any(|e| e.kind == LedgerKind::CouponForfeited && e.amount == usd("3.00"))
    );
    says(
        &refused(&mut sim, cancel_items(&id, &["bulbs"])),
        &["bulbs", "already cancelled"],
    );
    assert_money_balanced(&sim, &id);

    // Cancelling the rest refunds the rest; the coupon stays forfeited.
    ok(&mut sim, cancel(&id));
    let back: Vec<_> = refunds(&sim, &id).iter().map(|r| r.amount).collect();
    assert_eq!(back, vec![usd("4.85"), usd("29.15")]);
    assert_eq!(order(&sim, &id).money.refunded, usd("34.00"));
    assert_eq!(
        sim.world().coupon("SHOPA3").unwrap().state,
        CouponState::Forfeited
    );
    assert_money_balanced(&sim, &id);
}

#[test]
fn seller_coupon_comes_back_on_a_full_cancel() {
    let (mut sim, id) = seller_coupon_order();
    ok(&mut sim, cancel(&id));
    assert_eq!(refund(&sim, &id).amount, usd("34.00"));
    assert_eq!(
        sim.world().coupon("SHOPA3").unwrap().state,
        CouponState::Returned
    );
    assert!(has_fact(
        &sim,
        &id,
        &Fact::CouponReturned {
            coupon: "SHOPA3".into()
        }
    ));
    assert!(!has_fact(
        &sim,
        &id,
        &Fact::CouponForfeited {
            coupon: "SHOPA3".into()
        }
    ));
}

#[test]
fn partial_cancel_of_an_unpaid_order_lowers_what_is_charged() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .cart(r#"(item: "lamp"), (item: "bulbs")"#)
        .build();
    ok(&mut sim, checkout(None));
    let id = sim.world().orders()[0].id.clone();
    assert_eq!(order(&sim, &id).amount_due(), usd("37.00"));
    ok(&mut sim, cancel_items(&id, &["bulbs"]));
    assert_eq!(state(&sim, &id), OrderState::Unpaid);
    // The bulbs are no longer bought: 30.00 + 2.00 shipping.
    assert_eq!(order(&sim, &id).amount_due(), usd("32.00"));
    ok(&mut sim, pay(&id, "card"));
    assert_eq!(order(&sim, &id).money.paid, usd("32.00"));
    assert_eq!(balance(&sim, "card"), usd("468.00"));
    // Cancelling the rest brings back everything that was charged.
    ok(&mut sim, cancel(&id));
    assert_eq!(refund(&sim, &id).amount, usd("32.00"));
    assert_money_balanced(&sim, &id);
}

#[test]
fn a_request_needs_a_reason_only_where_the_policy_asks_for_one() {
    let without_reason = || Action::RequestCancellation {
        order: "E-1".into(),
        reason: None,
    };
    // The escrow marketplace asks for a reason: a request without one is refused with the list.
    let mut sim = escrow_paid(SPARING_APPROVES_BLAMING_REFUSED).build();
    says(
        &refused(&mut sim, without_reason()),
        &["Choose a reason for cancelling", "Wrong choice of product"],
    );
    // The same platform with reasons optional takes the request as it is, and the seller
    // answers it like any other.
    let mut sim = escrow_paid(SPARING_APPROVES_BLAMING_REFUSED)
        .overrides("cancel_reason_required: false,")
        .build();
    ok(&mut sim, without_reason());
    assert_eq!(state(&sim, "E-1"), OrderState::CancelRequested);
    says(
        &log_text(&sim),
        &["Cancellation requested; the seller has until"],
    );
}
