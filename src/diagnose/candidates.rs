//! The known mistakes, each as a way to recompute a signature wrongly.

use super::{MAX_CANDIDATES, MAX_HASHED_BYTES, hash_matches};
use crate::sign::{sort_values, sort_values_by};

/// The values a correct signer signs, as read from the cardExt.
pub(super) struct Signed<'a> {
    pub ticket: &'a str,
    pub card_id: &'a str,
    pub timestamp: u64,
    pub code: Option<&'a str>,
    pub openid: Option<&'a str>,
    pub nonce_str: Option<&'a str>,
}

impl Signed<'_> {
    /// `[ticket, timestamp, card_id, code?, openid?, nonce_str?]`, unsorted,
    /// with the timestamp rendered by `ts`.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn with_timestamp<'b>(&'b self, ts: &'b str) -> Vec<&'b str> {
        let mut values = vec![self.ticket, ts, self.card_id];
        values.extend(
            [self.code, self.openid, self.nonce_str]
                .into_iter()
                .flatten(),
        );
        values.retain(|v| !v.is_empty());
        values
    }
}

/// A search over wrong signers with a work budget.
pub(super) struct Search<'a> {
    given: &'a str,
    candidates: usize,
    bytes: usize,
    exhausted: bool,
}

type Found = Option<(&'static str, &'static str)>;

impl<'a> Search<'a> {
    pub fn new(given: &'a str) -> Self {
        Search {
            given,
            candidates: 0,
            bytes: 0,
            exhausted: false,
        }
    }

    /// Whether the budget ran out before every mistake was tried.
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Hashes `parts` concatenated in the given order, within the budget.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn concat(&mut self, parts: &[&str]) -> bool {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if self.candidates >= MAX_CANDIDATES || self.bytes.saturating_add(len) > MAX_HASHED_BYTES {
            self.exhausted = true;
            return false;
        }
        self.candidates += 1;
        self.bytes += len;
        hash_matches(parts, self.given)
    }

