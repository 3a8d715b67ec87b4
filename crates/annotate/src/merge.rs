//! The `merge_events` corpus plugin: the same real-world event reported by several
//! articles becomes one [`CorpusEvent`] that keeps every mention.
//!
//! Two events are one occurrence when they have the same type and the same participants
//! (names compared case- and tone-mark-insensitively), come from different documents,
//! their dates agree (equal, or one a prefix of the other: `2025-10` ⊃ `2025-10-26`, or a
//! `XXXX` year that the other resolves), at least one of them is dated, and their
//! location countries do not contradict. Two APEC meetings of one leader a year apart stay
//! two events; the `26/10` meeting in Kuala Lumpur told by two outlets becomes one.
//!
//! Events are grouped by (type, participant set) in a hash map, so the step is linear in
//! the number of events; the result keeps input order and the id of each group's first
//! event, so ids are stable across runs and thread counts.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

use foldhash::fast::FixedState;

use serde::{Deserialize, Serialize};

use sen_core::layers::{CorpusEvent, EventMention, EventType, Modality};
use sen_core::{AnnotateError, CorpusAnnotator, CorpusStream, Layer, Placed};

use crate::events::lex::{fold_char, fold_same_len};

/// Settings of `merge_events` (none yet; unknown keys are errors).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MergeSettings {}

pub struct MergeEvents;

sen_core::inventory::submit! {
    sen_core::CorpusPlugin {
        name: "merge_events",
        description: "One event per real-world occurrence across documents, every mention kept",
        requires: &[Layer::Events],
        defaults: sen_core::settings::defaults_of::<MergeSettings>,
        build: |s| {
            let _: MergeSettings = s.parse()?;
            Ok(Box::new(MergeEvents))
        },
    }
}

impl CorpusAnnotator for MergeEvents {
    fn annotate_corpus(&self, events: &mut Vec<CorpusEvent>) -> Result<(), AnnotateError> {
        merge(events);
        Ok(())
    }

    fn stream(&self) -> Option<Box<dyn CorpusStream>> {
        Some(Box::new(MergeStream::default()))
    }
}

/// A name as compared across documents: case folded, one tone-mark placement, spaces
/// squeezed.
fn name_key(name: &str) -> String {
    let f = fold_same_len(name.trim());
    let mut out = String::with_capacity(f.len());
    for w in f.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    for (old, new) in [
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
    ] {
        // Most names have none of these: no new string for them.
        if out.contains(old) {
            out = out.replace(old, new);
        }
    }
    out
}

/// Do two dates allow one occurrence? Both must be known; `XXXX` matches any year.
fn dates_agree(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let n = a.len().min(b.len());
    let (a, b) = (&a.as_bytes()[..n], &b.as_bytes()[..n]);
    // the usual case (the same day, or a day in its month) compared whole first
    a == b
        || a.iter()
            .zip(b)
            .all(|(x, y)| x == y || *x == b'X' || *y == b'X')
}

/// The more precise of two dates: a resolved year over `XXXX`, a day over a month; the
/// first on a tie.
fn better_date(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(x), Some(y)) => {
            let score = |d: &str| (d.len(), !d.starts_with('X'));
            Some(if score(&y) > score(&x) { y } else { x })
        }
        (x, None) => x,
        (None, y) => y,
    }
}

