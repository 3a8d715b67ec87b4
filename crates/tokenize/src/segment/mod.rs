//! Word segmentation: joins syllables into words (`Hàn Quốc`, `hội đàm`, `Phạm Minh Chính`).
//!
//! # The model, and why
//!
//! Each gap between two tokens gets a label, "the right token starts a new word" or
//! "continues the word", chosen by an **averaged structured perceptron** with first-order
//! Viterbi decoding over those two labels. Why this and not a CRF or a neural model:
//!
//! - The training data is small (UD Vietnamese VTB train + dev: 2,523 sentences, 46k words).
//!   What helps most with so little data is knowledge from outside it — the underthesea
//!   word list (74k entries) as dictionary features — and the perceptron learns how far to
//!   trust it as well as a CRF does (F1 within noise in our trials), trains in seconds and
//!   is exactly reproducible (integer updates, fixed shuffling seed).
//! - Decoding must run at tens of MB/s: features are hashed straight into a flat weight
//!   array (no feature strings, no map lookups), each token is folded once into a 64-bit key
//!   (cached per token text), and the best segmentation is a handful of additions per token.
//!
//! Where decoding's time goes, and what keeps it down (the speed section of BENCHMARKS.md
//! has the figures): the lexicon probes (one table for every list; pair probes prefetched
//! ahead, longer sequences followed round by round), the 15 syllable-key features of every
//! gap (the 8 that read one key come from a row of weights cached with the token's text,
//! see `features::Row`; the other 7 are hashed, summed in one loop of independent loads),
//! the 19 features of small values (10 lookups in dense tables built at load, see
//! `features::GapScorer`), and the semi-Markov pass (word features from two small tables;
//! gaps that can never be inside a best word, by a bound per pair of shapes, pruned). Every
//! speed change is checked against the word-span checksums of
//! `cargo run --release -p xtask -- eval-segmenter --bench FILE`: the output stays the same.
//!
//! Features of a gap (see [`features`]): the folded syllables around it (unigrams to
//! trigrams in a window of six), their shapes (lowercase, Capitalized, ALLCAPS, digits,
//! punctuation classes), sentence-initial capitalization, and dictionary evidence: is the
//! syllable pair a word, the longest dictionary word covering the gap and where it sits,
//! the longest one ending just left / starting just right (competing words).
//!
//! Hard constraints, not learned: no join across punctuation, except inside numbers and
//! dates the treebank writes with spaces (`28 . 000`, `17 - 3 – 2004`, `100 %`), and never
//! across a line break.
//!
//! The shipped model (`crates/tokenize/model/segmenter.bin`) is derived from UD Vietnamese
//! VTB (CC BY-SA 4.0) and the underthesea word list (Apache-2.0); `cargo xtask
//! train-segmenter` rebuilds it byte for byte.

mod dict;
mod features;
mod keys;
mod model;
mod stats;
pub mod train;

use std::cell::RefCell;
use std::sync::OnceLock;

use sen_core::layers::{Token, TokenKind, Word};
use sen_core::Span;

pub use dict::{Dict, Lexicon};
pub use model::{BadModel, Model};

use features::Row;
use keys::Unit;
use model::Scratch;

/// The trained model shipped with Sen.
static BUILTIN_MODEL: &[u8] = include_bytes!("../../model/segmenter.bin");

/// A word segmenter (a trained model). Cheap to share: segmenting takes `&self`.
pub struct Segmenter {
    model: Model,
    /// Which segmenter this is, so that a thread's unit cache (which holds rows of this
    /// model's weights) is never read by another one.
    id: u64,
    /// The row of [`Unit::EDGE`], the padding around every sequence.
    edge_row: Row,
}

thread_local! {
    static SCRATCH: RefCell<Buffers> = RefCell::default();
}

/// The reusable buffers of [`Segmenter::segment_into`] on one thread.
#[derive(Default)]
struct Buffers {
    units: Vec<Unit>,
    rows: Vec<Row>,
    labels: Vec<u8>,
    scratch: Scratch,
    cache: UnitCache,
}

