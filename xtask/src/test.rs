//! `cargo xtask test`: every tier, cheapest first, stopping at the first failure; the size
//! budget comes last so that a size regression never hides a functional failure.
//!
//! Tiers whose test files do not exist report "no tests yet" instead of passing silently.
//! The type tests (`tsc` over `tests/types/`) run inside the JS tier (`tests/js/types.test.mjs`).
//! JS tiers get `WXCARD_PKG` (absolute `pkg/`), `WXCARD_ROOT`, `WXCARD_XTASK` (this binary, so a
//! test can start `WXCARD_XTASK serve` with `PORT`) and `CHROMIUM` in their environment.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cmd::{self, XResult, note};
use crate::install::{self, WASM_TARGET};
use crate::{boundary, build, fail, size, wasm_check};

/// What a tier did.
enum Outcome {
    /// It ran and passed.
    Passed,
    /// It had nothing to run; the reason is printed in the summary.
    Skipped(String),
}

/// Runs the tiers in order and prints a one-line summary at the end.
///
/// `args` may be `--from N` to start at tier N (after fixing a failure); earlier tiers are then
/// listed as not run and the summary does not claim a full pass.
pub fn run(root: &Path, args: &[String]) -> XResult {
    let started = Instant::now();
    let from = match args {
        [] => 1,
        [flag, n] if flag == "--from" => n
            .parse::<usize>()
            .map_err(|_| fail!("--from needs a tier number, got {n:?}"))?,
        _ => return Err(fail!("usage: cargo xtask test [--from N]")),
    };
    let mut runner = Runner {
        done: Vec::new(),
        from,
    };
    install::ensure_build_tools(root)?;
    let wasm_tests = files_matching(&root.join("tests"), "wasm_", ".rs");
    let js_tests = files_matching(&root.join("tests/js"), "", ".test.mjs");
    let browser_tests = files_matching(&root.join("tests/browser"), "", ".test.mjs");

    runner.tier("rustfmt --check", || {
        cmd::run(cmd::cargo(root).args(["fmt", "--all", "--check"])).map(|()| Outcome::Passed)
    })?;
    runner.tier("boundary: wasm-bindgen names only under src/wasm/", || {
        boundary::check(root).map(|()| Outcome::Passed)
    })?;
    runner.tier("clippy -D warnings (host, all targets)", || {
        cmd::run(cmd::cargo(root).args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
        .map(|()| Outcome::Passed)
    })?;
    runner.tier(
        "clippy -D warnings (wasm32: library and wasm test suites)",
        || {
            let mut clippy = cmd::cargo(root);
            clippy.args(["clippy", "-p", "wxcard", "--target", WASM_TARGET, "--lib"]);
            for test in &wasm_tests {
                clippy.args(["--test", &stem(test)]);
            }
            cmd::run(clippy.args(["--", "-D", "warnings"])).map(|()| Outcome::Passed)
        },
    )?;
    runner.tier("native tests (cargo test --workspace)", || {
        cmd::run(cmd::cargo(root).args(["test", "--workspace"])).map(|()| Outcome::Passed)
    })?;
    runner.tier("rustdoc -D warnings", || {
        cmd::run(cmd::cargo(root).env("RUSTDOCFLAGS", "-D warnings").args([
            "doc",
            "--no-deps",
            "--workspace",
        ]))
        .map(|()| Outcome::Passed)
    })?;
    runner.tier("core builds for wasm32 (stable)", || {
        cmd::run(cmd::cargo(root).args(["build", "-p", "wxcard", "--lib", "--target", WASM_TARGET]))
            .map(|()| Outcome::Passed)
    })?;
    runner.tier("build pkg/ (MVP wasm, glue, wasm-opt, bundles)", || {
        build::make(root).map(|()| Outcome::Passed)
    })?;
    runner.tier("shipped .wasm: WebAssembly feature check", || {
        wasm_check::check_file(&root.join("pkg/dist/wxcard_bg.wasm"))?;
        note("features: MVP + mutable-globals + sign-ext only");
        Ok(Outcome::Passed)
    })?;
    let needs_browser =
        !browser_tests.is_empty() || wasm_tests.iter().any(|t| stem(t).contains("browser"));
    if needs_browser {
        install::ensure_chromium(root)?;
    }
    runner.tier("wasm-bindgen-test (Node and headless Chromium)", || {
        if wasm_tests.is_empty() {
            return Ok(Outcome::Skipped("no tests/wasm_*.rs yet".into()));
        }
        let mut test = cmd::cargo(root);
        test.args(["test", "-p", "wxcard", "--target", WASM_TARGET]);
        for file in &wasm_tests {
            test.args(["--test", &stem(file)]);
        }
        if let Some(driver) = cmd::which("chromedriver") {
            test.env("CHROMEDRIVER", driver);
        }
        // The runner's default of 20 s for a headless run is tight on a busy 2-core CI machine.
        if std::env::var_os("WASM_BINDGEN_TEST_TIMEOUT").is_none() {
            test.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
        }
        cmd::run(&mut test).map(|()| Outcome::Passed)
    })?;
    runner.tier("JS tests against pkg/ (node --test tests/js)", || {
        node_tests(root, &js_tests, "tests/js", 2)
    })?;
    runner.tier(
        "browser tests (node --test tests/browser, headless Chromium)",
        || node_tests(root, &browser_tests, "tests/browser", 1),
    )?;
    // NOTE: last, so a size regression never hides a functional failure behind it.
    runner.tier("size budget (brotli .wasm)", || {
        size::check_budget(&size::report(root)?).map(|()| Outcome::Passed)
    })?;
    runner.summary(started);
    Ok(())
}

/// `node --test` over `files` with the package/tool locations in the environment.
///
/// `concurrency` is how many test files run at once: 2 for the Node tier (measured on 2 cores:
/// 119 s → 62 s), 1 for the browser tier, whose Chromium instances and timeouts want a quiet CPU.
fn node_tests(root: &Path, files: &[PathBuf], dir: &str, concurrency: u8) -> XResult<Outcome> {
    if files.is_empty() {
        return Ok(Outcome::Skipped(format!("no {dir}/*.test.mjs yet")));
    }
    let mut node = cmd::command("node", root);
    node.args(["--test", "--test-reporter=spec"])
        .arg(format!("--test-concurrency={concurrency}"))
        .args(files)
        .env("WXCARD_PKG", root.join("pkg"))
        .env("WXCARD_ROOT", root);
    if let Some(exe) = xtask_binary() {
        node.env("WXCARD_XTASK", exe);
    }
    if let Some(chromium) = cmd::which("chromium") {
        node.env("CHROMIUM", chromium);
    }
    cmd::run(&mut node).map(|()| Outcome::Passed)
}

/// The skip reason of tiers before `--from`.
const NOT_RUN: &str = "not run: --from";

/// This binary's path, for tests that start `serve`.
///
/// NOTE: if `cargo build` replaced the binary while the tests run, Linux reports the old inode as
/// `<path> (deleted)`; the rebuilt binary at `<path>` serves just as well.
fn xtask_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let text = exe.to_string_lossy();
    Some(
        text.strip_suffix(" (deleted)")
            .map_or_else(|| exe.clone(), PathBuf::from),
    )
}

