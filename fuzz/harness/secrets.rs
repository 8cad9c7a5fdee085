//! The ticket the harness signs with, and the check that no output shows it.
//!
//! Inputs may spell `@T@` to place the ticket anywhere (so the fuzzer can put a
//! ticket into a cardExt with three bytes); every message and field path the
//! library produces is then searched for it. [`partial_leak`] looks for any
//! [`LEAK_WINDOW`]-character piece of it, which messages that quote a
//! truncated input value can still show.

/// The secret: 86 characters, like a real `api_ticket`.
pub const TICKET: &str =
    "FzTkT9q_Lw3xVb7Nc2Hs5Jd8Kf1Gm4Pr6Qt0Yu-EzAiOoXeWaRsDfGhJkLzXcVbNmQwErTyUiOpAsDfGhJkLqW";

/// How long a piece of the ticket counts as leaked.
pub const LEAK_WINDOW: usize = 16;

/// `text` with every `@T@` replaced by [`TICKET`].
pub fn with_ticket(text: &str) -> String {
    text.replace("@T@", TICKET)
}

/// Panics if `output` contains the ticket.
pub fn assert_no_ticket(what: &str, output: &str) {
    assert!(
        !output.contains(TICKET),
        "{what} shows the ticket: {output}"
    );
}

/// The first [`LEAK_WINDOW`]-character piece of the ticket that `output` shows.
pub fn partial_leak(output: &str) -> Option<&'static str> {
    // NOTE: the ticket is ASCII, so every byte range is a char boundary.
    (0..=TICKET.len() - LEAK_WINDOW)
        .map(|i| &TICKET[i..i + LEAK_WINDOW])
        .find(|piece| output.contains(piece))
}

/// Panics if `output` contains the first [`LEAK_WINDOW`] characters of the
/// ticket: for outputs of calls that were given the ticket, which scrub any
/// cut copy of it that a message quotes from the input.
pub fn assert_no_ticket_prefix(what: &str, output: &str) {
    let prefix = &TICKET[..LEAK_WINDOW];
    assert!(
        !output.contains(prefix),
        "{what} shows part of the ticket: {output}"
    );
}
