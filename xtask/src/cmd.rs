//! Running external commands and printing numbered steps.
//!
//! Every command is echoed before it runs, inherits stdout/stderr, and a non-zero exit becomes an
//! [`XError`] naming the command, so the last lines of a failed run say what failed.

use std::ffi::OsStr;
use std::fmt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The xtask's error: a human-readable message printed before exiting with status 1.
#[derive(Debug)]
pub struct XError(pub String);

impl fmt::Display for XError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<std::io::Error> for XError {
    fn from(e: std::io::Error) -> Self {
        XError(format!("I/O error: {e}"))
    }
}

/// Result alias used throughout the xtask.
pub type XResult<T = ()> = Result<T, XError>;

/// Builds an [`XError`] from a format string.
#[macro_export]
macro_rules! fail {
    ($($arg:tt)*) => { $crate::cmd::XError(format!($($arg)*)) };
}

/// Prints a step header (`==> title`) so the log reads as a list of what happened.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// Prints an indented note under the current step.
pub fn note(text: &str) {
    println!("    {text}");
}

/// A `Command` for `program` in `dir` with the environment variables that would leak the
/// MVP build's flags (or an outer cargo's toolchain choice) into other builds removed.
pub fn command(program: impl AsRef<OsStr>, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTUP_TOOLCHAIN",
        "CARGO_BUILD_TARGET",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// `cargo` through the rustup proxy on `PATH` (so `+toolchain` works), cleaned as in [`command`].
pub fn cargo(dir: &Path) -> Command {
    command("cargo", dir)
}

/// Describes `cmd` as a shell-like line for the log and error messages.
pub fn describe(cmd: &Command) -> String {
    let mut line = String::new();
    for (key, value) in cmd.get_envs() {
        if let Some(value) = value {
            line.push_str(&format!(
                "{}={} ",
                key.to_string_lossy(),
                value.to_string_lossy()
            ));
        }
    }
    line.push_str(&cmd.get_program().to_string_lossy());
    for arg in cmd.get_args() {
        let arg = arg.to_string_lossy();
        if arg.contains(' ') {
            line.push_str(&format!(" '{arg}'"));
        } else {
            line.push(' ');
            line.push_str(&arg);
        }
    }
    line
}

/// Runs `cmd` with inherited output, echoing it first; fails if it cannot start or exits non-zero.
pub fn run(cmd: &mut Command) -> XResult {
    let line = describe(cmd);
    println!("    $ {line}");
    let started = Instant::now();
    let status = cmd
        .status()
        .map_err(|e| fail!("could not start `{line}`: {e}"))?;
    if status.success() {
        let secs = started.elapsed().as_secs_f64();
        if secs >= 5.0 {
            note(&format!("({secs:.0} s)"));
        }
        Ok(())
    } else {
        Err(fail!("`{line}` failed with {status}"))
    }
}

/// Runs `cmd` quietly and returns its trimmed stdout, or `None` if it cannot start or fails.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The absolute path of `program` on `PATH`, if any.
pub fn which(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}
