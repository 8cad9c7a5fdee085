//! Which card APIs can be called here, and if not, why.

use super::version::{compare_version, is_version_like};
use super::{ConfigState, Environment, EnvironmentKind, HostFacts, WxFacts, detect_environment};
use crate::json::{ObjectWriter, ToJson};

/// Why a card API can or cannot be called. Written as JSON its stable code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// It can be called (`OK`).
    Ok,
    /// The function is not there: no `wx`, no `wx.addCard`, `wx.canIUse` says no,
    /// or (H5) jweixin is not loaded (`API_MISSING`).
    ApiMissing,
    /// The base library is older than the API needs: 1.1.0 in a mini-program,
    /// 2.5.0 in a mini-game (`SDK_TOO_OLD`).
    SdkTooOld,
    /// Not WeChat at all: a plain browser or Node.js (`NOT_WECHAT`).
    NotWechat,
    /// WeChat H5, but `window.WeixinJSBridge` is not there yet: jweixin would
    /// silently drop the call. Wait for `WeixinJSBridgeReady` (`BRIDGE_NOT_READY`).
    BridgeNotReady,
    /// WeChat H5, but `wx.config` has not finished or has failed: call inside
    /// `wx.ready` with a valid config signature (`NOT_CONFIGURED`).
    NotConfigured,
    /// Inside a mini-program `<web-view>`: send the card list to a native page
    /// with `navigateToAddCardPage` and call the API there (`USE_NATIVE_PAGE`).
    UseNativePage,
    /// `chooseCard` exists only in the H5 JS-SDK; mini-programs and mini-games
    /// have no such API (`H5_ONLY`).
    H5Only,
}

impl Reason {
    /// The stable code string, as in JavaScript.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn code(self) -> &'static str {
        match self {
            Reason::Ok => "OK",
            Reason::ApiMissing => "API_MISSING",
            Reason::SdkTooOld => "SDK_TOO_OLD",
            Reason::NotWechat => "NOT_WECHAT",
            Reason::BridgeNotReady => "BRIDGE_NOT_READY",
            Reason::NotConfigured => "NOT_CONFIGURED",
            Reason::UseNativePage => "USE_NATIVE_PAGE",
            Reason::H5Only => "H5_ONLY",
        }
    }
}

/// Whether one API can be called, with the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Support {
    /// `true` exactly when `reason` is [`Reason::Ok`].
    pub supported: bool,
    /// Why.
    pub reason: Reason,
}

impl From<Reason> for Support {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(reason: Reason) -> Self {
        Support {
            supported: reason == Reason::Ok,
            reason,
        }
    }
}

/// The answer of [`card_support`]; written as JSON
/// `{ environment, addCard, openCard, chooseCard }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardSupport {
    /// Where this is.
    pub environment: Environment,
    /// `wx.addCard`.
    pub add_card: Support,
    /// `wx.openCard`.
    pub open_card: Support,
    /// `wx.chooseCard` (H5 only).
    pub choose_card: Support,
}

/// Base library that brought `addCard`/`openCard` to mini-programs (SPEC.md §4.1).
pub const MINIPROGRAM_MIN_SDK: &str = "1.1.0";
/// Base library that brought `addCard`/`openCard` to mini-games (the mini-game
/// API pages of `wx.addCard` and `wx.openCard`: "基础库 2.5.0 开始支持").
pub const MINIGAME_MIN_SDK: &str = "2.5.0";

#[derive(Clone, Copy)]
enum Api {
    Add,
    Open,
    Choose,
}

impl Api {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn name(self) -> &'static str {
        match self {
            Api::Add => "addCard",
            Api::Open => "openCard",
            Api::Choose => "chooseCard",
        }
    }
}

