//! Reading a `cardExt`: the JSON string that carries one card's signed extras.
//!
//! One set of checks serves two readers:
//! - [`CardExt::parse`] is strict: the first mistake is an [`Error`], for code
//!   that must not pass a bad cardExt on (such as `addCard` list validation);
//! - [`CardExtScan::read`] never fails: it keeps every field it could read and
//!   every problem it found, errors and warnings, for verification and diagnosis.
//!
//! The strict reader is the first error of the lenient one, so the two can
//! never disagree.

use crate::json::{Map, Value};

use crate::error::{Error, Result};
use crate::json::{self, join};
use crate::problem::{Problem, Severity};
use crate::rules;
use crate::secret::Ticket;
use crate::sign::{self, card_signature};
use crate::text::{contains, decimal, fill};

/// The keys WeChat reads from a cardExt (SPEC §1.1), plus the legacy ones.
pub const KNOWN_KEYS: [&str; 9] = [
    "code",
    "openid",
    "timestamp",
    "nonce_str",
    "signature",
    "fixed_begintimestamp",
    "outer_str",
    "balance",
    "outer_id",
];

/// The most values of misnamed or unknown keys kept by [`CardExtScan::read`],
/// so a huge cardExt cannot make diagnosis slow.
pub const MAX_OTHER_VALUES: usize = 16;

/// The most `UNKNOWN_KEY` warnings for one cardExt, one per key; the keys
/// beyond are counted in one more warning, so a hostile cardExt cannot make a
/// huge report.
pub const MAX_UNKNOWN_KEY_WARNINGS: usize = 16;

/// A valid cardExt, as read by [`CardExt::parse`].
///
/// Optional fields that are absent, `null` or `""` are `None` (an empty value
/// adds nothing to the signature). Integer `code`, `openid` and `nonce_str`
/// values are kept in their decimal form, the form that is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardExt {
    /// The card code (custom-code cards only). Signed.
    pub code: Option<String>,
    /// The openid of the only user who may receive the card (`bind_openid` cards only). Signed.
    pub openid: Option<String>,
    /// Unix seconds. Signed, as its decimal string.
    pub timestamp: u64,
    /// Whether `timestamp` was a JSON number (`1404896688`) rather than a string of digits.
    pub timestamp_is_number: bool,
    /// The nonce. Signed.
    pub nonce_str: Option<String>,
    /// The signature: 40 hex digits, as given (either case).
    pub signature: String,
    /// The fixed begin time of a `DATE_TYPE_FIX_TERM` card, Unix seconds. Not signed.
    pub fixed_begintimestamp: Option<u64>,
    /// The channel value returned in the card-received event. Not signed.
    pub outer_str: Option<String>,
    /// Legacy `LUCKY_MONEY` amount in fen, as decimal text. Signed only for that card type.
    pub balance: Option<String>,
    /// Legacy channel id (replaced by `outer_str`), as decimal text. Not signed.
    pub outer_id: Option<String>,
    /// A `card_id` carried inside the cardExt (harmless extra data; WeChat reads `cardId` beside it).
    pub card_id: Option<String>,
}

impl CardExt {
    /// Parses a cardExt string strictly: the first mistake is an [`Error`]
    /// whose field is a path under `field` (such as `cardExt.timestamp`).
    ///
    /// ```
    /// use wxcard::card_ext::CardExt;
    /// let ext = CardExt::parse(
    ///     r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123",
    ///         "signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#,
    ///     "cardExt",
    /// )?;
    /// assert_eq!(ext.timestamp, 1404896688);
    ///
    /// let err = CardExt::parse(r#"{"timestamp":"1404896688","nonceStr":"1"}"#, "cardExt").unwrap_err();
    /// assert_eq!((err.code(), err.field()), ("CAMEL_CASE_KEY", Some("cardExt.nonceStr")));
    /// # Ok::<(), wxcard::Error>(())
    /// ```
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn parse(text: &str, field: &str) -> Result<CardExt> {
        CardExtScan::read(text, field, None).into_card_ext(field)
    }

