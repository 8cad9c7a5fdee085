//! The link and label fields of a card's `base_info`: names, byte limits and value rules.

use crate::error::{Error, Result};
use crate::problem::Problem;

use super::report::warning;

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

/// The field names of one [`LinkGroup`]: one row of a table, so that every
/// lookup is a field read rather than a `match` of its own.
struct GroupKeys {
    js_name: &'static str,
    user_name: &'static str,
    pass: &'static str,
    title: Option<&'static str>,
    sub_title: Option<&'static str>,
    h5: Option<&'static str>,
}

const CUSTOM: GroupKeys = GroupKeys {
    js_name: "custom",
    user_name: "custom_app_brand_user_name",
    pass: "custom_app_brand_pass",
    title: Some("custom_url_name"),
    sub_title: Some("custom_url_sub_title"),
    h5: Some("custom_url"),
};

const CENTER: GroupKeys = GroupKeys {
    js_name: "center",
    user_name: "center_app_brand_user_name",
    pass: "center_app_brand_pass",
    title: Some("center_title"),
    sub_title: Some("center_sub_title"),
    h5: Some("center_url"),
};

const PROMOTION: GroupKeys = GroupKeys {
    js_name: "promotion",
    user_name: "promotion_app_brand_user_name",
    pass: "promotion_app_brand_pass",
    title: Some("promotion_url_name"),
    sub_title: Some("promotion_url_sub_title"),
    h5: Some("promotion_url"),
};

const ACTIVATE: GroupKeys = GroupKeys {
    js_name: "activate",
    user_name: "activate_app_brand_user_name",
    pass: "activate_app_brand_pass",
    title: None,
    sub_title: None,
    h5: None,
};

impl LinkGroup {
    /// The four groups, in the order of the JS `links` object.
    pub const ALL: [LinkGroup; 4] = [
        LinkGroup::Custom,
        LinkGroup::Center,
        LinkGroup::Promotion,
        LinkGroup::Activate,
    ];

    /// The group's row of field names.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn keys(self) -> &'static GroupKeys {
        match self {
            LinkGroup::Custom => &CUSTOM,
            LinkGroup::Center => &CENTER,
            LinkGroup::Promotion => &PROMOTION,
            LinkGroup::Activate => &ACTIVATE,
        }
    }

    /// The group's key in the JS `links` object: `custom`, `center`, `promotion`, `activate`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn js_name(self) -> &'static str {
        self.keys().js_name
    }

    /// The field holding the mini-program, e.g. `custom_app_brand_user_name`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn user_name_key(self) -> &'static str {
        self.keys().user_name
    }

    /// The field holding the page path, e.g. `custom_app_brand_pass`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn pass_key(self) -> &'static str {
        self.keys().pass
    }

    /// The label field a link's `title` is written to, if the entry has one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn title_key(self) -> Option<&'static str> {
        self.keys().title
    }

    /// The label field a link's `subTitle` is written to, if the entry has one.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn sub_title_key(self) -> Option<&'static str> {
        self.keys().sub_title
    }

    /// The H5 link field of the same entry in `base_info`, which WeChat no longer
    /// accepts on create without a mini-program beside it.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn h5_key(self) -> Option<&'static str> {
        self.keys().h5
    }
}

/// The `base_info` label fields with a limit of their own (SPEC §5.3); every
/// other `*_sub_title` is [`SUB_TITLE_LIMIT`].
const LABEL_LIMITS: [(&str, usize); 8] = [
    ("custom_url_name", 15),
    ("promotion_url_name", 15),
    ("center_title", 18),
    ("center_sub_title", 24),
    ("title", 27),
    ("brand_name", 36),
    ("notice", 48),
    ("description", 3072),
];

/// The byte limit of a `*_sub_title` not in [`LABEL_LIMITS`].
const SUB_TITLE_LIMIT: usize = 18;

