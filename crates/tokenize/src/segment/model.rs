//! The trained model: feature weights in one flat array (hashed gap features, then a dense
//! block of word features) and the lookup tables; semi-Markov decoding; the file format.
//!
//! File format (little endian): magic `SENWSEG5`, `bits: u32`, the
//! lexicon table (`slots: u32` then that many `u64`), and `n: u32` then `n` pairs `(index: u32, weight: f32)`
//! for the non-zero weights (most of the `(1 << bits) + WORD_FEATURES` entries are zero, so
//! the file is small; the array is rebuilt dense at load so a lookup is one index, no probing).

use super::dict::Lexicon;
use super::features::{self, Lookups, Row};
use super::keys::Unit;

const MAGIC: &[u8; 8] = b"SENWSEG5";

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(crate) bits: u32,
    /// `1 << bits` hashed gap weights, then [`features::WORD_FEATURES`] word weights.
    pub(crate) weights: Vec<f32>,
    /// The weights as `i16` multiples of `scale`, what decoding reads: half the memory of
    /// `f32`, so more of the table stays in cache (lookups there are most of the time spent).
    quant: Vec<i16>,
    scale: f32,
    /// A gap scoring below this (by the shapes of its two tokens, `left << 4 | right`) is
    /// never inside a word of the best segmentation (see [`WordTable::split_below`]);
    /// decoding treats it as forbidden, so the word loop stops there.
    split_below: [f32; 256],
    /// Word list, training vocabulary, place names and pair codes in one table.
    pub(crate) lexicon: Lexicon,
    /// The gap features' weights summed without hashing the small-valued templates.
    scorer: features::GapScorer,
    /// The word features.
    words: WordTable,
}

/// Why a model file could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct BadModel(pub &'static str);

impl std::fmt::Display for BadModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad segmenter model: {}", self.0)
    }
}

impl std::error::Error for BadModel {}

/// The weights of the two word features (see [`features::word`]) in two tables indexed by
/// bit fields, so that scoring a candidate word is two loads and no bounds check:
/// [`WordTable::index`] of its length, what the lists say of it (found) and the shapes of
/// its first and last token (`inner`), or of the tokens before and after it (`around`).
#[derive(Clone, Debug, PartialEq)]
struct WordTable {
    inner: Box<[i16; WORD_TABLE]>,
    around: Box<[i16; WORD_TABLE]>,
}

/// Lengths 1..=8 (3 bits), found (3 bits), two shapes (4 bits each).
const WORD_TABLE: usize = 1 << 14;

impl WordTable {
    fn new(bits: u32, quant: &[i16]) -> WordTable {
        let mut t = WordTable {
            inner: Box::new([0; WORD_TABLE]),
            around: Box::new([0; WORD_TABLE]),
        };
        if quant.len() < (1 << bits) + features::WORD_FEATURES {
            return t;
        }
        let unit = |shape: u8| Unit {
            shape,
            ..Unit::EDGE
        };
        // the indices of `features::word` on the word `units[1..=l]`, every length, list
        // flags and shapes in turn
        let n = features::MAX_WORD + 2;
        let mut look = Lookups::default();
        for v in [&mut look.dict, &mut look.vocab, &mut look.names] {
            v.resize(n, 0);
        }
        let mut units = vec![Unit::EDGE; n];
        for l in 1..=features::MAX_WORD {
            for found in 0..8u8 {
                if (2..=super::dict::MAX_LEN).contains(&l) {
                    look.dict[1] = (found & 1) << l;
                    look.vocab[1] = (found >> 1 & 1) << l;
                    look.names[1] = (found >> 2 & 1) << l;
                }
                for x in 0..=shape_max() {
                    for y in 0..=shape_max() {
                        units[0] = unit(x);
                        units[1] = unit(x);
                        units[l] = unit(y);
                        units[l + 1] = unit(y);
                        let [a, b] = features::word(&units, &look, 1, l, 1 << bits);
                        let i = WordTable::index(l, found as u32, x, y);
                        // (a one-token word's first token is its last)
                        if l > 1 || x == y {
                            t.inner[i] = quant[a as usize];
                        }
                        t.around[i] = quant[b as usize];
                    }
                }
            }
        }
        t
    }

