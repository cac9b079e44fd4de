//! A global allocator that counts, so a benchmark can tell how much memory a step needed
//! at its peak. It counts only inside a `measure` window, so the timings elsewhere pay
//! nothing but one relaxed load per allocation.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering::Relaxed};

pub struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated less bytes freed since the window opened; frees of older memory make
/// it go below zero, which is why it is signed.
static NET: AtomicI64 = AtomicI64::new(0);
static PEAK: AtomicI64 = AtomicI64::new(0);

fn grew(bytes: usize) {
    let now = NET.fetch_add(bytes as i64, Relaxed) + bytes as i64;
    PEAK.fetch_max(now, Relaxed);
}

fn shrank(bytes: usize) {
    NET.fetch_sub(bytes as i64, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; only the counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            grew(layout.size());
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            grew(layout.size());
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Relaxed) {
            shrank(layout.size());
        }
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Relaxed) {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// What a step took from the heap: at its peak, and still held once it returned.
pub struct Usage {
    pub peak: u64,
    pub kept: u64,
}

/// Runs `step` once with the counters on. Its result is dropped after the window closes,
/// so `kept` is what the result holds.
pub fn measure<T>(step: impl FnOnce() -> T) -> (Usage, T) {
    NET.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    COUNTING.store(true, Relaxed);
    let value = step();
    COUNTING.store(false, Relaxed);
    let usage = Usage {
        peak: PEAK.load(Relaxed).max(0) as u64,
        kept: NET.load(Relaxed).max(0) as u64,
    };
    (usage, value)
}
