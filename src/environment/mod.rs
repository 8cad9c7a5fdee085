//! Where am I, and can I call the card APIs here?
//!
//! The JavaScript shim gathers a [`HostFacts`] from the global object (never
//! throwing while it reads); everything that decides is here, in plain Rust:
//! [`detect_environment`], [`card_support`] and [`compare_version`].
//!
//! Detection order (the first match wins):
//!
//! 1. **`minigame`**: a mini-game marker (`GameGlobal`, or `wx.createCanvas`
//!    without jweixin's `wx.config`).
//! 2. **`miniprogram`**: a `wx` that is not jweixin (no `wx.config`) and has a
//!    mini-program API (`canIUse`, `getSystemInfoSync`, `getAppBaseInfo`,
//!    `getSystemInfo`, `navigateTo`, `request`, `addCard` or `openCard`).
//! 3. **`miniprogram-webview`**: an H5 page inside a mini-program `<web-view>`:
//!    `miniProgram` in the user agent (WeChat ≥ 7.0.0) or
//!    `window.__wxjs_environment === 'miniprogram'` (PACKAGING.md §5 says to
//!    check both). `wx.miniProgram` alone does **not** count: jweixin defines
//!    it unconditionally on every page, including plain WeChat H5 pages.
//! 4. **`wechat-h5`**: `MicroMessenger` in the user agent (what jweixin itself
//!    checks), or a `WeixinJSBridge`.
//! 5. **`node`**: `process.versions.node`.
//! 6. **`browser`**: anything else.

mod facts;
mod parts;
mod support;
mod version;

pub(crate) use facts::find_ignoring_case;
pub use facts::{ConfigState, HostFacts, WxFacts};
pub(crate) use parts::{cut, split_once};
pub use support::{CardSupport, Reason, Support, card_support};
pub use version::compare_version;

use crate::input::owned;
use crate::json::{ObjectWriter, ToJson};

/// The kind of host the code runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnvironmentKind {
    /// A WeChat mini-program's logic layer (`wx.addCard` / `wx.openCard`).
    Miniprogram,
    /// A WeChat mini-game.
    Minigame,
    /// An H5 page in the WeChat browser (jweixin `wx.*` over `WeixinJSBridge`).
    WechatH5,
    /// An H5 page inside a mini-program `<web-view>`.
    MiniprogramWebview,
    /// A browser that is not WeChat.
    Browser,
    /// Node.js.
    Node,
}

impl EnvironmentKind {
    /// The JS string of this kind: `"miniprogram"`, `"wechat-h5"`, …
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            EnvironmentKind::Miniprogram => "miniprogram",
            EnvironmentKind::Minigame => "minigame",
            EnvironmentKind::WechatH5 => "wechat-h5",
            EnvironmentKind::MiniprogramWebview => "miniprogram-webview",
            EnvironmentKind::Browser => "browser",
            EnvironmentKind::Node => "node",
        }
    }
}

/// The answer of [`detect_environment`]; written as JSON the JS shape
/// `{ kind, sdkVersion?, wechatVersion?, platform? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Environment {
    /// The kind of host.
    pub kind: EnvironmentKind,
    /// The mini-program / mini-game base-library version, when known.
    pub sdk_version: Option<String>,
    /// The WeChat client version, from `wx` or from `MicroMessenger/x.y.z` in the user agent.
    pub wechat_version: Option<String>,
    /// The platform (`ios`, `android`, `windows`, `mac`, `devtools`, `ohos`), when known.
    pub platform: Option<String>,
}

/// APIs that only a mini-program (or mini-game) `wx` has, never jweixin's.
const MINIPROGRAM_MARKERS: [&str; 8] = [
    "canIUse",
    "getSystemInfoSync",
    "getAppBaseInfo",
    "getSystemInfo",
    "navigateTo",
    "request",
    "addCard",
    "openCard",
];

