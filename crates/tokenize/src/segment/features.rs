//! Features of one gap between two tokens (shared by training and decoding, so both see
//! exactly the same thing), and the hard constraints on which gaps may be joined at all.
//!
//! Gap `j` lies between token `j - 1` (L) and token `j` (R); LL/RR and LLL/RRR are the next
//! tokens out. Every feature is a hash of a template number and the values it combines,
//! reduced to an index into the model's flat weight array (the hashing trick: no feature
//! dictionary to store or look up).

use super::dict::MAX_LEN;
use super::keys::{shape, Unit};

/// Number of features per gap.
pub(crate) const N: usize = 34;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn h1(t: u64, a: u64) -> u64 {
    (t.wrapping_mul(K) ^ a).wrapping_mul(K)
}
#[inline]
fn h2(t: u64, a: u64, b: u64) -> u64 {
    (h1(t, a) ^ b).wrapping_mul(K)
}
#[inline]
fn h3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    (h2(t, a, b) ^ c).wrapping_mul(K)
}
#[inline]
fn h4(t: u64, a: u64, b: u64, c: u64, d: u64) -> u64 {
    (h3(t, a, b, c) ^ d).wrapping_mul(K)
}

#[inline]
fn at(units: &[Unit], i: isize) -> Unit {
    if i >= 0 && (i as usize) < units.len() {
        units[i as usize]
    } else {
        Unit::EDGE
    }
}

/// May gap `j` be inside a word? Letters and digits may join; punctuation only inside a
/// number or date written with spaces (`28 . 000`, `17 - 3 – 2004`, `100 %`), which the
/// treebank counts as one word. `breaks[j]` marks a line break in the gap.
#[inline]
pub(crate) fn joinable(units: &[Unit], j: usize) -> bool {
    let (l, r) = (units[j - 1], units[j]);
    if l.is_wordish() && r.is_wordish() {
        return true;
    }
    let sep = |u: Unit| matches!(u.punct, b'.' | b',' | b'-' | b'/');
    let ji = j as isize;
    (l.is_numeric() && sep(r) && at(units, ji + 1).is_numeric())
        || (sep(l) && at(units, ji - 2).is_numeric() && r.is_numeric())
        || (l.is_numeric() && r.punct == b'%')
}

/// Is token `i` the first of a sentence (nothing before it, or a sentence-final mark,
/// possibly followed by an opening quote)?
#[inline]
fn sentence_initial(units: &[Unit], i: isize) -> bool {
    let p = at(units, i - 1);
    match p.shape {
        shape::EDGE | shape::FINAL => true,
        shape::QUOTE => matches!(at(units, i - 2).shape, shape::EDGE | shape::FINAL),
        _ => false,
    }
}

/// Dictionary evidence about gap `j` from the per-position match masks.
#[derive(Clone, Copy, Default)]
struct DictGap {
    /// L R is a dictionary word.
    lr: bool,
    /// Longest dictionary word covering the gap, and how many of its syllables lie left of it.
    cover: u8,
    cover_left: u8,
    /// Longest dictionary word ending with L / starting with R.
    end_l: u8,
    start_r: u8,
}

#[cfg(test)]
#[inline]
fn dict_gap(masks: &[u8], j: usize) -> DictGap {
    let mut g = DictGap {
        lr: masks[j - 1] & (1 << 2) != 0,
        ..DictGap::default()
    };
    let lo = j.saturating_sub(MAX_LEN);
    for (s, &m) in masks.iter().enumerate().take(j).skip(lo) {
        g.add(m, (j - s) as u8);
    }
    g.finish(masks, j);
    g
}

#[cfg(test)]
impl DictGap {
    #[inline]
    fn start(masks: &[u8], j: usize) -> DictGap {
        DictGap {
            lr: masks[j - 1] & (1 << 2) != 0,
            ..DictGap::default()
        }
    }

    /// Takes in the matches starting `left` tokens before the gap.
    #[inline]
    fn add(&mut self, m: u8, left: u8) {
        if m == 0 {
            return;
        }
        // bits l with s + l > j cover the gap; the bit l == j - s ends at L.
        let covering = m & !((2u16 << left) - 1) as u8;
        if covering != 0 {
            let l = 7 - covering.leading_zeros() as u8;
            if l > self.cover {
                self.cover = l;
                self.cover_left = left;
            }
        }
        if left >= 2 && m & (1 << left) != 0 {
            self.end_l = self.end_l.max(left);
        }
    }

