//! The fuzz harness: one function per target, each taking the raw input bytes
//! and asserting the invariants that must hold for every input.
//!
//! Shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and by the
//! regression test `tests/fuzz_regressions.rs`, which replays every input kept
//! in `fuzz/regressions/<target>/`. A panic here is a finding.

#![allow(dead_code)]

mod card_def;
mod card_ext;
mod json;
pub mod secrets;
mod verify;
mod version;
mod webview;

pub use card_def::card_definition;
pub use card_ext::card_ext;
pub use json::json;
pub use verify::verify;
pub use version::compare_version;
pub use webview::webview_query;

/// One fuzz target: its name and its harness function.
pub type Target = (&'static str, fn(&[u8]));

/// The targets, by name, for replaying kept inputs.
pub const TARGETS: [Target; 6] = [
    ("card_definition", card_definition),
    ("card_ext", card_ext),
    ("compare_version", compare_version),
    ("json", json),
    ("verify", verify),
    ("webview_query", webview_query),
];

/// The input as text. Invalid UTF-8 is replaced rather than rejected, so every
/// input exercises the code under test.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Splits `data` at its first `\n` into two texts (the second empty if none).
pub fn split2(data: &[u8]) -> (String, String) {
    let s = text(data);
    match s.split_once('\n') {
        Some((a, b)) => (a.to_owned(), b.to_owned()),
        None => (s, String::new()),
    }
}
