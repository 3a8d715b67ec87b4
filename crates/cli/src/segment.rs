//! `sen segment`: stdin lines to stdout with multi-syllable words joined by `_`.
//!
//! Runs the registered `tokenize` stage (the same segmenter pipelines use) on each line,
//! then writes the line back with the spaces inside each word replaced by `_`.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use sen_core::{Annotator, Document, Settings};

pub fn run() -> ExitCode {
    let Some(plugin) = sen_core::annotator::find_plugin("tokenize") else {
        eprintln!("sen segment: no `tokenize` plugin is registered in this build");
        return ExitCode::from(3);
    };
    let tokenizer = match (plugin.build)(&Settings::none()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("sen segment: {e}");
            return ExitCode::from(3);
        }
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("sen segment: reading stdin: {e}");
                return ExitCode::from(3);
            }
        };
        let joined = match segment_line(tokenizer.as_ref(), &line) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("sen segment: {e}");
                line
            }
        };
        if writeln!(out, "{joined}").is_err() {
            return ExitCode::from(3);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(3);
    }
    ExitCode::SUCCESS
}

/// `line` with the whitespace between the tokens of each multi-token word made `_`.
fn segment_line(tokenizer: &dyn Annotator, line: &str) -> Result<String, String> {
    let mut doc = Document::from_text("line", line);
    tokenizer.annotate(&mut doc).map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    for w in &doc.layers.words {
        if w.tokens.1 - w.tokens.0 < 2 || w.span.start < pos {
            continue;
        }
        out.push_str(&line[pos..w.span.start]);
        // Runs of whitespace inside a word (a line break in a name) become one `_`.
        let mut in_space = false;
        for c in line[w.span.start..w.span.end].chars() {
            if c.is_whitespace() {
                if !in_space {
                    out.push('_');
                }
                in_space = true;
            } else {
                out.push(c);
                in_space = false;
            }
        }
        pos = w.span.end;
    }
    out.push_str(&line[pos..]);
    Ok(out)
}
