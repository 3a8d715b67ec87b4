//! People, countries and organizations (the `tokenize`, `gazetteer` and `people` stages
//! alone) on the sample articles and on the extra articles, through the `summary` output
//! and the scorer of `cargo xtask eval`, with floors. Each miss and extra is printed:
//! `cargo test -p sen-annotate --test summits_people -- --nocapture`.

use std::path::{Path, PathBuf};

use sen_core::annotator::find_plugin;
use sen_core::{Document, Settings};
use sen_emit::summary::score::{fold, Report};
use sen_emit::summary::SummaryEmitter;
use sen_emit::Emitter;
use serde_json::Value;

use sen_annotate as _;
use sen_tokenize as _;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

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
    doc.meta.date = date;
    doc
}

/// The values of `key` in a summary or gold file, folded as the scorer folds them.
fn folded(v: &Value, key: &str, field: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| match field {
                    Some(f) => x[f].as_str().map(str::to_string),
                    None => x.as_str().map(str::to_string),
                })
                .map(|s| fold(&s))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}

fn run(dir: &str, gold: &str) -> Report {
    let stages: Vec<_> = ["tokenize", "gazetteer", "people"]
        .iter()
        .map(|n| {
            let p = find_plugin(n).unwrap_or_else(|| panic!("stage `{n}` is not registered"));
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
    for f in &files {
        let mut doc = load(f);
        for s in &stages {
            s.annotate(&mut doc).unwrap();
        }
        summary.document(&doc).unwrap();
    }
    let gold_dir = Path::new(ROOT).join("corpus").join(gold);
    let sys_dir = out.path().join("summary");
    println!("== {dir}");
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy();
        let read = |d: &Path| -> Value {
            std::fs::read_to_string(d.join(format!("{stem}.json")))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or(Value::Null)
        };
        let (g, s) = (read(&gold_dir), read(&sys_dir));
        for (key, field) in [
            ("people", Some("name")),
            ("countries", None),
            ("organizations", None),
        ] {
            let (gv, sv) = (folded(&g, key, field), folded(&s, key, field));
            let missed: Vec<_> = gv.iter().filter(|x| !sv.contains(x)).collect();
            let extra: Vec<_> = sv.iter().filter(|x| !gv.contains(x)).collect();
            if !missed.is_empty() || !extra.is_empty() {
                println!("{stem} {key}: missed {missed:?} extra {extra:?}");
            }
        }
        // People found by both whose country differs.
        let country = |v: &Value, name: &str| {
            v["people"].as_array().and_then(|a| {
                a.iter()
                    .find(|p| p["name"].as_str().map(fold).as_deref() == Some(name))
                    .map(|p| p["country"].clone())
            })
        };
        for n in folded(&g, "people", Some("name")) {
            if let (Some(gc), Some(sc)) = (country(&g, &n), country(&s, &n)) {
                if gc != sc {
                    println!("{stem} country of {n}: {sc} ≠ gold {gc}");
                }
            }
        }
    }
    let report = Report::score_dirs(&gold_dir, &sys_dir).unwrap();
    println!("{}", report.to_text());
    report
}

fn floors(r: &Report, people: f64, country_of_people: f64, countries: f64, orgs: f64) {
    for (layer, floor) in [
        ("people", people),
        ("people.country", country_of_people),
        ("countries", countries),
        ("organizations", orgs),
    ] {
        let f = r.f1(layer);
        assert!(f >= floor, "{layer} F1 {f:.3} under the floor {floor}");
    }
}

#[test]
fn people_countries_organizations_on_the_samples() {
    let r = run("summits", "summits-gold");
    floors(&r, 0.95, 0.90, 0.93, 0.85);
}

#[test]
fn people_countries_organizations_on_the_extra_articles() {
    let r = run("summits-extra", "summits-extra/gold");
    floors(&r, 0.98, 0.97, 0.98, 0.95);
}
