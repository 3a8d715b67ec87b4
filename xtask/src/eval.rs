//! `cargo xtask eval --gold DIR --system DIR [--json]`: score summary files against gold
//! files (see `sen_emit::summary::score`) and print precision, recall and F1 per layer.
//! `--notes` adds the events that did not match, one a line.

use std::path::PathBuf;

use sen_emit::summary::score::Report;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut gold = None;
    let mut system = None;
    let mut json = false;
    let mut notes = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--gold" => gold = it.next().map(PathBuf::from),
            "--system" => system = it.next().map(PathBuf::from),
            "--json" => json = true,
            "--notes" => notes = true,
            other => return Err(format!("eval: unexpected argument `{other}`\n{USAGE}")),
        }
    }
    let (Some(gold), Some(system)) = (gold, system) else {
        return Err(format!("eval: --gold and --system are required\n{USAGE}"));
    };
    let report = Report::score_dirs(&gold, &system)
        .map_err(|e| format!("eval: reading {}: {e}", gold.display()))?;
    if json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_text());
    }
    if notes {
        for n in &report.notes {
            eprintln!("{n}");
        }
    }
    Ok(())
}

const USAGE: &str = "usage: cargo xtask eval --gold DIR --system DIR [--json] [--notes]";
