//! The whole summits chain on the sample articles and on the extra articles: every stage
//! of `pipelines/summits.yaml` in order (the agreed order when the file lists none), the
//! `summary` output written as a run writes it, scored against the gold files with the
//! scorer of `cargo xtask eval`. The floors are the targets on the samples
//! (events strict F1 ≥ 0.90, people F1 ≥ 0.95) and a generalization floor on the extras.
//!
//! See the scores: `cargo test -p sen-annotate --test summits_pipeline -- --nocapture`.

use std::path::{Path, PathBuf};

use sen_core::annotator::find_plugin;
use sen_core::{Document, Settings};
use sen_emit::summary::score::Report;
use sen_emit::summary::SummaryEmitter;
use sen_emit::Emitter;

use sen_annotate as _;
use sen_tokenize as _;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The stages the summits pipeline runs, in order.
fn stages() -> Vec<String> {
    let agreed = [
        "tokenize",
        "gazetteer",
        "people",
        "dates",
        "quantities",
        "places",
        "events",
    ];
    let listed: Vec<String> =
        std::fs::read_to_string(Path::new(ROOT).join("pipelines/summits.yaml"))
            .ok()
            .and_then(|y| listed_stages(&y))
            .unwrap_or_default();
    if listed.is_empty() {
        agreed.iter().map(|s| s.to_string()).collect()
    } else {
        listed
    }
}

/// The stage names of a `stages:` list (`- name` or `- name: {…}` items), read without a
/// YAML dependency: the file's own format is the pipeline crate's business.
fn listed_stages(yaml: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in yaml.lines() {
        let t = line.trim_end();
        if t.starts_with("stages:") {
            if t.contains('[') {
                let inner = t.split('[').nth(1)?.split(']').next()?;
                return Some(
                    inner
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                );
            }
            inside = true;
            continue;
        }
        if inside {
            let item = t.trim_start();
            if let Some(rest) = item.strip_prefix("- ") {
                out.push(rest.split(':').next()?.trim().to_string());
            } else if !item.is_empty() && !item.starts_with('#') && !line.starts_with(' ') {
                break;
            }
        }
    }
    Some(out)
}

