//! diagnose_card_ext: each cause is reproduced by making that mistake with a
//! hand-written wrong signer, and the diagnosis must name it.

use std::time::{Duration, Instant};

use wxcard::diagnose::{CAUSES, DiagnoseOptions, Diagnosis, diagnose_card_ext};
use wxcard::json;
use wxcard::json::{Map, Value};
use wxcard::sign::sha1_hex;
use wxcard::{Ticket, card_signature};

const TICKET: &str =
    "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
const CARD: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
const TS: &str = "1414587457";
const NONCE: &str = "Wm3WZYTPz0wzccnW";
const CODE: &str = "1434008071";
const OPENID: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";

fn sha1(s: &str) -> String {
    sha1_hex([s.as_bytes()])
}

/// A cardExt with these fields and `signature`.
fn emit(fields: &[(&str, &str)], signature: &str) -> String {
    let mut map = Map::new();
    for (k, v) in fields {
        map.insert((*k).into(), json!(v));
    }
    map.insert("signature".into(), json!(signature));
    Value::Object(map).to_string()
}

/// The fields of a cardExt for a custom-code card bound to an openid.
fn full() -> Vec<(&'static str, &'static str)> {
    vec![
        ("timestamp", TS),
        ("code", CODE),
        ("openid", OPENID),
        ("nonce_str", NONCE),
    ]
}

fn diagnose(card_ext: &str) -> Diagnosis {
    let d = diagnose_card_ext(card_ext, CARD, &Ticket::new(TICKET));
    assert!(!d.message.contains(TICKET), "ticket in message: {d:?}");
    assert!(!d.message.is_empty());
    if let Some(cause) = d.cause {
        assert!(
            cause.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
            "{cause}"
        );
    }
    d
}

fn assert_cause(card_ext: &str, cause: &str) {
    let d = diagnose(card_ext);
    assert_eq!(d.cause, Some(cause), "{d:?}");
    assert!(CAUSES.contains(&cause));
    let ok_causes = ["UPPERCASE_HEX", "BALANCE_SIGNED"];
    assert_eq!(d.ok, ok_causes.contains(&cause), "{d:?}");
}

#[test]
fn a_correct_signature_is_ok_with_no_cause() {
    let sig = card_signature(&[TICKET, TS, CARD, CODE, OPENID, NONCE]);
    let d = diagnose(&emit(&full(), &sig));
    assert_eq!((d.ok, d.cause), (true, None), "{d:?}");
}

#[test]
fn uppercase_hex() {
    let sig = card_signature(&[TICKET, TS, CARD, CODE, OPENID, NONCE]).to_uppercase();
    assert_cause(&emit(&full(), &sig), "UPPERCASE_HEX");
}

#[test]
fn balance_signed() {
    let sig = card_signature(&[TICKET, TS, CARD, NONCE, "100"]);
    assert_cause(
        &emit(
            &[("timestamp", TS), ("nonce_str", NONCE), ("balance", "100")],
            &sig,
        ),
        "BALANCE_SIGNED",
    );
}

#[test]
fn value_sent_but_not_signed() {
    for (left_out, cause) in [
        (NONCE, "NONCE_SENT_NOT_SIGNED"),
        (CODE, "CODE_SENT_NOT_SIGNED"),
        (OPENID, "OPENID_SENT_NOT_SIGNED"),
        (CARD, "CARD_ID_NOT_SIGNED"),
    ] {
        let values: Vec<&str> = [TICKET, TS, CARD, CODE, OPENID, NONCE]
            .into_iter()
            .filter(|v| *v != left_out)
            .collect();
        assert_cause(&emit(&full(), &card_signature(&values)), cause);
    }
}

#[test]
fn value_signed_but_not_sent() {
    // Signed, then put in the cardExt under a key WeChat does not read.
    let sig = card_signature(&[TICKET, TS, CARD, CODE, OPENID, NONCE]);
    let renamed = |from: &str, to: &'static str| -> Vec<(&'static str, &'static str)> {
        full()
            .into_iter()
            .map(|(k, v)| if k == from { (to, v) } else { (k, v) })
            .collect()
    };
    assert_cause(
        &emit(&renamed("nonce_str", "nonceStr"), &sig),
        "NONCE_SIGNED_NOT_SENT",
    );
    assert_cause(
        &emit(&renamed("nonce_str", "nonce"), &sig),
        "NONCE_SIGNED_NOT_SENT",
    );
    assert_cause(
        &emit(&renamed("code", "cardCode"), &sig),
        "CODE_SIGNED_NOT_SENT",
    );
    assert_cause(
        &emit(&renamed("openid", "openId"), &sig),
        "OPENID_SIGNED_NOT_SENT",
    );
}

