//! How shopsim's cost grows with the size of a story, each figure beside a floor measured
//! in the same run: the least any program could spend on the same input. Measured, never
//! asserted.
//!
//! `cargo bench --bench scale` measures generated stories of 1,000 and 10,000 orders;
//! `SHOPSIM_BENCH_MAX=100000 cargo bench --bench scale` adds 100,000 (minutes today).
//! BENCHMARKS.md keeps the figures of the last recorded run.

mod frames;
mod measure;
mod memory;

use measure::{Timing, bytes, duration, per_item, ratio, time};
use shopsim::scenario::{self, ScenarioFile, generate};
use shopsim::sim::{Action, Advance, Simulation, Span};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];
const DEFAULT_MAX: usize = 10_000;
/// The core loop's measure: the clock advanced this far in one action.
const ADVANCE: Span = Span::Days(30);

/// The figures of one story size.
struct Row {
    orders: usize,
    file: u64,
    load: Timing,
    value_floor: Timing,
    new: Timing,
    handled: u64,
    advance: Timing,
    heap_floor: Timing,
    load_peak: u64,
    value_peak: u64,
    frames: frames::Frames,
}

fn main() -> ExitCode {
    let max = match std::env::var("SHOPSIM_BENCH_MAX") {
        Err(_) => DEFAULT_MAX,
        Ok(text) => match text.replace('_', "").parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("SHOPSIM_BENCH_MAX must be a number of orders, such as 100000");
                return ExitCode::from(2);
            }
        },
    };
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("shopsim scale benchmark: {cpus} CPU(s); sizes up to {max} orders");
    println!("each time is the median of the runs shown in brackets; ratio = shopsim / floor");
    let mut rows = Vec::new();
    for orders in SIZES.into_iter().filter(|n| *n <= max) {
        match size(orders) {
            Ok(row) => rows.push(row),
            Err(why) => {
                eprintln!("{orders} orders: {why}");
                return ExitCode::FAILURE;
            }
        }
    }
    summary(&rows);
    frames_summary(&rows);
    ExitCode::SUCCESS
}

fn size(orders: usize) -> Result<Row, String> {
    let options = generate::Options::new(orders);
    let started = Instant::now();
    let text = generate::generate(&options)?;
    let file = text.len() as u64;
    println!(
        "\n== {orders} orders, {} sellers, {} world events: {} of RON (generated in {}) ==",
        options.sellers,
        options.events,
        bytes(file),
        duration(started.elapsed())
    );

    // 1. Loading against parsing the same text into RON's own value tree.
    let (load, loaded) = time(|| (), |()| scenario::load("generated.ron", &text));
    let loaded = loaded.map_err(|r| r.render())?;
    let (value_floor, value) = time(|| (), |()| ron::from_str::<ron::Value>(&text));
    if let Err(e) = value {
        return Err(format!(
            "the floor cannot parse the text as a ron::Value: {e}"
        ));
    }
    let (typed, _) = time(
        || (),
        |()| scenario_options().from_str::<ScenarioFile>(&text).ok(),
    );
    line("scenario::load", &load, "ron::Value parse", &value_floor);
    println!(
        "  {:<30} {:>10} [{}]   (serde alone, into the file's types: no repairs, no checks)",
        "typed parse (ScenarioFile)",
        duration(typed.median),
        typed.runs
    );

    // 2. Building the simulation (it also runs what is due at the start).
    let (new, base) = time(|| (*loaded.setup).clone(), Simulation::new);
    let (clone, _) = time(|| (), |()| (*loaded.setup).clone());
    println!(
        "  {:<30} {:>10} [{}]  (the setup's clone, for scale: {})",
        "Simulation::new",
        duration(new.median),
        new.runs,
        duration(clone.median)
    );

    // 3. The core loop: a month of events, against a bare binary heap of as many.
    let (advance, advanced) = time(
        || base.clone(),
        |mut sim| {
            let done = sim.apply(Action::AdvanceClock(Advance::By(ADVANCE)));
            (sim, done)
        },
    );
    let (handled, logged, left_behind) = count_advance(&base, advanced)?;
    let times = event_times(handled);
    let (heap_floor, _) = time(|| times.clone(), heap_push_pop);
    let ours = per_item(advance.median, handled);
    let floor = per_item(heap_floor.median, handled);
    println!("  advance 30 days: {handled} queue items handled, {logged} log entries written");
    println!(
        "  {:<30} {:>10} [{}]  {:>10.0} ns/item {:>12.0} items/s",
        "shopsim",
        duration(advance.median),
        advance.runs,
        ours,
        1e9 / ours
    );
    println!(
        "  {:<30} {:>10} [{}]  {:>10.0} ns/item {:>12.0} items/s   ratio {}",
        "BinaryHeap push + pop",
        duration(heap_floor.median),
        heap_floor.runs,
        floor,
        1e9 / floor,
        ratio(ours, floor)
    );
    if left_behind > 0 {
        println!(
            "  note: the core's cap on events per advance cut the jump short: {left_behind} item(s) due before the new time are still queued"
        );
    }

    // 4. The UI's frames at this size.
    let frames = frames::measure(&loaded);
    frames::print(&frames);

    // 5. Memory of loading, against the file and the floor's value tree.
    drop((loaded, base));
    let (load_usage, _) = memory::measure(|| scenario::load("generated.ron", &text).ok());
    let (value_usage, _) = memory::measure(|| ron::from_str::<ron::Value>(&text).ok());
    println!(
        "  {:<30} {:>10} = {:.1}× the file; {} still held by the scenario",
        "peak heap of scenario::load",
        bytes(load_usage.peak),
        load_usage.peak as f64 / file as f64,
        bytes(load_usage.kept),
    );
    println!(
        "  {:<30} {:>10} = {:.1}× the file; ratio {}",
        "peak heap of ron::Value parse",
        bytes(value_usage.peak),
        value_usage.peak as f64 / file as f64,
        ratio(load_usage.peak as f64, value_usage.peak as f64)
    );
    Ok(Row {
        orders,
        file,
        load,
        value_floor,
        new,
        handled,
        advance,
        heap_floor,
        load_peak: load_usage.peak,
        value_peak: value_usage.peak,
        frames,
    })
}

