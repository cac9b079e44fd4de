//! The generator of large scenarios: what it writes loads, covers every starting status,
//! plays a month without a refusal, and is the same for the same seed.

use shopsim::scenario::{self, generate};
use shopsim::sim::log::Fact;
use shopsim::sim::world::OrderState;
use std::collections::BTreeSet;

fn load(options: &generate::Options) -> scenario::Scenario {
    let text = generate::generate(options).unwrap_or_else(|e| panic!("generate: {e}"));
    scenario::load("generated.ron", &text).unwrap_or_else(|report| panic!("{}", report.render()))
}

#[test]
fn two_hundred_orders_load_and_play_a_month() {
    let options = generate::Options::new(200);
    let loaded = load(&options);
    let world = &loaded.setup.world;
    assert_eq!(world.orders().len(), 200);
    assert_eq!(world.sellers().len(), options.sellers);
    assert_eq!(loaded.setup.world_events.len(), options.events);
    let statuses: BTreeSet<OrderState> = world.orders().iter().map(|o| o.state).collect();
    use OrderState::*;
    let starting = [
        Unpaid,
        Verifying,
        AwaitingShipment,
        Shipped,
        Delivered,
        Received,
        Completed,
        Cancelled,
        Closed,
    ];
    assert_eq!(statuses, BTreeSet::from(starting));

    let month = loaded.setup.start + chrono::Duration::days(30);
    let played = loaded.replay(&[], Some(month));
    assert_eq!(played.refused, 0);
    let sim = played.session.sim();
    assert_eq!(sim.now(), month);
    let log = sim.log();
    assert!(!log.is_empty());
    // The sellers' rules and the world events both act during the month.
    assert!(log.iter().any(|e| matches!(e.fact, Fact::Shipped { .. })));
    assert!(log.iter().any(|e| matches!(e.fact, Fact::Delivered)));
    assert!(
        log.iter()
            .all(|e| !matches!(e.fact, Fact::ActionRefused { .. }))
    );
}

#[test]
fn every_preset_gives_a_valid_scenario() {
    for preset in scenario::presets::names() {
        let options = generate::Options {
            preset: preset.to_owned(),
            seed: 7,
            ..generate::Options::new(60)
        };
        assert_eq!(load(&options).setup.world.orders().len(), 60, "{preset}");
    }
}

#[test]
fn the_same_seed_gives_the_same_text() {
    let options = generate::Options::new(50);
    let first = generate::generate(&options);
    assert_eq!(generate::generate(&options), first);
    let other = generate::Options { seed: 2, ..options };
    assert_ne!(generate::generate(&other), first);
}

#[test]
fn wrong_options_are_explained() {
    let none = generate::generate(&generate::Options::new(0));
    assert!(none.is_err_and(|e| e.contains("orders must be between 1 and")));
    let misspelt = generate::Options {
        preset: "escrow".into(),
        ..generate::Options::new(10)
    };
    let why = generate::generate(&misspelt);
    assert!(why.is_err_and(|e| e.contains("no policy preset `escrow`")));
}
