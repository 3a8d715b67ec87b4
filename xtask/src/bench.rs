//! `cargo xtask bench [--mb N] [--threads 1,2] [--repeat N] [--outputs LIST|all]`: release
//! throughput, CPU time and peak memory of the summits pipeline on a generated corpus (the
//! best wall time of `--repeat` runs gives the thread scaling; other work on the machine
//! skews it, so the load average is printed with each run).
//!
//! The corpus is JSON Lines made from the paragraphs of the sample and extra articles
//! (`target/bench/corpus-<N>mb.jsonl`, written once). Each run is `sen run` on it with
//! the summits stages and, by default, the `summary` and `events_csv` outputs (`--outputs
//! all`: every output of `pipelines/summits.yaml`; the `jsonl` output is ~20 times the
//! input, so it also measures the disk), timed on the wall clock, with the
//! child's CPU time and peak resident memory from `wait4`. Outputs are written under
//! `target/bench/runs` and removed when the bench ends (`--keep`: at the start of the
//! next one, which then waits for the file system; see `clear_old_outputs`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{cargo, workspace_root};

pub fn run(args: &[String]) -> Result<(), String> {
    let mut mb = 256usize;
    let mut threads = vec![1usize, 2];
    let mut repeat = 1usize;
    let mut keep = false;
    let mut outputs = "summary, events_csv".to_string();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--help" | "-h" => {
                println!(
                    "cargo xtask bench [--mb N] [--threads 1,2] [--repeat N] [--outputs LIST|all] [--keep]\n\n\
                     Runs the release `sen` on a generated JSON Lines corpus of N MB (default 256,\n\
                     kept in target/bench) with the summits pipeline, once per thread count and\n\
                     repeat; prints wall time, MB/s, user and system CPU (seconds and per MB),\n\
                     peak RSS and the load average. Outputs: summary,events_csv by default;\n\
                     `all` = every output of pipelines/summits.yaml. The outputs are removed at\n\
                     the end (--keep: kept until the next bench). On ext4 without a journal,\n\
                     files made within minutes of mass deletions cost several times the\n\
                     system time: leave a few minutes between benches, compare the sys column."
                );
                return Ok(());
            }
            "--keep" => keep = true,
            "--mb" => {
                mb = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--mb takes a number of megabytes")?
            }
            "--repeat" => {
                repeat = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--repeat takes a number of runs")?
            }
            "--threads" => {
                threads = it
                    .next()
                    .ok_or("--threads takes a list such as 1,2")?
                    .split(',')
                    .map(|t| t.parse().map_err(|_| format!("bad thread count {t}")))
                    .collect::<Result<_, _>>()?
            }
            "--outputs" => {
                let list = it
                    .next()
                    .ok_or("--outputs takes a list such as summary,events_csv or all")?;
                outputs = if list == "all" {
                    String::new()
                } else {
                    list.split(',').map(str::trim).collect::<Vec<_>>().join(", ")
                }
            }
            other => {
                return Err(format!(
                    "unknown option {other} (use --mb N, --threads 1,2, --repeat N, --outputs LIST|all, --keep)"
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
            if l.starts_with("outputs:") && !outputs.is_empty() {
                format!("outputs: [{outputs}]")
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
    if let Some(l) = std::fs::read_to_string(&pipeline).ok().and_then(|y| {
        y.lines()
            .find(|l| l.starts_with("outputs:"))
            .map(str::to_string)
    }) {
        println!("{l}");
    }
    println!(
        "| threads | wall s | MB/s | MB/s per thread | user + sys CPU s | CPU s/MB (user + sys) | peak RSS MB | load |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut best_of = Vec::new();
    // Outputs of earlier versions of this bench sat in `target/bench` itself.
    clear_old_outputs(&dir)?;
    let runs = output_parent(&dir)?;
    clear_old_outputs(&runs)?;
    let mut set_aside = 0;
    for &t in &threads {
        let mut best: Option<Usage> = None;
        for _ in 0..repeat {
            let out = runs.join(format!("out-{t}"));
            // Kept until the next bench (see `clear_old_outputs`).
            if out.exists() {
                set_aside += 1;
                let aside = runs.join(format!("old-{t}-{set_aside}"));
                std::fs::rename(&out, &aside).map_err(|e| e.to_string())?;
            }
            let load = std::fs::read_to_string("/proc/loadavg")
                .ok()
                .and_then(|l| l.split_whitespace().next().map(str::to_string))
                .unwrap_or_else(|| "?".into());
            let u = timed(Command::new(&sen).args([
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
            let mbs = bytes / 1e6 / u.wall;
            let mb = bytes / 1e6;
            println!(
                "| {t} | {:.2} | {mbs:.1} | {:.1} | {:.2} + {:.2} | {:.3} + {:.3} | {:.0} | {load} |",
                u.wall,
                mbs / t as f64,
                u.user,
                u.sys,
                u.user / mb,
                u.sys / mb,
                u.rss_kib as f64 / 1024.0
            );
            if best.as_ref().is_none_or(|b| u.wall < b.wall) {
                best = Some(u);
            }
        }
        best_of.push((t, best.expect("at least one run")));
    }
    if let [(t1, one), rest @ ..] = best_of.as_slice() {
        for (t, u) in rest {
            println!(
                "{t} threads: {:.2}x the throughput of {t1} (best wall of {repeat}; peak RSS {:.0} MB)",
                one.wall / u.wall,
                u.rss_kib as f64 / 1024.0
            );
        }
    }
    if keep {
        println!("outputs kept in {}", runs.display());
    } else {
        // Removed now rather than at the start of the next bench: the inodes they free
        // make every file of a run in the next few minutes cost more (see
        // `clear_old_outputs`), so a bench started a while after this one starts clean.
        remove_outputs(&runs)?;
    }
    Ok(())
}

/// `target/bench/runs`, where each run writes its output folder. Marked as a top of a
/// directory tree for ext4 (`chattr +T`), so each output folder is placed in a block
/// group of its own with many free inodes, away from the inodes that builds and earlier
/// benches keep freeing under `target/`: ext4 without a journal scans past every inode
/// freed in the last minutes for each file it makes there (see `clear_old_outputs`). The
/// same 16 MB run spent 4.6 s of system time with its output in `target/bench` a minute
/// after a deletion, 0.3 s under this folder. Best effort: other file systems ignore it.
fn output_parent(dir: &Path) -> Result<PathBuf, String> {
    let runs = dir.join("runs");
    std::fs::create_dir_all(&runs).map_err(|e| e.to_string())?;
    let marked = Command::new("chattr")
        .arg("+T")
        .arg(&runs)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !marked {
        println!(
            "note: could not mark {} with chattr +T; system times may vary more",
            runs.display()
        );
    }
    Ok(runs)
}

/// Remove the outputs of earlier benches, sync, then wait a little: ext4 without a journal
/// (as on this machine) skips recently freed inodes one by one when it makes a file (each
/// file of a run scans all of them again), and a run right after hundreds of thousands of
/// deletions was measured spending several times the usual system time. Deletions by
/// other programs on the machine do the same: compare the `sys` column.
fn clear_old_outputs(dir: &Path) -> Result<(), String> {
    if remove_outputs(dir)? {
        println!(
            "removed the outputs of the last bench; syncing, then waiting 35 s for their inodes"
        );
        // While the inode table blocks are dirty, ext4 treats an inode freed in the last
        // 5 minutes (not 5 s) as recent, and scans past every such inode for each file it
        // makes: written back, only the last seconds count.
        // SAFETY: sync takes no arguments and cannot fail.
        unsafe { libc::sync() };
        std::thread::sleep(std::time::Duration::from_secs(35));
    }
    Ok(())
}

/// Remove the `out-*` / `old-*` output folders in `dir`; whether there were any.
fn remove_outputs(dir: &Path) -> Result<bool, String> {
    let mut removed = false;
    for e in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if (name.starts_with("out-") || name.starts_with("old-")) && e.path().is_dir() {
            std::fs::remove_dir_all(e.path()).map_err(|e| e.to_string())?;
            removed = true;
        }
    }
    Ok(removed)
}

/// What a run cost.
struct Usage {
    wall: f64,
    /// CPU seconds in the program and in the kernel.
    user: f64,
    sys: f64,
    rss_kib: i64,
}

/// Run a command, returning its wall time, CPU time and peak RSS (from `wait4`).
fn timed(cmd: &mut Command) -> Result<Usage, String> {
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
    let wall = start.elapsed().as_secs_f64();
    if r < 0 {
        return Err("wait4 failed".into());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("sen failed (status {status})"));
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Usage {
        wall,
        user: secs(usage.ru_utime),
        sys: secs(usage.ru_stime),
        rss_kib: usage.ru_maxrss,
    })
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