    /// For every pair of shapes of the two tokens L R of a gap (`left << 4 | right`), a
    /// score below which the gap is never inside a word of the best segmentation. Splitting
    /// a word w of `l` tokens at the gap into w1 (its first `k`, ending with L) and w2 (the
    /// rest, starting with R) changes the segmentation's score by word(w1) + word(w2) -
    /// word(w) - score(gap): where that is positive for every such w, splitting wins, so a
    /// gap scoring below the least of word(w1) + word(w2) - word(w) over every length,
    /// split point, list flags and shapes around is never joined, and pruning it changes no
    /// output. What is known of the shapes counts: w1 ends with L and has R after it, w2
    /// starts with R and has L before it, w holds both (L first if `k` = 1, R last if
    /// `k` = `l` - 1); the list flags are 0 outside the lengths 2..=MAX_LEN the lists hold.
    /// Less 2 (units of the quantized weights) for float rounding.
    fn split_below(&self) -> [i32; 256] {
        const S: usize = 16;
        let max_word = features::MAX_WORD;
        let shapes = || 0..=shape_max();
        let flags = |l: usize| {
            if (2..=super::dict::MAX_LEN).contains(&l) {
                0..8u32
            } else {
                0..1
            }
        };
        let inner = |l, f, a, b| self.inner[WordTable::index(l, f, a, b)] as i32;
        let around = |l, f, a, b| self.around[WordTable::index(l, f, a, b)] as i32;
        // by length and shape: the least score of a word ending with that shape and followed
        // by another given one (w1), or starting with one and preceded by another (w2); the
        // greatest of a word whatever its shapes (`free`), starting with one (`first`),
        // ending with one (`last`), or both
        let at = |l: usize, a: u8, b: u8| (l * S + a as usize) * S + b as usize;
        let mut w1 = vec![i32::MAX; (max_word + 1) * S * S];
        let mut w2 = vec![i32::MAX; (max_word + 1) * S * S];
        let mut free = vec![i32::MIN; max_word + 1];
        let mut first = vec![i32::MIN; (max_word + 1) * S];
        let mut last = vec![i32::MIN; (max_word + 1) * S];
        let mut both = vec![i32::MIN; (max_word + 1) * S * S];
        for l in 1..=max_word {
            for f in flags(l) {
                // (a one-token word's first token is its last)
                let pairs = || {
                    shapes()
                        .flat_map(move |a| shapes().map(move |b| (a, b)))
                        .filter(move |&(a, b)| l > 1 || a == b)
                };
                let mut around_max = i32::MIN;
                let mut around_min_after = [i32::MAX; S];
                let mut around_min_before = [i32::MAX; S];
                for (a, b) in shapes().flat_map(|a| shapes().map(move |b| (a, b))) {
                    let x = around(l, f, a, b);
                    around_max = around_max.max(x);
                    around_min_after[b as usize] = around_min_after[b as usize].min(x);
                    around_min_before[a as usize] = around_min_before[a as usize].min(x);
                }
                let mut inner_max = i32::MIN;
                let mut inner_max_first = [i32::MIN; S];
                let mut inner_max_last = [i32::MIN; S];
                let mut inner_min_first = [i32::MAX; S];
                let mut inner_min_last = [i32::MAX; S];
                for (a, b) in pairs() {
                    let x = inner(l, f, a, b);
                    inner_max = inner_max.max(x);
                    inner_max_first[a as usize] = inner_max_first[a as usize].max(x);
                    inner_max_last[b as usize] = inner_max_last[b as usize].max(x);
                    inner_min_first[a as usize] = inner_min_first[a as usize].min(x);
                    inner_min_last[b as usize] = inner_min_last[b as usize].min(x);
                    let e = &mut both[at(l, a, b)];
                    *e = (*e).max(x + around_max);
                }
                free[l] = free[l].max(inner_max + around_max);
                for x in shapes() {
                    let x_ = x as usize;
                    let e = &mut first[l * S + x_];
                    *e = (*e).max(inner_max_first[x_].saturating_add(around_max));
                    let e = &mut last[l * S + x_];
                    *e = (*e).max(inner_max_last[x_].saturating_add(around_max));
                    for y in shapes() {
                        let y_ = y as usize;
                        // w1 ends with L = x and has R = y after it
                        let e = &mut w1[at(l, x, y)];
                        *e = (*e).min(inner_min_last[x_].saturating_add(around_min_after[y_]));
                        // w2 starts with R = y and has L = x before it
                        let e = &mut w2[at(l, x, y)];
                        *e = (*e).min(inner_min_first[y_].saturating_add(around_min_before[x_]));
                    }
                }
            }
        }
        let mut out = [i32::MIN; 256];
        for sl in shapes() {
            for sr in shapes() {
                let mut bound = i32::MAX;
                for l in 2..=max_word {
                    for k in 1..l {
                        // w holds L first if k = 1, R last if k = l - 1
                        let w = match (k == 1, k == l - 1) {
                            (true, true) => both[at(l, sl, sr)],
                            (true, false) => first[l * S + sl as usize],
                            (false, true) => last[l * S + sr as usize],
                            (false, false) => free[l],
                        };
                        bound = bound.min(w1[at(k, sl, sr)] + w2[at(l - k, sl, sr)] - w);
                    }
                }
                out[(sl as usize) << 4 | sr as usize] = bound - 2;
            }
        }
        out
    }

