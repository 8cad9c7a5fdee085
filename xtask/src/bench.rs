//! `cargo xtask bench`: every benchmark of issue "Performance", written to `BENCHMARKS.md`.
//!
//! 1. `build` (so the numbers belong to the current source; `--no-build` reuses `pkg/`).
//! 2. Native criterion benchmarks (`benches/`): medians from `target/criterion/*/new/estimates.json`.
//! 3. Node, one process (`bench/js/throughput.mjs`): the package against the same check in
//!    JavaScript over js-sha1, crypto-js and node:crypto; the list form; `buildCardExt`; and a
//!    CPU profile of the package's `verifyCardExt` split into WebAssembly and JavaScript
//!    (`bench/js/profile.mjs`).
//! 4. Load time: fresh Node processes (`load-node.mjs`) and headless Chromium (`load-browser.mjs`).
//! 5. Sizes of what each environment loads, and what the `.wasm` is made of.
//!
//! Every script prints `key<TAB>value<TAB>unit` lines; a step that fails is recorded as failed in
//! the report rather than stopping the others.

pub mod composition;
mod report;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::cmd::{self, XResult, note, step};
use crate::{build, fail, install, manifest, package};

/// The criterion benchmarks (`benches/*.rs`) and the `group/function` ids they report.
pub const NATIVE: [(&str, &[&str]); 3] = [
    ("sign", &["sign/card_signature", "sign/build_card_ext"]),
    (
        "verify",
        &[
            "verify/verify_card_ext_with_ticket",
            "verify/verify_card_ext_without_ticket",
            "verify/verify_card_list_64_with_ticket",
            "diagnose/diagnose_unsorted",
            "diagnose/diagnose_no_cause",
        ],
    ),
    (
        "card_def",
        &[
            "card_def/validate_card_definition",
            "card_def/validate_card_definition_str",
        ],
    ),
];

/// How many fresh processes / pages the load-time medians are taken over.
const LOAD_RUNS_NODE: &str = "31";
const LOAD_RUNS_BROWSER: &str = "21";

/// One measured number, or why it could not be measured.
#[derive(Debug, Clone)]
pub struct Measure {
    /// The value, or the reason it is missing.
    pub value: Result<f64, String>,
    /// `ns`, `ms`, `B`, …
    pub unit: String,
}

/// Every measured number by key (`native.verify/...`, `node.verify.js-sha1`, `size.raw.<file>`, …).
pub type Results = BTreeMap<String, Measure>;

/// Runs every benchmark and writes `BENCHMARKS.md`.
pub fn run(root: &Path, args: &[String]) -> XResult {
    if !args.iter().any(|a| a == "--no-build") {
        build::run(root)?;
    }
    if !root.join("pkg/dist").is_dir() {
        return Err(fail!(
            "pkg/ is missing; run `cargo xtask build` (or drop --no-build)"
        ));
    }
    let machine = report::Machine::read(root);
    let mut results = Results::new();
    native(root, &mut results)?;
    step("Node.js throughput, one process (bench/js/throughput.mjs)");
    script(root, "throughput.mjs", &[], &mut results);
    step("Where a verifyCardExt call's time goes: a V8 CPU profile (bench/js/profile.mjs)");
    script(root, "profile.mjs", &[], &mut results);
    step("Load time in Node.js: fresh processes (bench/js/load-node.mjs)");
    script(root, "load-node.mjs", &[LOAD_RUNS_NODE], &mut results);
    step("Load time in headless Chromium (bench/js/load-browser.mjs)");
    match install::ensure_chromium(root) {
        Ok(()) => script(root, "load-browser.mjs", &[LOAD_RUNS_BROWSER], &mut results),
        Err(e) => fail_key(&mut results, "load.browser.import", &e.0),
    }
    let files = sizes(root, &mut results)?;
    let glue_wasm = target_dir(root).join(format!("glue/web/{}_bg.wasm", stem(root)?));
    let contents = composition::read(&glue_wasm).unwrap_or_else(|e| {
        note(&format!("no composition: {e}"));
        composition::Composition::default()
    });
    let text = report::render(&machine, &results, &files, &contents);
    std::fs::write(root.join("BENCHMARKS.md"), &text)?;
    step("Wrote BENCHMARKS.md");
    for line in report::target_lines(&results) {
        note(&line);
    }
    Ok(())
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, or `target/` at the root.
fn target_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// The crate name as it appears in file names (`wxcard`).
fn stem(root: &Path) -> XResult<String> {
    Ok(manifest::package(root)?.name.replace('-', "_"))
}

/// `cargo bench` for the criterion benchmarks, then their medians.
fn native(root: &Path, results: &mut Results) -> XResult {
    step("Native benchmarks (criterion, benches/)");
    let mut bench = cmd::cargo(root);
    bench.args(["bench", "-p", "wxcard"]);
    for (name, _) in NATIVE {
        bench.args(["--bench", name]);
    }
    cmd::run(&mut bench)?;
    let criterion = target_dir(root).join("criterion");
    for (_, ids) in NATIVE {
        for id in ids.iter() {
            let file = criterion.join(id).join("new/estimates.json");
            let key = format!("native.{id}");
            match std::fs::read_to_string(&file)
                .ok()
                .and_then(|t| median_ns(&t))
            {
                Some(ns) => put(results, &key, ns, "ns"),
                None => fail_key(results, &key, &format!("no estimate in {}", file.display())),
            }
        }
    }
    Ok(())
}

/// The median point estimate (ns) of a criterion `estimates.json`.
fn median_ns(json: &str) -> Option<f64> {
    let median = &json[json.find("\"median\"")?..];
    let value = &median[median.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = value.find([',', '}'])?;
    value[..end].trim().parse().ok()
}

/// Runs `node bench/js/<name> <args>` and records its `key\tvalue\tunit` lines.
fn script(root: &Path, name: &str, args: &[&str], results: &mut Results) {
    let mut command = cmd::command("node", root);
    command
        .arg(root.join("bench/js").join(name))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    match capture(&mut command) {
        Ok(out) => {
            for line in out.lines() {
                record_line(line, results);
                note(line);
            }
        }
        Err(e) => fail_key(results, &format!("script.{name}"), &e),
    }
}

/// Runs `command`, returning its stdout, or why it failed.
fn capture(command: &mut Command) -> Result<String, String> {
    let line = cmd::describe(command);
    println!("    $ {line}");
    let out = command
        .output()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!("`{line}` failed with {}", out.status))
    }
}

