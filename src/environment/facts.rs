//! A plain description of the host, gathered by the JavaScript shim (or built
//! by hand in Rust) and judged by [`super::detect_environment`] and
//! [`super::card_support`].

use super::parts::cut;
use crate::error::{Error, Result};
use crate::input;
use crate::json::{Fields, Value, truncate, type_name};
use crate::sign::sort_values;

/// What `wx.config` of the H5 JS-SDK (jweixin) has done so far, as far as the
/// shim can tell.
///
/// jweixin keeps its state private. Its `wx.ready(fn)` calls `fn` at once when
/// the config request has *finished* (successfully or not) and queues it
/// otherwise, so the shim can tell `Pending` from `Ready` without side effects.
/// A failed config is only known when the page says so (for example from its
/// own `wx.error` handler), so `Failed` comes from explicit facts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ConfigState {
    /// Nothing is known (no `wx.ready` to ask).
    #[default]
    Unknown,
    /// `wx.config` has not finished, or was never called.
    Pending,
    /// `wx.config` finished.
    Ready,
    /// `wx.config` failed (for example `config:invalid signature`).
    Failed,
}

/// The config states by their JSON names.
const CONFIG_STATES: [(&str, ConfigState); 4] = [
    ("unknown", ConfigState::Unknown),
    ("pending", ConfigState::Pending),
    ("ready", ConfigState::Ready),
    ("failed", ConfigState::Failed),
];

impl ConfigState {
    /// The state named `name` (`"unknown"`, `"pending"`, `"ready"` or `"failed"`).
    // Not inlined: the `.wasm` is smaller with it on its own (measured).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn named(name: &str) -> Option<Self> {
        CONFIG_STATES
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, state)| *state)
    }

    /// Checks that `value` names a state; `field` names it in the error.
    // Not inlined: the `.wasm` is smaller with it on its own (measured).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn check(value: &str, field: &str) -> Result<()> {
        if Self::named(value).is_some() {
            return Ok(());
        }
        let mut reason =
            String::from("expected \"unknown\", \"pending\", \"ready\" or \"failed\", got \"");
        reason.push_str(&truncate(value, 32));
        reason.push('"');
        Err(Error::invalid_value(field, reason))
    }
}

/// What is known about a global `wx` object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WxFacts {
    /// Names of the members of `wx` that are functions (`"addCard"`, `"canIUse"`, `"config"`, …).
    /// [`HostFacts::from_json`] keeps them sorted, each once; [`WxFacts::has`] reads them in any
    /// order. (A `Vec` rather than a set: the set's code was the largest part of reading facts in
    /// the `.wasm`.)
    pub apis: Vec<String>,
    /// `wx.miniProgram` is an object. jweixin (≥ 1.3.2) defines it on every H5
    /// page, so on its own it means "jweixin is loaded", not "inside a web-view".
    pub mini_program: bool,
    /// The base-library version (`SDKVersion` of `wx.getAppBaseInfo()` or
    /// `wx.getSystemInfoSync()`), when readable.
    pub sdk_version: Option<String>,
    /// The WeChat client version (`version` of the same call), when readable.
    pub wechat_version: Option<String>,
    /// The platform (`platform` of `wx.getDeviceInfo()` / `wx.getSystemInfoSync()`).
    pub platform: Option<String>,
    /// `wx.canIUse('addCard')`, when `canIUse` exists and answered.
    pub can_i_use_add_card: Option<bool>,
    /// `wx.canIUse('openCard')`, when `canIUse` exists and answered.
    pub can_i_use_open_card: Option<bool>,
    /// The jweixin config state.
    pub config: ConfigState,
}

impl WxFacts {
    /// Whether `wx.<name>` is a function.
    // Not inlined: one copy serves every test of an API.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn has(&self, name: &str) -> bool {
        self.apis.iter().any(|api| api == name)
    }
}

