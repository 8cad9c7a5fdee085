//! The known mistakes, each as a way to recompute a signature wrongly, in the
//! order they are tried.

use super::finding::Finding;
use super::search::Search;
use super::signed::{CARD_ID, CODE, NONCE_STR, OPENID, Signed, TICKET, TIMESTAMP};
use crate::sign::sort_values_by;
use crate::text::decimal;

/// Tries every known mistake in turn and names the first that reproduces the
/// given signature. `others` (misnamed or unknown keys with their values)
/// and `unsigned` (the unsigned fields) are values a signer may have signed
/// although WeChat does not.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(super) fn run(
    search: &mut Search<'_>,
    s: &Signed<'_>,
    timestamp: u64,
    others: &[(String, String)],
    unsigned: [Option<&str>; 3],
) -> Option<Finding> {
    // A value sent but not signed. Emptying its slot drops one copy of the
    // value, whichever slot an equal value is in.
    for &(slot, finding) in &SENT_NOT_SIGNED {
        if !s.get(slot).is_empty() && s.signed_with(search, slot, "") {
            return Some(finding);
        }
    }
    if s.signed_as(search, s.get(CARD_ID), "", 0) {
        return Some(Finding::CardIdNotSigned);
    }
    // A value signed but not sent (or sent where WeChat does not read it).
    for (key, value) in others {
        if s.signed_as(search, "", value, 1) {
            return Some(Finding::signed_under(key));
        }
    }
    for value in unsigned.into_iter().flatten() {
        if !value.is_empty() && s.signed_as(search, "", value, 1) {
            return Some(Finding::ExtraValueSigned);
        }
    }
    // An absent value signed as the text "undefined" or "null" (JS
    // `String(undefined)`, a template literal).
    let absent = [CODE, OPENID, NONCE_STR]
        .into_iter()
        .filter(|&slot| s.get(slot).is_empty())
        .count();
    for literal in ["undefined", "null"] {
        for copies in 1..=absent {
            if s.signed_as(search, "", literal, copies) {
                return Some(Finding::UndefinedSigned);
            }
        }
    }
    // The ticket with whitespace around it, as read from a file or cache
    // (the older official example has a trailing space).
    let ticket = s.get(TICKET);
    if !ticket.is_empty() {
        for &(before, after) in &TICKET_SPACES {
            if s.signed_with(
                search,
                TICKET,
                &crate::text::concat(&[before, ticket, after]),
            ) {
                return Some(Finding::TicketWhitespace);
            }
        }
    }
    // A case-insensitive (or locale-aware) sort.
    for upper in [false, true] {
        let mut values = s.values("");
        sort_values_by(&mut values, &|a, b| folded_less(a, b, upper));
        if search.concat(&values) {
            return Some(Finding::CaseInsensitiveSort);
        }
    }
    timestamp_renderings(search, s, timestamp)
        .or_else(|| jsapi_style(search, s))
        .or_else(|| unsorted(search, s))
}

/// The sent values a signer may have left out, by slot, each with its mistake.
const SENT_NOT_SIGNED: [(usize, Finding); 3] = [
    (NONCE_STR, Finding::NonceSentNotSigned),
    (CODE, Finding::CodeSentNotSigned),
    (OPENID, Finding::OpenidSentNotSigned),
];

/// Whitespace before and after the ticket, as read from a file or cache.
const TICKET_SPACES: [(&str, &str); 4] = [("", " "), ("", "\n"), ("", "\r\n"), (" ", "")];

/// How far apart (in seconds) a signed timestamp may be from the one sent:
/// the clock read twice, or the UTC+8 offset.
const TIMESTAMP_DELTAS: [u64; 6] = [1, 2, 3, 4, 5, 8 * 3600];

