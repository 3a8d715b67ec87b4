//! Keys of direct-mapped caches over short byte strings (a word's bytes, at most 15): the
//! tokenizer's scan memo and the segmenter's unit cache both compare 16 bytes instead of
//! re-reading the characters, since running text repeats its few thousand syllables.

/// `bytes[from..from + len]` (1 ≤ `len` ≤ 15) as two words, the bytes past the string
/// masked off and the length in the top byte (so strings ending in zero bytes stay
/// distinct), with the slot of a table of `2^bits` entries.
#[inline]
pub(crate) fn short_key(bytes: &[u8], from: usize, len: usize, bits: u32) -> (u64, u64, usize) {
    debug_assert!((1..=15).contains(&len) && from + len <= bytes.len());
    let (lo, hi) = if let Some(b) = bytes.get(from..from + 16) {
        let lo = u64::from_le_bytes(b[..8].try_into().unwrap());
        let hi = u64::from_le_bytes(b[8..].try_into().unwrap());
        // the bytes of the string kept, by its length (a table: no branches)
        const fn keep(n: usize) -> u64 {
            if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            }
        }
        const KEEP: [(u64, u64); 16] = {
            let mut t = [(0, 0); 16];
            let mut n = 0;
            while n < 16 {
                t[n] = (keep(n), keep(n.saturating_sub(8)));
                n += 1;
            }
            t
        };
        let (kl, kh) = KEEP[len & 15];
        (lo & kl, hi & kh)
    } else {
        let mut buf = [0u8; 16];
        buf[..len].copy_from_slice(&bytes[from..from + len]);
        (
            u64::from_le_bytes(buf[..8].try_into().unwrap()),
            u64::from_le_bytes(buf[8..].try_into().unwrap()),
        )
    };
    let hi = hi | (len as u64) << 56;
    let h = (lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ hi).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    (lo, hi, (h >> (64 - bits)) as usize)
}

#[cfg(test)]
mod tests {
    use super::short_key;
    use proptest::prelude::*;

    #[test]
    fn the_same_word_anywhere_has_the_same_key() {
        let text = "Hội nghị Cấp cao ASEAN: Hội";
        let at_start = short_key(text.as_bytes(), 0, "Hội".len(), 13);
        let at_end = short_key(text.as_bytes(), text.len() - "Hội".len(), "Hội".len(), 13);
        assert_eq!(at_start, at_end);
        assert_ne!(at_start, short_key(text.as_bytes(), 0, "Hội n".len(), 13));
    }

    proptest! {
        #[test]
        fn keys_are_equal_exactly_when_the_strings_are(
            a in proptest::collection::vec(any::<u8>(), 1..16),
            b in proptest::collection::vec(any::<u8>(), 1..16),
            pad_a in 0usize..20,
            pad_b in 0usize..20,
        ) {
            let mut ta = vec![b'x'; pad_a];
            ta.extend_from_slice(&a);
            ta.extend(std::iter::repeat_n(0xAA, pad_b));
            let mut tb = vec![0u8; pad_b];
            tb.extend_from_slice(&b);
            tb.extend(std::iter::repeat_n(0x55, pad_a));
            let ka = short_key(&ta, pad_a, a.len(), 13);
            let kb = short_key(&tb, pad_b, b.len(), 13);
            prop_assert_eq!((ka.0, ka.1) == (kb.0, kb.1), a == b);
            if a == b {
                prop_assert_eq!(ka.2, kb.2);
            }
        }
    }
}
