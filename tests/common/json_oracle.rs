//! The oracle for the borrowed JSON reader: on any text it must accept and refuse exactly what
//! `serde_json` does, and read the same values. Used by `tests/json.rs` (property tests) and by
//! the `json` fuzz target (`fuzz/fuzz_targets/json.rs`), which includes this file.

use article_viewer::format::json::{self, Json};
use serde_json::Value;

/// Compares the reader with `serde_json` on `text`; the error says how they differ.
///
/// # Errors
/// When one accepts what the other refuses, or they read different values.
pub fn agrees_with_serde(text: &str) -> Result<(), String> {
    match (json::parse(text), serde_json::from_str::<Value>(text)) {
        (Ok(ours), Ok(theirs)) => same(&ours, &theirs, "$"),
        (Err(_), Err(_)) => Ok(()),
        (Ok(ours), Err(theirs)) => Err(format!("we read {ours:?}, serde_json refused: {theirs}")),
        (Err(ours), Ok(theirs)) => Err(format!("we refused ({ours:?}), serde_json read {theirs}")),
    }
}

fn same(ours: &Json<'_>, theirs: &Value, at: &str) -> Result<(), String> {
    let equal = match (ours, theirs) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Number(raw), Value::Number(n)) => same_number(raw, n),
        (Json::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!("{at}: {} items against {}", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{at}[{i}]"))?;
            }
            true
        }
        (Json::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&str> = a.0.iter().map(|(k, _)| k.as_ref()).collect();
            keys.sort_unstable();
            keys.dedup();
            if keys.len() != b.len() {
                return Err(format!("{at}: {} keys against {}", keys.len(), b.len()));
            }
            for key in keys {
                let (Some(x), Some(y)) = (a.get(key), b.get(key)) else {
                    return Err(format!("{at}: key {key:?} missing on one side"));
                };
                same(x, y, &format!("{at}.{key}"))?;
            }
            true
        }
        _ => false,
    };
    if equal {
        Ok(())
    } else {
        Err(format!("{at}: we read {ours:?}, serde_json read {theirs}"))
    }
}

/// Integers must be equal; other numbers equal within serde_json's default float precision.
fn same_number(raw: &str, theirs: &serde_json::Number) -> bool {
    if let (Some(a), Some(b)) = (raw.parse::<i128>().ok(), theirs.as_i64()) {
        return a == i128::from(b);
    }
    if let (Some(a), Some(b)) = (raw.parse::<u64>().ok(), theirs.as_u64()) {
        return a == b;
    }
    match (raw.parse::<f64>(), theirs.as_f64()) {
        (Ok(a), Some(b)) => a == b || (a - b).abs() <= a.abs().max(b.abs()) * 1e-14,
        _ => false,
    }
}
