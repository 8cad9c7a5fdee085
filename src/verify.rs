//! Checking a server-issued cardExt before it reaches WeChat.
//!
//! [`verify_card_ext`] never fails for a bad cardExt: every mistake is a
//! [`Problem`] in the [`Report`]. Without a ticket it makes every check a
//! client can make (shape, types, lengths, freshness, consistency with what
//! the page expects, leaked secrets); with the ticket it also recomputes the
//! signature and compares it in constant time. Only bad *options* are an
//! `Err`, from [`VerifyOptions::from_json`].

use crate::json::{ObjectWriter, ToJson, Value};
use crate::secret::without_input_ticket;

use crate::card_ext::{CardExtScan, problem_at, redact};
use crate::error::{Error, Result};
use crate::host::Host;
use crate::json::{Fields, join};
use crate::problem::{Problem, Severity};
use crate::rules;
use crate::secret::Ticket;
use crate::text::{concat, decimal};

pub mod fast;
use crate::sign::{card_signature, signatures_match};

/// How far ahead of "now" a timestamp may be before `TIMESTAMP_IN_FUTURE`:
/// five minutes of clock difference between the server and the checking device.
pub const FUTURE_SKEW_SECONDS: u64 = 300;

/// Eight hours: a timestamp this far off was usually made as "Beijing time"
/// (UTC+8) rather than Unix seconds.
const UTC8_OFFSET_SECONDS: u64 = 8 * 3600;

/// Every code a [`Report`] problem can carry. The error codes shared with
/// [`Error`] keep their meaning; the others are verification findings.
pub const PROBLEM_CODES: [&str; 24] = [
    // Errors shared with `Error`.
    "INVALID_JSON",
    "DOUBLE_ENCODED",
    "INVALID_TYPE",
    "INVALID_VALUE",
    "CAMEL_CASE_KEY",
    "SNAKE_CASE_KEY",
    "UNKNOWN_FIELD",
    "TICKET_LEAKED",
    "SECRET_LEAKED",
    "MISSING_FIELD",
    "INVALID_TIMESTAMP",
    "MALFORMED_SIGNATURE",
    "TOO_LONG",
    // Errors of verification.
    "TIMESTAMP_TOO_OLD",
    "CARD_ID_MISMATCH",
    "OPENID_MISMATCH",
    "CODE_MISMATCH",
    "SIGNATURE_MISMATCH",
    // Warnings.
    "UPPERCASE_SIGNATURE",
    "MISSING_NONCE",
    "CARD_ID_IN_CARD_EXT",
    "UNKNOWN_KEY",
    "LEGACY_FIELD",
    "TIMESTAMP_IN_FUTURE",
];

/// The JS names of [`VerifyOptions`], in the order API.md lists them.
pub const VERIFY_OPTION_KEYS: [&str; 7] = [
    "cardId",
    "apiTicket",
    "nowSeconds",
    "maxAgeSeconds",
    "expectOpenid",
    "expectCode",
    "allowTicketOnClient",
];

/// What to check a cardExt against.
///
/// ```
/// use wxcard::verify::VerifyOptions;
/// let options = VerifyOptions::from_json(&wxcard::json!({
///     "cardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
///     "nowSeconds": 1404896700,
///     "maxAgeSeconds": 600,
/// }))?;
/// assert_eq!(options.max_age_seconds, Some(600));
/// # Ok::<(), wxcard::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyOptions {
    /// The card the cardExt is for. Needed to check the signature; in a card
    /// list each item's own `cardId` takes its place.
    pub card_id: Option<String>,
    /// The card `api_ticket` (type `wx_card`). When given, the signature is
    /// recomputed and the cardExt is searched for the ticket's value.
    pub api_ticket: Option<Ticket>,
    /// "Now" in Unix seconds, for the freshness checks; without it they are skipped.
    pub now_seconds: Option<u64>,
    /// The oldest a timestamp may be, in seconds before `now_seconds`.
    pub max_age_seconds: Option<u64>,
    /// The openid the cardExt must be bound to.
    pub expect_openid: Option<String>,
    /// The code the cardExt must carry.
    pub expect_code: Option<String>,
    /// Lets a browser or mini-program pass a ticket (demo pages and tests only).
    /// The core does not look at it; the wasm entry points enforce it.
    pub allow_ticket_on_client: bool,
}

