//! [`Number`]: a JSON number kept as the text it was written as.

use std::fmt;

/// A JSON number, kept as its text.
///
/// No float is parsed or printed: integers are read on demand
/// ([`Number::as_u64`], [`Number::as_i64`]), and the writer emits the number
/// as it was written, so `1.50` stays `1.50` and integers beyond 64 bits lose
/// no digits. Only finite numbers exist: the parser rejects numbers that
/// overflow an `f64` (`1e400`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number(String);

impl Number {
    /// An integer, written as `to_string` writes it. Every integer type
    /// converted here has a magnitude of at most `u64::MAX`.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn of_integer(n: i128) -> Number {
        let digits = crate::text::decimal(n.unsigned_abs() as u64);
        if n >= 0 {
            return Number(digits);
        }
        let mut text = String::with_capacity(digits.len() + 1);
        text.push('-');
        text.push_str(&digits);
        Number(text)
    }

    /// `text` when it is a JSON number (RFC 8259 §6) that is finite as an `f64`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn from_text(text: &str) -> Option<Number> {
        (scan(text.as_bytes()) == Some(text.len()) && !overflows(text))
            .then(|| Number(text.to_owned()))
    }

    /// A number from text the parser has checked.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn checked(text: &str) -> Number {
        Number(text.to_owned())
    }

    /// The number as written.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as a sign and a magnitude when it is written as an integer
    /// (no fraction, no exponent) whose magnitude fits a `u64`. `-0` is not an
    /// integer, as in `serde_json`.
    // Not inlined: one digit loop serves `as_u64` and `as_i64` (and no
    // `str::parse` is reached, whose two integer parsers are larger).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn integer(&self) -> Option<(bool, u64)> {
        let bytes = self.0.as_bytes();
        let (negative, digits) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        if digits.is_empty() || (negative && digits == b"0") {
            return None;
        }
        let mut magnitude = 0u64;
        for &b in digits {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            magnitude = magnitude.checked_mul(10)?.checked_add(u64::from(digit))?;
        }
        Some((negative, magnitude))
    }

    /// The value as a `u64`: a non-negative integer that fits.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_u64(&self) -> Option<u64> {
        match self.integer()? {
            (false, magnitude) => Some(magnitude),
            (true, _) => None,
        }
    }

    /// The value as an `i64`: an integer that fits.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_i64(&self) -> Option<i64> {
        let (negative, magnitude) = self.integer()?;
        if negative {
            // `i64::MIN` has the one magnitude beyond `i64::MAX`.
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// The value as the nearest `f64` (parsed by the standard library on each call).
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok().filter(|x: &f64| x.is_finite())
    }

    /// Whether [`Number::as_u64`] is `Some`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_u64(&self) -> bool {
        self.as_u64().is_some()
    }

    /// Whether [`Number::as_i64`] is `Some`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_i64(&self) -> bool {
        self.as_i64().is_some()
    }

    /// Whether the number is neither a `u64` nor an `i64`: it has a fraction or
    /// an exponent, is `-0`, or is an integer beyond 64 bits.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_f64(&self) -> bool {
        !self.is_u64() && !self.is_i64()
    }
}

impl fmt::Display for Number {
    /// The number as written.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! from_integer {
    ($($t:ty)*) => {$(
        impl From<$t> for Number {
            #[cfg_attr(wxcard_size, optimize(size))]
            fn from(x: $t) -> Number {
                Number::of_integer(x as i128)
            }
        }
    )*};
}

from_integer!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

/// The length of the JSON number at the start of `bytes` (RFC 8259 §6:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`), or `None` when
/// the text there is not a number, such as `01`'s leading zero followed by a digit.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn scan(bytes: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        bytes.get(from..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        })
    };
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') => {
            at += 1;
            if bytes.get(at).is_some_and(u8::is_ascii_digit) {
                return None;
            }
        }
        Some(b'1'..=b'9') => at += digits(at),
        _ => return None,
    }
    if bytes.get(at) == Some(&b'.') {
        let n = digits(at + 1);
        if n == 0 {
            return None;
        }
        at += 1 + n;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let n = digits(at);
        if n == 0 {
            return None;
        }
        at += n;
    }
    Some(at)
}

