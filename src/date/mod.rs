//! Publication dates: the two accepted forms (`YYYY-MM-DD` and RFC 3339 date-time with an
//! offset), their calendar date in the article's own offset, ordering, English display, and
//! [`DateText`], a date in words as the browser's `Intl` gives it. `relative.rs`: how long ago.

mod relative;

pub use relative::relative_unit;
use std::fmt;

/// A date in words: the exact date (and time), and optionally how long ago it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateText {
    pub exact: String,
    pub relative: Option<String>,
}

/// A calendar date (proleptic Gregorian), as written in the article's own offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A wall-clock time with the UTC offset it was written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes (`+01:00` is 60, `Z` is 0).
    pub offset_minutes: i16,
}

/// A validated `published` / `updated` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    pub date: CivilDate,
    pub time: Option<ClockTime>,
}

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

/// English name of a month number (1–12).
#[must_use]
pub fn month_name(month: u8) -> &'static str {
    MONTH_NAMES
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

#[must_use]
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

#[must_use]
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// Builds a date, refusing impossible ones such as 30 February.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    ///
    /// # Errors
    /// Explains what is wrong with the text, in words a writer can act on.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!(
                "\"{text}\" is not a date: use YYYY-MM-DD (for example 2025-04-08)"
            ));
        }
        let year = digits(&text[0..4]);
        let month = digits(&text[5..7]);
        let day = digits(&text[8..10]);
        let month_u8 = u8::try_from(month).unwrap_or(0);
        if !(1..=12).contains(&month_u8) {
            return Err(format!(
                "\"{text}\" has no month {month}: months run 01 to 12"
            ));
        }
        let year_i32 = i32::try_from(year).unwrap_or(0);
        CivilDate::new(year_i32, month_u8, u8::try_from(day).unwrap_or(0)).ok_or_else(|| {
            format!(
                "\"{text}\" is not a real date: {} {year} has {} days",
                month_name(month_u8),
                days_in_month(year_i32, month_u8)
            )
        })
    }

    /// Days since 1970-01-01 (negative before it).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` days after 1970-01-01.
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Self {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// `8 April 2025`.
    #[must_use]
    pub fn to_long_english(self) -> String {
        format!("{} {} {}", self.day, month_name(self.month), self.year)
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn digits(text: &str) -> u32 {
    text.bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0')))
}

fn two_digits(bytes: &[u8], at: usize) -> Option<u8> {
    let tens = bytes.get(at).filter(|b| b.is_ascii_digit())?;
    let ones = bytes.get(at + 1).filter(|b| b.is_ascii_digit())?;
    Some((tens - b'0') * 10 + (ones - b'0'))
}

impl Timestamp {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time with an offset
    /// (`2025-04-08T14:05:00+01:00`, `2025-04-08T13:05:00Z`, fractional seconds allowed).
    ///
    /// # Errors
    /// Explains which part is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.len() <= 10 || !text.is_ascii() {
            return CivilDate::parse(text).map(|date| Self { date, time: None });
        }
        let date = CivilDate::parse(&text[..10.min(text.len())]).map_err(|_| {
            format!("\"{text}\" is not a date: use YYYY-MM-DD or an RFC 3339 date-time such as 2025-04-08T14:05:00+01:00")
        })?;
        let bytes = text.as_bytes();
        if !matches!(bytes[10], b'T' | b't' | b' ') {
            return Err(format!(
                "\"{text}\" is not a date: the time must follow a \"T\", as in 2025-04-08T14:05:00Z"
            ));
        }
        let bad_time = || {
            format!("\"{text}\" has no valid time: write HH:MM:SS followed by Z or an offset such as +01:00")
        };
        let hour = two_digits(bytes, 11).ok_or_else(bad_time)?;
        let minute = two_digits(bytes, 14).ok_or_else(bad_time)?;
        let second = two_digits(bytes, 17).ok_or_else(bad_time)?;
        if bytes.get(13) != Some(&b':') || bytes.get(16) != Some(&b':') {
            return Err(bad_time());
        }
        if hour > 23 || minute > 59 || second > 60 {
            return Err(format!("\"{text}\" has an impossible time of day"));
        }
        let mut at = 19;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            if at == start {
                return Err(bad_time());
            }
        }
        let offset_minutes = match bytes.get(at) {
            Some(b'Z' | b'z') if at + 1 == bytes.len() => 0,
            Some(sign @ (b'+' | b'-')) if at + 6 == bytes.len() && bytes[at + 3] == b':' => {
                let hours = two_digits(bytes, at + 1).ok_or_else(bad_time)?;
                let minutes = two_digits(bytes, at + 4).ok_or_else(bad_time)?;
                if hours > 23 || minutes > 59 {
                    return Err(format!("\"{text}\" has an impossible UTC offset"));
                }
                let magnitude = i16::from(hours) * 60 + i16::from(minutes);
                if *sign == b'-' {
                    -magnitude
                } else {
                    magnitude
                }
            }
            None => {
                return Err(format!(
                    "\"{text}\" has no UTC offset: add Z or an offset such as +01:00"
                ))
            }
            Some(_) => return Err(bad_time()),
        };
        Ok(Self {
            date,
            time: Some(ClockTime {
                hour,
                minute,
                second,
                offset_minutes,
            }),
        })
    }

    /// Seconds since the Unix epoch; a date without a time counts as midnight UTC.
    #[must_use]
    pub fn epoch_seconds(&self) -> i64 {
        let midnight = self.date.days_since_epoch() * 86_400;
        self.time.map_or(midnight, |t| {
            midnight + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
                - i64::from(t.offset_minutes) * 60
        })
    }

    /// The key for chronological order: calendar day first (as readers see it), then instant.
    #[must_use]
    pub fn chronology(&self) -> (CivilDate, i64) {
        (self.date, self.epoch_seconds())
    }

    /// Whether `self` is earlier than `other`: by instant when both carry a time, otherwise by
    /// calendar date (so a date-only `updated` on the day of publication is fine).
    #[must_use]
    pub fn is_before(&self, other: &Self) -> bool {
        match (self.time, other.time) {
            (Some(_), Some(_)) => self.epoch_seconds() < other.epoch_seconds(),
            _ => self.date < other.date,
        }
    }

    /// The machine-readable form for `<time datetime>`, normalised (fractions dropped).
    #[must_use]
    pub fn to_machine(&self) -> String {
        match self.time {
            None => self.date.to_string(),
            Some(t) => format!(
                "{}T{:02}:{:02}:{:02}{}",
                self.date,
                t.hour,
                t.minute,
                t.second,
                format_offset(t.offset_minutes)
            ),
        }
    }

    /// `8 April 2025` or `8 April 2025, 14:05 (UTC+01:00)`.
    #[must_use]
    pub fn to_human(&self) -> String {
        let day = self.date.to_long_english();
        match self.time {
            None => day,
            Some(t) => {
                let zone = if t.offset_minutes == 0 {
                    "UTC".to_owned()
                } else {
                    format!("UTC{}", format_offset(t.offset_minutes))
                };
                format!("{day}, {:02}:{:02} ({zone})", t.hour, t.minute)
            }
        }
    }
}

