//! The token, sentence and word layers on the sample articles: every gold evidence
//! sentence comes out as one sentence, and a compact snapshot of all three layers.

use std::path::{Path, PathBuf};

use sen_core::layers::TokenKind;
use sen_core::{Annotator, Document};
use sen_ingest::{document_from_bytes, normalize, IngestOptions};
use sen_tokenize::plugin::{Tokenize, TokenizeSettings};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn articles(dir: &str) -> Vec<(String, Document)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let opts = IngestOptions::default();
    files
        .iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            let mut doc = document_from_bytes(&id, &std::fs::read(p).unwrap(), &opts);
            Tokenize::new(TokenizeSettings::default())
                .annotate(&mut doc)
                .unwrap();
            (id, doc)
        })
        .collect()
}

fn evidence(gold: &Path) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(gold).unwrap()).unwrap();
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["evidence"].as_str())
        .map(|s| normalize(s, Default::default()).0)
        .collect()
}

/// The gold rule: an event's evidence is the full sentence (or caption line), copied
/// exactly. Each must be the text of one sentence of the splitter.
#[test]
fn every_gold_evidence_is_one_sentence() {
    let mut checked = 0;
    for (dir, gold) in [
        ("corpus/summits", "corpus/summits-gold"),
        ("corpus/summits-extra", "corpus/summits-extra/gold"),
    ] {
        for (id, doc) in articles(dir) {
            let sents: Vec<&str> = doc
                .layers
                .sentences
                .iter()
                .map(|s| s.span.slice(&doc.text))
                .collect();
            for ev in evidence(&root().join(gold).join(format!("{id}.json"))) {
                assert!(
                    sents.contains(&ev.as_str()),
                    "{id}: evidence is not one sentence:\n  {ev}\nsentences:\n  {}",
                    sents.join("\n  ")
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} evidence strings");
}

/// Sample 003 glues sentences (`Việt Nam.Chủ tịch`, `vượng".Chủ tịch`, `12-16/11.Diễn đàn`).
/// Ingest puts a space in; the splitter must cut them apart even on the raw text.
#[test]
fn glued_sentences_of_003_split_without_ingest() {
    let raw =
        std::fs::read_to_string(root().join("corpus/summits/003_fd50ac6eeaff5edd.txt")).unwrap();
    let tokens = sen_tokenize::tokenize(&raw);
    let sents: Vec<&str> = sen_tokenize::sentences(&raw, &tokens)
        .iter()
        .map(|s| s.span.slice(&raw))
        .collect();
    assert!(
        raw.contains("Việt Nam.Chủ tịch Tập Cận Bình"),
        "the sample is glued"
    );
    for ev in evidence(&root().join("corpus/summits-gold/003_fd50ac6eeaff5edd.json")) {
        assert!(sents.contains(&ev.as_str()), "{ev}\n{sents:#?}");
    }
    assert!(sents
        .iter()
        .any(|s| s.starts_with("Diễn đàn APEC có 21 nền kinh tế")));
}

/// One line per sentence: words joined by spaces, a word's tokens by `_`, each token not
/// a plain syllable or punctuation marked with its kind (`/F` foreign, `/N` number,
/// `/D` date-like, `/A` abbreviation, `/U` URL, `/E` e-mail, `/S` symbol).
fn compact(doc: &Document) -> String {
    let text = &doc.text;
    let l = &doc.layers;
    let mut out = String::new();
    let mut w = 0;
    for s in &l.sentences {
        out.push_str(&format!("{}..{}\t", s.span.start, s.span.end));
        let mut first = true;
        while w < l.words.len() && l.words[w].tokens.0 < s.tokens.1 {
            let word = &l.words[w];
            if !first {
                out.push(' ');
            }
            first = false;
            for (k, t) in l.tokens[word.tokens.0..word.tokens.1].iter().enumerate() {
                if k > 0 {
                    out.push('_');
                }
                out.push_str(t.span.slice(text));
                let mark = match t.kind {
                    TokenKind::Syllable | TokenKind::Punct => "",
                    TokenKind::Foreign => "/F",
                    TokenKind::Number => "/N",
                    TokenKind::DateLike => "/D",
                    TokenKind::Abbreviation => "/A",
                    TokenKind::Url => "/U",
                    TokenKind::Email => "/E",
                    TokenKind::Symbol => "/S",
                };
                out.push_str(mark);
            }
            w += 1;
        }
        out.push('\n');
    }
    out
}

#[test]
fn layers_of_every_article() {
    for dir in ["corpus/summits", "corpus/summits-extra"] {
        for (id, doc) in articles(dir) {
            insta::with_settings!({
                snapshot_path => "../../../snapshots/tokenize",
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(id, compact(&doc));
            });
        }
    }
}

/// Sentences and words tile the tokens: in order, no overlap, every token in exactly one
/// sentence and one word, and no word crosses a sentence boundary.
#[test]
fn layers_tile_the_tokens() {
    for dir in ["corpus/summits", "corpus/summits-extra"] {
        for (id, doc) in articles(dir) {
            let l = &doc.layers;
            for layer in [
                l.sentences
                    .iter()
                    .map(|s| (s.tokens, s.span))
                    .collect::<Vec<_>>(),
                l.words.iter().map(|s| (s.tokens, s.span)).collect(),
            ] {
                let mut next = 0;
                for ((a, b), span) in layer {
                    assert_eq!(a, next, "{id}");
                    assert!(b > a, "{id}");
                    assert_eq!(span.start, l.tokens[a].span.start, "{id}");
                    assert_eq!(span.end, l.tokens[b - 1].span.end, "{id}");
                    next = b;
                }
                assert_eq!(next, l.tokens.len(), "{id}");
            }
            let ends: std::collections::HashSet<usize> =
                l.sentences.iter().map(|s| s.tokens.1).collect();
            for w in &l.words {
                for k in w.tokens.0 + 1..w.tokens.1 {
                    assert!(
                        !ends.contains(&k),
                        "{id}: word {:?} crosses a sentence end",
                        w.span.slice(&doc.text)
                    );
                }
            }
        }
    }
}
