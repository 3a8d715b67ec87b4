//! Hostile input: each case runs the `sen` binary on something a real corpus or a careless
//! user can produce, and checks there is no crash, no hang, a clear message naming the
//! document or the YAML place, every other document processed and written, and the exit
//! code the README documents (0 ok, 1 some documents failed, 2 bad pipeline or usage,
//! 3 the run stopped).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SAMPLE: &str =
    "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Nhật Bản Kishida Fumio tại Hà Nội ngày 12/3.";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run `sen` with a time limit (a hang fails the test).
fn sen(args: &[&str], stdin: Option<&[u8]>, limit: Duration) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sen"))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(data) = stdin {
        let mut w = child.stdin.take().unwrap();
        let data = data.to_vec();
        std::thread::spawn(move || {
            let _ = w.write_all(&data);
        });
    }
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || std::io::read_to_string(out).unwrap_or_default());
    let t_err = std::thread::spawn(move || std::io::read_to_string(err).unwrap_or_default());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("sen {args:?} hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Out {
        code: status.code().unwrap_or(-1),
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

const LIMIT: Duration = Duration::from_secs(60);

/// A small pipeline (tokenize, dates; jsonl and summary outputs) in `dir`.
fn pipeline(dir: &Path) -> PathBuf {
    let p = dir.join("p.yaml");
    std::fs::write(&p, "name: hostile\ninput: { path: in }\nstages:\n  - tokenize\n  - dates\noutputs: [jsonl, summary]\noutput: out\n").unwrap();
    p
}

fn run_dir(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Out) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for (name, bytes) in files {
        std::fs::write(input.join(name), bytes).unwrap();
    }
    let p = pipeline(dir.path());
    let out = sen(&["run", p.to_str().unwrap()], None, LIMIT);
    (dir, out)
}

fn jsonl_ids(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("out/annotations.jsonl")).unwrap();
    text.lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn text_of(dir: &Path, id: &str) -> String {
    let text = std::fs::read_to_string(dir.join("out/annotations.jsonl")).unwrap();
    text.lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["id"] == id)
        .map(|v| v["text"].as_str().unwrap().to_string())
        .unwrap()
}

