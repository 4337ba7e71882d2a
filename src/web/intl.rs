//! Dates in the reader's locale through `Intl.DateTimeFormat` and `Intl.RelativeTimeFormat`.

use wasm_bindgen::{JsCast, JsValue};

/// Calls `Intl.<constructor>(locale, options)` and then its `format` with `value`, catching any
/// exception (an unknown locale or time zone) as `None`.
fn intl_format(
    constructor: &str,
    locale: Option<&str>,
    options: &[(&str, JsValue)],
    method_args: &[JsValue],
) -> Option<String> {
    use js_sys::{Array, Function, Object, Reflect};
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor: Function = Reflect::get(&intl, &JsValue::from_str(constructor))
        .ok()?
        .dyn_into()
        .ok()?;
    let options_object = Object::new();
    for (key, value) in options {
        Reflect::set(&options_object, &JsValue::from_str(key), value).ok()?;
    }
    let locale = locale.map_or(JsValue::UNDEFINED, JsValue::from_str);
    let formatter = Reflect::construct(&constructor, &Array::of2(&locale, &options_object)).ok()?;
    let format: Function = Reflect::get(&formatter, &JsValue::from_str("format"))
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::new();
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
        let mut options = vec![
            ("dateStyle", JsValue::from_str("long")),
            ("timeZone", JsValue::from_str(&zone)),
        ];
        if timestamp.time.is_some() {
            options.push(("timeStyle", JsValue::from_str("short")));
        }
        intl_format("DateTimeFormat", language, &options, &[date.into()])
    };
    let (amount, unit) = crate::date::relative_unit(timestamp.seconds_from(now, super::today()));
    #[allow(clippy::cast_precision_loss)]
    let relative = intl_format(
        "RelativeTimeFormat",
        language,
        &[("numeric", JsValue::from_str("auto"))],
        &[JsValue::from_f64(amount as f64), JsValue::from_str(unit)],
    );
    crate::date::DateText {
        exact: exact.unwrap_or_else(|| timestamp.to_human()),
        relative,
    }
}
