//! Reading a cardExt: the strict and lenient readers agree, a parsed cardExt
//! survives a round trip, and no message shows the ticket.

use wxcard::Ticket;
use wxcard::card_ext::{CardExt, CardExtScan};
use wxcard::json::{Map, Value};

use super::secrets::{TICKET, assert_no_ticket, with_ticket};

/// Input: a cardExt text (`@T@` stands for the ticket).
pub fn card_ext(data: &[u8]) {
    let text = with_ticket(&super::text(data));
    let ticket = Ticket::new(TICKET);
    // NOTE: the scan's own messages may quote a cut copy of the ticket; verify
    // and diagnose scrub those (checked by the `verify` target).
    let scan = CardExtScan::read(&text, "cardExt", Some(&ticket));
    for problem in scan.problems() {
        assert!(is_code(problem.code), "bad code {:?}", problem.code);
        assert!(
            !problem.message.is_empty(),
            "empty message for {}",
            problem.code
        );
        assert_no_ticket("a problem message", &problem.message);
        assert_no_ticket("a problem field", problem.field.as_deref().unwrap_or(""));
    }
    // NOTE: a ticket under a key already reported as a leaked secret
    // (`app_secret`, …) keeps that one error.
    if text.contains(TICKET) {
        assert!(
            scan.errors
                .iter()
                .any(|e| matches!(e.code(), "TICKET_LEAKED" | "SECRET_LEAKED")),
            "a cardExt holding the ticket was not reported as a leak"
        );
    }
    let strict = CardExt::parse(&text, "cardExt");
    let lenient = CardExtScan::read(&text, "cardExt", None);
    match &strict {
        Err(e) => {
            assert_no_ticket("an error", &e.to_string());
            if let Some(first) = lenient.errors.first() {
                assert_eq!(
                    e, first,
                    "the strict reader is not the lenient one's first error"
                );
            }
        }
        Ok(ext) => {
            assert!(lenient.errors.is_empty(), "parsed, yet the scan has errors");
            let again = CardExt::parse(&to_json(ext).to_string(), "cardExt")
                .unwrap_or_else(|e| panic!("a parsed cardExt did not re-parse: {e}"));
            assert_eq!(&again, ext, "round trip changed the cardExt");
            let sig = ext.expected_signature("pjZ8Yt1XGILfi-FUsewpnnolGgZk", &ticket);
            assert!(
                wxcard::sign::is_signature(&sig) && sig.bytes().all(|b| !b.is_ascii_uppercase())
            );
        }
    }
}

/// A stable code: SCREAMING_SNAKE_CASE.
pub fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The JSON a correct signer would emit for `ext`.
fn to_json(ext: &CardExt) -> Value {
    let mut map = Map::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            map.insert(key.to_owned(), v);
        }
    };
    let string = |s: &Option<String>| s.clone().map(Value::String);
    put("code", string(&ext.code));
    put("openid", string(&ext.openid));
    put(
        "timestamp",
        Some(if ext.timestamp_is_number {
            Value::from(ext.timestamp)
        } else {
            Value::String(ext.timestamp.to_string())
        }),
    );
    put("nonce_str", string(&ext.nonce_str));
    put("signature", Some(Value::String(ext.signature.clone())));
    put(
        "fixed_begintimestamp",
        ext.fixed_begintimestamp.map(Value::from),
    );
    put("outer_str", string(&ext.outer_str));
    put("balance", string(&ext.balance));
    put("outer_id", string(&ext.outer_id));
    put("card_id", string(&ext.card_id));
    Value::Object(map)
}
