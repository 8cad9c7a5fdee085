//! Card definitions with mini-program links: writing, validating and updating card bodies.

use wxcard::card_def::{
    CardType, Link, Links, card_update_body, validate_card_definition,
    validate_card_definition_str, with_mini_program_links,
};
use wxcard::json;
use wxcard::json::Value;
use wxcard::{Problem, Severity};

const GH: &str = "gh_86a091e50ad4@app";

/// The example of the seed document, 小程序&卡券打通 §3.1 (SPEC.md §5.3, [S11]).
fn seed_example() -> Value {
    json!({ "card": {
        "card_type": "MEMBER_CARD",
        "member_card": {
            "base_info": {
                "custom_url_name": "立即使用",
                "custom_url": "http://www.qq.com",
                "custom_app_brand_user_name": "gh_86a091e50ad4@app",
                "custom_app_brand_pass": "API/cardPage",
                "custom_url_sub_title": "6个汉字tips",
                "promotion_url_name": "更多优惠",
                "promotion_url": "http://www.qq.com",
                "promotion_app_brand_user_name": "gh_86a091e50ad4@app",
                "promotion_app_brand_pass": "API/cardPage"
            }
        }
    }})
}

fn member(base_info: Value) -> Value {
    json!({"card": {"card_type": "MEMBER_CARD", "member_card": {"base_info": base_info}}})
}

fn errors(problems: &[Problem]) -> Vec<(&'static str, String)> {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| (p.code, p.field.clone().unwrap_or_default()))
        .collect()
}

fn warnings(problems: &[Problem]) -> Vec<(&'static str, String)> {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| (p.code, p.field.clone().unwrap_or_default()))
        .collect()
}

fn pair(code: &'static str, field: &str) -> Vec<(&'static str, String)> {
    vec![(code, field.to_owned())]
}

const BASE: &str = "card.member_card.base_info";

#[test]
fn seed_example_validates_from_an_object_and_from_a_string() {
    let card = seed_example();
    assert_eq!(validate_card_definition(&card), vec![]);
    assert_eq!(validate_card_definition_str(&card.to_string()), vec![]);
    let pretty = pretty(&card, 0);
    assert!(pretty.contains("\n    "));
    assert_eq!(validate_card_definition_str(&pretty), vec![]);
}

/// `value` as indented JSON text, with whitespace wherever JSON allows it.
fn pretty(value: &Value, depth: usize) -> String {
    let indent = |d: usize| format!("\r\n{}", "  ".repeat(d));
    match value {
        Value::Array(items) if !items.is_empty() => {
            let items: Vec<String> = items
                .iter()
                .map(|v| format!("{}{}", indent(depth + 1), pretty(v, depth + 1)))
                .collect();
            format!("[{}{}]", items.join(" ,"), indent(depth))
        }
        Value::Object(map) if !map.is_empty() => {
            let members: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    let key = wxcard::ToJson::to_json(k);
                    format!("{}{key}\t: {}", indent(depth + 1), pretty(v, depth + 1))
                })
                .collect();
            format!("{{{}{}}}", members.join(","), indent(depth))
        }
        other => other.to_string(),
    }
}

#[test]
fn seed_example_round_trips_through_with_mini_program_links() {
    let card = seed_example();
    let links = Links {
        custom: Some(
            Link::new(GH, "API/cardPage")
                .with_title("立即使用")
                .with_sub_title("6个汉字tips"),
        ),
        promotion: Some(Link::new(GH, "API/cardPage").with_title("更多优惠")),
        ..Links::default()
    };
    assert_eq!(with_mini_program_links(&card, &links).unwrap(), card);

    // From the JS shape too.
    let js = Links::from_json(&json!({
        "custom": {"userName": GH, "path": "API/cardPage", "title": "立即使用", "subTitle": "6个汉字tips"},
        "promotion": {"userName": GH, "path": "API/cardPage", "title": "更多优惠"}
    }))
    .unwrap();
    assert_eq!(js, links);
    assert_eq!(with_mini_program_links(&card, &js).unwrap(), card);
}

