//! WeChat's card signature: sort the values, concatenate, SHA-1, lowercase hex.
//!
//! SHA-1 is used only because WeChat's scheme prescribes it; do not reuse it
//! for anything new.

use crate::digest::Sha1;

/// The length of a SHA-1 signature in hex digits.
pub const SIGNATURE_LEN: usize = 40;

/// WeChat's card signature over `values` (used for the cardExt `signature`
/// and the chooseCard `cardSign`).
///
/// Empty values are dropped (they add nothing to the concatenation), the rest
/// are sorted in byte order (case-sensitive, not locale-aware), concatenated
/// without a separator, hashed with SHA-1 and printed as lowercase hex.
///
/// ```
/// // The official example of the JS-SDK documentation, Appendix 4.
/// let sig = wxcard::card_signature(&[
///     "ojZ8YtyVyr30HheH3CM73y7h4jJE", // api_ticket
///     "1404896688",                   // timestamp
///     "pjZ8Yt1XGILfi-FUsewpnnolGgZk", // card_id
///     "1434008071",                   // code
///     "123",                          // nonce_str
/// ]);
/// assert_eq!(sig, "f137ab68b7f8112d20ee528ab6074564e2796250");
/// ```
pub fn card_signature<S: AsRef<str>>(values: &[S]) -> String {
    signature_of(values.iter().map(AsRef::as_ref).collect())
}

/// [`card_signature`] after the values are borrowed: one copy for every `S`.
fn signature_of(mut values: Vec<&str>) -> String {
    values.retain(|v| !v.is_empty());
    sort_values(&mut values);
    sha1_hex(values.iter().map(|v| v.as_bytes()))
}

/// Sorts `values` in byte order (case-sensitive, not locale-aware), as the
/// card signature does.
pub(crate) fn sort_values(values: &mut [&str]) {
    sort_values_by(values, &byte_order_less);
}

/// `a < b` in byte order; comparing the first bytes before the full
/// comparison saves a `memcmp` call for almost every pair of values.
fn byte_order_less(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match (x.first(), y.first()) {
        (Some(p), Some(q)) if p != q => p < q,
        _ => x < y,
    }
}

/// Sorts `values` so that no `b` precedes an `a` with `less(a, b)`; stable.
///
/// The one sort routine of the crate: not generic, so the `.wasm` carries a
/// single copy instead of one per element type and comparison (each of
/// those cost kilobytes). Insertion sort for the handful of values a
/// signature has; a merge sort beyond that, so long inputs stay `n log n`.
pub(crate) fn sort_values_by(values: &mut [&str], less: &dyn Fn(&str, &str) -> bool) {
    if values.len() <= INSERTION_SORT_MAX {
        for i in 1..values.len() {
            let mut j = i;
            while let (Some(&a), Some(&b)) = (values.get(j.wrapping_sub(1)), values.get(j)) {
                if !less(b, a) {
                    break;
                }
                values.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mid = values.len() / 2;
    let (left, right) = values.split_at_mut(mid);
    sort_values_by(left, less);
    sort_values_by(right, less);
    let mut merged: Vec<&str> = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (
        left.iter().copied().peekable(),
        right.iter().copied().peekable(),
    );
    while let (Some(&a), Some(&b)) = (l.peek(), r.peek()) {
        // Take from the right half only when strictly less: equal values keep their order.
        if less(b, a) {
            merged.push(b);
            r.next();
        } else {
            merged.push(a);
            l.next();
        }
    }
    merged.extend(l);
    merged.extend(r);
    values.copy_from_slice(&merged);
}

/// Up to this many values are sorted by insertion.
const INSERTION_SORT_MAX: usize = 16;

/// SHA-1 over the concatenation of `parts`, as 40 lowercase hex digits.
///
/// Only the loop over `parts` is generic: the hashing itself is one shared
/// copy however many callers instantiate this.
pub fn sha1_hex<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finish()).into_iter().map(char::from).collect()
}

/// A SHA-1 digest as 40 lowercase hex digits.
pub(crate) fn hex(digest: &[u8; 20]) -> [u8; SIGNATURE_LEN] {
    let mut out = [0u8; SIGNATURE_LEN];
    for (pair, byte) in out.chunks_exact_mut(2).zip(digest) {
        if let [high, low] = pair {
            *high = hex_digit(byte >> 4);
            *low = hex_digit(byte & 0x0f);
        }
    }
    out
}

fn hex_digit(nibble: u8) -> u8 {
    if nibble < 10 {
        b'0' + nibble
    } else {
        b'a' + nibble - 10
    }
}

/// Whether `s` is a well-formed signature: exactly 40 hex digits, either case.
pub fn is_signature(s: &str) -> bool {
    s.len() == SIGNATURE_LEN && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Compares a computed signature with a given one in constant time,
/// ignoring the case of hex digits.
///
/// The time taken depends only on the lengths, never on where the two differ.
pub fn signatures_match(computed: &str, given: &str) -> bool {
    digits_match(computed.as_bytes(), given.as_bytes())
}

/// [`signatures_match`] on the bytes of the two signatures.
pub(crate) fn digits_match(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| {
        acc | (x.to_ascii_lowercase() ^ y.to_ascii_lowercase())
    });
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_values_are_dropped() {
        assert_eq!(card_signature(&["b", "", "a"]), card_signature(&["a", "b"]));
    }

    #[test]
    fn sort_matches_the_standard_sort_at_every_length() {
        // Lengths on both sides of the insertion-sort limit, with duplicates.
        for len in 0..70usize {
            let owned: Vec<String> = (0..len).map(|i| format!("{}", (i * 7919) % 23)).collect();
            let mut ours: Vec<&str> = owned.iter().map(String::as_str).collect();
            let mut expected = ours.clone();
            sort_values(&mut ours);
            expected.sort();
            assert_eq!(ours, expected, "len {len}");
        }
    }

    #[test]
    fn sort_by_is_stable() {
        let owned: Vec<String> = (0..40)
            .map(|i| format!("{}{}", ["a", "A"][i % 2], i % 5))
            .collect();
        let mut ours: Vec<&str> = owned.iter().map(String::as_str).collect();
        let mut expected = ours.clone();
        let fold = |a: &str, b: &str| a.to_ascii_lowercase() < b.to_ascii_lowercase();
        sort_values_by(&mut ours, &fold);
        expected.sort_by_key(|s| s.to_ascii_lowercase());
        assert_eq!(ours, expected);
    }

    #[test]
    fn sha1_of_nothing() {
        // FIPS 180 / RFC 3174: SHA-1("") = da39a3ee5e6b4b0d3255bfef95601890afd80709
        assert_eq!(
            sha1_hex(std::iter::empty()),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
    }

    #[test]
    fn sha1_abc() {
        // RFC 3174, test 1.
        assert_eq!(
            sha1_hex([b"abc".as_slice()]),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
    }

    #[test]
    fn match_ignores_case_only() {
        let s = "f137ab68b7f8112d20ee528ab6074564e2796250";
        assert!(signatures_match(s, &s.to_uppercase()));
        assert!(!signatures_match(s, &s[..39]));
        assert!(!signatures_match(
            s,
            "f137ab68b7f8112d20ee528ab6074564e2796251"
        ));
    }

    #[test]
    fn signature_shape() {
        assert!(is_signature("F137ab68b7f8112d20ee528ab6074564e2796250"));
        assert!(!is_signature("g137ab68b7f8112d20ee528ab6074564e2796250"));
        assert!(!is_signature("f137"));
    }
}
