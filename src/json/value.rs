//! [`Value`]: one JSON value, with the accessors the crate reads it with.

use std::fmt;

use super::{Map, Number};

/// A JSON value.
///
/// Objects are [`Map`]s (sorted keys, the last of repeated keys wins) and
/// numbers are [`Number`]s kept as written. Make values by parsing
/// ([`Value::parse`]), with the [`json!`](crate::json!) macro, or with `From`.
#[derive(Debug, Default, Eq)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

static NULL: Value = Value::Null;

impl PartialEq for Value {
    // Not inlined: one copy serves arrays, objects and every caller.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl Clone for Value {
    // Not inlined: one copy serves arrays, objects and every caller.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn clone(&self) -> Self {
        match self {
            Value::Null => Value::Null,
            Value::Bool(b) => Value::Bool(*b),
            Value::Number(n) => Value::Number(n.clone()),
            Value::String(s) => Value::String(s.clone()),
            Value::Array(items) => Value::Array(items.clone()),
            Value::Object(map) => Value::Object(map.clone()),
        }
    }
}

impl Value {
    /// Whether the value is `null`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Whether the value is a string.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_string(&self) -> bool {
        matches!(self, Value::String(_))
    }

    /// Whether the value is a number.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_))
    }

    /// Whether the value is a boolean.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_boolean(&self) -> bool {
        matches!(self, Value::Bool(_))
    }

    /// Whether the value is an array.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// Whether the value is an object.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// Whether the value is a number that fits a `u64`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// Whether the value is a number that fits an `i64`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// The string, if the value is one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if the value is one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number as a `u64`, if it is a non-negative integer that fits.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// The number as an `i64`, if it is an integer that fits.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The number as the nearest `f64`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The items, if the value is an array.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The items, if the value is an array, to change in place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if the value is an object.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The members, if the value is an object, to change in place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// An object member or an array item: `value.get("cardId")`, `value.get(0)`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn get<I: Index>(&self, index: I) -> Option<&Value> {
        index.index_into(self)
    }

    /// The value at a JSON Pointer (RFC 6901), such as `/card/member_card`;
    /// `""` is the value itself.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        let mut value = self;
        for at in steps(pointer)? {
            value = match value {
                Value::Object(map) => map.value_at(locate(value, at)?),
                Value::Array(items) => items.get(locate(value, at)?),
                _ => None,
            }?;
        }
        Some(value)
    }

    /// [`Value::pointer`], to change the value in place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        let mut value = self;
        for at in steps(pointer)? {
            let i = locate(value, at)?;
            value = match value {
                Value::Object(map) => map.value_at_mut(i),
                Value::Array(items) => items.get_mut(i),
                _ => None,
            }?;
        }
        Some(value)
    }

    /// Replaces the value with `null` and returns it.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn take(&mut self) -> Value {
        std::mem::take(self)
    }
}

/// The tokens of a JSON pointer, each still escaped: none for `""`, `None`
/// when it does not start with `/`.
#[cfg_attr(wxcard_size, optimize(size))]
fn steps(pointer: &str) -> Option<Tokens<'_>> {
    match pointer {
        "" => Some(Tokens(None)),
        _ => Some(Tokens(Some(pointer.strip_prefix('/')?))),
    }
}

/// The tokens of a JSON pointer after its first `/`.
struct Tokens<'a>(Option<&'a str>);

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    #[cfg_attr(wxcard_size, optimize(size))]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        match rest.bytes().position(|b| b == b'/') {
            Some(at) => {
                // `at` is at an ASCII byte, so both parts are whole characters.
                self.0 = rest.get(at + 1..);
                rest.get(..at)
            }
            None => self.0.take(),
        }
    }
}

/// Where the pointer token `token` leads in `value`: the position of the
/// member or item, shared by [`Value::pointer`] and [`Value::pointer_mut`].
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn locate(value: &Value, token: &str) -> Option<usize> {
    let token = unescape_token(token);
    match value {
        Value::Object(map) => map.position(&token),
        Value::Array(items) => array_index(&token).filter(|&i| i < items.len()),
        _ => None,
    }
}

