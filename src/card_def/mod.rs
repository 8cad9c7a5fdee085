//! Card definitions with mini-program links (the seed "小程序&卡券打通" §3.1).
//!
//! Since the card and mini-program integration, a card's entries (自定义入口,
//! 居中入口, 营销入口, and a member card's activation) can open a mini-program
//! page instead of an H5 link: `base_info` gains `*_app_brand_user_name` (the
//! mini-program's original ID plus `@app`) and `*_app_brand_pass` (the page),
//! beside the H5 fields, which stay. A mistake there is silent: the card is
//! created and the button goes nowhere. This module writes those fields
//! ([`with_mini_program_links`]), checks a whole card body and names every
//! mistake by its field path ([`validate_card_definition`]), and builds the
//! `card/update` body ([`card_update_body`]).
//!
//! What is documented and what is only observed is in SPEC.md §5: the byte
//! limits of the labels, the `gh_` + 12 hex digits shape of original IDs
//! (observed, so an unusual one is only a warning), and the placement of
//! `activate_app_brand_*`, which SDKs put at member-card level and the
//! announcement lists with `base_info` (both are accepted; see
//! [`with_mini_program_links`] for where it is written).

mod card_type;
mod checks;
mod fields;
mod links;
mod report;
mod shape;
mod update;
mod validate;

pub use card_type::CardType;
pub use fields::{LinkGroup, check_user_name, label_limit};
pub use links::{Link, Links, with_mini_program_links};
pub use update::card_update_body;
// The in-place forms, for the wasm adapters, which own their decoded JSON.
pub use validate::{validate_card_definition, validate_card_definition_str};
#[cfg(target_arch = "wasm32")]
pub(crate) use {links::write_links, update::update_body};