    #[inline]
    fn finish(&mut self, masks: &[u8], j: usize) {
        if j < masks.len() && masks[j] != 0 {
            self.start_r = 7 - masks[j].leading_zeros() as u8;
        }
    }
}

/// [`DictGap`] of gap `j` for the word list, the vocabulary and the place names, from
/// what [`Lookups::fill_spans`] gathered.
#[inline]
fn dict_gaps(look: &Lookups, j: usize) -> (DictGap, DictGap, DictGap) {
    let sp = look.spans[j];
    let gap = |k: usize, masks: &[u8]| {
        let right = masks.get(j).copied().unwrap_or(0) as u32;
        DictGap {
            lr: masks[j - 1] & (1 << 2) != 0,
            cover: sp[k] >> 3,
            cover_left: sp[k] & 7,
            end_l: sp[3 + k],
            start_r: (31 - (right | 1).leading_zeros()) as u8,
        }
    };
    (gap(0, &look.dict), gap(1, &look.vocab), gap(2, &look.names))
}

/// [`dict_gaps`] by scanning the starts before the gap (what [`Lookups::fill_spans`]
/// replaces; the tests hold it to this).
#[cfg(test)]
fn dict_gaps_scan(look: &Lookups, j: usize) -> (DictGap, DictGap, DictGap) {
    let (dm, vm, nmm) = (&look.dict, &look.vocab, &look.names);
    let (mut d, mut v, mut n) = (
        DictGap::start(dm, j),
        DictGap::start(vm, j),
        DictGap::start(nmm, j),
    );
    let lo = j.saturating_sub(MAX_LEN);
    for s in lo..j {
        let (a, b, c) = (dm[s], vm[s], nmm[s]);
        if a | b | c == 0 {
            continue;
        }
        let left = (j - s) as u8;
        d.add(a, left);
        v.add(b, left);
        n.add(c, left);
    }
    d.finish(dm, j);
    v.finish(vm, j);
    n.finish(nmm, j);
    (d, v, n)
}

/// What the lookups found for a token sequence: match masks of the word list and of the
/// training vocabulary (see [`super::dict::Dict::matches`]) and pair codes per gap (see
/// [`super::stats::PairStats::codes`]).
#[derive(Default)]
pub(crate) struct Lookups {
    pub dict: Vec<u8>,
    pub vocab: Vec<u8>,
    pub names: Vec<u8>,
    /// The three masks in one, what the word features read: bits `3 * l .. 3 * l + 3` of
    /// `found[s]` say whether `units[s..s + l]` is in the word list, the vocabulary, the
    /// place names (bits 0, 1, 2 of that field).
    pub found: Vec<u32>,
    pub pairs: Vec<u8>,
    /// Scratch of the lexicon lookups: the sequence hash of each token pair, and the
    /// starts (with their sequence hash) of sequences that may go on.
    pub pair_hashes: Vec<u64>,
    pub longer: Vec<(usize, u64)>,
    /// Per gap, for the word list, the vocabulary and the place names: the longest word
    /// covering the gap as `length * 8 + its syllables left of the gap` (the largest wins:
    /// longest, then starting furthest left), then the longest word ending just left of
    /// the gap. See [`Lookups::fill_spans`].
    pub spans: Vec<[u8; 6]>,
}

impl Lookups {
    /// Fills [`Lookups::spans`] from the match masks: each match is spread over the gaps it
    /// covers and the gap after its end, once, instead of every gap looking back at every
    /// start that could reach it.
    pub(crate) fn fill_spans(&mut self) {
        let n = self.dict.len();
        self.spans.clear();
        self.spans.resize(n + 1, [0; 6]);
        // (most positions start no word: the three masks read side by side, no index checks)
        let starts = self.dict.iter().zip(&self.vocab).zip(&self.names);
        for (s, ((&d, &v), &nm)) in starts.enumerate() {
            if d | v | nm == 0 {
                continue;
            }
            let ms = [d, v, nm];
            for (k, &m) in ms.iter().enumerate() {
                // lengths are 2..=MAX_LEN
                let mut bits = (m & !3) as u32;
                if bits == 0 {
                    continue;
                }
                let top = 31 - bits.leading_zeros() as usize;
                for g in s + 1..(s + top).min(n + 1) {
                    let key = (top * 8 + (g - s)) as u8;
                    let c = &mut self.spans[g][k];
                    *c = (*c).max(key);
                }
                while bits != 0 {
                    let l = bits.trailing_zeros() as usize;
                    if let Some(e) = self.spans.get_mut(s + l) {
                        e[3 + k] = e[3 + k].max(l as u8);
                    }
                    bits &= bits - 1;
                }
            }
        }
    }
}