/// An article as ingest gives it: the ` date YYYY-MM-DD` header goes to `meta.date`.
fn load(path: &Path) -> Document {
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

fn run_corpus(dir: &str, gold: &str) -> Report {
    for needed in ["gazetteer", "people", "places", "events"] {
        assert!(
            find_plugin(needed).is_some(),
            "stage `{needed}` is not registered"
        );
    }
    let stages: Vec<_> = stages()
        .into_iter()
        .map(|name| {
            let p =
                find_plugin(&name).unwrap_or_else(|| panic!("stage `{name}` is not registered"));
            (p.build)(&Settings::none()).unwrap()
        })
        .collect();
    let out = tempfile::tempdir().unwrap();
    let mut summary = SummaryEmitter::new(out.path()).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("corpus").join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for f in files {
        let mut doc = load(&f);
        for s in &stages {
            s.annotate(&mut doc).unwrap();
        }
        summary.document(&doc).unwrap();
    }
    let report = Report::score_dirs(
        &Path::new(ROOT).join("corpus").join(gold),
        &out.path().join("summary"),
    )
    .unwrap();
    println!("{dir}\n{}", report.to_text());
    for n in &report.notes {
        println!("{n}");
    }
    report
}

#[test]
fn summits_pipeline_on_the_samples() {
    let r = run_corpus("summits", "summits-gold");
    assert_eq!(r.missing_docs, 0);
    let people = r.f1("people");
    let strict = r.f1("events.strict");
    assert!(
        people >= 0.95,
        "people F1 {people:.3} under the target 0.95"
    );
    assert!(
        strict >= 0.90,
        "events strict F1 {strict:.3} under the target 0.90"
    );
    for (layer, floor) in [
        ("countries", 0.93),
        ("organizations", 0.85),
        ("dates", 0.95),
        ("quantities", 0.95),
    ] {
        let f = r.f1(layer);
        assert!(f >= floor, "{layer} F1 {f:.3} under the floor {floor}");
    }
}

#[test]
fn summits_pipeline_on_the_extra_articles() {
    let r = run_corpus("summits-extra", "summits-extra/gold");
    assert_eq!(r.missing_docs, 0);
    let people = r.f1("people");
    let strict = r.f1("events.strict");
    assert!(people >= 0.97, "people F1 {people:.3} under the floor");
    assert!(
        strict >= 0.98,
        "events strict F1 {strict:.3} under the floor"
    );
}

/// A meeting at a named venue: the event's place is the venue, in its city and country —
/// whether `events` runs right after `places` (and takes what it found) or alone on the
/// entities `places` left (and finds the places again). The city is never the venue's
/// own name.
#[test]
fn a_venue_s_city_is_its_city_whether_or_not_events_runs_right_after_places() {
    let text = "Chiều 26/10, tại Trung tâm hội nghị Kuala Lumpur, Thủ tướng Phạm Minh Chính \
                đã gặp Tổng thống Mỹ Donald Trump.";
    let build = |name: &str| (find_plugin(name).unwrap().build)(&Settings::none()).unwrap();
    // the pipeline's stages before `events`
    let upstream: Vec<_> = stages()
        .iter()
        .take_while(|n| *n != "events")
        .map(|n| build(n))
        .collect();
    assert!(upstream.len() >= 6, "places runs before events");
    let events = build("events");
    let annotate = |between: bool| {
        let mut doc = Document::from_text("t", text.to_string());
        doc.meta.date = Some("2025-10-26".into());
        for s in &upstream {
            s.annotate(&mut doc).unwrap();
        }
        if between {
            // another document through `places` on this thread in between
            let mut other = Document::from_text("o", "Tại Hà Nội, hai bên hội đàm.".to_string());
            for s in &upstream {
                s.annotate(&mut other).unwrap();
            }
        }
        events.annotate(&mut doc).unwrap();
        doc.layers.events
    };
    let right_after = annotate(false);
    let alone = annotate(true);
    let meeting = right_after
        .iter()
        .find(|e| e.trigger.slice(text) == "gặp")
        .expect("the meeting is found");
    assert_eq!(meeting.location.city.as_deref(), Some("Kuala Lumpur"));
    assert_eq!(
        meeting.location.venue.as_deref(),
        Some("Trung tâm hội nghị Kuala Lumpur")
    );
    assert_eq!(meeting.location.country.as_deref(), Some("MY"));
    assert_eq!(right_after, alone);
}

/// A forum attended in one city is not the setting of talks told after it in another.
#[test]
fn a_forum_attended_in_one_city_is_not_the_occasion_of_talks_in_another() {
    let text = "Chiều 10/4, tại Thành phố Hồ Chí Minh, Thủ tướng Australia Anthony Albanese dự \
                Diễn đàn Doanh nghiệp Việt Nam - Australia. Sáng 11/4, tại Trụ sở Chính phủ ở \
                Hà Nội, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Anthony Albanese.";
    let build = |name: &str| (find_plugin(name).unwrap().build)(&Settings::none()).unwrap();
    let mut doc = Document::from_text("t", text.to_string());
    doc.meta.date = Some("2025-04-11".into());
    for s in stages() {
        build(&s).annotate(&mut doc).unwrap();
    }
    let e = &doc.layers.events;
    let forum = e
        .iter()
        .find(|e| e.trigger.slice(text) == "dự")
        .expect("the attendance");
    assert_eq!(
        forum.occasion.as_deref(),
        Some("Diễn đàn Doanh nghiệp Việt Nam - Australia")
    );
    let talks = e
        .iter()
        .find(|e| e.trigger.slice(text) == "hội đàm")
        .expect("the talks");
    assert_eq!(talks.location.city.as_deref(), Some("Hà Nội"));
    assert_eq!(talks.occasion, None, "{talks:#?}");
}

/// A meeting on the way to a summit is not at the summit.
#[test]
fn a_meeting_on_the_way_to_a_summit_is_not_at_it() {
    let text = "Từ ngày 15 đến 17/11, Chủ tịch nước Lương Cường dự Hội nghị Cấp cao APEC 2024 tại \
                Lima. Trước đó, trên đường tới Lima, ngày 14/11, Chủ tịch nước gặp Thủ tướng \
                Canada Justin Trudeau tại sân bay.";
    let build = |name: &str| (find_plugin(name).unwrap().build)(&Settings::none()).unwrap();
    let mut doc = Document::from_text("t", text.to_string());
    doc.meta.date = Some("2024-11-17".into());
    for s in stages() {
        build(&s).annotate(&mut doc).unwrap();
    }
    let meeting = doc
        .layers
        .events
        .iter()
        .find(|e| e.trigger.slice(text) == "gặp")
        .expect("the meeting");
    assert_eq!(meeting.occasion, None, "{meeting:#?}");
}