    /// The values WeChat signs for this cardExt: `[api_ticket, timestamp,
    /// card_id, code?, openid?, nonce_str?]`, unsorted. With `balance` set to
    /// true the legacy `balance` is added (`LUCKY_MONEY` cards).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn signed_values<'a>(
        &'a self,
        card_id: &'a str,
        ticket: &'a Ticket,
        timestamp: &'a str,
        balance: bool,
    ) -> Vec<&'a str> {
        let mut values = vec![ticket.expose(), timestamp, card_id];
        values.extend(
            [&self.code, &self.openid, &self.nonce_str]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        if balance {
            values.extend(self.balance.as_deref());
        }
        values
    }

    /// The signature this cardExt should carry for `card_id` under `ticket`
    /// (lowercase hex).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn expected_signature(&self, card_id: &str, ticket: &Ticket) -> String {
        let timestamp = crate::text::decimal(self.timestamp);
        card_signature(&self.signed_values(card_id, ticket, &timestamp, false))
    }
}

/// Everything a lenient read of a cardExt found: each field it could read
/// and every problem, in a fixed order (leaked secrets, misnamed keys, then
/// the fields one by one).
#[derive(Clone, Debug, Default)]
pub struct CardExtScan {
    /// `code`, when it is a string or an integer (kept even when it breaks a
    /// rule, since it is what was sent and signed; the rule is in `errors`).
    pub code: Option<String>,
    /// `openid`, when readable (kept even when it breaks a rule).
    pub openid: Option<String>,
    /// `timestamp`, when readable.
    pub timestamp: Option<u64>,
    /// Whether `timestamp` was a JSON number.
    pub timestamp_is_number: bool,
    /// `nonce_str`, when readable (kept even when it breaks a rule).
    pub nonce_str: Option<String>,
    /// `signature`, when it is 40 hex digits.
    pub signature: Option<String>,
    /// `fixed_begintimestamp`, when readable.
    pub fixed_begintimestamp: Option<u64>,
    /// `outer_str`, when readable.
    pub outer_str: Option<String>,
    /// `balance`, when readable.
    pub balance: Option<String>,
    /// `outer_id`, when readable.
    pub outer_id: Option<String>,
    /// A `card_id` inside the cardExt, when readable.
    pub card_id: Option<String>,
    /// Misnamed or unknown keys with their string or integer values (at most
    /// [`MAX_OTHER_VALUES`]): what a signer may have signed under another name.
    pub other_values: Vec<(String, String)>,
    /// Mistakes that make the cardExt wrong, in order.
    pub errors: Vec<Error>,
    /// Findings that WeChat may accept but are likely mistakes.
    pub warnings: Vec<Problem>,
    /// The ticket the cardExt was read with, removed from [`CardExtScan::problems`].
    ticket: Option<Ticket>,
}

