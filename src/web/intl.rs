//! Dates in the reader's locale through `Intl.DateTimeFormat` and `Intl.RelativeTimeFormat`.

use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// Formatters made so far, by constructor, locale and options: making an `Intl` formatter costs
/// far more than using one, and a list of cards asks for the same few again and again.
const MAX_CACHED_FORMATTERS: usize = 64;

thread_local! {
    static FORMATTERS: RefCell<Vec<(String, js_sys::Object, js_sys::Function)>> =
        const { RefCell::new(Vec::new()) };
}

/// `Intl.<constructor>(locale, options)` and its `format` method, made once per key.
fn formatter(
    constructor: &str,
    locale: Option<&str>,
    options: &[(&str, &str)],
) -> Option<(js_sys::Object, js_sys::Function)> {
    use js_sys::{Array, Function, Object, Reflect};
    let mut key = format!("{constructor}|{}", locale.unwrap_or(""));
    for (name, value) in options {
        key.push_str(&format!("|{name}={value}"));
    }
    let cached = FORMATTERS.with_borrow(|all| {
        all.iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, formatter, format)| (formatter.clone(), format.clone()))
    });
    if cached.is_some() {
        return cached;
    }
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: Function = Reflect::get(&intl, &JsValue::from_str(constructor))
        .ok()?
        .dyn_into()
        .ok()?;
    let options_object = Object::new();
    for (name, value) in options {
        Reflect::set(
            &options_object,
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        )
        .ok()?;
    }
    let locale = locale.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let formatter: Object = Reflect::construct(&constructor, &Array::of2(&locale, &options_object))
        .ok()?
        .dyn_into()
        .ok()?;
    let format: Function = Reflect::get(&formatter, &JsValue::from_str("format"))
        .ok()?
        .dyn_into()
        .ok()?;
    FORMATTERS.with_borrow_mut(|all| {
        if all.len() == MAX_CACHED_FORMATTERS {
            all.remove(0);
        }
        all.push((key, formatter.clone(), format.clone()));
    });
    Some((formatter, format))
}

/// Formats `method_args` with `Intl.<constructor>(locale, options)`, catching any exception (an
/// unknown locale or time zone) as `None`.
fn intl_format(
    constructor: &str,
    locale: Option<&str>,
    options: &[(&str, &str)],
    method_args: &[JsValue],
) -> Option<String> {
    let (formatter, format) = formatter(constructor, locale, options)?;
    let args = js_sys::Array::new();
    for arg in method_args {
        args.push(arg);
    }
    format.apply(&formatter, &args).ok()?.as_string()
}

/// Dates in the reader's locale (or `language`), through `Intl`: the exact date, with the time
/// in the article's own offset, and "3 hours ago". Falls back to English when `Intl` refuses.
#[must_use]
pub fn intl_date_text(
    timestamp: &crate::date::Timestamp,
    language: Option<&str>,
) -> crate::date::DateText {
    let now_ms = js_sys::Date::now();
    #[allow(clippy::cast_possible_truncation)]
    let now = (now_ms / 1000.0) as i64;
    let exact = {
        #[allow(clippy::cast_precision_loss)]
        let millis = timestamp.epoch_seconds() as f64 * 1000.0;
        let date = js_sys::Date::new(&JsValue::from_f64(millis));
        let zone = timestamp.time_zone().unwrap_or_else(|| "UTC".to_owned());
        let mut options = vec![("dateStyle", "long"), ("timeZone", zone.as_str())];
        if timestamp.time.is_some() {
            options.push(("timeStyle", "short"));
        }
        intl_format("DateTimeFormat", language, &options, &[date.into()])
    };
    let (amount, unit) = crate::date::relative_unit(timestamp.seconds_from(now, super::today()));
    #[allow(clippy::cast_precision_loss)]
    let relative = intl_format(
        "RelativeTimeFormat",
        language,
        &[("numeric", "auto")],
        &[JsValue::from_f64(amount as f64), JsValue::from_str(unit)],
    );
    crate::date::DateText {
        exact: exact.unwrap_or_else(|| timestamp.to_human()),
        relative,
    }
}
