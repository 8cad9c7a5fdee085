//! The fake-host matrix: every environment kind and version edge, with the
//! kind and every `Support.reason` asserted.

use wxcard::environment::{
    EnvironmentKind, HostFacts, Reason, card_support, compare_version, detect_environment,
};
use wxcard::json;
use wxcard::json::Value;

const UA_IOS_WECHAT: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x18002831) NetType/WIFI Language/zh_CN";
const UA_ANDROID_WECHAT: &str = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/111.0.5563.116 Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230805 MMWEBID/1 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
const UA_WEBVIEW: &str = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/111.0 Mobile Safari/537.36 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64 miniProgram/wx1234567890abcdef";
const UA_CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

const JWEIXIN: [&str; 7] = [
    "config",
    "ready",
    "error",
    "checkJsApi",
    "addCard",
    "openCard",
    "chooseCard",
];

fn mp(sdk: Option<&str>, apis: &[&str], can_i_use: Option<Value>) -> Value {
    let mut wx = json!({ "apis": apis, "platform": "ios", "wechatVersion": "8.0.40" });
    if let Some(v) = sdk {
        wx["sdkVersion"] = json!(v);
    }
    if let Some(c) = can_i_use {
        wx["canIUse"] = c;
    }
    json!({ "wx": wx })
}

fn h5(ua: &str, bridge: bool, config: &str, apis: &[&str]) -> Value {
    json!({
        "wx": { "apis": apis, "miniProgram": true, "config": config },
        "userAgent": ua,
        "weixinJSBridge": bridge
    })
}

use EnvironmentKind::*;
use Reason::*;

struct Case {
    name: &'static str,
    facts: Value,
    kind: EnvironmentKind,
    add: Reason,
    open: Reason,
    choose: Reason,
}

