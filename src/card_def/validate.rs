//! `validate_card_definition`: every mistake in a card create or update body, as problems.

use crate::json::Value;

use super::card_type::CardType;
use super::checks;
use super::report::{Findings, invalid_type};
use super::shape::{BodyKind, Location, locate};
use crate::error::Error;
use crate::json::join;
use crate::problem::Problem;

/// Checks a card create or update body and returns every problem found, each
/// with a stable `code`, the `field` path (e.g.
/// `card.member_card.base_info.custom_app_brand_pass`), a severity and a message.
///
/// Accepted shapes: the `card/create` body `{"card": {"card_type", "<type>": {…}}}`,
/// its `card` object alone, and the `card/update` body `{"card_id", "<type>": {…}}`.
///
/// Errors: `UNKNOWN_CARD_TYPE`, `CARD_TYPE_MISMATCH`, `MISSING_FIELD`,
/// `INVALID_TYPE`, `INVALID_VALUE`, `TOO_LONG` (labels over their UTF-8 byte limit),
/// `UNPAIRED_FIELD` (a `*_app_brand_user_name` without its `*_app_brand_pass` or the
/// reverse), `INVALID_USER_NAME`, `APP_ID_AS_USER_NAME`.
/// Warnings: `COUPON_CREATION_DISCONTINUED` (creating a coupon type, stopped on
/// 2021-04-01), `UNCONFIRMED_CARD_TYPE`, `H5_LINK_WITHOUT_MINI_PROGRAM`,
/// `ACTIVATE_LINK_PLACEMENT`, `ACTIVATE_LINK_NOT_MEMBER_CARD`, `UNUSUAL_USER_NAME`.
///
/// It never panics and never fails: a bad body is a list of problems.
///
/// ```
/// use wxcard::json;
/// let problems = wxcard::card_def::validate_card_definition(&json!({
///     "card": {"card_type": "MEMBER_CARD", "member_card": {"base_info": {
///         "custom_url_name": "立即使用",
///         "custom_app_brand_user_name": "wx1234567890abcdef"
///     }}}
/// }));
/// let codes: Vec<_> = problems.iter().map(|p| p.code).collect();
/// assert_eq!(codes, ["APP_ID_AS_USER_NAME", "UNPAIRED_FIELD"]);
/// assert_eq!(
///     problems[1].field.as_deref(),
///     Some("card.member_card.base_info.custom_app_brand_pass")
/// );
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn validate_card_definition(card: &Value) -> Vec<Problem> {
    let mut out = Findings::all();
    let Some(loc) = locate(card, &mut out) else {
        return out.into_problems();
    };
    if loc.kind != BodyKind::Update {
        type_warnings(&loc, &mut out);
    }
    let Some(type_obj) = loc.type_object(card) else {
        return out.into_problems();
    };
    let base_field = join(&loc.path, "base_info");
    match type_obj.get("base_info") {
        Some(Value::Object(base)) => {
            checks::base_info(base, &base_field, loc.card_type, &mut out);
        }
        None | Some(Value::Null) if loc.kind == BodyKind::Update => {}
        None | Some(Value::Null) => out.error(Error::missing(base_field)),
        Some(other) => out.error(invalid_type(base_field, "an object", other)),
    }
    if loc.card_type == CardType::MemberCard {
        checks::member_level(type_obj, &loc.path, &mut out);
    }
    checks::activate_off_member_card(type_obj, &loc.path, loc.card_type, &mut out);
    checks::app_brand_links(type_obj, &loc.path, &mut out);
    out.into_problems()
}

/// [`validate_card_definition`] for JSON text: text that does not parse is an
/// `INVALID_JSON` problem, and a JSON string holding JSON is `DOUBLE_ENCODED`.
///
/// ```
/// let problems = wxcard::card_def::validate_card_definition_str("{\"card\": ");
/// assert_eq!(problems[0].code, "INVALID_JSON");
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn validate_card_definition_str(text: &str) -> Vec<Problem> {
    match Value::parse(text) {
        Ok(Value::String(inner)) if Value::parse(&inner).is_ok() => {
            vec![Problem::from(Error::DoubleEncoded {
                field: "card".into(),
            })]
        }
        Ok(value) => validate_card_definition(&value),
        Err(e) => vec![Problem::from(Error::InvalidJson {
            field: "card".into(),
            reason: e.describe(),
        })],
    }
}

/// Warnings about the card type of a create body.
#[cfg_attr(wxcard_size, optimize(size))]
fn type_warnings(loc: &Location, out: &mut Findings) {
    let field = join(loc.prefix, "card_type");
    if loc.card_type.creation_discontinued() {
        out.warn(
            "COUPON_CREATION_DISCONTINUED",
            field.clone(),
            &[
                loc.card_type.as_str(),
                " is a coupon type (优惠券), and WeChat stopped creating coupons by API or web UI on 2021-04-01; existing coupons keep working and can still be updated",
            ],
        );
    }
    if let Some(doubt) = loc.card_type.doubt() {
        out.warn("UNCONFIRMED_CARD_TYPE", field, &[doubt]);
    }
}
