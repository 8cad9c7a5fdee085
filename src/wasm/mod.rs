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

pub mod build;
pub mod card_def;
pub mod card_list;
pub mod environment;
pub mod sign;
pub mod verify;
