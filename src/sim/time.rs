//! Simulated time: spans written in scenario files, and the business-day calendar.
//!
//! Nothing here reads the wall clock. A moment is a `NaiveDateTime` in the platform's own
//! local time; the simulation never needs time zones.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

pub type Moment = NaiveDateTime;

/// The years a story's moments fall in: every date a scenario or an action file writes,
/// and every moment the clock is asked to go to.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;
/// The longest span a file may write, or the clock be moved by at once: ten years.
pub const LONGEST_SPAN_DAYS: i64 = 10 * 366;

/// Whether a moment falls in `YEARS`.
pub fn in_range(at: Moment) -> bool {
    YEARS.contains(&at.year())
}

/// A length of time as the rulebooks state it: "2 hours", "20 days", "3 business days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Minutes(i64),
    Hours(i64),
    Days(i64),
    BusinessDays(i64),
}

impl Span {
    /// A span of no time at all: in a policy, "this rule does not apply here".
    pub fn is_zero(self) -> bool {
        matches!(
            self,
            Span::Minutes(0) | Span::Hours(0) | Span::Days(0) | Span::BusinessDays(0)
        )
    }

    pub fn is_negative(self) -> bool {
        match self {
            Span::Minutes(n) | Span::Hours(n) | Span::Days(n) | Span::BusinessDays(n) => n < 0,
        }
    }

    /// The largest count of this span's unit that stays within ten years.
    pub fn longest(self) -> i64 {
        match self {
            Span::Minutes(_) => LONGEST_SPAN_DAYS * 24 * 60,
            Span::Hours(_) => LONGEST_SPAN_DAYS * 24,
            Span::Days(_) => LONGEST_SPAN_DAYS,
            Span::BusinessDays(_) => 10 * 262,
        }
    }

    pub fn count(self) -> i64 {
        match self {
            Span::Minutes(n) | Span::Hours(n) | Span::Days(n) | Span::BusinessDays(n) => n,
        }
    }

    /// Longer than ten years.
    pub fn is_too_long(self) -> bool {
        self.count() > self.longest()
    }

    /// Parses the short form used on the command line and in action files: `90m`, `2h`,
    /// `20d`, `3bd`, or a sum such as `1d2h`.
    pub fn parse_sum(text: &str) -> Result<Vec<Span>, String> {
        let mut spans = Vec::new();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err("an empty duration; write e.g. 2h, 30m, 5d or 3bd".into());
        }
        while !rest.is_empty() {
            let digits_end = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if digits_end == 0 {
                return Err(format!(
                    "`{text}` is not a duration; write e.g. 2h, 30m, 5d or 3bd"
                ));
            }
            let n: i64 = rest[..digits_end]
                .parse()
                .map_err(|_| format!("`{text}` has a number too large"))?;
            rest = &rest[digits_end..];
            let (span, used) = if rest.starts_with("bd") {
                (Span::BusinessDays(n), 2)
            } else if rest.starts_with('m') {
                (Span::Minutes(n), 1)
            } else if rest.starts_with('h') {
                (Span::Hours(n), 1)
            } else if rest.starts_with('d') {
                (Span::Days(n), 1)
            } else if rest.starts_with('w') {
                (Span::Days(n.saturating_mul(7)), 1)
            } else {
                const UNITS: &str =
                    "m (minutes), h (hours), d (days), w (weeks) or bd (business days)";
                return Err(match rest.chars().next() {
                    None => format!("`{text}` needs a unit after {n}: {UNITS}"),
                    Some(c) => {
                        format!("`{text}`: `{c}` after {n} is not a unit; the units are {UNITS}")
                    }
                });
            };
            spans.push(span);
            rest = &rest[used..];
        }
        Ok(spans)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn plural(n: i64, one: &str, many: &str) -> String {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        }
        let text = match *self {
            Span::Minutes(n) => plural(n, "minute", "minutes"),
            Span::Hours(n) => plural(n, "hour", "hours"),
            Span::Days(n) => plural(n, "day", "days"),
            Span::BusinessDays(n) => plural(n, "business day", "business days"),
        };
        f.pad(&text)
    }
}

/// Which days count as working days: the platform's weekend and public holidays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    #[serde(default = "default_weekend")]
    pub weekend: Vec<Weekday>,
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar {
            weekend: default_weekend(),
            holidays: Vec::new(),
        }
    }
}