    /// `l`: 1..=8; `found`: 0..8; shapes below 16.
    #[inline(always)]
    fn index(l: usize, found: u32, a: u8, b: u8) -> usize {
        ((l - 1) << 11 | (found as usize & 7) << 8 | (a as usize & 15) << 4 | b as usize & 15)
            & (WORD_TABLE - 1)
    }

    /// The score of a word in the sum's units: `w` = the tokens before, in and after it.
    #[inline(always)]
    fn score(&self, w: &[Unit], found: u32) -> i32 {
        let l = w.len() - 2;
        self.inner[WordTable::index(l, found, w[1].shape, w[l].shape)] as i32
            + self.around[WordTable::index(l, found, w[0].shape, w[l + 1].shape)] as i32
    }
}

fn shape_max() -> u8 {
    super::keys::shape::EDGE
}

/// Reusable buffers of one decoding call.
#[derive(Default)]
pub(crate) struct Scratch {
    pub look: Lookups,
    pub scores: Vec<f32>,
    pub best: Vec<f32>,
    pub back: Vec<u8>,
    /// The units padded, and their rows, when [`Model::decode`] pads them.
    pub padded: Vec<Unit>,
    pub rows: Vec<Row>,
    pub keyed: Vec<i32>,
    /// The gaps that may be joined (see [`Model::decode_padded`]).
    pub gaps: Vec<usize>,
}

impl Model {
    /// A model from trained weights (see [`super::train`]).
    pub(crate) fn new(bits: u32, weights: Vec<f32>, lexicon: Lexicon) -> Model {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let quant: Vec<i16> = weights
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        let scorer = features::GapScorer::new(bits, &quant);
        let words = WordTable::new(bits, &quant);
        let split_below = if quant.len() == (1 << bits) + features::WORD_FEATURES {
            words.split_below().map(|b| b as f32 * scale)
        } else {
            [f32::NEG_INFINITY; 256]
        };
        Model {
            bits,
            scorer,
            words,
            split_below,
            weights,
            quant,
            scale,
            lexicon,
        }
    }

