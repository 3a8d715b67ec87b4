//! A small annotated document for the emitters' unit tests: a real-looking Vietnamese
//! report whose normalized text differs from its source (a removed ` date` header, a
//! re-placed tone mark), with every layer filled by hand so the tests do not depend on
//! the annotators.

use std::collections::BTreeMap;

use sen_core::layers::*;
use sen_core::{DocMeta, Document, OffsetMap, Span};

/// Build a document from (source piece, text piece) pairs; equal pieces are copies.
pub fn build(id: &str, parts: &[(&str, &str)]) -> Document {
    let mut source = String::new();
    let mut text = String::new();
    let mut offsets = OffsetMap::default();
    for (s, t) in parts {
        if s == t {
            offsets.copy(s.len());
        } else {
            offsets.replace(s.len(), t.len());
        }
        source.push_str(s);
        text.push_str(t);
    }
    Document {
        id: id.to_string(),
        meta: DocMeta::default(),
        source: source.into_bytes(),
        text,
        offsets,
        layers: Layers::default(),
    }
}

/// Tokens (runs of letters/digits, or one punctuation char), sentences ending at `.`, and
/// words that join the listed multi-syllable words.
pub fn tokenize(doc: &mut Document, multi: &[&str]) {
    let text = doc.text.clone();
    let mut tokens = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = i + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            while let Some(&(j, d)) = it.peek() {
                if !(d.is_alphanumeric() || (d == '/' && c.is_ascii_digit())) {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                TokenKind::Syllable
            }
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            span: Span::new(i, end),
            kind,
        });
    }
    let mut words = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut n = 1;
        for m in multi {
            let k = m.split(' ').count();
            if i + k <= tokens.len()
                && text[tokens[i].span.start..tokens[i + k - 1].span.end] == **m
            {
                n = n.max(k);
            }
        }
        words.push(Word {
            span: Span::new(tokens[i].span.start, tokens[i + n - 1].span.end),
            tokens: (i, i + n),
        });
        i += n;
    }
    let mut sentences = Vec::new();
    let mut first = 0;
    for (k, t) in tokens.iter().enumerate() {
        if &text[t.span.start..t.span.end] == "." || k + 1 == tokens.len() {
            sentences.push(Sentence {
                span: Span::new(tokens[first].span.start, t.span.end),
                tokens: (first, k + 1),
            });
            first = k + 1;
        }
    }
    doc.layers.tokens = tokens;
    doc.layers.words = words;
    doc.layers.sentences = sentences;
}

/// The span of the `n`-th (0-based) occurrence of `needle`.
pub fn find(doc: &Document, needle: &str, n: usize) -> Span {
    let start = doc
        .text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n}"))
        .0;
    Span::new(start, start + needle.len())
}

pub fn entity(
    doc: &Document,
    needle: &str,
    n: usize,
    label: EntityLabel,
    canonical: &str,
    kb: Option<&str>,
) -> Entity {
    Entity {
        span: find(doc, needle, n),
        label,
        canonical: canonical.into(),
        kb_id: kb.map(Into::into),
        attrs: BTreeMap::new(),
    }
}

