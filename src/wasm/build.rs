//! Adapters for the signers: `buildCardExt`, `chooseCardParams`, `jsapiConfig`.
//!
//! Each takes the option bag as JSON text, the shim's client flag (tickets
//! are refused on clients unless the input says `allowTicketOnClient: true`)
//! and the random bytes for a nonce (`Uint8Array` or `undefined`).

use wasm_bindgen::prelude::*;

use super::decode::{client, json, to_plain};
use super::error::{JsResult, run};
use super::host::JsHost;
use super::verify::scratch_texts;
use crate::builder::{CardExtInput, build_card_ext as build, build_from_parts};
use crate::choose_card::{ChooseCardInput, choose_card_params as choose};
use crate::jsapi::{JsapiConfigInput, jsapi_config as config};
use crate::secret::ensure_ticket_allowed;

/// `buildCardExt(input)`: the signed cardExt JSON string for one card.
#[wasm_bindgen(js_name = buildCardExt)]
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

/// Internal to the package's shim, not public API: `buildCardExt` of a plain
/// input whose strings the shim wrote into the scratch buffer (see
/// `builder::build_from_parts`; `len` bytes at `at`), or `undefined` for the
/// full path.
#[wasm_bindgen(js_name = internalBuildCardExt)]
#[allow(clippy::too_many_arguments)]
pub fn build_clean(
    at: usize,
    len: usize,
    ticket: i32,
    card_id: i32,
    code: i32,
    openid: i32,
    nonce: i32,
    outer: i32,
    timestamp: f64,
    fixed_begintimestamp: f64,
    random: JsValue,
) -> Option<String> {
    let lens = [ticket, card_id, code, openid, nonce, outer];
    let host = JsHost::new(&random);
    scratch_texts(0, at, len, |_, text| {
        build_from_parts(text, lens, timestamp, fixed_begintimestamp, &host)
    })
}
