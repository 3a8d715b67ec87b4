//! The runner: outputs in input order and byte-identical for any thread count; a failing
//! document is reported and the others written; the streaming worker turns a bad
//! document into an error line.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use sen_core::Document;
use sen_pipeline::{
    parse, run_documents, run_stream, Failure, InputSource, Overrides, Pipeline, RunOptions,
};

fn pipeline(dir: &Path, stages: &str, outputs: &str) -> Pipeline {
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    let yaml = format!(
        "name: test\ninput: {{ path: corpus }}\nstages:\n{stages}corpus_stages: [dedupe]\noutputs: [{outputs}]\noutput: out\n"
    );
    parse(&yaml, "test.yaml", dir, &Overrides::default()).unwrap_or_else(|e| panic!("{e:?}"))
}

const STAGES: &str = "  - lexer\n  - names\n  - meetings\n";

/// Many documents, so batches and threads really interleave.
fn corpus(n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let (id, text) = support::TEXTS[i % support::TEXTS.len()];
            let mut d = Document::from_text(format!("{id}-{i:03}"), text.repeat(1 + i % 4));
            d.meta.date = Some(format!("2025-10-{:02}", 1 + i % 28));
            d
        })
        .collect()
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn one_and_four_threads_write_the_same_bytes() {
    let outputs = "jsonl, conllu, brat, events_csv";
    let mut results = Vec::new();
    for threads in [1, 4] {
        let dir = tempfile::tempdir().unwrap();
        let p = pipeline(dir.path(), STAGES, outputs);
        let docs = corpus(300).into_iter().map(Ok);
        let s = run_documents(&p, docs, &RunOptions::quiet(threads)).unwrap();
        assert_eq!(s.documents, 300);
        assert!(s.failures.is_empty());
        assert!(s.events > 100, "{s}");
        assert!(s.corpus_events < s.events, "dedupe merged nothing: {s}");
        results.push(files(&dir.path().join("out")));
    }
    assert!(results[0].contains_key("annotations.jsonl"));
    assert!(results[0].contains_key("events.csv"));
    assert_eq!(
        results[0].keys().collect::<Vec<_>>(),
        results[1].keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &results[0] {
        assert!(
            bytes == &results[1][name],
            "{name} differs between 1 and 4 threads"
        );
    }
    // Input order is kept.
    let jsonl = String::from_utf8(results[0]["annotations.jsonl"].clone()).unwrap();
    let ids: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: Vec<String> = corpus(300).into_iter().map(|d| d.id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_second_run_replaces_the_per_document_folders_whole() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path(), STAGES, "summary, conllu, brat, events_csv");
    run_documents(&p, corpus(40).into_iter().map(Ok), &RunOptions::quiet(2)).unwrap();
    let first = files(&dir.path().join("out"));
    // A file no run of this corpus writes, and a duplicate id: the later document wins.
    std::fs::write(dir.path().join("out/conllu/cũ.conllu"), "# cũ").unwrap();
    let mut docs = corpus(40);
    let mut dup = docs[3].clone();
    dup.text = "Bộ trưởng Ngoại giao tiếp Đại sứ.".into();
    docs.push(dup);
    run_documents(&p, docs.into_iter().map(Ok), &RunOptions::quiet(2)).unwrap();
    let second = files(&dir.path().join("out"));
    assert!(
        !second.contains_key("conllu/cũ.conllu"),
        "the last run's folder is gone"
    );
    assert!(
        second
            .keys()
            .all(|k| !k.split('/').any(|c| c.starts_with('.'))),
        "nothing hidden left: {:?}",
        second
            .keys()
            .filter(|k| k.contains('.'))
            .take(3)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    let dup_file = format!("conllu/{}.conllu", corpus(40)[3].id);
    let text = String::from_utf8(second[&dup_file].clone()).unwrap();
    assert!(text.contains("Đại sứ"), "{text}");
}

#[test]
fn a_failing_document_is_reported_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(
        dir.path(),
        "  - lexer\n  - fragile\n  - names\n  - meetings\n",
        "jsonl",
    );
    let mut docs: Vec<Result<Document, Failure>> = corpus(40).into_iter().map(Ok).collect();
    docs[3] = Ok(Document::from_text(
        "bao-loi",
        "Hệ thống báo lỗi khi đọc bài viết.",
    ));
    docs[7] = Ok(Document::from_text(
        "hoang-loan",
        "Thị trường hoảng loạn sau tin đồn.",
    ));
    docs[9] = Err(Failure {
        id: "khong-doc-duoc".into(),
        reason: "not UTF-8".into(),
    });
    for threads in [1, 3] {
        let s = run_documents(&p, docs.clone().into_iter(), &RunOptions::quiet(threads)).unwrap();
        assert_eq!(s.documents, 40);
        let failed: Vec<(&str, &str)> = s
            .failures
            .iter()
            .map(|f| (f.id.as_str(), f.reason.as_str()))
            .collect();
        assert_eq!(failed.len(), 3, "{failed:?}");
        assert_eq!(failed[0], ("bao-loi", "stage `fragile`: found `lỗi`"));
        assert_eq!(failed[1].0, "hoang-loan");
        assert!(
            failed[1].1.starts_with("stage `fragile` panicked at "),
            "{}",
            failed[1].1
        );
        assert!(
            failed[1].1.contains("cannot handle `hoảng` in hoang-loan"),
            "{}",
            failed[1].1
        );
        assert_eq!(failed[2], ("khong-doc-duoc", "not UTF-8"));
        let jsonl = std::fs::read_to_string(dir.path().join("out/annotations.jsonl")).unwrap();
        assert_eq!(jsonl.lines().count(), 37);
        assert!(!jsonl.contains("\"bao-loi\""));
    }
}

#[test]
fn streaming_worker_writes_one_line_per_document_and_error_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(
        dir.path(),
        "  - lexer\n  - fragile\n  - names\n  - meetings\n",
        "jsonl",
    );
    let mut input = String::new();
    for (id, text) in support::TEXTS {
        input.push_str(
            &serde_json::json!({"id": id, "text": text, "date": "2025-10-29"}).to_string(),
        );
        input.push('\n');
    }
    input.push_str("{\"id\": \"hong\", \"text\": \n");
    input.push('\n');
    input.push_str(&serde_json::json!({"id": "loi", "text": "Máy chủ báo lỗi."}).to_string());
    input.push('\n');
    input.push_str("{\"id\": \"khong-text\"}\n");
    let mut bytes = input.into_bytes();
    bytes.extend_from_slice(b"{\"id\": \"latin1\", \"text\": \"H\xe0 N\xf4i\"}\n");
    for threads in [1, 2] {
        let mut out = Vec::new();
        let s = run_stream(&p, bytes.as_slice(), &mut out, &RunOptions::quiet(threads)).unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 9, "{lines:#?}");
        assert_eq!(s.documents, 9);
        assert_eq!(s.failures.len(), 4);
        for (i, (id, _)) in support::TEXTS.iter().enumerate() {
            assert_eq!(lines[i]["id"], *id);
            assert!(lines[i].get("error").is_none());
        }
        assert_eq!(lines[5]["id"], "stdin:6");
        assert!(
            lines[5]["error"].as_str().unwrap().contains("JSON"),
            "{}",
            lines[5]
        );
        assert_eq!(
            lines[6],
            serde_json::json!({"id": "loi", "error": "stage `fragile`: found `lỗi`"})
        );
        assert_eq!(lines[7]["id"], "khong-text");
        assert!(lines[7]["error"].as_str().unwrap().contains("text"));
        assert_eq!(lines[8]["id"], "stdin:10");
    }
    let _ = InputSource::Stdin;
}