/// Units and rows of recently seen token texts (direct-mapped, keyed by the exact bytes of
/// texts of up to 15 bytes): a text repeats its few thousand syllables, and comparing two
/// words is cheaper than folding the characters again and hashing the syllable's features.
#[derive(Default)]
struct UnitCache {
    slots: Vec<Slot>,
    /// The [`Segmenter::id`] whose rows the slots hold (0: none).
    owner: u64,
}

/// One entry (64 bytes, a cache line): the text's bytes as [`crate::short_key::short_key`]
/// packs them, its unit and row.
#[derive(Clone, Copy)]
struct Slot {
    lo: u64,
    hi: u64,
    unit: Unit,
    row: Row,
}

const CACHE_BITS: u32 = 13;

impl UnitCache {
    /// Empties the cache if it holds another segmenter's rows.
    fn own(&mut self, seg: &Segmenter) {
        if self.owner != seg.id {
            // (hi = 0 is no packed text: a key's top byte holds the length, at least 1)
            let empty = Slot {
                lo: 0,
                hi: 0,
                unit: Unit::EDGE,
                row: seg.edge_row,
            };
            self.slots.clear();
            self.slots.resize(1 << CACHE_BITS, empty);
            self.owner = seg.id;
        }
    }

    /// The unit and row of `text[a..b]`, written to `unit` and `row` (in place: no copy
    /// through the stack).
    #[inline]
    fn get(
        &mut self,
        seg: &Segmenter,
        text: &str,
        (a, b): (usize, usize),
        unit: &mut Unit,
        row: &mut Row,
    ) {
        let len = b - a;
        let bytes = text.as_bytes();
        if len == 0 || len > 15 {
            *unit = keys::unit(&text[a..b]);
            *row = seg.model.row(unit.key);
            return;
        }
        let (lo, hi, i) = crate::short_key::short_key(bytes, a, len, CACHE_BITS);
        let slot = &mut self.slots[i];
        if slot.lo != lo || slot.hi != hi {
            let unit = keys::unit(&text[a..b]);
            *slot = Slot {
                lo,
                hi,
                unit,
                row: seg.model.row(unit.key),
            };
        }
        *unit = slot.unit;
        *row = slot.row;
    }
}

