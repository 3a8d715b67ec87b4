//! Half-open byte ranges into a document's normalized text.

use serde::{Deserialize, Serialize};

/// `[start, end)` in bytes of [`crate::Document::text`]. Every annotation has one.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics if the span is not on char boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_and_relations() {
        let text = "Hà Nội và Kuala Lumpur";
        let ha_noi = Span::new(0, "Hà Nội".len());
        assert_eq!(ha_noi.slice(text), "Hà Nội");
        let kl = Span::new(text.find("Kuala").unwrap(), text.len());
        assert_eq!(kl.slice(text), "Kuala Lumpur");
        assert!(!ha_noi.overlaps(kl));
        assert!(ha_noi.cover(kl).contains(kl));
        assert_eq!(ha_noi.cover(kl).slice(text), text);
    }
}
