//! The fast path of verification: a cardExt exactly as a correct signer
//! writes it, checked without building a JSON tree.
//!
//! `clean_report` answers only for an object of the keys a signer emits
//! (`code`, `openid`, `timestamp`, `nonce_str`, `signature`), each once, each
//! a plain JSON string without escapes, every value within its rule, the
//! timestamp fresh, the page's expectations met, the ticket nowhere in the
//! text and the signature matching. For such a cardExt the full check finds
//! no problem, so the report is `ok` with no problems. For anything else it
//! answers `None` and the full check runs; the tests hold the two to the
//! same reports.
//!
//! Most cardExts a server issues are of this shape, so the common case costs
//! one pass over the text and one SHA-1 instead of a JSON tree, owned
//! strings and a field path per key.
//!
//! [`answer_one`] and [`answer_list`] give the same answer to the package's
//! JS shim without an options bag: it reads a plain bag itself and passes
//! the strings joined and the numbers as they are ([`Packed`], [`Times`]).
//! Options that [`VerifyOptions::from_json`] would refuse or read otherwise,
//! and every cardExt that is not clean, answer [`Answer::Full`], and the
//! shim runs the full check, which gives the report or the error.

use super::{FUTURE_SKEW_SECONDS, Report, VerifyOptions};
use crate::card_ext::MIN_LEAK_CHECK_LEN;
use crate::digest::Sha1;
use crate::json::MAX_TIMESTAMP_SECONDS;
use crate::rules;
use crate::sign::{digits_match, hex, is_signature};
use crate::text::contains;

/// The values of a clean cardExt, borrowed from its text.
#[derive(Default)]
struct Clean<'a> {
    code: Option<&'a str>,
    openid: Option<&'a str>,
    timestamp: Option<&'a str>,
    nonce_str: Option<&'a str>,
    signature: Option<&'a str>,
}

impl Clean<'_> {
    /// Whether a key or a value holds `secret`, as the full check's leak
    /// search reads them (every key it can have is searched, present or not).
    /// Only strings at least as long as `secret` are searched: real tickets
    /// are longer than any value a clean cardExt has, so usually none is.
    fn contains(&self, secret: &str) -> bool {
        let values = [
            self.code,
            self.openid,
            self.timestamp,
            self.nonce_str,
            self.signature,
        ];
        KEYS.into_iter()
            .chain(values.into_iter().flatten())
            .any(|s| s.len() >= secret.len() && contains(s, secret))
    }
}

/// Whether `secret` is anywhere in the cardExt's text, as the full check
/// searches it: where `leak` says it can be.
fn leaked(text: &str, clean: &Clean<'_>, secret: &str, leak: Leak) -> bool {
    match leak {
        Leak::Unsearched => false,
        Leak::InToken => clean.contains(secret),
        Leak::InText => contains(text, secret),
    }
}

/// The keys of a clean cardExt.
const KEYS: [&str; 5] = ["code", "openid", "timestamp", "nonce_str", "signature"];

/// The report of a clean, correctly signed cardExt, or `None` when the full
/// check has to look at it.
pub(super) fn clean_report(
    text: &str,
    card_id: Option<&str>,
    options: &VerifyOptions,
) -> Option<Report> {
    clean(text, card_id, &Checks::of(options)).map(|signed| Report::new(signed, Vec::new()))
}

/// What a clean cardExt is checked against: the parts of [`VerifyOptions`]
/// the fast path reads, borrowed. Its `Debug` output redacts the ticket.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Checks<'a> {
    /// The ticket, when the signature is to be checked.
    pub api_ticket: Option<&'a str>,
    /// "Now" in Unix seconds, for the freshness checks.
    pub now_seconds: Option<u64>,
    /// The oldest a timestamp may be, in seconds before `now_seconds`.
    pub max_age_seconds: Option<u64>,
    /// The openid the cardExt must be bound to.
    pub expect_openid: Option<&'a str>,
    /// The code the cardExt must carry.
    pub expect_code: Option<&'a str>,
    /// Where the ticket is searched for, decided once per ticket.
    leak: Leak,
}

impl std::fmt::Debug for Checks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checks")
            .field("api_ticket", &self.api_ticket.map(|_| "<redacted>"))
            .field("now_seconds", &self.now_seconds)
            .field("max_age_seconds", &self.max_age_seconds)
            .field("expect_openid", &self.expect_openid)
            .field("expect_code", &self.expect_code)
            .field("leak", &self.leak)
            .finish()
    }
}

/// Where the full check's leak search can find the ticket in a clean cardExt.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Leak {
    /// Nowhere: no ticket, or one too short to be searched for.
    #[default]
    Unsearched,
    /// Inside one key or value: a ticket without JSON punctuation or
    /// whitespace (the text of a clean cardExt has no escapes).
    InToken,
    /// Anywhere in the text.
    InText,
}

