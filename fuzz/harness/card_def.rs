//! Card definitions: validation never panics, its problems are well formed,
//! and adding a valid mini-program link keeps a valid card valid.

use wxcard::card_def::{
    CardType, Links, card_update_body, validate_card_definition, validate_card_definition_str,
    with_mini_program_links,
};
use wxcard::json;
use wxcard::json::Value;

use super::card_ext::is_code;

/// Input: a card create/update body as JSON text.
pub fn card_definition(data: &[u8]) {
    let text = super::text(data);
    let from_text = validate_card_definition_str(&text);
    check(&from_text);
    let Ok(card) = Value::parse(&text) else {
        return;
    };
    if !card.is_string() {
        assert_eq!(
            validate_card_definition(&card),
            from_text,
            "text and value disagree"
        );
    }
    let links = Links::from_json(&json!({
        "custom": { "userName": "gh_86a091e50ad4@app", "path": "pages/card/index", "title": "立即使用" }
    }))
    .unwrap_or_else(|e| panic!("fixed links: {e}"));
    if let Ok(linked) = with_mini_program_links(&card, &links) {
        let after = validate_card_definition(&linked);
        check(&after);
        if !from_text.iter().any(|p| p.is_error()) {
            let errors: Vec<_> = after.iter().filter(|p| p.is_error()).collect();
            assert!(
                errors.is_empty(),
                "a valid card with a valid link is invalid: {errors:?}"
            );
        }
    }
    if let Some(patch) = card.pointer("/card/member_card/base_info") {
        if let Ok(body) =
            card_update_body("pjZ8Yt1XGILfi-FUsewpnnolGgZk", CardType::MemberCard, patch)
        {
            check(&validate_card_definition(&body));
        }
    }
}

fn check(problems: &[wxcard::Problem]) {
    for p in problems {
        assert!(is_code(p.code), "bad code {:?}", p.code);
        assert!(!p.message.is_empty(), "empty message for {}", p.code);
    }
}
