//! Every pipeline of `pipelines/` on every document of its corpus: the per-document JSON
//! (the jsonl output's line) is snapshotted in `snapshots/pipelines/<pipeline>/<doc-id>.snap`.
//! A change in any stage's output shows up here as a diff to review (README: "Reviewing
//! snapshots").

use std::path::{Path, PathBuf};

use sen_pipeline::{annotate, documents, load, Overrides};
use serde_json::Value;

// The plugins, as the binary links them.
use sen_annotate as _;
use sen_tokenize as _;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Objects one key a line; every element of an array on one line of its own (a token, an
/// entity, an event): diffs stay small and readable.
fn review_json(v: &Value, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent + 1);
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push_str("{\n");
            for (i, (k, v)) in m.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                review_json(v, indent + 1, out);
                out.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            out.push_str("[\n");
            for (i, v) in a.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&v.to_string());
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        v => out.push_str(&v.to_string()),
    }
}

#[test]
fn every_pipeline_on_its_corpus() {
    let mut pipelines: Vec<PathBuf> = std::fs::read_dir(root().join("pipelines"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    pipelines.sort();
    assert!(!pipelines.is_empty());
    let mut failed = Vec::new();
    for file in pipelines {
        let pipeline = load(&file, &Overrides::default()).unwrap_or_else(|e| panic!("{e:?}"));
        let dir = root().join("snapshots/pipelines").join(&pipeline.name);
        // The pipeline as it runs, every default filled in (`sen validate --resolved`).
        let resolved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insta::with_settings!({
                snapshot_path => root().join("snapshots/pipelines"),
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{}.resolved", pipeline.name), pipeline.resolved_yaml());
            });
        }));
        if resolved.is_err() {
            failed.push(format!("{}.resolved", pipeline.name));
        }
        let mut ids = Vec::new();
        for doc in documents(&pipeline).unwrap() {
            let mut doc = doc.unwrap_or_else(|f| {
                panic!("{}: {} cannot be read: {}", pipeline.name, f.id, f.reason)
            });
            annotate(&pipeline, &mut doc)
                .unwrap_or_else(|r| panic!("{}: {}: {r}", pipeline.name, doc.id));
            let mut text = String::new();
            review_json(&sen_emit::jsonl::document_json(&doc), 0, &mut text);
            let description = format!(
                "pipelines/{}: document {}",
                file.file_name().unwrap().to_string_lossy(),
                doc.id
            );
            // Check every document before failing, so one run writes every `.snap.new`.
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                insta::with_settings!({
                    snapshot_path => &dir,
                    prepend_module_to_snapshot => false,
                    omit_expression => true,
                    description => description,
                }, {
                    insta::assert_snapshot!(doc.id.clone(), text);
                });
            }));
            if checked.is_err() {
                failed.push(format!("{}/{}", pipeline.name, doc.id));
            }
            ids.push(doc.id.clone());
        }
        assert!(!ids.is_empty(), "{}: empty corpus", pipeline.name);
        // No snapshot left behind by a document that is gone.
        std::fs::create_dir_all(&dir).unwrap();
        let stale: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".snap").map(String::from))
            .filter(|n| !ids.contains(n))
            .collect();
        assert!(
            stale.is_empty(),
            "snapshots/pipelines/{}: no document any more for {stale:?}; delete them",
            pipeline.name
        );
    }
    assert!(
        failed.is_empty(),
        "snapshots differ or are missing for {failed:?}: review with `cargo insta review`"
    );
}

#[test]
fn review_json_puts_each_element_on_a_line() {
    let v: Value = serde_json::json!({"id": "a", "layers": {"tokens": [{"span": [0, 3]}, {"span": [4, 7]}]}, "meta": {}});
    let mut s = String::new();
    review_json(&v, 0, &mut s);
    assert_eq!(
        s,
        "{\n  \"id\": \"a\",\n  \"layers\": {\n    \"tokens\": [\n      {\"span\":[0,3]},\n      {\"span\":[4,7]}\n    ]\n  },\n  \"meta\": {}\n}"
    );
}