impl VerifyOptions {
    /// Options for `card_id`, with nothing else set.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(card_id: impl Into<String>) -> Self {
        VerifyOptions {
            card_id: Some(card_id.into()),
            ..VerifyOptions::default()
        }
    }

    /// Sets [`VerifyOptions::api_ticket`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_ticket(mut self, ticket: impl Into<Ticket>) -> Self {
        self.api_ticket = Some(ticket.into());
        self
    }

    /// Sets [`VerifyOptions::now_seconds`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_now(mut self, seconds: u64) -> Self {
        self.now_seconds = Some(seconds);
        self
    }

    /// Sets [`VerifyOptions::max_age_seconds`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_max_age(mut self, seconds: u64) -> Self {
        self.max_age_seconds = Some(seconds);
        self
    }

    /// Sets [`VerifyOptions::expect_openid`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn expecting_openid(mut self, openid: impl Into<String>) -> Self {
        self.expect_openid = Some(openid.into());
        self
    }

    /// Sets [`VerifyOptions::expect_code`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn expecting_code(mut self, code: impl Into<String>) -> Self {
        self.expect_code = Some(code.into());
        self
    }

    /// Fills [`VerifyOptions::now_seconds`] from the host's clock when it is
    /// not set (and the host has a clock).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn fill_now(&mut self, host: &dyn Host) {
        if self.now_seconds.is_none() {
            self.now_seconds = host.now_seconds().ok();
        }
    }

    /// The card id, or `MISSING_FIELD` for `cardId`: for entry points where
    /// it is required, such as `verifyCardExt`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn require_card_id(&self) -> Result<&str> {
        self.card_id
            .as_deref()
            .ok_or_else(|| Error::missing("cardId"))
    }

    /// Reads the options bag of API.md (`cardId`, `apiTicket`, `nowSeconds`,
    /// `maxAgeSeconds`, `expectOpenid`, `expectCode`, `allowTicketOnClient`).
    /// Wrong types, unknown keys, a malformed card id or ticket and a
    /// millisecond `nowSeconds` are errors naming the option.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read_json(value).map_err(|e| without_input_ticket(e, value, "apiTicket"))
    }

    /// [`Self::from_json`] before the ticket is taken out of its errors.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_json(value: &Value) -> Result<Self> {
        let fields = Fields::of(value, "")?;
        rules::check_keys(&fields, &VERIFY_OPTION_KEYS)?;
        let card_id = rules::opt_str(&fields, "cardId")?;
        if let Some(id) = &card_id {
            rules::check_card_id(id, "cardId")?;
        }
        let api_ticket = fields.str("apiTicket")?.map(Ticket::new);
        if let Some(ticket) = &api_ticket {
            rules::check_ticket(ticket, "apiTicket")?;
        }
        let now_seconds = rules::opt_timestamp(&fields, "nowSeconds")?;
        if let Some(now) = now_seconds {
            rules::check_timestamp(now, "nowSeconds")?;
        }
        Ok(VerifyOptions {
            card_id,
            api_ticket,
            now_seconds,
            max_age_seconds: fields.u64("maxAgeSeconds")?,
            expect_openid: rules::opt_str(&fields, "expectOpenid")?,
            expect_code: rules::opt_str(&fields, "expectCode")?,
            allow_ticket_on_client: fields.bool("allowTicketOnClient")?.unwrap_or(false),
        })
    }
}

/// The outcome of checking one cardExt.
///
/// Written as JSON `{ ok, signatureChecked, problems }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// False exactly when some problem has severity error.
    pub ok: bool,
    /// Whether the signature was recomputed with the ticket and compared.
    pub signature_checked: bool,
    /// Every problem found, errors first.
    pub problems: Vec<Problem>,
}

impl Report {
    /// A report of `problems`, errors first, `ok` exactly when none is an error.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(signature_checked: bool, problems: Vec<Problem>) -> Self {
        // A stable partition, errors first: no sort routine of its own in the `.wasm`.
        let (mut problems, warnings): (Vec<Problem>, Vec<Problem>) = problems
            .into_iter()
            .partition(|p| p.severity != Severity::Warning);
        problems.extend(warnings);
        Report {
            ok: !problems.iter().any(Problem::is_error),
            signature_checked,
            problems,
        }
    }

    /// Whether some problem has this code.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn has(&self, code: &str) -> bool {
        self.problems.iter().any(|p| p.code == code)
    }
}

/// Checks one cardExt string against `options`.
///
/// ```
/// use wxcard::verify::{VerifyOptions, verify_card_ext};
/// // The official example of the JS-SDK documentation, Appendix 4.
/// let card_ext = r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123",
///                   "signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;
/// let options = VerifyOptions::new("pjZ8Yt1XGILfi-FUsewpnnolGgZk")
///     .with_ticket("ojZ8YtyVyr30HheH3CM73y7h4jJE");
/// let report = verify_card_ext(card_ext, &options);
/// assert!(report.ok && report.signature_checked);
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn verify_card_ext(card_ext: &str, options: &VerifyOptions) -> Report {
    Verifier::new(options).verify(card_ext, options.card_id.as_deref(), "cardExt")
}