/// A pointer token with `~1` and `~0` decoded (left to right, so `~01` is `~1`).
#[cfg_attr(wxcard_size, optimize(size))]
fn unescape_token(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut rest = token;
    while let Some(at) = rest.bytes().position(|b| b == b'~') {
        // `at` is at an ASCII byte, so both parts are whole characters.
        let (plain, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        out.push_str(plain);
        let (decoded, len) = match tail.as_bytes().get(1) {
            Some(b'1') => ("/", 2),
            Some(b'0') => ("~", 2),
            _ => ("~", 1),
        };
        out.push_str(decoded);
        rest = tail.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// An array index in a pointer: decimal digits without leading zeros.
#[cfg_attr(wxcard_size, optimize(size))]
fn array_index(token: &str) -> Option<usize> {
    if token.is_empty() || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.bytes().try_fold(0usize, |n, b| {
        let digit = b.is_ascii_digit().then(|| usize::from(b - b'0'))?;
        n.checked_mul(10)?.checked_add(digit)
    })
}

/// What [`Value::get`] and indexing accept: a key (`&str`, `String`) or an
/// array position (`usize`).
pub trait Index {
    /// The member or item of `value` this names.
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value>;
}

impl Index for usize {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_array()?.get(*self)
    }
}

impl Index for str {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_object()?.get(self)
    }
}

impl Index for String {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        value.as_object()?.get(self)
    }
}

impl<T: Index + ?Sized> Index for &T {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn index_into<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        (**self).index_into(value)
    }
}

impl<I: Index> std::ops::Index<I> for Value {
    type Output = Value;

    /// The member or item, or `null` when there is none (never panics).
    #[cfg_attr(wxcard_size, optimize(size))]
    fn index(&self, index: I) -> &Value {
        index.index_into(self).unwrap_or(&NULL)
    }
}

impl std::ops::IndexMut<&str> for Value {
    /// The member `key`, added as `null` when missing, for assignment:
    /// `value["code"] = json!("1")`. A value that is not an object becomes an
    /// empty object first (never a panic).
    #[cfg_attr(wxcard_size, optimize(size))]
    fn index_mut(&mut self, key: &str) -> &mut Value {
        if !self.is_object() {
            *self = Value::Object(Map::new());
        }
        match self {
            Value::Object(map) => map.get_or_insert_with(key, || Value::Null),
            other => other,
        }
    }
}

impl fmt::Display for Value {
    /// The compact JSON text, as [`ToJson::to_json`](super::ToJson::to_json) writes it.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::ToJson::to_json(self))
    }
}

impl PartialEq<str> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

impl PartialEq<&str> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<String> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn eq(&self, other: &String) -> bool {
        self.as_str() == Some(other.as_str())
    }
}

impl PartialEq<Value> for &str {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn eq(&self, other: &Value) -> bool {
        other.as_str() == Some(*self)
    }
}

impl PartialEq<bool> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == Some(*other)
    }
}

