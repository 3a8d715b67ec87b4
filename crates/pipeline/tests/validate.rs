//! Every way a pipeline file can be wrong is reported before any document is read, as a
//! miette report at the line and column of the file. Each test checks the message and the
//! position.

mod support;

use std::path::Path;

use sen_pipeline::{parse, Error, InvalidPipeline, Overrides};

/// A directory with an input folder `corpus/` for the pipelines below.
fn base() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir(d.path().join("corpus")).unwrap();
    d
}

const GOOD: &str = "\
name: test
input: { path: corpus, format: text }
normalize: { tone_marks: modern }
stages:
  - lexer
  - names: { min_syllables: 2 }
  - meetings
corpus_stages:
  - dedupe
outputs: [jsonl, events_csv]
output: out
";

fn invalid(yaml: &str) -> Box<InvalidPipeline> {
    let dir = base();
    match parse(yaml, "test.yaml", dir.path(), &Overrides::default()) {
        Err(Error::Invalid(e)) => e,
        Err(other) => panic!("expected a located error, got {other:?}"),
        Ok(p) => panic!("expected an error, the pipeline loaded: {p:?}"),
    }
}

/// The 1-based (line, column) of the first occurrence of `needle` in `yaml`.
fn pos(yaml: &str, needle: &str) -> (usize, usize) {
    let at = yaml
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in yaml"));
    let line = yaml[..at].matches('\n').count() + 1;
    let col = yaml[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn rendered(e: &InvalidPipeline) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, e)
        .unwrap();
    out
}

#[test]
fn a_good_pipeline_loads_and_resolves() {
    let dir = base();
    let p = parse(GOOD, "test.yaml", dir.path(), &Overrides::default()).unwrap();
    assert_eq!(p.name, "test");
    let names: Vec<&str> = p.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["lexer", "names", "meetings"]);
    assert_eq!(p.corpus_stages[0].name, "dedupe");
    assert_eq!(p.outputs, ["jsonl", "events_csv"]);
    assert_eq!(p.output, dir.path().join("out"));
    insta::with_settings!({snapshot_path => "../../../snapshots/pipelines", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("validate-fixture.resolved", p.resolved_yaml());
    });
}

#[test]
fn unknown_top_level_key() {
    let yaml = GOOD.replace("stages:\n", "stagse:\n");
    let e = invalid(&yaml);
    assert!(
        e.message.contains("unknown field `stagse`"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), pos(&yaml, "stagse"));
    assert_eq!(e.help.as_deref(), Some("did you mean `stages`?"));
    let r = rendered(&e);
    assert!(r.contains("test.yaml:4:1"), "{r}");
    assert!(r.contains("unknown key"), "{r}");
}

#[test]
fn unknown_nested_key() {
    let yaml = GOOD.replace("format: text", "fromat: text");
    let e = invalid(&yaml);
    assert!(
        e.message.contains("unknown field `fromat`"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), pos(&yaml, "fromat"));
    assert_eq!(e.help.as_deref(), Some("did you mean `format`?"));
}

#[test]
fn unknown_value_of_a_known_key() {
    let yaml = GOOD.replace("tone_marks: modern", "tone_marks: modren");
    let e = invalid(&yaml);
    assert!(
        e.message.contains("unknown variant `modren`"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), pos(&yaml, "modren"));
    assert_eq!(e.help.as_deref(), Some("did you mean `modern`?"));
}

#[test]
fn unknown_plugin_with_suggestion() {
    let yaml = GOOD.replace("  - meetings", "  - meetigns");
    let e = invalid(&yaml);
    assert_eq!(e.message, "unknown stage `meetigns`");
    assert_eq!((e.line, e.column), pos(&yaml, "meetigns"));
    assert_eq!(e.help.as_deref(), Some("did you mean `meetings`?"));
    assert!(rendered(&e).contains("unknown plugin"));
}

#[test]
fn unknown_plugin_with_settings() {
    let yaml = GOOD.replace("  - names: {", "  - nmaes: {");
    let e = invalid(&yaml);
    assert_eq!(e.message, "unknown stage `nmaes`");
    assert_eq!((e.line, e.column), pos(&yaml, "nmaes"));
    assert_eq!(e.help.as_deref(), Some("did you mean `names`?"));
}

#[test]
fn corpus_stage_listed_as_a_document_stage() {
    let yaml = GOOD.replace("  - meetings\n", "  - meetings\n  - dedupe\n");
    let e = invalid(&yaml);
    assert_eq!(e.message, "unknown stage `dedupe`");
    assert_eq!((e.line, e.column), pos(&yaml, "dedupe"));
    assert!(e
        .help
        .as_deref()
        .unwrap()
        .contains("list it under `corpus_stages`"));
}

#[test]
fn wrong_type() {
    let yaml = GOOD.replace("outputs: [jsonl, events_csv]", "outputs: { jsonl: true }");
    let e = invalid(&yaml);
    assert!(
        e.message.contains("sequence") || e.message.contains("expected"),
        "{}",
        e.message
    );
    assert_eq!(e.line, pos(&yaml, "outputs").0);
}

