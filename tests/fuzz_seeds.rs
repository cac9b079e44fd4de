//! The fuzz targets' bodies (`fuzz/src/lib.rs`) over their committed seeds, on the stable
//! toolchain: the targets are exercised by every `cargo test`, and anything a fuzz run
//! finds is added to the seeds as a regression test.

#[path = "../fuzz/src/lib.rs"]
mod bodies;

use std::path::PathBuf;

fn seeds(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from("fuzz/seeds").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 3, "too few seeds in {}", dir.display());
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("a readable seed");
            (path, bytes)
        })
        .collect()
}

#[test]
fn the_scenario_reader_survives_its_seeds() {
    for (path, bytes) in seeds("scenario_reader") {
        eprintln!("{}", path.display());
        bodies::scenario_reader(&bytes);
        // The seeds cut short at many lengths: files broken off anywhere.
        for len in (0..bytes.len()).step_by(97) {
            bodies::scenario_reader(&bytes[..len]);
        }
    }
}

#[test]
fn action_sequences_keep_the_money_invariant_on_their_seeds() {
    for (path, bytes) in seeds("action_sequence") {
        eprintln!("{}", path.display());
        bodies::action_sequence(&bytes);
    }
}
