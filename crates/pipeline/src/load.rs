//! From the file to a checked [`Pipeline`]: plugins found and built with their settings,
//! layers provided before they are required, outputs known, input present. Everything is
//! checked here, before any document is read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sen_core::annotator::{corpus_plugins, find_corpus_plugin, find_plugin, plugins};
use sen_core::{Annotator, CorpusAnnotator, CorpusPlugin, Layer, Plugin, Settings};
use sen_ingest::{Format, IngestOptions};
use serde_saphyr::{Location, Spanned};

use crate::error::{Error, SourceFile};
use crate::extent::node_range;
use crate::schema::{parse_raw, RawStage};
use crate::suggest::closest;

/// Where documents come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputSource {
    /// A file or a directory.
    Path(PathBuf),
    /// JSON Lines on standard input (the streaming worker).
    Stdin,
}

/// What the command line overrides in the file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--input` (a path, or `-` for stdin). Relative paths are taken as given (relative to
    /// the current directory).
    pub input: Option<InputSource>,
    /// `--output`.
    pub output: Option<PathBuf>,
}

/// A checked pipeline, ready to run.
pub struct Pipeline {
    pub name: String,
    /// The pipeline file (or the name given to [`parse`]).
    pub file: String,
    pub input: InputSource,
    /// How `sen-ingest` reads the input: format, tone-mark convention, forced encoding.
    pub ingest: IngestOptions,
    pub stages: Vec<Stage>,
    pub corpus_stages: Vec<CorpusStage>,
    /// Output names, as listed (all in [`sen_emit::OUTPUTS`]).
    pub outputs: Vec<String>,
    pub output: PathBuf,
    /// Paths as written in the file (or on the command line), for the resolved view.
    pub(crate) written_input: String,
    pub(crate) written_output: String,
}

/// A document stage: its registration record and the annotator built from its settings.
pub struct Stage {
    pub name: String,
    pub plugin: &'static Plugin,
    /// The settings as written (JSON), `Null` when the stage is a bare name.
    pub settings: serde_json::Value,
    pub annotator: Box<dyn Annotator>,
    /// Time spent in the stage over the runs of this pipeline, in nanoseconds, on every
    /// thread together (see [`crate::RunSummary::stages`]).
    pub spent: std::sync::atomic::AtomicU64,
}

/// A corpus stage: runs once over the events of every document.
pub struct CorpusStage {
    pub name: String,
    pub plugin: &'static CorpusPlugin,
    pub settings: serde_json::Value,
    pub annotator: Box<dyn CorpusAnnotator>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("name", &self.name)
            .field("input", &self.input)
            .field(
                "stages",
                &self.stages.iter().map(|s| &s.name).collect::<Vec<_>>(),
            )
            .field(
                "corpus_stages",
                &self
                    .corpus_stages
                    .iter()
                    .map(|s| &s.name)
                    .collect::<Vec<_>>(),
            )
            .field("outputs", &self.outputs)
            .field("output", &self.output)
            .finish()
    }
}

