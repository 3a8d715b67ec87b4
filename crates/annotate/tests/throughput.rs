//! Throughput of the `dates` and `quantities` stages on the sample articles, repeated.
//! Not a timed test: run it on purpose,
//! `cargo test --release -p sen-annotate --test throughput -- --ignored --nocapture`.

use std::path::Path;
use std::time::Instant;

use sen_annotate::dates::{Dates, DatesSettings};
use sen_annotate::quantities::{Quantities, QuantitiesSettings};

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
