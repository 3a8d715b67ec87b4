//! Every output for the five sample articles of `corpus/summits`, snapshotted under
//! `snapshots/emit/`, and each checked by an outside reader: the JSON Schema, Python's
//! `conllu` package, the brat re-reader, Python's `csv` module and headless Chromium.
//!
//! The documents are built by the registered plugins, in the order `pipelines/summits.yaml`
//! lists them (stages not registered yet are left out, so the snapshots grow as the
//! annotators land). The files are written through `sen_emit::emitter`, as a run does.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sen_core::layers::{CorpusEvent, EventMention};
use sen_core::{Document, Settings};
use sen_emit::{emitter, test_support, Corpus, OUTPUTS};

// Name the plugin crates so their registrations are linked in.
use sen_annotate as _;
use sen_tokenize as _;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The stages of the summits pipeline: from its YAML file when it exists, else the
/// order the team agreed on.
/// Stage names with their settings, in order.
type Stages = Vec<(String, Settings)>;

fn stages() -> (Stages, Stages) {
    let path = Path::new(ROOT).join("pipelines/summits.yaml");
    let Ok(yaml) = std::fs::read_to_string(&path) else {
        let doc = [
            "tokenize",
            "gazetteer",
            "people",
            "dates",
            "quantities",
            "places",
            "events",
        ];
        return (
            doc.iter()
                .map(|s| (s.to_string(), Settings::none()))
                .collect(),
            vec![("merge_events".into(), Settings::none())],
        );
    };
    let v: serde_json::Value =
        serde_saphyr::from_str(&yaml).expect("pipelines/summits.yaml parses");
    let list = |key: &str| -> Stages {
        v.get(key)
            .and_then(|l| l.as_array())
            .map(|l| {
                l.iter()
                    .filter_map(|item| match item {
                        serde_json::Value::String(name) => Some((name.clone(), Settings::none())),
                        serde_json::Value::Object(m) => m.iter().next().map(|(name, s)| {
                            let s = if s.is_null() {
                                Settings::none()
                            } else {
                                Settings::from_yaml(s.to_string())
                            };
                            (name.clone(), s)
                        }),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    (list("stages"), list("corpus_stages"))
}

fn read_corpus() -> Vec<Document> {
    let dir = Path::new(ROOT).join("corpus/summits");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/summits")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            // Read as a run reads them: decoded, normalized, the ` date` header into meta.
            sen_ingest::document_from_bytes(
                &id,
                &std::fs::read(p).unwrap(),
                &sen_ingest::IngestOptions::default(),
            )
        })
        .collect()
}

/// One corpus event per document event, numbered in input order, before the corpus stages.
fn corpus_events(docs: &[Document]) -> Vec<CorpusEvent> {
    let mut out = Vec::new();
    for d in docs {
        for e in &d.layers.events {
            // As the runner does (sen-pipeline's `corpus_events`): the person's name, or
            // the id when the people layer lacks it.
            let (participants, countries): (Vec<String>, Vec<Option<String>>) = e
                .participants
                .iter()
                .map(
                    |p| match d.layers.people.iter().find(|q| q.id == p.person) {
                        Some(q) => (q.name.clone(), q.country.clone()),
                        None => (p.person.clone(), None),
                    },
                )
                .unzip();
            out.push(CorpusEvent {
                id: format!("ev-{:04}", out.len() + 1),
                kind: e.kind,
                date: e.date.clone(),
                participants,
                countries,
                location: e.location.clone(),
                occasion: e.occasion.clone(),
                modality: e.modality,
                cameo: e.cameo.clone(),
                plover: e.plover.clone(),
                mentions: vec![EventMention {
                    doc: d.id.clone(),
                    event: e.id.clone(),
                    evidence: d.slice(e.evidence).to_string(),
                    span: e.evidence,
                }],
            });
        }
    }
    out
}

struct Run {
    dir: PathBuf,
    docs: Vec<Document>,
    events: Vec<CorpusEvent>,
}

/// Annotate the sample articles and write every output, once for all the tests here.
fn run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let (doc_stages, corpus_stages) = stages();
        let mut docs = read_corpus();
        for (name, settings) in &doc_stages {
            let Some(plugin) = sen_core::annotator::find_plugin(name) else {
                eprintln!("note: stage `{name}` is not registered yet; left out");
                continue;
            };
            let stage = (plugin.build)(settings).unwrap_or_else(|e| panic!("{name}: {e}"));
            for d in &mut docs {
                stage
                    .annotate(d)
                    .unwrap_or_else(|e| panic!("{}: {e}", d.id));
            }
        }
        let mut events = corpus_events(&docs);
        for (name, settings) in &corpus_stages {
            if let Some(plugin) = sen_core::annotator::find_corpus_plugin(name) {
                let stage = (plugin.build)(settings).unwrap_or_else(|e| panic!("{name}: {e}"));
                stage
                    .annotate_corpus(&mut events)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summits-out");
        let _ = std::fs::remove_dir_all(&dir);
        let mut emitters: Vec<_> = OUTPUTS
            .iter()
            .filter_map(|name| emitter(name, &dir))
            .map(|e| e.expect("emitter opens"))
            .collect();
        for d in &docs {
            for e in emitters.iter_mut() {
                e.document(d).unwrap();
            }
        }
        let corpus = Corpus {
            name: "summits",
            events: &events,
            failures: &[],
        };
        for e in emitters.iter_mut() {
            e.finish(&corpus).unwrap();
        }
        Run { dir, docs, events }
    })
}

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn stem(d: &Document) -> String {
    sen_emit::atomic::safe_file_stem(&d.id)
}

macro_rules! snap {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "../../../snapshots/emit", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

/// A JSON object with each top-level field on its own line and each array element on its
/// own line: still JSON, and a snapshot diff shows which annotation changed.
fn diffable_json(v: &serde_json::Value) -> String {
    let mut out = String::from("{\n");
    let obj = v.as_object().unwrap();
    for (i, (k, val)) in obj.iter().enumerate() {
        out.push_str(&format!("  {}: ", serde_json::to_string(k).unwrap()));
        match val {
            serde_json::Value::Array(items) if !items.is_empty() => {
                out.push_str("[\n");
                for (j, it) in items.iter().enumerate() {
                    let sep = if j + 1 < items.len() { "," } else { "" };
                    out.push_str(&format!("    {it}{sep}\n"));
                }
                out.push_str("  ]");
            }
            _ => out.push_str(&val.to_string()),
        }
        out.push_str(if i + 1 < obj.len() { ",\n" } else { "\n" });
    }
    out.push('}');
    out
}

#[test]
fn jsonl_lines_match_the_schema_and_snapshots() {
    let run = run();
    let text = read(run.dir.join("annotations.jsonl"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), run.docs.len());
    for (line, doc) in lines.iter().zip(&run.docs) {
        test_support::assert_valid_line(line);
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["id"], doc.id.as_str());
        snap!(format!("jsonl__{}", stem(doc)), diffable_json(&v));
    }
}

#[test]
fn conllu_parses_and_snapshots() {
    let run = run();
    for doc in &run.docs {
        snap!(
            format!("conllu__{}", stem(doc)),
            read(run.dir.join("conllu").join(format!("{}.conllu", stem(doc))))
        );
    }
    let dir = run.dir.join("conllu");
    test_support::run_python("conllu", test_support::CONLLU_CHECK, &[&dir]);
}

#[test]
fn brat_spans_quote_their_text_and_snapshots() {
    let run = run();
    let b = run.dir.join("brat");
    for doc in &run.docs {
        let txt = read(b.join(format!("{}.txt", stem(doc))));
        assert_eq!(txt, doc.text);
        let ann = read(b.join(format!("{}.ann", stem(doc))));
        sen_emit::brat::verify(&txt, &ann).unwrap();
        snap!(format!("brat__{}", stem(doc)), ann);
    }
    snap!("brat__annotation.conf", read(b.join("annotation.conf")));
}

#[test]
fn events_csv_reads_back_and_snapshots() {
    let run = run();
    let path = run.dir.join("events.csv");
    let csv = read(&path);
    let script = r#"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][0] == "id" and all(len(r) == len(rows[0]) for r in rows), rows
print(len(rows) - 1)
"#;
    test_support::run_python("csv", script, &[&path]);
    assert_eq!(csv.matches("\r\nev-").count(), run.events.len());
    snap!("events_csv", csv);
}

#[test]
fn summary_files_are_json_and_snapshots() {
    let run = run();
    let dir = run.dir.join("summary");
    for doc in &run.docs {
        let text = read(dir.join(format!("{}.json", stem(doc))));
        let v: serde_json::Value = serde_json::from_str(&text).expect("summary is JSON");
        assert_eq!(v["doc"], doc.id.as_str());
        snap!(format!("summary__{}", stem(doc)), text);
    }
}

#[test]
fn html_report_renders_and_snapshots() {
    let run = run();
    let path = run.dir.join("report.html");
    let html = read(&path);
    assert_eq!(
        html.matches("<details class=\"doc\"").count(),
        run.docs.len()
    );
    snap!("report_html", html.clone());
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("summits-report.png");
    let Some(dom) = test_support::chromium(&path, &shot) else {
        return;
    };
    let attr = |n| test_support::body_attr(&dom, n);
    assert_eq!(attr("data-errors"), None, "script errors in the report");
    assert_eq!(
        attr("data-rendered-articles"),
        Some(run.docs.len().to_string())
    );
    assert_eq!(
        attr("data-rendered-events"),
        Some(run.events.len().to_string())
    );
    eprintln!("screenshot: {}", shot.display());
}