/// Decides, for each card API, whether it can be called on the host `facts`
/// describe, and why not.
///
/// - mini-program: `addCard`/`openCard` need base library ≥ 1.1.0 (a known
///   older version is `SDK_TOO_OLD` even if the function exists), the function
///   itself, and `wx.canIUse` not saying no (it answers only from 1.1.1, so a
///   missing `canIUse` is no objection); `chooseCard` is `H5_ONLY`;
/// - mini-game: the same with base library ≥ 2.5.0;
/// - WeChat H5: jweixin's function (`API_MISSING` without jweixin), then a
///   `WeixinJSBridge` (`BRIDGE_NOT_READY`), then a finished `wx.config`
///   (`NOT_CONFIGURED` when pending or failed; unknown counts as done);
/// - `<web-view>`: `addCard`/`openCard` are `USE_NATIVE_PAGE`, since a native
///   page reliably has them while the web-view JS-SDK listing of card APIs is
///   unconfirmed today and needs an official-account `wx.config` signature for
///   the page's domain (SPEC.md §4.3, PACKAGING.md §5); `chooseCard`, which
///   has no native counterpart, follows the WeChat H5 rules;
/// - browser, Node.js: `NOT_WECHAT`.
///
/// A version string that does not start with a digit counts as unknown.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn card_support(facts: &HostFacts) -> CardSupport {
    let environment = detect_environment(facts);
    let each = |api| Support::from(reason(facts, environment.kind, api));
    CardSupport {
        add_card: each(Api::Add),
        open_card: each(Api::Open),
        choose_card: each(Api::Choose),
        environment,
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn reason(facts: &HostFacts, kind: EnvironmentKind, api: Api) -> Reason {
    match (kind, api) {
        (EnvironmentKind::Browser | EnvironmentKind::Node, _) => Reason::NotWechat,
        (EnvironmentKind::Miniprogram | EnvironmentKind::Minigame, Api::Choose) => Reason::H5Only,
        (EnvironmentKind::Miniprogram, _) => native(facts.wx.as_ref(), api, MINIPROGRAM_MIN_SDK),
        (EnvironmentKind::Minigame, _) => native(facts.wx.as_ref(), api, MINIGAME_MIN_SDK),
        (EnvironmentKind::MiniprogramWebview, Api::Add | Api::Open) => Reason::UseNativePage,
        (EnvironmentKind::WechatH5 | EnvironmentKind::MiniprogramWebview, _) => h5(facts, api),
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn native(wx: Option<&WxFacts>, api: Api, min_sdk: &str) -> Reason {
    let Some(wx) = wx else {
        return Reason::ApiMissing;
    };
    let too_old = wx
        .sdk_version
        .as_deref()
        .filter(|v| is_version_like(v))
        .is_some_and(|v| compare_version(v, min_sdk) < 0);
    if too_old {
        return Reason::SdkTooOld;
    }
    let can_i_use = match api {
        Api::Add => wx.can_i_use_add_card,
        Api::Open => wx.can_i_use_open_card,
        Api::Choose => None,
    };
    if !wx.has(api.name()) || can_i_use == Some(false) {
        return Reason::ApiMissing;
    }
    Reason::Ok
}

#[cfg_attr(wxcard_size, optimize(size))]
fn h5(facts: &HostFacts, api: Api) -> Reason {
    let Some(wx) = facts.wx.as_ref().filter(|w| w.has(api.name())) else {
        return Reason::ApiMissing;
    };
    if !facts.weixin_js_bridge {
        return Reason::BridgeNotReady;
    }
    match wx.config {
        ConfigState::Pending | ConfigState::Failed => Reason::NotConfigured,
        ConfigState::Ready | ConfigState::Unknown => Reason::Ok,
    }
}

impl ToJson for Reason {
    /// The stable code, such as `"API_MISSING"`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        self.code().write_json(out);
    }
}

impl ToJson for Support {
    /// `{ supported, reason }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("supported", &self.supported)
            .field("reason", &self.reason.code())
            .end();
    }
}

impl ToJson for CardSupport {
    /// `{ environment, addCard, openCard, chooseCard }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("environment", &self.environment)
            .field("addCard", &self.add_card)
            .field("openCard", &self.open_card)
            .field("chooseCard", &self.choose_card)
            .end();
    }
}