/// A plain description of the JavaScript host: the facts that environment
/// detection and card support are decided from.
///
/// The JSON form (read by [`HostFacts::from_json`]) uses these camelCase keys,
/// all optional:
///
/// ```json
/// {
///   "wx": {
///     "apis": ["addCard", "openCard", "canIUse", "getSystemInfoSync"],
///     "miniProgram": false,
///     "sdkVersion": "2.30.0", "wechatVersion": "8.0.40", "platform": "ios",
///     "canIUse": { "addCard": true, "openCard": true },
///     "config": "unknown"
///   },
///   "userAgent": "Mozilla/5.0 … MicroMessenger/8.0.40 …",
///   "wxjsEnvironment": "miniprogram",
///   "weixinJSBridge": true,
///   "miniGame": false,
///   "node": false
/// }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostFacts {
    /// The global `wx` object, if there is one.
    pub wx: Option<WxFacts>,
    /// `navigator.userAgent`, if readable.
    pub user_agent: Option<String>,
    /// `window.__wxjs_environment` (`"miniprogram"` inside a mini-program `<web-view>`).
    pub wxjs_environment: Option<String>,
    /// `window.WeixinJSBridge` exists (WeChat's H5 bridge is ready).
    pub weixin_js_bridge: bool,
    /// A mini-game marker is present (`GameGlobal`, or `wx.createCanvas` without jweixin).
    pub mini_game: bool,
    /// Running under Node.js (`process.versions.node` is a string).
    pub node: bool,
}

/// How a fact must be typed.
#[derive(Clone, Copy)]
enum Kind {
    /// An object (whose own facts come after it in [`FACTS`]).
    Object,
    /// A boolean.
    Bool,
    /// A string.
    Str,
    /// An array of strings.
    Names,
    /// A string naming a [`ConfigState`].
    Config,
}

/// Every fact by its path (keys joined by `.`), in the order their errors are
/// reported: a parent before its members, as reading field by field would.
const FACTS: [(&str, Kind); 15] = [
    ("wx", Kind::Object),
    ("wx.apis", Kind::Names),
    ("wx.canIUse", Kind::Object),
    ("wx.canIUse.addCard", Kind::Bool),
    ("wx.canIUse.openCard", Kind::Bool),
    ("wx.config", Kind::Config),
    ("wx.miniProgram", Kind::Bool),
    ("wx.sdkVersion", Kind::Str),
    ("wx.wechatVersion", Kind::Str),
    ("wx.platform", Kind::Str),
    ("userAgent", Kind::Str),
    ("wxjsEnvironment", Kind::Str),
    ("weixinJSBridge", Kind::Bool),
    ("miniGame", Kind::Bool),
    ("node", Kind::Bool),
];

impl HostFacts {
    /// Reads facts from their JSON form (see the type's docs). Unknown keys are
    /// ignored; a known key with the wrong type is an [`Error::InvalidType`]
    /// naming it, such as `wx.apis[2]`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        // A value that is not an object is refused as `input`.
        Fields::of(value, "")?;
        // Everything is checked before anything is copied (see `crate::input`).
        let mut found = [None; FACTS.len()];
        for ((path, kind), slot) in FACTS.iter().zip(&mut found) {
            *slot = fact(value, path, *kind)?;
        }
        let [
            wx,
            apis,
            _,
            can_i_use_add_card,
            can_i_use_open_card,
            config,
            mini_program,
            sdk_version,
            wechat_version,
            platform,
            user_agent,
            wxjs_environment,
            weixin_js_bridge,
            mini_game,
            node,
        ] = found;
        let wx = wx.map(|_| WxFacts {
            apis: sorted_names(apis),
            mini_program: flag(mini_program),
            sdk_version: text(sdk_version),
            wechat_version: text(wechat_version),
            platform: text(platform),
            can_i_use_add_card: can_i_use_add_card.and_then(Value::as_bool),
            can_i_use_open_card: can_i_use_open_card.and_then(Value::as_bool),
            config: config
                .and_then(Value::as_str)
                .and_then(ConfigState::named)
                .unwrap_or_default(),
        });
        Ok(HostFacts {
            wx,
            user_agent: text(user_agent),
            wxjs_environment: text(wxjs_environment),
            weixin_js_bridge: flag(weixin_js_bridge),
            mini_game: flag(mini_game),
            node: flag(node),
        })
    }

    /// Whether the user agent contains `needle` (lowercase), ignoring ASCII case.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn ua_contains(&self, needle: &str) -> bool {
        self.user_agent
            .as_deref()
            .and_then(|ua| find_ignoring_case(ua, needle))
            .is_some()
    }
}

