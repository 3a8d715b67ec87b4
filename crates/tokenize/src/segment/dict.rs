//! A set of multi-syllable words, keyed by the sequence of their syllable keys, with every
//! proper prefix marked so a scan over the text stops as soon as no entry can continue.
//!
//! Stored as an open-addressing table of `u64` (0 = empty); the two low bits of a slot are
//! flags (word, prefix), the rest is the sequence hash. It is part of the model file, so a
//! model and the dictionary it was trained with never drift apart.

use super::keys::{self, Unit};

/// Longest dictionary word the segmenter looks for, in syllables.
pub const MAX_LEN: usize = 6;

const WORD: u64 = 1;
const PREFIX: u64 = 2;
const FLAGS: u64 = 3;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dict {
    slots: Vec<u64>,
    mask: usize,
}

/// The hash of a syllable sequence, extended one key at a time.
#[inline]
pub(crate) fn extend(h: u64, key: u64) -> u64 {
    keys::finish(h.rotate_left(23) ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

pub(crate) const SEQ_START: u64 = 0x0D1C_7000_0000_0001;

impl Dict {
    /// Builds the set from entries given as syllable strings (`["hội", "đàm"]`);
    /// single-syllable entries and entries longer than [`MAX_LEN`] are skipped.
    pub fn build<'a, I, S>(entries: I) -> Dict
    where
        I: IntoIterator<Item = S>,
        S: IntoIterator<Item = &'a str>,
    {
        let mut items: Vec<(u64, u64)> = Vec::new();
        for entry in entries {
            let sylls: Vec<Unit> = entry.into_iter().map(keys::unit).collect();
            if sylls.len() < 2 || sylls.len() > MAX_LEN {
                continue;
            }
            let mut h = SEQ_START;
            for (i, u) in sylls.iter().enumerate() {
                h = extend(h, u.key);
                if i + 1 == sylls.len() {
                    items.push((h, WORD));
                } else if i >= 1 {
                    items.push((h, PREFIX));
                }
            }
        }
        let cap = (items.len() * 2).next_power_of_two().max(16);
        let mut d = Dict {
            slots: vec![0; cap],
            mask: cap - 1,
        };
        for (h, f) in items {
            d.insert(h, f);
        }
        d
    }

    fn insert(&mut self, h: u64, flag: u64) {
        let k = (h & !FLAGS).max(4);
        let mut i = (k >> 20) as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                self.slots[i] = k | flag;
                return;
            }
            if s & !FLAGS == k {
                self.slots[i] = s | flag;
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Flags of a sequence hash: (is a word, is a proper prefix of a longer word).
    #[inline]
    fn lookup(&self, h: u64) -> (bool, bool) {
        if self.slots.is_empty() {
            return (false, false);
        }
        let k = (h & !FLAGS).max(4);
        let mut i = (k >> 20) as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return (false, false);
            }
            if s & !FLAGS == k {
                return (s & WORD != 0, s & PREFIX != 0);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// For every start position, a bit mask of the lengths `l` (bit `l`) such that
    /// `units[s..s + l]` is a word of the dictionary. Only letter/digit tokens take part.
    pub(crate) fn matches(&self, units: &[Unit], out: &mut Vec<u8>) {
        out.clear();
        out.resize(units.len(), 0);
        for s in 0..units.len() {
            if !units[s].is_wordish() {
                continue;
            }
            let mut h = extend(SEQ_START, units[s].key);
            let mut mask = 0u8;
            for l in 2..=MAX_LEN.min(units.len() - s) {
                let u = units[s + l - 1];
                if !u.is_wordish() {
                    break;
                }
                h = extend(h, u.key);
                let (word, prefix) = self.lookup(h);
                if word {
                    mask |= 1 << l;
                }
                if !prefix {
                    break;
                }
            }
            out[s] = mask;
        }
    }

    pub fn len_slots(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn slots(&self) -> &[u64] {
        &self.slots
    }

    pub(crate) fn from_slots(slots: Vec<u64>) -> Option<Dict> {
        if slots.is_empty() {
            return Some(Dict::default());
        }
        if !slots.len().is_power_of_two() {
            return None;
        }
        let mask = slots.len() - 1;
        Some(Dict { slots, mask })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_and_stops_at_prefixes() {
        let d = Dict::build([
            vec!["hội", "đàm"],
            vec!["Hàn", "Quốc"],
            vec!["thành", "phố", "Hồ", "Chí", "Minh"],
        ]);
        let units: Vec<Unit> = "hai bên hội đàm tại Thành phố Hồ Chí Minh với hàn quốc"
            .split(' ')
            .map(keys::unit)
            .collect();
        let mut m = Vec::new();
        d.matches(&units, &mut m);
        assert_eq!(m[2], 1 << 2, "hội đàm");
        assert_eq!(m[5], 1 << 5, "Thành phố Hồ Chí Minh");
        assert_eq!(m[11], 1 << 2, "hàn quốc, any case");
        assert_eq!(m.iter().filter(|&&x| x != 0).count(), 3);
    }
}