impl Leak {
    fn of(secret: Option<&str>) -> Self {
        match secret {
            Some(s) if crate::text::char_count(s) >= MIN_LEAK_CHECK_LEN => {
                let punctuation = s.bytes().any(|b| {
                    matches!(
                        b,
                        b'"' | b'{' | b'}' | b':' | b',' | b' ' | b'\t' | b'\n' | b'\r'
                    )
                });
                if punctuation {
                    Leak::InText
                } else {
                    Leak::InToken
                }
            }
            _ => Leak::Unsearched,
        }
    }
}

impl<'a> Checks<'a> {
    /// The checks of the options' parts.
    pub fn new(
        api_ticket: Option<&'a str>,
        now_seconds: Option<u64>,
        max_age_seconds: Option<u64>,
        expect_openid: Option<&'a str>,
        expect_code: Option<&'a str>,
    ) -> Self {
        Checks {
            api_ticket,
            now_seconds,
            max_age_seconds,
            expect_openid,
            expect_code,
            leak: Leak::of(api_ticket),
        }
    }

    /// The checks of `options`.
    pub fn of(options: &'a VerifyOptions) -> Self {
        Checks::new(
            options.api_ticket.as_ref().map(|t| t.expose()),
            options.now_seconds,
            options.max_age_seconds,
            options.expect_openid.as_deref(),
            options.expect_code.as_deref(),
        )
    }

    /// Whether [`VerifyOptions::from_json`] reads these values, given as the
    /// JS options bag had them (a `nowSeconds` of the caller's, not of the
    /// clock, in `given_now`), without an error and to the same options.
    /// Anything it would refuse or read differently is `false`, so that the
    /// caller takes the full path and gets its error.
    pub fn read_alike(&self, card_id: Option<&str>, given_now: Option<u64>) -> bool {
        let non_empty = |s: Option<&str>| s.is_none_or(|s| !s.is_empty());
        card_id.is_none_or(card_id_ok)
            && self.api_ticket.is_none_or(ticket_ok)
            && given_now.is_none_or(|now| now <= MAX_TIMESTAMP_SECONDS)
            && non_empty(self.expect_openid)
            && non_empty(self.expect_code)
    }
}

/// What the fast path answers for one cardExt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Answer {
    /// Not clean, or the options need reading in full: the full check decides.
    Full = 0,
    /// Clean; no ticket, so the signature was not checked.
    CleanUnsigned = 1,
    /// Clean, and the signature matches.
    CleanSigned = 2,
}

impl Answer {
    /// `Some(signature_checked)` of a clean answer's report.
    fn of(clean: Option<bool>) -> Self {
        match clean {
            None => Answer::Full,
            Some(false) => Answer::CleanUnsigned,
            Some(true) => Answer::CleanSigned,
        }
    }
}

/// The fast answer on one cardExt: [`Answer::CleanSigned`] or
/// [`Answer::CleanUnsigned`] exactly when [`verify_card_ext`] with these
/// checks would report `{ ok: true, signatureChecked, problems: [] }` for it,
/// else [`Answer::Full`].
///
/// [`verify_card_ext`]: super::verify_card_ext
pub fn answer(text: &str, card_id: &str, checks: &Checks<'_>) -> Answer {
    Answer::of(clean(text, Some(card_id), checks))
}

/// Strings sent as one: JS joins them, and passes the UTF-16 length of each
/// but the last. A part is taken only when its bytes are ASCII, where UTF-8
/// and UTF-16 lengths agree; otherwise `None` (the caller takes the full path).
pub struct Packed<'a> {
    rest: &'a str,
}

impl<'a> Packed<'a> {
    /// The joined text.
    pub fn new(text: &'a str) -> Self {
        Packed { rest: text }
    }

    /// The next part, of `len` UTF-16 units.
    pub fn take(&mut self, len: usize) -> Option<&'a str> {
        let (head, rest) = self.rest.split_at_checked(len)?;
        if !head.is_ascii() {
            return None;
        }
        self.rest = rest;
        Some(head)
    }

    /// What is left: the last part.
    pub fn rest(&self) -> &'a str {
        self.rest
    }
}

/// The numbers of a fast call, as JS numbers: "now" in seconds (the
/// caller's `nowSeconds` when `now_given`, else the clock's, negative when
/// there is no clock) and `maxAgeSeconds` (negative when absent).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Times {
    /// Unix seconds.
    pub now: f64,
    /// Whether `now` is the caller's `nowSeconds` rather than the clock's.
    pub now_given: bool,
    /// The oldest a timestamp may be, in seconds; negative when absent.
    pub max_age: f64,
}

/// A JS number that is a whole number of seconds JS holds exactly; `Err`
/// for any other non-negative value, `Ok(None)` for a negative one (absent).
#[allow(clippy::result_unit_err)]
pub fn whole(value: f64) -> Result<Option<u64>, ()> {
    if value < 0.0 {
        return Ok(None);
    }
    if value.fract() != 0.0 || value > 9_007_199_254_740_991.0 {
        return Err(());
    }
    // NOTE: a whole number below 2^53, so the cast is exact.
    Ok(Some(value as u64))
}

