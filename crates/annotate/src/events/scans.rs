//! The folded copy and the tokens of each sentence, handed from the `places` stage to the
//! `events` stage that follows it on the same thread: both read every sentence through
//! [`lex::fold_same_len`] and [`lex::tokens`], and the second reading cost as much as the
//! first.
//!
//! Both are pure functions of the sentence's text and its start, so a kept scan is taken
//! only when the sentence's text and start are the same bytes: a stage run alone, another
//! document, or a text changed between the stages just scans again. At most one
//! document's sentences are kept per thread, and `events` drops what it did not take.

use std::cell::RefCell;

use sen_core::Span;

use super::lex::{self, Tok};

/// One sentence as scanned: its text (to check a later match), folded copy and tokens.
struct Scan {
    start: usize,
    text: String,
    folded: String,
    toks: Vec<Tok>,
}

thread_local! {
    static KEPT: RefCell<Vec<Scan>> = const { RefCell::new(Vec::new()) };
}

/// The folded copy and the tokens of `text[span]`, scanned now.
pub fn scan(text: &str, span: Span) -> (String, Vec<Tok>) {
    (
        lex::fold_same_len(span.slice(text)),
        lex::tokens(text, span),
    )
}

/// Forget what was kept (at the start of a document's `places`, at the end of its
/// `events`).
pub fn forget() {
    KEPT.with(|k| k.borrow_mut().clear());
}

/// Keep the scan of `text[span]` for the `events` stage.
pub fn keep(text: &str, span: Span, folded: String, toks: Vec<Tok>) {
    KEPT.with(|k| {
        k.borrow_mut().push(Scan {
            start: span.start,
            text: span.slice(text).to_string(),
            folded,
            toks,
        })
    });
}

/// The kept scan of `text[span]` when one was kept for the same bytes at the same start,
/// else a new one.
pub fn take(text: &str, span: Span) -> (String, Vec<Tok>) {
    let kept = KEPT.with(|k| {
        let mut k = k.borrow_mut();
        let i = k.partition_point(|s| s.start < span.start);
        let s = k.get_mut(i)?;
        if s.start != span.start || s.text != span.slice(text) {
            return None;
        }
        Some((std::mem::take(&mut s.folded), std::mem::take(&mut s.toks)))
    });
    match kept {
        // (a scan already taken is empty: an empty sentence has no span here)
        Some((folded, toks)) if folded.len() == span.len() => (folded, toks),
        _ => scan(text, span),
    }
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
            keep(text, s, f, t);
        }
        assert_eq!(take(text, a), scan(text, a));
        // taken once: the second time is scanned again, the same
        assert_eq!(take(text, a), scan(text, a));
        // another text at the same place is scanned anew
        let other = "TẠI HÀ NỘI, HAI BÊN HỘI ĐÀM. SAU ĐÓ KÝ KẾT.";
        assert_eq!(other.len(), text.len());
        assert_eq!(take(other, b), scan(other, b));
        assert_eq!(take(text, b), scan(text, b));
        forget();
    }
}
