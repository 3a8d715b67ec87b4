//! Training: an averaged structured perceptron over the gap labels of gold sentences
//! (CoNLL-U, one word a line, syllables separated by spaces in FORM).
//!
//! Deterministic: sentences are visited in an order shuffled by a fixed-seed generator,
//! updates are integers, and the averaged weights are computed in `f64`; the same data and
//! options give the same model bytes on every machine.

use super::dict::{Dict, Lexicon};
use super::features::{self, Lookups, MAX_WORD, N};
use super::keys::{self, Unit};
use super::model::{best_segmentation, Model};
use super::stats::pair_codes;

/// A gold sentence: its words, each a list of syllables (tokens as the treebank splits them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSentence {
    pub text: Option<String>,
    pub words: Vec<Vec<String>>,
}

impl GoldSentence {
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.words.iter().flatten().map(String::as_str)
    }

    /// 1 where a token continues the previous token's word.
    pub fn labels(&self) -> Vec<u8> {
        self.words
            .iter()
            .flat_map(|w| (0..w.len()).map(|i| u8::from(i > 0)))
            .collect()
    }
}

/// Sentences of a CoNLL-U file (multiword-token ranges and empty nodes skipped).
pub fn read_conllu(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur = GoldSentence {
        text: None,
        words: Vec::new(),
    };
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    GoldSentence {
                        text: None,
                        words: Vec::new(),
                    },
                ));
            }
            cur.text = None;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(rest) = c.strip_prefix("text") {
                if let Some(t) = rest.trim_start().strip_prefix('=') {
                    cur.text = Some(t.strip_prefix(' ').unwrap_or(t).to_string());
                }
            }
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let sylls: Vec<String> = form.split_whitespace().map(str::to_string).collect();
        if !sylls.is_empty() {
            cur.words.push(sylls);
        }
    }
    out
}

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    /// The weight array has `1 << bits` entries.
    pub bits: u32,
    pub seed: u64,
    /// Folds for the jackknifed training-data features (vocabulary, pair statistics).
    pub folds: usize,
    /// Perceptrons trained (each on its own shuffling seed) and averaged into one model.
    pub runs: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            bits: 19,
            seed: 0x5E9_2024,
            folds: 10,
            runs: 1,
        }
    }
}

/// One training sentence with its features precomputed.
struct Example {
    gold: Vec<u8>,
    /// Per token: index into `feats` of its gap's features, or `u32::MAX` for a gap that
    /// may not be joined (and token 0).
    gap: Vec<u32>,
    feats: Vec<[u32; N]>,
    /// Word features of candidate `units[s..s + l]` at `s * MAX_WORD + l - 1`.
    words: Vec<[u32; 2]>,
}

fn example(units: &[Unit], labels: &[u8], look: &Lookups, bits: u32) -> Example {
    let mut gold = labels.to_vec();
    let mut gap = vec![u32::MAX; units.len()];
    let mut feats = Vec::new();
    for j in 1..units.len() {
        if features::joinable(units, j) {
            let mut f = [0u32; N];
            features::gap(units, look, j, bits, &mut f);
            gap[j] = feats.len() as u32;
            feats.push(f);
        } else {
            // the model cannot join here; a gold join across it is not learnable
            gold[j] = 0;
        }
    }
    let n = units.len();
    let mut words = vec![[0u32; 2]; n * MAX_WORD];
    for s in 0..n {
        for l in 1..=MAX_WORD.min(n - s) {
            words[s * MAX_WORD + l - 1] = features::word(units, look, s, l, 1 << bits);
        }
    }
    Example {
        gold,
        gap,
        feats,
        words,
    }
}

/// Word spans `(start, len)` of a label sequence.
fn spans(labels: &[u8]) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start = 0;
    for j in 1..=labels.len() {
        if j == labels.len() || labels[j] == 0 {
            v.push((start, j - start));
            start = j;
        }
    }
    v
}

/// Vocabulary and pair statistics of the sentences `keep` selects.
fn corpus_tables(
    sentences: &[GoldSentence],
    units: &[Vec<Unit>],
    labels: &[Vec<u8>],
    keep: impl Fn(usize) -> bool,
) -> (Dict, Vec<(u64, u8)>) {
    let vocab = Dict::build(
        sentences
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .flat_map(|(_, s)| s.words.iter())
            .filter(|w| w.len() > 1)
            .map(|w| w.iter().map(String::as_str)),
    );
    let pairs = pair_codes(
        (0..units.len())
            .filter(|&i| keep(i))
            .map(|i| (units[i].as_slice(), labels[i].as_slice())),
    );
    (vocab, pairs)
}

/// Progress of one epoch, for the caller to print or to pick the number of epochs.
pub struct Epoch<'a> {
    pub epoch: usize,
    pub mistakes: usize,
    /// The averaged model as it is after this epoch.
    pub model: &'a Model,
}