    /// Labels (1 = token continues the previous token's word) for `units`, written to `out`.
    /// `breaks[j]` forbids joining gap `j` (a line break between the tokens).
    pub(crate) fn decode(
        &self,
        units: &[Unit],
        breaks: &dyn Fn(usize) -> bool,
        scratch: &mut Scratch,
        out: &mut Vec<u8>,
    ) {
        let mut padded = std::mem::take(&mut scratch.padded);
        let mut rows = std::mem::take(&mut scratch.rows);
        features::pad(units, &mut padded);
        rows.clear();
        rows.extend(padded.iter().map(|u| self.row(u.key)));
        self.decode_padded(&padded, &rows, breaks, scratch, out);
        scratch.padded = padded;
        scratch.rows = rows;
    }

    /// The [`Row`] of a syllable key (what the segmenter caches per token text).
    pub(crate) fn row(&self, key: u64) -> Row {
        self.scorer.row(&self.quant, key)
    }

    /// [`Model::decode`] of units given with three [`Unit::EDGE`] before and after (see
    /// [`features::pad`]; the caller builds them so, and no copy is made), with the
    /// [`Row`] of each (`rows[i]` = `self.row(padded[i].key)`).
    /// (Generic over `breaks` so that the segmenter's test is inlined into the gap loop.)
    pub(crate) fn decode_padded<B: Fn(usize) -> bool + ?Sized>(
        &self,
        padded: &[Unit],
        rows: &[Row],
        breaks: &B,
        scratch: &mut Scratch,
        out: &mut Vec<u8>,
    ) {
        assert_eq!(padded.len(), rows.len());
        let units = &padded[3..padded.len() - 3];
        let n = units.len();
        out.clear();
        out.resize(n, 0);
        if n < 2 {
            return;
        }
        self.lexicon
            .matches_from(units, |i| rows[i + 3].seq, &mut scratch.look);
        scratch.scores.clear();
        scratch.scores.resize(n, f32::NEG_INFINITY);
        let look = &scratch.look;
        // Only gaps that may be joined are scored: a gap next to punctuation or a line break
        // never is, and its 34 features would be wasted work.
        scratch.gaps.clear();
        scratch.gaps.reserve(n);
        for j in 1..n {
            if features::joinable(units, j) && !breaks(j) {
                scratch.gaps.push(j);
            }
        }
        scratch.keyed.clear();
        scratch.keyed.extend(scratch.gaps.iter().map(|&j| {
            let dlr = look.dict[j - 1] >> 2 & 1;
            self.scorer.keyed_sum(&self.quant, padded, rows, dlr, j)
        }));
        for (&j, &keyed) in scratch.gaps.iter().zip(&scratch.keyed) {
            let sum = self.scorer.dense_sum(padded, look, j) + keyed;
            let e = sum as f32 * self.scale;
            let pair = (padded[j + 2].shape as usize & 15) << 4 | padded[j + 3].shape as usize & 15;
            if e >= self.split_below[pair] {
                scratch.scores[j] = e;
            }
        }
        let found = &scratch.look.found[..n];
        let word = |s: usize, l: usize| {
            debug_assert!(s + l <= n && (1..=features::MAX_WORD).contains(&l));
            // the tokens before, in and after the word; what the lists say of it
            // SAFETY: `best_segmentation` asks only for words inside the `n` units
            // (`s + l <= n`), and `padded` holds `n + 6`
            let w = unsafe { padded.get_unchecked(s + 2..s + l + 4) };
            // (no list holds one-token words)
            let f = if l == 1 {
                0
            } else {
                unsafe { found.get_unchecked(s) >> (3 * l) }
            };
            self.words.score(w, f) as f32 * self.scale
        };
        best_segmentation(
            &scratch.scores,
            word,
            &mut scratch.best,
            &mut scratch.back,
            out,
        );
    }

