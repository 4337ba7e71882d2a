//! RSS dates: RFC 822 / RFC 2822 as feeds write them (`Wed, 02 Oct 2002 13:00:00 GMT`), with
//! every zone form in the wild (`GMT`, `UT`, `Z`, `+0600`, `+06:00`, named US zones and a few
//! others, military letters), missing seconds, two-digit years, full month names and no weekday;
//! an ISO 8601 / RFC 3339 date (some feeds use one in `pubDate`) is read as the v1 format does.
//! Written here rather than taken from a date crate: it is 100 lines, and the errors say which
//! part is wrong.

use crate::date::{CivilDate, ClockTime, Timestamp};

/// Named zones and their offsets in minutes (US ones first; RFC 822 names them).
const ZONES: [(&str, i16); 23] = [
    ("GMT", 0),
    ("UT", 0),
    ("UTC", 0),
    ("Z", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
    ("AST", -240),
    ("ADT", -180),
    ("BST", 60),
    ("CET", 60),
    ("CEST", 120),
    ("EET", 120),
    ("EEST", 180),
    ("JST", 540),
];

/// Reads an RSS date.
///
/// # Errors
/// Says which part is wrong, with the expected form.
pub fn parse_rss_date(text: &str) -> Result<Timestamp, String> {
    let text = text.trim();
    if text.as_bytes().first().is_some_and(u8::is_ascii_digit) && text.contains('-') {
        if let Ok(timestamp) = Timestamp::parse(text) {
            return Ok(timestamp);
        }
    }
    let expected = || {
        format!("\"{text}\" is not a date: RSS dates look like \"Wed, 02 Oct 2002 13:00:00 GMT\"")
    };
    let mut words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .first()
        .is_some_and(|w| w.chars().all(char::is_alphabetic))
    {
        words.remove(0); // the weekday, which feeds often get wrong: not checked
    }
    let [day, month, year, time, rest @ ..] = words.as_slice() else {
        return Err(expected());
    };
    let day: u8 = day.parse().map_err(|_| expected())?;
    let month = month_number(month).ok_or_else(|| format!("\"{text}\" has no month name"))?;
    let year = match (year.len(), year.parse::<i32>()) {
        (4, Ok(year)) => year,
        (2, Ok(year)) if year < 50 => 2000 + year,
        (2, Ok(year)) => 1900 + year,
        _ => return Err(format!("\"{text}\" has no four-digit year")),
    };
    let date = CivilDate::new(year, month, day)
        .ok_or_else(|| format!("\"{text}\" names a day that does not exist"))?;
    let clock: Vec<&str> = time.split(':').collect();
    let part = |i: usize| clock.get(i).and_then(|p| p.parse::<u8>().ok());
    let (hour, minute, second) = match clock.len() {
        2 => (part(0), part(1), Some(0)),
        3 => (part(0), part(1), part(2)),
        _ => (None, None, None),
    };
    let (Some(hour), Some(minute), Some(second)) = (hour, minute, second) else {
        return Err(format!("\"{text}\" has no time as HH:MM or HH:MM:SS"));
    };
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!("\"{text}\" has an impossible time of day"));
    }
    let offset_minutes = match rest {
        [] => 0,
        [zone, ..] => zone_offset(zone).ok_or_else(|| {
            format!("\"{text}\" has a time zone this viewer does not know ({zone}): use GMT or an offset such as +0100")
        })?,
    };
    Ok(Timestamp {
        date,
        time: Some(ClockTime {
            hour,
            minute,
            second,
            offset_minutes,
        }),
    })
}

/// `Jan`, `January`, `jan.` → 1.
fn month_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    let prefix = word.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = months.iter().position(|m| *m == prefix)?;
    u8::try_from(index + 1).ok()
}

/// `+0600`, `-05:30`, `GMT`, `EST`, `Z`, or a military letter (RFC 2822 reads those as -0000).
fn zone_offset(zone: &str) -> Option<i16> {
    let upper = zone
        .trim_matches(|c| c == '(' || c == ')')
        .to_ascii_uppercase();
    if let Some((_, offset)) = ZONES.iter().find(|(name, _)| *name == upper) {
        return Some(*offset);
    }
    if upper.len() == 1 && upper.chars().all(|c| c.is_ascii_alphabetic() && c != 'J') {
        return Some(0);
    }
    let (sign, digits) = match upper.strip_prefix('+') {
        Some(digits) => (1, digits),
        None => (-1, upper.strip_prefix('-')?),
    };
    let digits = digits.replace(':', "");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i16 = digits.get(..2)?.parse().ok()?;
    let minutes: i16 = digits.get(2..)?.parse().ok()?;
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset_of(text: &str) -> i16 {
        parse_rss_date(text)
            .expect("a readable date")
            .time
            .expect("a time")
            .offset_minutes
    }

    #[test]
    fn every_zone_form_is_read() {
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 GMT"), 0);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 UT"), 0);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 +0600"), 360);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 -05:30"), -330);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 EST"), -300);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 PDT"), -420);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 Z"), 0);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00 A"), 0);
        assert_eq!(offset_of("Wed, 02 Oct 2002 13:00:00"), 0);
    }

    #[test]
    fn loose_forms_are_read_and_bad_ones_named() {
        let date = parse_rss_date("2 October 02 09:05 EDT").expect("a loose date");
        assert_eq!(date.date, CivilDate::new(2002, 10, 2).expect("a day"));
        let time = date.time.expect("a time");
        assert_eq!((time.hour, time.minute, time.second), (9, 5, 0));
        assert_eq!(
            parse_rss_date("2025-04-08T14:05:00+01:00")
                .expect("an RFC 3339 date")
                .epoch_seconds(),
            Timestamp::parse("2025-04-08T13:05:00Z")
                .expect("a date")
                .epoch_seconds()
        );
        assert!(parse_rss_date("Wed, 31 Feb 2002 13:00:00 GMT")
            .expect_err("no such day")
            .contains("does not exist"));
        assert!(parse_rss_date("yesterday")
            .expect_err("not a date")
            .contains("Wed, 02 Oct 2002"));
        assert!(parse_rss_date("Wed, 02 Oct 2002 13:00:00 XYZT")
            .expect_err("unknown zone")
            .contains("XYZT"));
        assert!(parse_rss_date("Wed, 02 Oct 2002 25:00 GMT")
            .expect_err("no such hour")
            .contains("impossible"));
    }
}