#[test]
fn seed_example_is_built_from_its_h5_version() {
    let mut h5 = seed_example();
    let base = h5["card"]["member_card"]["base_info"]
        .as_object_mut()
        .unwrap();
    for key in [
        "custom_app_brand_user_name",
        "custom_app_brand_pass",
        "promotion_app_brand_user_name",
        "promotion_app_brand_pass",
    ] {
        base.remove(key);
    }
    let before = h5.clone();
    let w = warnings(&validate_card_definition(&h5));
    assert_eq!(
        w,
        vec![
            ("H5_LINK_WITHOUT_MINI_PROGRAM", format!("{BASE}.custom_url")),
            (
                "H5_LINK_WITHOUT_MINI_PROGRAM",
                format!("{BASE}.promotion_url")
            ),
        ]
    );
    let links = Links {
        custom: Some(Link::new(GH, "API/cardPage")),
        promotion: Some(Link::new(GH, "API/cardPage")),
        ..Links::default()
    };
    let out = with_mini_program_links(&h5, &links).unwrap();
    assert_eq!(out, seed_example());
    assert_eq!(h5, before, "the input is not modified");
}

#[test]
fn titles_map_to_each_entrys_label_fields() {
    let card = member(json!({"title": "会员卡", "center_url": "http://a.example"}));
    let links = Links {
        custom: Some(
            Link::new(GH, "pages/a/a")
                .with_title("立即使用")
                .with_sub_title("小提示"),
        ),
        center: Some(
            Link::new(GH, "/pages/b/b?x=1")
                .with_title("快速买单")
                .with_sub_title("八个汉字的提示语"),
        ),
        promotion: Some(
            Link::new(GH, "pages/c/c")
                .with_title("更多优惠")
                .with_sub_title("营销"),
        ),
        activate: None,
    };
    let out = with_mini_program_links(&card, &links).unwrap();
    let base = &out["card"]["member_card"]["base_info"];
    let expect = [
        ("custom_url_name", "立即使用"),
        ("custom_url_sub_title", "小提示"),
        ("custom_app_brand_pass", "pages/a/a"),
        ("center_title", "快速买单"),
        ("center_sub_title", "八个汉字的提示语"),
        ("center_app_brand_pass", "/pages/b/b?x=1"),
        ("center_app_brand_user_name", GH),
        ("center_url", "http://a.example"),
        ("promotion_url_name", "更多优惠"),
        ("promotion_url_sub_title", "营销"),
        ("title", "会员卡"),
    ];
    for (key, value) in expect {
        assert_eq!(base[key], value, "{key}");
    }
    assert_eq!(validate_card_definition(&out), vec![]);
}

#[test]
fn activation_links_go_to_the_member_card_level() {
    let card = member(json!({"title": "会员卡"}));
    let links = Links {
        activate: Some(Link::new(GH, "pages/activate/activate")),
        ..Links::default()
    };
    let out = with_mini_program_links(&card, &links).unwrap();
    let level = &out["card"]["member_card"];
    assert_eq!(level["activate_app_brand_user_name"], GH);
    assert_eq!(level["activate_app_brand_pass"], "pages/activate/activate");
    assert!(level["base_info"].get("activate_app_brand_pass").is_none());
    assert_eq!(validate_card_definition(&out), vec![]);

    // A base_info copy already there is kept in step, so the two levels never disagree.
    let both = member(
        json!({"activate_app_brand_user_name": "gh_000000000000@app", "activate_app_brand_pass": "old"}),
    );
    let out = with_mini_program_links(&both, &links).unwrap();
    assert_eq!(
        out["card"]["member_card"]["base_info"]["activate_app_brand_pass"],
        "pages/activate/activate"
    );
    assert_eq!(
        out["card"]["member_card"]["activate_app_brand_pass"],
        "pages/activate/activate"
    );
    assert_eq!(validate_card_definition(&out), vec![]);

    let groupon = json!({"card": {"card_type": "GROUPON", "groupon": {"base_info": {}}}});
    let e = with_mini_program_links(&groupon, &links).unwrap_err();
    assert_eq!(
        (e.code(), e.field()),
        ("INVALID_VALUE", Some("links.activate"))
    );
    let titled = Links {
        activate: Some(Link::new(GH, "p").with_title("激活")),
        ..Links::default()
    };
    let e = with_mini_program_links(&card, &titled).unwrap_err();
    assert_eq!(e.field(), Some("links.activate.title"));
}

