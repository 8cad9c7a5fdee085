//! WeChat base-library version order.

use std::cmp::Ordering;

use super::parts::cut;

/// Compares two WeChat version strings (base library `SDKVersion` or client
/// version) the way WeChat's own `compareVersion` sample does: split on `.`,
/// compare part by part as integers, a missing part counts as `0`, so
/// `"1.1"` equals `"1.1.0"`. Returns `-1`, `0` or `1`.
///
/// It never panics and gives every input a place in the order:
///
/// - each part is read by its leading ASCII digits after leading whitespace
///   (like JavaScript's `parseInt`): `"0-beta"` reads as `0`, `" 5"` as `5`;
/// - a part without leading digits (`"x"`, `""`, `"-1"`) counts as `0`, so junk
///   such as `"abc"` or `""` equals `"0.0.0"` and is older than every real version;
/// - parts of any length compare exactly (no overflow): `"1.99999999999999999999"`
///   is greater than `"1.2"`.
///
/// ```
/// use wxcard::environment::compare_version;
/// assert_eq!(compare_version("1.0.9", "1.1.0"), -1);
/// assert_eq!(compare_version("2.5", "2.5.0"), 0);
/// assert_eq!(compare_version("2.10.0", "2.9.9"), 1);
/// assert_eq!(compare_version("junk", "0"), 0);
/// ```
// Not inlined: the adapter and `card_support` share one copy.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn compare_version(a: &str, b: &str) -> i8 {
    // The text not yet compared; `None` once every part has been.
    let (mut left, mut right) = (Some(a), Some(b));
    while left.is_some() || right.is_some() {
        let (l, r) = (next_number(&mut left), next_number(&mut right));
        // More digits is greater; as many compare digit by digit.
        let order = l.len().cmp(&r.len()).then_with(|| l.cmp(r));
        if order != Ordering::Equal {
            return order as i8;
        }
    }
    0
}

/// The number of the next `.`-separated part of `rest` (empty once there is
/// none): its leading decimal digits after leading whitespace, without
/// leading zeros; empty means 0.
#[cfg_attr(wxcard_size, optimize(size))]
fn next_number<'a>(rest: &mut Option<&'a str>) -> &'a [u8] {
    let Some(text) = *rest else {
        return &[];
    };
    let part;
    (part, *rest) = cut(text, b'.');
    let digits = part.trim_start().as_bytes();
    let (mut start, mut end) = (0, 0);
    for &b in digits {
        if !b.is_ascii_digit() {
            break;
        }
        end += 1;
        // A zero with only zeros before it leads.
        if b == b'0' && start + 1 == end {
            start = end;
        }
    }
    digits.get(start..end).unwrap_or_default()
}

/// Whether `s` looks like a version at all (starts with a digit). Facts whose
/// version string fails this are treated as "version unknown" rather than as
/// `0.0.0`, so a host reporting garbage is judged by feature detection alone.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn is_version_like(s: &str) -> bool {
    // By its first byte: a character is an ASCII digit exactly when its
    // first byte is (no character is decoded).
    s.trim_start()
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_like_wechat() {
        let cases = [
            ("1.0.9", "1.1.0", -1),
            ("1.1.0", "1.1.0", 0),
            ("1.1.1", "1.1.0", 1),
            ("2.10.0", "2.9.12", 1),
            ("2.5", "2.5.0", 0),
            ("2.5.0.1", "2.5.0", 1),
            ("", "0", 0),
            ("abc", "0.0.1", -1),
            ("01.02", "1.2", 0),
            ("2.5.0-beta", "2.5.0", 0),
            ("1.99999999999999999999999", "1.2", 1),
            (" 3.0", "3", 0),
            ("..", "0", 0),
        ];
        for (a, b, want) in cases {
            assert_eq!(compare_version(a, b), want, "{a} vs {b}");
            assert_eq!(compare_version(b, a), -want, "{b} vs {a}");
        }
    }

    #[test]
    fn version_like() {
        assert!(is_version_like("2.5.0"));
        assert!(!is_version_like("unknown"));
        assert!(!is_version_like(""));
    }
}