impl CardExtScan {
    /// Reads `text` without failing; `field` names the cardExt in problem paths.
    ///
    /// With `ticket` given, a cardExt that contains the ticket's value anywhere
    /// is reported as `TICKET_LEAKED` (for tickets of at least
    /// [`MIN_LEAK_CHECK_LEN`] characters, so short test tickets do not match
    /// ordinary values by chance).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn read(text: &str, field: &str, ticket: Option<&Ticket>) -> CardExtScan {
        Self::read_with(text, field, ticket, &mut String::new())
    }

    /// [`CardExtScan::read`] with a caller-owned buffer for field paths, so
    /// that checking many cardExts allocates no path for a field without problems.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn read_with(
        text: &str,
        field: &str,
        ticket: Option<&Ticket>,
        path: &mut String,
    ) -> CardExtScan {
        let mut scan = CardExtScan {
            ticket: ticket.cloned(),
            ..CardExtScan::default()
        };
        let value = match parse_object(text, field) {
            Ok(v) => v,
            Err(e) => {
                scan.fail(e);
                // A cardExt that does not parse can still carry the ticket in its text.
                if ticket.is_some_and(|t| ticket_location(text, &Map::new(), field, t).is_some()) {
                    scan.fail(Error::TicketLeaked {
                        field: field.to_owned(),
                    });
                }
                return scan;
            }
        };
        let Value::Object(map) = &value else {
            return scan;
        };
        // Leaked secrets first (worse than any naming mistake), then the
        // other keys, then the fields one by one.
        scan.secret_keys(map, field);
        if let Some(at) = ticket.and_then(|t| ticket_location(text, map, field, t)) {
            // The only errors so far are leaks found by key name.
            if !scan.has_error_at(&at) {
                scan.fail(Error::TicketLeaked { field: at });
            }
        }
        scan.other_keys(map, field);
        scan.read_fields(map, field, path);
        scan
    }

    /// The first error as an `Err`, or the [`CardExt`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn into_card_ext(self, field: &str) -> Result<CardExt> {
        if let Some(e) = self.errors.into_iter().next() {
            return Err(e);
        }
        let (Some(timestamp), Some(signature)) = (self.timestamp, self.signature) else {
            return Err(Error::missing(join(field, "signature")));
        };
        Ok(CardExt {
            code: self.code,
            openid: self.openid,
            timestamp,
            timestamp_is_number: self.timestamp_is_number,
            nonce_str: self.nonce_str,
            signature,
            fixed_begintimestamp: self.fixed_begintimestamp,
            outer_str: self.outer_str,
            balance: self.balance,
            outer_id: self.outer_id,
            card_id: self.card_id,
        })
    }

    /// Every problem: errors first, then warnings. Messages and fields that
    /// quote the ticket the cardExt was read with (whole or cut, say in a key)
    /// show `<redacted>` in its place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn problems(&self) -> impl Iterator<Item = Problem> + '_ {
        self.errors
            .iter()
            .cloned()
            .map(Problem::from)
            .chain(self.warnings.iter().cloned())
            .map(|mut p| {
                if let Some(ticket) = &self.ticket {
                    p.redact(ticket.expose());
                }
                p
            })
    }

    /// [`CardExtScan::problems`], taken out of the scan (its errors and
    /// warnings are left empty).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn take_problems(&mut self) -> Vec<Problem> {
        let mut problems: Vec<Problem> = std::mem::take(&mut self.errors)
            .into_iter()
            .map(Problem::from)
            .collect();
        problems.append(&mut self.warnings);
        if let Some(ticket) = &self.ticket {
            redact(&mut problems, ticket);
        }
        problems
    }

    /// Keys named like a secret.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn secret_keys(&mut self, map: &Map, field: &str) {
        for key in map.keys() {
            match key_kind(key) {
                KeyKind::Ticket => self.fail(Error::TicketLeaked {
                    field: key_path(field, key),
                }),
                KeyKind::Secret => self.fail(Error::SecretLeaked {
                    field: key_path(field, key),
                }),
                _ => {}
            }
        }
    }

    /// Misnamed keys (errors), `card_id` and unknown keys (warnings).
    #[cfg_attr(wxcard_size, optimize(size))]
    fn other_keys(&mut self, map: &Map, field: &str) {
        let (mut unknown, mut unreported) = (0, 0);
        for (key, value) in map {
            match key_kind(key) {
                KeyKind::Field | KeyKind::Ticket | KeyKind::Secret => continue,
                KeyKind::CardId => {
                    self.warn(
                        "CARD_ID_IN_CARD_EXT",
                        key_path(field, key),
                        "card_id is not a cardExt field (WeChat reads cardId beside cardExt); harmless, but not needed",
                    );
                    continue;
                }
                KeyKind::Misnamed(expected) => self.fail(Error::CamelCaseKey {
                    field: key_path(field, key),
                    found: json::truncate(key, 32),
                    expected,
                }),
                KeyKind::Unknown if unknown < MAX_UNKNOWN_KEY_WARNINGS => {
                    unknown += 1;
                    self.warn(
                        "UNKNOWN_KEY",
                        key_path(field, key),
                        "not a cardExt field; WeChat ignores it",
                    );
                }
                KeyKind::Unknown => unreported += 1,
            }
            if self.other_values.len() < MAX_OTHER_VALUES {
                if let Some(text) = scalar_text(value) {
                    self.other_values.push((key.clone(), text));
                }
            }
        }
        if unreported > 0 {
            let mut tail = decimal(unreported);
            tail.push_str(" more keys that are not cardExt fields");
            self.warn("UNKNOWN_KEY", field.to_owned(), &tail);
        }
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_fields(&mut self, map: &Map, field: &str, path: &mut String) {
        match map.get("timestamp").filter(|v| !v.is_null()) {
            None => self.fail(Error::missing(join(field, "timestamp"))),
            Some(v) => match read_timestamp(v, at(path, field, "timestamp")) {
                Ok(t) => {
                    self.timestamp = Some(t);
                    self.timestamp_is_number = v.is_number();
                }
                Err(e) => self.fail(e),
            },
        }
        self.read_signature(map, field);
        self.nonce_str =
            self.signed_text(map, at(path, field, "nonce_str"), "nonce_str", Rule::Nonce);
        if self.nonce_str.is_none() && !self.has_error_at(at(path, field, "nonce_str")) {
            self.warn(
                "MISSING_NONCE",
                path.clone(),
                "absent; WeChat recommends a fresh random nonce_str so that two cardExts with the same timestamp differ",
            );
        }
        self.code = self.signed_text(map, at(path, field, "code"), "code", Rule::Code);
        self.openid = self.signed_text(map, at(path, field, "openid"), "openid", Rule::Openid);
        if let Some(v) = map.get("fixed_begintimestamp").filter(|v| !v.is_null()) {
            match read_timestamp(v, at(path, field, "fixed_begintimestamp")) {
                Ok(t) => self.fixed_begintimestamp = Some(t),
                Err(e) => self.fail(e),
            }
        }
        self.outer_str =
            self.signed_text(map, at(path, field, "outer_str"), "outer_str", Rule::Any);
        self.balance = self.legacy_number(map, field, "balance");
        self.outer_id = self.legacy_number(map, field, "outer_id");
        if let Some(v) = map.get("card_id") {
            self.card_id = scalar_text(v);
        }
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_signature(&mut self, map: &Map, field: &str) {
        let path = || join(field, "signature");
        match map.get("signature").filter(|v| !v.is_null()) {
            None => self.fail(Error::missing(path())),
            Some(Value::String(s)) if sign::is_signature(s) => {
                if s.bytes().any(|b| b.is_ascii_uppercase()) {
                    self.warn(
                        "UPPERCASE_SIGNATURE",
                        path(),
                        "upper-case hex; every reference signer emits lower case and WeChat's acceptance of upper case is unconfirmed",
                    );
                }
                self.signature = Some(s.clone());
            }
            Some(Value::String(s)) if s.is_empty() => self.fail(Error::missing(path())),
            Some(Value::String(_)) => self.fail(Error::MalformedSignature { field: path() }),
            Some(other) => self.fail(Error::InvalidType {
                field: path(),
                expected: "a string of 40 hex digits",
                found: json::type_name(other),
            }),
        }
    }

    /// Records an error (one out-of-line copy of the push for every site).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fail(&mut self, error: Error) {
        self.errors.push(error);
    }

    /// A warning at `path` whose message is `"{path}: {tail}"`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn warn(&mut self, code: &'static str, path: String, tail: &str) {
        self.warnings
            .push(problem_at(Severity::Warning, code, path, tail));
    }

    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn has_error_at(&self, path: &str) -> bool {
        self.errors.iter().any(|e| e.field() == Some(path))
    }

    /// A string or integer field (`code`, `openid`, `nonce_str`, `outer_str`)
    /// at `path`, checked by `rule` when non-empty.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn signed_text(&mut self, map: &Map, path: &str, key: &str, rule: Rule) -> Option<String> {
        let value = map.get(key).filter(|v| !v.is_null())?;
        let Some(text) = scalar_text(value) else {
            self.fail(Error::InvalidType {
                field: path.to_owned(),
                expected: "a string or an integer",
                found: number_kind(value),
            });
            return None;
        };
        if text.is_empty() {
            return None;
        }
        // NOTE: a value that breaks a rule is still kept: it is what was sent,
        // so it is what the signature covers.
        let checked = match rule {
            Rule::Nonce => rules::check_nonce(&text, path),
            Rule::Code => rules::check_code(&text, path),
            Rule::Openid => rules::check_openid(&text, path),
            Rule::Any => Ok(()),
        };
        if let Err(e) = checked {
            self.fail(e);
        }
        Some(text)
    }

    /// A legacy integer field (`balance`, `outer_id`): a warning that it is
    /// legacy, and an error when it is not a non-negative integer.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn legacy_number(&mut self, map: &Map, field: &str, key: &str) -> Option<String> {
        let value = map.get(key).filter(|v| !v.is_null())?;
        let path = join(field, key);
        self.warn(
            "LEGACY_FIELD",
            path.clone(),
            if key == "balance" {
                "legacy field of LUCKY_MONEY cards; whether WeChat signs it is unconfirmed"
            } else {
                "legacy field, replaced by outer_str"
            },
        );
        // Digits only: a negative integer is text too, but not a legacy value.
        let text =
            scalar_text(value).filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
        if text.is_none() {
            self.fail(Error::InvalidType {
                field: path,
                expected: "a non-negative integer",
                found: number_kind(value),
            });
        }
        text
    }
}