#[test]
fn bad_links_are_errors_naming_the_field() {
    let card = seed_example();
    let cases: [(Value, &str, &str); 8] = [
        (
            json!({"custom": {"userName": GH, "path": "https://www.qq.com/card"}}),
            "INVALID_VALUE",
            "links.custom.path",
        ),
        (
            json!({"custom": {"userName": "wx8d8a3ef51ac0a2e4", "path": "p"}}),
            "APP_ID_AS_USER_NAME",
            "links.custom.userName",
        ),
        (
            json!({"custom": {"userName": "gh_86a091e50ad4", "path": "p"}}),
            "INVALID_USER_NAME",
            "links.custom.userName",
        ),
        (
            json!({"center": {"userName": "", "path": "p"}}),
            "MISSING_FIELD",
            "links.center.userName",
        ),
        (
            json!({"promotion": {"userName": GH, "path": ""}}),
            "MISSING_FIELD",
            "links.promotion.path",
        ),
        (
            json!({"promotion": {"userName": GH, "path": "  "}}),
            "MISSING_FIELD",
            "links.promotion.path",
        ),
        (
            json!({"center": {"userName": GH, "path": "p", "subTitle": "九个汉字的提示语句啊"}}),
            "TOO_LONG",
            "links.center.subTitle",
        ),
        (
            json!({"custom": {"userName": GH, "path": "p", "title": ""}}),
            "INVALID_VALUE",
            "links.custom.title",
        ),
    ];
    for (links, code, field) in cases {
        let links = Links::from_json(&links).unwrap();
        let e = with_mini_program_links(&card, &links).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{e}");
        assert!(e.to_string().starts_with(field), "{e}");
    }
}

#[test]
fn links_from_json_names_shape_mistakes() {
    let cases: [(Value, &str, &str); 5] = [
        (json!([]), "INVALID_TYPE", "links"),
        (json!({"promo": {}}), "UNKNOWN_FIELD", "links.promo"),
        (
            json!({"custom": {"user_name": GH, "path": "p"}}),
            "SNAKE_CASE_KEY",
            "links.custom.user_name",
        ),
        (
            json!({"custom": {"userName": 1, "path": "p"}}),
            "INVALID_TYPE",
            "links.custom.userName",
        ),
        (
            json!({"custom": "gh_86a091e50ad4@app"}),
            "INVALID_TYPE",
            "links.custom",
        ),
    ];
    for (links, code, field) in cases {
        let e = Links::from_json(&links).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{e}");
    }
    assert_eq!(
        Links::from_json(&json!({"custom": null})).unwrap(),
        Links::default()
    );
}

#[test]
fn with_mini_program_links_refuses_bodies_without_a_type() {
    let links = Links {
        custom: Some(Link::new(GH, "p")),
        ..Links::default()
    };
    let cases: [(Value, &str, &str); 5] = [
        (json!("card"), "INVALID_TYPE", "card"),
        (
            json!({"card": {"card_type": "VIP"}}),
            "UNKNOWN_CARD_TYPE",
            "card.card_type",
        ),
        (
            json!({"card": {"card_type": "MEMBER_CARD", "groupon": {}}}),
            "CARD_TYPE_MISMATCH",
            "card.groupon",
        ),
        (
            json!({"card": {"card_type": "MEMBER_CARD", "member_card": {"base_info": []}}}),
            "INVALID_TYPE",
            "card.member_card.base_info",
        ),
        (json!({"title": "x"}), "INVALID_VALUE", "card"),
    ];
    for (card, code, field) in cases {
        let e = with_mini_program_links(&card, &links).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{e}");
    }
}

