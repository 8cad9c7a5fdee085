//! Explaining a signature that does not match.
//!
//! [`diagnose_card_ext`] recomputes a cardExt's signature the way each known
//! mistake would have and names the mistake that reproduces the signature
//! the cardExt carries (SPEC §6: unsorted values, a case-insensitive sort, a
//! `k=v&` string like the `wx.config` signer, a millisecond or fractional
//! timestamp, a value signed but not sent or sent but not signed, …).
//!
//! The work is capped ([`MAX_CANDIDATES`] candidate strings and
//! [`MAX_HASHED_BYTES`] hashed bytes), so a hostile cardExt cannot make it slow.

use crate::json::{ObjectWriter, ToJson, Value};
use crate::secret::without_input_ticket;

use crate::card_ext::CardExtScan;
use crate::error::Result;
use crate::json::Fields;
use crate::redact::scrub;
use crate::rules;
use crate::secret::Ticket;
use crate::sign::{card_signature, signatures_match};

mod candidates;

/// The most candidate signatures one diagnosis computes.
pub const MAX_CANDIDATES: usize = 8192;
/// The most bytes one diagnosis hashes in total.
pub const MAX_HASHED_BYTES: usize = 4 << 20;

/// What [`diagnose_card_ext`] found. Written as JSON `{ ok, cause, message }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// Whether the cardExt is valid for the card and ticket (the signature
    /// matches and no check fails).
    pub ok: bool,
    /// The mistake, as a stable code (see [`CAUSES`]); `None` when the cardExt
    /// is fine. When the cardExt is malformed and no mistake reproduces the
    /// signature, the code of its first error (such as `CAMEL_CASE_KEY`).
    pub cause: Option<&'static str>,
    /// What was found and how to fix it. Never contains the ticket.
    pub message: String,
}

/// Every cause a diagnosis can name besides the error codes of malformed input.
pub const CAUSES: [&str; 18] = [
    "UPPERCASE_HEX",
    "BALANCE_SIGNED",
    "NONCE_SENT_NOT_SIGNED",
    "CODE_SENT_NOT_SIGNED",
    "OPENID_SENT_NOT_SIGNED",
    "CARD_ID_NOT_SIGNED",
    "NONCE_SIGNED_NOT_SENT",
    "CODE_SIGNED_NOT_SENT",
    "OPENID_SIGNED_NOT_SENT",
    "EXTRA_VALUE_SIGNED",
    "UNDEFINED_SIGNED",
    "TICKET_WHITESPACE",
    "CASE_INSENSITIVE_SORT",
    "TIMESTAMP_AS_NUMBER",
    "TIMESTAMP_DIFFERS",
    "JSAPI_STYLE",
    "UNSORTED",
    "WRONG_TICKET",
];

/// The options of `diagnoseCardExt`: `{ cardId, apiTicket, allowTicketOnClient? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagnoseOptions {
    /// The card the cardExt is for.
    pub card_id: String,
    /// The card `api_ticket` (type `wx_card`).
    pub api_ticket: Ticket,
    /// Lets a browser or mini-program pass the ticket (enforced by the wasm entry points).
    pub allow_ticket_on_client: bool,
}

impl DiagnoseOptions {
    /// Reads `{ cardId, apiTicket, allowTicketOnClient? }`; both ids are required.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read_json(value).map_err(|e| without_input_ticket(e, value, "apiTicket"))
    }

    /// [`Self::from_json`] before the ticket is taken out of its errors.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_json(value: &Value) -> Result<Self> {
        let fields = Fields::of(value, "")?;
        rules::check_keys(&fields, &["cardId", "apiTicket", "allowTicketOnClient"])?;
        let card_id = fields.required_str("cardId")?;
        rules::check_card_id(card_id, "cardId")?;
        let api_ticket = Ticket::new(fields.required_str("apiTicket")?);
        rules::check_ticket(&api_ticket, "apiTicket")?;
        Ok(DiagnoseOptions {
            card_id: card_id.to_owned(),
            api_ticket,
            allow_ticket_on_client: fields.bool("allowTicketOnClient")?.unwrap_or(false),
        })
    }
}