impl Segmenter {
    /// The model shipped with Sen, loaded once on first use.
    pub fn builtin() -> &'static Segmenter {
        static S: OnceLock<Segmenter> = OnceLock::new();
        S.get_or_init(|| {
            Segmenter::from_bytes(BUILTIN_MODEL).expect("the shipped segmenter model is valid")
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Segmenter, BadModel> {
        Model::from_bytes(bytes).map(Segmenter::from_model)
    }

    pub fn from_model(model: Model) -> Segmenter {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let edge_row = model.row(Unit::EDGE.key);
        Segmenter {
            model,
            id,
            edge_row,
        }
    }

    /// Words over `tokens` (the token layer of `text`, in order). Every token lands in
    /// exactly one word; a word is a run of consecutive tokens.
    pub fn segment(&self, text: &str, tokens: &[Token]) -> Vec<Word> {
        // a word per token at most: one allocation, no regrowing copies
        let mut out = Vec::with_capacity(tokens.len());
        self.segment_into(text, tokens, &mut out);
        out
    }

    /// [`Segmenter::segment`], appending to `out` (reuse it to avoid allocating).
    pub fn segment_into(&self, text: &str, tokens: &[Token], out: &mut Vec<Word>) {
        SCRATCH.with(|s| {
            let Buffers {
                units,
                rows,
                labels,
                scratch,
                cache,
            } = &mut *s.borrow_mut();
            cache.own(self);
            // padded with edges as the decoder reads them, built in place (filled, then
            // written over: two pushes a token cost more)
            units.clear();
            rows.clear();
            units.resize(tokens.len() + 6, Unit::EDGE);
            rows.resize(tokens.len() + 6, self.edge_row);
            for ((u, r), t) in units[3..].iter_mut().zip(&mut rows[3..]).zip(tokens) {
                match t.kind {
                    TokenKind::Url | TokenKind::Email => {
                        *u = unit_of(text, t);
                        *r = self.model.row(u.key);
                    }
                    _ => cache.get(self, text, (t.span.start, t.span.end), u, r),
                }
            }
            let padded: &[Unit] = units;
            let units_ro = &padded[3..padded.len() - 3];
            let breaks = |j: usize| {
                let gap = &text.as_bytes()[tokens[j - 1].span.end..tokens[j].span.start];
                // a lowercase or digit token starts with no capital: no name boundary there
                let may_be_name = |u: Unit| {
                    !matches!(
                        u.shape,
                        keys::shape::LOWER | keys::shape::DIGITS | keys::shape::NUMBER
                    )
                };
                // (most gaps are one space: no search for a line break there)
                (match gap {
                    [b] => *b == b'\n',
                    _ => gap.contains(&b'\n'),
                }) || (may_be_name(units_ro[j - 1])
                    && may_be_name(units_ro[j])
                    && (name_boundary(text, &tokens[j - 1], &tokens[j], tokens.get(j + 1))
                        || country_then_name(text, tokens, j)))
            };
            self.model
                .decode_padded(padded, rows, &breaks, scratch, labels);
            join_foreign_names(text, tokens, labels, &breaks);
            // a word ends before every token that starts one (label 0), and at the end
            out.reserve(tokens.len());
            let word = |a: usize, b: usize| Word {
                span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
                tokens: (a, b),
            };
            let mut start = 0;
            for (j, _) in labels.iter().enumerate().skip(1).filter(|(_, &l)| l == 0) {
                out.push(word(start, j));
                start = j;
            }
            if tokens.len() > start {
                out.push(word(start, tokens.len()));
            }
        })
    }

    /// [`segment_line`] with this model.
    pub fn segment_line(&self, line: &str) -> String {
        // `sen segment` calls this once a line: the token and word buffers are reused
        thread_local! {
            static LINE: RefCell<(Vec<Token>, Vec<Word>)> = RefCell::default();
        }
        LINE.with(|b| match b.try_borrow_mut() {
            Ok(mut b) => {
                let (tokens, words) = &mut *b;
                tokens.clear();
                crate::tokenize_into(line, tokens);
                words.clear();
                self.segment_into(line, tokens, words);
                join_words(line, tokens, words)
            }
            Err(_) => {
                let tokens = crate::tokenize(line);
                let words = self.segment(line, &tokens);
                join_words(line, &tokens, &words)
            }
        })
    }

    /// Labels for a sequence of tokens given as strings (1 = continues the previous
    /// token's word); for evaluation on pre-tokenized text.
    pub fn label_tokens<'a>(&self, tokens: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
        let units: Vec<Unit> = tokens.into_iter().map(keys::unit).collect();
        let mut labels = Vec::new();
        self.model
            .decode(&units, &|_| false, &mut Scratch::default(), &mut labels);
        labels
    }
}

/// Where a name starts inside a run of capitalized words, the two never join, so names
/// come out whole: a capitalized Vietnamese syllable next to a capitalized foreign word
/// (`Mỹ | Donald Trump`, `Hàn Quốc | Lee Jae-myung`, `Singapore | Lý Hiển Long`), and a
/// capitalized word before a common family name (`Bộ Công Thương | Nguyễn Hồng Diên`).
fn name_boundary(text: &str, left: &Token, right: &Token, next: Option<&Token>) -> bool {
    let (l, r) = (left.span.slice(text), right.span.slice(text));
    // a name starts on the right only if it goes on (`Donald Trump`, `Nguyễn Hồng Diên`):
    // a lone capitalized word after a capitalized word belongs to it (`Muay Thái`,
    // `Li Xinmei`, `Thái Bình Dương`)
    let goes_on = goes_on(text, right, next);
    if !upper(l) || !upper(r) {
        return false;
    }
    // a form of address before a foreign name of any length (`Ông Albanese`, `Bà Merkel`;
    // not before a Vietnamese syllable: `Bà Rịa` is a place)
    if right.kind == TokenKind::Foreign && HONORIFICS.contains(&l) {
        return true;
    }
    if !goes_on {
        return false;
    }
    let mixed = matches!(
        (left.kind, right.kind),
        (TokenKind::Syllable, TokenKind::Foreign) | (TokenKind::Foreign, TokenKind::Syllable)
    );
    mixed || (left.kind == TokenKind::Syllable && FAMILY_NAMES.contains(&r))
}

/// A name spelled in a foreign language's letters comes out whole (`Lee Jae-myung`,
/// `Ursula von der Leyen`, `Abdel Fattah al-Sisi`), as the treebank writes such names
/// (`Donald_Trump`): with few of them in its training data the model splits the rarer ones.
/// A run of capitalized foreign words, one space apart, with name particles (`von der`,
/// `da`, `bin`) only between them, becomes one word, except where a name boundary or a
/// line break forbids a join (`Singapore | Lawrence Wong`) or the run so far is a
/// country's name with a name after it (`Brazil | Lula da Silva`). `labels[j]` is 1 where token
/// `j` continues the word before it.
fn join_foreign_names(
    text: &str,
    tokens: &[Token],
    labels: &mut [u8],
    breaks: &dyn Fn(usize) -> bool,
) {
    let is_name = |t: &Token| {
        // (the kind first: most tokens are Vietnamese syllables)
        if t.kind != TokenKind::Foreign {
            return false;
        }
        let s = t.span.slice(text);
        upper(s)
            // `al-Sisi`, `el-Sheikh`: a particle joined by a hyphen to a capital
            || s.split_once('-').is_some_and(|(p, rest)| {
                NAME_PARTICLES.contains(&p) && upper(rest)
            })
    };
    let is_particle = |t: &Token| NAME_PARTICLES.contains(&t.span.slice(text));
    let spaced = |j: usize| {
        let gap = &text.as_bytes()[tokens[j - 1].span.end..tokens[j].span.start];
        !gap.is_empty() && gap.iter().all(|&b| b == b' ')
    };
    let mut i = 0;
    while i < tokens.len() {
        // (the kind here, so that the common case costs no call)
        if tokens[i].kind != TokenKind::Foreign || !is_name(&tokens[i]) {
            i += 1;
            continue;
        }
        // the run from `i`: names, and particles followed by a name
        let mut last = i;
        let mut k = i + 1;
        while k < tokens.len() {
            // (the cheap tests first: most names are followed by a Vietnamese word)
            let name = is_name(&tokens[k]);
            if !(name || is_particle(&tokens[k])) || !spaced(k) || breaks(k) {
                break;
            }
            // a country's name ends the run where a name of two words or more follows it,
            // and no word goes on from it into that name (`Brazil | Lula da Silva`; but
            // `Singapore Airlines`: a lone word after the country is no name that goes on)
            let name_follows = || {
                name && tokens
                    .get(k + 1)
                    .is_some_and(|n| spaced(k + 1) && (is_name(n) || is_particle(n)))
            };
            if name_follows()
                && countries().contains(&text[tokens[i].span.start..tokens[k - 1].span.end])
            {
                labels[k] = 0;
                break;
            }
            if name {
                last = k;
            }
            k += 1;
        }
        for label in &mut labels[i + 1..=last] {
            *label = 1;
        }
        i = last + 1;
    }
}

/// Lower-case particles inside foreign names (`Ursula von der Leyen`, `Lula da Silva`,
/// `Mohammed bin Salman`, `Abdel Fattah al-Sisi`).
const NAME_PARTICLES: [&str; 17] = [
    "von", "van", "der", "den", "de", "del", "della", "da", "das", "dos", "di", "du", "la", "le",
    "bin", "al", "el",
];

fn upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalized word, one space after `right`, follows it.
fn goes_on(text: &str, right: &Token, next: Option<&Token>) -> bool {
    next.is_some_and(|t| {
        t.span.start > right.span.end
            && text[right.span.end..t.span.start]
                .bytes()
                .all(|b| b == b' ')
            && upper(t.span.slice(text))
    })
}

/// `right` goes on by a hyphen glued to it: a foreign name written in Vietnamese
/// syllables (`Ba-rắc Ô-ba-ma`, `Gia-cốp Du-ma`, `Ních-xông`), as the press of the 2010s
/// and Nhân Dân still write many.
fn transliterated(text: &str, right: &Token, next: &Token) -> bool {
    next.span.start == right.span.end && matches!(next.span.slice(text), "-" | "‑")
}

/// Country names: every name and alias of the annotators' knowledge file (its second
/// column), so a country added there is known here too.
// (a fast fixed hash: the set is asked up to a dozen times at every gap between two
// capitalized words, and its keys are our own file's)
type CountrySet = std::collections::HashSet<&'static str, foldhash::fast::FixedState>;

fn countries() -> &'static CountrySet {
    static SET: OnceLock<CountrySet> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../../annotate/knowledge/countries.tsv")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(1))
            .flat_map(|names| names.split('|').map(str::trim))
            .collect()
    })
}