/// Records one `key\tvalue\tunit` line; a non-numeric value is a failure whose reason is the unit.
fn record_line(line: &str, results: &mut Results) {
    let mut parts = line.splitn(3, '\t');
    let (Some(key), Some(value), Some(unit)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    match value.parse::<f64>() {
        Ok(v) => put(results, key, v, unit),
        Err(_) => fail_key(results, key, unit),
    }
}

fn put(results: &mut Results, key: &str, value: f64, unit: &str) {
    results.insert(
        key.to_string(),
        Measure {
            value: Ok(value),
            unit: unit.to_string(),
        },
    );
}

fn fail_key(results: &mut Results, key: &str, why: &str) {
    note(&format!("{key}: not measured: {why}"));
    results.insert(
        key.to_string(),
        Measure {
            value: Err(why.to_string()),
            unit: String::new(),
        },
    );
}

/// Raw, gzip and brotli sizes of every shipped file; returns the file list in report order.
fn sizes(root: &Path, results: &mut Results) -> XResult<Vec<String>> {
    step("Sizes (raw, gzip -9, brotli -q 11)");
    let stem = stem(root)?;
    let files = vec![
        format!("dist/{stem}_bg.wasm"),
        format!("dist/{stem}.js"),
        format!("dist/{stem}.node.mjs"),
        format!("dist/{stem}.node.cjs"),
        "miniprogram_dist/index.js".to_string(),
        format!("miniprogram_dist/{stem}_bg.wasm.br"),
    ];
    let mut script = package::node(root, "sizes.mjs");
    script
        .arg("sizes")
        .current_dir(root.join("pkg"))
        .args(&files);
    let out = cmd::output(&mut script).ok_or_else(|| fail!("could not measure sizes in pkg/"))?;
    for line in out.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [file, raw, gzip, brotli] = cols.as_slice() {
            for (kind, value) in [("raw", raw), ("gzip", gzip), ("brotli", brotli)] {
                if let Ok(v) = value.trim().parse::<f64>() {
                    put(results, &format!("size.{kind}.{file}"), v, "B");
                }
            }
            note(line);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_median_of_criterion_estimates() {
        let json = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.0,"upper_bound":3.0},"point_estimate":2.0,"standard_error":0.1},"median":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.5,"upper_bound":2.5},"point_estimate":812.25,"standard_error":0.2}}"#;
        assert_eq!(median_ns(json), Some(812.25));
        assert_eq!(median_ns("{}"), None);
    }

    #[test]
    fn records_values_and_failures() {
        let mut results = Results::new();
        record_line("node.verify.wxcard\t1234.5\tns", &mut results);
        record_line("load.node.require\tfailed\tTypeError: x", &mut results);
        record_line("garbage", &mut results);
        assert_eq!(results.len(), 2);
        assert_eq!(results["node.verify.wxcard"].value, Ok(1234.5));
        assert_eq!(
            results["load.node.require"].value,
            Err("TypeError: x".to_string())
        );
    }
}
