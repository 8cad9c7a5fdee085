//! The `cardList` of `wx.addCard` and `wx.openCard`: validation and normalisation.
//!
//! Items use the JS names `cardId`, `cardExt` and `code` (jweixin renames
//! them to `card_id`, `card_ext` for WeChat itself; snake_case item keys are
//! [`Error::SnakeCaseKey`]). Error fields are paths such as
//! `cardList[1].cardExt.nonceStr`.

use crate::json::{Map, ObjectWriter, ToJson, Value};

use crate::card_ext::CardExt;
use crate::error::{Error, Result};
use crate::input;
use crate::json::{self, Fields, join};
use crate::rules;
use crate::text;

/// The name of the list in error paths.
const LIST: &str = "cardList";

/// A cardExt as given: the JSON string WeChat wants, or an object to serialise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardExtArg {
    /// A cardExt JSON string, passed on unchanged once checked.
    Text(String),
    /// A cardExt object, serialised to compact JSON once checked.
    Object(Map),
}

/// One item given to [`add_card_list`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddCardInput {
    /// The card id.
    pub card_id: String,
    /// The cardExt, signed by the server.
    pub card_ext: CardExtArg,
}

impl AddCardInput {
    /// An item with a cardExt JSON string (what [`crate::builder::build_card_ext`] returns).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(card_id: impl Into<String>, card_ext: impl Into<String>) -> Self {
        AddCardInput {
            card_id: card_id.into(),
            card_ext: CardExtArg::Text(card_ext.into()),
        }
    }

    /// An item with a cardExt object, to be serialised.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_object(card_id: impl Into<String>, card_ext: Map) -> Self {
        AddCardInput {
            card_id: card_id.into(),
            card_ext: CardExtArg::Object(card_ext),
        }
    }

    /// Reads one JS item `{ cardId, cardExt }`, where `cardExt` is a string or an object.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read(value, "")
    }

    /// Reads a JS array of items; errors name `cardList[i]`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn list_from_json(value: &Value) -> Result<Vec<Self>> {
        read_list(value, Self::read)
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn read(value: &Value, path: &str) -> Result<Self> {
        let (card_id, card_ext) = read_add_item(value, path)?;
        Ok(AddCardInput {
            card_id: card_id.to_owned(),
            card_ext: match card_ext {
                ExtRef::Text(s) => CardExtArg::Text(s.to_owned()),
                ExtRef::Object(map) => CardExtArg::Object(map.clone()),
            },
        })
    }
}

/// A cardExt as given, borrowed: [`CardExtArg`] before it is copied.
#[derive(Clone, Copy)]
enum ExtRef<'a> {
    /// A cardExt JSON string (`""` when absent).
    Text(&'a str),
    /// A cardExt object.
    Object(&'a Map),
}

/// Reads one JS item `{ cardId, cardExt }` of `wx.addCard`, borrowed; `path` names it.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn read_add_item<'a>(value: &'a Value, path: &'a str) -> Result<(&'a str, ExtRef<'a>)> {
    let f = Fields::of(value, path)?;
    // Extra keys are ignored, as jweixin ignores them; `card_id` is refused.
    rules::refuse_keys(&f, &["cardId", "cardExt"], false)?;
    let card_id = f.str("cardId")?.unwrap_or_default();
    let card_ext = match f.get("cardExt") {
        None => ExtRef::Text(""),
        Some(Value::String(s)) => ExtRef::Text(s),
        Some(Value::Object(map)) => ExtRef::Object(map),
        Some(other) => {
            return Err(Error::InvalidType {
                field: f.path_of("cardExt"),
                expected: "a JSON string or an object",
                found: json::type_name(other),
            });
        }
    };
    Ok((card_id, card_ext))
}

/// One checked item of `wx.addCard`'s `cardList`; written as JSON `{ cardId, cardExt }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddCardItem {
    /// The card id.
    pub card_id: String,
    /// The cardExt JSON string.
    pub card_ext: String,
}

/// One item of `wx.openCard`'s `cardList`, given and returned: `{ cardId, code }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenCardItem {
    /// The card id.
    pub card_id: String,
    /// The **decrypted** code of the user's card.
    pub code: String,
}

impl OpenCardItem {
    /// An item for `card_id` with its decrypted `code`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(card_id: impl Into<String>, code: impl Into<String>) -> Self {
        OpenCardItem {
            card_id: card_id.into(),
            code: code.into(),
        }
    }

    /// Reads one JS item `{ cardId, code }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read(value, "")
    }

    /// Reads a JS array of items; errors name `cardList[i]`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn list_from_json(value: &Value) -> Result<Vec<Self>> {
        read_list(value, Self::read)
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn read(value: &Value, path: &str) -> Result<Self> {
        let f = Fields::of(value, path)?;
        // Extra keys are ignored, as jweixin ignores them; `card_id` is refused.
        rules::refuse_keys(&f, &["cardId", "code"], false)?;
        let card_id = f.str("cardId")?.unwrap_or_default();
        let code = f.str("code")?.unwrap_or_default();
        Ok(OpenCardItem {
            card_id: card_id.to_owned(),
            code: code.to_owned(),
        })
    }
}