/// Longest country name looked for, in tokens (`Cộng hòa Liên bang Đức` is five).
const COUNTRY_TOKENS: usize = 6;

/// The news writes a leader as title + country + name (`Tổng thống Iran Masoud
/// Pezeshkian`, `Chủ tịch Trung Quốc Tập Cận Bình`, `Thủ tướng Singapore Lawrence Wong`):
/// where a country name opens a run of capitalized words and a name that goes on follows
/// it, the two never join. The country must open the run (a lower-case word or nothing
/// before it) so that a given name such as `Đức` inside `Vũ Đức Đam Minh` is not taken
/// for Germany, and a one-syllable country only splits off a foreign name.
fn country_then_name(text: &str, tokens: &[Token], j: usize) -> bool {
    // (a name goes on after a space, or by a hyphen: `Nam Phi | Gia-cốp Du-ma`)
    let goes_on = goes_on(text, &tokens[j], tokens.get(j + 1))
        || tokens
            .get(j + 1)
            .is_some_and(|n| transliterated(text, &tokens[j], n));
    if !upper(tokens[j].span.slice(text)) || !goes_on {
        return false;
    }
    let end = tokens[j - 1].span.end;
    (1..=COUNTRY_TOKENS.min(j)).any(|k| {
        let first = j - k;
        let opens_run = first == 0 || !upper(tokens[first - 1].span.slice(text));
        let from = tokens[first].span.start;
        // the longest name wins: `Nhật` is a country, but not in `Nhật Bản Naruhito`
        let longer = || {
            tokens[j..tokens.len().min(j + COUNTRY_TOKENS)]
                .iter()
                .any(|t| countries().contains(&text[from..t.span.end]))
        };
        // a one-syllable country (`Mỹ`, `Đức`, `Nga`) also opens Vietnamese place and
        // personal names (`Mỹ Phước Tây`, `Đức Linh`): only a foreign name may follow it
        let plausible = k > 1
            || tokens[first].kind != TokenKind::Syllable
            || tokens[j].kind == TokenKind::Foreign
            || tokens
                .get(j + 1)
                .is_some_and(|n| transliterated(text, &tokens[j], n));
        opens_run && plausible && countries().contains(&text[from..end]) && !longer()
    })
}

