//! A plain description of the host, gathered by the JavaScript shim (or built
//! by hand in Rust) and judged by [`super::detect_environment`] and
//! [`super::card_support`].

use crate::json::Value;

use crate::error::{Error, Result};
use crate::input;
use crate::json::Fields;

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

impl ConfigState {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn parse(value: &str, field: &str) -> Result<Self> {
        match value {
            "unknown" => Ok(ConfigState::Unknown),
            "pending" => Ok(ConfigState::Pending),
            "ready" => Ok(ConfigState::Ready),
            "failed" => Ok(ConfigState::Failed),
            other => Err(Error::invalid_value(
                field,
                format!(
                    "expected \"unknown\", \"pending\", \"ready\" or \"failed\", got \"{}\"",
                    crate::json::truncate(other, 32)
                ),
            )),
        }
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

impl HostFacts {
    /// Reads facts from their JSON form (see the type's docs). Unknown keys are
    /// ignored; a known key with the wrong type is an [`Error::InvalidType`]
    /// naming it, such as `wx.apis[2]`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        let f = Fields::of(value, "")?;
        let wx = match f.get("wx") {
            None => None,
            Some(v) => Some(WxRead::of(v)?),
        };
        let user_agent = f.str("userAgent")?;
        let wxjs_environment = f.str("wxjsEnvironment")?;
        let weixin_js_bridge = input::flag(&f, "weixinJSBridge")?;
        let mini_game = input::flag(&f, "miniGame")?;
        let node = input::flag(&f, "node")?;
        Ok(HostFacts {
            wx: wx.map(WxRead::owned),
            user_agent: input::owned(user_agent),
            wxjs_environment: input::owned(wxjs_environment),
            weixin_js_bridge,
            mini_game,
            node,
        })
    }

    /// Whether the user agent contains `needle`, ignoring ASCII case.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn ua_contains(&self, needle: &str) -> bool {
        self.user_agent
            .as_deref()
            .is_some_and(|ua| ua.to_ascii_lowercase().contains(needle))
    }
}

/// The facts of `wx`, read and checked but not yet copied (see `crate::input`).
struct WxRead<'a> {
    apis: &'a [Value],
    can_i_use_add_card: Option<bool>,
    can_i_use_open_card: Option<bool>,
    config: ConfigState,
    mini_program: bool,
    sdk_version: Option<&'a str>,
    wechat_version: Option<&'a str>,
    platform: Option<&'a str>,
}

impl<'a> WxRead<'a> {
    /// Reads the `wx` facts; errors name `wx.<key>`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn of(value: &'a Value) -> Result<Self> {
        let f = Fields::of(value, "wx")?;
        let apis = f.array("apis")?.map_or(&[][..], Vec::as_slice);
        input::check_strings(apis, "wx.apis")?;
        let (can_i_use_add_card, can_i_use_open_card) = match f.get("canIUse") {
            None => (None, None),
            Some(v) => {
                let answers = Fields::of(v, "wx.canIUse")?;
                (answers.bool("addCard")?, answers.bool("openCard")?)
            }
        };
        let config = match f.str("config")? {
            None => ConfigState::Unknown,
            Some(s) => ConfigState::parse(s, "wx.config")?,
        };
        Ok(WxRead {
            apis,
            can_i_use_add_card,
            can_i_use_open_card,
            config,
            mini_program: input::flag(&f, "miniProgram")?,
            sdk_version: f.str("sdkVersion")?,
            wechat_version: f.str("wechatVersion")?,
            platform: f.str("platform")?,
        })
    }

    /// The facts as owned values.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn owned(self) -> WxFacts {
        let mut apis: Vec<String> = Vec::with_capacity(self.apis.len());
        // Inserted in order one by one (the list is a handful of probed names): a sort would
        // bring in the standard library's sort code.
        for item in self.apis {
            if let Value::String(name) = item
                && let Err(at) = apis.binary_search(name)
            {
                apis.insert(at, name.clone());
            }
        }
        WxFacts {
            apis,
            mini_program: self.mini_program,
            sdk_version: input::owned(self.sdk_version),
            wechat_version: input::owned(self.wechat_version),
            platform: input::owned(self.platform),
            can_i_use_add_card: self.can_i_use_add_card,
            can_i_use_open_card: self.can_i_use_open_card,
            config: self.config,
        }
    }
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
    fn empty_object_is_no_facts() {
        assert_eq!(
            HostFacts::from_json(&json!({})).unwrap(),
            HostFacts::default()
        );
    }
}