/// A problem at `path` whose message is `"{path}: {tail}"`, the shape of
/// most cardExt findings.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn problem_at(
    severity: Severity,
    code: &'static str,
    path: String,
    tail: &str,
) -> Problem {
    let mut message = String::with_capacity(path.len() + 2 + tail.len());
    message.push_str(&path);
    message.push_str(": ");
    message.push_str(tail);
    Problem {
        code,
        field: Some(path),
        severity,
        message,
    }
}

/// Removes the ticket, whole or cut, wherever a message or field quotes it.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn redact(problems: &mut [Problem], ticket: &Ticket) {
    for p in problems {
        p.redact(ticket.expose());
    }
}

/// Writes `field.key` into the reused `buf` and returns it.
#[cfg_attr(wxcard_size, optimize(size))]
fn at<'b>(buf: &'b mut String, field: &str, key: &str) -> &'b str {
    buf.clear();
    if !field.is_empty() {
        buf.push_str(field);
        buf.push('.');
    }
    buf.push_str(key);
    buf
}

/// The longest key quoted in a field path: longer keys are cut, which keeps
/// paths short and never quotes a whole 86-character ticket used as a key.
pub const MAX_KEY_IN_PATH: usize = 40;

/// `field.key`, with the key cut at [`MAX_KEY_IN_PATH`] characters.
#[cfg_attr(wxcard_size, optimize(size))]
fn key_path(field: &str, key: &str) -> String {
    join(field, &json::truncate(key, MAX_KEY_IN_PATH))
}

