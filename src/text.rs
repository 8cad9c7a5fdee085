//! Small text helpers shared by the checks, in one copy each.
//!
//! The standard library's substring search and character count are built
//! for long texts: the `&str` pattern searcher alone is about 2.6 KB of
//! WebAssembly, and every string that wxcard searches is a short key, value
//! or message. These plain versions give the same answers.

/// The byte offset of the first occurrence of `needle` in `haystack`, as
/// [`str::find`] with a `&str` pattern gives it (`Some(0)` for an empty needle).
// Not inlined, and at full speed: one copy serves the fast path's leak search and every cold caller.
#[inline(never)]
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    hay.windows(needle.len())
        .position(|w| w.first() == Some(&first) && w == needle)
}

/// Whether `needle` occurs in `haystack`, as [`str::contains`] with a `&str` pattern.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// The number of characters (Unicode scalar values) in `s`, as `s.chars().count()`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn char_count(s: &str) -> usize {
    // Every character has exactly one byte that is not a continuation byte (10xxxxxx).
    s.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// The byte offset of character `n` (from 0) of `s`, as
/// `s.char_indices().nth(n)` gives it, or `None` when `s` has at most `n` characters.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn char_start(s: &str, n: usize) -> Option<usize> {
    let mut seen = 0;
    for (at, &b) in s.as_bytes().iter().enumerate() {
        // A character starts at every byte that is not a continuation byte (10xxxxxx).
        if (b as i8) >= -0x40 {
            if seen == n {
                return Some(at);
            }
            seen += 1;
        }
    }
    None
}

/// A character as messages show it: `'x'` for a printable ASCII character,
/// else its code point, `U+000A`, `U+5361` (never the character itself, so a
/// control or direction-changing character cannot garble the message).
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn describe_char(c: char) -> String {
    let mut out = String::new();
    if c.is_ascii_graphic() || c == ' ' {
        out.push('\'');
        out.push(c);
        out.push('\'');
        return out;
    }
    let code = u32::from(c);
    let digits: u32 = if code > 0xffff { 6 } else { 4 };
    out.push_str("U+");
    for shift in (0..digits).rev() {
        let nibble = (code >> (shift * 4)) & 0xf;
        let hex = b"0123456789ABCDEF".get(nibble as usize).copied();
        out.push(char::from(hex.unwrap_or(b'0')));
    }
    out
}

/// `n` in decimal, as `n.to_string()` writes it.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn decimal(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    digits
        .get(at..)
        .and_then(|d| std::str::from_utf8(d).ok())
        .unwrap_or_default()
        .to_owned()
}

/// `parts` one after the other, as `parts.concat()` does, in one copy for
/// every caller (the standard generic join is larger in the `.wasm`).
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Appends `template` to `out` with `{a}`, `{b}` and `{c}` replaced by the
/// three `args`: messages built from parts without `format!`.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub fn fill(out: &mut String, template: &str, args: [&str; 3]) {
    let [a, b, c] = args;
    let mut rest = template;
    while let Some(at) = rest.bytes().position(|byte| byte == b'{') {
        // `{` is ASCII, so both parts are whole characters.
        let (before, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
        out.push_str(before);
        let arg = match tail.as_bytes() {
            [_, b'a', b'}', ..] => Some(a),
            [_, b'b', b'}', ..] => Some(b),
            [_, b'c', b'}', ..] => Some(c),
            _ => None,
        };
        match arg {
            Some(arg) => {
                out.push_str(arg);
                rest = tail.get(3..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_described_by_code_point_unless_printable_ascii() {
        assert_eq!(describe_char('x'), "'x'");
        assert_eq!(describe_char(' '), "' '");
        assert_eq!(describe_char('\''), "'''");
        assert_eq!(describe_char('\n'), "U+000A");
        assert_eq!(describe_char('\u{7f}'), "U+007F");
        assert_eq!(describe_char('卡'), "U+5361");
        assert_eq!(describe_char('\u{202e}'), "U+202E");
        assert_eq!(describe_char('😀'), "U+01F600");
        let sample = (0..0x11_0000u32).filter(|n| *n < 0x1000 || n % 7 == 0);
        for c in sample.filter_map(char::from_u32) {
            let expected = if c.is_ascii_graphic() || c == ' ' {
                format!("'{c}'")
            } else if u32::from(c) > 0xffff {
                format!("U+{:06X}", u32::from(c))
            } else {
                format!("U+{:04X}", u32::from(c))
            };
            assert_eq!(describe_char(c), expected);
        }
    }

    #[test]
    fn find_agrees_with_the_standard_search() {
        let texts = [
            "",
            "a",
            "abc",
            "aab",
            "卡券卡券",
            "xx卡券",
            "ticketticket",
            "ababac",
        ];
        for hay in texts {
            for needle in texts {
                assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} / {needle:?}");
                assert_eq!(contains(hay, needle), hay.contains(needle));
            }
        }
    }

    #[test]
    fn char_count_counts_scalar_values() {
        for s in [
            "",
            "a",
            "卡券",
            "a卡b券c",
            "😀x",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}",
        ] {
            assert_eq!(char_count(s), s.chars().count(), "{s:?}");
            for n in 0..=s.len() + 1 {
                let expected = s.char_indices().nth(n).map(|(at, _)| at);
                assert_eq!(char_start(s, n), expected, "{s:?} {n}");
            }
        }
    }
    #[test]
    fn decimal_is_to_string() {
        for n in [0, 1, 9, 10, 99, 100, 1_404_896_688, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn concat_is_the_standard_concat() {
        for parts in [&[][..], &[""], &["a"], &["卡", "", "券", "x"]] {
            assert_eq!(concat(parts), parts.concat());
        }
    }

    #[test]
    fn fill_replaces_the_three_placeholders_only() {
        let mut out = String::from("x: ");
        fill(&mut out, "{a} and {b}, {c}{a} {d} {", ["1", "{b}", "3"]);
        assert_eq!(out, "x: 1 and {b}, 31 {d} {");
    }
}