/// Merge the events of a corpus in place (see the module documentation).
pub fn merge(events: &mut Vec<CorpusEvent>) {
    let mut out: Vec<CorpusEvent> = Vec::with_capacity(events.len());
    // (type, sorted participant keys) → indices into `out`
    let mut groups: HashMap<(sen_core::layers::EventType, Vec<String>), Vec<usize>> =
        HashMap::new();
    // The documents each merged event already has a mention from (a set: an event told by
    // thousands of articles must not be rescanned for every new one).
    let mut docs: Vec<std::collections::HashSet<String>> = Vec::with_capacity(events.len());
    for e in events.drain(..) {
        let mut key: Vec<String> = e.participants.iter().map(|p| name_key(p)).collect();
        key.sort();
        key.dedup();
        let slot = groups.entry((e.kind, key)).or_default();
        let fits = |i: usize, c: &CorpusEvent| {
            !e.mentions.iter().any(|m| docs[i].contains(&m.doc))
                && dates_agree(c.date.as_deref(), e.date.as_deref())
                && match (&c.location.country, &e.location.country) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                }
        };
        // several candidates (two proposals of one meeting): the one told in the most
        // similar words; the first on a tie
        let fitting: Vec<usize> = slot.iter().copied().filter(|&i| fits(i, &out[i])).collect();
        let target = match fitting.as_slice() {
            [] => None,
            [one] => Some(*one),
            many => {
                let words = evidence_words(&e);
                many.iter()
                    .map(|&i| (i, similarity(&words, &evidence_words(&out[i]))))
                    .fold(None::<(usize, f64)>, |best, (i, sim)| match best {
                        Some((_, b)) if b >= sim => best,
                        _ => Some((i, sim)),
                    })
                    .map(|(i, _)| i)
            }
        };
        match target {
            Some(i) => {
                docs[i].extend(e.mentions.iter().map(|m| m.doc.clone()));
                absorb(&mut out[i], e)
            }
            None => {
                slot.push(out.len());
                docs.push(e.mentions.iter().map(|m| m.doc.clone()).collect());
                out.push(e);
            }
        }
    }
    *events = out;
}

/// [`merge`] one event at a time, for a corpus that is not held in memory: the result is
/// the same, event for event. An undated event can never take another one in (dates
/// must agree), so it is let go at once; a dated one stays open until the end, as its
/// compact state only — date, place, the documents it is told by and the words of its
/// evidence (both hashed) — while its mentions go back to the caller.
#[derive(Default)]
pub struct MergeStream {
    /// (type, sorted interned participant keys) → open output events (places in
    /// `open`), in order of creation.
    groups: Map<(EventType, Vec<u32>), Vec<usize>>,
    /// Open output events, in order of creation (so of index).
    open: Vec<Open>,
    /// Output events so far.
    next: usize,
    settled: Vec<(usize, CorpusEvent)>,
    /// Participant name → the number of its [`name_key`].
    names: Map<String, u32>,
    /// [`name_key`] → number: two names with one key get one number.
    keys: Map<String, u32>,
    /// The last evidence and its words: the events of one sentence come one after the
    /// other.
    last_evidence: (String, Vec<u64>),
    /// Scratch: the word being read by [`MergeStream::word_hashes`].
    word: String,
}

/// The maps of [`MergeStream`]: their keys are ours (names, words, indices), so a fast
/// fixed hasher; nothing depends on their order.
type Map<K, V> = HashMap<K, V, FixedState>;

struct Open {
    /// Its index among the output events.
    index: usize,
    /// The output event without mentions.
    head: CorpusEvent,
    /// Hashes of the documents it has a mention from (64 bits: a false match between
    /// two different ids is a 2^-64 chance).
    docs: HashSet<u64, BuildHasherDefault<Prehashed>>,
    /// Its evidence words, hashed, sorted and distinct.
    words: Vec<u64>,
    /// The last few evidence texts whose words are in `words`, hashed ([`told_hash`]):
    /// an article copied by other outlets tells the event again in the same sentence,
    /// and its words are not read again.
    told: Told,
}

/// A few hashes, the oldest replaced first.
#[derive(Default)]
struct Told {
    hashes: [u64; 4],
    len: u8,
    next: u8,
}

impl Told {
    fn has(&self, h: u64) -> bool {
        self.hashes[..usize::from(self.len)].contains(&h)
    }

    fn add(&mut self, h: u64) {
        self.hashes[usize::from(self.next)] = h;
        self.next = (self.next + 1) % 4;
        self.len = (self.len + 1).min(4);
    }
}

/// The hash of the evidence texts of some mentions (fixed seed: the same in every run;
/// a false match between two different texts is a 2^-64 chance, as for [`doc_hash`]).
fn told_hash(mentions: &[EventMention]) -> u64 {
    const TOLD_HASH: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0x701d);
    let mut h = TOLD_HASH.build_hasher();
    for m in mentions {
        m.evidence.hash(&mut h);
    }
    h.finish()
}

