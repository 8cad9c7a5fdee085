//! The wasm-bindgen adapters: the only place with `#[wasm_bindgen]`.
