//! `cargo xtask eval-segmenter`: segments the `# text` line of every sentence of UD
//! Vietnamese VTB test (the way `sen segment` does, one sentence a line) and prints
//! word-span precision / recall / F1.
//!
//! The scorer is the one of `wseg_score.py` (CoNLL 2018 "Words"), rewritten here: words are
//! spans of character offsets in the document with all whitespace removed (after NFC, `_`
//! between syllables counting as a space); a system word is correct iff a gold word has the
//! same span. Views: `all`, `nopunct` (words made only of punctuation/symbols dropped on
//! both sides), `multi` (multi-syllable words only). If the system changed characters, its
//! offsets are mapped onto gold ones per sentence through a longest-common-subsequence
//! alignment, words touching unaligned characters count as wrong, and the number of such
//! sentences is printed.
//!
//! `--split dev` scores dev instead (with `--model`, a model trained by
//! `train-segmenter --dev --out FILE` on train only); `--out FILE` keeps the system output;
//! `--errors` prints the sentences with mistakes, gold then system.
//!
//! `--bench FILE` instead times tokenize and tokenize + segment on FILE (one sentence a
//! line, e.g. the corpus of `bench_anchors.py --emit-corpus`), one thread, best of 5 runs,
//! in CPU time of the thread (the machine may be shared; wall time is printed too);
//! run it on a release build: `cargo run --release -p xtask -- eval-segmenter --bench FILE`.
//! It also times the chain on the whole file as one document (decode + normalize, tokenize,
//! segment) and prints a checksum of the word spans of each path. `--profile FILE` runs only
//! that chain, 20 times, for `perf record`; `--profile-lines FILE` tokenizes and segments
//! line by line instead.

use std::collections::HashSet;
use std::path::PathBuf;

use sen_tokenize::segment::train::read_conllu;
use sen_tokenize::segment::Segmenter;
use unicode_normalization::UnicodeNormalization;

const USAGE: &str = "usage: cargo xtask eval-segmenter [--split test|dev] [--model FILE] [--system FILE] [--out FILE] [--errors] [--json]
       cargo run --release -p xtask -- eval-segmenter --bench FILE
       cargo run --release -p xtask -- eval-segmenter --profile FILE   (the one-document chain 20 times, for perf)
       cargo run --release -p xtask -- eval-segmenter --profile-lines FILE   (tokenize + segment line by line, 20 times)";

pub fn run(args: &[String]) -> Result<(), String> {
    let root = crate::workspace_root();
    let mut split = "test".to_string();
    let (mut model, mut system, mut out) = (None::<PathBuf>, None::<PathBuf>, None::<PathBuf>);
    let (mut errors, mut json) = (false, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| {
            it.next()
                .cloned()
                .ok_or(format!("eval-segmenter: {name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--split" => split = val("--split")?,
            "--model" => model = Some(val("--model")?.into()),
            "--system" => system = Some(val("--system")?.into()),
            "--out" => out = Some(val("--out")?.into()),
            "--errors" => errors = true,
            "--json" => json = true,
            "--bench" => return bench(&PathBuf::from(val("--bench")?)),
            "--profile" => return profile(&PathBuf::from(val("--profile")?), false),
            "--profile-lines" => return profile(&PathBuf::from(val("--profile-lines")?), true),
            other => {
                return Err(format!(
                    "eval-segmenter: unexpected argument `{other}`\n{USAGE}"
                ))
            }
        }
    }
    let gold_path = root.join(format!("data/ud-vtb/vi_vtb-ud-{split}.conllu"));
    let gold_text = std::fs::read_to_string(&gold_path)
        .map_err(|e| format!("reading {}: {e}", gold_path.display()))?;
    let gold = read_conllu(&gold_text);
    let lines: Vec<String> = match &system {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| format!("reading {}: {e}", p.display()))?
            .lines()
            .map(str::to_string)
            .collect(),
        None => {
            let loaded;
            let seg = match &model {
                Some(p) => {
                    let bytes =
                        std::fs::read(p).map_err(|e| format!("reading {}: {e}", p.display()))?;
                    loaded = Segmenter::from_bytes(&bytes).map_err(|e| e.to_string())?;
                    &loaded
                }
                None => Segmenter::builtin(),
            };
            let t0 = std::time::Instant::now();
            let lines: Vec<String> = gold
                .iter()
                .map(|s| {
                    let text = s.text.clone().unwrap_or_else(|| {
                        s.words
                            .iter()
                            .flatten()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" ")
                    });
                    seg.segment_line(text.trim())
                })
                .collect();
            eprintln!(
                "segmented {} sentences in {:.3}s",
                lines.len(),
                t0.elapsed().as_secs_f64()
            );
            lines
        }
    };
    if let Some(p) = &out {
        let mut s = lines.join("\n");
        s.push('\n');
        std::fs::write(p, s).map_err(|e| format!("writing {}: {e}", p.display()))?;
    }
    let gold_words: Vec<Vec<String>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.join(" ")).collect())
        .collect();
    let sys_words: Vec<Vec<String>> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(|w| w.replace('_', " ")).collect())
        .collect();
    let r = score(&gold_words, &sys_words);
    if errors {
        for (g, s) in gold_words.iter().zip(&sys_words) {
            if g != s {
                let show = |ws: &[String]| {
                    ws.iter()
                        .map(|w| w.replace(' ', "_"))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                println!("G: {}\nS: {}\n", show(g), show(s));
            }
        }
    }
    let name = format!("ud-vtb-{split}");
    if json {
        println!("{}", r.to_json(&name));
    } else {
        println!("{}", r.to_text(&name));
    }
    Ok(())
}

