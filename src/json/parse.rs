//! The parser: JSON text (RFC 8259, strictly) to a [`Value`].

use std::fmt;

use super::number::{overflows, scan};
use super::{Map, Number, Value};

/// The deepest nesting of arrays and objects accepted, as in `serde_json`:
/// deeper text is an error rather than a risk to the stack.
pub const MAX_DEPTH: usize = 127;

/// Why JSON text did not parse, and where.
///
/// The message names what was wrong, never the text itself (which may hold a
/// secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    message: &'static str,
    line: usize,
    column: usize,
    eof: bool,
}

impl ParseError {
    /// What was wrong, such as `expected value`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn message(&self) -> &'static str {
        self.message
    }

    /// The line of the error, from 1.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the error in bytes, from 1 (0 at the end of an empty line).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn column(&self) -> usize {
        self.column
    }

    /// Whether the text ended too early (as opposed to holding a mistake).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_eof(&self) -> bool {
        self.eof
    }
}

impl ParseError {
    /// The text [`Display`](fmt::Display) writes: `expected value at line 1 column 5`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn describe(&self) -> String {
        crate::text::concat(&[
            self.message,
            " at line ",
            &crate::text::decimal(self.line as u64),
            " column ",
            &crate::text::decimal(self.column as u64),
        ])
    }
}

impl fmt::Display for ParseError {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl std::error::Error for ParseError {}

impl Value {
    /// Parses JSON text (RFC 8259): one value with optional whitespace around
    /// it. Objects repeating a key keep the last value; nesting deeper than
    /// [`MAX_DEPTH`], lone surrogate escapes, numbers that overflow an `f64`
    /// and a byte order mark are errors.
    ///
    /// ```
    /// use wxcard::json::Value;
    ///
    /// let v = Value::parse(r#"{"cardId": "p1", "n": 12}"#)?;
    /// assert_eq!(v["cardId"], "p1");
    /// assert_eq!(v["n"].as_u64(), Some(12));
    /// assert!(Value::parse("[1,]").is_err());
    /// # Ok::<(), wxcard::json::ParseError>(())
    /// ```
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn parse(text: &str) -> Result<Value, ParseError> {
        let mut parser = Parser {
            text,
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
        };
        let value = parser.value().map_err(|m| parser.failure(m))?;
        if parser.whitespace().is_some() {
            return Err(parser.failure("trailing characters"));
        }
        Ok(value)
    }
}

impl std::str::FromStr for Value {
    type Err = ParseError;

    #[cfg_attr(wxcard_size, optimize(size))]
    fn from_str(text: &str) -> Result<Value, ParseError> {
        Value::parse(text)
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

/// Whether a byte ends a plain run in a string: a quote, a backslash or a
/// control character (the bytes the writer escapes, too).
#[cfg_attr(wxcard_size, optimize(size))]
pub(super) fn special(b: u8) -> bool {
    SPECIAL.get(usize::from(b)).copied().unwrap_or(true)
}

/// [`special`] as a table: one load per byte while scanning strings.
// Built at compile time, where an index out of bounds is a compile error.
#[allow(clippy::indexing_slicing)]
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// A step's outcome; a failure is its message, at the parser's position.
type Parsed<T> = Result<T, &'static str>;

impl<'a> Parser<'a> {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// The [`ParseError`] for `message` at the current position.
    // Not inlined: errors are cold.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn failure(&self, message: &'static str) -> ParseError {
        let eof = self.at >= self.bytes.len();
        let before = self.bytes.get(..self.at).unwrap_or(self.bytes);
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        ParseError {
            message,
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: self.at - line_start + usize::from(!eof),
            eof,
        }
    }

    /// Skips whitespace; the byte after it.
    // Not inlined: one loop serves every place where whitespace may come.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn whitespace(&mut self) -> Option<u8> {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
        self.peek()
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn value(&mut self) -> Parsed<Value> {
        match self.whitespace() {
            None => Err("EOF while parsing a value"),
            Some(b'"') => self.string().map(Value::String),
            Some(b'{') => self.container(true),
            Some(b'[') => self.container(false),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err("expected value"),
        }
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn literal(&mut self, word: &'static str, value: Value) -> Parsed<Value> {
        // Stops at the first byte that differs, for the error's position.
        for &b in word.as_bytes() {
            match self.peek() {
                Some(c) if c == b => self.at += 1,
                None => return Err("EOF while parsing a value"),
                Some(_) => return Err("expected value"),
            }
        }
        Ok(value)
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn number(&mut self) -> Parsed<Value> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let Some(len) = scan(rest) else {
            return Err("invalid number");
        };
        let text = self.text.get(self.at..self.at + len).unwrap_or_default();
        if overflows(text) {
            return Err("number out of range");
        }
        self.at += len;
        Ok(Value::Number(Number::checked(text)))
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn string(&mut self) -> Parsed<String> {
        self.at += 1; // the opening quote
        // Without escapes (the common case) the first run is the whole string: one allocation.
        let mut out = String::new();
        loop {
            out.push_str(self.plain_run());
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                None => return Err("EOF while parsing a string"),
                Some(_) => {
                    return Err("control character (\\u0000-\\u001F) found while parsing a string");
                }
            }
        }
    }

    /// The bytes from here up to a quote, a backslash or a control character.
    // Not inlined: the string loop stays small.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn plain_run(&mut self) -> &'a str {
        let start = self.at;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let len = rest.iter().position(|&b| special(b)).unwrap_or(rest.len());
        self.at = start + len;
        // Both ends are at ASCII bytes (or the end), so this is whole characters.
        self.text.get(start..start + len).unwrap_or_default()
    }

    /// The character of one escape after its backslash.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn escape(&mut self) -> Parsed<char> {
        let c = match self.peek() {
            None => return Err("EOF while parsing a string"),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                return self.unicode();
            }
            Some(_) => return Err("invalid escape"),
        };
        self.at += 1;
        Ok(c)
    }

