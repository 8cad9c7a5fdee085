//! Building the signed `cardExt` of `wx.addCard`.
//!
//! The output is the JSON **string** WeChat expects (JS-SDK Appendix 4):
//!
//! - signed: `code`, `openid`, `timestamp`, `nonce_str`, and the `card_id` and
//!   `api_ticket` that are *not* written into it;
//! - `timestamp` is a JSON string of digits ("最终需要转换为字符串形式"), as in
//!   the official demo;
//! - `fixed_begintimestamp` (a JSON integer) and `outer_str` are passed through
//!   unsigned;
//! - absent or empty optional values are left out, and leave the signature
//!   unchanged.

use crate::json::{ObjectWriter, Value};
use crate::secret::without_input_ticket;

use crate::error::Result;
use crate::host::{Host, random_nonce};
use crate::input::{self, Kind, Read};
use crate::json::MAX_TIMESTAMP_SECONDS;
use crate::rules;
use crate::secret::Ticket;
use crate::sign::card_signature;
use crate::text;
use crate::verify::fast::{Packed, whole};

/// The input of [`build_card_ext`]: one card to sign.
///
/// ```
/// use wxcard::builder::{CardExtInput, build_card_ext};
/// use wxcard::host::FixedHost;
///
/// let input = CardExtInput::new("ojZ8YtyVyr30HheH3CM73y7h4jJE", "pjZ8Yt1XGILfi-FUsewpnnolGgZk")
///     .with_code("1434008071")
///     .with_timestamp(1404896688)
///     .with_nonce_str("123");
/// let card_ext = build_card_ext(&input, &FixedHost { now: None })?;
/// assert_eq!(
///     card_ext,
///     r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#
/// );
/// # Ok::<(), wxcard::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardExtInput {
    /// The card `api_ticket` (`type=wx_card`) of the official account that owns the card.
    pub api_ticket: Ticket,
    /// The card id; signed, but passed beside the cardExt as `cardId`, not inside it.
    pub card_id: String,
    /// The decrypted code, only for custom-code cards (`use_custom_code`).
    pub code: Option<String>,
    /// The user's openid (of the card's official account), only for `bind_openid` cards.
    pub openid: Option<String>,
    /// Unix seconds; `None` means now.
    pub timestamp: Option<u64>,
    /// The nonce; `None` means a fresh random alphanumeric one.
    pub nonce_str: Option<String>,
    /// Start of validity for `DATE_TYPE_FIX_TERM` cards, Unix seconds (unsigned).
    pub fixed_begintimestamp: Option<u64>,
    /// A channel value returned in the card-received event (unsigned).
    pub outer_str: Option<String>,
    /// The caller's consent to sign with the ticket in a browser or mini-program;
    /// see [`crate::secret::ensure_ticket_allowed`].
    pub allow_ticket_on_client: bool,
}

/// The JS field names of [`CardExtInput`].
const KEYS: &[&str] = &[
    "apiTicket",
    "cardId",
    "code",
    "openid",
    "timestamp",
    "nonceStr",
    "fixedBeginTimestamp",
    "outerStr",
    "allowTicketOnClient",
];

/// How each of [`KEYS`] is read, in the order their errors are reported.
const KINDS: [Kind; 9] = [
    Kind::Required,
    Kind::Required,
    Kind::Text,
    Kind::Text,
    Kind::Timestamp,
    Kind::Text,
    Kind::Timestamp,
    Kind::Text,
    Kind::Flag,
];

