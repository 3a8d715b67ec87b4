//! The one error type of the crate. A problem in the pipeline file is an
//! [`InvalidPipeline`]: a miette report that shows the YAML with a label at the exact
//! line and column.

use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// The pipeline file itself cannot be read.
    #[error("cannot read pipeline file {}", path.display())]
    #[diagnostic(code(sen::pipeline::read))]
    ReadPipeline {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The pipeline file is wrong (schema, plugin, settings, layer order, output, input).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidPipeline>),

    /// `--input` names something that does not exist (there is no YAML location to show).
    #[error("input {} does not exist", path.display())]
    #[diagnostic(
        code(sen::input::missing),
        help(
            "give a file, a directory of .txt files, a .jsonl file, or `-` for JSON Lines on stdin"
        )
    )]
    MissingInput { path: PathBuf },

    /// The corpus cannot be read (unreadable file, broken directory, stdin closed).
    #[error("cannot read input: {message}")]
    #[diagnostic(code(sen::input::read))]
    Input { message: String },

    /// An output cannot be written (directory not writable, disk full, …).
    #[error("cannot write output {}", path.display())]
    #[diagnostic(code(sen::output))]
    Output {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A corpus stage failed: there is no per-document fallback for it.
    #[error("corpus stage `{stage}` failed: {message}")]
    #[diagnostic(code(sen::corpus_stage))]
    CorpusStage { stage: String, message: String },

    /// The worker pool could not start.
    #[error("cannot start {threads} worker threads: {message}")]
    #[diagnostic(code(sen::threads))]
    Threads { threads: usize, message: String },
}

impl Error {
    /// The pipeline-file diagnostic, when that is what this is (tests look at its position).
    pub fn as_invalid(&self) -> Option<&InvalidPipeline> {
        match self {
            Error::Invalid(i) => Some(i),
            _ => None,
        }
    }
}

/// A problem at one place of the pipeline file.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(sen::pipeline::invalid))]
pub struct InvalidPipeline {
    pub message: String,
    /// 1-based line of the problem in the pipeline file.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    #[source_code]
    pub(crate) src: NamedSource<String>,
    #[label("{label}")]
    pub(crate) span: SourceSpan,
    pub(crate) label: String,
    #[help]
    pub help: Option<String>,
}

/// The pipeline file's text and name, kept to draw reports.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// A report at byte `offset` of the file, `len` bytes wide.
    pub fn invalid(
        &self,
        offset: usize,
        len: usize,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> Error {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let len = len.min(self.text.len() - offset);
        let (line, column) = line_column(&self.text, offset);
        Error::Invalid(Box::new(InvalidPipeline {
            message: message.into(),
            line,
            column,
            src: NamedSource::new(&self.name, self.text.clone()).with_language("yaml"),
            span: SourceSpan::new(offset.into(), len),
            label: label.into(),
            help,
        }))
    }

    /// Byte offset of a 1-based line and column (column in characters).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[start..];
        let in_line = rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
        start + in_line
    }

    /// Length of the token that starts at `offset` (up to the next space, `,`, `:`, `]`, `}`
    /// or line end), so a label underlines a whole word.
    pub fn token_len(&self, offset: usize) -> usize {
        let rest = &self.text[offset.min(self.text.len())..];
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ']' | '}' | '#'))
            .unwrap_or(rest.len())
            .max(1)
            .min(rest.len())
    }
}

/// 1-based line and column (characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Drop the "error: line L column C: " prefix serde-saphyr puts on its messages: the
/// report shows the position itself.
pub(crate) fn strip_position(s: &str) -> &str {
    let s = s.trim();
    let s = s.strip_prefix("error: ").unwrap_or(s);
    if let Some(rest) = s.strip_prefix("line ") {
        if let Some(i) = rest.find(": ") {
            if rest[..i].contains("column") {
                return &rest[i + 2..];
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_saphyr_position_prefix() {
        assert_eq!(
            strip_position("error: line 3 column 1: unknown field `x`"),
            "unknown field `x`"
        );
        assert_eq!(strip_position("linear thing"), "linear thing");
    }

    #[test]
    fn line_column_counts_characters() {
        let t = "a: 1\nđường: x\n";
        let off = t.find('x').unwrap();
        assert_eq!(line_column(t, off), (2, 8));
        let f = SourceFile {
            name: "f".into(),
            text: t.into(),
        };
        assert_eq!(f.offset_of(2, 8), off);
    }
}