/// Where `needle` (lowercase ASCII) first occurs in `haystack`, ignoring ASCII case.
// Not inlined: one copy serves every user-agent test.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    let (mut rest, needle) = (haystack.as_bytes(), needle.as_bytes());
    let mut at = 0;
    while rest.len() >= needle.len() {
        if rest
            .iter()
            .zip(needle)
            .all(|(h, n)| h.to_ascii_lowercase() == *n)
        {
            return Some(at);
        }
        rest = rest.get(1..)?;
        at += 1;
    }
    None
}

/// The fact at `path` (keys joined by `.`; `null` reads as absent), checked
/// to be of `kind`; errors name `path`.
// Not inlined: the `.wasm` is smaller with it on its own (measured).
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn fact<'a>(root: &'a Value, path: &str, kind: Kind) -> Result<Option<&'a Value>> {
    let (mut value, mut rest) = (root, Some(path));
    while let Some(text) = rest {
        let key;
        (key, rest) = cut(text, b'.');
        match value.as_object().and_then(|map| map.get(key)) {
            None | Some(Value::Null) => return Ok(None),
            Some(member) => value = member,
        }
    }
    let expected = match (kind, value) {
        (Kind::Object, Value::Object(_))
        | (Kind::Bool, Value::Bool(_))
        | (Kind::Str, Value::String(_)) => return Ok(Some(value)),
        (Kind::Names, Value::Array(items)) => {
            input::check_strings(items, path)?;
            return Ok(Some(value));
        }
        (Kind::Config, Value::String(name)) => {
            ConfigState::check(name, path)?;
            return Ok(Some(value));
        }
        (Kind::Object, _) => "an object",
        (Kind::Bool, _) => "a boolean",
        (Kind::Str | Kind::Config, _) => "a string",
        (Kind::Names, _) => "an array",
    };
    Err(Error::InvalidType {
        field: path.to_owned(),
        expected,
        found: type_name(value),
    })
}

/// An owned copy of a string fact.
// Not inlined: one copy serves the five string facts.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn text(value: Option<&Value>) -> Option<String> {
    input::owned(value.and_then(Value::as_str))
}

/// A boolean fact, `false` when absent.
// Not inlined: the `.wasm` is smaller with it on its own (measured).
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn flag(value: Option<&Value>) -> bool {
    value.and_then(Value::as_bool).unwrap_or(false)
}

