//! Any text: tokens are in order, never overlap, cover every non-space character;
//! sentences and words tile the tokens in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let tokens = sen_tokenize::tokenize(text);
    let mut covered = vec![false; text.len()];
    let mut last = 0;
    for t in &tokens {
        assert!(t.span.start >= last && t.span.start < t.span.end, "overlap or empty token");
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        covered[t.span.start..t.span.end].iter_mut().for_each(|c| *c = true);
        last = t.span.end;
    }
    for (i, c) in text.char_indices() {
        assert!(c.is_whitespace() || covered[i], "{c:?} at {i} not covered");
    }
    let sentences = sen_tokenize::sentences(text, &tokens);
    let mut next = 0;
    for s in &sentences {
        assert_eq!(s.tokens.0, next, "sentences skip tokens");
        next = s.tokens.1;
    }
    assert_eq!(next, tokens.len());
    let words = sen_tokenize::segment::Segmenter::builtin().segment(text, &tokens);
    let mut next = 0;
    for w in &words {
        assert_eq!(w.tokens.0, next, "words skip tokens");
        assert!(w.tokens.1 > w.tokens.0);
        next = w.tokens.1;
    }
    assert_eq!(next, tokens.len());
    let _ = sen_tokenize::segment::segment_line(text.lines().next().unwrap_or(""));
});