fn bench(path: &std::path::Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let mb = text.len() as f64 / 1e6;
    let t0 = std::time::Instant::now();
    let seg = Segmenter::builtin();
    eprintln!("model load: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let lines: Vec<&str> = text.lines().collect();
    let (mut tokens, mut words) = (Vec::new(), Vec::new());
    let mut best = |segment: bool| {
        let (mut best, mut best_wall) = (f64::INFINITY, f64::INFINITY);
        let mut n = 0usize;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            let c = thread_cpu_seconds();
            n = 0;
            for line in &lines {
                tokens.clear();
                sen_tokenize::tokenize_into(line, &mut tokens);
                if segment {
                    words.clear();
                    seg.segment_into(line, &tokens, &mut words);
                    n += words.len();
                } else {
                    n += tokens.len();
                }
            }
            best = best.min(thread_cpu_seconds() - c);
            best_wall = best_wall.min(t.elapsed().as_secs_f64());
        }
        (best, best_wall, n)
    };
    let (t_tok, w_tok, n_tok) = best(false);
    let (t_seg, w_seg, n_words) = best(true);
    // a checksum of the word spans, to check that a speed change leaves the output as it was
    let mut sum = 0xCBF2_9CE4_8422_2325u64;
    for line in &lines {
        tokens.clear();
        sen_tokenize::tokenize_into(line, &mut tokens);
        words.clear();
        seg.segment_into(line, &tokens, &mut words);
        for w in &words {
            sum = (sum ^ (w.span.start as u64) << 32 ^ w.span.end as u64)
                .wrapping_mul(0x0000_0100_0000_01B3);
        }
        sum = (sum ^ 0xFFFF).wrapping_mul(0x0000_0100_0000_01B3);
    }
    // the whole chain on the file's bytes as one document: decode + normalize (sen-ingest),
    // tokenize, segment; each stage timed too, and the words checksummed (the document
    // path is the one the pipeline and its snapshots take)
    let bytes = text.as_bytes();
    let opts = sen_ingest::IngestOptions::default();
    let (mut t_ing, mut t_dtok, mut t_dseg, mut t_chain) =
        (f64::INFINITY, f64::INFINITY, f64::INFINITY, f64::INFINITY);
    let mut doc_sum = 0u64;
    for _ in 0..5 {
        let c = thread_cpu_seconds();
        let doc = sen_ingest::document_from_bytes("bench", bytes, &opts);
        let c1 = thread_cpu_seconds();
        tokens.clear();
        sen_tokenize::tokenize_into(&doc.text, &mut tokens);
        let c2 = thread_cpu_seconds();
        words.clear();
        seg.segment_into(&doc.text, &tokens, &mut words);
        std::hint::black_box(words.len());
        let c3 = thread_cpu_seconds();
        t_ing = t_ing.min(c1 - c);
        t_dtok = t_dtok.min(c2 - c1);
        t_dseg = t_dseg.min(c3 - c2);
        t_chain = t_chain.min(c3 - c);
        doc_sum = span_sum(words.iter().map(|w| (w.span.start, w.span.end)));
        drop(doc);
    }
    // what the `tokenize` stage of a pipeline does after ingest: tokens, sentences, words
    // cut at sentence ends
    let stage = sen_tokenize::plugin::Tokenize::new(Default::default());
    let doc = sen_ingest::document_from_bytes("bench", bytes, &opts);
    let (mut t_stage, mut t_sent) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..5 {
        let c = thread_cpu_seconds();
        let layers = stage.layers(&doc.text);
        t_stage = t_stage.min(thread_cpu_seconds() - c);
        let c = thread_cpu_seconds();
        let sentences = sen_tokenize::sentences(&doc.text, &layers.0);
        t_sent = t_sent.min(thread_cpu_seconds() - c);
        std::hint::black_box((layers.2.len(), sentences.len()));
    }
    println!(
        "{}: {:.2} MB, {} lines, {} tokens, {} words",
        path.display(),
        mb,
        lines.len(),
        n_tok,
        n_words
    );
    println!("word spans checksum {sum:016x} (lines), {doc_sum:016x} (one document)");
    println!("(CPU time of one thread; wall time in brackets)");
    println!(
        "tokenize            {:7.3} s  {:7.1} MB/s  [{:.1} MB/s]",
        t_tok,
        mb / t_tok,
        mb / w_tok
    );
    println!(
        "tokenize + segment  {:7.3} s  {:7.1} MB/s  [{:.1} MB/s]",
        t_seg,
        mb / t_seg,
        mb / w_seg
    );
    println!(
        "segment alone       {:7.3} s  {:7.1} MB/s",
        t_seg - t_tok,
        mb / (t_seg - t_tok)
    );
    println!(
        "decode + normalize  {:7.3} s  {:7.1} MB/s",
        t_ing,
        mb / t_ing
    );
    println!("one document:");
    println!(
        "  tokenize          {:7.3} s  {:7.1} MB/s",
        t_dtok,
        mb / t_dtok
    );
    println!(
        "  segment           {:7.3} s  {:7.1} MB/s",
        t_dseg,
        mb / t_dseg
    );
    println!(
        "  sentences         {:7.3} s  {:7.1} MB/s",
        t_sent,
        mb / t_sent
    );
    println!(
        "  tokenize stage    {:7.3} s  {:7.1} MB/s  (tokens, sentences, words: what a pipeline runs)",
        t_stage,
        mb / t_stage
    );
    println!(
        "decode + normalize + tokenize + segment (one document)  {:7.3} s  {:7.1} MB/s",
        t_chain,
        mb / t_chain
    );
    Ok(())
}

