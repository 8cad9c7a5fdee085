//! Typed reads from JSON values, with errors that name the field.
//!
//! Structured inputs (from a Rust server's JSON or from JavaScript objects
//! crossing the wasm boundary) are `serde_json::Value`s; [`Fields`] reads
//! them with one rule everywhere: `null` and absent mean "not given", any
//! other wrong type is [`Error::InvalidType`] naming the field's path.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// How a JSON value's type is named in messages: "a string", "an object", …
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
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The fields of one JSON object, read with typed accessors.
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object; `path` names it in errors (empty for the top level,
    /// where the error field is `"input"`).
    pub fn of(value: &'a Value, path: &'a str) -> Result<Self> {
        match value {
            Value::Object(map) => Ok(Fields { map, path }),
            other => Err(Error::InvalidType {
                field: if path.is_empty() {
                    "input".into()
                } else {
                    path.into()
                },
                expected: "an object",
                found: type_name(other),
            }),
        }
    }

    /// The underlying map.
    pub fn map(&self) -> &'a Map<String, Value> {
        self.map
    }

    /// The full path of `key`.
    pub fn path_of(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// The value of `key`, with `null` read as absent.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    // Not inlined: a cold path that every typed read would otherwise carry a copy of.
    #[inline(never)]
    fn wrong_type(&self, key: &str, expected: &'static str, found: &Value) -> Error {
        Error::InvalidType {
            field: self.path_of(key),
            expected,
            found: type_name(found),
        }
    }

    /// An optional string.
    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong_type(key, "a string", other)),
        }
    }

    /// A required, non-empty string.
    pub fn required_str(&self, key: &str) -> Result<&'a str> {
        match self.str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(Error::missing(self.path_of(key))),
        }
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(key, "a boolean", other)),
        }
    }

    /// An optional non-negative integer (a JSON number with no fraction).
    pub fn u64(&self, key: &str) -> Result<Option<u64>> {
        match self.get(key) {
            None => Ok(None),
            Some(v @ Value::Number(n)) => match n.as_u64() {
                Some(x) => Ok(Some(x)),
                None => Err(self.wrong_type(key, "a non-negative integer", v)),
            },
            Some(other) => Err(self.wrong_type(key, "a non-negative integer", other)),
        }
    }

    /// An optional array.
    pub fn array(&self, key: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(self.wrong_type(key, "an array", other)),
        }
    }
}

/// The largest value accepted as Unix seconds: 9,999,999,999 (year 2286).
/// Anything longer is almost always milliseconds.
pub const MAX_TIMESTAMP_SECONDS: u64 = 9_999_999_999;

/// Reads a timestamp given as a JSON integer or a string of ASCII digits, in
/// whole Unix seconds. Milliseconds, fractions, signs, exponents and blanks are
/// [`Error::InvalidTimestamp`].
pub fn timestamp(value: &Value, field: &str) -> Result<u64> {
    let invalid = |reason: String| Error::InvalidTimestamp {
        field: field.to_owned(),
        reason,
    };
    let digits: std::borrow::Cow<'_, str> = match value {
        Value::String(s) => s.as_str().into(),
        Value::Number(n) => match n.as_u64() {
            Some(x) => x.to_string().into(),
            None if n.as_i64().is_some() => {
                return Err(invalid(format!("got a negative number {n}")));
            }
            None => {
                return Err(invalid(format!(
                    "got {n}, which has a fraction (Date.now() / 1000 needs Math.floor)"
                )));
            }
        },
        other => {
            return Err(Error::InvalidType {
                field: field.to_owned(),
                expected: "an integer or a string of digits",
                found: type_name(other),
            });
        }
    };
    timestamp_digits(&digits).map_err(invalid)
}

/// The rules of [`timestamp`] for its decimal text.
fn timestamp_digits(digits: &str) -> std::result::Result<u64, String> {
    if digits.is_empty() {
        return Err("got an empty string".into());
    }
    if let Some((whole, _)) = digits.split_once('.') {
        if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "got \"{digits}\", which has a fraction (Date.now() / 1000 needs Math.floor)"
            ));
        }
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "got \"{}\", which is not all digits",
            truncate(digits, 24)
        ));
    }
    if digits.len() > 10 {
        return Err(format!(
            "got {} digits, which looks like milliseconds; divide by 1000",
            digits.len()
        ));
    }
    digits
        .parse::<u64>()
        .map_err(|_| "not a number".to_owned())
        .and_then(|x| {
            if x <= MAX_TIMESTAMP_SECONDS {
                Ok(x)
            } else {
                Err("too large".into())
            }
        })
}

/// The first `max` characters of `s`, with `…` when cut: keeps messages short
/// when they quote user input.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", s.get(..at).unwrap_or_default()),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_read_with_paths() {
        let v = json!({"a": "x", "b": 1, "n": null, "t": true});
        let f = Fields::of(&v, "card").unwrap();
        assert_eq!(f.str("a").unwrap(), Some("x"));
        assert_eq!(f.str("n").unwrap(), None);
        assert_eq!(f.bool("t").unwrap(), Some(true));
        let err = f.str("b").unwrap_err();
        assert_eq!(err.code(), "INVALID_TYPE");
        assert_eq!(err.field(), Some("card.b"));
        assert_eq!(f.required_str("zz").unwrap_err().field(), Some("card.zz"));
        assert_eq!(
            Fields::of(&json!([1]), "").unwrap_err().field(),
            Some("input")
        );
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(&json!("1404896688"), "t"), Ok(1404896688));
        assert_eq!(timestamp(&json!(1404896688), "t"), Ok(1404896688));
        for bad in [
            json!(1414587457.123),
            json!("1414587457.123"),
            json!("1414587457123"),
            json!(1414587457123u64),
            json!(-5),
            json!(""),
            json!(" 1"),
            json!("1e9"),
        ] {
            assert_eq!(
                timestamp(&bad, "t").unwrap_err().code(),
                "INVALID_TIMESTAMP",
                "{bad}"
            );
        }
        assert_eq!(
            timestamp(&json!(true), "t").unwrap_err().code(),
            "INVALID_TYPE"
        );
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("卡券卡券", 2), "卡券…");
        assert_eq!(truncate("ab", 2), "ab");
    }
}
