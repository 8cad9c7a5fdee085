//! The `wx.config` object of the H5 JS-SDK, with its signature (JS-SDK Appendix 1).
//!
//! `signature = sha1("jsapi_ticket=T&noncestr=N&timestamp=TS&url=URL")`, keys
//! in that fixed (ASCII-sorted) order, values raw and not URL-escaped, and the
//! url cut at `#`. This is a different signature with a different ticket
//! (`type=jsapi`) from the card signatures.

use crate::json::{ObjectWriter, ToJson, Value};
use crate::secret::without_input_ticket;

use crate::error::{Error, Result};
use crate::host::{Host, random_nonce};
use crate::input::{self, Kind, Read};
use crate::json;
use crate::rules;
use crate::secret::Ticket;
use crate::sign::sha1_hex;

/// The card APIs, listed in `jsApiList` when none is given.
pub const DEFAULT_JS_API_LIST: [&str; 3] = ["addCard", "openCard", "chooseCard"];

/// The input of [`jsapi_config`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsapiConfigInput {
    /// The `jsapi_ticket` (`type=jsapi`) of the appId.
    pub jsapi_ticket: Ticket,
    /// The official account's appId, the one the ticket was obtained with.
    pub app_id: String,
    /// The full URL of the page calling `wx.config`; anything from `#` on is not signed.
    pub url: String,
    /// The APIs to enable; `None` means [`DEFAULT_JS_API_LIST`].
    pub js_api_list: Option<Vec<String>>,
    /// Unix seconds; `None` means now.
    pub timestamp: Option<u64>,
    /// The nonce; `None` means a fresh random alphanumeric one.
    pub nonce_str: Option<String>,
    /// `wx.config`'s debug mode.
    pub debug: bool,
    /// The caller's consent to sign with the ticket in a browser or mini-program.
    pub allow_ticket_on_client: bool,
}

/// The JS field names of [`JsapiConfigInput`], in the order their errors are reported.
const KEYS: &[&str] = &[
    "jsApiList",
    "jsapiTicket",
    "appId",
    "url",
    "timestamp",
    "nonceStr",
    "debug",
    "allowTicketOnClient",
];

/// How each of [`KEYS`] is read.
const KINDS: [Kind; 8] = [
    Kind::Strings,
    Kind::Required,
    Kind::Required,
    Kind::Required,
    Kind::Timestamp,
    Kind::Text,
    Kind::Flag,
    Kind::Flag,
];

impl JsapiConfigInput {
    /// An input with the ticket, appId and page URL; everything else by default.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(
        jsapi_ticket: impl Into<Ticket>,
        app_id: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        JsapiConfigInput {
            jsapi_ticket: jsapi_ticket.into(),
            app_id: app_id.into(),
            url: url.into(),
            js_api_list: None,
            timestamp: None,
            nonce_str: None,
            debug: false,
            allow_ticket_on_client: false,
        }
    }

    /// Sets [`JsapiConfigInput::js_api_list`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_js_api_list<S: Into<String>>(mut self, apis: impl IntoIterator<Item = S>) -> Self {
        self.js_api_list = Some(apis.into_iter().map(Into::into).collect());
        self
    }

    /// Sets [`JsapiConfigInput::timestamp`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_timestamp(mut self, seconds: u64) -> Self {
        self.timestamp = Some(seconds);
        self
    }

    /// Sets [`JsapiConfigInput::nonce_str`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_nonce_str(mut self, nonce: impl Into<String>) -> Self {
        self.nonce_str = Some(nonce.into());
        self
    }

    /// Sets [`JsapiConfigInput::debug`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// Reads the JS input `{ jsapiTicket, appId, url, jsApiList?, timestamp?,
    /// nonceStr?, debug?, allowTicketOnClient? }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read_json(value).map_err(|e| without_input_ticket(e, value, "jsapiTicket"))
    }

    /// [`Self::from_json`] before the ticket is taken out of its errors.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_json(value: &Value) -> Result<Self> {
        let mut read = [Read::Absent; 8];
        input::read_fields(value, KEYS, &KINDS, &mut read)?;
        let [
            js_api_list,
            jsapi_ticket,
            app_id,
            url,
            timestamp,
            nonce_str,
            debug,
            allow_ticket_on_client,
        ] = read;
        Ok(JsapiConfigInput {
            jsapi_ticket: Ticket::new(jsapi_ticket.or_empty()),
            app_id: app_id.or_empty().to_owned(),
            url: url.or_empty().to_owned(),
            js_api_list: js_api_list.strings(),
            timestamp: timestamp.number(),
            nonce_str: nonce_str.owned(),
            debug: debug.flag(),
            allow_ticket_on_client: allow_ticket_on_client.flag(),
        })
    }
}

