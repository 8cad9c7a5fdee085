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

use crate::card_ext::CardExtScan;
use crate::error::{Error, Result};
use crate::json::{Fields, ObjectWriter, ToJson, Value};
use crate::redact::scrub;
use crate::rules;
use crate::secret::{Ticket, without_input_ticket};

mod candidates;
mod finding;
mod search;
mod signed;

use finding::Finding;
use search::Search;

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
    diagnose_scan(
        &CardExtScan::read(card_ext, "cardExt", Some(ticket)),
        card_id,
        ticket,
    )
}

/// [`diagnose_card_ext`] of a cardExt once read: a mistake that reproduces
/// the signature comes first, then the first error of a malformed cardExt.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn diagnose_scan(scan: &CardExtScan, card_id: &str, ticket: &Ticket) -> Diagnosis {
    match (verdict(scan, card_id, ticket), scan.errors.first()) {
        (Verdict::Mistake(finding), _) => found(false, finding),
        (_, Some(error)) => from_error(error, ticket),
        (Verdict::Unreadable, None) => diagnosis(false, Some("MISSING_FIELD"), ""),
        (Verdict::Matches(Some(finding)), None) => found(true, finding),
        (Verdict::Matches(None), None) => diagnosis(
            true,
            None,
            "the signature matches and the cardExt passes every check",
        ),
        (Verdict::Unexplained { exhausted }, None) => wrong_ticket(scan, exhausted),
    }
}

/// What the signature of a cardExt shows, before its errors are weighed.
enum Verdict {
    /// No readable timestamp or signature to check.
    Unreadable,
    /// The signature matches, with a remark or none.
    Matches(Option<Finding>),
    /// A known mistake reproduces the signature.
    Mistake(Finding),
    /// Nothing reproduces it; `exhausted` when the search hit its work limit.
    Unexplained { exhausted: bool },
}

/// Checks the signature of `scan`, then tries the known mistakes.
#[cfg_attr(wxcard_size, optimize(size))]
fn verdict(scan: &CardExtScan, card_id: &str, ticket: &Ticket) -> Verdict {
    let (Some(timestamp), Some(given)) = (scan.timestamp, scan.signature.as_deref()) else {
        return Verdict::Unreadable;
    };
    let ts = crate::text::decimal(timestamp);
    let signed = signed::Signed([
        ticket.expose(),
        &ts,
        card_id,
        scan.code.as_deref().unwrap_or_default(),
        scan.openid.as_deref().unwrap_or_default(),
        scan.nonce_str.as_deref().unwrap_or_default(),
    ]);
    // WeChat's scheme: the values in byte order, concatenated (an empty
    // balance adds nothing), outside the budget.
    let mut search = Search::new(given);
    if signed.signed_as(&mut search, "", "", 0) {
        let uppercase = given.bytes().any(|b| b.is_ascii_uppercase());
        return Verdict::Matches(uppercase.then_some(Finding::UppercaseHex));
    }
    if let Some(balance) = scan.balance.as_deref()
        && signed.signed_as(&mut search, "", balance, 1)
    {
        return Verdict::Matches(Some(Finding::BalanceSigned));
    }
    // Values a signer may have signed although WeChat does not: misnamed or
    // unknown keys, and the unsigned fields.
    let fixed_begin = scan.fixed_begintimestamp.map(crate::text::decimal);
    let unsigned = [
        scan.outer_str.as_deref(),
        fixed_begin.as_deref(),
        scan.card_id.as_deref(),
    ];
    search.limit();
    match candidates::run(
        &mut search,
        &signed,
        timestamp,
        &scan.other_values,
        unsigned,
    ) {
        Some(finding) => Verdict::Mistake(finding),
        None => Verdict::Unexplained {
            exhausted: search.exhausted(),
        },
    }
}

/// The diagnosis when no known mistake reproduces the signature.
#[cfg_attr(wxcard_size, optimize(size))]
fn wrong_ticket(scan: &CardExtScan, exhausted: bool) -> Diagnosis {
    let mut message = String::from("no known mistake reproduces the signature");
    if exhausted {
        message.push_str(" (the search stopped at its work limit)");
    }
    message.push_str("; the usual cause is a different ticket: the jsapi_ticket instead of the wx_card api_ticket, a ticket of another official account than the one that created the card, or a rotated ticket. Also check that cardId is the card that was signed");
    // A value signed but left out of the cardExt cannot be reproduced.
    let mut absent = 0;
    for (key, value) in [
        ("nonce_str", &scan.nonce_str),
        ("code", &scan.code),
        ("openid", &scan.openid),
    ] {
        if value.is_none() {
            message.push_str(if absent == 0 {
                ", and that the signer did not sign a "
            } else {
                " or "
            });
            message.push_str(key);
            absent += 1;
        }
    }
    if absent > 0 {
        message.push_str(" this cardExt does not send");
    }
    Diagnosis {
        ok: false,
        cause: Some("WRONG_TICKET"),
        message,
    }
}

/// The diagnosis of a malformed cardExt: its first error, without the ticket.
#[cfg_attr(wxcard_size, optimize(size))]
fn from_error(error: &Error, ticket: &Ticket) -> Diagnosis {
    let message = error.message();
    let message = scrub(&message, ticket.expose()).unwrap_or(message);
    Diagnosis {
        ok: false,
        cause: Some(error.code()),
        message,
    }
}

/// The diagnosis that names `finding`.
#[cfg_attr(wxcard_size, optimize(size))]
fn found(ok: bool, finding: Finding) -> Diagnosis {
    let (cause, message) = finding.text();
    diagnosis(ok, Some(cause), message)
}

#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn diagnosis(ok: bool, cause: Option<&'static str>, message: &str) -> Diagnosis {
    Diagnosis {
        ok,
        cause,
        message: message.into(),
    }
}

impl ToJson for Diagnosis {
    /// `{ ok, cause, message }`; `cause` is `null` when there is none.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("ok", &self.ok)
            .field("cause", &self.cause)
            .field("message", &self.message)
            .end();
    }
}
