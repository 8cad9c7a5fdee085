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

/// Every error of `result`, shown as `Display` and `Debug`, hides the ticket.
fn assert_error_hidden<T>(what: &str, result: Result<T, wxcard::Error>) {
    match result {
        Ok(_) => panic!("{what}: a bad input was accepted"),
        Err(error) => assert_hidden(what, &format!("{error} {error:?}")),
    }
}

#[test]
fn a_ticket_put_where_something_else_belongs_is_not_quoted() {
    let card = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
    let app = "wxf8b4f85f3a794e77";
    let host = FixedHost {
        now: Some(1_404_896_688),
    };
    let mut as_key = json!({ "cardId": card, "apiTicket": TICKET });
    as_key[TICKET] = json!(1);
    assert_error_hidden("verify, ticket as a key", VerifyOptions::from_json(&as_key));
    assert_error_hidden(
        "diagnose, ticket as a key",
        DiagnoseOptions::from_json(&as_key),
    );
    assert_error_hidden(
        "verify, ticket as nowSeconds text",
        VerifyOptions::from_json(
            &json!({ "cardId": card, "apiTicket": TICKET, "nowSeconds": TICKET }),
        ),
    );
    assert_error_hidden(
        "build, ticket as a key",
        CardExtInput::from_json(&as_key).and_then(|input| build_card_ext(&input, &host)),
    );
    let mut config = json!({ "jsapiTicket": TICKET, "appId": app, "url": TICKET });
    assert_error_hidden(
        "jsapiConfig, ticket as the url",
        JsapiConfigInput::from_json(&config)
            .and_then(|input| wxcard::jsapi::jsapi_config(&input, &host)),
    );
    config["url"] = json!("https://example.com/");
    config[TICKET] = json!(true);
    assert_error_hidden(
        "jsapiConfig, ticket as a key",
        JsapiConfigInput::from_json(&config),
    );
    assert_error_hidden(
        "chooseCardParams, ticket as the appId",
        ChooseCardInput::from_json(&json!({ "apiTicket": TICKET, "appId": TICKET }))
            .and_then(|input| wxcard::choose_card::choose_card_params(&input, &host)),
    );
}