/// Explains why `card_ext` is or is not correctly signed for `card_id` under `ticket`.
///
/// ```
/// use wxcard::{Ticket, diagnose::diagnose_card_ext};
/// let ticket = Ticket::new("ojZ8YtyVyr30HheH3CM73y7h4jJE");
/// let card = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
/// // Signed as a jsapi-style "k=v&" string instead of WeChat's card scheme.
/// let wrong = wxcard::sign::sha1_hex([format!(
///     "api_ticket={}&card_id={card}&nonce_str=123&timestamp=1404896688",
///     ticket.expose()
/// )
/// .as_bytes()]);
/// let card_ext = format!(r#"{{"timestamp":"1404896688","nonce_str":"123","signature":"{wrong}"}}"#);
/// let d = diagnose_card_ext(&card_ext, card, &ticket);
/// assert_eq!((d.ok, d.cause), (false, Some("JSAPI_STYLE")));
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn diagnose_card_ext(card_ext: &str, card_id: &str, ticket: &Ticket) -> Diagnosis {
    let scan = CardExtScan::read(card_ext, "cardExt", Some(ticket));
    let first_error = scan.errors.first().map(|e| (e.code(), e.to_string()));
    let (Some(timestamp), Some(given)) = (scan.timestamp, scan.signature.as_deref()) else {
        let (cause, message) = first_error.unwrap_or(("MISSING_FIELD", String::new()));
        return redacted(false, Some(cause), message, ticket);
    };
    let signed = candidates::Signed {
        ticket: ticket.expose(),
        card_id,
        timestamp,
        code: scan.code.as_deref(),
        openid: scan.openid.as_deref(),
        nonce_str: scan.nonce_str.as_deref(),
    };
    let ts = candidates::decimal(timestamp);
    let mut values = signed.with_timestamp(&ts);
    let correct = signatures_match(&card_signature(&values), given);
    let with_balance = !correct
        && scan.balance.as_deref().is_some_and(|balance| {
            values.push(balance);
            signatures_match(&card_signature(&values), given)
        });
    if correct || with_balance {
        if let Some((cause, message)) = first_error {
            return redacted(false, Some(cause), message, ticket);
        }
        let uppercase = given.bytes().any(|b| b.is_ascii_uppercase());
        let (cause, message) = if with_balance {
            (
                Some("BALANCE_SIGNED"),
                "the signature matches with the legacy balance field signed, as the official tool does for LUCKY_MONEY cards; for any other card type, drop balance",
            )
        } else if uppercase {
            (
                Some("UPPERCASE_HEX"),
                "the signature matches, but in upper-case hex; every reference signer emits lower case and WeChat's acceptance of upper case is unconfirmed",
            )
        } else {
            (
                None,
                "the signature matches and the cardExt passes every check",
            )
        };
        return Diagnosis {
            ok: true,
            cause,
            message: message.into(),
        };
    }
    let mut search = candidates::Search::new(given);
    // Values a signer may have signed although WeChat does not: misnamed or
    // unknown keys, and the unsigned fields.
    let mut extras: Vec<(&str, &str)> = scan
        .other_values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let fixed_begin = scan.fixed_begintimestamp.map(candidates::decimal);
    let unsigned = [
        ("outer_str", &scan.outer_str),
        ("fixed_begintimestamp", &fixed_begin),
        ("card_id", &scan.card_id),
    ];
    for (key, value) in unsigned {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            extras.push((key, value));
        }
    }
    if let Some((cause, message)) = search.run(&signed, &extras) {
        return Diagnosis {
            ok: false,
            cause: Some(cause),
            message: message.into(),
        };
    }
    match first_error {
        Some((cause, message)) => redacted(false, Some(cause), message, ticket),
        None => {
            let absent: Vec<&str> = [
                ("nonce_str", signed.nonce_str),
                ("code", signed.code),
                ("openid", signed.openid),
            ]
            .into_iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| k)
            .collect();
            let mut message = String::from("no known mistake reproduces the signature");
            if search.exhausted() {
                message.push_str(" (the search stopped at its work limit)");
            }
            message.push_str("; the usual cause is a different ticket: the jsapi_ticket instead of the wx_card api_ticket, a ticket of another official account than the one that created the card, or a rotated ticket. Also check that cardId is the card that was signed");
            if !absent.is_empty() {
                message.push_str(&format!(
                    ", and that the signer did not sign a {} this cardExt does not send",
                    absent.join(" or ")
                ));
            }
            Diagnosis {
                ok: false,
                cause: Some("WRONG_TICKET"),
                message,
            }
        }
    }
}

fn redacted(ok: bool, cause: Option<&'static str>, message: String, ticket: &Ticket) -> Diagnosis {
    let message = scrub(&message, ticket.expose()).unwrap_or(message);
    Diagnosis { ok, cause, message }
}

/// SHA-1 of `parts` concatenated, compared with `given`: the one place the
/// search hashes, so the budget sees every byte.
///
/// The parts are joined first, so the hashing is the one of [`card_signature`]
/// (a single value sorts to itself) instead of a second copy in the `.wasm`.
fn hash_matches(parts: &[&str], given: &str) -> bool {
    signatures_match(&card_signature(&[parts.concat().as_str()]), given)
}

impl ToJson for Diagnosis {
    /// `{ ok, cause, message }`; `cause` is `null` when there is none.
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("ok", &self.ok)
            .field("cause", &self.cause)
            .field("message", &self.message)
            .end();
    }
}
