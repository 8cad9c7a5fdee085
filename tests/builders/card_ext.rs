//! `build_card_ext` and its input: one test per error code, with the valid input passing.

use super::*;

fn good() -> Value {
    json!({"apiTicket": TICKET, "cardId": CARD_ID, "code": "1434008071",
           "openid": "oFS7Fjl0WsZ9AMZqrI80nbIq8xrA", "timestamp": NOW, "nonceStr": "abc123"})
}

fn build(input: &Value) -> Result<String, Error> {
    build_card_ext(&CardExtInput::from_json(input)?, &HOST)
}

#[test]
fn the_good_input_builds() {
    let text = build(&good()).unwrap();
    let ext = CardExt::parse(&text, "cardExt").unwrap();
    assert_eq!(ext.openid.as_deref(), Some("oFS7Fjl0WsZ9AMZqrI80nbIq8xrA"));
    assert_eq!(
        ext.expected_signature(CARD_ID, &Ticket::new(TICKET)),
        ext.signature
    );
}

#[test]
fn missing_field() {
    assert_err(
        build(&with(&good(), json!({"apiTicket": null}))),
        "MISSING_FIELD",
        Some("apiTicket"),
    );
    assert_err(
        build(&with(&good(), json!({"apiTicket": ""}))),
        "MISSING_FIELD",
        Some("apiTicket"),
    );
    assert_err(
        build(&with(&good(), json!({"cardId": null}))),
        "MISSING_FIELD",
        Some("cardId"),
    );
    // Rust-side construction reaches the same check.
    assert_err(
        build_card_ext(&CardExtInput::new(TICKET, ""), &HOST),
        "MISSING_FIELD",
        Some("cardId"),
    );
}

#[test]
fn invalid_type() {
    assert_err(build(&json!([1])), "INVALID_TYPE", Some("input"));
    assert_err(
        build(&with(&good(), json!({"code": 1434008071}))),
        "INVALID_TYPE",
        Some("code"),
    );
    assert_err(
        build(&with(&good(), json!({"apiTicket": 5}))),
        "INVALID_TYPE",
        Some("apiTicket"),
    );
    assert_err(
        build(&with(&good(), json!({"allowTicketOnClient": "yes"}))),
        "INVALID_TYPE",
        Some("allowTicketOnClient"),
    );
    assert_err(
        build(&with(&good(), json!({"timestamp": true}))),
        "INVALID_TYPE",
        Some("timestamp"),
    );
    assert!(
        build(&with(
            &good(),
            json!({"code": "1434008071", "allowTicketOnClient": false})
        ))
        .is_ok()
    );
}

#[test]
fn invalid_value() {
    assert_err(
        build(&with(&good(), json!({"code": "12-34"}))),
        "INVALID_VALUE",
        Some("code"),
    );
    assert_err(
        build(&with(&good(), json!({"cardId": "pjZ8Yt1XG ILfi"}))),
        "INVALID_VALUE",
        Some("cardId"),
    );
    assert_err(
        build(&with(&good(), json!({"nonceStr": "a b"}))),
        "INVALID_VALUE",
        Some("nonceStr"),
    );
    assert_err(
        build(&with(&good(), json!({"nonceStr": "随机"}))),
        "INVALID_VALUE",
        Some("nonceStr"),
    );
    assert_err(
        build(&with(&good(), json!({"openid": "oFS7Fjl0WsZ9AMZq\n"}))),
        "INVALID_VALUE",
        Some("openid"),
    );
    assert_err(
        build(&with(&good(), json!({"apiTicket": format!("{TICKET}\n")}))),
        "INVALID_VALUE",
        Some("apiTicket"),
    );
    assert!(
        build(&with(
            &good(),
            json!({"code": "jonyqin_1434008071", "nonceStr": "Wm3W-ZYT.Pz0"})
        ))
        .is_ok()
    );
}

