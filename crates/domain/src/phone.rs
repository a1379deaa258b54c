//! UK phone numbers, as people write them.
//!
//! [`Phone::parse`] takes a number in any of the ways people write one in a
//! form or a spreadsheet (spaces, dashes, dots, brackets, `+44`, `0044`,
//! `+44 (0)`) and keeps it in one national form, so two ways of writing the
//! same number give equal `Phone` values and duplicates can be found by
//! comparing them.
//!
//! # The national form
//!
//! The digits are grouped the way numbers are usually printed in the UK:
//!
//! | kind of number                         | example          | groups  |
//! | -------------------------------------- | ---------------- | ------- |
//! | mobiles and other `07`                 | `07700 900123`   | 5 6     |
//! | London and other `02`                  | `020 7946 0000`  | 3 4 4   |
//! | cities with `011x` or `01x1` codes     | `0161 496 0000`  | 4 3 4   |
//! | other `01` numbers, 11 digits          | `01632 960001`   | 5 6     |
//! | other `01` numbers, 10 digits          | `01632 96000`    | 5 5     |
//! | `03`, `08` and `09`, 11 digits         | `0300 123 4567`  | 4 3 4   |
//! | `0800` with 10 digits (some freephone) | `0800 123456`    | 4 6     |
//! | `05`                                   | `056 1234 5678`  | 3 4 4   |
//!
//! The grouping depends only on the digits, so it is the same every time.
//! It is not exact for every area code (a few places such as Sedbergh use
//! longer codes), but it is always readable and never changes the digits.
//!
//! # Numbers a spreadsheet has changed
//!
//! Excel drops the leading 0 when a phone number is stored as a number, so
//! `07700 900123` comes out as `7700900123`. A bare 10-digit number that
//! starts with 1, 2, 3 or 7 is taken to be such a number and gets its 0
//! back. `447700900123` (the country code without its `+`) is accepted too.
//!
//! Only UK numbers are accepted: a `+` or `00` followed by any country code
//! other than 44 is refused, as are letters (so extensions such as
//! "ext 123" need to go somewhere else, such as notes).

use std::fmt;

use crate::Invalid;

const EMPTY: &str = "Enter a phone number";
const NOT_UK: &str = "Enter a UK phone number, like 07700 900123 or 0161 496 0000";

/// A UK phone number in its national form, such as `07700 900123`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phone(String);

impl Phone {
    /// Reads a UK phone number written in any common way.
    ///
    /// # Errors
    ///
    /// Returns a message for the person who typed it when the text is
    /// empty, has letters, or is not a UK number of the right length.
    pub fn parse(input: &str) -> Result<Phone, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Invalid::new(EMPTY));
        }
        let national = national_digits(input).ok_or_else(|| Invalid::new(NOT_UK))?;
        if !is_valid_national(&national) {
            return Err(Invalid::new(NOT_UK));
        }
        Ok(Phone(group(&national)))
    }

    /// The number as it should be shown, such as `07700 900123`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The national digits only, such as `07700900123`: what to compare or
    /// search on.
    pub fn digits(&self) -> String {
        self.0.chars().filter(char::is_ascii_digit).collect()
    }

    /// Whether this is a mobile number (`071` to `075` and `077` to `079`).
    pub fn is_mobile(&self) -> bool {
        let digits = self.digits();
        digits.starts_with("07") && !digits.starts_with("070") && !digits.starts_with("076")
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Turns what someone wrote into national digits starting with 0, or
/// `None` when it has characters a phone number cannot have or is from
/// another country.
fn national_digits(input: &str) -> Option<String> {
    let mut digits = String::with_capacity(input.len());
    let mut plus = false;
    for (i, c) in input.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '\u{a0}' | '\t' | '-' | '\u{2013}' | '.' | '/' | '(' | ')' => {}
            _ => return None,
        }
    }
    // A written-out international prefix: "+44", "0044", or "44" followed by
    // a full national number without its 0 (what Excel leaves of
    // "+447700900123").
    let after_country_code = if plus {
        Some(digits.strip_prefix("44")?)
    } else if let Some(rest) = digits.strip_prefix("0044") {
        Some(rest)
    } else if digits.starts_with("00") {
        // Another country's international prefix.
        return None;
    } else if digits.len() == 12 && digits.starts_with("44") {
        Some(&digits[2..])
    } else {
        None
    };
    if let Some(rest) = after_country_code {
        // "+44 (0)20 ..." and "+44 020 ..." both keep their trunk 0 once.
        let rest = rest.strip_prefix('0').unwrap_or(rest);
        return Some(format!("0{rest}"));
    }
    if digits.len() == 10 && digits.starts_with(['1', '2', '3', '7']) {
        // A number whose leading 0 a spreadsheet dropped.
        return Some(format!("0{digits}"));
    }
    Some(digits)
}

