//! Verification and diagnosis: a report for every input, `ok` exactly when
//! no problem is an error, a recomputed signature that agrees with the
//! reader, and no ticket in any output.

use wxcard::card_ext::CardExt;
use wxcard::diagnose::{CAUSES, diagnose_card_ext};
use wxcard::json::Value;
use wxcard::verify::{Report, VerifyOptions, verify_card_ext, verify_card_list};
use wxcard::{Ticket, signatures_match};

use super::card_ext::is_code;
use super::secrets::{TICKET, assert_no_ticket, assert_no_ticket_prefix, with_ticket};

const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";

/// Input: a cardExt text, then optionally `\n` and verify options as JSON
/// (`@T@` stands for the ticket in both).
pub fn verify(data: &[u8]) {
    let (card_ext, options) = super::split2(data);
    let (card_ext, options) = (with_ticket(&card_ext), with_ticket(&options));
    let options = Value::parse(&options)
        .ok()
        .and_then(|v| VerifyOptions::from_json(&v).ok())
        .unwrap_or_else(|| VerifyOptions::new(CARD_ID).with_now(1_404_896_700));
    let mut with = options.clone();
    // Options may bring a ticket of their own; cut copies of ours are only
    // scrubbed when the call was given ours.
    let ours = with
        .api_ticket
        .get_or_insert_with(|| Ticket::new(TICKET))
        .expose()
        == TICKET;
    let mut without = options;
    without.api_ticket = None;

    let checked = verify_card_ext(&card_ext, &with);
    let unchecked = verify_card_ext(&card_ext, &without);
    check_report(&checked, ours);
    check_report(&unchecked, false);
    assert!(
        !unchecked.signature_checked,
        "no ticket, yet the signature was checked"
    );
    for p in unchecked.problems.iter().filter(|p| p.is_error()) {
        assert!(
            checked.has(p.code),
            "{} is an error without the ticket but not with it",
            p.code
        );
    }
    if checked.ok && checked.signature_checked {
        let ext = CardExt::parse(&card_ext, "cardExt")
            .unwrap_or_else(|e| panic!("verified ok, yet the cardExt does not parse: {e}"));
        let ticket = with.api_ticket.as_ref().unwrap_or_else(|| unreachable!());
        let card_id = with.card_id.as_deref().unwrap_or(CARD_ID);
        assert!(
            signatures_match(&ext.expected_signature(card_id, ticket), &ext.signature),
            "verified ok with a signature the reader does not reproduce"
        );
    }

    let list = Value::Array(vec![
        wxcard::json!({ "cardId": CARD_ID, "cardExt": card_ext }),
    ]);
    if let Ok(reports) = verify_card_list(&list, &with) {
        assert_eq!(reports.len(), 1);
        for r in &reports {
            check_report(r, ours);
        }
    }

    let ticket = Ticket::new(TICKET);
    let d = diagnose_card_ext(&card_ext, CARD_ID, &ticket);
    assert_no_ticket_prefix("a diagnosis", &d.message);
    assert_eq!(d.ok, d.cause.is_none(), "ok and cause disagree: {d:?}");
    if let Some(cause) = d.cause {
        assert!(
            CAUSES.contains(&cause) || is_code(cause),
            "bad cause {cause:?}"
        );
    }
    if d.ok {
        let ext = CardExt::parse(&card_ext, "cardExt")
            .unwrap_or_else(|e| panic!("diagnosed ok, yet the cardExt does not parse: {e}"));
        assert!(signatures_match(
            &ext.expected_signature(CARD_ID, &ticket),
            &ext.signature
        ));
    }
}

/// `given_ticket`: the report came from a call that had the ticket, so even a
/// cut copy of it must be scrubbed; without it only the whole ticket is searched.
fn check_report(report: &Report, given_ticket: bool) {
    let no_ticket = if given_ticket {
        assert_no_ticket_prefix
    } else {
        assert_no_ticket
    };
    assert_eq!(
        report.ok,
        !report.problems.iter().any(|p| p.is_error()),
        "ok disagrees with the problems: {report:?}"
    );
    for p in &report.problems {
        assert!(is_code(p.code), "bad code {:?}", p.code);
        assert!(!p.message.is_empty(), "empty message for {}", p.code);
        no_ticket("a problem message", &p.message);
        no_ticket("a problem field", p.field.as_deref().unwrap_or(""));
    }
    let json = wxcard::ToJson::to_json(report);
    no_ticket("a report", &json);
}
