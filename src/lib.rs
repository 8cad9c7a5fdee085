#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]
// The release `.wasm` is built with nightly and `--cfg wxcard_size` (see `cargo xtask build`):
// entry points that are not hot paths carry `#[cfg_attr(wxcard_size, optimize(size))]`, so they
// are optimised for size while the signing and verifying paths stay at `opt-level = 3`.
#![cfg_attr(wxcard_size, feature(optimize_attribute))]
// No panics reachable from input: no unwrap, expect, panic or slice indexing outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo
    )
)]

pub mod builder;
pub mod card_def;
pub mod card_ext;
pub mod card_list;
pub mod choose_card;
pub mod diagnose;
mod digest;
pub mod environment;
pub mod error;
pub mod host;
mod input;
pub mod jsapi;
pub mod json;
pub mod problem;
mod redact;
pub mod rules;
pub mod secret;
pub mod sign;
mod text;
pub mod verify;
pub mod webview;

pub use builder::{CardExtInput, build_card_ext};
pub use card_def::{
    CardType, Link, Links, card_update_body, validate_card_definition,
    validate_card_definition_str, with_mini_program_links,
};
pub use card_ext::CardExt;
pub use card_list::{
    AddCardInput, AddCardItem, CardExtArg, OpenCardItem, add_card_list, open_card_list,
};
pub use choose_card::{ChooseCardInput, ChooseCardParams, choose_card_params};
pub use diagnose::{Diagnosis, diagnose_card_ext};
pub use error::Error;
pub use host::Host;
pub use jsapi::{JsapiConfig, JsapiConfigInput, jsapi_config};
pub use json::{ToJson, Value};
pub use problem::{Problem, Severity};
pub use secret::{Ticket, ensure_ticket_allowed};
pub use sign::{card_signature, signatures_match};
pub use verify::{Report, VerifyOptions, verify_card_ext, verify_card_ext_value, verify_card_list};

#[cfg(target_arch = "wasm32")]
pub mod wasm;