/// Capitalized forms of address that stand before a name and are never part of it.
const HONORIFICS: [&str; 3] = ["Ông", "Bà", "Ngài"];

/// The commonest Vietnamese family names (they open a personal name).
const FAMILY_NAMES: [&str; 14] = [
    "Nguyễn", "Trần", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô",
    "Dương", "Trương",
];

fn unit_of(text: &str, t: &Token) -> Unit {
    match t.kind {
        // URLs and e-mail addresses are words by themselves; give them a punctuation-like
        // shape so they never join.
        TokenKind::Url | TokenKind::Email => Unit {
            shape: keys::shape::SYMBOL,
            ..keys::unit(t.span.slice(text))
        },
        _ => keys::unit(t.span.slice(text)),
    }
}

/// One line in, the same line out with the syllables of every multi-syllable word joined
/// by `_` (the VLSP / pyvi convention); every other character is kept as it was.
/// `Thủ tướng Phạm Minh Chính hội đàm` → `Thủ_tướng Phạm_Minh_Chính hội_đàm`.
pub fn segment_line(line: &str) -> String {
    Segmenter::builtin().segment_line(line)
}

/// `text` with the whitespace inside each multi-token word replaced by one `_` per run.
pub fn join_words(text: &str, tokens: &[Token], words: &[Word]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // the text is copied in runs; only whitespace inside a word is replaced
    let mut pos = 0;
    for w in words.iter().filter(|w| w.tokens.1 - w.tokens.0 > 1) {
        let (a, b) = w.tokens;
        for k in a + 1..b {
            let (start, end) = (tokens[k - 1].span.end, tokens[k].span.start);
            let gap = &text[start..end];
            if gap == " " || !gap.is_empty() && gap.chars().all(char::is_whitespace) {
                out.push_str(&text[pos..start]);
                out.push('_');
                pos = end;
            }
        }
    }
    out.push_str(&text[pos..]);
    out
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod join_tests {
    use super::*;

    /// [`join_words`] as first written: word by word.
    fn join_words_by_word(text: &str, tokens: &[Token], words: &[Word]) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for w in words {
            out.push_str(&text[pos..w.span.start]);
            let (a, b) = w.tokens;
            out.push_str(tokens[a].span.slice(text));
            for k in a + 1..b {
                let gap = &text[tokens[k - 1].span.end..tokens[k].span.start];
                if !gap.is_empty() && gap.chars().all(char::is_whitespace) {
                    out.push('_');
                } else {
                    out.push_str(gap);
                }
                out.push_str(tokens[k].span.slice(text));
            }
            pos = w.span.end;
        }
        out.push_str(&text[pos..]);
        out
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn joining_in_runs_equals_joining_word_by_word(text in "(Thủ tướng|Phạm Minh Chính|hội đàm|Hàn  Quốc|Kuala\u{A0}Lumpur|28 . 000|Việt-Trung|17 - 3 – 2004|,|\\.|\n| |\t){0,20}") {
            let tokens = crate::tokenize(&text);
            let words = Segmenter::builtin().segment(&text, &tokens);
            prop_assert_eq!(
                join_words(&text, &tokens, &words),
                join_words_by_word(&text, &tokens, &words)
            );
            prop_assert_eq!(
                Segmenter::builtin().segment_line(&text),
                join_words_by_word(&text, &tokens, &words)
            );
        }
    }
}

