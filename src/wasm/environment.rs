//! Adapters for environment detection, card support and version order. The
//! shim gathers the host facts from the globals (never throwing) and passes
//! them as JSON text.

use wasm_bindgen::prelude::*;

use super::decode::{json, string, to_plain};
use super::error::{JsResult, run};
use crate::environment::{self, HostFacts};
use crate::error::Result;

/// `detectEnvironment(facts)`: `{ kind, sdkVersion?, wechatVersion?, platform? }`.
#[wasm_bindgen(js_name = detectEnvironment)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn detect_environment(facts: JsValue) -> JsResult<JsValue> {
    run(|| to_plain(&environment::detect_environment(&host_facts(&facts)?)))
}

/// `cardSupport(facts)`: `{ environment, addCard, openCard, chooseCard }`.
#[wasm_bindgen(js_name = cardSupport)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn card_support(facts: JsValue) -> JsResult<JsValue> {
    run(|| to_plain(&environment::card_support(&host_facts(&facts)?)))
}

/// `compareVersion(a, b)`: `-1`, `0` or `1` in WeChat's version order.
#[wasm_bindgen(js_name = compareVersion)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn compare_version(a: JsValue, b: JsValue) -> JsResult<i8> {
    run(|| {
        Ok(environment::compare_version(
            &string(&a, "a")?,
            &string(&b, "b")?,
        ))
    })
}

/// The facts argument of `detectEnvironment` and `cardSupport`, read.
// Not inlined: both adapters share one copy.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn host_facts(facts: &JsValue) -> Result<HostFacts> {
    HostFacts::from_json(&json(facts, "facts")?)
}
