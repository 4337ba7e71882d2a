//! Dates on prerendered pages in the words the viewer will show: ICU4X's CLDR date formats, the
//! same data the browser's `Intl.DateTimeFormat` uses (`dateStyle: "long"`, and `timeStyle:
//! "short"` when there is a time), so a page reads the same before and after the viewer takes it
//! over. The relative part ("3 hours ago") is left to the viewer: a static page cannot know when
//! it is read.

use crate::app::dates::{DateFormat, DateText};
use crate::date::Timestamp;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_datetime::DateTimeFormatter;
use icu_locale_core::Locale;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Formatters made so far, by language tag: one pair per language a site uses.
#[derive(Default)]
struct Formatters {
    dates: HashMap<String, Option<DateTimeFormatter<YMD>>>,
    date_times: HashMap<String, Option<DateTimeFormatter<YMDT>>>,
}

/// `timestamp` in `language`'s long date form (with its wall-clock time, in the offset it was
/// written in, as the viewer shows it); `None` for a tag or a date ICU4X does not take.
fn cldr_text(formatters: &mut Formatters, timestamp: &Timestamp, language: &str) -> Option<String> {
    let date = Date::try_new_iso(
        timestamp.date.year,
        timestamp.date.month,
        timestamp.date.day,
    )
    .ok()?;
    let locale = || language.parse::<Locale>().ok();
    match timestamp.time {
        None => {
            let formatter = formatters
                .dates
                .entry(language.to_owned())
                .or_insert_with(|| DateTimeFormatter::try_new(locale()?.into(), YMD::long()).ok())
                .as_ref()?;
            Some(as_browsers_write(&formatter.format(&date).to_string()))
        }
        Some(clock) => {
            let formatter = formatters
                .date_times
                .entry(language.to_owned())
                .or_insert_with(|| {
                    let fields = YMDT::long().with_time_precision(TimePrecision::Minute);
                    DateTimeFormatter::try_new(locale()?.into(), fields).ok()
                })
                .as_ref()?;
            let time = Time::try_new(clock.hour, clock.minute, 0, 0).ok()?;
            Some(as_browsers_write(
                &formatter.format(&DateTime { date, time }).to_string(),
            ))
        }
    }
}

thread_local! {
    static SHARED: DateFormat = cldr_date_format();
}

/// One [`cldr_date_format`] for every page this thread prerenders, so its formatters are made
/// once per language, not once per page.
#[must_use]
pub fn shared_date_format() -> DateFormat {
    SHARED.with(Clone::clone)
}

/// CLDR's narrow no-break spaces (`2:05\u{202f}PM`, `2025\u{202f}г.`) as the plain spaces that
/// Chromium's and Firefox's `Intl` put in their place (for web compatibility).
fn as_browsers_write(text: &str) -> String {
    text.replace('\u{202f}', " ")
}

/// The prerender's [`DateFormat`]: CLDR's words for the language asked for, English
/// ([`Timestamp::to_human`]) where there is none.
#[must_use]
pub fn cldr_date_format() -> DateFormat {
    let formatters = RefCell::new(Formatters::default());
    DateFormat(Rc::new(
        move |timestamp: &Timestamp, language: Option<&str>| {
            let exact = language
                .and_then(|language| cldr_text(&mut formatters.borrow_mut(), timestamp, language))
                .unwrap_or_else(|| timestamp.to_human());
            DateText {
                exact,
                relative: None,
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::cldr_date_format;
    use crate::date::{CivilDate, ClockTime, Timestamp};

    fn day(year: i32, month: u8, day: u8) -> Timestamp {
        Timestamp {
            date: CivilDate { year, month, day },
            time: None,
        }
    }

    #[test]
    fn dates_read_as_the_browsers_intl_writes_them() {
        // What Chromium 156's Intl.DateTimeFormat(tag, { dateStyle: "long" }) gives.
        let format = cldr_date_format();
        let text = |tag: &str| format.text(&day(2025, 4, 8), Some(tag)).exact;
        assert_eq!(text("en"), "April 8, 2025");
        assert_eq!(text("en-GB"), "8 April 2025");
        assert_eq!(text("fr"), "8 avril 2025");
        assert_eq!(text("de"), "8. April 2025");
        assert_eq!(text("ru"), "8 апреля 2025 г.");
        assert_eq!(text("ja"), "2025年4月8日");
        assert_eq!(text("fa"), "۱۹ فروردین ۱۴۰۴");
        assert_eq!(
            format.text(&day(2025, 4, 8), Some("en")).relative,
            None,
            "no 'ago' on a static page"
        );
    }

    #[test]
    fn a_time_reads_in_the_offset_it_was_written_in() {
        let format = cldr_date_format();
        let at = Timestamp {
            date: CivilDate {
                year: 2025,
                month: 4,
                day: 8,
            },
            time: Some(ClockTime {
                hour: 14,
                minute: 5,
                second: 30,
                offset_minutes: 60,
            }),
        };
        assert_eq!(
            format.text(&at, Some("en-GB")).exact,
            "8 April 2025 at 14:05"
        );
        assert_eq!(
            format.text(&at, Some("en")).exact,
            "April 8, 2025 at 2:05 PM"
        );
    }

    #[test]
    fn without_a_usable_language_dates_read_in_english() {
        let format = cldr_date_format();
        for language in [None, Some("not a tag!")] {
            assert_eq!(
                format.text(&day(2025, 4, 8), language).exact,
                "8 April 2025"
            );
        }
    }
}
