//! The wasm [`Host`]: the JS clock and random bytes handed over by the shim.
//!
//! WebAssembly has no clock or entropy of its own. The time is read with
//! `Date.now()`; random bytes come from the JS shim, which passes a
//! `Uint8Array` filled by `crypto.getRandomValues` (browsers, Node) or by its
//! `wx.getRandomValues` pool (mini-programs) to the calls that may need a
//! nonce, or `undefined` when it has no secure source.

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

use super::js::{Uint8Array, date_now};

use crate::error::{Error, Result};
use crate::host::Host;

/// A host for one call: `Date.now()` and the bytes the shim passed.
#[derive(Debug, Default)]
pub struct JsHost {
    random: RefCell<Vec<u8>>,
}

impl JsHost {
    /// A host whose random bytes are `random` if it is a `Uint8Array`; any
    /// other value means "no secure random source".
    pub fn new(random: &JsValue) -> Self {
        let bytes = random
            .dyn_ref::<Uint8Array>()
            .map(Uint8Array::to_vec)
            .unwrap_or_default();
        JsHost {
            random: RefCell::new(bytes),
        }
    }
}

impl Host for JsHost {
    fn now_seconds(&self) -> Result<u64> {
        let ms = date_now();
        if ms.is_finite() && ms >= 0.0 {
            // NOTE: finite, non-negative and below 2^53, so the cast is exact after floor.
            Ok((ms / 1000.0).floor() as u64)
        } else {
            Err(Error::NoClock)
        }
    }

    fn fill_random(&self, buf: &mut [u8]) -> Result<()> {
        let mut pool = self.random.borrow_mut();
        if pool.len() < buf.len() {
            return Err(Error::NoRandomSource);
        }
        // Taken from the end, so the bytes left need no moving.
        let rest = pool.len() - buf.len();
        for (dst, src) in buf.iter_mut().zip(pool.iter().skip(rest)) {
            *dst = *src;
        }
        pool.truncate(rest);
        Ok(())
    }
}