#[test]
fn card_type_must_be_known_and_match_its_key() {
    let ok = json!({"card": {"card_type": "GIFT", "gift": {"base_info": {}}}});
    assert!(errors(&validate_card_definition(&ok)).is_empty());
    let cases: [(Value, Vec<(&str, String)>); 6] = [
        (
            json!({"card": {"card_type": "VIP_CARD", "member_card": {"base_info": {}}}}),
            pair("UNKNOWN_CARD_TYPE", "card.card_type"),
        ),
        (
            json!({"card": {"card_type": "member_card", "member_card": {"base_info": {}}}}),
            pair("UNKNOWN_CARD_TYPE", "card.card_type"),
        ),
        (
            json!({"card": {"member_card": {"base_info": {}}}}),
            pair("MISSING_FIELD", "card.card_type"),
        ),
        (
            json!({"card": {"card_type": "MEMBER_CARD", "groupon": {"base_info": {}}}}),
            pair("CARD_TYPE_MISMATCH", "card.groupon"),
        ),
        (
            json!({"card": {"card_type": "MEMBER_CARD"}}),
            pair("MISSING_FIELD", "card.member_card"),
        ),
        (
            json!({"card": {"card_type": 7, "cash": {"base_info": {}}}}),
            pair("INVALID_TYPE", "card.card_type"),
        ),
    ];
    for (card, expect) in cases {
        assert_eq!(errors(&validate_card_definition(&card)), expect, "{card}");
    }
    // With an unknown card_type, a single type key still lets the fields be checked.
    let mixed = json!({"card": {"card_type": "VIP", "member_card": {"base_info": {"custom_app_brand_user_name": GH}}}});
    assert_eq!(
        errors(&validate_card_definition(&mixed)),
        vec![
            ("UNKNOWN_CARD_TYPE", "card.card_type".to_owned()),
            ("UNPAIRED_FIELD", format!("{BASE}.custom_app_brand_pass")),
        ]
    );
}

#[test]
fn link_halves_come_in_pairs() {
    for group in ["custom", "center", "promotion"] {
        let user = format!("{group}_app_brand_user_name");
        let pass = format!("{group}_app_brand_pass");
        let both = member(json!({&user: GH, &pass: "API/cardPage"}));
        assert_eq!(validate_card_definition(&both), vec![]);
        let only_user = member(json!({&user: GH}));
        assert_eq!(
            errors(&validate_card_definition(&only_user)),
            pair("UNPAIRED_FIELD", &format!("{BASE}.{pass}"))
        );
        let blank_pass = member(json!({&user: GH, &pass: " "}));
        assert_eq!(
            errors(&validate_card_definition(&blank_pass)),
            pair("UNPAIRED_FIELD", &format!("{BASE}.{pass}"))
        );
        let only_pass = member(json!({&pass: "API/cardPage"}));
        let problems = validate_card_definition(&only_pass);
        assert_eq!(
            errors(&problems),
            pair("UNPAIRED_FIELD", &format!("{BASE}.{user}"))
        );
        assert!(
            problems[0].message.contains(&pass),
            "{}",
            problems[0].message
        );
    }
    // The page is a mini-program path, not the H5 link.
    let url = member(
        json!({"custom_app_brand_user_name": GH, "custom_app_brand_pass": "http://www.qq.com"}),
    );
    assert_eq!(
        errors(&validate_card_definition(&url)),
        pair("INVALID_VALUE", &format!("{BASE}.custom_app_brand_pass"))
    );
    // The same rule in the member card's own sub-objects.
    let cell = json!({"card": {"card_type": "MEMBER_CARD", "member_card": {
        "base_info": {},
        "custom_cell1": {"name": "积分商城", "app_brand_user_name": GH},
        "bonus_app_brand_pass": "pages/bonus"
    }}});
    assert_eq!(
        errors(&validate_card_definition(&cell)),
        vec![
            (
                "UNPAIRED_FIELD",
                "card.member_card.bonus_app_brand_user_name".to_owned()
            ),
            (
                "UNPAIRED_FIELD",
                "card.member_card.custom_cell1.app_brand_pass".to_owned()
            ),
        ]
    );
}

#[test]
fn user_names_are_original_ids_plus_at_app() {
    let with = |name: Value| {
        member(json!({"custom_app_brand_user_name": name, "custom_app_brand_pass": "p"}))
    };
    let field = format!("{BASE}.custom_app_brand_user_name");
    assert_eq!(validate_card_definition(&with(json!(GH))), vec![]);
    assert_eq!(
        errors(&validate_card_definition(&with(json!(
            "wx8d8a3ef51ac0a2e4"
        )))),
        pair("APP_ID_AS_USER_NAME", &field)
    );
    assert_eq!(
        errors(&validate_card_definition(&with(json!(
            "wx8d8a3ef51ac0a2e4@app"
        )))),
        pair("APP_ID_AS_USER_NAME", &field)
    );
    assert_eq!(
        errors(&validate_card_definition(&with(json!("gh_86a091e50ad4")))),
        pair("INVALID_USER_NAME", &field)
    );
    assert_eq!(
        errors(&validate_card_definition(&with(json!("小程序@app")))),
        pair("INVALID_USER_NAME", &field)
    );
    assert_eq!(
        errors(&validate_card_definition(&with(json!(123)))),
        pair("INVALID_TYPE", &field)
    );
    let unusual = validate_card_definition(&with(json!("gh_86A091E50AD4@app")));
    assert_eq!(errors(&unusual), vec![]);
    assert_eq!(warnings(&unusual), pair("UNUSUAL_USER_NAME", &field));
}

