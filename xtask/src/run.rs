//! `cargo xtask run PIPELINE [sen run options]`: build `sen` and run `sen run`.
//!
//! `cargo xtask` is an alias for `cargo run -p xtask`, and `cargo run` keeps the caller's
//! working directory, so this process starts where the user typed the command. `sen` is
//! run the same way (`cargo run` again, from this same directory, with the workspace named
//! by its manifest path): relative paths in the arguments resolve against the caller's
//! directory, exactly as if `sen` had been typed there. `--release` builds optimised.

use std::process::Command;

use crate::{cargo, workspace_root};

pub fn run(args: &[String]) -> Result<(), String> {
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return Ok(());
    }
    let (release, sen_args): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.as_str() == "--release");
    let mut cmd = Command::new(cargo());
    cmd.arg("run")
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .args(["--package", "sen-cli", "--bin", "sen"]);
    if !release.is_empty() {
        cmd.arg("--release");
    }
    cmd.arg("--").arg("run").args(sen_args);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    // `sen`'s exit code is the task's (1 = some documents failed, 2 = invalid pipeline, …).
    std::process::exit(status.code().unwrap_or(1));
}

const USAGE: &str =
    "usage: cargo xtask run [--release] PIPELINE [--input PATH|-] [--output DIR] [--threads N]

Builds the `sen` binary (debug unless --release) and runs `sen run` with these arguments,
from the directory you are in.

example: cargo xtask run pipelines/summits.yaml";