fn cases() -> Vec<Case> {
    let mp_full = ["addCard", "openCard", "canIUse", "getSystemInfoSync"];
    let mp_old = ["getSystemInfoSync"];
    let yes = json!({ "addCard": true, "openCard": true });
    vec![
        Case {
            name: "mini-program 2.30.0",
            facts: mp(Some("2.30.0"), &mp_full, Some(yes.clone())),
            kind: Miniprogram,
            add: Ok,
            open: Ok,
            choose: H5Only,
        },
        Case {
            name: "mini-program 1.1.0 exactly, no canIUse yet",
            facts: mp(
                Some("1.1.0"),
                &["addCard", "openCard", "getSystemInfoSync"],
                None,
            ),
            kind: Miniprogram,
            add: Ok,
            open: Ok,
            choose: H5Only,
        },
        Case {
            name: "mini-program 1.0.9, functions missing",
            facts: mp(Some("1.0.9"), &mp_old, None),
            kind: Miniprogram,
            add: SdkTooOld,
            open: SdkTooOld,
            choose: H5Only,
        },
        Case {
            name: "mini-program 1.0.9 even with the functions present",
            facts: mp(Some("1.0.9"), &mp_full, None),
            kind: Miniprogram,
            add: SdkTooOld,
            open: SdkTooOld,
            choose: H5Only,
        },
        Case {
            name: "mini-program, version unknown, functions present",
            facts: mp(None, &mp_full, None),
            kind: Miniprogram,
            add: Ok,
            open: Ok,
            choose: H5Only,
        },
        Case {
            name: "mini-program, garbage version counts as unknown",
            facts: mp(Some("unknown"), &mp_full, None),
            kind: Miniprogram,
            add: Ok,
            open: Ok,
            choose: H5Only,
        },
        Case {
            name: "mini-program, new base library but addCard missing",
            facts: mp(Some("3.0.0"), &["openCard", "canIUse"], None),
            kind: Miniprogram,
            add: ApiMissing,
            open: Ok,
            choose: H5Only,
        },
        Case {
            name: "mini-program plugin: canIUse says no",
            facts: mp(
                Some("2.30.0"),
                &mp_full,
                Some(json!({ "addCard": false, "openCard": false })),
            ),
            kind: Miniprogram,
            add: ApiMissing,
            open: ApiMissing,
            choose: H5Only,
        },
        Case {
            name: "mini-game 2.5.0",
            facts: json!({ "miniGame": true, "wx": { "apis": ["addCard", "openCard", "createCanvas"], "sdkVersion": "2.5.0" } }),
            kind: Minigame,
            add: Ok,
            open: Ok,
            choose: H5Only,
        },
        Case {
            name: "mini-game 2.4.9 is too old though mini-programs got cards at 1.1.0",
            facts: json!({ "miniGame": true, "wx": { "apis": ["addCard", "openCard"], "sdkVersion": "2.4.9" } }),
            kind: Minigame,
            add: SdkTooOld,
            open: SdkTooOld,
            choose: H5Only,
        },
        Case {
            name: "mini-game detected by wx.createCanvas, openCard missing",
            facts: json!({ "wx": { "apis": ["addCard", "createCanvas"], "sdkVersion": "2.6.0" } }),
            kind: Minigame,
            add: Ok,
            open: ApiMissing,
            choose: H5Only,
        },
        Case {
            name: "WeChat H5 iOS, bridge and config ready",
            facts: h5(UA_IOS_WECHAT, true, "ready", &JWEIXIN),
            kind: WechatH5,
            add: Ok,
            open: Ok,
            choose: Ok,
        },
        Case {
            name: "WeChat H5, config state unknown counts as done",
            facts: h5(UA_ANDROID_WECHAT, true, "unknown", &JWEIXIN),
            kind: WechatH5,
            add: Ok,
            open: Ok,
            choose: Ok,
        },
        Case {
            name: "WeChat H5, bridge not ready yet",
            facts: h5(UA_ANDROID_WECHAT, false, "ready", &JWEIXIN),
            kind: WechatH5,
            add: BridgeNotReady,
            open: BridgeNotReady,
            choose: BridgeNotReady,
        },
        Case {
            name: "WeChat H5, wx.config still pending",
            facts: h5(UA_IOS_WECHAT, true, "pending", &JWEIXIN),
            kind: WechatH5,
            add: NotConfigured,
            open: NotConfigured,
            choose: NotConfigured,
        },
        Case {
            name: "WeChat H5, wx.config failed",
            facts: h5(UA_IOS_WECHAT, true, "failed", &JWEIXIN),
            kind: WechatH5,
            add: NotConfigured,
            open: NotConfigured,
            choose: NotConfigured,
        },
        Case {
            name: "WeChat H5 without jweixin",
            facts: json!({ "userAgent": UA_IOS_WECHAT, "weixinJSBridge": true }),
            kind: WechatH5,
            add: ApiMissing,
            open: ApiMissing,
            choose: ApiMissing,
        },
        Case {
            name: "WeChat H5, wx.miniProgram alone does not mean web-view",
            facts: h5(UA_IOS_WECHAT, true, "ready", &JWEIXIN),
            kind: WechatH5,
            add: Ok,
            open: Ok,
            choose: Ok,
        },
        Case {
            name: "web-view by user agent",
            facts: h5(UA_WEBVIEW, true, "ready", &JWEIXIN),
            kind: MiniprogramWebview,
            add: UseNativePage,
            open: UseNativePage,
            choose: Ok,
        },
        Case {
            name: "web-view by __wxjs_environment (iOS UA without miniProgram)",
            facts: json!({
                "wx": { "apis": JWEIXIN, "miniProgram": true, "config": "pending" },
                "userAgent": UA_IOS_WECHAT,
                "wxjsEnvironment": "miniprogram",
                "weixinJSBridge": true
            }),
            kind: MiniprogramWebview,
            add: UseNativePage,
            open: UseNativePage,
            choose: NotConfigured,
        },
        Case {
            name: "web-view before the bridge is ready",
            facts: h5(UA_WEBVIEW, false, "pending", &JWEIXIN),
            kind: MiniprogramWebview,
            add: UseNativePage,
            open: UseNativePage,
            choose: BridgeNotReady,
        },
        Case {
            name: "plain browser with jweixin loaded",
            facts: h5(UA_CHROME, false, "pending", &JWEIXIN),
            kind: Browser,
            add: NotWechat,
            open: NotWechat,
            choose: NotWechat,
        },
        Case {
            name: "plain browser, nothing",
            facts: json!({ "userAgent": UA_CHROME }),
            kind: Browser,
            add: NotWechat,
            open: NotWechat,
            choose: NotWechat,
        },
        Case {
            name: "empty host",
            facts: json!({}),
            kind: Browser,
            add: NotWechat,
            open: NotWechat,
            choose: NotWechat,
        },
        Case {
            name: "Node.js",
            facts: json!({ "node": true, "userAgent": "Node.js/22" }),
            kind: Node,
            add: NotWechat,
            open: NotWechat,
            choose: NotWechat,
        },
        Case {
            name: "a bare wx object with no mini-program API is not a mini-program",
            facts: json!({ "wx": { "apis": [] }, "node": true }),
            kind: Node,
            add: NotWechat,
            open: NotWechat,
            choose: NotWechat,
        },
    ]
}

