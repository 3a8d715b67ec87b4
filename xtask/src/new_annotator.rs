//! `cargo xtask new-annotator NAME`: scaffold a plugin module in `crates/annotate`.
//!
//! Writes `crates/annotate/src/NAME.rs` — a registered, working plugin (it marks the
//! terms listed in its settings as entities) with a unit test and an insta snapshot —
//! and adds `pub mod NAME;` to `crates/annotate/src/lib.rs`. Adding `- NAME` to a
//! pipeline is then the only other edit. CONTRIBUTING.md walks through it.

use std::path::Path;

use crate::workspace_root;

pub fn run(args: &[String]) -> Result<(), String> {
    let [name] = args else {
        return Err(format!("new-annotator: expected one NAME\n\n{USAGE}"));
    };
    if name == "-h" || name == "--help" {
        println!("{USAGE}");
        return Ok(());
    }
    let file = scaffold(&workspace_root(), name)?;
    println!("created {}", file.display());
    println!("registered `pub mod {name};` in crates/annotate/src/lib.rs");
    println!("next: cargo test -p sen-annotate --lib {name}   (then review the new snapshot)");
    println!("      add `- {name}: {{ terms: [...] }}` to a pipeline; `sen plugins` lists it");
    Ok(())
}

const USAGE: &str = "usage: cargo xtask new-annotator NAME

Scaffolds crates/annotate/src/NAME.rs (a registered plugin with settings, a unit test and
an insta snapshot) and adds `pub mod NAME;` to crates/annotate/src/lib.rs.
NAME is snake_case: lowercase letters, digits and `_`, starting with a letter.

example: cargo xtask new-annotator ministries";

/// Scaffold plugin `name` in the workspace at `root`; returns the new file.
pub fn scaffold(root: &Path, name: &str) -> Result<std::path::PathBuf, String> {
    check_name(name)?;
    let src = root.join("crates/annotate/src");
    let file = src.join(format!("{name}.rs"));
    if file.exists() || src.join(name).exists() {
        return Err(format!("{} already exists", file.display()));
    }
    let lib_path = src.join("lib.rs");
    let lib = std::fs::read_to_string(&lib_path)
        .map_err(|e| format!("reading {}: {e}", lib_path.display()))?;
    let module = TEMPLATE
        .replace("__NAME__", name)
        .replace("__TYPE__", &type_name(name));
    std::fs::write(&file, module).map_err(|e| format!("writing {}: {e}", file.display()))?;
    std::fs::write(&lib_path, with_module(&lib, name))
        .map_err(|e| format!("writing {}: {e}", lib_path.display()))?;
    ensure_dev_dependency(&root.join("crates/annotate/Cargo.toml"), "insta")?;
    Ok(file)
}

fn check_name(name: &str) -> Result<(), String> {
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !KEYWORDS.contains(&name);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a plugin name: use snake_case (lowercase letters, digits, `_`), \
             starting with a letter, not a Rust keyword"
        ))
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
    "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try",
    "type", "unsafe", "use", "where", "while", "yield", "abstract", "become", "do", "final",
    "macro", "override", "priv", "typeof", "unsized", "virtual", "gen", "lib", "tests",
];

/// `foreign_names` → `ForeignNames`.
fn type_name(name: &str) -> String {
    name.split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect()
}

/// `lib` with `pub mod name;` after its last `pub mod` line (or at the end).
fn with_module(lib: &str, name: &str) -> String {
    let line = format!("pub mod {name};\n");
    let mut lines: Vec<&str> = lib.split_inclusive('\n').collect();
    match lines.iter().rposition(|l| l.starts_with("pub mod ")) {
        Some(i) => {
            if !lines[i].ends_with('\n') {
                let fixed = format!("{}\n{line}", lines[i]);
                lines.truncate(i);
                return lines.concat() + &fixed;
            }
            lines.insert(i + 1, &line);
            lines.concat()
        }
        None => {
            let mut s = lib.to_string();
            if !s.is_empty() && !s.ends_with('\n') {
                s.push('\n');
            }
            s + &line
        }
    }
}

