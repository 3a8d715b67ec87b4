//! The `places` and `events` plugins scored against the gold files of the sample articles
//! (`corpus/summits-gold/`) and of the extra articles (`corpus/summits-extra/`), with the
//! scorer of `cargo xtask eval` (`sen_emit::summary::score`).
//!
//! Upstream layers: dates (and quantities) from their plugins; countries from the
//! `gazetteer` plugin when it is registered, else from the small name table below; people
//! from the gold files' mentions (an oracle people layer), so these floors measure the
//! event rules themselves. `summits_pipeline.rs` scores the whole chain.

use std::path::{Path, PathBuf};

use sen_core::annotator::find_plugin;
use sen_core::layers::{Entity, EntityLabel, Person};
use sen_core::{Document, Settings, Span};
use sen_emit::summary::score::Report;
use sen_emit::summary::Summary;

use sen_annotate as _;
use sen_tokenize as _;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// An article as ingest gives it: the ` date YYYY-MM-DD` header goes to `meta.date` and
/// out of the text (the source keeps it).
pub fn load(path: &Path) -> Document {
    let source = std::fs::read_to_string(path).unwrap();
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let trimmed = source.trim_start();
    let (date, text) = match trimmed.strip_prefix("date ") {
        Some(rest) if rest.len() >= 10 => (Some(rest[..10].to_string()), rest[10..].trim_start()),
        _ => (None, source.as_str()),
    };
    let mut doc = Document::from_text(stem, text.to_string());
    doc.source = source.as_bytes().to_vec();
    doc.meta.date = date;
    doc
}

fn run(stage: &str, doc: &mut Document) -> bool {
    let Some(plugin) = find_plugin(stage) else {
        return false;
    };
    (plugin.build)(&Settings::none())
        .unwrap()
        .annotate(doc)
        .unwrap();
    true
}

/// Vietnamese names of the countries the test articles name (used only when no gazetteer
/// is registered).
const COUNTRIES: &[(&str, &str)] = &[
    ("Việt Nam", "VN"),
    ("Hoa Kỳ", "US"),
    ("Mỹ", "US"),
    ("Hàn Quốc", "KR"),
    ("Canada", "CA"),
    ("Thái Lan", "TH"),
    ("Singapore", "SG"),
    ("Australia", "AU"),
    ("New Zealand", "NZ"),
    ("Malaysia", "MY"),
    ("Campuchia", "KH"),
    ("Trung Quốc", "CN"),
    ("Peru", "PE"),
    ("Nga", "RU"),
    ("Brunei", "BN"),
    ("Indonesia", "ID"),
    ("Nhật Bản", "JP"),
    ("Pháp", "FR"),
    ("Đức", "DE"),
    ("Ấn Độ", "IN"),
    ("Lào", "LA"),
    ("Philippines", "PH"),
    ("Brazil", "BR"),
    ("Nam Phi", "ZA"),
    ("Italy", "IT"),
    ("Mông Cổ", "MN"),
    ("Cuba", "CU"),
    ("Ai Cập", "EG"),
    ("Hungary", "HU"),
    ("Anh", "GB"),
    ("Việt", "VN"),
];

fn word_bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after = text[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before && after
}

fn find_all(text: &str, needle: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        if word_bounded(text, s, e) {
            out.push(Span::new(s, e));
        }
        from = e;
    }
    out
}

fn country_table(doc: &mut Document) {
    let mut taken: Vec<Span> = Vec::new();
    let mut es = Vec::new();
    for (name, code) in COUNTRIES {
        for s in find_all(&doc.text, name) {
            if taken.iter().any(|t| t.overlaps(s)) {
                continue;
            }
            taken.push(s);
            es.push(Entity {
                span: s,
                label: EntityLabel::Country,
                canonical: name.to_string(),
                kb_id: Some(code.to_string()),
                attrs: Default::default(),
            });
        }
    }
    doc.layers.entities.extend(es);
    doc.layers.entities.sort_by_key(|e| e.span);
}

