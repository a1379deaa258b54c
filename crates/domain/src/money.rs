//! Money, exactly: whole pence in an `i64`, never floating point.

use std::fmt;

use crate::Invalid;

/// An amount of money in pence. Shown as `£1,234.50`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pence(pub i64);

/// The most a typed amount may be: ten million pounds, far above any
/// budget for paying people, and far below where `i64` could overflow.
const MAX_PENCE: i64 = 1_000_000_000;

impl Pence {
    /// Reads an amount of pounds as people type it: `1234`, `1,234.50`,
    /// `£1234.5`. Refuses negative amounts, more than two decimal places,
    /// and anything that is not a number.
    pub fn parse_pounds(input: &str, what: &str) -> Result<Pence, Invalid> {
        let text = input.trim().trim_start_matches('£').trim().replace(',', "");
        if text.is_empty() {
            return Err(Invalid::new(format!("Enter {what}")));
        }
        if text.starts_with('-') {
            return Err(Invalid::new(format!(
                "{} must be £0 or more",
                capital(what)
            )));
        }
        let (pounds, pennies) = match text.split_once('.') {
            Some((pounds, pennies)) => (pounds, pennies),
            None => (text.as_str(), ""),
        };
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !digits(pounds) || !digits(pennies) || (pounds.is_empty() && pennies.is_empty()) {
            return Err(Invalid::new(format!(
                "{} must be an amount of money, like 1250 or 1,250.50",
                capital(what)
            )));
        }
        if pennies.len() > 2 {
            return Err(Invalid::new(format!(
                "{} must have no more than 2 numbers after the point",
                capital(what)
            )));
        }
        if pounds.len() > 9 {
            return Err(Invalid::new(format!(
                "{} must be £10,000,000 or less",
                capital(what)
            )));
        }
        let whole: i64 = if pounds.is_empty() {
            0
        } else {
            pounds.parse().map_err(|_| Invalid::new("Enter a number"))?
        };
        let part: i64 = match pennies.len() {
            0 => 0,
            1 => {
                pennies
                    .parse::<i64>()
                    .map_err(|_| Invalid::new("Enter a number"))?
                    * 10
            }
            _ => pennies
                .parse()
                .map_err(|_| Invalid::new("Enter a number"))?,
        };
        let total = whole * 100 + part;
        if total > MAX_PENCE {
            return Err(Invalid::new(format!(
                "{} must be £10,000,000 or less",
                capital(what)
            )));
        }
        Ok(Pence(total))
    }

    /// The amount as typed into a form again: `1234.50`.
    pub fn to_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let pence = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", pence / 100, pence % 100)
    }
}

fn capital(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl fmt::Display for Pence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let pence = self.0.unsigned_abs();
        let pounds = (pence / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in pounds.chars().enumerate() {
            if i > 0 && (pounds.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        write!(f, "{sign}£{grouped}.{:02}", pence % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<i64, &str>) {
        let got = Pence::parse_pounds(input, "the budget")
            .map(|p| p.0)
            .map_err(|e| e.message);
        assert_eq!(got, expected.map_err(str::to_owned), "parsing {input:?}");
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        check("1234", Ok(123_400));
        check("£1,234.50", Ok(123_450));
        check(" 1234.5 ", Ok(123_450));
        check("0.07", Ok(7));
        check(".5", Ok(50));
        check("0", Ok(0));
        check("", Err("Enter the budget"));
        check("-5", Err("The budget must be £0 or more"));
        check(
            "12.345",
            Err("The budget must have no more than 2 numbers after the point"),
        );
        check(
            "ten pounds",
            Err("The budget must be an amount of money, like 1250 or 1,250.50"),
        );
        check(
            "1e5",
            Err("The budget must be an amount of money, like 1250 or 1,250.50"),
        );
        check("99999999999", Err("The budget must be £10,000,000 or less"));
    }

    #[test]
    fn amounts_show_in_pounds_with_commas() {
        assert_eq!(Pence(123_450).to_string(), "£1,234.50");
        assert_eq!(Pence(5).to_string(), "£0.05");
        assert_eq!(Pence(100_000_000).to_string(), "£1,000,000.00");
        assert_eq!(Pence(-250).to_string(), "-£2.50");
        assert_eq!(Pence(123_450).to_plain(), "1234.50");
        assert_eq!(Pence(-50).to_plain(), "-0.50");
    }
}
