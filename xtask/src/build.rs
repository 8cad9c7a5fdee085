//! `cargo xtask build`: the release `.wasm`, its JS glue, and the npm package in `pkg/`.
//!
//! 1. An MVP-only release build with the pinned nightly and `-Zbuild-std` (its own target dir,
//!    `target/mvp`, so it never invalidates the stable build cache).
//! 2. The feature gate ([`crate::wasm_check`]).
//! 3. `wasm-bindgen` once per JS target into `target/glue/<kind>/`; the `_bg.wasm` files must be
//!    byte-identical, so one module serves every entry.
//! 4. `wasm-opt` (npm binaryen) with the same feature set, then the feature gate again.
//! 5. Package assembly ([`crate::package`]) and the size report ([`crate::size`]).

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::{self, XResult, note, step};
use crate::install::{self, NIGHTLY, WASM_TARGET};
use crate::{fail, manifest, package, size, wasm_check};

/// Flags for the MVP build: no post-MVP feature except the two iOS is known to accept, plus two
/// size flags that only this nightly build can use.
///
/// NOTE: `-Cpanic=immediate-abort` and `-Zlocation-detail=none` drop the panic machinery and the
/// file/line strings a panic would print. In this module a panic is a trap either way (there is no
/// panic hook and the shim recovers from traps), so nothing observable is lost; measured, they cut
/// the brotli `.wasm` by about 3.4 % (114,795 → 110,933 bytes) at no speed cost.
///
/// `--cfg wxcard_size` turns on `#[optimize(size)]` for the crate's cold entry points (card
/// definitions, diagnosis, environment, web-view, jsapi/chooseCard/card lists and their adapters;
/// see `src/lib.rs`): measured, brotli 97,577 → 94,253 bytes, with signing and verification
/// unchanged because their functions keep `opt-level = 3`.
const MVP_RUSTFLAGS: &str = "-C target-cpu=mvp -C target-feature=+mutable-globals,+sign-ext \
     -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --cfg wxcard_size";

/// The binaryen feature flags matching [`MVP_RUSTFLAGS`] (and [`wasm_check::allowed_features`]).
const WASM_OPT_FEATURES: [&str; 3] = [
    "--mvp-features",
    "--enable-mutable-globals",
    "--enable-sign-ext",
];

/// The wasm-opt optimisation level.
///
/// NOTE: `-O3`, with the release profile's `opt-level = 3`. Measured on this crate (one snapshot,
/// brotli bytes of the shipped module / SHA-1 throughput through `cardSignature` on a 64 KiB value /
/// one five-value `cardSignature` call, in Node 20, best of 9 rounds on a busy 2-core machine):
///
/// | rustc opt-level | wasm-opt | brotli  | SHA-1      | small call |
/// |-----------------|----------|---------|------------|------------|
/// | 3               | -O3      | 114,795 | ~90 MB/s   | ~2–4 µs    |
/// | 3               | -Oz      | 114,663 | ~90 MB/s   | ~3–4 µs    |
/// | "s"             | -O3      |  89,610 | ~47–60 MB/s| ~5–8 µs    |
/// | "z"             | -Oz      |  85,232 | ~60 MB/s   | ~6–8 µs    |
///
/// `-Oz` buys almost nothing after an `opt-level = 3` build, and the size-oriented rustc levels
/// halve hashing speed (they stop inlining and unrolling the SHA-1 rounds) for a ~25 % smaller
/// module — which would still be far over the budget. Speed is one of the package's promises, so
/// both stay at 3; the size has to come from the code. `WXCARD_WASM_OPT` (e.g. `-Oz`) overrides
/// the level for experiments.
///
/// Measured again once the cold modules carried `optimize(size)` and verification had its
/// allocation-free fast path (`verifyCardExt` with the ticket through the Node package, same
/// process and load as the js-sha1 check):
///
/// | release profile                                              | brotli | verify  | vs js-sha1 |
/// |--------------------------------------------------------------|--------|---------|------------|
/// | `opt-level = 3`, fat LTO                                     | 77,905 | 1387 ns | 1.63×      |
/// | `"s"`, fat LTO, fast path `optimize(speed)`                  | 74,648 | 2224 ns | 1.01×      |
/// | `"s"`, thin LTO, `sha1` at 3, fast path `optimize(speed)`    | 75,129 | 1530 ns | 1.43×      |
///
/// About 3 KB is not worth missing the 1.5× js-sha1 target, so the profile stays at 3.
///
/// Measured a third time, once nearly every function off the hot paths carried `optimize(size)`
/// (brotli bytes of the whole shipped module against the same tree without the change, which was
/// 51.8–55.6 KB over the series; `verifyCardExt` with the ticket vs js-sha1 in one Node process,
/// ~1.7× without the change):
///
/// | change                                              | brotli   | vs js-sha1 |
/// |-----------------------------------------------------|----------|------------|
/// | whole-crate `opt-level = "z"`                       | +840     | —          |
/// | whole-crate `opt-level = "s"`                       | +899     | —          |
/// | `optimize(size)` on `verify::fast` as well          | −690     | ~1.3×      |
/// | a rolled SHA-1 compression (`src/digest.rs`)        | −844     | ~1.45×     |
const WASM_OPT_LEVEL: &str = "-O3";