/// The digits of 2^1024 − 2^970 without its trailing zeros: the smallest
/// magnitude that rounds to infinity as an `f64`, times 10^-309.
const F64_OVERFLOW: &str = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a well-formed JSON number is too large for an `f64` (it would
/// round to infinity), decided on its decimal digits without float arithmetic.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn overflows(text: &str) -> bool {
    let bytes = text.as_bytes();
    let bytes = bytes.strip_prefix(b"-").unwrap_or(bytes);
    // `e` and `E` are the only bytes that are `e` with the ASCII case bit set.
    let e_at = bytes.iter().position(|&b| b | 0x20 == b'e');
    let (mantissa, exponent) = match e_at {
        Some(at) => (
            bytes.get(..at).unwrap_or_default(),
            bytes.get(at + 1..).unwrap_or_default(),
        ),
        None => (bytes, &b""[..]),
    };
    let (negative, exponent) = match exponent.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, exponent),
    };
    let mut magnitude = 0i64;
    for b in exponent {
        magnitude = magnitude
            .saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')));
    }
    let exponent = if negative { -magnitude } else { magnitude };
    let len = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    // The value is 0.<significant digits> × 10^point, where the significant
    // digits are the whole and fraction digits after their leading zeros (the
    // grammar allows those only as the whole part `0` and the fraction after it).
    let whole = mantissa
        .iter()
        .position(|&b| b == b'.')
        .unwrap_or(mantissa.len());
    let point = len(whole).saturating_add(exponent);
    if point < 309 {
        return false; // leading zeros only lower the point
    }
    // The first significant digit; none for zero.
    let Some(first) = mantissa.iter().position(|&b| b != b'0' && b != b'.') else {
        return false;
    };
    let (before, significant) = mantissa.split_at_checked(first).unwrap_or_default();
    let zeros = before.iter().filter(|&&b| b == b'0').count();
    let significant = significant.iter().filter(|&&b| b != b'.');
    match point.saturating_sub(len(zeros)).cmp(&309) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        // Trailing zeros compare as if absent: the limit's digits end in a non-zero digit.
        std::cmp::Ordering::Equal => significant.ge(F64_OVERFLOW.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for good in [
            "0", "-0", "1", "-12", "1.5", "0.0", "1e5", "1E+5", "1e-5", "-0.5e10",
        ] {
            assert_eq!(scan(good.as_bytes()), Some(good.len()), "{good}");
        }
        for bad in [
            "", "-", "01", "-01", "1.", ".5", "+1", "1e", "1e+", "--1", "a",
        ] {
            assert_ne!(scan(bad.as_bytes()), Some(bad.len()), "{bad}");
        }
        assert_eq!(scan(b"12,"), Some(2));
    }

    #[test]
    fn integers_convert_as_to_string_writes_them() {
        for x in [0i64, 7, -7, 1_404_896_688, i64::MIN, i64::MAX] {
            assert_eq!(Number::from(x).as_str(), x.to_string());
        }
        assert_eq!(Number::from(u64::MAX).as_str(), u64::MAX.to_string());
        assert_eq!(Number::from(i8::MIN).as_str(), "-128");
        assert_eq!(Number::from(usize::MAX).as_str(), usize::MAX.to_string());
    }

    #[test]
    fn integers_on_demand() {
        let n = |t: &str| Number::from_text(t).unwrap();
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(n("18446744073709551616").as_u64(), None);
        assert!(n("18446744073709551616").is_f64());
        assert_eq!(n("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(n("-5").as_u64(), None);
        assert_eq!(n("5").as_i64(), Some(5));
        assert_eq!(n("1.0").as_u64(), None);
        assert_eq!(n("1e2").as_u64(), None);
        assert!(n("-0").is_f64());
        assert_eq!(n("1.50").to_string(), "1.50");
        assert_eq!(n("1.5").as_f64(), Some(1.5));
    }

    #[test]
    fn overflow_at_the_f64_limit() {
        assert!(!overflows("1e308"));
        assert!(!overflows("1.7976931348623157e308"));
        // The largest f64's neighbourhood: below the midpoint to 2^1024 rounds down.
        assert!(!overflows("1.7976931348623158e308"));
        assert!(overflows("1.797693134862315808e308"));
        assert!(overflows("1e309"));
        assert!(overflows("-1e400"));
        assert!(overflows("10e308"));
        assert!(!overflows("0.01e310"));
        assert!(!overflows("0e99999999999999999999999"));
        assert!(!overflows("1e-400"));
        assert!(!overflows(&"9".repeat(308)));
        assert!(overflows(&"9".repeat(309)));
        // 2^1024 − 2^970 itself rounds to infinity; one below it rounds to f64::MAX.
        let limit = format!("{F64_OVERFLOW}e0");
        let below = format!("{}1", F64_OVERFLOW.strip_suffix('2').unwrap());
        assert_eq!(F64_OVERFLOW.len(), 309);
        assert!(overflows(&limit) && limit.parse::<f64>().unwrap().is_infinite());
        assert!(!overflows(&below) && below.parse::<f64>().unwrap() == f64::MAX);
        assert_eq!(Number::from_text("1e400"), None);
    }

    #[test]
    fn overflow_agrees_with_f64_parsing() {
        let limit = "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797758720709633028641669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447573027006985557136695962284291481986083493647529271907416844436551070434271155969950809304288017790417449779";
        let mut texts = Vec::new();
        for cut in [16, 17, 18, 40, 300] {
            let digits = &limit[..cut];
            for (whole, exp) in [(1, 308), (1, 307), (2, 307), (3, 306), (309, 0), (310, -1)] {
                let (w, f) = digits.split_at(whole.min(digits.len()));
                texts.push(format!("{w}.{f}e{exp}"));
                texts.push(format!("0.000{w}{f}e{}", exp + 4 + whole as i64));
                texts.push(format!(
                    "{w}{f}e{}",
                    exp + whole as i64 - digits.len() as i64
                ));
            }
        }
        let below = format!("{}8", &limit[..limit.len() - 1]);
        for digits in [
            format!("{limit}9"),
            format!("{below}9"),
            format!("{below}99999"),
        ] {
            texts.push(format!("0.{digits}e309"));
            texts.push(format!("-{digits}e-1"));
        }
        for text in texts.iter().filter(|t| scan(t.as_bytes()) == Some(t.len())) {
            let infinite = text.parse::<f64>().unwrap().is_infinite();
            assert_eq!(overflows(text), infinite, "{text}");
        }
    }
}
