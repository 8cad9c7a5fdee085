//! Every test vector of the project's WeChat spec (§9), with its source.
//!
//! Positive vectors must reproduce the published value exactly; negative
//! vectors (`V-NEG-*`) reproduce the *wrong* output with the mistake they
//! describe, to show it differs from what the library computes or refuses.

use wxcard::builder::{CardExtInput, build_card_ext};
use wxcard::card_ext::CardExt;
use wxcard::card_list::{AddCardInput, add_card_list};
use wxcard::host::FixedHost;
use wxcard::jsapi::{JsapiConfigInput, config_signature, jsapi_config};
use wxcard::json;
use wxcard::sign::sha1_hex;
use wxcard::{Ticket, card_signature, signatures_match};

const NO_HOST: FixedHost = FixedHost { now: None };

// V-OFFICIAL-CARDEXT. Source: official JS-SDK doc, Appendix 4 ("卡券扩展字段及签名生成算法"):
// code=1434008071, timestamp=1404896688, card_id=pjZ8Yt1XGILfi-FUsewpnnolGgZk,
// api_ticket=ojZ8YtyVyr30HheH3CM73y7h4jJE, nonce_str=123
// → sha1(12314048966881434008071ojZ8YtyVyr30HheH3CM73y7h4jJEpjZ8Yt1XGILfi-FUsewpnnolGgZk)
// = f137ab68b7f8112d20ee528ab6074564e2796250
mod official_card_ext {
    use super::*;

    const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
    const TIMESTAMP: &str = "1404896688";
    const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
    const CODE: &str = "1434008071";
    const NONCE: &str = "123";
    const SORTED_CONCAT: &str =
        "12314048966881434008071ojZ8YtyVyr30HheH3CM73y7h4jJEpjZ8Yt1XGILfi-FUsewpnnolGgZk";
    const EXPECTED: &str = "f137ab68b7f8112d20ee528ab6074564e2796250";

    #[test]
    fn card_signature_reproduces_it() {
        assert_eq!(
            card_signature(&[TICKET, TIMESTAMP, CARD_ID, CODE, NONCE]),
            EXPECTED
        );
    }

    #[test]
    fn sorted_concatenation_is_the_published_string() {
        let mut values = [TICKET, TIMESTAMP, CARD_ID, CODE, NONCE];
        values.sort_unstable();
        assert_eq!(values.concat(), SORTED_CONCAT);
        assert_eq!(sha1_hex([SORTED_CONCAT.as_bytes()]), EXPECTED);
    }

    #[test]
    fn builder_signs_it() {
        let input = CardExtInput::new(TICKET, CARD_ID)
            .with_code(CODE)
            .with_timestamp(1404896688)
            .with_nonce_str(NONCE);
        let text = build_card_ext(&input, &NO_HOST).unwrap();
        let v: wxcard::json::Value = wxcard::json::Value::parse(&text).unwrap();
        assert_eq!(v["signature"], json!(EXPECTED));
        assert_eq!(v["timestamp"], json!(TIMESTAMP));
        assert!(!text.contains(TICKET), "the ticket is never in cardExt");
        assert!(!text.contains(CARD_ID), "card_id is passed beside cardExt");
    }

    #[test]
    fn builder_signs_it_from_js_input() {
        let input = CardExtInput::from_json(&json!({
            "apiTicket": TICKET, "cardId": CARD_ID, "code": CODE,
            "timestamp": 1404896688, "nonceStr": NONCE
        }))
        .unwrap();
        let text = build_card_ext(&input, &NO_HOST).unwrap();
        assert!(text.contains(EXPECTED));
    }
}

// V-OLD-SPACE. Source: the older official JS-SDK doc, Appendix 4 (copy). Its example
// api_ticket has a trailing space ("ojZ8YtyVyr30HheH3CM73y7h4jJE "), visible in its sort
// string "1404896688jonyqinjonyqin_1434008071ojZ8YtyVyr30HheH3CM73y7h4jJE pjZ8Yt1XGILfi-FUsewpnnolGgZk";
// the published signature is 6b81fbf6af16e856334153b39737556063c82689.
mod old_doc_with_space {
    use super::*;

    const TICKET_WITH_SPACE: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE ";
    const VALUES: [&str; 4] = [
        "1404896688",
        "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
        "jonyqin_1434008071",
        "jonyqin",
    ];
    const SORTED_CONCAT: &str = "1404896688jonyqinjonyqin_1434008071ojZ8YtyVyr30HheH3CM73y7h4jJE pjZ8Yt1XGILfi-FUsewpnnolGgZk";
    const EXPECTED: &str = "6b81fbf6af16e856334153b39737556063c82689";

