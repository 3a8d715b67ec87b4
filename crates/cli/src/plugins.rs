//! `sen plugins`: what the registry holds.

use std::fmt::Write;

use sen_core::annotator::{corpus_plugins, plugins};
use sen_core::Layer;

fn layers(l: &[Layer]) -> String {
    if l.is_empty() {
        "-".to_string()
    } else {
        l.iter().map(|l| l.name()).collect::<Vec<_>>().join(", ")
    }
}

fn settings(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "none".to_string(),
        serde_json::Value::Object(m) if m.is_empty() => "none".to_string(),
        v => v.to_string(),
    }
}

/// Document stages then corpus stages, one name a line.
pub fn names() -> String {
    let mut out = String::new();
    for p in plugins() {
        let _ = writeln!(out, "{}", p.name);
    }
    for p in corpus_plugins() {
        let _ = writeln!(out, "{}", p.name);
    }
    out
}

/// The full listing.
pub fn table() -> String {
    let mut out = String::from("Document stages (`stages:`)\n");
    if plugins().is_empty() {
        out.push_str("\n  (none registered)\n");
    }
    for p in plugins() {
        let _ = writeln!(out, "\n  {}  {}", p.name, p.description);
        let _ = writeln!(out, "    requires: {}", layers(p.requires));
        let _ = writeln!(out, "    provides: {}", layers(p.provides));
        let _ = writeln!(out, "    settings (defaults): {}", settings((p.defaults)()));
    }
    out.push_str("\nCorpus stages (`corpus_stages:`)\n");
    if corpus_plugins().is_empty() {
        out.push_str("\n  (none registered)\n");
    }
    for p in corpus_plugins() {
        let _ = writeln!(out, "\n  {}  {}", p.name, p.description);
        let _ = writeln!(out, "    requires: {}", layers(p.requires));
        let _ = writeln!(out, "    settings (defaults): {}", settings((p.defaults)()));
    }
    out
}
