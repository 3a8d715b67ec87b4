//! Paths written in a stage's settings are relative to the pipeline file, as its input
//! and output are: a pipeline runs the same from any working directory.

use sen_core::Document;
use sen_pipeline::{parse, Overrides};

use sen_annotate as _;
use sen_tokenize as _;

const KNOWLEDGE: &str = "# our own organizations\n\
    Hiệp hội Nghiên cứu Khí hậu Biển Đông|HNKB\thnkb\n";

fn pipeline(path_written: &str) -> String {
    format!(
        "name: t\ninput: {{ path: . }}\nstages:\n  - tokenize\n  - gazetteer:\n      \
         extra: [{{ kind: organizations, path: {path_written} }}]\noutput: out\n"
    )
}

#[test]
fn a_knowledge_file_is_found_next_to_the_pipeline_file() {
    let dir = tempfile::tempdir().unwrap();
    let pipes = dir.path().join("pipelines");
    std::fs::create_dir_all(pipes.join("tri-thuc")).unwrap();
    std::fs::write(pipes.join("tri-thuc/to-chuc.tsv"), KNOWLEDGE).unwrap();
    // the test runs in crates/pipeline: the file is only found from the pipeline's folder
    assert!(!std::path::Path::new("tri-thuc/to-chuc.tsv").exists());
    let p = parse(
        &pipeline("tri-thuc/to-chuc.tsv"),
        "pipelines/t.yaml",
        &pipes,
        &Overrides::default(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let mut doc = Document::from_text(
        "d1",
        "Đại diện Hiệp hội Nghiên cứu Khí hậu Biển Đông (HNKB) dự hội thảo tại Hà Nội.",
    );
    for s in &p.stages {
        s.annotator.annotate(&mut doc).unwrap();
    }
    let org = doc
        .layers
        .entities
        .iter()
        .find(|e| e.canonical.starts_with("Hiệp hội Nghiên cứu"))
        .unwrap_or_else(|| panic!("{:?}", doc.layers.entities));
    assert_eq!(org.kb_id.as_deref(), Some("hnkb"));
}

#[test]
fn a_missing_knowledge_file_is_named_where_it_was_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    let err = parse(
        &pipeline("khong-co.tsv"),
        "t.yaml",
        dir.path(),
        &Overrides::default(),
    )
    .expect_err("a missing file is an error");
    let shown = format!("{err:?}");
    assert!(shown.contains("khong-co.tsv"), "{shown}");
    assert!(
        shown.contains(&dir.path().display().to_string()),
        "the resolved path is named: {shown}"
    );
}