impl Calendar {
    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        !self.weekend.contains(&day.weekday()) && !self.holidays.contains(&day)
    }

    /// The moment `span` after `from`. Business days keep the time of day and skip
    /// weekends and holidays: Friday 10:00 + 1 business day = Monday 10:00.
    pub fn add(&self, from: Moment, span: Span) -> Moment {
        // Spans are checked when a file is read; should one still be absurd, the clock
        // stops at the far end of time instead of panicking.
        let plus = |d: Option<Duration>| {
            d.and_then(|d| from.checked_add_signed(d))
                .unwrap_or(Moment::MAX)
        };
        match span {
            Span::Minutes(n) => plus(Duration::try_minutes(n)),
            Span::Hours(n) => plus(Duration::try_hours(n)),
            Span::Days(n) => plus(Duration::try_days(n)),
            Span::BusinessDays(n) => {
                let mut day = from.date();
                let mut left = n.max(0);
                // A calendar made only of holidays must not spin forever.
                let mut guard = 0;
                while left > 0 && guard < 100_000 {
                    day = day.succ_opt().unwrap_or(day);
                    if self.is_business_day(day) {
                        left -= 1;
                    }
                    guard += 1;
                }
                day.and_time(from.time())
            }
        }
    }

    pub fn add_all(&self, from: Moment, spans: &[Span]) -> Moment {
        spans.iter().fold(from, |at, span| self.add(at, *span))
    }

    /// Whole business days that have passed from `from` to `to` (same time of day counts).
    pub fn business_days_between(&self, from: Moment, to: Moment) -> i64 {
        let mut count = 0;
        let mut at = from;
        loop {
            let next = self.add(at, Span::BusinessDays(1));
            if next > to || count > 100_000 {
                return count;
            }
            count += 1;
            at = next;
        }
    }
}

/// How a moment is shown everywhere: in the log, in refusals, in the UI.
pub fn show(at: Moment) -> String {
    at.format("%a %Y-%m-%d %H:%M").to_string()
}

/// Just the time of day when the date is obvious from context.
pub fn show_short(at: Moment, now: Moment) -> String {
    if at.date() == now.date() {
        at.format("%H:%M").to_string()
    } else {
        at.format("%a %d %b %H:%M").to_string()
    }
}

/// Reads a moment written as `2026-03-02T10:00`, `2026-03-02T10:00:00` or `2026-03-02 10:00`.
///
/// A date alone is refused, not taken for midnight: where a file wants a moment (a start,
/// an order's times, an event, a coupon's expiry, an action), a missing time is more often
/// forgotten than meant, and midnight would move the story by hours without a word.
pub fn parse_moment(text: &str) -> Result<Moment, String> {
    let text = text.trim();
    // The form every scenario uses, read digit by digit: large stories hold hundreds of
    // thousands of them, and the general formats below are many times slower.
    if let Some(at) = parse_minute_stamp(text) {
        return Ok(at);
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(at);
        }
    }
    if NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() {
        return Err(format!(
            "`{text}` is a date without a time: write \"{text}T00:00\" or the time you mean"
        ));
    }
    Err(format!(
        "`{text}` is not a date and time; write it like \"2026-03-02T10:00\""
    ))
}

/// "YYYY-MM-DDTHH:MM" exactly, or `None` for anything else (the slow path decides then).
fn parse_minute_stamp(text: &str) -> Option<Moment> {
    let b = text.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)?.and_hms_opt(
        number(11..13)?,
        number(14..16)?,
        0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_reading_agrees_with_the_general_one() {
        for text in [
            "2026-03-02T10:00",
            "1999-12-31T23:59",
            "2026-02-29T10:00",
            "2026-13-01T10:00",
            "2026-03-02T24:00",
            "2026-03-02T1a:00",
        ] {
            let general = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok();
            assert_eq!(parse_minute_stamp(text), general, "{text}");
        }
    }

    fn at(text: &str) -> Moment {
        parse_moment(text).unwrap()
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let mut calendar = Calendar::default();
        // 2026-03-06 is a Friday.
        assert_eq!(
            calendar.add(at("2026-03-06T10:00"), Span::BusinessDays(1)),
            at("2026-03-09T10:00")
        );
        calendar
            .holidays
            .push(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
        assert_eq!(
            calendar.add(at("2026-03-06T10:00"), Span::BusinessDays(1)),
            at("2026-03-10T10:00")
        );
        assert_eq!(
            calendar.business_days_between(at("2026-03-06T10:00"), at("2026-03-10T10:00")),
            1
        );
    }

    #[test]
    fn a_date_alone_is_not_a_moment() {
        assert_eq!(
            parse_moment("2026-03-02"),
            Err("`2026-03-02` is a date without a time: write \"2026-03-02T00:00\" or the time you mean".into())
        );
        assert_eq!(
            parse_moment("2026-03-02 10:00"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 2)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap())
        );
    }

    #[test]
    fn short_durations_parse() {
        assert_eq!(
            Span::parse_sum("1d2h").unwrap(),
            vec![Span::Days(1), Span::Hours(2)]
        );
        assert_eq!(Span::parse_sum("3bd").unwrap(), vec![Span::BusinessDays(3)]);
        assert!(Span::parse_sum("2x").is_err());
    }
}
