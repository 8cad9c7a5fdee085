//! Adapters for checking server-issued cardExt: `verifyCardExt`,
//! `diagnoseCardExt`, `verifyCardList`.
//!
//! Given a ticket, they run on a client only with `allowTicketOnClient: true`.
//! "Now" for the freshness checks is `Date.now()` unless `nowSeconds` is given.

use wasm_bindgen::prelude::*;

use super::decode::{client, json, json_object, json_or_empty, string, to_plain};
use super::error::JsResult;
use super::host::JsHost;
use crate::diagnose::{DiagnoseOptions, diagnose_card_ext as diagnose};
use crate::error::Result;
use crate::secret::ensure_ticket_allowed;
use crate::verify::{VerifyOptions, verify_card_ext as verify, verify_card_list as verify_list};

/// Reads verify options, refuses a ticket on a client unless allowed, fills "now".
fn options(value: &JsValue, is_client: &JsValue) -> Result<VerifyOptions> {
    let mut options = VerifyOptions::from_json(&json_or_empty(value, "options")?)?;
    if options.api_ticket.is_some() {
        ensure_ticket_allowed(
            client(is_client),
            options.allow_ticket_on_client,
            "apiTicket",
        )?;
    }
    options.fill_now(&JsHost::default());
    Ok(options)
}

/// `verifyCardExt(cardExt, options)`: the report on one cardExt.
#[wasm_bindgen(js_name = verifyCardExt)]
pub fn verify_card_ext(
    card_ext: JsValue,
    options_json: JsValue,
    is_client: JsValue,
) -> JsResult<JsValue> {
    let options = options(&options_json, &is_client)?;
    options.require_card_id()?;
    Ok(to_plain(&verify(&string(&card_ext, "cardExt")?, &options))?)
}

/// `diagnoseCardExt(cardExt, options)`: which known mistake reproduces the signature.
#[wasm_bindgen(js_name = diagnoseCardExt)]
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

/// `verifyCardList(items, options)`: one report per item of a `cardList`.
#[wasm_bindgen(js_name = verifyCardList)]
pub fn verify_card_list(
    items: JsValue,
    options_json: JsValue,
    is_client: JsValue,
) -> JsResult<JsValue> {
    let options = options(&options_json, &is_client)?;
    Ok(to_plain(&verify_list(
        &json(&items, "cardList")?,
        &options,
    )?)?)
}
