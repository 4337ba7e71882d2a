//! How long ago (or ahead) a timestamp is, in the unit and amount `Intl.RelativeTimeFormat`
//! takes: "3 hours ago" is `(-3, "hour")`.

use super::{CivilDate, Timestamp};

/// The unit and signed amount for saying how long ago (negative) or ahead `seconds` is, the way
/// `Intl.RelativeTimeFormat` expects them: "3 hours ago" is `(-3, "hour")`.
#[must_use]
pub fn relative_unit(seconds: i64) -> (i64, &'static str) {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    let magnitude = seconds.abs();
    let (unit, size) = match magnitude {
        m if m < MINUTE => ("second", 1),
        m if m < HOUR => ("minute", MINUTE),
        m if m < DAY => ("hour", HOUR),
        m if m < 30 * DAY => ("day", DAY),
        m if m < 365 * DAY => ("month", 30 * DAY),
        _ => ("year", 365 * DAY),
    };
    (seconds / size, unit)
}

impl Timestamp {
    /// Seconds from `now` (seconds since the epoch) to this timestamp: negative in the past.
    /// A date without a time is compared by calendar day with `today`.
    #[must_use]
    pub fn seconds_from(&self, now: i64, today: CivilDate) -> i64 {
        match self.time {
            Some(_) => self.epoch_seconds() - now,
            None => (self.date.days_since_epoch() - today.days_since_epoch()) * 86_400,
        }
    }
}
