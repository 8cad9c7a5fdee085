//! `jsapi_config`: a custom list, and one test per error code.

use super::*;

fn good() -> Value {
    json!({"jsapiTicket": TICKET, "appId": APP_ID, "url": "https://example.com/card?x=1#top",
           "timestamp": 1414587457, "nonceStr": "Wm3WZYTPz0wzccnW"})
}

fn config(input: &Value) -> Result<wxcard::jsapi::JsapiConfig, Error> {
    jsapi_config(&JsapiConfigInput::from_json(input)?, &HOST)
}

#[test]
fn good_input_and_custom_list() {
    let c = config(&with(
        &good(),
        json!({"jsApiList": ["addCard"], "debug": true}),
    ))
    .unwrap();
    assert_eq!(c.js_api_list, ["addCard"]);
    assert!(c.debug);
    assert_eq!(
        c.signature,
        wxcard::sign::sha1_hex([format!(
            "jsapi_ticket={TICKET}&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=https://example.com/card?x=1"
        )
        .as_bytes()])
    );
}

#[test]
fn errors() {
    assert_err(
        config(&with(&good(), json!({"appId": null}))),
        "MISSING_FIELD",
        Some("appId"),
    );
    assert_err(
        config(&with(&good(), json!({"appId": "wx-f8b4"}))),
        "INVALID_VALUE",
        Some("appId"),
    );
    assert_err(
        config(&with(&good(), json!({"appId": "w".repeat(33)}))),
        "TOO_LONG",
        Some("appId"),
    );
    assert_err(
        config(&with(&good(), json!({"url": null}))),
        "MISSING_FIELD",
        Some("url"),
    );
    assert_err(
        config(&with(&good(), json!({"jsapiTicket": null}))),
        "MISSING_FIELD",
        Some("jsapiTicket"),
    );
    assert_err(
        config(&with(&good(), json!({"url": "example.com/card"}))),
        "INVALID_VALUE",
        Some("url"),
    );
    assert_err(
        config(&with(&good(), json!({"url": "https%3A%2F%2Fexample.com"}))),
        "INVALID_VALUE",
        Some("url"),
    );
    assert_err(
        config(&with(&good(), json!({"url": "https://example.com/a b"}))),
        "INVALID_VALUE",
        Some("url"),
    );
    assert_err(
        config(&with(&good(), json!({"jsApiList": []}))),
        "INVALID_VALUE",
        Some("jsApiList"),
    );
    assert_err(
        config(&with(&good(), json!({"jsApiList": ["addCard", 3]}))),
        "INVALID_TYPE",
        Some("jsApiList[1]"),
    );
    assert_err(
        config(&with(&good(), json!({"jsApiList": "addCard"}))),
        "INVALID_TYPE",
        Some("jsApiList"),
    );
    assert_err(
        config(&with(&good(), json!({"debug": 1}))),
        "INVALID_TYPE",
        Some("debug"),
    );
    assert_err(
        config(&with(&good(), json!({"timestamp": 1414587457000u64}))),
        "INVALID_TIMESTAMP",
        Some("timestamp"),
    );
    assert_err(
        config(&with(&good(), json!({"noncestr": "x"}))),
        "SNAKE_CASE_KEY",
        Some("noncestr"),
    );
    assert_err(
        config(&with(&good(), json!({"signature": "x"}))),
        "UNKNOWN_FIELD",
        Some("signature"),
    );
}
