//! Money as whole cents, so that sums and refunds never drift the way floats do.
//!
//! Scenario files write amounts as strings ("24.90") or numbers (24.9, 25); both are read
//! exactly to the cent, and both are refused with the same words when they hold more than
//! cents ("49.999"): rounding would change an amount the author wrote without saying so. A
//! negative amount parses, so that validation can report it with every other problem in
//! the file instead of stopping at the first.
//!
//! Nothing wraps. Every amount a scenario writes, and every order, is at most `Money::MAX`:
//! the loader and the simulation refuse what would go past it, and combine amounts with
//! `checked_*` where a trainee's choices decide how large they get. The operators stay for
//! the sums those bounds keep small; should one still go past the limit it stays at the
//! limit, and never wraps round or stops the program.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Mul, Sub, SubAssign};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);
    /// The most one amount in a scenario, and one order, may come to: $1,000,000.00.
    pub const MAX: Money = Money(100_000_000);

    pub fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The amount as bonus points: one point to the cent, in thousands ("3,490 points").
    pub fn as_points(self) -> String {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        let unit = if self.0.abs() == 1 { "point" } else { "points" };
        format!("{sign}{grouped} {unit}")
    }

    /// A share of this amount in proportion `part / whole`, rounded down to the cent.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// This amount `times` times, e.g. a unit price by a quantity.
    pub fn checked_times(self, times: u32) -> Option<Money> {
        self.0.checked_mul(i64::from(times)).map(Money)
    }

    /// The sum of `amounts`, or `None` if it would not fit.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |sum, m| sum.checked_add(m))
    }

    /// A share of this amount in proportion `part / whole`, rounded down to the cent. Every
    /// caller asks for a part no larger than the whole, so the share is no larger than this
    /// amount; a larger one is held at the ends of the range rather than wrapped.
    pub fn share(self, part: Money, whole: Money) -> Money {
        if whole.0 == 0 {
            return Money::ZERO;
        }
        Money(clamp_cents(
            (self.0 as i128 * part.0 as i128) / whole.0 as i128,
        ))
    }

    /// `percent` given in hundredths of a percent (e.g. 651 = 6.51 %).
    pub fn percent_bp(self, basis_points: i64) -> Money {
        Money(clamp_cents(
            (self.0 as i128 * basis_points as i128) / 10_000,
        ))
    }

    pub fn parse(text: &str) -> Result<Money, String> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let digits = digits.strip_prefix('$').unwrap_or(digits);
        let (whole, fraction) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let valid_whole = !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit());
        let valid_fraction = fraction.chars().all(|c| c.is_ascii_digit());
        if !valid_whole || !valid_fraction {
            return Err(format!(
                "`{text}` is not an amount of money; write it like \"24.90\""
            ));
        }
        if fraction.len() > 2 {
            return Err(more_than_cents(text, negative, whole, fraction));
        }
        let whole: i64 = whole
            .parse()
            .map_err(|_| format!("`{text}` is too large an amount"))?;
        let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        let total = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(cents))
            .ok_or_else(|| format!("`{text}` is too large an amount"))?;
        Ok(Money(if negative { -total } else { total }))
    }
}

/// Why an amount with more than two decimals is refused, with the two amounts in cents
/// either side of it to choose from: `49.999` → "write 49.99 or 50.00".
fn more_than_cents(text: &str, negative: bool, whole: &str, fraction: &str) -> String {
    let sign = if negative { "-" } else { "" };
    let cents = &fraction[..2];
    let below = format!("{sign}{whole}.{cents}");
    // The amount a cent further from zero, carried through the digits by hand so that a
    // whole part of any length gets it right.
    let mut digits: Vec<u8> = format!("{whole}{cents}").into_bytes();
    let mut i = digits.len();
    loop {
        if i == 0 {
            digits.insert(0, b'1');
            break;
        }
        i -= 1;
        if digits[i] == b'9' {
            digits[i] = b'0';
        } else {
            digits[i] += 1;
            break;
        }
    }
    let digits = String::from_utf8(digits).unwrap_or_default();
    let (up_whole, up_cents) = digits.split_at(digits.len() - 2);
    let above = format!("{sign}{up_whole}.{up_cents}");
    let shown: String = if text.chars().count() > 40 {
        text.chars().take(39).chain(['…']).collect()
    } else {
        text.to_owned()
    };
    format!("`{shown}` has more than two decimals: write {below} or {above}")
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let text = format!("{sign}${}.{:02}", abs / 100, abs % 100);
        f.pad(&text)
    }
}

