//! CoNLL-U: `DIR/conllu/<doc-id>.conllu`, one file a document, for the UD/NLP tool world.
//!
//! One word a line; a multi-syllable word keeps its spaces in FORM, as UD Vietnamese (VTB)
//! does. Sen does not tag parts of speech or parse, so LEMMA, XPOS, FEATS, HEAD, DEPREL and
//! DEPS are `_`; UPOS is given only where the token kind settles it (PUNCT, NUM, SYM).
//! MISC carries, in this order:
//!
//! - `NER=B-PER` / `I-PER` — entity BIO tags (IOB2), the key spaCy's CoNLL-U converter reads.
//!   Types: PER, TITLE, GPE (country), LOC, ORG, EVENT (a summit), DATE, MONEY, PERCENT,
//!   QUANTITY. Nested mentions keep the outermost one.
//! - `SpaceAfter=No` — the UD convention, so the forms rebuild `# text`.
//! - `TokenRange=a:b` — characters of the normalized text (UDPipe's key; the same offsets as
//!   brat's `.txt`).
//! - `SourceRange=a:b` — characters of the source file; `SourceBytes=a:b` (bytes) instead
//!   when the source is not UTF-8 (decoded from a legacy encoding).

use std::io;
use std::path::Path;

use sen_core::layers::{EntityLabel, TokenKind, Word};
use sen_core::{Document, Span};

use crate::atomic::safe_file_name;
use crate::charpos::CharCursor;
use crate::one_line;
use crate::{Corpus, DocFolder, Emitter};

/// Writes one `.conllu` file a document into a hidden folder that becomes `DIR/conllu/`
/// at `finish`.
pub struct ConlluEmitter {
    folder: DocFolder,
}

impl ConlluEmitter {
    /// Each file appears in `DIR/conllu/` as it is written (see [`crate::emitter`] for
    /// the folder of a run, which appears whole at `finish`).
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(ConlluEmitter {
            folder: DocFolder::direct(dir.join("conllu"))?,
        })
    }

    /// The folder appears whole (replacing an earlier one) at `finish`, as a run writes it.
    pub fn staged(dir: &Path) -> io::Result<Self> {
        Ok(ConlluEmitter {
            folder: DocFolder::staged(dir.join("conllu"))?,
        })
    }
}

impl Emitter for ConlluEmitter {
    fn renderer(&self) -> Option<crate::Renderer> {
        Some(std::sync::Arc::new(move |doc: &Document| {
            // a word line is about ten times the word's text (a huge document grows it)
            let mut buf = String::with_capacity(doc.text.len().saturating_mul(10).min(16 << 20));
            write_document(doc, &mut buf);
            Ok(crate::Piece {
                files: vec![(safe_file_name(&doc.id, "conllu"), buf.into_bytes())],
                ..Default::default()
            })
        }))
    }

    fn write(&mut self, piece: crate::Piece) -> io::Result<()> {
        self.folder.write(piece.files)
    }

    fn finish(&mut self, _corpus: &Corpus<'_>) -> io::Result<()> {
        self.folder.commit()
    }
}

/// A document in CoNLL-U.
pub fn document_conllu(doc: &Document) -> String {
    let mut out = String::new();
    write_document(doc, &mut out);
    out
}

/// One mention for the BIO column.
struct Mention {
    span: Span,
    tag: &'static str,
}

fn entity_tag(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Person => "PER",
        EntityLabel::Title => "TITLE",
        EntityLabel::Country => "GPE",
        EntityLabel::Location => "LOC",
        EntityLabel::Organization => "ORG",
        EntityLabel::Occasion => "EVENT",
    }
}

fn quantity_tag(unit: &str) -> &'static str {
    if unit == "%" {
        "PERCENT"
    } else if unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()) {
        // ISO 4217 codes (USD, VND, EUR, …).
        "MONEY"
    } else {
        "QUANTITY"
    }
}

/// Entity, date and quantity mentions without overlaps, outermost first.
fn mentions(doc: &Document) -> Vec<Mention> {
    let l = &doc.layers;
    let mut all: Vec<Mention> = l
        .entities
        .iter()
        .map(|e| Mention {
            span: e.span,
            tag: entity_tag(e.label),
        })
        .chain(l.dates.iter().map(|d| Mention {
            span: d.span,
            tag: "DATE",
        }))
        .chain(l.quantities.iter().map(|q| Mention {
            span: q.span,
            tag: quantity_tag(&q.unit),
        }))
        .filter(|m| !m.span.is_empty())
        .collect();
    // By start, longer first: a mention overlapping one already kept is dropped.
    all.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(all.len());
    for m in all {
        if kept.last().is_none_or(|k| k.span.end <= m.span.start) {
            kept.push(m);
        }
    }
    kept
}