#[test]
fn matrix() {
    for case in cases() {
        let facts = HostFacts::from_json(&case.facts).unwrap();
        let support = card_support(&facts);
        assert_eq!(support.environment.kind, case.kind, "{}: kind", case.name);
        assert_eq!(
            detect_environment(&facts),
            support.environment,
            "{}",
            case.name
        );
        let got = [
            support.add_card.reason,
            support.open_card.reason,
            support.choose_card.reason,
        ];
        assert_eq!(
            got,
            [case.add, case.open, case.choose],
            "{}: reasons",
            case.name
        );
        for s in [support.add_card, support.open_card, support.choose_card] {
            assert_eq!(s.supported, s.reason == Ok, "{}: supported", case.name);
        }
    }
}

#[test]
fn serialises_to_the_js_shape() {
    let facts = HostFacts::from_json(&h5(UA_WEBVIEW, true, "ready", &JWEIXIN)).unwrap();
    let value =
        wxcard::json::Value::parse(&wxcard::ToJson::to_json(&card_support(&facts))).unwrap();
    assert_eq!(
        value,
        json!({
            "environment": { "kind": "miniprogram-webview", "wechatVersion": "8.0.42.2460", "platform": "android" },
            "addCard": { "supported": false, "reason": "USE_NATIVE_PAGE" },
            "openCard": { "supported": false, "reason": "USE_NATIVE_PAGE" },
            "chooseCard": { "supported": true, "reason": "OK" }
        })
    );
}

#[test]
fn versions_and_platforms_are_reported() {
    let facts = HostFacts::from_json(&mp(Some("2.30.0"), &["canIUse"], None)).unwrap();
    let env =
        wxcard::json::Value::parse(&wxcard::ToJson::to_json(&detect_environment(&facts))).unwrap();
    assert_eq!(
        env,
        json!({ "kind": "miniprogram", "sdkVersion": "2.30.0", "wechatVersion": "8.0.40", "platform": "ios" })
    );
    let facts = HostFacts::from_json(&h5(UA_IOS_WECHAT, true, "ready", &JWEIXIN)).unwrap();
    let env = detect_environment(&facts);
    assert_eq!(env.wechat_version.as_deref(), Some("8.0.40"));
    assert_eq!(env.platform.as_deref(), Some("ios"));
    assert_eq!(env.sdk_version, None);
    let node = detect_environment(&HostFacts::from_json(&json!({ "node": true })).unwrap());
    assert_eq!(
        wxcard::json::Value::parse(&wxcard::ToJson::to_json(&node)).unwrap(),
        json!({ "kind": "node" })
    );
}

#[test]
fn compare_version_edges() {
    assert_eq!(compare_version("1.0.9", "1.1.0"), -1);
    assert_eq!(compare_version("1.1.0", "1.1.0"), 0);
    assert_eq!(compare_version("2.5.0", "2.4.10"), 1);
    assert_eq!(compare_version("\u{0}\u{ffff}", "0"), 0);
}

mod properties {
    use proptest::prelude::*;
    use wxcard::environment::compare_version;

    proptest! {
        #[test]
        fn compare_version_is_a_total_order_on_any_strings(a in any::<String>(), b in any::<String>(), c in any::<String>()) {
            let ab = compare_version(&a, &b);
            prop_assert!((-1..=1).contains(&ab));
            prop_assert_eq!(ab, -compare_version(&b, &a));
            prop_assert_eq!(compare_version(&a, &a), 0);
            if ab <= 0 && compare_version(&b, &c) <= 0 {
                prop_assert!(compare_version(&a, &c) <= 0);
            }
        }

        #[test]
        fn compare_version_matches_numeric_order(x in proptest::collection::vec(0u32..100_000, 1..5), y in proptest::collection::vec(0u32..100_000, 1..5)) {
            let text = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
            let pad = |v: &[u32]| { let mut v = v.to_vec(); v.resize(5, 0); v };
            let want = match pad(&x).cmp(&pad(&y)) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            };
            prop_assert_eq!(compare_version(&text(&x), &text(&y)), want);
        }

        #[test]
        fn host_facts_never_panic_on_any_json(text in "\\PC{0,200}") {
            if let Ok(value) = wxcard::json::Value::parse(&text) {
                if let Ok(facts) = wxcard::environment::HostFacts::from_json(&value) {
                    let _ = wxcard::environment::card_support(&facts);
                }
            }
        }
    }
}