/// Make sure `[dev-dependencies]` of the crate has `dep.workspace = true`.
fn ensure_dev_dependency(cargo_toml: &Path, dep: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(cargo_toml)
        .map_err(|e| format!("reading {}: {e}", cargo_toml.display()))?;
    let mut in_dev = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_dev = t == "[dev-dependencies]";
        } else if in_dev
            && (t.starts_with(&format!("{dep} "))
                || t.starts_with(&format!("{dep}."))
                || t.starts_with(&format!("{dep}=")))
        {
            return Ok(());
        }
    }
    let entry = format!("{dep}.workspace = true\n");
    let new = if let Some(i) = text.find("[dev-dependencies]\n") {
        let at = i + "[dev-dependencies]\n".len();
        format!("{}{entry}{}", &text[..at], &text[at..])
    } else {
        let sep = if text.ends_with('\n') { "\n" } else { "\n\n" };
        format!("{text}{sep}[dev-dependencies]\n{entry}")
    };
    std::fs::write(cargo_toml, new).map_err(|e| format!("writing {}: {e}", cargo_toml.display()))
}

/// The plugin module. `__NAME__` is the plugin name, `__TYPE__` its type name.
const TEMPLATE: &str = r#"//! `__NAME__`: marks the terms listed in its settings as entities.
//!
//! Scaffolded by `cargo xtask new-annotator __NAME__`. To make it yours: say what it finds
//! in the line above and in `description` below, change `Settings`, and replace
//! `__TYPE__::find`. Keep the layer you add sorted by span and never rewrite another
//! stage's layer. Pipeline use:
//!
//! ```yaml
//! stages:
//!   - tokenize
//!   - __NAME__: { terms: [ASEAN, APEC], label: organization }
//! ```

use sen_core::layers::{Entity, EntityLabel};
use sen_core::{AnnotateError, Annotator, Document, Layer, Span};
use serde::{Deserialize, Serialize};

/// The settings, as written under `- __NAME__: { … }` (defaults shown by `sen plugins`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Words or phrases to mark, as they are written in the (normalized) text.
    pub terms: Vec<String>,
    /// The label each mark gets.
    pub label: EntityLabel,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { terms: Vec::new(), label: EntityLabel::Organization }
    }
}

pub struct __TYPE__ {
    settings: Settings,
}

impl __TYPE__ {
    pub fn new(settings: Settings) -> Self {
        __TYPE__ { settings }
    }

    /// Every occurrence of a term that stands as a whole word (not inside a longer one).
    fn find(&self, text: &str) -> Vec<Entity> {
        let mut found = Vec::new();
        for term in self.settings.terms.iter().filter(|t| !t.is_empty()) {
            for (start, m) in text.match_indices(term.as_str()) {
                let end = start + m.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                found.push(Entity {
                    span: Span::new(start, end),
                    label: self.settings.label,
                    canonical: term.clone(),
                    kb_id: None,
                    attrs: Default::default(),
                });
            }
        }
        found
    }
}

impl Annotator for __TYPE__ {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let found = self.find(&doc.text);
        doc.layers.entities.extend(found);
        // Other stages add entities too: keep the layer sorted by span.
        doc.layers.entities.sort_by_key(|e| (e.span.start, e.span.end));
        Ok(())
    }
}

