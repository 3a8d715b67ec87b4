//! Project tasks: `cargo xtask <task>`. One module per task; `main` only dispatches.
//!
//! `cargo xtask` is `cargo run -p xtask` (see .cargo/config.toml), which keeps the caller's
//! working directory: relative paths a task is given resolve against where the user is.
//! Tasks that need the workspace use [`workspace_root`].

mod bench;
mod eval;
mod eval_segmenter;
mod new_annotator;
mod run;
mod segmenter_errors;
mod test;
mod train_segmenter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let result: Result<(), String> = match task.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "run" => run::run(rest),
        "test" => test::run(rest),
        "new-annotator" => new_annotator::run(rest),
        "eval" => eval::run(rest),
        "bench" => bench::run(rest),
        "train-segmenter" => train_segmenter::run(rest),
        "eval-segmenter" => eval_segmenter::run(rest),
        other => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

/// The workspace root (the directory above `xtask/`), wherever the task was started.
pub fn workspace_root() -> std::path::PathBuf {
    let xtask = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// The cargo that started us (`$CARGO`), or `cargo` from `PATH`.
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

const USAGE: &str = "usage: cargo xtask <task> [args]

tasks:
  run PIPELINE [sen run options]   run a pipeline with the sen binary (debug build)
  test                             the whole test suite, as CI runs it
  new-annotator NAME               scaffold a plugin module with a unit test and a snapshot
  train-segmenter                  train the word segmenter on UD VTB train+dev
  eval-segmenter                   score the segmenter on UD VTB test
  eval --gold DIR --system DIR     score summaries against gold
  bench [--mb N] [--threads 1,2]   release throughput and peak RSS of the summits pipeline";
