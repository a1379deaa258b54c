//! Calendar dates, as people in the UK write them.
//!
//! [`parse_uk_date`] reads one piece of text such as `31/01/2025`,
//! `31 Jan 2025` or `2025-01-31` (a spreadsheet cell, say).
//! [`from_parts`] and [`from_parts_for`] read the three boxes of the GOV.UK
//! date input pattern and answer with that pattern's error messages.
//!
//! A [`Date`] has no time or time zone: it is the day someone joined, or
//! the day they last took part.

use std::fmt;

use crate::Invalid;

const FORMAT: &str = "Enter a date like 31/01/2025";
const NOT_REAL: &str = "Enter a real date, like 31/01/2025";
const DAY_FIRST: &str = "Enter the day before the month, like 31/01/2025";

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day in the calendar (the proleptic Gregorian calendar, years 1000 to
/// 9999). Dates order from earliest to latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // In this order so that the derived ordering is the calendar's.
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date with this year, month (1 to 12) and day, or `None` if there
    /// is no such day (such as 31 February) or the year is not between
    /// 1000 and 9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let real = (1000..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        real.then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 for January to 12 for December.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The month's name, such as "January".
    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month - 1)]
    }

    /// `31/01/2025`: the form spreadsheets and CSV files use.
    pub fn to_numeric(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// `2025-01-31`: for storing and for machines.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1 January 1970 (negative before it): for storing as a
    /// number and for counting the days between two dates.
    pub fn days_since_1970(self) -> i64 {
        // Howard Hinnant's days_from_civil, with years starting in March so
        // that leap days fall at the end of a year.
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date a number of days after 1 January 1970 (before it, if
    /// negative), or `None` outside the years 1000 to 9999.
    pub fn from_days_since_1970(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

/// `31 January 2025`, the way GOV.UK writes dates in pages.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.day, self.month_name(), self.year)
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads a date written the way people in the UK write one, day first.
///
/// Accepted forms:
///
/// - numbers, day then month then year, separated by `/`, `-`, `.` or
///   spaces: `31/01/2025`, `31/1/25`, `31-01-2025`, `31.01.2025`;
/// - ISO order, year first: `2025-01-31`, `2025/01/31`;
/// - with the month in words, full or short: `31 Jan 2025`,
///   `31 January 2025`, `31st January 2025`, `31st of January 2025`,
///   `31-Jan-25` (Excel's own style);
/// - any of these followed by a time, as spreadsheets often export dates
///   (`31/01/2025 00:00`, `2025-01-31T00:00:00`): the time is ignored.
///
/// Month-first dates (`01/31/2025`, `January 31 2025`) are refused rather
/// than guessed at.
///
/// **Two-digit years** follow the rule Excel and Google Sheets use when
/// someone types one: `00` to `29` are 2000 to 2029, and `30` to `99` are
/// 1930 to 1999. So a date means what it meant in the spreadsheet it came
/// from.
///
/// This only checks that the date is real. Whether it may be in the future,
/// or how long ago it may be, is for the caller to decide.
///
/// # Errors
///
/// "Enter a date like 31/01/2025" for text that is not a date, "Enter a
/// real date, like 31/01/2025" for a day that does not exist (31/02/2025),
/// and "Enter the day before the month, like 31/01/2025" when the numbers
/// only make sense month first (01/31/2025).
pub fn parse_uk_date(input: &str) -> Result<Date, Invalid> {
    let text = without_time(input.trim());
    let tokens: Vec<&str> = text
        .split([' ', '/', '-', '.', ',', '\t', '\u{a0}'])
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("of"))
        .collect();
    let [first, second, third] = tokens[..] else {
        return Err(Invalid::new(FORMAT));
    };

    let (year, month, day) = if is_digits(first, 4..=4) {
        // Year first, as in ISO 8601: only with the month as a number.
        if !is_digits(second, 1..=2) || !is_digits(third, 1..=2) {
            return Err(Invalid::new(FORMAT));
        }
        (number(first), number(second), number(third))
    } else {
        let day = day_number(first).ok_or_else(|| Invalid::new(FORMAT))?;
        let month = if is_digits(second, 1..=2) {
            number(second)
        } else {
            month_from_name(second).ok_or_else(|| Invalid::new(FORMAT))?
        };
        let year = if is_digits(third, 4..=4) {
            number(third)
        } else if is_digits(third, 2..=2) {
            widen_two_digit_year(number(third))
        } else {
            return Err(Invalid::new(FORMAT));
        };
        (year, month, day)
    };

    make_date(year, month, day).ok_or_else(|| {
        if month > 12 && (1..=12).contains(&day) {
            Invalid::new(DAY_FIRST)
        } else {
            Invalid::new(NOT_REAL)
        }
    })
}

/// Drops a time of day after a date: `31/01/2025 14:30`,
/// `2025-01-31T00:00:00`, `2025-01-31 00:00:00.000`.
fn without_time(text: &str) -> &str {
    if let Some((date, time)) = text.split_once('T')
        && looks_like_time(time)
    {
        return date;
    }
    if let Some((date, time)) = text.rsplit_once(' ')
        && looks_like_time(time)
    {
        return date.trim_end();
    }
    text
}

fn looks_like_time(text: &str) -> bool {
    let text = text.trim_end_matches('Z');
    text.contains(':')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

fn is_digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// The value of at most four ASCII digits (checked by the caller).
fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(0)
}

/// A day number with an optional ordinal ending: `1`, `01`, `1st`, `22nd`.
fn day_number(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    is_digits(digits, 1..=2).then(|| number(digits))
}

/// 1 to 12 for a month's full name or its usual short forms ("Jan",
/// "Sept"), in any case.
fn month_from_name(text: &str) -> Option<u32> {
    let lower = text.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTH_NAMES.iter().zip(1..).find_map(|(name, n)| {
        let name = name.to_ascii_lowercase();
        (lower == name || lower == name[..3]).then_some(n)
    })
}

/// Excel's window for two-digit years: 00-29 are 2000-2029, 30-99 are
/// 1930-1999.
fn widen_two_digit_year(year: u32) -> u32 {
    if year < 30 { 2000 + year } else { 1900 + year }
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::new(
        i32::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// What was wrong with the three boxes of a GOV.UK date input, and which
/// boxes to highlight.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DateInputError {
    pub message: String,
    pub day: bool,
    pub month: bool,
    pub year: bool,
}

impl From<DateInputError> for Invalid {
    fn from(error: DateInputError) -> Self {
        Invalid::new(error.message)
    }
}

/// Reads the day, month and year boxes of a GOV.UK date input, with that
/// pattern's messages about "Date": "Enter a date", "Date must include a
/// month", "Date must be a real date" and "Year must include 4 numbers".
///
/// The month may be a number or a name ("1", "01", "Jan", "January"), as
/// the pattern advises. Spaces around each part are ignored.
///
/// # Errors
///
/// One message for the person, as above.
pub fn from_parts(day: &str, month: &str, year: &str) -> Result<Date, Invalid> {
    check_parts(&Subject::generic(), day, month, year).map_err(Invalid::from)
}

/// Like [`from_parts`], with messages about a named date, and which boxes
/// are wrong so the page can highlight them.
///
/// `what` names the date the way it would follow "Enter": "the date they
/// joined" gives "Enter the date they joined" and "The date they joined
/// must include a month".
///
/// # Errors
///
/// A [`DateInputError`] with the message and the boxes to highlight.
pub fn from_parts_for(
    what: &str,
    day: &str,
    month: &str,
    year: &str,
) -> Result<Date, DateInputError> {
    check_parts(&Subject::named(what), day, month, year)
}

/// How messages name the date.
struct Subject {
    /// Follows "Enter".
    object: String,
    /// Starts a sentence.
    capitalised: String,
}

impl Subject {
    fn generic() -> Self {
        Subject {
            object: "a date".to_owned(),
            capitalised: "Date".to_owned(),
        }
    }

    fn named(what: &str) -> Self {
        let what = what.trim();
        let mut chars = what.chars();
        let capitalised = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
        Subject {
            object: what.to_owned(),
            capitalised,
        }
    }
}

fn check_parts(
    subject: &Subject,
    day: &str,
    month: &str,
    year: &str,
) -> Result<Date, DateInputError> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    let error = |message: String, day: bool, month: bool, year: bool| DateInputError {
        message,
        day,
        month,
        year,
    };

    let missing = [
        ("day", day.is_empty()),
        ("month", month.is_empty()),
        ("year", year.is_empty()),
    ];
    let missing_names: Vec<&str> = missing
        .iter()
        .filter(|(_, gone)| *gone)
        .map(|(name, _)| *name)
        .collect();
    match missing_names.len() {
        0 => {}
        3 => {
            return Err(error(format!("Enter {}", subject.object), true, true, true));
        }
        _ => {
            return Err(error(
                format!(
                    "{} must include a {}",
                    subject.capitalised,
                    missing_names.join(" and ")
                ),
                day.is_empty(),
                month.is_empty(),
                year.is_empty(),
            ));
        }
    }

    let not_real = || format!("{} must be a real date", subject.capitalised);
    let day_number = is_digits(day, 1..=2)
        .then(|| number(day))
        .filter(|d| (1..=31).contains(d));
    let month_number = if is_digits(month, 1..=2) {
        Some(number(month)).filter(|m| (1..=12).contains(m))
    } else {
        month_from_name(month)
    };
    let year_is_number = !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit());
    if day_number.is_none() || month_number.is_none() || !year_is_number {
        return Err(error(
            not_real(),
            day_number.is_none(),
            month_number.is_none(),
            !year_is_number,
        ));
    }
    if year.len() != 4 {
        return Err(error(
            "Year must include 4 numbers".to_owned(),
            false,
            false,
            true,
        ));
    }
    let (Some(day_number), Some(month_number)) = (day_number, month_number) else {
        return Err(error(not_real(), true, true, true));
    };
    let year = number(year);
    if year < 1000 {
        return Err(error(not_real(), false, false, true));
    }
    // Day and month are each in range here, so only the day can be wrong
    // for its month (31 April, 29 February in a common year).
    make_date(year, month_number, day_number).ok_or_else(|| error(not_real(), true, false, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u8, day: u8) -> Date {
        Date::new(year, month, day).expect("test dates are real")
    }

    #[track_caller]
    fn check(input: &str, expected: Result<(i32, u8, u8), &str>) {
        let got = parse_uk_date(input);
        match expected {
            Ok((y, m, d)) => {
                let got = got.unwrap_or_else(|e| panic!("{input:?} was refused: {e}"));
                assert_eq!(got, date(y, m, d), "input {input:?}");
            }
            Err(message) => match got {
                Ok(date) => panic!("{input:?} was accepted as {}", date.to_iso()),
                Err(e) => assert_eq!(e.message, message, "input {input:?}"),
            },
        }
    }

    #[test]
    fn reads_dates_as_people_in_the_uk_write_them() {
        let cases = [
            ("31/01/2025", (2025, 1, 31)),
            ("31/1/2025", (2025, 1, 31)),
            ("1/2/2025", (2025, 2, 1)),
            ("01/02/2025", (2025, 2, 1)),
            ("31/1/25", (2025, 1, 31)),
            ("31-01-2025", (2025, 1, 31)),
            ("31.01.2025", (2025, 1, 31)),
            ("31 01 2025", (2025, 1, 31)),
            ("  31/01/2025  ", (2025, 1, 31)),
            ("2025-01-31", (2025, 1, 31)),
            ("2025/1/31", (2025, 1, 31)),
            ("31 Jan 2025", (2025, 1, 31)),
            ("31 jan 2025", (2025, 1, 31)),
            ("31 JANUARY 2025", (2025, 1, 31)),
            ("31 January 2025", (2025, 1, 31)),
            ("31st January 2025", (2025, 1, 31)),
            ("1st March 2024", (2024, 3, 1)),
            ("2nd Feb 2024", (2024, 2, 2)),
            ("3rd Sept 2024", (2024, 9, 3)),
            ("4th of July 2024", (2024, 7, 4)),
            ("22nd Dec. 2023", (2023, 12, 22)),
            ("31 Jan, 2025", (2025, 1, 31)),
            ("31-Jan-25", (2025, 1, 31)),
            ("31-Jan-2025", (2025, 1, 31)),
            ("29/02/2024", (2024, 2, 29)),
            ("29/02/2000", (2000, 2, 29)),
            ("31/01/2025 00:00", (2025, 1, 31)),
            ("31/01/2025 14:30:00", (2025, 1, 31)),
            ("2025-01-31T00:00:00", (2025, 1, 31)),
            ("2025-01-31T00:00:00Z", (2025, 1, 31)),
            ("2025-01-31 00:00:00.000", (2025, 1, 31)),
        ];
        for (input, want) in cases {
            check(input, Ok(want));
        }
    }

    #[test]
    fn two_digit_years_follow_excel() {
        let cases = [
            ("1/1/00", (2000, 1, 1)),
            ("1/1/25", (2025, 1, 1)),
            ("1/1/29", (2029, 1, 1)),
            ("1/1/30", (1930, 1, 1)),
            ("1/1/99", (1999, 1, 1)),
            ("1 Jan 85", (1985, 1, 1)),
        ];
        for (input, want) in cases {
            check(input, Ok(want));
        }
    }

    #[test]
    fn refuses_what_is_not_a_real_uk_date() {
        let cases = [
            ("", FORMAT),
            ("   ", FORMAT),
            ("yesterday", FORMAT),
            ("January 2025", FORMAT),
            ("Jan 31 2025", FORMAT),
            ("January 31, 2025", FORMAT),
            ("31/01", FORMAT),
            ("31/01/2025/1", FORMAT),
            ("31/01/202", FORMAT),
            ("31/01/20255", FORMAT),
            ("2025-Jan-31", FORMAT),
            ("31 Janvier 2025", FORMAT),
            ("31st Jan 2025 or so", FORMAT),
            ("31/02/2025", NOT_REAL),
            ("29/02/2025", NOT_REAL),
            ("29/02/1900", NOT_REAL),
            ("31/04/2025", NOT_REAL),
            ("0/01/2025", NOT_REAL),
            ("32/01/2025", NOT_REAL),
            ("31/13/2025", NOT_REAL),
            ("2025-02-30", NOT_REAL),
            ("13/13/2025", NOT_REAL),
            ("31/31/2025", NOT_REAL),
            ("01/31/2025", DAY_FIRST),
            ("12/25/2024", DAY_FIRST),
            ("31/01/0999", NOT_REAL),
        ];
        for (input, want) in cases {
            check(input, Err(want));
        }
    }

    #[test]
    fn dates_show_in_the_usual_forms() {
        let d = date(2025, 1, 5);
        assert_eq!(d.to_string(), "5 January 2025");
        assert_eq!(d.to_numeric(), "05/01/2025");
        assert_eq!(d.to_iso(), "2025-01-05");
        assert_eq!(d.month_name(), "January");
        assert!(date(2024, 12, 31) < d);
        assert!(date(2025, 1, 4) < d);
    }

    #[test]
    fn counts_days_since_1970() {
        let cases = [
            ((1970, 1, 1), 0),
            ((1970, 1, 2), 1),
            ((1969, 12, 31), -1),
            ((2000, 3, 1), 11_017),
            ((2025, 1, 31), 20_119),
            ((1900, 1, 1), -25_567),
        ];
        for ((y, m, d), days) in cases {
            let day = date(y, m, d);
            assert_eq!(day.days_since_1970(), days, "{}", day.to_iso());
            assert_eq!(Date::from_days_since_1970(days), Some(day));
        }
        // Every day round-trips, across leap years and century years.
        let start = date(1896, 1, 1).days_since_1970();
        let mut previous = Date::from_days_since_1970(start - 1).expect("in range");
        for days in start..start + 365 * 210 {
            let day = Date::from_days_since_1970(days).expect("in range");
            assert_eq!(day.days_since_1970(), days);
            assert!(previous < day);
            previous = day;
        }
        assert_eq!(Date::from_days_since_1970(i64::MAX), None);
        assert_eq!(Date::from_days_since_1970(-10_000_000), None);
    }

    #[track_caller]
    fn check_parts(parts: (&str, &str, &str), expected: Result<(i32, u8, u8), (&str, [bool; 3])>) {
        let got = from_parts_for("the date they joined", parts.0, parts.1, parts.2);
        match expected {
            Ok((y, m, d)) => {
                let got = got.unwrap_or_else(|e| panic!("{parts:?} was refused: {e}"));
                assert_eq!(got, date(y, m, d), "parts {parts:?}");
            }
            Err((message, boxes)) => match got {
                Ok(date) => panic!("{parts:?} was accepted as {}", date.to_iso()),
                Err(e) => {
                    assert_eq!(e.message, message, "parts {parts:?}");
                    assert_eq!([e.day, e.month, e.year], boxes, "parts {parts:?}");
                }
            },
        }
    }

    #[test]
    fn reads_the_govuk_date_input() {
        let good = [
            (("31", "1", "2025"), (2025, 1, 31)),
            (("01", "01", "2025"), (2025, 1, 1)),
            ((" 5 ", " 12 ", " 2024 "), (2024, 12, 5)),
            (("29", "2", "2024"), (2024, 2, 29)),
            (("3", "Jan", "2025"), (2025, 1, 3)),
            (("3", "march", "2025"), (2025, 3, 3)),
        ];
        for (parts, want) in good {
            check_parts(parts, Ok(want));
        }
        let real = "The date they joined must be a real date";
        let bad = [
            (
                ("", "", ""),
                ("Enter the date they joined", [true, true, true]),
            ),
            (
                ("31", "", "2025"),
                (
                    "The date they joined must include a month",
                    [false, true, false],
                ),
            ),
            (
                ("", "1", "2025"),
                (
                    "The date they joined must include a day",
                    [true, false, false],
                ),
            ),
            (
                ("31", "1", ""),
                (
                    "The date they joined must include a year",
                    [false, false, true],
                ),
            ),
            (
                ("", "", "2025"),
                (
                    "The date they joined must include a day and month",
                    [true, true, false],
                ),
            ),
            (
                ("", "1", ""),
                (
                    "The date they joined must include a day and year",
                    [true, false, true],
                ),
            ),
            (
                ("31", "", ""),
                (
                    "The date they joined must include a month and year",
                    [false, true, true],
                ),
            ),
            (("31", "2", "2025"), (real, [true, false, false])),
            (("32", "1", "2025"), (real, [true, false, false])),
            (("0", "1", "2025"), (real, [true, false, false])),
            (("31", "13", "2025"), (real, [false, true, false])),
            (("x", "1", "2025"), (real, [true, false, false])),
            (("31", "Janvier", "2025"), (real, [false, true, false])),
            (("31", "1", "twenty"), (real, [false, false, true])),
            (("x", "y", "2025"), (real, [true, true, false])),
            (
                ("31", "1", "25"),
                ("Year must include 4 numbers", [false, false, true]),
            ),
            (
                ("31", "1", "20255"),
                ("Year must include 4 numbers", [false, false, true]),
            ),
            (("31", "1", "0999"), (real, [false, false, true])),
        ];
        for (parts, want) in bad {
            check_parts(parts, Err(want));
        }
    }

    #[test]
    fn plain_from_parts_talks_about_the_date() {
        let cases = [
            (("", "", ""), "Enter a date"),
            (("31", "", "2025"), "Date must include a month"),
            (("31", "2", "2025"), "Date must be a real date"),
            (("31", "1", "25"), "Year must include 4 numbers"),
        ];
        for ((d, m, y), want) in cases {
            let got = from_parts(d, m, y).expect_err("each case is wrong");
            assert_eq!(got.message, want);
        }
        assert_eq!(from_parts("31", "01", "2025"), Ok(date(2025, 1, 31)));
    }
}
