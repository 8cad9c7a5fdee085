//! `compare_version`: a total order that never panics.

use wxcard::environment::compare_version as cmp;

/// Input: up to three versions separated by `\n`.
pub fn compare_version(data: &[u8]) {
    let text = super::text(data);
    let mut parts = text.splitn(3, '\n');
    let a = parts.next().unwrap_or("");
    let b = parts.next().unwrap_or("");
    let c = parts.next().unwrap_or("");
    for (x, y) in [(a, b), (b, c), (a, c)] {
        let xy = cmp(x, y);
        assert!(matches!(xy, -1..=1), "{x:?} vs {y:?} gave {xy}");
        assert_eq!(xy, -cmp(y, x), "not antisymmetric: {x:?} vs {y:?}");
    }
    assert_eq!(cmp(a, a), 0, "not reflexive: {a:?}");
    // A missing part counts as 0.
    assert_eq!(cmp(a, &format!("{a}.0")), 0, "{a:?} vs {a:?}.0");
    // Transitivity over the three.
    if cmp(a, b) <= 0 && cmp(b, c) <= 0 {
        assert!(cmp(a, c) <= 0, "not transitive: {a:?} <= {b:?} <= {c:?}");
    }
}