#[test]
fn too_long() {
    let code21 = "1".repeat(21);
    assert_err(
        build(&with(&good(), json!({"code": code21}))),
        "TOO_LONG",
        Some("code"),
    );
    assert!(build(&with(&good(), json!({"code": "1".repeat(20)}))).is_ok());
    assert_err(
        build(&with(&good(), json!({"nonceStr": "n".repeat(33)}))),
        "TOO_LONG",
        Some("nonceStr"),
    );
    assert!(build(&with(&good(), json!({"nonceStr": "n".repeat(32)}))).is_ok());
    assert_err(
        build(&with(&good(), json!({"cardId": "p".repeat(33)}))),
        "TOO_LONG",
        Some("cardId"),
    );
    assert_err(
        build(&with(&good(), json!({"openid": "o".repeat(65)}))),
        "TOO_LONG",
        Some("openid"),
    );
}

#[test]
fn invalid_timestamp() {
    for ts in [
        json!(1404896688123u64),
        json!("1404896688123"),
        json!(1404896688.5),
        json!(-1),
    ] {
        assert_err(
            build(&with(&good(), json!({"timestamp": ts}))),
            "INVALID_TIMESTAMP",
            Some("timestamp"),
        );
    }
    assert_err(
        build(&with(
            &good(),
            json!({"fixedBeginTimestamp": 1404896688000u64}),
        )),
        "INVALID_TIMESTAMP",
        Some("fixedBeginTimestamp"),
    );
    assert_err(
        build_card_ext(
            &CardExtInput::new(TICKET, CARD_ID)
                .with_timestamp(1404896688000)
                .with_nonce_str("n"),
            &HOST,
        ),
        "INVALID_TIMESTAMP",
        Some("timestamp"),
    );
    assert!(
        build(&with(
            &good(),
            json!({"timestamp": "1404896688", "fixedBeginTimestamp": 1404896000})
        ))
        .is_ok()
    );
}

#[test]
fn no_clock_and_no_random_source() {
    let no_clock = FixedHost { now: None };
    let input = CardExtInput::new(TICKET, CARD_ID).with_nonce_str("n");
    assert_eq!(build_card_ext(&input, &no_clock), Err(Error::NoClock));
    assert!(build_card_ext(&input.clone().with_timestamp(NOW), &no_clock).is_ok());
    let no_nonce = CardExtInput::new(TICKET, CARD_ID);
    assert_eq!(build_card_ext(&no_nonce, &HOST), Err(Error::NoRandomSource));
}

#[test]
fn snake_case_and_unknown_keys() {
    let snake = json!({"api_ticket": TICKET, "cardId": CARD_ID});
    assert_err(build(&snake), "SNAKE_CASE_KEY", Some("api_ticket"));
    assert_err(
        build(&with(&good(), json!({"nonce_str": "n"}))),
        "SNAKE_CASE_KEY",
        Some("nonce_str"),
    );
    assert_err(
        build(&with(&good(), json!({"fixed_begintimestamp": 1}))),
        "SNAKE_CASE_KEY",
        Some("fixed_begintimestamp"),
    );
    assert_err(
        build(&with(&good(), json!({"nonce": "n"}))),
        "UNKNOWN_FIELD",
        Some("nonce"),
    );
}

#[test]
fn ticket_on_client() {
    let input = CardExtInput::from_json(&good()).unwrap();
    assert_err(
        ensure_ticket_allowed(true, input.allow_ticket_on_client, "apiTicket"),
        "TICKET_ON_CLIENT",
        Some("apiTicket"),
    );
    let allowed =
        CardExtInput::from_json(&with(&good(), json!({"allowTicketOnClient": true}))).unwrap();
    assert!(ensure_ticket_allowed(true, allowed.allow_ticket_on_client, "apiTicket").is_ok());
    assert!(ensure_ticket_allowed(false, input.allow_ticket_on_client, "apiTicket").is_ok());
}

#[test]
fn debug_output_redacts_the_ticket() {
    let input = CardExtInput::from_json(&good()).unwrap();
    assert!(!format!("{input:?}").contains(TICKET));
}

#[test]
fn empty_optionals_are_left_out() {
    let text = build(&with(
        &good(),
        json!({"code": "", "openid": null, "outerStr": ""}),
    ))
    .unwrap();
    let v: Value = wxcard::json::Value::parse(&text).unwrap();
    let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["nonce_str", "signature", "timestamp"]);
    assert_eq!(
        v["signature"],
        json!(card_signature(&[TICKET, "1404896688", CARD_ID, "abc123"]))
    );
}