/// Read and check the pipeline file at `path`. Relative paths inside the file are
/// relative to the file's own directory, so a pipeline runs the same from anywhere.
pub fn load(path: &Path, overrides: &Overrides) -> Result<Pipeline, Error> {
    let meta = std::fs::metadata(path).map_err(|source| Error::ReadPipeline {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.len() > crate::schema::MAX_PIPELINE_BYTES as u64 {
        // Read no further than needed to report the size.
        let src = SourceFile {
            name: path.display().to_string(),
            text: String::new(),
        };
        return Err(src.invalid(
            0,
            0,
            format!(
                "pipeline file is {} bytes; a pipeline file is at most {} bytes",
                meta.len(),
                crate::schema::MAX_PIPELINE_BYTES
            ),
            "file too large",
            None,
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::ReadPipeline {
        path: path.to_path_buf(),
        source,
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse(&text, &path.display().to_string(), base, overrides)
}

/// Check pipeline text. `file` names it in reports; `base_dir` anchors its relative paths.
pub fn parse(
    text: &str,
    file: &str,
    base_dir: &Path,
    overrides: &Overrides,
) -> Result<Pipeline, Error> {
    let src = SourceFile {
        name: file.to_string(),
        text: text.to_string(),
    };
    let raw = parse_raw(&src)?;

    if raw.name.value.trim().is_empty() {
        let at = offset(&src, &raw.name.referenced);
        return Err(src.invalid(at, 1, "the pipeline name is empty", "empty name", None));
    }

    let mut provided: BTreeSet<Layer> = BTreeSet::new();
    let mut stages = Vec::with_capacity(raw.stages.len());
    for entry in &raw.stages {
        let at = offset(&src, &entry.referenced);
        let name = &entry.value.name;
        let Some(plugin) = find_plugin(name) else {
            return Err(unknown_stage(&src, at, name, false));
        };
        for need in plugin.requires {
            if !provided.contains(need) {
                return Err(missing_layer(&src, at, name, *need, "an earlier stage"));
            }
        }
        let (settings, json) = settings_of(&src, entry)?;
        let settings = settings.with_base_dir(base_dir);
        let annotator =
            (plugin.build)(&settings).map_err(|e| settings_error(&src, entry, name, e))?;
        provided.extend(plugin.provides.iter().copied());
        stages.push(Stage {
            name: name.clone(),
            plugin,
            settings: json,
            annotator,
            spent: Default::default(),
        });
    }

    let mut corpus_stages = Vec::with_capacity(raw.corpus_stages.len());
    for entry in &raw.corpus_stages {
        let at = offset(&src, &entry.referenced);
        let name = &entry.value.name;
        let Some(plugin) = find_corpus_plugin(name) else {
            return Err(unknown_stage(&src, at, name, true));
        };
        for need in plugin.requires {
            if !provided.contains(need) {
                return Err(missing_layer(&src, at, name, *need, "a document stage"));
            }
        }
        let (settings, json) = settings_of(&src, entry)?;
        let settings = settings.with_base_dir(base_dir);
        let annotator =
            (plugin.build)(&settings).map_err(|e| settings_error(&src, entry, name, e))?;
        corpus_stages.push(CorpusStage {
            name: name.clone(),
            plugin,
            settings: json,
            annotator,
        });
    }

    let mut outputs: Vec<String> = Vec::with_capacity(raw.outputs.len());
    for out in &raw.outputs {
        let at = offset(&src, &out.referenced);
        if !sen_emit::OUTPUTS.contains(&out.value.as_str()) {
            let help = match closest(&out.value, sen_emit::OUTPUTS.iter().copied()) {
                Some(c) => format!(
                    "did you mean `{c}`? Outputs: {}",
                    sen_emit::OUTPUTS.join(", ")
                ),
                None => format!("outputs: {}", sen_emit::OUTPUTS.join(", ")),
            };
            return Err(src.invalid(
                at,
                src.token_len(at),
                format!("unknown output `{}`", out.value),
                "unknown output",
                Some(help),
            ));
        }
        if outputs.contains(&out.value) {
            return Err(src.invalid(
                at,
                src.token_len(at),
                format!("output `{}` is listed twice", out.value),
                "listed twice",
                None,
            ));
        }
        outputs.push(out.value.clone());
    }

    let (input, written_input) = match &overrides.input {
        Some(InputSource::Stdin) => (InputSource::Stdin, "-".to_string()),
        Some(InputSource::Path(p)) => {
            if !p.exists() {
                return Err(Error::MissingInput { path: p.clone() });
            }
            (InputSource::Path(p.clone()), p.display().to_string())
        }
        None => {
            let written = &raw.input.path;
            let path = clean(&base_dir.join(&written.value));
            if !path.exists() {
                let at = offset(&src, &written.referenced);
                return Err(src.invalid(
                    at,
                    written.value.len().max(1),
                    format!("input `{}` does not exist ({})", written.value, path.display()),
                    "no such file or directory",
                    Some("relative paths in a pipeline file are relative to the file's directory; `--input PATH` overrides".into()),
                ));
            }
            (InputSource::Path(path), written.value.clone())
        }
    };
    // An input given on the command line says its own format by its extension.
    let format = match &overrides.input {
        Some(InputSource::Stdin) => Format::Jsonl,
        Some(InputSource::Path(_)) => Format::Auto,
        None => raw.input.format,
    };

    let (output, written_output) = match (&overrides.output, &raw.output) {
        (Some(o), _) => (o.clone(), o.display().to_string()),
        (None, Some(o)) => (clean(&base_dir.join(&o.value)), o.value.clone()),
        (None, None) => {
            let o = PathBuf::from("out").join(&raw.name.value);
            (o.clone(), o.display().to_string())
        }
    };

    Ok(Pipeline {
        name: raw.name.value.clone(),
        file: file.to_string(),
        input,
        ingest: IngestOptions {
            format,
            tone_marks: raw.normalize.tone_marks,
            encoding: raw.encoding,
        },
        stages,
        corpus_stages,
        outputs,
        output,
        written_input,
        written_output,
    })
}

/// `pipelines/../corpus` → `corpus`: drop `.` and fold `..` into the component before it
/// (lexically; a pipeline's paths are read as written).
fn clean(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

fn offset(src: &SourceFile, loc: &Location) -> usize {
    if loc.line() == 0 {
        return 0;
    }
    src.offset_of(loc.line() as usize, loc.column() as usize)
}

fn unknown_stage(src: &SourceFile, at: usize, name: &str, corpus: bool) -> Error {
    let (kind, list, other_kind): (&str, Vec<&str>, bool) = if corpus {
        let list = corpus_plugins().iter().map(|p| p.name).collect();
        ("corpus stage", list, find_plugin(name).is_some())
    } else {
        let list = plugins().iter().map(|p| p.name).collect();
        ("stage", list, find_corpus_plugin(name).is_some())
    };
    let help = if other_kind && corpus {
        format!("`{name}` is a document stage: list it under `stages`")
    } else if other_kind {
        format!("`{name}` is a corpus stage: list it under `corpus_stages`")
    } else {
        match closest(name, list.iter().copied()) {
            Some(c) => format!("did you mean `{c}`?"),
            None if list.is_empty() => "no plugin of this kind is registered".to_string(),
            None => format!("registered: {} (see `sen plugins`)", list.join(", ")),
        }
    };
    src.invalid(
        at,
        src.token_len(at),
        format!("unknown {kind} `{name}`"),
        "unknown plugin",
        Some(help),
    )
}

fn missing_layer(src: &SourceFile, at: usize, name: &str, need: Layer, by: &str) -> Error {
    let providers: Vec<&str> = plugins()
        .iter()
        .filter(|p| p.provides.contains(&need))
        .map(|p| p.name)
        .collect();
    let help = if providers.is_empty() {
        format!("no registered plugin provides `{need}`")
    } else {
        format!(
            "add `{}` (provides `{need}`) before `{name}`",
            providers.join("` or `")
        )
    };
    src.invalid(
        at,
        src.token_len(at),
        format!(
            "stage `{name}` requires layer `{need}`, which no {} provides",
            by.trim_start_matches("an ").trim_start_matches("a ")
        ),
        format!("needs `{need}`"),
        Some(help),
    )
}

/// The stage's settings: the node's own text, padded to its position in the file, and
/// the same as JSON for the resolved view.
fn settings_of(
    src: &SourceFile,
    entry: &Spanned<RawStage>,
) -> Result<(Settings, serde_json::Value), Error> {
    let Some(loc) = &entry.value.settings else {
        return Ok((Settings::none(), serde_json::Value::Null));
    };
    let start = offset(src, loc);
    let Some(range) = node_range(&src.text, start) else {
        return Err(src.invalid(
            start,
            src.token_len(start),
            format!("the settings of `{}` cannot be an alias", entry.value.name),
            "alias",
            Some("write the settings out in place".into()),
        ));
    };
    let fragment = &src.text[range.clone()];
    if matches!(fragment.trim(), "" | "~" | "null") {
        return Ok((Settings::none(), serde_json::Value::Null));
    }
    let (line, column) = crate::error::line_column(&src.text, range.start);
    let settings = Settings::from_fragment(fragment, line, column);
    // Already parsed once within budget; as JSON only for display.
    let json =
        serde_saphyr::from_str::<serde_json::Value>(fragment).unwrap_or(serde_json::Value::Null);
    Ok((settings, json))
}

fn settings_error(
    src: &SourceFile,
    entry: &Spanned<RawStage>,
    name: &str,
    e: sen_core::SettingsError,
) -> Error {
    let at = match (e.line, e.column) {
        (Some(l), Some(c)) if l > 0 => src.offset_of(l, c),
        _ => entry
            .value
            .settings
            .as_ref()
            .map_or_else(|| offset(src, &entry.referenced), |l| offset(src, l)),
    };
    let message = crate::error::strip_position(&e.message);
    let help = crate::suggest::from_serde_message(message);
    src.invalid(
        at,
        src.token_len(at),
        format!("settings of `{name}`: {message}"),
        "bad setting",
        help,
    )
}

#[cfg(test)]
mod tests {
    use super::clean;
    use std::path::{Path, PathBuf};

    #[test]
    fn clean_folds_parent_dirs() {
        assert_eq!(
            clean(Path::new("pipelines/../corpus/summits")),
            PathBuf::from("corpus/summits")
        );
        assert_eq!(clean(Path::new("../a/./b")), PathBuf::from("../a/b"));
        assert_eq!(clean(Path::new("/x/../../y")), PathBuf::from("/y"));
        assert_eq!(clean(Path::new("a/..")), PathBuf::from("."));
    }
}
