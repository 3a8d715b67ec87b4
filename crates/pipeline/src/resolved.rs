//! The resolved pipeline: what will run, every plugin's settings with defaults filled in
//! (`sen validate --resolved`).

use serde::Serialize;
use serde_json::Value;

use crate::Pipeline;
use sen_ingest::{Encoding, Format, ToneMarks};

#[derive(Serialize)]
struct Resolved<'a> {
    name: &'a str,
    input: Input<'a>,
    normalize: Normalize,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<Encoding>,
    stages: Vec<Value>,
    corpus_stages: Vec<Value>,
    outputs: &'a [String],
    output: &'a str,
}

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    format: Format,
}

#[derive(Serialize)]
struct Normalize {
    tone_marks: ToneMarks,
}

/// `- name` when a stage has no settings at all, `- name: {settings}` otherwise.
fn stage(name: &str, settings: Value) -> Value {
    match settings {
        Value::Null => Value::String(name.to_string()),
        s => Value::Object([(name.to_string(), s)].into_iter().collect()),
    }
}

/// `defaults` with `given` laid over it, key by key at every depth.
fn overlay(defaults: Value, given: &Value) -> Value {
    match (defaults, given) {
        (d, Value::Null) => d,
        (Value::Object(mut d), Value::Object(g)) => {
            for (k, v) in g {
                let base = d.remove(k).unwrap_or(Value::Null);
                d.insert(k.clone(), overlay(base, v));
            }
            Value::Object(d)
        }
        (_, g) => g.clone(),
    }
}

impl Pipeline {
    /// The pipeline as it will run, as YAML: paths as written (or as given on the command
    /// line), each stage's settings over its defaults.
    pub fn resolved_yaml(&self) -> String {
        let r = Resolved {
            name: &self.name,
            input: Input {
                path: &self.written_input,
                format: self.ingest.format,
            },
            normalize: Normalize {
                tone_marks: self.ingest.tone_marks,
            },
            encoding: self.ingest.encoding,
            stages: self
                .stages
                .iter()
                .map(|s| stage(&s.name, overlay((s.plugin.defaults)(), &s.settings)))
                .collect(),
            corpus_stages: self
                .corpus_stages
                .iter()
                .map(|s| stage(&s.name, overlay((s.plugin.defaults)(), &s.settings)))
                .collect(),
            outputs: &self.outputs,
            output: &self.written_output,
        };
        serde_saphyr::to_string(&r).expect("the resolved pipeline always serializes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn overlay_keeps_defaults_and_takes_given() {
        let d = json!({"lists": ["countries"], "min_len": 2, "nested": {"a": 1, "b": 2}});
        let g = json!({"min_len": 3, "nested": {"b": 5}});
        assert_eq!(
            overlay(d, &g),
            json!({"lists": ["countries"], "min_len": 3, "nested": {"a": 1, "b": 5}})
        );
        assert_eq!(overlay(json!({"a": 1}), &Value::Null), json!({"a": 1}));
    }
}