#[test]
fn invalid_utf8_is_replaced_and_reported() {
    let mut bytes = SAMPLE.as_bytes().to_vec();
    bytes.insert(10, 0xFF);
    bytes.insert(30, 0xC3);
    let (dir, out) = run_dir(&[("a.txt", &bytes), ("b.txt", SAMPLE.as_bytes())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["a", "b"]);
    let line = std::fs::read_to_string(dir.path().join("out/annotations.jsonl")).unwrap();
    assert!(
        line.contains("U+FFFD") || line.contains("not valid UTF-8"),
        "the bad bytes are reported in meta.warnings"
    );
}

#[test]
fn utf16_without_bom_is_detected() {
    let bytes: Vec<u8> = SAMPLE
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let (dir, out) = run_dir(&[("a.txt", &bytes)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(text_of(dir.path(), "a"), SAMPLE);
}

#[test]
fn legacy_vietnamese_encodings_are_decoded() {
    let tcvn3 = sen_ingest_encode(SAMPLE, "tcvn3");
    let vni = sen_ingest_encode(SAMPLE, "vni");
    let (dir, out) = run_dir(&[("tcvn3.txt", &tcvn3), ("vni.txt", &vni)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(text_of(dir.path(), "vni"), SAMPLE);
    // TCVN3 capitals with tone marks were a font switch: they decode as small letters.
    assert_eq!(
        text_of(dir.path(), "tcvn3").to_lowercase(),
        SAMPLE.to_lowercase()
    );
}

fn sen_ingest_encode(text: &str, enc: &str) -> Vec<u8> {
    let t = if enc == "tcvn3" {
        text.to_lowercase()
    } else {
        text.to_string()
    };
    match enc {
        "tcvn3" => sen_ingest::legacy::encode_tcvn3(&t).unwrap(),
        _ => sen_ingest::legacy::encode_vni(&t).unwrap(),
    }
}

#[test]
fn windows_1258_is_decoded() {
    // `Hà Nội` with decomposed tone marks, as Windows-1258 writes it.
    let bytes = b"Th\xF4ng t\xEAn H\xE0 N\xF4\xF2i".to_vec();
    let (dir, out) = run_dir(&[("a.txt", &bytes)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        text_of(dir.path(), "a").contains("Hà Nội"),
        "{}",
        text_of(dir.path(), "a")
    );
}

#[test]
fn a_nul_byte_does_not_stop_the_document() {
    let (dir, out) = run_dir(&[(
        "a.txt",
        b"Th\xE1\xBB\xA7 t\xC6\xB0\xE1\xBB\x9Bng\0 h\xE1\xBB\x99i \xC4\x91\xC3\xA0m.",
    )]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["a"]);
}

#[test]
fn empty_and_whitespace_only_files_are_empty_documents() {
    let (dir, out) = run_dir(&[
        ("empty.txt", b""),
        ("spaces.txt", b" \n\t\r\n  \xC2\xA0 "),
        ("ok.txt", SAMPLE.as_bytes()),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["empty", "ok", "spaces"]);
}

#[test]
fn a_very_long_single_line() {
    // 8 MB here (a debug build); the 50 MB case runs in the release benchmark.
    let line = format!("{} ", SAMPLE.trim_end_matches('.')).repeat(8 << 20 >> 7);
    let (dir, out) = run_dir(&[("long.txt", line.as_bytes())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["long"]);
}

#[test]
fn a_hundred_thousand_combining_marks_on_one_letter() {
    let mut s = String::from("Hà Nội a");
    s.extend(std::iter::repeat_n('\u{0301}', 100_000));
    s.push_str(" và Huế.");
    let (dir, out) = run_dir(&[("marks.txt", s.as_bytes())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["marks"]);
}

#[test]
fn a_binary_file_is_read_as_text_without_a_crash() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    png.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let (dir, out) = run_dir(&[("anh.txt", &png), ("ok.txt", SAMPLE.as_bytes())]);
    assert!(out.code == 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["anh", "ok"]);
}

#[test]
fn unreadable_entries_are_reported_and_the_rest_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), SAMPLE).unwrap();
    // Root reads any file, so use entries nobody can read as a file: a directory named
    // like a document and a dangling symlink.
    std::fs::create_dir(input.join("thu-muc.txt")).unwrap();
    std::os::unix::fs::symlink(input.join("khong-co"), input.join("mat.txt")).unwrap();
    std::fs::write(input.join("z.txt"), SAMPLE).unwrap();
    let p = pipeline(dir.path());
    let out = sen(&["run", p.to_str().unwrap()], None, LIMIT);
    assert_eq!(out.code, 1, "some documents failed: {}", out.stderr);
    assert!(
        out.stderr.contains("thu-muc.txt") && out.stderr.contains("mat.txt"),
        "{}",
        out.stderr
    );
    assert_eq!(jsonl_ids(dir.path()), ["a", "z"]);
}

#[test]
fn a_symlink_loop_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("a.txt"), SAMPLE).unwrap();
    std::os::unix::fs::symlink(input.join("y.txt"), input.join("x.txt")).unwrap();
    std::os::unix::fs::symlink(input.join("x.txt"), input.join("y.txt")).unwrap();
    // A directory that links to itself is not followed either.
    std::os::unix::fs::symlink(&input, input.join("vong")).unwrap();
    let p = pipeline(dir.path());
    let out = sen(&["run", p.to_str().unwrap()], None, LIMIT);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("x.txt"), "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["a"]);
}

fn run_jsonl(lines: &str) -> (tempfile::TempDir, Out) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.jsonl"), lines).unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(&p, "name: hostile\ninput: { path: in.jsonl }\nstages:\n  - tokenize\noutputs: [jsonl, summary]\noutput: out\n").unwrap();
    let out = sen(&["run", p.to_str().unwrap()], None, LIMIT);
    (dir, out)
}

fn doc(id: &str) -> String {
    serde_json::json!({ "id": id, "text": SAMPLE }).to_string() + "\n"
}

#[test]
fn jsonl_broken_line_and_missing_text() {
    let input = format!("{}{{\"id\": \"hong\", \"text\": \n{{\"id\": \"khong-text\"}}\n{{\"id\": \"so\", \"text\": 42}}\n{}", doc("a"), doc("b"));
    let (dir, out) = run_jsonl(&input);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(":2") && out.stderr.contains("khong-text") && out.stderr.contains("so"),
        "{}",
        out.stderr
    );
    assert_eq!(jsonl_ids(dir.path()), ["a", "b"]);
}

#[test]
fn jsonl_huge_id() {
    let huge = "x".repeat(1 << 20);
    let (dir, out) = run_jsonl(&(doc(&huge) + &doc("b")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()).len(), 2);
    for e in std::fs::read_dir(dir.path().join("out/summary")).unwrap() {
        assert!(
            e.unwrap().file_name().len() <= 255,
            "a file name too long for the file system"
        );
    }
}

#[test]
fn jsonl_duplicate_ids_are_all_kept() {
    let (dir, out) = run_jsonl(&(doc("a") + &doc("a") + &doc("b")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["a", "a", "b"]);
}

#[test]
fn jsonl_ids_never_escape_the_output_directory() {
    let ids = [
        "../../thoat",
        "/etc/passwd",
        "a/../../b",
        "..",
        "nul\u{0}id",
        "dong\nmoi",
        "C:\\Windows\\x",
    ];
    let input: String = ids.iter().map(|i| doc(i)).collect();
    let (dir, out) = run_jsonl(&input);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let summary = dir.path().join("out/summary");
    let names: Vec<_> = std::fs::read_dir(&summary)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names.len(), ids.len());
    for n in names {
        assert_eq!(n.parent().unwrap(), summary);
    }
    assert!(!dir.path().join("thoat.json").exists() && !Path::new("/etc/passwd.json").exists());
}

fn bad_yaml(yaml: &str) -> Out {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let p = dir.path().join("p.yaml");
    std::fs::write(&p, yaml).unwrap();
    sen(&["run", p.to_str().unwrap()], None, Duration::from_secs(20))
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut y = String::from("name: bomb\ninput: { path: in }\nstages: [tokenize]\nx0: &a0 [\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\",\"ha\"]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        y.push_str(&format!("x{i}: &a{i} [{}]\n", vec![prev; 9].join(",")));
    }
    let out = bad_yaml(&y);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!out.stderr.is_empty());
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let y = format!(
        "name: sau\ninput: {{ path: in }}\nstages:\n  - tokenize: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let out = bad_yaml(&y);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn a_ten_megabyte_yaml_file_is_refused() {
    let mut y = String::from("name: lon\ninput: { path: in }\nstages: [tokenize]\n");
    while y.len() < 10 << 20 {
        y.push_str("# Hội nghị Cấp cao ASEAN lần thứ 47 tại Kuala Lumpur, Malaysia\n");
    }
    let out = bad_yaml(&y);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("at most 262144 bytes"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unknown_stage_is_located() {
    let out = bad_yaml("name: sai\ninput: { path: in }\nstages:\n  - tokenize\n  - peple\n");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("people") && out.stderr.contains("5:"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_input_is_an_error_before_anything_runs() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path());
    let out = sen(&["run", p.to_str().unwrap()], None, LIMIT);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(!dir.path().join("out").exists());
}

#[test]
fn an_output_path_that_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), SAMPLE).unwrap();
    std::fs::write(dir.path().join("out"), "không phải thư mục").unwrap();
    let p = pipeline(dir.path());
    let out = sen(&["run", p.to_str().unwrap()], None, LIMIT);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stderr.contains("out"), "{}", out.stderr);
}

