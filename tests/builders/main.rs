//! The payload builders: one test per error code (each with the nearest valid
//! input passing), and properties of signing and of the built cardExt.

mod card_ext;
mod card_list;
mod choose_card;
mod jsapi;
mod props;

use proptest::prelude::*;
use wxcard::builder::{CardExtInput, build_card_ext};
use wxcard::card_ext::CardExt;
use wxcard::card_list::{AddCardInput, OpenCardItem, add_card_list, open_card_list};
use wxcard::choose_card::{ChooseCardInput, choose_card_params};
use wxcard::host::FixedHost;
use wxcard::jsapi::{JsapiConfigInput, jsapi_config};
use wxcard::json;
use wxcard::json::Value;
use wxcard::secret::ensure_ticket_allowed;
use wxcard::{Error, Ticket, card_signature, signatures_match};

const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
const APP_ID: &str = "wxf8b4f85f3a794e77";
const NOW: u64 = 1404896688;
/// A clock but no random source: every nonce must be given.
const HOST: FixedHost = FixedHost { now: Some(NOW) };

/// `base` with `patch`'s keys set (a `null` in `patch` removes the key).
fn with(base: &Value, patch: Value) -> Value {
    let mut out = base.clone();
    if let (Some(out), Value::Object(patch)) = (out.as_object_mut(), patch) {
        for (k, v) in patch {
            if v.is_null() {
                out.remove(&k);
            } else {
                out.insert(k, v);
            }
        }
    }
    out
}

fn assert_err<T: std::fmt::Debug>(result: Result<T, Error>, code: &str, field: Option<&str>) {
    let err = result.expect_err(code);
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(err.field(), field, "{err}");
    assert!(!err.to_string().contains(TICKET), "ticket leaked: {err}");
}
