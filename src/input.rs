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
