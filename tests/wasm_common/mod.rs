//! The wasm-bindgen boundary, tested in a real JS host: one suite, run in
//! Node.js (`wasm_node.rs`) and headless Chromium (`wasm_browser.rs`).
//!
//! The adapters are called as the JS shim calls them: JSON text for
//! structured inputs, the client flag, and random bytes. What is pinned here
//! is the boundary itself: errors are real JS `Error`s named `WxCardError`
//! with `code` and `field`, wrong JS types are `INVALID_TYPE` (never a glue
//! `TypeError`), and results are plain objects and arrays.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use wxcard::wasm::{build, card_list, diagnose, jssdk, sign, verify};

const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
const OFFICIAL_CARD_EXT: &str = r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;

fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

fn official_input(extra: &str) -> JsValue {
    text(&format!(
        r#"{{"apiTicket":"{TICKET}","cardId":"{CARD_ID}","code":"1434008071","timestamp":1404896688,"nonceStr":"123"{extra}}}"#
    ))
}

fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// Asserts `error` is a JS `Error` named `WxCardError` with `code` and `field`; returns its message.
fn assert_wx_error(error: &JsValue, code: &str, field: Option<&str>) -> String {
    let js_error = error
        .dyn_ref::<js_sys::Error>()
        .expect("a JS Error, not a string or plain value");
    assert_eq!(String::from(js_error.name()), "WxCardError");
    assert_eq!(
        prop(error, "code").as_string().as_deref(),
        Some(code),
        "code of {:?}",
        String::from(js_error.message())
    );
    assert_eq!(prop(error, "field").as_string().as_deref(), field);
    let message = String::from(js_error.message());
    assert!(!message.is_empty());
    assert!(
        !message.contains(TICKET),
        "a message must never contain the ticket: {message}"
    );
    message
}

fn assert_plain_object(value: &JsValue) {
    let object = value.dyn_ref::<Object>().expect("an object");
    assert!(!Array::is_array(value));
    assert_eq!(
        Object::get_prototype_of(object),
        Object::get_prototype_of(&Object::new()),
        "a plain object"
    );
}

fn keys(value: &JsValue) -> Vec<String> {
    let mut keys: Vec<String> = Object::keys::<JsValue>(value.unchecked_ref())
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    keys.sort();
    keys
}

fn random(len: u32) -> JsValue {
    let bytes = Uint8Array::new_with_length(len);
    for i in 0..len {
        bytes.set_index(i, (i * 37 + 11) as u8);
    }
    bytes.into()
}

fn wrong_types() -> Vec<(JsValue, &'static str)> {
    vec![
        (JsValue::UNDEFINED, "undefined"),
        (JsValue::NULL, "null"),
        (JsValue::from_f64(5.0), "a number"),
        (JsValue::from_f64(f64::NAN), "a number"),
        (JsValue::TRUE, "a boolean"),
        (Object::new().into(), "an object"),
        (Array::new().into(), "an array"),
        (js_sys::Symbol::for_("s").into(), "a symbol"),
        (js_sys::BigInt::from(10).into(), "a bigint"),
        (
            Reflect::get(&js_sys::global(), &"parseInt".into()).unwrap(),
            "a function",
        ),
        (Uint8Array::new_with_length(3).into(), "an object"),
    ]
}