/// [`verify_card_ext`] for a cardExt that arrived as any JSON value, as it
/// may from JavaScript: a string is verified as usual; an object (the common
/// mistake of passing the cardExt unserialised) is an `INVALID_TYPE` error
/// whose contents are still checked; `null` is `MISSING_FIELD` and any other
/// value `INVALID_TYPE`. Never fails: every problem is in the report.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn verify_card_ext_value(card_ext: &Value, options: &VerifyOptions) -> Report {
    Verifier::new(options).verify_value(
        Some(card_ext).filter(|v| !v.is_null()),
        options.card_id.as_deref(),
        "cardExt",
        Vec::new(),
    )
}

/// Checks every item of a `cardList` (`[{ cardId, cardExt }]`), one report per
/// item, in order. Each item's `cardId` takes the place of the options'.
///
/// A malformed item (not an object, a missing `cardId`, `card_ext` instead of
/// `cardExt`, an object instead of a cardExt string) gives a report with a
/// problem; only a `items` that is not an array is an `Err`. The options are
/// read once for every item.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn verify_card_list(items: &Value, options: &VerifyOptions) -> Result<Vec<Report>> {
    Ok(ReportList::new(items, options)?.reports().collect())
}

/// The reports of [`verify_card_list`], made one at a time: written as JSON
/// (`[report,…]`) they are never all held at once, which is how the wasm
/// entry point hands them to JavaScript.
pub(crate) struct ReportList<'a> {
    items: &'a [Value],
    options: &'a VerifyOptions,
}

impl<'a> ReportList<'a> {
    /// The reports on `items`, or `INVALID_TYPE` when it is not an array.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn new(items: &'a Value, options: &'a VerifyOptions) -> Result<Self> {
        match items {
            Value::Array(items) => Ok(ReportList { items, options }),
            other => Err(Error::InvalidType {
                field: "cardList".into(),
                expected: "an array",
                found: crate::json::type_name(other),
            }),
        }
    }

    /// Each item's report, in order.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn reports(&self) -> impl Iterator<Item = Report> + '_ {
        let verifier = Verifier::new(self.options);
        self.items.iter().enumerate().map(move |(i, item)| {
            let path = concat(&["cardList[", &decimal(i as u64), "]"]);
            verifier.verify_item(item, &path)
        })
    }
}

impl ToJson for ReportList<'_> {
    /// `[report,…]`, as the `Vec<Report>` of [`verify_card_list`] is written.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, report) in self.reports().enumerate() {
            if i > 0 {
                out.push(',');
            }
            report.write_json(out);
        }
        out.push(']');
    }
}

/// The options of one verification run.
struct Verifier<'a> {
    options: &'a VerifyOptions,
}

impl<'a> Verifier<'a> {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn new(options: &'a VerifyOptions) -> Self {
        Verifier { options }
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn verify_item(&self, item: &Value, path: &str) -> Report {
        let fields = match Fields::of(item, path) {
            Ok(f) => f,
            Err(e) => return Report::new(false, vec![e.into()]),
        };
        let mut problems = Vec::new();
        if let Err(e) = rules::check_keys(&fields, &["cardId", "cardExt"]) {
            problems.push(Problem::from(e));
        }
        let card_id = match fields.required_str("cardId") {
            Ok(id) => match rules::check_card_id(id, &fields.path_of("cardId")) {
                Ok(()) => Some(id),
                Err(e) => {
                    problems.push(e.into());
                    None
                }
            },
            Err(e) => {
                problems.push(e.into());
                None
            }
        };
        let ext_path = fields.path_of("cardExt");
        self.verify_value(fields.get("cardExt"), card_id, &ext_path, problems)
    }

    /// The report on a cardExt given as any JSON value, after `problems` found
    /// around it: a string is checked; an object is an error (WeChat needs
    /// `JSON.stringify(cardExt)`) whose contents are checked all the same;
    /// anything else, or nothing, is an error alone.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn verify_value(
        &self,
        value: Option<&Value>,
        card_id: Option<&str>,
        ext_path: &str,
        mut problems: Vec<Problem>,
    ) -> Report {
        let serialised;
        let text = match value {
            Some(Value::String(s)) => s.as_str(),
            Some(object @ Value::Object(_)) => {
                push_at(
                    &mut problems,
                    Severity::Error,
                    "INVALID_TYPE",
                    ["", ext_path],
                    "expected a JSON string, got an object; WeChat needs JSON.stringify(cardExt) (its contents are checked below)",
                );
                serialised = object.to_json();
                serialised.as_str()
            }
            other => {
                problems.push(Problem::from(match other {
                    Some(other) => Error::InvalidType {
                        field: ext_path.to_owned(),
                        expected: "a JSON string",
                        found: crate::json::type_name(other),
                    },
                    None => Error::missing(ext_path),
                }));
                return Report::new(false, problems);
            }
        };
        let mut report = self.verify(text, card_id, ext_path);
        problems.append(&mut report.problems);
        Report::new(report.signature_checked, problems)
    }

