//! The field rules shared by validation and the update body: labels, link pairs,
//! user names, H5 links and the placement of activation links.

use crate::json::{Map, Value};

use super::card_type::CardType;
use super::fields::{LinkGroup, check_label, check_path, check_user_name, label_limit};
use crate::error::Error;
use crate::json::{join, type_name};
use crate::problem::Problem;

/// How deep the link scan follows nested objects and arrays.
const MAX_DEPTH: usize = 8;

/// Errors and warnings in the order they were found.
#[derive(Default)]
pub(crate) struct Findings {
    items: Vec<Finding>,
}

enum Finding {
    Error(Error),
    Warning(Problem),
}

impl Findings {
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn error(&mut self, e: Error) {
        self.items.push(Finding::Error(e));
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn warn(&mut self, code: &'static str, field: String, message: String) {
        self.items.push(Finding::Warning(Problem::warning(
            code,
            Some(field),
            message,
        )));
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn warning(&mut self, p: Problem) {
        self.items.push(Finding::Warning(p));
    }

    /// The first error, for the functions that return `Result`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn first_error(self) -> Option<Error> {
        self.items.into_iter().find_map(|f| match f {
            Finding::Error(e) => Some(e),
            Finding::Warning(_) => None,
        })
    }

    /// Everything, as problems.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn into_problems(self) -> Vec<Problem> {
        self.items
            .into_iter()
            .map(|f| match f {
                Finding::Error(e) => Problem::from(e),
                Finding::Warning(p) => p,
            })
            .collect()
    }
}

/// A non-blank string value of `key`, if any.
#[cfg_attr(wxcard_size, optimize(size))]
fn text<'a>(map: &'a Map, key: &str) -> Option<&'a str> {
    match map.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
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
            other => out.error(Error::InvalidType {
                field,
                expected: "a string",
                found: type_name(other),
            }),
        }
    }
    for group in LinkGroup::ALL {
        let Some(h5) = group.h5_key() else { continue };
        if text(map, h5).is_some() && text(map, group.user_name_key()).is_none() {
            out.warn(
                "H5_LINK_WITHOUT_MINI_PROGRAM",
                join(path, h5),
                format!(
                    "{}: WeChat now refuses H5 links on create (\"不再支持配置网页链接跳转,请选择小程序替代\"); add {} and {} beside it",
                    join(path, h5),
                    group.user_name_key(),
                    group.pass_key()
                ),
            );
        }
    }
    if card_type != CardType::MemberCard {
        let activate = LinkGroup::Activate;
        for key in [activate.user_name_key(), activate.pass_key()] {
            if map.contains_key(key) {
                not_member_card(&join(path, key), card_type, out);
            }
        }
    }
}

/// A warning for an activation link on a card that is not a member card.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn not_member_card(field: &str, card_type: CardType, out: &mut Findings) {
    out.warn(
        "ACTIVATE_LINK_NOT_MEMBER_CARD",
        field.to_owned(),
        format!("{field}: activation links exist only on MEMBER_CARD, and this card is {card_type}; WeChat ignores it"),
    );
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
            (None, Some(_)) => {
                let field = join(&join(path, "base_info"), key);
                out.warn(
                    "ACTIVATE_LINK_PLACEMENT",
                    field.clone(),
                    format!(
                        "{field}: WeChat's documents disagree on where activation links go; SDKs put {key} at member_card level beside activate_url (withMiniProgramLinks writes it there), the announcement lists it with base_info; set it at member_card level too"
                    ),
                );
            }
            (Some(here), Some(there)) if here != there => {
                let field = join(path, key);
                out.warn(
                    "ACTIVATE_LINK_PLACEMENT",
                    field.clone(),
                    format!(
                        "{field}: differs from base_info.{key}; it is not documented which one WeChat uses, so give both the same value"
                    ),
                );
            }
            _ => {}
        }
    }
}

/// Every `*app_brand_user_name` / `*app_brand_pass` pair under `value` (at
/// `path`): both halves present, strings, and a well-formed user name.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn app_brand_links(map: &Map, path: &str, out: &mut Findings) {
    pairs(map, path, out);
    for (key, child) in map {
        scan(child, &join(path, key), 1, out);
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn scan(value: &Value, path: &str, depth: usize, out: &mut Findings) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Object(map) => {
            pairs(map, path, out);
            for (key, child) in map {
                scan(child, &join(path, key), depth + 1, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                scan(child, &format!("{path}[{i}]"), depth + 1, out);
            }
        }
        _ => {}
    }
}

const USER: &str = "app_brand_user_name";
const PASS: &str = "app_brand_pass";

#[cfg_attr(wxcard_size, optimize(size))]
fn pairs(map: &Map, path: &str, out: &mut Findings) {
    for (key, value) in map {
        let partner = if let Some(stem) = key.strip_suffix(USER) {
            format!("{stem}{PASS}")
        } else if let Some(stem) = key.strip_suffix(PASS) {
            format!("{stem}{USER}")
        } else {
            continue;
        };
        let field = join(path, key);
        let present = match value {
            Value::Null => false,
            Value::String(s) => !s.trim().is_empty(),
            other => {
                out.error(Error::InvalidType {
                    field,
                    expected: "a string",
                    found: type_name(other),
                });
                continue;
            }
        };
        if !present {
            continue;
        }
        if let Value::String(s) = value {
            if key.ends_with(USER) {
                match check_user_name(s, &field) {
                    Ok(Some(warning)) => out.warning(warning),
                    Ok(None) => {}
                    Err(e) => out.error(e),
                }
            } else if let Err(e) = check_path(s, &field) {
                out.error(e);
            }
        }
        if text(map, &partner).is_none()
            && !matches!(map.get(&partner), Some(v) if !v.is_string() && !v.is_null())
        {
            out.error(Error::UnpairedField {
                field: join(path, &partner),
                partner: key.clone(),
            });
        }
    }
}
