//! The offset map: from byte offsets of the normalized text back to byte offsets of the
//! source file, so every annotation can be found in the original bytes.
//!
//! The map is a run of pieces that tile both texts in order. A *copied* piece has the
//! same bytes on both sides, so offsets inside it map one to one. A *replaced* piece
//! (a decoded legacy character, a re-placed tone mark, an inserted space, a deleted
//! zero-width space) maps as a whole: a span touching it covers all of its source bytes.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    src_start: usize,
    text_len: usize,
    src_len: usize,
    copied: bool,
}

impl Piece {
    fn text_end(&self) -> usize {
        self.text_start + self.text_len
    }
    fn src_end(&self) -> usize {
        self.src_start + self.src_len
    }
}

/// Maps spans of a document's `text` to byte ranges of its `source`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    text_len: usize,
    src_len: usize,
}

impl OffsetMap {
    /// The map of a text that is its source, byte for byte.
    pub fn identity(len: usize) -> Self {
        let mut m = OffsetMap::default();
        m.copy(len);
        m
    }

    /// Length of the normalized text this map covers.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// Length of the source this map covers.
    pub fn source_len(&self) -> usize {
        self.src_len
    }

    /// Append `len` bytes that are the same in source and text.
    pub fn copy(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            if last.copied && last.text_end() == self.text_len && last.src_end() == self.src_len {
                last.text_len += len;
                last.src_len += len;
                self.text_len += len;
                self.src_len += len;
                return;
            }
        }
        self.push(len, len, true);
    }

    /// Append `src_len` source bytes that became `text_len` text bytes (either may be 0:
    /// an insertion or a deletion).
    pub fn replace(&mut self, src_len: usize, text_len: usize) {
        if src_len == 0 && text_len == 0 {
            return;
        }
        self.push(src_len, text_len, false);
    }

    fn push(&mut self, src_len: usize, text_len: usize, copied: bool) {
        self.pieces.push(Piece {
            text_start: self.text_len,
            src_start: self.src_len,
            text_len,
            src_len,
            copied,
        });
        self.text_len += text_len;
        self.src_len += src_len;
    }

    /// Source offset where text offset `pos` starts.
    pub fn source_start(&self, pos: usize) -> usize {
        // The first piece that has text at or after `pos`; deletions before it are skipped.
        let i = self.pieces.partition_point(|p| p.text_end() <= pos);
        match self.pieces.get(i) {
            None => self.src_len,
            Some(p) if p.text_len == 0 => p.src_end(),
            Some(p) if p.copied => p.src_start + (pos.max(p.text_start) - p.text_start),
            Some(p) => p.src_start,
        }
    }

    /// Source offset where a span ending at text offset `pos` ends.
    pub fn source_end(&self, pos: usize) -> usize {
        // The last piece that has text before `pos`.
        let i = self.pieces.partition_point(|p| p.text_start < pos);
        if i == 0 {
            return 0;
        }
        let p = &self.pieces[i - 1];
        if p.copied {
            p.src_start + (pos.min(p.text_end()) - p.text_start)
        } else {
            p.src_end()
        }
    }

    /// The source byte range of the text range `text`.
    pub fn to_source(&self, text: Range<usize>) -> Range<usize> {
        if text.start >= text.end {
            let s = self.source_start(text.start);
            return s..s;
        }
        let start = self.source_start(text.start);
        let end = self.source_end(text.end).max(start);
        start..end
    }

    /// Chain maps: `self` maps text → middle, `inner` maps middle → source.
    /// The result maps text → source.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut out = OffsetMap::default();
        for p in &self.pieces {
            if !p.copied || p.text_len == 0 {
                let src = if p.text_len == 0 && p.src_len == 0 {
                    0..0
                } else {
                    inner.to_source(p.src_start..p.src_end())
                };
                out.push_raw(src.start, src.len(), p.text_len, false);
                continue;
            }
            // A copied piece may span several inner pieces: split it at their boundaries.
            let mut mid = p.src_start;
            let end = p.src_end();
            let mut i = inner.pieces.partition_point(|q| q.text_end() <= mid);
            while mid < end {
                let Some(q) = inner.pieces.get(i) else { break };
                let seg_end = q.text_end().min(end);
                let len = seg_end - mid;
                if q.copied {
                    out.push_raw(q.src_start + (mid - q.text_start), len, len, true);
                } else {
                    out.push_raw(q.src_start, q.src_len, len, false);
                }
                mid = seg_end;
                i += 1;
            }
        }
        out.src_len = inner.src_len;
        out
    }

    fn push_raw(&mut self, src_start: usize, src_len: usize, text_len: usize, copied: bool) {
        if copied {
            if let Some(last) = self.pieces.last_mut() {
                if last.copied && last.src_end() == src_start {
                    last.text_len += text_len;
                    last.src_len += src_len;
                    self.text_len += text_len;
                    return;
                }
            }
        }
        self.pieces.push(Piece {
            text_start: self.text_len,
            src_start,
            text_len,
            src_len,
            copied,
        });
        self.text_len += text_len;
        self.src_len = self.src_len.max(src_start + src_len);
    }

    /// Number of pieces (for tests and memory accounting).
    pub fn piece_count(&self) -> usize {
        self.pieces.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identity_maps_each_offset_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.to_source(2..7), 2..7);
        assert_eq!(m.to_source(0..10), 0..10);
        assert_eq!(m.to_source(4..4), 4..4);
    }

    #[test]
    fn replaced_piece_maps_as_a_whole() {
        // source "hoà" (h o a + U+0300, 5 bytes) normalized to "hòa" (h ò a, 4 bytes)
        let mut m = OffsetMap::default();
        m.copy(1); // h
        m.replace(4, 3); // "oà" -> "òa"
        assert_eq!(m.to_source(0..4), 0..5);
        assert_eq!(m.to_source(1..3), 1..5);
        assert_eq!(m.to_source(0..1), 0..1);
    }

    #[test]
    fn insertion_and_deletion() {
        // "nước.Chủ" -> "nước. Chủ": a space inserted after the period.
        let mut m = OffsetMap::default();
        m.copy(8); // "nước." is 8 bytes
        m.replace(0, 1);
        m.copy(4); // "Chủ"
        assert_eq!(m.to_source(9..13), 8..12);
        assert_eq!(m.to_source(0..8), 0..8);
        // a zero-width space (3 bytes) deleted between two words
        let mut d = OffsetMap::default();
        d.copy(2);
        d.replace(3, 0);
        d.copy(2);
        assert_eq!(d.to_source(2..4), 5..7);
        assert_eq!(d.to_source(0..4), 0..7);
    }

    #[test]
    fn compose_chains_decode_and_normalize() {
        // decode: 3 one-byte legacy chars -> 2-byte UTF-8 chars each (6 bytes)
        let mut decode = OffsetMap::default();
        for _ in 0..3 {
            decode.replace(1, 2);
        }
        // normalize: first char copied, the last two replaced by 3 bytes
        let mut norm = OffsetMap::default();
        norm.copy(2);
        norm.replace(4, 3);
        let m = norm.compose(&decode);
        assert_eq!(m.to_source(0..2), 0..1);
        assert_eq!(m.to_source(2..5), 1..3);
        assert_eq!(m.to_source(0..5), 0..3);
    }

    proptest! {
        /// Any sequence of edits gives a monotone map that stays inside the source.
        #[test]
        fn map_is_monotone_and_bounded(ops in prop::collection::vec((0usize..4, 0usize..4, any::<bool>()), 0..40)) {
            let mut m = OffsetMap::default();
            for (a, b, copy) in ops {
                if copy { m.copy(a) } else { m.replace(a, b) }
            }
            let n = m.text_len();
            let mut last = 0;
            for s in 0..=n {
                let r = m.to_source(s..n);
                prop_assert!(r.start <= r.end && r.end <= m.source_len());
                prop_assert!(r.start >= last);
                last = r.start;
            }
        }
    }
}
