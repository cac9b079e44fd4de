//! How fast simulated time runs while the trainee watches. The core only knows "advance
//! by"; turning real seconds into simulated minutes is the UI's business.

use std::time::Duration;

/// Simulated minutes per real second, slowest first.
pub const SPEEDS: [(i64, &str); 5] = [
    (1, "1 min/s"),
    (10, "10 min/s"),
    (60, "1 h/s"),
    (360, "6 h/s"),
    (1440, "1 day/s"),
];

#[derive(Debug, Clone)]
pub struct ClockControl {
    pub paused: bool,
    pub speed: usize,
    /// Thousandths of a simulated minute not yet added to the clock.
    carry_ms: u128,
}

impl Default for ClockControl {
    fn default() -> Self {
        ClockControl {
            paused: true,
            speed: 2,
            carry_ms: 0,
        }
    }
}

impl ClockControl {
    pub fn label(&self) -> &'static str {
        SPEEDS[self.speed].1
    }

    pub fn faster(&mut self) {
        self.speed = (self.speed + 1).min(SPEEDS.len() - 1);
    }

    pub fn slower(&mut self) {
        self.speed = self.speed.saturating_sub(1);
    }

    /// Whole simulated minutes that `real` seconds are worth at this speed.
    pub fn minutes_for(&mut self, real: Duration) -> i64 {
        if self.paused {
            return 0;
        }
        let per_second = SPEEDS[self.speed].0 as u128;
        // Count in thousandths of a simulated minute so slow speeds still add up.
        let total = self.carry_ms + real.as_millis() * per_second;
        let minutes = total / 1000;
        self.carry_ms = total % 1000;
        minutes as i64
    }

    /// How long to wait for input before the next clock step (none when paused).
    pub fn tick(&self) -> Option<Duration> {
        (!self.paused).then_some(Duration::from_millis(100))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paused_clock_does_not_move() {
        let mut clock = ClockControl::default();
        assert_eq!(clock.minutes_for(Duration::from_secs(10)), 0);
    }

    #[test]
    fn speed_turns_seconds_into_minutes() {
        let mut clock = ClockControl {
            paused: false,
            ..ClockControl::default()
        };
        assert_eq!(clock.minutes_for(Duration::from_secs(2)), 120);
        clock.speed = 0;
        assert_eq!(clock.minutes_for(Duration::from_millis(500)), 0);
        assert_eq!(clock.minutes_for(Duration::from_millis(500)), 1);
    }
}
