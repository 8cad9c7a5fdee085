//! Core errors as JavaScript errors.
//!
//! A [`crate::Error`] crosses the boundary as a real JS `Error` whose `name` is
//! `"WxCardError"`, with the stable `code` and, when there is one, the `field`
//! at fault. The JS shim re-wraps it into its exported `WxCardError` class;
//! nothing here ever throws a string.

use wasm_bindgen::JsValue;

use super::js::JsError;

use crate::Error;

/// The result type of every adapter: the error is the JS value that is thrown.
pub type JsResult<T> = Result<T, JsValue>;

/// The JS `Error` for `error`: `name` `"WxCardError"`, `message`, `code` and `field`.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn to_js_error(error: &Error) -> JsValue {
    // Plain assignments to a fresh, extensible Error: none of them can throw.
    let js = JsError::new(&error.message());
    js.set_name("WxCardError");
    js.set_code(error.code());
    if let Some(field) = error.field() {
        js.set_field(field);
    }
    js.into()
}

/// Runs an adapter's body and turns its error, if any, into the JS error to
/// throw: one conversion per adapter rather than one per `?` inside it.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn run<T>(body: impl FnOnce() -> crate::error::Result<T>) -> JsResult<T> {
    body().map_err(|e| to_js_error(&e))
}

impl From<Error> for JsValue {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(error: Error) -> Self {
        to_js_error(&error)
    }
}
