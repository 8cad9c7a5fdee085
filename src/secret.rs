//! Tickets: server secrets that must never be printed.

use std::fmt;

use crate::error::{Error, Result};
use crate::json::Value;

/// An `api_ticket` (type `wx_card`) or `jsapi_ticket`.
///
/// Its `Debug` and `Display` print `Ticket(<redacted>)`, so a ticket inside a
/// struct that is logged or shown in an error cannot leak. Read the value with
/// [`Ticket::expose`] only where it is hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct Ticket(String);

impl Ticket {
    /// Wraps a ticket value.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new(value: impl Into<String>) -> Self {
        Ticket(value.into())
    }

    /// The secret value, for signing.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the ticket is empty.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Ticket {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(value: &str) -> Self {
        Ticket::new(value)
    }
}

impl From<String> for Ticket {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from(value: String) -> Self {
        Ticket(value)
    }
}

impl fmt::Debug for Ticket {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ticket(<redacted>)")
    }
}

impl fmt::Display for Ticket {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// `error` without the ticket that `input` carries under `key` (see
/// [`Error::redacted`]): an input's reader quotes the keys and values it
/// refuses, and one of them may be the ticket put in the wrong place.
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn without_input_ticket(error: Error, input: &Value, key: &str) -> Error {
    match input.get(key).and_then(Value::as_str) {
        Some(ticket) => error.redacted(ticket),
        None => error,
    }
}

/// Refuses to sign with a ticket on a client unless the caller opted in.
///
/// Tickets are server secrets: anyone holding the card `api_ticket` can mint a
/// valid cardExt for every card of the account. Signers therefore run freely on
/// a server (`client == false`, e.g. Node.js or a Rust server), and in a browser
/// or mini-program (`client == true`) only when `allow` is true
/// (`allowTicketOnClient: true`, meant for demo pages, tests and developer tools).
/// `field` names the ticket field in the error, e.g. `"apiTicket"`.
///
/// ```
/// use wxcard::secret::ensure_ticket_allowed;
/// assert!(ensure_ticket_allowed(false, false, "apiTicket").is_ok());
/// assert!(ensure_ticket_allowed(true, true, "apiTicket").is_ok());
/// let err = ensure_ticket_allowed(true, false, "apiTicket").unwrap_err();
/// assert_eq!(err.code(), "TICKET_ON_CLIENT");
/// assert_eq!(err.field(), Some("apiTicket"));
/// ```
#[cfg_attr(wxcard_size, optimize(size))]
pub fn ensure_ticket_allowed(client: bool, allow: bool, field: &str) -> Result<()> {
    if client && !allow {
        Err(Error::TicketOnClient {
            field: field.to_owned(),
        })
    } else {
        Ok(())
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

    #[test]
    fn tickets_are_refused_on_clients_only() {
        assert_eq!(ensure_ticket_allowed(false, false, "jsapiTicket"), Ok(()));
        assert_eq!(ensure_ticket_allowed(false, true, "jsapiTicket"), Ok(()));
        assert_eq!(ensure_ticket_allowed(true, true, "jsapiTicket"), Ok(()));
        assert_eq!(
            ensure_ticket_allowed(true, false, "jsapiTicket"),
            Err(Error::TicketOnClient {
                field: "jsapiTicket".into()
            })
        );
    }
}
