//! The JSON parser and writer: any text either parses or is an error with a
//! position inside it, and what the writer makes of a parsed value parses
//! back to the same value and is written the same way again.

use wxcard::json::{ToJson, Value};

/// Input: any text.
pub fn json(data: &[u8]) {
    let text = super::text(data);
    match Value::parse(&text) {
        Ok(value) => {
            let written = value.to_json();
            let again = Value::parse(&written)
                .unwrap_or_else(|e| panic!("written text does not parse: {e}"));
            assert_eq!(again, value, "the round trip changed the value");
            assert_eq!(again.to_json(), written, "the writer is not stable");
        }
        Err(e) => {
            assert!(e.line() >= 1, "line {} of {e}", e.line());
            let lines = text.split('\n').count();
            assert!(e.line() <= lines, "line {} beyond the text: {e}", e.line());
        }
    }
}
