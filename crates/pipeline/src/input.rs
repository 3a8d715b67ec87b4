//! Where documents come from: the pipeline's input handed to `sen-ingest`'s readers.
//!
//! BRIDGE: sen-ingest's readers (decoding, normalization, the sample-article header) are
//! being written; until they land this reads UTF-8 `.txt` files and `{"id","text"}` JSON
//! lines as they are, so the runner can be exercised end to end. It is replaced by calls
//! into `sen_ingest` as soon as they exist.

use std::path::{Path, PathBuf};

use sen_core::Document;

use crate::{Error, Failure, Pipeline};

/// The documents of a file or a directory, in a stable order (file names sorted).
pub(crate) fn read(
    pipeline: &Pipeline,
    path: &Path,
) -> Result<Box<dyn Iterator<Item = Result<Document, Failure>>>, Error> {
    let _ = pipeline;
    let files: Vec<PathBuf> = if path.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::Input {
                message: format!("{}: {e}", path.display()),
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    Ok(Box::new(files.into_iter().map(|f| {
        let id = f.file_stem().map_or_else(
            || f.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        let bytes = std::fs::read(&f).map_err(|e| Failure {
            id: id.clone(),
            reason: e.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|e| Failure {
            id: id.clone(),
            reason: format!("not UTF-8: {e}"),
        })?;
        Ok(Document::from_text(id, text))
    })))
}

/// One JSON line of the streaming worker as a document; `n` is the 1-based line number,
/// used as the id when the line has none.
pub(crate) fn parse_json_line(
    pipeline: &Pipeline,
    line: &[u8],
    n: usize,
) -> Result<Document, Failure> {
    let _ = pipeline;
    #[derive(serde::Deserialize)]
    struct Line {
        id: Option<String>,
        text: Option<String>,
        date: Option<String>,
        title: Option<String>,
        url: Option<String>,
        source: Option<String>,
    }
    let fallback = || format!("line {n}");
    let l: Line = serde_json::from_slice(line).map_err(|e| Failure {
        id: fallback(),
        reason: format!("not a JSON document: {e}"),
    })?;
    let id = l.id.unwrap_or_else(fallback);
    let Some(text) = l.text else {
        return Err(Failure {
            id,
            reason: "missing `text`".into(),
        });
    };
    let mut doc = Document::from_text(id, text);
    doc.meta.date = l.date;
    doc.meta.title = l.title;
    doc.meta.url = l.url;
    doc.meta.source = l.source;
    Ok(doc)
}
