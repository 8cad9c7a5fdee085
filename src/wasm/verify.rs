//! Adapters for checking server-issued cardExt: `verifyCardExt` and
//! `verifyCardList`.
//!
//! Given a ticket, they run on a client only with `allowTicketOnClient: true`.
//! "Now" for the freshness checks is `Date.now()` unless `nowSeconds` is given.

use wasm_bindgen::prelude::*;

use super::decode::{client, json, json_or_empty, to_plain, type_name};
use super::error::JsResult;
use super::host::JsHost;
use super::js::json_stringify;
use crate::error::Result;
use crate::json::Value;
use crate::secret::ensure_ticket_allowed;
use crate::verify::{
    Report, ReportList, VerifyOptions, verify_card_ext as verify,
    verify_card_ext_value as verify_value,
};

/// Reads verify options, refuses a ticket on a client unless allowed, fills "now".
#[cfg_attr(wxcard_size, optimize(size))]
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
#[cfg_attr(wxcard_size, optimize(size))]
pub fn verify_card_ext(
    card_ext: JsValue,
    options_json: JsValue,
    is_client: JsValue,
) -> JsResult<JsValue> {
    let options = options(&options_json, &is_client)?;
    options.require_card_id()?;
    let report = match card_ext.as_string() {
        Some(text) => verify(&text, &options),
        None => not_a_string(&card_ext, &options),
    };
    Ok(to_plain(&report)?)
}

/// The report on a cardExt that is not a string: never a throw. Values JSON can
/// hold (objects, numbers, …) are read as JSON; the rest are named by type.
#[cfg_attr(wxcard_size, optimize(size))]
fn not_a_string(card_ext: &JsValue, options: &VerifyOptions) -> Report {
    let value = if card_ext.is_undefined() {
        Value::Null
    } else {
        match json_stringify(card_ext).ok().and_then(|t| t.as_string()) {
            Some(text) => Value::parse(&text).unwrap_or_default(),
            None => {
                return Report::new(
                    false,
                    vec![
                        crate::Error::InvalidType {
                            field: "cardExt".into(),
                            expected: "a JSON string",
                            found: type_name(card_ext),
                        }
                        .into(),
                    ],
                );
            }
        }
    };
    verify_value(&value, options)
}

/// `verifyCardList(items, options)`: one report per item of a `cardList`.
#[wasm_bindgen(js_name = verifyCardList)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn verify_card_list(
    items: JsValue,
    options_json: JsValue,
    is_client: JsValue,
) -> JsResult<JsValue> {
    let options = options(&options_json, &is_client)?;
    let items = json(&items, "cardList")?;
    Ok(to_plain(&ReportList::new(&items, &options)?)?)
}
