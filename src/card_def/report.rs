//! What the card-definition checks report: errors and warnings in the order
//! found, and the few helpers that build their fields and messages.

use crate::error::Error;
use crate::json::{Value, type_name};
use crate::problem::Problem;

/// Errors and warnings in the order they were found.
///
/// Validation keeps everything, as problems ([`Findings::all`]); the functions
/// that return `Result` keep only the first error ([`Findings::first`]), so
/// they never build a warning's message.
pub(crate) struct Findings {
    problems: Vec<Problem>,
    first: Option<Error>,
    all: bool,
}

impl Findings {
    /// Findings that keep every error and warning.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn all() -> Self {
        Findings {
            problems: Vec::new(),
            first: None,
            all: true,
        }
    }

    /// Findings that keep only the first error.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn first() -> Self {
        Findings {
            all: false,
            ..Findings::all()
        }
    }

    /// Records an error.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn error(&mut self, e: Error) {
        if self.all {
            self.push(Problem::from(e));
        } else if self.first.is_none() {
            self.first = Some(e);
        }
    }

    /// Records a warning.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn warning(&mut self, p: Problem) {
        if self.all {
            self.push(p);
        }
    }

    /// Records the warning `code` at `field`, whose message is `field: ` and `parts`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn warn(&mut self, code: &'static str, field: String, parts: &[&str]) {
        if self.all {
            self.push(warning(code, field, parts));
        }
    }

    /// Keeps a problem.
    // Not inlined: one copy of the vector's growth serves every finding.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// The first error, for the functions that return `Result`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn first_error(self) -> Option<Error> {
        self.first
    }

    /// Everything, as problems.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

/// The warning `code` at `field`, whose message is `field: ` followed by `parts`.
// Not inlined: one copy builds every warning of the module.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn warning(code: &'static str, field: String, parts: &[&str]) -> Problem {
    let mut message = field.clone();
    message.push_str(": ");
    for part in parts {
        message.push_str(part);
    }
    Problem::warning(code, Some(field), message)
}

/// [`Error::InvalidType`]: `field` is not what was `expected`.
// Not inlined: every wrong-type check of the module shares one copy.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
pub(crate) fn invalid_type(field: String, expected: &'static str, found: &Value) -> Error {
    Error::InvalidType {
        field,
        expected,
        found: type_name(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(mut out: Findings) -> Findings {
        out.warn("W1", "a".into(), &["first ", "warning"]);
        out.error(Error::missing("b"));
        out.error(Error::missing("c"));
        out
    }

    #[test]
    fn all_keeps_everything_in_order() {
        let problems = findings(Findings::all()).into_problems();
        let seen: Vec<_> = problems
            .iter()
            .map(|p| (p.code, p.field.as_deref(), p.is_error()))
            .collect();
        assert_eq!(
            seen,
            [
                ("W1", Some("a"), false),
                ("MISSING_FIELD", Some("b"), true),
                ("MISSING_FIELD", Some("c"), true),
            ]
        );
        assert_eq!(problems[0].message, "a: first warning");
    }

    #[test]
    fn first_keeps_only_the_first_error() {
        let out = findings(Findings::first());
        assert!(out.problems.is_empty());
        assert_eq!(out.first_error(), Some(Error::missing("b")));
    }
}
