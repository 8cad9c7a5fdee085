//! [`cut`]: a text's parts between separators, one at a time, as
//! `str::split` with a `char` gives them but without its searcher, which is
//! much larger in the `.wasm`; [`split_once`] likewise.

/// `text` cut at its first `separator`: the part before it, and the text after
/// it, or `None` when there is no separator (the part is the last).
///
/// Cutting the rest again and again gives the parts of `text.split(separator)`:
/// `"a..b"` gives `"a"`, `""` and `"b"`; `""` gives one empty part.
// Not inlined: one copy serves every caller.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn cut(text: &str, separator: u8) -> (&str, Option<&str>) {
    match split_once(text, separator) {
        Some((part, rest)) => (part, Some(rest)),
        None => (text, None),
    }
}

/// `text` split at its first ASCII `separator`, as `str::split_once` with a
/// `char` gives it.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn split_once(text: &str, separator: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == separator)?;
    // An ASCII byte is a whole character, so both sides are on character boundaries.
    Some((text.get(..at)?, text.get(at + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_parts_as_split() {
        for text in ["", ".", "a", "a.b", "..", ".a.", "1.2.3", "é.ü..", "a.b."] {
            let mut ours = Vec::new();
            let mut rest = Some(text);
            while let Some(text) = rest {
                let part;
                (part, rest) = cut(text, b'.');
                ours.push(part);
            }
            let std: Vec<&str> = text.split('.').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn split_once_as_the_standard_one() {
        for text in [
            "",
            "?",
            "a?b",
            "a?b?c",
            "é?ü",
            "no separator",
            "?tail",
            "head?",
        ] {
            assert_eq!(split_once(text, b'?'), text.split_once('?'), "{text:?}");
        }
    }
}