#[test]
fn extra_value_signed() {
    // outer_str is sent but must not be signed.
    let sig = card_signature(&[TICKET, TS, CARD, NONCE, "channel-7"]);
    assert_cause(
        &emit(
            &[
                ("timestamp", TS),
                ("nonce_str", NONCE),
                ("outer_str", "channel-7"),
            ],
            &sig,
        ),
        "EXTRA_VALUE_SIGNED",
    );
    let sig = card_signature(&[TICKET, TS, CARD, NONCE, "1414500000"]);
    assert_cause(
        &emit(
            &[
                ("timestamp", TS),
                ("nonce_str", NONCE),
                ("fixed_begintimestamp", "1414500000"),
            ],
            &sig,
        ),
        "EXTRA_VALUE_SIGNED",
    );
}

/// V-NEG-CI (SPEC §9, "Computed here"): a case-insensitive sort of
/// [api_ticket, timestamp, card_id, nonce_str] gives
/// d8fb7d2e97dd61d2066f75fe6027a4bba8689e76 where the ordinal sort gives
/// cbf801ab888bedddf46ef2d03c04b7057c10da0c.
#[test]
fn case_insensitive_sort_vector() {
    let fields = [("timestamp", TS), ("nonce_str", NONCE)];
    assert_cause(
        &emit(&fields, "d8fb7d2e97dd61d2066f75fe6027a4bba8689e76"),
        "CASE_INSENSITIVE_SORT",
    );
    let d = diagnose(&emit(&fields, "cbf801ab888bedddf46ef2d03c04b7057c10da0c"));
    assert_eq!((d.ok, d.cause), (true, None));
}

#[test]
fn case_insensitive_sort_by_hand() {
    let mut values = vec![TICKET, TS, CARD, CODE, OPENID, NONCE];
    values.sort_by_key(|v| v.to_lowercase());
    assert_ne!(values.concat(), {
        let mut s = values.clone();
        s.sort();
        s.concat()
    });
    assert_cause(
        &emit(&full(), &sha1(&values.concat())),
        "CASE_INSENSITIVE_SORT",
    );
}

/// V-NEG-FLOAT-TS (SPEC §9, "Computed here"): signing "1414587457.123"
/// (Date.now() / 1000) gives d7fc052887666fc9f297f00b692d1276e58619a3; the
/// cardExt then sends the whole seconds.
#[test]
fn timestamp_as_number_float_vector() {
    let fields = [("timestamp", TS), ("nonce_str", NONCE)];
    assert_cause(
        &emit(&fields, "d7fc052887666fc9f297f00b692d1276e58619a3"),
        "TIMESTAMP_AS_NUMBER",
    );
}

#[test]
fn timestamp_as_number_milliseconds() {
    let ms = format!("{TS}734");
    let sig = card_signature(&[TICKET, &ms, CARD, CODE, OPENID, NONCE]);
    assert_cause(&emit(&full(), &sig), "TIMESTAMP_AS_NUMBER");
    let d = diagnose(&emit(&full(), &sig));
    assert!(d.message.contains("milliseconds"), "{d:?}");
}

#[test]
fn timestamp_differs() {
    for delta in [1i64, -2, 8 * 3600] {
        let other = (TS.parse::<i64>().unwrap() + delta).to_string();
        let sig = card_signature(&[TICKET, &other, CARD, CODE, OPENID, NONCE]);
        assert_cause(&emit(&full(), &sig), "TIMESTAMP_DIFFERS");
    }
}

#[test]
fn jsapi_style() {
    // The wx.config signer fed with card arguments.
    let config = sha1(&format!(
        "jsapi_ticket={TICKET}&noncestr={NONCE}&timestamp={TS}&url={CARD}"
    ));
    assert_cause(
        &emit(&[("timestamp", TS), ("nonce_str", NONCE)], &config),
        "JSAPI_STYLE",
    );
    // Sorted key=value pairs of the card fields.
    let pairs = sha1(&format!(
        "api_ticket={TICKET}&card_id={CARD}&code={CODE}&nonce_str={NONCE}&openid={OPENID}&timestamp={TS}"
    ));
    assert_cause(&emit(&full(), &pairs), "JSAPI_STYLE");
}

