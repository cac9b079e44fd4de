//! Properties of random stories on every scenario of the library: whatever a trainee does
//! — including quantities, amounts and clock moves of any size — money is conserved,
//! nothing goes negative or past its bound, every order is in exactly one status group,
//! the clock never goes back, and an action the platform refuses changes nothing but the
//! log. The rules and the reading of bytes as actions are in `support/`.

mod support;

use proptest::prelude::*;

#[test]
fn the_library_list_holds_every_scenario() {
    let mut on_disk: Vec<String> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.ends_with(".ron") && !n.ends_with(".actions.ron"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = support::LIBRARY.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed, on_disk);
    assert_eq!(support::scenarios().len(), on_disk.len());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        max_shrink_iters: 4000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_rule_holds_after_every_action(
        scenario in 0usize..support::LIBRARY.len(),
        bytes in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let scenario = &support::scenarios()[scenario];
        if let Err(broken) = support::play_on(scenario, &bytes) {
            prop_assert!(false, "{}", broken);
        }
    }
}

/// The properties mean something only if random bytes reach refunds, disputes, checkouts
/// and refusals on the library's scenarios.
#[test]
fn random_stories_reach_the_interesting_places() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use shopsim::sim::Simulation;
    use shopsim::sim::log::Fact;
    use std::collections::BTreeMap;

    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for scenario in support::scenarios() {
        for _ in 0..8 {
            let data = prop::collection::vec(any::<u8>(), 300..400)
                .new_tree(&mut runner)
                .expect("a tree")
                .current();
            let mut sim = Simulation::new((*scenario.setup).clone());
            let mut bytes = support::Bytes::new(&data);
            while let Some(action) = support::next_action(&sim, &mut bytes) {
                let _ = sim.apply(action);
            }
            for e in sim.log() {
                let kind = match &e.fact {
                    Fact::OrderPlaced => "checkout",
                    Fact::OrderPaid { .. } => "payment",
                    Fact::RefundStage { .. } => "refund stage",
                    Fact::DisputeOpened { .. } => "dispute",
                    Fact::ChargebackFiled { .. } => "chargeback",
                    Fact::ActionRefused { .. } => "refusal",
                    Fact::PaidOutToSeller { .. } => "payout",
                    _ => continue,
                };
                *seen.entry(kind).or_default() += 1;
            }
        }
    }
    for (kind, at_least) in [
        ("checkout", 10),
        ("payment", 10),
        ("refund stage", 50),
        ("dispute", 10),
        ("chargeback", 5),
        ("refusal", 100),
        ("payout", 5),
    ] {
        let n = seen.get(kind).copied().unwrap_or(0);
        assert!(n >= at_least, "{kind}: {n} in {seen:?}");
    }
}
