//! Any bytes: decoding and normalization never panic, every span of the text maps into
//! the source, and normalizing the result again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sen_ingest::{document_from_bytes, normalize, IngestOptions, ToneMarks};

fuzz_target!(|data: &[u8]| {
    let doc = document_from_bytes("fuzz", data, &IngestOptions::default());
    assert_eq!(doc.offsets.text_len(), doc.text.len());
    let mut last = 0;
    for (i, _) in doc.text.char_indices().chain(std::iter::once((doc.text.len(), ' '))) {
        let r = doc.offsets.to_source(i..doc.text.len());
        assert!(r.start <= r.end && r.end <= data.len(), "span {i}.. maps outside the source");
        assert!(r.start >= last, "the map goes backwards at {i}");
        last = r.start;
    }
    for tones in [ToneMarks::Modern, ToneMarks::Traditional] {
        let (once, _) = normalize(&doc.text, tones);
        let (twice, _) = normalize(&once, tones);
        assert_eq!(once, twice, "normalization is not idempotent");
    }
});