/// The names of an array fact, sorted, each once.
// Not inlined: the `.wasm` is smaller with it on its own (measured).
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn sorted_names(value: Option<&Value>) -> Vec<String> {
    let items = value
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut sorted: Vec<&str> = Vec::with_capacity(items.len());
    for item in items {
        if let Value::String(name) = item {
            sorted.push(name);
        }
    }
    // The crate's one sort (byte order, as `String`'s `Ord`), then each name once.
    sort_values(&mut sorted);
    let mut names: Vec<String> = Vec::with_capacity(sorted.len());
    for name in sorted {
        if names.last().map(String::as_str) != Some(name) {
            names.push(name.to_owned());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn reads_every_key() {
        let facts = HostFacts::from_json(&json!({
            "wx": {
                "apis": ["addCard", "canIUse"],
                "miniProgram": true,
                "sdkVersion": "2.5.0",
                "wechatVersion": "8.0.1",
                "platform": "android",
                "canIUse": { "addCard": true, "openCard": false },
                "config": "ready"
            },
            "userAgent": "UA",
            "wxjsEnvironment": "miniprogram",
            "weixinJSBridge": true,
            "miniGame": true,
            "node": true,
            "somethingNew": 1
        }))
        .unwrap();
        let wx = facts.wx.as_ref().unwrap();
        assert!(wx.has("addCard") && wx.has("canIUse") && !wx.has("openCard"));
        assert_eq!(wx.can_i_use_open_card, Some(false));
        assert_eq!(wx.config, ConfigState::Ready);
        assert!(facts.weixin_js_bridge && facts.mini_game && facts.node);
    }

    #[test]
    fn apis_are_kept_sorted_and_once() {
        let facts = HostFacts::from_json(&json!({
            "wx": { "apis": ["openCard", "addCard", "openCard", "canIUse", "addCard"] }
        }))
        .unwrap();
        let wx = facts.wx.unwrap();
        assert_eq!(wx.apis, ["addCard", "canIUse", "openCard"]);
        let shuffled = WxFacts {
            apis: vec!["openCard".into(), "addCard".into()],
            ..WxFacts::default()
        };
        assert!(shuffled.has("addCard") && shuffled.has("openCard") && !shuffled.has("canIUse"));
    }

    #[test]
    fn long_api_lists_are_sorted_and_once() {
        // More names than the insertion sort takes, so the merge sort runs.
        let names: Vec<String> = (0..40).map(|i| format!("api{}", (i * 7) % 23)).collect();
        let facts = HostFacts::from_json(&json!({ "wx": { "apis": names.clone() } })).unwrap();
        let mut want = names;
        want.sort();
        want.dedup();
        assert_eq!(facts.wx.unwrap().apis, want);
    }

    #[test]
    fn wrong_types_name_the_field() {
        let cases = [
            (json!({ "wx": { "apis": ["addCard", 3] } }), "wx.apis[1]"),
            (
                json!({ "wx": { "canIUse": { "addCard": "yes" } } }),
                "wx.canIUse.addCard",
            ),
            (json!({ "wx": { "config": "done" } }), "wx.config"),
            (json!({ "wx": 1 }), "wx"),
            (json!({ "node": "yes" }), "node"),
            (json!([]), "input"),
        ];
        for (input, field) in cases {
            let err = HostFacts::from_json(&input).unwrap_err();
            assert_eq!(err.field(), Some(field), "{input}");
        }
    }

    #[test]
    fn the_first_wrong_fact_in_reading_order_is_reported() {
        let cases = [
            (
                json!({ "node": 1, "wx": { "platform": 1, "apis": [1], "canIUse": 1 } }),
                "wx.apis[0]",
            ),
            (
                json!({ "wx": { "config": "x", "canIUse": { "openCard": 1, "addCard": 1 } } }),
                "wx.canIUse.addCard",
            ),
            (
                json!({ "wx": { "platform": 1, "config": "x", "miniProgram": 1 } }),
                "wx.config",
            ),
            (
                json!({ "wx": { "platform": 1, "sdkVersion": 1, "miniProgram": 1 } }),
                "wx.miniProgram",
            ),
            (
                json!({ "node": 1, "miniGame": 1, "userAgent": 1, "wx": {} }),
                "userAgent",
            ),
            (
                json!({ "node": 1, "miniGame": 1, "weixinJSBridge": 1 }),
                "weixinJSBridge",
            ),
            (
                json!({ "wx": { "canIUse": null, "apis": null }, "node": 1 }),
                "node",
            ),
        ];
        for (input, field) in cases {
            let err = HostFacts::from_json(&input).unwrap_err();
            assert_eq!(err.field(), Some(field), "{input}");
        }
    }

    #[test]
    fn user_agent_tests_ignore_ascii_case_only() {
        assert_eq!(
            find_ignoring_case("Mozilla MicroMessenger/8", "micromessenger/"),
            Some(8)
        );
        assert_eq!(find_ignoring_case("abc", "abcd"), None);
        assert_eq!(find_ignoring_case("", "a"), None);
        assert_eq!(find_ignoring_case("x", ""), Some(0));
        assert_eq!(find_ignoring_case("ÄNDROID android", "android"), Some(9));
        let facts = HostFacts {
            user_agent: Some("Mozilla (IPHONE)".into()),
            ..HostFacts::default()
        };
        assert!(facts.ua_contains("iphone") && !facts.ua_contains("ipad"));
    }

    #[test]
    fn empty_object_is_no_facts() {
        assert_eq!(
            HostFacts::from_json(&json!({})).unwrap(),
            HostFacts::default()
        );
    }
}