sen_core::inventory::submit! {
    sen_core::Plugin {
        name: "__NAME__",
        description: "Marks the terms listed in its settings as entities",
        requires: &[],
        provides: &[Layer::Entities],
        defaults: sen_core::settings::defaults_of::<Settings>,
        build: |s| Ok(Box::new(__TYPE__::new(s.parse()?))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Hội nghị Cấp cao ASEAN lần thứ 47 khai mạc tại Kuala Lumpur; \
                        các nhà lãnh đạo ASEAN bàn về APEC và ASEANAPOL.";

    fn run(yaml: &str) -> Document {
        let plugin = sen_core::annotator::find_plugin("__NAME__").expect("registered");
        let annotator = (plugin.build)(&sen_core::Settings::from_yaml(yaml)).expect("settings parse");
        let mut doc = Document::from_text("asean-47", TEXT);
        annotator.annotate(&mut doc).expect("annotates");
        doc
    }

    #[test]
    fn marks_whole_words_only() {
        let doc = run("terms: [ASEAN, APEC]\nlabel: organization\n");
        let marked: Vec<&str> = doc.layers.entities.iter().map(|e| doc.slice(e.span)).collect();
        // `ASEANAPOL` is another word: not marked.
        assert_eq!(marked, ["ASEAN", "ASEAN", "APEC"]);
        assert!(doc.layers.entities.windows(2).all(|w| w[0].span <= w[1].span));
    }

    #[test]
    fn unknown_setting_is_an_error() {
        let plugin = sen_core::annotator::find_plugin("__NAME__").unwrap();
        let err = (plugin.build)(&sen_core::Settings::from_yaml("term: [ASEAN]")).err().unwrap();
        assert!(err.message.contains("term"), "{}", err.message);
    }

    #[test]
    fn snapshot() {
        let doc = run("terms: [ASEAN, Kuala Lumpur]\nlabel: location\n");
        insta::with_settings!({ snapshot_path => "../../../snapshots/annotate", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!("__NAME__", doc.layers.entities);
        });
    }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn names_and_types() {
        assert!(check_name("ministries").is_ok());
        assert!(check_name("dates_v2").is_ok());
        for bad in ["Dates", "2dates", "da-tes", "", "mod", "lib"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert_eq!(type_name("foreign_names"), "ForeignNames");
    }

    #[test]
    fn module_line_goes_after_the_last_one() {
        assert_eq!(
            with_module("//! doc\n\npub mod a;\npub mod b;\n\nfn x() {}\n", "c"),
            "//! doc\n\npub mod a;\npub mod b;\npub mod c;\n\nfn x() {}\n"
        );
        assert_eq!(with_module("//! doc", "c"), "//! doc\npub mod c;\n");
    }

    /// Copy the workspace (sources and manifests; no `target`, `.git` or `out`) into `to`.
    fn copy_workspace(from: &Path, to: &Path) {
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let name = e.file_name();
            if ["target", ".git", "out"].iter().any(|n| name == *n) {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &to.join(&name));
            } else {
                std::fs::copy(e.path(), to.join(&name)).unwrap();
            }
        }
    }

    fn copy_dir(from: &Path, to: &Path) {
        if !from.exists() {
            return;
        }
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let (src, dst) = (e.path(), to.join(e.file_name()));
            if e.file_type().unwrap().is_dir() {
                if e.file_name() != "target" {
                    copy_dir(&src, &dst);
                }
            } else {
                std::fs::copy(&src, &dst).unwrap();
            }
        }
    }

    /// Runs the scaffold on a copy of the workspace and runs the new plugin's tests there.
    /// The copy builds into the real target dir, so every registry dependency is reused
    /// (cargo does not hold the build lock while tests run) and only our three crates
    /// compile; the copy sits at a fixed path so later runs are incremental.
    #[test]
    fn scaffolded_plugin_builds_and_passes_its_tests() {
        let root = workspace_root();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let copy = target.join("scaffold-check");
        if copy.exists() {
            std::fs::remove_dir_all(&copy).unwrap();
        }
        std::fs::create_dir_all(&copy).unwrap();
        copy_workspace(&root, &copy);
        let name = "scaffold_check";
        let file = scaffold(copy.as_path(), name).unwrap();
        assert!(file.ends_with("crates/annotate/src/scaffold_check.rs"));
        let lib =
            std::fs::read_to_string(copy.as_path().join("crates/annotate/src/lib.rs")).unwrap();
        assert_eq!(lib.matches("pub mod scaffold_check;").count(), 1);
        assert!(
            scaffold(copy.as_path(), name).is_err(),
            "scaffolding twice must fail"
        );

        let out = Command::new(crate::cargo())
            .current_dir(copy.as_path())
            .args([
                "test",
                "--quiet",
                "-p",
                "sen-annotate",
                "--lib",
                "scaffold_check",
            ])
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("CI")
            .env("INSTA_UPDATE", "always")
            .output()
            .unwrap();
        let log = format!(
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{log}");
        assert!(log.contains("3 passed"), "{log}");
        let snap = std::fs::read_to_string(
            copy.as_path()
                .join("snapshots/annotate/scaffold_check.snap"),
        )
        .unwrap_or_else(|e| panic!("snapshot not written: {e}\n{log}"));
        assert!(snap.contains("\"canonical\": \"Kuala Lumpur\""), "{snap}");
        assert!(snap.contains("\"label\": \"location\""), "{snap}");
    }
}