/// The shortest ticket whose value is searched for inside a cardExt.
/// Real tickets have 86 characters.
pub const MIN_LEAK_CHECK_LEN: usize = 8;

/// Parses `text` as a JSON object, telling a double-encoded string apart.
#[cfg_attr(wxcard_size, optimize(size))]
fn parse_object(text: &str, field: &str) -> Result<Value> {
    let value = Value::parse(text).map_err(|e| {
        let mut reason = String::new();
        let [line, column] = [e.line(), e.column()].map(|n| decimal(n as u64));
        fill(
            &mut reason,
            "line {a} column {b}: {c}",
            [&line, &column, e.message()],
        );
        Error::InvalidJson {
            field: field.to_owned(),
            reason,
        }
    })?;
    match &value {
        Value::Object(_) => Ok(value),
        Value::String(inner) if Value::parse(inner).is_ok_and(|v| v.is_object()) => {
            Err(Error::DoubleEncoded {
                field: field.to_owned(),
            })
        }
        other => Err(Error::InvalidType {
            field: field.to_owned(),
            expected: "a JSON object",
            found: json::type_name(other),
        }),
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn read_timestamp(value: &Value, field: &str) -> Result<u64> {
    let seconds = json::timestamp(value, field)?;
    if let Value::String(s) = value {
        if s.len() > 1 && s.starts_with('0') {
            return Err(Error::InvalidTimestamp {
                field: field.to_owned(),
                reason:
                    "has leading zeros; the text is what is signed, so write plain decimal seconds"
                        .into(),
            });
        }
    }
    Ok(seconds)
}

/// A JSON string or integer as text; anything else is `None`.
#[cfg_attr(wxcard_size, optimize(size))]
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.as_str().to_owned()),
        _ => None,
    }
}

