//! Plugins registered only in this crate's test binaries, so the pipeline's checks and
//! runner are tested without depending on the real annotators (which are other crates).
//! Each does a small real job on Vietnamese text.
#![allow(dead_code)]

use sen_core::layers::{
    CorpusEvent, Event, EventType, Modality, Participant, Person, Place, Sentence, Token, TokenKind,
};
use sen_core::settings::defaults_of;
use sen_core::{
    AnnotateError, Annotator, CorpusAnnotator, CorpusPlugin, Document, Layer, Plugin, Span,
};
use serde::{Deserialize, Serialize};

/// Whitespace tokens; one sentence per line.
pub struct Lexer;
impl Annotator for Lexer {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let text = &doc.text;
        let mut pos = 0;
        for line in text.split_inclusive('\n') {
            let first = doc.layers.tokens.len();
            let mut start = None;
            for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
                match (c.is_whitespace(), start) {
                    (false, None) => start = Some(i),
                    (true, Some(s)) => {
                        doc.layers.tokens.push(Token {
                            span: Span::new(pos + s, pos + i),
                            kind: TokenKind::Syllable,
                        });
                        start = None;
                    }
                    _ => {}
                }
            }
            let last = doc.layers.tokens.len();
            if last > first {
                let span = Span::new(
                    doc.layers.tokens[first].span.start,
                    doc.layers.tokens[last - 1].span.end,
                );
                doc.layers.sentences.push(Sentence {
                    span,
                    tokens: (first, last),
                });
            }
            pos += line.len();
        }
        Ok(())
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NamesSettings {
    /// Fewest capitalised syllables in a row that make a name.
    pub min_syllables: u32,
    pub style: Style,
}

#[derive(Debug, Default, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    #[default]
    Full,
    Short,
}

/// Runs of capitalised tokens (at least `min_syllables`, default 2) become people.
pub struct Names {
    min: usize,
}
impl Annotator for Names {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        let toks = &doc.layers.tokens;
        let mut i = 0;
        while i < toks.len() {
            let mut j = i;
            while j < toks.len() && doc.text[toks[j].span.start..].starts_with(char::is_uppercase) {
                j += 1;
            }
            if j - i >= self.min {
                let span = Span::new(toks[i].span.start, toks[j - 1].span.end);
                let n = doc.layers.people.len() + 1;
                doc.layers.people.push(Person {
                    id: format!("p{n}"),
                    name: doc.text[span.start..span.end].to_string(),
                    titles: vec![],
                    country: None,
                    mentions: vec![span],
                });
                i = j;
            } else {
                i = j.max(i + 1);
            }
        }
        Ok(())
    }
}

/// A `gặp` (meet) sentence with two people is a meeting.
pub struct Meetings;
impl Annotator for Meetings {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        for s in doc.layers.sentences.clone() {
            let Some(at) = doc.text[s.span.start..s.span.end].find("gặp") else {
                continue;
            };
            let inside: Vec<&Person> = doc
                .layers
                .people
                .iter()
                .filter(|p| s.span.contains(p.mentions[0]))
                .collect();
            if inside.len() < 2 {
                continue;
            }
            let n = doc.layers.events.len() + 1;
            let trigger = Span::new(s.span.start + at, s.span.start + at + "gặp".len());
            let participants = vec![
                Participant {
                    person: inside[0].id.clone(),
                    role: "agent".into(),
                },
                Participant {
                    person: inside[1].id.clone(),
                    role: "counterpart".into(),
                },
            ];
            doc.layers.events.push(Event {
                id: format!("e{n}"),
                kind: EventType::Meeting,
                trigger,
                evidence: s.span,
                participants,
                date: doc.meta.date.clone(),
                date_span: None,
                location: Place::default(),
                occasion: None,
                modality: Modality::Happened,
                cameo: "040".into(),
                plover: "CONSULT".into(),
            });
        }
        Ok(())
    }
}

/// Fails on purpose: returns an error on a document containing `lỗi`, panics on `hoảng`.
pub struct Fragile;
impl Annotator for Fragile {
    fn annotate(&self, doc: &mut Document) -> Result<(), AnnotateError> {
        if doc.text.contains("hoảng") {
            panic!("cannot handle `hoảng` in {}", doc.id);
        }
        if doc.text.contains("lỗi") {
            return Err(AnnotateError::new("fragile", "found `lỗi`"));
        }
        Ok(())
    }
}

/// Merges events with the same type, date and participants (corpus stage).
pub struct Dedupe;
impl CorpusAnnotator for Dedupe {
    fn annotate_corpus(&self, events: &mut Vec<CorpusEvent>) -> Result<(), AnnotateError> {
        let mut out: Vec<CorpusEvent> = Vec::new();
        for e in events.drain(..) {
            let mut key = e.participants.clone();
            key.sort();
            match out.iter_mut().find(|o| {
                let mut k = o.participants.clone();
                k.sort();
                o.kind == e.kind && o.date == e.date && k == key
            }) {
                Some(o) => o.mentions.extend(e.mentions),
                None => out.push(e),
            }
        }
        *events = out;
        Ok(())
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "lexer",
        description: "whitespace tokens, a sentence a line (test plugin)",
        requires: &[],
        provides: &[Layer::Tokens, Layer::Sentences],
        defaults: || serde_json::Value::Null,
        build: |_| Ok(Box::new(Lexer)),
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "names",
        description: "capitalised runs as people (test plugin)",
        requires: &[Layer::Tokens],
        provides: &[Layer::People],
        defaults: defaults_of::<NamesSettings>,
        build: |s| {
            let s: NamesSettings = s.parse()?;
            Ok(Box::new(Names { min: if s.min_syllables == 0 { 2 } else { s.min_syllables as usize } }))
        },
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "meetings",
        description: "`gặp` sentences with two people (test plugin)",
        requires: &[Layer::Sentences, Layer::People],
        provides: &[Layer::Events],
        defaults: || serde_json::Value::Null,
        build: |_| Ok(Box::new(Meetings)),
    }
}

sen_core::inventory::submit! {
    Plugin {
        name: "fragile",
        description: "fails on purpose (test plugin)",
        requires: &[],
        provides: &[],
        defaults: || serde_json::Value::Null,
        build: |_| Ok(Box::new(Fragile)),
    }
}

sen_core::inventory::submit! {
    CorpusPlugin {
        name: "dedupe",
        description: "merges identical events (test plugin)",
        requires: &[Layer::Events],
        defaults: || serde_json::Value::Null,
        build: |_| Ok(Box::new(Dedupe)),
    }
}

/// Real Vietnamese sentences (adapted from news leads) for the runner tests.
pub const TEXTS: &[(&str, &str)] = &[
    ("apec-2025", "Chủ tịch nước Lương Cường gặp Tổng thống Mỹ Donald John Trump tại Gyeongju.\nHai bên nhất trí thúc đẩy thương mại.\n"),
    ("asean-47", "Thủ tướng Phạm Minh Chính gặp Thủ tướng Malaysia Anwar Bin Ibrahim tại Kuala Lumpur.\n"),
    ("kinh-te", "Kim ngạch xuất khẩu của Việt Nam tăng 18% trong mười tháng đầu năm.\n"),
    ("hoi-dam", "Tổng Bí thư Tô Lâm gặp Tổng thống Hàn Quốc Lee Jae Myung ngày 11/8.\n"),
    ("ngoai-giao", "Bộ trưởng Ngoại giao Bùi Thanh Sơn tiếp Đại sứ Nhật Bản.\n"),
];