/// The object to pass to `wx.config`: `{ debug, appId, timestamp, nonceStr,
/// signature, jsApiList }`.
///
/// `timestamp` is a JSON **number**, as in the JS-SDK's own `wx.config`
/// sample; jweixin forwards it as `timestamp + ""`, which is the signed
/// decimal string either way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsapiConfig {
    /// `wx.config`'s debug mode.
    pub debug: bool,
    /// The appId.
    pub app_id: String,
    /// The signed Unix seconds.
    pub timestamp: u64,
    /// The signed nonce.
    pub nonce_str: String,
    /// 40 lowercase hex digits.
    pub signature: String,
    /// The APIs to enable (a fresh array: jweixin rewrites it in place).
    pub js_api_list: Vec<String>,
}

/// The `wx.config` signature over already-checked values; `url` is cut at `#`.
///
/// ```
/// // JS-SDK Appendix 1, the official example.
/// let sig = wxcard::jsapi::config_signature(
///     "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
///     "Wm3WZYTPz0wzccnW",
///     1414587457,
///     "http://mp.weixin.qq.com?params=value#top",
/// );
/// assert_eq!(sig, "0f9de62fce790f9a083d5c99e95740ceb90c27ed");
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn config_signature(jsapi_ticket: &str, nonce_str: &str, timestamp: u64, url: &str) -> String {
    let url = signed_url(url);
    let timestamp = crate::text::decimal(timestamp);
    sha1_hex([
        b"jsapi_ticket=".as_slice(),
        jsapi_ticket.as_bytes(),
        b"&noncestr=",
        nonce_str.as_bytes(),
        b"&timestamp=",
        timestamp.as_bytes(),
        b"&url=",
        url.as_bytes(),
    ])
}

/// The part of `url` that is signed: everything before the first `#`.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn signed_url(url: &str) -> &str {
    crate::environment::cut(url, b'#').0
}

/// Whether `text` begins with the lower-case ASCII `prefix`, in any case.
#[cfg_attr(wxcard_size, optimize(size))]
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

#[cfg_attr(wxcard_size, optimize(size))]
fn check_url(url: &str) -> Result<()> {
    if starts_with_ignore_case(url, "http%3a") || starts_with_ignore_case(url, "https%3a") {
        return Err(Error::invalid_value(
            "url",
            "is URL-encoded; sign the raw page URL (decodeURIComponent it first)",
        ));
    }
    if !(starts_with_ignore_case(url, "http://") || starts_with_ignore_case(url, "https://")) {
        let mut reason = String::from("must be the full page URL with http:// or https://, got \"");
        reason.push_str(&json::truncate(url, 40));
        reason.push('"');
        return Err(Error::InvalidValue {
            field: "url".to_owned(),
            reason,
        });
    }
    if rules::has_blank(url) {
        return Err(Error::invalid_value(
            "url",
            "contains whitespace; sign location.href exactly",
        ));
    }
    Ok(())
}

#[cfg_attr(wxcard_size, optimize(size))]
fn check_api_list(list: &[String]) -> Result<()> {
    if list.is_empty() {
        return Err(Error::invalid_value(
            "jsApiList",
            "must list at least one API, e.g. addCard",
        ));
    }
    for (i, api) in list.iter().enumerate() {
        if api.is_empty() || !api.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(Error::invalid_value(
                input::indexed("jsApiList", i),
                "an API name is letters and digits, e.g. addCard",
            ));
        }
    }
    Ok(())
}

