//! The JSON text of every output type, pinned: field names, their order, and
//! which absent values are `null` and which are left out. These are the
//! shapes API.md gives the JS side (which receives them through `JSON.parse`).

use wxcard::diagnose::Diagnosis;
use wxcard::environment::{CardSupport, Environment, EnvironmentKind, Reason, Support};
use wxcard::host::FixedHost;
use wxcard::{
    AddCardItem, CardExtInput, ChooseCardParams, JsapiConfig, OpenCardItem, Problem, Report,
    Severity, ToJson, build_card_ext,
};

#[test]
fn problem_and_severity() {
    assert_eq!(Severity::Error.to_json(), r#""error""#);
    assert_eq!(Severity::Warning.to_json(), r#""warning""#);
    let with_field = Problem::error("MISSING_FIELD", Some("cardExt.timestamp".into()), "m \"q\"");
    assert_eq!(
        with_field.to_json(),
        r#"{"code":"MISSING_FIELD","field":"cardExt.timestamp","severity":"error","message":"m \"q\""}"#
    );
    let without = Problem::warning("UNKNOWN_KEY", None, "卡券");
    assert_eq!(
        without.to_json(),
        r#"{"code":"UNKNOWN_KEY","severity":"warning","message":"卡券"}"#
    );
}

#[test]
fn report() {
    let report = Report::new(
        true,
        vec![
            Problem::warning("W", None, "w"),
            Problem::error("E", Some("f".into()), "e"),
        ],
    );
    assert_eq!(
        report.to_json(),
        r#"{"ok":false,"signatureChecked":true,"problems":[{"code":"E","field":"f","severity":"error","message":"e"},{"code":"W","severity":"warning","message":"w"}]}"#
    );
    assert_eq!(
        Report::new(false, vec![]).to_json(),
        r#"{"ok":true,"signatureChecked":false,"problems":[]}"#
    );
    assert_eq!(
        vec![Report::new(false, vec![])].to_json(),
        format!("[{}]", Report::new(false, vec![]).to_json())
    );
}

#[test]
fn diagnosis() {
    let found = Diagnosis {
        ok: false,
        cause: Some("UNSORTED"),
        message: "m".into(),
    };
    assert_eq!(
        found.to_json(),
        r#"{"ok":false,"cause":"UNSORTED","message":"m"}"#
    );
    let fine = Diagnosis {
        ok: true,
        cause: None,
        message: String::new(),
    };
    assert_eq!(fine.to_json(), r#"{"ok":true,"cause":null,"message":""}"#);
}

#[test]
fn card_lists() {
    let add = AddCardItem {
        card_id: "p1".into(),
        card_ext: r#"{"a":"b"}"#.into(),
    };
    assert_eq!(
        add.to_json(),
        r#"{"cardId":"p1","cardExt":"{\"a\":\"b\"}"}"#
    );
    let open = vec![OpenCardItem::new("p1", "12"), OpenCardItem::new("p2", "34")];
    assert_eq!(
        open.to_json(),
        r#"[{"cardId":"p1","code":"12"},{"cardId":"p2","code":"34"}]"#
    );
}

#[test]
fn jsapi_config_and_choose_card_params() {
    let config = JsapiConfig {
        debug: false,
        app_id: "wxf8b4f85f3a794e77".into(),
        timestamp: 1414587457,
        nonce_str: "Wm3WZYTPz0wzccnW".into(),
        signature: "0f9de62fce790f9a083d5c99e95740ceb90c27ed".into(),
        js_api_list: vec!["addCard".into(), "openCard".into()],
    };
    assert_eq!(
        config.to_json(),
        r#"{"debug":false,"appId":"wxf8b4f85f3a794e77","timestamp":1414587457,"nonceStr":"Wm3WZYTPz0wzccnW","signature":"0f9de62fce790f9a083d5c99e95740ceb90c27ed","jsApiList":["addCard","openCard"]}"#
    );
    let params = ChooseCardParams {
        shop_id: String::new(),
        card_type: "GROUPON".into(),
        card_id: String::new(),
        timestamp: "1404896688".into(),
        nonce_str: "abc".into(),
        sign_type: "SHA1",
        card_sign: "f".repeat(40),
    };
    assert_eq!(
        params.to_json(),
        format!(
            r#"{{"shopId":"","cardType":"GROUPON","cardId":"","timestamp":"1404896688","nonceStr":"abc","signType":"SHA1","cardSign":"{}"}}"#,
            "f".repeat(40)
        )
    );
}

#[test]
fn environment_and_support() {
    let kinds = [
        (EnvironmentKind::Miniprogram, "miniprogram"),
        (EnvironmentKind::Minigame, "minigame"),
        (EnvironmentKind::WechatH5, "wechat-h5"),
        (EnvironmentKind::MiniprogramWebview, "miniprogram-webview"),
        (EnvironmentKind::Browser, "browser"),
        (EnvironmentKind::Node, "node"),
    ];
    for (kind, text) in kinds {
        assert_eq!(kind.to_json(), format!("\"{text}\""));
    }
    let reasons = [
        (Reason::Ok, "OK"),
        (Reason::ApiMissing, "API_MISSING"),
        (Reason::SdkTooOld, "SDK_TOO_OLD"),
        (Reason::NotWechat, "NOT_WECHAT"),
        (Reason::BridgeNotReady, "BRIDGE_NOT_READY"),
        (Reason::NotConfigured, "NOT_CONFIGURED"),
        (Reason::UseNativePage, "USE_NATIVE_PAGE"),
        (Reason::H5Only, "H5_ONLY"),
    ];
    for (reason, text) in reasons {
        assert_eq!(reason.to_json(), format!("\"{text}\""));
    }
    let bare = Environment {
        kind: EnvironmentKind::Node,
        sdk_version: None,
        wechat_version: None,
        platform: None,
    };
    assert_eq!(bare.to_json(), r#"{"kind":"node"}"#);
    let full = Environment {
        kind: EnvironmentKind::Miniprogram,
        sdk_version: Some("2.30.0".into()),
        wechat_version: Some("8.0.40".into()),
        platform: Some("ios".into()),
    };
    assert_eq!(
        full.to_json(),
        r#"{"kind":"miniprogram","sdkVersion":"2.30.0","wechatVersion":"8.0.40","platform":"ios"}"#
    );
    let support = CardSupport {
        environment: bare,
        add_card: Support::from(Reason::NotWechat),
        open_card: Support::from(Reason::Ok),
        choose_card: Support::from(Reason::H5Only),
    };
    assert_eq!(
        support.to_json(),
        r#"{"environment":{"kind":"node"},"addCard":{"supported":false,"reason":"NOT_WECHAT"},"openCard":{"supported":true,"reason":"OK"},"chooseCard":{"supported":false,"reason":"H5_ONLY"}}"#
    );
}

#[test]
fn built_card_ext() {
    let host = FixedHost {
        now: Some(1404896688),
    };
    let minimal = CardExtInput::new(
        "ojZ8YtyVyr30HheH3CM73y7h4jJE",
        "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
    )
    .with_nonce_str("123");
    let text = build_card_ext(&minimal, &host).unwrap();
    assert!(
        text.starts_with(r#"{"timestamp":"1404896688","nonce_str":"123","signature":""#),
        "{text}"
    );
    let full = minimal
        .with_code("1434008071")
        .with_openid("oN0Qdt2Hjml3uLWGeEmbTxaR9Kb0")
        .with_fixed_begintimestamp(1404896600)
        .with_outer_str("src");
    let text = build_card_ext(&full, &host).unwrap();
    let signature = &text[text.len() - 42..text.len() - 2];
    assert_eq!(
        text,
        format!(
            r#"{{"code":"1434008071","openid":"oN0Qdt2Hjml3uLWGeEmbTxaR9Kb0","timestamp":"1404896688","nonce_str":"123","fixed_begintimestamp":1404896600,"outer_str":"src","signature":"{signature}"}}"#
        )
    );
}
