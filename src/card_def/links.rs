//! `with_mini_program_links`: write the seed's mini-program entry fields into a card body.

use crate::json::{Map, Value};

use super::card_type::CardType;
use super::fields::{LinkGroup, check_label, check_path, check_user_name, label_limit};
use super::shape::locate;
use crate::error::{Error, Result};
use crate::input;
use crate::json::{Fields, join};

use super::report::{Findings, invalid_type};
use crate::text::concat;

/// One mini-program entry: which mini-program, which page, and optionally the
/// entry's label texts.
///
/// `title` and `subTitle` are written to the entry's existing label fields,
/// which serve the H5 link and the mini-program link alike:
///
/// | group | `title` → | `subTitle` → |
/// |---|---|---|
/// | `custom` | `custom_url_name` (15 bytes) | `custom_url_sub_title` (18) |
/// | `center` | `center_title` (18) | `center_sub_title` (24) |
/// | `promotion` | `promotion_url_name` (15) | `promotion_url_sub_title` (18) |
/// | `activate` | — (no label; giving one is an error) | — |
///
/// Absent labels leave the card's current labels as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The mini-program's original ID plus `@app`, e.g. `gh_86a091e50ad4@app` (JS `userName`).
    pub user_name: String,
    /// The page, e.g. `API/cardPage` or `/pages/card/card?id=1`; written as given (JS `path`).
    pub path: String,
    /// The entry's label (JS `title`).
    pub title: Option<String>,
    /// The tip beside or under the entry (JS `subTitle`).
    pub sub_title: Option<String>,
}

impl Link {
    /// A link to `path` in the mini-program `user_name`, without labels.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(user_name: impl Into<String>, path: impl Into<String>) -> Self {
        Link {
            user_name: user_name.into(),
            path: path.into(),
            title: None,
            sub_title: None,
        }
    }

    /// The same link with a label.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// The same link with a tip.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_sub_title(mut self, sub_title: impl Into<String>) -> Self {
        self.sub_title = Some(sub_title.into());
        self
    }

    /// Reads `{ userName, path, title?, subTitle? }`; `path` names the object in errors.
    /// Values are checked by [`with_mini_program_links`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value, path: &str) -> Result<Self> {
        let f = Fields::of(value, path)?;
        for key in f.map().keys() {
            if LINK_KEYS.contains(&key.as_str()) {
                continue;
            }
            let field = f.path_of(key);
            return Err(match key.as_str() {
                "user_name" => snake_case(field, key, "userName"),
                "sub_title" => snake_case(field, key, "subTitle"),
                _ => Error::UnknownField { field },
            });
        }
        // Read borrowed in the order errors are reported, copied once all are read.
        let mut read = [None; 4];
        for (slot, key) in read.iter_mut().zip(&LINK_KEYS) {
            *slot = f.str(key)?;
        }
        let [user_name, path, title, sub_title] = read;
        Ok(Link {
            user_name: user_name.unwrap_or_default().to_owned(),
            path: path.unwrap_or_default().to_owned(),
            title: input::owned(title),
            sub_title: input::owned(sub_title),
        })
    }
}

/// The keys of a JS link object, in the order they are read.
const LINK_KEYS: [&str; 4] = ["userName", "path", "title", "subTitle"];

/// [`Error::SnakeCaseKey`]: `key` at `field` is the snake_case spelling of `expected`.
#[cfg_attr(wxcard_size, optimize(size))]
fn snake_case(field: String, key: &str, expected: &'static str) -> Error {
    Error::SnakeCaseKey {
        field,
        found: key.to_owned(),
        expected,
    }
}

/// The mini-program entries to write, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    /// 自定义使用入口 (`custom_app_brand_*` in `base_info`).
    pub custom: Option<Link>,
    /// 居中使用入口 (`center_app_brand_*` in `base_info`).
    pub center: Option<Link>,
    /// 营销入口 (`promotion_app_brand_*` in `base_info`).
    pub promotion: Option<Link>,
    /// 会员卡激活 (`activate_app_brand_*` at `member_card` level); member cards only.
    pub activate: Option<Link>,
}

