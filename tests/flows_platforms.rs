//! Each platform in its own words, and the flows the sources describe end to end: what an
//! independent shop does not have, a closed unpaid order bought again, return postage paid
//! from the buyer's own money, frozen orders in a group that says so.

mod common;

use common::*;
use shopsim::sim::Action;
use shopsim::sim::policy::OfferKind;
use shopsim::sim::world::{LedgerKind, OrderState};

const PAID_LAMP: &str = r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: AwaitingShipment,
    placed: "2026-03-02T09:55", paid: "2026-03-02T10:00", method: "card", shipping: "2.00")"#;

fn kinds(sim: &shopsim::sim::Simulation, order: &str) -> Vec<OfferKind> {
    sim.offers(order).iter().map(|o| o.kind).collect()
}

#[test]
fn an_independent_shop_has_no_platform_to_escalate_to_or_to_hold_the_money() {
    let mut sim = Story::on("independent_shop").orders(PAID_LAMP).build();
    let offered = kinds(&sim, "A-1");
    for missing in [
        OfferKind::Escalate,
        OfferKind::ChargebackPlatform,
        OfferKind::RequestCancellation,
        OfferKind::WithdrawCancellation,
        OfferKind::DisputeNoTracking,
        OfferKind::MessageSeller,
    ] {
        assert!(
            !offered.contains(&missing),
            "{missing:?} is offered: {offered:?}"
        );
    }
    assert!(offered.contains(&OfferKind::ChargebackBank));
    // In the shop's own words.
    let labels: Vec<String> = sim.offers("A-1").into_iter().map(|o| o.label).collect();
    assert!(labels.contains(&"Cancel Order".to_owned()), "{labels:?}");
    assert!(
        labels.contains(&"Ask customer service to cancel".to_owned()),
        "{labels:?}"
    );
    // Asked directly, the core says why.
    says(
        &refused(
            &mut sim,
            Action::FileChargeback {
                order: "A-1".into(),
                via: shopsim::sim::ChargebackRoute::Platform,
            },
        ),
        &["through your bank"],
    );
    // "Processing" is a paid order not yet shipped, never a cancelled one.
    let groups = &sim.policy().status_groups;
    let processing = groups
        .iter()
        .find(|g| g.name == "Processing")
        .expect("a Processing group");
    assert!(processing.states.contains(&OrderState::AwaitingShipment));
    assert!(!processing.states.contains(&OrderState::Refunding));
    assert!(!sim.policy().platform_mediates);
}

#[test]
fn a_marketplace_names_actions_its_own_way() {
    let sim = Story::on("escrow_marketplace").orders(PAID_LAMP).build();
    let labels: Vec<String> = sim.offers("A-1").into_iter().map(|o| o.label).collect();
    assert!(
        labels.contains(&"Request order cancellation".to_owned()),
        "{labels:?}"
    );
    assert!(
        labels.contains(&"Escalate the dispute".to_owned()),
        "{labels:?}"
    );
}

#[test]
fn every_preset_puts_frozen_orders_in_a_group_that_says_so() {
    for preset in shopsim::scenario::presets::names() {
        let sim = Story::on(preset).orders(PAID_LAMP).build();
        let groups = &sim.policy().status_groups;
        let frozen: Vec<&str> = groups
            .iter()
            .filter(|g| g.states.contains(&OrderState::Frozen))
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(frozen.len(), 1, "{preset}: {frozen:?}");
        let group = groups
            .iter()
            .find(|g| g.name == frozen[0])
            .expect("the group");
        assert_eq!(
            group.states,
            vec![OrderState::Frozen],
            "{preset}: frozen orders alone"
        );
    }
}

#[test]
fn a_closed_unpaid_order_can_be_added_to_the_cart_again() {
    let mut sim = Story::on("escrow_marketplace")
        .orders(
            r#"(id: "U-1", seller: "shopA", items: [(item: "lamp"), (item: "bulbs", quantity: 2)],
                status: Unpaid, placed: "2026-03-01T09:00")"#,
        )
        .build();
    says(
        &refused(
            &mut sim,
            Action::AddOrderToCart {
                order: "U-1".into(),
            },
        ),
        &["closed unpaid"],
    );
    wait_until(&mut sim, "2026-03-21T09:00");
    assert_eq!(state(&sim, "U-1"), OrderState::Closed);
    let offered = kinds(&sim, "U-1");
    assert!(offered.contains(&OfferKind::AddToCart), "{offered:?}");
    assert!(!offered.contains(&OfferKind::Pay), "Pay became Add to cart");
    ok(
        &mut sim,
        Action::AddOrderToCart {
            order: "U-1".into(),
        },
    );
    let cart: Vec<(String, u32)> = sim
        .world()
        .cart
        .iter()
        .map(|l| (l.item.clone(), l.quantity))
        .collect();
    assert_eq!(cart, vec![("lamp".into(), 1), ("bulbs".into(), 2)]);
    // The closed order stays in the list.
    assert_eq!(state(&sim, "U-1"), OrderState::Closed);
}

#[test]
fn return_postage_the_buyer_pays_leaves_the_buyers_money() {
    let mut sim = Story::on("independent_shop")
        .orders(
            r#"(id: "A-1", seller: "shopA", items: [(item: "lamp")], status: Delivered,
                placed: "2026-02-20T09:55", paid: "2026-02-20T10:00", method: "card", shipping: "2.00",
                shipped: "2026-02-21T10:00", delivered: "2026-03-01T10:00")"#,
        )
        .rules("shopA", r#"(on: DisputeOpened, after: Hours(2), do: AcceptReturn)"#)
        .build();
    ok(
        &mut sim,
        Action::OpenDispute {
            order: "A-1".into(),
            kind: shopsim::sim::world::DisputeKind::ReturnGoodsAndMoney,
            description: "It does not fit".into(),
            evidence: vec!["photo.jpg".into()],
            amount: None,
        },
    );
    wait_until(&mut sim, "2026-03-02T12:00");
    assert_eq!(state(&sim, "A-1"), OrderState::ReturnPending);
    let before = balance(&sim, "card");
    ok(
        &mut sim,
        Action::ShipReturn {
            order: "A-1".into(),
        },
    );
    let postage = sim.policy().return_shipping_cost;
    assert_eq!(balance(&sim, "card"), before - postage);
    let fee = sim
        .world()
        .ledger
        .iter()
        .find(|e| e.kind == LedgerKind::Fee)
        .expect("the postage is in the ledger");
    assert_eq!(fee.amount, postage);
    assert_eq!(fee.method.as_deref(), Some("card"));
}
