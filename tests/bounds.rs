//! Nothing wraps: quantities, money and times that would go out of range are refused — as a
//! trainee action with a reason the trainee can read, or as a problem of the scenario or
//! action file — and a refusal leaves the world as it was.

mod common;

use common::*;
use shopsim::scenario::{self, actions};
use shopsim::sim::world::MAX_QUANTITY;
use shopsim::sim::{Action, Advance, Money, Simulation, Span};

/// Loads RON text that must be valid.
fn build(text: &str) -> Simulation {
    match scenario::load("bounds.ron", text) {
        Ok(s) => Simulation::new((*s.setup).clone()),
        Err(report) => panic!("{}", report.short()),
    }
}

/// The problems of RON text that must not load, one `line: message` each.
fn problems(text: &str) -> Vec<String> {
    match scenario::load("bounds.ron", text) {
        Ok(_) => panic!("the scenario loaded"),
        Err(report) => report.short().lines().map(str::to_owned).collect(),
    }
}

fn add_n(item: &str, quantity: u32) -> Action {
    Action::AddToCart {
        item: item.into(),
        quantity,
    }
}

/// The world, the clock and what is scheduled, as one comparable text: everything a
/// refusal must leave alone (the log may grow by its line).
fn state(sim: &Simulation) -> String {
    format!(
        "{:?}\n{}\n{:?}\n{:?}",
        sim.world(),
        sim.now(),
        sim.upcoming().collect::<Vec<_>>(),
        sim.refused_requests()
    )
}

