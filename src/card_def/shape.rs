//! Finding a card body's type object: `{"card": {"card_type", "<key>": {…}}}` (create),
//! the bare `{"card_type", "<key>": {…}}`, or `{"card_id", "<key>": {…}}` (update).

use crate::json::{Map, Value};

use super::card_type::CardType;
use super::report::{Findings, invalid_type};
use crate::error::Error;
use crate::json::{join, type_name};
use crate::text::concat;

/// Which kind of body a card definition is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyKind {
    /// The `card/create` body, `{"card": {"card_type": …, "<key>": {…}}}`.
    Create,
    /// The `card` object of a create body on its own, `{"card_type": …, "<key>": {…}}`.
    Bare,
    /// The `card/update` body, `{"card_id": …, "<key>": {…}}`.
    Update,
}

/// Where a card body keeps the fields of its type.
#[derive(Clone, Debug)]
pub(crate) struct Location {
    pub kind: BodyKind,
    pub card_type: CardType,
    /// The dotted path of the object holding `card_type`: `card`, or empty.
    pub prefix: &'static str,
    /// The dotted path of the type object, e.g. `card.member_card`.
    pub path: String,
}

impl Location {
    /// The type object in `card`, the body this location was found in.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn type_object<'a>(&self, card: &'a Value) -> Option<&'a Map> {
        let mut outer = card.as_object()?;
        if self.kind == BodyKind::Create {
            outer = outer.get("card")?.as_object()?;
        }
        outer.get(self.card_type.key())?.as_object()
    }

    /// [`Location::type_object`], to change in place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn type_object_mut<'a>(&self, card: &'a mut Value) -> Option<&'a mut Map> {
        let mut outer = card.as_object_mut()?;
        if self.kind == BodyKind::Create {
            outer = outer.get_mut("card")?.as_object_mut()?;
        }
        outer.get_mut(self.card_type.key())?.as_object_mut()
    }
}

/// Finds the type object of a card body (when one can be found, even if the
/// body also has mistakes) and records every structural mistake in `errors`:
/// unknown or missing `card_type`, a nested key that does not match it, a
/// missing `card_id` or card-type key in an update body.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn locate(card: &Value, errors: &mut Findings) -> Option<Location> {
    match card {
        Value::Object(top) => match top.get("card") {
            Some(Value::Object(map)) => typed(map, "card", BodyKind::Create, errors),
            Some(other) => {
                errors.error(invalid_type("card".into(), "an object", other));
                None
            }
            None if top.contains_key("card_type") => typed(top, "", BodyKind::Bare, errors),
            None if top.contains_key("card_id") => update(top, errors),
            None => {
                errors.error(Error::invalid_value(
                    "card",
                    "not a card body: expected {\"card\": {\"card_type\": …, \"<type>\": {\"base_info\": …}}} (create) or {\"card_id\": …, \"<type>\": {\"base_info\": …}} (update)",
                ));
                None
            }
        },
        other => {
            errors.error(invalid_type(
                "card".into(),
                "an object (a card create or update body)",
                other,
            ));
            None
        }
    }
}

/// The members of `map` that are some card type's nesting key, in key order.
// Collected once, so that one loop serves the three callers.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn type_keys(map: &Map) -> Vec<(&str, CardType)> {
    let mut out = Vec::new();
    for key in map.keys() {
        if let Some(t) = CardType::from_key(key) {
            out.push((key.as_str(), t));
        }
    }
    out
}

/// The location of the `card_type` object nested in the object at `prefix`.
#[cfg_attr(wxcard_size, optimize(size))]
fn location(kind: BodyKind, card_type: CardType, prefix: &'static str) -> Location {
    Location {
        kind,
        card_type,
        prefix,
        path: join(prefix, card_type.key()),
    }
}

/// A create body's `card` object (or a bare one) with its `card_type`.
#[cfg_attr(wxcard_size, optimize(size))]
fn typed(
    map: &Map,
    prefix: &'static str,
    kind: BodyKind,
    errors: &mut Findings,
) -> Option<Location> {
    let type_field = join(prefix, "card_type");
    let declared = match map.get("card_type") {
        None | Some(Value::Null) => Err(Error::missing(type_field)),
        Some(Value::String(s)) => CardType::parse(s, &type_field),
        Some(other) => Err(invalid_type(
            type_field,
            "a string such as \"MEMBER_CARD\"",
            other,
        )),
    };
    let card_type = match declared {
        Ok(t) => t,
        Err(e) => {
            errors.error(e);
            // Keep checking the fields when the nesting key says which type is meant.
            return match type_keys(map).as_slice() {
                &[(_, t)] => object_at(map, prefix, t, errors).then(|| location(kind, t, prefix)),
                _ => None,
            };
        }
    };
    let keys = type_keys(map);
    let mut nested = false;
    for &(key, t) in &keys {
        if t == card_type {
            nested = true;
        } else {
            errors.error(Error::CardTypeMismatch {
                field: join(prefix, key),
                expected_key: card_type.key(),
                found: key.to_owned(),
            });
        }
    }
    if !nested {
        if keys.is_empty() {
            errors.error(Error::missing(join(prefix, card_type.key())));
        }
        return None;
    }
    object_at(map, prefix, card_type, errors).then(|| location(kind, card_type, prefix))
}

/// Whether `map[card_type.key()]` is an object; records the mistake if not.
#[cfg_attr(wxcard_size, optimize(size))]
fn object_at(map: &Map, prefix: &str, card_type: CardType, errors: &mut Findings) -> bool {
    match map.get(card_type.key()) {
        Some(Value::Object(_)) => true,
        found => {
            errors.error(Error::InvalidType {
                field: join(prefix, card_type.key()),
                expected: "an object",
                found: found.map_or("nothing", type_name),
            });
            false
        }
    }
}

/// A `card/update` body: `card_id` and exactly one card-type key.
#[cfg_attr(wxcard_size, optimize(size))]
fn update(map: &Map, errors: &mut Findings) -> Option<Location> {
    if let Err(e) = check_card_id(map.get("card_id").unwrap_or(&Value::Null), "card_id") {
        errors.error(e);
    }
    let keys = type_keys(map);
    let Some((&(first, card_type), others)) = keys.split_first() else {
        errors.error(Error::invalid_value(
            "card",
            "a card/update body needs one card-type key beside card_id, such as \"member_card\": {\"base_info\": {…}}",
        ));
        return None;
    };
    for &(key, _) in others {
        errors.error(Error::invalid_value(
            key,
            concat(&[
                "a card/update body updates one card, but \"",
                first,
                "\" is also present",
            ]),
        ));
    }
    (others.is_empty() && object_at(map, "", card_type, errors))
        .then(|| location(BodyKind::Update, card_type, ""))
}

/// Checks a `card_id`: a non-empty string of at most 32 of `[A-Za-z0-9_-]` (SPEC §5.4).
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_card_id(value: &Value, field: &str) -> Result<(), Error> {
    match value {
        Value::Null => Err(Error::missing(field)),
        Value::String(s) => check_card_id_str(s, field),
        other => Err(invalid_type(field.to_owned(), "a string", other)),
    }
}

/// [`check_card_id`] of a string: empty is `MISSING_FIELD`.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_card_id_str(id: &str, field: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(Error::missing(field));
    }
    let len = crate::text::char_count(id);
    if len > 32 {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: 32,
            len,
            unit: "characters",
        });
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Error::invalid_value(
            field,
            "a card_id is letters, digits, '_' and '-' only",
        ));
    }
    Ok(())
}
