//! The document model every Sen crate shares.
//!
//! A [`Document`] travels through the whole pipeline: ingest fills `source`, `text` and
//! the [`OffsetMap`]; stages add typed [`Layers`]; emitters read them. Annotators are
//! plugins ([`Annotator`]) registered with [`inventory`] through a [`Plugin`] record.
//! `core` depends on no other crate of ours.

pub mod annotator;
pub mod document;
pub mod error;
pub mod layers;
pub mod offsets;
pub mod settings;
pub mod span;

pub use annotator::{Annotator, CorpusAnnotator, CorpusPlugin, Plugin};
pub use annotator::{CorpusStream, Placed};
pub use document::{DocMeta, Document};
pub use error::{AnnotateError, SettingsError};
pub use layers::{Layer, Layers};
pub use offsets::OffsetMap;
pub use settings::Settings;
pub use span::Span;

/// Re-exported so plugin crates register without naming `inventory` themselves.
pub use inventory;
