//! verify_card_ext / verify_card_list: one test per problem code, each with
//! the mistake (the code appears) and without it (the code does not).

use wxcard::json;
use wxcard::json::{Map, Value};
use wxcard::verify::{Report, VerifyOptions, verify_card_ext, verify_card_list};
use wxcard::{Severity, card_signature};

// The official example of the JS-SDK documentation, Appendix 4 (SPEC §1.2).
const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
const CARD: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
const TS: u64 = 1404896688;
const NOW: u64 = TS + 12;

/// Signs `fields` (a cardExt without its signature) the way WeChat does and
/// returns the cardExt JSON string.
fn signed_with(fields: Value, card_id: &str, ticket: &str) -> String {
    let Value::Object(mut map) = fields else {
        panic!("fields must be an object")
    };
    let text = |k: &str| match map.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let signature = card_signature(&[
        ticket.to_owned(),
        text("timestamp"),
        card_id.to_owned(),
        text("code"),
        text("openid"),
        text("nonce_str"),
    ]);
    map.insert("signature".into(), Value::String(signature));
    Value::Object(map).to_string()
}

fn signed(fields: Value) -> String {
    signed_with(fields, CARD, TICKET)
}

fn base() -> Map {
    let Value::Object(map) =
        json!({"code": "1434008071", "timestamp": TS.to_string(), "nonce_str": "123"})
    else {
        unreachable!()
    };
    map
}

/// `base()` with `key` set to `value` (or removed, for `Value::Null`), signed.
fn with(key: &str, value: Value) -> String {
    let mut map = base();
    if value.is_null() {
        map.remove(key);
    } else {
        map.insert(key.into(), value);
    }
    signed(Value::Object(map))
}

/// The signed `base()` with `key` then replaced by `value` (for the signature itself).
fn after_signing(key: &str, value: Value) -> String {
    let mut v: Value = wxcard::json::Value::parse(&signed(Value::Object(base()))).unwrap();
    v[key] = value;
    v.to_string()
}

fn options() -> VerifyOptions {
    VerifyOptions::new(CARD).with_ticket(TICKET).with_now(NOW)
}

/// Verifies and checks the invariants every report keeps: `ok` is false
/// exactly when some problem is an error, every message starts with its
/// field, and nothing quotes the ticket.
fn verify(card_ext: &str, options: &VerifyOptions) -> Report {
    let report = verify_card_ext(card_ext, options);
    check_invariants(&report);
    report
}

fn check_invariants(report: &Report) {
    let has_error = report
        .problems
        .iter()
        .any(|p| p.severity == Severity::Error);
    assert_eq!(report.ok, !has_error, "{report:?}");
    for p in &report.problems {
        assert!(!p.message.contains(TICKET), "ticket in message: {p:?}");
        assert!(
            !p.field.as_deref().unwrap_or("").contains(TICKET),
            "ticket in field: {p:?}"
        );
        if let Some(field) = &p.field {
            assert!(
                p.message.starts_with(field.as_str()),
                "message does not name its field: {p:?}"
            );
        }
    }
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.problems.iter().map(|p| p.code).collect()
}

/// The problem with `code`, which must exist.
fn problem<'a>(report: &'a Report, code: &str) -> &'a wxcard::Problem {
    report
        .problems
        .iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("no {code} in {report:?}"))
}

#[test]
fn a_correct_card_ext_has_no_problems() {
    let options = options().with_max_age(60).expecting_code("1434008071");
    let report = verify(&signed(Value::Object(base())), &options);
    assert!(report.ok && report.signature_checked, "{report:?}");
    assert!(report.problems.is_empty(), "{report:?}");
}

/// V-VERIFY-CARDEXT-STRING-TS (SPEC §9): "Derived from V-OFFICIAL-CARDEXT",
/// whose source is the official JS-SDK doc Appendix 4:
/// "sha1(12314048966881434008071ojZ8YtyVyr30HheH3CM73y7h4jJEpjZ8Yt1XGILfi-FUsewpnnolGgZk)
/// = f137ab68b7f8112d20ee528ab6074564e2796250". Expected: valid.
#[test]
fn vector_verify_card_ext_string_ts() {
    let card_ext = "{\"code\":\"1434008071\",\"timestamp\":\"1404896688\",\"nonce_str\":\"123\",\"signature\":\"f137ab68b7f8112d20ee528ab6074564e2796250\"}";
    let options = VerifyOptions::new("pjZ8Yt1XGILfi-FUsewpnnolGgZk")
        .with_ticket("ojZ8YtyVyr30HheH3CM73y7h4jJE");
    let report = verify(card_ext, &options);
    assert!(report.ok && report.signature_checked, "{report:?}");
    assert!(report.problems.is_empty());
}