fn clamp_cents(cents: i128) -> i64 {
    i64::try_from(cents).unwrap_or(if cents < 0 { i64::MIN } else { i64::MAX })
}

// The operators saturate. Every amount a file or a trainee can bring is bounded far below
// the limits of `i64` (an order at most $1,000,000.00, a cart line 1,000 pieces), so they
// never reach them; should a bound be missed, an amount stuck at the limit shows on the
// screen, where the money invariant's tests find it, instead of a room's demo crashing or
// an amount wrapping round to its opposite.

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Mul<u32> for Money {
    type Output = Money;
    fn mul(self, times: u32) -> Money {
        Money(self.0.saturating_mul(i64::from(times)))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        serializer.serialize_str(&format!("{sign}{}.{:02}", abs / 100, abs % 100))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount of money such as \"24.90\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                Money::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                v.checked_mul(100)
                    .map(Money)
                    .ok_or_else(|| E::custom("amount too large"))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(100))
                    .map(Money)
                    .ok_or_else(|| E::custom("amount too large"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                if !v.is_finite() || v.abs() > 1e13 {
                    return Err(E::custom("amount out of range"));
                }
                // The shortest decimal that reads back as `v` is what the author wrote
                // (49.999, not 49.99899…): read it as text, so a third decimal is refused
                // here as it is in quotes instead of being rounded away.
                Money::parse(&v.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_cents_exactly() {
        assert_eq!(Money::parse("24.90").unwrap(), Money(2490));
        assert_eq!(Money::parse("3").unwrap(), Money(300));
        assert_eq!(Money::parse("-1.5").unwrap(), Money(-150));
        assert_eq!(Money(2490).to_string(), "$24.90");
        assert_eq!(Money(-5).to_string(), "-$0.05");
        assert!(Money::parse("abc").is_err());
    }

    #[test]
    fn more_than_cents_is_refused_with_the_cents_either_side() {
        let refused = |text: &str| Money::parse(text).unwrap_err();
        assert_eq!(
            refused("49.999"),
            "`49.999` has more than two decimals: write 49.99 or 50.00"
        );
        assert_eq!(
            refused("1.234"),
            "`1.234` has more than two decimals: write 1.23 or 1.24"
        );
        assert_eq!(
            refused("-0.005"),
            "`-0.005` has more than two decimals: write -0.00 or -0.01"
        );
        assert_eq!(
            refused("999.9999"),
            "`999.9999` has more than two decimals: write 999.99 or 1000.00"
        );
    }

    #[test]
    fn numbers_without_quotes_read_like_text() {
        let read = |text: &str| ron::from_str::<Money>(text);
        assert_eq!(read("24.9").unwrap(), Money(2490));
        assert_eq!(read("24.5").unwrap(), Money(2450));
        assert_eq!(read("0.1").unwrap(), Money(10));
        assert_eq!(read("25").unwrap(), Money(2500));
        let error = read("49.999").unwrap_err().to_string();
        assert!(error.contains("write 49.99 or 50.00"), "{error}");
    }

    #[test]
    fn share_rounds_down() {
        assert_eq!(Money(500).share(Money(1000), Money(3000)), Money(166));
    }

    #[test]
    fn checked_operations_refuse_what_does_not_fit() {
        let big = Money(i64::MAX / 2 + 1);
        assert_eq!(big.checked_add(big), None);
        assert_eq!(
            Money(-big.0).checked_sub(big.checked_add(Money(1)).unwrap()),
            None
        );
        assert_eq!(
            Money::MAX.checked_times(4_294_967_295),
            Some(Money(429_496_729_500_000_000))
        );
        assert_eq!(Money(i64::MAX).checked_times(2), None);
        assert_eq!(
            Money::checked_sum([Money::MAX; 44]),
            Some(Money(4_400_000_000))
        );
        assert_eq!(Money::checked_sum([big, big]), None);
        assert_eq!(Money(i64::MAX).share(Money(3), Money(1)), Money(i64::MAX));
    }

    #[test]
    fn an_operator_never_wraps() {
        assert_eq!(Money(i64::MAX) + Money(1), Money(i64::MAX));
        assert_eq!(Money(i64::MIN) - Money(1), Money(i64::MIN));
        assert_eq!(Money(i64::MAX) * 2, Money(i64::MAX));
        assert_eq!(Money(-i64::MAX) * 2, Money(i64::MIN));
    }
}
