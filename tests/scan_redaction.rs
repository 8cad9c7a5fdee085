//! `CardExtScan::problems()` removes the ticket it was read with from every
//! message and field, whole or cut, as `verify_card_ext` and
//! `diagnose_card_ext` do: the problems of a cardExt that quotes the ticket
//! (as a key, or inside a misnamed key) must not repeat it.

use wxcard::Ticket;
use wxcard::card_ext::CardExtScan;

const TICKET: &str =
    "SeCrEtTiCkEt_9q_Lw3xVb7Nc2Hs5Jd8Kf1Gm4Pr6Qt0Yu-EzAiOoXeWaRsDfGhJkLzXcVbNmQwErTyUiOpAsDf";

/// cardExts whose problems quote keys: the ticket as a key, a cut copy of it
/// as a key, and the ticket inside a key that looks like a misnamed field.
fn leaking_card_exts() -> Vec<String> {
    let signed =
        r#""timestamp":"1404896688","signature":"f137ab68b7f8112d20ee528ab6074564e2796250""#;
    vec![
        format!(r#"{{{signed},"{TICKET}":1}}"#),
        format!(r#"{{{signed},"{}":"x"}}"#, &TICKET[..30]),
        format!(r#"{{{signed},"nonceStr{TICKET}":"1"}}"#),
        format!(r#"{{"{TICKET}":1,"timestamp":1.5}}"#),
    ]
}

#[test]
fn problems_of_a_scan_with_the_ticket_do_not_quote_it() {
    let ticket = Ticket::new(TICKET);
    for text in leaking_card_exts() {
        let scan = CardExtScan::read(&text, "cardExt", Some(&ticket));
        let problems: Vec<_> = scan.problems().collect();
        assert!(!problems.is_empty(), "{text}: no problems found");
        for p in &problems {
            let shown = format!("{} {}", p.message, p.field.as_deref().unwrap_or(""));
            assert!(
                !shown.contains(&TICKET[..12]),
                "{}: {} quotes the ticket: {shown}",
                text.get(..40).unwrap_or(&text),
                p.code
            );
        }
        assert!(
            problems.iter().any(|p| p.message.contains("<redacted>")),
            "{text}: nothing was redacted, so the case does not exercise the scrub"
        );
    }
}

#[test]
fn problems_without_a_ticket_are_unchanged() {
    // Without a ticket there is nothing to hide: keys are quoted as they are.
    let text = format!(
        r#"{{"timestamp":"1404896688","signature":"f137ab68b7f8112d20ee528ab6074564e2796250","{TICKET}":1}}"#
    );
    let scan = CardExtScan::read(&text, "cardExt", None);
    let problems: Vec<_> = scan.problems().collect();
    assert!(
        problems.iter().any(|p| p.message.contains(&TICKET[..12])),
        "{problems:?}"
    );
    assert!(problems.iter().all(|p| !p.message.contains("<redacted>")));
}
