//! The folded copy and the tokens of each sentence, handed from the `places` stage to the
//! `events` stage that follows it on the same thread: both read every sentence through
//! [`lex::fold_same_len`] and [`lex::tokens`], and the second reading cost as much as the
//! first.
//!
//! Both are pure functions of the sentence's text and its start, so a kept scan is taken
//! only when the sentence's text and start are the same bytes: a stage run alone, another
//! document, or a text changed between the stages just scans again. At most one
//! document's sentences are kept per thread, and `events` drops what it did not take.
//!
//! The places and named occasions `places` found in the sentence go along: they also
//! depend on the entities, so they are taken only when the entity layer `events` sees is
//! the one `places` left (a fingerprint of its spans and labels), else `events` finds
//! them again.

use std::cell::RefCell;

use sen_core::layers::Entity;
use sen_core::Span;

use super::lex::{self, Tok};
use crate::places::{OccasionMention, PlaceMention};

/// One sentence as scanned: its text (to check a later match), folded copy and tokens,
/// and what `places` found in it.
struct Scan {
    start: usize,
    text: String,
    folded: String,
    toks: Vec<Tok>,
    found: Option<Found>,
}

/// The places and occasions `places` found in a sentence.
pub struct Found {
    pub places: Vec<PlaceMention>,
    pub occasions: Vec<OccasionMention>,
}

thread_local! {
    static KEPT: RefCell<Vec<Scan>> = const { RefCell::new(Vec::new()) };
    /// The fingerprint of the entity layer `places` left, when it finished.
    static SEALED: RefCell<Option<u64>> = const { RefCell::new(None) };
}

/// The folded copy and the tokens of `text[span]`, scanned now.
pub fn scan(text: &str, span: Span) -> (String, Vec<Tok>) {
    // (the document's fold, made once for the stages of this thread, when it holds these
    // bytes)
    let folded = crate::fold::folded_document(text)
        .folded(text, span.start, span.end)
        .map(str::to_string)
        .unwrap_or_else(|| lex::fold_same_len(span.slice(text)));
    (folded, lex::tokens(text, span))
}

/// Forget what was kept (at the start of a document's `places`, at the end of its
/// `events`).
pub fn forget() {
    KEPT.with(|k| k.borrow_mut().clear());
    SEALED.with(|s| *s.borrow_mut() = None);
}

/// `places` is done: what it found holds for this entity layer.
pub fn seal(entities: &[Entity]) {
    SEALED.with(|s| *s.borrow_mut() = Some(fingerprint(entities)));
}

/// Keep the scan of `text[span]` for the `events` stage, with what was found in it.
pub fn keep(text: &str, span: Span, folded: String, toks: Vec<Tok>, found: Option<Found>) {
    KEPT.with(|k| {
        k.borrow_mut().push(Scan {
            start: span.start,
            text: span.slice(text).to_string(),
            folded,
            toks,
            found,
        })
    });
}

/// Did `places` leave the entity layer as `entities` is (so what it found still holds)?
pub fn sealed_for(entities: &[Entity]) -> bool {
    SEALED
        .with(|s| *s.borrow())
        .is_some_and(|f| f == fingerprint(entities))
}

/// The kept scan of `text[span]` when one was kept for the same bytes at the same start,
/// else a new one; with what was found in it when `found` (see [`sealed_for`]) and it
/// was kept.
pub fn take(text: &str, span: Span, found: bool) -> (String, Vec<Tok>, Option<Found>) {
    let kept = KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let i = k.partition_point(|s| s.start < span.start);
        let s = k.get_mut(i)?;
        if s.start != span.start || s.text != span.slice(text) {
            return None;
        }
        Some((
            std::mem::take(&mut s.folded),
            std::mem::take(&mut s.toks),
            s.found.take().filter(|_| found),
        ))
    });
    match kept {
        // (a scan already taken is empty: an empty sentence has no span here)
        Some((folded, toks, found)) if folded.len() == span.len() => (folded, toks, found),
        _ => {
            let (folded, toks) = scan(text, span);
            (folded, toks, None)
        }
    }
}

/// A fingerprint of an entity layer: its spans and labels, in order.
fn fingerprint(entities: &[Entity]) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x5e4).build_hasher();
    entities.len().hash(&mut h);
    for e in entities {
        (e.span.start, e.span.end, e.label as u8).hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_scan_is_taken_only_for_the_same_bytes_at_the_same_start() {
        let text = "Tại Hà Nội, hai bên hội đàm. Sau đó ký kết.";
        let dot = text.find('.').unwrap() + 1;
        let a = Span::new(0, dot);
        let b = Span::new(dot + 1, text.len());
        forget();
        for s in [a, b] {
            let (f, t) = scan(text, s);
            keep(text, s, f, t, None);
        }
        let scanned = |text: &str, s: Span| {
            let (f, t, _) = take(text, s, false);
            (f, t)
        };
        assert_eq!(scanned(text, a), scan(text, a));
        // taken once: the second time is scanned again, the same
        assert_eq!(scanned(text, a), scan(text, a));
        // another text at the same place is scanned anew
        let other = "TẠI HÀ NỘI, HAI BÊN HỘI ĐÀM. SAU ĐÓ KÝ KẾT.";
        assert_eq!(other.len(), text.len());
        assert_eq!(scanned(other, b), scan(other, b));
        assert_eq!(scanned(text, b), scan(text, b));
        forget();
    }
}