/// The feature indices of gap `j` into a weight array of `1 << bits` entries.
#[inline]
pub(crate) fn gap(units: &[Unit], look: &Lookups, j: usize, bits: u32, out: &mut [u32; N]) {
    let ji = j as isize;
    let (lll, ll, l, r, rr, rrr) = (
        at(units, ji - 3),
        at(units, ji - 2),
        units[j - 1],
        units[j],
        at(units, ji + 1),
        at(units, ji + 2),
    );
    let s = |u: Unit| u.shape as u64;
    let (d, v, nm) = dict_gaps(look, j);
    let dcode = d.lr as u64 | (d.cover as u64) << 1 | (d.cover_left as u64) << 4;
    let first = sentence_initial(units, ji - 1) as u64;
    let vcode = v.lr as u64 | (v.cover as u64) << 1 | (v.cover_left as u64) << 4;
    let ncode = nm.lr as u64 | (nm.cover as u64) << 1 | (nm.cover_left as u64) << 4;
    let pc = look.pairs[j] as u64;
    let (pl, pr) = (look.pairs[j - 1] as u64, look.pairs[j + 1] as u64);
    let hs: [u64; N] = [
        h1(1, 0),
        h1(2, l.key),
        h1(3, r.key),
        h1(4, ll.key),
        h1(5, rr.key),
        h2(6, l.key, r.key),
        h2(7, ll.key, l.key),
        h2(8, r.key, rr.key),
        h3(9, ll.key, l.key, r.key),
        h3(10, l.key, r.key, rr.key),
        h2(11, s(l), s(r)),
        h4(12, s(ll), s(l), s(r), s(rr)),
        h2(13, l.key, s(r)),
        h2(14, s(l), r.key),
        h1(15, dcode),
        h3(16, d.end_l as u64, d.start_r as u64, d.lr as u64),
        h2(17, d.lr as u64, l.key),
        h2(18, d.lr as u64, r.key),
        h4(19, first, s(ll), s(l), s(r)),
        h3(20, dcode, s(l), s(r)),
        h1(21, lll.key),
        h1(22, rrr.key),
        h3(23, s(lll), s(ll), s(l)),
        h4(24, d.end_l as u64, d.start_r as u64, d.cover as u64, s(rr)),
        h4(25, first, dcode, s(l), s(r)),
        h1(26, vcode),
        h3(27, v.end_l as u64, v.start_r as u64, v.lr as u64),
        h3(28, vcode, dcode, first),
        h1(29, pc),
        h3(30, pc, s(l), s(r)),
        h3(31, pl, pc, pr),
        h3(32, pc, d.lr as u64, v.lr as u64),
        h3(33, ncode, s(l), s(r)),
        h4(34, ncode, first, nm.end_l as u64, nm.start_r as u64),
    ];
    let shift = 64 - bits;
    for (o, h) in out.iter_mut().zip(hs) {
        *o = (h.wrapping_mul(K) >> shift) as u32;
    }
}

/// The features of [`gap`] read straight from a model's weights when decoding: the sum of
/// the weights of the 34 features of a gap, exactly as summing the weights at the indices
/// [`gap`] gives, but the 19 templates that combine only small values (shapes, dictionary
/// codes, pair codes, the sentence-initial flag) are dense tables filled at load with the
/// weight at their hashed index, so only the 15 templates of syllable keys are hashed per
/// gap (most of decoding's time went into the 111 multiplications of all 34 hashes).
/// Templates whose fields are all among another's are added into that one's table.
/// Each table's index packs its values into bit fields (shapes 4 bits, codes 7, lengths 3,
/// pair codes 4) and the tables have power-of-two sizes, so an index is a few shifts and
/// needs no bounds check.
#[derive(Clone, PartialEq)]
pub(crate) struct GapScorer {
    shift: u32,
    /// The ten tables side by side (see [`Dense`]): one base address for all, so the sum
    /// of a gap loads no table pointers.
    dense: Box<[i32; Dense::TOTAL]>,
    /// The tables of single weights, kept at 16 bits (half the cache lines).
    dense16: Box<[i16; Dense::TOTAL16]>,
    /// `h1(14, shape)`: template 14 starts from the shape, then mixes in a key.
    h14: [u64; 16],
}

