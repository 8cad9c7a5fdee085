//! Properties of signing, verification and diagnosis over generated inputs.

use proptest::prelude::*;
use wxcard::diagnose::diagnose_card_ext;
use wxcard::json;
use wxcard::json::{Map, Value};
use wxcard::sign::sha1_hex;
use wxcard::verify::{VerifyOptions, verify_card_ext};
use wxcard::{Ticket, card_signature};

/// One valid cardExt's inputs.
#[derive(Clone, Debug)]
struct Input {
    ticket: String,
    card: String,
    ts: u64,
    ts_as_number: bool,
    code: Option<String>,
    openid: Option<String>,
    nonce: Option<String>,
}

impl Input {
    fn ts_text(&self) -> String {
        self.ts.to_string()
    }

    /// The values WeChat signs, unsorted: [ticket, timestamp, card_id, code?, openid?, nonce?].
    fn values(&self) -> Vec<String> {
        let mut v = vec![self.ticket.clone(), self.ts_text(), self.card.clone()];
        v.extend(
            [&self.code, &self.openid, &self.nonce]
                .into_iter()
                .flatten()
                .cloned(),
        );
        v
    }

    fn fields(&self) -> Map {
        let mut map = Map::new();
        let ts = if self.ts_as_number {
            json!(self.ts)
        } else {
            json!(self.ts_text())
        };
        map.insert("timestamp".into(), ts);
        for (k, v) in [
            ("code", &self.code),
            ("openid", &self.openid),
            ("nonce_str", &self.nonce),
        ] {
            if let Some(v) = v {
                map.insert(k.into(), json!(v));
            }
        }
        map
    }

    fn emit(&self, mut fields: Map, signature: &str) -> String {
        fields.insert("signature".into(), json!(signature));
        Value::Object(fields).to_string()
    }

    fn correct(&self) -> String {
        self.emit(self.fields(), &card_signature(&self.values()))
    }

    fn options(&self) -> VerifyOptions {
        VerifyOptions::new(self.card.clone()).with_ticket(self.ticket.clone())
    }

    /// Whether all signed values differ, so that a mistake on one cannot be
    /// read as a mistake on another.
    fn distinct(&self) -> bool {
        let v = self.values();
        v.iter()
            .enumerate()
            .all(|(i, a)| v.iter().skip(i + 1).all(|b| a != b))
    }
}

fn input() -> impl Strategy<Value = Input> {
    (
        "[A-Za-z0-9_-]{16,86}",
        "[A-Za-z0-9_-]{1,32}",
        0u64..=9_999_999_999,
        any::<bool>(),
        proptest::option::of("[A-Za-z0-9_]{1,20}"),
        proptest::option::of("o[A-Za-z0-9_-]{27}"),
        proptest::option::of("[!-~]{1,32}"),
    )
        .prop_map(
            |(ticket, card, ts, ts_as_number, code, openid, nonce)| Input {
                ticket,
                card,
                ts,
                ts_as_number,
                code,
                openid,
                nonce,
            },
        )
}

/// `s` with the character at `at` (mod its length) replaced by `c`.
fn replace_char(s: &str, at: usize, c: char) -> String {
    let at = at % s.chars().count().max(1);
    s.chars()
        .enumerate()
        .map(|(i, x)| if i == at { c } else { x })
        .collect()
}

