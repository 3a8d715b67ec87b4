//! Sen's output formats, one module each: JSON Lines, summary JSON, CoNLL-U, brat,
//! events CSV, HTML report.
//!
//! The runner hands every document to each chosen [`Emitter`] in input order, the corpus
//! events one at a time ([`Emitter::event`]), then calls [`Emitter::finish`] once.
//! Emitters stream: they keep nothing per document, and the work a document costs is
//! done by a [`Renderer`] on the runner's worker threads, so the thread that writes in
//! input order only moves finished bytes and files into place.

pub mod atomic;
pub mod brat;
pub mod charpos;
pub mod conllu;
pub mod events_csv;
pub mod html;
pub mod jsonl;
pub mod summary;

use std::path::Path;
use std::sync::Arc;

use sen_core::{layers::CorpusEvent, Document};

/// One output format writing under the output directory.
pub trait Emitter: Send {
    /// What this output makes of one document, to run on any thread and in any order;
    /// `None` when the output writes nothing per document.
    fn renderer(&self) -> Option<Renderer> {
        None
    }

    /// Write a document's piece (from this emitter's [`Renderer`]), in input order.
    fn write(&mut self, piece: Piece) -> std::io::Result<()> {
        let _ = piece;
        Ok(())
    }

    /// Render and write one successfully annotated document, in input order.
    fn document(&mut self, doc: &Document) -> std::io::Result<()> {
        match self.renderer() {
            Some(render) => self.write(render(doc)?),
            None => Ok(()),
        }
    }

    /// One corpus event (after the corpus stages), in corpus order. With no corpus stage
    /// they come as documents are written, else after every document. Events may instead
    /// (or as well, after these) come in [`Corpus::events`].
    fn event(&mut self, event: &CorpusEvent) -> std::io::Result<()> {
        let _ = event;
        Ok(())
    }

    /// Called once after all documents and events. Files become visible here (written to
    /// a temporary name, then renamed).
    fn finish(&mut self, corpus: &Corpus<'_>) -> std::io::Result<()>;
}

/// Renders one document for an output (see [`Emitter::renderer`]).
pub type Renderer = Arc<dyn Fn(&Document) -> std::io::Result<Piece> + Send + Sync>;

/// A document as rendered for one output: bytes for a file the emitter streams into,
/// whole per-document files (path and content, written under their final names in input
/// order by [`Piece::write_files`]), and names the output declares at the end (brat's
/// roles).
#[derive(Default)]
pub struct Piece {
    pub bytes: Vec<u8>,
    pub files: Vec<(std::path::PathBuf, Vec<u8>)>,
    pub names: Vec<String>,
}

impl Piece {
    /// Write the per-document files, each atomically. On the writing thread: files made
    /// in one directory from several threads at once wait on each other in the kernel.
    pub fn write_files(files: Vec<(std::path::PathBuf, Vec<u8>)>) -> std::io::Result<()> {
        use std::io::Write;
        for (path, bytes) in files {
            let mut f = atomic::AtomicFile::create(path)?;
            f.write_all(&bytes)?;
            f.commit_unsynced()?;
        }
        Ok(())
    }
}

/// What the runner knows once every document has gone through.
pub struct Corpus<'a> {
    /// The pipeline's name.
    pub name: &'a str,
    /// Corpus events not given through [`Emitter::event`] (a run streams them all there
    /// and leaves this empty).
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