/// Every label with a byte limit, exercised with Chinese text (3 bytes a character).
#[test]
fn label_limits_are_utf8_bytes() {
    let limits = [
        ("custom_url_name", 15),
        ("promotion_url_name", 15),
        ("custom_url_sub_title", 18),
        ("promotion_url_sub_title", 18),
        ("center_title", 18),
        ("center_sub_title", 24),
        ("title", 27),
        ("brand_name", 36),
        ("notice", 48),
        ("description", 3072),
    ];
    for (key, limit) in limits {
        assert_eq!(wxcard::card_def::label_limit(key), Some(limit), "{key}");
        let chars = limit / 3;
        let below = "券".repeat(chars - 1);
        let at = "券".repeat(chars);
        let above = format!("{at}a");
        let mixed_at = format!("{}{}", "券".repeat(chars - 1), "abc");
        for ok in [&below, &at, &mixed_at] {
            assert!(ok.len() <= limit);
            assert_eq!(
                validate_card_definition(&member(json!({key: ok}))),
                vec![],
                "{key} = {ok}"
            );
        }
        let problems = validate_card_definition(&member(json!({key: above})));
        assert_eq!(
            errors(&problems),
            pair("TOO_LONG", &format!("{BASE}.{key}")),
            "{key}"
        );
        assert!(
            problems[0]
                .message
                .ends_with(&format!("at most {limit} bytes allowed, got {}", limit + 1)),
            "{}",
            problems[0].message
        );
        // Counting characters instead of bytes would pass this one.
        let many = "券".repeat(chars + 1);
        assert!(many.chars().count() <= limit);
        assert_eq!(
            errors(&validate_card_definition(&member(json!({key: many})))).len(),
            1
        );
    }
    assert_eq!(
        errors(&validate_card_definition(&member(json!({"title": 5})))),
        pair("INVALID_TYPE", &format!("{BASE}.title"))
    );
}

#[test]
fn coupons_that_can_no_longer_be_created_are_warned_about() {
    for t in CardType::ALL {
        let card =
            json!({"card": {"card_type": t.as_str(), t.key(): {"base_info": {"title": "卡券"}}}});
        let problems = validate_card_definition(&card);
        assert!(errors(&problems).is_empty(), "{t}: {problems:?}");
        let warned = warnings(&problems)
            .contains(&("COUPON_CREATION_DISCONTINUED", "card.card_type".to_owned()));
        assert_eq!(warned, t.creation_discontinued(), "{t}");
        // Updating an existing coupon is fine.
        let update = json!({"card_id": "pbLatjtZ7v1BG_ZnTjbW85GYc_E8", t.key(): {"base_info": {"title": "卡券"}}});
        assert_eq!(validate_card_definition(&update), vec![], "{t}");
    }
    let lucky = json!({"card_type": "LUCKY_MONEY", "lucky_money": {"base_info": {}}});
    assert_eq!(
        warnings(&validate_card_definition(&lucky)),
        pair("UNCONFIRMED_CARD_TYPE", "card_type")
    );
}

#[test]
fn h5_links_without_a_mini_program_are_warned_about() {
    for (h5, user, pass) in [
        (
            "custom_url",
            "custom_app_brand_user_name",
            "custom_app_brand_pass",
        ),
        (
            "center_url",
            "center_app_brand_user_name",
            "center_app_brand_pass",
        ),
        (
            "promotion_url",
            "promotion_app_brand_user_name",
            "promotion_app_brand_pass",
        ),
    ] {
        let alone = member(json!({h5: "http://www.qq.com"}));
        let problems = validate_card_definition(&alone);
        assert_eq!(
            warnings(&problems),
            pair("H5_LINK_WITHOUT_MINI_PROGRAM", &format!("{BASE}.{h5}"))
        );
        assert!(
            problems[0].message.contains(user),
            "{}",
            problems[0].message
        );
        let beside = member(json!({h5: "http://www.qq.com", user: GH, pass: "p"}));
        assert_eq!(validate_card_definition(&beside), vec![]);
    }
}

