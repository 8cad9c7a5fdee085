//! The parameters of `wx.chooseCard` (H5 JS-SDK only), signed with `cardSign`.
//!
//! `cardSign` is WeChat's card signature over the values of `api_ticket`,
//! `app_id`, `location_id`, `timestamp`, `nonce_str`, `card_id` and `card_type`
//! (JS-SDK Appendix 4). The `app_id` is always signed and must be the appId
//! given to `wx.config`: jweixin sends the config appId to WeChat as `app_id`,
//! and a signature without it gives an empty card list.

use crate::json::{ObjectWriter, ToJson, Value};
use crate::secret::without_input_ticket;

use crate::error::Result;
use crate::host::{Host, random_nonce};
use crate::input::{self, Kind, Read};
use crate::rules::{self, Chars, Quote, TextRule};
use crate::secret::Ticket;
use crate::sign::card_signature;

/// The longest `shopId` / `cardType` (both documented as string(24)).
pub const MAX_SHOP_ID_LEN: usize = 24;

/// The input of [`choose_card_params`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChooseCardInput {
    /// The card `api_ticket` (`type=wx_card`).
    pub api_ticket: Ticket,
    /// The appId given to `wx.config`.
    pub app_id: String,
    /// Restricts the list to a store (`location_id`).
    pub shop_id: Option<String>,
    /// Restricts the list to a card type, e.g. `GROUPON`.
    pub card_type: Option<String>,
    /// Restricts the list to one card.
    pub card_id: Option<String>,
    /// Unix seconds; `None` means now.
    pub timestamp: Option<u64>,
    /// The nonce; `None` means a fresh random alphanumeric one.
    pub nonce_str: Option<String>,
    /// The caller's consent to sign with the ticket in a browser or mini-program.
    pub allow_ticket_on_client: bool,
}

const KEYS: &[&str] = &[
    "apiTicket",
    "appId",
    "shopId",
    "cardType",
    "cardId",
    "timestamp",
    "nonceStr",
    "allowTicketOnClient",
];

/// How each of [`KEYS`] is read, in the order their errors are reported.
const KINDS: [Kind; 8] = [
    Kind::Required,
    Kind::Required,
    Kind::Text,
    Kind::Text,
    Kind::Text,
    Kind::Timestamp,
    Kind::Text,
    Kind::Flag,
];

impl ChooseCardInput {
    /// An input with the ticket and appId; no filters, timestamp and nonce by default.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(api_ticket: impl Into<Ticket>, app_id: impl Into<String>) -> Self {
        ChooseCardInput {
            api_ticket: api_ticket.into(),
            app_id: app_id.into(),
            shop_id: None,
            card_type: None,
            card_id: None,
            timestamp: None,
            nonce_str: None,
            allow_ticket_on_client: false,
        }
    }

    /// Sets [`ChooseCardInput::shop_id`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_shop_id(mut self, shop_id: impl Into<String>) -> Self {
        self.shop_id = Some(shop_id.into());
        self
    }

    /// Sets [`ChooseCardInput::card_type`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_card_type(mut self, card_type: impl Into<String>) -> Self {
        self.card_type = Some(card_type.into());
        self
    }

    /// Sets [`ChooseCardInput::card_id`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_card_id(mut self, card_id: impl Into<String>) -> Self {
        self.card_id = Some(card_id.into());
        self
    }

    /// Sets [`ChooseCardInput::timestamp`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_timestamp(mut self, seconds: u64) -> Self {
        self.timestamp = Some(seconds);
        self
    }

    /// Sets [`ChooseCardInput::nonce_str`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_nonce_str(mut self, nonce: impl Into<String>) -> Self {
        self.nonce_str = Some(nonce.into());
        self
    }

    /// Reads the JS input `{ apiTicket, appId, shopId?, cardType?, cardId?,
    /// timestamp?, nonceStr?, allowTicketOnClient? }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_json(value: &Value) -> Result<Self> {
        Self::read_json(value).map_err(|e| without_input_ticket(e, value, "apiTicket"))
    }

    /// [`Self::from_json`] before the ticket is taken out of its errors.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn read_json(value: &Value) -> Result<Self> {
        let mut read = [Read::Absent; 8];
        input::read_fields(value, KEYS, &KINDS, &mut read)?;
        let [
            api_ticket,
            app_id,
            shop_id,
            card_type,
            card_id,
            timestamp,
            nonce_str,
            allow_ticket_on_client,
        ] = read;
        Ok(ChooseCardInput {
            api_ticket: Ticket::new(api_ticket.or_empty()),
            app_id: app_id.or_empty().to_owned(),
            shop_id: shop_id.owned(),
            card_type: card_type.owned(),
            card_id: card_id.owned(),
            timestamp: timestamp.number(),
            nonce_str: nonce_str.owned(),
            allow_ticket_on_client: allow_ticket_on_client.flag(),
        })
    }
}

/// The object to spread into `wx.chooseCard({ ...params, success })`.
///
/// Written as JSON `{ shopId, cardType, cardId, timestamp, nonceStr, signType:
/// "SHA1", cardSign }`. Unset filters are `""`, which is what jweixin sends
/// for them anyway. `timestamp` is a **string** of digits: the JS-SDK
/// documents it as string(32) and jweixin forwards `timestamp + ""`, so the
/// string is exactly the value that was signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChooseCardParams {
    /// The store filter, or `""`.
    pub shop_id: String,
    /// The card type filter, or `""`.
    pub card_type: String,
    /// The card filter, or `""`.
    pub card_id: String,
    /// Unix seconds as a string of digits.
    pub timestamp: String,
    /// The signed nonce.
    pub nonce_str: String,
    /// Always `"SHA1"`, the only type WeChat supports.
    pub sign_type: &'static str,
    /// The card signature.
    pub card_sign: String,
}

