//! What the `.wasm` is made of: code bytes per function, and per crate and wxcard module, read
//! from the name section of wasm-bindgen's output (before `wasm-opt`, which strips the names).
//! `cargo xtask bench` reports the owners; `cargo xtask size --breakdown` prints both.

use std::collections::BTreeMap;
use std::path::Path;

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

use crate::cmd::XResult;
use crate::fail;

/// Code bytes grouped by owner, largest first, plus the data segment bytes.
#[derive(Debug, Default)]
pub struct Composition {
    /// `(owner, bytes, functions)`, largest first. Owners are `wxcard::<module>` for the crate's
    /// own code and the crate name for dependencies and the standard library.
    pub owners: Vec<(String, u64, u64)>,
    /// Total function body bytes.
    pub code: u64,
    /// Total data segment bytes (string constants, tables).
    pub data: u64,
}

/// Reads `wasm` (a module with a name section) and groups its function bodies by owner.
pub fn read(wasm: &Path) -> XResult<Composition> {
    let (functions, data) = functions(wasm)?;
    Ok(group(&functions, data))
}

/// `functions` (as [`functions`] reads them) grouped by owner, with `data` bytes of data.
pub fn group(functions: &[(String, u64)], data: u64) -> Composition {
    let mut owners: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (name, size) in functions {
        let entry = owners.entry(owner(name)).or_default();
        entry.0 += size;
        entry.1 += 1;
    }
    let mut owners: Vec<(String, u64, u64)> =
        owners.into_iter().map(|(k, (b, n))| (k, b, n)).collect();
    owners.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Composition {
        owners,
        code: functions.iter().map(|(_, size)| size).sum(),
        data,
    }
}

/// `(name, body bytes)` of every function `wasm` defines, named from its name section
/// (`(unnamed)` when it has none for one), and the bytes of its data segments.
pub fn functions(wasm: &Path) -> XResult<(Vec<(String, u64)>, u64)> {
    let bytes = std::fs::read(wasm).map_err(|e| fail!("cannot read {}: {e}", wasm.display()))?;
    let mut imported = 0u32;
    let mut bodies: Vec<u64> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut data = 0u64;
    let broken = |e: wasmparser::BinaryReaderError| fail!("{}: {e}", wasm.display());
    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.map_err(broken)? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import.map_err(broken)?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => bodies.push(body.range().len() as u64),
            Payload::DataSection(reader) => data += reader.range().len() as u64,
            Payload::CustomSection(custom) => {
                if let KnownCustom::Name(reader) = custom.as_known() {
                    for name in reader {
                        if let Name::Function(map) = name.map_err(broken)? {
                            for naming in map {
                                let naming = naming.map_err(broken)?;
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err(fail!("{} has no function names", wasm.display()));
    }
    let functions = bodies
        .into_iter()
        .enumerate()
        .map(|(i, size)| {
            let index = imported + i as u32;
            let name = names.get(&index).map_or("(unnamed)", String::as_str);
            (name.to_string(), size)
        })
        .collect();
    Ok((functions, data))
}

/// The owner of a (legacy-mangled, demangled) Rust symbol: the innermost path that starts the
/// name or its `<Type as Trait>` / `<Type>` form, cut to the crate (or `wxcard::module`).
pub fn owner(name: &str) -> String {
    let trimmed = name
        .trim_start_matches(['<', '&', '*'])
        .trim_start_matches("mut ");
    let path: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '[' | ']'))
        .collect();
    let mut parts = path.split("::").map(strip_hash);
    let krate = parts.next().unwrap_or_default();
    if krate.is_empty() {
        return "(other)".to_string();
    }
    if krate == "wxcard"
        && let Some(module) = parts
            .next()
            .filter(|m| m.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    {
        return format!("wxcard::{module}");
    }
    if !path.contains("::") {
        return "(glue and intrinsics)".to_string();
    }
    krate.to_string()
}

/// `serde_json[453a8be3a38a6fdb]` → `serde_json`.
pub fn strip_hash(segment: &str) -> &str {
    segment.split('[').next().unwrap_or(segment)
}

#[cfg(test)]
mod tests {
    use super::owner;

    #[test]
    fn owners_of_symbols() {
        assert_eq!(
            owner("<wxcard[9cfffac708dcedf8]::card_ext::CardExtScan>::read"),
            "wxcard::card_ext"
        );
        assert_eq!(
            owner("wxcard[9cf]::diagnose::diagnose_card_ext"),
            "wxcard::diagnose"
        );
        assert_eq!(
            owner(
                "<serde_json[453a]::value::Value as serde_core[6041]::de::Deserialize>::deserialize"
            ),
            "serde_json"
        );
        assert_eq!(
            owner("core[c23f]::slice::sort::stable::quicksort::quicksort::<&str>"),
            "core"
        );
        assert_eq!(owner("__wbindgen_malloc"), "(glue and intrinsics)");
    }
}
