//! The WebAssembly feature gate for the shipped `.wasm`.
//!
//! iOS `WXWebAssembly` has rejected modules that use post-MVP features (reference types, bulk
//! memory), so the package ships a module that validates with only the MVP plus
//! mutable-globals and sign-extension enabled. Validation (not a scan of the `target_features`
//! section) is what proves it: every instruction, type and section is checked.

use std::path::Path;

use wasmparser::{Validator, WasmFeatures};

use crate::cmd::XResult;
use crate::fail;

/// The features the shipped module may use: MVP (floats, plain function types), mutable globals,
/// sign-extension operators. Nothing else (no reference types, bulk memory, multi-value,
/// non-trapping float-to-int, SIMD, overlong `call_indirect` encodings).
pub fn allowed_features() -> WasmFeatures {
    WasmFeatures::WASM1 | WasmFeatures::SIGN_EXTENSION
}

/// Validates `bytes` with only [`allowed_features`] enabled.
pub fn check_bytes(bytes: &[u8]) -> Result<(), String> {
    Validator::new_with_features(allowed_features())
        .validate_all(bytes)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Validates the file at `path`, failing with a message that says which feature crept in.
pub fn check_file(path: &Path) -> XResult {
    let bytes = std::fs::read(path).map_err(|e| fail!("cannot read {}: {e}", path.display()))?;
    check_bytes(&bytes).map_err(|why| {
        fail!(
            "{} uses a WebAssembly feature outside MVP + mutable-globals + sign-ext: {why}\n    \
             iOS WXWebAssembly may reject it. Build with the MVP nightly build (`cargo xtask build`), \
             keep wasm-opt's features matching, and avoid dependencies that need newer features.",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(module (func (param i32) (result i32) local.get 0 i32.extend8_s))` — sign-ext only.
    const SIGN_EXT: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type: (i32) -> i32
        0x03, 0x02, 0x01, 0x00, // func 0 has type 0
        0x0a, 0x07, 0x01, 0x05, 0x00, 0x20, 0x00, 0xc0,
        0x0b, // local.get 0; i32.extend8_s; end
    ];

    /// `(module (memory 1) (func (param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.copy))`.
    const BULK_MEMORY: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x07, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00, // type: (i32 i32 i32) -> ()
        0x03, 0x02, 0x01, 0x00, // func 0 has type 0
        0x05, 0x03, 0x01, 0x00, 0x01, // memory: min 1
        0x0a, 0x0e, 0x01, 0x0c, 0x00, // code: one body of 12 bytes, no locals
        0x20, 0x00, 0x20, 0x01, 0x20, 0x02, // local.get 0, 1, 2
        0xfc, 0x0a, 0x00, 0x00, 0x0b, // memory.copy 0 0; end
    ];

    /// `(module (func (result externref) ref.null extern))` — reference types.
    const EXTERNREF: &[u8] = &[
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x6f, // type: () -> externref
        0x03, 0x02, 0x01, 0x00, // func 0 has type 0
        0x0a, 0x06, 0x01, 0x04, 0x00, 0xd0, 0x6f, 0x0b, // ref.null extern; end
    ];

    #[test]
    fn accepts_sign_extension() {
        assert_eq!(check_bytes(SIGN_EXT), Ok(()));
    }

    #[test]
    fn rejects_bulk_memory() {
        let why = check_bytes(BULK_MEMORY).unwrap_err();
        assert!(why.contains("bulk memory"), "{why}");
    }

    #[test]
    fn rejects_reference_types() {
        assert!(check_bytes(EXTERNREF).is_err());
    }

    #[test]
    fn the_same_modules_pass_with_every_default_feature() {
        for module in [SIGN_EXT, BULK_MEMORY, EXTERNREF] {
            assert!(Validator::new().validate_all(module).is_ok());
        }
    }
}
