//! Money as whole cents, so that sums and refunds never drift the way floats do.
//!
//! Scenario files write amounts as strings ("24.90") or numbers (24.9, 25); both are read
//! exactly to the cent. A negative amount parses, so that validation can report it with
//! every other problem in the file instead of stopping at the first.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub, SubAssign};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

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
    pub fn share(self, part: Money, whole: Money) -> Money {
        if whole.0 == 0 {
            return Money::ZERO;
        }
        Money(((self.0 as i128 * part.0 as i128) / whole.0 as i128) as i64)
    }

    /// `percent` given in hundredths of a percent (e.g. 651 = 6.51 %).
    pub fn percent_bp(self, basis_points: i64) -> Money {
        Money(((self.0 as i128 * basis_points as i128) / 10_000) as i64)
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
        let valid_fraction = fraction.len() <= 2 && fraction.chars().all(|c| c.is_ascii_digit());
        if !valid_whole || !valid_fraction {
            return Err(format!(
                "`{text}` is not an amount of money; write it like \"24.90\""
            ));
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

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let text = format!("{sign}${}.{:02}", abs / 100, abs % 100);
        f.pad(&text)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
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
                Ok(Money((v * 100.0).round() as i64))
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
        assert!(Money::parse("1.234").is_err());
        assert!(Money::parse("abc").is_err());
    }

    #[test]
    fn share_rounds_down() {
        assert_eq!(Money(500).share(Money(1000), Money(3000)), Money(166));
    }
}