/// What the gap features need of one syllable alone, looked up once per distinct token
/// text (the segmenter's unit cache keeps it) instead of hashed again at every gap: the
/// weights of the keyed templates that read no other key, where the syllable stands L
/// (templates 2 and 17), R (3 and 18), LL (4), RR (5), LLL (21) and RRR (22); `l` and `r`
/// by whether L R is a word of the word list. And the lexicon's sequence hash of the
/// syllable alone, which every pair probe starts from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Row {
    pub seq: u64,
    pub l: [i32; 2],
    pub r: [i32; 2],
    pub ll: i16,
    pub rr: i16,
    pub lll: i16,
    pub rrr: i16,
}

/// Weights (or sums of weights) indexed by a `BITS`-bit number.
#[derive(Clone, PartialEq)]
struct Table<const BITS: u32, T = i16>(Box<[T]>);

impl<const BITS: u32, T: Copy + Into<i32>> Table<BITS, T> {
    #[inline(always)]
    fn get(&self, i: usize) -> i32 {
        // SAFETY: the table has exactly 1 << BITS entries (built so in `new` and `sum`)
        // and the index is masked to BITS bits.
        unsafe { (*self.0.get_unchecked(i & ((1 << BITS) - 1))).into() }
    }
}

/// Where each table starts in [`GapScorer::dense`] (the widest first, so every one is
/// aligned to its size), and the lookup of index `i` of the table at `AT`, masked to its
/// `BITS` bits: within the array by construction, so no bounds check.
struct Dense;

impl Dense {
    const T19: usize = 0;
    const T25: usize = Dense::T19 + (1 << 16);
    const T28: usize = Dense::T25 + (1 << 16);
    const T24: usize = Dense::T28 + (1 << 15);
    const T31: usize = Dense::T24 + (1 << 14);
    const T30: usize = Dense::T31 + (1 << 14);
    const TOTAL: usize = Dense::T30 + (1 << 12);
    // the 16-bit ones
    const T12: usize = 0;
    const T33: usize = Dense::T12 + (1 << 16);
    const T34: usize = Dense::T33 + (1 << 15);
    const T27: usize = Dense::T34 + (1 << 14);
    const TOTAL16: usize = Dense::T27 + (1 << 7);
}

impl GapScorer {
    #[inline(always)]
    fn at<const AT: usize, const BITS: u32>(&self, i: usize) -> i32 {
        self.dense[AT + (i & ((1 << BITS) - 1))]
    }

    #[inline(always)]
    fn at16<const AT: usize, const BITS: u32>(&self, i: usize) -> i32 {
        self.dense16[AT + (i & ((1 << BITS) - 1))] as i32
    }
}

impl<const BITS: u32> Table<BITS, i32> {
    /// `f` of every index.
    fn sum(f: impl Fn(usize) -> i32) -> Self {
        Table((0..1usize << BITS).map(f).collect())
    }
}

impl<const BITS: u32> Table<BITS> {
    /// The weight of template `f` at every packing of field values; `fields`: the width of
    /// each field in bits, first field in the high bits.
    fn new(fields: &[u32], f: impl Fn(&[u64]) -> u64, w: &dyn Fn(u64) -> i16) -> Self {
        debug_assert_eq!(fields.iter().sum::<u32>(), BITS);
        let mut v = vec![0u64; fields.len()];
        Table(
            (0..1usize << BITS)
                .map(|i| {
                    let mut rest = i;
                    for (d, &b) in v.iter_mut().zip(fields).rev() {
                        *d = (rest & ((1 << b) - 1)) as u64;
                        rest >>= b;
                    }
                    w(f(&v))
                })
                .collect(),
        )
    }
}

