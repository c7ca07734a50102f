//! What the `fuzz_` properties of the domain share (`cargo xtask fuzz` runs them for longer):
//! their case count and JSON-ish text to feed the decoders.

use proptest::prelude::*;
use serde_json::Value;

/// Cases per `fuzz_` property: `PROPTEST_CASES` when set (`cargo xtask fuzz` sets it), else
/// 1000 — a bounded run inside `cargo xtask test`.
pub(crate) fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// JSON-ish text: valid documents, then cut, spliced and with bytes changed.
pub(crate) fn mangled_json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".*".prop_map(Value::from),
    ];
    let doc = leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::btree_map(".{0,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    (doc, any::<usize>(), any::<u8>(), 0..4u8).prop_map(|(doc, at, byte, how)| {
        let text = doc.to_string();
        let mut bytes = text.into_bytes();
        let at = if bytes.is_empty() {
            0
        } else {
            at % bytes.len()
        };
        match how {
            0 => {}
            1 => bytes.truncate(at),
            2 => bytes.insert(at, byte),
            _ => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = byte;
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}
