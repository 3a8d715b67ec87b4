//! The registry guard: the `sen` binary lists every plugin. A plugin crate the binary
//! forgets to name (`use sen_annotate as _;`) is dropped by the linker and fails here.
//! Update the lists when a plugin lands.

use std::process::Command;

fn sen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sen"))
        .args(args)
        .output()
        .expect("sen runs")
}

#[test]
fn every_plugin_is_registered_in_the_binary() {
    let out = sen(&["plugins", "--names"]);
    assert!(out.status.success());
    let names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let mut document: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !CORPUS.contains(n))
        .collect();
    document.sort();
    let corpus: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| CORPUS.contains(n))
        .collect();
    assert_eq!(document, DOCUMENT, "document stages registered in `sen`");
    assert_eq!(
        corpus, CORPUS_REGISTERED,
        "corpus stages registered in `sen`"
    );
}

/// Sorted names of the document stages that exist today.
const DOCUMENT: &[&str] = &[
    "dates",
    "events",
    "gazetteer",
    "people",
    "places",
    "quantities",
    "tokenize",
];
/// Corpus stages that exist today.
const CORPUS_REGISTERED: &[&str] = &["merge_events"];
/// Every corpus stage name the project plans (so the filter above can tell them apart).
const CORPUS: &[&str] = &["merge_events"];

#[test]
fn plugins_table_shows_layers_and_settings() {
    let out = sen(&["plugins"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in DOCUMENT {
        assert!(
            text.contains(&format!("\n  {name}  ")),
            "{name} missing:\n{text}"
        );
    }
    assert!(text.contains("requires: "));
    assert!(text.contains("provides: "));
    assert!(text.contains("settings (defaults): "));
}
