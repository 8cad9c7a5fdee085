//! The adapter for `buildCardExt`, the signed cardExt of one card.
//!
//! It takes the input as JSON text, the shim's client flag (tickets are
//! refused on clients unless the input says `allowTicketOnClient: true`) and
//! the random bytes for a nonce (`Uint8Array` or `undefined`).

use wasm_bindgen::prelude::*;

use super::decode::{client, json};
use super::error::{JsResult, run};
use super::host::JsHost;
use crate::builder::{CardExtInput, build_card_ext as build};
use crate::secret::ensure_ticket_allowed;

/// `buildCardExt(input)`: the signed cardExt JSON string for one card.
#[wasm_bindgen(js_name = buildCardExt)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn build_card_ext(input: JsValue, is_client: JsValue, random: JsValue) -> JsResult<String> {
    run(|| {
        let input = CardExtInput::from_json(&json(&input, "input")?)?;
        ensure_ticket_allowed(
            client(&is_client),
            input.allow_ticket_on_client,
            "apiTicket",
        )?;
        build(&input, &JsHost::new(&random))
    })
}
