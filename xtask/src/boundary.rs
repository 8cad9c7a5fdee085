//! The architecture check: wasm-bindgen types appear only in the wasm adapters.
//!
//! `src/` outside `src/wasm/` is the pure Rust core; it must build and test natively, so no code
//! line there (nor in native tests, benches or examples) may mention `wasm_bindgen`, `js_sys` or
//! `JsValue`. Comment lines are ignored so docs can say what the boundary is.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::XResult;
use crate::fail;

/// Identifiers that belong to the JS boundary only.
const FORBIDDEN: [&str; 3] = ["wasm_bindgen", "js_sys", "JsValue"];

/// Fails listing `file:line` for every offending line.
pub fn check(root: &Path) -> XResult {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        collect_rs(&root.join(dir), &mut files)?;
    }
    let mut hits = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if allowed(&rel) {
            continue;
        }
        let text = fs::read_to_string(&file)?;
        hits.extend(
            offending_lines(&text)
                .into_iter()
                .map(|(n, line)| format!("    {rel}:{n}: {line}")),
        );
    }
    if hits.is_empty() {
        Ok(())
    } else {
        Err(fail!(
            "wasm-bindgen names outside src/wasm/ (the core must stay pure Rust):\n{}",
            hits.join("\n")
        ))
    }
}

/// Paths (relative to the root, `/`-separated) where the boundary types are expected.
fn allowed(rel: &str) -> bool {
    rel.starts_with("src/wasm/")
        || rel.starts_with("tests/wasm_")
        || rel.starts_with("tests/wasm_common/")
}

/// `(line number, trimmed line)` of code lines mentioning a [`FORBIDDEN`] name.
fn offending_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.trim_start();
            !code.starts_with("//") && FORBIDDEN.iter().any(|name| code.contains(name))
        })
        .map(|(i, line)| (i + 1, line.trim().to_string()))
        .collect()
}

/// Every `*.rs` file under `dir` (recursively); a missing `dir` adds nothing.
fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) -> XResult {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_rs(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_code_but_not_comments() {
        let text = "//! No wasm_bindgen here.\nuse js_sys::Date;\nfn f() {}\n    // JsValue in a comment\nlet v: JsValue = x;\n";
        let lines: Vec<usize> = offending_lines(text).into_iter().map(|(n, _)| n).collect();
        assert_eq!(lines, vec![2, 5]);
    }

    #[test]
    fn only_wasm_paths_are_allowed() {
        assert!(allowed("src/wasm/api.rs"));
        assert!(allowed("tests/wasm_node.rs"));
        assert!(allowed("tests/wasm_common/mod.rs"));
        assert!(!allowed("src/sign.rs"));
        assert!(!allowed("src/wasmish.rs"));
        assert!(!allowed("tests/sign.rs"));
    }
}
