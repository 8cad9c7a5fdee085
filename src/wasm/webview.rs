//! Adapters for a mini-program `<web-view>`: `addCardPageUrl` carries a
//! validated card list to a native page, where `readAddCardQuery` reads it
//! back from the page's `onLoad` query.

use wasm_bindgen::prelude::*;

use super::decode::{json, string, to_plain};
use super::error::{JsResult, run};
use crate::card_list::add_card_list_json;
use crate::webview;

/// `addCardPageUrl(cardList, page)`: the validated list as a native page URL.
#[wasm_bindgen(js_name = addCardPageUrl)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn add_card_page_url(card_list: JsValue, page: JsValue) -> JsResult<String> {
    run(|| {
        let items = add_card_list_json(&json(&card_list, "cardList")?)?;
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
