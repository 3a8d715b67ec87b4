//! Throughput of the text layer (a measurement, not a timed test: it asserts nothing about
//! time). Run in release:
//! `cargo test -p sen-tokenize --release --test speed -- --ignored --nocapture`

use std::path::Path;
use std::time::Instant;

use sen_ingest::{document_from_bytes, IngestOptions};

/// The normalized sample and extra articles, repeated to about 20 MB.
fn corpus() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut one = String::new();
    for dir in ["corpus/summits", "corpus/summits-extra"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for p in files {
            let doc =
                document_from_bytes("x", &std::fs::read(&p).unwrap(), &IngestOptions::default());
            one.push_str(&doc.text);
            one.push_str("\n\n");
        }
    }
    one.repeat((20 << 20) / one.len() + 1)
}

fn mb_per_s(bytes: usize, f: impl Fn() -> usize) -> f64 {
    let _ = f(); // warm up
    let mut best = f64::MAX;
    for _ in 0..8 {
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
    let tokens = sen_tokenize::tokenize(&text);
    let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(&text)).collect();
    println!("corpus: {:.1} MB, {} tokens", n as f64 / 1e6, tokens.len());
    println!(
        "tokenize:             {:8.1} MB/s",
        mb_per_s(n, || sen_tokenize::tokenize(&text).len())
    );
    println!(
        "sentences (given tokens): {:4.1} MB/s",
        mb_per_s(n, || sen_tokenize::sentences(&text, &tokens).len())
    );
    println!(
        "tokenize + sentences: {:8.1} MB/s",
        mb_per_s(n, || {
            let t = sen_tokenize::tokenize(&text);
            sen_tokenize::sentences(&text, &t).len()
        })
    );
    let plugin = sen_tokenize::plugin::Tokenize::new(Default::default());
    let sample = &text[..text.floor_char_boundary(2 << 20)];
    println!(
        "tokenize plugin (tokens, sentences, words): {:.1} MB/s",
        mb_per_s(sample.len(), || plugin.layers(sample).2.len())
    );
    println!(
        "syllable::parse per token: {:.1} M tokens/s",
        mb_per_s(words.len(), || words
            .iter()
            .filter(|w| sen_tokenize::syllable::is_valid(w))
            .count())
    );
}
