//! Rendering `BENCHMARKS.md` from the measured numbers, and checking them against the targets.

use std::fmt::Write as _;
use std::path::Path;

use super::composition::Composition;
use super::{Measure, NATIVE, Results};
use crate::cmd;

/// What machine and which tools produced the numbers.
#[derive(Debug)]
pub struct Machine {
    cpu: String,
    cores: String,
    load: String,
    versions: Vec<(&'static str, String)>,
    profile: String,
}

impl Machine {
    /// Reads `/proc`, the tool versions and the release profile of `Cargo.toml`.
    pub fn read(root: &Path) -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split(':').nth(1))
            .map_or("unknown".to_string(), |s| s.trim().to_string());
        let cores = std::thread::available_parallelism().map_or("?".to_string(), |n| n.to_string());
        let load = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|l| l.split_whitespace().next().map(str::to_string))
            .unwrap_or_else(|| "?".to_string());
        let version = |program: &str, args: &[&str]| {
            let mut command = cmd::command(program, root);
            command.args(args);
            cmd::output(&mut command)
                .and_then(|out| out.lines().next().map(str::to_string))
                .unwrap_or_else(|| "not found".to_string())
        };
        let versions = vec![
            ("rustc", version("rustc", &["-V"])),
            (
                "rustc (wasm build)",
                version("rustc", &[&format!("+{}", crate::install::NIGHTLY), "-V"]),
            ),
            ("node", version("node", &["--version"])),
            ("wasm-bindgen", version("wasm-bindgen", &["--version"])),
            (
                "wasm-opt",
                version("npx", &["--offline", "wasm-opt", "--version"]),
            ),
            ("chromium", version("/usr/bin/chromium", &["--version"])),
        ];
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap_or_default();
        let profile = manifest
            .split("[profile.release]")
            .nth(1)
            .map(|rest| {
                rest.lines()
                    .map(str::trim)
                    .take_while(|l| !l.starts_with('['))
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        Machine {
            cpu,
            cores,
            load,
            versions,
            profile,
        }
    }
}

fn value(results: &Results, key: &str) -> Option<f64> {
    results
        .get(key)
        .and_then(|m| m.value.as_ref().ok().copied())
}

fn shown(results: &Results, key: &str) -> String {
    match results.get(key) {
        Some(Measure { value: Ok(v), unit }) => format!("{} {unit}", human(*v)),
        Some(Measure {
            value: Err(why), ..
        }) => format!("not measured ({why})"),
        None => "not measured".to_string(),
    }
}

/// `1234 ns`, or `?` when not measured.
fn ns(v: Option<f64>) -> String {
    v.map_or("?".into(), |v| format!("{} ns", human(v)))
}

