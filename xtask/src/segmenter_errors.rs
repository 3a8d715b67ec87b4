//! Where the segmenter's cross-validated mistakes are (`train-segmenter --cv K --buckets`):
//! the out-of-fold output of train + dev against gold, bucketed two ways.
//!
//! 1. Per gap between two letter/digit tokens: what the *other* folds say of the syllable
//!    pair (never seen, always joined, always split, both), whether the word list has it,
//!    and the gold label. The unseen rows are what the model must generalize; the seen
//!    rows where gold goes against the other folds are the treebank disagreeing with itself.
//! 2. Per region (a maximal stretch where system and gold boundaries differ): its content
//!    (number, punctuation, foreign, capitalized run, mixed case, sentence-initial, lower
//!    case) and kind (over-join, missed join, crossing), with the wrong words it costs and
//!    how many regions the treebank itself writes the system's way elsewhere in train + dev.

use std::collections::{HashMap, HashSet};

use sen_tokenize::segment::train::GoldSentence;

/// Prints both tables for out-of-fold `lines` (one a sentence of `all`, `_` joining the
/// syllables of a word) made in `k` contiguous blocks; `examples`: how many of the commonest
/// mistakes to list under each of the largest region buckets.
pub fn report(
    all: &[GoldSentence],
    lines: &[String],
    k: usize,
    word_list: &HashSet<String>,
    examples: usize,
) {
    let n = all.len();
    let fold = |i: usize| (i * k / n).min(k - 1);
    let lower = |s: &str| s.to_lowercase();
    // per fold: syllable pair -> (joined, split) in gold
    let mut pairs: Vec<HashMap<(String, String), (u32, u32)>> = vec![HashMap::new(); k];
    // every syllable string of 2..=4 tokens -> gold boundary patterns seen for it
    let mut patterns: HashMap<Vec<String>, HashSet<Vec<u8>>> = HashMap::new();
    let gold: Vec<(Vec<String>, Vec<u8>)> = all
        .iter()
        .map(|s| (s.tokens().map(str::to_string).collect(), s.labels()))
        .collect();
    for (i, (toks, labels)) in gold.iter().enumerate() {
        for j in 1..toks.len() {
            let e = pairs[fold(i)]
                .entry((lower(&toks[j - 1]), lower(&toks[j])))
                .or_default();
            if labels[j] == 1 {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        for a in 0..toks.len() {
            for b in a + 2..=(a + 4).min(toks.len()) {
                let key = toks[a..b].iter().map(|t| lower(t)).collect();
                patterns
                    .entry(key)
                    .or_default()
                    .insert(labels[a + 1..b].to_vec());
            }
        }
    }
    let mut gaps: HashMap<(&str, bool, u8), (usize, usize)> = HashMap::new();
    let mut regions: HashMap<(&str, &str), Region> = HashMap::new();
    let mut skipped = 0;
    for (i, ((toks, gl), line)) in gold.iter().zip(lines).enumerate() {
        let (stoks, sl) = split_line(line);
        if stoks != *toks {
            skipped += 1;
            continue;
        }
        for j in 1..toks.len() {
            if !(wordish(&toks[j - 1]) && wordish(&toks[j])) {
                continue;
            }
            let key = (lower(&toks[j - 1]), lower(&toks[j]));
            let (mut joined, mut split) = (0, 0);
            for (f, p) in pairs.iter().enumerate() {
                if f != fold(i) {
                    let c = p.get(&key).copied().unwrap_or_default();
                    joined += c.0;
                    split += c.1;
                }
            }
            let status = match (joined, split) {
                (0, 0) => "unseen",
                (_, 0) => "seen, always joined",
                (0, _) => "seen, always split",
                _ => "seen both ways",
            };
            let listed = word_list.contains(&format!("{} {}", key.0, key.1));
            let e = gaps.entry((status, listed, gl[j])).or_default();
            e.0 += 1;
            e.1 += usize::from(sl[j] != gl[j]);
        }
        // regions: between two boundaries both sides have, where anything differs
        let mut a = 0;
        while a < toks.len() {
            let mut b = a + 1;
            while b < toks.len() && !(gl[b] == 0 && sl[b] == 0) {
                b += 1;
            }
            if (a + 1..b).any(|j| gl[j] != sl[j]) {
                let kind = if (a + 1..b).all(|j| sl[j] >= gl[j]) {
                    "over-join"
                } else if (a + 1..b).all(|j| sl[j] <= gl[j]) {
                    "missed join"
                } else {
                    "crossing"
                };
                let content = content(toks, a, b);
                let words =
                    (a..b).filter(|&j| gl[j] == 0).count() + (a..b).filter(|&j| sl[j] == 0).count();
                let key: Vec<String> = toks[a..b].iter().map(|t| lower(t)).collect();
                let theirs = patterns
                    .get(&key)
                    .is_some_and(|p| p.contains(&sl[a + 1..b].to_vec()));
                let r = regions.entry((content, kind)).or_default();
                r.count += 1;
                r.words += words;
                r.both_ways += usize::from(theirs);
                *r.examples
                    .entry((show(toks, gl, a, b), show(toks, &sl, a, b)))
                    .or_default() += 1;
            }
            a = b;
        }
    }
    println!("\nout-of-fold gaps between letter/digit tokens (pair as the other folds have it)");
    println!(
        "{:22} {:9} {:5} {:>7} {:>7} {:>7}",
        "pair in other folds", "word list", "gold", "gaps", "errors", "error %"
    );
    let mut rows: Vec<_> = gaps.into_iter().collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let total: usize = rows.iter().map(|r| r.1 .1).sum();
    for ((status, listed, g), (all, err)) in rows {
        println!(
            "{:22} {:9} {:5} {:7} {:7} {:7.1}",
            status,
            if listed { "listed" } else { "-" },
            if g == 1 { "join" } else { "split" },
            all,
            err,
            100.0 * err as f64 / all as f64
        );
    }
    println!("{total} gap errors");
    let mut rs: Vec<_> = regions.into_iter().collect();
    rs.sort_by(|a, b| b.1.words.cmp(&a.1.words).then(a.0.cmp(&b.0)));
    let (nr, nw): (usize, usize) = rs
        .iter()
        .fold((0, 0), |(c, w), r| (c + r.1.count, w + r.1.words));
    println!(
        "\n{nr} error regions, {nw} wrong words (gold words missed + system words wrong){}",
        if skipped > 0 {
            format!(", {skipped} sentences skipped (tokens differ from gold)")
        } else {
            String::new()
        }
    );
    println!(
        "{:18} {:12} {:>7} {:>7} {:>22}",
        "content", "kind", "regions", "words", "gold elsewhere as sys"
    );
    for ((content, kind), r) in &rs {
        println!(
            "{:18} {:12} {:7} {:7} {:22}",
            content, kind, r.count, r.words, r.both_ways
        );
    }
    for ((content, kind), r) in rs.iter().take(4) {
        if examples == 0 {
            break;
        }
        println!("\n{content}, {kind}: commonest (gold -> system)");
        let mut ex: Vec<_> = r.examples.iter().collect();
        ex.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for ((g, s), c) in ex.into_iter().take(examples) {
            println!("  {c:3}  {g} -> {s}");
        }
    }
}

#[derive(Default)]
struct Region {
    count: usize,
    words: usize,
    both_ways: usize,
    examples: HashMap<(String, String), usize>,
}

/// Tokens and labels (1 = joined to the previous token) of a system line.
fn split_line(line: &str) -> (Vec<String>, Vec<u8>) {
    let (mut toks, mut labels) = (Vec::new(), Vec::new());
    for w in line.split_whitespace() {
        for (i, t) in w.split('_').filter(|t| !t.is_empty()).enumerate() {
            toks.push(t.to_string());
            labels.push(u8::from(i > 0));
        }
    }
    (toks, labels)
}

fn wordish(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_alphanumeric)
}

fn upper(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// A letter-only token no Vietnamese syllable could be: f, j, w or z, or no Vietnamese
/// letter and a consonant cluster or final that Vietnamese does not have.
fn foreign(t: &str) -> bool {
    let l = t.to_lowercase();
    if !l.chars().all(char::is_alphabetic) {
        return false;
    }
    if !l.is_ascii() {
        return false;
    }
    if l.contains(['f', 'j', 'w', 'z']) {
        return true;
    }
    let last = l.chars().last().unwrap_or('a');
    if "bdghklqrsvx".contains(last)
        && !l.ends_with("ng")
        && !l.ends_with("nh")
        && !l.ends_with("ch")
    {
        return true;
    }
    // two consonants opening or closing it that are no Vietnamese digraph
    let b = l.as_bytes();
    let cons = |c: u8| !b"aeiouy".contains(&c);
    let onset = b.len() >= 2
        && cons(b[0])
        && cons(b[1])
        && !["ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"]
            .iter()
            .any(|d| l.starts_with(d));
    let coda = b.len() >= 3
        && cons(b[b.len() - 1])
        && cons(b[b.len() - 2])
        && !["ng", "nh", "ch"].iter().any(|d| l.ends_with(d));
    onset || coda
}

/// What a region is made of (the first test that holds, in this order).
fn content(toks: &[String], a: usize, b: usize) -> &'static str {
    let t = &toks[a..b];
    let initial = a == 0
        || matches!(toks[a - 1].as_str(), "." | "!" | "?" | "…" | "...")
        || (a >= 2
            && matches!(toks[a - 1].as_str(), "\"" | "“" | "(" | "'")
            && matches!(toks[a - 2].as_str(), "." | "!" | "?"));
    if t.iter().any(|x| x.chars().any(|c| c.is_numeric())) {
        "number"
    } else if t.iter().any(|x| !wordish(x)) {
        "punctuation"
    } else if t.iter().any(|x| foreign(x)) {
        "foreign"
    } else if t.iter().all(|x| upper(x)) {
        "capitalized run"
    } else if initial && upper(&t[0]) {
        "sentence-initial"
    } else if t.iter().any(|x| upper(x)) {
        "mixed case"
    } else {
        "lower case"
    }
}

/// Tokens `a..b` with `_` inside words.
fn show(toks: &[String], labels: &[u8], a: usize, b: usize) -> String {
    let mut s = toks[a].clone();
    for j in a + 1..b {
        s.push(if labels[j] == 1 { '_' } else { ' ' });
        s += &toks[j];
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_content() {
        let (t, l) = split_line("Hàn_Quốc và  Việt Nam 28_._000");
        assert_eq!(t, ["Hàn", "Quốc", "và", "Việt", "Nam", "28", ".", "000"]);
        assert_eq!(l, [0, 1, 0, 0, 0, 0, 1, 1]);
        let toks: Vec<String> = t;
        assert_eq!(content(&toks, 3, 5), "capitalized run");
        assert_eq!(content(&toks, 5, 8), "number");
        assert_eq!(content(&toks, 0, 2), "capitalized run");
        let (t, _) = split_line("Như_vậy , con gái");
        assert_eq!(content(&t, 0, 2), "sentence-initial");
        assert_eq!(content(&t, 3, 5), "lower case");
        assert_eq!(show(&toks, &l, 0, 3), "Hàn_Quốc và");
        assert!(foreign("Trump") && foreign("Jong") && foreign("Lumpur"));
        assert!(!foreign("nghiêng") && !foreign("Kim") && !foreign("trong") && !foreign("Hàn"));
    }
}