#[cfg(test)]
mod name_boundary_tests {
    use super::segment_line;

    #[test]
    fn a_name_does_not_join_the_country_or_ministry_before_it() {
        let out = segment_line("Tổng thống Mỹ Donald Trump gặp Tổng thống Hàn Quốc Lee Jae-myung và Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên.");
        for whole in ["Donald_Trump", "Nguyễn_Hồng_Diên"] {
            assert!(out.contains(whole), "{out}");
        }
        for glued in ["Mỹ_Donald", "Quốc_Lee", "Thương_Nguyễn"] {
            assert!(!out.contains(glued), "{out}");
        }
    }

    #[test]
    fn a_name_does_not_join_the_country_that_opens_its_run() {
        let out = segment_line("Thủ tướng gặp Tổng thống Iran Masoud Pezeshkian, Chủ tịch Trung Quốc Tập Cận Bình và Tổng thống Philippines Ferdinand Marcos tại Singapore.");
        for whole in [
            "Masoud_Pezeshkian",
            "Trung_Quốc",
            "Tập_Cận_Bình",
            "Ferdinand_Marcos",
        ] {
            assert!(out.contains(whole), "{out}");
        }
        for glued in ["Iran_Masoud", "Quốc_Tập", "Philippines_Ferdinand"] {
            assert!(!out.contains(glued), "{out}");
        }
        // a one-syllable country before Vietnamese syllables is a place (`Mỹ Phước Tây`)
        let out = segment_line("Khu công nghiệp Mỹ Phước Tây nằm ở Bình Dương.");
        assert!(!out.contains("Mỹ Phước_Tây"), "{out}");
        let out = segment_line("Ngoại trưởng Nga Sergei Lavrov và Ngoại trưởng Mỹ Marco Rubio.");
        assert!(
            out.contains("Sergei_Lavrov") && out.contains("Marco_Rubio"),
            "{out}"
        );
        assert!(
            !out.contains("Nga_Sergei") && !out.contains("Mỹ_Marco"),
            "{out}"
        );
        // the longest country name wins (`Nhật` is one too)
        let out = segment_line(
            "Thủ tướng Nhật Bản Kishida Fumio hội đàm với Thủ tướng Nhật Bản Ishiba Shigeru.",
        );
        assert!(out.contains("Nhật_Bản Kishida_Fumio"), "{out}");
        assert!(out.contains("Nhật_Bản Ishiba_Shigeru"), "{out}");
        // a lone word after the country is no name that goes on (`Singapore Airlines`)
        let out = segment_line("Ông đi chuyến bay của hãng Singapore Airlines.");
        assert!(out.contains("Singapore_Airlines"), "{out}");
    }

