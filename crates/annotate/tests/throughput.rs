//! Throughput of the summits stages on the sample and extra articles, repeated: each stage
//! in thread CPU time (best of 5 passes; `SEN_ROUNDS` sets the repetitions), and the
//! `dates` and `quantities` finders alone. Not a timed test: run it on purpose,
//! `cargo test --release -p sen-annotate --test throughput -- --ignored --nocapture`.
//!
//! A speed change must not change what the stages find: `SEN_DUMP=before.jsonl cargo test
//! --release -p sen-annotate --test throughput -- --ignored dump_layers` before and
//! `SEN_DUMP=after.jsonl …` after write every layer of the bench documents and of the
//! articles (with and without a document date); the two files must be the same bytes.

use std::path::Path;
use std::time::Instant;

use sen_annotate::dates::{Dates, DatesSettings};
use sen_annotate::quantities::{Quantities, QuantitiesSettings};
use sen_core::annotator::find_plugin;
use sen_core::{Document, Settings};
use sen_tokenize as _;

// The allocator of the `sen` binary, so the figures are the ones a run sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[test]
#[ignore = "a measurement, not a check"]
fn dates_and_quantities_megabytes_per_second() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/summits");
    let mut text = String::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        text.push_str(&std::fs::read_to_string(p).unwrap());
        text.push('\n');
    }
    let dates = Dates::new(DatesSettings::default()).unwrap();
    let quantities = Quantities::new(QuantitiesSettings::default()).unwrap();
    let rounds = 400;
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        let d = dates.find(&text, Some("2025-10-29"), &[]);
        let skip: Vec<_> = d.iter().map(|d| d.span).collect();
        n += d.len() + quantities.find(&text, &skip, &[]).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (text.len() * rounds) as f64 / 1e6;
    println!(
        "dates+quantities: {:.1} MB/s ({mb:.1} MB in {secs:.2} s, {n} annotations)",
        mb / secs
    );
}

/// The stages of `pipelines/summits.yaml`, in order.
const STAGES: [&str; 7] = [
    "tokenize",
    "gazetteer",
    "people",
    "dates",
    "quantities",
    "places",
    "events",
];

/// Thread CPU time of the calling thread (other work on the machine does not count).
fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer; CLOCK_THREAD_CPUTIME_ID exists on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// The sample and extra articles, sorted within each folder.
fn article_files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut all = Vec::new();
    for dir in ["summits", "summits-extra"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        all.extend(files);
    }
    all
}

/// Documents shaped as `cargo xtask bench` makes them: runs of five paragraphs of the
/// sample and extra articles, each with a document date.
fn bench_documents() -> Vec<Document> {
    let mut paras = Vec::new();
    for f in article_files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        for chunk in paragraphs.chunks(5) {
            paras.push(chunk.join("\n\n"));
        }
    }
    paras
        .into_iter()
        .enumerate()
        .map(|(n, text)| {
            let mut doc = Document::from_text(format!("bench-{n:08}"), text);
            doc.meta.date = Some(format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1));
            doc
        })
        .collect()
}

/// Each stage of `pipelines/summits.yaml` timed on its own, in thread CPU time, over the
/// bench documents repeated; the best of several passes per stage is printed.
#[test]
#[ignore = "a measurement, not a check"]
fn summits_stages_thread_cpu() {
    let names = STAGES;
    let stages: Vec<_> = names
        .iter()
        .map(|n| (find_plugin(n).unwrap().build)(&Settings::none()).unwrap())
        .collect();
    let docs = bench_documents();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds: usize = std::env::var("SEN_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let passes = 5;
    let mut best = vec![f64::MAX; names.len()];
    let mut found = 0usize;
    for _ in 0..passes {
        let mut spent = vec![0.0; names.len()];
        for _ in 0..rounds {
            for base in &docs {
                let mut doc = base.clone();
                for (i, s) in stages.iter().enumerate() {
                    let t = thread_cpu();
                    s.annotate(&mut doc).unwrap();
                    spent[i] += thread_cpu() - t;
                }
                found += doc.layers.events.len();
            }
        }
        for (b, s) in best.iter_mut().zip(&spent) {
            *b = b.min(*s);
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    let mut total = 0.0;
    for (n, s) in names.iter().zip(&best) {
        total += s;
        println!("{n:>10}: {:8.1} MB/s  {:.4} s/MB", mb / s, s / mb);
    }
    let annot: f64 = best[1..].iter().sum();
    println!(
        "annotators: {:8.1} MB/s  {:.4} s/MB",
        mb / annot,
        annot / mb
    );
    println!(
        "     total: {:8.1} MB/s  {:.4} s/MB  ({mb:.1} MB per pass, {} docs, {found} events)",
        mb / total,
        total / mb,
        docs.len()
    );
}

/// Every layer the summits stages give the bench documents and the whole articles, as
/// JSON Lines in the file `SEN_DUMP` names: run before and after a speed change, the two
/// files must be the same bytes.
#[test]
#[ignore = "a tool for comparing runs, not a check"]
fn dump_layers() {
    let Ok(path) = std::env::var("SEN_DUMP") else {
        return;
    };
    let stages: Vec<_> = STAGES
        .iter()
        .map(|n| (find_plugin(n).unwrap().build)(&Settings::none()).unwrap())
        .collect();
    let mut docs = bench_documents();
    for f in article_files() {
        let source = std::fs::read_to_string(&f).unwrap();
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let trimmed = source.trim_start();
        let (date, text) = match trimmed.strip_prefix("date ") {
            Some(rest) if rest.len() >= 10 => {
                (Some(rest[..10].to_string()), rest[10..].trim_start())
            }
            _ => (None, source.as_str()),
        };
        let mut doc = Document::from_text(stem.clone(), text.to_string());
        doc.meta.date = date;
        docs.push(doc);
        // and without a document date
        docs.push(Document::from_text(
            format!("{stem}-undated"),
            text.to_string(),
        ));
    }
    let mut out = String::new();
    for mut doc in docs {
        for s in &stages {
            s.annotate(&mut doc).unwrap();
        }
        out.push_str(&serde_json::to_string(&(&doc.id, &doc.layers)).unwrap());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}
