//! The wasm-bindgen boundary suite, run in Node.js.
#![cfg(target_arch = "wasm32")]

mod wasm_common;
