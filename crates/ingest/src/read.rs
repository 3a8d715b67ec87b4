//! Readers: a file, a directory of `.txt` files, or JSON Lines from a file or any reader
//! (stdin for the streaming worker). They stream: one document in memory at a time.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use sen_core::Document;

use crate::{document_from_bytes, document_from_string, Format, IngestError, IngestOptions};

/// A stream of documents; an error item is one document that could not be read.
pub type Documents = Box<dyn Iterator<Item = Result<Document, IngestError>> + Send>;

/// Documents under `path`: a `.txt` (or any) file, a `.jsonl` file, or a directory whose
/// `.txt` files (sorted by name; document id = file stem) are the documents.
pub fn read_path(path: &Path, opts: &IngestOptions) -> Result<Documents, IngestError> {
    let meta = fs::metadata(path).map_err(|e| io_err(path, e))?;
    let opts = *opts;
    if meta.is_dir() {
        // Only the directory's own entries: no recursion, so no symlink loop to follow.
        // An entry that cannot be listed is an error item, not a silent gap.
        let mut files: Vec<Result<PathBuf, IngestError>> = fs::read_dir(path)
            .map_err(|e| io_err(path, e))?
            .map(|e| e.map(|e| e.path()).map_err(|e| io_err(path, e)))
            .filter(|p| {
                p.as_ref().map_or(true, |p| match opts.format {
                    Format::Jsonl => has_ext(p, &["jsonl", "json"]),
                    _ => {
                        has_ext(p, &["txt"])
                            || (opts.format == Format::Auto && has_ext(p, &["jsonl"]))
                    }
                })
            })
            .collect();
        // By file name; listing errors (no name) last.
        files.sort_by(|a, b| match (a, b) {
            (Ok(a), Ok(b)) => a.file_name().cmp(&b.file_name()),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(_), Err(_)) => std::cmp::Ordering::Equal,
        });
        let it = files.into_iter().flat_map(move |p| -> Documents {
            match p.and_then(|p| read_file(&p, &opts)) {
                Ok(docs) => docs,
                Err(e) => Box::new(std::iter::once(Err(e))),
            }
        });
        return Ok(Box::new(it));
    }
    read_file(path, &opts)
}

fn read_file(path: &Path, opts: &IngestOptions) -> Result<Documents, IngestError> {
    let jsonl = match opts.format {
        Format::Jsonl => true,
        Format::Text => false,
        Format::Auto => has_ext(path, &["jsonl", "json"]),
    };
    if jsonl {
        let f = fs::File::open(path).map_err(|e| io_err(path, e))?;
        return Ok(Box::new(read_jsonl(
            BufReader::new(f),
            &path.display().to_string(),
            opts,
        )));
    }
    // A directory named `x.txt`, a FIFO or a device is not a document file.
    let meta = fs::metadata(path).map_err(|e| io_err(path, e))?;
    if !meta.is_file() {
        return Err(IngestError::Io {
            path: path.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"),
        });
    }
    let bytes = fs::read(path).map_err(|e| io_err(path, e))?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Box::new(std::iter::once(Ok(document_from_bytes(
        &id, &bytes, opts,
    )))))
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn io_err(path: &Path, source: std::io::Error) -> IngestError {
    IngestError::Io {
        path: path.display().to_string(),
        source,
    }
}

#[derive(serde::Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

/// The longest JSON Lines line read (a document of 64 MiB is far beyond any article).
pub const MAX_LINE: usize = 64 << 20;

/// Read and drop the rest of a line; how many bytes that was.
fn skip_line<R: BufRead>(reader: &mut R) -> std::io::Result<usize> {
    let mut n = 0;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(n);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(k) => {
                reader.consume(k + 1);
                return Ok(n + k + 1);
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
                n += len;
            }
        }
    }
}

/// Documents from JSON Lines, one object a line (blank lines skipped). `name` names the
/// input in errors (`-` for stdin).
pub fn read_jsonl<R: BufRead + Send + 'static>(
    reader: R,
    name: &str,
    opts: &IngestOptions,
) -> impl Iterator<Item = Result<Document, IngestError>> + Send {
    jsonl(reader, name, opts, MAX_LINE)
}