/// Like [`json::type_name`], but tells a fraction apart from an integer.
#[cfg_attr(wxcard_size, optimize(size))]
fn number_kind(value: &Value) -> &'static str {
    match value {
        Value::Number(n) if n.is_f64() => "a number with a fraction",
        other => json::type_name(other),
    }
}

/// The rule a signed text field is checked by: called directly, so no
/// checker sits in the indirect-call table.
#[derive(Clone, Copy)]
enum Rule {
    Nonce,
    Code,
    Openid,
    /// Any text (`outer_str`).
    Any,
}

/// What a key of a cardExt is.
enum KeyKind {
    /// A key WeChat reads ([`KNOWN_KEYS`]).
    Field,
    /// Any `…ticket…` key.
    Ticket,
    /// An app secret, an access token or a session key.
    Secret,
    /// `card_id`, harmless extra data.
    CardId,
    /// Another spelling of the cardExt key it holds (`nonceStr` → `nonce_str`).
    Misnamed(&'static str),
    /// Anything else.
    Unknown,
}

/// What `key` is, its name folded once for every test.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn key_kind(key: &str) -> KeyKind {
    if KNOWN_KEYS.contains(&key) {
        return KeyKind::Field;
    }
    let folded = rules::fold_key(key);
    if contains(&folded, "ticket") {
        KeyKind::Ticket
    } else if ["secret", "accesstoken", "sessionkey"]
        .iter()
        .any(|s| contains(&folded, s))
    {
        KeyKind::Secret
    } else if key == "card_id" {
        KeyKind::CardId
    } else {
        match MISNAMED.iter().find(|(name, _)| *name == folded) {
            Some((_, expected)) if key != *expected => KeyKind::Misnamed(expected),
            _ => KeyKind::Unknown,
        }
    }
}

/// Folded keys (see [`rules::fold_key`]) and the cardExt key each stands for.
const MISNAMED: [(&str, &str); 13] = [
    ("noncestr", "nonce_str"),
    ("nonce", "nonce_str"),
    ("openid", "openid"),
    ("timestamp", "timestamp"),
    ("code", "code"),
    ("signature", "signature"),
    ("cardsign", "signature"),
    ("cardid", "card_id"),
    ("cardext", "card_ext"),
    ("outerstr", "outer_str"),
    ("outerid", "outer_id"),
    ("fixedbegintimestamp", "fixed_begintimestamp"),
    ("balance", "balance"),
];