fn doc_hash(id: &str) -> u64 {
    const DOC_HASH: foldhash::quality::FixedState =
        foldhash::quality::FixedState::with_seed(0xd0c5);
    DOC_HASH.hash_one(id)
}

/// The hash of an evidence word (fixed seeds: the same in every run).
const WORD_HASH: foldhash::quality::FixedState = foldhash::quality::FixedState::with_seed(0x5e11);

/// The hasher of a set of [`doc_hash`]es: they are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // only `u64`s are hashed; anything else still hashes correctly
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// `c.is_alphanumeric()`, with the letters of Vietnamese answered without the Unicode
/// tables (the split of evidence into words is most of what a push costs).
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Latin-1 letters (not × ÷), Latin Extended-A and -B: all letters
        0xc0..=0x24f => c != '\u{d7}' && c != '\u{f7}',
        // Latin Extended Additional (ạ ả ấ … ỹ): all letters
        0x1e00..=0x1eff => true,
        _ => c.is_alphanumeric(),
    }
}

impl MergeStream {
    /// The hashed evidence words of some mentions, sorted and distinct (the same set as
    /// [`words_of`], as 64-bit hashes: a false match between two different words is a
    /// 2^-64 chance, and no table of every word seen is kept).
    #[cfg(test)]
    fn word_hashes(&mut self, mentions: &[EventMention]) -> Vec<u64> {
        word_hashes(&mut self.last_evidence, &mut self.word, mentions)
    }

    /// The number of a name's [`name_key`], remembered: the same few names come back in
    /// event after event.
    fn name_id(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.names.get(name) {
            return k;
        }
        let key = name_key(name);
        let next = self.keys.len() as u32;
        let k = *self.keys.entry(key).or_insert(next);
        // Bounded: a corpus with ever new spellings only loses the shortcut.
        if self.names.len() < 100_000 {
            self.names.insert(name.to_string(), k);
        }
        k
    }
}

/// [`MergeStream::word_hashes`] over the fields it uses (`last`: the last evidence and
/// its words; `word`: scratch).
fn word_hashes(
    last: &mut (String, Vec<u64>),
    word: &mut String,
    mentions: &[EventMention],
) -> Vec<u64> {
    if let [m] = mentions {
        if m.evidence == last.0 {
            return last.1.clone();
        }
    }
    let mut ids = Vec::new();
    // each word folded into one reused buffer as it is read (the same words as
    // splitting `fold_same_len(evidence)`, without folding the whole sentence first)
    for m in mentions {
        word.clear();
        for c in m.evidence.chars() {
            let f = fold_char(c);
            let is_word = if f.is_ascii() {
                f.is_ascii_alphanumeric()
            } else {
                is_word_char(f)
            };
            if is_word {
                word.push(f);
            } else if !word.is_empty() {
                ids.push(WORD_HASH.hash_one(word.as_str()));
                word.clear();
            }
        }
        if !word.is_empty() {
            ids.push(WORD_HASH.hash_one(word.as_str()));
        }
    }
    ids.sort_unstable();
    ids.dedup();
    if let [m] = mentions {
        last.0.clone_from(&m.evidence);
        last.1.clone_from(&ids);
    }
    ids
}