fn jsonl<R: BufRead + Send + 'static>(
    reader: R,
    name: &str,
    opts: &IngestOptions,
    max_line: usize,
) -> impl Iterator<Item = Result<Document, IngestError>> + Send {
    let name = name.to_string();
    let opts = *opts;
    let mut reader = reader;
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    std::iter::from_fn(move || loop {
        buf.clear();
        line_no += 1;
        // A line is read up to MAX_LINE bytes: one endless line cannot exhaust memory.
        let read = (&mut reader)
            .take(max_line as u64 + 1)
            .read_until(b'\n', &mut buf);
        match read {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                return Some(Err(IngestError::Io {
                    path: name.clone(),
                    source: e,
                }))
            }
        }
        if buf.len() > max_line && buf.last() != Some(&b'\n') {
            let skipped = buf.len() + skip_line(&mut reader).unwrap_or(0);
            return Some(Err(IngestError::Json {
                path: name.clone(),
                line: line_no,
                message: format!("the line is longer than {max_line} bytes ({skipped} skipped)"),
            }));
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // A UTF-8 byte-order mark before the first object.
        let line = if line_no == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf
        };
        return Some(parse_line(line, &name, line_no, &opts));
    })
}

/// One JSON Lines line as a document; `name` and `line` (1-based) place errors. The
/// streaming worker parses lines on its worker threads with this.
pub fn parse_line(
    buf: &[u8],
    name: &str,
    line: usize,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let json_err = |message: String| IngestError::Json {
        path: name.to_string(),
        line,
        message,
    };
    // UTF-8 checked once, fast, for the whole line (serde_json would check each string
    // again, at a fraction of the speed on Vietnamese text); a line that is not UTF-8 is
    // parsed as bytes for serde_json's own error.
    let parsed = match simdutf8::basic::from_utf8(buf) {
        Ok(line) => serde_json::from_str(line),
        Err(_) => serde_json::from_slice(buf),
    };
    let doc: JsonDoc = parsed.map_err(|e| json_err(e.to_string()))?;
    let id = match doc.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => {
            return Err(IngestError::MissingId {
                path: name.to_string(),
                line,
            })
        }
    };
    let Some(serde_json::Value::String(text)) = doc.text else {
        return Err(IngestError::MissingText {
            path: name.to_string(),
            line,
            id,
        });
    };
    let mut d = document_from_string(&id, text, opts);
    if doc.date.is_some() {
        d.meta.date = doc.date;
    }
    if doc.title.is_some() {
        d.meta.title = doc.title;
        d.meta.title_span = None;
    }
    d.meta.url = doc.url;
    if doc.source.is_some() {
        d.meta.source = doc.source;
        d.meta.source_span = None;
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_good_and_bad_lines() {
        let input = concat!(
            "{\"id\": \"a1\", \"text\": \"Thủ tướng tiếp Đại sứ Nhật Bản.\", \"date\": \"2024-05-02\"}\n",
            "{\"id\": \"a2\", \"text\": \n",
            "\n",
            "{\"id\": \"a3\"}\n",
            "{\"text\": \"Không có mã.\"}\n",
            "{\"id\": 7, \"text\": \"Hoà bình.\", \"source\": \"VGP\"}\n",
        );
        let got: Vec<_> = read_jsonl(
            std::io::Cursor::new(input.as_bytes().to_vec()),
            "-",
            &IngestOptions::default(),
        )
        .collect();
        assert_eq!(got.len(), 5);
        let a1 = got[0].as_ref().unwrap();
        assert_eq!(
            (a1.id.as_str(), a1.meta.date.as_deref()),
            ("a1", Some("2024-05-02"))
        );
        assert!(matches!(&got[1], Err(IngestError::Json { line: 2, .. })));
        assert!(matches!(
            &got[2],
            Err(IngestError::MissingText { line: 4, .. })
        ));
        assert!(matches!(
            &got[3],
            Err(IngestError::MissingId { line: 5, .. })
        ));
        let a7 = got[4].as_ref().unwrap();
        assert_eq!(
            (a7.id.as_str(), a7.text.as_str(), a7.meta.source.as_deref()),
            ("7", "Hòa bình.", Some("VGP"))
        );
    }

    #[test]
    fn directory_is_sorted_and_bad_entries_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b.txt"), "Hai bên ký kết hiệp định.").unwrap();
        fs::write(
            dir.path().join("a.txt"),
            " date 2024-11-15 Chủ tịch nước gặp Tổng thống Peru.",
        )
        .unwrap();
        fs::write(dir.path().join("ghi-chu.md"), "không đọc").unwrap();
        fs::create_dir(dir.path().join("c.txt")).unwrap();
        let docs: Vec<_> = read_path(dir.path(), &IngestOptions::default())
            .unwrap()
            .collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert_eq!(
            docs[0].as_ref().unwrap().meta.date.as_deref(),
            Some("2024-11-15")
        );
        assert_eq!(docs[1].as_ref().unwrap().id, "b");
        assert!(docs[2].is_err());
        assert!(read_path(&dir.path().join("khong-co"), &IngestOptions::default()).is_err());
    }

    #[test]
    fn jsonl_bom_long_lines_and_blank_ids() {
        let input = concat!(
            "\u{FEFF}{\"id\": \"a1\", \"text\": \"Hà Nội\"}\r\n",
            "{\"id\": \"a2\", \"text\": \"Một dòng rất dài, dài hơn giới hạn cho phép\"}\n",
            "{\"id\": \"  \", \"text\": \"Không có mã.\"}\n",
            "{\"id\": \"a4\", \"text\": \"Huế\", \"url\": \"https://vtv.vn/a4\"}",
        );
        let got: Vec<_> = jsonl(
            std::io::Cursor::new(input.as_bytes().to_vec()),
            "tin.jsonl",
            &IngestOptions::default(),
            60,
        )
        .collect();
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].as_ref().unwrap().text, "Hà Nội");
        let Err(e) = &got[1] else {
            panic!("a long line is an error")
        };
        assert!(
            e.to_string().contains("tin.jsonl:2: ") && e.to_string().contains("longer than 60"),
            "{e}"
        );
        assert!(matches!(
            &got[2],
            Err(IngestError::MissingId { line: 3, .. })
        ));
        let a4 = got[3].as_ref().unwrap();
        assert_eq!(
            (a4.text.as_str(), a4.meta.url.as_deref()),
            ("Huế", Some("https://vtv.vn/a4"))
        );
    }

    #[test]
    fn a_line_that_is_not_utf8_is_a_json_error_and_escapes_are_read() {
        let opts = IngestOptions::default();
        let bad = parse_line(
            b"{\"id\": \"a\", \"text\": \"H\xe0 N\xf4i\"}",
            "x",
            3,
            &opts,
        );
        let Err(e) = bad else {
            panic!("not UTF-8 is an error")
        };
        assert!(matches!(e, IngestError::Json { line: 3, .. }), "{e}");
        let good = r#"{"id": "b", "text": "Th\u1EE7 t\u01B0\u1EDBng\n\"H\u00E0 N\u1ED9i\""}"#;
        let d = parse_line(good.as_bytes(), "x", 1, &opts).unwrap();
        assert_eq!(d.text, "Thủ tướng\n\"Hà Nội\"");
        assert_eq!(d.source, d.text.as_bytes());
        assert_eq!(d.meta.encoding.as_deref(), Some("UTF-8"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_in_a_directory_is_one_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "Hai bên ký kết hiệp định.").unwrap();
        std::os::unix::fs::symlink("vong.txt", dir.path().join("vong.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("cha.txt")).unwrap();
        let docs: Vec<_> = read_path(dir.path(), &IngestOptions::default())
            .unwrap()
            .collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().id, "a");
        assert!(docs[1].is_err() && docs[2].is_err());
    }
}