#[test]
fn wrong_type_in_settings_points_into_the_settings() {
    let yaml = GOOD.replace("min_syllables: 2", "min_syllables: hai");
    let e = invalid(&yaml);
    assert!(
        e.message.starts_with("settings of `names`:"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), pos(&yaml, "hai"));
}

#[test]
fn unknown_setting_in_block_style() {
    let yaml = GOOD.replace(
        "  - names: { min_syllables: 2 }\n",
        "  - names:\n      style: short\n      min_syllabes: 2\n",
    );
    let e = invalid(&yaml);
    assert!(
        e.message.contains("unknown field `min_syllabes`"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), pos(&yaml, "min_syllabes"));
    assert_eq!(e.help.as_deref(), Some("did you mean `min_syllables`?"));
}

#[test]
fn layer_required_before_it_is_provided() {
    let yaml = GOOD.replace(
        "  - lexer\n  - names: { min_syllables: 2 }\n  - meetings\n",
        "  - lexer\n  - meetings\n  - names\n",
    );
    let e = invalid(&yaml);
    assert_eq!(
        e.message,
        "stage `meetings` requires layer `people`, which no earlier stage provides"
    );
    assert_eq!((e.line, e.column), pos(&yaml, "meetings"));
    assert_eq!(
        e.help.as_deref(),
        Some("add `names` (provides `people`) before `meetings`")
    );
}

#[test]
fn corpus_stage_needs_a_document_layer() {
    let yaml = GOOD.replace("  - meetings\n", "");
    let e = invalid(&yaml);
    assert_eq!(
        e.message,
        "stage `dedupe` requires layer `events`, which no document stage provides"
    );
    assert_eq!((e.line, e.column), pos(&yaml, "dedupe"));
}

#[test]
fn unknown_output() {
    let yaml = GOOD.replace("events_csv]", "event_csv]");
    let e = invalid(&yaml);
    assert_eq!(e.message, "unknown output `event_csv`");
    assert_eq!((e.line, e.column), pos(&yaml, "event_csv"));
    assert!(
        e.help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `events_csv`?"),
        "{:?}",
        e.help
    );
}

#[test]
fn missing_input_path() {
    let yaml = GOOD.replace("path: corpus,", "path: corpus/tin-tuc,");
    let e = invalid(&yaml);
    assert!(
        e.message
            .starts_with("input `corpus/tin-tuc` does not exist"),
        "{}",
        e.message
    );
    assert_eq!((e.line, e.column), pos(&yaml, "corpus/tin-tuc"));
}

#[test]
fn missing_required_key() {
    let yaml = GOOD.replace("name: test\n", "");
    let e = invalid(&yaml);
    assert!(e.message.contains("missing field `name`"), "{}", e.message);
    // serde-saphyr reports a missing key where the mapping ends: its last key.
    assert_eq!(e.line, pos(&yaml, "output: out").0);
}

#[test]
fn input_override_is_checked_too() {
    let dir = base();
    let o = Overrides {
        input: Some(sen_pipeline::InputSource::Path(dir.path().join("nowhere"))),
        output: None,
    };
    let r = parse(GOOD, "test.yaml", dir.path(), &o);
    assert!(matches!(r, Err(Error::MissingInput { .. })), "{r:?}");
}

#[test]
fn alias_bomb_is_refused_fast() {
    let mut yaml = String::from("name: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!(
            "k{i}: &a{i} [{}]\n",
            [prev.as_str(); 10].join(", ")
        ));
    }
    yaml.push_str("input: { path: corpus }\nstages: []\n");
    let t = std::time::Instant::now();
    let e = invalid(&yaml);
    assert!(t.elapsed().as_secs() < 2, "took {:?}", t.elapsed());
    assert!(!e.message.is_empty());
}

#[test]
fn deep_nesting_is_refused() {
    let yaml = format!(
        "name: {}x{}\ninput: {{ path: corpus }}\nstages: []\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let e = invalid(&yaml);
    assert_eq!(e.line, 1);
}

#[test]
fn huge_file_is_refused_before_parsing() {
    let mut yaml = String::from(GOOD);
    while yaml.len() <= sen_pipeline::MAX_PIPELINE_BYTES {
        yaml.push_str("# Hội nghị Cấp cao ASEAN lần thứ 47 tại Kuala Lumpur\n");
    }
    let e = invalid(&yaml);
    assert!(e.message.contains("at most"), "{}", e.message);
}

#[test]
fn load_reads_relative_paths_from_the_file_directory() {
    let dir = base();
    let sub = dir.path().join("pipelines");
    std::fs::create_dir(&sub).unwrap();
    let file = sub.join("p.yaml");
    std::fs::write(&file, GOOD.replace("path: corpus,", "path: ../corpus,")).unwrap();
    let p = sen_pipeline::load(&file, &Overrides::default()).unwrap();
    assert_eq!(
        p.input,
        sen_pipeline::InputSource::Path(dir.path().join("corpus"))
    );
    let _ = Path::new("");
}