/// Reads the options of a fast call: the card id, ticket, expected openid
/// and expected code joined in `text`, of the UTF-16 lengths in `lens`
/// (negative: absent), and `times`. `None` when the options are not read
/// exactly as [`VerifyOptions::from_json`] reads them, so the full path must run.
fn options(text: &str, lens: [i32; 4], times: Times) -> Option<(Option<&str>, Checks<'_>)> {
    let mut parts = Packed::new(text);
    let mut next = |len: i32| match usize::try_from(len) {
        Ok(len) => parts.take(len).map(Some),
        Err(_) => Some(None),
    };
    let [card_id, ticket, openid, code] = lens;
    let card_id = next(card_id)?;
    let api_ticket = next(ticket)?;
    // `from_json` reads an empty expectation as none.
    let expect_openid = next(openid)?.filter(|s| !s.is_empty());
    let expect_code = next(code)?.filter(|s| !s.is_empty());
    if !parts.rest().is_empty() {
        return None;
    }
    let now = match whole(times.now) {
        Ok(now) => now,
        Err(()) if times.now_given => return None,
        Err(()) => Some(times.now.floor() as u64),
    };
    let max_age = whole(times.max_age).ok()?;
    let checks = Checks::new(api_ticket, now, max_age, expect_openid, expect_code);
    let given = if times.now_given { Some(now?) } else { None };
    checks
        .read_alike(card_id, given)
        .then_some((card_id, checks))
}

/// The fast answer of `verifyCardExt` on `card_ext`: `options` holds the
/// card id, ticket, expected openid and expected code joined (of the UTF-16
/// lengths `lens`, negative for absent). [`Answer::Full`] when the options
/// are not plain (see [`Checks::read_alike`]), the card id is absent or the
/// cardExt is not clean.
pub fn answer_one(options_text: &str, lens: [i32; 4], card_ext: &str, times: Times) -> Answer {
    let Some((Some(card_id), checks)) = options(options_text, lens, times) else {
        return Answer::Full;
    };
    answer(card_ext, card_id, &checks)
}

/// The fast answer of `verifyCardList`: `options_text` holds the options as
/// for [`answer_one`] (of the first four `lens`; the card id is optional),
/// `items` each item's card id and cardExt joined, of the lengths in the
/// rest of `lens`. A clean answer means every item is clean, and every
/// report is that answer's; [`Answer::Full`] when one is not.
pub fn answer_list(options_text: &str, lens: &[i32], items: &str, times: Times) -> Answer {
    let Some((head, item_lens)) = lens.split_first_chunk::<4>() else {
        return Answer::Full;
    };
    let Some((_, checks)) = options(options_text, *head, times) else {
        return Answer::Full;
    };
    let mut parts = Packed::new(items);
    let pairs = item_lens.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Answer::Full;
    }
    let mut take = |len: i32| usize::try_from(len).ok().and_then(|len| parts.take(len));
    for pair in pairs {
        let &[id, ext] = pair else {
            return Answer::Full;
        };
        let clean_item = take(id)
            .filter(|id| card_id_ok(id))
            .zip(take(ext))
            .and_then(|(id, ext)| clean(ext, Some(id), &checks));
        if clean_item.is_none() {
            return Answer::Full;
        }
    }
    if !parts.rest().is_empty() {
        return Answer::Full;
    }
    Answer::of(Some(checks.api_ticket.is_some()))
}

/// `Some(signature_checked)` for a clean, correctly signed cardExt, `None`
/// when the full check has to look at it.
fn clean(text: &str, card_id: Option<&str>, options: &Checks<'_>) -> Option<bool> {
    let clean = read(text)?;
    let timestamp_text = clean.timestamp?;
    let timestamp = seconds(timestamp_text)?;
    let signature = clean.signature?;
    if !is_signature(signature) || signature.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let nonce = clean.nonce_str?;
    if !nonce_ok(nonce) || !clean.code.is_none_or(code_ok) || !clean.openid.is_none_or(openid_ok) {
        return None;
    }
    if let Some(now) = options.now_seconds {
        if timestamp > now.saturating_add(FUTURE_SKEW_SECONDS) {
            return None;
        }
        if options
            .max_age_seconds
            .is_some_and(|max| now.saturating_sub(timestamp) > max)
        {
            return None;
        }
    }
    if options
        .expect_openid
        .is_some_and(|expected| clean.openid != Some(expected))
        || options
            .expect_code
            .is_some_and(|expected| clean.code != Some(expected))
    {
        return None;
    }
    let Some(secret) = options.api_ticket else {
        return Some(false);
    };
    if leaked(text, &clean, secret, options.leak) {
        return None;
    }
    let mut values = [
        secret,
        timestamp_text,
        card_id?,
        clean.code.unwrap_or(""),
        clean.openid.unwrap_or(""),
        nonce,
    ];
    signed_by(&mut values, signature).then_some(true)
}

/// Whether `given` is the card signature of `values` (sorted in place): the
/// scheme of [`card_signature`](crate::sign::card_signature) without its
/// allocations. Empty values sort first and add nothing to the
/// concatenation, so they need no dropping.
fn signed_by(values: &mut [&str], given: &str) -> bool {
    sort_bytewise(values);
    let mut hasher = Sha1::new();
    for value in values.iter() {
        hasher.update(value.as_bytes());
    }
    digits_match(&hex(&hasher.finish()), given.as_bytes())
}

