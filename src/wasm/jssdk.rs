//! Adapters for the JS-SDK's signed parameters: `chooseCardParams` (for
//! `wx.chooseCard`) and `jsapiConfig` (for `wx.config`).
//!
//! Each takes the input as JSON text, the shim's client flag (tickets are
//! refused on clients unless the input says `allowTicketOnClient: true`) and
//! the random bytes for a nonce (`Uint8Array` or `undefined`).

use wasm_bindgen::prelude::*;

use super::decode::{client, json, to_plain};
use super::error::{JsResult, run};
use super::host::JsHost;
use crate::choose_card::{ChooseCardInput, choose_card_params as choose};
use crate::jsapi::{JsapiConfigInput, jsapi_config as config};
use crate::secret::ensure_ticket_allowed;

/// `chooseCardParams(input)`: the signed parameters of `wx.chooseCard`.
#[wasm_bindgen(js_name = chooseCardParams)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn choose_card_params(
    input: JsValue,
    is_client: JsValue,
    random: JsValue,
) -> JsResult<JsValue> {
    run(|| {
        let input = ChooseCardInput::from_json(&json(&input, "input")?)?;
        ensure_ticket_allowed(
            client(&is_client),
            input.allow_ticket_on_client,
            "apiTicket",
        )?;
        to_plain(&choose(&input, &JsHost::new(&random))?)
    })
}

/// `jsapiConfig(input)`: the signed argument of `wx.config`.
#[wasm_bindgen(js_name = jsapiConfig)]
#[cfg_attr(wxcard_size, optimize(size))]
#[inline(never)]
pub fn jsapi_config(input: JsValue, is_client: JsValue, random: JsValue) -> JsResult<JsValue> {
    run(|| {
        let input = JsapiConfigInput::from_json(&json(&input, "input")?)?;
        ensure_ticket_allowed(
            client(&is_client),
            input.allow_ticket_on_client,
            "jsapiTicket",
        )?;
        to_plain(&config(&input, &JsHost::new(&random))?)
    })
}