impl Timestamp {
    /// The offset as `Intl` time zones write it (`+01:00`, `UTC`), for a timestamp with a time.
    #[must_use]
    pub fn time_zone(&self) -> Option<String> {
        self.time.map(|t| match t.offset_minutes {
            0 => "UTC".to_owned(),
            other => format_offset(other),
        })
    }
}

fn format_offset(offset_minutes: i16) -> String {
    if offset_minutes == 0 {
        return "Z".to_owned();
    }
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let magnitude = offset_minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_day_round_trip() {
        for days in [-800_000, -1, 0, 1, 20_186, 2_932_896] {
            assert_eq!(
                CivilDate::from_days_since_epoch(days).days_since_epoch(),
                days
            );
        }
        assert_eq!(
            CivilDate::new(2025, 4, 8).map(CivilDate::days_since_epoch),
            Some(20_186)
        );
    }

    #[test]
    fn relative_units() {
        assert_eq!(relative_unit(-30), (-30, "second"));
        assert_eq!(relative_unit(-3 * 3600 - 5), (-3, "hour"));
        assert_eq!(relative_unit(-86_400), (-1, "day"));
        assert_eq!(relative_unit(-400 * 86_400), (-1, "year"));
        assert_eq!(relative_unit(2 * 86_400), (2, "day"));
    }

    #[test]
    fn non_ascii_text_is_refused_not_a_panic() {
        // Found by the property tests: a multi-byte character across byte 10.
        assert!(Timestamp::parse("󰘁Ó/𔼉R\u{feff}􄣅\t:").is_err());
        assert!(Timestamp::parse("2025-04-08T10:00:00+01:00é").is_err());
        assert!(CivilDate::parse("２０２５-04-08").is_err());
    }

    #[test]
    fn leap_years() {
        assert!(CivilDate::new(2024, 2, 29).is_some());
        assert!(CivilDate::new(2025, 2, 29).is_none());
        assert!(CivilDate::new(1900, 2, 29).is_none());
        assert!(CivilDate::new(2000, 2, 29).is_some());
    }
}
