//! The link and label fields of a card's `base_info`: names, byte limits and value rules.

use crate::error::{Error, Result};
use crate::problem::Problem;

/// One of the four mini-program entries the seed adds to a card (SPEC §5.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkGroup {
    /// 自定义使用入口: `custom_app_brand_*`, labelled by `custom_url_name` / `custom_url_sub_title`.
    Custom,
    /// 居中使用入口: `center_app_brand_*`, labelled by `center_title` / `center_sub_title`.
    Center,
    /// 营销入口: `promotion_app_brand_*`, labelled by `promotion_url_name` / `promotion_url_sub_title`.
    Promotion,
    /// 会员卡激活: `activate_app_brand_*`, member cards only, no label.
    Activate,
}

impl LinkGroup {
    /// The four groups, in the order of the JS `links` object.
    pub const ALL: [LinkGroup; 4] = [
        LinkGroup::Custom,
        LinkGroup::Center,
        LinkGroup::Promotion,
        LinkGroup::Activate,
    ];

    /// The group's key in the JS `links` object: `custom`, `center`, `promotion`, `activate`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn js_name(self) -> &'static str {
        match self {
            LinkGroup::Custom => "custom",
            LinkGroup::Center => "center",
            LinkGroup::Promotion => "promotion",
            LinkGroup::Activate => "activate",
        }
    }

    /// The field holding the mini-program, e.g. `custom_app_brand_user_name`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn user_name_key(self) -> &'static str {
        match self {
            LinkGroup::Custom => "custom_app_brand_user_name",
            LinkGroup::Center => "center_app_brand_user_name",
            LinkGroup::Promotion => "promotion_app_brand_user_name",
            LinkGroup::Activate => "activate_app_brand_user_name",
        }
    }

    /// The field holding the page path, e.g. `custom_app_brand_pass`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn pass_key(self) -> &'static str {
        match self {
            LinkGroup::Custom => "custom_app_brand_pass",
            LinkGroup::Center => "center_app_brand_pass",
            LinkGroup::Promotion => "promotion_app_brand_pass",
            LinkGroup::Activate => "activate_app_brand_pass",
        }
    }

    /// The label field a link's `title` is written to, if the entry has one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn title_key(self) -> Option<&'static str> {
        match self {
            LinkGroup::Custom => Some("custom_url_name"),
            LinkGroup::Center => Some("center_title"),
            LinkGroup::Promotion => Some("promotion_url_name"),
            LinkGroup::Activate => None,
        }
    }

    /// The label field a link's `subTitle` is written to, if the entry has one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn sub_title_key(self) -> Option<&'static str> {
        match self {
            LinkGroup::Custom => Some("custom_url_sub_title"),
            LinkGroup::Center => Some("center_sub_title"),
            LinkGroup::Promotion => Some("promotion_url_sub_title"),
            LinkGroup::Activate => None,
        }
    }

    /// The H5 link field of the same entry in `base_info`, which WeChat no longer
    /// accepts on create without a mini-program beside it.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn h5_key(self) -> Option<&'static str> {
        match self {
            LinkGroup::Custom => Some("custom_url"),
            LinkGroup::Center => Some("center_url"),
            LinkGroup::Promotion => Some("promotion_url"),
            LinkGroup::Activate => None,
        }
    }
}

/// The UTF-8 byte limit of a `base_info` label field (SPEC §5.3: WeChat's
/// `string(N)` is bytes, so one Chinese character counts 3).
///
/// `custom_url_name` and `promotion_url_name` 15, `center_title` and every other
/// `*_sub_title` 18, `center_sub_title` 24, `title` 27, `brand_name` 36, `notice` 48,
/// `description` 3072; `None` for fields without a label limit.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn label_limit(key: &str) -> Option<usize> {
    match key {
        "custom_url_name" | "promotion_url_name" => Some(15),
        "center_title" => Some(18),
        "center_sub_title" => Some(24),
        "title" => Some(27),
        "brand_name" => Some(36),
        "notice" => Some(48),
        "description" => Some(3072),
        k if k.ends_with("_sub_title") => Some(18),
        _ => None,
    }
}

/// Checks a label against its byte limit.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_label(value: &str, max: usize, field: &str) -> Result<()> {
    if value.len() > max {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max,
            len: value.len(),
            unit: "bytes",
        });
    }
    Ok(())
}