fn scenario_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

fn line(ours_name: &str, ours: &Timing, floor_name: &str, floor: &Timing) {
    println!(
        "  {:<30} {:>10} [{}]",
        ours_name,
        duration(ours.median),
        ours.runs
    );
    println!(
        "  {:<30} {:>10} [{}]   ratio {}",
        floor_name,
        duration(floor.median),
        floor.runs,
        ratio(ours.median.as_secs_f64(), floor.median.as_secs_f64())
    );
}

/// What an advance did, counted from the outside by comparing the simulation before and
/// after: queue items handled (every item scheduled is either still queued or was
/// handled), log entries written, and items left due before the new time.
fn count_advance(
    before: &Simulation,
    (after, done): (Simulation, Result<(), shopsim::sim::Refusal>),
) -> Result<(u64, usize, usize), String> {
    done.map_err(|r| format!("the core refused to advance: {r}"))?;
    let queued = |s: &Simulation| s.upcoming().count() as u64;
    let scheduled = after.scheduled_so_far() - before.scheduled_so_far();
    let handled = queued(before) + scheduled - queued(&after);
    let now = after.now();
    let left_behind = after.upcoming().take_while(|(at, _)| *at < now).count();
    Ok((handled, after.log().len() - before.log().len(), left_behind))
}

/// Times spread over a month in minutes, in no particular order, as a queue receives them.
fn event_times(n: u64) -> Vec<i64> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) % (30 * 24 * 60)) as i64
        })
        .collect()
}

/// The floor of an event queue: every event pushed, then popped in time order.
fn heap_push_pop(times: Vec<i64>) -> i64 {
    let mut heap = BinaryHeap::new();
    for (seq, at) in times.into_iter().enumerate() {
        heap.push(Reverse((at, seq as u64)));
    }
    let mut last = 0;
    while let Some(Reverse((at, _))) = heap.pop() {
        last = black_box(at);
    }
    last
}

/// The figures again as one Markdown table, for BENCHMARKS.md.
fn summary(rows: &[Row]) {
    println!(
        "\n| orders | RON | load | ron::Value floor | ratio | Simulation::new | items in 30 days | advance | ns/item | BinaryHeap ns/item | ratio | load peak heap | × file | ron::Value peak | ratio |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let ours = per_item(r.advance.median, r.handled);
        let floor = per_item(r.heap_floor.median, r.handled);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.0} | {:.0} | {} | {} | {:.1}× | {} | {} |",
            r.orders,
            bytes(r.file),
            duration(r.load.median),
            duration(r.value_floor.median),
            ratio(
                r.load.median.as_secs_f64(),
                r.value_floor.median.as_secs_f64()
            ),
            duration(r.new.median),
            r.handled,
            duration(r.advance.median),
            ours,
            floor,
            ratio(ours, floor),
            bytes(r.load_peak),
            r.load_peak as f64 / r.file as f64,
            bytes(r.value_peak),
            ratio(r.load_peak as f64, r.value_peak as f64)
        );
    }
}

fn frames_summary(rows: &[Row]) {
    let Some(first) = rows.first() else { return };
    let names: Vec<&str> = first.frames.tabs.iter().map(|(n, _)| n.as_str()).collect();
    print!("\n| orders | bare Table floor |");
    for name in &names {
        print!(" {name} | ratio |");
    }
    println!(" key to frame | first frame |");
    print!("|---:|---:|");
    for _ in &names {
        print!("---:|---:|");
    }
    println!("---:|---:|");
    for r in rows {
        let floor = r.frames.floor.median.as_secs_f64();
        print!("| {} | {} |", r.orders, duration(r.frames.floor.median));
        for (_, t) in &r.frames.tabs {
            print!(
                " {} | {} |",
                duration(t.median),
                ratio(t.median.as_secs_f64(), floor)
            );
        }
        println!(
            " {} | {} |",
            duration(r.frames.key_to_frame.median),
            duration(r.frames.first_frame)
        );
    }
}
