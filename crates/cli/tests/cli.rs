//! The `sen` binary end to end: exit codes, the located report of a bad pipeline, file
//! mode with `--input`/`--output`, the streaming worker.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sen(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sen"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sen starts");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn summits() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../pipelines/summits.yaml")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn validate_ok_and_resolved() {
    let out = sen(&["validate", summits().to_str().unwrap()], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(": ok ("));
    let out = sen(
        &["validate", "--resolved", summits().to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    assert!(
        text(&out.stdout).starts_with("name: summits\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn invalid_pipeline_exits_2_with_a_located_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("bai-viet")).unwrap();
    let file = dir.path().join("p.yaml");
    std::fs::write(
        &file,
        "name: thu\ninput: { path: bai-viet }\nstages: []\noutputs: [jsonl, htlm]\n",
    )
    .unwrap();
    let out = sen(&["validate", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown output `htlm`"), "{err}");
    assert!(err.contains("did you mean `html`?"), "{err}");
    assert!(err.contains("p.yaml:4:18"), "{err}");
    // `run` refuses the same file before reading anything.
    let out = sen(&["run", file.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn missing_pipeline_file_exits_2() {
    let out = sen(&["validate", "/nonexistent/pipeline.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read pipeline file"));
}

#[test]
fn file_mode_with_overrides_writes_outputs_and_a_summary_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("tin");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("a.txt"),
        "Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản tại Hà Nội.\n",
    )
    .unwrap();
    std::fs::write(
        input.join("b.txt"),
        "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ Donald Trump.\n",
    )
    .unwrap();
    let output = dir.path().join("ra");
    let out = sen(
        &[
            "run",
            summits().to_str().unwrap(),
            "--input",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
            "--threads",
            "2",
        ],
        None,
    );
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("sen: summits: 2 documents, 0 failed, "),
        "{last}"
    );
    assert!(last.contains(" MB/s)"), "{last}");
    let jsonl = std::fs::read_to_string(output.join("annotations.jsonl")).unwrap();
    let ids: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn streaming_worker_keeps_exit_0_for_bad_documents() {
    let input = "{\"id\":\"vn-kr\",\"text\":\"Tổng Bí thư Tô Lâm hội đàm với Tổng thống Hàn Quốc Lee Jae-myung.\"}\n\
                 not json at all\n\
                 {\"id\":\"thieu-text\"}\n";
    let out = sen(
        &["run", summits().to_str().unwrap(), "--input", "-"],
        Some(input.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "vn-kr");
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[1]["id"], "stdin:2");
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[2]["id"], "thieu-text");
    assert!(lines[2]["error"].as_str().unwrap().contains("text"));
}

#[test]
fn segment_joins_words_and_keeps_everything_else() {
    let input = "Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc.\n\n(Ngày Nay) - Hai bên nhất trí.\n";
    let out = sen(&["segment"], Some(input.as_bytes()));
    assert!(out.status.success());
    let got = text(&out.stdout);
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("Thủ_tướng"), "{got}");
    assert!(lines[0].contains("Hàn_Quốc."), "{got}");
    assert_eq!(lines[1], "");
    // Only spaces inside words change: removing `_` gives the input back.
    assert_eq!(got.replace('_', " "), input);
}

#[test]
fn help_texts_have_examples() {
    for args in [
        &["--help"][..],
        &["run", "--help"],
        &["validate", "--help"],
        &["plugins", "--help"],
        &["segment", "--help"],
    ] {
        let out = sen(args, None);
        assert!(out.status.success());
        let help = text(&out.stdout);
        assert!(help.contains("Example"), "{args:?}:\n{help}");
    }
}
