//! Tickets: server secrets that must never be printed.

use std::fmt;

/// An `api_ticket` (type `wx_card`) or `jsapi_ticket`.
///
/// Its `Debug` and `Display` print `Ticket(<redacted>)`, so a ticket inside a
/// struct that is logged or shown in an error cannot leak. Read the value with
/// [`Ticket::expose`] only where it is hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct Ticket(String);

impl Ticket {
    /// Wraps a ticket value.
    pub fn new(value: impl Into<String>) -> Self {
        Ticket(value.into())
    }

    /// The secret value, for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the ticket is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Ticket {
    fn from(value: &str) -> Self {
        Ticket::new(value)
    }
}

impl From<String> for Ticket {
    fn from(value: String) -> Self {
        Ticket(value)
    }
}

impl fmt::Debug for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ticket(<redacted>)")
    }
}

impl fmt::Display for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_redact() {
        let t = Ticket::new("ojZ8YtyVyr30HheH3CM73y7h4jJE");
        assert_eq!(format!("{t:?}"), "Ticket(<redacted>)");
        assert!(!format!("{t} {t:#?}").contains("ojZ8"));
        assert_eq!(t.expose(), "ojZ8YtyVyr30HheH3CM73y7h4jJE");
    }
}
