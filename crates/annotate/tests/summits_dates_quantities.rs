//! The `dates` and `quantities` plugins on the five sample articles, scored against the
//! gold files as GUIDELINES.md says: one entry per distinct surface, text compared after
//! NFC, case folding and one tone-mark convention, value (and a quantity's unit) compared exactly (a gold
//! `XXXX-MM-DD` also accepts any resolved year). The floors sit just under what the
//! plugins reach, so a regression fails.

use std::path::{Path, PathBuf};

use sen_core::{annotator::find_plugin, Document, Settings};
use unicode_normalization::UnicodeNormalization;

// The registrations live in sen-annotate; naming the crate keeps them linked.
use sen_annotate as _;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// A sample article as a document: the ` date YYYY-MM-DD` header line gives the date.
/// (The text keeps the header; in the pipeline, ingest records it as a deletion.)
fn load(stem: &str) -> Document {
    let text =
        std::fs::read_to_string(corpus().join("summits").join(format!("{stem}.txt"))).unwrap();
    let mut doc = Document::from_text(stem, text.clone());
    if let Some(rest) = text.trim_start().strip_prefix("date ") {
        doc.meta.date = rest.get(..10).map(str::to_string);
    }
    doc
}

fn gold(stem: &str) -> serde_json::Value {
    let s = std::fs::read_to_string(corpus().join("summits-gold").join(format!("{stem}.json")))
        .unwrap();
    serde_json::from_str(&s).unwrap()
}

fn stems() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(corpus().join("summits"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    v.sort();
    v
}

/// NFC, lowercase, and the modern tone-mark placement (`hoà` → `hòa`).
fn fold(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    let mut out = s.clone();
    for (old, new) in [
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ] {
        out = out.replace(old, new);
    }
    out
}

fn value_matches(gold: &str, sys: &str) -> bool {
    if gold == sys {
        return true;
    }
    match gold.strip_prefix("XXXX") {
        Some(rest) => {
            sys.len() == gold.len()
                && sys[4..] == *rest
                && sys[..4].bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[derive(Default)]
struct Score {
    tp: usize,
    gold: usize,
    sys: usize,
}

impl Score {
    fn add(&mut self, gold: &[(String, String)], sys: &[(String, String)]) -> Vec<String> {
        self.gold += gold.len();
        self.sys += sys.len();
        let mut used = vec![false; gold.len()];
        let mut misses = Vec::new();
        for (t, v) in sys {
            let hit = gold
                .iter()
                .enumerate()
                .find(|(i, (gt, gv))| !used[*i] && fold(gt) == fold(t) && value_matches(gv, v));
            match hit {
                Some((i, _)) => {
                    used[i] = true;
                    self.tp += 1;
                }
                None => misses.push(format!("  extra  {t:?} = {v}")),
            }
        }
        for (i, (t, v)) in gold.iter().enumerate() {
            if !used[i] {
                misses.push(format!("  missed {t:?} = {v}"));
            }
        }
        misses
    }

    fn f1(&self) -> (f64, f64, f64) {
        let p = if self.sys == 0 {
            0.0
        } else {
            self.tp as f64 / self.sys as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Distinct surfaces, in text order.
fn distinct(v: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for x in v {
        if !out.iter().any(|y| y.0 == x.0) {
            out.push(x);
        }
    }
    out
}

fn run(stage: &str, doc: &mut Document) {
    let Some(plugin) = find_plugin(stage) else {
        return;
    };
    (plugin.build)(&Settings::none())
        .unwrap()
        .annotate(doc)
        .unwrap();
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[test]
fn dates_and_quantities_on_the_samples() {
    let mut dates = Score::default();
    let mut quantities = Score::default();
    let mut report = Vec::new();
    for stem in stems() {
        let mut doc = load(&stem);
        run("dates", &mut doc);
        run("quantities", &mut doc);
        let g = gold(&stem);
        let gold_dates: Vec<(String, String)> = g["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["text"].as_str().unwrap().to_string(),
                    d["value"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let sys_dates = distinct(
            doc.layers
                .dates
                .iter()
                .map(|d| (doc.slice(d.span).to_string(), d.value.clone()))
                .collect(),
        );
        let gold_q: Vec<(String, String)> = g["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (
                    q["text"].as_str().unwrap().to_string(),
                    format!(
                        "{} {}",
                        fmt_num(q["value"].as_f64().unwrap()),
                        q["unit"].as_str().unwrap()
                    ),
                )
            })
            .collect();
        let sys_q = distinct(
            doc.layers
                .quantities
                .iter()
                .map(|q| {
                    (
                        doc.slice(q.span).to_string(),
                        format!("{} {}", fmt_num(q.value), q.unit),
                    )
                })
                .collect(),
        );
        report.push(stem.to_string());
        report.extend(
            dates
                .add(&gold_dates, &sys_dates)
                .into_iter()
                .map(|m| format!("  date{m}")),
        );
        report.extend(
            quantities
                .add(&gold_q, &sys_q)
                .into_iter()
                .map(|m| format!("  qty {m}")),
        );
    }
    let (dp, dr, df) = dates.f1();
    let (qp, qr, qf) = quantities.f1();
    println!("{}", report.join("\n"));
    println!(
        "dates      P {dp:.3} R {dr:.3} F1 {df:.3}  ({} gold, {} system, {} matched)",
        dates.gold, dates.sys, dates.tp
    );
    println!(
        "quantities P {qp:.3} R {qr:.3} F1 {qf:.3}  ({} gold, {} system, {} matched)",
        quantities.gold, quantities.sys, quantities.tp
    );
    assert!(df >= 0.95, "dates F1 {df:.3} under the floor");
    assert!(qf >= 0.95, "quantities F1 {qf:.3} under the floor");
}

#[test]
fn settings_come_from_yaml_and_unknown_keys_fail() {
    let dates = find_plugin("dates").expect("dates is registered");
    assert!((dates.build)(&Settings::from_yaml(
        "reference_date: '2020-03-01'\nbare_day_month: false\n"
    ))
    .is_ok());
    let err = (dates.build)(&Settings::from_yaml("referenc_date: '2020-03-01'\n"))
        .err()
        .expect("unknown key");
    assert!(err.message.contains("referenc_date"), "{}", err.message);
    assert!((dates.build)(&Settings::from_yaml("reference_date: 'last week'\n")).is_err());
    let quantities = find_plugin("quantities").expect("quantities is registered");
    assert!((quantities.build)(&Settings::from_yaml("units: [xe tăng, khinh hạm]\n")).is_ok());
    assert!((quantities.build)(&Settings::from_yaml("unit: [xe tăng]\n")).is_err());
    assert_eq!(
        (dates.defaults)()["bare_day_month"],
        serde_json::Value::Bool(true)
    );
}
