//! The value rules the payload builders enforce: card ids, codes, nonces,
//! openids, tickets, timestamps and the keys of JS option bags.
//!
//! Each check returns the first mistake as an [`Error`] naming the field.
//! Lengths are counted in characters, as WeChat's documentation counts them.

use crate::error::{Error, Result};
use crate::json::{self, Fields};
use crate::secret::Ticket;

/// The longest `code` WeChat accepts: "检查code参数是否超过20位" (troubleshooting doc).
pub const MAX_CODE_LEN: usize = 20;
/// The longest `nonce_str`: "随机字符串，由开发者设置传入 … 不长于32位" (JS-SDK Appendix 4).
pub const MAX_NONCE_LEN: usize = 32;
/// The longest `card_id`: the chooseCard table types `cardId` as string(32).
pub const MAX_CARD_ID_LEN: usize = 32;
/// The longest `openid` accepted. Observed openids have 28 characters; the limit
/// only stops runaway input.
pub const MAX_OPENID_LEN: usize = 64;
/// The longest `appId` accepted (official-account AppIDs have 18 characters).
pub const MAX_APP_ID_LEN: usize = 32;
/// The shortest string taken for an *encrypted* code: AES output is at least one
/// 16-byte block, which is 24 characters of base64.
pub const MIN_ENCRYPTED_CODE_LEN: usize = 24;

/// The characters a checked value may hold (ASCII only).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Chars {
    /// Letters and digits.
    Alphanumeric,
    /// Letters, digits and `_`.
    Word,
    /// Letters, digits, `_` and `-`.
    Id,
    /// Upper-case letters and `_`.
    Upper,
    /// Printable ASCII, no space.
    Printable,
}

impl Chars {
    /// Whether `c` is one of these characters.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn allow(self, c: char) -> bool {
        match self {
            Chars::Alphanumeric => c.is_ascii_alphanumeric(),
            Chars::Word => c.is_ascii_alphanumeric() || c == '_',
            Chars::Id => c.is_ascii_alphanumeric() || c == '_' || c == '-',
            Chars::Upper => c.is_ascii_uppercase() || c == '_',
            Chars::Printable => c.is_ascii_graphic(),
        }
    }
}

/// What the message of a refused character quotes after the rule's text.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Quote {
    /// Nothing.
    Nothing,
    /// `; got "<value>"`, the value cut at the rule's limit.
    Value,
    /// `; found <character>` (see [`crate::text::describe_char`]).
    Char,
}

/// One value rule: a length limit in characters and a character class.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TextRule {
    /// Whether an empty value is [`Error::MissingField`].
    pub required: bool,
    /// The most characters allowed.
    pub max: usize,
    /// The characters allowed.
    pub chars: Chars,
    /// What the message says about a refused character.
    pub message: &'static str,
    /// What the message quotes after it.
    pub quote: Quote,
}

const CARD_ID: TextRule = TextRule {
    required: true,
    max: MAX_CARD_ID_LEN,
    chars: Chars::Id,
    message: "a card id has only letters, digits, '_' and '-'",
    quote: Quote::Value,
};

const CODE: TextRule = TextRule {
    required: false,
    max: MAX_CODE_LEN,
    chars: Chars::Word,
    message: "a code has only letters, digits and '_'",
    quote: Quote::Char,
};

const NONCE: TextRule = TextRule {
    required: false,
    max: MAX_NONCE_LEN,
    chars: Chars::Printable,
    message: "a nonce has printable ASCII only, best letters and digits",
    quote: Quote::Char,
};

const OPENID: TextRule = TextRule {
    required: false,
    max: MAX_OPENID_LEN,
    chars: Chars::Id,
    message: "an openid has only letters, digits, '_' and '-'",
    quote: Quote::Char,
};

const APP_ID: TextRule = TextRule {
    required: true,
    max: MAX_APP_ID_LEN,
    chars: Chars::Alphanumeric,
    message: "an appId has only letters and digits (wx followed by 16 hex digits)",
    quote: Quote::Nothing,
};

/// Checks `value` against `rule`: present if required, then its length, then
/// its characters; the first mistake names `field`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_text(value: &str, field: &str, rule: &TextRule) -> Result<()> {
    if rule.required && value.is_empty() {
        return Err(Error::missing(field));
    }
    let len = crate::text::char_count(value);
    if len > rule.max {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: rule.max,
            len,
            unit: "characters",
        });
    }
    let Some(c) = value.chars().find(|&c| !rule.chars.allow(c)) else {
        return Ok(());
    };
    let mut reason = String::from(rule.message);
    match rule.quote {
        Quote::Nothing => {}
        Quote::Value => {
            reason.push_str("; got \"");
            reason.push_str(&json::truncate(value, rule.max));
            reason.push('"');
        }
        Quote::Char => {
            reason.push_str("; found ");
            reason.push_str(&crate::text::describe_char(c));
        }
    }
    Err(Error::InvalidValue {
        field: field.to_owned(),
        reason,
    })
}

/// A `card_id`: 1 to 32 characters of `[A-Za-z0-9_-]` (observed ids are `p` + 27 of them).
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_card_id(value: &str, field: &str) -> Result<()> {
    check_text(value, field, &CARD_ID)
}

