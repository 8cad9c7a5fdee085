//! Reading adapter arguments: every parameter is a `JsValue`, so a wrong JS
//! type becomes our `INVALID_TYPE` naming the field, never a glue `TypeError`.
//!
//! Structured inputs arrive as JSON text made by the shim's strict `toJson`;
//! plain strings arrive as they are.

use crate::json::{Map, ToJson, Value};
use wasm_bindgen::JsValue;

use super::js::{is_array, json_parse};
use crate::error::{Error, Result};

/// How a JS value's type is named in messages: "undefined", "a number", …
#[cfg_attr(wxcard_size, optimize(size))]
pub fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else if is_array(value).unwrap_or(false) {
        "an array"
    } else {
        "an object"
    }
}

/// A string argument.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn string(value: &JsValue, field: &str) -> Result<String> {
    js_string(value, field, "a string")
}

/// A JS string, or `INVALID_TYPE` naming `field` and what was `expected`.
// Not inlined: one copy serves every string and JSON argument.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn js_string(value: &JsValue, field: &str, expected: &'static str) -> Result<String> {
    value.as_string().ok_or_else(|| Error::InvalidType {
        field: field.to_owned(),
        expected,
        found: type_name(value),
    })
}

/// A structured argument: JSON text from the shim, parsed.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn json(value: &JsValue, field: &str) -> Result<Value> {
    let text = js_string(value, field, "JSON text")?;
    Value::parse(&text).map_err(|e| Error::InvalidJson {
        field: field.to_owned(),
        reason: e.describe(),
    })
}

/// The shim's "running on a client" flag: anything but `false` counts as a
/// client, so a missing flag refuses tickets rather than allowing them.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn client(value: &JsValue) -> bool {
    value.as_bool() != Some(false)
}

/// A result as a plain JS object, through `JSON.parse`.
// Not generic, not inlined: one copy in the `.wasm` serves every output type.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn to_plain(value: &dyn ToJson) -> Result<JsValue> {
    json_parse(&crate::json::to_text(value))
        .map_err(|_| Error::invalid_value("result", "not representable in JavaScript"))
}

#[cfg_attr(wxcard_size, optimize(size))]
fn object(value: Value, field: &str) -> Result<Value> {
    match value {
        Value::Object(_) => Ok(value),
        other => Err(Error::InvalidType {
            field: field.to_owned(),
            expected: "an object",
            found: crate::json::type_name(&other),
        }),
    }
}

/// An option bag: a JSON object, or `INVALID_TYPE` naming the parameter.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn json_object(value: &JsValue, field: &str) -> Result<Value> {
    object(json(value, field)?, field)
}

/// An optional option bag: `null` (the shim's `undefined`) reads as `{}`;
/// anything but an object is `INVALID_TYPE` naming the parameter.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn json_or_empty(value: &JsValue, field: &str) -> Result<Value> {
    match json(value, field)? {
        Value::Null => Ok(Value::Object(Map::new())),
        other => object(other, field),
    }
}

/// The values of `cardSignature(values)`: strings as they are, integers as
/// decimal strings, `null` dropped. A number with a fraction (or beyond the
/// 64-bit integers) is `INVALID_VALUE`; any other type is `INVALID_TYPE`.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn signature_values(value: &Value, field: &str) -> Result<Vec<String>> {
    let Value::Array(items) = value else {
        return Err(Error::InvalidType {
            field: field.to_owned(),
            expected: "an array",
            found: crate::json::type_name(value),
        });
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let text = match item {
            Value::Null => continue,
            Value::String(s) => s.as_str(),
            // An integer's text is its plain decimal digits.
            Value::Number(n) if n.as_i64().is_some() || n.as_u64().is_some() => n.as_str(),
            Value::Number(n) => {
                return Err(Error::InvalidValue {
                    field: crate::input::indexed(field, i),
                    reason: crate::text::concat(&[
                        n.as_str(),
                        " is not an integer; only whole numbers are signed as decimal strings",
                    ]),
                });
            }
            other => {
                return Err(Error::InvalidType {
                    field: crate::input::indexed(field, i),
                    expected: "a string, an integer, null or undefined",
                    found: crate::json::type_name(other),
                });
            }
        };
        out.push(text.to_owned());
    }
    Ok(out)
}