impl CardExtInput {
    /// An input with the ticket and card id; every other field unset.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(api_ticket: impl Into<Ticket>, card_id: impl Into<String>) -> Self {
        CardExtInput {
            api_ticket: api_ticket.into(),
            card_id: card_id.into(),
            code: None,
            openid: None,
            timestamp: None,
            nonce_str: None,
            fixed_begintimestamp: None,
            outer_str: None,
            allow_ticket_on_client: false,
        }
    }

    /// Sets [`CardExtInput::code`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets [`CardExtInput::openid`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_openid(mut self, openid: impl Into<String>) -> Self {
        self.openid = Some(openid.into());
        self
    }

    /// Sets [`CardExtInput::timestamp`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_timestamp(mut self, seconds: u64) -> Self {
        self.timestamp = Some(seconds);
        self
    }

    /// Sets [`CardExtInput::nonce_str`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_nonce_str(mut self, nonce: impl Into<String>) -> Self {
        self.nonce_str = Some(nonce.into());
        self
    }

    /// Sets [`CardExtInput::fixed_begintimestamp`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_fixed_begintimestamp(mut self, seconds: u64) -> Self {
        self.fixed_begintimestamp = Some(seconds);
        self
    }

    /// Sets [`CardExtInput::outer_str`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_outer_str(mut self, outer: impl Into<String>) -> Self {
        self.outer_str = Some(outer.into());
        self
    }

    /// Reads the JS input `{ apiTicket, cardId, code?, openid?, timestamp?,
    /// nonceStr?, fixedBeginTimestamp?, outerStr?, allowTicketOnClient? }`.
    ///
    /// Timestamps are integers or strings of digits in Unix seconds. `null`,
    /// absent and `""` mean "not given". Snake_case keys (`api_ticket`) are
    /// [`Error::SnakeCaseKey`](crate::Error::SnakeCaseKey), other unknown keys
    /// [`Error::UnknownField`](crate::Error::UnknownField).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read_json(value).map_err(|e| without_input_ticket(e, value, "apiTicket"))
    }

    /// [`Self::from_json`] before the ticket is taken out of its errors.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_json(value: &Value) -> Result<Self> {
        let mut read = [Read::Absent; 9];
        input::read_fields(value, KEYS, &KINDS, &mut read)?;
        let [
            api_ticket,
            card_id,
            code,
            openid,
            timestamp,
            nonce_str,
            fixed_begintimestamp,
            outer_str,
            allow_ticket_on_client,
        ] = read;
        Ok(CardExtInput {
            api_ticket: Ticket::new(api_ticket.or_empty()),
            card_id: card_id.or_empty().to_owned(),
            code: code.owned(),
            openid: openid.owned(),
            timestamp: timestamp.number(),
            nonce_str: nonce_str.owned(),
            fixed_begintimestamp: fixed_begintimestamp.number(),
            outer_str: outer_str.owned(),
            allow_ticket_on_client: allow_ticket_on_client.flag(),
        })
    }
}

fn non_empty(value: Option<&String>) -> Option<&str> {
    value.map(String::as_str).filter(|s| !s.is_empty())
}

/// Builds the signed cardExt JSON string for one card.
///
/// Checks every field first (ticket present and without whitespace, card id
/// shape, `code` ≤ 20 letters/digits/`_`, `nonce_str` ≤ 32 printable ASCII,
/// openid shape, timestamps in seconds), then takes the missing timestamp from
/// `host.now_seconds()` and the missing nonce from [`random_nonce`]
/// ([`Error::NoClock`](crate::Error::NoClock) /
/// [`Error::NoRandomSource`](crate::Error::NoRandomSource) when the host has none).
/// Empty optional strings count as absent.
///
/// It does **not** check where it runs: a caller on a client checks
/// [`crate::secret::ensure_ticket_allowed`] first.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn build_card_ext(input: &CardExtInput, host: &dyn Host) -> Result<String> {
    assemble(input, host).map_err(|e| e.redacted(input.api_ticket.expose()))
}

/// The work of [`build_card_ext`], before the ticket is taken out of its errors.
fn assemble(input: &CardExtInput, host: &dyn Host) -> Result<String> {
    rules::check_ticket(&input.api_ticket, "apiTicket")?;
    rules::check_card_id(&input.card_id, "cardId")?;
    let code = non_empty(input.code.as_ref());
    if let Some(code) = code {
        rules::check_code(code, "code")?;
    }
    let openid = non_empty(input.openid.as_ref());
    if let Some(openid) = openid {
        rules::check_openid(openid, "openid")?;
    }
    let given_nonce = non_empty(input.nonce_str.as_ref());
    if let Some(nonce) = given_nonce {
        rules::check_nonce(nonce, "nonceStr")?;
    }
    if let Some(t) = input.timestamp {
        rules::check_timestamp(t, "timestamp")?;
    }
    if let Some(t) = input.fixed_begintimestamp {
        rules::check_timestamp(t, "fixedBeginTimestamp")?;
    }
    let timestamp = match input.timestamp {
        Some(t) => t,
        None => host.now_seconds()?,
    };
    let timestamp = text::decimal(timestamp);
    let fresh_nonce;
    let nonce_str = match given_nonce {
        Some(nonce) => nonce,
        None => {
            fresh_nonce = random_nonce(host)?;
            fresh_nonce.as_str()
        }
    };
    let signature = card_signature(&[
        input.api_ticket.expose(),
        timestamp.as_str(),
        input.card_id.as_str(),
        code.unwrap_or_default(),
        openid.unwrap_or_default(),
        nonce_str,
    ]);
    // `{ code?, openid?, timestamp, nonce_str, fixed_begintimestamp?, outer_str?, signature }`,
    // keys in WeChat's snake_case.
    let mut out = String::with_capacity(128);
    ObjectWriter::new(&mut out)
        .optional("code", code)
        .optional("openid", openid)
        .field("timestamp", &timestamp)
        .field("nonce_str", &nonce_str)
        .optional("fixed_begintimestamp", input.fixed_begintimestamp)
        .optional("outer_str", non_empty(input.outer_str.as_ref()))
        .field("signature", &signature)
        .end();
    Ok(out)
}

