//! Refunds through their stages: per payment method and preset, on the business-day
//! calendar, delayed by a bank, and stalled until support chases them.

mod common;

use common::*;
use shopsim::sim::log::Fact;
use shopsim::sim::world::{Author, OrderState, RefundStage};
use shopsim::sim::{Action, Moment, Simulation};

/// Three mugs, paid at 10:00 on Monday with a card, an e-wallet and bonus points.
fn three_methods(preset: &str, status: &str) -> Story {
    let orders: String = [
        ("M-card", "card"),
        ("M-wallet", "wallet"),
        ("M-points", "points"),
    ]
    .iter()
    .map(|(id, method)| {
        format!(
            r#"(id: "{id}", seller: "shopC", items: [(item: "mug")], status: {status},
                    placed: "2026-03-02T09:55", paid: "2026-03-02T10:00", method: "{method}"),"#
        )
    })
    .collect();
    Story::on(preset).start("2026-03-02T10:30").orders(&orders)
}

fn stage_times(sim: &Simulation, order: &str) -> Vec<Moment> {
    refund(sim, order).reached.iter().map(|(_, t)| *t).collect()
}

fn assert_stages(sim: &Simulation, order: &str, expected: [&str; 4]) {
    let r = refund(sim, order);
    assert_eq!(
        r.reached.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        RefundStage::ALL.to_vec(),
        "{order}"
    );
    assert_eq!(
        stage_times(sim, order),
        expected.iter().map(|t| at(t)).collect::<Vec<_>>(),
        "{order}"
    );
    assert_eq!(
        r.expected_at,
        at(expected[3]),
        "{order}: the date promised at the start"
    );
}

#[test]
fn refund_times_differ_by_payment_method_on_the_quick_cancel_marketplace() {
    let mut sim = three_methods("quick_cancel_marketplace", "AwaitingShipment").build();
    let before: Vec<_> = ["card", "wallet", "points"]
        .iter()
        .map(|m| balance(&sim, m))
        .collect();
    for id in ["M-card", "M-wallet", "M-points"] {
        ok(&mut sim, cancel(id));
    }
    wait_until(&mut sim, "2026-03-20T00:00");
    // card: 4 hours, 2 days, 7 days.
    assert_stages(
        &sim,
        "M-card",
        [
            "2026-03-02T10:30",
            "2026-03-02T14:30",
            "2026-03-04T14:30",
            "2026-03-11T14:30",
        ],
    );
    // e-wallet: 2 hours, 1 day, 4 days (lands on a Saturday: plain days).
    assert_stages(
        &sim,
        "M-wallet",
        [
            "2026-03-02T10:30",
            "2026-03-02T12:30",
            "2026-03-03T12:30",
            "2026-03-07T12:30",
        ],
    );
    // bonus points: minutes.
    assert_stages(
        &sim,
        "M-points",
        [
            "2026-03-02T10:30",
            "2026-03-02T10:35",
            "2026-03-02T10:40",
            "2026-03-02T10:45",
        ],
    );
    for (method, was) in ["card", "wallet", "points"].iter().zip(before) {
        assert_eq!(balance(&sim, method), was + usd("18.00"), "{method}");
    }
    for id in ["M-card", "M-wallet", "M-points"] {
        assert_eq!(state(&sim, id), OrderState::Cancelled);
        assert_money_balanced(&sim, id);
    }
}

#[test]
fn refund_times_differ_by_preset_and_count_business_days() {
    // Escrow: card 24 hours, 2 business days, 5 business days; e-wallet 12 hours, 1 day,
    // 2 days; bonus points 10 minutes each. Cancelled while the payment is verified.
    let mut sim = three_methods("escrow_marketplace", "Verifying").build();
    for id in ["M-card", "M-wallet", "M-points"] {
        ok(&mut sim, cancel_for(id, "Wrong choice of product"));
    }
    wait_until(&mut sim, "2026-03-20T00:00");
    assert_stages(
        &sim,
        "M-card",
        [
            "2026-03-02T10:30",
            "2026-03-03T10:30",
            "2026-03-05T10:30",
            "2026-03-12T10:30",
        ],
    );
    assert_stages(
        &sim,
        "M-wallet",
        [
            "2026-03-02T10:30",
            "2026-03-02T22:30",
            "2026-03-03T22:30",
            "2026-03-05T22:30",
        ],
    );
    assert_stages(
        &sim,
        "M-points",
        [
            "2026-03-02T10:30",
            "2026-03-02T10:40",
            "2026-03-02T10:50",
            "2026-03-02T11:00",
        ],
    );
    // The wallet is faster than the card, as the platform says.
    assert!(refund(&sim, "M-wallet").expected_at < refund(&sim, "M-card").expected_at);
}