#[test]
fn activation_links_are_accepted_at_either_level() {
    let level = json!({"card": {"card_type": "MEMBER_CARD", "member_card": {
        "base_info": {}, "activate_app_brand_user_name": GH, "activate_app_brand_pass": "pages/a", "wx_activate": true
    }}});
    assert_eq!(validate_card_definition(&level), vec![]);

    let base =
        member(json!({"activate_app_brand_user_name": GH, "activate_app_brand_pass": "pages/a"}));
    let problems = validate_card_definition(&base);
    assert!(errors(&problems).is_empty());
    assert_eq!(
        warnings(&problems),
        vec![
            (
                "ACTIVATE_LINK_PLACEMENT",
                format!("{BASE}.activate_app_brand_user_name")
            ),
            (
                "ACTIVATE_LINK_PLACEMENT",
                format!("{BASE}.activate_app_brand_pass")
            ),
        ]
    );

    let disagree = json!({"card": {"card_type": "MEMBER_CARD", "member_card": {
        "base_info": {"activate_app_brand_user_name": GH, "activate_app_brand_pass": "pages/old"},
        "activate_app_brand_user_name": GH, "activate_app_brand_pass": "pages/new"
    }}});
    let w = warnings(&validate_card_definition(&disagree));
    assert!(
        w.contains(&(
            "ACTIVATE_LINK_PLACEMENT",
            "card.member_card.activate_app_brand_pass".into()
        )),
        "{w:?}"
    );

    let unpaired = json!({"card": {"card_type": "MEMBER_CARD", "member_card": {"base_info": {}, "activate_app_brand_user_name": GH}}});
    assert_eq!(
        errors(&validate_card_definition(&unpaired)),
        pair("UNPAIRED_FIELD", "card.member_card.activate_app_brand_pass")
    );

    let scenic = json!({"card": {"card_type": "SCENIC_TICKET", "scenic_ticket": {"base_info": {}, "activate_app_brand_user_name": GH, "activate_app_brand_pass": "p"}}});
    let w = warnings(&validate_card_definition(&scenic));
    assert_eq!(w.len(), 2);
    assert!(
        w.iter()
            .all(|(code, _)| *code == "ACTIVATE_LINK_NOT_MEMBER_CARD")
    );
}

#[test]
fn text_input_is_parsed_first() {
    let cases = [
        ("{\"card\": ", "INVALID_JSON"),
        ("", "INVALID_JSON"),
        ("[1, 2]", "INVALID_TYPE"),
        ("\"{\\\"card\\\": {}}\"", "DOUBLE_ENCODED"),
        ("{}", "INVALID_VALUE"),
    ];
    for (text, code) in cases {
        let problems = validate_card_definition_str(text);
        assert_eq!(errors(&problems), pair(code, "card"), "{text}");
    }
}

#[test]
fn update_bodies_are_validated() {
    let ok = json!({"card_id": "pbLatjtZ7v1BG_ZnTjbW85GYc_E8", "member_card": {"base_info": {"custom_app_brand_user_name": GH}}});
    assert_eq!(
        errors(&validate_card_definition(&ok)),
        pair(
            "UNPAIRED_FIELD",
            "member_card.base_info.custom_app_brand_pass"
        )
    );
    let no_type = json!({"card_id": "pbLatjtZ7v1BG_ZnTjbW85GYc_E8", "base_info": {}});
    assert_eq!(
        errors(&validate_card_definition(&no_type)),
        pair("INVALID_VALUE", "card")
    );
    let two = json!({"card_id": "pbLatjtZ7v1BG_ZnTjbW85GYc_E8", "member_card": {}, "groupon": {}});
    assert_eq!(errors(&validate_card_definition(&two)).len(), 1);
    let bad_id = json!({"card_id": "p 1", "member_card": {"base_info": {}}});
    assert_eq!(
        errors(&validate_card_definition(&bad_id)),
        pair("INVALID_VALUE", "card_id")
    );
}

