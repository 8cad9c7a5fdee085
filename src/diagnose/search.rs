//! Hashing candidate signature strings within a work budget.

use super::{MAX_CANDIDATES, MAX_HASHED_BYTES};
use crate::digest::Sha1;
use crate::sign::{digits_match, hex, sort_values};

/// Compares candidate signatures with the given one, counting the work.
pub(super) struct Search<'a> {
    given: &'a str,
    candidates: usize,
    bytes: usize,
    exhausted: bool,
}

impl<'a> Search<'a> {
    /// A search for `given`, with no work done yet.
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

    /// Whether the SHA-1 of `parts` concatenated in the given order is the
    /// given signature; false without hashing when this candidate would pass
    /// the budget (which then counts as exhausted).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn concat(&mut self, parts: &[&str]) -> bool {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if self.candidates >= MAX_CANDIDATES || self.bytes.saturating_add(len) > MAX_HASHED_BYTES {
            self.exhausted = true;
            return false;
        }
        self.candidates += 1;
        self.bytes += len;
        hashes_to(parts, self.given)
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

/// Whether the SHA-1 of `parts` concatenated in the given order is the
/// signature `given` (hex digits in either case): the one place the
/// diagnosis hashes. The digest is compared as hex bytes, never made a `String`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(super) fn hashes_to(parts: &[&str], given: &str) -> bool {
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    digits_match(&hex(&hasher.finish()), given.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_stops_the_search() {
        let big = "x".repeat(MAX_HASHED_BYTES);
        let mut search = Search::new("0000000000000000000000000000000000000000");
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
