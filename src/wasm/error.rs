//! Core errors as JavaScript errors.
//!
//! A [`crate::Error`] crosses the boundary as a real JS `Error` whose `name` is
//! `"WxCardError"`, with the stable `code` and, when there is one, the `field`
//! at fault. The JS shim re-wraps it into its exported `WxCardError` class;
//! nothing here ever throws a string.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::Error;

/// The result type of every adapter: the error is the JS value that is thrown.
pub type JsResult<T> = Result<T, JsValue>;

/// The JS `Error` for `error`: `name` `"WxCardError"`, `message`, `code` and `field`.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.message());
    js.set_name("WxCardError");
    let object: &Object = js.unchecked_ref();
    // NOTE: `Reflect.set` on a fresh, extensible Error cannot fail; there is nothing to report if it did.
    let _ = Reflect::set(object, &"code".into(), &error.code().into());
    if let Some(field) = error.field() {
        let _ = Reflect::set(object, &"field".into(), &field.into());
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