/// The wasm-bindgen targets generated, and the scratch directory name each goes to.
///
/// Every bundle is built on `bundler`'s `wxcard_bg.js` (exports the API, the import shims and
/// `__wbg_set_wasm`; each entry instantiates the module itself — see `xtask/js/bundle.mjs`).
/// `web`, `nodejs` and `experimental-nodejs-module` are generated too, because their `.wasm`
/// must equal `bundler`'s: that identity is what lets one module serve browsers, Node and the
/// mini-program, and it is checked on every build (and their glue is kept for debugging).
pub const GLUE_TARGETS: [(&str, &str); 4] = [
    ("web", "web"),
    ("bundler", "bundler"),
    ("nodejs", "nodejs"),
    ("experimental-nodejs-module", "esm"),
];

/// Builds `pkg/` from scratch (installing missing tools first) and prints the size report.
pub fn run(root: &Path) -> XResult {
    install::ensure_build_tools(root)?;
    make(root)
}

/// Builds `pkg/` assuming the tools are installed (see [`install::ensure_build_tools`]).
pub fn make(root: &Path) -> XResult {
    let crate_name = manifest::package(root)?.name.replace('-', "_");
    let raw = compile_mvp(root, &crate_name)?;
    step("Checking the compiled module's WebAssembly features (MVP + mutable-globals + sign-ext)");
    wasm_check::check_file(&raw)?;
    note("ok");
    let glue_dir = manifest::target_dir(root).join("glue");
    let bindgen_wasm = bindgen_all(root, &raw, &glue_dir, &crate_name)?;
    let optimized = glue_dir.join(format!("{crate_name}_bg.opt.wasm"));
    wasm_opt(root, &bindgen_wasm, &optimized)?;
    step("Checking the optimized module's WebAssembly features");
    wasm_check::check_file(&optimized)?;
    note("ok");
    package::assemble(root, &glue_dir, &optimized)?;
    size::report(root).map(|_| ())
}

/// The release `.wasm` built with only MVP + mutable-globals + sign-ext; returns its path.
fn compile_mvp(root: &Path, crate_name: &str) -> XResult<PathBuf> {
    step(&format!(
        "Compiling the release .wasm for MVP WebAssembly ({NIGHTLY}, -Zbuild-std; ~1.5 min cold)"
    ));
    let target_dir = manifest::target_dir(root).join("mvp");
    compile_mvp_in(root, crate_name, &target_dir, &[])
}

