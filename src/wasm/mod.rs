//! The wasm-bindgen adapters: the only place with `#[wasm_bindgen]`.
//!
//! Each export is a ≤10-line adapter: decode the `JsValue` arguments (JSON
//! text from the JS shim, or plain strings), call the core, and return a
//! string or a plain object, or throw a `WxCardError`-named JS `Error`.
//! Parameters are always `JsValue`, so a wrong JS type is `INVALID_TYPE`
//! naming the field, never a `TypeError` from the generated glue.
//!
//! These functions are the raw glue under the npm package's JS API; call
//! them through the package, which converts inputs with its strict `toJson`,
//! supplies random bytes and the client flag, and re-wraps errors.

mod allocator;
pub mod decode;
pub mod error;
pub mod host;
pub mod js;

// Every export belongs to one of these modules, a module to one group of the API.
pub mod build;
pub mod card_list;
pub mod sign;
pub mod verify;

// The optional groups: `cargo xtask size --groups` builds the module once
// without each (`--cfg wxcard_omit="<module>"`) to measure what it costs.
#[cfg(not(wxcard_omit = "card_def"))]
pub mod card_def;
#[cfg(not(wxcard_omit = "diagnose"))]
pub mod diagnose;
#[cfg(not(wxcard_omit = "environment"))]
pub mod environment;
#[cfg(not(wxcard_omit = "fast"))]
pub mod fast;
#[cfg(not(wxcard_omit = "jssdk"))]
pub mod jssdk;
#[cfg(not(wxcard_omit = "webview"))]
pub mod webview;