/// A decrypted card `code`: at most 20 characters, ASCII letters, digits and `_`.
///
/// WeChat rejects codes "超过20位或含特殊字符" (troubleshooting doc). Letters and
/// digits are what custom codes are made of; `_` is allowed because the older
/// official example code is `jonyqin_1434008071`.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_code(value: &str, field: &str) -> Result<()> {
    check_text(value, field, &CODE)
}

/// A nonce (`nonce_str` / `nonceStr`): at most 32 printable ASCII characters,
/// no spaces. WeChat recommends letters and digits ("推荐使用大小写字母和数字").
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_nonce(value: &str, field: &str) -> Result<()> {
    check_text(value, field, &NONCE)
}

/// An `openid`: `[A-Za-z0-9_-]`, at most 64 characters (observed: 28, `o…`).
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_openid(value: &str, field: &str) -> Result<()> {
    check_text(value, field, &OPENID)
}

/// An `appId`: present, at most 32 ASCII letters and digits (AppIDs are `wx`
/// followed by 16 hex digits).
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_app_id(value: &str, field: &str) -> Result<()> {
    check_text(value, field, &APP_ID)
}

/// A ticket: present, and free of whitespace and control characters, which
/// WeChat's tickets never contain (a stray newline from a file or cache is a
/// classic cause of 签名错误). The message never quotes the ticket.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_ticket(ticket: &Ticket, field: &str) -> Result<()> {
    if ticket.is_empty() {
        return Err(Error::missing(field));
    }
    if has_blank(ticket.expose()) {
        return Err(Error::invalid_value(
            field,
            "contains whitespace or a control character; WeChat tickets never do (trim what was read from the cache or file)",
        ));
    }
    Ok(())
}

/// Whether `text` holds whitespace or a control character.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn has_blank(text: &str) -> bool {
    text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Unix seconds: at most [`json::MAX_TIMESTAMP_SECONDS`]; more is milliseconds.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_timestamp(seconds: u64, field: &str) -> Result<()> {
    if seconds > json::MAX_TIMESTAMP_SECONDS {
        return Err(Error::InvalidTimestamp {
            field: field.to_owned(),
            reason: {
                let mut reason = String::from("got ");
                reason.push_str(&crate::text::decimal(seconds));
                reason.push_str(", which looks like milliseconds; divide by 1000");
                reason
            },
        });
    }
    Ok(())
}

/// Whether `code` looks like the *encrypted* code that `addCard` returns,
/// which `openCard` refuses (it needs the code decrypted by `card/code/decrypt`).
///
/// Decrypted codes are at most 20 letters and digits. Encrypted codes are base64
/// of AES output: at least 24 characters of `[A-Za-z0-9+/=]` (or the URL-safe
/// `-`/`_`), e.g. `XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE`.
/// A code is taken as encrypted when it has at least
/// [`MIN_ENCRYPTED_CODE_LEN`] characters, all of them base64 characters,
/// percent-escapes (`%2B`, `%2F`, `%3D`, from a URL) or spaces (a `+` that a
/// query string decoded), and it either contains one of `+ / = %` or a space,
/// or mixes upper-case letters, lower-case letters and digits. A long run of
/// digits alone is not taken as encrypted: it is just too long.
///
/// ```
/// use wxcard::rules::looks_encrypted;
/// assert!(looks_encrypted("XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE"));
/// assert!(looks_encrypted("mU9XZ2l0SGVsbG9Xb3JsZDEyMw"));
/// assert!(!looks_encrypted("1434008071"));
/// assert!(!looks_encrypted("123456789012345678901234"));
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn looks_encrypted(code: &str) -> bool {
    // Any other character than those below refuses the code, so only an
    // all-ASCII code is taken, and its characters are its bytes.
    if code.len() < MIN_ENCRYPTED_CODE_LEN {
        return false;
    }
    let (mut marker, mut upper, mut lower, mut digit) = (false, false, false, false);
    let mut rest = code.as_bytes();
    while let [b, tail @ ..] = rest {
        rest = tail;
        match b {
            b'%' => {
                let [high, low, after @ ..] = tail else {
                    return false;
                };
                if !matches!(
                    (high, low.to_ascii_uppercase()),
                    (b'2', b'B' | b'F') | (b'3', b'D')
                ) {
                    return false;
                }
                marker = true;
                rest = after;
            }
            b'+' | b'/' | b'=' | b' ' => marker = true,
            b'A'..=b'Z' => upper = true,
            b'a'..=b'z' => lower = true,
            b'0'..=b'9' => digit = true,
            b'-' | b'_' => {}
            _ => return false,
        }
    }
    marker || (upper && lower && digit)
}

/// Refuses keys of an option bag that are not in `known`.
///
/// A key that matches a known key once case and `_` are ignored (`api_ticket`,
/// `card_id`, `appid`) is [`Error::SnakeCaseKey`] naming the right key; any other
/// unknown key is [`Error::UnknownField`].
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_keys(fields: &Fields<'_>, known: &[&'static str]) -> Result<()> {
    refuse_keys(fields, known, true)
}

