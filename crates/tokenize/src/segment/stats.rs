//! How often a pair of adjacent syllables was written as one word in the training data,
//! as a small code (how often seen × share joined), stored in the lexicon per pair.
//!
//! The perceptron could memorize pairs by itself, but only for pairs of the sentences it
//! trains on, where such a feature is always right. Computed for each training sentence
//! from the *other* folds (jackknifing), the code behaves in training as it will on new
//! text, and the model learns how far to trust it.

use std::collections::HashMap;

use super::dict::pair;
use super::keys::Unit;

/// Code 1..=15 for `joined` and `split` counts (not both zero).
fn code(joined: u32, split: u32) -> u8 {
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

/// Pair hashes and codes of sentences given as token units with labels (1 = joined to the
/// previous token), sorted by hash.
pub(crate) fn pair_codes<'a>(
    sents: impl IntoIterator<Item = (&'a [Unit], &'a [u8])>,
) -> Vec<(u64, u8)> {
    let mut counts: HashMap<u64, (u32, u32)> = HashMap::new();
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
    let mut v: Vec<(u64, u8)> = counts
        .into_iter()
        .map(|(h, (j, s))| (h, code(j, s)))
        .collect();
    v.sort_unstable();
    v
}