    #[test]
    fn values_are_signed_untrimmed() {
        let mut values = VALUES.to_vec();
        values.push(TICKET_WITH_SPACE);
        assert_eq!(card_signature(&values), EXPECTED);
        assert_eq!(sha1_hex([SORTED_CONCAT.as_bytes()]), EXPECTED);
    }

    #[test]
    fn trimming_the_ticket_changes_the_signature() {
        let mut values = VALUES.to_vec();
        values.push(TICKET_WITH_SPACE.trim_end());
        assert_ne!(card_signature(&values), EXPECTED);
    }

    #[test]
    fn the_builder_refuses_a_ticket_with_whitespace() {
        let input = CardExtInput::new(TICKET_WITH_SPACE, VALUES[1])
            .with_code(VALUES[2])
            .with_nonce_str(VALUES[3])
            .with_timestamp(1404896688);
        let err = build_card_ext(&input, &NO_HOST).unwrap_err();
        assert_eq!(err.code(), "INVALID_VALUE");
        assert_eq!(err.field(), Some("apiTicket"));
        assert!(!err.to_string().contains("ojZ8"));
    }
}

// V-NEG-CI. Source: computed for the spec. Values signed with a case-INSENSITIVE sort give
// d8fb7d2e97dd61d2066f75fe6027a4bba8689e76 ("W" moves after "s"); the ordinal (byte) sort
// WeChat uses gives cbf801ab888bedddf46ef2d03c04b7057c10da0c.
mod negative_case_insensitive_sort {
    use super::*;

    const VALUES: [&str; 4] = [
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
        "1414587457",
        "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
        "Wm3WZYTPz0wzccnW",
    ];
    const WRONG_OUTPUT: &str = "d8fb7d2e97dd61d2066f75fe6027a4bba8689e76";
    const EXPECTED: &str = "cbf801ab888bedddf46ef2d03c04b7057c10da0c";

    #[test]
    fn ordinal_sort_gives_the_expected_value() {
        let sig = card_signature(&VALUES);
        assert_eq!(sig, EXPECTED);
        assert_ne!(sig, WRONG_OUTPUT);
    }

    #[test]
    fn case_insensitive_sort_gives_the_wrong_output() {
        let mut values = VALUES.to_vec();
        values.sort_by_key(|v| v.to_ascii_lowercase());
        assert_eq!(sha1_hex(values.iter().map(|v| v.as_bytes())), WRONG_OUTPUT);
    }

    #[test]
    fn order_of_the_input_does_not_matter() {
        let mut reversed = VALUES;
        reversed.reverse();
        assert_eq!(card_signature(&reversed), EXPECTED);
    }
}

// V-NEG-FLOAT-TS. Source: computed for the spec. A naive signer given timestamp
// "1414587457.123" (Date.now()/1000) produces d7fc052887666fc9f297f00b692d1276e58619a3;
// the expected behaviour is to reject the non-integer timestamp, in the builder and in the reader.
mod negative_float_timestamp {
    use super::*;

    const TICKET: &str =
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
    const NONCE: &str = "Wm3WZYTPz0wzccnW";
    const WRONG_OUTPUT: &str = "d7fc052887666fc9f297f00b692d1276e58619a3";

    #[test]
    fn a_naive_signer_gives_the_wrong_output() {
        assert_eq!(
            card_signature(&[TICKET, "1414587457.123", CARD_ID, NONCE]),
            WRONG_OUTPUT
        );
    }

    #[test]
    fn the_builder_rejects_it_as_number_and_as_string() {
        for ts in [json!(1414587457.123), json!("1414587457.123")] {
            let err = CardExtInput::from_json(&json!({
                "apiTicket": TICKET, "cardId": CARD_ID, "nonceStr": NONCE, "timestamp": ts
            }))
            .unwrap_err();
            assert_eq!(err.code(), "INVALID_TIMESTAMP", "{ts}");
            assert_eq!(err.field(), Some("timestamp"));
        }
    }

    #[test]
    fn add_card_list_rejects_a_card_ext_carrying_it() {
        for ts in [json!(1414587457.123), json!("1414587457.123")] {
            let ext = json!({"timestamp": ts, "nonce_str": NONCE, "signature": WRONG_OUTPUT});
            for card_ext in [ext.clone(), json!(ext.to_string())] {
                let items = AddCardInput::list_from_json(&json!([
                    {"cardId": CARD_ID, "cardExt": card_ext}
                ]))
                .unwrap();
                let err = add_card_list(&items).unwrap_err();
                assert_eq!(err.code(), "INVALID_TIMESTAMP", "{card_ext}");
                assert_eq!(err.field(), Some("cardList[0].cardExt.timestamp"));
            }
        }
    }