#[test]
fn timestamp_as_json_number_verifies() {
    let report = verify(&with("timestamp", json!(TS)), &options());
    assert!(report.ok && report.signature_checked, "{report:?}");
}

#[test]
fn without_ticket_the_signature_is_not_checked() {
    let mut tampered: Value = wxcard::json::Value::parse(&signed(Value::Object(base()))).unwrap();
    tampered["code"] = json!("999");
    let report = verify(
        &tampered.to_string(),
        &VerifyOptions::new(CARD).with_now(NOW),
    );
    assert!(report.ok && !report.signature_checked, "{report:?}");
    assert!(verify(&tampered.to_string(), &options()).has("SIGNATURE_MISMATCH"));
}

#[test]
fn invalid_json() {
    for text in ["", "{", "{\"timestamp\": }", "nope"] {
        let report = verify(text, &options());
        assert_eq!(codes(&report), ["INVALID_JSON"], "{text:?}");
        assert_eq!(
            problem(&report, "INVALID_JSON").field.as_deref(),
            Some("cardExt")
        );
        assert!(!report.signature_checked);
    }
    assert!(!verify(&signed(Value::Object(base())), &options()).has("INVALID_JSON"));
}

#[test]
fn double_encoded() {
    let once = signed(Value::Object(base()));
    let twice = Value::String(once.clone()).to_string();
    assert_eq!(codes(&verify(&twice, &options())), ["DOUBLE_ENCODED"]);
    assert!(!verify(&once, &options()).has("DOUBLE_ENCODED"));
}

#[test]
fn invalid_type() {
    for (text, field) in [
        ("[]".to_owned(), "cardExt"),
        ("\"just text\"".to_owned(), "cardExt"),
        (with("code", json!(14.5)), "cardExt.code"),
        (with("code", json!(true)), "cardExt.code"),
        (with("openid", json!({"a": 1})), "cardExt.openid"),
        (with("nonce_str", json!([1])), "cardExt.nonce_str"),
        (after_signing("signature", json!(12)), "cardExt.signature"),
        (with("timestamp", json!(false)), "cardExt.timestamp"),
        (with("balance", json!("ten")), "cardExt.balance"),
    ] {
        let report = verify(&text, &options());
        assert_eq!(
            problem(&report, "INVALID_TYPE").field.as_deref(),
            Some(field),
            "{text}"
        );
        assert!(!report.ok);
    }
    // Integers are fine where WeChat signs their decimal form.
    let report = verify(&with("code", json!(1434008071)), &options());
    assert!(report.ok, "{report:?}");
}

#[test]
fn camel_case_key() {
    for key in [
        "nonceStr",
        "openId",
        "cardId",
        "cardExt",
        "outerStr",
        "fixedBeginTimestamp",
        "fixed_begin_timestamp",
        "timeStamp",
    ] {
        let report = verify(&with(key, json!("1")), &options());
        let p = problem(&report, "CAMEL_CASE_KEY");
        assert_eq!(p.field.as_deref(), Some(format!("cardExt.{key}").as_str()));
        assert!(p.message.contains(key));
    }
    let report = verify(&with("outer_str", json!("channel")), &options());
    assert!(!report.has("CAMEL_CASE_KEY") && report.ok, "{report:?}");
}

#[test]
fn ticket_leaked_by_key() {
    for key in [
        "api_ticket",
        "apiTicket",
        "ticket",
        "jsapi_ticket",
        "card_api_ticket",
    ] {
        let report = verify(&with(key, json!("x")), &VerifyOptions::new(CARD));
        let p = problem(&report, "TICKET_LEAKED");
        assert_eq!(p.field.as_deref(), Some(format!("cardExt.{key}").as_str()));
        assert!(
            !report.has("CAMEL_CASE_KEY"),
            "a leaked secret is reported as such: {report:?}"
        );
    }
}

