//! Build, test and demo orchestration for wxcard: `cargo xtask <command>`.
//!
//! | command | what it does |
//! |---------|--------------|
//! | `build` | installs missing tools, builds the MVP-only `.wasm`, the JS glue and `pkg/`, prints sizes |
//! | `test`  | every test tier (fmt, clippy, native, docs, pkg, wasm-bindgen-test, JS, browser) |
//! | `demo`  | `build`, then serves `www-demo/` and `pkg/` on `127.0.0.1:$PORT` (default 8080) |
//! | `serve` | serves without building (used by the browser tests) |
//! | `size`  | prints the size report of an existing `pkg/` and checks the budget (`--breakdown`: by crate/module/function; `--groups`: what each optional group of exports costs) |
//! | `bench` | every benchmark (native, Node.js, load time, size); writes `BENCHMARKS.md` |
//! | `fuzz`  | runs the cargo-fuzz targets for a bounded time (not part of `test`) |
//!
//! Every tool is installed on first use (the wasm target, the pinned nightly with rust-src,
//! wasm-bindgen-cli at the locked version, npm dev dependencies, Chromium for browser tiers).

mod bench;
mod boundary;
mod breakdown;
mod build;
mod cmd;
mod fuzz;
mod groups;
mod install;
mod manifest;
mod package;
mod serve;
mod size;
mod test;
mod wasm_check;

use std::process::ExitCode;

use cmd::XResult;

/// Usage text printed for `help` and unknown commands.
const USAGE: &str = "usage: cargo xtask <command>

commands:
  build   install missing tools, build pkg/ (the npm package) and print its size report
  test    run every test tier (installs what is missing; the first run takes several minutes);
          --from N starts at tier N
  demo    build pkg/, then serve the demo at http://127.0.0.1:$PORT/ (PORT defaults to 8080)
  serve   serve www-demo/ and pkg/ without building
  bench   build pkg/, run every benchmark, write BENCHMARKS.md (--no-build: use the built pkg/)
  size    print the size report of the built pkg/ and check the size budget;
          --breakdown: code bytes per crate, module and function;
          --groups: brotli bytes each optional group of exports adds (rebuilds; ~10 min)
  fuzz    run the fuzz targets: cargo xtask fuzz [--seconds N] [TARGET...]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = manifest::root();
    let result: XResult = match args.first().map(String::as_str) {
        Some("build") => build::run(&root),
        Some("test") => test::run(&root, args.get(1..).unwrap_or_default()),
        Some("demo") => build::run(&root).and_then(|()| serve::run(&root)),
        Some("serve") => serve::run(&root),
        Some("size") if args.get(1).is_some_and(|a| a == "--breakdown") => breakdown::run(&root),
        Some("size") if args.get(1).is_some_and(|a| a == "--groups") => groups::run(&root),
        Some("size") => size::report(&root).and_then(|report| size::check_budget(&report)),
        Some("fuzz") => fuzz::run(&root, args.get(1..).unwrap_or_default()).map_err(cmd::XError),
        Some("bench") => bench::run(&root, args.get(1..).unwrap_or_default()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}