#[test]
fn unsorted() {
    // The order the documentation lists them in, without sorting.
    let doc_order = [TICKET, TS, CARD, CODE, OPENID, NONCE].concat();
    assert_cause(&emit(&full(), &sha1(&doc_order)), "UNSORTED");
    // Reverse byte order.
    let mut values = [TICKET, TS, CARD, CODE, OPENID, NONCE];
    values.sort_by(|a, b| b.cmp(a));
    assert_cause(&emit(&full(), &sha1(&values.concat())), "UNSORTED");
}

#[test]
fn wrong_ticket() {
    // Signed with another (jsapi) ticket: no known mistake reproduces it.
    let other =
        "HoagFKDcsGMVCIY2vOjf9t8uL4QYTDQSyx-oq2VBxxW_WqGegW5TzcQtFRnLdJElGJPUBSfZMZqy6Zh3XV31uw";
    let sig = card_signature(&[other, TS, CARD, CODE, OPENID, NONCE]);
    assert_cause(&emit(&full(), &sig), "WRONG_TICKET");
}

#[test]
fn malformed_card_ext_names_its_first_error() {
    assert_eq!(diagnose("{").cause, Some("INVALID_JSON"));
    assert_eq!(
        diagnose(r#"{"timestamp":"1414587457"}"#).cause,
        Some("MISSING_FIELD")
    );
    let sig = card_signature(&[TICKET, TS, CARD, "1".repeat(21).as_str()]);
    let d = diagnose(&emit(&[("timestamp", TS), ("code", &"1".repeat(21))], &sig));
    assert_eq!(
        (d.ok, d.cause),
        (false, Some("TOO_LONG")),
        "the signature matches, but the code is too long"
    );
    let d = diagnose(&emit(
        &[("timestamp", TS), ("api_ticket", TICKET)],
        &"0".repeat(40),
    ));
    assert_eq!(d.cause, Some("TICKET_LEAKED"));
}

#[test]
fn hostile_input_is_bounded() {
    let big = "A".repeat(256 << 10);
    let mut fields = vec![
        ("timestamp", TS),
        ("code", big.as_str()),
        ("openid", big.as_str()),
        ("nonce_str", big.as_str()),
    ];
    let keys: Vec<String> = (0..16).map(|i| format!("k{i}")).collect();
    for k in &keys {
        fields.push((k.as_str(), big.as_str()));
    }
    let text = emit(&fields, &"0".repeat(40));
    let start = Instant::now();
    let d = diagnose(&text);
    assert!(!d.ok);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn options_from_json() {
    let o = DiagnoseOptions::from_json(&json!({"cardId": CARD, "apiTicket": TICKET})).unwrap();
    assert_eq!(
        (
            o.card_id.as_str(),
            o.api_ticket.expose(),
            o.allow_ticket_on_client
        ),
        (CARD, TICKET, false)
    );
    assert!(!format!("{o:?}").contains(TICKET));
    for (bad, code, field) in [
        (json!({"apiTicket": TICKET}), "MISSING_FIELD", "cardId"),
        (json!({"cardId": CARD}), "MISSING_FIELD", "apiTicket"),
        (
            json!({"cardId": CARD, "apiTicket": 7}),
            "INVALID_TYPE",
            "apiTicket",
        ),
        (
            json!({"cardId": CARD, "apiTicket": TICKET, "now": 1}),
            "UNKNOWN_FIELD",
            "now",
        ),
    ] {
        let err = DiagnoseOptions::from_json(&bad).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{bad}");
    }
}

#[test]
fn diagnosis_serialises_as_api_md_says() {
    let sig = card_signature(&[TICKET, TS, CARD, CODE, OPENID, NONCE]);
    let ok = wxcard::json::Value::parse(&wxcard::ToJson::to_json(&diagnose(&emit(&full(), &sig))))
        .unwrap();
    assert_eq!(ok["ok"], json!(true));
    assert_eq!(ok["cause"], Value::Null);
    assert!(ok["message"].is_string());
    let bad = wxcard::json::Value::parse(&wxcard::ToJson::to_json(&diagnose("{"))).unwrap();
    assert_eq!(
        (bad["ok"].clone(), bad["cause"].clone()),
        (json!(false), json!("INVALID_JSON"))
    );
}

#[test]
fn a_nonce_signed_but_absent_cannot_be_reproduced_and_is_mentioned() {
    // The EasyWeChat 4.0 bug: nonce_str signed, then left out of the cardExt.
    let sig = card_signature(&[TICKET, TS, CARD, NONCE]);
    let d = diagnose(&emit(&[("timestamp", TS)], &sig));
    assert_eq!(d.cause, Some("WRONG_TICKET"));
    assert!(d.message.contains("nonce_str"), "{d:?}");
    let full_sig = card_signature(&["another-ticket-entirely", TS, CARD, CODE, OPENID, NONCE]);
    assert!(
        !diagnose(&emit(&full(), &full_sig))
            .message
            .contains("does not send")
    );
}

#[test]
fn undefined_signed() {
    // A JS signer that stringifies every slot: String(undefined) is "undefined".
    let values = [TICKET, TS, CARD, "undefined", "undefined", NONCE];
    let sig = card_signature(&values);
    assert_cause(
        &emit(&[("timestamp", TS), ("nonce_str", NONCE)], &sig),
        "UNDEFINED_SIGNED",
    );
    let sig = card_signature(&[TICKET, TS, CARD, CODE, "null", NONCE]);
    assert_cause(
        &emit(
            &[("timestamp", TS), ("code", CODE), ("nonce_str", NONCE)],
            &sig,
        ),
        "UNDEFINED_SIGNED",
    );
}

/// V-OLD-SPACE (SPEC §9): the older official doc computed its example with a
/// trailing space after the ticket ("ojZ8YtyVyr30HheH3CM73y7h4jJE "), giving
/// 6b81fbf6af16e856334153b39737556063c82689 for code jonyqin_1434008071,
/// nonce_str jonyqin, timestamp 1404896688, card pjZ8Yt1XGILfi-FUsewpnnolGgZk.
#[test]
fn ticket_whitespace_old_doc_vector() {
    let card_ext = emit(
        &[
            ("code", "jonyqin_1434008071"),
            ("timestamp", "1404896688"),
            ("nonce_str", "jonyqin"),
        ],
        "6b81fbf6af16e856334153b39737556063c82689",
    );
    let clean_ticket = Ticket::new("ojZ8YtyVyr30HheH3CM73y7h4jJE");
    let d = diagnose_card_ext(&card_ext, "pjZ8Yt1XGILfi-FUsewpnnolGgZk", &clean_ticket);
    assert_eq!((d.ok, d.cause), (false, Some("TICKET_WHITESPACE")), "{d:?}");
    // With the space-padded ticket the vector verifies.
    let padded = Ticket::new("ojZ8YtyVyr30HheH3CM73y7h4jJE ");
    let d = diagnose_card_ext(&card_ext, "pjZ8Yt1XGILfi-FUsewpnnolGgZk", &padded);
    assert_eq!((d.ok, d.cause), (true, None), "{d:?}");
}

#[test]
fn ticket_whitespace_newline() {
    let with_newline = format!("{TICKET}\n");
    let sig = card_signature(&[with_newline.as_str(), TS, CARD, CODE, OPENID, NONCE]);
    assert_cause(&emit(&full(), &sig), "TICKET_WHITESPACE");
}

/// The work limit stops the sorted recomputations once reached, but a later
/// candidate in another order is still tried while it fits the budget: an
/// unknown key too big to hash does not hide a case-insensitive sort.
#[test]
fn a_candidate_over_the_budget_does_not_end_the_search() {
    let mut values = [TICKET, TS, CARD, NONCE];
    values.sort_by_key(|v| v.to_lowercase());
    let sig = sha1(&values.concat());
    let big = "x".repeat(wxcard::diagnose::MAX_HASHED_BYTES);
    let d = diagnose(&emit(
        &[("timestamp", TS), ("nonce_str", NONCE), ("padding", &big)],
        &sig,
    ));
    assert_eq!(d.cause, Some("CASE_INSENSITIVE_SORT"), "{d:?}");
}