/// The UTF-8 byte limit of a `base_info` label field (SPEC §5.3: WeChat's
/// `string(N)` is bytes, so one Chinese character counts 3).
///
/// `custom_url_name` and `promotion_url_name` 15, `center_title` and every other
/// `*_sub_title` 18, `center_sub_title` 24, `title` 27, `brand_name` 36, `notice` 48,
/// `description` 3072; `None` for fields without a label limit.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn label_limit(key: &str) -> Option<usize> {
    LABEL_LIMITS
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, max)| *max)
        .or_else(|| key.ends_with("_sub_title").then_some(SUB_TITLE_LIMIT))
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

/// What is wrong with a mini-program `user_name`, if anything.
enum UserName {
    /// `gh_` plus 12 lowercase hex digits plus `@app`.
    Usual,
    /// An original ID of another length or case: accepted with a warning.
    Unusual,
    /// The empty string.
    Empty,
    /// A `wx…` AppID.
    AppId,
    /// Any other shape, and why.
    Invalid(&'static str),
}

/// The shape of a mini-program `user_name`.
#[cfg_attr(wxcard_size, optimize(size))]
fn user_name_shape(value: &str) -> UserName {
    if value.is_empty() {
        return UserName::Empty;
    }
    if value.trim() != value {
        return UserName::Invalid("has leading or trailing whitespace");
    }
    let id = value.strip_suffix("@app");
    if is_app_id(id.unwrap_or(value)) {
        return UserName::AppId;
    }
    let Some(id) = id else {
        return UserName::Invalid(if value.starts_with("gh_") {
            "does not end with \"@app\""
        } else {
            "is not an original ID followed by \"@app\""
        });
    };
    let Some(hex) = id.strip_prefix("gh_") else {
        return UserName::Invalid("the part before \"@app\" must start with \"gh_\"");
    };
    if hex.len() == 12 && all_bytes(hex, |b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        UserName::Usual
    } else if hex.is_empty() || !all_bytes(hex, u8::is_ascii_alphanumeric) {
        UserName::Invalid("the original ID after \"gh_\" must be letters and digits")
    } else {
        UserName::Unusual
    }
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
    match user_name_shape(value) {
        UserName::Usual => Ok(None),
        UserName::Unusual => Ok(Some(warning(
            "UNUSUAL_USER_NAME",
            field.to_owned(),
            &[
                "every observed original ID is \"gh_\" plus 12 lowercase hex digits; check \"",
                &crate::json::truncate(value, 40),
                "\" against 小程序后台 → 设置 → 基本设置 → 原始ID",
            ],
        ))),
        UserName::Empty => Err(Error::missing(field)),
        UserName::AppId => Err(Error::AppIdAsUserName {
            field: field.to_owned(),
        }),
        UserName::Invalid(reason) => Err(Error::InvalidUserName {
            field: field.to_owned(),
            reason: reason.to_owned(),
        }),
    }
}

/// Whether `s` looks like a mini-program AppID: `wx` and 16 hexadecimal digits.
#[cfg_attr(wxcard_size, optimize(size))]
fn is_app_id(s: &str) -> bool {
    s.strip_prefix("wx")
        .is_some_and(|hex| hex.len() == 16 && all_bytes(hex, u8::is_ascii_hexdigit))
}

/// Whether every byte of `s` passes `ok`.
// Not inlined: after a length check the loop would be unrolled byte by byte.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn all_bytes(s: &str, ok: fn(&u8) -> bool) -> bool {
    s.as_bytes().iter().all(ok)
}

/// Checks a mini-program page path: not blank, and not a web URL (the H5 link
/// belongs in `*_url`). The path is not normalised: WeChat documents no format,
/// and both `pages/a/a` and `/pages/a/a?x=1` are seen.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn check_path(value: &str, field: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::missing(field));
    }
    let start = value.trim_start().as_bytes();
    let web = |scheme: &str| {
        start
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme.as_bytes()))
    };
    if web("http://") || web("https://") {
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
