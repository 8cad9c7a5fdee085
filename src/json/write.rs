//! The writer: compact JSON text from values and from the crate's output types.

use super::parse::special;
use super::{Map, Number, Value};

/// Types written as JSON text: [`Value`] and every output type of the crate
/// (reports, problems, card lists, …), with the field names of the JS API.
///
/// The text is compact (no spaces), strings are escaped as `serde_json` and
/// `JSON.stringify` escape them, and object keys come in a fixed order.
///
/// ```
/// use wxcard::json::ToJson;
/// use wxcard::{Problem, Severity};
///
/// let p = Problem::warning("UNKNOWN_KEY", Some("cardExt.x".into()), "cardExt.x: not a cardExt field");
/// assert_eq!(p.severity, Severity::Warning);
/// assert_eq!(
///     p.to_json(),
///     r#"{"code":"UNKNOWN_KEY","field":"cardExt.x","severity":"warning","message":"cardExt.x: not a cardExt field"}"#
/// );
/// ```
pub trait ToJson {
    /// Appends the JSON text to `out`.
    fn write_json(&self, out: &mut String);

    /// The JSON text.
    // `Self: Sized` keeps this method out of `dyn ToJson` vtables, so the
    // module does not carry a copy of it per type: every call goes through
    // the one [`to_text`].
    fn to_json(&self) -> String
    where
        Self: Sized,
    {
        to_text(self)
    }
}

/// The JSON text of any [`ToJson`] value, `dyn ToJson` included.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn to_text(value: &dyn ToJson) -> String {
    let mut out = String::with_capacity(128);
    value.write_json(&mut out);
    out
}

/// Appends `s` as a JSON string: `"` and `\` escaped, control characters as
/// `\n`, `\t`, … or `\u00XX`, everything else (`/`, non-ASCII) as it is.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(at) = rest.bytes().position(special) {
        // `at` is at an ASCII byte, so both parts are whole characters.
        let (plain, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        out.push_str(plain);
        let Some(&b) = tail.as_bytes().first() else {
            break;
        };
        escape(out, b);
        rest = tail.get(1..).unwrap_or_default();
    }
    out.push_str(rest);
    out.push('"');
}

/// The escape of one byte that JSON strings cannot hold as it is.
// Not inlined: escapes are rare, and the scan above stays small.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn escape(out: &mut String, b: u8) {
    // The letter of a two-character escape, or `u` for `\u00XX`.
    let letter = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0c => b'f',
        _ => b'u',
    };
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |nibble: u8| HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
    let escape = [b'\\', letter, b'0', b'0', hex(b >> 4), hex(b & 0xf)];
    let len = if letter == b'u' { escape.len() } else { 2 };
    for &c in escape.get(..len).unwrap_or_default() {
        out.push(char::from(c));
    }
}

/// Writes one JSON object member by member, in the order of the calls.
///
/// ```
/// use wxcard::json::{ObjectWriter, ToJson};
///
/// struct Point { x: u64, label: Option<String> }
///
/// impl ToJson for Point {
///     fn write_json(&self, out: &mut String) {
///         ObjectWriter::new(out)
///             .field("x", &self.x)
///             .optional("label", self.label.as_ref())
///             .end();
///     }
/// }
///
/// assert_eq!(Point { x: 1, label: None }.to_json(), r#"{"x":1}"#);
/// ```
#[must_use = "`end` writes the closing brace"]
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    /// Starts an object.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Writes `"key":value`.
    // Not inlined: one copy serves every output type's writer.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn field(mut self, key: &str, value: &dyn ToJson) -> Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    /// Writes `"key":value` when there is a value; `None` leaves the key out.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn optional<T: ToJson>(self, key: &str, value: Option<T>) -> Self {
        match value {
            Some(value) => self.field(key, &value),
            None => self,
        }
    }

    /// Ends the object.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn end(self) {
        self.out.push('}');
    }
}

impl ToJson for str {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for String {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for bool {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for u64 {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push_str(&crate::text::decimal(*self));
    }
}

impl ToJson for Number {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

impl<T: ToJson> ToJson for [T] {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        let mut separator = '[';
        for item in self {
            out.push(separator);
            separator = ',';
            item.write_json(out);
        }
        if self.is_empty() {
            out.push('[');
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    /// `None` is `null`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for Map {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        for (key, value) in self {
            object = object.field(key, value);
        }
        object.end();
    }
}

impl ToJson for Value {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Number(n) => n.write_json(out),
            Value::String(s) => write_str(out, s),
            Value::Array(items) => items.write_json(out),
            Value::Object(map) => map.write_json(out),
        }
    }
}
