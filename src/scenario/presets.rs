//! The platform presets shipped in `assets/policies/`, compiled into the program so a
//! scenario can name one without the core ever opening a file.

use crate::sim::policy::Policy;

pub const PRESETS: &[(&str, &str)] = &[
    (
        "quick_cancel_marketplace",
        include_str!("../../assets/policies/quick_cancel_marketplace.ron"),
    ),
    (
        "escrow_marketplace",
        include_str!("../../assets/policies/escrow_marketplace.ron"),
    ),
    (
        "independent_shop",
        include_str!("../../assets/policies/independent_shop.ron"),
    ),
    (
        "half_hour_store",
        include_str!("../../assets/policies/half_hour_store.ron"),
    ),
    (
        "hour_request_marketplace",
        include_str!("../../assets/policies/hour_request_marketplace.ron"),
    ),
    (
        "points_marketplace",
        include_str!("../../assets/policies/points_marketplace.ron"),
    ),
];

pub fn names() -> impl Iterator<Item = &'static str> {
    PRESETS.iter().map(|(name, _)| *name)
}

pub fn text(name: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Parses a preset. A broken preset is a bug of the program, reported like a scenario error.
pub fn load(name: &str) -> Option<Result<Policy, ron::error::SpannedError>> {
    text(name).map(|t| super::ron_options().from_str(t))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_preset_parses() {
        for name in super::names() {
            if let Some(Err(e)) = super::load(name) {
                panic!("preset {name} does not parse: {e}");
            }
        }
    }
}
