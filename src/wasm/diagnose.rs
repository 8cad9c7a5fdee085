//! The adapter for `diagnoseCardExt`: which known mistake reproduces a
//! cardExt's signature. It always takes a ticket, so on a client it runs only
//! with `allowTicketOnClient: true`.

use wasm_bindgen::prelude::*;

use super::decode::{client, json_object, string, to_plain};
use super::error::JsResult;
use crate::diagnose::{DiagnoseOptions, diagnose_card_ext as diagnose};
use crate::secret::ensure_ticket_allowed;

/// `diagnoseCardExt(cardExt, options)`: which known mistake reproduces the signature.
#[wasm_bindgen(js_name = diagnoseCardExt)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn diagnose_card_ext(
    card_ext: JsValue,
    options_json: JsValue,
    is_client: JsValue,
) -> JsResult<JsValue> {
    let options = DiagnoseOptions::from_json(&json_object(&options_json, "options")?)?;
    ensure_ticket_allowed(
        client(&is_client),
        options.allow_ticket_on_client,
        "apiTicket",
    )?;
    let card_ext = string(&card_ext, "cardExt")?;
    Ok(to_plain(&diagnose(
        &card_ext,
        &options.card_id,
        &options.api_ticket,
    ))?)
}
