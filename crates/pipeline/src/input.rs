//! Where documents come from: the pipeline's input handed to `sen-ingest`'s readers,
//! their errors turned into per-document failures.

use std::path::Path;

use sen_core::Document;
use sen_ingest::IngestError;

use crate::{Error, Failure, Pipeline};

fn failure(e: IngestError) -> Failure {
    Failure {
        id: e.subject(),
        reason: e.to_string(),
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

/// One line of the streaming worker's stdin as a document; `n` is its 1-based number.
pub(crate) fn parse_json_line(
    pipeline: &Pipeline,
    line: &[u8],
    n: usize,
) -> Result<Document, Failure> {
    sen_ingest::read::parse_line(line, "stdin", n, &pipeline.ingest).map_err(failure)
}