/// A number with a sensible amount of precision.
fn human(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn per_second(ns: f64) -> String {
    let rate = 1e9 / ns;
    if rate >= 1e6 {
        format!("{:.2} M/s", rate / 1e6)
    } else if rate >= 1e4 {
        format!("{:.0} k/s", rate / 1e3)
    } else {
        format!("{rate:.0}/s")
    }
}

/// One target: what it says, the measured value, whether it holds.
struct Target {
    name: &'static str,
    goal: String,
    shown: String,
    holds: Option<bool>,
}

fn ratio(results: &Results, slow: &str, fast: &str) -> Option<f64> {
    Some(value(results, slow)? / value(results, fast)?)
}

fn targets(results: &Results, wasm_br: Option<f64>, mini_total: Option<f64>) -> Vec<Target> {
    let at_least = |name, goal: f64, measured: Option<f64>| Target {
        name,
        goal: format!("≥ {goal}×"),
        shown: measured.map_or("not measured".into(), |r| format!("{r:.2}×")),
        holds: measured.map(|r| r >= goal),
    };
    let at_most = |name, goal: f64, unit: &str, measured: Option<f64>| Target {
        name,
        goal: format!("≤ {} {unit}", human(goal)),
        shown: measured.map_or("not measured".into(), |v| format!("{} {unit}", human(v))),
        holds: measured.map(|v| v <= goal),
    };
    let native_verify = value(results, "native.verify/verify_card_ext_with_ticket");
    vec![
        at_least(
            "verifyCardExt with ticket vs js-sha1",
            1.5,
            ratio(results, "node.verify.js-sha1", "node.verify.wxcard"),
        ),
        at_least(
            "verifyCardExt with ticket vs crypto-js",
            4.0,
            ratio(results, "node.verify.crypto-js", "node.verify.wxcard"),
        ),
        at_least(
            "verifyCardExt with ticket vs node:crypto",
            1.0,
            ratio(results, "node.verify.node:crypto", "node.verify.wxcard"),
        ),
        at_least(
            "verifyCardList per item vs single calls",
            2.0,
            ratio(
                results,
                "node.verify_single_64.per_item",
                "node.verify_list_64.per_item",
            ),
        ),
        at_most(".wasm, brotli", 32.0 * 1024.0, "B", wasm_br),
        at_most(
            "mini-program loads (index.js + .wasm.br)",
            48.0 * 1024.0,
            "B",
            mini_total,
        ),
        at_most(
            "import + init() in Node",
            5.0,
            "ms",
            value(results, "load.node.import"),
        ),
        Target {
            name: "native verify with ticket, one core",
            goal: "≥ 1,000,000/s".into(),
            shown: native_verify.map_or("not measured".into(), per_second),
            holds: native_verify.map(|ns| ns <= 1000.0),
        },
    ]
}

fn sizes_of(results: &Results, file: &str) -> [Option<f64>; 3] {
    ["raw", "gzip", "brotli"].map(|k| value(results, &format!("size.{k}.{file}")))
}

fn environment_totals(results: &Results, files: &[String]) -> Vec<(String, String, f64)> {
    let get = |i: usize, kind: usize| {
        files
            .get(i)
            .and_then(|f| sizes_of(results, f)[kind])
            .unwrap_or(0.0)
    };
    let name = |i: usize| files.get(i).map_or("?", String::as_str);
    let both = |a: usize, b: usize| format!("`{}` + `{}`", name(a), name(b));
    // Index into `files`: 0 wasm, 1 web js, 2 node mjs, 3 node cjs, 4 mini-program js, 5 wasm.br.
    vec![
        (
            "mini-program (shipped as is)".into(),
            both(4, 5),
            get(4, 0) + get(5, 0),
        ),
        (
            "browser, served with brotli".into(),
            both(1, 0),
            get(1, 2) + get(0, 2),
        ),
        (
            "browser, served with gzip".into(),
            both(1, 0),
            get(1, 1) + get(0, 1),
        ),
        (
            "Node.js (read from disk)".into(),
            both(2, 0),
            get(2, 0) + get(0, 0),
        ),
    ]
}

/// The one-line verdicts printed at the end of `cargo xtask bench`.
pub fn target_lines(results: &Results) -> Vec<String> {
    let (wasm_br, mini) = budget_numbers(results);
    targets(results, wasm_br, mini)
        .into_iter()
        .map(|t| {
            let verdict = match t.holds {
                Some(true) => "met",
                Some(false) => "NOT met",
                None => "not measured",
            };
            format!("{}: {} (target {}): {verdict}", t.name, t.shown, t.goal)
        })
        .collect()
}

fn budget_numbers(results: &Results) -> (Option<f64>, Option<f64>) {
    let wasm_br = results
        .iter()
        .find(|(k, _)| k.starts_with("size.brotli.dist/") && k.ends_with(".wasm"))
        .and_then(|(_, m)| m.value.as_ref().ok().copied());
    let mini = results
        .iter()
        .filter(|(k, _)| k.starts_with("size.raw.miniprogram_dist/"))
        .map(|(_, m)| m.value.as_ref().ok().copied())
        .sum::<Option<f64>>();
    (wasm_br, mini)
}

/// The whole of `BENCHMARKS.md`.
pub fn render(
    machine: &Machine,
    results: &Results,
    files: &[String],
    contents: &Composition,
) -> String {
    let mut md = String::new();
    let (wasm_br, mini) = budget_numbers(results);
    let targets = targets(results, wasm_br, mini);
    let _ = writeln!(
        md,
        "# Benchmarks\n\nEvery number on this page is written by `cargo xtask bench` (see [Rerunning](#rerunning)); \
         edit the code, not this file. Times are medians; Node.js comparisons run in one process with \
         the same inputs, in interleaved rounds.\n"
    );
    let _ = writeln!(md, "## Machine and versions\n");
    let _ = writeln!(md, "| | |\n|---|---|");
    let _ = writeln!(md, "| CPU | {} |", machine.cpu);
    let _ = writeln!(md, "| cores | {} |", machine.cores);
    let _ = writeln!(
        md,
        "| load average when the run started | {} (numbers taken on a busy machine are slower and noisier) |",
        machine.load
    );
    for (tool, v) in &machine.versions {
        let _ = writeln!(md, "| {tool} | {v} |");
    }
    let _ = writeln!(md, "| release profile | `{}` |", machine.profile);
    let _ = writeln!(md, "\n## Targets\n");
    let _ = writeln!(
        md,
        "| target | goal | measured | holds |\n|---|---|---|---|"
    );
    for t in &targets {
        let holds = match t.holds {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "not measured",
        };
        let _ = writeln!(md, "| {} | {} | {} | {holds} |", t.name, t.goal, t.shown);
    }
    let _ = writeln!(md, "\n{}", bounds(results, &targets, contents));
    node_section(&mut md, results);
    native_section(&mut md, results);
    load_section(&mut md, results);
    size_section(&mut md, results, files, contents);
    let _ = writeln!(
        md,
        "## Rerunning\n\n```sh\ncargo xtask bench              # build pkg/, run everything, rewrite BENCHMARKS.md\n\
         cargo xtask bench --no-build   # the same against the pkg/ already built\n\
         cargo bench                    # the native criterion benchmarks alone\n\
         node bench/js/throughput.mjs   # the Node.js comparisons alone (needs pkg/)
node bench/js/profile.mjs      # where a verifyCardExt call's time goes\n```\n\n\
         The inputs are the official example of the JS-SDK documentation (Appendix 4), in \
         `benches/common/mod.rs` and `bench/js/inputs.mjs`. The JavaScript versions are in \
         `bench/js/reference.mjs`: parse the JSON, collect and sort the values, hash, compare."
    );
    md
}

fn node_section(md: &mut String, results: &Results) {
    let _ = writeln!(
        md,
        "## Node.js, one process\n\n`verifyCardExt(cardExt, {{ cardId, apiTicket }})` through the package (every check, a \
         report object back) against the signature check alone written in JavaScript.\n"
    );
    let _ = writeln!(
        md,
        "| | median per call | package is faster by |\n|---|---|---|"
    );
    comparison_rows(md, results, "verify", "verify");
    let _ = writeln!(
        md,
        "| verifyCardList, 64 items, per item | {} | |\n| 64 × verifyCardExt, per item | {} | |",
        shown(results, "node.verify_list_64.per_item"),
        shown(results, "node.verify_single_64.per_item")
    );
    comparison_rows(md, results, "build", "buildCardExt");
    for (label, key) in [
        (
            "the cheapest call through the package (`compareVersion`)",
            "node.call.compareVersion",
        ),
        (
            "the options bag through the strict `toJson` alone",
            "node.call.toJson_options",
        ),
    ] {
        if results.contains_key(key) {
            let _ = writeln!(md, "| {label} | {} | |", shown(results, key));
        }
    }
    let pct = |part: &str| value(results, &format!("profile.verify.{part}"));
    if let (Some(wasm), Some(js), Some(gc), Some(other)) =
        (pct("wasm"), pct("package_js"), pct("gc"), pct("other"))
    {
        let _ = writeln!(
            md,
            "\nA V8 CPU profile of `verifyCardExt` through the package (`bench/js/profile.mjs`): \
             {wasm:.0} % of the time in WebAssembly, {js:.0} % in the package's JavaScript and the \
             built-ins it calls, {gc:.0} % in garbage collection, {other:.0} % elsewhere."
        );
    }
    let _ = writeln!(md);
}

/// The rows comparing `node.<kind>.*` through the package with the same work in JavaScript
/// over each reference hash: median per call, and how many times faster the package is.
fn comparison_rows(md: &mut String, results: &Results, kind: &str, title: &str) {
    let base = value(results, &format!("node.{kind}.wxcard"));
    for name in ["wxcard", "js-sha1", "crypto-js", "node:crypto"] {
        let key = format!("node.{kind}.{name}");
        let speedup = match (value(results, &key), base) {
            (Some(v), Some(b)) if name != "wxcard" => format!("{:.2}×", v / b),
            _ => String::new(),
        };
        let label = if name == "wxcard" {
            "wxcard (package)".to_string()
        } else {
            format!("JavaScript + {name}")
        };
        let _ = writeln!(
            md,
            "| {title}: {label} | {} | {speedup} |",
            shown(results, &key)
        );
    }
}

fn native_section(md: &mut String, results: &Results) {
    let _ = writeln!(
        md,
        "## Native Rust (criterion, one core)\n\n| benchmark | median | rate |\n|---|---|---|"
    );
    for (_, ids) in NATIVE {
        for id in ids.iter() {
            let key = format!("native.{id}");
            let rate = value(results, &key).map_or(String::new(), |ns| {
                if id.contains("list_64") {
                    format!("{} items", per_second(ns / 64.0))
                } else {
                    per_second(ns)
                }
            });
            let _ = writeln!(md, "| `{id}` | {} | {rate} |", shown(results, &key));
        }
    }
    let _ = writeln!(md);
}

fn load_section(md: &mut String, results: &Results) {
    let _ = writeln!(
        md,
        "## Load time: import + `init()` to the first result\n\nEach run in a fresh Node.js process \
         (median of {}) or a fresh Chromium page with nothing cached (median of {}). Wall-clock time is \
         what a user waits; the CPU time of the process (all its threads) is less disturbed by other \
         programs on the machine.\n\n| | wall-clock | CPU time |\n|---|---|---|",
        super::LOAD_RUNS_NODE,
        super::LOAD_RUNS_BROWSER
    );
    for (label, key) in [
        (
            "Node.js, `import` (dist/wxcard.node.mjs)",
            "load.node.import",
        ),
        (
            "Node.js, `require` (dist/wxcard.node.cjs)",
            "load.node.require",
        ),
        (
            "Node.js, compiling the .wasm alone (`new WebAssembly.Module`)",
            "load.node.compile",
        ),
        (
            "Node.js, importing an empty module (the loader's own cost)",
            "load.node.baseline",
        ),
        (
            "Node.js, importing `node:crypto` alone (the Node entry's random source)",
            "load.node.node_crypto",
        ),
        (
            "headless Chromium, `import` + `await init()` (dist/wxcard.js)",
            "load.browser.import",
        ),
    ] {
        if results.contains_key(key) {
            let cpu = format!("{key}.cpu");
            let cpu = if results.contains_key(&cpu) {
                shown(results, &cpu)
            } else {
                String::new()
            };
            let _ = writeln!(md, "| {label} | {} | {cpu} |", shown(results, key));
        }
    }
    let _ = writeln!(md);
}

fn size_section(md: &mut String, results: &Results, files: &[String], contents: &Composition) {
    let _ = writeln!(
        md,
        "## Size (bytes)\n\n| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|"
    );
    for file in files {
        let [raw, gz, br] =
            sizes_of(results, file).map(|v| v.map_or("?".into(), |v| format!("{v:.0}")));
        let _ = writeln!(md, "| `pkg/{file}` | {raw} | {gz} | {br} |");
    }
    let _ = writeln!(
        md,
        "\n| environment | what it loads | bytes |\n|---|---|---:|"
    );
    for (env, what, bytes) in environment_totals(results, files) {
        let _ = writeln!(md, "| {env} | {what} | {bytes:.0} |");
    }
    if !contents.owners.is_empty() {
        let _ = writeln!(
            md,
            "\n### What the .wasm is made of\n\nFunction body bytes by owner, from the name section of \
             wasm-bindgen's output before `wasm-opt` ({} bytes of code, {} bytes of data).\n\n\
             | owner | code bytes | functions |\n|---|---:|---:|",
            contents.code, contents.data
        );
        for (owner, bytes, count) in contents.owners.iter().take(24) {
            let _ = writeln!(md, "| `{owner}` | {bytes} | {count} |");
        }
        let rest: u64 = contents.owners.iter().skip(24).map(|o| o.1).sum();
        if rest > 0 {
            let _ = writeln!(md, "| everything else | {rest} | |");
        }
    }
    let _ = writeln!(md);
}

/// What bounds the targets that do not hold, from the numbers themselves.
fn bounds(results: &Results, targets: &[Target], contents: &Composition) -> String {
    let mut out = String::new();
    let missed: Vec<&Target> = targets.iter().filter(|t| t.holds == Some(false)).collect();
    if missed.is_empty() {
        return "Every measured target holds.\n".to_string();
    }
    let _ = writeln!(out, "What bounds the targets that do not hold:\n");
    let native_with = value(results, "native.verify/verify_card_ext_with_ticket");
    let wasm_verify = value(results, "node.verify.wxcard");
    let cheapest = value(results, "node.call.compareVersion");
    let (mut verify_explained, mut size_explained) = (false, false);
    for t in missed {
        let why = if t.name.starts_with("verifyCardExt") {
            if verify_explained {
                continue;
            }
            verify_explained = true;
            let share = |part: &str| {
                Some(wasm_verify? * value(results, &format!("profile.verify.{part}"))? / 100.0)
            };
            format!(
                "- **verifyCardExt against the JavaScript versions**: the package runs the whole \
                 verification (the options bag through the strict `toJson`, every client-side rule, \
                 the report as a JS object); the JavaScript versions only parse, sort and hash, in {} \
                 (js-sha1) and {} (node:crypto). A CPU profile of the package's {} per call puts {} \
                 in WebAssembly (reading the options JSON, the verification, which natively takes {} \
                 with the options already read, and writing the report as JSON), {} in the package's \
                 JavaScript and the built-ins it calls (the strict `toJson` of the options alone \
                 takes {}; the wasm-bindgen glue copies both strings into the module and decodes \
                 and parses the report coming out; the cheapest call through the package, \
                 `compareVersion`, takes {}) and {} in garbage collection. The JavaScript side of \
                 the package alone costs {} the whole JavaScript check.",
                ns(value(results, "node.verify.js-sha1")),
                ns(value(results, "node.verify.node:crypto")),
                ns(wasm_verify),
                ns(share("wasm")),
                ns(native_with),
                ns(share("package_js")),
                ns(value(results, "node.call.toJson_options")),
                ns(cheapest),
                ns(share("gc")),
                match (
                    share("package_js"),
                    value(results, "node.verify.node:crypto")
                ) {
                    (Some(js), Some(reference)) if js > reference * 1.1 => "more than",
                    (Some(js), Some(reference)) if js < reference * 0.9 => "less than",
                    (Some(_), Some(_)) => "about as much as",
                    _ => "(not measured) against",
                },
            )
        } else if t.name.starts_with("verifyCardList") {
            let list = value(results, "node.verify_list_64.per_item");
            let single = value(results, "node.verify_single_64.per_item");
            format!(
                "- **verifyCardList per item**: an item of the list costs {}, a single call {}; the \
                 list saves the per-call part ({} per item: reading the options bag, the crossing \
                 into the module, building the report), while the verification of each item (mostly \
                 its SHA-1 in WebAssembly) stays. 2× needs the verification of one item to cost no \
                 more than that per-call part.",
                ns(list),
                ns(single),
                ns(match (single, list) {
                    (Some(s), Some(l)) => Some(s - l),
                    _ => None,
                }),
            )
        } else if t.name.starts_with(".wasm") || t.name.starts_with("mini-program") {
            if size_explained {
                continue;
            }
            size_explained = true;
            let top: Vec<String> = contents
                .owners
                .iter()
                .take(6)
                .map(|(o, b, _)| format!("`{o}` {:.1} KB", *b as f64 / 1024.0))
                .collect();
            format!(
                "- **.wasm and mini-program size**: the one module carries every export (signing, building, verifying, diagnosing, \
                 card definitions, environment detection, web-view routing); its code is {:.0} KB before \
                 `wasm-opt`, spread over many owners (largest: {}), plus {:.0} KB of data (messages). \
                 Everything off the hot paths is already optimised for size function by function; \
                 what is left at full speed (SHA-1 and the verification fast path) measured 0.7–0.8 KB \
                 smaller at size settings but took `verifyCardExt` below 1.5× js-sha1 (see \
                 `xtask/src/build.rs`). \
                 `cargo xtask size --groups` measures what each optional group of exports adds after \
                 brotli and what the exports outside them cost alone (the README's size section has \
                 the table): those alone take most of the 40 KiB requirement.",
                contents.code as f64 / 1024.0,
                top.join(", "),
                contents.data as f64 / 1024.0
            )
        } else if t.name.starts_with("import") {
            format!(
                "- **import + init() in Node**: the Node entry reads, compiles and instantiates the \
                 module synchronously when it is imported (`node:crypto` waits for the first nonce); \
                 compiling alone takes {} ({} CPU) and importing an empty module already {}. What \
                 is left grows with the module and the bundle: a smaller `.wasm` compiles and \
                 instantiates faster.",
                shown(results, "load.node.compile"),
                shown(results, "load.node.compile.cpu"),
                shown(results, "load.node.baseline")
            )
        } else {
            format!(
                "- **{}**: {} per verification natively, of which the signature alone (sort, \
                 concatenate, SHA-1) takes {}; the rest is reading the cardExt and its checks.",
                t.name,
                native_with.map_or("?".into(), |v| format!("{} ns", human(v))),
                shown(results, "native.sign/card_signature")
            )
        };
        let _ = writeln!(out, "{why}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(v: f64, unit: &str) -> Measure {
        Measure {
            value: Ok(v),
            unit: unit.into(),
        }
    }

    #[test]
    fn comparison_rows_name_the_work_and_divide_by_the_package() {
        let mut r = Results::new();
        r.insert("node.build.wxcard".into(), ok(1000.0, "ns"));
        r.insert("node.build.crypto-js".into(), ok(3000.0, "ns"));
        let mut md = String::new();
        comparison_rows(&mut md, &r, "build", "buildCardExt");
        let rows: Vec<&str> = md.lines().collect();
        assert_eq!(rows.len(), 4);
        assert!(
            rows[0].starts_with("| buildCardExt: wxcard (package) |") && rows[0].ends_with("|  |")
        );
        assert!(
            rows[2].starts_with("| buildCardExt: JavaScript + crypto-js |")
                && rows[2].ends_with("| 3.00× |")
        );
        assert!(rows[3].contains("not measured"), "{}", rows[3]);
    }

    #[test]
    fn targets_compare_the_right_way_round() {
        let mut r = Results::new();
        r.insert("node.verify.wxcard".into(), ok(1000.0, "ns"));
        r.insert("node.verify.js-sha1".into(), ok(2000.0, "ns"));
        r.insert("size.brotli.dist/x_bg.wasm".into(), ok(40000.0, "B"));
        let lines = target_lines(&r);
        assert!(
            lines[0].contains("2.00×") && lines[0].ends_with(": met"),
            "{}",
            lines[0]
        );
        assert!(lines[4].ends_with("NOT met"), "{}", lines[4]);
        assert!(lines[6].ends_with("not measured"), "{}", lines[6]);
    }

    #[test]
    fn the_page_shows_failures_and_every_environment() {
        let machine = Machine {
            cpu: "cpu".into(),
            cores: "2".into(),
            load: "0.5".into(),
            versions: vec![("node", "v20".into())],
            profile: "opt-level = 3".into(),
        };
        let mut r = Results::new();
        r.insert(
            "load.node.require".into(),
            Measure {
                value: Err("TypeError: no glue".into()),
                unit: String::new(),
            },
        );
        let files: Vec<String> = [
            "dist/x_bg.wasm",
            "dist/x.js",
            "dist/x.node.mjs",
            "dist/x.node.cjs",
            "miniprogram_dist/index.js",
            "miniprogram_dist/x_bg.wasm.br",
        ]
        .map(String::from)
        .to_vec();
        for (i, file) in files.iter().enumerate() {
            for (kind, v) in [
                ("raw", 1_000_000.0),
                ("gzip", 100_000.0),
                ("brotli", 40_000.0),
            ] {
                r.insert(format!("size.{kind}.{file}"), ok(v * (i + 1) as f64, "B"));
            }
        }
        let page = render(&machine, &r, &files, &Composition::default());
        assert!(page.contains("not measured (TypeError: no glue)"), "{page}");
        // mini-program: index.js raw (5 MB) + .wasm.br raw (6 MB)
        assert!(
            page.contains(
                "| `miniprogram_dist/index.js` + `miniprogram_dist/x_bg.wasm.br` | 11000000 |"
            ),
            "{page}"
        );
        // browser with brotli: wxcard.js (80 KB) + .wasm (40 KB)
        assert!(
            page.contains("| `dist/x.js` + `dist/x_bg.wasm` | 120000 |"),
            "{page}"
        );
        assert_eq!(
            page.matches("| **no** |").count(),
            2,
            "both size targets fail: {page}"
        );
    }

    #[test]
    fn mini_program_total_adds_both_files() {
        let mut r = Results::new();
        r.insert("size.raw.miniprogram_dist/index.js".into(), ok(100.0, "B"));
        r.insert(
            "size.raw.miniprogram_dist/x_bg.wasm.br".into(),
            ok(50.0, "B"),
        );
        assert_eq!(budget_numbers(&r).1, Some(150.0));
    }
}