#[cfg_attr(wxcard_size, optimize(size))]
fn read_list<T>(value: &Value, read: fn(&Value, &str) -> Result<T>) -> Result<Vec<T>> {
    let Value::Array(items) = value else {
        return Err(Error::InvalidType {
            field: LIST.into(),
            expected: "an array",
            found: json::type_name(value),
        });
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        out.push(read(item, &item_path(i))?);
    }
    Ok(out)
}

#[cfg_attr(wxcard_size, optimize(size))]
fn item_path(i: usize) -> String {
    input::indexed(LIST, i)
}

#[cfg_attr(wxcard_size, optimize(size))]
fn check_not_empty<T>(items: &[T]) -> Result<()> {
    if items.is_empty() {
        Err(Error::invalid_value(LIST, "must hold at least one card"))
    } else {
        Ok(())
    }
}

/// Checks and normalises the `cardList` of `wx.addCard`.
///
/// For each item: `cardId` is a card id; `cardExt` is read strictly with
/// [`CardExt::parse`], so a double-encoded string (`DOUBLE_ENCODED`),
/// camelCase keys such as `nonceStr` (`CAMEL_CASE_KEY`), a fractional or
/// millisecond timestamp (`INVALID_TIMESTAMP`), a malformed signature
/// (`MALFORMED_SIGNATURE`) or a ticket inside it (`TICKET_LEAKED`) is an
/// error. A `card_id` inside the cardExt must equal the item's `cardId`. An
/// object cardExt is serialised to compact JSON; a string is passed on
/// unchanged.
///
/// ```
/// use wxcard::card_list::{AddCardInput, add_card_list};
/// let items = add_card_list(&[AddCardInput::new(
///     "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
///     r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#,
/// )])?;
/// assert_eq!(items[0].card_id, "pjZ8Yt1XGILfi-FUsewpnnolGgZk");
///
/// let err = add_card_list(&[AddCardInput::new(
///     "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
///     r#"{"timestamp":"1404896688","nonceStr":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#,
/// )])
/// .unwrap_err();
/// assert_eq!(err.code(), "CAMEL_CASE_KEY");
/// assert_eq!(err.field(), Some("cardList[0].cardExt.nonceStr"));
/// # Ok::<(), wxcard::Error>(())
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn add_card_list(items: &[AddCardInput]) -> Result<Vec<AddCardItem>> {
    check_not_empty(items)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let card_ext = match &item.card_ext {
            CardExtArg::Text(s) => ExtRef::Text(s),
            CardExtArg::Object(map) => ExtRef::Object(map),
        };
        out.push(add_card_item(&item.card_id, card_ext, &item_path(i))?);
    }
    Ok(out)
}

/// `add_card_list(&AddCardInput::list_from_json(value)?)` without the
/// owned copies of the items in between: every item is read (borrowed)
/// before the list and its items are checked, so the items and the first
/// error are the same for every `value`.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn add_card_list_json(value: &Value) -> Result<Vec<AddCardItem>> {
    let Value::Array(values) = value else {
        return Err(Error::InvalidType {
            field: LIST.into(),
            expected: "an array",
            found: json::type_name(value),
        });
    };
    for (i, value) in values.iter().enumerate() {
        read_add_item(value, &item_path(i))?;
    }
    check_not_empty(values)?;
    let mut out = Vec::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        let path = item_path(i);
        let (card_id, card_ext) = read_add_item(value, &path)?;
        out.push(add_card_item(card_id, card_ext, &path)?);
    }
    Ok(out)
}

/// Checks one item of [`add_card_list`]; `path` names it.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn add_card_item(card_id: &str, card_ext: ExtRef<'_>, path: &str) -> Result<AddCardItem> {
    rules::check_card_id(card_id, &join(path, "cardId"))?;
    let field = join(path, "cardExt");
    let text = match card_ext {
        ExtRef::Text("") => return Err(Error::missing(field)),
        ExtRef::Text(s) => s.to_owned(),
        ExtRef::Object(map) => map.to_json(),
    };
    let ext = CardExt::parse(&text, &field)?;
    if let Some(inner) = ext.card_id.as_deref().filter(|c| *c != card_id) {
        let mut reason = String::new();
        text::fill(
            &mut reason,
            "names card \"{a}\" but the item's cardId is \"{b}\"; the cardExt was signed for another card",
            [&json::truncate(inner, 32), card_id, ""],
        );
        return Err(Error::InvalidValue {
            field: join(&field, "card_id"),
            reason,
        });
    }
    Ok(AddCardItem {
        card_id: card_id.to_owned(),
        card_ext: text,
    })
}

