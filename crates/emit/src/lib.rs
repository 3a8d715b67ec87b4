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
mod json;
pub mod jsonl;
mod one_line;
pub mod summary;

use std::path::{Path, PathBuf};
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

    /// Called once after all documents and events. Files and per-document folders become
    /// visible here (written under a temporary name, then renamed).
    fn finish(&mut self, corpus: &Corpus<'_>) -> std::io::Result<()>;
}

/// Renders one document for an output (see [`Emitter::renderer`]).
pub type Renderer = Arc<dyn Fn(&Document) -> std::io::Result<Piece> + Send + Sync>;

/// A document as rendered for one output: bytes for a file the emitter streams into,
/// whole per-document files (a plain file name in the output's folder, such as
/// [`atomic::safe_file_name`] makes, and the content; written in input order into the
/// emitter's [`atomic::StagedDir`]), and names the output declares at the end (brat's
/// roles).
#[derive(Default)]
pub struct Piece {
    pub bytes: Vec<u8>,
    pub files: Vec<(String, Vec<u8>)>,
    pub names: Vec<String>,
}

/// The folder of an output with per-document files (`summary/`, …).
pub(crate) enum DocFolder {
    /// Hidden until [`DocFolder::commit`] puts it in place whole (see
    /// [`atomic::StagedDir`]): what a run writes ([`emitter`]).
    Staged(Option<atomic::StagedDir>),
    /// Each file in place as soon as it is written (a temporary file renamed), for code
    /// that feeds an emitter documents and reads the files before `finish`.
    Direct(PathBuf),
}

impl DocFolder {
    pub fn staged(dest: PathBuf) -> std::io::Result<Self> {
        atomic::StagedDir::create(dest).map(|d| DocFolder::Staged(Some(d)))
    }

    pub fn direct(dest: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dest)?;
        Ok(DocFolder::Direct(dest))
    }

    /// Write files of a [`Piece`], in order.
    pub fn write(&self, files: Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        files
            .iter()
            .try_for_each(|(name, bytes)| self.file(name, bytes))
    }

    /// Write one file (`name`: a plain file name).
    pub fn file(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            DocFolder::Staged(Some(d)) => d.write(name, bytes),
            DocFolder::Staged(None) => Err(std::io::Error::other("output folder already finished")),
            DocFolder::Direct(dir) => {
                use std::io::Write;
                if !atomic::is_plain_file_name(name) {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        format!("{name:?} is not a plain file name"),
                    ));
                }
                let mut f = atomic::AtomicFile::create(dir.join(name))?;
                f.write_all(bytes)?;
                f.commit_unsynced()
            }
        }
    }

    /// Put a staged folder in place (once; later calls do nothing).
    pub fn commit(&mut self) -> std::io::Result<()> {
        match self {
            DocFolder::Staged(d) => d.take().map_or(Ok(()), |d| d.commit()),
            DocFolder::Direct(_) => Ok(()),
        }
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
/// Per-document folders appear whole at `finish` (replacing the folder of an earlier run).
pub fn emitter(name: &str, dir: &Path) -> Option<std::io::Result<Box<dyn Emitter>>> {
    fn boxed<E: Emitter + 'static>(e: std::io::Result<E>) -> std::io::Result<Box<dyn Emitter>> {
        e.map(|e| Box::new(e) as Box<dyn Emitter>)
    }
    Some(match name {
        "jsonl" => boxed(jsonl::JsonlEmitter::new(dir)),
        "summary" => boxed(summary::SummaryEmitter::staged(dir)),
        "conllu" => boxed(conllu::ConlluEmitter::staged(dir)),
        "brat" => boxed(brat::BratEmitter::staged(dir)),
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