fn sha1(s: &str) -> String {
    sha1_hex([s.as_bytes()])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn sign_then_verify_holds(input in input()) {
        let report = verify_card_ext(&input.correct(), &input.options());
        prop_assert!(report.ok && report.signature_checked, "{report:?}");
        prop_assert!(report.problems.iter().all(|p| p.code == "MISSING_NONCE"), "{report:?}");
        let d = diagnose_card_ext(&input.correct(), &input.card, &Ticket::new(input.ticket.clone()));
        prop_assert_eq!((d.ok, d.cause), (true, None));
    }

    #[test]
    fn the_signature_is_independent_of_the_order_of_values(
        input in input(),
        order in any::<u64>(),
    ) {
        let mut values = input.values();
        let expected = card_signature(&values);
        // A deterministic shuffle driven by `order`.
        let mut state = order;
        for i in (1..values.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            values.swap(i, (state >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(card_signature(&values), expected);
    }

    #[test]
    fn any_change_to_a_signed_input_fails_verification(
        input in input(),
        which in 0usize..7,
        at in any::<usize>(),
        c in "[A-Za-z0-9]",
        delta in 1u64..1000,
    ) {
        let c = c.chars().next().unwrap_or('x');
        let mut options = input.options();
        let mut fields = input.fields();
        let mut signature = card_signature(&input.values());
        match which {
            0 => {
                let changed = replace_char(&input.ticket, at, c);
                prop_assume!(changed != input.ticket);
                options.api_ticket = Some(Ticket::new(changed));
            }
            1 => {
                let changed = replace_char(&input.card, at, c);
                prop_assume!(changed != input.card);
                options.card_id = Some(changed);
            }
            2 => {
                let ts = if input.ts + delta <= 9_999_999_999 { input.ts + delta } else { input.ts - delta };
                fields.insert("timestamp".into(), json!(ts.to_string()));
            }
            3..=5 => {
                let key = ["code", "openid", "nonce_str"][which - 3];
                let changed = match fields.get(key).and_then(Value::as_str) {
                    Some(old) => replace_char(old, at, c),
                    None => c.to_string(),
                };
                prop_assume!(fields.get(key).and_then(Value::as_str) != Some(changed.as_str()));
                fields.insert(key.into(), json!(changed));
            }
            _ => {
                // Another hex digit at one position (never just the same digit in another case).
                let hex = "0123456789abcdef";
                let i = at % 40;
                let old = signature.chars().nth(i).and_then(|d| hex.find(d)).unwrap_or(0);
                let new = hex.chars().nth((old + 1 + (at / 40) % 15) % 16).unwrap_or('0');
                signature.replace_range(i..=i, &new.to_string());
            }
        }
        let report = verify_card_ext(&input.emit(fields, &signature), &options);
        prop_assert!(!report.ok, "{report:?}");
        prop_assert!(report.problems.iter().any(|p| p.code == "SIGNATURE_MISMATCH"), "{report:?}");
    }

    #[test]
    fn diagnosis_names_the_mistake_that_was_made(
        input in input(),
        mistake in 0usize..17,
        extra in "[a-z]{3,12}",
        k in 1u64..1000,
    ) {
        prop_assume!(input.distinct());
        let ticket = Ticket::new(input.ticket.clone());
        let fields = input.fields();
        let values = input.values();
        let mut sorted = values.clone();
        sorted.sort();
        let correct = card_signature(&values);
        let without = |drop: &str| -> Vec<String> { values.iter().filter(|v| *v != drop).cloned().collect() };
        let (cause, card_ext) = match mistake {
            0 => {
                prop_assume!(correct.bytes().any(|b| b.is_ascii_alphabetic()));
                ("UPPERCASE_HEX", input.emit(fields, &correct.to_uppercase()))
            }
            1 => {
                let mut f = fields;
                f.insert("balance".into(), json!(k));
                let mut v = values.clone();
                v.push(k.to_string());
                ("BALANCE_SIGNED", input.emit(f, &card_signature(&v)))
            }
            2..=4 => {
                let (key, cause) = [("nonce_str", "NONCE_SENT_NOT_SIGNED"), ("code", "CODE_SENT_NOT_SIGNED"), ("openid", "OPENID_SENT_NOT_SIGNED")][mistake - 2];
                let Some(Value::String(value)) = fields.get(key).cloned() else {
                    return Err(TestCaseError::reject("field absent"));
                };
                (cause, input.emit(fields, &card_signature(&without(&value))))
            }
            5 => ("CARD_ID_NOT_SIGNED", input.emit(fields, &card_signature(&without(&input.card)))),
            6..=8 => {
                let (key, renamed, cause) = [("nonce_str", "nonceStr", "NONCE_SIGNED_NOT_SENT"), ("code", "cardCode", "CODE_SIGNED_NOT_SENT"), ("openid", "openId", "OPENID_SIGNED_NOT_SENT")][mistake - 6];
                let mut f = fields;
                let Some(value) = f.remove(key) else {
                    return Err(TestCaseError::reject("field absent"));
                };
                f.insert(renamed.into(), value);
                (cause, input.emit(f, &correct))
            }
            9 => {
                let mut f = fields;
                f.insert("outer_str".into(), json!(extra));
                let mut v = values.clone();
                v.push(extra.clone());
                ("EXTRA_VALUE_SIGNED", input.emit(f, &card_signature(&v)))
            }
            10 => {
                let mut ci = values.clone();
                ci.sort_by_key(|v| v.to_ascii_lowercase());
                prop_assume!(ci != sorted);
                ("CASE_INSENSITIVE_SORT", input.emit(fields, &sha1(&ci.concat())))
            }
            11 => {
                let ms = (input.ts * 1000 + k).to_string();
                let mut v = without(&input.ts_text());
                v.push(ms);
                ("TIMESTAMP_AS_NUMBER", input.emit(fields, &card_signature(&v)))
            }
            12 => {
                let pairs = [("api_ticket", Some(&input.ticket)), ("card_id", Some(&input.card)), ("code", input.code.as_ref()), ("nonce_str", input.nonce.as_ref()), ("openid", input.openid.as_ref())];
                let mut kv: Vec<String> = pairs.iter().filter_map(|(k, v)| v.map(|v| format!("{k}={v}"))).collect();
                kv.push(format!("timestamp={}", input.ts));
                kv.sort();
                ("JSAPI_STYLE", input.emit(fields, &sha1(&kv.join("&"))))
            }
            13 => {
                // The documentation's listing order, never sorted.
                let doc_order = values.concat();
                let fold = |f: fn(&String) -> String| { let mut v = values.clone(); v.sort_by_key(f); v.concat() };
                prop_assume!(doc_order != sorted.concat());
                prop_assume!(doc_order != fold(|s| s.to_ascii_lowercase()) && doc_order != fold(|s| s.to_ascii_uppercase()));
                ("UNSORTED", input.emit(fields, &sha1(&doc_order)))
            }
            14 => {
                let mut v = values.clone();
                v[0] = format!("{extra}{}", input.ticket);
                ("WRONG_TICKET", input.emit(fields, &card_signature(&v)))
            }
            15 => {
                // Every absent optional value signed as "undefined".
                let absent = [&input.code, &input.openid, &input.nonce].iter().filter(|v| v.is_none()).count();
                prop_assume!(absent > 0);
                let mut v = values.clone();
                v.extend(std::iter::repeat_n("undefined".to_owned(), absent));
                ("UNDEFINED_SIGNED", input.emit(fields, &card_signature(&v)))
            }
            _ => {
                let mut v = values.clone();
                v[0] = format!("{}\n", input.ticket);
                ("TICKET_WHITESPACE", input.emit(fields, &card_signature(&v)))
            }
        };
        let d = diagnose_card_ext(&card_ext, &input.card, &ticket);
        prop_assert_eq!(d.cause, Some(cause), "{:?}", d);
        prop_assert!(!d.message.contains(&input.ticket));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary text, and valid cardExts with one character inserted: no
    /// panic, `ok` false exactly when some problem is an error, the strict
    /// reader fails with the lenient reader's first error, and the ticket is
    /// never quoted.
    #[test]
    fn any_text_gives_a_consistent_report(
        input in input(),
        noise in "\\PC{0,40}",
        at in any::<usize>(),
        mutate in any::<bool>(),
    ) {
        let text = if mutate {
            let valid = input.correct();
            let mut cut = at % (valid.len() + 1);
            while !valid.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}{}{}", &valid[..cut], noise, &valid[cut..])
        } else {
            noise
        };
        let report = verify_card_ext(&text, &input.options());
        prop_assert_eq!(report.ok, !report.problems.iter().any(|p| p.severity == wxcard::Severity::Error));
        let scan = wxcard::card_ext::CardExtScan::read(&text, "cardExt", None);
        match wxcard::CardExt::parse(&text, "cardExt") {
            Ok(_) => prop_assert!(scan.errors.is_empty()),
            Err(e) => prop_assert_eq!(Some(&e), scan.errors.first()),
        }
        let d = diagnose_card_ext(&text, &input.card, &Ticket::new(input.ticket.clone()));
        let probe = &input.ticket[..12];
        for p in &report.problems {
            prop_assert!(!p.message.contains(probe) && !p.field.as_deref().unwrap_or("").contains(probe));
        }
        prop_assert!(!d.message.contains(probe));
    }
}
