//! Problems: what a check found, as data rather than an error.
//!
//! [`crate::Problem`] lists are returned by cardExt verification and by card
//! definition validation, where the point is to see every mistake at once.

use crate::json::{ObjectWriter, ToJson};

/// How bad a problem is. Written as JSON `"error"` or `"warning"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// WeChat will reject the payload (or it is unsafe to send).
    Error,
    /// Likely a mistake, but WeChat may accept it.
    Warning,
}

/// One finding of a check. Written as JSON `{ code, field?, severity, message }`
/// (`field` left out when there is none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A stable code, such as `SIGNATURE_MISMATCH`.
    pub code: &'static str,
    /// The path of the field at fault, when there is one.
    pub field: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// A readable explanation that names the field and what was wrong.
    pub message: String,
}

impl Problem {
    /// A problem of severity [`Severity::Error`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn error(code: &'static str, field: Option<String>, message: impl Into<String>) -> Self {
        Problem {
            code,
            field,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A problem of severity [`Severity::Warning`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn warning(code: &'static str, field: Option<String>, message: impl Into<String>) -> Self {
        Problem {
            code,
            field,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// Whether this problem has severity [`Severity::Error`].
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Replaces every copy of `secret` in the message and field (whole, or
    /// cut to a prefix of at least a dozen characters) with `<redacted>`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn redact(&mut self, secret: &str) {
        crate::redact::scrub_in_place(&mut self.message, secret);
        if let Some(field) = &mut self.field {
            crate::redact::scrub_in_place(field, secret);
        }
    }
}

impl From<crate::Error> for Problem {
    /// An error becomes a problem of severity error with the same code and field.
    // Not inlined: one copy serves every `?`-style conversion of the checks.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(e: crate::Error) -> Self {
        Problem::error(e.code(), e.field().map(str::to_owned), e.message())
    }
}

impl Severity {
    /// `"error"` or `"warning"`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl ToJson for Severity {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl ToJson for Problem {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn write_json(&self, out: &mut String) {
        ObjectWriter::new(out)
            .field("code", &self.code)
            .optional("field", self.field.as_ref())
            .field("severity", &self.severity)
            .field("message", &self.message)
            .end();
    }
}