    /// The report on one cardExt: the fast path for a clean, correctly signed
    /// cardExt ([`fast`]), else every check.
    fn verify(&self, text: &str, card_id: Option<&str>, field: &str) -> Report {
        fast::clean_report(text, card_id, self.options)
            .unwrap_or_else(|| self.full(text, card_id, field))
    }

    /// Every check on one cardExt.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn full(&self, text: &str, card_id: Option<&str>, field: &str) -> Report {
        let options = self.options;
        let ticket = options.api_ticket.as_ref();
        let mut scan = CardExtScan::read(text, field, ticket);
        // The scan's own problems come back with the ticket already taken out.
        let mut problems = scan.take_problems();
        let scanned = problems.len();
        self.freshness(&scan, field, &mut problems);
        consistency(&scan, card_id, options, field, &mut problems);
        let mut signature_checked = false;
        if let Some(ticket) = ticket {
            match card_id {
                None => push_at(
                    &mut problems,
                    Severity::Error,
                    "MISSING_FIELD",
                    ["", "cardId"],
                    "needed to check the signature, which covers the card id",
                ),
                Some(card_id) => {
                    if let Some(matched) = self.signature(&scan, card_id, ticket) {
                        signature_checked = true;
                        if !matched {
                            push_at(
                                &mut problems,
                                Severity::Error,
                                "SIGNATURE_MISMATCH",
                                [field, "signature"],
                                "does not match the signature of the ticket, the card id and the signed fields (timestamp, code, openid, nonce_str); diagnoseCardExt can name the mistake",
                            );
                        }
                    }
                }
            }
            // Only the problems found here: redacting a problem twice would redact the
            // `<redacted>` of a short ticket again.
            if let Some(added) = problems.get_mut(scanned..) {
                redact(added, ticket);
            }
        }
        Report::new(signature_checked, problems)
    }

    /// `Some(matched)` when the signature and timestamp could be read. A
    /// cardExt with the legacy `balance` also matches when `balance` is signed
    /// (the official tool signs it for `LUCKY_MONEY` cards).
    #[cfg_attr(wxcard_size, optimize(size))]
    fn signature(&self, scan: &CardExtScan, card_id: &str, ticket: &Ticket) -> Option<bool> {
        let (Some(timestamp), Some(given)) = (scan.timestamp, scan.signature.as_deref()) else {
            return None;
        };
        let timestamp = decimal(timestamp);
        let [code, openid, nonce] =
            [&scan.code, &scan.openid, &scan.nonce_str].map(|v| v.as_deref().unwrap_or(""));
        // An empty value adds nothing, so "" stands for the unsigned balance.
        let balances = [Some(""), scan.balance.as_deref()];
        Some(balances.into_iter().flatten().any(|balance| {
            let values = [
                ticket.expose(),
                &timestamp,
                card_id,
                code,
                openid,
                nonce,
                balance,
            ];
            signatures_match(&card_signature(&values), given)
        }))
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn freshness(&self, scan: &CardExtScan, field: &str, problems: &mut Vec<Problem>) {
        let (Some(now), Some(ts)) = (self.options.now_seconds, scan.timestamp) else {
            return;
        };
        // A timestamp ahead of now is never too old: one finding at most.
        // The message: `n`, then `text`, then for an old one the allowed age and advice.
        let (severity, code, n, text, max_age) = if ts > now.saturating_add(FUTURE_SKEW_SECONDS) {
            let ahead = ts - now;
            let text = if ahead.abs_diff(UTC8_OFFSET_SECONDS) <= FUTURE_SKEW_SECONDS {
                " seconds ahead of now; about 8 hours, so it was probably made as Beijing time (UTC+8): use plain Unix seconds"
            } else {
                " seconds ahead of now; check the server clock"
            };
            (Severity::Warning, "TIMESTAMP_IN_FUTURE", ahead, text, None)
        } else {
            let age = now.saturating_sub(ts);
            match self.options.max_age_seconds {
                Some(max_age) if age > max_age => (
                    Severity::Error,
                    "TIMESTAMP_TOO_OLD",
                    age,
                    " seconds old, more than the allowed ",
                    Some(max_age),
                ),
                _ => return,
            }
        };
        let mut tail = decimal(n);
        tail.push_str(text);
        if let Some(max_age) = max_age {
            tail.push_str(&decimal(max_age));
            tail.push_str("; fetch a fresh cardExt from the server");
        }
        push_at(problems, severity, code, [field, "timestamp"], &tail);
    }
}

