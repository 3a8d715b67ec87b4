//! The document: source bytes, normalized text, the map between them, metadata, layers.

use serde::{Deserialize, Serialize};

use crate::{Layers, OffsetMap, Span};

/// What is known about a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocMeta {
    /// The article's own date, `YYYY-MM-DD` (or `YYYY-MM`), from a ` date` line, a
    /// printed header or the JSON input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the title is in `text`, when it is part of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_span: Option<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet (`Ngày Nay`, `VGP`), from a `(Ngày Nay) -` prefix or the JSON input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Where the outlet prefix is in `text`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_span: Option<Span>,
    /// The encoding the source was decoded from (`UTF-8`, `windows-1258`, `TCVN3`, `VNI`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Problems met while reading (undecodable bytes with their offsets, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// A problem in the source that did not stop the document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Byte offset in the source.
    pub offset: usize,
    pub message: String,
}

/// One document on its way through the pipeline.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// File stem or the JSON `id`. Emitters sanitize it before using it in a path.
    pub id: String,
    pub meta: DocMeta,
    /// The bytes as read.
    pub source: Vec<u8>,
    /// The normalized text every span points into.
    pub text: String,
    /// Normalized text → source bytes.
    pub offsets: OffsetMap,
    pub layers: Layers,
}

impl Document {
    /// A document whose text is its source, unchanged (UTF-8, already normalized).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        Document {
            id: id.into(),
            meta: DocMeta::default(),
            source: text.as_bytes().to_vec(),
            offsets: OffsetMap::identity(text.len()),
            text,
            layers: Layers::default(),
        }
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// The source byte range of a span of `text`.
    pub fn source_range(&self, span: Span) -> std::ops::Range<usize> {
        self.offsets.to_source(span.start..span.end)
    }
}