#[test]
fn a_cart_line_never_holds_more_than_the_maximum() {
    let mut sim = Story::on("escrow_marketplace")
        .cart(r#"(item: "lamp")"#)
        .build();
    let before = state(&sim);
    let why = refused(&mut sim, add_n("lamp", u32::MAX));
    says(
        &why,
        &["at most 1000 pieces", "holds 1 already", "4294967295 more"],
    );
    assert_eq!(state(&sim), before, "a refused addition changed the world");
    let why = refused(&mut sim, add_n("mug", MAX_QUANTITY + 1));
    says(&why, &["at most 1000 pieces", "you asked for 1001"]);
    ok(&mut sim, add_n("lamp", MAX_QUANTITY - 1));
    refused(&mut sim, add_n("lamp", 1));
    let line = &sim.world().cart[0];
    assert_eq!((line.item.as_str(), line.quantity), ("lamp", MAX_QUANTITY));
}

#[test]
fn an_order_over_the_money_maximum_cannot_be_checked_out() {
    // The case that once wrapped: 44 lines of a thousand pieces at $1,000,000.00.
    let items: String = (0..44)
        .map(|n| {
            format!(
                r#"(id: "gold{n}", title: "Gold bar {n}", price: "1000000.00", seller: "shopA"),"#
            )
        })
        .collect();
    let cart: String = (0..44)
        .map(|n| format!(r#"(item: "gold{n}", quantity: 1000),"#))
        .collect();
    let text = Story::on("quick_cancel_marketplace")
        .cart(&cart)
        .ron()
        .replace("catalogue: [", &format!("catalogue: [{items}"));
    let mut sim = build(&text);
    let before = state(&sim);
    let why = refused(&mut sim, checkout(None));
    says(
        &why,
        &[
            "would come to more than $1000000.00",
            "the most one order may come to",
        ],
    );
    assert_eq!(state(&sim), before);
    assert!(sim.world().orders().is_empty());

    // Exactly the maximum is fine, and is charged in full.
    let text = Story::on("quick_cancel_marketplace")
        .cart(r#"(item: "gold0")"#)
        .ron()
        .replace("catalogue: [", &format!("catalogue: [{items}"));
    let mut sim = build(&text);
    ok(&mut sim, checkout(None));
    assert_eq!(order(&sim, "N-1").amount_due(), Money::MAX);
}

#[test]
fn a_price_rise_past_the_maximum_leaves_the_price() {
    let text = Story::on("escrow_marketplace")
        .cart(r#"(item: "lamp")"#)
        .rules("shopA", r#"(on: OrderPlaced, do: RaisePrice(by: "1.00"))"#)
        .ron()
        .replace(
            r#"price: "30.00", seller: "shopA", shipping: "2.00""#,
            r#"price: "999999.00", seller: "shopA", shipping: "1.00""#,
        );
    let mut sim = build(&text);
    ok(&mut sim, checkout(None));
    assert_eq!(order(&sim, "N-1").amount_due(), Money::MAX);
    says(
        &log_text(&sim),
        &["tried to raise the price by $1.00", "the price stays"],
    );
}

#[test]
fn scenario_orders_over_the_maximum_are_a_problem_of_the_file() {
    let text = Story::on("escrow_marketplace")
        .orders(
            r#"(id: "P-1", seller: "shopA", items: [(item: "lamp", quantity: 1000)],
                status: Unpaid, placed: "2026-03-02T09:00")"#,
        )
        .ron()
        .replace(r#"price: "30.00""#, r#"price: "1000000.00""#);
    let all = problems(&text);
    assert_eq!(all.len(), 1, "{all:#?}");
    says(
        &all[0],
        &["order P-1 comes to more than $1000000.00, the most one order may come to"],
    );
}

#[test]
fn every_state_is_in_exactly_one_status_group() {
    let text = Story::on("escrow_marketplace")
        .overrides(
            r#"status_groups: [
                (name: "Open", states: [Unpaid, Verifying, AwaitingShipment, CancelRequested, Shipped, Delivered, Received]),
                (name: "Trouble", states: [Dispute, Escalated, ReturnPending, Frozen, Intercepted, Refunding, Shipped]),
                (name: "Done", states: [Completed, Cancelled]),
            ]"#,
        )
        .ron();
    let all = problems(&text);
    assert_eq!(all.len(), 2, "{all:#?}");
    says(
        &all.join("\n"),
        &[
            r#"Shipped is in 2 status groups ("Open", "Trouble"): its orders would be counted twice"#,
            "no status group holds Closed: its orders would vanish from My Orders",
        ],
    );
}

#[test]
fn the_clock_stays_within_ten_years_a_move_and_the_years_of_a_story() {
    let mut sim = Story::on("escrow_marketplace").build();
    let before = state(&sim);
    for (advance, words) in [
        (
            Advance::By(Span::Days(i64::MAX)),
            "at most ten years at a time",
        ),
        (
            Advance::By(Span::Minutes(i64::MAX)),
            "at most ten years at a time",
        ),
        (Advance::By(Span::Days(3661)), "at most ten years at a time"),
        (Advance::To(at("2201-01-01T00:00")), "past the end of 2200"),
        (Advance::To(at("9999-12-31T23:59")), "past the end of 2200"),
        (Advance::To(at("2026-03-01T00:00")), "only moves forward"),
    ] {
        let why = refused(&mut sim, Action::AdvanceClock(advance));
        says(&why, &[words]);
        assert_eq!(state(&sim), before);
    }
    let late = Story::on("escrow_marketplace")
        .start("2200-06-01T10:00")
        .build();
    let mut late = late;
    let why = refused(
        &mut late,
        Action::AdvanceClock(Advance::By(Span::Days(365))),
    );
    says(&why, &["past the end of 2200"]);
    ok(&mut late, Action::AdvanceClock(Advance::By(Span::Days(30))));
}

#[test]
fn action_times_have_the_same_bounds_written_either_way() {
    let text = Story::on("escrow_marketplace").ron();
    let scenario = scenario::load("bounds.ron", &text).expect("valid");
    let start = scenario.setup.start;
    let calendar = scenario.policy.calendar();
    for (written, words) in [
        ("9999-12-31T23:59", "the year 9999 is out of range"),
        ("1900-01-01T00:00", "the year 1900 is out of range"),
        ("2040-01-01T00:00", "more than ten years after the start"),
        ("+3661d", "more than ten years after the start"),
        ("+99999999d", "too far from the start"),
        (
            "+1439m1439m1439m1439m1439m1439m1439m1439m1439m",
            "more than 8 parts",
        ),
        ("+9999999w", "more than ten years after the start"),
    ] {
        let why = actions::resolve(written, start, &calendar).unwrap_err();
        says(&why, &[words]);
    }
    assert_eq!(
        actions::resolve("+3660d", start, &calendar),
        Ok(at("2036-03-09T10:00"))
    );

    let file = r#"[
        (at: "9999-12-31T23:59", do: AdvanceClock(NextEvent)),
        (at: "+1h", do: AdvanceClock(To("9999-01-01T00:00:00"))),
        (at: "+2h", do: AddToCart(item: "lamp", quantity: 4294967295)),
    ]"#;
    let report = actions::load_for("bounds.actions.ron", file, &scenario).unwrap_err();
    let short = report.short();
    says(
        &short,
        &[
            "bounds.actions.ron:2:14: error: the year 9999 is out of range: dates fall between 1970 and 2200",
            "bounds.actions.ron:3:25: error: the year 9999 is out of range",
        ],
    );
    assert_eq!(report.problems.len(), 2, "{short}");
}

#[test]
fn an_overflowing_quantity_in_an_action_file_is_refused_when_played() {
    let text = Story::on("escrow_marketplace")
        .cart(r#"(item: "lamp")"#)
        .ron();
    let scenario = scenario::load("bounds.ron", &text).expect("valid");
    let file = r#"[
        (at: "+1m", do: AddToCart(item: "lamp", quantity: 4294967295)),
        (at: "+2m", do: Checkout()),
    ]"#;
    let script = actions::load_for("a.actions.ron", file, &scenario).expect("valid file");
    let run = scenario.replay(&script, None);
    let sim = run.session.sim();
    assert_eq!(run.refused, 1);
    assert_eq!(sim.world().cart.len(), 0, "the line of 1 was checked out");
    assert_eq!(order(sim, "N-1").lines[0].quantity, 1);
    assert_eq!(order(sim, "N-1").amount_due(), usd("32.00"));
}
