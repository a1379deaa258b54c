//! Reading stored codes and dates back into domain types. A value that no
//! longer parses is `StoreError::Corrupt`, never a panic.

use coproduce_domain::dates::{Date, parse_uk_date};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, StoreError};

pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

/// A stored code, read with the closed list's parser.
pub(crate) fn code<T>(value: &str, parse: fn(&str) -> Option<T>, what: &str) -> Result<T> {
    parse(value).ok_or_else(|| corrupt(what, value))
}

/// A stored `YYYY-MM-DD` date, if there is one.
pub(crate) fn date(value: Option<String>) -> Result<Option<Date>> {
    value
        .map(|d| parse_uk_date(&d).map_err(|_| corrupt("date", &d)))
        .transpose()
}

/// A `YYYY-MM-DD` date in a column that always has one.
pub(crate) fn required_date(r: &AnyRow, column: &str) -> Result<Date> {
    let value: String = r.try_get(column)?;
    date(Some(value.clone()))?.ok_or_else(|| corrupt("date", &value))
}

/// `$1, $2, ... $n`: the parameters of an `IN (...)` list.
pub(crate) fn numbered_params(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}