#[test]
fn ticket_leaked_by_value() {
    let leaked = with("outer_str", json!(TICKET));
    let report = verify(&leaked, &options());
    assert_eq!(
        problem(&report, "TICKET_LEAKED").field.as_deref(),
        Some("cardExt.outer_str")
    );
    // Under a ticket-named key it is reported once, for the key.
    let named = verify(&with("api_ticket", json!(TICKET)), &options());
    assert_eq!(
        named
            .problems
            .iter()
            .filter(|p| p.code == "TICKET_LEAKED")
            .count(),
        1
    );
    // An escaped copy is still the ticket.
    let escaped = leaked.replace("ojZ8", "\\u006fjZ8");
    assert!(escaped.contains("\\u006f"));
    assert!(verify(&escaped, &options()).has("TICKET_LEAKED"));
    // Without the ticket its value cannot be recognised, and a clean cardExt is clean.
    assert!(!verify(&leaked, &VerifyOptions::new(CARD)).has("TICKET_LEAKED"));
    assert!(!verify(&with("outer_str", json!("channel")), &options()).has("TICKET_LEAKED"));
}

#[test]
fn secret_leaked() {
    for key in ["appsecret", "app_secret", "access_token", "session_key"] {
        let report = verify(&with(key, json!("x")), &options());
        assert_eq!(
            problem(&report, "SECRET_LEAKED").field.as_deref(),
            Some(format!("cardExt.{key}").as_str())
        );
    }
    assert!(!verify(&signed(Value::Object(base())), &options()).has("SECRET_LEAKED"));
}

#[test]
fn missing_field() {
    let report = verify(&with("timestamp", Value::Null), &options());
    assert_eq!(
        problem(&report, "MISSING_FIELD").field.as_deref(),
        Some("cardExt.timestamp")
    );
    let mut map = base();
    map.insert("signature".into(), json!(""));
    let report = verify(&Value::Object(map).to_string(), &options());
    assert_eq!(
        problem(&report, "MISSING_FIELD").field.as_deref(),
        Some("cardExt.signature")
    );
    // A ticket without a card id cannot check the signature.
    let no_card = VerifyOptions::default().with_ticket(TICKET);
    let report = verify(&signed(Value::Object(base())), &no_card);
    assert_eq!(
        problem(&report, "MISSING_FIELD").field.as_deref(),
        Some("cardId")
    );
    assert!(!report.signature_checked);
    assert!(!verify(&signed(Value::Object(base())), &options()).has("MISSING_FIELD"));
}

/// Includes V-NEG-FLOAT-TS (SPEC §9, "Computed here"): "A float timestamp
/// (Date.now()/1000) must be rejected by the builder and the verifier".
#[test]
fn invalid_timestamp() {
    for ts in [
        json!(1414587457.123),
        json!("1414587457.123"),
        json!("1414587457123"),
        json!(1414587457123u64),
        json!("0140489668"),
        json!("-1"),
        json!(""),
    ] {
        let report = verify(&with("timestamp", ts.clone()), &options());
        assert_eq!(
            problem(&report, "INVALID_TIMESTAMP").field.as_deref(),
            Some("cardExt.timestamp"),
            "{ts}"
        );
    }
    let report = verify(&with("fixed_begintimestamp", json!(1.5)), &options());
    assert_eq!(
        problem(&report, "INVALID_TIMESTAMP").field.as_deref(),
        Some("cardExt.fixed_begintimestamp")
    );
    let report = verify(&with("fixed_begintimestamp", json!(TS)), &options());
    assert!(report.ok && !report.has("INVALID_TIMESTAMP"), "{report:?}");
}

#[test]
fn malformed_signature() {
    let good = signed(Value::Object(base()));
    let sig = wxcard::json::Value::parse(&good).unwrap()["signature"]
        .as_str()
        .unwrap()
        .to_owned();
    for bad in [
        &sig[..39],
        &format!("{}g", &sig[..39]),
        &format!("{sig}0"),
        "not a signature",
    ] {
        let report = verify(&after_signing("signature", json!(bad)), &options());
        assert_eq!(
            problem(&report, "MALFORMED_SIGNATURE").field.as_deref(),
            Some("cardExt.signature")
        );
        assert!(!report.signature_checked);
    }
    assert!(!verify(&good, &options()).has("MALFORMED_SIGNATURE"));
}

#[test]
fn too_long() {
    for (key, ok_len, limit) in [("nonce_str", 32, 32), ("code", 20, 20), ("openid", 64, 64)] {
        let report = verify(&with(key, json!("7".repeat(limit + 1))), &options());
        let p = problem(&report, "TOO_LONG");
        assert_eq!(p.field.as_deref(), Some(format!("cardExt.{key}").as_str()));
        // The value that breaks the rule is still what was signed.
        assert!(
            report.signature_checked && !report.has("SIGNATURE_MISMATCH"),
            "{report:?}"
        );
        let report = verify(&with(key, json!("7".repeat(ok_len))), &options());
        assert!(report.ok, "{key}: {report:?}");
    }
}

