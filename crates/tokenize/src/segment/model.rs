//! The trained model: hashed feature weights in one flat array, four transition weights,
//! and the dictionary; Viterbi decoding; the binary file format.
//!
//! File format (little endian): magic `SENWSEG2`, `bits: u32`, `trans: [f32; 4]`, three
//! tables (word list, training vocabulary, pair statistics), each `slots: u32` then that many
//! `u64`, and `n: u32` then `n` pairs `(index: u32, weight: f32)`
//! for the non-zero weights (most of the `1 << bits` entries are zero, so the file is small;
//! the array is rebuilt dense at load so a lookup is one index, no probing).

use super::dict::Dict;
use super::features::{self, Lookups, N};
use super::keys::Unit;
use super::stats::PairStats;

const MAGIC: &[u8; 8] = b"SENWSEG2";

#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub(crate) bits: u32,
    pub(crate) weights: Vec<f32>,
    /// `trans[prev * 2 + cur]`, labels 0 = starts a word, 1 = continues the word.
    pub(crate) trans: [f32; 4],
    /// The word list (Viet74K).
    pub(crate) dict: Dict,
    /// Multi-syllable words of the training data.
    pub(crate) vocab: Dict,
    /// Joined/split counts of syllable pairs in the training data.
    pub(crate) pairs: PairStats,
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

/// Reusable buffers of one decoding call.
#[derive(Default)]
pub(crate) struct Scratch {
    pub look: Lookups,
    pub scores: Vec<f32>,
    pub back: Vec<u8>,
}

impl Model {
    #[inline]
    pub(crate) fn emission(&self, feats: &[u32; N]) -> f32 {
        feats.iter().map(|&i| self.weights[i as usize]).sum()
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
        let n = units.len();
        out.clear();
        out.resize(n, 0);
        if n < 2 {
            return;
        }
        self.lookups(units, &mut scratch.look);
        scratch.scores.clear();
        scratch.scores.resize(n, f32::NEG_INFINITY);
        let mut feats = [0u32; N];
        for j in 1..n {
            if features::joinable(units, j) && !breaks(j) {
                features::gap(units, &scratch.look, j, self.bits, &mut feats);
                scratch.scores[j] = self.emission(&feats);
            }
        }
        viterbi(&scratch.scores, &self.trans, &mut scratch.back, out);
    }

    pub(crate) fn lookups(&self, units: &[Unit], look: &mut Lookups) {
        self.dict.matches(units, &mut look.dict);
        self.vocab.matches(units, &mut look.vocab);
        self.pairs.codes(units, &mut look.pairs);
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.bits.to_le_bytes());
        for t in self.trans {
            b.extend_from_slice(&t.to_le_bytes());
        }
        for slots in [self.dict.slots(), self.vocab.slots(), self.pairs.slots()] {
            b.extend_from_slice(&(slots.len() as u32).to_le_bytes());
            for s in slots {
                b.extend_from_slice(&s.to_le_bytes());
            }
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
        let mut trans = [0f32; 4];
        for t in &mut trans {
            *t = f32::from_bits(r.u32()?);
        }
        let bad = BadModel("table size not a power of 2");
        let dict = Dict::from_slots(r.table()?).ok_or(bad)?;
        let vocab = Dict::from_slots(r.table()?).ok_or(BadModel("vocabulary size"))?;
        let pairs = PairStats::from_slots(r.table()?).ok_or(BadModel("pair table size"))?;
        let n = r.u32()? as usize;
        let mut weights = vec![0f32; 1 << bits];
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
        Ok(Model {
            bits,
            weights,
            trans,
            dict,
            vocab,
            pairs,
        })
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

/// Best label sequence for emission scores of label 1 (`-inf` = label 1 forbidden; index 0
/// is the first token, always label 0) and transition weights `trans[prev * 2 + cur]`.
pub(crate) fn viterbi(scores: &[f32], trans: &[f32; 4], back: &mut Vec<u8>, out: &mut Vec<u8>) {
    let n = scores.len();
    back.clear();
    back.resize(n, 0);
    out.clear();
    out.resize(n, 0);
    if n == 0 {
        return;
    }
    // best score of a path whose label at the current position is 0 / 1.
    let (mut s0, mut s1) = (0f32, f32::NEG_INFINITY);
    for j in 1..n {
        let (a0, a1) = (s0 + trans[0], s1 + trans[2]);
        let (n0, b0) = if a1 > a0 { (a1, 1u8) } else { (a0, 0u8) };
        let e = scores[j];
        let (n1, b1) = if e == f32::NEG_INFINITY {
            (f32::NEG_INFINITY, 0u8)
        } else {
            let (c0, c1) = (s0 + trans[1], s1 + trans[3]);
            if c1 > c0 {
                (c1 + e, 1u8)
            } else {
                (c0 + e, 0u8)
            }
        };
        back[j] = b0 | b1 << 1;
        s0 = n0;
        s1 = n1;
    }
    let mut y = u8::from(s1 > s0);
    for j in (1..n).rev() {
        out[j] = y;
        y = (back[j] >> y) & 1;
    }
    out[0] = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_follows_scores_and_respects_forbidden_gaps() {
        let mut back = Vec::new();
        let mut out = Vec::new();
        let scores = [0.0, 2.0, -1.0, f32::NEG_INFINITY, 3.0];
        viterbi(&scores, &[0.0; 4], &mut back, &mut out);
        assert_eq!(out, vec![0, 1, 0, 0, 1]);
        // a strong penalty on 1 → 1 keeps words at two tokens
        let scores = [0.0, 2.0, 2.0, 2.0];
        viterbi(&scores, &[0.0, 0.0, 0.0, -5.0], &mut back, &mut out);
        assert_eq!(out, vec![0, 1, 0, 1]);
    }

    #[test]
    fn bytes_round_trip() {
        let mut weights = vec![0f32; 1 << 10];
        weights[3] = 1.5;
        weights[1000] = -0.25;
        let m = Model {
            bits: 10,
            weights,
            trans: [0.1, -0.2, 0.3, -0.4],
            dict: Dict::build([vec!["hội", "đàm"]]),
            vocab: Dict::build([vec!["Hàn", "Quốc"]]),
            pairs: PairStats::default(),
        };
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b).unwrap(), m);
        assert!(Model::from_bytes(&b[..b.len() - 1]).is_err());
        assert!(Model::from_bytes(b"SENWSEG0").is_err());
        assert!(Model::from_bytes(b"SENWSEG1\x10\0\0\0").is_err());
    }
}
