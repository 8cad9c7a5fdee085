//! Adapters for the `cardList` validators: `addCardList`, `openCardList`.

use wasm_bindgen::prelude::*;

use super::decode::{json, to_plain};
use super::error::{JsResult, run};
use crate::card_list::{OpenCardItem, add_card_list_json, check_open_card_list};

/// `addCardList(items)`: the validated, normalised `cardList` of `wx.addCard`.
#[wasm_bindgen(js_name = addCardList)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn add_card_list(items: JsValue) -> JsResult<JsValue> {
    run(|| to_plain(&add_card_list_json(&json(&items, "cardList")?)?))
}

/// `openCardList(items)`: the validated `cardList` of `wx.openCard`.
#[wasm_bindgen(js_name = openCardList)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn open_card_list(items: JsValue) -> JsResult<JsValue> {
    run(|| {
        let items = OpenCardItem::list_from_json(&json(&items, "cardList")?)?;
        check_open_card_list(&items)?;
        to_plain(&items)
    })
}