#[wasm_bindgen_test]
fn card_signature_over_json_values() {
    let values = format!(r#"["{TICKET}",1404896688,"{CARD_ID}","1434008071","123",null,""]"#);
    assert_eq!(
        sign::card_signature(text(&values)).unwrap(),
        "f137ab68b7f8112d20ee528ab6074564e2796250"
    );
    assert_wx_error(
        &sign::card_signature(text("[1.5]")).unwrap_err(),
        "INVALID_VALUE",
        Some("values[0]"),
    );
    assert_wx_error(
        &sign::card_signature(text("[true]")).unwrap_err(),
        "INVALID_TYPE",
        Some("values[0]"),
    );
    assert_wx_error(
        &sign::card_signature(text("{}")).unwrap_err(),
        "INVALID_TYPE",
        Some("values"),
    );
    assert_wx_error(
        &sign::card_signature(text("[")).unwrap_err(),
        "INVALID_JSON",
        Some("values"),
    );
}

#[wasm_bindgen_test]
fn wrong_js_types_are_invalid_type_naming_the_parameter() {
    for (value, found) in wrong_types() {
        let message = assert_wx_error(
            &sign::card_signature(value.clone()).unwrap_err(),
            "INVALID_TYPE",
            Some("values"),
        );
        assert!(message.contains(found), "{message} names {found}");
        let e =
            build::build_card_ext(value.clone(), JsValue::FALSE, JsValue::UNDEFINED).unwrap_err();
        assert_wx_error(&e, "INVALID_TYPE", Some("input"));
        let e = card_list::add_card_list(value.clone()).unwrap_err();
        assert_wx_error(&e, "INVALID_TYPE", Some("cardList"));
        // verifyCardExt reports a cardExt of the wrong type instead of throwing:
        // `verify_card_ext_reports_a_cardext_of_the_wrong_type`.
    }
}

#[wasm_bindgen_test]
fn build_card_ext_official_vector_and_field_errors() {
    let out =
        build::build_card_ext(official_input(""), JsValue::FALSE, JsValue::UNDEFINED).unwrap();
    assert_eq!(out, OFFICIAL_CARD_EXT);
    let e = build::build_card_ext(
        text(r#"{"apiTicket":5}"#),
        JsValue::FALSE,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    assert_wx_error(&e, "INVALID_TYPE", Some("apiTicket"));
    let e = build::build_card_ext(
        official_input(r#","timestamp":1404896688123"#),
        JsValue::FALSE,
        JsValue::UNDEFINED,
    );
    assert!(e.is_err());
}

#[wasm_bindgen_test]
fn tickets_are_refused_on_clients_unless_allowed() {
    for client in [
        JsValue::TRUE,
        JsValue::UNDEFINED,
        JsValue::from_str("false"),
    ] {
        let e = build::build_card_ext(official_input(""), client, JsValue::UNDEFINED).unwrap_err();
        assert_wx_error(&e, "TICKET_ON_CLIENT", Some("apiTicket"));
    }
    let allowed = official_input(r#","allowTicketOnClient":true"#);
    assert_eq!(
        build::build_card_ext(allowed, JsValue::TRUE, JsValue::UNDEFINED).unwrap(),
        OFFICIAL_CARD_EXT
    );
    let options = text(&format!(
        r#"{{"cardId":"{CARD_ID}","apiTicket":"{TICKET}"}}"#
    ));
    let e = diagnose::diagnose_card_ext(text(OFFICIAL_CARD_EXT), options.clone(), JsValue::TRUE)
        .unwrap_err();
    assert_wx_error(&e, "TICKET_ON_CLIENT", Some("apiTicket"));
    let e = verify::verify_card_ext(text(OFFICIAL_CARD_EXT), options, JsValue::TRUE).unwrap_err();
    assert_wx_error(&e, "TICKET_ON_CLIENT", Some("apiTicket"));
}

#[wasm_bindgen_test]
fn nonces_need_random_bytes_from_the_shim() {
    let input = text(&format!(
        r#"{{"apiTicket":"{TICKET}","cardId":"{CARD_ID}"}}"#
    ));
    assert_wx_error(
        &build::build_card_ext(input.clone(), JsValue::FALSE, JsValue::UNDEFINED).unwrap_err(),
        "NO_RANDOM_SOURCE",
        None,
    );
    assert_wx_error(
        &build::build_card_ext(input.clone(), JsValue::FALSE, random(4)).unwrap_err(),
        "NO_RANDOM_SOURCE",
        None,
    );
    assert_wx_error(
        &build::build_card_ext(input.clone(), JsValue::FALSE, Array::new().into()).unwrap_err(),
        "NO_RANDOM_SOURCE",
        None,
    );
    let out = build::build_card_ext(input, JsValue::FALSE, random(64)).unwrap();
    let v: wxcard::json::Value = wxcard::json::Value::parse(&out).unwrap();
    let nonce = v["nonce_str"].as_str().unwrap();
    assert!(
        nonce.len() == 16 && nonce.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{nonce}"
    );
    let now = (js_sys::Date::now() / 1000.0) as u64;
    let ts: u64 = v["timestamp"].as_str().unwrap().parse().unwrap();
    assert!(ts.abs_diff(now) < 5, "timestamp {ts} is now ({now})");
}

#[wasm_bindgen_test]
fn results_are_plain_objects_and_arrays() {
    let input = text(&format!(
        r#"{{"apiTicket":"{TICKET}","appId":"wxf8b4f85f3a794e77","timestamp":1404896688,"nonceStr":"n"}}"#
    ));
    let params = jssdk::choose_card_params(input, JsValue::FALSE, JsValue::UNDEFINED).unwrap();
    assert_plain_object(&params);
    assert_eq!(
        keys(&params),
        [
            "cardId",
            "cardSign",
            "cardType",
            "nonceStr",
            "shopId",
            "signType",
            "timestamp"
        ]
    );
    assert_eq!(
        prop(&params, "signType").as_string().as_deref(),
        Some("SHA1")
    );

    let config = text(
        r#"{"jsapiTicket":"sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg","appId":"wxf8b4f85f3a794e77","url":"http://mp.weixin.qq.com?params=value#top","timestamp":1414587457,"nonceStr":"Wm3WZYTPz0wzccnW"}"#,
    );
    let config = jssdk::jsapi_config(config, JsValue::FALSE, JsValue::UNDEFINED).unwrap();
    assert_plain_object(&config);
    assert_eq!(
        prop(&config, "signature").as_string().as_deref(),
        Some("0f9de62fce790f9a083d5c99e95740ceb90c27ed")
    );
    assert_eq!(prop(&config, "timestamp").as_f64(), Some(1414587457.0));
    assert!(Array::is_array(&prop(&config, "jsApiList")));

    let list = card_list::add_card_list(text(&format!(
        r#"[{{"cardId":"{CARD_ID}","cardExt":{OFFICIAL_CARD_EXT}}}]"#
    )))
    .unwrap();
    assert!(Array::is_array(&list));
    let item = Array::from(&list).get(0);
    assert_plain_object(&item);
    assert_eq!(keys(&item), ["cardExt", "cardId"]);
    assert!(
        prop(&item, "cardExt").is_string(),
        "an object cardExt is serialised"
    );

    let report = verify::verify_card_ext(
        text(OFFICIAL_CARD_EXT),
        text(&format!(r#"{{"cardId":"{CARD_ID}"}}"#)),
        JsValue::TRUE,
    )
    .unwrap();
    assert_plain_object(&report);
    assert_eq!(keys(&report), ["ok", "problems", "signatureChecked"]);
    assert_eq!(prop(&report, "signatureChecked"), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn a_bad_card_ext_is_a_report_and_bad_options_throw() {
    let options = text(&format!(
        r#"{{"cardId":"{CARD_ID}","apiTicket":"{TICKET}"}}"#
    ));
    let report =
        verify::verify_card_ext(text("{not json"), options.clone(), JsValue::FALSE).unwrap();
    assert_eq!(prop(&report, "ok"), JsValue::FALSE);
    let problems = Array::from(&prop(&report, "problems"));
    assert!(problems.length() > 0);
    let first = problems.get(0);
    assert_plain_object(&first);
    assert_eq!(
        prop(&first, "severity").as_string().as_deref(),
        Some("error")
    );
    assert!(
        !prop(&first, "message")
            .as_string()
            .unwrap()
            .contains(TICKET)
    );
    assert_wx_error(
        &verify::verify_card_ext(text(OFFICIAL_CARD_EXT), text("{}"), JsValue::FALSE).unwrap_err(),
        "MISSING_FIELD",
        Some("cardId"),
    );
    for bad in ["5", "[]", "\"x\""] {
        let e = verify::verify_card_ext(text(OFFICIAL_CARD_EXT), text(bad), JsValue::FALSE)
            .unwrap_err();
        assert_wx_error(&e, "INVALID_TYPE", Some("options"));
        let e = diagnose::diagnose_card_ext(text(OFFICIAL_CARD_EXT), text(bad), JsValue::FALSE)
            .unwrap_err();
        assert_wx_error(&e, "INVALID_TYPE", Some("options"));
        let e = verify::verify_card_list(text("[]"), text(bad), JsValue::FALSE).unwrap_err();
        assert_wx_error(&e, "INVALID_TYPE", Some("options"));
    }
    let d = diagnose::diagnose_card_ext(text(OFFICIAL_CARD_EXT), options.clone(), JsValue::FALSE)
        .unwrap();
    assert_eq!(prop(&d, "ok"), JsValue::TRUE);
    assert!(prop(&d, "cause").is_null());
    let reports = verify::verify_card_list(
        text(&format!(r#"[{{"cardId":"{CARD_ID}","cardExt":"{{}}"}}]"#)),
        JsValue::UNDEFINED,
        JsValue::TRUE,
    );
    assert_wx_error(&reports.unwrap_err(), "INVALID_TYPE", Some("options"));
    let reports = verify::verify_card_list(
        text(&format!(r#"[{{"cardId":"{CARD_ID}","cardExt":"{{}}"}}]"#)),
        text("null"),
        JsValue::TRUE,
    )
    .unwrap();
    assert_eq!(Array::from(&reports).length(), 1);
}

#[wasm_bindgen_test]
fn chinese_text_crosses_both_ways() {
    let out = build::build_card_ext(
        official_input(r#","outerStr":"渠道一·会员日 🎫""#),
        JsValue::FALSE,
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert!(out.contains(r#""outer_str":"渠道一·会员日 🎫""#), "{out}");
    let e = build::build_card_ext(
        official_input(r#","备注":"x""#),
        JsValue::FALSE,
        JsValue::UNDEFINED,
    )
    .unwrap_err();
    let message = assert_wx_error(&e, "UNKNOWN_FIELD", Some("备注"));
    assert!(message.contains("备注"));
}

type Adapter = fn(&[JsValue]) -> Result<JsValue, JsValue>;

/// Every `#[wasm_bindgen]` export with its arity, called through its Rust adapter.
fn adapters() -> Vec<(&'static str, usize, Adapter)> {
    use wxcard::wasm::{card_def, environment, webview};
    let list: Vec<(&'static str, usize, Adapter)> = vec![
        ("cardSignature", 1, |x| {
            sign::card_signature(x[0].clone()).map(JsValue::from)
        }),
        ("buildCardExt", 3, |x| {
            build::build_card_ext(x[0].clone(), x[1].clone(), x[2].clone()).map(JsValue::from)
        }),
        ("chooseCardParams", 3, |x| {
            jssdk::choose_card_params(x[0].clone(), x[1].clone(), x[2].clone())
        }),
        ("jsapiConfig", 3, |x| {
            jssdk::jsapi_config(x[0].clone(), x[1].clone(), x[2].clone())
        }),
        ("addCardList", 1, |x| card_list::add_card_list(x[0].clone())),
        ("openCardList", 1, |x| {
            card_list::open_card_list(x[0].clone())
        }),
        ("verifyCardExt", 3, |x| {
            verify::verify_card_ext(x[0].clone(), x[1].clone(), x[2].clone())
        }),
        ("diagnoseCardExt", 3, |x| {
            diagnose::diagnose_card_ext(x[0].clone(), x[1].clone(), x[2].clone())
        }),
        ("verifyCardList", 3, |x| {
            verify::verify_card_list(x[0].clone(), x[1].clone(), x[2].clone())
        }),
        ("withMiniProgramLinks", 2, |x| {
            card_def::with_mini_program_links(x[0].clone(), x[1].clone())
        }),
        ("validateCardDefinition", 1, |x| {
            card_def::validate_card_definition(x[0].clone())
        }),
        ("cardUpdateBody", 3, |x| {
            card_def::card_update_body(x[0].clone(), x[1].clone(), x[2].clone())
        }),
        ("detectEnvironment", 1, |x| {
            environment::detect_environment(x[0].clone())
        }),
        ("cardSupport", 1, |x| {
            environment::card_support(x[0].clone())
        }),
        ("compareVersion", 2, |x| {
            environment::compare_version(x[0].clone(), x[1].clone()).map(JsValue::from)
        }),
        ("addCardPageUrl", 2, |x| {
            webview::add_card_page_url(x[0].clone(), x[1].clone()).map(JsValue::from)
        }),
        ("readAddCardQuery", 1, |x| {
            webview::read_add_card_query(x[0].clone())
        }),
    ];
    list
}

#[wasm_bindgen_test]
fn every_adapter_answers_wrong_js_types_with_a_wx_card_error() {
    for (name, arity, adapter) in adapters() {
        for position in 0..arity {
            for (value, found) in wrong_types() {
                let mut args = vec![text("{}"); arity];
                args[position] = value.clone();
                if let Err(e) = adapter(&args) {
                    let js_error = e.dyn_ref::<js_sys::Error>().unwrap_or_else(|| {
                        panic!("{name} arg {position} ({found}): not a JS Error")
                    });
                    assert_eq!(
                        String::from(js_error.name()),
                        "WxCardError",
                        "{name} arg {position} ({found})"
                    );
                    let code = prop(&e, "code").as_string().unwrap_or_default();
                    assert!(
                        !code.is_empty()
                            && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                        "{name}: code {code:?}"
                    );
                }
            }
        }
        // The first argument is what the JS API passes the user's value as: a wrong type there is
        // refused, except by verifyCardExt, which reports a bad cardExt instead of throwing.
        if name == "verifyCardExt" {
            continue;
        }
        let mut args = vec![text("{}"); arity];
        args[0] = JsValue::from_f64(5.0);
        assert!(
            adapter(&args).is_err(),
            "{name} accepted a number as its first argument"
        );
    }
}

#[wasm_bindgen_test]
fn verify_card_ext_reports_a_cardext_of_the_wrong_type() {
    let options = text(r#"{"cardId":"pjZ8Yt1XGILfi-FUsewpnnolGgZk"}"#);
    let object = js_sys::JSON::parse(
        r#"{"timestamp":"1404896688","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#,
    )
    .unwrap();
    for (card_ext, code) in [
        (JsValue::from_f64(5.0), "INVALID_TYPE"),
        (JsValue::UNDEFINED, "MISSING_FIELD"),
        (JsValue::bigint_from_str("10"), "INVALID_TYPE"),
        (object, "INVALID_TYPE"),
    ] {
        let report = verify::verify_card_ext(card_ext, options.clone(), JsValue::FALSE)
            .unwrap_or_else(|_| panic!("verifyCardExt threw for a bad cardExt ({code})"));
        assert_eq!(prop(&report, "ok"), JsValue::FALSE);
        let first = js_sys::Reflect::get_u32(&prop(&report, "problems"), 0).unwrap();
        assert_eq!(prop(&first, "code").as_string().as_deref(), Some(code));
        assert_eq!(
            prop(&first, "field").as_string().as_deref(),
            Some("cardExt")
        );
    }
}
