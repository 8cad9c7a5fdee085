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

use crate::json::{Map, ToJson, Value};

use crate::card_list::{AddCardInput, AddCardItem, add_card_list};
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
/// `items` should come from [`add_card_list`], so that only validated lists
/// travel; [`read_add_card_query`] validates again on arrival.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn add_card_page_url(page: &str, items: &[AddCardItem]) -> Result<String> {
    check_page(page)?;
    if items.is_empty() {
        return Err(Error::missing("cardList"));
    }
    let mut url = page.to_owned();
    let mut separator = if page.contains('?') { '&' } else { '?' };
    for (i, item) in items.iter().enumerate() {
        let value = encode_item(item)?;
        if value.len() > MAX_PARAM_LEN {
            return Err(Error::PayloadTooLong {
                field: format!("cardList[{i}]"),
                max: MAX_PARAM_LEN,
                len: value.len(),
            });
        }
        url.push(separator);
        url.push_str(&format!("{QUERY_PREFIX}{i}={value}"));
        separator = '&';
    }
    if url.len() > MAX_URL_LEN {
        return Err(Error::PayloadTooLong {
            field: "cardList".into(),
            max: MAX_URL_LEN,
            len: url.len(),
        });
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
/// not a wxcard payload, and every error of [`add_card_list`] for the cards.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn read_add_card_query(query: &Value) -> Result<Vec<AddCardItem>> {
    let parsed;
    let params = match query {
        Value::String(s) => {
            parsed = parse_query_string(s);
            &parsed
        }
        Value::Object(map) => map,
        other => {
            return Err(Error::InvalidType {
                field: "query".into(),
                expected: "an object or a string",
                found: json::type_name(other),
            });
        }
    };
    let mut items = Vec::new();
    for i in 0.. {
        let field = format!("query.{QUERY_PREFIX}{i}");
        let key = field.get("query.".len()..).unwrap_or_default();
        let value = match params.get(key) {
            None | Some(Value::Null) => break,
            Some(Value::String(s)) => s,
            Some(other) => {
                return Err(Error::InvalidType {
                    field,
                    expected: "a string",
                    found: json::type_name(other),
                });
            }
        };
        items.push(decode_item(value, &field)?);
    }
    if items.is_empty() {
        return Err(Error::missing(format!("query.{QUERY_PREFIX}0")));
    }
    let inputs = AddCardInput::list_from_json(&Value::Array(items))?;
    add_card_list(&inputs)
}

#[cfg_attr(wxcard_size, optimize(size))]
fn check_page(page: &str) -> Result<()> {
    if page.is_empty() {
        return Err(Error::missing("page"));
    }
    if !page.starts_with('/') {
        return Err(Error::invalid_value(
            "page",
            format!(
                "must be an absolute mini-program path such as /pages/add-card/index, got \"{}\"",
                truncate(page, 64)
            ),
        ));
    }
    if page.contains(|c: char| c == '#' || c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid_value(
            "page",
            "must not contain '#', spaces or control characters",
        ));
    }
    let own_query = page.split_once('?').map_or("", |(_, q)| q);
    if own_query
        .split('&')
        .any(|pair| pair.starts_with(QUERY_PREFIX))
    {
        return Err(Error::invalid_value(
            "page",
            format!("its query must not use the {QUERY_PREFIX}… keys, which carry the cards"),
        ));
    }
    Ok(())
}

#[cfg_attr(wxcard_size, optimize(size))]
fn encode_item(item: &AddCardItem) -> Result<String> {
    Ok(base64url::encode(item.to_json().as_bytes()))
}

#[cfg_attr(wxcard_size, optimize(size))]
fn decode_item(value: &str, field: &str) -> Result<Value> {
    let not_ours = || {
        Error::invalid_value(
            field,
            "not a card written by navigateToAddCardPage (expected unpadded base64url)",
        )
    };
    let decoded;
    let unescaped = if value.contains('%') {
        decoded = percent_decode(value).ok_or_else(not_ours)?;
        decoded.as_str()
    } else {
        value
    };
    let bytes = base64url::decode(unescaped.trim()).ok_or_else(not_ours)?;
    let text = String::from_utf8(bytes).map_err(|_| not_ours())?;
    let item = Value::parse(&text).map_err(|e| Error::InvalidJson {
        field: field.to_owned(),
        reason: e.to_string(),
    })?;
    match item {
        Value::Object(_) => Ok(item),
        other => Err(Error::InvalidType {
            field: field.to_owned(),
            expected: "an encoded {cardId, cardExt} object",
            found: json::type_name(&other),
        }),
    }
}

/// Decodes `%XX` escapes (and `+` as a space, as form encoding does); `None`
/// for a broken escape or bytes that are not UTF-8.
#[cfg_attr(wxcard_size, optimize(size))]
fn percent_decode(text: &str) -> Option<String> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'%' => {
                let hi = char::from(bytes.next()?).to_digit(16)?;
                let lo = char::from(bytes.next()?).to_digit(16)?;
                out.push(u8::try_from(hi * 16 + lo).ok()?);
            }
            b'+' => out.push(b' '),
            other => out.push(other),
        }
    }
    String::from_utf8(out).ok()
}

/// Splits `?a=b&c=d` (or a whole URL) into raw, still-encoded values; the
/// first occurrence of a key wins.
#[cfg_attr(wxcard_size, optimize(size))]
fn parse_query_string(text: &str) -> Map {
    let query = text.split_once('?').map_or(text, |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let mut map = Map::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        map.get_or_insert_with(key, || Value::String(value.to_owned()));
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b+c").as_deref(), Some("a b c"));
        assert_eq!(percent_decode("%E4%B8%AD").as_deref(), Some("中"));
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%ff"), None);
    }

    #[test]
    fn query_strings() {
        let map = parse_query_string("/pages/a/index?x=1&wxcard0=abc&x=2#frag");
        assert_eq!(map.get("x"), Some(&Value::String("1".into())));
        assert_eq!(map.get("wxcard0"), Some(&Value::String("abc".into())));
    }
}