/// Sorts `values` in byte order, as [`sort_values`](crate::sign::sort_values) does: an insertion sort
/// that compares byte by byte, without a `memcmp` call per comparison (the
/// values of a signature are few and short).
fn sort_bytewise(values: &mut [&str]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (values.get(j - 1), values.get(j)) else {
                break;
            };
            if !bytes_less(b.as_bytes(), a.as_bytes()) {
                break;
            }
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// `a < b` in byte order.
fn bytes_less(a: &[u8], b: &[u8]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x < y;
        }
    }
    a.len() < b.len()
}

/// Whether every byte passes `ok` and there are at most `max`: for ASCII
/// rules, where bytes are characters (a byte of a non-ASCII character never
/// passes).
fn ascii_rule(value: &str, max: usize, ok: impl Fn(u8) -> bool) -> bool {
    value.len() <= max && value.bytes().all(ok)
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// [`rules::check_card_id`] as a test.
fn card_id_ok(value: &str) -> bool {
    !value.is_empty() && ascii_rule(value, rules::MAX_CARD_ID_LEN, is_id_byte)
}

/// [`rules::check_code`] as a test.
fn code_ok(value: &str) -> bool {
    ascii_rule(value, rules::MAX_CODE_LEN, |b| {
        b.is_ascii_alphanumeric() || b == b'_'
    })
}

/// [`rules::check_nonce`] as a test.
fn nonce_ok(value: &str) -> bool {
    ascii_rule(value, rules::MAX_NONCE_LEN, |b| b.is_ascii_graphic())
}

/// [`rules::check_openid`] as a test.
fn openid_ok(value: &str) -> bool {
    ascii_rule(value, rules::MAX_OPENID_LEN, is_id_byte)
}

/// [`rules::check_ticket`] as a test, without copying the ticket.
fn ticket_ok(ticket: &str) -> bool {
    if ticket.is_ascii() {
        // The ASCII whitespace and control characters are the bytes up to the space, and DEL.
        return !ticket.is_empty() && !ticket.bytes().any(|b| b <= b' ' || b == 0x7f);
    }
    !ticket.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Unix seconds written as 1 to 10 digits without a leading zero: the only
/// form the full check takes without a problem.
fn seconds(text: &str) -> Option<u64> {
    let plain = (1..=10).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'));
    plain.then(|| text.parse().ok()).flatten()
}

/// Reads `{"key":"value",…}` with JSON whitespace around the tokens; `None`
/// for any other key, a repeated key, a value that is not a string, an empty
/// string, an escape or a control character.
fn read(text: &str) -> Option<Clean<'_>> {
    let mut clean = Clean::default();
    let mut at = skip_space(text, 0);
    at = expect(text, at, b'{')?;
    loop {
        let (key, next) = string(text, at)?;
        at = expect(text, next, b':')?;
        let (value, next) = string(text, at)?;
        // Every arm is one of `KEYS`, compared as fixed-size arrays: no
        // `memcmp` call per key.
        let key = key.as_bytes();
        let slot = if key.len() == 9 {
            match <[u8; 9]>::try_from(key).ok() {
                Some(k) if k == *b"timestamp" => &mut clean.timestamp,
                Some(k) if k == *b"nonce_str" => &mut clean.nonce_str,
                Some(k) if k == *b"signature" => &mut clean.signature,
                _ => return None,
            }
        } else if <[u8; 4]>::try_from(key).ok() == Some(*b"code") {
            &mut clean.code
        } else if <[u8; 6]>::try_from(key).ok() == Some(*b"openid") {
            &mut clean.openid
        } else {
            return None;
        };
        if slot.replace(value).is_some() || value.is_empty() {
            return None;
        }
        match text.as_bytes().get(next) {
            Some(b',') => at = skip_space(text, next + 1),
            Some(b'}') => {
                return (skip_space(text, next + 1) == text.len()).then_some(clean);
            }
            _ => return None,
        }
    }
}

/// The index after `byte` at `at` and the whitespace that follows it.
fn expect(text: &str, at: usize, byte: u8) -> Option<usize> {
    (text.as_bytes().get(at) == Some(&byte)).then(|| skip_space(text, at + 1))
}

/// A string without escapes or control characters at `at`: its contents and
/// the index after its closing quote and the whitespace that follows.
fn string(text: &str, at: usize) -> Option<(&str, usize)> {
    let start = expect(text, at, b'"').map(|_| at + 1)?;
    let bytes = text.as_bytes();
    let len = bytes
        .get(start..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    let end = start + len;
    if bytes.get(end) != Some(&b'"') {
        return None;
    }
    Some((text.get(start..end)?, skip_space(text, end + 1)))
}

/// The first index at or after `at` that is not JSON whitespace.
fn skip_space(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at;
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::super::Verifier;
    use super::*;
    use crate::sign::card_signature;
    use proptest::prelude::*;

    const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
    const CARD: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
    const EXAMPLE: &str = r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;

    /// The full check, without the fast path.
    fn full(text: &str, card_id: Option<&str>, options: &VerifyOptions) -> Report {
        Verifier::new(options).full(text, card_id, "cardExt")
    }

    /// Whether the fast path answered, after checking its answer against the full check.
    fn agrees(text: &str, card_id: Option<&str>, options: &VerifyOptions) -> bool {
        let fast = clean_report(text, card_id, options);
        if let Some(report) = &fast {
            assert_eq!(
                report,
                &full(text, card_id, options),
                "{text} with {options:?}"
            );
        }
        fast.is_some()
    }

    fn signed(fields: &[(&str, &str)], ticket: &str, card: &str) -> String {
        let mut values = vec![ticket, card];
        values.extend(
            fields
                .iter()
                .filter(|(k, _)| ["code", "openid", "timestamp", "nonce_str"].contains(k))
                .map(|(_, v)| *v),
        );
        let signature = card_signature(&values);
        let mut body: Vec<String> = fields.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
        body.push(format!("\"signature\":{signature:?}"));
        format!("{{{}}}", body.join(","))
    }

    fn with_ticket() -> VerifyOptions {
        VerifyOptions::new(CARD).with_ticket(TICKET)
    }

    #[test]
    fn checks_debug_hides_the_ticket() {
        let options = with_ticket().expecting_code("1434008071");
        let shown = format!("{:?} {:#?}", Checks::of(&options), Checks::of(&options));
        assert!(!shown.contains(TICKET), "{shown}");
        assert!(shown.contains("1434008071"), "{shown}");
    }

    #[test]
    fn the_official_example_takes_the_fast_path() {
        assert!(agrees(EXAMPLE, Some(CARD), &with_ticket()));
        assert!(agrees(EXAMPLE, Some(CARD), &VerifyOptions::new(CARD)));
        let spaced = EXAMPLE.replace(',', " ,\n\t").replace(':', " : ");
        assert!(agrees(&format!(" {spaced} "), Some(CARD), &with_ticket()));
        let fresh = with_ticket().with_now(1_404_896_700).with_max_age(60);
        assert!(agrees(EXAMPLE, Some(CARD), &fresh));
        let expecting = with_ticket().expecting_code("1434008071");
        assert!(agrees(EXAMPLE, Some(CARD), &expecting));
    }

    #[test]
    fn anything_unusual_goes_to_the_full_check() {
        let options = with_ticket();
        let unusual = [
            EXAMPLE.replace("f137", "F137"),
            EXAMPLE.replace("f137", "f138"),
            EXAMPLE.replace("\"1404896688\"", "1404896688"),
            EXAMPLE.replace("1404896688", "01404896688"),
            EXAMPLE.replace("1404896688", "1404896688000"),
            EXAMPLE.replace("\"123\"", "\"1\\u00323\""),
            EXAMPLE.replace("\"123\"", "\"\""),
            EXAMPLE.replace("nonce_str", "nonceStr"),
            EXAMPLE.replace("\"code\"", "\"card_id\""),
            EXAMPLE.replace("}", ",\"outer_str\":\"x\"}"),
            EXAMPLE.replace("}", ",\"code\":\"1434008071\"}"),
            EXAMPLE.replace("}", "}x"),
            format!("\u{feff}{EXAMPLE}"),
            EXAMPLE.replace("\"123\"", format!("\"{TICKET}\"").as_str()),
            "{}".to_string(),
            "[]".to_string(),
            String::new(),
        ];
        for text in &unusual {
            assert!(!agrees(text, Some(CARD), &options), "{text}");
        }
        assert!(!agrees(EXAMPLE, None, &options), "no card id");
        // A ticket that is a key's name is in the cardExt too.
        let named = VerifyOptions::new(CARD).with_ticket("nonce_str");
        assert!(!agrees(EXAMPLE, Some(CARD), &named));
        // Nor is one across a value's end, correctly signed as it may be.
        let across = "123\",\"signature";
        let text = signed(
            &[("timestamp", "1404896688"), ("nonce_str", "x123")],
            across,
            CARD,
        );
        assert!(text.contains(across), "{text}");
        let options = VerifyOptions::new(CARD).with_ticket(across);
        assert!(!agrees(&text, Some(CARD), &options), "{text}");
        let stale = options.clone().with_now(1_404_996_688).with_max_age(60);
        assert!(!agrees(EXAMPLE, Some(CARD), &stale));
        let ahead = options.clone().with_now(1_404_800_000);
        assert!(!agrees(EXAMPLE, Some(CARD), &ahead));
        let other_code = options.clone().expecting_code("1");
        assert!(!agrees(EXAMPLE, Some(CARD), &other_code));
        let openid = options.expecting_openid("o1");
        assert!(!agrees(EXAMPLE, Some(CARD), &openid));
    }

    #[test]
    fn signed_variants_agree_with_the_full_check() {
        let nonce = "Wm3WZYTPz0wzccnW";
        let ticket = "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
        let options = VerifyOptions::new(CARD).with_ticket(ticket);
        let cases: [&[(&str, &str)]; 3] = [
            &[("timestamp", "1414587457"), ("nonce_str", nonce)],
            &[
                ("openid", "oIPmDs3qBfDyBVYuKMBz2NqhPJRo"),
                ("nonce_str", nonce),
                ("timestamp", "1414587457"),
            ],
            &[
                ("code", "jonyqin_1434008071"),
                ("timestamp", "1414587457"),
                ("nonce_str", nonce),
            ],
        ];
        for fields in cases {
            let text = signed(fields, ticket, CARD);
            assert!(agrees(&text, Some(CARD), &options), "{text}");
            assert!(!agrees(&text, Some("pOther"), &options), "{text}");
        }
    }

    /// `answer_one` of the options as the shim packs them.
    fn packed_answer(text: &str, options: &VerifyOptions, times: Times) -> Answer {
        let card_id = options.card_id.as_deref().unwrap_or("");
        let ticket = options.api_ticket.as_ref().map(|t| t.expose());
        let openid = options.expect_openid.as_deref().unwrap_or("");
        let code = options.expect_code.as_deref().unwrap_or("");
        let len = |s: &str| i32::try_from(s.encode_utf16().count()).unwrap();
        let packed = format!("{card_id}{}{openid}{code}", ticket.unwrap_or(""));
        let lens = [
            options.card_id.as_deref().map_or(-1, len),
            ticket.map_or(-1, len),
            len(openid),
            len(code),
        ];
        answer_one(&packed, lens, text, times)
    }

    fn times(options: &VerifyOptions) -> Times {
        Times {
            now: options.now_seconds.map_or(-1.0, |n| n as f64),
            now_given: options.now_seconds.is_some(),
            max_age: options.max_age_seconds.map_or(-1.0, |n| n as f64),
        }
    }

    /// The full check's answer: clean exactly when its report is the fast one.
    fn full_answer(text: &str, options: &VerifyOptions) -> Answer {
        let report = full(text, options.card_id.as_deref(), options);
        match report {
            Report {
                ok: true,
                ref problems,
                signature_checked,
            } if problems.is_empty() => Answer::of(Some(signature_checked)),
            _ => Answer::Full,
        }
    }

    #[test]
    fn packed_answers_are_the_full_checks() {
        let fresh = with_ticket().with_now(1_404_896_700).with_max_age(60);
        for options in [
            with_ticket(),
            VerifyOptions::new(CARD),
            fresh.clone(),
            with_ticket().expecting_code("1434008071"),
        ] {
            let answer = packed_answer(EXAMPLE, &options, times(&options));
            assert_ne!(answer, Answer::Full, "{options:?}");
            assert_eq!(answer, full_answer(EXAMPLE, &options), "{options:?}");
        }
        assert_eq!(
            packed_answer(EXAMPLE, &with_ticket(), times(&with_ticket())),
            Answer::CleanSigned
        );
        let tampered = EXAMPLE.replace("\"123\"", "\"124\"");
        assert_eq!(
            packed_answer(&tampered, &with_ticket(), times(&with_ticket())),
            Answer::Full
        );
        // "Now" from the clock is taken as it is; from the caller, only as `from_json` reads it.
        let clock = Times {
            now: 1_404_896_700.0,
            now_given: false,
            max_age: 60.0,
        };
        assert_eq!(
            packed_answer(EXAMPLE, &with_ticket(), clock),
            Answer::CleanSigned
        );
        let late = Times {
            now: 1_504_896_700.0,
            ..clock
        };
        assert_eq!(packed_answer(EXAMPLE, &with_ticket(), late), Answer::Full);
        for now in [1.5, 1e13, f64::NAN, -1.0] {
            let given = Times {
                now,
                now_given: true,
                max_age: -1.0,
            };
            assert_eq!(
                packed_answer(EXAMPLE, &with_ticket(), given),
                Answer::Full,
                "{now}"
            );
        }
        let no_clock = Times {
            now: -1.0,
            now_given: false,
            max_age: 60.0,
        };
        assert_eq!(
            packed_answer(EXAMPLE, &with_ticket(), no_clock),
            Answer::CleanSigned
        );
        let fraction = Times {
            max_age: 0.5,
            ..clock
        };
        assert_eq!(
            packed_answer(EXAMPLE, &with_ticket(), fraction),
            Answer::Full
        );
    }

    #[test]
    fn options_from_json_refuses_take_the_full_path() {
        let refused = [
            VerifyOptions::new("p 1").with_ticket(TICKET),
            VerifyOptions::new("p".repeat(33)).with_ticket(TICKET),
            VerifyOptions::new(CARD).with_ticket("tic ket"),
            VerifyOptions::new(CARD).with_ticket(""),
            VerifyOptions::new(CARD)
                .with_ticket(TICKET)
                .with_now(1_404_896_700_000),
        ];
        for options in refused {
            assert!(
                VerifyOptions::from_json(&crate::json!({
                    "cardId": options.card_id,
                    "apiTicket": options.api_ticket.as_ref().map(|t| t.expose()),
                    "nowSeconds": options.now_seconds,
                }))
                .is_err(),
                "{options:?}"
            );
            assert_eq!(
                packed_answer(EXAMPLE, &options, times(&options)),
                Answer::Full,
                "{options:?}"
            );
        }
        let mut no_card = with_ticket();
        no_card.card_id = None;
        assert_eq!(
            packed_answer(EXAMPLE, &no_card, times(&no_card)),
            Answer::Full
        );
    }

    #[test]
    fn packed_parts_are_ascii_or_refused() {
        let mut parts = Packed::new("ab卡cd");
        assert_eq!(parts.take(1), Some("a"));
        assert_eq!(
            parts.take(2),
            None,
            "'b卡' is three UTF-16 units short of its bytes"
        );
        assert_eq!(parts.take(1), Some("b"));
        assert_eq!(parts.rest(), "卡cd");
        assert_eq!(parts.take(9), None);
        // A non-ASCII card id cannot be mistaken for a shorter one.
        let options = VerifyOptions::new("p卡").with_ticket(TICKET);
        assert_eq!(
            packed_answer(EXAMPLE, &options, times(&options)),
            Answer::Full
        );
    }

    /// `answer_list` of items as the shim packs them, with the options of `with_ticket`.
    fn list_answer(items: &[(&str, &str)], options: &VerifyOptions) -> Answer {
        let ticket = options.api_ticket.as_ref().map_or("", |t| t.expose());
        let mut packed = String::new();
        let mut lens = vec![
            -1,
            options
                .api_ticket
                .as_ref()
                .map_or(-1, |_| ticket.len() as i32),
            0,
            0,
        ];
        for (id, ext) in items {
            packed.push_str(id);
            packed.push_str(ext);
            lens.extend([id.len() as i32, ext.len() as i32]);
        }
        answer_list(ticket, &lens, &packed, times(options))
    }

    #[test]
    fn a_list_is_clean_only_when_every_item_is() {
        let options = VerifyOptions::default().with_ticket(TICKET);
        let clean = vec![(CARD, EXAMPLE); 5];
        assert_eq!(list_answer(&clean, &options), Answer::CleanSigned);
        assert_eq!(
            list_answer(&clean, &VerifyOptions::default()),
            Answer::CleanUnsigned
        );
        assert_eq!(list_answer(&[], &options), Answer::CleanSigned);
        let tampered = EXAMPLE.replace("f137", "f138");
        for dirty in [
            (CARD, tampered.as_str()),
            ("", EXAMPLE),
            ("p 1", EXAMPLE),
            ("pOther", EXAMPLE),
        ] {
            let mut items = clean.clone();
            items[3] = dirty;
            assert_eq!(list_answer(&items, &options), Answer::Full, "{dirty:?}");
        }
        let items = format!("{CARD}{EXAMPLE}");
        let id = CARD.len() as i32;
        let ext = EXAMPLE.len() as i32;
        let ticket = TICKET.len() as i32;
        let run = |lens: &[i32]| answer_list(TICKET, lens, &items, times(&options));
        assert_eq!(run(&[-1, ticket, 0, 0, id, ext]), Answer::CleanSigned);
        assert_eq!(run(&[-1, ticket, 0, 0, id]), Answer::Full);
        assert_eq!(run(&[-1, ticket, 0, 0, id, ext - 1]), Answer::Full);
        assert_eq!(run(&[-1, ticket, 0]), Answer::Full);
        assert_eq!(run(&[-1, ticket, 0, 0, -1, ext]), Answer::Full);
        assert_eq!(
            run(&[-1, ticket - 1, 0, 0, id, ext]),
            Answer::Full,
            "options left over"
        );
    }

    #[test]
    fn the_signature_check_is_card_signatures() {
        let long = ["y".repeat(200), "z".repeat(70)];
        let cases: [&[&str]; 5] = [
            &[TICKET, "1404896688", CARD, "1434008071", "", "123"],
            &["", "", "", "", "", ""],
            &["b", "a", "", "ab", "B", "a"],
            &["卡", "z", "Z", "0", "", "-"],
            &["x", &long[0], &long[1], "", "", "a"],
        ];
        for values in cases {
            let expected = card_signature(values);
            let mut sorted = values.to_vec();
            assert!(signed_by(&mut sorted, &expected), "{values:?}");
            assert!(signed_by(&mut values.to_vec(), &expected.to_uppercase()));
            let mut wrong = expected.clone();
            wrong.replace_range(..1, if wrong.starts_with('0') { "1" } else { "0" });
            assert!(!signed_by(&mut values.to_vec(), &wrong), "{values:?}");
            assert!(!signed_by(&mut values.to_vec(), &expected[1..]));
        }
    }

    #[test]
    fn signed_by_is_the_card_signature_at_every_length() {
        let text: String = (0..300)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for len in 0..300 {
            let (a, b) = text.split_at(len / 3);
            let values = [b, a, ""];
            let expected = crate::sign::card_signature(&values);
            assert!(signed_by(&mut values.to_vec(), &expected), "{len}");
            assert!(
                signed_by(&mut values.to_vec(), &expected.to_uppercase()),
                "{len}"
            );
            let mut wrong = expected.into_bytes();
            wrong[39] = if wrong[39] == b'0' { b'1' } else { b'0' };
            let wrong = String::from_utf8(wrong).unwrap();
            assert!(!signed_by(&mut values.to_vec(), &wrong), "{len}");
        }
    }

    #[test]
    fn the_plain_search_and_ticket_test_are_the_standard_ones() {
        let texts = ["", "a", "abc", "aab", "卡券", "x卡券y", TICKET, EXAMPLE];
        for hay in texts {
            for needle in texts.iter().chain(&["b", "ab", "券", "ojZ8", "\"code\""]) {
                assert_eq!(
                    contains(hay, needle),
                    hay.contains(needle),
                    "{hay:?} {needle:?}"
                );
            }
        }
        for ticket in [
            "a\u{1f}b",
            "a\u{b}",
            "a\u{c}",
            "~!",
            "",
            " ",
            "a b",
            "a\tb",
            "a\u{85}b",
            "a\u{3000}b",
            "a\u{7f}",
            "卡券",
            TICKET,
        ] {
            let standard = rules::check_ticket(&crate::secret::Ticket::new(ticket), "").is_ok();
            assert_eq!(ticket_ok(ticket), standard, "{ticket:?}");
        }
    }

    proptest! {
        #[test]
        fn the_rule_tests_are_the_rules(value in "\\PC{0,70}|[ -~]{0,70}|[A-Za-z0-9_-]{0,70}") {
            prop_assert_eq!(card_id_ok(&value), rules::check_card_id(&value, "").is_ok());
            prop_assert_eq!(code_ok(&value), rules::check_code(&value, "").is_ok());
            prop_assert_eq!(nonce_ok(&value), rules::check_nonce(&value, "").is_ok());
            prop_assert_eq!(openid_ok(&value), rules::check_openid(&value, "").is_ok());
        }

        #[test]
        fn the_sort_is_the_signatures(values in prop::collection::vec("[0-9a-c]{0,4}|\\PC{0,3}", 0..9)) {
            let mut ours: Vec<&str> = values.iter().map(String::as_str).collect();
            let mut theirs = ours.clone();
            sort_bytewise(&mut ours);
            crate::sign::sort_values(&mut theirs);
            prop_assert_eq!(ours, theirs);
        }
    }

    /// Values near the rules: valid ones mostly, with the characters and
    /// lengths that break them now and then.
    fn near(valid: &'static str) -> impl Strategy<Value = String> {
        prop_oneof![
            6 => valid,
            1 => "[ -~]{0,34}",
            1 => "\\PC{0,3}",
            1 => Just(TICKET.to_string()),
        ]
    }

    fn extra() -> impl Strategy<Value = Option<(&'static str, String)>> {
        prop::option::of((
            prop::sample::select(vec!["nonceStr", "card_id", "balance", "outer_str", "code"]),
            "[a-z0-9]{0,4}",
        ))
    }

    proptest! {
        #[test]
        fn the_fast_path_never_differs_from_the_full_check(
            code in prop::option::of(near("[A-Za-z0-9_]{0,21}")),
            openid in prop::option::of(near("[A-Za-z0-9_-]{0,30}")),
            timestamp in near("[0-9]{1,11}"),
            nonce in prop::option::of(near("[A-Za-z0-9]{0,33}")),
            extra in extra(),
            order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
            sign in prop::bool::weighted(0.8),
            now in prop::option::of(1_000_000_000u64..9_000_000_000),
            max_age in prop::option::of(0u64..5_000_000_000),
            space in "[ \t\n]{0,2}",
        ) {
            let mut pairs: Vec<(&str, &str)> = vec![("timestamp", timestamp.as_str())];
            for (key, value) in [("code", &code), ("openid", &openid), ("nonce_str", &nonce)] {
                if let Some(value) = value {
                    pairs.push((key, value.as_str()));
                }
            }
            if let Some((key, value)) = &extra {
                pairs.push((key, value.as_str()));
            }
            let n = pairs.len();
            for i in 0..n {
                pairs.swap(i, (order as usize >> (i * 3)) % n);
            }
            let text = if sign {
                signed(&pairs, TICKET, CARD)
            } else {
                let body: Vec<String> = pairs
                    .iter()
                    .map(|(k, v)| format!("{k:?}{space}:{v:?}"))
                    .collect();
                format!("{{{space}{}}}", body.join(","))
            };
            let mut options = with_ticket();
            options.now_seconds = now;
            options.max_age_seconds = max_age;
            agrees(&text, Some(CARD), &options);
            agrees(&text, Some(CARD), &VerifyOptions::new(CARD));
            // The packed options read as the options themselves: the same answer as the
            // fast path inside `verify_card_ext`, and a clean one only when the full check agrees.
            let fast = packed_answer(&text, &options, times(&options));
            let inside = clean_report(&text, Some(CARD), &options).map(|r| r.signature_checked);
            prop_assert_eq!(fast, Answer::of(inside));
            if fast != Answer::Full {
                prop_assert_eq!(fast, full_answer(&text, &options));
            }
        }
    }
}
