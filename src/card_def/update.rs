//! `card_update_body`: the body of `POST card/update` for `base_info` fields.

use crate::json::{Map, Value};

use super::card_type::CardType;
use super::checks;
use super::report::{Findings, invalid_type};
use super::shape::check_card_id_str;
use crate::error::{Error, Result};
use crate::json::join;

/// The field name of the patch in errors, as the JS API calls it.
const PATCH: &str = "baseInfoPatch";

/// The `card/update` body `{"card_id": …, "<type>": {"base_info": {…}}}` that
/// changes the `base_info` fields in `base_info_patch`, checked by the rules of
/// [`super::validate_card_definition`].
///
/// Errors name the input field: `cardId` (`MISSING_FIELD`, `INVALID_TYPE`,
/// `TOO_LONG`, `INVALID_VALUE`), and `baseInfoPatch.<key>` for a label over its
/// byte limit (`TOO_LONG`), half a mini-program link (`UNPAIRED_FIELD`) or a bad
/// user name (`INVALID_USER_NAME`, `APP_ID_AS_USER_NAME`). A patch that is empty,
/// or that wraps its fields in `base_info` or a card-type key, is `INVALID_VALUE`.
/// Updating a coupon is fine: coupons created before 2021-04 keep working.
///
/// ```
/// use wxcard::json;
/// use wxcard::card_def::{CardType, card_update_body};
///
/// let body = card_update_body("pbLatjtZ7v1BG_ZnTjbW85GYc_E8", CardType::MemberCard, &json!({
///     "custom_app_brand_user_name": "gh_86a091e50ad4@app",
///     "custom_app_brand_pass": "API/cardPage"
/// }))?;
/// assert_eq!(body["card_id"], "pbLatjtZ7v1BG_ZnTjbW85GYc_E8");
/// assert_eq!(body["member_card"]["base_info"]["custom_app_brand_pass"], "API/cardPage");
/// # Ok::<(), wxcard::Error>(())
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn card_update_body(
    card_id: &str,
    card_type: CardType,
    base_info_patch: &Value,
) -> Result<Value> {
    update_body(card_id, card_type, base_info_patch.clone())
}

/// [`card_update_body`] of a patch the caller gives up: the patch becomes the
/// body's `base_info` without a copy.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn update_body(card_id: &str, card_type: CardType, patch: Value) -> Result<Value> {
    check_card_id_str(card_id, "cardId")?;
    let Value::Object(map) = &patch else {
        return Err(invalid_type(
            PATCH.into(),
            "an object of base_info fields",
            &patch,
        ));
    };
    check_patch_shape(map)?;
    let mut out = Findings::first();
    checks::base_info(map, PATCH, card_type, &mut out);
    checks::app_brand_links(map, PATCH, &mut out);
    if let Some(e) = out.first_error() {
        return Err(e);
    }
    let mut typed = Map::new();
    typed.insert("base_info".to_owned(), patch);
    let mut body = Map::new();
    body.insert("card_id".to_owned(), Value::String(card_id.to_owned()));
    body.insert(card_type.key().to_owned(), Value::Object(typed));
    Ok(Value::Object(body))
}

/// Refuses an empty patch and the common wrappings of one.
#[cfg_attr(wxcard_size, optimize(size))]
fn check_patch_shape(patch: &Map) -> Result<()> {
    if patch.is_empty() {
        return Err(Error::invalid_value(
            PATCH,
            "empty; there is nothing to update",
        ));
    }
    for key in patch.keys() {
        let wrapped = ["base_info", "card", "card_id", "card_type"].contains(&key.as_str())
            || CardType::from_key(key).is_some();
        if wrapped {
            return Err(Error::invalid_value(
                join(PATCH, key),
                "pass the fields of base_info themselves (e.g. {\"custom_url_name\": …}); the body around them is built for you",
            ));
        }
    }
    Ok(())
}
