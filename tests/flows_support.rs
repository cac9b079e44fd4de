//! Support that acts, and the other side answering as the sources say: an interception on
//! an independent shop (002), a chargeback through support and the bank's question (000),
//! a question passed to the seller and the answer relayed (000, 001), suggestions read
//! from what the order allows, and the form's name and e-mail checked.

mod common;

use common::*;
use shopsim::sim::log::Fact;
use shopsim::sim::world::{Author, OrderState};
use shopsim::sim::{Action, ChargebackRoute, Simulation};

/// A lamp paid on Monday and shipped on Tuesday, delivered a week later unless stopped.
const SHIPPED_LAMP: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: Shipped,
    placed: "2026-02-27T09:55", paid: "2026-02-27T10:00", method: "card", shipping: "2.00",
    shipped: "2026-03-01T10:00", tracking: Genuine)"#;

const DELIVERED_FRIDAY: &str = r#"(at: "2026-03-06T12:00", event: ParcelDelivered(order: "A-1"))"#;

const RECEIVED_LAMP: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: Received,
    placed: "2026-02-02T10:00", paid: "2026-02-02T10:00", method: "card", shipping: "2.00",
    shipped: "2026-02-03T10:00", delivered: "2026-02-09T10:00", received: "2026-02-09T10:00")"#;

const PAID_LAMP: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
    placed: "2026-03-02T09:00", paid: "2026-03-02T09:05", method: "card", shipping: "2.00")"#;

fn write(category: &str, order: Option<&str>, text: &str) -> Action {
    Action::WriteToSupport {
        category: category.into(),
        order: order.map(str::to_owned),
        subject: String::new(),
        text: text.into(),
        attachments: vec![],
        name: None,
        email: None,
    }
}

