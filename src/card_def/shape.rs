//! Finding a card body's type object: `{"card": {"card_type", "<key>": {…}}}` (create),
//! the bare `{"card_type", "<key>": {…}}`, or `{"card_id", "<key>": {…}}` (update).

use crate::json::{Map, Value};

use super::card_type::CardType;
use crate::error::Error;
use crate::json::{join, type_name};

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
    pub prefix: String,
    /// The dotted path of the type object, e.g. `card.member_card`.
    pub path: String,
    /// The JSON pointer of the type object, e.g. `/card/member_card`.
    pub pointer: String,
}

/// What [`locate`] found: the type object (when one can be found, even if the
/// body also has mistakes) and every structural mistake.
pub(crate) struct Located {
    pub location: Option<Location>,
    pub errors: Vec<Error>,
}

/// Finds the type object of a card body and names every structural mistake:
/// unknown or missing `card_type`, a nested key that does not match it, a
/// missing `card_id` or card-type key in an update body.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn locate(card: &Value) -> Located {
    let mut errors = Vec::new();
    let Value::Object(top) = card else {
        errors.push(Error::InvalidType {
            field: "card".into(),
            expected: "an object (a card create or update body)",
            found: type_name(card),
        });
        return Located {
            location: None,
            errors,
        };
    };
    let location = if let Some(inner) = top.get("card") {
        match inner {
            Value::Object(map) => typed(map, "card", BodyKind::Create, &mut errors),
            other => {
                errors.push(Error::InvalidType {
                    field: "card".into(),
                    expected: "an object",
                    found: type_name(other),
                });
                None
            }
        }
    } else if top.contains_key("card_type") {
        typed(top, "", BodyKind::Bare, &mut errors)
    } else if top.contains_key("card_id") {
        update(top, &mut errors)
    } else {
        errors.push(Error::invalid_value(
            "card",
            "not a card body: expected {\"card\": {\"card_type\": …, \"<type>\": {\"base_info\": …}}} (create) or {\"card_id\": …, \"<type>\": {\"base_info\": …}} (update)",
        ));
        None
    };
    Located { location, errors }
}

/// The keys of `map` that are some card type's nesting key.
#[cfg_attr(wxcard_size, optimize(size))]
fn type_keys(map: &Map) -> Vec<(&str, CardType)> {
    map.keys()
        .filter_map(|k| CardType::from_key(k).map(|t| (k.as_str(), t)))
        .collect()
}

#[cfg_attr(wxcard_size, optimize(size))]
fn location(kind: BodyKind, card_type: CardType, prefix: &str) -> Location {
    let pointer = if prefix.is_empty() {
        format!("/{}", card_type.key())
    } else {
        format!("/{prefix}/{}", card_type.key())
    };
    Location {
        kind,
        card_type,
        prefix: prefix.to_owned(),
        path: join(prefix, card_type.key()),
        pointer,
    }
}

/// A create body's `card` object (or a bare one) with its `card_type`.
#[cfg_attr(wxcard_size, optimize(size))]
fn typed(map: &Map, prefix: &str, kind: BodyKind, errors: &mut Vec<Error>) -> Option<Location> {
    let type_field = join(prefix, "card_type");
    let keys = type_keys(map);
    let declared = match map.get("card_type") {
        None | Some(Value::Null) => {
            errors.push(Error::missing(&type_field));
            None
        }
        Some(Value::String(s)) => match CardType::parse(s, &type_field) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(e);
                None
            }
        },
        Some(other) => {
            errors.push(Error::InvalidType {
                field: type_field.clone(),
                expected: "a string such as \"MEMBER_CARD\"",
                found: type_name(other),
            });
            None
        }
    };
    let Some(card_type) = declared else {
        // Keep checking the fields when the nesting key says which type is meant.
        return match keys.as_slice() {
            [(_, t)] => object_at(map, prefix, *t, errors).then(|| location(kind, *t, prefix)),
            _ => None,
        };
    };
    for (key, _) in keys.iter().filter(|(_, t)| *t != card_type) {
        errors.push(Error::CardTypeMismatch {
            field: join(prefix, key),
            expected_key: card_type.key(),
            found: (*key).to_owned(),
        });
    }
    if !map.contains_key(card_type.key()) {
        if keys.is_empty() {
            errors.push(Error::missing(join(prefix, card_type.key())));
        }
        return None;
    }
    object_at(map, prefix, card_type, errors).then(|| location(kind, card_type, prefix))
}

/// Whether `map[card_type.key()]` is an object; records the mistake if not.
#[cfg_attr(wxcard_size, optimize(size))]
fn object_at(map: &Map, prefix: &str, card_type: CardType, errors: &mut Vec<Error>) -> bool {
    match map.get(card_type.key()) {
        Some(Value::Object(_)) => true,
        found => {
            errors.push(Error::InvalidType {
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
fn update(map: &Map, errors: &mut Vec<Error>) -> Option<Location> {
    if let Err(e) = check_card_id(map.get("card_id").unwrap_or(&Value::Null), "card_id") {
        errors.push(e);
    }
    let keys = type_keys(map);
    match keys.as_slice() {
        [] => {
            errors.push(Error::invalid_value(
                "card",
                "a card/update body needs one card-type key beside card_id, such as \"member_card\": {\"base_info\": {…}}",
            ));
            None
        }
        [(_, t)] => object_at(map, "", *t, errors).then(|| location(BodyKind::Update, *t, "")),
        [(first, _), rest @ ..] => {
            for (key, _) in rest {
                errors.push(Error::invalid_value(
                    *key,
                    format!("a card/update body updates one card, but \"{first}\" is also present"),
                ));
            }
            None
        }
    }
}

/// Checks a `card_id`: a non-empty string of at most 32 of `[A-Za-z0-9_-]` (SPEC §5.4).
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_card_id(value: &Value, field: &str) -> Result<(), Error> {
    match value {
        Value::Null => Err(Error::missing(field)),
        Value::String(s) => check_card_id_str(s, field),
        other => Err(Error::InvalidType {
            field: field.to_owned(),
            expected: "a string",
            found: type_name(other),
        }),
    }
}

/// [`check_card_id`] of a string: empty is `MISSING_FIELD`.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_card_id_str(id: &str, field: &str) -> Result<(), Error> {
    if id.is_empty() {
        return Err(Error::missing(field));
    }
    if id.chars().count() > 32 {
        return Err(Error::TooLong {
            field: field.to_owned(),
            max: 32,
            len: id.chars().count(),
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
