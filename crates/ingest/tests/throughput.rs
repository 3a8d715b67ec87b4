//! Throughput of decoding and normalization (a measurement, not a timed test: it asserts
//! nothing about time). Run in release:
//! `cargo test -p sen-ingest --release --test throughput -- --ignored --nocapture`

use std::path::Path;
use std::time::Instant;

use sen_ingest::{decode, legacy, normalize, Encoding, ToneMarks};
use unicode_normalization::UnicodeNormalization;

/// The sample articles, repeated to about 20 MB.
fn corpus() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut one = String::new();
    for dir in ["corpus/summits", "corpus/summits-extra"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for p in files {
            one.push_str(&std::fs::read_to_string(&p).unwrap());
            one.push_str("\n\n");
        }
    }
    one.repeat((20 << 20) / one.len() + 1)
}

fn mb_per_s(bytes: usize, f: impl Fn() -> usize) -> f64 {
    let _ = f();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    bytes as f64 / best / 1e6
}

#[test]
#[ignore = "measurement; run in release with --ignored --nocapture"]
fn throughput() {
    let text = corpus();
    let n = text.len();
    println!("corpus: {:.1} MB", n as f64 / 1e6);
    let bytes = text.as_bytes();
    println!(
        "decode UTF-8 (detect):       {:8.1} MB/s",
        mb_per_s(n, || decode(bytes, None).text.len())
    );
    println!(
        "normalize, modern:           {:8.1} MB/s",
        mb_per_s(n, || normalize(&text, ToneMarks::Modern).0.len())
    );
    println!(
        "normalize, traditional:      {:8.1} MB/s",
        mb_per_s(n, || normalize(&text, ToneMarks::Traditional).0.len())
    );
    let nfd: String = text.nfd().collect();
    println!(
        "normalize NFD input:         {:8.1} MB/s (of NFD bytes)",
        mb_per_s(nfd.len(), || normalize(&nfd, ToneMarks::Modern).0.len())
    );
    println!(
        "document_from_bytes:         {:8.1} MB/s",
        mb_per_s(n, || sen_ingest::document_from_bytes(
            "x",
            bytes,
            &Default::default()
        )
        .text
        .len())
    );
    let vni = legacy::encode_vni(
        &text
            .chars()
            .map(|c| {
                if legacy::encode_vni(&c.to_string()).is_some() {
                    c
                } else {
                    '?'
                }
            })
            .collect::<String>(),
    )
    .unwrap();
    println!(
        "decode VNI (detect):         {:8.1} MB/s (of VNI bytes)",
        mb_per_s(vni.len(), || {
            let d = decode(&vni, None);
            assert_eq!(d.encoding, Encoding::Vni);
            d.text.len()
        })
    );
}