macro_rules! integer_conversions {
    ($($t:ty)*) => {$(
        impl PartialEq<$t> for Value {
            #[cfg_attr(wxcard_size, optimize(size))]
            fn eq(&self, other: &$t) -> bool {
                match self {
                    Value::Number(n) => *n == Number::from(*other),
                    _ => false,
                }
            }
        }

        impl From<$t> for Value {
            #[cfg_attr(wxcard_size, optimize(size))]
            fn from(x: $t) -> Value {
                Value::Number(x.into())
            }
        }

        impl ToValue for $t {
            #[cfg_attr(wxcard_size, optimize(size))]
            fn to_value(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}

integer_conversions!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

impl From<bool> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<Number> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

impl From<Map> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(map: Map) -> Value {
        Value::Object(map)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    /// `None` is `null`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(x: Option<T>) -> Value {
        x.map_or(Value::Null, Into::into)
    }
}

/// A conversion to a [`Value`] by reference: what the [`json!`](crate::json!)
/// macro calls on each interpolated expression, so that using a variable
/// there does not move it.
pub trait ToValue {
    /// The value as JSON.
    fn to_value(&self) -> Value;
}

impl ToValue for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl ToValue for bool {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
}

impl ToValue for str {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl ToValue for String {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        Value::String(self.clone())
    }
}

impl ToValue for Map {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl ToValue for f64 {
    /// A finite number in Rust's shortest round-trip form, with a fraction
    /// (`1.0`, as `serde_json` writes it); NaN and the infinities are `null`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        if !self.is_finite() {
            return Value::Null;
        }
        let text = format!("{self:?}");
        Number::from_text(&text).map_or(Value::Null, Value::Number)
    }
}

impl<T: ToValue> ToValue for [T] {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        Value::Array(self.iter().map(ToValue::to_value).collect())
    }
}

impl<T: ToValue, const N: usize> ToValue for [T; N] {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}

impl<T: ToValue> ToValue for Vec<T> {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        self.as_slice().to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    /// `None` is `null`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn accessors_and_indexing() {
        let v = json!({"a": [1, "x", null], "b": {"c/d": true, "e~f": -3}});
        assert_eq!(v["a"][1], "x");
        assert!(v["a"][2].is_null());
        assert!(v["missing"]["deeper"][7].is_null());
        assert_eq!(v.get("a").and_then(|a| a.get(0)), Some(&json!(1)));
        assert_eq!(v.pointer("/b/c~1d"), Some(&json!(true)));
        assert_eq!(v.pointer("/b/e~0f").and_then(Value::as_i64), Some(-3));
        assert_eq!(v.pointer("/a/01"), None);
        assert_eq!(v.pointer("/a/0"), Some(&json!(1)));
        assert_eq!(v.pointer(""), Some(&v));
        assert_eq!(v.pointer("a"), None);
        assert_eq!(v.pointer("/a/3"), None);
        assert_eq!(v.pointer("/a/0/x"), None);
        for index in ["+1", "", "-0", "1a", "99999999999999999999999"] {
            assert_eq!(v.pointer(&format!("/a/{index}")), None, "{index}");
        }
        assert_eq!(v.pointer("/a/2"), Some(&json!(null)));
        let tokens = json!({"": {"~1": 1, "": 2, "/": 3, "~x": 4}, "卡/券": 5});
        assert_eq!(tokens.pointer("/~01/"), None);
        assert_eq!(tokens.pointer("/"), Some(&tokens[""]));
        assert_eq!(tokens.pointer("//~01"), Some(&json!(1)));
        assert_eq!(tokens.pointer("//"), Some(&json!(2)));
        assert_eq!(tokens.pointer("//~1"), Some(&json!(3)));
        assert_eq!(tokens.pointer("//~x"), Some(&json!(4)));
        assert_eq!(tokens.pointer("/卡~1券"), Some(&json!(5)));
        let mut w = v.clone();
        assert_eq!(w.pointer_mut("/b/e~0f"), Some(&mut json!(-3)));
        assert_eq!(w.pointer_mut("/b/x"), None);
        assert_eq!(w.pointer_mut("b"), None);
        *w.pointer_mut("/a/1").unwrap() = json!("y");
        assert_eq!(w["a"][1], "y");
        w["b"]["new"] = json!(2);
        assert_eq!(w["b"], json!({"c/d": true, "e~f": -3, "new": 2}));
        w["a"]["k"] = json!(null);
        assert_eq!(w["a"], json!({"k": null}));
        assert_eq!(v["a"][0], 1u64);
        assert_ne!(v["a"][1], 1u64);
    }

    #[test]
    fn conversions() {
        assert_eq!(Value::from(Some("x")), json!("x"));
        assert_eq!(Value::from(None::<u8>), Value::Null);
        assert_eq!(Value::from(vec![1u8, 2]), json!([1, 2]));
        assert_eq!(1.5f64.to_value().to_string(), "1.5");
        assert_eq!(1.0f64.to_value().to_string(), "1.0");
        assert_eq!(1e21f64.to_value().to_string(), "1e21");
        assert_eq!(f64::NAN.to_value(), Value::Null);
        assert_eq!(Value::from(-7i64).as_i64(), Some(-7));
    }
}
