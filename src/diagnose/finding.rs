//! What a diagnosis can name: each known mistake with its cause code and advice.

use crate::environment::find_ignoring_case;

/// A mistake that reproduces the signature of a cardExt, or a remark on a
/// signature that matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Finding {
    /// The signature matches, in upper-case hex.
    UppercaseHex,
    /// The signature matches with the legacy `balance` signed too.
    BalanceSigned,
    /// `nonce_str` sent but left out of the signature.
    NonceSentNotSigned,
    /// `code` sent but left out of the signature.
    CodeSentNotSigned,
    /// `openid` sent but left out of the signature.
    OpenidSentNotSigned,
    /// The card id left out of the signature.
    CardIdNotSigned,
    /// A nonce signed but sent under a key WeChat does not read.
    NonceSignedNotSent,
    /// A code signed but sent under a key WeChat does not read.
    CodeSignedNotSent,
    /// An openid signed but sent under a key WeChat does not read.
    OpenidSignedNotSent,
    /// An unsigned field or unknown key signed.
    ExtraValueSigned,
    /// An absent value signed as the text `undefined` or `null`.
    UndefinedSigned,
    /// The ticket signed with whitespace around it.
    TicketWhitespace,
    /// The values sorted ignoring case.
    CaseInsensitiveSort,
    /// The timestamp signed in milliseconds.
    TimestampInMilliseconds,
    /// The timestamp signed with a fraction of a second.
    TimestampWithFraction,
    /// Another timestamp signed than the one sent.
    TimestampDiffers,
    /// `key=value` pairs joined by `&`, as the `wx.config` signer does.
    JsapiStyle,
    /// The values concatenated in another order than the sorted one.
    Unsorted,
}

impl Finding {
    /// The mistake of a value signed under `key`, a key WeChat does not read:
    /// named after the field the key looks like (ASCII case ignored).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn signed_under(key: &str) -> Finding {
        let names = |part: &str| find_ignoring_case(key, part).is_some();
        if names("nonce") {
            Finding::NonceSignedNotSent
        } else if names("openid") || names("open_id") {
            Finding::OpenidSignedNotSent
        } else if names("code") {
            Finding::CodeSignedNotSent
        } else {
            Finding::ExtraValueSigned
        }
    }

    /// The stable cause code (one of [`super::CAUSES`]) and what to fix.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn text(self) -> (&'static str, &'static str) {
        match self {
            Finding::UppercaseHex => (
                "UPPERCASE_HEX",
                "the signature matches, but in upper-case hex; every reference signer emits lower case and WeChat's acceptance of upper case is unconfirmed",
            ),
            Finding::BalanceSigned => (
                "BALANCE_SIGNED",
                "the signature matches with the legacy balance field signed, as the official tool does for LUCKY_MONEY cards; for any other card type, drop balance",
            ),
            Finding::NonceSentNotSigned => (
                "NONCE_SENT_NOT_SIGNED",
                "the cardExt sends nonce_str but the signature was computed without it; sign every value you send",
            ),
            Finding::CodeSentNotSigned => (
                "CODE_SENT_NOT_SIGNED",
                "the cardExt sends code but the signature was computed without it; sign every value you send",
            ),
            Finding::OpenidSentNotSigned => (
                "OPENID_SENT_NOT_SIGNED",
                "the cardExt sends openid but the signature was computed without it; sign every value you send",
            ),
            Finding::CardIdNotSigned => (
                "CARD_ID_NOT_SIGNED",
                "the signature was computed without card_id; card_id is signed although it travels beside cardExt, not inside it",
            ),
            Finding::NonceSignedNotSent => (
                "NONCE_SIGNED_NOT_SENT",
                "the nonce was signed but is not sent as nonce_str (it is under a key WeChat does not read); send it as nonce_str",
            ),
            Finding::CodeSignedNotSent => (
                "CODE_SIGNED_NOT_SENT",
                "the code was signed but is not sent as code (it is under a key WeChat does not read); send it as code",
            ),
            Finding::OpenidSignedNotSent => (
                "OPENID_SIGNED_NOT_SENT",
                "the openid was signed but is not sent as openid (it is under a key WeChat does not read); send it as openid",
            ),
            Finding::ExtraValueSigned => (
                "EXTRA_VALUE_SIGNED",
                "the signature covers a value WeChat does not sign (an unsigned field such as outer_str or fixed_begintimestamp, or an unknown key); sign only the ticket, timestamp, card_id, code, openid and nonce_str",
            ),
            Finding::UndefinedSigned => (
                "UNDEFINED_SIGNED",
                "an absent value (code, openid or nonce_str) was signed as the text \"undefined\" or \"null\"; leave absent values out of the signature",
            ),
            Finding::TicketWhitespace => (
                "TICKET_WHITESPACE",
                "the ticket was signed with a space or line break around it; trim the ticket read from the cache or file",
            ),
            Finding::CaseInsensitiveSort => (
                "CASE_INSENSITIVE_SORT",
                "the values were sorted ignoring case (or by a locale-aware comparer); sort by byte order, case-sensitive",
            ),
            Finding::TimestampInMilliseconds => (
                "TIMESTAMP_AS_NUMBER",
                "the signature was computed over the timestamp in milliseconds (Date.now()) while the cardExt sends seconds; sign the same whole seconds you send",
            ),
            Finding::TimestampWithFraction => (
                "TIMESTAMP_AS_NUMBER",
                "the signature was computed over a fractional timestamp (Date.now() / 1000) while the cardExt sends whole seconds; sign Math.floor(Date.now() / 1000), the value you send",
            ),
            Finding::TimestampDiffers => (
                "TIMESTAMP_DIFFERS",
                "the signature was computed over a different timestamp than the cardExt sends (the clock read twice, or a UTC+8 offset); read the time once and use it for both",
            ),
            Finding::JsapiStyle => (
                "JSAPI_STYLE",
                "the signature was computed like the wx.config signature (key=value pairs joined by &); the card signature sorts and concatenates the values only",
            ),
            Finding::Unsorted => (
                "UNSORTED",
                "the values were concatenated without sorting (in a fixed or insertion order); sort them by byte order first",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_named_after_the_field_they_look_like() {
        for (key, finding) in [
            ("nonceStr", Finding::NonceSignedNotSent),
            ("NONCE", Finding::NonceSignedNotSent),
            ("openId", Finding::OpenidSignedNotSent),
            ("Open_ID", Finding::OpenidSignedNotSent),
            ("cardCode", Finding::CodeSignedNotSent),
            ("outer_str", Finding::ExtraValueSigned),
            ("card_id", Finding::ExtraValueSigned),
            ("", Finding::ExtraValueSigned),
        ] {
            assert_eq!(Finding::signed_under(key), finding, "{key}");
        }
    }

    #[test]
    fn every_cause_is_a_listed_cause() {
        use Finding::*;
        for finding in [
            UppercaseHex,
            BalanceSigned,
            NonceSentNotSigned,
            CodeSentNotSigned,
            OpenidSentNotSigned,
            CardIdNotSigned,
            NonceSignedNotSent,
            CodeSignedNotSent,
            OpenidSignedNotSent,
            ExtraValueSigned,
            UndefinedSigned,
            TicketWhitespace,
            CaseInsensitiveSort,
            TimestampInMilliseconds,
            TimestampWithFraction,
            TimestampDiffers,
            JsapiStyle,
            Unsorted,
        ] {
            assert!(
                super::super::CAUSES.contains(&finding.text().0),
                "{finding:?}"
            );
        }
    }
}
