//! The one error type of wxcard.
//!
//! Every variant has a stable [`Error::code`], which is also the `code` of the
//! `WxCardError` thrown in JavaScript, and most name the input [`Error::field`]
//! at fault. Messages describe the field and what was wrong with it; they never
//! contain a ticket, because no variant ever holds one.

use std::fmt;

use crate::text;

/// Everything that can go wrong when building or validating a payload.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// A value has the wrong JSON/JS type (`INVALID_TYPE`).
    InvalidType {
        /// The field at fault.
        field: String,
        /// What the field must be, e.g. `"a string"`.
        expected: &'static str,
        /// What was found, e.g. `"a number"`.
        found: &'static str,
    },
    /// A value has the right type but a wrong value (`INVALID_VALUE`).
    InvalidValue {
        /// The field at fault.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A required field is absent or empty (`MISSING_FIELD`).
    MissingField {
        /// The field that is missing.
        field: String,
    },
    /// A string is longer than WeChat accepts (`TOO_LONG`).
    TooLong {
        /// The field at fault.
        field: String,
        /// The limit.
        max: usize,
        /// The actual length.
        len: usize,
        /// The unit of both numbers: `"characters"` or `"bytes"`.
        unit: &'static str,
    },
    /// A timestamp is not whole Unix seconds (`INVALID_TIMESTAMP`).
    InvalidTimestamp {
        /// The field at fault.
        field: String,
        /// What is wrong: milliseconds, a fraction, a negative number, …
        reason: String,
    },
    /// A string that must hold JSON does not parse (`INVALID_JSON`).
    InvalidJson {
        /// The field at fault.
        field: String,
        /// The parser's complaint.
        reason: String,
    },
    /// A JSON string that holds another JSON string (`DOUBLE_ENCODED`).
    DoubleEncoded {
        /// The field at fault.
        field: String,
    },
    /// A camelCase key where WeChat expects snake_case, such as `nonceStr` in a cardExt (`CAMEL_CASE_KEY`).
    CamelCaseKey {
        /// The path of the offending key.
        field: String,
        /// The key that was found.
        found: String,
        /// The key WeChat expects instead.
        expected: &'static str,
    },
    /// A signature that is not 40 hexadecimal digits (`MALFORMED_SIGNATURE`).
    MalformedSignature {
        /// The field at fault.
        field: String,
    },
    /// A ticket (or a field named like one) inside a payload sent to the client (`TICKET_LEAKED`).
    TicketLeaked {
        /// The path of the leaked field.
        field: String,
    },
    /// An `addCard` result code, which is encrypted, handed to `openCard` (`ENCRYPTED_CODE`).
    EncryptedCode {
        /// The field at fault.
        field: String,
    },
    /// No secure random source exists and no nonce was given (`NO_RANDOM_SOURCE`).
    NoRandomSource,
    /// The host clock could not be read and no timestamp was given (`NO_CLOCK`).
    NoClock,
    /// A ticket was passed to a signer in a browser or mini-program (`TICKET_ON_CLIENT`).
    TicketOnClient {
        /// The ticket field.
        field: String,
    },
    /// A payload is too large for its transport, such as a mini-program page query (`PAYLOAD_TOO_LONG`).
    PayloadTooLong {
        /// The field at fault.
        field: String,
        /// The limit in bytes.
        max: usize,
        /// The actual size in bytes.
        len: usize,
    },
    /// A snake_case key where the JS API expects camelCase, such as `card_id` in a
    /// `cardList` item or `api_ticket` in an option bag (`SNAKE_CASE_KEY`).
    SnakeCaseKey {
        /// The path of the offending key.
        field: String,
        /// The key that was found.
        found: String,
        /// The key expected instead.
        expected: &'static str,
    },
    /// A key that the input does not have, usually a typo (`UNKNOWN_FIELD`).
    UnknownField {
        /// The path of the unknown key.
        field: String,
    },
    /// A `card_type` that is not one of WeChat's card types (`UNKNOWN_CARD_TYPE`).
    UnknownCardType {
        /// The field at fault.
        field: String,
        /// The value found (shortened).
        found: String,
    },
    /// A card body whose nested key does not match its `card_type`, such as
    /// `"card_type": "MEMBER_CARD"` with its fields under `groupon` (`CARD_TYPE_MISMATCH`).
    CardTypeMismatch {
        /// The path of the offending key (or of `card_type`).
        field: String,
        /// The key the fields must nest under, e.g. `member_card`.
        expected_key: &'static str,
        /// The key found instead.
        found: String,
    },
    /// A mini-program `user_name` that is not an original ID plus `@app` (`INVALID_USER_NAME`).
    InvalidUserName {
        /// The field at fault.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A mini-program AppID (`wx…`) where WeChat wants the original ID plus `@app` (`APP_ID_AS_USER_NAME`).
    AppIdAsUserName {
        /// The field at fault.
        field: String,
    },
    /// One half of a mini-program link without the other: a `*_app_brand_user_name`
    /// without its `*_app_brand_pass`, or the reverse (`UNPAIRED_FIELD`).
    UnpairedField {
        /// The path of the missing half.
        field: String,
        /// The key of the half that is present.
        partner: String,
    },
    /// A server secret other than a ticket (an app secret, access token or session key)
    /// inside a payload sent to the client (`SECRET_LEAKED`).
    SecretLeaked {
        /// The path of the leaked field.
        field: String,
    },
}

impl Error {
    /// The stable code of this error, the same string as `WxCardError.code` in JavaScript.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidType { .. } => "INVALID_TYPE",
            Error::InvalidValue { .. } => "INVALID_VALUE",
            Error::MissingField { .. } => "MISSING_FIELD",
            Error::TooLong { .. } => "TOO_LONG",
            Error::InvalidTimestamp { .. } => "INVALID_TIMESTAMP",
            Error::InvalidJson { .. } => "INVALID_JSON",
            Error::DoubleEncoded { .. } => "DOUBLE_ENCODED",
            Error::CamelCaseKey { .. } => "CAMEL_CASE_KEY",
            Error::MalformedSignature { .. } => "MALFORMED_SIGNATURE",
            Error::TicketLeaked { .. } => "TICKET_LEAKED",
            Error::EncryptedCode { .. } => "ENCRYPTED_CODE",
            Error::NoRandomSource => "NO_RANDOM_SOURCE",
            Error::NoClock => "NO_CLOCK",
            Error::TicketOnClient { .. } => "TICKET_ON_CLIENT",
            Error::PayloadTooLong { .. } => "PAYLOAD_TOO_LONG",
            Error::SnakeCaseKey { .. } => "SNAKE_CASE_KEY",
            Error::UnknownField { .. } => "UNKNOWN_FIELD",
            Error::UnknownCardType { .. } => "UNKNOWN_CARD_TYPE",
            Error::CardTypeMismatch { .. } => "CARD_TYPE_MISMATCH",
            Error::InvalidUserName { .. } => "INVALID_USER_NAME",
            Error::AppIdAsUserName { .. } => "APP_ID_AS_USER_NAME",
            Error::UnpairedField { .. } => "UNPAIRED_FIELD",
            Error::SecretLeaked { .. } => "SECRET_LEAKED",
        }
    }

    /// The input field at fault, when there is one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidType { field, .. }
            | Error::InvalidValue { field, .. }
            | Error::MissingField { field }
            | Error::TooLong { field, .. }
            | Error::InvalidTimestamp { field, .. }
            | Error::InvalidJson { field, .. }
            | Error::DoubleEncoded { field }
            | Error::CamelCaseKey { field, .. }
            | Error::MalformedSignature { field }
            | Error::TicketLeaked { field }
            | Error::EncryptedCode { field }
            | Error::TicketOnClient { field }
            | Error::PayloadTooLong { field, .. }
            | Error::SnakeCaseKey { field, .. }
            | Error::UnknownField { field }
            | Error::UnknownCardType { field, .. }
            | Error::CardTypeMismatch { field, .. }
            | Error::InvalidUserName { field, .. }
            | Error::AppIdAsUserName { field }
            | Error::UnpairedField { field, .. }
            | Error::SecretLeaked { field } => Some(field),
            Error::NoRandomSource | Error::NoClock => None,
        }
    }

    /// This error with every copy of `secret` in its field path and quoted
    /// input (whole, or cut to a prefix of at least a dozen characters)
    /// replaced by `<redacted>`: for errors about an input that also carries
    /// the ticket, should the ticket have been put where something else belongs.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn redacted(mut self, secret: &str) -> Self {
        let (first, second) = self.texts_mut();
        if let Some(text) = first {
            crate::redact::scrub_in_place(text, secret);
        }
        if let Some(text) = second {
            crate::redact::scrub_in_place(text, secret);
        }
        self
    }

    /// The texts of this error that can quote input: the field path and, for
    /// some variants, a reason or the value found.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn texts_mut(&mut self) -> (Option<&mut String>, Option<&mut String>) {
        match self {
            Error::InvalidValue { field, reason }
            | Error::InvalidTimestamp { field, reason }
            | Error::InvalidJson { field, reason }
            | Error::InvalidUserName { field, reason } => (Some(field), Some(reason)),
            Error::CamelCaseKey { field, found, .. }
            | Error::SnakeCaseKey { field, found, .. }
            | Error::UnknownCardType { field, found }
            | Error::CardTypeMismatch { field, found, .. } => (Some(field), Some(found)),
            Error::UnpairedField { field, partner } => (Some(field), Some(partner)),
            Error::InvalidType { field, .. }
            | Error::MissingField { field }
            | Error::TooLong { field, .. }
            | Error::DoubleEncoded { field }
            | Error::MalformedSignature { field }
            | Error::TicketLeaked { field }
            | Error::EncryptedCode { field }
            | Error::TicketOnClient { field }
            | Error::PayloadTooLong { field, .. }
            | Error::UnknownField { field }
            | Error::AppIdAsUserName { field }
            | Error::SecretLeaked { field } => (Some(field), None),
            Error::NoRandomSource | Error::NoClock => (None, None),
        }
    }

    /// Shorthand for [`Error::InvalidValue`].
    // Not inlined: one copy per pair of argument types serves its many call sites.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn invalid_value(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidValue {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::MissingField`].
    // Not inlined, like `invalid_value`.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn missing(field: impl Into<String>) -> Self {
        Error::MissingField {
            field: field.into(),
        }
    }
}