/// [`build_card_ext`] of an input the package's JS shim read from a plain
/// bag: `text` holds the ticket, card id, code, openid, nonce and outer
/// string joined, of the UTF-16 lengths in `lens` (negative: absent; ASCII
/// only, see [`Packed`]); `timestamp` and `fixed_begintimestamp` are JS
/// numbers (negative: absent). `None` when [`CardExtInput::from_json`] would
/// not read the same input or building fails: the caller then takes the full
/// path, which gives the error.
pub fn build_from_parts(
    text: &str,
    lens: [i32; 6],
    timestamp: f64,
    fixed_begintimestamp: f64,
    host: &dyn Host,
) -> Option<String> {
    let mut parts = Packed::new(text);
    let mut next = |len: i32| match usize::try_from(len) {
        Ok(len) => parts.take(len).map(Some),
        Err(_) => Some(None),
    };
    let [ticket, card_id, code, openid, nonce, outer] = lens;
    let [api_ticket, card_id] = [next(ticket)??, next(card_id)??];
    // `from_json` reads an empty optional string as none.
    let mut optional = |len: i32| next(len).map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned));
    let [code, openid, nonce_str, outer_str] = [
        optional(code)?,
        optional(openid)?,
        optional(nonce)?,
        optional(outer)?,
    ];
    if api_ticket.is_empty() || card_id.is_empty() || !parts.rest().is_empty() {
        return None;
    }
    // A timestamp beyond `json::timestamp`'s rules takes the full path, which names it.
    let seconds = |value: f64| match whole(value) {
        Ok(Some(t)) if t <= MAX_TIMESTAMP_SECONDS => Some(Some(t)),
        Ok(Some(_)) | Err(()) => None,
        Ok(None) => Some(None),
    };
    let input = CardExtInput {
        api_ticket: Ticket::new(api_ticket),
        card_id: card_id.to_owned(),
        code,
        openid,
        timestamp: seconds(timestamp)?,
        nonce_str,
        fixed_begintimestamp: seconds(fixed_begintimestamp)?,
        outer_str,
        allow_ticket_on_client: false,
    };
    build_card_ext(&input, host).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::host::FixedHost;
    use crate::json;

    const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
    const CARD: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";

    #[test]
    fn defaults_come_from_the_host() {
        let input = CardExtInput::new(TICKET, CARD).with_nonce_str("n");
        let text = build_card_ext(
            &input,
            &FixedHost {
                now: Some(1404896688),
            },
        )
        .unwrap();
        let v: Value = Value::parse(&text).unwrap();
        assert_eq!(v["timestamp"], json!("1404896688"));
        let no_clock = build_card_ext(&input, &FixedHost { now: None });
        assert_eq!(no_clock, Err(Error::NoClock));
        let no_random = build_card_ext(
            &CardExtInput::new(TICKET, CARD).with_timestamp(1),
            &FixedHost { now: None },
        );
        assert_eq!(no_random, Err(Error::NoRandomSource));
    }

    #[test]
    fn unsigned_fields_pass_through() {
        let input = CardExtInput::new(TICKET, CARD)
            .with_timestamp(1404896688)
            .with_nonce_str("123")
            .with_fixed_begintimestamp(1404896000)
            .with_outer_str("channel-7");
        let text = build_card_ext(&input, &FixedHost { now: None }).unwrap();
        let v: Value = Value::parse(&text).unwrap();
        assert_eq!(v["fixed_begintimestamp"], json!(1404896000));
        assert_eq!(v["outer_str"], json!("channel-7"));
        assert_eq!(
            v["signature"],
            json!(card_signature(&[TICKET, "1404896688", CARD, "123"]))
        );
        assert!(!text.contains(TICKET) && !text.contains(CARD));
    }

    #[test]
    fn from_json_reads_camel_case() {
        let input = CardExtInput::from_json(&json!({
            "apiTicket": TICKET, "cardId": CARD, "timestamp": "1404896688",
            "nonceStr": "", "fixedBeginTimestamp": 5, "allowTicketOnClient": true
        }))
        .unwrap();
        assert_eq!(input.timestamp, Some(1404896688));
        assert_eq!(input.nonce_str, None);
        assert_eq!(input.fixed_begintimestamp, Some(5));
        assert!(input.allow_ticket_on_client);
    }

    /// `build_from_parts` of an input as the shim packs it.
    fn from_parts(fields: &[Option<&str>; 6], timestamp: f64, fixed: f64) -> Option<String> {
        let text: String = fields.iter().flatten().copied().collect();
        let lens =
            fields.map(|f| f.map_or(-1, |s| i32::try_from(s.encode_utf16().count()).unwrap()));
        build_from_parts(&text, lens, timestamp, fixed, &FixedHost { now: Some(1) })
    }

    /// The full path: the JSON of the same input, read and built.
    fn from_json_text(fields: &[Option<&str>; 6], timestamp: f64, fixed: f64) -> Option<String> {
        let keys = [
            "apiTicket",
            "cardId",
            "code",
            "openid",
            "nonceStr",
            "outerStr",
        ];
        let mut bag = crate::json::Map::new();
        for (key, value) in keys.iter().zip(fields) {
            if let Some(v) = value {
                bag.insert((*key).into(), json!(v));
            }
        }
        for (key, value) in [("timestamp", timestamp), ("fixedBeginTimestamp", fixed)] {
            if value >= 0.0 {
                bag.insert(key.into(), Value::parse(&format!("{value}")).unwrap());
            }
        }
        let input = CardExtInput::from_json(&Value::Object(bag)).ok()?;
        build_card_ext(&input, &FixedHost { now: Some(1) }).ok()
    }

    #[test]
    fn built_from_parts_as_from_json() {
        let official = [
            Some(TICKET),
            Some(CARD),
            Some("1434008071"),
            None,
            Some("123"),
            None,
        ];
        let built = from_parts(&official, 1_404_896_688.0, -1.0).unwrap();
        assert!(
            built.contains("f137ab68b7f8112d20ee528ab6074564e2796250"),
            "{built}"
        );
        let long_nonce = "n".repeat(33);
        let cases: Vec<([Option<&str>; 6], f64, f64)> = vec![
            (official, 1_404_896_688.0, -1.0),
            (official, 1_404_896_688.0, 1_404_896_000.0),
            (
                [
                    Some(TICKET),
                    Some(CARD),
                    Some(""),
                    Some("oIPmDs3qBfDyBVYuKMBz2NqhPJRo"),
                    Some("n"),
                    Some("channel"),
                ],
                5.0,
                -1.0,
            ),
            (
                [
                    Some(TICKET),
                    Some(CARD),
                    None,
                    None,
                    Some("n"),
                    Some("渠道"),
                ],
                5.0,
                -1.0,
            ),
            (
                [
                    Some(TICKET),
                    Some(CARD),
                    Some("bad code!"),
                    None,
                    Some("n"),
                    None,
                ],
                5.0,
                -1.0,
            ),
            (
                [Some(TICKET), Some("p 1"), None, None, Some("n"), None],
                5.0,
                -1.0,
            ),
            (
                [Some("tic ket"), Some(CARD), None, None, Some("n"), None],
                5.0,
                -1.0,
            ),
            (
                [Some(""), Some(CARD), None, None, Some("n"), None],
                5.0,
                -1.0,
            ),
            ([None, Some(CARD), None, None, Some("n"), None], 5.0, -1.0),
            (
                [Some(TICKET), Some(CARD), None, None, Some("n"), None],
                1_404_896_688_000.0,
                -1.0,
            ),
            (
                [Some(TICKET), Some(CARD), None, None, Some("n"), None],
                5.5,
                -1.0,
            ),
            (
                [Some(TICKET), Some(CARD), None, None, Some("n"), None],
                5.0,
                1e13,
            ),
            (
                [
                    Some(TICKET),
                    Some(CARD),
                    None,
                    None,
                    Some(long_nonce.as_str()),
                    None,
                ],
                5.0,
                -1.0,
            ),
        ];
        for (fields, timestamp, fixed) in cases.iter().take(3) {
            assert!(
                from_parts(fields, *timestamp, *fixed).is_some(),
                "{fields:?}"
            );
        }
        for (fields, timestamp, fixed) in &cases {
            let fast = from_parts(fields, *timestamp, *fixed);
            if fast.is_some() {
                assert_eq!(
                    fast,
                    from_json_text(fields, *timestamp, *fixed),
                    "{fields:?}"
                );
            } else {
                // The full path gives an error, or the fast path could not read the input.
                let full = from_json_text(fields, *timestamp, *fixed);
                assert!(
                    full.is_none() || fields.iter().flatten().any(|s| !s.is_ascii()),
                    "{fields:?}"
                );
            }
        }
        // No nonce: this host has no random bytes, so only the full path can answer (with its error).
        let no_nonce = [Some(TICKET), Some(CARD), None, None, None, None];
        assert_eq!(from_parts(&no_nonce, 5.0, -1.0), None);
        // Lengths that do not add up to the text.
        assert_eq!(
            build_from_parts(
                "abc",
                [1, 1, -1, -1, -1, -1],
                5.0,
                -1.0,
                &FixedHost { now: None }
            ),
            None
        );
    }
}
