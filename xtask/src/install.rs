//! Idempotent installation of every tool the build and the tests need.
//!
//! Each `ensure_*` checks first and only installs what is missing or at the wrong version, so a
//! second run costs a few process spawns. Nothing here downloads from GitHub: Rust pieces come
//! from rustup's dist server and crates.io, JS tools from npm (`package-lock.json`), Chromium
//! from Debian.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::cmd::{self, XResult, command, note, step};
use crate::{fail, manifest};

/// The nightly used only for the MVP-feature `-Zbuild-std` release build.
pub const NIGHTLY: &str = "nightly-2026-05-19";
/// The wasm target.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Everything `cargo xtask build` needs: wasm target, nightly + rust-src, wasm-bindgen, npm tools.
pub fn ensure_build_tools(root: &Path) -> XResult {
    step(
        "Checking tools (the first run on a fresh machine installs them and takes several minutes)",
    );
    ensure_node()?;
    ensure_wasm_target(root)?;
    ensure_nightly(root)?;
    ensure_wasm_bindgen(root)?;
    ensure_npm_deps(root)
}

/// Fails with a clear message when Node.js/npm are missing (they are installed with the OS image).
fn ensure_node() -> XResult {
    for tool in ["node", "npm", "npx"] {
        if cmd::which(tool).is_none() {
            return Err(fail!(
                "`{tool}` is not on PATH: install Node.js 20 or newer (e.g. `apt-get install nodejs npm`)"
            ));
        }
    }
    Ok(())
}

/// `rustup target add wasm32-unknown-unknown` for the default toolchain, if missing.
fn ensure_wasm_target(root: &Path) -> XResult {
    let installed = cmd::output(command("rustup", root).args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        note(&format!("{WASM_TARGET} target: present"));
        return Ok(());
    }
    note(&format!("{WASM_TARGET} target: installing"));
    cmd::run(command("rustup", root).args(["target", "add", WASM_TARGET]))
}

/// `rustup toolchain install <NIGHTLY> --profile minimal -c rust-src`, if missing.
fn ensure_nightly(root: &Path) -> XResult {
    let toolchains =
        cmd::output(command("rustup", root).args(["toolchain", "list"])).unwrap_or_default();
    let has_toolchain = toolchains.lines().any(|l| l.starts_with(NIGHTLY));
    let has_src = has_toolchain
        && cmd::output(command("rustup", root).args([
            "component",
            "list",
            "--installed",
            "--toolchain",
            NIGHTLY,
        ]))
        .is_some_and(|list| list.lines().any(|l| l.starts_with("rust-src")));
    if has_src {
        note(&format!("{NIGHTLY} with rust-src: present"));
        return Ok(());
    }
    note(&format!(
        "{NIGHTLY} with rust-src: installing (for the MVP-only wasm build)"
    ));
    cmd::run(command("rustup", root).args([
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
        "-c",
        "rust-src",
    ]))
}

/// `cargo install wasm-bindgen-cli` at exactly the version locked for the `wasm-bindgen` crate.
fn ensure_wasm_bindgen(root: &Path) -> XResult {
    let wanted = manifest::locked_version(root, "wasm-bindgen")?;
    let have = cmd::output(command("wasm-bindgen", root).arg("--version")).unwrap_or_default();
    let runner = cmd::which("wasm-bindgen-test-runner").is_some();
    if have == format!("wasm-bindgen {wanted}") && runner {
        note(&format!("wasm-bindgen-cli {wanted}: present"));
        return Ok(());
    }
    let found = if have.is_empty() {
        "none".to_string()
    } else {
        have
    };
    note(&format!(
        "wasm-bindgen-cli {wanted}: installing from crates.io (found: {found}; this compiles for ~5 minutes)"
    ));
    cmd::run(cmd::cargo(root).args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &format!("={wanted}"),
        "--no-default-features",
    ]))
}

/// `npm ci` when `node_modules/` is missing or older than `package-lock.json`.
fn ensure_npm_deps(root: &Path) -> XResult {
    let hidden_lock = root.join("node_modules/.package-lock.json");
    let lock_time = modified(&root.join("package-lock.json"))
        .ok_or_else(|| fail!("package-lock.json is missing at the repository root"))?;
    match modified(&hidden_lock) {
        Some(installed) if installed >= lock_time => {
            note("npm dev dependencies: up to date with package-lock.json");
            Ok(())
        }
        _ => {
            note("npm dev dependencies: running `npm ci` (esbuild, binaryen, playwright-core, …)");
            cmd::run(command("npm", root).args(["ci", "--no-audit", "--no-fund"]))
        }
    }
}

/// Debian `chromium` + `chromium-driver` for the browser tiers, installed with apt when missing.
pub fn ensure_chromium(root: &Path) -> XResult {
    step("Checking Chromium and chromedriver (browser tiers)");
    if cmd::which("chromium").is_some() && cmd::which("chromedriver").is_some() {
        note("chromium + chromedriver: present");
        return Ok(());
    }
    note("chromium + chromedriver: installing with apt-get (about a minute)");
    let mut update = command("apt-get", root);
    update.arg("update");
    let mut install = command("apt-get", root);
    install.env("DEBIAN_FRONTEND", "noninteractive").args([
        "install",
        "-y",
        "chromium",
        "chromium-driver",
    ]);
    cmd::run(&mut update)
        .and_then(|()| cmd::run(&mut install))
        .map_err(|e| fail!("{e}\n    installing Chromium needs root (CI runs as root); install `chromium chromium-driver` by hand otherwise"))?;
    if cmd::which("chromium").is_none() || cmd::which("chromedriver").is_none() {
        return Err(fail!(
            "apt-get finished but `chromium`/`chromedriver` are still not on PATH"
        ));
    }
    Ok(())
}

/// The modification time of `path`, if it exists.
fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}
