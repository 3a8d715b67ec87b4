//! Where documents come from: the pipeline's input handed to `sen-ingest`, its errors
//! turned into per-document failures.
//!
//! A JSON Lines file is split into lines here and each line parsed (decoded, normalized)
//! on a worker thread, so reading is not a serial step of a run; other inputs go through
//! `sen_ingest::read_path` on the reading thread.

use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use sen_core::Document;
use sen_ingest::{Format, IngestError};

use crate::{Error, Failure, Pipeline};

fn failure(e: IngestError) -> Failure {
    Failure {
        id: e.subject(),
        reason: e.to_string(),
    }
}

/// A document read, or a line still to parse.
// Each is moved a few times in its life; boxing the document would add an allocation.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Pending {
    Read(Result<Document, Failure>),
    Line {
        name: Arc<str>,
        number: usize,
        bytes: Vec<u8>,
    },
}

impl Pending {
    /// Bytes of text, to size batches.
    pub fn weight(&self) -> usize {
        match self {
            Pending::Read(d) => d.as_ref().map_or(0, |d| d.text.len()),
            Pending::Line { bytes, .. } => bytes.len(),
        }
    }

    /// The document (parsing a line here, on a worker thread).
    pub fn document(self, pipeline: &Pipeline) -> Result<Document, Failure> {
        match self {
            Pending::Read(d) => d,
            Pending::Line {
                name,
                number,
                bytes,
            } => parse_json_line(pipeline, &name, &bytes, number),
        }
    }
}

/// The documents of a file or a directory, in a stable order (file names sorted). An
/// input that cannot be opened at all is an `Err`; a document that cannot be read is one
/// failed item.
pub(crate) fn read(
    pipeline: &Pipeline,
    path: &Path,
) -> Result<Box<dyn Iterator<Item = Result<Document, Failure>>>, Error> {
    let docs = sen_ingest::read_path(path, &pipeline.ingest).map_err(|e| Error::Input {
        message: e.to_string(),
    })?;
    Ok(Box::new(docs.map(|d| d.map_err(failure))))
}

/// Like [`read`], but a JSON Lines file comes as unparsed lines.
pub(crate) fn pending(
    pipeline: &Pipeline,
    path: &Path,
) -> Result<Box<dyn Iterator<Item = Pending>>, Error> {
    let jsonl = match pipeline.ingest.format {
        Format::Jsonl => true,
        Format::Text => false,
        Format::Auto => path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("json")),
    };
    if !jsonl || !path.is_file() {
        return Ok(Box::new(read(pipeline, path)?.map(Pending::Read)));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::Input {
        message: format!("{}: {e}", path.display()),
    })?;
    let name: Arc<str> = path.display().to_string().into();
    // 256 KiB a read call (the default 8 KiB made 2,000 calls on a 16 MB corpus)
    let mut lines = std::io::BufReader::with_capacity(1 << 18, file)
        .split(b'\n')
        .enumerate();
    let mut broken = false;
    Ok(Box::new(std::iter::from_fn(move || loop {
        if broken {
            return None;
        }
        match lines.next()? {
            (_, Ok(bytes)) if bytes.trim_ascii().is_empty() => continue,
            (n, Ok(bytes)) => {
                return Some(Pending::Line {
                    name: name.clone(),
                    number: n + 1,
                    bytes,
                })
            }
            (_, Err(e)) => {
                // A read error ends the file; it is reported as one failure.
                broken = true;
                return Some(Pending::Read(Err(Failure {
                    id: name.to_string(),
                    reason: format!("cannot read {name}: {e}"),
                })));
            }
        }
    })))
}

/// One JSON line as a document; `name` names the input in errors, `n` is 1-based.
pub(crate) fn parse_json_line(
    pipeline: &Pipeline,
    name: &str,
    line: &[u8],
    n: usize,
) -> Result<Document, Failure> {
    sen_ingest::read::parse_line(line, name, n, &pipeline.ingest).map_err(failure)
}
