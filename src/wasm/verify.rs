//! Adapters for checking server-issued cardExt: `verifyCardExt`,
//! `diagnoseCardExt`, `verifyCardList`.
//!
//! Given a ticket, they run on a client only with `allowTicketOnClient: true`.
//! "Now" for the freshness checks is `Date.now()` unless `nowSeconds` is given.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::decode::{client, json, json_object, json_or_empty, string, to_plain, type_name};
use super::error::JsResult;
use super::host::JsHost;
use crate::diagnose::{DiagnoseOptions, diagnose_card_ext as diagnose};
use crate::error::Result;
use crate::json::Value;
use crate::secret::ensure_ticket_allowed;
use crate::verify::fast::{self, Times};
use crate::verify::{
    Report, ReportList, VerifyOptions, verify_card_ext as verify,
    verify_card_ext_value as verify_value,
};

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
    let report = match card_ext.as_string() {
        Some(text) => verify(&text, &options),
        None => not_a_string(&card_ext, &options),
    };
    Ok(to_plain(&report)?)
}

/// The report on a cardExt that is not a string: never a throw. Values JSON can
/// hold (objects, numbers, …) are read as JSON; the rest are named by type.
fn not_a_string(card_ext: &JsValue, options: &VerifyOptions) -> Report {
    let value = if card_ext.is_undefined() {
        Value::Null
    } else {
        match js_sys::JSON::stringify(card_ext)
            .ok()
            .and_then(|t| t.as_string())
        {
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

/// `verifyCardList(items, options)`: one report per item of a `cardList`.
#[wasm_bindgen(js_name = verifyCardList)]
pub fn verify_card_list(
    items: JsValue,
    options_json: JsValue,
    is_client: JsValue,
) -> JsResult<JsValue> {
    let options = options(&options_json, &is_client)?;
    let items = json(&items, "cardList")?;
    Ok(to_plain(&ReportList::new(&items, &options)?)?)
}

thread_local! {
    /// Where the shim writes the strings of a fast call, in the module's
    /// memory: no allocation and no copy by the glue per call.
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Internal to the package's shim, not public API: the module's memory, in
/// which the shim writes to the scratch buffer.
#[wasm_bindgen(js_name = internalMemory)]
pub fn memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Internal to the package's shim, not public API: makes the scratch buffer
/// at least `len` bytes long and returns its address. The address holds
/// until the next call of this function.
#[wasm_bindgen(js_name = internalScratch)]
pub fn scratch(len: usize) -> usize {
    SCRATCH.with_borrow_mut(|buf| {
        if buf.len() < len {
            buf.resize(len, 0);
        }
        buf.as_ptr() as usize
    })
}

/// Two parts of the scratch buffer as text: the options, its first
/// `options_len` bytes, and the bytes `at..at + len`; "" for a part that is
/// not UTF-8 (the fast answer is then to take the full path).
pub(super) fn scratch_texts<T>(
    options_len: usize,
    at: usize,
    len: usize,
    run: impl FnOnce(&str, &str) -> T,
) -> T {
    SCRATCH.with_borrow(|buf| {
        let options = buf.get(..options_len).and_then(utf8).unwrap_or("");
        let rest = at.checked_add(len).and_then(|end| buf.get(at..end));
        run(options, rest.and_then(utf8).unwrap_or(""))
    })
}

fn utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// Internal to the package's shim, not public API: the fast answer of
/// `verifyCardExt` for plain options (see `verify::fast::answer_one`), the
/// options' strings and the cardExt in the scratch buffer: 0 take the full
/// path, 1 clean without a ticket, 2 clean and signed. `card_id`, `ticket`,
/// `openid` and `code` are the UTF-16 lengths of the options' strings (-1: absent).
#[wasm_bindgen(js_name = internalVerifyClean)]
#[allow(clippy::too_many_arguments)]
pub fn verify_clean(
    options_len: usize,
    at: usize,
    len: usize,
    card_id: i32,
    ticket: i32,
    openid: i32,
    code: i32,
    now: f64,
    now_given: bool,
    max_age: f64,
) -> u8 {
    let times = Times {
        now,
        now_given,
        max_age,
    };
    let lens = [card_id, ticket, openid, code];
    scratch_texts(options_len, at, len, |options, card_ext| {
        fast::answer_one(options, lens, card_ext, times) as u8
    })
}

/// Internal to the package's shim, not public API: the fast answer of
/// `verifyCardList` for plain options and items (see
/// `verify::fast::answer_list`), the options' strings and the items' in the
/// scratch buffer.
#[wasm_bindgen(js_name = internalVerifyCleanList)]
pub fn verify_clean_list(
    options_len: usize,
    at: usize,
    len: usize,
    lens: &[i32],
    now: f64,
    now_given: bool,
    max_age: f64,
) -> u8 {
    let times = Times {
        now,
        now_given,
        max_age,
    };
    scratch_texts(options_len, at, len, |options, items| {
        fast::answer_list(options, lens, items, times) as u8
    })
}
