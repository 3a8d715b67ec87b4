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
    for s in lo..j {
        g.add(masks[s], (j - s) as u8);
    }
    g.finish(masks, j);
    g
}

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

/// [`DictGap`] of gap `j` for the word list, the vocabulary and the place names, in one
/// pass (most start positions match nothing in any list and are skipped at once).
#[inline]
fn dict_gaps(look: &Lookups, j: usize) -> (DictGap, DictGap, DictGap) {
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
    pub pairs: Vec<u8>,
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
                    v.push(if x % 3 == 0 { 0 } else { (x >> 8) as u8 & 0x7C });
                }
            }
            for j in 1..10 {
                let (d, v, n) = dict_gaps(&look, j);
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