/// The last thing support wrote, in any conversation.
fn last_support_answer(sim: &Simulation) -> String {
    sim.world()
        .conversations()
        .iter()
        .flat_map(|c| c.messages.iter())
        .filter(|m| m.from == Author::Support)
        .max_by_key(|m| m.at)
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn customer_service_stops_a_shipped_parcel_and_refunds_once_it_is_back() {
    let mut sim = Story::on("independent_shop")
        .orders(SHIPPED_LAMP)
        .events(DELIVERED_FRIDAY)
        .rules(
            "shopA",
            "(on: InterceptionRequested, after: Hours(5), do: StopParcel)",
        )
        .build();
    // Cancel Order is gone once shipped; customer service is the way, and says so.
    says(
        &refused(&mut sim, cancel_for("A-1", "No longer wanted")),
        &["shipped"],
    );
    ok(
        &mut sim,
        write(
            "Cancel an order",
            Some("A-1"),
            "Please cancel, I no longer need it.",
        ),
    );
    // Customer service reads it within a working day and asks the carrier.
    wait_until(&mut sim, "2026-03-03T10:00");
    says(
        &last_support_answer(&sim),
        &["asked the carrier to stop the parcel"],
    );
    wait_until(&mut sim, "2026-03-03T15:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Intercepted);
    assert!(has_fact(&sim, "A-1", &Fact::Intercepted { stopped: true }));
    // It never reaches the buyer; three days later it is back and the money follows.
    wait_until(&mut sim, "2026-03-06T14:59");
    assert_eq!(state(&sim, "A-1"), OrderState::Intercepted, "not delivered");
    wait_until(&mut sim, "2026-03-06T15:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    assert_eq!(refund(&sim, "A-1").amount, usd("32.00"));
    assert_money_balanced(&sim, "A-1");
}

#[test]
fn a_parcel_that_cannot_be_stopped_is_delivered_and_then_returned() {
    let mut sim = Story::on("independent_shop")
        .orders(SHIPPED_LAMP)
        .events(DELIVERED_FRIDAY)
        .rules(
            "shopA",
            r#"(on: InterceptionRequested, after: Hours(2), do: ParcelNotStopped(message: "it is already with the local courier"))"#,
        )
        .build();
    ok(
        &mut sim,
        Action::AskSupportToCancel {
            order: "A-1".into(),
            reason: "No longer wanted".into(),
        },
    );
    wait_until(&mut sim, "2026-03-03T12:00");
    says(
        &last_support_answer(&sim),
        &[
            "could not stop the parcel",
            "already with the local courier",
            "Return the item",
        ],
    );
    assert!(
        sim.refused_requests()
            .iter()
            .any(|r| r.request.contains("interception"))
    );
    wait_until(&mut sim, "2026-03-06T12:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Delivered);
}

#[test]
fn a_shop_that_never_answers_the_carrier_cannot_stop_it_by_the_end_of_its_time() {
    let mut sim = Story::on("independent_shop")
        .orders(SHIPPED_LAMP)
        .events(DELIVERED_FRIDAY)
        .build();
    ok(
        &mut sim,
        write("Cancel an order", Some("A-1"), "Cancel please"),
    );
    wait_until(&mut sim, "2026-03-03T10:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Shipped);
    // One working day for the carrier.
    wait_until(&mut sim, "2026-03-04T10:00");
    says(
        &last_support_answer(&sim),
        &["did not manage to stop it in time"],
    );
    assert!(has_fact(&sim, "A-1", &Fact::Intercepted { stopped: false }));
}

#[test]
fn a_chargeback_asked_of_support_is_filed_at_once_and_decided_in_two_days() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .start("2026-03-02T10:00")
        .orders(RECEIVED_LAMP)
        .build();
    ok(
        &mut sim,
        write("Chargeback", Some("A-1"), "The lamp does not work."),
    );
    assert!(has_fact(
        &sim,
        "A-1",
        &Fact::ChargebackFiled {
            via: ChargebackRoute::Platform
        }
    ));
    says(
        &last_support_answer(&sim),
        &["filed your chargeback claim", "Wed 2026-03-04 10:00"],
    );
    assert_eq!(state(&sim, "A-1"), OrderState::Frozen);
    wait_until(&mut sim, "2026-03-04T10:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
    // Asked again, support says why not, in its words.
    ok(&mut sim, write("Chargeback", Some("A-1"), "And again?"));
    says(
        &last_support_answer(&sim),
        &["cannot file a chargeback", "already being refunded"],
    );
}

#[test]
fn the_bank_asks_for_proof_and_refuses_the_claim_without_it() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(RECEIVED_LAMP)
        .build();
    ok(
        &mut sim,
        Action::FileChargeback {
            order: "A-1".into(),
            via: ChargebackRoute::Bank,
        },
    );
    // Five business days later the bank asks; it waits ten more.
    wait_until(&mut sim, "2026-03-09T09:59");
    assert!(!has_fact(&sim, "A-1", &Fact::BankAsks));
    says(
        &refused(
            &mut sim,
            Action::AnswerBank {
                order: "A-1".into(),
                text: String::new(),
                evidence: vec!["receipt.pdf".into()],
            },
        ),
        &["has not asked"],
    );
    wait_until(&mut sim, "2026-03-09T10:00");
    assert!(has_fact(&sim, "A-1", &Fact::BankAsks));
    // Words alone are not proof.
    says(
        &refused(
            &mut sim,
            Action::AnswerBank {
                order: "A-1".into(),
                text: "It broke.".into(),
                evidence: vec![],
            },
        ),
        &["not proof"],
    );
    wait_until(&mut sim, "2026-03-23T10:00");
    assert!(has_fact(
        &sim,
        "A-1",
        &Fact::ChargebackDecided { granted: false }
    ));
    assert_eq!(state(&sim, "A-1"), OrderState::Received, "no longer frozen");
    assert!(
        sim.refused_requests()
            .iter()
            .any(|r| r.by.name() == "the bank")
    );
}

#[test]
fn a_contested_chargeback_is_refused_unless_the_buyer_sent_proof() {
    let contested = r#"(on: ChargebackFiled, after: Hours(3), do: ContestChargeback(message: "Tracking shows it delivered and signed for"))"#;
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(RECEIVED_LAMP)
        .rules("shopA", contested)
        .build();
    ok(
        &mut sim,
        Action::FileChargeback {
            order: "A-1".into(),
            via: ChargebackRoute::Platform,
        },
    );
    wait_until(&mut sim, "2026-03-04T10:00");
    assert!(has_fact(
        &sim,
        "A-1",
        &Fact::ChargebackDecided { granted: false }
    ));
    says(&log_text(&sim), &["signed for", "you sent no proof"]);

    // Through the bank, with proof sent in time, it is granted despite the seller.
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(RECEIVED_LAMP)
        .rules("shopA", contested)
        .build();
    ok(
        &mut sim,
        Action::FileChargeback {
            order: "A-1".into(),
            via: ChargebackRoute::Bank,
        },
    );
    wait_until(&mut sim, "2026-03-09T10:00");
    ok(
        &mut sim,
        Action::AnswerBank {
            order: "A-1".into(),
            text: "Photos of the broken lamp".into(),
            evidence: vec!["lamp.jpg".into()],
        },
    );
    wait_until(&mut sim, "2026-04-13T10:00");
    assert!(has_fact(
        &sim,
        "A-1",
        &Fact::ChargebackDecided { granted: true }
    ));
    assert_eq!(state(&sim, "A-1"), OrderState::Refunding);
}

#[test]
fn support_passes_a_question_to_the_seller_and_brings_the_answer_back() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        .rules(
            "shopA",
            r#"(on: MessageReceived, when: [MessageContains("colour")], after: Hours(6), do: SendMessage(text: "It comes in black only."))"#,
        )
        .build();
    says(
        &refused(
            &mut sim,
            Action::MessageSeller {
                order: "A-1".into(),
                text: "Which colour?".into(),
            },
        ),
        &["support mediates"],
    );
    ok(
        &mut sim,
        write("Contact the seller", Some("A-1"), "Which colour is it?"),
    );
    // Three business days for support to read it, then the seller's six hours.
    wait_until(&mut sim, "2026-03-05T10:00");
    says(
        &last_support_answer(&sim),
        &["passed your question to Seller shopA"],
    );
    wait_until(&mut sim, "2026-03-05T16:00");
    says(
        &last_support_answer(&sim),
        &["Seller shopA answered", "black only"],
    );
    // The answer came through support: there is no private conversation with the seller.
    assert!(sim.world().seller_conversation("A-1").is_none());
}

#[test]
fn a_seller_who_ignores_a_forwarded_question_is_reported_with_what_can_be_done() {
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        .build();
    ok(
        &mut sim,
        write("Contact the seller", Some("A-1"), "When will it ship?"),
    );
    wait_until(&mut sim, "2026-03-05T10:00");
    // The seller has three business days.
    wait_until(&mut sim, "2026-03-10T10:00");
    says(
        &last_support_answer(&sim),
        &["has not answered within 3 business days"],
    );
    assert!(
        sim.refused_requests()
            .iter()
            .any(|r| r.request.contains("answer"))
    );
}

#[test]
fn support_never_recommends_what_the_order_refuses() {
    // A frozen order: support's ready answer says to cancel, but the order refuses it.
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        .events(r#"(at: "2026-03-02T10:30", event: FreezeForFraud(order: "A-1", fraud_confirmed: false))"#)
        .build();
    wait_until(&mut sim, "2026-03-02T11:00");
    assert_eq!(state(&sim, "A-1"), OrderState::Frozen);
    ok(
        &mut sim,
        write("Cancel an order", Some("A-1"), "Please cancel"),
    );
    wait_until(&mut sim, "2026-03-05T11:00");
    let answer = last_support_answer(&sim);
    says(
        &answer,
        &[
            "\"Frozen\"",
            "nothing you can do",
            "\"Cancel order\" is not possible",
        ],
    );
    assert!(
        !answer.contains("you can now use \"Cancel order\""),
        "{answer}"
    );

    // Inside the window the same question gets the way to do it.
    let mut sim = Story::on("quick_cancel_marketplace")
        .orders(PAID_LAMP)
        .build();
    ok(
        &mut sim,
        write("Refunds", Some("A-1"), "Where is my money?"),
    );
    wait_until(&mut sim, "2026-03-05T10:00");
    says(
        &last_support_answer(&sim),
        &["you can now use", "\"Ask support to cancel\""],
    );
}

#[test]
fn the_question_form_needs_a_name_and_an_e_mail_that_can_be_answered() {
    let mut sim = Story::on("quick_cancel_marketplace").build();
    let ask = |name: &str, email: &str| Action::WriteToSupport {
        category: "Refunds".into(),
        order: None,
        subject: String::new(),
        text: "Where is my money?".into(),
        attachments: vec![],
        name: Some(name.into()),
        email: Some(email.into()),
    };
    says(
        &refused(&mut sim, ask("", "buyer@example.com")),
        &["Fill in your name"],
    );
    says(
        &refused(&mut sim, ask("Test Buyer", "")),
        &["Fill in your e-mail"],
    );
    says(
        &refused(&mut sim, ask("Test Buyer", "buyer.example.com")),
        &["is not an e-mail address"],
    );
    ok(&mut sim, ask("Test Buyer", "buyer@example.com"));
}
