//! Web-view routing: a validated card list through a page URL and back.

use wxcard::builder::{CardExtInput, build_card_ext};
use wxcard::card_list::{AddCardInput, AddCardItem, add_card_list};
use wxcard::host::FixedHost;
use wxcard::json;
use wxcard::json::{Map, Value};
use wxcard::webview::{MAX_PARAM_LEN, MAX_URL_LEN, add_card_page_url, read_add_card_query};

const HOST: FixedHost = FixedHost {
    now: Some(1_700_000_000),
};

fn card(card_id: &str, nonce: &str, outer: Option<&str>) -> AddCardItem {
    let mut input = CardExtInput::new("ticket-for-tests", card_id)
        .with_timestamp(1_700_000_000)
        .with_nonce_str(nonce);
    if let Some(o) = outer {
        input = input.with_outer_str(o);
    }
    let ext = build_card_ext(&input, &HOST).unwrap();
    add_card_list(&[AddCardInput::new(card_id, ext)])
        .unwrap()
        .remove(0)
}

fn list() -> Vec<AddCardItem> {
    vec![
        card(
            "pFS7Fjg8kV1IdDz01r4SQwMkuCKc",
            "abc123",
            Some("渠道=公众号&活动?#100%"),
        ),
        card("pFS7Fjg8kV1IdDz01r4SQwMkuCKd", "def456", None),
    ]
}

/// What the mini-program framework hands `onLoad`: the query split on `&`
/// and `=`, each value percent-decoded once.
fn onload_query(url: &str) -> Value {
    let query = url.split_once('?').unwrap().1;
    let mut map = Map::new();
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap();
        map.insert(k.into(), Value::String(decode_once(v)));
    }
    Value::Object(map)
}

fn decode_once(v: &str) -> String {
    let mut out = Vec::new();
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn round_trip_keeps_chinese_outer_str() {
    let items = list();
    let url = add_card_page_url("/pages/add-card/index", &items).unwrap();
    assert!(url.starts_with("/pages/add-card/index?wxcard0="));
    assert!(
        url.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/?&=-_".contains(&b)),
        "{url}"
    );
    let back = read_add_card_query(&onload_query(&url)).unwrap();
    assert_eq!(back, items);
    let ext: Value = wxcard::json::Value::parse(&back[0].card_ext).unwrap();
    assert_eq!(ext["outer_str"], "渠道=公众号&活动?#100%");
}

#[test]
fn survives_zero_one_or_two_decodings_and_string_queries() {
    let items = list();
    let url = add_card_page_url("/pages/add-card/index?from=h5", &items).unwrap();
    assert!(url.contains("?from=h5&wxcard0="));
    // Not decoded at all, given as the whole URL.
    assert_eq!(read_add_card_query(&json!(url)).unwrap(), items);
    // Encoded once more by an over-careful caller, then decoded once.
    let query = onload_query(&url);
    let encoded: Map = query
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            let s = v.as_str().unwrap().replace('-', "%2D").replace('_', "%5F");
            (k.clone(), Value::String(s))
        })
        .collect();
    assert_eq!(read_add_card_query(&Value::Object(encoded)).unwrap(), items);
}

#[test]
fn page_is_checked() {
    let items = list();
    for (page, code) in [
        ("", "MISSING_FIELD"),
        ("pages/add-card/index", "INVALID_VALUE"),
        ("/pages/a index", "INVALID_VALUE"),
        ("/pages/a#x", "INVALID_VALUE"),
        ("/pages/a?wxcard0=x", "INVALID_VALUE"),
    ] {
        let err = add_card_page_url(page, &items).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some("page")), "{page}");
    }
    let err = add_card_page_url("/pages/a", &[]).unwrap_err();
    assert_eq!(err.code(), "MISSING_FIELD");
}