/// The one-document chain of [`bench`] 20 times over, nothing else: a steady load for
/// `perf record`.
fn profile(path: &std::path::Path, lines: bool) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let seg = Segmenter::builtin();
    let opts = sen_ingest::IngestOptions::default();
    let (mut tokens, mut words) = (Vec::new(), Vec::new());
    if lines {
        let text = String::from_utf8_lossy(&bytes);
        for _ in 0..20 {
            for line in text.lines() {
                tokens.clear();
                sen_tokenize::tokenize_into(line, &mut tokens);
                words.clear();
                seg.segment_into(line, &tokens, &mut words);
                std::hint::black_box(words.len());
            }
        }
        return Ok(());
    }
    for _ in 0..20 {
        let doc = sen_ingest::document_from_bytes("bench", &bytes, &opts);
        tokens.clear();
        sen_tokenize::tokenize_into(&doc.text, &mut tokens);
        words.clear();
        seg.segment_into(&doc.text, &tokens, &mut words);
        std::hint::black_box(words.len());
    }
    Ok(())
}

/// An FNV-style checksum of word spans.
fn span_sum(spans: impl Iterator<Item = (usize, usize)>) -> u64 {
    let mut sum = 0xCBF2_9CE4_8422_2325u64;
    for (a, b) in spans {
        sum = (sum ^ (a as u64) << 32 ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3);
    }
    sum
}

