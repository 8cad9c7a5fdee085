//! The few JavaScript built-ins the adapters call, bound here rather than
//! through `js-sys`.
//!
//! `js-sys` links its futures and JSPI task machinery into every module that
//! depends on it (a `#[no_mangle]` export and waker vtables whose functions
//! sit in the indirect-call table, so neither wasm-bindgen nor wasm-opt can
//! drop them), plus closure trampolines for its typed-array methods: about
//! 4 KB of code this crate never runs. Six bindings are all it needs.

use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// `Date.now()`: milliseconds since the Unix epoch.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    pub fn date_now() -> f64;

    /// `JSON.parse(text)`; it throws for text that is not JSON.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub fn json_parse(text: &str) -> Result<JsValue, JsValue>;

    /// `JSON.stringify(value)`: a string, or `undefined` for values JSON
    /// cannot hold; it throws for a BigInt, a cycle or a throwing getter.
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = stringify)]
    pub fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Array.isArray(value)`, which throws for a revoked `Proxy` (caught, so
    /// that naming the type of a hostile value cannot throw through the module).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    pub fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// A `Uint8Array`.
    #[wasm_bindgen(js_name = Uint8Array)]
    pub type Uint8Array;

    /// A copy of the array's bytes (`bytes.slice()`, copied into the module).
    #[wasm_bindgen(method, js_name = slice)]
    pub fn to_vec(this: &Uint8Array) -> Vec<u8>;

    /// A JavaScript `Error`.
    #[wasm_bindgen(js_name = Error)]
    pub type JsError;

    /// `new Error(message)`.
    #[wasm_bindgen(constructor, js_class = "Error")]
    pub fn new(message: &str) -> JsError;

    /// Sets `error.name`.
    #[wasm_bindgen(method, setter = name)]
    pub fn set_name(this: &JsError, name: &str);

    /// Sets `error.code`.
    #[wasm_bindgen(method, setter = code)]
    pub fn set_code(this: &JsError, code: &str);

    /// Sets `error.field`.
    #[wasm_bindgen(method, setter = field)]
    pub fn set_field(this: &JsError, field: &str);
}