#[test]
fn an_output_path_that_cannot_be_created() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), SAMPLE).unwrap();
    let p = pipeline(dir.path());
    // /proc refuses new directories, even to root.
    let out = sen(
        &[
            "run",
            p.to_str().unwrap(),
            "--output",
            "/proc/sen-khong-ghi-duoc",
        ],
        None,
        LIMIT,
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
}

#[test]
fn a_full_disk_stops_the_run_with_a_message_and_no_partial_output() {
    // The file-size limit makes writes fail as on a full disk (SIGXFSZ ignored → EFBIG).
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for i in 0..20 {
        std::fs::write(dir.path().join(format!("in/{i:02}.txt")), SAMPLE.repeat(50)).unwrap();
    }
    let p = pipeline(dir.path());
    let script = format!(
        "trap '' XFSZ; ulimit -f 64; exec '{}' run '{}'",
        env!("CARGO_BIN_EXE_sen"),
        p.display()
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !dir.path().join("out/annotations.jsonl").exists(),
        "no half-written output under its final name"
    );
}

#[test]
fn streaming_mode_turns_bad_lines_into_error_records() {
    let mut input = doc("a").into_bytes();
    input.extend_from_slice(b"\xFF\xFE rac\n{\"id\": \"b\"}\n");
    input.extend_from_slice(doc("c").as_bytes());
    let p = Path::new(ROOT).join("pipelines/summits.yaml");
    let out = sen(
        &["run", p.to_str().unwrap(), "--input", "-"],
        Some(&input),
        LIMIT,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[1]["error"].is_string() && lines[2]["error"].is_string());
    assert_eq!(lines[3]["id"], "c");
}

