//! The `tokenize` stage: tokens, sentences and words of a document.

use serde::{Deserialize, Serialize};

use sen_core::layers::{Sentence, Token, Word};
use sen_core::settings::defaults_of;
use sen_core::{AnnotateError, Annotator, Document, Layer, Plugin, Span};

use crate::segment::Segmenter;

/// Settings of the `tokenize` stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TokenizeSettings {
    pub segmenter: SegmenterChoice,
}

/// Which word segmenter makes the words layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmenterChoice {
    /// The shipped statistical model.
    #[default]
    Default,
    /// Every token its own word (for pipelines that only need syllables).
    None,
}

pub struct Tokenize {
    segmenter: Option<&'static Segmenter>,
}

impl Tokenize {
    pub fn new(settings: TokenizeSettings) -> Self {
        let segmenter = match settings.segmenter {
            SegmenterChoice::Default => Some(Segmenter::builtin()),
            SegmenterChoice::None => None,
        };
        Tokenize { segmenter }
    }

    /// The three layers of `text`.
    pub fn layers(&self, text: &str) -> (Vec<Token>, Vec<Sentence>, Vec<Word>) {
        let tokens = crate::tokenize(text);
        let sentences = crate::sentences(text, &tokens);
        let words = match self.segmenter {
            Some(s) => within_sentences(s.segment(text, &tokens), &tokens, &sentences),
            None => tokens
                .iter()
                .enumerate()
                .map(|(i, t)| Word {
                    span: t.span,
                    tokens: (i, i + 1),
                })
                .collect(),
        };
        (tokens, sentences, words)
    }
}

/// Cut any word that runs over a sentence end (the segmenter sees tokens, not sentences:
/// a title line's last syllable must not join the next line's first).
fn within_sentences(words: Vec<Word>, tokens: &[Token], sentences: &[Sentence]) -> Vec<Word> {
    let crosses = |w: &Word, s: &Sentence| w.tokens.0 < s.tokens.1 && s.tokens.1 < w.tokens.1;
    let mut s = 0;
    if words.iter().all(|w| {
        while s < sentences.len() && sentences[s].tokens.1 <= w.tokens.0 {
            s += 1;
        }
        s >= sentences.len() || !crosses(w, &sentences[s])
    }) {
        return words; // the common case: nothing to cut
    }
    let mut out = Vec::with_capacity(words.len() + 1);
    let mut s = 0;
    for w in words {
        let mut a = w.tokens.0;
        loop {
            while s < sentences.len() && sentences[s].tokens.1 <= a {
                s += 1;
            }
            let b = match sentences.get(s) {
                Some(sent) if sent.tokens.1 < w.tokens.1 => sent.tokens.1,
                _ => w.tokens.1,
            };
            out.push(Word {
                span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
                tokens: (a, b),
            });
            if b == w.tokens.1 {
                break;
            }
            a = b;
        }
    }
    out
}

impl Annotator for Tokenize {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let (tokens, sentences, words) = self.layers(&doc.text);
        doc.layers.tokens = tokens;
        doc.layers.sentences = sentences;
        doc.layers.words = words;
        Ok(())
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "tokenize",
        description: "Tokens with kinds, sentences, and words from the statistical segmenter",
        requires: &[],
        provides: &[Layer::Tokens, Layer::Sentences, Layer::Words],
        defaults: defaults_of::<TokenizeSettings>,
        build: |s| Ok(Box::new(Tokenize::new(s.parse()?))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sen_core::Settings;

    #[test]
    fn fills_three_layers() {
        let mut doc = Document::from_text(
            "t",
            "Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc. Hai bên ký kết.",
        );
        Tokenize::new(TokenizeSettings::default())
            .annotate(&mut doc)
            .unwrap();
        assert_eq!(doc.layers.sentences.len(), 2);
        assert!(doc.layers.words.len() < doc.layers.tokens.len());
        let words: Vec<&str> = doc.layers.words.iter().map(|w| doc.slice(w.span)).collect();
        assert!(words.contains(&"Phạm Minh Chính"), "{words:?}");
        let none = Tokenize::new(TokenizeSettings {
            segmenter: SegmenterChoice::None,
        });
        none.annotate(&mut doc).unwrap();
        assert_eq!(doc.layers.words.len(), doc.layers.tokens.len());
    }

    #[test]
    fn words_never_cross_a_sentence_end() {
        let text = "Hội nghị thượng đỉnh APEC tại Hàn Quốc\nHàn Quốc đăng cai năm nay.";
        let tokens = crate::tokenize(text);
        let sentences = crate::sentences(text, &tokens);
        // A word over the line break, as a segmenter might give it.
        let words: Vec<Word> = (0..tokens.len())
            .map(|i| (i, i + 1))
            .filter(|&(i, _)| i != 7 && i != 8)
            .chain([(7, 9)])
            .map(|(a, b)| Word {
                span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
                tokens: (a, b),
            })
            .collect::<Vec<_>>();
        let mut words = words;
        words.sort_by_key(|w| w.tokens.0);
        assert_eq!(sentences[0].tokens.1, 8);
        let cut = within_sentences(words, &tokens, &sentences);
        assert_eq!(cut.len(), tokens.len());
        assert!(cut.iter().all(|w| w.tokens.1 - w.tokens.0 == 1));
    }

    #[test]
    fn registered_with_settings_that_parse() {
        let p = sen_core::annotator::find_plugin("tokenize").expect("registered");
        assert!(p.requires.is_empty());
        assert_eq!(p.provides, &[Layer::Tokens, Layer::Sentences, Layer::Words]);
        assert!((p.build)(&Settings::none()).is_ok());
        assert!((p.build)(&Settings::from_yaml("segmenter: none")).is_ok());
        let bad = Settings::from_yaml("segmenter: crf");
        assert!((p.build)(&bad).is_err());
        let unknown = Settings::from_yaml("segmentor: default");
        assert!((p.build)(&unknown).is_err());
        assert_eq!((p.defaults)(), serde_json::json!({"segmenter": "default"}));
    }
}