/// Checks the `cardList` of `wx.openCard`.
///
/// `code` must be the **decrypted** code: one that looks like the encrypted
/// code `addCard` returns ([`rules::looks_encrypted`]) is
/// [`Error::EncryptedCode`]; otherwise it must pass [`rules::check_code`].
///
/// ```
/// use wxcard::card_list::{OpenCardItem, open_card_list};
/// let ok = open_card_list(&[OpenCardItem::new("pjZ8Yt1XGILfi-FUsewpnnolGgZk", "1434008071")])?;
/// assert_eq!(ok[0].code, "1434008071");
///
/// let err = open_card_list(&[OpenCardItem::new(
///     "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
///     "XXIzTtMqCxwOaawoE91+VJdsFmv7b8g0VZIZkqf4GWA60Fzpc8ksZ/5ZZ0DVkXdE",
/// )])
/// .unwrap_err();
/// assert_eq!(err.code(), "ENCRYPTED_CODE");
/// # Ok::<(), wxcard::Error>(())
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn open_card_list(items: &[OpenCardItem]) -> Result<Vec<OpenCardItem>> {
    check_open_card_list(items)?;
    Ok(items.to_vec())
}

/// The checks of [`open_card_list`], without the copy it returns (the `.wasm`
/// adapter writes the items it read).
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn check_open_card_list(items: &[OpenCardItem]) -> Result<()> {
    check_not_empty(items)?;
    for (i, item) in items.iter().enumerate() {
        let path = item_path(i);
        rules::check_card_id(&item.card_id, &join(&path, "cardId"))?;
        let field = join(&path, "code");
        if item.code.is_empty() {
            return Err(Error::missing(field));
        }
        if rules::looks_encrypted(&item.code) {
            return Err(Error::EncryptedCode { field });
        }
        rules::check_code(&item.code, &field)?;
    }
    Ok(())
}

impl ToJson for AddCardItem {
    /// `{ cardId, cardExt }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("cardId", &self.card_id)
            .field("cardExt", &self.card_ext)
            .end();
    }
}

impl ToJson for OpenCardItem {
    /// `{ cardId, code }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("cardId", &self.card_id)
            .field("code", &self.code)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json;

    #[test]
    fn object_card_ext_is_serialised() {
        let items = AddCardInput::list_from_json(&json!([{
            "cardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
            "cardExt": {"timestamp": "1404896688", "nonce_str": "123",
                        "code": "1434008071",
                        "signature": "f137ab68b7f8112d20ee528ab6074564e2796250"}
        }]))
        .unwrap();
        let out = add_card_list(&items).unwrap();
        let back: Value = Value::parse(&out[0].card_ext).unwrap();
        assert_eq!(back["nonce_str"], json!("123"));
        assert_eq!(
            Value::parse(&out[0].to_json()).unwrap()["cardId"],
            json!("pjZ8Yt1XGILfi-FUsewpnnolGgZk")
        );
    }

    #[test]
    fn list_json_is_list_from_json_then_add_card_list() {
        let ext = r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;
        let other = r#"{"card_id":"pOther","timestamp":"1","nonce_str":"1","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;
        let card = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
        let values = [
            json!(null),
            json!({"cardId": card}),
            json!([]),
            json!([{"cardId": card, "cardExt": ext}]),
            json!([{"cardId": card, "cardExt": Value::parse(ext).unwrap()}, {"cardId": "p 1", "cardExt": ext}]),
            json!([{"cardId": "p 1", "cardExt": ext}, {"card_id": card}]),
            json!([{"cardId": card}, 5]),
            json!([{"cardId": card, "cardExt": 5}]),
            json!([{"cardId": card, "cardExt": ""}, {"cardId": card, "cardExt": other}]),
            json!([{"cardId": card, "cardExt": other}]),
            json!([{"cardId": card, "cardExt": "{\"nonceStr\":1}", "x": 1}]),
        ];
        for value in &values {
            let owned = AddCardInput::list_from_json(value).and_then(|items| add_card_list(&items));
            assert_eq!(add_card_list_json(value), owned, "{value:?}");
        }
    }

    #[test]
    fn snake_case_items_name_the_fix() {
        let err =
            OpenCardItem::list_from_json(&json!([{"card_id": "p1", "code": "1"}])).unwrap_err();
        assert_eq!(err.code(), "SNAKE_CASE_KEY");
        assert_eq!(err.field(), Some("cardList[0].card_id"));
        assert!(err.to_string().contains("\"cardId\""));
    }
}