#[test]
fn invalid_value() {
    for (key, value) in [
        ("code", "12 34"),
        ("code", "12#4"),
        ("code", "卡券"),
        ("openid", "o a"),
        ("nonce_str", "n o"),
    ] {
        let report = verify(&with(key, json!(value)), &options());
        assert_eq!(
            problem(&report, "INVALID_VALUE").field.as_deref(),
            Some(format!("cardExt.{key}").as_str()),
            "{value}"
        );
    }
    assert!(verify(&with("code", json!("jonyqin_1434008071")), &options()).ok);
}

#[test]
fn uppercase_signature() {
    let good = signed(Value::Object(base()));
    let upper = {
        let mut v: Value = wxcard::json::Value::parse(&good).unwrap();
        let sig = v["signature"].as_str().unwrap().to_uppercase();
        v["signature"] = json!(sig);
        v.to_string()
    };
    let report = verify(&upper, &options());
    let p = problem(&report, "UPPERCASE_SIGNATURE");
    assert_eq!(p.severity, Severity::Warning);
    assert!(report.ok && report.signature_checked, "{report:?}");
    assert!(!verify(&good, &options()).has("UPPERCASE_SIGNATURE"));
}

#[test]
fn missing_nonce() {
    let report = verify(&with("nonce_str", Value::Null), &options());
    assert_eq!(
        problem(&report, "MISSING_NONCE").severity,
        Severity::Warning
    );
    assert!(report.ok);
    assert!(!verify(&signed(Value::Object(base())), &options()).has("MISSING_NONCE"));
}

#[test]
fn card_id_in_card_ext_and_mismatch() {
    let same = verify(&with("card_id", json!(CARD)), &options());
    assert_eq!(
        problem(&same, "CARD_ID_IN_CARD_EXT").severity,
        Severity::Warning
    );
    assert!(same.ok && !same.has("CARD_ID_MISMATCH"), "{same:?}");
    let other = verify(&with("card_id", json!("pOther")), &options());
    assert_eq!(
        problem(&other, "CARD_ID_MISMATCH").field.as_deref(),
        Some("cardExt.card_id")
    );
    assert!(!other.ok);
    assert!(!verify(&signed(Value::Object(base())), &options()).has("CARD_ID_IN_CARD_EXT"));
}

#[test]
fn unknown_key() {
    let report = verify(&with("channel", json!("x")), &options());
    let p = problem(&report, "UNKNOWN_KEY");
    assert_eq!(
        (p.severity, p.field.as_deref()),
        (Severity::Warning, Some("cardExt.channel"))
    );
    assert!(report.ok);
    assert!(!verify(&with("outer_str", json!("x")), &options()).has("UNKNOWN_KEY"));
}

