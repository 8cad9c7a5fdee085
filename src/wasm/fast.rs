//! The shim's fast path, internal and not public API: for plain option bags
//! the shim writes the strings into a scratch buffer in the module's memory
//! and asks for an allocation-free answer (`verify::fast`,
//! `builder::build_from_parts`); any other answer sends it down the full
//! path of the public adapters.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::host::JsHost;
use crate::builder::build_from_parts;
use crate::verify::fast::{self, Times};

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
fn scratch_texts<T>(
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
