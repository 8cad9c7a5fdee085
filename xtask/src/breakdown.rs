//! `cargo xtask size --breakdown`: where the `.wasm` code bytes come from.
//!
//! Reads the module as wasm-bindgen writes it, before wasm-opt: its type descriptors and the
//! imports nothing uses are gone, and it still has its `name` section. Sums function body sizes
//! per owner (a crate, or a `wxcard` module; the grouping `cargo xtask bench` reports) and lists
//! the largest functions. The bytes are pre-optimization, so read them as shares, not as
//! shipped sizes.

use std::path::Path;

use crate::bench::composition;
use crate::cmd::{XResult, step};
use crate::manifest;

/// How many rows each table prints.
const ROWS: usize = 15;

/// Prints the per-owner and per-function tables.
pub fn run(root: &Path) -> XResult {
    let stem = manifest::package(root)?.name.replace('-', "_");
    let wasm = manifest::target_dir(root).join(format!("glue/bundler/{stem}_bg.wasm"));
    if !wasm.is_file() {
        return Err(crate::fail!(
            "{} does not exist; run `cargo xtask build` first",
            wasm.display()
        ));
    }
    let (functions, data) = composition::functions(&wasm)?;
    let contents = composition::group(&functions, data);
    step(&format!(
        "Code size by origin ({} bytes of function bodies before wasm-opt, {} bytes of data)",
        contents.code, contents.data
    ));
    let owners = contents
        .owners
        .into_iter()
        .map(|(owner, bytes, _)| (owner, bytes))
        .collect();
    table("owner", owners, contents.code);
    let functions = functions
        .into_iter()
        .map(|(name, bytes)| (readable(&name), bytes))
        .collect();
    table("function", functions, contents.code);
    Ok(())
}

/// A function name as wasm-bindgen writes it, without the `[hash]` after each crate.
fn readable(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let (before, tail) = rest.split_at(open);
        out.push_str(before);
        let hash_len = tail[1..].bytes().take_while(u8::is_ascii_hexdigit).count();
        if hash_len > 0 && tail.as_bytes().get(hash_len + 1) == Some(&b']') {
            rest = &tail[hash_len + 2..];
        } else {
            out.push('[');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Prints the largest [`ROWS`] rows of `(label, bytes)` with their share of `total`.
fn table(kind: &str, mut rows: Vec<(String, u64)>, total: u64) {
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("\n    {:>8} {:>6}  {kind}", "bytes", "share");
    for (label, size) in rows.iter().take(ROWS) {
        let share = if total == 0 {
            0.0
        } else {
            *size as f64 * 100.0 / total as f64
        };
        let label: String = label.chars().take(110).collect();
        println!("    {size:>8} {share:>5.1}%  {label}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_crate_hashes_only() {
        assert_eq!(
            readable("<wxcard[3e17fc4b0b68d2e1]::json::Map>::find"),
            "<wxcard::json::Map>::find"
        );
        assert_eq!(readable("<[u8]>::to_vec"), "<[u8]>::to_vec");
        assert_eq!(readable("plain_name"), "plain_name");
        assert_eq!(readable("a[zz]"), "a[zz]");
    }
}