impl std::fmt::Debug for GapScorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GapScorer")
    }
}

impl GapScorer {
    /// `quant`: the model's weights, the `1 << bits` hashed ones first.
    pub(crate) fn new(bits: u32, quant: &[i16]) -> GapScorer {
        let shift = 64 - bits;
        // a model without weights (training builds one to hold the lexicon) scores 0
        let w = |h: u64| {
            quant
                .get((h.wrapping_mul(K) >> shift) as usize)
                .copied()
                .unwrap_or(0)
        };
        let w: &dyn Fn(u64) -> i16 = &w;
        // field widths: shape 4, dictionary code 7, length 3, pair code 4, flag 1
        let t11: Table<8> = Table::new(&[4, 4], |v| h2(11, v[0], v[1]), w);
        let t15: Table<7> = Table::new(&[7], |v| h1(15, v[0]), w);
        let t26: Table<7> = Table::new(&[7], |v| h1(26, v[0]), w);
        let t28: Table<15> = Table::new(&[7, 7, 1], |v| h3(28, v[0], v[1], v[2]), w);
        let t29: Table<4> = Table::new(&[4], |v| h1(29, v[0]), w);
        let t30: Table<12> = Table::new(&[4, 4, 4], |v| h3(30, v[0], v[1], v[2]), w);
        let t32: Table<6> = Table::new(&[4, 1, 1], |v| h3(32, v[0], v[1], v[2]), w);
        let t16: Table<7> = Table::new(&[3, 3, 1], |v| h3(16, v[0], v[1], v[2]), w);
        let t19: Table<13> = Table::new(&[1, 4, 4, 4], |v| h4(19, v[0], v[1], v[2], v[3]), w);
        let t20: Table<15> = Table::new(&[7, 4, 4], |v| h3(20, v[0], v[1], v[2]), w);
        let t23: Table<12> = Table::new(&[4, 4, 4], |v| h3(23, v[0], v[1], v[2]), w);
        let t24: Table<13> = Table::new(&[3, 3, 3, 4], |v| h4(24, v[0], v[1], v[2], v[3]), w);
        let t25: Table<16> = Table::new(&[1, 7, 4, 4], |v| h4(25, v[0], v[1], v[2], v[3]), w);
        let t31: Table<12> = Table::new(&[4, 4, 4], |v| h3(31, v[0], v[1], v[2]), w);
        let bias = w(h1(1, 0)) as i32;
        let t12f: Table<16> = Table::new(&[4, 4, 4, 4], |v| h4(12, v[0], v[1], v[2], v[3]), w);
        // index: slll << 12 | sll << 8 | sl << 4 | sr
        let t19f: Table<16, i32> = Table::sum(|i| {
            let first = first_of(i >> 8 & 15, i >> 12);
            bias + t19.get(first << 12 | (i & 0xFFF)) + t23.get(i >> 4)
        });
        // index: el << 11 | sr_ << 8 | cover << 5 | srr << 1 | dlr
        let t24f: Table<14, i32> =
            Table::sum(|i| t24.get(i >> 1) + t16.get((i >> 11) << 4 | (i >> 8 & 7) << 1 | i & 1));
        // index: first << 15 | dcode << 8 | lr
        let t25f: Table<16, i32> = Table::sum(|i| t25.get(i) + t20.get(i & 0x7FFF));
        let t27f: Table<7> = Table::new(&[3, 3, 1], |v| h3(27, v[0], v[1], v[2]), w);
        // index: vcode << 8 | dcode << 1 | first
        let t28f: Table<15, i32> =
            Table::sum(|i| t28.get(i) + t15.get(i >> 1 & 127) + t26.get(i >> 8));
        // index: pc << 8 | lr
        let t30f: Table<12, i32> = Table::sum(|i| t30.get(i) + t11.get(i & 255));
        // index: pl << 10 | pc << 6 | pr << 2 | dlr << 1 | vlr
        let t31f: Table<14, i32> = Table::sum(|i| {
            let pc = i >> 6 & 15;
            t31.get(i >> 2) + t32.get(pc << 2 | i & 3) + t29.get(pc)
        });
        let t33f: Table<15> = Table::new(&[7, 4, 4], |v| h3(33, v[0], v[1], v[2]), w);
        let t34f: Table<14> = Table::new(&[7, 1, 3, 3], |v| h4(34, v[0], v[1], v[2], v[3]), w);
        let mut dense = vec![0i32; Dense::TOTAL];
        let mut put = |at: usize, t: &[i32]| dense[at..at + t.len()].copy_from_slice(t);
        put(Dense::T19, &t19f.0);
        put(Dense::T24, &t24f.0);
        put(Dense::T25, &t25f.0);
        put(Dense::T28, &t28f.0);
        put(Dense::T30, &t30f.0);
        put(Dense::T31, &t31f.0);
        let mut dense16 = vec![0i16; Dense::TOTAL16];
        let mut put = |at: usize, t: &[i16]| dense16[at..at + t.len()].copy_from_slice(t);
        put(Dense::T12, &t12f.0);
        put(Dense::T27, &t27f.0);
        put(Dense::T33, &t33f.0);
        put(Dense::T34, &t34f.0);
        GapScorer {
            shift,
            dense: dense.into_boxed_slice().try_into().unwrap(),
            dense16: dense16.into_boxed_slice().try_into().unwrap(),
            h14: std::array::from_fn(|s| h1(14, s as u64)),
        }
    }

