//! Emitters stream: the heap they hold does not grow with the number of documents.
//!
//! A counting allocator measures the live heap while every output format writes the same
//! corpus of 50 and then 2 000 documents; what stays allocated between documents must not
//! scale with their number.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use sen_core::layers::{Entity, EntityLabel, Sentence, Token, TokenKind, Word};
use sen_core::{Document, Span};
use sen_emit::{emitter, Corpus, OUTPUTS};

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// The count is global: the tests here measure one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn document(n: usize) -> Document {
    let text =
        "Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Indonesia Prabowo Subianto tại Jakarta.";
    let mut doc = Document::from_text(format!("bai-{n:05}"), text);
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(Token {
                    span: Span::new(s, i),
                    kind: TokenKind::Syllable,
                });
                start = None;
            }
            _ => {}
        }
        if c == '.' {
            tokens.push(Token {
                span: Span::new(i, i + 1),
                kind: TokenKind::Punct,
            });
        }
    }
    doc.layers.words = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| Word {
            span: t.span,
            tokens: (i, i + 1),
        })
        .collect();
    doc.layers.sentences = vec![Sentence {
        span: Span::new(0, text.len()),
        tokens: (0, tokens.len()),
    }];
    doc.layers.tokens = tokens;
    let at = |s: &str| Span::new(text.find(s).unwrap(), text.find(s).unwrap() + s.len());
    doc.layers.entities = vec![
        Entity {
            span: at("Phạm Minh Chính"),
            label: EntityLabel::Person,
            canonical: "Phạm Minh Chính".into(),
            kb_id: None,
            attrs: Default::default(),
        },
        Entity {
            span: at("Indonesia"),
            label: EntityLabel::Country,
            canonical: "Indonesia".into(),
            kb_id: Some("ID".into()),
            attrs: Default::default(),
        },
    ];
    doc
}

/// Live heap after writing `n` documents through every output, before `finish`.
fn live_after(n: usize) -> isize {
    let dir = tempfile::tempdir().unwrap();
    let mut emitters: Vec<_> = OUTPUTS
        .iter()
        .filter_map(|o| emitter(o, dir.path()))
        .map(|e| e.unwrap())
        .collect();
    let doc = document(0);
    // Warm up buffers, then measure.
    for e in emitters.iter_mut() {
        e.document(&doc).unwrap();
    }
    let before = LIVE.load(Ordering::Relaxed);
    for i in 1..n {
        let doc = document(i);
        for e in emitters.iter_mut() {
            e.document(&doc).unwrap();
        }
    }
    let grown = LIVE.load(Ordering::Relaxed) - before;
    for e in emitters.iter_mut() {
        e.finish(&Corpus {
            name: "t",
            events: &[],
            failures: &[],
        })
        .unwrap();
    }
    grown
}

#[test]
fn heap_does_not_grow_with_documents() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let small = live_after(50);
    let large = live_after(2_000);
    // 1 950 more documents may not keep more than a few KiB more (buffers settle).
    assert!(
        large - small < 16 * 1024,
        "live heap grew by {small} B for 50 documents, {large} B for 2000"
    );
}

/// Live heap after giving `n` corpus events to every output, before `finish`.
fn live_after_events(n: usize) -> isize {
    let dir = tempfile::tempdir().unwrap();
    let mut emitters: Vec<_> = OUTPUTS
        .iter()
        .filter_map(|o| emitter(o, dir.path()))
        .map(|e| e.unwrap())
        .collect();
    let mut event = sen_emit::test_support::sample_corpus_events().remove(0);
    let evidence = event.mentions[0].evidence.clone();
    let mut give = |i: usize, emitters: &mut Vec<Box<dyn sen_emit::Emitter>>| {
        event.id = format!("ev-{i:05}");
        // Ever new evidence and documents, as in a real feed.
        event.mentions[0].doc = format!("bai-{i:05}");
        event.mentions[0].evidence = format!("{evidence} ({i})");
        for e in emitters.iter_mut() {
            e.event(&event).unwrap();
        }
    };
    give(0, &mut emitters);
    let before = LIVE.load(Ordering::Relaxed);
    for i in 1..n {
        give(i, &mut emitters);
    }
    let grown = LIVE.load(Ordering::Relaxed) - before;
    for e in emitters.iter_mut() {
        e.finish(&Corpus {
            name: "t",
            events: &[],
            failures: &[],
        })
        .unwrap();
    }
    grown
}

#[test]
fn corpus_events_are_not_kept() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let small = live_after_events(100);
    let large = live_after_events(4_100);
    // An event with its evidence is some 400 bytes; what an output may keep per event is
    // a few small numbers (the HTML report's timeline position, the pair it links).
    let per_event = (large - small) / 4_000;
    assert!(
        per_event < 128,
        "{per_event} B kept per corpus event ({small} B for 100, {large} B for 4 100)"
    );
}

/// Throughput of each output on a large tokenized article (release build:
/// `cargo test --release -p sen-emit --test streaming -- --ignored --nocapture`).
#[test]
#[ignore = "measurement, not a check"]
fn throughput() {
    let base = sen_emit::test_support::sample_document();
    let mut text = String::new();
    while text.len() < 4 << 20 {
        text.push_str(&base.text);
    }
    let mut doc = Document::from_text("lon", text);
    sen_emit::test_support::tokenize(
        &mut doc,
        &["Thủ tướng", "Phạm Minh Chính", "hội đàm", "Kuala Lumpur"],
    );
    let mb = doc.text.len() as f64 / 1e6;
    let t = std::time::Instant::now();
    let line = sen_emit::jsonl::document_line(&doc);
    eprintln!(
        "document_line: {:.1} MB/s of text, {:.1} MB of JSON",
        mb / t.elapsed().as_secs_f64(),
        line.len() as f64 / 1e6
    );
    let t = std::time::Instant::now();
    let c = sen_emit::conllu::document_conllu(&doc);
    eprintln!(
        "document_conllu: {:.1} MB/s of text, {:.1} MB",
        mb / t.elapsed().as_secs_f64(),
        c.len() as f64 / 1e6
    );
    for o in OUTPUTS {
        let dir = tempfile::tempdir().unwrap();
        let Some(e) = emitter(o, dir.path()) else {
            continue;
        };
        let mut e = e.unwrap();
        let t = std::time::Instant::now();
        e.document(&doc).unwrap();
        e.finish(&Corpus {
            name: "t",
            events: &[],
            failures: &[],
        })
        .unwrap();
        let s = t.elapsed().as_secs_f64();
        eprintln!(
            "{o:>10}: {:7.1} MB/s of text ({} tokens)",
            mb / s,
            doc.layers.tokens.len()
        );
    }
}
