//! `cargo xtask size --breakdown`: where the `.wasm` code bytes come from.
//!
//! Reads the module as wasm-bindgen writes it, before wasm-opt: its type descriptors and the
//! imports nothing uses are gone, and it still has its `name` section. Sums function body sizes
//! per crate and per `wxcard` module, and lists the largest functions. The bytes are
//! pre-optimization, so read them as shares, not as shipped sizes.

use std::collections::HashMap;
use std::path::Path;

use wasmparser::{Name, Parser, Payload};

use crate::cmd::{XResult, step};
use crate::{fail, manifest};

/// How many rows each table prints.
const ROWS: usize = 15;

/// Prints the per-crate, per-module and per-function tables.
pub fn run(root: &Path) -> XResult {
    let stem = manifest::package(root)?.name.replace('-', "_");
    let wasm = manifest::target_dir(root).join(format!("glue/bundler/{stem}_bg.wasm"));
    let bytes = std::fs::read(&wasm).map_err(|e| {
        fail!(
            "cannot read {} ({e}); run `cargo xtask build` first",
            wasm.display()
        )
    })?;
    let functions: Vec<(String, u64)> = function_sizes(&bytes)
        .map_err(|e| fail!("cannot parse {}: {e}", wasm.display()))?
        .into_iter()
        // wasm-bindgen reads these type descriptors and removes them; they are never shipped.
        .filter(|(name, _)| !name.starts_with("__wbindgen_describe"))
        .collect();
    let total: u64 = functions.iter().map(|(_, size)| size).sum();
    step(&format!(
        "Code size by origin ({total} bytes of function bodies before wasm-opt)"
    ));

    let mut by_crate: HashMap<String, u64> = HashMap::new();
    let mut by_module: HashMap<String, u64> = HashMap::new();
    for (name, size) in &functions {
        let (krate, module) = origin(name);
        *by_crate.entry(krate.clone()).or_default() += size;
        if krate == stem {
            *by_module.entry(format!("{stem}::{module}")).or_default() += size;
        }
    }
    table("crate", by_crate.into_iter().collect(), total);
    table("module", by_module.into_iter().collect(), total);
    table("function", functions, total);
    Ok(())
}

/// `(demangled name, body size)` of every defined function.
fn function_sizes(bytes: &[u8]) -> Result<Vec<(String, u64)>, wasmparser::BinaryReaderError> {
    let mut imported = 0u32;
    let mut sizes = Vec::new();
    let mut names: HashMap<u32, String> = HashMap::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => sizes.push(body.range().len() as u64),
            Payload::CustomSection(section) => {
                if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(sizes
        .into_iter()
        .enumerate()
        .map(|(i, size)| {
            let index = imported + u32::try_from(i).unwrap_or(u32::MAX);
            let name = names
                .get(&index)
                .map_or_else(|| format!("func[{index}]"), |n| demangle(n));
            (name, size)
        })
        .collect())
}

/// `rustc-demangle`'s readable form without hashes, or the raw name without the `[hash]`
/// that wasm-bindgen's demangled names keep after each crate.
fn demangle(name: &str) -> String {
    let readable = format!("{:#}", rustc_demangle::demangle(name));
    let mut out = String::with_capacity(readable.len());
    let mut rest = readable.as_str();
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

/// `(crate, module)` of a demangled name: the first two path segments after `<`/`&`; for an impl
/// on a primitive or slice (`<str as x::T>`, `<[u8]>::f`) the trait's crate, else "(primitives)".
fn origin(name: &str) -> (String, String) {
    if name.starts_with("__wbindgen") || name.starts_with("__wbg") {
        return ("(wasm-bindgen shims)".to_string(), String::new());
    }
    if !name.contains("::") {
        // The exports' entry points and C symbols such as `memset`.
        return ("(unqualified symbols)".to_string(), String::new());
    }
    let mut path = name
        .trim_start_matches(['<', '&', '*', ' '])
        .trim_start_matches("mut ");
    let head = path.split("::").next().unwrap_or("");
    if let Some((_, trait_path)) = head.split_once(" as ") {
        path = &path[path.find(" as ").map_or(0, |i| i + 4)..];
        if trait_path.is_empty() {
            return ("(primitives)".to_string(), String::new());
        }
    } else if head.starts_with('[') || !head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return ("(primitives)".to_string(), String::new());
    }
    let mut segments = path.split("::");
    let krate = segments.next().unwrap_or("").to_string();
    let module = segments
        .next()
        .map(|m| m.split(['<', ' ', '>']).next().unwrap_or(m).to_string())
        .unwrap_or_default();
    (krate, module)
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
    fn origin_of_paths_impls_and_shims() {
        assert_eq!(
            origin("wxcard::card_def::shape::type_keys"),
            ("wxcard".into(), "card_def".into())
        );
        assert_eq!(
            origin("<wxcard::error::Error as core::fmt::Display>::fmt"),
            ("wxcard".into(), "error".into())
        );
        assert_eq!(
            origin("serde_json::de::from_str::<wxcard::builder::CardExtInput>"),
            ("serde_json".into(), "de".into())
        );
        assert_eq!(origin("__wbindgen_malloc").0, "(wasm-bindgen shims)");
        assert_eq!(origin("verifyCardExt").0, "(unqualified symbols)");
        assert_eq!(origin("<f64 as zmij::Float>::write").0, "zmij");
        assert_eq!(origin("<[u8]>::to_vec").0, "(primitives)");
        assert_eq!(origin("<str>::replace::<char>").0, "(primitives)");
    }

    #[test]
    fn demangles_v0_without_hashes() {
        assert_eq!(demangle("_RNvCs1234_6wxcard4main"), "wxcard::main");
        assert_eq!(demangle("plain_name"), "plain_name");
        assert_eq!(
            demangle("<wxcard[3e17fc4b0b68d2e1]::json::Map>::find"),
            "<wxcard::json::Map>::find"
        );
        assert_eq!(demangle("<[u8]>::to_vec"), "<[u8]>::to_vec");
    }
}