/// Checks a mini-program `user_name`: the original ID (`gh_…`) plus `@app`.
///
/// A `wx…` AppID (`wx` and 16 hex digits, with or without `@app`) is
/// [`Error::AppIdAsUserName`]; any other shape is
/// [`Error::InvalidUserName`]. An original ID that is not `gh_` plus 12
/// lowercase hex digits (every one observed so far, but undocumented) is
/// accepted with the warning returned as `Ok(Some(_))`.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_user_name(value: &str, field: &str) -> Result<Option<Problem>> {
    let invalid = |reason: &str| invalid_user_name(field, reason);
    if value.is_empty() {
        return Err(Error::missing(field));
    }
    if value.trim() != value {
        return Err(invalid("has leading or trailing whitespace"));
    }
    let id = value.strip_suffix("@app");
    if is_app_id(id.unwrap_or(value)) {
        return Err(Error::AppIdAsUserName {
            field: field.to_owned(),
        });
    }
    let Some(id) = id else {
        return Err(if value.starts_with("gh_") {
            invalid("does not end with \"@app\"")
        } else {
            invalid("is not an original ID followed by \"@app\"")
        });
    };
    let Some(hex) = id.strip_prefix("gh_") else {
        return Err(invalid("the part before \"@app\" must start with \"gh_\""));
    };
    let usual = hex.len() == 12 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if usual {
        return Ok(None);
    }
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(invalid(
            "the original ID after \"gh_\" must be letters and digits",
        ));
    }
    Ok(Some(Problem::warning(
        "UNUSUAL_USER_NAME",
        Some(field.to_owned()),
        format!(
            "{field}: every observed original ID is \"gh_\" plus 12 lowercase hex digits; check \"{}\" against 小程序后台 → 设置 → 基本设置 → 原始ID",
            crate::json::truncate(value, 40)
        ),
    )))
}

/// [`Error::InvalidUserName`] at `field`.
// Not inlined: the five refusals of `check_user_name` share one copy.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn invalid_user_name(field: &str, reason: &str) -> Error {
    Error::InvalidUserName {
        field: field.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Whether `s` looks like a mini-program AppID: `wx` and 16 hexadecimal digits.
#[cfg_attr(wxcard_size, optimize(size))]
fn is_app_id(s: &str) -> bool {
    s.strip_prefix("wx")
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Checks a mini-program page path: not blank, and not a web URL (the H5 link
/// belongs in `*_url`). The path is not normalised: WeChat documents no format,
/// and both `pages/a/a` and `/pages/a/a?x=1` are seen.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_path(value: &str, field: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::missing(field));
    }
    let lower = value.trim_start().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Err(Error::invalid_value(
            field,
            "a web URL; this field takes a mini-program page path such as \"pages/card/card\" (the H5 link goes in the entry's *_url field)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names() {
        assert_eq!(check_user_name("gh_86a091e50ad4@app", "u"), Ok(None));
        let warn = check_user_name("gh_86A091E50AD4@app", "u")
            .unwrap()
            .unwrap();
        assert_eq!(warn.code, "UNUSUAL_USER_NAME");
        for (bad, code) in [
            ("wx1234567890abcdef", "APP_ID_AS_USER_NAME"),
            ("wx1234567890abcdef@app", "APP_ID_AS_USER_NAME"),
            ("wxapp@app", "INVALID_USER_NAME"),
            ("gh_86a091e50ad4", "INVALID_USER_NAME"),
            ("86a091e50ad4@app", "INVALID_USER_NAME"),
            (" gh_86a091e50ad4@app", "INVALID_USER_NAME"),
            ("gh_@app", "INVALID_USER_NAME"),
            ("gh_8/a@app", "INVALID_USER_NAME"),
            ("", "MISSING_FIELD"),
        ] {
            let e = check_user_name(bad, "links.custom.userName").unwrap_err();
            assert_eq!(e.code(), code, "{bad}");
            assert_eq!(e.field(), Some("links.custom.userName"));
        }
    }

    #[test]
    fn paths() {
        assert!(check_path("API/cardPage", "p").is_ok());
        assert!(check_path("/pages/topUp/topUp?pcid=2392", "p").is_ok());
        assert_eq!(check_path(" ", "p").unwrap_err().code(), "MISSING_FIELD");
        assert_eq!(
            check_path("HTTPS://www.qq.com", "p").unwrap_err().code(),
            "INVALID_VALUE"
        );
    }

    #[test]
    fn label_limits_are_bytes() {
        assert_eq!(label_limit("custom_url_sub_title"), Some(18));
        assert_eq!(label_limit("center_sub_title"), Some(24));
        assert_eq!(label_limit("custom_url"), None);
        assert!(check_label("立即使用", 15, "f").is_ok());
        let e = check_label("立即使用吧啊", 15, "f").unwrap_err();
        assert_eq!(e.to_string(), "f: at most 15 bytes allowed, got 18");
    }
}