    /// The sum of the (quantized) weights of the features of gap `j`: the same as summing
    /// `quant` at the indices [`gap`] writes. `padded`: the units with three
    /// [`Unit::EDGE`] before and after (gap `j` lies between `padded[j + 2]` and
    /// `padded[j + 3]`); `quant` has at least `1 << bits` entries.
    #[cfg(test)]
    pub(crate) fn gap_sum(&self, quant: &[i16], padded: &[Unit], look: &Lookups, j: usize) -> i32 {
        let dlr = look.dict[j - 1] >> 2 & 1;
        let rows: Vec<Row> = padded.iter().map(|u| self.row(quant, u.key)).collect();
        self.dense_sum(padded, look, j) + self.keyed_sum(quant, padded, &rows, dlr, j)
    }

    /// The [`Row`] of the syllable `key`: the weights of its templates that read no other key.
    pub(crate) fn row(&self, quant: &[i16], key: u64) -> Row {
        // a model without weights (training builds one to hold the lexicon) scores 0
        let w = |h: u64| {
            quant
                .get((h.wrapping_mul(K) >> self.shift) as usize)
                .copied()
                .unwrap_or(0)
        };
        let l = |dl: u64| w(h1(2, key)) as i32 + w(h2(17, dl, key)) as i32;
        let r = |dl: u64| w(h1(3, key)) as i32 + w(h2(18, dl, key)) as i32;
        Row {
            seq: super::dict::extend(super::dict::SEQ_START, key),
            l: [l(0), l(1)],
            r: [r(0), r(1)],
            ll: w(h1(4, key)),
            rr: w(h1(5, key)),
            lll: w(h1(21, key)),
            rrr: w(h1(22, key)),
        }
    }

    /// The part of [`GapScorer::gap_sum`] from the 15 templates of syllable keys; `dlr`: 1
    /// if L R is a word of the word list; `rows`: the [`Row`] of every unit of `padded`.
    /// The eight templates of one key come from the rows; the seven of two or three keys
    /// (or a key and a shape) are hashed. Their loads go all over the weight table and
    /// mostly miss the first-level cache: the decoder computes this for all gaps in one loop
    /// of independent loads, so the misses overlap.
    #[inline(always)]
    pub(crate) fn keyed_sum(
        &self,
        quant: &[i16],
        padded: &[Unit],
        rows: &[Row],
        dlr: u8,
        j: usize,
    ) -> i32 {
        let win: &[Unit; 6] = padded[j..j + 6].try_into().unwrap();
        let [_, ll, l, r, rr, _] = *win;
        let rw: &[Row; 6] = rows[j..j + 6].try_into().unwrap();
        let shift = self.shift;
        assert!(quant.len() >> (64 - shift) != 0);
        let w = |h: u64| {
            // SAFETY: the index is below `1 << (64 - shift)`, and `quant` is at least as long
            // (asserted above)
            unsafe { *quant.get_unchecked((h.wrapping_mul(K) >> shift) as usize) as i32 }
        };
        let (lk, rk) = (l.key, r.key);
        let d = dlr as usize & 1;
        rw[2].l[d]
            + rw[3].r[d]
            + rw[1].ll as i32
            + rw[4].rr as i32
            + rw[0].lll as i32
            + rw[5].rrr as i32
            + w(h2(6, lk, rk))
            + w(h2(7, ll.key, lk))
            + w(h2(8, rk, rr.key))
            + w(h3(9, ll.key, lk, rk))
            + w(h3(10, lk, rk, rr.key))
            + w(h2(13, lk, r.shape as u64))
            + w((self.h14[l.shape as usize & 15] ^ rk).wrapping_mul(K))
    }

