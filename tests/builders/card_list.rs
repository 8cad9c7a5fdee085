//! `add_card_list` and `open_card_list`: one test per error code, with valid lists passing.

use super::*;

fn ext() -> Value {
    json!({"code": "1434008071", "timestamp": "1404896688", "nonce_str": "123",
           "signature": "f137ab68b7f8112d20ee528ab6074564e2796250"})
}

fn add(items: Value) -> Result<Vec<wxcard::card_list::AddCardItem>, Error> {
    add_card_list(&AddCardInput::list_from_json(&items)?)
}

fn add_ext(card_ext: Value) -> Result<Vec<wxcard::card_list::AddCardItem>, Error> {
    add(json!([{"cardId": CARD_ID, "cardExt": card_ext}]))
}

const EXT_FIELD: Option<&str> = Some("cardList[0].cardExt");

#[test]
fn string_and_object_card_ext_pass() {
    let from_string = add_ext(json!(ext().to_string())).unwrap();
    let from_object = add_ext(ext()).unwrap();
    assert_eq!(from_string, from_object);
    assert_eq!(
        wxcard::json::Value::parse(&wxcard::ToJson::to_json(&from_object)).unwrap(),
        json!([{"cardId": CARD_ID, "cardExt": ext().to_string()}])
    );
}

#[test]
fn list_shape() {
    assert_err(
        add(json!({"cardId": CARD_ID})),
        "INVALID_TYPE",
        Some("cardList"),
    );
    assert_err(add(json!([])), "INVALID_VALUE", Some("cardList"));
    assert_err(
        add(json!([ext().to_string()])),
        "INVALID_TYPE",
        Some("cardList[0]"),
    );
    assert_err(
        add(json!([{"cardExt": ext()}])),
        "MISSING_FIELD",
        Some("cardList[0].cardId"),
    );
    assert_err(
        add(json!([{"cardId": CARD_ID}])),
        "MISSING_FIELD",
        EXT_FIELD,
    );
    assert_err(add_ext(json!(42)), "INVALID_TYPE", EXT_FIELD);
    assert_err(add_ext(json!([ext()])), "INVALID_TYPE", EXT_FIELD);
}

#[test]
fn snake_case_item_keys() {
    let err = add(json!([{"card_id": CARD_ID, "card_ext": ext().to_string()}])).unwrap_err();
    assert_eq!(err.code(), "SNAKE_CASE_KEY");
    assert!(err.to_string().contains("\"cardExt\"") || err.to_string().contains("\"cardId\""));
    assert_err(
        add(json!([{"cardId": CARD_ID, "card_ext": ext()}])),
        "SNAKE_CASE_KEY",
        Some("cardList[0].card_ext"),
    );
    // Other extra keys are ignored, as jweixin ignores them.
    assert!(add(json!([{"cardId": CARD_ID, "cardExt": ext(), "note": 1}])).is_ok());
}

#[test]
fn invalid_json_and_double_encoding() {
    assert_err(add_ext(json!("{\"timestamp\":")), "INVALID_JSON", EXT_FIELD);
    let once = ext().to_string();
    assert_err(
        add_ext(json!(json!(once).to_string())),
        "DOUBLE_ENCODED",
        EXT_FIELD,
    );
}

#[test]
fn camel_case_keys_inside_card_ext() {
    for (key, snake) in [
        ("nonceStr", "nonce_str"),
        ("timeStamp", "timestamp"),
        ("outerStr", "outer_str"),
    ] {
        let mut bad = ext();
        let v = bad
            .as_object_mut()
            .unwrap()
            .remove(snake)
            .unwrap_or(json!("x"));
        bad.as_object_mut().unwrap().insert(key.into(), v);
        assert_err(
            add_ext(bad),
            "CAMEL_CASE_KEY",
            Some(&format!("cardList[0].cardExt.{key}")),
        );
    }
}

#[test]
fn float_and_millisecond_timestamps() {
    for ts in [
        json!(1404896688.0),
        json!(1404896688123u64),
        json!("1404896688123"),
    ] {
        assert_err(
            add_ext(with(&ext(), json!({"timestamp": ts}))),
            "INVALID_TIMESTAMP",
            Some("cardList[0].cardExt.timestamp"),
        );
    }
    assert!(add_ext(with(&ext(), json!({"timestamp": 1404896688}))).is_ok());
}

