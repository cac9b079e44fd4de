//! Timing by repetition, and numbers written for people.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Repeats a step until this much time was spent in it (at least once).
const BUDGET: Duration = Duration::from_secs(1);
const MAX_RUNS: usize = 15;

pub struct Timing {
    pub median: Duration,
    pub runs: usize,
}

/// Times `work` on a fresh input from `prepare` each run, and gives back the last run's
/// output. Preparing the input and dropping the other outputs are left out of the time, so
/// a step that consumes its input (a simulation advancing) is timed alone.
pub fn time<I, O>(mut prepare: impl FnMut() -> I, mut work: impl FnMut(I) -> O) -> (Timing, O) {
    let mut samples = Vec::new();
    let mut spent = Duration::ZERO;
    let mut last = None;
    while samples.len() < MAX_RUNS && (samples.is_empty() || spent < BUDGET) {
        let input = prepare();
        let started = Instant::now();
        let output = black_box(work(black_box(input)));
        let took = started.elapsed();
        // The previous output is dropped here, outside the time.
        last = Some(output);
        samples.push(took);
        spent += took;
    }
    samples.sort();
    let timing = Timing {
        median: samples[samples.len() / 2],
        runs: samples.len(),
    };
    match last {
        Some(output) => (timing, output),
        None => unreachable!("the loop runs at least once"),
    }
}

pub fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}

pub fn bytes(n: u64) -> String {
    let mib = n as f64 / (1024.0 * 1024.0);
    if mib >= 1.0 {
        format!("{mib:.1} MiB")
    } else {
        format!("{:.0} KiB", n as f64 / 1024.0)
    }
}

/// How many times `ours` is `floor`.
pub fn ratio(ours: f64, floor: f64) -> String {
    if floor > 0.0 {
        format!("{:.1}×", ours / floor)
    } else {
        "–".to_owned()
    }
}

/// Time per item, in nanoseconds.
pub fn per_item(d: Duration, items: u64) -> f64 {
    d.as_secs_f64() * 1e9 / items.max(1) as f64
}
