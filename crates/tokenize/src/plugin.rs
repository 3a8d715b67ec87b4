//! The `tokenize` stage: tokens, sentences and words of a document.

use serde::{Deserialize, Serialize};

use sen_core::settings::defaults_of;
use sen_core::{AnnotateError, Annotator, Document, Layer, Plugin};

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
}

impl Annotator for Tokenize {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let tokens = crate::tokenize(&doc.text);
        let sentences = crate::sentences(&doc.text, &tokens);
        let words = match self.segmenter {
            Some(s) => s.segment(&doc.text, &tokens),
            None => tokens
                .iter()
                .enumerate()
                .map(|(i, t)| sen_core::layers::Word {
                    span: t.span,
                    tokens: (i, i + 1),
                })
                .collect(),
        };
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
        let none = Tokenize::new(TokenizeSettings {
            segmenter: SegmenterChoice::None,
        });
        none.annotate(&mut doc).unwrap();
        assert_eq!(doc.layers.words.len(), doc.layers.tokens.len());
    }
}
