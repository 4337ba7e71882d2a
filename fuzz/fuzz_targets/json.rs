//! Fuzz target: the borrowed JSON reader accepts and refuses exactly what `serde_json` does on
//! any text, and reads the same values (the oracle is `tests/common/json_oracle.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/json_oracle.rs"]
mod json_oracle;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(difference) = json_oracle::agrees_with_serde(text) {
            panic!("the JSON reader and serde_json differ on {text:?}: {difference}");
        }
    }
});