#[cfg_attr(wxcard_size, optimize(size))]
fn non_empty(value: Option<&String>) -> &str {
    value.map(String::as_str).unwrap_or_default()
}

/// `shopId`: up to 24 letters, digits, `_` and `-`.
const SHOP_ID: TextRule = TextRule {
    required: false,
    max: MAX_SHOP_ID_LEN,
    chars: Chars::Id,
    message: "a shop id has only letters, digits, '_' and '-'",
    quote: Quote::Nothing,
};

/// `cardType`: up to 24 upper-case letters and `_`.
const CARD_TYPE: TextRule = TextRule {
    required: false,
    max: MAX_SHOP_ID_LEN,
    chars: Chars::Upper,
    message: "a card type is upper-case letters and '_', e.g. GROUPON or MEMBER_CARD",
    quote: Quote::Nothing,
};

/// Signs the parameters of `wx.chooseCard`.
///
/// ```
/// use wxcard::choose_card::{ChooseCardInput, choose_card_params};
/// use wxcard::host::FixedHost;
///
/// let input = ChooseCardInput::new("ojZ8YtyVyr30HheH3CM73y7h4jJE", "wxf8b4f85f3a794e77")
///     .with_card_type("GROUPON")
///     .with_timestamp(1404896688)
///     .with_nonce_str("123");
/// let params = choose_card_params(&input, &FixedHost { now: None })?;
/// assert_eq!(params.timestamp, "1404896688");
/// assert_eq!(params.shop_id, "");
/// assert_eq!(
///     params.card_sign,
///     wxcard::card_signature(&["ojZ8YtyVyr30HheH3CM73y7h4jJE", "wxf8b4f85f3a794e77",
///                              "1404896688", "123", "GROUPON"])
/// );
/// # Ok::<(), wxcard::Error>(())
/// ```
///
/// Like [`crate::builder::build_card_ext`], it does not check where it runs.
#[cfg_attr(wxcard_size, optimize(size))]
pub fn choose_card_params(input: &ChooseCardInput, host: &dyn Host) -> Result<ChooseCardParams> {
    assemble_params(input, host).map_err(|e| e.redacted(input.api_ticket.expose()))
}

/// The work of [`choose_card_params`], before the ticket is taken out of its errors.
#[cfg_attr(wxcard_size, optimize(size))]
fn assemble_params(input: &ChooseCardInput, host: &dyn Host) -> Result<ChooseCardParams> {
    rules::check_ticket(&input.api_ticket, "apiTicket")?;
    rules::check_app_id(&input.app_id, "appId")?;
    let shop_id = non_empty(input.shop_id.as_ref());
    rules::check_text(shop_id, "shopId", &SHOP_ID)?;
    let card_type = non_empty(input.card_type.as_ref());
    rules::check_text(card_type, "cardType", &CARD_TYPE)?;
    let card_id = non_empty(input.card_id.as_ref());
    if !card_id.is_empty() {
        rules::check_card_id(card_id, "cardId")?;
    }
    let given_nonce = non_empty(input.nonce_str.as_ref());
    if !given_nonce.is_empty() {
        rules::check_nonce(given_nonce, "nonceStr")?;
    }
    if let Some(t) = input.timestamp {
        rules::check_timestamp(t, "timestamp")?;
    }
    let timestamp = match input.timestamp {
        Some(t) => t,
        None => host.now_seconds()?,
    };
    let timestamp = crate::text::decimal(timestamp);
    let nonce_str = if given_nonce.is_empty() {
        random_nonce(host)?
    } else {
        given_nonce.to_owned()
    };
    let card_sign = card_signature(&[
        input.api_ticket.expose(),
        input.app_id.as_str(),
        shop_id,
        timestamp.as_str(),
        nonce_str.as_str(),
        card_id,
        card_type,
    ]);
    Ok(ChooseCardParams {
        shop_id: shop_id.to_owned(),
        card_type: card_type.to_owned(),
        card_id: card_id.to_owned(),
        timestamp,
        nonce_str,
        sign_type: "SHA1",
        card_sign,
    })
}

impl ToJson for ChooseCardParams {
    /// `{ shopId, cardType, cardId, timestamp, nonceStr, signType, cardSign }`.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("shopId", &self.shop_id)
            .field("cardType", &self.card_type)
            .field("cardId", &self.card_id)
            .field("timestamp", &self.timestamp)
            .field("nonceStr", &self.nonce_str)
            .field("signType", &self.sign_type)
            .field("cardSign", &self.card_sign)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::FixedHost;
    use crate::json;

    #[test]
    fn serialises_the_js_shape() {
        let input = ChooseCardInput::from_json(&json!({
            "apiTicket": "t1", "appId": "wxf8b4f85f3a794e77", "shopId": "123",
            "timestamp": 1404896688, "nonceStr": "abc"
        }))
        .unwrap();
        let params = choose_card_params(&input, &FixedHost { now: None }).unwrap();
        let v = Value::parse(&params.to_json()).unwrap();
        assert_eq!(
            v,
            json!({
                "shopId": "123", "cardType": "", "cardId": "", "timestamp": "1404896688",
                "nonceStr": "abc", "signType": "SHA1",
                "cardSign": card_signature(&["t1", "wxf8b4f85f3a794e77", "123", "1404896688", "abc"])
            })
        );
    }
}
