//! The values a correct signer signs, in slots a mistake can replace or empty.

use super::search::Search;

/// The slot of the ticket in [`Signed`].
pub(super) const TICKET: usize = 0;
/// The slot of the timestamp (in decimal).
pub(super) const TIMESTAMP: usize = 1;
/// The slot of the card id.
pub(super) const CARD_ID: usize = 2;
/// The slot of `code`.
pub(super) const CODE: usize = 3;
/// The slot of `openid`.
pub(super) const OPENID: usize = 4;
/// The slot of `nonce_str`.
pub(super) const NONCE_STR: usize = 5;

/// The values a correct signer signs, as read from the cardExt, by slot
/// (`TICKET` … `NONCE_STR`); `""` for an absent value, which is not signed.
/// A mistake is mostly a copy with one slot replaced or emptied.
#[derive(Clone, Copy)]
pub(super) struct Signed<'a>(pub [&'a str; 6]);

impl<'a> Signed<'a> {
    /// The value in `slot`; `""` for a slot past the end.
    pub fn get(&self, slot: usize) -> &'a str {
        self.0.get(slot).copied().unwrap_or_default()
    }

    /// The values in slot order, unsorted, without the empty ones and those
    /// equal to `dropped` (none when it is empty).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn values(&self, dropped: &str) -> Vec<&'a str> {
        let mut values = Vec::with_capacity(8);
        for value in self.0 {
            if !value.is_empty() && value != dropped {
                values.push(value);
            }
        }
        values
    }

    /// Whether these values, signed WeChat's way (byte sort, concatenate),
    /// give the signature searched for, without every value equal to
    /// `dropped` and with `copies` copies of `added`.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn signed_as(
        &self,
        search: &mut Search<'_>,
        dropped: &str,
        added: &str,
        copies: usize,
    ) -> bool {
        let mut values = self.values(dropped);
        if !added.is_empty() {
            for _ in 0..copies {
                values.push(added);
            }
        }
        search.sorted(values)
    }

    /// Whether these values with `value` in `slot`, signed WeChat's way,
    /// give the signature searched for.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn signed_with(&self, search: &mut Search<'_>, slot: usize, value: &str) -> bool {
        let mut edited = Signed(self.0);
        if let Some(old) = edited.0.get_mut(slot) {
            *old = value;
        }
        edited.signed_as(search, "", "", 0)
    }
}