#[test]
fn a_closed_stdout_is_a_crash_exit_not_a_hang() {
    let input: String = (0..2000).map(|i| doc(&format!("d{i}"))).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sen"))
        .args([
            "run",
            Path::new(ROOT)
                .join("pipelines/summits.yaml")
                .to_str()
                .unwrap(),
            "--input",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader went away
    let mut w = child.stdin.take().unwrap();
    let _ = w.write_all(input.as_bytes());
    drop(w);
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            assert_ne!(s.code(), Some(0));
            break;
        }
        assert!(start.elapsed() < LIMIT, "hung on a closed stdout");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigint_mid_run_leaves_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for i in 0..400 {
        std::fs::write(dir.path().join(format!("in/{i:03}.txt")), SAMPLE.repeat(40)).unwrap();
    }
    let p = pipeline(dir.path());
    let child = Command::new(env!("CARGO_BIN_EXE_sen"))
        .args(["run", p.to_str().unwrap(), "--threads", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    unsafe_kill(child.id(), 2);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return; // finished before the signal: nothing to check
    }
    assert!(stderr.contains("interrupt"), "a clear message: {stderr}");
    assert!(
        !dir.path().join("out/annotations.jsonl").exists(),
        "no partial output file"
    );
    // Nothing hidden (a temporary file or folder) and no per-document file either: the
    // folders appear only when the run ends.
    let leftovers: Vec<_> = walk(&dir.path().join("out"))
        .into_iter()
        .filter(|p| {
            p.strip_prefix(dir.path().join("out"))
                .unwrap()
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
                || p.to_string_lossy().ends_with(".tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    for folder in ["summary", "conllu", "brat"] {
        assert!(
            !dir.path().join("out").join(folder).exists(),
            "{folder}/ of an interrupted run"
        );
    }
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn unsafe_kill(pid: u32, sig: i32) {
    let _ = Command::new("kill")
        .args([format!("-{sig}"), pid.to_string()])
        .status();
}

#[test]
fn validate_never_reads_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), [0xFFu8; 16]).unwrap();
    let p = pipeline(dir.path());
    let out = sen(&["validate", p.to_str().unwrap()], None, LIMIT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!dir.path().join("out").exists());
}

#[test]
fn control_characters_and_emoji_in_text() {
    let text = "Thủ tướng\u{1b}[31m hội đàm\u{7} với \u{202e}Tổng thống 🇻🇳🤝🇺🇸 tại Hà Nội.\u{c}";
    let (dir, out) = run_dir(&[("a.txt", text.as_bytes())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(jsonl_ids(dir.path()), ["a"]);
}

#[test]
fn windows_line_endings_and_a_byte_order_mark() {
    let text = "\u{feff} date 2024-11-15 Chủ tịch nước gặp Tổng thống Peru.\r\n\r\nHai bên ký kết hiệp định.\r\n";
    let (dir, out) = run_dir(&[("a.txt", text.as_bytes())]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let summary = std::fs::read_to_string(dir.path().join("out/summary/a.json")).unwrap();
    assert!(
        summary.contains("\"doc_date\": \"2024-11-15\""),
        "{summary}"
    );
}

#[test]
fn a_pipeline_path_that_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = sen(&["run", dir.path().to_str().unwrap()], None, LIMIT);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains(dir.path().to_str().unwrap()),
        "{}",
        out.stderr
    );
}