/// Signs the `wx.config` object.
///
/// ```
/// use wxcard::jsapi::{JsapiConfigInput, jsapi_config};
/// use wxcard::host::FixedHost;
///
/// let input = JsapiConfigInput::new(
///     "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
///     "wxf8b4f85f3a794e77",
///     "http://mp.weixin.qq.com?params=value",
/// )
/// .with_timestamp(1414587457)
/// .with_nonce_str("Wm3WZYTPz0wzccnW");
/// let config = jsapi_config(&input, &FixedHost { now: None })?;
/// assert_eq!(config.signature, "0f9de62fce790f9a083d5c99e95740ceb90c27ed");
/// assert_eq!(config.js_api_list, ["addCard", "openCard", "chooseCard"]);
/// # Ok::<(), wxcard::Error>(())
/// ```
///
/// Like [`crate::builder::build_card_ext`], it does not check where it runs.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn jsapi_config(input: &JsapiConfigInput, host: &dyn Host) -> Result<JsapiConfig> {
    assemble_config(input, host).map_err(|e| e.redacted(input.jsapi_ticket.expose()))
}

/// The work of [`jsapi_config`], before the ticket is taken out of its errors.
#[cfg_attr(wxcard_size, optimize(size))]
fn assemble_config(input: &JsapiConfigInput, host: &dyn Host) -> Result<JsapiConfig> {
    rules::check_ticket(&input.jsapi_ticket, "jsapiTicket")?;
    rules::check_app_id(&input.app_id, "appId")?;
    if input.url.is_empty() {
        return Err(Error::missing("url"));
    }
    check_url(&input.url)?;
    if let Some(list) = &input.js_api_list {
        check_api_list(list)?;
    }
    let given_nonce = input.nonce_str.as_deref().filter(|s| !s.is_empty());
    if let Some(nonce) = given_nonce {
        rules::check_nonce(nonce, "nonceStr")?;
    }
    if let Some(t) = input.timestamp {
        rules::check_timestamp(t, "timestamp")?;
    }
    let timestamp = match input.timestamp {
        Some(t) => t,
        None => host.now_seconds()?,
    };
    let nonce_str = match given_nonce {
        Some(nonce) => nonce.to_owned(),
        None => random_nonce(host)?,
    };
    let signature = config_signature(
        input.jsapi_ticket.expose(),
        &nonce_str,
        timestamp,
        &input.url,
    );
    let mut js_api_list = Vec::new();
    match &input.js_api_list {
        Some(list) => {
            for api in list {
                js_api_list.push(api.as_str().to_owned());
            }
        }
        None => {
            for api in DEFAULT_JS_API_LIST {
                js_api_list.push(api.to_owned());
            }
        }
    }
    Ok(JsapiConfig {
        debug: input.debug,
        app_id: input.app_id.clone(),
        timestamp,
        nonce_str,
        signature,
        js_api_list,
    })
}

impl ToJson for JsapiConfig {
    /// `{ debug, appId, timestamp, nonceStr, signature, jsApiList }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("debug", &self.debug)
            .field("appId", &self.app_id)
            .field("timestamp", &self.timestamp)
            .field("nonceStr", &self.nonce_str)
            .field("signature", &self.signature)
            .field("jsApiList", &self.js_api_list)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_is_not_signed() {
        assert_eq!(signed_url("http://host/p?q=1#frag"), "http://host/p?q=1");
        assert_eq!(signed_url("http://host/p?q=1"), "http://host/p?q=1");
        assert_eq!(
            config_signature("t", "n", 1, "http://host/p?q=1#a#b"),
            config_signature("t", "n", 1, "http://host/p?q=1")
        );
    }

    #[test]
    fn schemes_match_in_any_case() {
        assert!(starts_with_ignore_case("HtTpS://host", "https://"));
        assert!(starts_with_ignore_case("HTTP%3A%2F", "http%3a"));
        assert!(!starts_with_ignore_case("http:/", "http://"));
        assert!(!starts_with_ignore_case("htt卡p://", "http://"));
        assert!(!starts_with_ignore_case("", "http"));
    }

    #[test]
    fn encoded_urls_are_refused() {
        let input = JsapiConfigInput::new("t", "wx1", "http%3A%2F%2Fhost%2Fp")
            .with_timestamp(1)
            .with_nonce_str("n");
        let host = crate::host::FixedHost { now: None };
        let err = jsapi_config(&input, &host).unwrap_err();
        assert_eq!(err.code(), "INVALID_VALUE");
        assert_eq!(err.field(), Some("url"));
    }
}
