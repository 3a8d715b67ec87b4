//! Word lists keyed by the sequence of their syllable keys, and the lexicon: one hash table
//! holding, for every syllable sequence the model may ask about, whether it is a word of the
//! word list, of the training vocabulary, of the place names, a proper prefix of any of
//! them (so a scan stops as soon as nothing can continue), and for a syllable pair its
//! joined/split code from the training data (see [`super::stats`]).
//!
//! One probe answers all of it: the segmenter's lookups cost one random memory access per
//! syllable and candidate length, not one per list.

use std::collections::HashMap;

use super::keys::{self, Unit};

/// Longest dictionary word the segmenter looks for, in syllables.
pub const MAX_LEN: usize = 6;

const DICT: u64 = 1;
const VOCAB: u64 = 2;
const NAME: u64 = 4;
const PREFIX: u64 = 8;
/// The three lists' flags, in the order of [`super::features::Lookups::found`].
const FOUND: u64 = DICT | VOCAB | NAME;
const CODE_SHIFT: u32 = 4;
const FLAGS: u64 = 0xFF;

/// The hash of a syllable sequence, extended one key at a time.
#[inline]
pub(crate) fn extend(h: u64, key: u64) -> u64 {
    keys::finish(h.rotate_left(23) ^ key.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

pub(crate) const SEQ_START: u64 = 0x0D1C_7000_0000_0001;

/// The hash of a syllable pair (the same as a two-syllable word's).
#[inline]
pub(crate) fn pair(a: u64, b: u64) -> u64 {
    extend(extend(SEQ_START, a), b)
}

/// A word list: sequence hashes of its multi-syllable entries and of their proper prefixes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dict {
    words: Vec<u64>,
    prefixes: Vec<u64>,
}

impl Dict {
    /// From entries given as syllable strings (`["hội", "đàm"]`); single-syllable entries and
    /// entries longer than [`MAX_LEN`] are skipped.
    pub fn build<'a, I, S>(entries: I) -> Dict
    where
        I: IntoIterator<Item = S>,
        S: IntoIterator<Item = &'a str>,
    {
        let mut d = Dict::default();
        let mut keys = Vec::new();
        for entry in entries {
            keys.clear();
            keys.extend(entry.into_iter().map(|s| keys::unit(s).key));
            if keys.len() < 2 || keys.len() > MAX_LEN {
                continue;
            }
            let mut h = SEQ_START;
            for (i, &k) in keys.iter().enumerate() {
                h = extend(h, k);
                if i + 1 == keys.len() {
                    d.words.push(h);
                } else if i >= 1 {
                    d.prefixes.push(h);
                }
            }
        }
        d
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The lexicon table (open addressing; high bits the sequence hash, low 8 bits the flags,
/// 0 = empty slot).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    slots: Vec<u64>,
    mask: usize,
}

impl Lexicon {
    /// `pairs`: pair hashes with their codes 1..=15.
    pub(crate) fn build(dict: &Dict, vocab: &Dict, names: &Dict, pairs: &[(u64, u8)]) -> Lexicon {
        let mut flags: HashMap<u64, u64> = HashMap::new();
        for (d, bit) in [(dict, DICT), (vocab, VOCAB), (names, NAME)] {
            for &h in &d.words {
                *flags.entry(h & !FLAGS).or_default() |= bit;
            }
            for &h in &d.prefixes {
                *flags.entry(h & !FLAGS).or_default() |= PREFIX;
            }
        }
        for &(h, code) in pairs {
            *flags.entry(h & !FLAGS).or_default() |= (code as u64 & 0xF) << CODE_SHIFT;
        }
        let mut items: Vec<(u64, u64)> = flags.into_iter().filter(|(_, f)| *f != 0).collect();
        // insertion order decides probe positions: sorted, the table bytes are reproducible
        items.sort_unstable();
        let cap = (items.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; cap];
        let mask = cap - 1;
        for (k, f) in items {
            let k = k.max(FLAGS + 1);
            let mut i = (k >> 24) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k | f;
        }
        Lexicon { slots, mask }
    }

    #[inline]
    fn lookup(&self, h: u64) -> u64 {
        let k = (h & !FLAGS).max(FLAGS + 1);
        let mut i = (k >> 24) as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return 0;
            }
            if s & !FLAGS == k {
                return s & FLAGS;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Fills, for every start position `s`, bit masks of the lengths `l` (bit `l`) such that
    /// `units[s..s + l]` is a word of the word list / vocabulary / place names, and for every
    /// gap `j` the pair code of `units[j - 1]`, `units[j]`. Only letter/digit tokens take part.
    ///
    /// The table is larger than the caches, so a probe is mostly a miss: the pairs are
    /// hashed and probed first, each probe's slot fetched some positions ahead of it, and
    /// only pairs that begin a longer entry are followed further.
    pub(crate) fn matches(&self, units: &[Unit], look: &mut super::features::Lookups) {
        self.matches_from(units, |i| extend(SEQ_START, units[i].key), look);
    }

    /// [`Lexicon::matches`], given `seq(i)`: the sequence hash of `units[i]` alone
    /// (`extend(SEQ_START, key)`, which the segmenter keeps per distinct token text).
    #[inline]
    pub(crate) fn matches_from(
        &self,
        units: &[Unit],
        seq: impl Fn(usize) -> u64,
        look: &mut super::features::Lookups,
    ) {
        let n = units.len();
        for v in [&mut look.dict, &mut look.vocab, &mut look.names] {
            v.clear();
            v.resize(n, 0);
        }
        look.found.clear();
        look.found.resize(n, 0);
        look.pairs.clear();
        look.pairs.resize(n + 1, 0);
        if self.slots.is_empty() || n < 2 {
            look.fill_spans();
            return;
        }
        // the sequence hash of every wordish pair (0: not a pair of words)
        let hashes = &mut look.pair_hashes;
        hashes.clear();
        hashes.extend(units.windows(2).enumerate().map(|(i, w)| {
            if w[0].is_wordish() && w[1].is_wordish() {
                extend(seq(i), w[1].key)
            } else {
                0
            }
        }));
        const AHEAD: usize = 16;
        for &h in hashes.iter().take(AHEAD) {
            self.prefetch(h);
        }
        // pairs that begin a longer entry, followed one syllable further per round
        let next = &mut look.longer;
        next.clear();
        // (the outputs of each pair side by side: no index checks)
        let outs = (look.dict.iter_mut().zip(&mut look.vocab))
            .zip(look.names.iter_mut().zip(&mut look.found))
            .zip(&mut look.pairs[1..]);
        for (s, (&h, (((d, v), (nm, fo)), p))) in hashes.iter().zip(outs).enumerate() {
            if let Some(&h) = hashes.get(s + AHEAD) {
                self.prefetch(h);
            }
            if h == 0 {
                continue;
            }
            let f = self.lookup(h);
            *p = (f >> CODE_SHIFT) as u8;
            *d = ((f & DICT != 0) as u8) << 2;
            *v = ((f & VOCAB != 0) as u8) << 2;
            *nm = ((f & NAME != 0) as u8) << 2;
            *fo = ((f & FOUND) as u32) << 6;
            if f & PREFIX != 0 {
                next.push((s, h));
            }
        }
        // each round: extend every surviving sequence and fetch its slot, then probe them
        // all (the fetches overlap instead of each probe waiting for its own)
        let mut l = 3;
        while l <= MAX_LEN && !next.is_empty() {
            next.retain_mut(|(s, h)| {
                let Some(u) = units.get(*s + l - 1).filter(|u| u.is_wordish()) else {
                    return false;
                };
                *h = extend(*h, u.key);
                self.prefetch(*h);
                true
            });
            next.retain(|&(s, h)| {
                let f = self.lookup(h);
                look.dict[s] |= ((f & DICT != 0) as u8) << l;
                look.vocab[s] |= ((f & VOCAB != 0) as u8) << l;
                look.names[s] |= ((f & NAME != 0) as u8) << l;
                look.found[s] |= ((f & FOUND) as u32) << (3 * l);
                f & PREFIX != 0
            });
            l += 1;
        }
        look.fill_spans();
    }

    /// Asks the CPU to fetch the slot where the probe for `h` starts.
    #[inline(always)]
    fn prefetch(&self, h: u64) {
        #[cfg(target_arch = "x86_64")]
        {
            let k = (h & !FLAGS).max(FLAGS + 1);
            let i = (k >> 24) as usize & self.mask;
            let p = self.slots[i..].as_ptr() as *const i8;
            // SAFETY: a prefetch is only a hint; the address is inside the table.
            #[allow(unused_unsafe)]
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p)
            };
        }
    }

    pub(crate) fn slots(&self) -> &[u64] {
        &self.slots
    }

    pub(crate) fn from_slots(slots: Vec<u64>) -> Option<Lexicon> {
        if slots.is_empty() {
            return Some(Lexicon::default());
        }
        if !slots.len().is_power_of_two() {
            return None;
        }
        let mask = slots.len() - 1;
        Some(Lexicon { slots, mask })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::features::Lookups;

    #[test]
    fn one_probe_answers_every_list_and_stops_at_prefixes() {
        let dict = Dict::build([
            vec!["hội", "đàm"],
            vec!["thành", "phố", "Hồ", "Chí", "Minh"],
        ]);
        let names = Dict::build([vec!["Hàn", "Quốc"]]);
        let vocab = Dict::build([vec!["hội", "đàm"]]);
        let code = [(pair(keys::unit("hai").key, keys::unit("bên").key), 7u8)];
        let lex = Lexicon::build(&dict, &vocab, &names, &code);
        let units: Vec<Unit> = "hai bên hội đàm tại Thành phố Hồ Chí Minh với hàn quốc"
            .split(' ')
            .map(keys::unit)
            .collect();
        let mut look = Lookups::default();
        lex.matches(&units, &mut look);
        assert_eq!(look.dict[2], 1 << 2, "hội đàm");
        assert_eq!(look.vocab[2], 1 << 2, "hội đàm");
        assert_eq!(look.dict[5], 1 << 5, "Thành phố Hồ Chí Minh");
        assert_eq!(look.names[11], 1 << 2, "hàn quốc, any case");
        assert_eq!(look.dict.iter().filter(|&&x| x != 0).count(), 2);
        assert_eq!(look.pairs[1], 7);
        assert_eq!(look.pairs.iter().filter(|&&x| x != 0).count(), 1);
    }
}
