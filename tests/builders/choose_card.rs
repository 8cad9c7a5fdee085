//! `choose_card_params`: the signed `app_id` and one test per error code.

use super::*;

fn good() -> Value {
    json!({"apiTicket": TICKET, "appId": APP_ID, "shopId": "1234", "cardType": "GROUPON",
           "cardId": CARD_ID, "timestamp": "1404896688", "nonceStr": "n0nce"})
}

fn params(input: &Value) -> Result<wxcard::choose_card::ChooseCardParams, Error> {
    choose_card_params(&ChooseCardInput::from_json(input)?, &HOST)
}

#[test]
fn app_id_is_signed() {
    let p = params(&good()).unwrap();
    assert_eq!(
        p.card_sign,
        card_signature(&[
            TICKET,
            APP_ID,
            "1234",
            "1404896688",
            "n0nce",
            CARD_ID,
            "GROUPON"
        ])
    );
    let other = params(&with(&good(), json!({"appId": "wx0000000000000000"}))).unwrap();
    assert_ne!(p.card_sign, other.card_sign);
    assert_eq!(p.sign_type, "SHA1");
}

#[test]
fn errors() {
    assert_err(
        params(&with(&good(), json!({"appId": null}))),
        "MISSING_FIELD",
        Some("appId"),
    );
    assert_err(
        params(&with(&good(), json!({"apiTicket": ""}))),
        "MISSING_FIELD",
        Some("apiTicket"),
    );
    assert_err(
        params(&with(&good(), json!({"appId": "wx f8"}))),
        "INVALID_VALUE",
        Some("appId"),
    );
    assert_err(
        params(&with(&good(), json!({"cardType": "groupon"}))),
        "INVALID_VALUE",
        Some("cardType"),
    );
    assert_err(
        params(&with(&good(), json!({"shopId": "1".repeat(25)}))),
        "TOO_LONG",
        Some("shopId"),
    );
    assert_err(
        params(&with(&good(), json!({"shopId": 1234}))),
        "INVALID_TYPE",
        Some("shopId"),
    );
    assert_err(
        params(&with(&good(), json!({"cardId": "p 1"}))),
        "INVALID_VALUE",
        Some("cardId"),
    );
    assert_err(
        params(&with(&good(), json!({"timestamp": 1404896688.5}))),
        "INVALID_TIMESTAMP",
        Some("timestamp"),
    );
    assert_err(
        params(&with(&good(), json!({"nonceStr": "n".repeat(33)}))),
        "TOO_LONG",
        Some("nonceStr"),
    );
    assert_err(
        params(&with(&good(), json!({"app_id": APP_ID, "appId": null}))),
        "SNAKE_CASE_KEY",
        Some("app_id"),
    );
    assert_err(
        params(&with(&good(), json!({"locationId": "1"}))),
        "UNKNOWN_FIELD",
        Some("locationId"),
    );
    assert_err(
        params(&with(&good(), json!({"nonceStr": null}))),
        "NO_RANDOM_SOURCE",
        None,
    );
    let no_clock = ChooseCardInput::new(TICKET, APP_ID).with_nonce_str("n");
    assert_eq!(
        choose_card_params(&no_clock, &FixedHost { now: None }),
        Err(Error::NoClock)
    );
    assert!(choose_card_params(&no_clock, &HOST).is_ok());
}
