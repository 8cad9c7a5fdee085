//! Build, test and demo orchestration for wxcard: `cargo xtask <build|test|demo>`.

fn main() {
    eprintln!("usage: cargo xtask <build|test|demo>");
    std::process::exit(2);
}
