//! [`cut`]: a text's parts between separators, one at a time, as
//! `str::split` with a `char` gives them but without its searcher, which is
//! much larger in the `.wasm`.

/// `text` cut at its first `separator`: the part before it, and the text after
/// it, or `None` when there is no separator (the part is the last).
///
/// Cutting the rest again and again gives the parts of `text.split(separator)`:
/// `"a..b"` gives `"a"`, `""` and `"b"`; `""` gives one empty part.
// Not inlined: one copy serves every caller.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn cut(text: &str, separator: char) -> (&str, Option<&str>) {
    match text.split_once(separator) {
        Some((part, rest)) => (part, Some(rest)),
        None => (text, None),
    }
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
                (part, rest) = cut(text, '.');
                ours.push(part);
            }
            let std: Vec<&str> = text.split('.').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
