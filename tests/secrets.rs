//! Secrets on the Rust side: every input that holds a ticket prints it
//! redacted with `Debug` (plain and pretty), and errors about a ticket field
//! never quote it.

use wxcard::builder::{CardExtInput, build_card_ext};
use wxcard::choose_card::ChooseCardInput;
use wxcard::diagnose::DiagnoseOptions;
use wxcard::host::FixedHost;
use wxcard::jsapi::JsapiConfigInput;
use wxcard::json;
use wxcard::verify::VerifyOptions;

const TICKET: &str =
    "SeCrEtTiCkEt_9q_Lw3xVb7Nc2Hs5Jd8Kf1Gm4Pr6Qt0Yu-EzAiOoXeWaRsDfGhJkLzXcVbNmQwErTyUiOpAsDf";

fn assert_hidden(what: &str, text: &str) {
    assert!(!text.contains(TICKET), "{what} shows the ticket: {text}");
    assert!(
        !text.contains(&TICKET[..12]),
        "{what} shows part of the ticket: {text}"
    );
}

#[test]
fn debug_of_every_input_with_a_ticket_is_redacted() {
    let card = json!({ "apiTicket": TICKET, "cardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk" });
    let choose = json!({ "apiTicket": TICKET, "appId": "wxf8b4f85f3a794e77" });
    let config = json!({ "jsapiTicket": TICKET, "appId": "wxf8b4f85f3a794e77", "url": "https://example.com/" });
    let verify = json!({ "cardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk", "apiTicket": TICKET });
    let shown = [
        format!(
            "{:?} {:#?}",
            CardExtInput::from_json(&card),
            CardExtInput::from_json(&card)
        ),
        format!(
            "{:?} {:#?}",
            ChooseCardInput::from_json(&choose),
            ChooseCardInput::from_json(&choose)
        ),
        format!(
            "{:?} {:#?}",
            JsapiConfigInput::from_json(&config),
            JsapiConfigInput::from_json(&config)
        ),
        format!(
            "{:?} {:#?}",
            VerifyOptions::from_json(&verify),
            VerifyOptions::from_json(&verify)
        ),
        format!(
            "{:?} {:#?}",
            DiagnoseOptions::from_json(&verify),
            DiagnoseOptions::from_json(&verify)
        ),
    ];
    for (i, text) in shown.iter().enumerate() {
        assert!(text.contains("Ok("), "input {i} did not parse: {text}");
        assert_hidden(&format!("Debug of input {i}"), text);
    }
}

#[test]
fn errors_about_a_ticket_do_not_quote_it() {
    let bad = format!("{TICKET}\n");
    let inputs = [
        json!({ "apiTicket": bad, "cardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk", "nonceStr": "n" }),
        json!({ "api_ticket": TICKET, "cardId": "pjZ8Yt1XGILfi-FUsewpnnolGgZk" }),
        json!({ "apiTicket": TICKET, "cardId": TICKET, "nonceStr": "n" }),
    ];
    for input in &inputs {
        let host = FixedHost {
            now: Some(1_404_896_688),
        };
        let error = CardExtInput::from_json(input)
            .and_then(|input| build_card_ext(&input, &host))
            .expect_err("a bad input was accepted");
        assert_hidden("an error", &format!("{error} {error:?}"));
    }
}