/// A meeting between the prime ministers of Việt Nam and Malaysia.
pub fn sample_document() -> Document {
    let mut doc = build(
        "000_kuala-lumpur",
        &[
            (" date 2025-10-27 ", ""),
            (
                "(Ngày Nay) - Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Malaysia Anwar Ibrahim \
                 tại Kuala Lumpur.\n\nChiều 26/10, hai Thủ tướng nhất trí nâng kim ngạch thương mại \
                 lên 18 tỷ USD, vì h",
                "(Ngày Nay) - Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Malaysia Anwar Ibrahim \
                 tại Kuala Lumpur.\n\nChiều 26/10, hai Thủ tướng nhất trí nâng kim ngạch thương mại \
                 lên 18 tỷ USD, vì h",
            ),
            ("oà", "òa"),
            (" bình ở khu vực Đông Nam Á.\n", " bình ở khu vực Đông Nam Á.\n"),
        ],
    );
    doc.meta.date = Some("2025-10-27".into());
    doc.meta.source = Some("Ngày Nay".into());
    doc.meta.source_span = Some(find(&doc, "(Ngày Nay) -", 0));
    tokenize(
        &mut doc,
        &[
            "Ngày Nay",
            "Thủ tướng",
            "Phạm Minh Chính",
            "hội đàm",
            "Anwar Ibrahim",
            "Kuala Lumpur",
            "nhất trí",
            "kim ngạch",
            "thương mại",
            "hòa bình",
            "khu vực",
            "Đông Nam Á",
        ],
    );
    use EntityLabel::*;
    let title = |n| {
        let mut e = entity(&doc, "Thủ tướng", n, Title, "Thủ tướng", None);
        e.attrs.insert("rank".into(), "head_of_government".into());
        e
    };
    let (t0, t1, t2) = (title(0), title(1), title(2));
    let mut kl = entity(&doc, "Kuala Lumpur", 0, Location, "Kuala Lumpur", None);
    kl.attrs.insert("country".into(), "MY".into());
    let mut entities = vec![
        t0,
        entity(
            &doc,
            "Phạm Minh Chính",
            0,
            Person,
            "Phạm Minh Chính",
            Some("p1"),
        ),
        t1,
        entity(&doc, "Malaysia", 0, Country, "Malaysia", Some("MY")),
        entity(
            &doc,
            "Anwar Ibrahim",
            0,
            Person,
            "Anwar Ibrahim",
            Some("p2"),
        ),
        kl,
        t2,
    ];
    entities.sort_by_key(|e| e.span);
    doc.layers.entities = entities;
    doc.layers.people = vec![
        sen_core::layers::Person {
            id: "p1".into(),
            name: "Phạm Minh Chính".into(),
            titles: vec!["Thủ tướng".into()],
            country: Some("VN".into()),
            mentions: vec![find(&doc, "Phạm Minh Chính", 0)],
        },
        sen_core::layers::Person {
            id: "p2".into(),
            name: "Anwar Ibrahim".into(),
            titles: vec!["Thủ tướng".into()],
            country: Some("MY".into()),
            mentions: vec![find(&doc, "Anwar Ibrahim", 0)],
        },
    ];
    doc.layers.dates = vec![DateExpr {
        span: find(&doc, "26/10", 0),
        value: "2025-10-26".into(),
    }];
    doc.layers.quantities = vec![Quantity {
        span: find(&doc, "18 tỷ USD", 0),
        value: 18e9,
        unit: "USD".into(),
    }];
    let first_sentence = doc.layers.sentences[0].span;
    doc.layers.events = vec![Event {
        id: "e1".into(),
        kind: EventType::Talks,
        trigger: find(&doc, "hội đàm", 0),
        evidence: first_sentence,
        participants: vec![
            Participant {
                person: "p1".into(),
                role: "agent".into(),
            },
            Participant {
                person: "p2".into(),
                role: "counterpart".into(),
            },
        ],
        date: Some("2025-10-26".into()),
        date_span: Some(find(&doc, "26/10", 0)),
        location: Place {
            city: Some("Kuala Lumpur".into()),
            country: Some("MY".into()),
            venue: None,
            span: Some(find(&doc, "Kuala Lumpur", 0)),
        },
        occasion: None,
        modality: Modality::Happened,
        cameo: "043".into(),
        plover: "CONSULT".into(),
    }];
    doc
}

/// The corpus event the merge step would make of [`sample_document`].
pub fn sample_corpus_events() -> Vec<CorpusEvent> {
    let doc = sample_document();
    let e = &doc.layers.events[0];
    vec![CorpusEvent {
        id: "ev-0001".into(),
        kind: e.kind,
        date: e.date.clone(),
        participants: vec!["Phạm Minh Chính".into(), "Anwar Ibrahim".into()],
        countries: vec![Some("VN".into()), Some("MY".into())],
        location: e.location.clone(),
        occasion: None,
        modality: e.modality,
        cameo: e.cameo.clone(),
        plover: e.plover.clone(),
        mentions: vec![EventMention {
            doc: doc.id.clone(),
            event: e.id.clone(),
            evidence: doc.slice(e.evidence).to_string(),
            span: e.evidence,
        }],
    }]
}

