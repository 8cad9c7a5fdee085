//! JSON: values, a strict parser, a compact writer, and typed reads with
//! errors that name the field.
//!
//! Structured inputs (from a Rust server's JSON or from JavaScript objects
//! crossing the wasm boundary as JSON text) are [`Value`]s; [`Fields`] reads
//! them with one rule everywhere: `null` and absent mean "not given", any
//! other wrong type is [`Error::InvalidType`](crate::Error::InvalidType)
//! naming the field's path. Outputs are written with [`ToJson`].
//!
//! The crate has its own JSON code rather than a general serialisation
//! framework: it reads a handful of shapes and writes a handful more, and the
//! `.wasm` it ships is smaller without monomorphised serializers and float
//! printing. Numbers are kept as their text ([`Number`]); objects are [`Map`]s
//! with sorted keys, where the last of repeated keys wins.

mod fields;
mod macros;
mod map;
mod number;
mod parse;
mod timestamp;
mod value;
mod write;

pub use fields::Fields;
pub use map::{Iter, Map};
pub use number::Number;
pub use parse::{MAX_DEPTH, ParseError};
pub use timestamp::{MAX_TIMESTAMP_SECONDS, timestamp};
pub use value::{Index, ToValue, Value};
pub use write::{ObjectWriter, ToJson, to_text, write_str};

/// How a JSON value's type is named in messages: "a string", "an object", …
#[cfg_attr(wxcard_size, optimize(size))]
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Joins a parent path and a key: `("", "cardId")` → `cardId`, `("cardList[0]", "cardExt")` → `cardList[0].cardExt`.
// Not inlined: only error paths build paths, and inlined copies cost kilobytes of `.wasm`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn join(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    if !path.is_empty() {
        out.push_str(path);
        out.push('.');
    }
    out.push_str(key);
    out
}

/// The first `max` characters of `s`, with `…` when cut: keeps messages short
/// when they quote user input.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn truncate(s: &str, max: usize) -> String {
    match crate::text::char_start(s, max) {
        Some(at) => crate::text::concat(&[s.get(..at).unwrap_or_default(), "…"]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("卡券卡券", 2), "卡券…");
        assert_eq!(truncate("ab", 2), "ab");
    }
}
