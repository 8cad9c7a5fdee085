//! Facts read from the repository: its root, the crate's name/version and locked versions.
//!
//! `Cargo.toml` is the one version source: `pkg/package.json` gets `name` and `version` from here.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::XResult;
use crate::fail;

/// The repository root (the parent of the `xtask/` package).
pub fn root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` if set (relative to the root), else `target/`.
///
/// Scratch outputs (the MVP build in `<target>/mvp`, wasm-bindgen glue in `<target>/glue`) live
/// here too, so a fresh target directory means a truly cold build.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// The `name` and `version` of the root crate's `[package]` table.
#[derive(Debug, PartialEq, Eq)]
pub struct Package {
    /// Crate (and npm package) name.
    pub name: String,
    /// Crate (and npm package) version.
    pub version: String,
}

/// Reads `[package] name` and `version` from the root `Cargo.toml`.
pub fn package(root: &Path) -> XResult<Package> {
    let text = fs::read_to_string(root.join("Cargo.toml"))?;
    parse_package(&text).ok_or_else(|| fail!("Cargo.toml: [package] needs `name` and `version`"))
}

/// The locked version of `crate_name` in the root `Cargo.lock`.
pub fn locked_version(root: &Path, crate_name: &str) -> XResult<String> {
    let text = fs::read_to_string(root.join("Cargo.lock"))?;
    parse_locked(&text, crate_name).ok_or_else(|| {
        fail!("Cargo.lock has no `{crate_name}` package; run `cargo generate-lockfile`")
    })
}

/// Extracts `name`/`version` from the `[package]` table of a `Cargo.toml` text.
fn parse_package(text: &str) -> Option<Package> {
    let mut in_package = false;
    let (mut name, mut version) = (None, None);
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(value) = string_value(line, "name") {
                name = Some(value);
            } else if let Some(value) = string_value(line, "version") {
                version = Some(value);
            }
        }
    }
    Some(Package {
        name: name?,
        version: version?,
    })
}

/// Finds the `version` following `name = "<crate_name>"` in a `Cargo.lock` text.
fn parse_locked(text: &str, crate_name: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if string_value(line, "name").as_deref() == Some(crate_name) {
            return lines.next().and_then(|next| string_value(next, "version"));
        }
    }
    None
}

/// `Some(value)` if `line` is `key = "value"`.
fn string_value(line: &str, key: &str) -> Option<String> {
    let rest = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    let inner = rest.strip_prefix('"')?;
    let end = inner.find('"')?;
    Some(inner[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_package_table_only() {
        let text = "[workspace]\nmembers = [\".\"]\n\n[package]\nname = \"wxcard\"\nversion = \"1.2.3\"\n\n[dependencies]\nname = \"other\"\nversion = \"9\"\n";
        assert_eq!(
            parse_package(text),
            Some(Package {
                name: "wxcard".into(),
                version: "1.2.3".into()
            })
        );
        assert_eq!(parse_package("[package]\nname = \"x\"\n"), None);
    }

    #[test]
    fn reads_locked_version_of_exact_name() {
        let text = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"registry\"\n";
        assert_eq!(
            parse_locked(text, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(parse_locked(text, "js-sys"), None);
    }

    #[test]
    fn string_value_needs_the_exact_key() {
        assert_eq!(string_value("name = \"a\"", "name").as_deref(), Some("a"));
        assert_eq!(string_value("names = \"a\"", "name"), None);
        assert_eq!(string_value("name = 3", "name"), None);
    }
}