#[test]
fn malformed_signature() {
    for sig in [
        "f137",
        "g137ab68b7f8112d20ee528ab6074564e2796250",
        "f137ab68b7f8112d20ee528ab6074564e27962500",
    ] {
        assert_err(
            add_ext(with(&ext(), json!({"signature": sig}))),
            "MALFORMED_SIGNATURE",
            Some("cardList[0].cardExt.signature"),
        );
    }
    assert_err(
        add_ext(with(&ext(), json!({"signature": null}))),
        "MISSING_FIELD",
        Some("cardList[0].cardExt.signature"),
    );
}

#[test]
fn ticket_inside_card_ext() {
    for key in ["api_ticket", "apiTicket", "ticket"] {
        assert_err(
            add_ext(with(&ext(), json!({key: TICKET}))),
            "TICKET_LEAKED",
            Some(&format!("cardList[0].cardExt.{key}")),
        );
    }
}

#[test]
fn card_id_inside_card_ext_must_match() {
    assert!(add_ext(with(&ext(), json!({"card_id": CARD_ID}))).is_ok());
    assert_err(
        add_ext(with(&ext(), json!({"card_id": "pOther"}))),
        "INVALID_VALUE",
        Some("cardList[0].cardExt.card_id"),
    );
}

#[test]
fn errors_name_the_item() {
    let items =
        json!([{"cardId": CARD_ID, "cardExt": ext()}, {"cardId": CARD_ID, "cardExt": "{}"}]);
    assert_err(
        add(items),
        "MISSING_FIELD",
        Some("cardList[1].cardExt.timestamp"),
    );
}

fn open(items: Value) -> Result<Vec<OpenCardItem>, Error> {
    open_card_list(&OpenCardItem::list_from_json(&items)?)
}

#[test]
fn open_card_codes() {
    let ok = open(json!([{"cardId": CARD_ID, "code": "1434008071"}])).unwrap();
    assert_eq!(
        wxcard::json::Value::parse(&wxcard::ToJson::to_json(&ok)).unwrap(),
        json!([{"cardId": CARD_ID, "code": "1434008071"}])
    );
    let code = Some("cardList[0].code");
    assert_err(open(json!([{"cardId": CARD_ID}])), "MISSING_FIELD", code);
    assert_err(
        open(json!([{"cardId": CARD_ID, "code": 1434008071}])),
        "INVALID_TYPE",
        code,
    );
    assert_err(
        open(json!([{"cardId": CARD_ID, "code": "1".repeat(21)}])),
        "TOO_LONG",
        code,
    );
    assert_err(
        open(json!([{"cardId": CARD_ID, "code": "12 34"}])),
        "INVALID_VALUE",
        code,
    );
    assert_err(
        open(json!([{"card_id": CARD_ID, "code": "1"}])),
        "SNAKE_CASE_KEY",
        Some("cardList[0].card_id"),
    );
    assert_err(open(json!([])), "INVALID_VALUE", Some("cardList"));
}

#[test]
fn encrypted_codes_are_refused() {
    let encrypted = [
        // The shape of WeChat's encrypt_code: base64 of AES blocks.
        "XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE",
        "XXIzTtMqCxwOaawoE91%2BVJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ%2F5ZZ0DVkXdE",
        "XXIzTtMqCxwOaawoE91 VJdsFmv7b8g0VZIZkqf4GWA6",
        "mU9XZ2l0SGVsbG9Xb3JsZDEyMw==",
        "mU9XZ2l0SGVsbG9Xb3JsZDEyMw",
    ];
    for code in encrypted {
        assert_err(
            open(json!([{"cardId": CARD_ID, "code": code}])),
            "ENCRYPTED_CODE",
            Some("cardList[0].code"),
        );
    }
    // Long but plainly not base64 ciphertext: too long, not encrypted.
    assert_err(
        open(json!([{"cardId": CARD_ID, "code": "123456789012345678901234"}])),
        "TOO_LONG",
        Some("cardList[0].code"),
    );
    assert!(open(json!([{"cardId": CARD_ID, "code": "AbC123xYz789"}])).is_ok());
}
