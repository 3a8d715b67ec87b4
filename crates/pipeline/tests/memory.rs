//! A run does not hold the corpus: the peak of the live heap is the same for 10 000 and
//! for 30 000 documents (documents, their outputs and their corpus events are let go of or
//! kept on disk as the run goes). One test in this binary: the allocator count is global.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use sen_core::Document;
use sen_pipeline::{parse, run_documents, Overrides, RunOptions};

use sen_annotate as _;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(by: isize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Peak heap above the start of a run over `n` documents made on the fly.
fn peak_of_run(n: usize) -> isize {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "name: t\ninput: { path: . }\nstages: [lexer, names, meetings]\n\
                corpus_stages: [merge_events]\noutputs: [events_csv]\noutput: out\n";
    let p = parse(yaml, "t.yaml", dir.path(), &Overrides::default()).unwrap();
    let docs = (0..n).map(|i| {
        let (id, text) = support::TEXTS[i % support::TEXTS.len()];
        let mut d = Document::from_text(format!("{id}-{i:05}"), text.repeat(1 + i % 3));
        // Undated meetings never merge: one output event each, as in a real feed.
        d.meta.date = (i % 2 == 0).then(|| format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
        Ok(d)
    });
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let s = run_documents(&p, docs, &RunOptions::quiet(2)).unwrap();
    assert_eq!(s.documents, n as u64);
    assert!(s.corpus_events as usize > n / 5, "{}", s.corpus_events);
    PEAK.load(Ordering::Relaxed) - base
}

#[test]
fn peak_heap_does_not_grow_with_the_corpus() {
    // Both runs fill the 1 MiB of mentions that may wait in memory for their chunk.
    let small = peak_of_run(10_000);
    let large = peak_of_run(30_000);
    eprintln!("peak heap: {small} B for 10 000 documents, {large} B for 30 000");
    // Held per corpus event, the 20 000 more events alone would be tens of megabytes;
    // what may grow is 16 bytes per output event and the merge's state of dated events.
    assert!(
        large < small + 1024 * 1024,
        "peak heap {small} B for 10 000 documents, {large} B for 30 000"
    );
}
