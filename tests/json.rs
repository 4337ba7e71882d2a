//! The borrowed JSON reader against `serde_json` (the oracle in `common/json_oracle.rs`): the
//! same accept/refuse decision and the same values on generated JSON, on JSON-like noise and on
//! every sample file; and located errors.

#[path = "common/json_oracle.rs"]
mod json_oracle;

use article_viewer::format::json::{self, Json};
use json_oracle::agrees_with_serde;
use proptest::prelude::*;

fn agrees(text: &str) -> Result<(), TestCaseError> {
    agrees_with_serde(text)
        .map_err(|difference| TestCaseError::fail(format!("{text:?}: {difference}")))
}

/// Text made of JSON's own pieces, so that most of it is nearly valid.
fn json_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\"a\"".to_owned()),
        Just("\"\\u00e9\\n\"".to_owned()),
        Just("\"\\ud83d\\ude00\"".to_owned()),
        Just("\"\\ud800\"".to_owned()),
        Just("\"\\x\"".to_owned()),
        Just("\"\u{1}\"".to_owned()),
        Just("true".to_owned()),
        Just("fals".to_owned()),
        Just("null".to_owned()),
        Just("-0".to_owned()),
        Just("01".to_owned()),
        Just("1.".to_owned()),
        Just("1e400".to_owned()),
        Just("-12.5e-3".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("\"".to_owned()),
        "[0-9]{1,3}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| serde_json::json!(f)),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[a-c]{0,2}", inner), 0..6)
                .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn json_like_noise_is_read_as_serde_json_reads_it(text in json_like()) {
        agrees(&text)?;
    }

    #[test]
    fn generated_json_is_read_as_serde_json_reads_it(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&value).expect("a value serialises")
        } else {
            value.to_string()
        };
        agrees(&text)?;
    }

    #[test]
    fn cut_generated_json_is_refused_like_serde_json(value in json_value(), cut in 0.0..1.0_f64) {
        let text = value.to_string();
        let mut end = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        agrees(&text[..end])?;
    }
}

#[test]
fn every_sample_and_fixture_is_read_as_serde_json_reads_it() {
    let mut checked = 0;
    for dir in [
        "samples",
        "samples/feeds",
        "tests/fixtures",
        "tests/fixtures/hostile",
    ] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).expect("the sample folders exist") {
            let path = entry.expect("a readable folder entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&path).expect("a readable sample file");
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    agrees_with_serde(text).unwrap_or_else(|d| panic!("{}: {d}", path.display()));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 20, "only {checked} files checked");
}

#[test]
fn nesting_is_limited_exactly_where_serde_json_limits_it() {
    for depth in [126, 127, 128, 129] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        agrees_with_serde(&text).unwrap_or_else(|d| panic!("depth {depth}: {d}"));
    }
    assert!(json::parse(&format!("{}{}", "[".repeat(127), "]".repeat(127))).is_ok());
    assert!(json::parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))).is_err());
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let value = json::parse(r#"{"plain": "text", "escaped": "a\nb"}"#).expect("valid JSON");
    let is_borrowed = |key| {
        matches!(
            value.get(key),
            Some(Json::String(std::borrow::Cow::Borrowed(_)))
        )
    };
    assert!(is_borrowed("plain"));
    assert!(!is_borrowed("escaped"));
    assert_eq!(value.get("escaped").and_then(Json::as_str), Some("a\nb"));
}

#[test]
fn errors_carry_line_and_column() {
    let text = "{\n  \"a\": [1,\n  2,, 3]\n}";
    let error = json::parse(text).expect_err("a double comma is not JSON");
    assert_eq!(error.line_column(text), (3, 5));
    assert_eq!(error.message, "expected value");
    let cut = "{\"a\": \"é";
    let error = json::parse(cut).expect_err("a cut-off string is not JSON");
    assert!(error.at_end);
    assert_eq!(error.line_column(cut), (1, 9));
}

#[test]
fn numbers_keep_their_text_and_only_plain_integers_are_u64() {
    let value = json::parse("[1, 1.0, 1e2, -3, 007]").map(|_| ());
    assert!(value.is_err(), "leading zeros are not JSON");
    let value = json::parse("[1, 1.0, 1e2, -3]").expect("valid JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items[1], Json::Number("1.0"));
    let whole: Vec<Option<u64>> = items.iter().map(Json::as_u64).collect();
    assert_eq!(whole, [Some(1), None, None, None]);
}