impl Links {
    /// Reads `{ custom?, center?, promotion?, activate? }`; errors name `links.<group>.<key>`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        let f = Fields::of(value, "links")?;
        let mut links = Links::default();
        for (key, link) in f.map() {
            let Some(group) = LinkGroup::ALL.into_iter().find(|g| g.js_name() == key) else {
                return Err(Error::UnknownField {
                    field: f.path_of(key),
                });
            };
            if !link.is_null() {
                *links.slot(group) = Some(Link::from_json(link, &f.path_of(key))?);
            }
        }
        Ok(links)
    }

    /// The link of one group.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn get(&self, group: LinkGroup) -> Option<&Link> {
        match group {
            LinkGroup::Custom => self.custom.as_ref(),
            LinkGroup::Center => self.center.as_ref(),
            LinkGroup::Promotion => self.promotion.as_ref(),
            LinkGroup::Activate => self.activate.as_ref(),
        }
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn slot(&mut self, group: LinkGroup) -> &mut Option<Link> {
        match group {
            LinkGroup::Custom => &mut self.custom,
            LinkGroup::Center => &mut self.center,
            LinkGroup::Promotion => &mut self.promotion,
            LinkGroup::Activate => &mut self.activate,
        }
    }
}

/// One link's values, each with its key in the JS link object and the card
/// field it is written to (`None` for a label the entry does not have).
type Entry<'a> = (&'static str, Option<&'static str>, Option<&'a String>);

/// The values of `link` in the order they are checked and written.
#[cfg_attr(wxcard_size, optimize(size))]
fn entries(group: LinkGroup, link: &Link) -> [Entry<'_>; 4] {
    [
        (
            "userName",
            Some(group.user_name_key()),
            Some(&link.user_name),
        ),
        ("path", Some(group.pass_key()), Some(&link.path)),
        ("title", group.title_key(), link.title.as_ref()),
        ("subTitle", group.sub_title_key(), link.sub_title.as_ref()),
    ]
}

/// Checks one link's values; errors name `links.<group>.<key>`.
#[cfg_attr(wxcard_size, optimize(size))]
fn check_link(group: LinkGroup, link: &Link) -> Result<()> {
    for (i, (key, card_key, value)) in entries(group, link).into_iter().enumerate() {
        let Some(value) = value else { continue };
        let field = concat(&["links.", group.js_name(), ".", key]);
        let reason = match (i, card_key) {
            (0, _) => {
                check_user_name(value, &field)?;
                continue;
            }
            (1, _) => {
                check_path(value, &field)?;
                continue;
            }
            (_, None) => {
                "the activation entry has no label field in WeChat's card; remove it".to_owned()
            }
            (_, Some(label_key)) if value.is_empty() => {
                concat(&["empty; omit it to keep the card's ", label_key])
            }
            (_, Some(label_key)) => {
                check_label(value, label_limit(label_key).unwrap_or(usize::MAX), &field)?;
                continue;
            }
        };
        return Err(Error::invalid_value(field, reason));
    }
    Ok(())
}