impl CorpusStream for MergeStream {
    fn push(&mut self, mut e: CorpusEvent) -> Result<Placed, AnnotateError> {
        let mentions = std::mem::take(&mut e.mentions);
        if e.date.is_none() {
            let i = self.next;
            self.next += 1;
            self.settled.push((i, e));
            return Ok((i, mentions));
        }
        let mut key: Vec<u32> = e.participants.iter().map(|p| self.name_id(p)).collect();
        key.sort_unstable();
        key.dedup();
        let hashes: Vec<u64> = mentions.iter().map(|m| doc_hash(&m.doc)).collect();
        let slot = self.groups.entry((e.kind, key)).or_default();
        let open = &self.open;
        // the cheap tests first
        let fits = |c: &Open| {
            dates_agree(c.head.date.as_deref(), e.date.as_deref())
                && match (&c.head.location.country, &e.location.country) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                }
                && !hashes.iter().any(|h| c.docs.contains(h))
        };
        // The words of the evidence, read only when needed: to choose among several
        // candidates, for a new event, or for an event not yet told in this evidence.
        let (last, word) = (&mut self.last_evidence, &mut self.word);
        let mut words = None;
        // several candidates (two proposals of one meeting): the one told in the most
        // similar words; the first on a tie
        let mut fitting = slot.iter().copied().filter(|&k| fits(&open[k]));
        let target = match (fitting.next(), fitting.next()) {
            (None, _) => None,
            (Some(one), None) => Some(one),
            (Some(a), Some(b)) => {
                let words = &*words.insert(word_hashes(last, word, &mentions));
                [a, b]
                    .into_iter()
                    .chain(fitting)
                    .map(|k| (k, similarity(words, &open[k].words)))
                    .fold(None::<(usize, f64)>, |best, (i, sim)| match best {
                        Some((_, b)) if b >= sim => best,
                        _ => Some((i, sim)),
                    })
                    .map(|(i, _)| i)
            }
        };
        let told = told_hash(&mentions);
        let i = match target {
            Some(k) => {
                let o = &mut self.open[k];
                o.docs.extend(hashes);
                if !o.told.has(told) {
                    let words = words.unwrap_or_else(|| word_hashes(last, word, &mentions));
                    union_into(&mut o.words, &words);
                    o.told.add(told);
                }
                absorb(&mut o.head, e);
                o.index
            }
            None => {
                let i = self.next;
                self.next += 1;
                slot.push(self.open.len());
                let mut o = Open {
                    index: i,
                    head: e,
                    docs: hashes.into_iter().collect(),
                    words: words.unwrap_or_else(|| word_hashes(last, word, &mentions)),
                    told: Told::default(),
                };
                o.told.add(told);
                self.open.push(o);
                i
            }
        };
        Ok((i, mentions))
    }

    fn settled(&mut self) -> Vec<(usize, CorpusEvent)> {
        std::mem::take(&mut self.settled)
    }

    fn finish(self: Box<Self>) -> Vec<(usize, CorpusEvent)> {
        self.open.into_iter().map(|o| (o.index, o.head)).collect()
    }
}

/// `b` added to `a`, both sorted and distinct; no new list when `a` has all of `b` (an
/// event told again in the same words).
fn union_into<T: Ord + Copy>(a: &mut Vec<T>, b: &[T]) {
    let mut rest = a.as_slice();
    let covered = b.iter().all(|x| {
        // galloping: the next word of `b` is usually a few places on in `a`
        let (mut lo, mut step) = (0, 1);
        while lo + step <= rest.len() && rest[lo + step - 1] < *x {
            lo += step;
            step *= 2;
        }
        let end = (lo + step).min(rest.len());
        match rest[lo..end].binary_search(x) {
            Ok(k) => {
                rest = &rest[lo + k + 1..];
                true
            }
            Err(_) => false,
        }
    });
    if !covered {
        *a = union(a, b);
    }
}

/// Two sorted, distinct lists as one.
fn union<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                v.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                v.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                v.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    v.extend_from_slice(&a[i..]);
    v.extend_from_slice(&b[j..]);
    v
}

/// The folded words of an event's evidence sentences.
fn evidence_words(e: &CorpusEvent) -> Vec<String> {
    words_of(&e.mentions)
}