/// Whether national digits (starting with 0) have a length that the UK
/// numbering plan uses for their kind of number.
fn is_valid_national(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    if bytes.first() != Some(&b'0') {
        return false;
    }
    match (bytes.get(1), bytes.len()) {
        (Some(b'1' | b'2' | b'3' | b'5' | b'7' | b'8' | b'9'), 11) => true,
        // Some areas with five-digit codes have five-digit local numbers,
        // but the big cities (011x, 01x1) always have seven.
        (Some(b'1'), 10) => !has_four_digit_area_code(digits),
        // Some freephone numbers are 0800 and six digits.
        (Some(b'8'), 10) => digits.starts_with("0800"),
        _ => false,
    }
}

/// Whether a number starting 01 has one of the big cities' codes, 011x or
/// 01x1 (such as 0113 for Leeds or 0161 for Manchester).
fn has_four_digit_area_code(digits: &str) -> bool {
    matches!(
        digits.as_bytes(),
        [b'0', b'1', b'1', ..] | [b'0', b'1', _, b'1', ..]
    )
}

/// Groups valid national digits for reading (see the module's table).
fn group(digits: &str) -> String {
    let sizes: &[usize] = match digits.as_bytes() {
        [b'0', b'2', ..] | [b'0', b'5', ..] => &[3, 4, 4],
        [b'0', b'7', ..] => &[5, 6],
        [b'0', b'1', ..] if has_four_digit_area_code(digits) => &[4, 3, 4],
        [b'0', b'1', ..] if digits.len() == 11 => &[5, 6],
        [b'0', b'1', ..] => &[5, 5],
        _ if digits.len() == 10 => &[4, 6],
        _ => &[4, 3, 4],
    };
    let mut out = String::with_capacity(digits.len() + sizes.len());
    let mut start = 0;
    for size in sizes {
        if start > 0 {
            out.push(' ');
        }
        let end = (start + size).min(digits.len());
        out.push_str(&digits[start..end]);
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expected: Result<&str, &str>) {
        let got = Phone::parse(input);
        match expected {
            Ok(want) => {
                let phone = got.unwrap_or_else(|e| panic!("{input:?} was refused: {e}"));
                assert_eq!(phone.as_str(), want, "input {input:?}");
            }
            Err(want) => match got {
                Ok(phone) => panic!("{input:?} was accepted as {phone}"),
                Err(e) => assert_eq!(e.message, want, "input {input:?}"),
            },
        }
    }

    #[test]
    fn accepts_the_ways_people_write_uk_numbers() {
        let cases = [
            ("07700 900123", "07700 900123"),
            ("07700900123", "07700 900123"),
            ("+44 7700 900123", "07700 900123"),
            ("+447700900123", "07700 900123"),
            ("0044 7700 900 123", "07700 900123"),
            ("+44 (0)7700 900123", "07700 900123"),
            ("+44 07700 900123", "07700 900123"),
            ("07700-900-123", "07700 900123"),
            ("07700.900.123", "07700 900123"),
            ("  07700 900 123  ", "07700 900123"),
            ("(07700) 900123", "07700 900123"),
            ("(01632) 960 001", "01632 960001"),
            ("01632960001", "01632 960001"),
            ("01632 960001", "01632 960001"),
            ("0161 496 0000", "0161 496 0000"),
            ("01614960000", "0161 496 0000"),
            ("0113 496 0000", "0113 496 0000"),
            ("0121 496 0000", "0121 496 0000"),
            ("020 7946 0000", "020 7946 0000"),
            ("02079460000", "020 7946 0000"),
            ("+44 (0)20 7946 0000", "020 7946 0000"),
            ("+44 20 7946 0000", "020 7946 0000"),
            ("029 2018 0000", "029 2018 0000"),
            ("028 9018 0000", "028 9018 0000"),
            ("0300 123 4567", "0300 123 4567"),
            ("03001234567", "0300 123 4567"),
            ("0800 123 4567", "0800 123 4567"),
            ("0800 123456", "0800 123456"),
            ("0808 157 0000", "0808 157 0000"),
            ("01204 12345", "01204 12345"),
            ("056 1234 5678", "056 1234 5678"),
            ("07700\u{a0}900123", "07700 900123"),
            ("07700 – 900123", "07700 900123"),
            ("0161/496/0000", "0161 496 0000"),
        ];
        for (input, want) in cases {
            check(input, Ok(want));
        }
    }

    #[test]
    fn restores_the_zero_a_spreadsheet_dropped() {
        let cases = [
            ("7700900123", "07700 900123"),
            ("1614960000", "0161 496 0000"),
            ("1632960001", "01632 960001"),
            ("2079460000", "020 7946 0000"),
            ("3001234567", "0300 123 4567"),
            ("447700900123", "07700 900123"),
            ("441614960000", "0161 496 0000"),
        ];
        for (input, want) in cases {
            check(input, Ok(want));
        }
    }

    #[test]
    fn refuses_what_is_not_a_uk_number() {
        let cases = [
            ("", EMPTY),
            ("   ", EMPTY),
            ("none", NOT_UK),
            ("07700 9OO123", NOT_UK),
            ("0161 496 0000 ext 12", NOT_UK),
            ("07700 90012", NOT_UK),
            ("07700 9001234", NOT_UK),
            ("0161 496 000", NOT_UK),
            ("020 7946 000", NOT_UK),
            ("123", NOT_UK),
            ("999", NOT_UK),
            ("0808 123456", NOT_UK),
            ("0113 496 000", NOT_UK),
            ("+1 202 555 0123", NOT_UK),
            ("001 202 555 0123", NOT_UK),
            ("+33 1 23 45 67 89", NOT_UK),
            ("+44", NOT_UK),
            ("0044", NOT_UK),
            ("04123 456789", NOT_UK),
            ("06123 456789", NOT_UK),
            ("7700 900123 07700", NOT_UK),
            ("07700+900123", NOT_UK),
            ("5551234567", NOT_UK),
            ("07700 900123, 07700 900456", NOT_UK),
            ("7.7009E+09", NOT_UK),
        ];
        for (input, want) in cases {
            check(input, Err(want));
        }
    }

    #[test]
    fn equal_numbers_are_equal_values() {
        let ways = [
            "07700 900123",
            "+44 7700 900 123",
            "7700900123",
            "07700-900-123",
        ];
        let phones: Vec<Phone> = ways
            .iter()
            .map(|w| Phone::parse(w).expect("each way is a valid number"))
            .collect();
        for phone in &phones {
            assert_eq!(phone, &phones[0]);
        }
        assert_eq!(phones[0].digits(), "07700900123");
        assert_eq!(phones[0].to_string(), "07700 900123");
    }

    #[test]
    fn knows_mobiles() {
        let mobile = Phone::parse("07700 900123").expect("valid mobile");
        let landline = Phone::parse("0161 496 0000").expect("valid landline");
        let personal = Phone::parse("07000 123456").expect("valid personal number");
        assert!(mobile.is_mobile());
        assert!(!landline.is_mobile());
        assert!(!personal.is_mobile());
    }
}