    #[test]
    fn whole_seconds_sign_differently() {
        let input = CardExtInput::new(TICKET, CARD_ID)
            .with_timestamp(1414587457)
            .with_nonce_str(NONCE);
        let text = build_card_ext(&input, &NO_HOST).unwrap();
        assert!(!text.contains(WRONG_OUTPUT));
    }
}

// V-VERIFY-CARDEXT-STRING-TS. Source: derived from V-OFFICIAL-CARDEXT. The cardExt
// {"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}
// with api_ticket ojZ8YtyVyr30HheH3CM73y7h4jJE and card_id pjZ8Yt1XGILfi-FUsewpnnolGgZk is valid.
mod verify_card_ext_string_timestamp {
    use super::*;

    const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
    const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
    const CARD_EXT: &str = "{\"code\":\"1434008071\",\"timestamp\":\"1404896688\",\"nonce_str\":\"123\",\"signature\":\"f137ab68b7f8112d20ee528ab6074564e2796250\"}";

    #[test]
    fn it_reads_and_its_signature_matches() {
        let ext = CardExt::parse(CARD_EXT, "cardExt").unwrap();
        let expected = ext.expected_signature(CARD_ID, &Ticket::new(TICKET));
        assert!(signatures_match(&expected, &ext.signature));
        let other_card =
            ext.expected_signature("pjZ8Yt1XGILfi-FUsewpnnolGgZl", &Ticket::new(TICKET));
        assert!(!signatures_match(&other_card, &ext.signature));
    }

    #[test]
    fn the_builder_emits_exactly_this_text() {
        let input = CardExtInput::new(TICKET, CARD_ID)
            .with_code("1434008071")
            .with_timestamp(1404896688)
            .with_nonce_str("123");
        assert_eq!(build_card_ext(&input, &NO_HOST).unwrap(), CARD_EXT);
    }

    #[test]
    fn add_card_list_passes_it_on_unchanged() {
        let out = add_card_list(&[AddCardInput::new(CARD_ID, CARD_EXT)]).unwrap();
        assert_eq!(out[0].card_ext, CARD_EXT);
        assert_eq!(out[0].card_id, CARD_ID);
    }
}

// V-OFFICIAL-JSAPI-CONFIG. Source: official JS-SDK doc, Appendix 1 ("JS-SDK使用权限签名算法"),
// also asserted in wechatpy tests/test_client.py::test_jsapi_get_jsapi_signature:
// noncestr=Wm3WZYTPz0wzccnW, jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg,
// timestamp=1414587457, url=http://mp.weixin.qq.com?params=value → 0f9de62fce790f9a083d5c99e95740ceb90c27ed
mod official_jsapi_config {
    use super::*;

    const TICKET: &str =
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";
    const NONCE: &str = "Wm3WZYTPz0wzccnW";
    const URL: &str = "http://mp.weixin.qq.com?params=value";
    const STRING1: &str = "jsapi_ticket=sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value";
    const EXPECTED: &str = "0f9de62fce790f9a083d5c99e95740ceb90c27ed";

    #[test]
    fn string1_hashes_to_it() {
        assert_eq!(sha1_hex([STRING1.as_bytes()]), EXPECTED);
        assert_eq!(config_signature(TICKET, NONCE, 1414587457, URL), EXPECTED);
    }

    #[test]
    fn jsapi_config_signs_it_and_ignores_the_fragment() {
        for url in [URL.to_owned(), format!("{URL}#wechat_redirect")] {
            let input = JsapiConfigInput::from_json(&json!({
                "jsapiTicket": TICKET, "appId": "wxf8b4f85f3a794e77", "url": url,
                "timestamp": 1414587457, "nonceStr": NONCE
            }))
            .unwrap();
            let config = jsapi_config(&input, &NO_HOST).unwrap();
            assert_eq!(config.signature, EXPECTED, "{url}");
            assert_eq!(
                wxcard::json::Value::parse(&wxcard::ToJson::to_json(&config)).unwrap(),
                json!({
                    "debug": false, "appId": "wxf8b4f85f3a794e77", "timestamp": 1414587457,
                    "nonceStr": NONCE, "signature": EXPECTED,
                    "jsApiList": ["addCard", "openCard", "chooseCard"]
                })
            );
        }
    }
}
