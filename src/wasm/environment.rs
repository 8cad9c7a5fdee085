//! Adapters for environment detection, card support, version order and
//! web-view routing. The shim gathers the host facts from the globals (never
//! throwing) and passes them as JSON text.

use wasm_bindgen::prelude::*;

use super::decode::{json, string, to_plain};
use super::error::{JsResult, run};
use crate::card_list::{AddCardInput, add_card_list};
use crate::environment::{self, HostFacts};
use crate::error::Result;
use crate::webview;

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

/// `addCardPageUrl(cardList, page)`: the validated list as a native page URL.
#[wasm_bindgen(js_name = addCardPageUrl)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn add_card_page_url(card_list: JsValue, page: JsValue) -> JsResult<String> {
    run(|| {
        let items = add_card_list(&AddCardInput::list_from_json(&json(
            &card_list, "cardList",
        )?)?)?;
        webview::add_card_page_url(&string(&page, "page")?, &items)
    })
}

/// `readAddCardQuery(query)`: the validated card list carried by an `onLoad` query.
#[wasm_bindgen(js_name = readAddCardQuery)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn read_add_card_query(query: JsValue) -> JsResult<JsValue> {
    run(|| to_plain(&webview::read_add_card_query(&json(&query, "query")?)?))
}

/// The facts argument of `detectEnvironment` and `cardSupport`, read.
// Not inlined: both adapters share one copy.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn host_facts(facts: &JsValue) -> Result<HostFacts> {
    HostFacts::from_json(&json(facts, "facts")?)
}
