//! Routing `addCard` from a mini-program `<web-view>` to a native page.
//!
//! An H5 page inside a `<web-view>` sends its validated card list to a native
//! mini-program page with `wx.miniProgram.navigateTo({ url })`; that page calls
//! `wx.addCard` with what [`read_add_card_query`] gives back from its `onLoad`
//! query. Why a native page: see [`crate::environment::Reason::UseNativePage`].
//!
//! # Encoding
//!
//! Each card becomes one query parameter, `wxcard0`, `wxcard1`, …, whose value
//! is the compact JSON `{"cardId":…,"cardExt":…}` as UTF-8, in unpadded
//! base64url. That alphabet (`A–Z a–z 0–9 - _`) is unreserved in URLs, so:
//!
//! - the value reads the same whether the mini-program framework hands
//!   `onLoad` the query decoded once (what it does for `navigateTo`) or not at
//!   all, and whether a caller encoded it again: Chinese text in `outer_str`
//!   is inside the base64 and never meets a URL decoder;
//! - it has no `=`, which the framework's query parser is reported to cut
//!   values at (`3==qMsxn` read as `3`), no `&`, `?` or `#`, and is never
//!   empty (an empty value is reported to arrive as the string `"undefined"`).
//!
//! # Limits
//!
//! WeChat documents no length limit for a `navigateTo` URL. Reports from
//! developers put it around 1 KB per parameter and 2 KB per URL, so this
//! module refuses, with [`Error::PayloadTooLong`], a card parameter longer
//! than [`MAX_PARAM_LEN`] or a whole URL longer than [`MAX_URL_LEN`] bytes —
//! a clear error rather than a card silently cut short. A typical signed card
//! (28-character id, nonce, signature, timestamp) takes about 350 bytes, so
//! a list of four or five cards fits.

mod base64url;

use crate::json::{ToJson, Value};

use crate::card_list::{AddCardItem, add_card_list_json};
use crate::environment::{cut, split_once};
use crate::error::{Error, Result};
use crate::json::{self, truncate};

/// The prefix of the query keys: `wxcard0`, `wxcard1`, …
pub const QUERY_PREFIX: &str = "wxcard";
/// The longest value of one card parameter, in bytes.
pub const MAX_PARAM_LEN: usize = 1024;
/// The longest page URL, path and query together, in bytes.
pub const MAX_URL_LEN: usize = 2048;

/// The URL of native page `page` (an absolute mini-program path such as
/// `/pages/add-card/index`, optionally with a query of its own) carrying
/// `items`, for `wx.miniProgram.navigateTo({ url })`.
///
/// `items` should come from [`add_card_list`](crate::card_list::add_card_list), so that only validated lists
/// travel; [`read_add_card_query`] validates again on arrival.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn add_card_page_url(page: &str, items: &[AddCardItem]) -> Result<String> {
    check_page(page)?;
    if items.is_empty() {
        return Err(Error::missing("cardList"));
    }
    let mut url = page.to_owned();
    let mut separator = if page.bytes().any(|b| b == b'?') {
        '&'
    } else {
        '?'
    };
    for (i, item) in items.iter().enumerate() {
        url.push(separator);
        url.push_str(QUERY_PREFIX);
        url.push_str(&crate::text::decimal(i as u64));
        url.push('=');
        let start = url.len();
        base64url::encode_into(&mut url, item.to_json().as_bytes());
        let len = url.len() - start;
        if len > MAX_PARAM_LEN {
            return Err(too_long(
                crate::input::indexed("cardList", i),
                MAX_PARAM_LEN,
                len,
            ));
        }
        separator = '&';
    }
    if url.len() > MAX_URL_LEN {
        return Err(too_long("cardList".into(), MAX_URL_LEN, url.len()));
    }
    Ok(url)
}

/// The validated card list carried by a native page's `onLoad` query.
///
/// `query` is the query object WeChat passes to `onLoad` (string values), or
/// a string: a query string with or without a leading `?`, or a whole page
/// URL. Values still percent-encoded are decoded first, so a query decoded
/// once, or not at all, gives the same list. Other keys are ignored.
///
/// Errors: `MISSING_FIELD` (`query.wxcard0`) when the query carries no card,
/// `INVALID_TYPE` for a non-string value, `INVALID_VALUE` for a value that is
/// not a wxcard payload, and every error of [`add_card_list`](crate::card_list::add_card_list) for the cards.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn read_add_card_query(query: &Value) -> Result<Vec<AddCardItem>> {
    if !matches!(query, Value::String(_) | Value::Object(_)) {
        return Err(Error::InvalidType {
            field: "query".into(),
            expected: "an object or a string",
            found: json::type_name(query),
        });
    }
    let mut items = Vec::new();
    loop {
        let mut field = String::from("query.wxcard");
        field.push_str(&crate::text::decimal(items.len() as u64));
        let key = field.get("query.".len()..).unwrap_or_default();
        let value = match query {
            Value::String(text) => find_param(text, key, false),
            Value::Object(map) => match map.get(key) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.as_str()),
                Some(other) => {
                    return Err(Error::InvalidType {
                        field,
                        expected: "a string",
                        found: json::type_name(other),
                    });
                }
            },
            _ => None,
        };
        let Some(value) = value else { break };
        items.push(decode_item(value, &field)?);
    }
    if items.is_empty() {
        return Err(Error::missing("query.wxcard0"));
    }
    add_card_list_json(&Value::Array(items))
}