/// The cardExt's timestamp is whole seconds, but the signer used another
/// rendering: milliseconds (`Date.now()`), a fraction (`Date.now() / 1000`),
/// or a timestamp taken a few seconds (or the UTC+8 offset) apart.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn timestamp_renderings(
    search: &mut Search<'_>,
    s: &Signed<'_>,
    timestamp: u64,
) -> Option<Finding> {
    let with_ts = |search: &mut Search<'_>, ts: &str| s.signed_with(search, TIMESTAMP, ts);
    // `timestamp * 1000`, saturating (without the 128-bit multiplication of
    // `u64::saturating_mul` on wasm32).
    let milliseconds = if timestamp > u64::MAX / 1000 {
        u64::MAX
    } else {
        timestamp * 1000
    };
    for k in 0..1000 {
        if with_ts(search, &decimal(milliseconds.saturating_add(k))) {
            return Some(Finding::TimestampInMilliseconds);
        }
    }
    for k in 1..1000 {
        // `k` thousandths without trailing zeros: the digits of `scale + k`
        // after its leading "1".
        let (mut k, mut scale) = (k, 1000);
        while k % 10 == 0 {
            k /= 10;
            scale /= 10;
        }
        let digits = decimal(scale + k);
        let fraction =
            crate::text::concat(&[s.get(TIMESTAMP), ".", digits.get(1..).unwrap_or_default()]);
        if with_ts(search, &fraction) {
            return Some(Finding::TimestampWithFraction);
        }
    }
    for &delta in &TIMESTAMP_DELTAS {
        for other in [timestamp.checked_add(delta), timestamp.checked_sub(delta)]
            .into_iter()
            .flatten()
        {
            if with_ts(search, &decimal(other)) {
                return Some(Finding::TimestampDiffers);
            }
        }
    }
    None
}

/// A `k=v&` string: its keys, each with the slot of its value, in order,
/// and whether an absent code, openid or nonce_str is left out (a slot past
/// the end, [`NO_VALUE`], reads as empty).
type KeyValues = (&'static [(&'static str, usize)], bool);

/// A slot that is always empty.
const NO_VALUE: usize = 6;

/// The `k=v` pairs joined by `&` that the `wx.config` signer builds: with its
/// own four keys (the card id as the url, or no url), then the card fields
/// under their names. Those are in key order, which is the byte order of the
/// `k=v` texts the wx.config signer sorts (no key is a prefix of another),
/// and the ticket, card id and timestamp are always paired.
const JSAPI_STYLES: [KeyValues; 8] = [
    (
        &[
            ("jsapi_ticket", TICKET),
            ("noncestr", NONCE_STR),
            ("timestamp", TIMESTAMP),
            ("url", CARD_ID),
        ],
        false,
    ),
    (
        &[
            ("jsapi_ticket", TICKET),
            ("noncestr", NONCE_STR),
            ("timestamp", TIMESTAMP),
            ("url", NO_VALUE),
        ],
        false,
    ),
    (
        &[
            ("api_ticket", TICKET),
            ("card_id", CARD_ID),
            ("code", CODE),
            ("nonce_str", NONCE_STR),
            ("openid", OPENID),
            ("timestamp", TIMESTAMP),
        ],
        true,
    ),
    (
        &[
            ("api_ticket", TICKET),
            ("card_id", CARD_ID),
            ("code", CODE),
            ("noncestr", NONCE_STR),
            ("openid", OPENID),
            ("timestamp", TIMESTAMP),
        ],
        true,
    ),
    (
        &[
            ("card_id", CARD_ID),
            ("code", CODE),
            ("jsapi_ticket", TICKET),
            ("nonce_str", NONCE_STR),
            ("openid", OPENID),
            ("timestamp", TIMESTAMP),
        ],
        true,
    ),
    (
        &[
            ("card_id", CARD_ID),
            ("code", CODE),
            ("jsapi_ticket", TICKET),
            ("noncestr", NONCE_STR),
            ("openid", OPENID),
            ("timestamp", TIMESTAMP),
        ],
        true,
    ),
    (
        &[
            ("card_id", CARD_ID),
            ("code", CODE),
            ("nonce_str", NONCE_STR),
            ("openid", OPENID),
            ("ticket", TICKET),
            ("timestamp", TIMESTAMP),
        ],
        true,
    ),
    (
        &[
            ("card_id", CARD_ID),
            ("code", CODE),
            ("noncestr", NONCE_STR),
            ("openid", OPENID),
            ("ticket", TICKET),
            ("timestamp", TIMESTAMP),
        ],
        true,
    ),
];