/// CPU time of the calling thread.
fn thread_cpu_seconds() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0.0;
    }
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub correct: usize,
    pub system: usize,
    pub gold: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub all: Prf,
    pub nopunct: Prf,
    pub multi: Prf,
    pub char_mismatch_sents: usize,
    pub gold_sentences: usize,
    pub system_sentences: usize,
}

impl Scores {
    fn to_text(&self, name: &str) -> String {
        let f = |v: f64| format!("{:6.2}", 100.0 * v);
        let (a, n, m) = (&self.all, &self.nopunct, &self.multi);
        let mut s = format!(
            "{name:32} all P/R/F1 {} {} {} | nopunct F1 {} | multi-syl P/R/F1 {} {} {}",
            f(a.precision()),
            f(a.recall()),
            f(a.f1()),
            f(n.f1()),
            f(m.precision()),
            f(m.recall()),
            f(m.f1())
        );
        if self.char_mismatch_sents > 0 {
            s += &format!(" | char-mismatch sents {}", self.char_mismatch_sents);
        }
        s
    }

    fn to_json(&self, name: &str) -> String {
        let p = |x: &Prf| {
            format!(
                "{{\"precision\": {:.6}, \"recall\": {:.6}, \"f1\": {:.6}, \"correct\": {}, \"system\": {}, \"gold\": {}}}",
                x.precision(),
                x.recall(),
                x.f1(),
                x.correct,
                x.system,
                x.gold
            )
        };
        format!(
            "{{\"name\": \"{name}\", \"gold_sentences\": {}, \"system_sentences\": {}, \"char_mismatch_sents\": {}, \"all\": {}, \"nopunct\": {}, \"multi\": {}}}",
            self.gold_sentences,
            self.system_sentences,
            self.char_mismatch_sents,
            p(&self.all),
            p(&self.nopunct),
            p(&self.multi)
        )
    }
}

/// A word's characters without whitespace and syllable underscores (NFC); a word made only
/// of underscores is kept as it is.
fn compact(w: &str) -> Vec<char> {
    let w: String = w.nfc().collect();
    let t = w.trim();
    if !t.is_empty() && t.chars().all(|c| c == '_') {
        return t.chars().collect();
    }
    w.chars()
        .filter(|&c| c != '_' && !c.is_whitespace())
        .collect()
}

