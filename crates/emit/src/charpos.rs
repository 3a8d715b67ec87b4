//! Byte offsets to character offsets, for formats that count characters (brat, CoNLL-U's
//! `TokenRange`). One pass over the text per document, whatever the number of spans.

/// Character offsets of a fixed set of byte offsets in one text.
pub struct CharIndex {
    /// (byte offset, character offset), sorted by byte offset.
    table: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Index the given byte offsets of `bytes` (UTF-8, or anything: every byte that is not a
    /// UTF-8 continuation byte counts as the start of a character).
    pub fn new(bytes: &[u8], offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = offsets.into_iter().map(|o| o.min(bytes.len())).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut table = Vec::with_capacity(wanted.len());
        let (mut byte, mut chars) = (0, 0);
        for w in wanted {
            chars += count_chars(&bytes[byte..w]);
            byte = w;
            table.push((w, chars));
        }
        CharIndex { table }
    }

    /// The character offset of an indexed byte offset.
    pub fn get(&self, byte: usize) -> usize {
        match self.table.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.table[i].1,
            // Not indexed (or past the end): the nearest indexed offset at or before it.
            Err(0) => 0,
            Err(i) => self.table[i - 1].1,
        }
    }
}

/// Character offsets of byte offsets visited in (mostly) increasing order: each call
/// counts only the bytes between the previous offset and this one.
pub struct CharCursor<'a> {
    bytes: &'a [u8],
    byte: usize,
    chars: usize,
}

impl<'a> CharCursor<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        CharCursor {
            bytes,
            byte: 0,
            chars: 0,
        }
    }

    pub fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        if byte >= self.byte {
            self.chars += count_chars(&self.bytes[self.byte..byte]);
        } else {
            self.chars -= count_chars(&self.bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
}

/// Characters in a UTF-8 byte slice (which may start or end inside a character).
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_moves_both_ways() {
        let t = "Thủ tướng Lương Cường";
        let mut c = CharCursor::new(t.as_bytes());
        let at = |s: &str| t.find(s).unwrap();
        assert_eq!(c.at(at("Cường")), 16);
        assert_eq!(c.at(at("tướng")), 4);
        assert_eq!(c.at(t.len()), t.chars().count());
        assert_eq!(c.at(0), 0);
    }

    #[test]
    fn vietnamese_offsets() {
        let t = "Hà Nội, Việt Nam";
        let idx = CharIndex::new(t.as_bytes(), [t.find("Việt").unwrap(), 0, t.len(), 3]);
        assert_eq!(idx.get(t.find("Việt").unwrap()), 8);
        assert_eq!(idx.get(t.len()), t.chars().count());
        assert_eq!(idx.get(3), 2);
        assert_eq!(idx.get(0), 0);
    }
}