/// The MVP release build of [`compile_mvp`] in `target_dir`, with `crate_args` passed to rustc
/// for the crate alone (the standard library build stays shared); returns the `.wasm` path.
pub fn compile_mvp_in(
    root: &Path,
    crate_name: &str,
    target_dir: &Path,
    crate_args: &[&str],
) -> XResult<PathBuf> {
    cmd::run(
        cmd::cargo(root)
            .env("RUSTFLAGS", MVP_RUSTFLAGS)
            .arg(format!("+{NIGHTLY}"))
            .args([
                "rustc",
                "-Zbuild-std=panic_abort,std",
                "--release",
                "--lib",
                "-p",
            ])
            .arg(crate_name.replace('_', "-"))
            .args(["--target", WASM_TARGET, "--target-dir"])
            .arg(target_dir)
            .arg("--")
            .args(crate_args),
    )?;
    let wasm = target_dir.join(format!("{WASM_TARGET}/release/{crate_name}.wasm"));
    if !wasm.is_file() {
        return Err(fail!(
            "cargo succeeded but {} does not exist",
            wasm.display()
        ));
    }
    Ok(wasm)
}

/// Runs wasm-bindgen for every [`GLUE_TARGETS`] entry and checks the `.wasm` outputs are
/// identical; returns the path of one of them.
fn bindgen_all(root: &Path, raw: &Path, glue_dir: &Path, crate_name: &str) -> XResult<PathBuf> {
    step("Generating JS glue with wasm-bindgen (web, bundler, nodejs, experimental-nodejs-module)");
    let mut first: Option<(PathBuf, Vec<u8>)> = None;
    for (target, dir_name) in GLUE_TARGETS {
        let wasm = bindgen(root, raw, target, &glue_dir.join(dir_name), crate_name)?;
        let bytes =
            fs::read(&wasm).map_err(|e| fail!("wasm-bindgen wrote no {}: {e}", wasm.display()))?;
        match &first {
            None => first = Some((wasm, bytes)),
            Some((first_path, first_bytes)) if *first_bytes != bytes => {
                return Err(fail!(
                    "wasm-bindgen produced different .wasm files for different targets ({} vs {}); \
                     the package ships one module for every entry, so this must not happen",
                    first_path.display(),
                    wasm.display()
                ));
            }
            Some(_) => {}
        }
    }
    note("all four _bg.wasm outputs are byte-identical: shipping one");
    first
        .map(|(path, _)| path)
        .ok_or_else(|| fail!("no wasm-bindgen targets configured"))
}

/// `wasm-bindgen --target <target>` of `raw` into a fresh `out_dir`; returns the `_bg.wasm` path.
pub fn bindgen(
    root: &Path,
    raw: &Path,
    target: &str,
    out_dir: &Path,
    crate_name: &str,
) -> XResult<PathBuf> {
    if out_dir.exists() {
        fs::remove_dir_all(out_dir)?;
    }
    cmd::run(
        cmd::command("wasm-bindgen", root)
            .args([
                "--target",
                target,
                "--out-name",
                crate_name,
                "--no-typescript",
            ])
            .args(["--remove-producers-section", "--out-dir"])
            .arg(out_dir)
            .arg(raw),
    )?;
    Ok(out_dir.join(format!("{crate_name}_bg.wasm")))
}

/// `npx --offline wasm-opt` (npm binaryen) with the MVP feature flags.
pub fn wasm_opt(root: &Path, input: &Path, output: &Path) -> XResult {
    let level = std::env::var("WXCARD_WASM_OPT").unwrap_or_else(|_| WASM_OPT_LEVEL.to_string());
    step(&format!("Optimizing with wasm-opt {level} (npm binaryen)"));
    cmd::run(
        cmd::command("npx", root)
            .args(["--offline", "wasm-opt"])
            .arg(input)
            .arg("-o")
            .arg(output)
            .arg(&level)
            .args(WASM_OPT_FEATURES)
            .args(["--strip-debug", "--strip-producers"]),
    )?;
    let before = fs::metadata(input)?.len();
    let after = fs::metadata(output)?.len();
    note(&format!("{before} → {after} bytes"));
    Ok(())
}
