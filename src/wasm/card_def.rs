//! Adapters for card definitions: `withMiniProgramLinks`, `validateCardDefinition`,
//! `cardUpdateBody`. Card bodies and links arrive as JSON text from the shim.

use wasm_bindgen::prelude::*;

use super::decode::{json, string, to_plain};
use super::error::{JsResult, run};
use crate::card_def::{self, CardType, Links};

/// `withMiniProgramLinks(card, links)`: a copy of the card body with the links written in.
#[wasm_bindgen(js_name = withMiniProgramLinks)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn with_mini_program_links(card: JsValue, links: JsValue) -> JsResult<JsValue> {
    run(|| {
        let links = Links::from_json(&json(&links, "links")?)?;
        let mut card = json(&card, "card")?;
        card_def::write_links(&mut card, &links)?;
        to_plain(&card)
    })
}

/// `validateCardDefinition(card)`: every problem of a card body given as JSON text.
#[wasm_bindgen(js_name = validateCardDefinition)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn validate_card_definition(card: JsValue) -> JsResult<JsValue> {
    run(|| {
        to_plain(&card_def::validate_card_definition_str(&string(
            &card, "card",
        )?))
    })
}

/// `cardUpdateBody(cardId, cardType, baseInfoPatch)`: the `card/update` body.
#[wasm_bindgen(js_name = cardUpdateBody)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn card_update_body(card_id: JsValue, card_type: JsValue, patch: JsValue) -> JsResult<JsValue> {
    run(|| {
        let card_type = CardType::parse(&string(&card_type, "cardType")?, "cardType")?;
        let patch = json(&patch, "baseInfoPatch")?;
        to_plain(&card_def::update_body(
            &string(&card_id, "cardId")?,
            card_type,
            patch,
        )?)
    })
}