    pub(crate) fn lookups(&self, units: &[Unit], look: &mut Lookups) {
        self.lexicon.matches(units, look);
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.bits.to_le_bytes());
        let slots = self.lexicon.slots();
        b.extend_from_slice(&(slots.len() as u32).to_le_bytes());
        for s in slots {
            b.extend_from_slice(&s.to_le_bytes());
        }
        let nz: Vec<(u32, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i as u32, *w))
            .collect();
        b.extend_from_slice(&(nz.len() as u32).to_le_bytes());
        for (i, w) in nz {
            b.extend_from_slice(&i.to_le_bytes());
            b.extend_from_slice(&w.to_le_bytes());
        }
        b
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, BadModel> {
        let mut r = Reader(bytes);
        if r.take(8)? != MAGIC {
            return Err(BadModel("not a Sen segmenter model (magic)"));
        }
        let bits = r.u32()?;
        if !(8..=28).contains(&bits) {
            return Err(BadModel("weight table size out of range"));
        }
        let lexicon =
            Lexicon::from_slots(r.table()?).ok_or(BadModel("lexicon size not a power of 2"))?;
        let n = r.u32()? as usize;
        let mut weights = vec![0f32; (1 << bits) + features::WORD_FEATURES];
        let raw = r.take(n.checked_mul(8).ok_or(BadModel("weight count"))?)?;
        for c in raw.chunks_exact(8) {
            let i = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
            let w = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            *weights
                .get_mut(i)
                .ok_or(BadModel("weight index out of range"))? = w;
        }
        if !r.0.is_empty() {
            return Err(BadModel("trailing bytes"));
        }
        Ok(Model::new(bits, weights, lexicon))
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BadModel> {
        if self.0.len() < n {
            return Err(BadModel("truncated"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn table(&mut self) -> Result<Vec<u64>, BadModel> {
        let n = self.u32()? as usize;
        let raw = self.take(n.checked_mul(8).ok_or(BadModel("table size"))?)?;
        Ok(raw
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
    fn u32(&mut self) -> Result<u32, BadModel> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Best segmentation (semi-Markov): `scores[j]` is the score of joining gap `j` (`-inf`:
/// forbidden; index 0 unused), `word(s, l)` the score of `units[s..s + l]` as one word
/// (asked only for `1 <= l <= MAX_WORD` and `s + l <= scores.len()`).
/// Writes labels (1 = continues the previous token's word) to `out`.
pub(crate) fn best_segmentation(
    scores: &[f32],
    word: impl Fn(usize, usize) -> f32,
    best: &mut Vec<f32>,
    back: &mut Vec<u8>,
    out: &mut Vec<u8>,
) {
    let n = scores.len();
    best.clear();
    best.resize(n + 1, f32::NEG_INFINITY);
    back.clear();
    back.resize(n + 1, 1);
    best[0] = 0.0;
    let (best, back) = (&mut best[..n + 1], &mut back[..n + 1]);
    for end in 1..=n {
        // SAFETY (the unchecked reads and writes): `end <= n`, `best` and `back` hold
        // `n + 1`, `scores` `n`, and `s + 1 <= end - 1`
        // the one-token word first: it always beats -inf, and `best + 0.0` (no words
        // joined yet) is `best` itself (no score is ever -0.0)
        let mut top = unsafe { *best.get_unchecked(end - 1) } + word(end - 1, 1);
        let mut top_len = 1;
        let mut inner = 0f32;
        for l in 2..=features::MAX_WORD.min(end) {
            let s = end - l;
            let e = unsafe { *scores.get_unchecked(s + 1) };
            if e == f32::NEG_INFINITY {
                break;
            }
            inner += e;
            let cand = unsafe { *best.get_unchecked(s) } + inner + word(s, l);
            if cand > top {
                top = cand;
                top_len = l as u8;
            }
        }
        unsafe {
            *best.get_unchecked_mut(end) = top;
            *back.get_unchecked_mut(end) = top_len;
        }
    }
    out.clear();
    out.resize(n, 1);
    let mut end = n;
    while end > 0 {
        let s = end - back[end] as usize;
        out[s] = 0;
        end = s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::dict::Dict;

    #[test]
    fn best_segmentation_follows_scores_and_respects_forbidden_gaps() {
        let (mut best, mut back, mut out) = (Vec::new(), Vec::new(), Vec::new());
        let scores = [0.0, 2.0, -1.0, f32::NEG_INFINITY, 3.0];
        best_segmentation(&scores, |_, _| 0.0, &mut best, &mut back, &mut out);
        assert_eq!(out, vec![0, 1, 0, 0, 1]);
        // a word score against three-token words keeps words at two tokens
        let scores = [0.0, 2.0, 2.0, 2.0];
        let word = |_, l| if l >= 3 { -5.0 } else { 0.0 };
        best_segmentation(&scores, word, &mut best, &mut back, &mut out);
        assert_eq!(out, vec![0, 1, 0, 1]);
    }

    #[test]
    fn a_model_without_weights_holds_a_lexicon() {
        // what training builds to look words up
        let m = Model::new(19, Vec::new(), Lexicon::default());
        assert!(m.quant.is_empty());
    }

    #[test]
    fn word_tables_equal_the_word_features() {
        // random words (every length, random list flags and shapes) in random sequences:
        // the table score is the sum of the weights at the indices `features::word` gives
        let bits = 10;
        let weights: Vec<f32> = (0..(1 << bits) + features::WORD_FEATURES)
            .map(|i| ((i * 7919) % 201) as f32 - 100.0)
            .collect();
        let m = Model::new(bits, weights, Lexicon::default());
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let n = 1 + next() as usize % 12;
            let units: Vec<Unit> = (0..n)
                .map(|_| Unit {
                    shape: (next() % (shape_max() as u64 + 1)) as u8,
                    ..Unit::EDGE
                })
                .collect();
            let mut look = Lookups::default();
            for v in [&mut look.dict, &mut look.vocab, &mut look.names] {
                v.extend((0..n).map(|_| next() as u8 & 0x7C));
            }
            // `found` as the lexicon fills it: bits 3 * l.. for lengths 2..=MAX_LEN
            look.found = (0..n)
                .map(|s| {
                    (2..=super::super::dict::MAX_LEN)
                        .map(|l| {
                            let f = (look.dict[s] >> l & 1)
                                | (look.vocab[s] >> l & 1) << 1
                                | (look.names[s] >> l & 1) << 2;
                            (f as u32) << (3 * l)
                        })
                        .fold(0, |a, b| a | b)
                })
                .collect();
            let mut padded = Vec::new();
            features::pad(&units, &mut padded);
            let s = next() as usize % n;
            let l = 1 + next() as usize % (n - s).min(features::MAX_WORD);
            let [i, j] = features::word(&units, &look, s, l, 1 << bits);
            assert_eq!(
                m.words
                    .score(&padded[s + 2..s + l + 4], look.found[s] >> (3 * l)),
                m.quant[i as usize] as i32 + m.quant[j as usize] as i32
            );
        }
    }

    #[test]
    fn bytes_round_trip() {
        let mut weights = vec![0f32; (1 << 10) + features::WORD_FEATURES];
        weights[3] = 1.5;
        weights[1000] = -0.25;
        weights[1024 + 7] = 0.5;
        let m = Model::new(
            10,
            weights,
            Lexicon::build(
                &Dict::build([vec!["hội", "đàm"]]),
                &Dict::build([vec!["Hàn", "Quốc"]]),
                &Dict::build([vec!["Kuala", "Lumpur"]]),
                &[(12345 << 8, 3)],
            ),
        );
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b).unwrap(), m);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"SENWSEG0").is_err());
        assert!(Model::from_bytes(b"SENWSEG1\x10\0\0\0").is_err());
    }
}
