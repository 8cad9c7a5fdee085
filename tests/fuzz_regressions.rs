//! Replays every input the fuzzers found (`fuzz/regressions/<target>/`) and
//! every seed (`fuzz/seeds/<target>/`) through the same harness the fuzz
//! targets run, natively and without nightly; and pins the findings whose
//! behaviour is worth stating on its own.

#[path = "../fuzz/harness/mod.rs"]
mod harness;

use std::fs;
use std::path::Path;

use harness::secrets::{TICKET, partial_leak, with_ticket};
use wxcard::Ticket;
use wxcard::card_ext::CardExtScan;
use wxcard::verify::{VerifyOptions, verify_card_ext};

fn replay(dir: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let mut count = 0;
    for (target, run) in harness::TARGETS {
        let Ok(entries) = fs::read_dir(root.join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let data = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", path.display());
            count += 1;
        }
    }
    count
}

#[test]
fn every_kept_crash_input_passes() {
    assert!(replay("regressions") > 0, "no regression inputs found");
}

#[test]
fn every_seed_passes() {
    assert!(replay("seeds") >= harness::TARGETS.len(), "missing seeds");
}

fn read_kept(target: &str, name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target)
        .join(name);
    with_ticket(&String::from_utf8_lossy(
        &fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    ))
}

/// Found by `card_ext`: a ticket put into `timestamp` (or another field whose
/// message quotes a truncated value) showed its first 24 characters in the
/// problem message, while the report also said TICKET_LEAKED. Messages and
/// paths are now scrubbed of every run that starts like the ticket.
#[test]
fn ticket_given_to_verify_is_never_quoted_in_part() {
    let text = read_kept("card_ext", "ticket-prefix-in-timestamp-message");
    let options = VerifyOptions::new("pjZ8Yt1XGILfi-FUsewpnnolGgZk").with_ticket(TICKET);
    let report = verify_card_ext(&text, &options);
    assert!(report.has("TICKET_LEAKED"));
    for p in &report.problems {
        assert_eq!(partial_leak(&p.message), None, "{}: {}", p.code, p.message);
    }
}

/// Found by `card_ext`: a cardExt that holds the ticket but is not valid JSON
/// was reported as INVALID_JSON only, so the leak went unnamed.
#[test]
fn ticket_in_unparseable_card_ext_is_named() {
    let text = read_kept("card_ext", "ticket-in-unparseable-card-ext");
    assert!(text.contains(TICKET));
    let scan = CardExtScan::read(&text, "cardExt", Some(&Ticket::new(TICKET)));
    let codes: Vec<_> = scan.errors.iter().map(|e| e.code()).collect();
    assert!(codes.contains(&"TICKET_LEAKED"), "{codes:?}");
}

/// Found by `card_ext`: a ticket under a misnamed key (`nonce_`) was reported
/// only as CAMEL_CASE_KEY, because any error at the key suppressed the leak.
#[test]
fn ticket_under_a_misnamed_key_is_a_leak() {
    let text = read_kept("card_ext", "ticket-under-misnamed-key");
    let scan = CardExtScan::read(&text, "cardExt", Some(&Ticket::new(TICKET)));
    let codes: Vec<_> = scan.errors.iter().map(|e| e.code()).collect();
    assert!(codes.contains(&"CAMEL_CASE_KEY"), "{codes:?}");
    assert!(codes.contains(&"TICKET_LEAKED"), "{codes:?}");
}

/// Found by `card_ext`: with a duplicate key, the parsed object keeps only the
/// last value, so a ticket in the first one went unreported although the
/// cardExt text (what is sent on) still carries it.
#[test]
fn ticket_in_a_duplicated_key_is_a_leak() {
    let text = read_kept("card_ext", "ticket-in-duplicate-key");
    assert!(text.contains(TICKET));
    let scan = CardExtScan::read(&text, "cardExt", Some(&Ticket::new(TICKET)));
    let codes: Vec<_> = scan.errors.iter().map(|e| e.code()).collect();
    assert!(codes.contains(&"TICKET_LEAKED"), "{codes:?}");
}
