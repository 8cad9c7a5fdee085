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
    let invalid = |reason: String| Error::InvalidTimestamp {
        field: field.to_owned(),
        reason,
    };
    let digits = match value {
        Value::String(s) => s.as_str(),
        // A JSON number that is a `u64` is written as its plain decimal digits.
        Value::Number(n) => match n.as_u64() {
            Some(_) => n.as_str(),
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
    timestamp_digits(digits).map_err(invalid)
}

/// The rules of [`timestamp`] for its decimal text.
#[cfg_attr(wxcard_size, optimize(size))]
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
