//! Adapter for `cardSignature(values)`.

use wasm_bindgen::prelude::*;

use super::decode::{json, signature_values};
use super::error::{JsResult, run};

/// `cardSignature(values)`: WeChat's card signature over `values` (JSON text of an array).
#[wasm_bindgen(js_name = cardSignature)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn card_signature(values: JsValue) -> JsResult<String> {
    run(|| {
        let values = signature_values(&json(&values, "values")?, "values")?;
        Ok(crate::sign::card_signature(&values))
    })
}