/// Records tiers as they run.
struct Runner {
    /// `(title, skipped reason, seconds)` of every finished tier.
    done: Vec<(String, Option<String>, f64)>,
    /// The first tier to run (`--from`); earlier ones are not run.
    from: usize,
}

impl Runner {
    /// Runs one tier, printing its header; an error aborts the whole run with the tier named.
    fn tier(&mut self, title: &str, body: impl FnOnce() -> XResult<Outcome>) -> XResult {
        let number = self.done.len() + 1;
        cmd::step(&format!("[tier {number}] {title}"));
        if number < self.from {
            note("not run (--from)");
            self.done
                .push((title.to_string(), Some(NOT_RUN.to_string()), 0.0));
            return Ok(());
        }
        let started = Instant::now();
        let outcome = body().map_err(|e| {
            println!("\nFAILED: tier {number} ({title})");
            fail!("tier {number} ({title}) failed:\n{e}")
        })?;
        let secs = started.elapsed().as_secs_f64();
        let skipped = match outcome {
            Outcome::Passed => {
                note(&format!("passed ({secs:.1} s)"));
                None
            }
            Outcome::Skipped(why) => {
                note(&format!("skipped: {why}"));
                Some(why)
            }
        };
        self.done.push((title.to_string(), skipped, secs));
        Ok(())
    }

    /// Prints per-tier times and the final summary line.
    fn summary(&self, started: Instant) {
        println!("\n==> Summary");
        for (title, skipped, secs) in &self.done {
            match skipped {
                None => println!("    passed  {secs:>6.1} s  {title}"),
                Some(why) => println!("    skipped {secs:>6.1} s  {title} ({why})"),
            }
        }
        let not_run = self
            .done
            .iter()
            .filter(|(_, s, _)| s.as_deref() == Some(NOT_RUN))
            .count();
        let skipped = self.done.iter().filter(|(_, s, _)| s.is_some()).count() - not_run;
        let passed = self.done.len() - skipped - not_run;
        let total = started.elapsed().as_secs();
        let time = format!("{}m{:02}s", total / 60, total % 60);
        if not_run > 0 {
            println!(
                "xtask test: PARTIAL, {passed} tiers passed, {skipped} skipped, {not_run} not run (--from), in {time}"
            );
        } else {
            println!(
                "xtask test: OK, {passed} tiers passed, {skipped} skipped (no tests yet), in {time}"
            );
        }
    }
}

/// Files directly in `dir` whose names start with `prefix` and end with `suffix`, sorted.
fn files_matching(dir: &Path, prefix: &str, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.is_file()
                        && p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// A file's name without its extension (the cargo test target name for `tests/*.rs`).
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
