//! `cargo xtask fuzz [--seconds N] [TARGET...]`: run every cargo-fuzz target
//! (or the named ones) for a bounded time each.
//!
//! Installs what it needs when missing (the pinned nightly toolchain and
//! `cargo-fuzz`), builds the targets once with debug assertions (so integer
//! overflow is a crash too), then runs each from the committed seeds in
//! `fuzz/seeds/<target>/` plus a scratch corpus in `target/fuzz-corpus/<target>/`.
//! A crash leaves its input in `fuzz/artifacts/<target>/`; copy it to
//! `fuzz/regressions/<target>/` and `tests/fuzz_regressions.rs` replays it.
//! Not part of `cargo xtask test`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The nightly toolchain cargo-fuzz builds with (sanitizers need nightly).
pub const NIGHTLY: &str = "nightly-2026-05-19";

/// Seconds per target when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 30;

/// Runs `cargo xtask fuzz` with the arguments after `fuzz`.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let (seconds, wanted) = parse_args(args)?;
    ensure_nightly()?;
    ensure_cargo_fuzz()?;
    let fuzz_dir = root.join("fuzz");
    let all = targets(&fuzz_dir)?;
    let chosen: Vec<String> = if wanted.is_empty() {
        all
    } else {
        for name in &wanted {
            if !all.contains(name) {
                return Err(format!(
                    "unknown fuzz target {name}; the targets are: {}",
                    all.join(", ")
                ));
            }
        }
        wanted
    };
    run_cmd(
        cargo_fuzz(root)
            .args(["build", "--debug-assertions", "--fuzz-dir"])
            .arg(&fuzz_dir),
    )?;
    let mut failed = Vec::new();
    for target in &chosen {
        eprintln!("fuzz: {target} for {seconds} s");
        let corpus = root.join("target").join("fuzz-corpus").join(target);
        let seeds = fuzz_dir.join("seeds").join(target);
        fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        let mut cmd = cargo_fuzz(root);
        cmd.args(["run", "--debug-assertions", "--fuzz-dir"])
            .arg(&fuzz_dir)
            .arg(target)
            .arg(&corpus);
        if seeds.is_dir() {
            cmd.arg(&seeds);
        }
        cmd.arg("--").args([
            format!("-max_total_time={seconds}"),
            // A single input taking this long is a hang, which is a bug here.
            "-timeout=10".to_owned(),
            "-rss_limit_mb=2048".to_owned(),
            "-max_len=16384".to_owned(),
            "-print_final_stats=1".to_owned(),
        ]);
        if run_cmd(&mut cmd).is_err() {
            failed.push(target.clone());
        }
    }
    if failed.is_empty() {
        eprintln!(
            "fuzz: {} targets ran {seconds} s each with no crash",
            chosen.len()
        );
        Ok(())
    } else {
        Err(format!(
            "fuzz: crashes in {}; inputs are in fuzz/artifacts/<target>/ (copy each to fuzz/regressions/<target>/ and fix)",
            failed.join(", ")
        ))
    }
}

/// `--seconds N` (or `--seconds=N`) and target names.
fn parse_args(args: &[String]) -> Result<(u64, Vec<String>), String> {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = if arg == "--seconds" {
            Some(iter.next().ok_or("--seconds needs a number")?.as_str())
        } else {
            arg.strip_prefix("--seconds=")
        };
        match value {
            Some(v) => {
                seconds =
                    v.parse().ok().filter(|&s| s > 0).ok_or_else(|| {
                        format!("--seconds: expected a positive integer, got {v:?}")
                    })?;
            }
            None if arg.starts_with('-') => {
                return Err(format!(
                    "unknown option {arg}; usage: cargo xtask fuzz [--seconds N] [TARGET...]"
                ));
            }
            None => targets.push(arg.clone()),
        }
    }
    Ok((seconds, targets))
}

/// The fuzz targets: one `fuzz/fuzz_targets/<name>.rs` each.
fn targets(fuzz_dir: &Path) -> Result<Vec<String>, String> {
    let dir = fuzz_dir.join("fuzz_targets");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| {
            let path: PathBuf = entry.ok()?.path();
            if path.extension()? == "rs" {
                Some(path.file_stem()?.to_str()?.to_owned())
            } else {
                None
            }
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no fuzz targets in {}", dir.display()));
    }
    Ok(names)
}

fn cargo_fuzz(root: &Path) -> Command {
    let mut cmd = Command::new("cargo");
    cmd.arg(format!("+{NIGHTLY}")).arg("fuzz").current_dir(root);
    // NOTE: the fuzz crate is its own workspace with its own target dir; a
    // CARGO_TARGET_DIR set for the main build would mix sanitizer builds into it.
    cmd.env_remove("CARGO_TARGET_DIR");
    cmd
}

fn ensure_nightly() -> Result<(), String> {
    let ok = Command::new("rustc")
        .arg(format!("+{NIGHTLY}"))
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Ok(());
    }
    eprintln!("fuzz: installing the {NIGHTLY} toolchain");
    run_cmd(Command::new("rustup").args(["toolchain", "install", NIGHTLY, "--profile", "minimal"]))
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let ok = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Ok(());
    }
    eprintln!("fuzz: installing cargo-fuzz");
    run_cmd(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))
}

fn run_cmd(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_seconds_and_targets() {
        assert_eq!(parse_args(&[]), Ok((DEFAULT_SECONDS, vec![])));
        assert_eq!(
            parse_args(&strings(&["--seconds", "5", "card_ext"])),
            Ok((5, strings(&["card_ext"])))
        );
        assert_eq!(parse_args(&strings(&["--seconds=7"])), Ok((7, vec![])));
        assert!(parse_args(&strings(&["--seconds", "0"])).is_err());
        assert!(parse_args(&strings(&["--seconds"])).is_err());
        assert!(parse_args(&strings(&["--jobs", "2"])).is_err());
    }
}