/// Check one JSON Lines line against `schemas/annotations.schema.json`, listing every error.
pub fn assert_valid_line(line: &str) {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../../schemas/annotations.schema.json"))
            .expect("schema is JSON");
    let value: serde_json::Value = serde_json::from_str(line).expect("line is JSON");
    // Check against the branch the line claims to be, for errors that name the field.
    let mut schema = schema;
    let branch = if value.get("error").is_some() {
        "failure"
    } else {
        "document"
    };
    schema.as_object_mut().unwrap().remove("oneOf");
    schema["$ref"] = format!("#/$defs/{branch}").into();
    let validator = jsonschema::draft202012::new(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "line does not match the schema:\n{}",
        errors.join("\n")
    );
}

/// Run a Python check that needs `module`. Returns false (and says so) when Python or the
/// module is missing — except in CI (`CI` set), where a missing tool fails the test.
pub fn run_python(module: &str, script: &str, args: &[&std::path::Path]) -> bool {
    let probe = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output();
    if !probe.as_ref().is_ok_and(|o| o.status.success()) {
        let msg = format!("python3 with the `{module}` package is needed (pip install {module})");
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("skipped: {msg}");
        return false;
    }
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

/// Open an HTML file in headless Chromium: returns the DOM after its scripts ran, and
/// writes a screenshot to `shot`. `None` (with a note) when Chromium is missing, except in
/// CI (`CI` set), where that fails the test.
pub fn chromium(html: &std::path::Path, shot: &std::path::Path) -> Option<String> {
    let bin = std::path::Path::new("/usr/bin/chromium");
    if !bin.exists() {
        let msg = "/usr/bin/chromium is needed for the browser test (apt-get install chromium)";
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("skipped: {msg}");
        return None;
    }
    let profile = tempfile::tempdir().expect("temp profile");
    let url = format!(
        "file://{}",
        html.canonicalize().expect("html exists").display()
    );
    let run = |extra: &[String]| {
        let mut child = std::process::Command::new(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--virtual-time-budget=5000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(&url)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("chromium starts");
        // Read stdout on a thread so a large DOM cannot block the child; give up after 90 s.
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut stdout, &mut s).map(|_| s)
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
        loop {
            if let Some(status) = child.try_wait().expect("wait for chromium") {
                assert!(status.success(), "chromium failed: {status}");
                break;
            }
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("chromium did not finish in 90 s");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        reader.join().unwrap().expect("chromium output is UTF-8")
    };
    let dom = run(&["--dump-dom".to_string()]);
    run(&[
        "--window-size=1400,2200".to_string(),
        format!("--screenshot={}", shot.display()),
    ]);
    assert!(shot.exists(), "no screenshot at {}", shot.display());
    Some(dom)
}

/// The value of an attribute of the `<body>` element in a dumped DOM.
pub fn body_attr(dom: &str, name: &str) -> Option<String> {
    let start = dom.find("<body")?;
    let tag = &dom[start..start + dom[start..].find('>')?];
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

/// Python's `conllu` parser reads every file; forms rebuild `# text`; 10 columns.
pub const CONLLU_CHECK: &str = r#"
import sys, pathlib, conllu
files = sorted(pathlib.Path(sys.argv[1]).glob("*.conllu"))
assert files, "no .conllu files"
for f in files:
    text = f.read_text(encoding="utf-8")
    sents = conllu.parse(text)
    assert sents or not text.strip(), f
    for s in sents:
        assert "sent_id" in s.metadata and "text" in s.metadata, s.metadata
        rebuilt = ""
        for t in s:
            assert t["form"] and "\t" not in t["form"], t
            assert isinstance(t["id"], int)
            misc = t["misc"] or {}
            assert "TokenRange" in misc, t
            rebuilt += t["form"] + ("" if misc.get("SpaceAfter") == "No" else " ")
        assert rebuilt.rstrip() == s.metadata["text"], (rebuilt, s.metadata["text"])
    print(f.name, len(sents))
"#;
