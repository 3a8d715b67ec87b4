//! Sen as a Spark streaming worker (`scripts/spark_annotate.py`, local[2]): a few hundred
//! Vietnamese documents in two partitions give exactly the records of a direct
//! `sen run … --input -`, and a malformed document gives an error record, not a failed job.
//!
//! Needs Java and the Python package `pyspark` (`.ci/run` installs it). Skipped with a
//! message where they are missing, except in CI (`CI` set), where that fails.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pyspark"])
        .status()
        .is_ok_and(|s| s.success())
        && Command::new("java")
            .arg("-version")
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs pyspark and Java for the Spark test (.ci/run installs them)"
        );
        eprintln!("skipped: pyspark or Java missing");
    }
    ok
}

/// Documents made from the sample articles with varied ids, and one broken line.
fn corpus(dir: &Path) -> PathBuf {
    let mut texts = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(Path::new(ROOT).join("corpus/summits"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        // Paragraphs make documents of a realistic size and variety.
        for p in text.split("\n\n").filter(|p| p.trim().len() > 40) {
            texts.push(p.trim().to_string());
        }
    }
    let path = dir.join("in.jsonl");
    let mut out = std::fs::File::create(&path).unwrap();
    let mut n = 0;
    for round in 0..6 {
        for t in &texts {
            let line = serde_json::json!({ "id": format!("bai-{round}-{n:04}"), "text": t, "date": "2025-10-29" });
            writeln!(out, "{line}").unwrap();
            n += 1;
        }
        if round == 2 {
            writeln!(out, "{{\"id\": \"hong\", \"text\": ").unwrap();
        }
    }
    assert!(n >= 200, "{n} documents");
    path
}

fn sorted_lines(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

#[test]
fn spark_pipe_gives_the_records_of_the_direct_run() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let sen = env!("CARGO_BIN_EXE_sen");
    let pipeline = Path::new(ROOT).join("pipelines/summits.yaml");

    let direct = Command::new(sen)
        .args([
            "run",
            pipeline.to_str().unwrap(),
            "--input",
            "-",
            "--threads",
            "1",
        ])
        .stdin(std::fs::File::open(&input).unwrap())
        .stderr(Stdio::null())
        .output()
        .unwrap();
    assert!(direct.status.success());
    let direct = sorted_lines(&String::from_utf8(direct.stdout).unwrap());

    let out = dir.path().join("out");
    let status = Command::new("python3")
        .arg(Path::new(ROOT).join("scripts/spark_annotate.py"))
        .args(["--sen", sen, "--pipeline", pipeline.to_str().unwrap(), "--partitions", "2"])
        .arg(&input)
        .arg(&out)
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .env("PYSPARK_PYTHON", "python3")
        .env("PYSPARK_SUBMIT_ARGS", "--master local[2] --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 pyspark-shell")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the Spark job failed");
    let mut spark = String::new();
    let mut parts = 0;
    for e in std::fs::read_dir(&out).unwrap() {
        let p = e.unwrap().path();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("part-")
        {
            parts += 1;
            spark.push_str(&std::fs::read_to_string(p).unwrap());
        }
    }
    assert!(parts >= 2, "{parts} partitions");
    let spark = sorted_lines(&spark);
    // The broken line is an error record in both runs; its id names the line within its
    // input (stdin line number), which differs between a partition and the whole file.
    let strip = |v: &[String]| -> Vec<String> {
        v.iter()
            .filter(|l| !l.contains("\"error\""))
            .cloned()
            .collect()
    };
    let errors = |v: &[String]| v.iter().filter(|l| l.contains("\"error\"")).count();
    assert_eq!(errors(&direct), 1);
    assert_eq!(
        errors(&spark),
        1,
        "the malformed document is one error record"
    );
    assert_eq!(
        strip(&spark),
        strip(&direct),
        "Spark and the direct run disagree"
    );
}