/// Only punctuation or symbol characters (Unicode P* / S*: here, neither alphanumeric
/// nor a combining mark nor a control character).
fn is_punct_word(w: &str) -> bool {
    let mut any = false;
    for c in w.chars().filter(|c| !c.is_whitespace()) {
        any = true;
        if c.is_alphanumeric() || c.is_control() || is_mark(c) {
            return false;
        }
    }
    any
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn n_syllables(w: &str) -> usize {
    w.replace('_', " ").split_whitespace().count()
}

/// Word-span P/R/F1 of `system` against `gold` (sentences of words; syllables separated by
/// spaces or `_`).
type Span = (i64, i64);

/// The whitespace-free document and the span of every word in it.
fn spans(sents: &[Vec<String>]) -> (Vec<char>, Vec<(Span, &String)>) {
    let mut doc = Vec::new();
    let mut out: Vec<(Span, &String)> = Vec::new();
    for s in sents {
        for w in s {
            let c = compact(w);
            if c.is_empty() {
                continue;
            }
            let a = doc.len() as i64;
            doc.extend_from_slice(&c);
            out.push(((a, doc.len() as i64), w));
        }
    }
    (doc, out)
}

pub fn score(gold: &[Vec<String>], system: &[Vec<String>]) -> Scores {
    let (g_doc, g_spans) = spans(gold);
    let (s_doc, s_spans) = spans(system);
    let mut res = Scores {
        gold_sentences: gold.len(),
        system_sentences: system.len(),
        ..Scores::default()
    };
    let mapped: Vec<(Span, &String)> = if g_doc == s_doc {
        s_spans.clone()
    } else if gold.len() == system.len() {
        let mut out = Vec::new();
        let (mut g_off, mut s_off) = (0i64, 0i64);
        for (gs, ss) in gold.iter().zip(system) {
            let gc: Vec<char> = gs.iter().flat_map(|w| compact(w)).collect();
            let sc: Vec<char> = ss.iter().flat_map(|w| compact(w)).collect();
            let cmap = if gc != sc {
                res.char_mismatch_sents += 1;
                Some(char_map(&sc, &gc))
            } else {
                None
            };
            let mut pos = 0usize;
            for w in ss {
                let t = compact(w);
                if t.is_empty() {
                    continue;
                }
                let (a, b) = (pos, pos + t.len());
                pos = b;
                match &cmap {
                    None => out.push(((g_off + a as i64, g_off + b as i64), w)),
                    Some(m) => {
                        let (ma, mb) = (m[a], m[b - 1]);
                        if ma >= 0 && mb >= ma {
                            out.push(((g_off + ma, g_off + mb + 1), w));
                        } else {
                            out.push(((-1, -1), w));
                        }
                    }
                }
            }
            g_off += gc.len() as i64;
            s_off += sc.len() as i64;
        }
        let _ = s_off;
        out
    } else {
        res.char_mismatch_sents = usize::MAX;
        let m = char_map(&s_doc, &g_doc);
        s_spans
            .iter()
            .map(|&((a, b), w)| {
                let (ma, mb) = (m[a as usize], m[b as usize - 1]);
                if ma >= 0 && mb >= ma {
                    ((ma, mb + 1), w)
                } else {
                    ((-1, -1), w)
                }
            })
            .collect()
    };
    let view = |keep: &dyn Fn(&str) -> bool| {
        let g: HashSet<Span> = g_spans
            .iter()
            .filter(|(_, w)| keep(w))
            .map(|(s, _)| *s)
            .collect();
        let sys: Vec<Span> = mapped
            .iter()
            .filter(|(_, w)| keep(w))
            .map(|(s, _)| *s)
            .collect();
        Prf {
            correct: sys.iter().filter(|s| s.0 >= 0 && g.contains(s)).count(),
            system: sys.len(),
            gold: g.len(),
        }
    };
    res.all = view(&|_| true);
    res.nopunct = view(&|w| !is_punct_word(w));
    res.multi = view(&|w| n_syllables(w) > 1);
    res
}

/// For each system character, the index of the gold character it aligns with (or -1), by a
/// longest common subsequence; one extra entry maps the end.
fn char_map(sys: &[char], gold: &[char]) -> Vec<i64> {
    let (n, m) = (sys.len(), gold.len());
    let mut out = vec![-1i64; n + 1];
    out[n] = m as i64;
    if n == 0 || m == 0 || n.saturating_mul(m) > 50_000_000 {
        return out;
    }
    // lcs[i][j] = LCS length of sys[i..], gold[j..]
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if sys[i] == gold[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if sys[i] == gold[j] {
            out[i] = j as i64;
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().map(|w| w.replace('_', " ")).collect())
            .collect()
    }

    #[test]
    fn word_spans_as_in_wseg_score() {
        let gold = sents(&["Hàn_Quốc và Việt_Nam .", "28_._000 người"]);
        let sys = sents(&["Hàn_Quốc và Việt Nam .", "28_._000 người"]);
        let r = score(&gold, &sys);
        assert_eq!((r.all.correct, r.all.system, r.all.gold), (5, 7, 6));
        assert_eq!((r.multi.correct, r.multi.system, r.multi.gold), (2, 2, 3));
        assert_eq!(
            (r.nopunct.correct, r.nopunct.system, r.nopunct.gold),
            (4, 6, 5)
        );
        assert_eq!(r.char_mismatch_sents, 0);
    }

    #[test]
    fn changed_characters_are_aligned_and_counted() {
        // as in wseg_score.py, a word counts if its first and last characters align
        let gold = sents(&["Hoà_bình ở Hà_Nội"]);
        let sys = sents(&["Hòa_bình ở Hà_Nội"]);
        let r = score(&gold, &sys);
        assert_eq!(r.char_mismatch_sents, 1);
        assert_eq!((r.all.correct, r.all.system), (3, 3));
        // a dropped last character leaves that word unaligned: wrong
        let gold = sents(&["Hà_Nội ."]);
        let sys = sents(&["Hà_Nộ ."]);
        let r = score(&gold, &sys);
        assert_eq!((r.all.correct, r.all.system, r.all.gold), (1, 2, 2));
    }
}