/// Where the ticket's value appears: the path of the top-level key whose name
/// or value (at any depth, `\u` escapes decoded, numbers as written) contains it,
/// else the cardExt itself when only its text does (a duplicate key's first value).
#[cfg_attr(wxcard_size, optimize(size))]
fn ticket_location(text: &str, map: &Map, field: &str, ticket: &Ticket) -> Option<String> {
    let secret = ticket.expose();
    // Characters counted as the bytes that start one.
    if crate::text::char_count(secret) < MIN_LEAK_CHECK_LEN {
        return None;
    }
    map.iter()
        .find(|(k, v)| contains(k, secret) || value_contains(v, secret))
        .map(|(key, _)| key_path(field, key))
        // NOTE: a duplicate key keeps only its last value in the map, yet the text still carries the first.
        .or_else(|| contains(text, secret).then(|| field.to_owned()))
}

/// Whether any string, number or key inside `value` contains `secret`.
/// Recursive: the values come from [`Value::parse`], which refuses nesting
/// deeper than [`json::MAX_DEPTH`].
#[cfg_attr(wxcard_size, optimize(size))]
fn value_contains(value: &Value, secret: &str) -> bool {
    match value {
        Value::String(s) => contains(s, secret),
        Value::Number(n) => contains(n.as_str(), secret),
        Value::Array(items) => items.iter().any(|v| value_contains(v, secret)),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| contains(k, secret) || value_contains(v, secret)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICIAL: &str = r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;

    #[test]
    fn official_vector_parses_and_signs() {
        let ext = CardExt::parse(OFFICIAL, "cardExt").unwrap();
        assert_eq!(ext.code.as_deref(), Some("1434008071"));
        assert!(!ext.timestamp_is_number);
        let ticket = Ticket::new("ojZ8YtyVyr30HheH3CM73y7h4jJE");
        assert_eq!(
            ext.expected_signature("pjZ8Yt1XGILfi-FUsewpnnolGgZk", &ticket),
            ext.signature
        );
    }

    #[test]
    fn strict_is_first_lenient_error() {
        let text = r#"{"apiTicket":"x","nonceStr":"1","timestamp":1.5}"#;
        let scan = CardExtScan::read(text, "cardExt", None);
        let codes: Vec<_> = scan.errors.iter().map(Error::code).collect();
        assert_eq!(
            codes,
            [
                "TICKET_LEAKED",
                "CAMEL_CASE_KEY",
                "INVALID_TIMESTAMP",
                "MISSING_FIELD"
            ]
        );
        assert_eq!(CardExt::parse(text, "cardExt").unwrap_err(), scan.errors[0]);
    }

    #[test]
    fn shapes() {
        let code = |t: &str| CardExt::parse(t, "x").unwrap_err().code();
        assert_eq!(code("{"), "INVALID_JSON");
        assert_eq!(code(r#""{\"a\":1}""#), "DOUBLE_ENCODED");
        assert_eq!(code("[1]"), "INVALID_TYPE");
        assert_eq!(code(r#""plain""#), "INVALID_TYPE");
    }

    #[test]
    fn ticket_found_at_the_deepest_nesting_the_parser_allows() {
        let ticket = Ticket::new("ojZ8YtyVyr30HheH3CM73y7h4jJE");
        let depth = json::MAX_DEPTH - 1;
        let text = format!(
            "{{\"x\":{}\"{}\"{}}}",
            "[".repeat(depth),
            ticket.expose(),
            "]".repeat(depth)
        );
        let scan = CardExtScan::read(&text, "cardExt", Some(&ticket));
        let first = scan.errors.first().map(|e| (e.code(), e.field()));
        assert_eq!(first, Some(("TICKET_LEAKED", Some("cardExt.x"))));
        let deeper = format!("{{\"x\":[{}]}}", &text[5..text.len() - 1]);
        let scan = CardExtScan::read(&deeper, "cardExt", Some(&ticket));
        assert_eq!(scan.errors.first().map(Error::code), Some("INVALID_JSON"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            CardExt::parse(&deep, "x").unwrap_err().code(),
            "INVALID_JSON"
        );
    }
}
