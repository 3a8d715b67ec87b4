//! The pipeline file as written: the serde shape, read with serde-saphyr under a small
//! budget (a pipeline file is a page of YAML; an alias bomb or a 10 MB file is refused).
//!
//! ```yaml
//! name: summits
//! input: { path: ../corpus/summits, format: text }   # text | jsonl | auto (default)
//! normalize: { tone_marks: modern }
//! stages:
//!   - tokenize
//!   - events: { types: [meeting, talks] }
//! corpus_stages:
//!   - merge_events
//! outputs: [jsonl, summary]
//! output: ../out/summits
//! ```

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_saphyr::{Location, Spanned};

use sen_ingest::{Encoding, Format, ToneMarks};

use crate::error::{Error, SourceFile};

/// Refuse pipeline files above this size before parsing them.
pub const MAX_PIPELINE_BYTES: usize = 256 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPipeline {
    pub name: Spanned<String>,
    pub input: RawInput,
    #[serde(default)]
    pub normalize: RawNormalize,
    #[serde(default)]
    pub encoding: Option<Encoding>,
    pub stages: Vec<Spanned<RawStage>>,
    #[serde(default)]
    pub corpus_stages: Vec<Spanned<RawStage>>,
    #[serde(default)]
    pub outputs: Vec<Spanned<String>>,
    #[serde(default)]
    pub output: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInput {
    pub path: Spanned<String>,
    #[serde(default)]
    pub format: Format,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNormalize {
    #[serde(default)]
    pub tone_marks: ToneMarks,
}

/// One entry of `stages` / `corpus_stages`: `- name` or `- name: {settings}`.
pub(crate) struct RawStage {
    pub name: String,
    /// Where the settings node starts, when there is one.
    pub settings: Option<Location>,
}

impl<'de> Deserialize<'de> for RawStage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StageVisitor;
        impl<'de> Visitor<'de> for StageVisitor {
            type Value = RawStage;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a stage: `- name` or `- name: {settings}`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawStage, E> {
                Ok(RawStage {
                    name: v.to_string(),
                    settings: None,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawStage, A::Error> {
                let Some(name) = map.next_key::<String>()? else {
                    return Err(de::Error::custom(
                        "empty stage: write `- name` or `- name: {settings}`",
                    ));
                };
                let settings = map.next_value::<Spanned<IgnoredAny>>()?;
                if let Some(other) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format!(
                        "stage `{name}` has a second key `{other}`: one stage per list item \
                         (`- {name}: {{…}}` then `- {other}`); its settings go inside braces"
                    )));
                }
                Ok(RawStage {
                    name,
                    settings: Some(settings.referenced),
                })
            }
        }
        d.deserialize_any(StageVisitor)
    }
}

/// Parse the file's text into its raw shape, every error located in the file.
pub(crate) fn parse_raw(src: &SourceFile) -> Result<RawPipeline, Error> {
    if src.text.len() > MAX_PIPELINE_BYTES {
        return Err(src.invalid(
            0,
            0,
            format!(
                "pipeline file is {} bytes; a pipeline file is at most {} bytes",
                src.text.len(),
                MAX_PIPELINE_BYTES
            ),
            "file too large",
            Some(
                "is this the right file? A pipeline names an input, it does not contain it".into(),
            ),
        ));
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 20_000,
            max_aliases: 100,
            max_anchors: 100,
            max_depth: 32,
            max_documents: 1,
        },
    };
    serde_saphyr::from_str_with_options::<RawPipeline>(&src.text, options)
        .map_err(|e| yaml_error(src, &e))
}

/// A serde-saphyr error as a located report, with a "did you mean" for a misspelt key or
/// value.
fn yaml_error(src: &SourceFile, e: &serde_saphyr::Error) -> Error {
    let full = e.to_string();
    let first = full.lines().next().unwrap_or(&full).trim();
    // saphyr prefixes "error: line L column C: "; the report shows the position itself.
    let message = crate::error::strip_position(first).to_string();
    let offset = e.location().map_or(0, |l| {
        if l.line() == 0 {
            0
        } else {
            src.offset_of(l.line() as usize, l.column() as usize)
        }
    });
    let help = crate::suggest::from_serde_message(&message).or_else(|| {
        if message.contains("budget") || message.contains("alias") {
            Some("a pipeline file is small: anchors and aliases are limited".into())
        } else {
            None
        }
    });
    let label = if message.starts_with("unknown field") {
        "unknown key"
    } else if message.starts_with("unknown variant") {
        "unknown value"
    } else if message.starts_with("missing field") {
        "missing key"
    } else {
        "here"
    };
    src.invalid(offset, src.token_len(offset), message, label, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile {
            name: "p.yaml".into(),
            text: text.into(),
        }
    }

    #[test]
    fn stage_forms() {
        let raw = parse_raw(&src(
            "name: x\ninput: {path: a}\nstages:\n  - tokenize\n  - events: {types: [talks]}\n",
        ))
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(raw.stages.len(), 2);
        assert_eq!(raw.stages[0].value.name, "tokenize");
        assert!(raw.stages[0].value.settings.is_none());
        let loc = raw.stages[1].value.settings.as_ref().unwrap();
        assert_eq!((loc.line(), loc.column()), (5, 13));
        assert_eq!(raw.input.format, Format::Auto);
    }

    #[test]
    fn two_keys_in_one_stage_is_an_error() {
        let Err(Error::Invalid(e)) = parse_raw(&src(
            "name: x\ninput: {path: a}\nstages:\n  - events: {}\n    people: {}\n",
        )) else {
            panic!("expected an error")
        };
        assert!(e.message.contains("second key `people`"), "{}", e.message);
    }
}
