//! Sen's output formats, one module each: JSON Lines, summary JSON, CoNLL-U, brat,
//! events CSV, HTML report.
//!
//! The runner hands every document to each chosen [`Emitter`] in input order, then calls
//! [`Emitter::finish`] once with the corpus-level events. Emitters stream: they keep
//! nothing per document beyond what the corpus step needs.

pub mod atomic;
pub mod brat;
pub mod charpos;
pub mod conllu;
pub mod events_csv;
pub mod html;
pub mod jsonl;
pub mod summary;

use std::path::Path;

use sen_core::{layers::CorpusEvent, Document};

/// One output format writing under the output directory.
pub trait Emitter: Send {
    /// Called once per successfully annotated document, in input order.
    fn document(&mut self, doc: &Document) -> std::io::Result<()>;
    /// Called once after all documents, with the merged corpus events. Files become
    /// visible here (written to a temporary name, then renamed).
    fn finish(&mut self, corpus: &Corpus<'_>) -> std::io::Result<()>;
}

/// What the runner knows once every document has gone through.
pub struct Corpus<'a> {
    /// The pipeline's name.
    pub name: &'a str,
    pub events: &'a [CorpusEvent],
    /// Documents that failed, with the reason.
    pub failures: &'a [(String, String)],
}

/// Every output name a pipeline may list, in the order they are documented.
pub const OUTPUTS: &[&str] = &["jsonl", "summary", "conllu", "brat", "events_csv", "html"];

/// The emitter for an output name, writing under `dir`; `None` for an unknown name.
pub fn emitter(name: &str, dir: &Path) -> Option<std::io::Result<Box<dyn Emitter>>> {
    fn boxed<E: Emitter + 'static>(e: std::io::Result<E>) -> std::io::Result<Box<dyn Emitter>> {
        e.map(|e| Box::new(e) as Box<dyn Emitter>)
    }
    Some(match name {
        "jsonl" => boxed(jsonl::JsonlEmitter::new(dir)),
        "summary" => boxed(summary::SummaryEmitter::new(dir)),
        "conllu" => boxed(conllu::ConlluEmitter::new(dir)),
        "brat" => boxed(brat::BratEmitter::new(dir)),
        "events_csv" => boxed(events_csv::EventsCsvEmitter::new(dir)),
        "html" => boxed(html::HtmlEmitter::new(dir)),
        _ => return None,
    })
}

#[cfg(any(test, feature = "test-support"))]
#[doc(hidden)]
pub mod test_support;

#[cfg(test)]
mod tests {
    #[test]
    fn every_documented_output_is_available() {
        let dir = tempfile::tempdir().unwrap();
        for name in super::OUTPUTS {
            assert!(
                super::emitter(name, dir.path()).is_some_and(|e| e.is_ok()),
                "{name}"
            );
        }
        assert!(super::emitter("xml", dir.path()).is_none());
    }
}