/// A copy of `card` with the mini-program entries of `links` written in.
///
/// `card` is a `card/create` body (`{"card": {"card_type": …, "<type>": {…}}}`),
/// its `card` object alone, or a `card/update` body (`{"card_id": …, "<type>": {…}}`).
/// `custom`, `center` and `promotion` go into `<type>.base_info` as
/// `<group>_app_brand_user_name` / `<group>_app_brand_pass`, with `title` /
/// `subTitle` into the entry's label fields (see [`Link`]); `activate` goes to
/// the member card's own level, beside `activate_url` (and, when `base_info`
/// already holds `activate_app_brand_*`, there too, so the two cannot disagree).
/// Every other field, the H5 links (`custom_url`, …) included, is kept; the input
/// is not modified.
///
/// Errors name the field: a `userName` that is not an original ID plus `@app`
/// (`INVALID_USER_NAME`, or `APP_ID_AS_USER_NAME` for a `wx…` AppID), an empty
/// `path` (`MISSING_FIELD`), a label over its byte limit (`TOO_LONG`), an
/// activation link on a card that is not a member card (`INVALID_VALUE`), and a
/// body whose type cannot be found (`UNKNOWN_CARD_TYPE`, `CARD_TYPE_MISMATCH`, …).
///
/// ```
/// use wxcard::json;
/// use wxcard::card_def::{Link, Links, with_mini_program_links};
///
/// let card = json!({"card": {"card_type": "MEMBER_CARD", "member_card": {
///     "base_info": {"title": "会员卡", "custom_url_name": "立即使用", "custom_url": "http://www.qq.com"}
/// }}});
/// let links = Links {
///     custom: Some(Link::new("gh_86a091e50ad4@app", "API/cardPage").with_sub_title("6个汉字tips")),
///     ..Links::default()
/// };
/// let out = with_mini_program_links(&card, &links)?;
/// let base = &out["card"]["member_card"]["base_info"];
/// assert_eq!(base["custom_app_brand_user_name"], "gh_86a091e50ad4@app");
/// assert_eq!(base["custom_app_brand_pass"], "API/cardPage");
/// assert_eq!(base["custom_url_sub_title"], "6个汉字tips");
/// assert_eq!(base["custom_url"], "http://www.qq.com");
/// # Ok::<(), wxcard::Error>(())
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn with_mini_program_links(card: &Value, links: &Links) -> Result<Value> {
    let mut out = card.clone();
    write_links(&mut out, links)?;
    Ok(out)
}

/// [`with_mini_program_links`] in place: writes the links into `card` itself.
/// On an error `card` is unchanged.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn write_links(card: &mut Value, links: &Links) -> Result<()> {
    let mut found = Findings::first();
    let location = locate(card, &mut found);
    if let Some(e) = found.first_error() {
        return Err(e);
    }
    let Some(loc) = location else {
        return Err(Error::invalid_value(
            "card",
            "not a card create or update body",
        ));
    };
    for group in LinkGroup::ALL {
        if let Some(link) = links.get(group) {
            check_link(group, link)?;
        }
    }
    if links.activate.is_some() && loc.card_type != CardType::MemberCard {
        return Err(Error::invalid_value(
            "links.activate",
            concat(&[
                "activation links exist only on MEMBER_CARD, and this card is ",
                loc.card_type.as_str(),
            ]),
        ));
    }
    let Some(type_obj) = loc.type_object_mut(card) else {
        return Err(Error::missing(loc.path));
    };
    let base = match type_obj.get_or_insert_with("base_info", || Value::Object(Map::new())) {
        Value::Object(base) => base,
        other => {
            return Err(invalid_type(
                join(&loc.path, "base_info"),
                "an object",
                other,
            ));
        }
    };
    for group in [LinkGroup::Custom, LinkGroup::Center, LinkGroup::Promotion] {
        if let Some(link) = links.get(group) {
            write(base, group, link);
        }
    }
    if let Some(link) = &links.activate {
        let group = LinkGroup::Activate;
        if base.contains_key(group.user_name_key()) || base.contains_key(group.pass_key()) {
            write(base, group, link);
        }
        write(type_obj, group, link);
    }
    Ok(())
}

/// Writes one link's fields into `map`.
#[cfg_attr(wxcard_size, optimize(size))]
fn write(map: &mut Map, group: LinkGroup, link: &Link) {
    for (_, key, value) in entries(group, link) {
        if let (Some(key), Some(value)) = (key, value) {
            map.insert(key.to_owned(), Value::String(value.clone()));
        }
    }
}
