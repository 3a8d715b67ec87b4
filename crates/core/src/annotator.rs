//! The plugin contract: the [`Annotator`] trait and the records plugins register.
//!
//! A plugin module registers itself once:
//!
//! ```ignore
//! sen_core::inventory::submit! {
//!     sen_core::Plugin {
//!         name: "dates",
//!         description: "Dates and ranges resolved to ISO 8601 against the document date",
//!         requires: &[Layer::Tokens, Layer::Sentences],
//!         provides: &[Layer::Dates],
//!         defaults: sen_core::settings::defaults_of::<DatesSettings>,
//!         build: |s| Ok(Box::new(Dates::new(s.parse()?))),
//!     }
//! }
//! ```
//!
//! The binary must name the crate that holds the module (`use sen_annotate as _;`), or the
//! linker drops the registration.

use crate::{layers::CorpusEvent, AnnotateError, Document, Layer, Settings, SettingsError};

/// A document stage. It adds the layers it provides and never rewrites another's.
pub trait Annotator: Send + Sync {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError>;
}

/// A corpus stage: runs once after every document, over the events of the corpus only
/// (so memory stays bounded by the number of events, not of documents).
pub trait CorpusAnnotator: Send + Sync {
    fn annotate_corpus(&self, events: &mut Vec<CorpusEvent>) -> Result<(), AnnotateError>;

    /// The same stage taking one event at a time, so a run need not hold the corpus (the
    /// runner keeps mentions and finished events on disk). `None`: the stage needs every
    /// event at once, and [`CorpusAnnotator::annotate_corpus`] is used.
    fn stream(&self) -> Option<Box<dyn CorpusStream>> {
        None
    }
}

/// An event placed by a [`CorpusStream`]: the output event it belongs to and the
/// mentions it brings, which the caller keeps and attaches to that output event.
pub type Placed = (usize, Vec<crate::layers::EventMention>);

/// A corpus stage over a stream of events. Output events are numbered from 0 in output
/// order; the stage holds only what it still needs to place later events, the caller
/// holds mentions (in input order) and the output events the stage has let go of. The
/// result is the one [`CorpusAnnotator::annotate_corpus`] gives on the whole list.
pub trait CorpusStream: Send {
    /// The next input event, in input order.
    fn push(&mut self, event: CorpusEvent) -> Result<Placed, AnnotateError>;
    /// Output events that will not change any more, without their mentions; the indices
    /// increase from call to call.
    fn settled(&mut self) -> Vec<(usize, CorpusEvent)>;
    /// Every output event not yet settled, without mentions, once every event is pushed.
    fn finish(self: Box<Self>) -> Vec<(usize, CorpusEvent)>;
}

/// The registration record of a document stage.
pub struct Plugin {
    pub name: &'static str,
    /// One line, shown by `sen plugins`.
    pub description: &'static str,
    pub requires: &'static [Layer],
    pub provides: &'static [Layer],
    /// The settings with their defaults, as JSON.
    pub defaults: fn() -> serde_json::Value,
    pub build: fn(&Settings) -> Result<Box<dyn Annotator>, SettingsError>,
}

/// The registration record of a corpus stage.
pub struct CorpusPlugin {
    pub name: &'static str,
    pub description: &'static str,
    /// Document layers the corpus stage reads.
    pub requires: &'static [Layer],
    pub defaults: fn() -> serde_json::Value,
    pub build: fn(&Settings) -> Result<Box<dyn CorpusAnnotator>, SettingsError>,
}

inventory::collect!(Plugin);
inventory::collect!(CorpusPlugin);

/// Every registered document stage, sorted by name (inventory's order is unspecified).
pub fn plugins() -> Vec<&'static Plugin> {
    let mut v: Vec<_> = inventory::iter::<Plugin>.into_iter().collect();
    v.sort_by_key(|p| p.name);
    v
}

/// Every registered corpus stage, sorted by name.
pub fn corpus_plugins() -> Vec<&'static CorpusPlugin> {
    let mut v: Vec<_> = inventory::iter::<CorpusPlugin>.into_iter().collect();
    v.sort_by_key(|p| p.name);
    v
}

pub fn find_plugin(name: &str) -> Option<&'static Plugin> {
    inventory::iter::<Plugin>
        .into_iter()
        .find(|p| p.name == name)
}

pub fn find_corpus_plugin(name: &str) -> Option<&'static CorpusPlugin> {
    inventory::iter::<CorpusPlugin>
        .into_iter()
        .find(|p| p.name == name)
}
