//! Errors of the core contract: what an annotator or a settings parser may return.

use miette::Diagnostic;
use thiserror::Error;

/// An annotator failed on one document. The runner reports it with the document id
/// and goes on with the other documents.
#[derive(Debug, Error, Diagnostic)]
#[error("{plugin}: {message}")]
#[diagnostic(code(sen::annotate))]
pub struct AnnotateError {
    pub plugin: String,
    pub message: String,
}

impl AnnotateError {
    pub fn new(plugin: impl Into<String>, message: impl Into<String>) -> Self {
        AnnotateError {
            plugin: plugin.into(),
            message: message.into(),
        }
    }
}

/// A stage's settings did not parse. `line`/`column` are 1-based positions in the
/// pipeline file when known (see [`crate::Settings`]).
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
#[error("{message}")]
#[diagnostic(code(sen::settings))]
pub struct SettingsError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Byte offset in the pipeline file, when known.
    pub offset: Option<usize>,
}

impl SettingsError {
    pub fn msg(message: impl Into<String>) -> Self {
        SettingsError {
            message: message.into(),
            line: None,
            column: None,
            offset: None,
        }
    }
}