impl Error {
    /// The message of this error, as its `Display` writes it: the field, then
    /// what was wrong with it and how to fix it.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn message(&self) -> String {
        // The numbers some messages quote, in decimal.
        let (max, len) = match self {
            Error::TooLong { max, len, .. } | Error::PayloadTooLong { max, len, .. } => {
                (text::decimal(*max as u64), text::decimal(*len as u64))
            }
            _ => (String::new(), String::new()),
        };
        let [a, b, c]: [&str; 3] = match self {
            Error::InvalidType {
                expected, found, ..
            } => [expected, found, ""],
            Error::InvalidValue { reason, .. }
            | Error::InvalidTimestamp { reason, .. }
            | Error::InvalidJson { reason, .. }
            | Error::InvalidUserName { reason, .. } => [reason, "", ""],
            Error::TooLong { unit, .. } => [&max, unit, &len],
            Error::PayloadTooLong { .. } => [&len, &max, ""],
            Error::CamelCaseKey {
                found, expected, ..
            }
            | Error::SnakeCaseKey {
                found, expected, ..
            } => [found, expected, ""],
            Error::UnknownCardType { found, .. } => [found, "", ""],
            Error::CardTypeMismatch {
                expected_key,
                found,
                ..
            } => [expected_key, found, ""],
            Error::UnpairedField { partner, .. } => [partner, "", ""],
            // The other templates quote nothing.
            _ => ["", "", ""],
        };
        let mut out = String::new();
        if let Some(field) = self.field() {
            out.push_str(field);
            out.push_str(": ");
        }
        text::fill(&mut out, self.template(), [a, b, c]);
        out
    }

    /// The text of this error's message after the field, with `{a}`, `{b}` and
    /// `{c}` where [`Error::message`] puts the values it quotes: one string per
    /// variant, which the compiler keeps as a table.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn template(&self) -> &'static str {
        match self {
            Error::InvalidType { .. } => "expected {a}, got {b}",
            Error::InvalidValue { .. } => "{a}",
            Error::MissingField { .. } => "required but missing or empty",
            Error::TooLong { .. } => "at most {a} {b} allowed, got {c}",
            Error::InvalidTimestamp { .. } => "must be whole Unix seconds; {a}",
            Error::InvalidJson { .. } => "not valid JSON ({a})",
            Error::DoubleEncoded { .. } => {
                "JSON-encoded twice (a JSON string holding a JSON string); pass the result of one JSON.stringify"
            }
            Error::CamelCaseKey { .. } => {
                "cardExt keys are snake_case; found \"{a}\", WeChat expects \"{b}\""
            }
            Error::MalformedSignature { .. } => "a signature is 40 hexadecimal digits (SHA-1)",
            Error::TicketLeaked { .. } => {
                "a ticket must never be sent to the client; remove it from the payload and keep it on the server"
            }
            Error::EncryptedCode { .. } => {
                "this looks like the encrypted code returned by addCard; decrypt it on the server (card/code/decrypt) before openCard"
            }
            Error::NoRandomSource => {
                "nonceStr: no secure random source in this environment; pass nonceStr explicitly"
            }
            Error::NoClock => "timestamp: the clock cannot be read here; pass timestamp explicitly",
            Error::TicketOnClient { .. } => {
                "tickets are server secrets; signing with one in a browser or mini-program is refused unless allowTicketOnClient is true"
            }
            Error::PayloadTooLong { .. } => {
                "{a} bytes, more than the {b} bytes this transport carries"
            }
            Error::SnakeCaseKey { .. } => {
                "the JS API takes camelCase keys; found \"{a}\", use \"{b}\" (jweixin renames it for WeChat itself)"
            }
            Error::UnknownField { .. } => "not a known field here (a typo?)",
            Error::UnknownCardType { .. } => {
                "\"{a}\" is not a known card_type; use an uppercase type such as MEMBER_CARD, GENERAL_COUPON, GROUPON, CASH, DISCOUNT, GIFT, SCENIC_TICKET, MOVIE_TICKET, BOARDING_PASS, MEETING_TICKET, BUS_TICKET, LUCKY_MONEY or GENERAL_CARD"
            }
            Error::CardTypeMismatch { .. } => {
                "this card's card_type nests its fields under \"{a}\", but \"{b}\" was found"
            }
            Error::InvalidUserName { .. } => {
                "{a}; a mini-program user_name is its original ID plus \"@app\", e.g. \"gh_86a091e50ad4@app\""
            }
            Error::AppIdAsUserName { .. } => {
                "this is a mini-program AppID (wx…); WeChat wants the mini-program's original ID (原始ID, gh_…, under 设置 → 基本设置) plus \"@app\", e.g. \"gh_86a091e50ad4@app\""
            }
            Error::UnpairedField { .. } => {
                "missing, but {a} is set; a mini-program link needs both the mini-program (…_user_name) and its page (…_pass)"
            }
            Error::SecretLeaked { .. } => {
                "server secrets (app secret, access token, session key) must never be sent to the client; remove it from the payload"
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

/// The result type of wxcard.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_field_are_exposed() {
        let e = Error::TooLong {
            field: "nonce_str".into(),
            max: 32,
            len: 33,
            unit: "characters",
        };
        assert_eq!(e.code(), "TOO_LONG");
        assert_eq!(e.field(), Some("nonce_str"));
        assert_eq!(
            e.to_string(),
            "nonce_str: at most 32 characters allowed, got 33"
        );
        assert_eq!(Error::NoRandomSource.field(), None);
    }

    #[test]
    fn messages_fill_in_field_and_values() {
        let e = Error::PayloadTooLong {
            field: "cardList".into(),
            max: 2048,
            len: 4100,
        };
        assert_eq!(
            e.message(),
            "cardList: 4100 bytes, more than the 2048 bytes this transport carries"
        );
        let e = Error::CamelCaseKey {
            field: "cardExt.nonceStr".into(),
            found: "nonceStr".into(),
            expected: "nonce_str",
        };
        assert_eq!(
            e.to_string(),
            "cardExt.nonceStr: cardExt keys are snake_case; found \"nonceStr\", WeChat expects \"nonce_str\""
        );
        // Input that looks like a placeholder stays as it is.
        let e = Error::invalid_value("x", "{a} {b}");
        assert_eq!(e.message(), "x: {a} {b}");
        assert!(Error::NoClock.message().starts_with("timestamp: the clock"));
    }
}