/// Refuses keys of `fields` that are a key of `known` in another spelling
/// ([`Error::SnakeCaseKey`]); other keys not in `known` are
/// [`Error::UnknownField`] when `strict`, else ignored (and the key a
/// `SnakeCaseKey` quotes is cut at 32 characters).
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn refuse_keys(fields: &Fields<'_>, known: &[&'static str], strict: bool) -> Result<()> {
    for key in fields.map().keys() {
        if known.contains(&key.as_str()) {
            continue;
        }
        let folded = fold_key(key);
        if let Some(expected) = known.iter().find(|k| fold_key(k) == folded) {
            return Err(Error::SnakeCaseKey {
                field: fields.path_of(key),
                found: if strict {
                    key.clone()
                } else {
                    json::truncate(key, 32)
                },
                expected,
            });
        }
        if strict {
            return Err(Error::UnknownField {
                field: fields.path_of(key),
            });
        }
    }
    Ok(())
}

/// A key in lower case without `_` and `-`: `nonceStr`, `nonce_str` and
/// `NONCE-STR` fold alike.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn fold_key(key: &str) -> String {
    // Byte by byte: only ASCII bytes are dropped or changed, so what is left
    // is whole characters, and the text stays UTF-8.
    let mut out = Vec::with_capacity(key.len());
    for &b in key.as_bytes() {
        if b != b'_' && b != b'-' {
            out.push(b.to_ascii_lowercase());
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// An optional string that must not be empty when present. `null`, absent
/// and `""` all read as not given.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn opt_str(fields: &Fields<'_>, key: &str) -> Result<Option<String>> {
    Ok(fields
        .str(key)?
        .filter(|s| !s.is_empty())
        .map(str::to_owned))
}

/// An optional timestamp (integer or digit string of Unix seconds).
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn opt_timestamp(fields: &Fields<'_>, key: &str) -> Result<Option<u64>> {
    fields
        .get(key)
        .map(|v| json::timestamp(v, &fields.path_of(key)))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn codes() {
        assert!(check_code("1434008071", "code").is_ok());
        assert!(check_code("jonyqin_1434008071", "code").is_ok());
        assert_eq!(
            check_code("123456789012345678901", "code")
                .unwrap_err()
                .code(),
            "TOO_LONG"
        );
        assert_eq!(
            check_code("12-34", "code").unwrap_err().code(),
            "INVALID_VALUE"
        );
    }

    #[test]
    fn messages_quote_what_their_rule_says() {
        let reason = |e: Error| match e {
            Error::InvalidValue { reason, .. } => reason,
            other => other.message(),
        };
        assert_eq!(
            reason(check_card_id("p 1", "cardId").unwrap_err()),
            "a card id has only letters, digits, '_' and '-'; got \"p 1\""
        );
        assert_eq!(
            reason(check_code("1卡", "code").unwrap_err()),
            "a code has only letters, digits and '_'; found U+5361"
        );
        assert_eq!(
            reason(check_nonce("a b", "nonceStr").unwrap_err()),
            "a nonce has printable ASCII only, best letters and digits; found ' '"
        );
        assert_eq!(
            reason(check_app_id("wx-1", "appId").unwrap_err()),
            "an appId has only letters and digits (wx followed by 16 hex digits)"
        );
        assert_eq!(
            check_app_id("", "appId").unwrap_err().code(),
            "MISSING_FIELD"
        );
        assert!(check_code("", "code").is_ok());
        let long = check_openid(&"o".repeat(65), "openid").unwrap_err();
        assert_eq!(long.code(), "TOO_LONG");
        assert_eq!(
            check_timestamp(10_000_000_000, "timestamp"),
            Err(Error::InvalidTimestamp {
                field: "timestamp".into(),
                reason: "got 10000000000, which looks like milliseconds; divide by 1000".into(),
            })
        );
    }

    #[test]
    fn encrypted_codes() {
        assert!(looks_encrypted(
            "XXIzTtMqCxwOaawoE91%2BVJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ%2F5ZZ0DVkXdE"
        ));
        assert!(looks_encrypted("XXIzTtMqCxwOaawoE91 VJdsFmv7b8g0"));
        assert!(!looks_encrypted("abcdefghijklmnopqrstuvwxyz"));
        assert!(!looks_encrypted("XXIzTtMqCxwOaawoE91%ZZVJdsFmv7b8g0"));
        assert!(!looks_encrypted("XXIzTtMqCxwOaawoE91+VJ卡"));
        assert!(!looks_encrypted("Ab1+"));
    }

    #[test]
    fn keys() {
        let v = json!({"apiTicket": "t", "card_id": "p"});
        let f = Fields::of(&v, "").unwrap();
        let err = check_keys(&f, &["apiTicket", "cardId"]).unwrap_err();
        assert_eq!(err.code(), "SNAKE_CASE_KEY");
        assert_eq!(err.field(), Some("card_id"));
        assert!(err.to_string().contains("\"cardId\""));
        let err = check_keys(&f, &["apiTicket"]).unwrap_err();
        assert_eq!(err.code(), "UNKNOWN_FIELD");
    }
}