#[test]
fn legacy_field() {
    for key in ["balance", "outer_id"] {
        let report = verify(&with(key, json!(100)), &options());
        let p = problem(&report, "LEGACY_FIELD");
        assert_eq!(
            (p.severity, p.field.as_deref()),
            (Severity::Warning, Some(format!("cardExt.{key}").as_str()))
        );
        assert!(report.ok, "{report:?}");
    }
    // The official tool signs balance for LUCKY_MONEY cards; that signature verifies too.
    let mut map = base();
    map.insert("balance".into(), json!(100));
    let text = |k: &str| {
        map.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let sig = card_signature(&[
        TICKET.to_owned(),
        text("timestamp"),
        CARD.into(),
        text("code"),
        text("nonce_str"),
        "100".into(),
    ]);
    map.insert("signature".into(), json!(sig));
    let report = verify(&Value::Object(map).to_string(), &options());
    assert!(report.ok && report.signature_checked, "{report:?}");
    assert!(!verify(&signed(Value::Object(base())), &options()).has("LEGACY_FIELD"));
}

#[test]
fn timestamp_in_future() {
    let ext = signed(Value::Object(base()));
    let ahead = verify(&ext, &options().with_now(TS - 1000));
    assert_eq!(
        problem(&ahead, "TIMESTAMP_IN_FUTURE").severity,
        Severity::Warning
    );
    let utc8 = verify(&ext, &options().with_now(TS - 8 * 3600));
    assert!(
        problem(&utc8, "TIMESTAMP_IN_FUTURE")
            .message
            .contains("UTC+8")
    );
    // Within the clock skew allowance, or with no "now", nothing is said.
    assert!(!verify(&ext, &options().with_now(TS - 100)).has("TIMESTAMP_IN_FUTURE"));
    assert!(!verify(&ext, &VerifyOptions::new(CARD)).has("TIMESTAMP_IN_FUTURE"));
}

#[test]
fn timestamp_too_old() {
    let ext = signed(Value::Object(base()));
    let old = verify(&ext, &options().with_now(TS + 61).with_max_age(60));
    assert_eq!(
        problem(&old, "TIMESTAMP_TOO_OLD").field.as_deref(),
        Some("cardExt.timestamp")
    );
    assert!(!old.ok);
    assert!(verify(&ext, &options().with_now(TS + 60).with_max_age(60)).ok);
    // No max age: no age limit.
    assert!(verify(&ext, &options().with_now(TS + 1_000_000)).ok);
}

#[test]
fn openid_and_code_mismatch() {
    let mut map = base();
    map.insert("openid".into(), json!("oA"));
    let ext = signed(Value::Object(map));
    assert!(
        verify(
            &ext,
            &options()
                .expecting_openid("oA")
                .expecting_code("1434008071")
        )
        .ok
    );
    let report = verify(&ext, &options().expecting_openid("oB"));
    assert_eq!(
        problem(&report, "OPENID_MISMATCH").field.as_deref(),
        Some("cardExt.openid")
    );
    let report = verify(&ext, &options().expecting_code("1"));
    assert_eq!(
        problem(&report, "CODE_MISMATCH").field.as_deref(),
        Some("cardExt.code")
    );
    let no_openid = signed(Value::Object(base()));
    assert!(verify(&no_openid, &options().expecting_openid("oA")).has("OPENID_MISMATCH"));
}

#[test]
fn signature_mismatch() {
    let good = signed(Value::Object(base()));
    assert!(verify(&good, &options()).ok);
    let mismatch = |ext: &str, opts: &VerifyOptions| {
        let report = verify(ext, opts);
        assert!(report.signature_checked, "{report:?}");
        assert_eq!(codes(&report), ["SIGNATURE_MISMATCH"], "{ext}");
        assert_eq!(
            problem(&report, "SIGNATURE_MISMATCH").field.as_deref(),
            Some("cardExt.signature")
        );
    };
    mismatch(
        &good,
        &VerifyOptions::new(CARD).with_ticket("another-ticket-value"),
    );
    mismatch(&good, &options().tap_card("pjZ8Yt1XGILfi-FUsewpnnolGgZz"));
    for (key, value) in [
        ("code", json!("1434008072")),
        ("timestamp", json!("1404896689")),
        ("nonce_str", json!("124")),
        ("openid", json!("oX")),
    ] {
        let mut v: Value = wxcard::json::Value::parse(&good).unwrap();
        v[key] = value;
        mismatch(&v.to_string(), &options());
    }
}

trait TapCard {
    fn tap_card(self, card: &str) -> Self;
}

impl TapCard for VerifyOptions {
    fn tap_card(mut self, card: &str) -> Self {
        self.card_id = Some(card.into());
        self
    }
}

#[test]
fn no_message_ever_contains_the_ticket() {
    // The ticket planted everywhere a message or path could quote it.
    let long_ticket =
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    let options = VerifyOptions::new(CARD)
        .with_ticket(long_ticket)
        .with_now(NOW)
        .expecting_code("x");
    let mut texts = vec![
        format!(r#"{{"{long_ticket}":"1","timestamp":"{TS}","signature":"0"}}"#),
        format!(
            r#"{{"code":"{long_ticket}","nonce_str":"{long_ticket}","openid":"{long_ticket}","timestamp":"{long_ticket}","signature":"{long_ticket}"}}"#
        ),
        format!(r#"{{"api_ticket":"{long_ticket}"}}"#),
        format!(r#""{{\"ticket\":\"{long_ticket}\"}}""#),
        format!("{{\"{long_ticket}"),
    ];
    texts.push(Value::String(texts[1].clone()).to_string());
    for text in &texts {
        let report = verify_card_ext(text, &options);
        assert!(!report.ok);
        // Not even a cut copy: keys and values are quoted shortened.
        let prefix = &long_ticket[..16];
        for p in &report.problems {
            assert!(!p.message.contains(prefix), "{p:?}");
            assert!(!p.field.as_deref().unwrap_or("").contains(prefix), "{p:?}");
        }
        let json = wxcard::ToJson::to_json(&report);
        assert!(!json.contains(prefix));
        assert!(!format!("{report:?} {options:?}").contains(prefix));
    }
}

#[test]
fn options_from_json_reads_api_md_names() {
    let options = VerifyOptions::from_json(&json!({
        "cardId": CARD,
        "apiTicket": TICKET,
        "nowSeconds": NOW,
        "maxAgeSeconds": 60,
        "expectOpenid": "oA",
        "expectCode": "1434008071",
        "allowTicketOnClient": true,
    }))
    .unwrap();
    assert_eq!(options.card_id.as_deref(), Some(CARD));
    assert_eq!(
        options.api_ticket.as_ref().map(|t| t.expose()),
        Some(TICKET)
    );
    assert_eq!(
        (options.now_seconds, options.max_age_seconds),
        (Some(NOW), Some(60))
    );
    assert_eq!(options.expect_openid.as_deref(), Some("oA"));
    assert_eq!(options.expect_code.as_deref(), Some("1434008071"));
    assert!(options.allow_ticket_on_client);
    assert_eq!(
        VerifyOptions::from_json(&json!({})).unwrap(),
        VerifyOptions::default()
    );
    assert_eq!(
        VerifyOptions::from_json(&json!({"cardId": null}))
            .unwrap()
            .card_id,
        None
    );

    for (bad, code, field) in [
        (json!({"cardId": 1}), "INVALID_TYPE", Some("cardId")),
        (
            json!({"cardId": "has space"}),
            "INVALID_VALUE",
            Some("cardId"),
        ),
        (json!({"apiTicket": ""}), "MISSING_FIELD", Some("apiTicket")),
        (
            json!({"apiTicket": "t\n"}),
            "INVALID_VALUE",
            Some("apiTicket"),
        ),
        (
            json!({"nowSeconds": 1.5}),
            "INVALID_TIMESTAMP",
            Some("nowSeconds"),
        ),
        (
            json!({"maxAgeSeconds": -1}),
            "INVALID_TYPE",
            Some("maxAgeSeconds"),
        ),
        (
            json!({"allowTicketOnClient": "yes"}),
            "INVALID_TYPE",
            Some("allowTicketOnClient"),
        ),
        (json!({"cardID": CARD}), "SNAKE_CASE_KEY", Some("cardID")),
        (json!([]), "INVALID_TYPE", Some("input")),
    ] {
        let err = VerifyOptions::from_json(&bad).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, field), "{bad}");
        assert!(!err.to_string().contains('\n'));
    }
    assert_eq!(
        VerifyOptions::default()
            .require_card_id()
            .unwrap_err()
            .code(),
        "MISSING_FIELD"
    );
}

#[test]
fn card_list_gives_one_report_per_item() {
    let good = signed(Value::Object(base()));
    let other_card = "pOtherCard";
    let items = json!([
        {"cardId": CARD, "cardExt": good},
        {"cardId": other_card, "cardExt": signed_with(Value::Object(base()), other_card, TICKET)},
        {"card_id": CARD, "cardExt": good},
        {"cardId": CARD, "cardExt": wxcard::json::Value::parse(&good).unwrap()},
        "not an item",
        {"cardExt": good},
        {"cardId": CARD, "cardExt": 5},
        {"cardId": CARD},
    ]);
    let options = options().tap_card("pIgnoredWhenItemsHaveTheirOwn");
    let reports = verify_card_list(&items, &options).unwrap();
    assert_eq!(reports.len(), 8);
    reports.iter().for_each(check_invariants);
    assert!(
        reports[0].ok && reports[0].signature_checked,
        "{:?}",
        reports[0]
    );
    assert!(
        reports[1].ok,
        "each item's own cardId is used: {:?}",
        reports[1]
    );
    assert_eq!(
        problem(&reports[2], "SNAKE_CASE_KEY").field.as_deref(),
        Some("cardList[2].card_id")
    );
    let object = problem(&reports[3], "INVALID_TYPE");
    assert_eq!(object.field.as_deref(), Some("cardList[3].cardExt"));
    assert!(
        reports[3].signature_checked && !reports[3].has("SIGNATURE_MISMATCH"),
        "the object's contents are still checked"
    );
    assert_eq!(
        problem(&reports[4], "INVALID_TYPE").field.as_deref(),
        Some("cardList[4]")
    );
    assert_eq!(
        problem(&reports[5], "MISSING_FIELD").field.as_deref(),
        Some("cardList[5].cardId")
    );
    assert_eq!(
        problem(&reports[6], "INVALID_TYPE").field.as_deref(),
        Some("cardList[6].cardExt")
    );
    assert_eq!(
        problem(&reports[7], "MISSING_FIELD").field.as_deref(),
        Some("cardList[7].cardExt")
    );

    let nested = json!([{"cardId": CARD, "cardExt": with("nonceStr", json!("1"))}]);
    let reports = verify_card_list(&nested, &options).unwrap();
    assert_eq!(
        problem(&reports[0], "CAMEL_CASE_KEY").field.as_deref(),
        Some("cardList[0].cardExt.nonceStr")
    );

    let err = verify_card_list(&json!({"cardId": CARD}), &options).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        ("INVALID_TYPE", Some("cardList"))
    );
    assert!(verify_card_list(&json!([]), &options).unwrap().is_empty());
}

#[test]
fn card_list_matches_single_calls() {
    let exts: Vec<String> = vec![
        signed(Value::Object(base())),
        with("nonceStr", json!("1")),
        with("code", json!(1.5)),
        "{".into(),
    ];
    let items: Vec<Value> = exts
        .iter()
        .map(|e| json!({"cardId": CARD, "cardExt": e}))
        .collect();
    let reports = verify_card_list(&Value::Array(items), &options()).unwrap();
    for (i, (ext, report)) in exts.iter().zip(&reports).enumerate() {
        let single = verify(ext, &options());
        let strip = |r: &Report| -> Vec<(&str, Option<String>)> {
            r.problems
                .iter()
                .map(|p| {
                    (
                        p.code,
                        p.field
                            .as_ref()
                            .map(|f| f.replace(&format!("cardList[{i}]."), "")),
                    )
                })
                .collect()
        };
        assert_eq!(
            (report.ok, report.signature_checked),
            (single.ok, single.signature_checked)
        );
        assert_eq!(strip(report), strip(&single));
    }
}

/// Every documented problem code, produced by one input each; a new code
/// without a trigger here fails this test.
#[test]
fn every_problem_code_has_a_trigger() {
    use wxcard::verify::PROBLEM_CODES;
    let list = |item: Value| -> Report {
        let reports = verify_card_list(&json!([item]), &options()).unwrap();
        reports.into_iter().next().unwrap()
    };
    let good = signed(Value::Object(base()));
    for code in PROBLEM_CODES {
        let report = match code {
            "INVALID_JSON" => verify("{", &options()),
            "DOUBLE_ENCODED" => verify(&Value::String(good.clone()).to_string(), &options()),
            "INVALID_TYPE" => verify("[]", &options()),
            "INVALID_VALUE" => verify(&with("code", json!("a#b")), &options()),
            "CAMEL_CASE_KEY" => verify(&with("nonceStr", json!("1")), &options()),
            "SNAKE_CASE_KEY" => list(json!({"card_id": CARD, "cardExt": good})),
            "UNKNOWN_FIELD" => list(json!({"cardId": CARD, "cardExt": good, "extra": 1})),
            "TICKET_LEAKED" => verify(&with("api_ticket", json!("x")), &options()),
            "SECRET_LEAKED" => verify(&with("appsecret", json!("x")), &options()),
            "MISSING_FIELD" => verify(&with("timestamp", Value::Null), &options()),
            "INVALID_TIMESTAMP" => verify(&with("timestamp", json!(1.5)), &options()),
            "MALFORMED_SIGNATURE" => verify(&after_signing("signature", json!("abc")), &options()),
            "TOO_LONG" => verify(&with("code", json!("1".repeat(21))), &options()),
            "TIMESTAMP_TOO_OLD" => verify(&good, &options().with_now(TS + 100).with_max_age(10)),
            "CARD_ID_MISMATCH" => verify(&with("card_id", json!("pX")), &options()),
            "OPENID_MISMATCH" => verify(&good, &options().expecting_openid("oX")),
            "CODE_MISMATCH" => verify(&good, &options().expecting_code("9")),
            "SIGNATURE_MISMATCH" => verify(&after_signing("code", json!("9")), &options()),
            "UPPERCASE_SIGNATURE" => {
                let v: Value = wxcard::json::Value::parse(&good).unwrap();
                let upper = v["signature"].as_str().unwrap().to_uppercase();
                verify(&after_signing("signature", json!(upper)), &options())
            }
            "MISSING_NONCE" => verify(&with("nonce_str", Value::Null), &options()),
            "CARD_ID_IN_CARD_EXT" => verify(&with("card_id", json!(CARD)), &options()),
            "UNKNOWN_KEY" => verify(&with("channel", json!("x")), &options()),
            "LEGACY_FIELD" => verify(&with("outer_id", json!(1)), &options()),
            "TIMESTAMP_IN_FUTURE" => verify(&good, &options().with_now(TS - 3600)),
            other => panic!("no trigger for {other}"),
        };
        check_invariants(&report);
        let p = problem(&report, code);
        let expected_severity = if code.starts_with("UPPERCASE")
            || [
                "MISSING_NONCE",
                "CARD_ID_IN_CARD_EXT",
                "UNKNOWN_KEY",
                "LEGACY_FIELD",
                "TIMESTAMP_IN_FUTURE",
            ]
            .contains(&code)
        {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(p.severity, expected_severity, "{code}");
    }
    // And none of them on a correct cardExt.
    assert!(verify(&good, &options()).problems.is_empty());
}

#[test]
fn many_unknown_keys_make_a_bounded_report() {
    let mut map = base();
    for i in 0..1000 {
        map.insert(format!("extra{i:04}"), json!(i));
    }
    let report = verify(&signed(Value::Object(map)), &options());
    assert!(report.ok, "{report:?}");
    let unknown: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.code == "UNKNOWN_KEY")
        .collect();
    assert_eq!(unknown.len(), 17);
    let summary = unknown.last().unwrap();
    assert_eq!(summary.field.as_deref(), Some("cardExt"));
    assert!(summary.message.contains("984 more keys"), "{summary:?}");
}

#[test]
fn a_leaked_ticket_value_comes_before_naming_mistakes() {
    let report = verify(&with("nonceStr", json!(TICKET)), &options());
    let errors: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.code, p.field.as_deref()))
        .collect();
    assert_eq!(
        errors[0],
        ("TICKET_LEAKED", Some("cardExt.nonceStr")),
        "{report:?}"
    );
    assert_eq!(
        errors[1],
        ("CAMEL_CASE_KEY", Some("cardExt.nonceStr")),
        "{report:?}"
    );
}

