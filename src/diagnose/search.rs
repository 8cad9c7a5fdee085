//! Hashing candidate signature strings within a work budget.

use super::{MAX_CANDIDATES, MAX_HASHED_BYTES};
use crate::digest::Sha1;
use crate::sign::{digits_match, hex, sort_values};

/// Compares candidate signatures with the given one, counting the work once
/// the budget is on ([`Search::limit`]).
pub(super) struct Search<'a> {
    given: &'a str,
    limited: bool,
    candidates: usize,
    bytes: usize,
    exhausted: bool,
}

impl<'a> Search<'a> {
    /// A search for `given`, with no work done yet and no budget yet: the
    /// signature as WeChat computes it is always checked, whatever its size.
    pub fn new(given: &'a str) -> Self {
        Search {
            given,
            limited: false,
            candidates: 0,
            bytes: 0,
            exhausted: false,
        }
    }

    /// Counts the candidates from here on against [`MAX_CANDIDATES`] and
    /// [`MAX_HASHED_BYTES`].
    pub fn limit(&mut self) {
        self.limited = true;
    }

    /// Whether the budget ran out before every mistake was tried.
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Whether the SHA-1 of `parts` concatenated in the given order is the
    /// given signature (hex digits in either case); under the budget, false
    /// without hashing when this candidate would pass it (which then counts
    /// as exhausted). The digest is compared as hex bytes, never made a `String`.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn concat(&mut self, parts: &[&str]) -> bool {
        if self.limited {
            let len: usize = parts.iter().map(|p| p.len()).sum();
            if self.candidates >= MAX_CANDIDATES
                || self.bytes.saturating_add(len) > MAX_HASHED_BYTES
            {
                self.exhausted = true;
                return false;
            }
            self.candidates += 1;
            self.bytes += len;
        }
        let mut hasher = Sha1::new();
        for part in parts {
            hasher.update(part.as_bytes());
        }
        digits_match(&hex(&hasher.finish()), self.given.as_bytes())
    }

    /// WeChat's scheme (byte sort, concatenate) over `values`, which are not
    /// empty; false at once when the budget has run out.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn sorted(&mut self, mut values: Vec<&str>) -> bool {
        if self.exhausted {
            return false;
        }
        sort_values(&mut values);
        self.concat(&values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_stops_the_search() {
        let big = "x".repeat(MAX_HASHED_BYTES);
        let mut search = Search::new("0000000000000000000000000000000000000000");
        search.limit();
        assert!(!search.concat(&[&big, "y"]));
        assert!(search.exhausted());
        // Sorted candidates stop once the budget is gone; explicit orders are
        // still tried while they fit.
        assert!(!search.sorted(vec!["y"]));
        assert_eq!(search.candidates, 0);
        assert!(!search.concat(&["y"]));
        assert_eq!(search.candidates, 1);
    }
}