/// The folded words of some mentions' evidence, sorted and distinct.
fn words_of(mentions: &[EventMention]) -> Vec<String> {
    let mut v: Vec<String> = mentions
        .iter()
        .flat_map(|m| {
            fold_same_len(&m.evidence)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Jaccard similarity of two sorted word sets.
fn similarity<T: Ord>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

fn absorb(into: &mut CorpusEvent, e: CorpusEvent) {
    into.date = better_date(into.date.take(), e.date);
    let loc = &mut into.location;
    if loc.country.is_none() {
        loc.country = e.location.country;
    }
    if loc.city.is_none() {
        loc.city = e.location.city;
    }
    if loc.venue.is_none() {
        loc.venue = e.location.venue;
    }
    if into.occasion.is_none() {
        into.occasion = e.occasion;
    }
    // a report that it happened outweighs one that it was planned
    if e.modality == Modality::Happened {
        into.modality = Modality::Happened;
    }
    for (slot, c) in into.countries.iter_mut().zip(e.countries) {
        if slot.is_none() {
            *slot = c;
        }
    }
    into.mentions.extend(e.mentions);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sen_core::layers::{EventMention, EventType, Place};
    use sen_core::Span;

    fn ev(
        id: &str,
        doc: &str,
        kind: EventType,
        date: Option<&str>,
        who: &[&str],
        country: Option<&str>,
    ) -> CorpusEvent {
        CorpusEvent {
            id: id.into(),
            kind,
            date: date.map(str::to_string),
            participants: who.iter().map(|s| s.to_string()).collect(),
            countries: vec![None; who.len()],
            location: Place {
                country: country.map(str::to_string),
                ..Place::default()
            },
            occasion: None,
            modality: Modality::Happened,
            cameo: "040".into(),
            plover: "CONSULT".into(),
            mentions: vec![EventMention {
                doc: doc.into(),
                event: "e1".into(),
                evidence: String::new(),
                span: Span::new(0, 0),
            }],
        }
    }

    #[test]
    fn same_meeting_in_two_articles_is_one_event() {
        let mut v = vec![
            ev(
                "ev-0001",
                "a",
                EventType::Meeting,
                Some("2025-10-26"),
                &["Phạm Minh Chính", "Donald Trump"],
                Some("MY"),
            ),
            ev(
                "ev-0002",
                "b",
                EventType::Meeting,
                Some("XXXX-10-26"),
                &["Donald Trump", "phạm minh chính"],
                None,
            ),
            ev(
                "ev-0003",
                "b",
                EventType::Meeting,
                Some("2024-11"),
                &["Lương Cường", "Joe Biden"],
                Some("PE"),
            ),
        ];
        merge(&mut v);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].id, "ev-0001");
        assert_eq!(v[0].mentions.len(), 2);
        assert_eq!(v[0].date.as_deref(), Some("2025-10-26"));
        assert_eq!(v[0].location.country.as_deref(), Some("MY"));
    }

    #[test]
    fn different_dates_places_or_documents_stay_apart() {
        let mut v = vec![
            ev(
                "ev-0001",
                "a",
                EventType::Meeting,
                Some("2025-10-29"),
                &["Lương Cường", "Donald Trump"],
                Some("KR"),
            ),
            ev(
                "ev-0002",
                "b",
                EventType::Meeting,
                Some("2024-11-15"),
                &["Lương Cường", "Donald Trump"],
                Some("PE"),
            ),
            ev(
                "ev-0003",
                "a",
                EventType::Visit,
                Some("2017"),
                &["Donald Trump"],
                Some("VN"),
            ),
            ev(
                "ev-0004",
                "a",
                EventType::Visit,
                Some("2019"),
                &["Donald Trump"],
                Some("VN"),
            ),
            ev(
                "ev-0005",
                "c",
                EventType::Visit,
                Some("2017"),
                &["Donald Trump"],
                Some("CN"),
            ),
            ev(
                "ev-0006",
                "c",
                EventType::Proposal,
                None,
                &["Donald Trump"],
                None,
            ),
            ev(
                "ev-0007",
                "d",
                EventType::Proposal,
                None,
                &["Donald Trump"],
                None,
            ),
        ];
        merge(&mut v);
        assert_eq!(v.len(), 7);
    }

    #[test]
    fn ids_follow_input_order_whatever_the_grouping() {
        let mk = || {
            vec![
                ev(
                    "ev-0001",
                    "a",
                    EventType::Talks,
                    Some("2023-09-10"),
                    &["A", "B"],
                    None,
                ),
                ev(
                    "ev-0002",
                    "b",
                    EventType::Talks,
                    Some("2023-09-10"),
                    &["B", "A"],
                    None,
                ),
                ev(
                    "ev-0003",
                    "c",
                    EventType::Talks,
                    Some("2023-09"),
                    &["A", "B"],
                    None,
                ),
            ]
        };
        let mut v = mk();
        merge(&mut v);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].id, "ev-0001");
        let docs: Vec<&str> = v[0].mentions.iter().map(|m| m.doc.as_str()).collect();
        assert_eq!(docs, vec!["a", "b", "c"]);
        let mut w = mk();
        merge(&mut w);
        assert_eq!(v, w);
    }

    /// What a runner does with a [`MergeStream`]: mentions kept by output event, the
    /// settled and the finished events put in order, mentions attached.
    fn via_stream(events: Vec<CorpusEvent>) -> Vec<CorpusEvent> {
        let mut stream = MergeEvents.stream().unwrap();
        let mut mentions: Vec<Vec<EventMention>> = Vec::new();
        let mut heads: Vec<(usize, CorpusEvent)> = Vec::new();
        let mut last_settled = None;
        for e in events {
            let (i, m) = stream.push(e).unwrap();
            if mentions.len() <= i {
                mentions.resize_with(i + 1, Vec::new);
            }
            mentions[i].extend(m);
            for (j, h) in stream.settled() {
                assert!(last_settled < Some(j), "settled indices increase");
                last_settled = Some(j);
                heads.push((j, h));
            }
        }
        heads.extend(stream.finish());
        heads.sort_by_key(|(i, _)| *i);
        assert!(heads.iter().enumerate().all(|(n, (i, _))| n == *i));
        heads
            .into_iter()
            .map(|(i, mut h)| {
                h.mentions = std::mem::take(&mut mentions[i]);
                h
            })
            .collect()
    }

    #[test]
    fn the_stream_merges_like_the_whole_list() {
        let v = vec![
            ev(
                "ev-0001",
                "a",
                EventType::Meeting,
                Some("2025-10-26"),
                &["Phạm Minh Chính", "Donald Trump"],
                Some("MY"),
            ),
            ev(
                "ev-0002",
                "b",
                EventType::Meeting,
                Some("XXXX-10-26"),
                &["Donald Trump", "phạm minh chính"],
                None,
            ),
            ev(
                "ev-0003",
                "b",
                EventType::Proposal,
                None,
                &["Donald Trump"],
                None,
            ),
            ev(
                "ev-0004",
                "c",
                EventType::Meeting,
                Some("2025-10"),
                &["Donald Trump", "Phạm Minh Chính"],
                None,
            ),
        ];
        let mut whole = v.clone();
        merge(&mut whole);
        assert_eq!(whole.len(), 2);
        assert_eq!(via_stream(v), whole);
    }

    fn arb_event() -> impl Strategy<Value = CorpusEvent> {
        let who = prop::sample::subsequence(
            vec!["Lương Cường", "Donald Trump", "Tập Cận Bình", "lương cường"],
            1..3,
        );
        let date = prop::sample::select(vec![
            None,
            Some("2025-10-26"),
            Some("2025-10"),
            Some("XXXX-10-26"),
            Some("2024-11-15"),
            Some("2025"),
        ]);
        let country = prop::sample::select(vec![None, Some("KR"), Some("PE")]);
        let kind = prop::sample::select(vec![EventType::Meeting, EventType::Talks]);
        // Few documents, so ids repeat far apart (duplicate ids in a corpus) too.
        let doc = prop::sample::select(vec!["a", "b", "c", "d", "e"]);
        let evidence = prop::sample::subsequence(
            vec!["hội", "đàm", "gặp", "Hàn", "Quốc", "APEC", "Lima", "thăm"],
            0..5,
        );
        (kind, date, who, country, doc, evidence).prop_map(
            |(kind, date, who, country, doc, evidence)| {
                let mut e = ev("", doc, kind, date, &who, country);
                e.mentions[0].evidence = evidence.join(" ");
                e
            },
        )
    }

    #[test]
    fn word_chars_are_the_alphanumeric_chars() {
        for c in (0..=0x2ffffu32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn dates_agree_when_equal_a_prefix_or_by_an_unknown_year() {
        let agree = |a, b| dates_agree(Some(a), Some(b)) && dates_agree(Some(b), Some(a));
        assert!(agree("2025-10-26", "2025-10-26"));
        assert!(agree("2025-10", "2025-10-26"));
        assert!(agree("XXXX-10-26", "2025-10-26"));
        assert!(agree("XXXX-10", "2024-10-03"));
        assert!(!agree("2025-10-26", "2025-10-27"));
        assert!(!agree("XXXX-11-26", "2025-10-26"));
        assert!(!agree("2024", "2025-10-26"));
        assert!(!dates_agree(None, Some("2025")) && !dates_agree(None, None));
    }

    #[test]
    fn told_keeps_the_last_four_hashes() {
        let mut t = Told::default();
        assert!(!t.has(0));
        for h in 1..=6 {
            t.add(h);
            assert!(t.has(h));
        }
        assert!(!t.has(1) && !t.has(2));
        assert!((3..=6).all(|h| t.has(h)));
        assert!(!t.has(0), "unfilled places match nothing");
    }

    #[test]
    fn union_into_adds_only_what_is_missing() {
        let mut a = vec![1, 4, 9];
        union_into(&mut a, &[4, 9]);
        assert_eq!(a, [1, 4, 9]);
        union_into(&mut a, &[0, 4, 5, 12]);
        assert_eq!(a, [0, 1, 4, 5, 9, 12]);
        union_into(&mut a, &[]);
        assert_eq!(a, [0, 1, 4, 5, 9, 12]);
        // every subset of a longer list is found covered, every other list is added
        let long: Vec<u64> = (0..70).map(|n| n * 3).collect();
        for first in 0..long.len() {
            for stride in 1..9 {
                let sub: Vec<u64> = long[first..].iter().copied().step_by(stride).collect();
                let mut a = long.clone();
                union_into(&mut a, &sub);
                assert_eq!(a, long);
                let mut a = long.clone();
                let mut with_new = sub.clone();
                with_new.push(1000);
                union_into(&mut a, &with_new);
                assert_eq!(a, union(&long, &with_new));
                let mut a = long.clone();
                let shifted: Vec<u64> = sub.iter().map(|n| n + 1).collect();
                union_into(&mut a, &shifted);
                assert_eq!(a, union(&long, &shifted));
            }
        }
    }

    #[test]
    fn evidence_words_are_the_words_of_the_whole_list() {
        let mut s = MergeStream::default();
        let mut e = ev("ev-0001", "a", EventType::Meeting, None, &["A"], None);
        for evidence in [
            "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ Donald Trump tại APEC-2025, ngày 29/10.",
            "«Hội đàm» với ÔNG Tập Cận Bình; 3×4 — Đà Nẵng",
            "",
            " ,.; ",
            "x",
        ] {
            e.mentions[0].evidence = evidence.to_string();
            let mut want: Vec<u64> = words_of(&e.mentions)
                .iter()
                .map(|w| WORD_HASH.hash_one(w.as_str()))
                .collect();
            want.sort_unstable();
            assert_eq!(s.word_hashes(&e.mentions), want, "{evidence}");
        }
    }

    proptest::proptest! {
        #[test]
        fn evidence_words_are_the_words_of_the_whole_list_on_any_text(
            evidence in "([A-ZĐa-zđàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]{1,6}|[ ,.;:«»×—\u{300}\u{130}ẞΣß0-9-]){0,40}|\\PC{0,40}",
        ) {
            let mut s = MergeStream::default();
            let mut e = ev("ev-0001", "a", EventType::Meeting, None, &["A"], None);
            e.mentions[0].evidence = evidence.clone();
            let mut want: Vec<u64> = words_of(&e.mentions)
                .iter()
                .map(|w| WORD_HASH.hash_one(w.as_str()))
                .collect();
            want.sort_unstable();
            want.dedup();
            prop_assert_eq!(s.word_hashes(&e.mentions), want, "{}", evidence);
        }

        #[test]
        fn stream_and_whole_list_agree(events in prop::collection::vec(arb_event(), 0..40)) {
            let events: Vec<CorpusEvent> = events
                .into_iter()
                .enumerate()
                .map(|(i, mut e)| {
                    e.id = format!("ev-{:04}", i + 1);
                    e
                })
                .collect();
            let mut whole = events.clone();
            merge(&mut whole);
            proptest::prop_assert_eq!(via_stream(events), whole);
        }
    }
}
