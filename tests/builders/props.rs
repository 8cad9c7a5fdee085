//! Properties of signing and of the built cardExt.

use super::*;

/// Valid inputs of the cardExt builder.
fn card_ext_input() -> impl Strategy<Value = CardExtInput> {
    (
        "[A-Za-z0-9_-]{1,86}",
        "p[A-Za-z0-9_-]{27}",
        proptest::option::of("[A-Za-z0-9_]{1,20}"),
        proptest::option::of("o[A-Za-z0-9_-]{27}"),
        0u64..=9_999_999_999,
        "[!-~]{1,32}",
        proptest::option::of(0u64..=9_999_999_999),
        proptest::option::of(any::<String>()),
    )
        .prop_map(
            |(ticket, card_id, code, openid, ts, nonce, fixed, outer)| CardExtInput {
                code,
                openid,
                timestamp: Some(ts),
                nonce_str: Some(nonce),
                fixed_begintimestamp: fixed,
                outer_str: outer,
                ..CardExtInput::new(ticket, card_id)
            },
        )
}

proptest! {
    #[test]
    fn signature_is_independent_of_value_order(
        (values, shuffled) in proptest::collection::vec(any::<String>(), 0..8)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        prop_assert_eq!(card_signature(&values), card_signature(&shuffled));
    }

    #[test]
    fn choose_card_sign_is_independent_of_field_roles(
        shop in "[0-9]{0,8}", card_type in "[A-Z_]{0,12}", nonce in "[A-Za-z0-9]{1,32}"
    ) {
        let input = ChooseCardInput::new(TICKET, APP_ID)
            .with_shop_id(shop.clone()).with_card_type(card_type.clone())
            .with_timestamp(NOW).with_nonce_str(nonce.clone());
        let p = choose_card_params(&input, &HOST).unwrap();
        let mut values = [TICKET.to_owned(), APP_ID.to_owned(), shop, NOW.to_string(), nonce, card_type];
        values.reverse();
        prop_assert_eq!(p.card_sign, card_signature(&values));
    }

    #[test]
    fn built_card_ext_round_trips(input in card_ext_input()) {
        let text = build_card_ext(&input, &HOST).unwrap();
        let ext = CardExt::parse(&text, "cardExt").unwrap();
        let expected = ext.expected_signature(&input.card_id, &input.api_ticket);
        prop_assert!(signatures_match(&expected, &ext.signature));
        prop_assert_eq!(ext.code, input.code.clone());
        prop_assert_eq!(ext.openid, input.openid.clone());
        prop_assert_eq!(Some(ext.timestamp), input.timestamp);
        prop_assert!(!ext.timestamp_is_number);
        prop_assert_eq!(ext.nonce_str, input.nonce_str.clone());
        prop_assert_eq!(ext.fixed_begintimestamp, input.fixed_begintimestamp);
        prop_assert_eq!(ext.outer_str, input.outer_str.clone().filter(|s| !s.is_empty()));
        prop_assert_eq!(ext.card_id, None);
        let listed = add_card_list(&[AddCardInput::new(input.card_id.clone(), text.clone())]).unwrap();
        prop_assert_eq!(&listed[0].card_ext, &text);
        // The ticket value never appears in the output.
        let v: Value = wxcard::json::Value::parse(&text).unwrap();
        prop_assert!(v.as_object().unwrap().values().all(|x| x.as_str() != Some(input.api_ticket.expose())));
    }

    #[test]
    fn changing_a_signed_field_changes_the_signature(input in card_ext_input(), which in 0usize..4) {
        let sig = |i: &CardExtInput| -> String {
            let text = build_card_ext(i, &HOST).unwrap();
            CardExt::parse(&text, "cardExt").unwrap().signature
        };
        let mut changed = input.clone();
        match which {
            0 => changed.api_ticket = Ticket::new(format!("{}x", input.api_ticket.expose())),
            1 => changed.card_id = format!("q{}", input.card_id.get(1..).unwrap_or_default()),
            2 => changed.timestamp = input.timestamp.map(|t| (t + 1) % 10_000_000_000),
            _ => changed.nonce_str = input.nonce_str.as_ref().map(|n| if n == "A" { "B".into() } else { "A".into() }),
        }
        prop_assert_ne!(sig(&input), sig(&changed));
    }
}