/// A value for a comment line: one line, no leading/trailing spaces.
fn comment_value(s: &str) -> String {
    let mut v = String::with_capacity(s.len());
    one_line::push(&mut v, s);
    v
}

fn write_document(doc: &Document, out: &mut String) {
    use std::fmt::Write as _;
    let l = &doc.layers;
    // Words, or tokens when no segmenter ran.
    let token_words: Vec<Word>;
    let words: &[Word] = if l.words.is_empty() {
        token_words = l
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| Word {
                span: t.span,
                tokens: (i, i + 1),
            })
            .collect();
        &token_words
    } else {
        &l.words
    };
    // Sentences by token index; one sentence for the whole text when none were found.
    let whole = [(Span::new(0, doc.text.len()), (0, usize::MAX))];
    let sentences: Vec<(Span, (usize, usize))> = if l.sentences.is_empty() {
        whole.to_vec()
    } else {
        l.sentences.iter().map(|s| (s.span, s.tokens)).collect()
    };
    let mentions = mentions(doc);
    let mut m = 0;
    let mut text_chars = CharCursor::new(doc.text.as_bytes());
    // (SIMD: the whole source of every document; std's check took 5 % of this output)
    let source_utf8 = simdutf8::basic::from_utf8(&doc.source).is_ok();
    let mut source_chars = CharCursor::new(&doc.source);
    let doc_id = comment_value(&doc.id).replace(' ', "_");

    let mut w = 0;
    let mut n_sent = 0;
    for (sent_span, (first, last)) in sentences {
        // Words that start inside this sentence's tokens.
        while w < words.len() && words[w].tokens.0 < first {
            w += 1;
        }
        let start_w = w;
        while w < words.len() && words[w].tokens.0 < last {
            w += 1;
        }
        // A word whose span does not fit the text (an annotator bug) is left out rather
        // than taking the whole file down.
        let sent_words: Vec<&Word> = words[start_w..w]
            .iter()
            .filter(|x| !x.span.is_empty() && doc.text.get(x.span.start..x.span.end).is_some())
            .collect();
        if sent_words.is_empty() {
            continue;
        }
        n_sent += 1;
        if n_sent == 1 {
            let _ = writeln!(out, "# newdoc id = {doc_id}");
            if let Some(d) = &doc.meta.date {
                let _ = writeln!(out, "# date = {}", comment_value(d));
            }
        }
        out.push_str("# sent_id = ");
        out.push_str(&doc_id);
        out.push('-');
        push_num(out, n_sent);
        out.push('\n');
        // `# text` is rebuilt from the forms, so the two always agree.
        let mut text = String::with_capacity(sent_span.len());
        for (i, word) in sent_words.iter().enumerate() {
            one_line::push(&mut text, doc.slice(word.span));
            if space_after(&sent_words, i) {
                text.push(' ');
            }
        }
        out.push_str("# text = ");
        out.push_str(text.trim_end());
        out.push('\n');

        for (i, word) in sent_words.iter().enumerate() {
            // Written piece by piece into `out`: no allocation or formatting per word.
            push_num(out, i + 1);
            out.push('\t');
            one_line::push(out, doc.slice(word.span));
            out.push_str("\t_\t");
            out.push_str(upos(doc, word));
            out.push_str("\t_\t_\t_\t_\t_\t");
            // Mentions that ended before this word are behind us.
            while m < mentions.len() && mentions[m].span.end <= word.span.start {
                m += 1;
            }
            if let Some(men) = mentions.get(m).filter(|men| men.span.start < word.span.end) {
                // B when the mention starts in this word or the previous word is outside it.
                let begins = men.span.start >= word.span.start
                    || i == 0
                    || sent_words[i - 1].span.end <= men.span.start;
                out.push_str(if begins { "NER=B-" } else { "NER=I-" });
                out.push_str(men.tag);
                out.push('|');
            }
            if !space_after(&sent_words, i) {
                out.push_str("SpaceAfter=No|");
            }
            out.push_str("TokenRange=");
            push_range(
                out,
                text_chars.at(word.span.start),
                text_chars.at(word.span.end),
            );
            let src = doc.source_range(word.span);
            if source_utf8 {
                out.push_str("|SourceRange=");
                push_range(out, source_chars.at(src.start), source_chars.at(src.end));
            } else {
                out.push_str("|SourceBytes=");
                push_range(out, src.start, src.end);
            }
            out.push('\n');
        }
        out.push('\n');
    }
}

