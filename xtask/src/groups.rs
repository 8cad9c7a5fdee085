//! `cargo xtask size --groups`: what each optional group of exports adds to the shipped `.wasm`.
//!
//! `src/wasm/mod.rs` declares the optional adapter modules under
//! `#[cfg(not(wxcard_omit = "<module>"))]`. This builds the release module as shipped, then once
//! without each of them (the same MVP build, wasm-bindgen and wasm-opt as `cargo xtask build`,
//! with the cfg passed to the crate alone so the standard library build is shared), and prints
//! the brotli size of each build and the difference: the bytes the group costs, everything it
//! alone reaches included (its code, its messages, the core code no other export uses). Last, it
//! builds without every group at once: what the exports outside the groups cost alone.
//!
//! Each build takes about a minute, so this is not part of `build`, `test` or `bench`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{self, XResult, note, step};
use crate::{build, fail, install, manifest, package, size};

/// The adapter module declarations, where the groups are named.
const ADAPTERS: &str = "src/wasm/mod.rs";

/// The cfg marker in front of each optional module's name.
const MARKER: &str = "wxcard_omit = \"";

/// One optional group: its adapter module and the JS names it exports.
#[derive(Debug, PartialEq, Eq)]
struct Group {
    module: String,
    exports: Vec<String>,
}

/// Builds with and without each group and prints what each costs.
pub fn run(root: &Path) -> XResult {
    install::ensure_build_tools(root)?;
    let crate_name = manifest::package(root)?.name.replace('-', "_");
    let groups = groups(root)?;
    let dir = manifest::target_dir(root).join("groups");
    step("Building the shipped module (~1.5 min cold)");
    let whole = brotli_size(root, &optimized(root, &crate_name, &dir, "whole", &[])?)?;
    let mut rows = Vec::new();
    for group in &groups {
        step(&format!("Building without `{}`", group.module));
        let module = group.module.as_str();
        let without = optimized(root, &crate_name, &dir, module, &[module])?;
        rows.push((group, brotli_size(root, &without)?));
    }
    step("Building without any optional group");
    let all: Vec<&str> = groups.iter().map(|g| g.module.as_str()).collect();
    let core = brotli_size(root, &optimized(root, &crate_name, &dir, "core", &all)?)?;
    step("What each optional group adds to the brotli .wasm (bytes)");
    println!(
        "    {:<12} {:>9} {:>9}  exports",
        "group", "without", "costs"
    );
    for (group, without) in rows {
        println!(
            "    {:<12} {:>9} {:>9}  {}",
            group.module,
            without,
            whole.saturating_sub(without),
            group.exports.join(", ")
        );
    }
    println!("    {:<12} {:>9}", "shipped", whole);
    println!(
        "    {:<12} {:>9}  every export outside the groups",
        "core only", core
    );
    note("a group's cost counts everything only it reaches, so the costs do not add up exactly");
    Ok(())
}

/// The optional groups named in [`ADAPTERS`], with the exports of each module's file.
fn groups(root: &Path) -> XResult<Vec<Group>> {
    let adapters = root.join(ADAPTERS);
    let text = fs::read_to_string(&adapters)
        .map_err(|e| fail!("cannot read {}: {e}", adapters.display()))?;
    let modules = omittable(&text);
    if modules.is_empty() {
        return Err(fail!("{ADAPTERS} declares no `{MARKER}…\"` module"));
    }
    modules
        .into_iter()
        .map(|module| {
            let file = adapters.with_file_name(format!("{module}.rs"));
            let source = fs::read_to_string(&file)
                .map_err(|e| fail!("cannot read {}: {e}", file.display()))?;
            Ok(Group {
                exports: js_names(&source),
                module,
            })
        })
        .collect()
}

/// The module names in `#[cfg(not(wxcard_omit = "<module>"))]` lines.
fn omittable(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.trim_start().starts_with("#[cfg(not("))
        .filter_map(|line| {
            let rest = &line[line.find(MARKER)? + MARKER.len()..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .collect()
}

/// The `js_name`s of the `#[wasm_bindgen]` exports in an adapter module's source.
fn js_names(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.trim_start().starts_with("#[wasm_bindgen("))
        .filter_map(|line| {
            let rest = &line[line.find("js_name = ")? + "js_name = ".len()..];
            let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_')?;
            Some(rest[..end].to_string())
        })
        .collect()
}

/// The optimized bundler `.wasm` built without the `omit` modules, in `dir/<name>/`.
fn optimized(
    root: &Path,
    crate_name: &str,
    dir: &Path,
    name: &str,
    omit: &[&str],
) -> XResult<PathBuf> {
    let cfgs: Vec<String> = omit
        .iter()
        .map(|module| format!("wxcard_omit=\"{module}\""))
        .collect();
    let mut crate_args = Vec::new();
    for cfg in &cfgs {
        crate_args.extend(["--cfg", cfg.as_str()]);
    }
    if !omit.is_empty() {
        // Core code that only the omitted exports used is dead now: expected, not news.
        crate_args.extend(["-A", "warnings"]);
    }
    let raw = build::compile_mvp_in(root, crate_name, &dir.join("cargo"), &crate_args)?;
    let out = dir.join(name);
    let glue = build::bindgen(root, &raw, "bundler", &out.join("glue"), crate_name)?;
    let optimized = out.join(format!("{crate_name}_bg.opt.wasm"));
    build::wasm_opt(root, &glue, &optimized)?;
    Ok(optimized)
}

/// brotli -q 11 size of `file`, through the same script as the size report.
fn brotli_size(root: &Path, file: &Path) -> XResult<u64> {
    let mut script = package::node(root, "sizes.mjs");
    script.arg("sizes").arg(file);
    cmd::output(&mut script)
        .and_then(|out| size::parse_row(out.trim_end()))
        .map(|row| row.brotli)
        .ok_or_else(|| fail!("could not measure {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_omittable_modules_and_their_exports() {
        let mods = "pub mod verify;\n\
                    #[cfg(not(wxcard_omit = \"card_def\"))]\npub mod card_def;\n\
                    // `--cfg wxcard_omit=\"<module>\"` in a comment is not a module\n\
                    #[cfg(not(wxcard_omit = \"webview\"))]\npub mod webview;\n";
        assert_eq!(omittable(mods), ["card_def", "webview"]);
        let source = "#[wasm_bindgen(js_name = withMiniProgramLinks)]\npub fn a() {}\n\
                      /// `#[wasm_bindgen(js_name = notThis)]` in a doc comment\n\
                      #[wasm_bindgen(js_name = cardUpdateBody)]\npub fn b() {}\n";
        assert_eq!(js_names(source), ["withMiniProgramLinks", "cardUpdateBody"]);
    }

    #[test]
    fn the_real_adapters_declare_groups_with_exports() {
        let groups = groups(&manifest::root()).unwrap();
        assert!(groups.len() >= 2, "{groups:?}");
        for group in &groups {
            assert!(!group.exports.is_empty(), "{group:?}");
        }
        assert!(
            groups.iter().any(|g| g.module == "card_def"
                && g.exports.contains(&"validateCardDefinition".to_string()))
        );
    }
}