    /// The part of [`GapScorer::gap_sum`] from the 19 dense tables.
    #[inline]
    pub(crate) fn dense_sum(&self, padded: &[Unit], look: &Lookups, j: usize) -> i32 {
        let win: &[Unit; 6] = padded[j..j + 6].try_into().unwrap();
        let [lll, ll, l, r, rr, _] = *win;
        let (slll, sll, sl, sr, srr) = (
            lll.shape as usize,
            ll.shape as usize,
            l.shape as usize,
            r.shape as usize,
            rr.shape as usize,
        );
        let (d, v, nm) = dict_gaps(look, j);
        let dcode = d.lr as usize | (d.cover as usize) << 1 | (d.cover_left as usize) << 4;
        let first = first_of(sll, slll);
        let vcode = v.lr as usize | (v.cover as usize) << 1 | (v.cover_left as usize) << 4;
        let ncode = nm.lr as usize | (nm.cover as usize) << 1 | (nm.cover_left as usize) << 4;
        let pairs: &[u8; 3] = look.pairs[j - 1..j + 2].try_into().unwrap();
        let (pl, pc, pr) = (pairs[0] as usize, pairs[1] as usize, pairs[2] as usize);
        let (dlr, vlr) = (d.lr as usize, v.lr as usize);
        let (el, sr_) = (d.end_l as usize, d.start_r as usize);
        let lr = sl << 4 | sr;
        self.at16::<{ Dense::T12 }, 16>(sll << 12 | sl << 8 | sr << 4 | srr)
            + self.at::<{ Dense::T19 }, 16>(slll << 12 | sll << 8 | lr)
            + self.at::<{ Dense::T24 }, 14>(
                el << 11 | sr_ << 8 | (d.cover as usize) << 5 | srr << 1 | dlr,
            )
            + self.at::<{ Dense::T25 }, 16>(first << 15 | dcode << 8 | lr)
            + self.at16::<{ Dense::T27 }, 7>(
                (v.end_l as usize) << 4 | (v.start_r as usize) << 1 | vlr,
            )
            + self.at::<{ Dense::T28 }, 15>(vcode << 8 | dcode << 1 | first)
            + self.at::<{ Dense::T30 }, 12>(pc << 8 | lr)
            + self.at::<{ Dense::T31 }, 14>(pl << 10 | pc << 6 | pr << 2 | dlr << 1 | vlr)
            + self.at16::<{ Dense::T33 }, 15>(ncode << 8 | lr)
            + self.at16::<{ Dense::T34 }, 14>(
                ncode << 7 | first << 6 | (nm.end_l as usize) << 3 | nm.start_r as usize,
            )
    }
}

/// The sentence-initial flag of L (see `sentence_initial`) from the shapes of LL and LLL.
#[inline(always)]
fn first_of(sll: usize, slll: usize) -> usize {
    const FIRST: [bool; 16] = {
        let mut t = [false; 16];
        t[shape::EDGE as usize] = true;
        t[shape::FINAL as usize] = true;
        t
    };
    if sll == shape::QUOTE as usize {
        FIRST[slll & 15] as usize
    } else {
        FIRST[sll & 15] as usize
    }
}

/// `units` with three [`Unit::EDGE`] before and after, into `out` (what
/// [`GapScorer::gap_sum`] reads).
pub(crate) fn pad(units: &[Unit], out: &mut Vec<Unit>) {
    out.clear();
    out.extend_from_slice(&[Unit::EDGE; 3]);
    out.extend_from_slice(units);
    out.extend_from_slice(&[Unit::EDGE; 3]);
}