/// The people layer the gold file describes: each mention string found in the text,
/// longest first, without overlaps.
fn gold_people(doc: &mut Document, gold: &serde_json::Value) {
    let mut all: Vec<(usize, String)> = Vec::new();
    let people = gold["people"].as_array().unwrap();
    for (i, p) in people.iter().enumerate() {
        for m in p["mentions"].as_array().unwrap() {
            all.push((i, m.as_str().unwrap().to_string()));
        }
    }
    all.sort_by_key(|(_, m)| std::cmp::Reverse(m.len()));
    let mut taken: Vec<(Span, usize)> = Vec::new();
    for (i, m) in &all {
        for s in find_all(&doc.text, m) {
            if !taken.iter().any(|(t, _)| t.overlaps(s)) {
                taken.push((s, *i));
            }
        }
    }
    doc.layers.people = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut mentions: Vec<Span> = taken
                .iter()
                .filter(|(_, k)| *k == i)
                .map(|(s, _)| *s)
                .collect();
            mentions.sort();
            Person {
                id: format!("p{}", i + 1),
                name: p["name"].as_str().unwrap().to_string(),
                titles: vec![],
                country: p["country"].as_str().map(str::to_string),
                mentions,
            }
        })
        .collect();
}

/// Score every article of `dir` against `gold_dir`, the events on an oracle people layer.
fn score_events(dir: &str, gold_dir: &str) -> Report {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut report = Report::default();
    for f in files {
        let mut doc = load(&f);
        let gold: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(corpus().join(gold_dir).join(format!("{}.json", doc.id)))
                .unwrap(),
        )
        .unwrap();
        run("tokenize", &mut doc);
        if !run("gazetteer", &mut doc) {
            country_table(&mut doc);
        }
        gold_people(&mut doc, &gold);
        run("dates", &mut doc);
        run("quantities", &mut doc);
        assert!(run("places", &mut doc));
        assert!(run("events", &mut doc));
        let summary = Summary::of(&doc);
        // `SEN_SUMMARY_DIR=dir` keeps the summaries, to score them with another scorer
        if let Some(dir) = std::env::var_os("SEN_SUMMARY_DIR") {
            let dir = Path::new(&dir).join(gold_dir.replace('/', "_"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{}.json", doc.id)), summary.to_json()).unwrap();
        }
        let sys = serde_json::to_value(&summary).unwrap();
        report.add_document(&gold, &sys);
    }
    println!("{}", report.to_text());
    for n in &report.notes {
        println!("{n}");
    }
    report
}

#[test]
fn events_on_the_samples() {
    let r = score_events("summits", "summits-gold");
    let strict = r.f1("events.strict");
    let lenient = r.f1("events.lenient");
    assert!(
        strict >= 0.95,
        "events strict F1 {strict:.3} under the floor"
    );
    assert!(
        lenient >= 0.95,
        "events lenient F1 {lenient:.3} under the floor"
    );
    let occ = r.occasion_acc().unwrap_or(0.0);
    assert!(occ >= 0.9, "occasion accuracy {occ:.3} under the floor");
}

#[test]
fn events_on_the_extra_articles() {
    let r = score_events("summits-extra", "summits-extra/gold");
    let strict = r.f1("events.strict");
    let lenient = r.f1("events.lenient");
    assert!(
        strict >= 0.98,
        "events strict F1 {strict:.3} under the floor"
    );
    assert!(
        lenient >= 0.99,
        "events lenient F1 {lenient:.3} under the floor"
    );
}

/// `cargo test --release -p sen-annotate --test summits_events -- --ignored --nocapture`:
/// throughput of `places` + `events` on the test articles (upstream layers prepared once).
#[test]
#[ignore = "a measurement, not a check"]
fn places_and_events_throughput() {
    let mut docs = Vec::new();
    for (dir, gold_dir) in [
        ("summits", "summits-gold"),
        ("summits-extra", "summits-extra/gold"),
    ] {
        for f in std::fs::read_dir(corpus().join(dir)).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let mut doc = load(&f);
            let gold: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(corpus().join(gold_dir).join(format!("{}.json", doc.id)))
                    .unwrap(),
            )
            .unwrap();
            run("tokenize", &mut doc);
            if !run("gazetteer", &mut doc) {
                country_table(&mut doc);
            }
            gold_people(&mut doc, &gold);
            run("dates", &mut doc);
            docs.push(doc);
        }
    }
    let places = (find_plugin("places").unwrap().build)(&Settings::none()).unwrap();
    let events = (find_plugin("events").unwrap().build)(&Settings::none()).unwrap();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 200;
    // copies made before the clock starts: only the two stages are timed
    let mut copies: Vec<Document> = (0..rounds).flat_map(|_| docs.iter().cloned()).collect();
    let t = std::time::Instant::now();
    for d in &mut copies {
        places.annotate(d).unwrap();
        events.annotate(d).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "places+events: {:.1} MB/s ({} bytes × {rounds} in {secs:.2} s)",
        (bytes * rounds) as f64 / secs / 1e6,
        bytes
    );
}

