//! What wxcard needs from its host: the time and secure random bytes.
//!
//! Builders take a [`Host`] so the same core runs natively (the OS clock and
//! CSPRNG, [`SystemHost`]) and in WebAssembly, where the JS shim supplies
//! `Date.now()` and bytes from `crypto.getRandomValues` (browsers, Node) or
//! `wx.getRandomValues` (mini-programs).

use crate::error::{Error, Result};

/// The source of "now" and of randomness.
pub trait Host {
    /// The current Unix time in whole seconds, or [`Error::NoClock`].
    fn now_seconds(&self) -> Result<u64>;

    /// Fills `buf` with cryptographically secure random bytes, or fails with
    /// [`Error::NoRandomSource`].
    fn fill_random(&self, buf: &mut [u8]) -> Result<()>;
}

/// The native host: the system clock and the operating system's CSPRNG.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemHost;

#[cfg(not(target_arch = "wasm32"))]
impl Host for SystemHost {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn now_seconds(&self) -> Result<u64> {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .map_err(|_| Error::NoClock)
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn fill_random(&self, buf: &mut [u8]) -> Result<()> {
        getrandom::fill(buf).map_err(|_| Error::NoRandomSource)
    }
}

/// A host with a fixed time and no randomness: for tests and for callers that
/// pass every timestamp and nonce themselves.
#[derive(Clone, Copy, Debug)]
pub struct FixedHost {
    /// The time [`Host::now_seconds`] returns; `None` means no clock.
    pub now: Option<u64>,
}

impl Host for FixedHost {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn now_seconds(&self) -> Result<u64> {
        self.now.ok_or(Error::NoClock)
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn fill_random(&self, _buf: &mut [u8]) -> Result<()> {
        Err(Error::NoRandomSource)
    }
}

/// The length of nonces made by [`random_nonce`]: 16 alphanumerics, about 95 bits.
pub const NONCE_LEN: usize = 16;

/// A fresh random nonce of [`NONCE_LEN`] ASCII letters and digits, as WeChat
/// recommends ("推荐使用大小写字母和数字").
///
/// A source that keeps returning bytes a uniform source almost never would
/// (all rejected, 8 buffers in a row) is not random: [`Error::NoRandomSource`].
#[cfg_attr(wxcard_size, optimize(size))]
pub fn random_nonce(host: &dyn Host) -> Result<String> {
    let mut out = String::with_capacity(NONCE_LEN);
    let mut buf = [0u8; 32];
    for _ in 0..8 {
        if out.len() == NONCE_LEN {
            break;
        }
        host.fill_random(&mut buf)?;
        // Rejection sampling keeps every character equally likely: 248 = 4 × 62.
        for &b in buf.iter().filter(|&&b| b < 248) {
            if out.len() == NONCE_LEN {
                break;
            }
            out.push(alphanumeric(b % 62));
        }
    }
    if out.len() == NONCE_LEN {
        Ok(out)
    } else {
        Err(Error::NoRandomSource)
    }
}

/// The `i`-th of `A–Z`, `a–z`, `0–9` (`i` below 62).
#[cfg_attr(wxcard_size, optimize(size))]
fn alphanumeric(i: u8) -> char {
    char::from(match i {
        0..=25 => b'A' + i,
        26..=51 => b'a' + (i - 26),
        _ => b'0' + (i - 52) % 10,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn system_nonces_are_alphanumeric_and_distinct() {
        let a = random_nonce(&SystemHost).unwrap();
        let b = random_nonce(&SystemHost).unwrap();
        assert_eq!(a.len(), NONCE_LEN);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }

    #[test]
    fn alphabet_covers_62_distinct_characters() {
        let all: std::collections::BTreeSet<char> = (0..62).map(alphanumeric).collect();
        assert_eq!(all.len(), 62);
        assert!(all.iter().all(char::is_ascii_alphanumeric));
    }

    /// A host whose bytes are all rejected by the sampler.
    struct Stuck;

    impl Host for Stuck {
        fn now_seconds(&self) -> Result<u64> {
            Ok(0)
        }

        fn fill_random(&self, buf: &mut [u8]) -> Result<()> {
            buf.fill(0xff);
            Ok(())
        }
    }

    #[test]
    fn a_source_that_never_yields_usable_bytes_ends_in_an_error() {
        assert_eq!(random_nonce(&Stuck), Err(Error::NoRandomSource));
    }

    #[test]
    fn no_random_source_is_an_error() {
        let host = FixedHost { now: Some(1) };
        assert_eq!(random_nonce(&host), Err(Error::NoRandomSource));
        assert_eq!(FixedHost { now: None }.now_seconds(), Err(Error::NoClock));
    }
}