fn push_num(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

fn push_range(out: &mut String, a: usize, b: usize) {
    push_num(out, a);
    out.push(':');
    push_num(out, b);
}

/// A space follows the word in the text (the last word of a sentence always has one).
fn space_after(words: &[&Word], i: usize) -> bool {
    match words.get(i + 1) {
        None => true,
        Some(next) => next.span.start > words[i].span.end,
    }
}

/// UPOS where the token kind alone settles it; `_` otherwise (Sen does not tag).
fn upos(doc: &Document, word: &Word) -> &'static str {
    let (a, b) = word.tokens;
    let kinds = doc.layers.tokens.get(a..b).unwrap_or(&[]);
    let all = |k: TokenKind| !kinds.is_empty() && kinds.iter().all(|t| t.kind == k);
    if all(TokenKind::Punct) {
        "PUNCT"
    } else if all(TokenKind::Number) {
        "NUM"
    } else if all(TokenKind::Symbol) {
        "SYM"
    } else {
        "_"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_document;

    #[test]
    fn words_tags_and_ranges() {
        let doc = sample_document();
        let out = document_conllu(&doc);
        assert!(out.starts_with(
            "# newdoc id = 000_kuala-lumpur\n# date = 2025-10-27\n# sent_id = 000_kuala-lumpur-1\n"
        ));
        let line = |form: &str| {
            out.lines()
                .find(|l| l.split('\t').nth(1) == Some(form))
                .unwrap_or_else(|| panic!("{form}\n{out}"))
        };
        // Multi-syllable words keep their spaces; a person is one B- word here.
        let pmc = line("Phạm Minh Chính");
        assert_eq!(pmc.split('\t').count(), 10, "{pmc}");
        assert!(
            pmc.ends_with("NER=B-PER|TokenRange=23:38|SourceRange=40:55"),
            "{pmc}"
        );
        assert!(line("Malaysia").contains("NER=B-GPE"));
        assert!(line("hội đàm")
            .split('\t')
            .nth(9)
            .unwrap()
            .starts_with("TokenRange="));
        // A date of several tokens and a money amount: B then I.
        assert!(line("18").contains("NER=B-MONEY"), "{out}");
        assert!(line("USD").contains("NER=I-MONEY|SpaceAfter=No"), "{out}");
        assert!(line(",").contains("\tPUNCT\t"));
        // The replaced tone mark maps to its source characters.
        let hoa = line("hòa bình");
        let r = hoa.rsplit("SourceRange=").next().unwrap();
        let (a, b) = r.split_once(':').unwrap();
        let src: String = String::from_utf8(doc.source.clone())
            .unwrap()
            .chars()
            .skip(a.parse().unwrap())
            .take(b.parse::<usize>().unwrap() - a.parse::<usize>().unwrap())
            .collect();
        assert_eq!(src, "hoà bình");
    }

    #[test]
    fn text_comment_is_rebuilt_by_forms() {
        let out = document_conllu(&sample_document());
        let mut text = None;
        let mut rebuilt = String::new();
        for l in out.lines() {
            if let Some(t) = l.strip_prefix("# text = ") {
                text = Some(t.to_string());
                rebuilt.clear();
            } else if l.is_empty() {
                assert_eq!(Some(rebuilt.trim_end().to_string()), text);
            } else if !l.starts_with('#') {
                let f: Vec<&str> = l.split('\t').collect();
                rebuilt.push_str(f[1]);
                if !f[9].contains("SpaceAfter=No") {
                    rebuilt.push(' ');
                }
            }
        }
    }

    #[test]
    fn a_word_off_the_text_is_skipped() {
        let mut doc = sample_document();
        doc.layers.words[1].span = Span::new(doc.text.len() - 1, doc.text.len() + 40);
        let out = document_conllu(&doc);
        assert!(out.contains("# text = "), "{out}");
    }

    #[test]
    fn no_words_no_sentences_still_valid() {
        let mut doc = Document::from_text("trống", "Hà Nội\tngày\n26/10");
        assert_eq!(document_conllu(&doc), "");
        crate::test_support::tokenize(&mut doc, &["Hà Nội"]);
        doc.layers.sentences.clear();
        doc.layers.words.clear();
        let out = document_conllu(&doc);
        assert!(out.contains("# text = Hà Nội ngày 26/10\n"), "{out}");
        assert_eq!(
            out.lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .count(),
            4
        );
    }

    #[test]
    fn python_conllu_parses_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut em = ConlluEmitter::new(dir.path()).unwrap();
        em.document(&sample_document()).unwrap();
        let mut odd = sample_document();
        odd.id = "../../thoát\ra\ngoài".into();
        em.document(&odd).unwrap();
        em.finish(&Corpus {
            name: "t",
            events: &[],
            failures: &[],
        })
        .unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path().join("conllu"))
            .unwrap()
            .collect();
        assert_eq!(files.len(), 2, "the hostile id stays inside conllu/");
        crate::test_support::run_python(
            "conllu",
            crate::test_support::CONLLU_CHECK,
            &[&dir.path().join("conllu")],
        );
    }
}