/// The documents of a corpus directory after places and events (oracle people layer).
fn annotated(dir: &str, gold_dir: &str) -> Vec<Document> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let mut doc = load(f);
            let gold: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(corpus().join(gold_dir).join(format!("{}.json", doc.id)))
                    .unwrap(),
            )
            .unwrap();
            run("tokenize", &mut doc);
            if !run("gazetteer", &mut doc) {
                country_table(&mut doc);
            }
            gold_people(&mut doc, &gold);
            run("dates", &mut doc);
            run("places", &mut doc);
            run("events", &mut doc);
            doc
        })
        .collect()
}

/// What the runner hands the corpus stages: one corpus event per document event.
fn corpus_events(docs: &[Document]) -> Vec<sen_core::layers::CorpusEvent> {
    use sen_core::layers::{CorpusEvent, EventMention};
    let mut out = Vec::new();
    for d in docs {
        for e in &d.layers.events {
            let people: Vec<&Person> = e
                .participants
                .iter()
                .filter_map(|p| d.layers.people.iter().find(|x| x.id == p.person))
                .collect();
            out.push(CorpusEvent {
                id: format!("ev-{:04}", out.len() + 1),
                kind: e.kind,
                date: e.date.clone(),
                participants: people.iter().map(|p| p.name.clone()).collect(),
                countries: people.iter().map(|p| p.country.clone()).collect(),
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

#[test]
fn merge_events_joins_the_same_meeting_across_the_samples() {
    let docs = annotated("summits", "summits-gold");
    let mut events = corpus_events(&docs);
    let before = events.len();
    let merge = (sen_core::annotator::find_corpus_plugin("merge_events")
        .expect("merge_events is registered")
        .build)(&Settings::none())
    .unwrap();
    merge.annotate_corpus(&mut events).unwrap();
    // 001 and 002 tell the 26/10 meeting of Phạm Minh Chính and Donald Trump in Kuala Lumpur
    let meeting: Vec<_> = events
        .iter()
        .filter(|e| {
            e.kind == sen_core::layers::EventType::Meeting
                && e.participants.contains(&"Phạm Minh Chính".to_string())
                && e.participants.contains(&"Donald Trump".to_string())
        })
        .collect();
    assert_eq!(meeting.len(), 1, "{meeting:#?}");
    let docs_of: Vec<&str> = meeting[0].mentions.iter().map(|m| &m.doc[..3]).collect();
    assert_eq!(docs_of, vec!["001", "002"]);
    assert_eq!(meeting[0].date.as_deref(), Some("2025-10-26"));
    // 000 and 003: Lương Cường's APEC meetings of 2025 and 2024 stay apart
    let lc_trump_or_biden = events
        .iter()
        .filter(|e| {
            e.kind == sen_core::layers::EventType::Meeting
                && e.participants.contains(&"Lương Cường".to_string())
                && e.participants.len() == 2
        })
        .count();
    assert!(lc_trump_or_biden >= 10);
    // no corpus event holds two mentions of one document
    for e in &events {
        let mut d: Vec<&str> = e.mentions.iter().map(|m| m.doc.as_str()).collect();
        let n = d.len();
        d.dedup();
        assert_eq!(d.len(), n, "{e:#?}");
    }
    // 002's proposal is the one 001 tells with the same words (`Theo đề xuất của …`)
    let proposal = events
        .iter()
        .find(|e| {
            e.kind == sen_core::layers::EventType::Proposal
                && e.mentions.iter().any(|m| m.doc.starts_with("002"))
        })
        .unwrap();
    assert!(
        proposal
            .mentions
            .iter()
            .any(|m| m.doc.starts_with("001") && m.evidence.starts_with("Theo đề xuất")),
        "{proposal:#?}"
    );
    assert!(events.len() < before);
    println!("{before} document events → {} corpus events", events.len());
}