#[test]
fn an_output_that_cannot_be_written_stops_the_run_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    // `output` names an existing file, not a directory.
    std::fs::write(dir.path().join("ra"), "một tệp").unwrap();
    let yaml =
        "name: test\ninput: { path: corpus }\nstages: [lexer]\noutputs: [jsonl]\noutput: ra\n";
    let p = parse(yaml, "test.yaml", dir.path(), &Overrides::default()).unwrap();
    let docs = corpus(3).into_iter().map(Ok);
    match run_documents(&p, docs, &RunOptions::quiet(2)) {
        Err(sen_pipeline::Error::Output { path, .. }) => assert_eq!(path, dir.path().join("ra")),
        other => panic!("expected an output error, got {other:?}"),
    }
}

#[test]
fn a_jsonl_file_is_parsed_on_the_workers_in_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    let mut input = String::new();
    for (i, d) in corpus(120).iter().enumerate() {
        if i == 50 {
            input.push_str("{\"id\": \"hong\", \"text\": \n\n");
        }
        input.push_str(
            &serde_json::json!({"id": d.id, "text": d.text, "date": "2025-10-29"}).to_string(),
        );
        input.push('\n');
    }
    let file = dir.path().join("tin.jsonl");
    std::fs::write(&file, input).unwrap();
    let mut outputs = Vec::new();
    for threads in [1, 2] {
        let out = dir.path().join(format!("ra-{threads}"));
        let yaml = "name: test\ninput: { path: corpus, format: text }\nstages: [lexer, names, meetings]\noutputs: [jsonl]\n";
        let o = Overrides {
            input: Some(InputSource::Path(file.clone())),
            output: Some(out.clone()),
        };
        let p = parse(yaml, "test.yaml", dir.path(), &o).unwrap();
        let s = sen_pipeline::run(&p, &RunOptions::quiet(threads)).unwrap();
        assert_eq!(s.documents, 121);
        assert_eq!(s.failures.len(), 1);
        let expected_id = format!("{}:51", file.display());
        assert_eq!(s.failures[0].id, expected_id);
        outputs.push(std::fs::read(out.join("annotations.jsonl")).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    let first: serde_json::Value =
        serde_json::from_slice(outputs[0].split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["id"], corpus(1)[0].id);
    assert_eq!(first["meta"]["date"], "2025-10-29");
}

#[test]
fn the_summary_says_where_the_time_went_stage_by_stage() {
    let dir = tempfile::tempdir().unwrap();
    let p = pipeline(dir.path(), STAGES, "jsonl");
    let docs = || corpus(40).into_iter().map(Ok::<_, Failure>);
    let first = run_documents(&p, docs(), &RunOptions::quiet(2)).unwrap();
    let names: Vec<&str> = first.stages.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["lexer", "names", "meetings"]);
    let busy: std::time::Duration = first.stages.iter().map(|(_, d)| *d).sum();
    assert!(busy > std::time::Duration::ZERO);
    let phases: Vec<&str> = first.phases.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(phases, ["reading", "rendering", "writing", "corpus stages"]);
    let table = first.stage_table();
    assert!(
        table.contains("(corpus stages)") && table.contains("wall time"),
        "{table}"
    );
    for name in names {
        assert!(table.lines().any(|l| l.starts_with(name)), "{table}");
    }
    // a second run of the same pipeline counts its own time only
    let second = run_documents(&p, docs().take(1), &RunOptions::quiet(1)).unwrap();
    let again: std::time::Duration = second.stages.iter().map(|(_, d)| *d).sum();
    assert!(
        again < busy,
        "{again:?} of one document vs {busy:?} of forty"
    );
}
