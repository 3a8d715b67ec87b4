//! `cargo xtask test [cargo test args]`: the whole test suite, exactly as CI runs it.
//!
//! `CI=true` makes insta fail on a missing or changed snapshot instead of writing it
//! (review with `cargo insta review`, or `INSTA_UPDATE=always cargo test --workspace`
//! then `git diff snapshots/`). Debug builds only: dependencies are optimised in the dev
//! profile (root Cargo.toml), so the suite runs fast without a release build.

use std::process::Command;

use crate::{cargo, workspace_root};

pub fn run(args: &[String]) -> Result<(), String> {
    let status = Command::new(cargo())
        .arg("test")
        .arg("--manifest-path")
        .arg(workspace_root().join("Cargo.toml"))
        .arg("--workspace")
        // Every failing test binary reported in one run, not just the first.
        .arg("--no-fail-fast")
        .args(args)
        .env("CI", "true")
        .env("INSTA_UPDATE", "no")
        .env_remove("INSTA_FORCE_PASS")
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "tests failed ({status}). If a snapshot changed on purpose, review it: \
             `cargo insta review`, or `INSTA_UPDATE=always cargo test --workspace` then \
             `git diff snapshots/`"
        ))
    }
}
