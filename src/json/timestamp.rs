//! [`timestamp`]: Unix seconds given as a JSON integer or a string of digits.

use super::{Value, truncate, type_name};
use crate::error::{Error, Result};

/// The largest value accepted as Unix seconds: 9,999,999,999 (year 2286).
/// Anything longer is almost always milliseconds.
pub const MAX_TIMESTAMP_SECONDS: u64 = 9_999_999_999;

/// Reads a timestamp given as a JSON integer or a string of ASCII digits, in
/// whole Unix seconds. Milliseconds, fractions, signs, exponents and blanks are
/// [`Error::InvalidTimestamp`].
#[cfg_attr(wxcard_size, optimize(size))]
pub fn timestamp(value: &Value, field: &str) -> Result<u64> {
    let reason = match value {
        Value::String(s) => match timestamp_digits(s) {
            Ok(seconds) => return Ok(seconds),
            Err(reason) => reason,
        },
        // A JSON number that is a `u64` is written as its plain decimal digits.
        Value::Number(n) => match n.as_u64() {
            Some(_) => match timestamp_digits(n.as_str()) {
                Ok(seconds) => return Ok(seconds),
                Err(reason) => reason,
            },
            None if n.as_i64().is_some() => text(&["got a negative number ", n.as_str()]),
            None => text(&["got ", n.as_str(), FRACTION]),
        },
        other => {
            return Err(Error::InvalidType {
                field: field.to_owned(),
                expected: "an integer or a string of digits",
                found: type_name(other),
            });
        }
    };
    Err(Error::InvalidTimestamp {
        field: field.to_owned(),
        reason,
    })
}

/// The end of the reason for a number with a fraction.
const FRACTION: &str = ", which has a fraction (Date.now() / 1000 needs Math.floor)";

/// `parts` joined: reasons built without `format!`.
#[cfg_attr(wxcard_size, optimize(size))]
fn text(parts: &[&str]) -> String {
    crate::text::concat(parts)
}

/// The rules of [`timestamp`] for its decimal text.
#[cfg_attr(wxcard_size, optimize(size))]
fn timestamp_digits(digits: &str) -> std::result::Result<u64, String> {
    if digits.is_empty() {
        return Err("got an empty string".into());
    }
    let bytes = digits.as_bytes();
    let whole = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if whole < bytes.len() {
        return Err(if whole > 0 && bytes.get(whole) == Some(&b'.') {
            text(&["got \"", digits, "\"", FRACTION])
        } else {
            text(&[
                "got \"",
                &truncate(digits, 24),
                "\", which is not all digits",
            ])
        });
    }
    if digits.len() > 10 {
        return Err(text(&[
            "got ",
            &crate::text::decimal(digits.len() as u64),
            " digits, which looks like milliseconds; divide by 1000",
        ]));
    }
    // At most ten digits: no overflow.
    let seconds = bytes.iter().fold(0, |n, &b| n * 10 + u64::from(b - b'0'));
    if seconds <= MAX_TIMESTAMP_SECONDS {
        Ok(seconds)
    } else {
        Err("too large".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

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
        let reason = |v: Value| match timestamp(&v, "t") {
            Err(Error::InvalidTimestamp { reason, .. }) => reason,
            other => panic!("{other:?}"),
        };
        let floor = "which has a fraction (Date.now() / 1000 needs Math.floor)";
        assert_eq!(reason(json!(1.5)), format!("got 1.5, {floor}"));
        assert_eq!(reason(json!("12.5")), format!("got \"12.5\", {floor}"));
        assert_eq!(reason(json!(-5)), "got a negative number -5");
        assert_eq!(
            reason(json!("1414587457123")),
            "got 13 digits, which looks like milliseconds; divide by 1000"
        );
        assert_eq!(reason(json!("x1")), "got \"x1\", which is not all digits");
        assert_eq!(reason(json!("")), "got an empty string");
        assert_eq!(
            timestamp(&json!("9999999999"), "t"),
            Ok(MAX_TIMESTAMP_SECONDS)
        );
        assert_eq!(timestamp(&json!("0000000001"), "t"), Ok(1));
    }
}