/// A signature computed like the `wx.config` one, over `k=v` pairs.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn jsapi_style(search: &mut Search<'_>, s: &Signed<'_>) -> Option<Finding> {
    for (pairs, skip_absent) in JSAPI_STYLES {
        let mut text = String::new();
        for &(key, slot) in pairs {
            let value = s.get(slot);
            if skip_absent && slot >= CODE && value.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push('&');
            }
            text.push_str(key);
            text.push('=');
            text.push_str(value);
        }
        if search.concat(&[&text]) {
            return Some(Finding::JsapiStyle);
        }
    }
    None
}

/// Any order of the values other than the sorted one: a fixed or insertion
/// order, or a reversed sort. The orders are tried in lexicographic order of
/// the slots, from the slot order itself.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn unsorted(search: &mut Search<'_>, s: &Signed<'_>) -> Option<Finding> {
    let values = s.values("");
    let count: usize = (1..=values.len()).product();
    for rank in 0..count {
        let parts = nth_order(&values, rank, count);
        if search.concat(&parts) {
            return Some(Finding::Unsorted);
        }
        if search.exhausted() {
            break;
        }
    }
    None
}

/// The `rank`-th of the `count` orders of `values` in lexicographic order of
/// their positions: the digits of `rank` in the factorial number system pick
/// each next value among those left.
// The values picked are marked rather than removed: `Vec::remove` would bring
// `memmove` into the `.wasm` (MVP WebAssembly has no `memory.copy`).
fn nth_order<'v>(values: &[&'v str], rank: usize, count: usize) -> Vec<&'v str> {
    // At most six values: one per slot of `Signed`.
    let mut taken = [false; 6];
    let mut order = Vec::with_capacity(values.len());
    let (mut rank, mut block) = (rank, count);
    for left in (1..=values.len()).rev() {
        block /= left;
        let mut skip = rank / block;
        rank %= block;
        for (value, taken) in values.iter().zip(taken.iter_mut()) {
            if *taken {
                continue;
            }
            if skip == 0 {
                *taken = true;
                order.push(*value);
                break;
            }
            skip -= 1;
        }
    }
    order
}

/// `a < b` in byte order with ASCII letters folded to upper or lower case.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn folded_less(a: &str, b: &str, upper: bool) -> bool {
    let fold = |c: u8| {
        if upper {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        }
    };
    for (x, y) in a.bytes().zip(b.bytes()) {
        let (x, y) = (fold(x), fold(y));
        if x != y {
            return x < y;
        }
    }
    a.len() < b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_all_visited_once_in_lexicographic_order() {
        let values = ["a", "b", "c", "d"];
        let orders: Vec<Vec<&str>> = (0..24).map(|rank| nth_order(&values, rank, 24)).collect();
        assert_eq!(orders[0], values);
        assert_eq!(orders[1], ["a", "b", "d", "c"]);
        assert_eq!(orders[23], ["d", "c", "b", "a"]);
        let mut sorted = orders.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, orders);
    }

    #[test]
    fn jsapi_card_pairs_are_in_byte_order() {
        // The card-field forms list their pairs as the wx.config signer sorts them.
        for (pairs, _) in &JSAPI_STYLES[2..] {
            let texts: Vec<String> = pairs.iter().map(|(k, _)| format!("{k}=zzz")).collect();
            let mut sorted = texts.clone();
            sorted.sort();
            assert_eq!(texts, sorted);
        }
    }
}