    /// WeChat's scheme (drop empty values, byte sort, concatenate) over `values`.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn sorted(&mut self, mut values: Vec<&str>) -> bool {
        if self.exhausted {
            return false;
        }
        values.retain(|v| !v.is_empty());
        sort_values(&mut values);
        self.concat(&values)
    }

    /// Tries every known mistake in turn; the first that reproduces the given
    /// signature is named with a short explanation.
    #[cfg_attr(wxcard_size, optimize(size))]
    #[inline(never)]
    pub fn run(&mut self, s: &Signed<'_>, others: &[(&str, &str)]) -> Found {
        let ts = s.timestamp.to_string();
        self.sent_not_signed(s, &ts)
            .or_else(|| self.signed_not_sent(s, &ts, others))
            .or_else(|| self.absent_as_text(s, &ts))
            .or_else(|| self.ticket_whitespace(s, &ts))
            .or_else(|| self.case_insensitive(s, &ts))
            .or_else(|| self.timestamp_renderings(s))
            .or_else(|| self.jsapi_style(s, &ts))
            .or_else(|| self.unsorted(s, &ts))
    }

    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn sent_not_signed(&mut self, s: &Signed<'_>, ts: &str) -> Found {
        let omitted = [
            (
                s.nonce_str,
                "NONCE_SENT_NOT_SIGNED",
                "the cardExt sends nonce_str but the signature was computed without it; sign every value you send",
            ),
            (
                s.code,
                "CODE_SENT_NOT_SIGNED",
                "the cardExt sends code but the signature was computed without it; sign every value you send",
            ),
            (
                s.openid,
                "OPENID_SENT_NOT_SIGNED",
                "the cardExt sends openid but the signature was computed without it; sign every value you send",
            ),
        ];
        for (value, cause, message) in omitted {
            let Some(value) = value.filter(|v| !v.is_empty()) else {
                continue;
            };
            let mut values = s.with_timestamp(ts);
            if let Some(at) = values.iter().position(|v| *v == value) {
                values.remove(at);
            }
            if self.sorted(values) {
                return Some((cause, message));
            }
        }
        let values: Vec<&str> = s
            .with_timestamp(ts)
            .into_iter()
            .filter(|v| *v != s.card_id)
            .collect();
        if self.sorted(values) {
            return Some((
                "CARD_ID_NOT_SIGNED",
                "the signature was computed without card_id; card_id is signed although it travels beside cardExt, not inside it",
            ));
        }
        None
    }

    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn signed_not_sent(&mut self, s: &Signed<'_>, ts: &str, others: &[(&str, &str)]) -> Found {
        for &(key, value) in others {
            let mut values = s.with_timestamp(ts);
            values.push(value);
            if !self.sorted(values) {
                continue;
            }
            let key = key.to_ascii_lowercase();
            return Some(if key.contains("nonce") {
                (
                    "NONCE_SIGNED_NOT_SENT",
                    "the nonce was signed but is not sent as nonce_str (it is under a key WeChat does not read); send it as nonce_str",
                )
            } else if key.contains("openid") || key.contains("open_id") {
                (
                    "OPENID_SIGNED_NOT_SENT",
                    "the openid was signed but is not sent as openid (it is under a key WeChat does not read); send it as openid",
                )
            } else if key.contains("code") {
                (
                    "CODE_SIGNED_NOT_SENT",
                    "the code was signed but is not sent as code (it is under a key WeChat does not read); send it as code",
                )
            } else {
                (
                    "EXTRA_VALUE_SIGNED",
                    "the signature covers a value WeChat does not sign (an unsigned field such as outer_str or fixed_begintimestamp, or an unknown key); sign only the ticket, timestamp, card_id, code, openid and nonce_str",
                )
            });
        }
        None
    }

    /// An absent `code`, `openid` or `nonce_str` signed as the text
    /// `"undefined"` or `"null"` (JS `String(undefined)`, a template literal).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn absent_as_text(&mut self, s: &Signed<'_>, ts: &str) -> Found {
        let absent = [s.code, s.openid, s.nonce_str]
            .into_iter()
            .filter(|v| v.is_none_or(str::is_empty))
            .count();
        for literal in ["undefined", "null"] {
            for copies in 1..=absent {
                let mut values = s.with_timestamp(ts);
                values.extend(std::iter::repeat_n(literal, copies));
                if self.sorted(values) {
                    return Some((
                        "UNDEFINED_SIGNED",
                        "an absent value (code, openid or nonce_str) was signed as the text \"undefined\" or \"null\"; leave absent values out of the signature",
                    ));
                }
            }
        }
        None
    }

    /// The ticket signed with whitespace around it, as read from a file or
    /// cache (the older official example has a trailing space).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn ticket_whitespace(&mut self, s: &Signed<'_>, ts: &str) -> Found {
        if s.ticket.is_empty() {
            return None;
        }
        let padded = [
            format!("{} ", s.ticket),
            format!("{}\n", s.ticket),
            format!("{}\r\n", s.ticket),
            format!(" {}", s.ticket),
        ];
        for ticket in &padded {
            let mut values = s.with_timestamp(ts);
            if let Some(first) = values.first_mut() {
                *first = ticket;
            }
            if self.sorted(values) {
                return Some((
                    "TICKET_WHITESPACE",
                    "the ticket was signed with a space or line break around it; trim the ticket read from the cache or file",
                ));
            }
        }
        None
    }

    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn case_insensitive(&mut self, s: &Signed<'_>, ts: &str) -> Found {
        let folds: [fn(u8) -> u8; 2] = [|b| b.to_ascii_lowercase(), |b| b.to_ascii_uppercase()];
        for fold in folds {
            let mut values = s.with_timestamp(ts);
            sort_values_by(&mut values, &|a, b| {
                a.bytes().map(fold).lt(b.bytes().map(fold))
            });
            if self.concat(&values) {
                return Some((
                    "CASE_INSENSITIVE_SORT",
                    "the values were sorted ignoring case (or by a locale-aware comparer); sort by byte order, case-sensitive",
                ));
            }
        }
        None
    }

    /// The cardExt's timestamp is whole seconds, but the signer used another
    /// rendering: milliseconds (`Date.now()`), a fraction (`Date.now() / 1000`),
    /// or a timestamp taken a few seconds (or the UTC+8 offset) apart.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn timestamp_renderings(&mut self, s: &Signed<'_>) -> Found {
        let ts = s.timestamp;
        for k in 0..1000u64 {
            let ms = decimal(ts.saturating_mul(1000).saturating_add(k));
            if self.sorted(s.with_timestamp(&ms)) {
                return Some((
                    "TIMESTAMP_AS_NUMBER",
                    "the signature was computed over the timestamp in milliseconds (Date.now()) while the cardExt sends seconds; sign the same whole seconds you send",
                ));
            }
        }
        for k in 1..1000u64 {
            let fraction = format!("{ts}.{k:03}");
            let fraction = fraction.trim_end_matches('0');
            if self.sorted(s.with_timestamp(fraction)) {
                return Some((
                    "TIMESTAMP_AS_NUMBER",
                    "the signature was computed over a fractional timestamp (Date.now() / 1000) while the cardExt sends whole seconds; sign Math.floor(Date.now() / 1000), the value you send",
                ));
            }
        }
        let offsets = (1..=5).chain([8 * 3600]);
        for delta in offsets {
            for other in [ts.checked_add(delta), ts.checked_sub(delta)]
                .into_iter()
                .flatten()
            {
                if self.sorted(s.with_timestamp(&decimal(other))) {
                    return Some((
                        "TIMESTAMP_DIFFERS",
                        "the signature was computed over a different timestamp than the cardExt sends (the clock read twice, or a UTC+8 offset); read the time once and use it for both",
                    ));
                }
            }
        }
        None
    }

    /// `k=v` pairs joined by `&`, as the `wx.config` signer builds its string.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn jsapi_style(&mut self, s: &Signed<'_>, ts: &str) -> Found {
        let nonce = s.nonce_str.unwrap_or_default();
        let mut found = false;
        for url in [s.card_id, ""] {
            let string = [
                "jsapi_ticket=",
                s.ticket,
                "&noncestr=",
                nonce,
                "&timestamp=",
                ts,
                "&url=",
                url,
            ]
            .concat();
            found = found || self.concat(&[string.as_str()]);
        }
        for ticket_key in ["api_ticket", "jsapi_ticket", "ticket"] {
            for nonce_key in ["nonce_str", "noncestr"] {
                let pairs = [
                    (ticket_key, s.ticket),
                    ("card_id", s.card_id),
                    ("timestamp", ts),
                    ("code", s.code.unwrap_or_default()),
                    ("openid", s.openid.unwrap_or_default()),
                    (nonce_key, nonce),
                ];
                // The ticket, card id and timestamp are always paired; the
                // others only when present.
                let joined: Vec<String> = pairs
                    .iter()
                    .enumerate()
                    .filter(|(i, (_, v))| *i < 3 || !v.is_empty())
                    .map(|(_, (k, v))| [k, "=", v].concat())
                    .collect();
                // The keys differ and none is a prefix of another, so sorting the
                // `k=v` texts orders them by key, as the wx.config signer does.
                let mut texts: Vec<&str> = joined.iter().map(String::as_str).collect();
                sort_values(&mut texts);
                found = found || self.concat(&[texts.join("&").as_str()]);
            }
        }
        found.then_some((
            "JSAPI_STYLE",
            "the signature was computed like the wx.config signature (key=value pairs joined by &); the card signature sorts and concatenates the values only",
        ))
    }

    /// Any order of the values other than the sorted one: a fixed or
    /// insertion order, or a reversed sort.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn unsorted(&mut self, s: &Signed<'_>, ts: &str) -> Found {
        let values = s.with_timestamp(ts);
        let mut order: Vec<usize> = (0..values.len()).collect();
        let mut parts: Vec<&str> = Vec::with_capacity(values.len());
        loop {
            parts.clear();
            parts.extend(order.iter().filter_map(|&i| values.get(i).copied()));
            if self.concat(&parts) {
                return Some((
                    "UNSORTED",
                    "the values were concatenated without sorting (in a fixed or insertion order); sort them by byte order first",
                ));
            }
            if self.exhausted || !next_permutation(&mut order) {
                return None;
            }
        }
    }
}

