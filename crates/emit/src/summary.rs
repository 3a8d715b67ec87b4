//! `DIR/summary/<doc-id>.json`: one short JSON per document in the format of the gold files
//! of `corpus/summits-gold/` (see its GUIDELINES.md), so a run can be scored against them
//! ([`score`]) and a reader sees who met whom, when and where at a glance.
//!
//! The summary is a view of the document's layers: people with their mentions as written,
//! the countries and organizations named, events with canonical participant names, dates
//! and quantities by surface string.

pub mod score;

use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use sen_core::layers::EntityLabel;
use sen_core::Document;

use crate::atomic::safe_file_name;
use crate::{Corpus, DocFolder, Emitter};

/// One document's summary, field for field the gold format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub doc: String,
    pub doc_date: Option<String>,
    pub people: Vec<SummaryPerson>,
    pub countries: Vec<String>,
    pub organizations: Vec<String>,
    pub events: Vec<SummaryEvent>,
    pub dates: Vec<SummaryDate>,
    pub quantities: Vec<SummaryQuantity>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryPerson {
    pub name: String,
    pub titles: Vec<String>,
    pub country: Option<String>,
    /// Distinct surface strings, in text order.
    pub mentions: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryEvent {
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    /// Canonical names of the people taking part.
    pub participants: Vec<String>,
    pub location: SummaryPlace,
    pub occasion: Option<String>,
    /// The sentence (or caption line) stating the event, as written.
    pub evidence: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryPlace {
    pub city: Option<String>,
    pub country: Option<String>,
    pub venue: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryDate {
    pub text: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummaryQuantity {
    pub text: String,
    /// A whole number is written without a fraction (`453000000000`, not `453000000000.0`).
    pub value: serde_json::Number,
    pub unit: String,
}

/// Pushes `item` unless an equal one is already there (lists here are short: a linear
/// scan keeps first-seen order without a hash set).
fn push_distinct<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

/// `4.0` → `4`, `11.8` → `11.8`; not finite → `0`.
fn json_number(v: f64) -> serde_json::Number {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Number::from(v as i64)
    } else {
        serde_json::Number::from_f64(v).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

/// The document's own date when ingest took it from a ` date YYYY-MM-DD` header line: the
/// line is gone from `text` but is a date the article prints, so the summary lists it.
fn header_date(doc: &Document) -> Option<&str> {
    let d = doc.meta.date.as_deref()?;
    let head = doc.source.get(..doc.source.len().min(64))?;
    let head = String::from_utf8_lossy(head);
    let rest = head.trim_start().strip_prefix("date")?;
    rest.trim_start().starts_with(d).then_some(d)
}

impl Summary {
    /// The summary of an annotated document.
    pub fn of(doc: &Document) -> Summary {
        let l = &doc.layers;
        let slice = |s: sen_core::Span| doc.text.get(s.start..s.end).unwrap_or("").to_string();

        let people = l
            .people
            .iter()
            .map(|p| {
                let mut mentions = Vec::new();
                for &m in &p.mentions {
                    push_distinct(&mut mentions, slice(m));
                }
                SummaryPerson {
                    name: p.name.clone(),
                    titles: p.titles.clone(),
                    country: p.country.clone(),
                    mentions,
                }
            })
            .collect();

        let mut countries = Vec::new();
        let mut organizations: Vec<String> = Vec::new();
        for e in &l.entities {
            match e.label {
                EntityLabel::Country => {
                    if let Some(code) = &e.kb_id {
                        push_distinct(&mut countries, code.clone());
                    }
                }
                EntityLabel::Organization => {
                    // Organizations are listed as written (GUIDELINES.md).
                    let name = slice(e.span);
                    if !organizations
                        .iter()
                        .any(|o| o.to_lowercase() == name.to_lowercase())
                    {
                        organizations.push(name);
                    }
                }
                _ => {}
            }
        }
        // The outlet of a `(Ngày Nay) -` prefix is an organization the article names.
        if let Some(src) = &doc.meta.source {
            if !organizations
                .iter()
                .any(|o| o.to_lowercase() == src.to_lowercase())
            {
                organizations.push(src.clone());
            }
        }

        let name_of = |id: &str| {
            l.people
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let events = l
            .events
            .iter()
            .map(|e| {
                let mut participants = Vec::new();
                for p in &e.participants {
                    push_distinct(&mut participants, name_of(&p.person));
                }
                SummaryEvent {
                    kind: e.kind.name().to_string(),
                    date: e.date.clone(),
                    participants,
                    location: SummaryPlace {
                        city: e.location.city.clone(),
                        country: e.location.country.clone(),
                        venue: e.location.venue.clone(),
                    },
                    occasion: e.occasion.clone(),
                    evidence: slice(e.evidence),
                }
            })
            .collect();

        let mut dates = Vec::new();
        if let Some(d) = header_date(doc) {
            dates.push(SummaryDate {
                text: d.to_string(),
                value: d.to_string(),
            });
        }
        for d in &l.dates {
            let text = slice(d.span);
            // One entry per distinct surface string (GUIDELINES.md).
            if !dates.iter().any(|x: &SummaryDate| x.text == text) {
                dates.push(SummaryDate {
                    text,
                    value: d.value.clone(),
                });
            }
        }

        let mut quantities = Vec::new();
        for q in &l.quantities {
            push_distinct(
                &mut quantities,
                SummaryQuantity {
                    text: slice(q.span),
                    value: json_number(q.value),
                    unit: q.unit.clone(),
                },
            );
        }

        Summary {
            doc: doc.id.clone(),
            doc_date: doc.meta.date.clone(),
            people,
            countries,
            organizations,
            events,
            dates,
            quantities,
        }
    }

    /// The JSON text, indented by one space like the gold files, with a final newline.
    pub fn to_json(&self) -> String {
        let mut buf = Vec::with_capacity(4096);
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        self.serialize(&mut ser)
            .expect("a summary always serializes");
        buf.push(b'\n');
        String::from_utf8(buf).expect("serde_json writes UTF-8")
    }
}

/// Writes one summary file per document as it arrives, into a hidden folder that becomes
/// `DIR/summary` at `finish`.
pub struct SummaryEmitter {
    folder: DocFolder,
}

impl SummaryEmitter {
    /// Each file appears in `DIR/summary/` as it is written (see [`crate::emitter`] for
    /// the folder of a run, which appears whole at `finish`).
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(SummaryEmitter {
            folder: DocFolder::direct(dir.join("summary"))?,
        })
    }

    /// The folder appears whole (replacing an earlier one) at `finish`, as a run writes it.
    pub fn staged(dir: &Path) -> io::Result<Self> {
        Ok(SummaryEmitter {
            folder: DocFolder::staged(dir.join("summary"))?,
        })
    }
}

impl Emitter for SummaryEmitter {
    fn renderer(&self) -> Option<crate::Renderer> {
        Some(std::sync::Arc::new(move |doc: &Document| {
            Ok(crate::Piece {
                files: vec![(
                    safe_file_name(&doc.id, "json"),
                    Summary::of(doc).to_json().into_bytes(),
                )],
                ..Default::default()
            })
        }))
    }

    fn write(&mut self, piece: crate::Piece) -> io::Result<()> {
        self.folder.write(piece.files)
    }

    fn finish(&mut self, _corpus: &Corpus<'_>) -> io::Result<()> {
        self.folder.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sen_core::layers::{
        DateExpr, Entity, Event, EventType, Modality, Participant, Person, Place, Quantity,
    };
    use sen_core::Span;

    fn span_of(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    fn doc() -> Document {
        let text =
            "Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Nhật Bản Kishida Fumio ngày 5/3. \
                    Thủ tướng đề nghị tăng thương mại lên 50 tỷ USD, tăng 11,8%. Ảnh: VGP";
        let mut d = Document::from_text("bài/1", text);
        d.meta.date = Some("2023-03-06".into());
        let t = d.text.clone();
        let first = span_of(&t, "Thủ tướng Phạm Minh Chính");
        let second = Span::new(
            t.find("Thủ tướng đề").unwrap(),
            t.find("Thủ tướng đề").unwrap() + "Thủ tướng".len(),
        );
        d.layers.people = vec![
            Person {
                id: "p1".into(),
                name: "Phạm Minh Chính".into(),
                titles: vec!["Thủ tướng".into()],
                country: Some("VN".into()),
                mentions: vec![first, second],
            },
            Person {
                id: "p2".into(),
                name: "Kishida Fumio".into(),
                titles: vec!["Thủ tướng".into()],
                country: Some("JP".into()),
                mentions: vec![span_of(&t, "Thủ tướng Nhật Bản Kishida Fumio")],
            },
        ];
        d.layers.entities = vec![
            Entity {
                span: span_of(&t, "Nhật Bản"),
                label: EntityLabel::Country,
                canonical: "Nhật Bản".into(),
                kb_id: Some("JP".into()),
                attrs: Default::default(),
            },
            Entity {
                span: span_of(&t, "VGP"),
                label: EntityLabel::Organization,
                canonical: "VGP".into(),
                kb_id: None,
                attrs: Default::default(),
            },
        ];
        d.layers.dates = vec![DateExpr {
            span: span_of(&t, "ngày 5/3"),
            value: "2023-03-05".into(),
        }];
        d.layers.quantities = vec![
            Quantity {
                span: span_of(&t, "50 tỷ USD"),
                value: 50e9,
                unit: "USD".into(),
            },
            Quantity {
                span: span_of(&t, "11,8%"),
                value: 11.8,
                unit: "%".into(),
            },
        ];
        let sentence = span_of(
            &t,
            "Thủ tướng Phạm Minh Chính điện đàm với Thủ tướng Nhật Bản Kishida Fumio ngày 5/3.",
        );
        d.layers.events = vec![Event {
            id: "e1".into(),
            kind: EventType::PhoneCall,
            trigger: span_of(&t, "điện đàm"),
            evidence: sentence,
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
            date: Some("2023-03-05".into()),
            date_span: None,
            location: Place::default(),
            occasion: None,
            modality: Modality::Happened,
            cameo: "040".into(),
            plover: "CONSULT".into(),
        }];
        d
    }

    #[test]
    fn summary_has_the_gold_shape() {
        let s = Summary::of(&doc());
        let v: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut want = vec![
            "doc",
            "doc_date",
            "people",
            "countries",
            "organizations",
            "events",
            "dates",
            "quantities",
        ];
        want.sort();
        let mut got = keys.clone();
        got.sort();
        assert_eq!(got, want);
        assert_eq!(
            v["people"][0]["mentions"],
            serde_json::json!(["Thủ tướng Phạm Minh Chính", "Thủ tướng"])
        );
        assert_eq!(v["events"][0]["type"], "phone_call");
        assert_eq!(
            v["events"][0]["participants"],
            serde_json::json!(["Phạm Minh Chính", "Kishida Fumio"])
        );
        assert_eq!(
            v["events"][0]["location"]["country"],
            serde_json::Value::Null
        );
        assert_eq!(v["countries"], serde_json::json!(["JP"]));
        assert_eq!(v["organizations"], serde_json::json!(["VGP"]));
        // Whole numbers are written as integers, like the gold files.
        assert!(s.to_json().contains("\"value\": 50000000000,\n"));
        assert_eq!(v["quantities"][1]["value"], serde_json::json!(11.8));
    }

    #[test]
    fn emitter_writes_one_file_per_document_under_a_safe_name() {
        let dir = tempfile::tempdir().unwrap();
        // Written as it comes by `new`, …
        let mut direct = SummaryEmitter::new(dir.path()).unwrap();
        direct.document(&doc()).unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path().join("summary"))
                .unwrap()
                .count(),
            1
        );
        // … at the end of the run by the emitter a run uses: nothing of it before.
        let mut e = SummaryEmitter::staged(dir.path()).unwrap();
        e.document(&doc()).unwrap();
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "summary/ and the hidden one"
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join("summary"))
                .unwrap()
                .count(),
            1
        );
        e.finish(&Corpus {
            name: "t",
            events: &[],
            failures: &[],
        })
        .unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path().join("summary"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(!files[0].contains('/') && files[0].ends_with(".json"));
        let back: Summary = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join("summary").join(&files[0])).unwrap(),
        )
        .unwrap();
        assert_eq!(back, Summary::of(&doc()));
    }

    #[test]
    fn header_date_line_is_listed_as_a_date() {
        let mut d = Document::from_text("x", "Ông A gặp ông B.");
        d.source = b" date 2025-10-29 \xC3\x94ng A g\xe1\xba\xb7p \xC3\xB4ng B.".to_vec();
        d.meta.date = Some("2025-10-29".into());
        let s = Summary::of(&d);
        assert_eq!(
            s.dates,
            vec![SummaryDate {
                text: "2025-10-29".into(),
                value: "2025-10-29".into()
            }]
        );
    }
}