/// The cardExt against what the page expects: its card, openid and code.
#[cfg_attr(wxcard_size, optimize(size))]
fn consistency(
    scan: &CardExtScan,
    card_id: Option<&str>,
    options: &VerifyOptions,
    field: &str,
    problems: &mut Vec<Problem>,
) {
    if let (Some(inside), Some(card_id)) = (scan.card_id.as_deref(), card_id) {
        if !inside.is_empty() && inside != card_id {
            push_at(
                problems,
                Severity::Error,
                "CARD_ID_MISMATCH",
                [field, "card_id"],
                "names a different card than cardId; this cardExt was made for another card",
            );
        }
    }
    let checks = [
        (
            "openid",
            "OPENID_MISMATCH",
            &options.expect_openid,
            &scan.openid,
        ),
        ("code", "CODE_MISMATCH", &options.expect_code, &scan.code),
    ];
    for (key, code, expected, found) in checks {
        let Some(expected) = expected else { continue };
        if found.as_ref() == Some(expected) {
            continue;
        }
        let mut tail = String::new();
        if found.is_some() {
            tail.push_str("differs from the expected ");
            tail.push_str(key);
        } else {
            tail.push_str("absent, but ");
            tail.push_str(key);
            tail.push(' ');
            crate::json::write_str(&mut tail, expected);
            tail.push_str(" is expected");
        }
        push_at(problems, Severity::Error, code, [field, key], &tail);
    }
}

/// Adds the problem at the path `parent.key` (`key` alone under an empty
/// parent) whose message is `"{path}: {tail}"`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn push_at(
    problems: &mut Vec<Problem>,
    severity: Severity,
    code: &'static str,
    [parent, key]: [&str; 2],
    tail: &str,
) {
    problems.push(problem_at(severity, code, join(parent, key), tail));
}

impl ToJson for Report {
    /// `{ ok, signatureChecked, problems }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("ok", &self.ok)
            .field("signatureChecked", &self.signature_checked)
            .field("problems", &self.problems)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn report_serialises_as_api_md_says() {
        let report = verify_card_ext("{", &VerifyOptions::new("p1"));
        let v = Value::parse(&report.to_json()).unwrap();
        assert_eq!(v["ok"], json!(false));
        assert_eq!(v["signatureChecked"], json!(false));
        assert_eq!(v["problems"][0]["code"], json!("INVALID_JSON"));
        assert_eq!(v["problems"][0]["severity"], json!("error"));
        assert_eq!(v["problems"][0]["field"], json!("cardExt"));
    }

    #[test]
    fn report_list_writes_what_verify_card_list_returns() {
        let options = VerifyOptions::new("p1").with_ticket("ojZ8YtyVyr30HheH3CM73y7h4jJE");
        let items = json!([
            {"cardId": "p1", "cardExt": "{"},
            {"card_id": "p1", "cardExt": {"timestamp": 1}},
            7,
            {"cardId": "p2", "cardExt": "{\"timestamp\":\"1\",\"signature\":\"x\"}"},
        ]);
        let reports = verify_card_list(&items, &options).unwrap();
        let list = ReportList::new(&items, &options).unwrap();
        assert_eq!(list.to_json(), reports.to_json());
        assert_eq!(
            ReportList::new(&json!([]), &options).unwrap().to_json(),
            "[]"
        );
        assert!(ReportList::new(&json!({}), &options).is_err());
    }

    #[test]
    fn options_errors_name_the_option() {
        let err = |v: Value| VerifyOptions::from_json(&v).unwrap_err();
        assert_eq!(err(json!({"cardId": 5})).field(), Some("cardId"));
        assert_eq!(
            err(json!({"nowSeconds": 1414587457123u64})).code(),
            "INVALID_TIMESTAMP"
        );
        assert_eq!(err(json!({"maxAge": 5})).code(), "UNKNOWN_FIELD");
        assert_eq!(err(json!({"api_ticket": "t"})).code(), "SNAKE_CASE_KEY");
        assert_eq!(err(json!("x")).code(), "INVALID_TYPE");
    }
}