/// `n` in decimal.
#[inline(never)]
pub(super) fn decimal(n: u64) -> String {
    n.to_string()
}

/// Rearranges `p` into the next permutation in lexicographic order; false
/// after the last one.
fn next_permutation(p: &mut [usize]) -> bool {
    let Some(i) = (1..p.len()).rev().find(|&i| p.get(i - 1) < p.get(i)) else {
        return false;
    };
    let pivot = p.get(i - 1).copied();
    let Some(j) = (i..p.len()).rev().find(|&j| p.get(j).copied() > pivot) else {
        return false;
    };
    p.swap(i - 1, j);
    if let Some(tail) = p.get_mut(i..) {
        tail.reverse();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutations_are_all_visited_once() {
        let mut p = vec![0, 1, 2, 3];
        let mut seen = std::collections::HashSet::new();
        seen.insert(p.clone());
        while next_permutation(&mut p) {
            assert!(seen.insert(p.clone()));
        }
        assert_eq!(seen.len(), 24);
    }

    #[test]
    fn budget_stops_the_search() {
        let big = "x".repeat(MAX_HASHED_BYTES);
        let mut search = Search::new("0000000000000000000000000000000000000000");
        assert!(!search.concat(&[&big, "y"]));
        assert!(search.exhausted());
    }
}
