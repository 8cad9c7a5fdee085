//! The field rules shared by validation and the update body: labels, link pairs,
//! user names, H5 links and the placement of activation links.

use crate::json::{Map, ToJson, Value};

use super::card_type::CardType;
use super::fields::{LinkGroup, check_label, check_path, check_user_name, label_limit};
use super::report::{Findings, invalid_type};
use crate::error::Error;
use crate::json::join;
use crate::text::concat;

/// How deep the link scan follows nested objects and arrays.
const MAX_DEPTH: usize = 8;

/// The key endings of the two halves of a mini-program link.
const USER: &str = "app_brand_user_name";
const PASS: &str = "app_brand_pass";

/// Whether `value` is a string that is not blank.
#[cfg_attr(wxcard_size, optimize(size))]
fn filled(value: Option<&Value>) -> bool {
    matches!(value, Some(Value::String(s)) if !s.trim().is_empty())
}

/// The rules of `base_info` (at `path`) that are not about link pairs: label
/// byte limits, H5 links without a mini-program, activation links on a card
/// that is not a member card.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn base_info(map: &Map, path: &str, card_type: CardType, out: &mut Findings) {
    for (key, value) in map {
        let Some(max) = label_limit(key) else {
            continue;
        };
        let field = join(path, key);
        match value {
            Value::String(s) => {
                if let Err(e) = check_label(s, max, &field) {
                    out.error(e);
                }
            }
            Value::Null => {}
            other => out.error(invalid_type(field, "a string", other)),
        }
    }
    for group in LinkGroup::ALL {
        let Some(h5) = group.h5_key() else { continue };
        let user_name = group.user_name_key();
        if filled(map.get(h5)) && !filled(map.get(user_name)) {
            out.warn(
                "H5_LINK_WITHOUT_MINI_PROGRAM",
                join(path, h5),
                &[
                    "WeChat now refuses H5 links on create (\"不再支持配置网页链接跳转,请选择小程序替代\"); add ",
                    user_name,
                    " and ",
                    group.pass_key(),
                    " beside it",
                ],
            );
        }
    }
    activate_off_member_card(map, path, card_type, out);
}

/// Warnings for activation links in `map` (at `path`) when the card is not a
/// member card, the only type that has them.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn activate_off_member_card(
    map: &Map,
    path: &str,
    card_type: CardType,
    out: &mut Findings,
) {
    if card_type == CardType::MemberCard {
        return;
    }
    let activate = LinkGroup::Activate;
    for key in [activate.user_name_key(), activate.pass_key()] {
        if map.contains_key(key) {
            out.warn(
                "ACTIVATE_LINK_NOT_MEMBER_CARD",
                join(path, key),
                &[
                    "activation links exist only on MEMBER_CARD, and this card is ",
                    card_type.as_str(),
                    "; WeChat ignores it",
                ],
            );
        }
    }
}

/// Where a member card (`member_card`, at `path`) keeps its activation links.
///
/// SDKs put `activate_app_brand_*` at the member card's own level, beside
/// `activate_url`; the announcement lists them with `base_info`. Either level is
/// accepted: a link only in `base_info` is a warning, and so are two levels
/// that disagree.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn member_level(map: &Map, path: &str, out: &mut Findings) {
    let Some(Value::Object(base)) = map.get("base_info") else {
        return;
    };
    let activate = LinkGroup::Activate;
    for key in [activate.user_name_key(), activate.pass_key()] {
        match (map.get(key), base.get(key)) {
            (None, Some(_)) => out.warn(
                "ACTIVATE_LINK_PLACEMENT",
                join(&join(path, "base_info"), key),
                &[
                    "WeChat's documents disagree on where activation links go; SDKs put ",
                    key,
                    " at member_card level beside activate_url (withMiniProgramLinks writes it there), the announcement lists it with base_info; set it at member_card level too",
                ],
            ),
            // Compared as JSON text, which is one-to-one with values (keys are
            // sorted, numbers kept as written): smaller in the `.wasm` than a
            // structural comparison that only this check would use.
            (Some(here), Some(there)) if here.to_json() != there.to_json() => out.warn(
                "ACTIVATE_LINK_PLACEMENT",
                join(path, key),
                &[
                    "differs from base_info.",
                    key,
                    "; it is not documented which one WeChat uses, so give both the same value",
                ],
            ),
            _ => {}
        }
    }
}

/// Every `*app_brand_user_name` / `*app_brand_pass` pair in `map` (at `path`)
/// and below it: both halves present, strings, and a well-formed user name.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn app_brand_links(map: &Map, path: &str, out: &mut Findings) {
    scan_map(map, path, 0, out);
}

/// The link pairs of `map` and of everything under it, `depth` levels down.
#[cfg_attr(wxcard_size, optimize(size))]
fn scan_map(map: &Map, path: &str, depth: usize, out: &mut Findings) {
    pairs(map, path, out);
    for (key, child) in map {
        scan(child, &join(path, key), depth + 1, out);
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn scan(value: &Value, path: &str, depth: usize, out: &mut Findings) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => scan_map(map, path, depth, out),
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                scan(child, &crate::input::indexed(path, i), depth + 1, out);
            }
        }
        _ => {}
    }
}

/// The link halves among the members of `map`: each a string, valid, and with its partner set.
#[cfg_attr(wxcard_size, optimize(size))]
fn pairs(map: &Map, path: &str, out: &mut Findings) {
    for (key, value) in map {
        let (stem, is_user) = match (key.strip_suffix(USER), key.strip_suffix(PASS)) {
            (Some(stem), _) => (stem, true),
            (None, Some(stem)) => (stem, false),
            (None, None) => continue,
        };
        let field = join(path, key);
        let s = match value {
            Value::Null => continue,
            Value::String(s) => s,
            other => {
                out.error(invalid_type(field, "a string", other));
                continue;
            }
        };
        if s.trim().is_empty() {
            continue;
        }
        if is_user {
            match check_user_name(s, &field) {
                Ok(Some(warning)) => out.warning(warning),
                Ok(None) => {}
                Err(e) => out.error(e),
            }
        } else if let Err(e) = check_path(s, &field) {
            out.error(e);
        }
        let partner = concat(&[stem, if is_user { PASS } else { USER }]);
        // A partner of the wrong type is reported as such, not as missing.
        let unpaired = match map.get(&partner) {
            None | Some(Value::Null) => true,
            Some(Value::String(partner)) => partner.trim().is_empty(),
            Some(_) => false,
        };
        if unpaired {
            out.error(Error::UnpairedField {
                field: join(path, &partner),
                partner: key.clone(),
            });
        }
    }
}