/// User-agent markers of each platform, in the order they are tested (the
/// first found wins).
const PLATFORMS: [(&str, &str); 10] = [
    ("wechatdevtools", "devtools"),
    ("openharmony", "ohos"),
    ("iphone", "ios"),
    ("ipad", "ios"),
    ("ipod", "ios"),
    ("android", "android"),
    ("windowswechat", "windows"),
    ("windows nt", "windows"),
    ("macwechat", "mac"),
    ("macintosh", "mac"),
];

/// Decides which kind of host `facts` describe (see the module docs for the order).
#[cfg_attr(wxcard_size, optimize(size))]
pub fn detect_environment(facts: &HostFacts) -> Environment {
    let kind = detect_kind(facts);
    // Only a mini-program's or mini-game's own `wx` reports versions and a platform.
    let native = facts.wx.as_ref().filter(|_| {
        matches!(
            kind,
            EnvironmentKind::Miniprogram | EnvironmentKind::Minigame
        )
    });
    Environment {
        kind,
        sdk_version: owned(native.and_then(|w| w.sdk_version.as_deref())),
        wechat_version: owned(
            native
                .and_then(|w| w.wechat_version.as_deref())
                .or_else(|| ua_wechat_version(facts)),
        ),
        platform: owned(
            native
                .and_then(|w| w.platform.as_deref())
                .or_else(|| ua_platform(facts, kind)),
        ),
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn detect_kind(facts: &HostFacts) -> EnvironmentKind {
    let wx = facts.wx.as_ref();
    let jweixin = wx.is_some_and(|w| w.has("config"));
    if facts.mini_game || wx.is_some_and(|w| w.has("createCanvas") && !jweixin) {
        return EnvironmentKind::Minigame;
    }
    if !jweixin && wx.is_some_and(|w| MINIPROGRAM_MARKERS.iter().any(|m| w.has(m))) {
        return EnvironmentKind::Miniprogram;
    }
    if facts.ua_contains("miniprogram") || facts.wxjs_environment.as_deref() == Some("miniprogram")
    {
        return EnvironmentKind::MiniprogramWebview;
    }
    if facts.ua_contains("micromessenger") || facts.weixin_js_bridge {
        return EnvironmentKind::WechatH5;
    }
    if facts.node {
        return EnvironmentKind::Node;
    }
    EnvironmentKind::Browser
}

/// `8.0.40.2420` from `… MicroMessenger/8.0.40.2420(0x28002837) …`: the
/// digits and dots after the marker, up to the last digit.
#[cfg_attr(wxcard_size, optimize(size))]
fn ua_wechat_version(facts: &HostFacts) -> Option<&str> {
    const MARKER: &str = "micromessenger/";
    let ua = facts.user_agent.as_deref()?;
    let start = find_ignoring_case(ua, MARKER)? + MARKER.len();
    let mut len = 0;
    for (at, b) in ua.as_bytes().get(start..)?.iter().enumerate() {
        if b.is_ascii_digit() {
            len = at + 1;
        } else if *b != b'.' {
            break;
        }
    }
    // ASCII bytes only, so both ends are character boundaries.
    ua.get(start..start + len)
        .filter(|version| !version.is_empty())
}

/// The platform named by the first marker of [`PLATFORMS`] in the user agent
/// (none under Node.js).
#[cfg_attr(wxcard_size, optimize(size))]
fn ua_platform(facts: &HostFacts, kind: EnvironmentKind) -> Option<&'static str> {
    if kind == EnvironmentKind::Node {
        return None;
    }
    PLATFORMS
        .iter()
        .find(|(marker, _)| facts.ua_contains(marker))
        .map(|(_, platform)| *platform)
}

impl ToJson for EnvironmentKind {
    /// [`EnvironmentKind::as_str`] as a JSON string.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl ToJson for Environment {
    /// `{ kind, sdkVersion?, wechatVersion?, platform? }`, absent values left out.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("kind", &self.kind.as_str())
            .optional("sdkVersion", self.sdk_version.as_ref())
            .optional("wechatVersion", self.wechat_version.as_ref())
            .optional("platform", self.platform.as_ref())
            .end();
    }
}
