//! Project tasks: `cargo xtask <task>`. One module per task; `main` only dispatches.
//!
//! Relative paths given by the caller are resolved against the caller's directory
//! (cargo runs xtask from the workspace root otherwise unchanged).

mod eval;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let _ = rest;
    let result: Result<(), String> = match task.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "eval" => eval::run(rest),
        other => Err(format!("unknown task `{other}`\n\n{USAGE}")),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

const USAGE: &str = "usage: cargo xtask <task> [args]

tasks:
  run PIPELINE [sen run options]   run a pipeline with the sen binary (debug build)
  test                             the whole test suite, as CI runs it
  new-annotator NAME               scaffold a plugin module with a unit test and a snapshot
  train-segmenter                  train the word segmenter on UD VTB train+dev
  eval-segmenter                   score the segmenter on UD VTB test
  eval --gold DIR --system DIR     score summaries against gold
  bench                            release benchmarks";
