//! `sen segment`: stdin lines to stdout with multi-syllable words joined by `_` (the
//! segmenter of `sen-tokenize`, the same the `tokenize` stage uses).

use std::io::{BufRead, Write};
use std::process::ExitCode;

pub fn run() -> ExitCode {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Bytes, not `lines()`: a line that is not UTF-8 is passed through repaired, not fatal.
    for line in stdin.lock().split(b'\n') {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("sen segment: reading stdin: {e}");
                return ExitCode::from(3);
            }
        };
        let line = String::from_utf8_lossy(&line);
        let line = line.strip_suffix('\r').unwrap_or(&line);
        let joined = sen_tokenize::segment::segment_line(line);
        if writeln!(out, "{joined}").is_err() {
            return ExitCode::from(3);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(3);
    }
    ExitCode::SUCCESS
}
