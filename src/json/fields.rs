//! [`Fields`]: typed reads of one JSON object's members, with field paths in errors.

use super::{Map, Value, join, type_name};
use crate::error::{Error, Result};

/// The fields of one JSON object, read with typed accessors.
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    map: &'a Map,
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object; `path` names it in errors (empty for the top level,
    /// where the error field is `"input"`).
    #[cfg_attr(wxcard_size, optimize(size))]
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
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn map(&self) -> &'a Map {
        self.map
    }

    /// The full path of `key`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn path_of(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// The value of `key`, with `null` read as absent.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    // Not inlined: a cold path that every typed read would otherwise carry a copy of.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn wrong_type(&self, key: &str, expected: &'static str, found: &Value) -> Error {
        Error::InvalidType {
            field: self.path_of(key),
            expected,
            found: type_name(found),
        }
    }

    /// An optional string.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self.wrong_type(key, "a string", other)),
        }
    }

    /// A required, non-empty string.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn required_str(&self, key: &str) -> Result<&'a str> {
        match self.str(key)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(Error::missing(self.path_of(key))),
        }
    }

    /// An optional boolean.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn bool(&self, key: &str) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(self.wrong_type(key, "a boolean", other)),
        }
    }

    /// An optional non-negative integer (a JSON number with no fraction).
    #[cfg_attr(wxcard_size, optimize(size))]
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
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn array(&self, key: &str) -> Result<Option<&'a Vec<Value>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(self.wrong_type(key, "an array", other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

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
}
