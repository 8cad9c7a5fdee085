//! Assembling the npm package in `pkg/` from `pkg-template/` and the wasm-bindgen output.
//!
//! ```text
//! pkg/package.json                    pkg-template/package.json + name/version from Cargo.toml
//! pkg/index.d.ts, README.md, LICENSE* copied
//! pkg/dist/wxcard_bg.wasm             the one optimized module
//! pkg/dist/wxcard.js                  esbuild: entry-web.js          (ESM, browsers/bundlers)
//! pkg/dist/wxcard.node.cjs            esbuild: entry-node.js         (CommonJS, Node require)
//! pkg/dist/wxcard.node.mjs            esbuild: entry-node.js         (ESM, Node import)
//! pkg/miniprogram_dist/index.js       esbuild: entry-miniprogram.js  (CommonJS, ES2017)
//! pkg/miniprogram_dist/wxcard_bg.wasm.br   brotli -q 11 of the module
//! pkg/miniprogram_dist/package.json   {"type":"commonjs"}
//! ```
//!
//! The bundling and JSON work is done by small Node scripts in `xtask/js/` (esbuild's API,
//! Node's zlib, and JSON that keeps key order).

use std::fs;
use std::path::Path;

use crate::cmd::{self, XResult, note, step};
use crate::{fail, manifest};

/// Rebuilds `pkg/` from `glue_dir` (wasm-bindgen outputs) and the optimized module `wasm`.
pub fn assemble(root: &Path, glue_dir: &Path, wasm: &Path) -> XResult {
    let pkg = root.join("pkg");
    let template = root.join("pkg-template");
    let package = manifest::package(root)?;
    let stem = package.name.replace('-', "_");

    step("Assembling pkg/ (one .wasm, esbuild bundles, brotli for the mini-program, package.json)");
    for required in ["package.json", "index.d.ts"] {
        if !template.join(required).is_file() {
            return Err(fail!("pkg-template/{required} is missing"));
        }
    }
    if pkg.exists() {
        fs::remove_dir_all(&pkg)?;
    }
    fs::create_dir_all(pkg.join("dist"))?;
    fs::create_dir_all(pkg.join("miniprogram_dist"))?;

    let shipped = pkg.join(format!("dist/{stem}_bg.wasm"));
    fs::copy(wasm, &shipped)?;
    cmd::run(
        node(root, "bundle.mjs")
            .arg(template.join("src"))
            .arg(glue_dir)
            .arg(&pkg)
            .arg(&stem)
            .arg(&package.version),
    )?;
    cmd::run(
        node(root, "sizes.mjs")
            .arg("brotli")
            .arg(&shipped)
            .arg(pkg.join(format!("miniprogram_dist/{stem}_bg.wasm.br"))),
    )?;
    fs::write(
        pkg.join("miniprogram_dist/package.json"),
        "{\n  \"type\": \"commonjs\"\n}\n",
    )?;
    copy_docs(root, &template, &pkg)?;
    cmd::run(
        node(root, "manifest.mjs")
            .arg(template.join("package.json"))
            .arg(&pkg)
            .arg(&package.name)
            .arg(&package.version),
    )?;
    note(&format!("pkg/ is {} {}", package.name, package.version));
    Ok(())
}

/// `index.d.ts` from the template; README and license files from the repository root.
fn copy_docs(root: &Path, template: &Path, pkg: &Path) -> XResult {
    fs::copy(template.join("index.d.ts"), pkg.join("index.d.ts"))?;
    if template.join("README.md").is_file() {
        fs::copy(template.join("README.md"), pkg.join("README.md"))?;
    } else if root.join("README.md").is_file() {
        fs::copy(root.join("README.md"), pkg.join("README.md"))?;
    }
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if (name.starts_with("LICENSE") || name.starts_with("COPYING")) && entry.path().is_file() {
            fs::copy(entry.path(), pkg.join(&*name))?;
        }
    }
    Ok(())
}

/// `node xtask/js/<script>` run from the repository root.
pub fn node(root: &Path, script: &str) -> std::process::Command {
    let mut cmd = cmd::command("node", root);
    cmd.arg(root.join("xtask/js").join(script));
    cmd
}