#[test]
fn business_day_steps_skip_the_weekend_and_holidays() {
    // Paid and cancelled on Thursday 03-05 10:00 (escrow card): "processing" on Friday,
    // then 2 business days to "sent" skip the weekend: Tuesday, then 5 business days to
    // "received": the next Tuesday.
    let story = |overrides: &str| {
        Story::on("escrow_marketplace")
            .start("2026-03-05T10:00")
            .overrides(overrides)
            .cart(r#"(item: "mug")"#)
    };
    let mut sim = story("").build();
    ok(&mut sim, checkout(None));
    ok(&mut sim, pay("N-1", "card"));
    ok(&mut sim, cancel_for("N-1", "Payment problems"));
    wait_until(&mut sim, "2026-03-31T00:00");
    assert_stages(
        &sim,
        "N-1",
        [
            "2026-03-05T10:00",
            "2026-03-06T10:00",
            "2026-03-10T10:00",
            "2026-03-17T10:00",
        ],
    );

    // A public holiday on Monday 03-09 pushes both business-day steps by one more day.
    let mut sim = story(r#"holidays: ["2026-03-09"]"#).build();
    ok(&mut sim, checkout(None));
    ok(&mut sim, pay("N-1", "card"));
    ok(&mut sim, cancel_for("N-1", "Payment problems"));
    wait_until(&mut sim, "2026-03-31T00:00");
    assert_stages(
        &sim,
        "N-1",
        [
            "2026-03-05T10:00",
            "2026-03-06T10:00",
            "2026-03-11T10:00",
            "2026-03-18T10:00",
        ],
    );
}

/// A lamp paid by card Monday 10:00 on the quick-cancel marketplace, cancelled at 10:30:
/// sent Wednesday 03-04 14:30, due to arrive Wednesday 03-11 14:30.
fn cancelled_lamp(events: &str) -> Simulation {
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(
            r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
                placed: "2026-03-02T09:55", paid: "2026-03-02T10:00", method: "card", shipping: "2.00")"#,
        )
        .events(events)
        .build();
    wait_until(&mut sim, "2026-03-02T10:30");
    ok(&mut sim, cancel("A-1"));
    sim
}

#[test]
fn bank_delay_postpones_received() {
    let mut sim = cancelled_lamp(
        r#"(at: "2026-03-05T09:00", event: BankDelaysRefund(order: "A-1", by: Days(3)))"#,
    );
    wait_until(&mut sim, "2026-03-05T09:00");
    assert_eq!(
        when_logged(&sim, "A-1", &Fact::RefundDelayed { refund: 1 }),
        Some(at("2026-03-05T09:00"))
    );
    // When the money was due, the bank holds it 3 more days.
    wait_until(&mut sim, "2026-03-11T14:30");
    let r = refund(&sim, "A-1");
    assert_eq!(r.stage, RefundStage::Sent);
    assert_eq!(r.expected_at, at("2026-03-14T14:30"));
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    let delayed = sim.log().last().expect("a log entry");
    assert_eq!(delayed.fact, Fact::RefundDelayed { refund: 1 });
    says(&delayed.text, &["now expected by Sat 2026-03-14 14:30"]);

    wait_until(&mut sim, "2026-03-14T14:29");
    assert_eq!(refund(&sim, "A-1").stage, RefundStage::Sent);
    wait_until(&mut sim, "2026-03-14T14:30");
    assert_eq!(
        refund(&sim, "A-1").reached_at(RefundStage::Received),
        Some(at("2026-03-14T14:30"))
    );
    assert_eq!(state(&sim, "A-1"), OrderState::Cancelled);
}

fn ask_support_about(sim: &mut Simulation, order: &str) {
    ok(
        sim,
        Action::WriteToSupport {
            category: "Refunds".into(),
            order: Some(order.into()),
            subject: String::new(),
            text: "My refund has not arrived.".into(),
            attachments: vec![],
            name: None,
            email: None,
        },
    );
}

fn last_support_answer(sim: &Simulation) -> (Moment, String) {
    sim.world()
        .conversations()
        .iter()
        .flat_map(|c| c.messages.iter())
        .filter(|m| m.from == Author::Support)
        .max_by_key(|m| m.at)
        .map(|m| (m.at, m.text.clone()))
        .expect("support answered")
}

#[test]
fn stalled_refund_is_chased_by_support_only_after_the_late_period() {
    let mut sim = cancelled_lamp(r#"(at: "2026-03-03T09:00", event: RefundStalls(order: "A-1"))"#);
    let card_before = balance(&sim, "card");
    // Sent Wednesday 03-04 14:30; late 10 business days later: Wednesday 03-18 14:30.
    wait_until(&mut sim, "2026-03-12T09:00");
    assert_eq!(refund(&sim, "A-1").stage, RefundStage::Sent);

    // Support answers in 3 business days (Tuesday 03-17): too early to chase.
    ask_support_about(&mut sim, "A-1");
    wait_until(&mut sim, "2026-03-17T09:00");
    let (when, text) = last_support_answer(&sim);
    assert_eq!(when, at("2026-03-17T09:00"));
    says(
        &text,
        &[
            "sent on Wed 2026-03-04 14:30",
            "if it has not arrived by Wed 2026-03-18 14:30",
        ],
    );
    assert_eq!(refund(&sim, "A-1").stage, RefundStage::Sent);
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);

    // Nothing on its own: it has stalled.
    wait_until(&mut sim, "2026-03-18T15:00");
    assert_eq!(refund(&sim, "A-1").stage, RefundStage::Sent);

    // Asked again after the late period: answered Monday 03-23 15:00, and chased.
    ask_support_about(&mut sim, "A-1");
    wait_until(&mut sim, "2026-03-23T14:59");
    assert_eq!(refund(&sim, "A-1").stage, RefundStage::Sent);
    wait_until(&mut sim, "2026-03-23T15:00");
    let (_, text) = last_support_answer(&sim);
    says(&text, &["We contacted the bank", "posted to your account"]);
    assert_eq!(
        refund(&sim, "A-1").reached_at(RefundStage::Received),
        Some(at("2026-03-23T15:00"))
    );
    assert_eq!(state(&sim, "A-1"), OrderState::Cancelled);
    assert_eq!(balance(&sim, "card"), card_before + usd("32.00"));
}