/// A `PAYLOAD_TOO_LONG` error.
#[cfg_attr(wxcard_size, optimize(size))]
fn too_long(field: String, max: usize, len: usize) -> Error {
    Error::PayloadTooLong { field, max, len }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn check_page(page: &str) -> Result<()> {
    if page.is_empty() {
        return Err(Error::missing("page"));
    }
    let reason = if !page.starts_with('/') {
        let mut reason = String::from(
            "must be an absolute mini-program path such as /pages/add-card/index, got \"",
        );
        reason.push_str(&truncate(page, 64));
        reason.push('"');
        reason
    } else if page.bytes().any(|b| b == b'#') || crate::rules::has_blank(page) {
        "must not contain '#', spaces or control characters".into()
    } else if page.bytes().any(|b| b == b'?') && find_param(page, QUERY_PREFIX, true).is_some() {
        "its query must not use the wxcard… keys, which carry the cards".into()
    } else {
        return Ok(());
    };
    Err(Error::invalid_value("page", reason))
}

#[cfg_attr(wxcard_size, optimize(size))]
fn decode_item(value: &str, field: &str) -> Result<Value> {
    let decoded;
    let unescaped = if value.bytes().any(|b| b == b'%') {
        decoded = percent_decode(value);
        decoded
            .as_deref()
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
    } else {
        Some(value)
    };
    let bytes = unescaped.and_then(|text| base64url::decode(text.trim()));
    let Some(text) = bytes
        .as_deref()
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
    else {
        return Err(Error::invalid_value(
            field,
            "not a card written by navigateToAddCardPage (expected unpadded base64url)",
        ));
    };
    match Value::parse(text) {
        Ok(item @ Value::Object(_)) => Ok(item),
        Ok(other) => Err(Error::InvalidType {
            field: field.to_owned(),
            expected: "an encoded {cardId, cardExt} object",
            found: json::type_name(&other),
        }),
        Err(e) => Err(Error::InvalidJson {
            field: field.to_owned(),
            reason: e.describe(),
        }),
    }
}

/// Decodes `%XX` escapes (and `+` as a space, as form encoding does); `None`
/// for a broken escape.
#[cfg_attr(wxcard_size, optimize(size))]
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        out.push(match b {
            b'%' => hex_digit(bytes.next())? << 4 | hex_digit(bytes.next())?,
            b'+' => b' ',
            other => other,
        });
    }
    Some(out)
}

/// The value of a hexadecimal digit.
#[cfg_attr(wxcard_size, optimize(size))]
fn hex_digit(digit: Option<u8>) -> Option<u8> {
    match digit? {
        d @ b'0'..=b'9' => Some(d - b'0'),
        d @ (b'a'..=b'f' | b'A'..=b'F') => Some((d | 0x20) - b'a' + 10),
        _ => None,
    }
}

/// The raw, still-encoded value of the first parameter of query `text` whose
/// key is `wanted` (or, with `prefix`, begins with it). `text` is `a=b&c=d`,
/// optionally after a `?` (a whole URL) and before a `#`; a key without `=`
/// has the value `""`.
// Not inlined: one copy serves reading a query and checking a page's own.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn find_param<'a>(text: &'a str, wanted: &str, prefix: bool) -> Option<&'a str> {
    let query = split_once(text, b'?').map_or(text, |(_, q)| q);
    let query = split_once(query, b'#').map_or(query, |(q, _)| q);
    let mut rest = Some(query);
    while let Some(text) = rest {
        let pair;
        (pair, rest) = cut(text, b'&');
        let (key, value) = split_once(pair, b'=').unwrap_or((pair, ""));
        if key == wanted || (prefix && key.starts_with(wanted)) {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b+c").as_deref(), Some(&b"a b c"[..]));
        assert_eq!(
            percent_decode("%E4%B8%AD").as_deref(),
            Some("中".as_bytes())
        );
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%ff").as_deref(), Some(&[0xff][..]));
    }

    #[test]
    fn query_strings() {
        let url = "/pages/a/index?x=1&wxcard0=abc&x=2&wxcard1&wxcard2=#x=3";
        assert_eq!(find_param(url, "x", false), Some("1"));
        assert_eq!(find_param(url, "wxcard0", false), Some("abc"));
        assert_eq!(find_param(url, "wxcard1", false), Some(""));
        assert_eq!(find_param(url, "wxcard2", false), Some(""));
        assert_eq!(find_param(url, "wxcard", false), None);
        assert_eq!(find_param(url, "wxcard", true), Some("abc"));
        assert_eq!(find_param("a=1&&b=2", "b", false), Some("2"));
    }
}
