//! The bodies of the fuzz targets, as plain functions: the targets in `fuzz_targets/` call
//! them on what libFuzzer makes up, and the project's `tests/fuzz_seeds.rs` calls them on
//! the committed seeds, so they run on a stable toolchain too.

#[path = "../../tests/support/mod.rs"]
pub mod support;

/// The most a rendered report may take: a hundred problems shown, each a line's worth.
const MAX_REPORT_BYTES: usize = 1 << 20;

/// Any text as a scenario, and as an action file for the first library scenario: reading
/// never panics, and a report of problems is inert and bounded whatever the text holds.
pub fn scenario_reader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(report) = shopsim::scenario::load("fuzz.ron", text) {
        check_report(&report);
    }
    let scenario = &support::scenarios()[0];
    if let Err(report) = shopsim::scenario::actions::load_for("fuzz.actions.ron", text, scenario) {
        check_report(&report);
    }
}

fn check_report(report: &shopsim::scenario::Report) {
    assert!(!report.problems.is_empty(), "a report with no problem");
    for rendered in [report.render(), report.short()] {
        assert!(
            !rendered.contains(|c: char| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c)),
            "a control character reached the report:\n{rendered}"
        );
        assert!(
            rendered.len() <= MAX_REPORT_BYTES,
            "a report of {} bytes",
            rendered.len()
        );
    }
}

/// Any bytes as a sequence of trainee actions on a library scenario (the first byte
/// chooses which): every rule of `support::broken_rule`, the money invariant first, holds
/// after every action.
pub fn action_sequence(data: &[u8]) {
    if let Err(broken) = support::play(data) {
        panic!("{broken}");
    }
}