#[test]
fn over_long_payloads_are_errors_never_truncated() {
    let long = "长".repeat(300);
    let one = vec![card("pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "n1", Some(&long))];
    let err = add_card_page_url("/pages/a", &one).unwrap_err();
    assert_eq!(err.code(), "PAYLOAD_TOO_LONG");
    assert_eq!(err.field(), Some("cardList[0]"));
    assert!(err.to_string().contains(&MAX_PARAM_LEN.to_string()));

    let many: Vec<_> = (0..12)
        .map(|i| card("pFS7Fjg8kV1IdDz01r4SQwMkuCKc", &format!("nonce{i}"), None))
        .collect();
    let err = add_card_page_url("/pages/a", &many).unwrap_err();
    assert_eq!(err.code(), "PAYLOAD_TOO_LONG");
    assert_eq!(err.field(), Some("cardList"));
    assert!(err.to_string().contains(&MAX_URL_LEN.to_string()));

    // The largest list that fits is accepted and comes back whole.
    let n = (1..=many.len())
        .take_while(|&n| add_card_page_url("/pages/a", &many[..n]).is_ok())
        .last()
        .unwrap();
    let fits = &many[..n];
    assert!(fits.len() >= 4, "only {} cards fit", fits.len());
    let url = add_card_page_url("/pages/a", fits).unwrap();
    assert!(url.len() <= MAX_URL_LEN);
    assert_eq!(read_add_card_query(&onload_query(&url)).unwrap(), fits);
}

#[test]
fn bad_queries_are_named_errors() {
    let cases = [
        (json!({}), "MISSING_FIELD", "query.wxcard0"),
        (
            json!({ "wxcard0": "undefined" }),
            "INVALID_VALUE",
            "query.wxcard0",
        ),
        (json!({ "wxcard0": 5 }), "INVALID_TYPE", "query.wxcard0"),
        (
            json!({ "wxcard0": "Zm9v" }),
            "INVALID_JSON",
            "query.wxcard0",
        ),
        (
            json!({ "wxcard0": "WzFd" }),
            "INVALID_TYPE",
            "query.wxcard0",
        ),
        (
            json!({ "wxcard0": "%E4%B8" }),
            "INVALID_VALUE",
            "query.wxcard0",
        ),
        (json!(42), "INVALID_TYPE", "query"),
    ];
    for (query, code, field) in cases {
        let err = read_add_card_query(&query).unwrap_err();
        assert_eq!((err.code(), err.field()), (code, Some(field)), "{query}");
    }
}

#[test]
fn arriving_cards_are_validated_again() {
    // A cardExt with camelCase keys, encoded by hand, is refused on arrival.
    let forged =
        json!({ "cardId": "pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "cardExt": "{\"nonceStr\":\"x\"}" });
    let url = add_card_page_url("/pages/a", &list()).unwrap();
    let mut query = onload_query(&url);
    query["wxcard1"] = json!(encode(&forged.to_string()));
    let err = read_add_card_query(&query).unwrap_err();
    assert!(
        err.field().unwrap().starts_with("cardList[1].cardExt"),
        "{err}"
    );
}

fn encode(text: &str) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_outer_str_survives_the_trip(outer in "\\PC{1,60}") {
            let items = vec![card("pFS7Fjg8kV1IdDz01r4SQwMkuCKc", "prop", Some(&outer))];
            match add_card_page_url("/pages/add-card/index", &items) {
                Ok(url) => {
                    prop_assert!(url.len() <= MAX_URL_LEN);
                    prop_assert_eq!(read_add_card_query(&onload_query(&url)).unwrap(), items.clone());
                    prop_assert_eq!(read_add_card_query(&json!(url)).unwrap(), items);
                }
                Err(e) => prop_assert_eq!(e.code(), "PAYLOAD_TOO_LONG"),
            }
        }

        #[test]
        fn read_add_card_query_never_panics(value in "\\PC{0,80}") {
            let _ = read_add_card_query(&json!({ "wxcard0": value.clone() }));
            let _ = read_add_card_query(&json!(value));
        }
    }
}