/// Trains a model. `on_epoch` sees the averaged model after every epoch (building it costs
/// one pass over the weights; pass `|_| ()` and it is built only at the end).
pub fn train(
    sentences: &[GoldSentence],
    dict: Dict,
    names: Dict,
    opts: &TrainOptions,
    mut on_epoch: impl FnMut(Epoch<'_>),
    every_epoch: bool,
) -> Model {
    let size = 1usize << opts.bits;
    let units: Vec<Vec<Unit>> = sentences
        .iter()
        .map(|s| s.tokens().map(keys::unit).collect())
        .collect();
    let labels: Vec<Vec<u8>> = sentences.iter().map(GoldSentence::labels).collect();
    // features of each sentence from tables built without its fold
    let folds = opts.folds.max(2);
    let mut examples: Vec<Option<Example>> = (0..sentences.len()).map(|_| None).collect();
    let mut look = Lookups::default();
    for k in 0..folds {
        let (vocab, pairs) = corpus_tables(sentences, &units, &labels, |i| i % folds != k);
        let m = Model::new(
            opts.bits,
            Vec::new(),
            Lexicon::build(&dict, &vocab, &names, &pairs),
        );
        for i in (k..sentences.len()).step_by(folds) {
            m.lookups(&units[i], &mut look);
            examples[i] = Some(example(&units[i], &labels[i], &look, opts.bits));
        }
    }
    let examples: Vec<Example> = examples.into_iter().flatten().collect();
    let (vocab, pairs) = corpus_tables(sentences, &units, &labels, |_| true);
    let size = size + features::WORD_FEATURES;
    let runs = opts.runs.max(1);
    let mut states: Vec<Run> = (0..runs)
        .map(|r| Run::new(size, examples.len(), opts.seed.wrapping_add(2 * r as u64)))
        .collect();
    let lexicon = Lexicon::build(&dict, &vocab, &names, &pairs);
    let mut model = Model::new(opts.bits, Vec::new(), lexicon);
    for epoch in 1..=opts.epochs {
        let mistakes = states.iter_mut().map(|r| r.epoch(&examples)).sum();
        if every_epoch || epoch == opts.epochs {
            // the average of the runs' averaged weights
            let mut avg = vec![0f64; size];
            for r in &states {
                for (a, (&w, &u)) in avg.iter_mut().zip(r.w.iter().zip(&r.u)) {
                    *a += w as f64 - u / r.c;
                }
            }
            let avg = avg.into_iter().map(|a| (a / runs as f64) as f32).collect();
            model = Model::new(opts.bits, avg, model.lexicon);
            on_epoch(Epoch {
                epoch,
                mistakes,
                model: &model,
            });
        }
    }
    model
}

/// One perceptron's state: current weights `w`, the sums `u` the average is taken from,
/// the update counter `c` and its shuffling generator.
struct Run {
    w: Vec<f32>,
    u: Vec<f64>,
    c: f64,
    rng: u64,
    order: Vec<usize>,
    scores: Vec<f32>,
    best: Vec<f32>,
    back: Vec<u8>,
    pred: Vec<u8>,
}

impl Run {
    fn new(size: usize, n: usize, seed: u64) -> Run {
        Run {
            w: vec![0f32; size],
            u: vec![0f64; size],
            c: 1.0,
            rng: seed | 1,
            order: (0..n).collect(),
            scores: Vec::new(),
            best: Vec::new(),
            back: Vec::new(),
            pred: Vec::new(),
        }
    }

    /// One pass over the examples in a fresh shuffled order; returns the mistaken gaps.
    fn epoch(&mut self, examples: &[Example]) -> usize {
        let Run {
            w,
            u,
            c,
            rng,
            order,
            scores,
            best,
            back,
            pred,
        } = self;
        for i in (1..order.len()).rev() {
            *rng ^= *rng << 13;
            *rng ^= *rng >> 7;
            *rng ^= *rng << 17;
            order.swap(i, (*rng % (i as u64 + 1)) as usize);
        }
        let mut mistakes = 0;
        for &k in order.iter() {
            let ex = &examples[k];
            scores.clear();
            scores.extend(ex.gap.iter().map(|&g| {
                if g == u32::MAX {
                    f32::NEG_INFINITY
                } else {
                    ex.feats[g as usize].iter().map(|&i| w[i as usize]).sum()
                }
            }));
            let word = |s: usize, l: usize| {
                let [a, b] = ex.words[s * MAX_WORD + l - 1];
                w[a as usize] + w[b as usize]
            };
            best_segmentation(scores, word, best, back, pred);
            if *pred != ex.gold {
                for (j, (&p, &g)) in pred.iter().zip(&ex.gold).enumerate().skip(1) {
                    if p != g {
                        mistakes += 1;
                        let d = if g == 1 { 1f32 } else { -1f32 };
                        for &i in &ex.feats[ex.gap[j] as usize] {
                            w[i as usize] += d;
                            u[i as usize] += *c * d as f64;
                        }
                    }
                }
                let (g, p) = (spans(&ex.gold), spans(pred));
                let gs: std::collections::HashSet<_> = g.iter().copied().collect();
                let ps: std::collections::HashSet<_> = p.iter().copied().collect();
                let changes = g
                    .iter()
                    .filter(|x| !ps.contains(x))
                    .map(|x| (x, 1f32))
                    .chain(p.iter().filter(|x| !gs.contains(x)).map(|x| (x, -1f32)));
                for (&(s, l), d) in changes {
                    if l <= MAX_WORD {
                        for i in ex.words[s * MAX_WORD + l - 1] {
                            w[i as usize] += d;
                            u[i as usize] += *c * d as f64;
                        }
                    }
                }
            }
            *c += 1.0;
        }
        mistakes
    }
}

/// Word-span counts (correct, system, gold) of predicted labels against gold labels of
/// the same tokens.
pub fn span_counts(gold: &[u8], pred: &[u8]) -> (usize, usize, usize) {
    let spans = |y: &[u8]| {
        let mut v = Vec::new();
        let mut start = 0;
        for j in 1..=y.len() {
            if j == y.len() || y[j] == 0 {
                v.push((start, j));
                start = j;
            }
        }
        v
    };
    let (g, p) = (spans(gold), spans(pred));
    let gs: std::collections::HashSet<_> = g.iter().collect();
    let correct = p.iter().filter(|s| gs.contains(s)).count();
    (correct, p.len(), g.len())
}

/// Dictionary entries from a word list, one entry a line, syllables separated by spaces.
pub fn dict_from_list(list: &str) -> Dict {
    Dict::build(list.lines().map(|l| l.split_whitespace()))
}
