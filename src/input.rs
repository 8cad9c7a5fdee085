//! Reads of option bags that check everything before copying anything.
//!
//! An input type's `from_json` reads its fields borrowed, in the order their
//! errors are reported, and copies them into owned values only once every
//! read has succeeded: an error then leaves nothing half-built to drop, which
//! keeps the error paths of the `.wasm` short.

use crate::error::{Error, Result};
use crate::json::{Fields, Value, type_name};

/// An optional string that must not be empty when present: `null`, absent
/// and `""` all read as not given (the borrowed form of `rules::opt_str`).
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn non_empty<'a>(fields: &Fields<'a>, key: &str) -> Result<Option<&'a str>> {
    Ok(fields.str(key)?.filter(|s| !s.is_empty()))
}

/// A boolean that is `false` when absent or `null`.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn flag(fields: &Fields<'_>, key: &str) -> Result<bool> {
    Ok(fields.bool(key)?.unwrap_or(false))
}

/// An owned copy of an optional string.
// Not inlined: one copy serves every optional field.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn owned(value: Option<&str>) -> Option<String> {
    value.map(str::to_owned)
}

/// The path of item `i` of the array `field`: `cardList[2]`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn indexed(field: &str, i: usize) -> String {
    let mut out = String::from(field);
    out.push('[');
    out.push_str(&crate::text::decimal(i as u64));
    out.push(']');
    out
}

/// Checks that every item of a JSON array is a string; `field` names the
/// array, and an item of another type is `INVALID_TYPE` at `field[i]`.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_strings(items: &[Value], field: &str) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        if !item.is_string() {
            return Err(Error::InvalidType {
                field: indexed(field, i),
                expected: "a string",
                found: type_name(item),
            });
        }
    }
    Ok(())
}

/// The strings of a JSON array, copied (items that are not strings, which
/// [`check_strings`] refuses, are skipped).
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn strings(items: &[Value]) -> Vec<String> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let Value::String(s) = item {
            out.push(s.clone());
        }
    }
    out
}

/// How [`read_fields`] reads one key of an option bag.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// A required, non-empty string ([`Fields::required_str`]).
    Required,
    /// An optional string, empty read as absent ([`non_empty`]).
    Text,
    /// An optional timestamp ([`crate::rules::opt_timestamp`]).
    Timestamp,
    /// A boolean, `false` when absent ([`flag`]).
    Flag,
    /// An optional array of strings ([`check_strings`]).
    Strings,
}

/// One key of an option bag as [`read_fields`] read it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) enum Read<'a> {
    /// Absent, `null`, or an empty optional string.
    #[default]
    Absent,
    /// A string.
    Text(&'a str),
    /// A timestamp in Unix seconds.
    Number(u64),
    /// A boolean.
    Flag(bool),
    /// An array of strings.
    Items(&'a [Value]),
}

impl<'a> Read<'a> {
    /// The string read, if any.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn text(self) -> Option<&'a str> {
        match self {
            Read::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The string read, or `""`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn or_empty(self) -> &'a str {
        self.text().unwrap_or_default()
    }

    /// An owned copy of the string read, if any.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn owned(self) -> Option<String> {
        owned(self.text())
    }

    /// The timestamp read, if any.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn number(self) -> Option<u64> {
        match self {
            Read::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean read (`false` when absent).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn flag(self) -> bool {
        matches!(self, Read::Flag(true))
    }

    /// The strings read, copied, if any.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn strings(self) -> Option<Vec<String>> {
        match self {
            Read::Items(items) => Some(strings(items)),
            _ => None,
        }
    }
}

/// Reads the option bag `value`: refuses keys not in `keys`
/// ([`crate::rules::check_keys`]), then reads `keys[i]` as `kinds[i]` into
/// `out[i]`, in that order, so the first mistake in that order is the error.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn read_fields<'a>(
    value: &'a Value,
    keys: &[&'static str],
    kinds: &[Kind],
    out: &mut [Read<'a>],
) -> Result<()> {
    let f = Fields::of(value, "")?;
    crate::rules::check_keys(&f, keys)?;
    for ((key, kind), slot) in keys.iter().zip(kinds).zip(out) {
        *slot = match kind {
            Kind::Required => Read::Text(f.required_str(key)?),
            Kind::Text => non_empty(&f, key)?.map_or(Read::Absent, Read::Text),
            Kind::Timestamp => {
                crate::rules::opt_timestamp(&f, key)?.map_or(Read::Absent, Read::Number)
            }
            Kind::Flag => Read::Flag(flag(&f, key)?),
            Kind::Strings => match f.array(key)? {
                Some(items) => {
                    check_strings(items, key)?;
                    Read::Items(items)
                }
                None => Read::Absent,
            },
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn item_paths() {
        assert_eq!(indexed("cardList", 0), "cardList[0]");
        assert_eq!(indexed("jsApiList", 12), "jsApiList[12]");
    }

    const KEYS: &[&str] = &["list", "name", "text", "at", "on"];
    const KINDS: [Kind; 5] = [
        Kind::Strings,
        Kind::Required,
        Kind::Text,
        Kind::Timestamp,
        Kind::Flag,
    ];

    fn read(value: &Value) -> Result<[Read<'_>; 5]> {
        let mut out = [Read::Absent; 5];
        read_fields(value, KEYS, &KINDS, &mut out)?;
        Ok(out)
    }

    #[test]
    fn fields_are_read_by_kind() {
        let v = json!({"list": ["a"], "name": "n", "text": "", "at": "12", "on": true});
        let [list, name, text, at, on] = read(&v).unwrap();
        assert_eq!(list.strings(), Some(vec!["a".to_owned()]));
        assert_eq!(name.text(), Some("n"));
        assert_eq!(text.owned(), None);
        assert_eq!(at.number(), Some(12));
        assert!(on.flag());
        let v = json!({"name": "n", "text": null});
        let [list, _, text, at, on] = read(&v).unwrap();
        assert_eq!(list.strings(), None);
        assert_eq!(text.or_empty(), "");
        assert_eq!(at.number(), None);
        assert!(!on.flag());
    }

    #[test]
    fn the_first_mistake_in_table_order_is_reported() {
        let err = read(&json!({"on": 1, "list": [1], "name": ""})).unwrap_err();
        assert_eq!(err.field(), Some("list[0]"));
        let err = read(&json!({"on": 1, "name": ""})).unwrap_err();
        assert_eq!(err.code(), "MISSING_FIELD");
        let err = read(&json!({"on": 1, "name": "n"})).unwrap_err();
        assert_eq!(err.field(), Some("on"));
        let err = read(&json!({"on": 1, "nAme": "n"})).unwrap_err();
        assert_eq!(err.code(), "SNAKE_CASE_KEY");
        assert_eq!(read(&json!([])).unwrap_err().field(), Some("input"));
    }
}
