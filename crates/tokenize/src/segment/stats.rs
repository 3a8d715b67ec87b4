//! How often a pair of adjacent syllables was written as one word in the training data,
//! as a small code (how often seen × share joined), looked up per gap.
//!
//! The perceptron could memorize pairs by itself, but only for pairs of the sentences it
//! trains on, where such a feature is always right. Computed for each training sentence
//! from the *other* folds (jackknifing), the code behaves in training as it will on new
//! text, and the model learns how far to trust it.

use super::dict::{extend, SEQ_START};
use super::keys::Unit;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairStats {
    /// Open addressing: high bits the pair hash, low 4 bits the code (0 = empty slot).
    slots: Vec<u64>,
    mask: usize,
}

const CODE: u64 = 0xF;

#[inline]
fn pair(a: u64, b: u64) -> u64 {
    extend(extend(SEQ_START ^ 0x5A5A, a), b)
}

/// Code 1..=15 for `joined` and `split` counts (both not zero).
fn code(joined: u32, split: u32) -> u64 {
    let total = joined + split;
    let share = if joined == 0 {
        0
    } else if split == 0 {
        4
    } else {
        let r = joined as f64 / total as f64;
        if r < 0.34 {
            1
        } else if r < 0.67 {
            2
        } else {
            3
        }
    };
    let count = match total {
        1 => 0,
        2..=4 => 1,
        _ => 2,
    };
    1 + share * 3 + count
}

impl PairStats {
    /// From sentences given as token units with labels (1 = joined to the previous token).
    pub(crate) fn build<'a>(sents: impl IntoIterator<Item = (&'a [Unit], &'a [u8])>) -> PairStats {
        let mut counts: std::collections::HashMap<u64, (u32, u32)> = Default::default();
        for (units, labels) in sents {
            for j in 1..units.len() {
                if !(units[j - 1].is_wordish() && units[j].is_wordish()) {
                    continue;
                }
                let e = counts
                    .entry(pair(units[j - 1].key, units[j].key))
                    .or_default();
                if labels[j] == 1 {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
        }
        let mut items: Vec<(u64, u64)> = counts
            .into_iter()
            .map(|(h, (j, s))| (h, code(j, s)))
            .collect();
        // insertion order decides probe positions: sort so the table bytes are reproducible
        items.sort_unstable();
        let cap = (items.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u64; cap];
        let mask = cap - 1;
        for (h, c) in items {
            let k = h & !CODE;
            let mut i = (k >> 24) as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k | c;
        }
        PairStats { slots, mask }
    }

    #[inline]
    fn lookup(&self, a: u64, b: u64) -> u8 {
        if self.slots.is_empty() {
            return 0;
        }
        let k = pair(a, b) & !CODE;
        let mut i = (k >> 24) as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return 0;
            }
            if s & !CODE == k {
                return (s & CODE) as u8;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Code of every gap (`out[j]` for the gap before token `j`; 0 = pair never seen).
    pub(crate) fn codes(&self, units: &[Unit], out: &mut Vec<u8>) {
        out.clear();
        out.resize(units.len() + 1, 0);
        for j in 1..units.len() {
            if units[j - 1].is_wordish() && units[j].is_wordish() {
                out[j] = self.lookup(units[j - 1].key, units[j].key);
            }
        }
    }

    pub(crate) fn slots(&self) -> &[u64] {
        &self.slots
    }

    pub(crate) fn from_slots(slots: Vec<u64>) -> Option<PairStats> {
        if slots.is_empty() {
            return Some(PairStats::default());
        }
        if !slots.len().is_power_of_two() {
            return None;
        }
        let mask = slots.len() - 1;
        Some(PairStats { slots, mask })
    }
}