/// A cardExt that is not a string (pitfall 4 of SPEC §6: the object passed
/// as it is) is reported, never thrown, and an object's contents are still checked.
#[test]
fn a_cardext_that_is_not_a_string_is_reported() {
    use wxcard::verify_card_ext_value;
    let options = VerifyOptions::new("pjZ8Yt1XGILfi-FUsewpnnolGgZk");
    let object = wxcard::json!({"timestamp": "1404896688", "nonceStr": "1",
        "signature": "f137ab68b7f8112d20ee528ab6074564e2796250"});
    let report = verify_card_ext_value(&object, &options);
    assert!(!report.ok);
    let codes: Vec<&str> = report.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes.first(), Some(&"INVALID_TYPE"));
    assert!(
        codes.contains(&"CAMEL_CASE_KEY"),
        "contents checked: {codes:?}"
    );
    for (value, code) in [
        (wxcard::json!(5), "INVALID_TYPE"),
        (wxcard::json::Value::Null, "MISSING_FIELD"),
    ] {
        let report = verify_card_ext_value(&value, &options);
        assert!(!report.ok);
        assert_eq!(report.problems.len(), 1);
        assert_eq!(
            (report.problems[0].code, report.problems[0].field.as_deref()),
            (code, Some("cardExt"))
        );
    }
    // A string goes the usual way.
    let text = wxcard::json!(
        r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#
    );
    assert!(verify_card_ext_value(&text, &options).ok);
}

#[test]
fn a_short_ticket_is_redacted_once_per_problem() {
    // A one-character ticket is redacted wherever it occurs; each problem is redacted
    // once, so its `<redacted>` marks are not redacted again.
    let text = r#"{"timestamp":"1404896688","nonce_str":"bad nonce","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;
    let options = VerifyOptions::new(CARD).with_ticket("e").with_now(NOW);
    let report = verify_card_ext(text, &options);
    assert!(!report.problems.is_empty());
    for p in &report.problems {
        let texts = [p.message.as_str(), p.field.as_deref().unwrap_or("")];
        for t in texts {
            assert!(!t.contains("<r<redacted>"), "{t}");
            assert!(!t.replace("<redacted>", "").contains('e'), "{t}");
        }
    }
    let nonce = report
        .problems
        .iter()
        .find(|p| p.code == "INVALID_VALUE")
        .expect("the nonce's space is a problem");
    assert_eq!(nonce.field.as_deref(), Some("cardExt.nonc<redacted>_str"));
}
