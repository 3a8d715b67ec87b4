//! `cargo xtask bench [--mb N] [--threads 1,2]`: release throughput and peak memory of the
//! summits pipeline on a generated corpus.
//!
//! The corpus is JSON Lines made from the paragraphs of the sample and extra articles
//! (`target/bench/corpus-<N>mb.jsonl`, written once). Each run is `sen run` on it with
//! the summits stages and the `summary` and `events_csv` outputs (the `jsonl` output is
//! ~20 times the input and would measure the disk), timed on the wall clock, with the
//! child's peak resident memory from `wait4`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{cargo, workspace_root};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut mb = 256usize;
    let mut threads = vec![1usize, 2];
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => {
                mb = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--mb takes a number of megabytes")?
            }
            "--threads" => {
                threads = it
                    .next()
                    .ok_or("--threads takes a list such as 1,2")?
                    .split(',')
                    .map(|t| t.parse().map_err(|_| format!("bad thread count {t}")))
                    .collect::<Result<_, _>>()?
            }
            other => {
                return Err(format!(
                    "unknown option {other} (use --mb N, --threads 1,2)"
                ))
            }
        }
    }
    let root = workspace_root();
    let status = Command::new(cargo())
        .args(["build", "--release", "-p", "sen-cli"])
        .current_dir(&root)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("release build failed".into());
    }
    let sen = root.join("target/release/sen");
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let corpus = dir.join(format!("corpus-{mb}mb.jsonl"));
    if !corpus.exists() {
        write_corpus(&root, &corpus, mb << 20)?;
    }
    let bytes = std::fs::metadata(&corpus).map_err(|e| e.to_string())?.len() as f64;
    let pipeline = dir.join("bench.yaml");
    let summits =
        std::fs::read_to_string(root.join("pipelines/summits.yaml")).map_err(|e| e.to_string())?;
    let bench_yaml: String = summits
        .lines()
        .filter(|l| !l.starts_with("output:"))
        .map(|l| {
            if l.starts_with("outputs:") {
                "outputs: [summary, events_csv]".to_string()
            } else if l.starts_with("input:") {
                format!(
                    "input: {{ path: {} }}",
                    corpus.file_name().unwrap().to_string_lossy()
                )
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&pipeline, bench_yaml + "\n").map_err(|e| e.to_string())?;
    println!("corpus: {} ({:.0} MB)", corpus.display(), bytes / 1e6);
    println!("| threads | wall s | MB/s | MB/s per thread | peak RSS MB |");
    println!("|---|---|---|---|---|");
    for &t in &threads {
        let out = dir.join(format!("out-{t}"));
        let _ = std::fs::remove_dir_all(&out);
        let (secs, rss) = timed(Command::new(&sen).args([
            "run",
            pipeline.to_str().unwrap(),
            "--input",
            corpus.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--threads",
            &t.to_string(),
            "--no-progress",
        ]))?;
        let mbs = bytes / 1e6 / secs;
        println!(
            "| {t} | {secs:.1} | {mbs:.1} | {:.1} | {:.0} |",
            mbs / t as f64,
            rss as f64 / 1024.0
        );
    }
    Ok(())
}

/// Run a command, returning wall seconds and the child's peak RSS in KiB.
fn timed(cmd: &mut Command) -> Result<(f64, i64), String> {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    if r < 0 {
        return Err("wait4 failed".into());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("sen failed (status {status})"));
    }
    Ok((secs, usage.ru_maxrss))
}

/// Paragraphs of every article as documents, repeated with fresh ids up to `target` bytes.
fn write_corpus(root: &Path, path: &PathBuf, target: usize) -> Result<(), String> {
    let mut paras = Vec::new();
    for dir in ["corpus/summits", "corpus/summits-extra"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| e.to_string())?;
            let paragraphs: Vec<&str> = text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            // Articles of three to eight paragraphs, as a news feed has them.
            for chunk in paragraphs.chunks(5) {
                paras.push(chunk.join("\n\n"));
            }
        }
    }
    let tmp = path.with_extension("tmp");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(|e| e.to_string())?);
    let mut written = 0;
    let mut n = 0usize;
    while written < target {
        let text = &paras[n % paras.len()];
        let line = format!(
            "{{\"id\":\"bench-{n:08}\",\"date\":\"2025-{:02}-{:02}\",\"text\":{}}}\n",
            n % 12 + 1,
            n % 28 + 1,
            json_string(text)
        );
        out.write_all(line.as_bytes()).map_err(|e| e.to_string())?;
        written += line.len();
        n += 1;
    }
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    std::fs::rename(&tmp, path).map_err(|e| e.to_string())
}

fn json_string(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}
