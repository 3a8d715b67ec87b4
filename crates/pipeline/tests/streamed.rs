//! Corpus events stream through the run: `merge_events` placed one event at a time, with
//! mentions and finished events on disk, writes what the same stage writes given the
//! whole list at once, for any thread count.

mod support;

use std::path::Path;

use sen_core::layers::CorpusEvent;
use sen_core::{AnnotateError, CorpusAnnotator, CorpusPlugin, Document};
use sen_pipeline::{parse, run_documents, Overrides, RunOptions};

use sen_annotate as _;

/// Changes nothing; a second corpus stage makes the runner hand the whole list over.
struct Noop;
impl CorpusAnnotator for Noop {
    fn annotate_corpus(&self, _: &mut Vec<CorpusEvent>) -> Result<(), AnnotateError> {
        Ok(())
    }
}

sen_core::inventory::submit! {
    CorpusPlugin {
        name: "noop",
        description: "changes nothing (test plugin)",
        requires: &[],
        defaults: || serde_json::Value::Null,
        build: |_| Ok(Box::new(Noop)),
    }
}

fn corpus(n: usize) -> impl Iterator<Item = Result<Document, sen_pipeline::Failure>> {
    (0..n).map(|i| {
        let (id, text) = support::TEXTS[i % support::TEXTS.len()];
        let mut d = Document::from_text(format!("{id}-{i:04}"), text);
        // Some undated (they never merge), the rest on a few days (they do).
        d.meta.date = (i % 3 != 0).then(|| format!("2025-10-{:02}", 1 + i % 4));
        Ok(d)
    })
}

fn outputs(dir: &Path, corpus_stages: &str, threads: usize) -> (String, String, u64) {
    let yaml = format!(
        "name: t\ninput: {{ path: . }}\nstages: [lexer, names, meetings]\n\
         corpus_stages: [{corpus_stages}]\noutputs: [events_csv, html]\noutput: out\n"
    );
    let p = parse(&yaml, "t.yaml", dir, &Overrides::default()).unwrap_or_else(|e| panic!("{e:?}"));
    let s = run_documents(&p, corpus(300), &RunOptions::quiet(threads)).unwrap();
    let read = |f: &str| std::fs::read_to_string(dir.join("out").join(f)).unwrap();
    (read("events.csv"), read("report.html"), s.corpus_events)
}

#[test]
fn streamed_merge_writes_what_the_whole_list_merge_writes() {
    let dir = tempfile::tempdir().unwrap();
    let whole = outputs(dir.path(), "merge_events, noop", 1);
    // Merged for real: fewer output events than meetings, some with several documents.
    assert!(whole.2 > 10 && whole.2 < 200, "{}", whole.2);
    assert!(whole.0.contains("; "), "no merged event");
    for threads in [1, 3] {
        let dir = tempfile::tempdir().unwrap();
        let streamed = outputs(dir.path(), "merge_events", threads);
        assert_eq!(streamed.2, whole.2);
        assert!(
            streamed.0 == whole.0,
            "events.csv differs ({threads} threads)"
        );
        assert!(
            streamed.1 == whole.1,
            "report.html differs ({threads} threads)"
        );
    }
}

#[test]
fn scratch_files_are_gone_after_the_run() {
    let dir = tempfile::tempdir().unwrap();
    outputs(dir.path(), "merge_events", 2);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["events.csv", "report.html"]);
}