#[test]
fn every_card_type_is_built_and_validated() {
    let links = Links {
        custom: Some(Link::new(GH, "pages/use/use").with_title("立即使用")),
        center: Some(Link::new(GH, "pages/pay/pay").with_title("快速买单")),
        promotion: Some(Link::new(GH, "pages/more/more").with_sub_title("更多优惠")),
        activate: None,
    };
    for t in CardType::ALL {
        for (card, base_path) in [
            (
                json!({"card": {"card_type": t.as_str(), t.key(): {"base_info": {"title": "卡券", "custom_url": "http://www.qq.com"}}}}),
                format!("/card/{}/base_info", t.key()),
            ),
            (
                json!({"card_type": t.as_str(), t.key(): {"base_info": {"title": "卡券"}}}),
                format!("/{}/base_info", t.key()),
            ),
            (
                json!({"card_id": "pbLatjtZ7v1BG_ZnTjbW85GYc_E8", t.key(): {}}),
                format!("/{}/base_info", t.key()),
            ),
        ] {
            let out = with_mini_program_links(&card, &links).unwrap();
            let base = out
                .pointer(&base_path)
                .unwrap_or_else(|| panic!("{t}: {out}"));
            assert_eq!(base["custom_app_brand_user_name"], GH, "{t}");
            assert_eq!(base["center_app_brand_pass"], "pages/pay/pay", "{t}");
            assert_eq!(base["promotion_url_sub_title"], "更多优惠", "{t}");
            let problems = validate_card_definition(&out);
            assert!(errors(&problems).is_empty(), "{t}: {problems:?}");
            assert!(
                !warnings(&problems)
                    .iter()
                    .any(|(c, _)| *c == "H5_LINK_WITHOUT_MINI_PROGRAM"),
                "{t}"
            );
        }
        let body = card_update_body("pbLatjtZ7v1BG_ZnTjbW85GYc_E8", t, &json!({"center_title": "快速买单", "center_app_brand_user_name": GH, "center_app_brand_pass": "pages/pay/pay"})).unwrap();
        assert_eq!(
            body[t.key()]["base_info"]["center_app_brand_pass"],
            "pages/pay/pay",
            "{t}"
        );
        assert_eq!(validate_card_definition(&body), vec![], "{t}");
    }
}

#[test]
fn card_update_body_names_every_mistake() {
    let id = "pbLatjtZ7v1BG_ZnTjbW85GYc_E8";
    let body =
        card_update_body(id, CardType::Gift, &json!({"custom_url_name": "立即兑换"})).unwrap();
    assert_eq!(
        body,
        json!({"card_id": id, "gift": {"base_info": {"custom_url_name": "立即兑换"}}})
    );
    let cases: [(&str, Value, &str, &str); 10] = [
        ("", json!({"title": "x"}), "MISSING_FIELD", "cardId"),
        (
            "p1234567890123456789012345678901234",
            json!({"title": "x"}),
            "TOO_LONG",
            "cardId",
        ),
        ("p<1>", json!({"title": "x"}), "INVALID_VALUE", "cardId"),
        (id, json!("title"), "INVALID_TYPE", "baseInfoPatch"),
        (id, json!({}), "INVALID_VALUE", "baseInfoPatch"),
        (
            id,
            json!({"base_info": {"title": "x"}}),
            "INVALID_VALUE",
            "baseInfoPatch.base_info",
        ),
        (
            id,
            json!({"title": "十个汉字的会员卡名称"}),
            "TOO_LONG",
            "baseInfoPatch.title",
        ),
        (
            id,
            json!({"promotion_app_brand_user_name": GH}),
            "UNPAIRED_FIELD",
            "baseInfoPatch.promotion_app_brand_pass",
        ),
        (
            id,
            json!({"center_app_brand_user_name": "wx8d8a3ef51ac0a2e4", "center_app_brand_pass": "p"}),
            "APP_ID_AS_USER_NAME",
            "baseInfoPatch.center_app_brand_user_name",
        ),
        (
            id,
            json!({"custom_url_sub_title": 3}),
            "INVALID_TYPE",
            "baseInfoPatch.custom_url_sub_title",
        ),
    ];
    for (card_id, patch, code, field) in cases {
        let e = card_update_body(card_id, CardType::MemberCard, &patch).unwrap_err();
        assert_eq!((e.code(), e.field()), (code, Some(field)), "{e}");
    }
    assert_eq!(
        "MEMBER_CARD".parse::<CardType>().unwrap(),
        CardType::MemberCard
    );
}

