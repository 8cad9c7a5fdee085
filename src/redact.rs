//! Removing a ticket from text that quotes user input.
//!
//! Problem messages and field paths quote keys and values of the checked
//! input, cut to a few dozen characters. When that input holds the ticket,
//! even a cut copy is part of the secret, so every run of text that starts
//! like the ticket is replaced with `<redacted>`.

/// How many leading characters of a ticket mark a run to redact. Shorter
/// tickets are only redacted whole.
const PROBE_LEN: usize = 12;

/// `text` with every run that matches a prefix of `secret` of at least
/// [`PROBE_LEN`] characters (or all of a shorter secret) replaced by
/// `<redacted>`; `None` when there is nothing to replace.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn scrub(text: &str, secret: &str) -> Option<String> {
    if secret.is_empty() {
        return None;
    }
    let probe = match crate::text::char_start(secret, PROBE_LEN) {
        Some(at) => secret.get(..at).unwrap_or(secret),
        None => secret,
    };
    crate::text::find(text, probe)?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = crate::text::find(rest, probe) {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        out.push_str("<redacted>");
        let mut len = tail
            .bytes()
            .zip(secret.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !tail.is_char_boundary(len) {
            len -= 1;
        }
        rest = tail.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    Some(out)
}

/// Replaces `text` with its [`scrub`] by `secret` when that changes it.
// Not inlined: one copy serves every error and problem redaction.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn scrub_in_place(text: &mut String, secret: &str) {
    if let Some(clean) = scrub(text, secret) {
        *text = clean;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str =
        "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg";

    #[test]
    fn whole_and_cut_copies_are_removed() {
        let cut = format!("cardExt.{}…: not a field; also {T} here", &T[..40]);
        let clean = scrub(&cut, T).unwrap();
        assert_eq!(
            clean,
            "cardExt.<redacted>…: not a field; also <redacted> here"
        );
        assert_eq!(scrub("nothing to see", T), None);
        assert_eq!(scrub(&T[..11], T), None, "shorter than the probe");
        assert_eq!(
            scrub("a short secret", "short").unwrap(),
            "a <redacted> secret"
        );
        assert_eq!(scrub("x", ""), None);
    }

    #[test]
    fn stops_on_a_character_boundary() {
        assert_eq!(
            scrub("abcdefghijkl卡x", "abcdefghijkl卡券").unwrap(),
            "<redacted>x"
        );
        assert_eq!(
            scrub("abcdefghijklm卡", "abcdefghijklm券").unwrap(),
            "<redacted>卡"
        );
    }
}
