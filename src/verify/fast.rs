//! The fast path of verification: a cardExt exactly as a correct signer
//! writes it, checked without building a JSON tree.
//!
//! [`clean_report`] answers only for an object of the keys a signer emits
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

use super::{FUTURE_SKEW_SECONDS, Report, VerifyOptions};
use crate::card_ext::MIN_LEAK_CHECK_LEN;
use crate::rules;
use crate::sign::{card_signature, is_signature, signatures_match};

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
            .any(|s| s.len() >= secret.len() && s.contains(secret))
    }
}

/// Whether `secret` is anywhere in the cardExt's text, as the full check
/// searches it. A secret without JSON punctuation or whitespace can only lie
/// inside one key or value (the text has no escapes), so only those are
/// searched; any other secret is searched for in the whole text.
fn leaked(text: &str, clean: &Clean<'_>, secret: &str) -> bool {
    if secret.bytes().any(|b| {
        matches!(
            b,
            b'"' | b'{' | b'}' | b':' | b',' | b' ' | b'\t' | b'\n' | b'\r'
        )
    }) {
        return text.contains(secret);
    }
    clean.contains(secret)
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
    let clean = read(text)?;
    let timestamp_text = clean.timestamp?;
    let timestamp = seconds(timestamp_text)?;
    let signature = clean.signature?;
    if !is_signature(signature) || signature.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let nonce = clean.nonce_str?;
    rules::check_nonce(nonce, "").ok()?;
    if let Some(code) = clean.code {
        rules::check_code(code, "").ok()?;
    }
    if let Some(openid) = clean.openid {
        rules::check_openid(openid, "").ok()?;
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
        .as_deref()
        .is_some_and(|expected| clean.openid != Some(expected))
        || options
            .expect_code
            .as_deref()
            .is_some_and(|expected| clean.code != Some(expected))
    {
        return None;
    }
    let Some(ticket) = &options.api_ticket else {
        return Some(Report::new(false, Vec::new()));
    };
    let secret = ticket.expose();
    if secret.chars().count() >= MIN_LEAK_CHECK_LEN && leaked(text, &clean, secret) {
        return None;
    }
    let values = [
        secret,
        timestamp_text,
        card_id?,
        clean.code.unwrap_or(""),
        clean.openid.unwrap_or(""),
        nonce,
    ];
    signatures_match(&card_signature(&values), signature).then(|| Report::new(true, Vec::new()))
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
        // Every arm is one of `KEYS`.
        let slot = match key {
            "code" => &mut clean.code,
            "openid" => &mut clean.openid,
            "timestamp" => &mut clean.timestamp,
            "nonce_str" => &mut clean.nonce_str,
            "signature" => &mut clean.signature,
            _ => return None,
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
        }
    }
}