mod never_panics {
    use proptest::prelude::*;
    use wxcard::json;
    use wxcard::json::Value;

    fn arb_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[a-z_]{0,30}".prop_map(Value::from),
            prop::sample::select(vec![
                "gh_86a091e50ad4@app",
                "wx1@app",
                "MEMBER_CARD",
                "GROUPON",
                "券券券券券券"
            ])
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            let keys = prop::sample::select(vec![
                "card",
                "card_type",
                "card_id",
                "member_card",
                "groupon",
                "base_info",
                "custom_app_brand_user_name",
                "custom_app_brand_pass",
                "app_brand_pass",
                "title",
                "custom_url",
                "activate_app_brand_user_name",
                "x",
            ]);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(keys, inner, 0..6).prop_map(|m| Value::Object(
                    m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #[test]
        fn on_any_value(v in arb_json()) {
            let _ = wxcard::card_def::validate_card_definition(&v);
            let _ = wxcard::card_def::validate_card_definition(&json!({"card": v.clone()}));
            let links = wxcard::card_def::Links::from_json(&json!({"custom": {"userName": "gh_86a091e50ad4@app", "path": "p"}, "activate": {"userName": "gh_86a091e50ad4@app", "path": "p"}})).unwrap();
            let _ = wxcard::card_def::with_mini_program_links(&v, &links);
            let _ = wxcard::card_def::card_update_body("p1", wxcard::card_def::CardType::MemberCard, &v);
        }

        #[test]
        fn on_any_text(s in ".{0,80}") {
            let _ = wxcard::card_def::validate_card_definition_str(&s);
        }
    }
}

mod properties {
    use proptest::prelude::*;
    use wxcard::Severity;
    use wxcard::card_def::{
        CardType, Link, Links, label_limit, validate_card_definition, with_mini_program_links,
    };
    use wxcard::json;

    /// A label of Chinese and ASCII text within `max` UTF-8 bytes.
    fn label(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["券", "卡", "会", "员", "a", "1", " "]),
            1..12,
        )
        .prop_map(move |parts| {
            let mut s = String::new();
            for p in parts {
                if s.len() + p.len() <= max {
                    s.push_str(p);
                }
            }
            if s.is_empty() { "a".to_owned() } else { s }
        })
    }

    fn link(title_max: usize, sub_max: usize) -> impl Strategy<Value = Link> {
        (
            "[0-9a-f]{12}",
            "/?[a-z]{1,8}(/[a-z]{1,8}){0,2}(\\?[a-z]=[0-9]{1,3})?",
            prop::option::of(label(title_max)),
            prop::option::of(label(sub_max)),
        )
            .prop_map(|(id, path, title, sub_title)| Link {
                user_name: format!("gh_{id}@app"),
                path,
                title,
                sub_title,
            })
    }

    fn limit(key: &str) -> usize {
        label_limit(key).unwrap_or(0)
    }

    fn links() -> impl Strategy<Value = Links> {
        (
            prop::option::of(link(
                limit("custom_url_name"),
                limit("custom_url_sub_title"),
            )),
            prop::option::of(link(limit("center_title"), limit("center_sub_title"))),
            prop::option::of(link(
                limit("promotion_url_name"),
                limit("promotion_url_sub_title"),
            )),
        )
            .prop_map(|(custom, center, promotion)| Links {
                custom,
                center,
                promotion,
                activate: None,
            })
    }

    proptest! {
        /// Whatever valid links are written into any card type, the result validates
        /// without errors, and writing the same links again changes nothing.
        #[test]
        fn written_links_validate_and_are_idempotent(
            links in links(),
            type_index in 0..CardType::ALL.len(),
            h5 in any::<bool>(),
        ) {
            let t = CardType::ALL.get(type_index).copied().unwrap_or(CardType::MemberCard);
            let mut base = json!({"title": "卡券"});
            if h5 {
                base["custom_url"] = json!("https://shop.example.com/card");
            }
            let card = json!({"card": {"card_type": t.as_str(), t.key(): {"base_info": base}}});
            let once = with_mini_program_links(&card, &links).unwrap();
            let problems = validate_card_definition(&once);
            prop_assert!(problems.iter().all(|p| p.severity == Severity::Warning), "{problems:?}");
            let twice = with_mini_program_links(&once, &links).unwrap();
            prop_assert_eq!(twice, once);
        }
    }
}
