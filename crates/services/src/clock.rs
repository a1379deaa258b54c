//! The time, in whole seconds since 1970 (UTC), as the store keeps it.

use std::time::{SystemTime, UNIX_EPOCH};

pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Today's date in the UK, as `YYYY-MM-DD`.
pub fn today() -> String {
    let now = jiff::Timestamp::now();
    match jiff::tz::TimeZone::get("Europe/London") {
        Ok(tz) => now.to_zoned(tz).date().to_string(),
        Err(_) => now.to_zoned(jiff::tz::TimeZone::UTC).date().to_string(),
    }
}