    #[test]
    fn a_country_stays_apart_from_a_transliterated_name() {
        let out = segment_line(
            "Tổng thống Mỹ Ba-rắc Ô-ba-ma và Tổng thống Nam Phi Gia-cốp Du-ma gặp Tổng thống Pháp Ních-xông.",
        );
        for apart in ["Mỹ Ba-rắc", "Nam_Phi Gia-cốp", "Pháp Ních-xông"] {
            assert!(out.contains(apart), "{out}");
        }
        // a place whose first syllable is a country's name stays whole
        let out = segment_line("Đoàn thăm Mỹ Tho và Bà Rịa - Vũng Tàu.");
        assert!(out.contains("Mỹ_Tho"), "{out}");
    }

    #[test]
    fn foreign_names_come_out_whole() {
        let out = segment_line(
            "Tổng thống Hàn Quốc Lee Jae-myung, bà Ursula von der Leyen và Tổng thống Ai Cập Abdel Fattah al-Sisi dự hội nghị.",
        );
        for name in [
            "Lee_Jae-myung",
            "Ursula_von_der_Leyen",
            "Abdel_Fattah_al-Sisi",
        ] {
            assert!(out.contains(name), "{out}");
        }
        assert!(out.contains("Hàn_Quốc Lee"), "{out}");
        // a country before a name of several words stays apart from it; a particle
        // only inside a name
        let out = segment_line("Tổng thống Brazil Lula da Silva tới Rio de Janeiro.");
        assert!(out.contains("Brazil Lula_da_Silva"), "{out}");
        assert!(out.contains("Rio_de_Janeiro"), "{out}");
        let out = segment_line("Ông Jean-Pierre Raffarin da vàng.");
        assert!(out.contains("Jean-Pierre_Raffarin da"), "{out}");
        // never across a line break
        let out = segment_line("Tổng thống Lee");
        assert!(out.ends_with("Lee"), "{out}");
        let text = "Tổng thống Lee\nJae-myung phát biểu.";
        let toks = crate::tokenize(text);
        let words = super::Segmenter::builtin().segment(text, &toks);
        assert!(words.iter().all(|w| !w.span.slice(text).contains('\n')));
    }

    #[test]
    fn countries_are_read_from_the_knowledge_file() {
        let known = super::countries();
        for name in [
            "Việt Nam",
            "Hoa Kỳ",
            "Trung Quốc",
            "Singapore",
            "Iran",
            "Nhật",
        ] {
            assert!(known.contains(name), "{name}");
        }
        assert!(
            !known.contains("VN") && !known.contains("Việt"),
            "codes and short forms are no names"
        );
    }

    #[test]
    fn a_lone_capitalized_word_stays_with_the_name_before_it() {
        let out = segment_line("Tàu đi qua Thái Bình Dương rồi đến San Francisco.");
        for whole in ["Thái_Bình_Dương", "San_Francisco"] {
            assert!(out.contains(whole), "{out}");
        }
        // but a form of address never joins a foreign name
        let out = segment_line("Ông Albanese cho biết sẽ sang thăm.");
        assert!(out.starts_with("Ông Albanese"), "{out}");
    }
}
