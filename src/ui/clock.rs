//! How fast simulated time runs while the trainee watches. The core only knows "advance
//! by"; turning real seconds into simulated minutes is the UI's business.
//!
//! Real time is counted from the previous tick, and never more than `MAX_CREDIT` of it at
//! once: time spent paused, blocked on input or in a slow frame is never paid out in
//! simulated time, so resuming or a hiccup cannot jump the story ahead.

use std::time::{Duration, Instant};

/// Simulated minutes per real second, slowest first.
pub const SPEEDS: [(i64, &str); 5] = [
    (1, "1 min/s"),
    (10, "10 min/s"),
    (60, "1 h/s"),
    (360, "6 h/s"),
    (1440, "1 day/s"),
];

/// How often the running clock moves.
pub const TICK: Duration = Duration::from_millis(100);

/// The most real time one tick pays out: two ticks' worth.
pub const MAX_CREDIT: Duration = Duration::from_millis(200);

#[derive(Debug, Clone)]
pub struct ClockControl {
    paused: bool,
    pub speed: usize,
    /// Thousandths of a simulated minute not yet added to the clock.
    carry_ms: u128,
    /// When real time was last counted; `None` right after a start or a resume.
    last: Option<Instant>,
}

impl Default for ClockControl {
    fn default() -> Self {
        ClockControl {
            paused: true,
            speed: 2,
            carry_ms: 0,
            last: None,
        }
    }
}

impl ClockControl {
    pub fn paused(&self) -> bool {
        self.paused
    }

    pub fn pause(&mut self) {
        self.paused = true;
        self.last = None;
    }

    /// Runs the clock from the next tick on: the time it was paused counts for nothing.
    pub fn resume(&mut self) {
        self.paused = false;
        self.last = None;
    }

    /// The clock runs, but the story holds for now (a dialog is up): real time from here
    /// to the next tick counts for nothing.
    pub fn hold(&mut self) {
        self.last = None;
    }

    pub fn label(&self) -> &'static str {
        SPEEDS[self.speed].1
    }

    pub fn faster(&mut self) {
        self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
    }

    pub fn slower(&mut self) {
        self.speed = self.speed.saturating_sub(1);
    }

    /// Whole simulated minutes due at `now` since the last tick, at this speed.
    pub fn minutes_due(&mut self, now: Instant) -> i64 {
        if self.paused {
            return 0;
        }
        let Some(last) = self.last.replace(now) else {
            return 0;
        };
        let real = now.saturating_duration_since(last).min(MAX_CREDIT);
        let per_second = SPEEDS[self.speed].0 as u128;
        // Count in thousandths of a simulated minute so slow speeds still add up.
        let total = self.carry_ms + real.as_millis() * per_second;
        self.carry_ms = total % 1000;
        (total / 1000) as i64
    }

    /// How long to wait for input before the next tick (none when paused).
    pub fn wait(&self) -> Option<Duration> {
        (!self.paused).then_some(TICK)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn running() -> ClockControl {
        let mut clock = ClockControl::default();
        clock.resume();
        clock
    }

    #[test]
    fn paused_clock_does_not_move() {
        let mut clock = ClockControl::default();
        let start = Instant::now();
        assert_eq!(clock.minutes_due(start), 0);
        assert_eq!(clock.minutes_due(start + Duration::from_secs(10)), 0);
    }

    #[test]
    fn speed_turns_seconds_into_minutes() {
        let mut clock = running();
        let t0 = Instant::now();
        assert_eq!(
            clock.minutes_due(t0),
            0,
            "the first tick only starts counting"
        );
        // 1 h/s: 100 ms is 6 minutes.
        assert_eq!(clock.minutes_due(t0 + Duration::from_millis(100)), 6);
        clock.speed = 0;
        let t1 = t0 + Duration::from_millis(100);
        assert_eq!(clock.minutes_due(t1 + Duration::from_millis(100)), 0);
        let mut at = t1 + Duration::from_millis(100);
        let mut total = 0;
        for _ in 0..9 {
            at += Duration::from_millis(100);
            total += clock.minutes_due(at);
        }
        assert_eq!(
            total, 1,
            "a second at 1 min/s is a minute, however it is cut"
        );
    }

    #[test]
    fn resuming_after_a_long_pause_pays_nothing_for_the_pause() {
        let mut clock = running();
        clock.speed = SPEEDS.len() - 1; // a day per second
        let t0 = Instant::now();
        clock.minutes_due(t0);
        clock.pause();
        let later = t0 + Duration::from_millis(5300);
        clock.resume();
        assert_eq!(clock.minutes_due(later), 0);
        let minutes = clock.minutes_due(later + Duration::from_millis(100));
        assert_eq!(minutes, 144, "one tick at a day per second is 2.4 hours");
    }

    #[test]
    fn a_slow_tick_pays_out_at_most_two_ticks() {
        let mut clock = running();
        clock.speed = SPEEDS.len() - 1;
        let t0 = Instant::now();
        clock.minutes_due(t0);
        let minutes = clock.minutes_due(t0 + Duration::from_secs(30));
        assert_eq!(minutes, 288, "30 s of a stalled frame count as 200 ms");
    }
}