    /// The character of a `\u` escape after its `u`: four hex digits, or two
    /// escapes of a surrogate pair.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn unicode(&mut self) -> Parsed<char> {
        let unit = self.hex4()?;
        let c = match unit {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                    return Err("lone leading surrogate in hex escape");
                }
                self.at += 2;
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    self.at -= 4;
                    return Err("lone leading surrogate in hex escape");
                }
                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                self.at -= 4;
                return Err("lone trailing surrogate in hex escape");
            }
            _ => unit,
        };
        Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    /// Four hex digits of a `\u` escape.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn hex4(&mut self) -> Parsed<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => return Err("EOF while parsing a string"),
                Some(b) => (b as char).to_digit(16).ok_or("invalid escape")?,
            };
            unit = unit * 16 + digit;
            self.at += 1;
        }
        Ok(unit)
    }

    /// An array (`object` false) or an object at its opening bracket.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn container(&mut self, object: bool) -> Parsed<Value> {
        if self.depth >= MAX_DEPTH {
            return Err("recursion limit exceeded");
        }
        self.depth += 1;
        self.at += 1; // the opening bracket
        let mut items = Vec::new();
        let mut entries = Vec::new();
        // One exit for every error, so the members read so far are dropped in one place.
        self.members(object, &mut items, &mut entries)?;
        self.at += 1; // the closing bracket
        self.depth -= 1;
        Ok(if object {
            Value::Object(Map::from_entries(entries))
        } else {
            Value::Array(items)
        })
    }

    /// The members of a [`Parser::container`] up to its closing bracket: one
    /// loop for arrays and objects, as they differ only in keys and messages.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn members(
        &mut self,
        object: bool,
        items: &mut Vec<Value>,
        entries: &mut Vec<(String, Value)>,
    ) -> Parsed<()> {
        let (close, eof, expected) = if object {
            (b'}', "EOF while parsing an object", "expected `,` or `}`")
        } else {
            (b']', "EOF while parsing a list", "expected `,` or `]`")
        };
        if self.whitespace() == Some(close) {
            return Ok(());
        }
        loop {
            if object {
                match self.whitespace() {
                    Some(b'"') => {}
                    None => return Err(eof),
                    Some(_) => return Err("key must be a string"),
                }
                let key = self.string()?;
                match self.whitespace() {
                    Some(b':') => self.at += 1,
                    None => return Err(eof),
                    Some(_) => return Err("expected `:`"),
                }
                entries.push((key, self.value()?));
            } else {
                items.push(self.value()?);
            }
            match self.whitespace() {
                Some(b',') => self.at += 1,
                Some(b) if b == close => return Ok(()),
                None => return Err(eof),
                Some(_) => return Err(expected),
            }
        }
    }
}
