//! CardExt::parse, the strict reader: what it keeps, and the first mistake
//! as an error naming the field under the caller's path.

use wxcard::card_ext::{CardExt, CardExtScan};
use wxcard::host::FixedHost;
use wxcard::json;
use wxcard::{Ticket, VerifyOptions};

const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
const CARD: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";

/// V-OFFICIAL-CARDEXT (SPEC §9, the official JS-SDK doc Appendix 4):
/// code=1434008071, timestamp=1404896688, card_id=pjZ8Yt1XGILfi-FUsewpnnolGgZk,
/// api_ticket=ojZ8YtyVyr30HheH3CM73y7h4jJE, nonce_str=123
/// → f137ab68b7f8112d20ee528ab6074564e2796250.
#[test]
fn official_example_reads_and_re_signs() {
    let ext = CardExt::parse(
        r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#,
        "cardExt",
    )
    .unwrap();
    assert_eq!(ext.code.as_deref(), Some("1434008071"));
    assert_eq!(ext.timestamp, 1404896688);
    assert!(!ext.timestamp_is_number);
    assert_eq!(ext.nonce_str.as_deref(), Some("123"));
    assert_eq!(
        ext.expected_signature(CARD, &Ticket::new(TICKET)),
        "f137ab68b7f8112d20ee528ab6074564e2796250"
    );
    let ticket = Ticket::new(TICKET);
    let mut values = ext.signed_values(CARD, &ticket, "1404896688", false);
    values.sort_unstable();
    assert_eq!(
        values.concat(),
        "12314048966881434008071ojZ8YtyVyr30HheH3CM73y7h4jJEpjZ8Yt1XGILfi-FUsewpnnolGgZk"
    );
}

#[test]
fn integers_are_kept_in_decimal_and_empty_values_are_absent() {
    let text = json!({
        "code": 1434008071,
        "openid": "",
        "nonce_str": null,
        "timestamp": 1404896688,
        "signature": "F137AB68B7F8112D20EE528AB6074564E2796250",
        "fixed_begintimestamp": "1404800000",
        "outer_str": "channel",
        "balance": 100,
        "outer_id": "7",
        "card_id": CARD,
    })
    .to_string();
    let ext = CardExt::parse(&text, "cardExt").unwrap();
    assert_eq!(ext.code.as_deref(), Some("1434008071"));
    assert_eq!((ext.openid, ext.nonce_str), (None, None));
    assert!(ext.timestamp_is_number);
    assert_eq!(ext.signature, "F137AB68B7F8112D20EE528AB6074564E2796250");
    assert_eq!(ext.fixed_begintimestamp, Some(1404800000));
    assert_eq!(ext.outer_str.as_deref(), Some("channel"));
    assert_eq!(ext.balance.as_deref(), Some("100"));
    assert_eq!(ext.outer_id.as_deref(), Some("7"));
    assert_eq!(ext.card_id.as_deref(), Some(CARD));
    // The warnings of the same read do not make the strict reader fail.
    let scan = CardExtScan::read(&text, "cardExt", None);
    assert!(scan.errors.is_empty());
    let warnings: Vec<_> = scan.warnings.iter().map(|p| p.code).collect();
    assert!(warnings.contains(&"UPPERCASE_SIGNATURE") && warnings.contains(&"LEGACY_FIELD"));
}

#[test]
fn the_first_mistake_names_its_field_under_the_callers_path() {
    let sig = "f137ab68b7f8112d20ee528ab6074564e2796250";
    for (text, code, field) in [
        ("nope".to_owned(), "INVALID_JSON", "cardList[2].cardExt"),
        (
            json!(json!({"a": 1}).to_string()).to_string(),
            "DOUBLE_ENCODED",
            "cardList[2].cardExt",
        ),
        ("[]".to_owned(), "INVALID_TYPE", "cardList[2].cardExt"),
        (
            json!({"apiTicket": "x", "nonceStr": "1"}).to_string(),
            "TICKET_LEAKED",
            "cardList[2].cardExt.apiTicket",
        ),
        (
            json!({"nonceStr": "1", "timestamp": "x"}).to_string(),
            "CAMEL_CASE_KEY",
            "cardList[2].cardExt.nonceStr",
        ),
        (
            json!({"signature": sig}).to_string(),
            "MISSING_FIELD",
            "cardList[2].cardExt.timestamp",
        ),
        (
            json!({"timestamp": "1"}).to_string(),
            "MISSING_FIELD",
            "cardList[2].cardExt.signature",
        ),
        (
            json!({"timestamp": 1.5, "signature": sig}).to_string(),
            "INVALID_TIMESTAMP",
            "cardList[2].cardExt.timestamp",
        ),
        (
            json!({"timestamp": "1", "signature": "xyz"}).to_string(),
            "MALFORMED_SIGNATURE",
            "cardList[2].cardExt.signature",
        ),
        (
            json!({"timestamp": "1", "signature": sig, "nonce_str": "n".repeat(33)}).to_string(),
            "TOO_LONG",
            "cardList[2].cardExt.nonce_str",
        ),
        (
            json!({"timestamp": "1", "signature": sig, "code": "a b"}).to_string(),
            "INVALID_VALUE",
            "cardList[2].cardExt.code",
        ),
        (
            json!({"timestamp": "1", "signature": sig, "openid": true}).to_string(),
            "INVALID_TYPE",
            "cardList[2].cardExt.openid",
        ),
        (
            json!({"timestamp": "1", "signature": sig, "balance": -1}).to_string(),
            "INVALID_TYPE",
            "cardList[2].cardExt.balance",
        ),
        (
            json!({"timestamp": "1", "signature": sig, "access_token": "x"}).to_string(),
            "SECRET_LEAKED",
            "cardList[2].cardExt.access_token",
        ),
    ] {
        let err = CardExt::parse(&text, "cardList[2].cardExt").unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{text}");
        assert!(err.to_string().starts_with(field), "{err}");
    }
}

#[test]
fn fill_now_takes_the_host_clock_only_when_unset() {
    let mut options = VerifyOptions::new(CARD);
    options.fill_now(&FixedHost {
        now: Some(1404896700),
    });
    assert_eq!(options.now_seconds, Some(1404896700));
    options.fill_now(&FixedHost { now: Some(1) });
    assert_eq!(options.now_seconds, Some(1404896700));
    let mut no_clock = VerifyOptions::new(CARD);
    no_clock.fill_now(&FixedHost { now: None });
    assert_eq!(no_clock.now_seconds, None);
}