/// Longest word the decoder considers, in tokens (the treebank's longest is 7).
pub(crate) const MAX_WORD: usize = 8;
const SHAPES: usize = shape::EDGE as usize + 1;
const HALF: usize = MAX_WORD * 8 * SHAPES * SHAPES;
/// Number of word features, kept in a dense block after the hashed ones.
pub(crate) const WORD_FEATURES: usize = 2 * HALF;

/// The two word features of candidate word `units[s..s + l]`, as indices into the dense block
/// that starts at `base`: (length, in word list, in training vocabulary, in place names)
/// with the shapes of
/// its first and last token, and with the shapes of the tokens around it. They judge the
/// word as a whole, which gap features cannot: `nhà khoa` is no word even where `nhà khoa
/// học` and `khoa học` are.
#[inline]
pub(crate) fn word(units: &[Unit], look: &Lookups, s: usize, l: usize, base: u32) -> [u32; 2] {
    let (inner, vocab, name) = if (2..=MAX_LEN).contains(&l) {
        (
            look.dict[s] >> l & 1,
            look.vocab[s] >> l & 1,
            look.names[s] >> l & 1,
        )
    } else {
        (0, 0, 0)
    };
    let found = inner as usize | (vocab as usize) << 1 | (name as usize) << 2;
    let class = ((l - 1) * 8 + found) * SHAPES;
    let (first, last) = (units[s].shape as usize, units[s + l - 1].shape as usize);
    let before = at(units, s as isize - 1).shape as usize;
    let after = at(units, (s + l) as isize).shape as usize;
    [
        base + ((class + first) * SHAPES + last) as u32,
        base + (HALF + (class + before) * SHAPES + after) as u32,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_sum_equals_the_weights_at_the_hashed_indices() {
        // a random weight table, random token sequences over every shape, random lookups
        let bits = 12;
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let quant: Vec<i16> = (0..1 << bits).map(|_| next() as i16).collect();
        let scorer = GapScorer::new(bits, &quant);
        let mut feats = [0u32; N];
        for _ in 0..300 {
            let n = 2 + next() as usize % 12;
            let units: Vec<Unit> = (0..n)
                .map(|_| Unit {
                    key: next() % 5,
                    shape: (next() % SHAPES as u64) as u8,
                    punct: 0,
                })
                .collect();
            let mut look = Lookups::default();
            for v in [&mut look.dict, &mut look.vocab, &mut look.names] {
                v.extend((0..n).map(|_| {
                    if next() % 3 == 0 {
                        0
                    } else {
                        next() as u8 & 0x7C
                    }
                }));
            }
            look.pairs.extend((0..=n).map(|_| (next() % 16) as u8));
            look.fill_spans();
            let mut padded = Vec::new();
            pad(&units, &mut padded);
            for j in 1..n {
                gap(&units, &look, j, bits, &mut feats);
                let want: i32 = feats.iter().map(|&i| quant[i as usize] as i32).sum();
                assert_eq!(scorer.gap_sum(&quant, &padded, &look, j), want);
            }
        }
    }

    #[test]
    fn one_pass_over_the_three_lists_equals_three_passes() {
        // every mask pattern at a few positions, the three lists different
        let mut x = 0x1234_5678_9ABC_DEF1u64;
        for _ in 0..2000 {
            let mut look = Lookups::default();
            for _ in 0..10 {
                for v in [&mut look.dict, &mut look.vocab, &mut look.names] {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    v.push(if x.is_multiple_of(3) {
                        0
                    } else {
                        (x >> 8) as u8 & 0x7C
                    });
                }
            }
            look.fill_spans();
            for j in 1..10 {
                let (d, v, n) = dict_gaps(&look, j);
                let (d2, v2, n2) = dict_gaps_scan(&look, j);
                for (g, e) in [(d, d2), (v, v2), (n, n2)] {
                    assert_eq!(
                        (g.lr, g.cover, g.cover_left, g.end_l, g.start_r),
                        (e.lr, e.cover, e.cover_left, e.end_l, e.start_r)
                    );
                }
                for (g, m) in [(d, &look.dict), (v, &look.vocab), (n, &look.names)] {
                    let e = dict_gap(m, j);
                    assert_eq!(
                        (g.lr, g.cover, g.cover_left, g.end_l, g.start_r),
                        (e.lr, e.cover, e.cover_left, e.end_l, e.start_r)
                    );
                }
            }
        }
    }
}
