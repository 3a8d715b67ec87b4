//! A stage's settings as written in the pipeline file, parsed by the plugin's own type.
//!
//! YAML crates lose error locations inside internally tagged enums, so the pipeline does
//! not deserialize settings itself: it hands each plugin the exact text of its settings
//! node, padded with the newlines and spaces that precede it in the file. Parsing that
//! text gives errors whose line and column are the file's own.

use serde::{de::DeserializeOwned, Serialize};

use crate::SettingsError;

/// The settings node of one stage (absent when the stage is a bare name such as `- people`).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    yaml: Option<String>,
    /// The folder of the pipeline file: relative paths in settings are relative to it,
    /// as the pipeline's own input and output paths are.
    base_dir: Option<std::path::PathBuf>,
}

impl Settings {
    /// No settings: the plugin's defaults apply.
    pub fn none() -> Self {
        Settings::default()
    }

    /// `fragment` is the node's text as it appears in the file, starting at byte `offset`,
    /// line `line` and column `column` (both 1-based). It is padded so that parse errors
    /// report positions in the file.
    pub fn from_fragment(fragment: &str, line: usize, column: usize) -> Self {
        let mut yaml = String::with_capacity(fragment.len() + line + column);
        yaml.extend(std::iter::repeat_n('\n', line.saturating_sub(1)));
        yaml.extend(std::iter::repeat_n(' ', column.saturating_sub(1)));
        yaml.push_str(fragment);
        Settings {
            yaml: Some(yaml),
            base_dir: None,
        }
    }

    /// Relative paths in these settings are relative to `dir` (the pipeline file's folder).
    pub fn with_base_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.base_dir = Some(dir.into());
        self
    }

    /// A path written in these settings, for opening: relative ones are taken from the
    /// pipeline file's folder (the working directory when the settings come from no file).
    pub fn resolve_path(&self, path: &str) -> std::path::PathBuf {
        let p = std::path::Path::new(path);
        match &self.base_dir {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p.to_path_buf(),
        }
    }

    /// Plain YAML text (for tests and programmatic use); positions are relative to it.
    pub fn from_yaml(yaml: impl Into<String>) -> Self {
        Settings {
            yaml: Some(yaml.into()),
            base_dir: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.yaml.as_deref().is_none_or(|y| y.trim().is_empty())
    }

    /// Deserialize into the plugin's settings type; absent settings give its `Default`.
    /// Plugins should put `#[serde(deny_unknown_fields, default)]` on their type.
    pub fn parse<T: DeserializeOwned + Default>(&self) -> Result<T, SettingsError> {
        match &self.yaml {
            None => Ok(T::default()),
            Some(y) if y.trim().is_empty() => Ok(T::default()),
            Some(y) => serde_saphyr::from_str::<T>(y).map_err(|e| {
                let loc = e.location();
                SettingsError {
                    message: first_line(&e.to_string()),
                    line: loc.map(|l| l.line() as usize),
                    column: loc.map(|l| l.column() as usize),
                    offset: loc.and_then(|l| l.span().byte_offset()).map(|o| o as usize),
                }
            }),
        }
    }
}

/// saphyr renders a multi-line snippet; the pipeline draws its own with miette.
fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

/// The defaults of a settings type as JSON, for `sen plugins` and `sen validate --resolved`.
pub fn defaults_of<T: Serialize + Default>() -> serde_json::Value {
    serde_json::to_value(T::default()).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {

    #[test]
    fn paths_are_relative_to_the_pipeline_file() {
        let s = Settings::from_yaml("extra: []").with_base_dir("/srv/pipelines");
        assert_eq!(
            s.resolve_path("tri-thuc/to-chuc.tsv"),
            std::path::Path::new("/srv/pipelines/tri-thuc/to-chuc.tsv")
        );
        assert_eq!(
            s.resolve_path("/etc/sen/chuc-danh.tsv"),
            std::path::Path::new("/etc/sen/chuc-danh.tsv")
        );
        assert_eq!(
            Settings::from_yaml("").resolve_path("to-chuc.tsv"),
            std::path::Path::new("to-chuc.tsv")
        );
    }

    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, default)]
    struct Seg {
        segmenter: String,
        max_len: u32,
    }

    #[test]
    fn absent_settings_give_defaults() {
        assert_eq!(Settings::none().parse::<Seg>().unwrap(), Seg::default());
    }

    #[test]
    fn padded_fragment_reports_file_position() {
        // The fragment `{ segmentr: x }` sits on line 4, column 15 of some pipeline file.
        let s = Settings::from_fragment("{ segmentr: crf }", 4, 15);
        let err = s.parse::<Seg>().unwrap_err();
        assert!(err.message.contains("segmentr"), "{}", err.message);
        assert_eq!(err.line, Some(4));
        assert!(err.column.unwrap() >= 15, "{:?}", err.column);
    }

    #[test]
    fn parses_values() {
        let s = Settings::from_yaml("segmenter: crf\nmax_len: 4\n");
        assert_eq!(
            s.parse::<Seg>().unwrap(),
            Seg {
                segmenter: "crf".into(),
                max_len: 4
            }
        );
    }
}
