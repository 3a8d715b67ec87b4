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
use crate::json;
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
    // Most documents start with anything but `date`: seen from the first byte after
    // the ASCII white space (no copy); a non-ASCII one may be white space, decoded below.
    let first = head
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'..=b'\r'))?;
    if head[first] < 0x80 && !head[first..].starts_with(b"date") {
        return None;
    }
    let head = String::from_utf8_lossy(head);
    let rest = head.trim_start().strip_prefix("date")?;
    rest.trim_start().starts_with(d).then_some(d)
}

/// Whether two names are equal once lower-cased (`str::to_lowercase`), without making the
/// lower-case strings.
fn eq_lower(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // `to_lowercase` depends on the context only for a capital sigma (final form).
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// A summary borrowing from its document: what [`Summary::of`] copies out and what the
/// `summary` output writes (straight, see [`View::write`]).
struct View<'a> {
    doc: &'a str,
    doc_date: Option<&'a str>,
    people: Vec<PersonView<'a>>,
    countries: Vec<&'a str>,
    organizations: Vec<&'a str>,
    events: Vec<EventView<'a>>,
    /// (text, value)
    dates: Vec<(&'a str, &'a str)>,
    /// (text, value, unit)
    quantities: Vec<(&'a str, serde_json::Number, &'a str)>,
}

struct PersonView<'a> {
    name: &'a str,
    titles: &'a [String],
    country: Option<&'a str>,
    mentions: Vec<&'a str>,
}

struct EventView<'a> {
    kind: &'static str,
    date: Option<&'a str>,
    participants: Vec<&'a str>,
    city: Option<&'a str>,
    country: Option<&'a str>,
    venue: Option<&'a str>,
    occasion: Option<&'a str>,
    evidence: &'a str,
}

impl<'a> View<'a> {
    fn of(doc: &'a Document) -> Self {
        let l = &doc.layers;
        let slice = |s: sen_core::Span| doc.text.get(s.start..s.end).unwrap_or("");

        let people = l
            .people
            .iter()
            .map(|p| {
                let mut mentions = Vec::new();
                for &m in &p.mentions {
                    push_distinct(&mut mentions, slice(m));
                }
                PersonView {
                    name: &p.name,
                    titles: &p.titles,
                    country: p.country.as_deref(),
                    mentions,
                }
            })
            .collect();

        let mut countries = Vec::new();
        let mut organizations: Vec<&str> = Vec::new();
        for e in &l.entities {
            match e.label {
                EntityLabel::Country => {
                    if let Some(code) = &e.kb_id {
                        push_distinct(&mut countries, code.as_str());
                    }
                }
                EntityLabel::Organization => {
                    // Organizations are listed as written (GUIDELINES.md).
                    let name = slice(e.span);
                    if !organizations.iter().any(|o| eq_lower(o, name)) {
                        organizations.push(name);
                    }
                }
                _ => {}
            }
        }
        // The outlet of a `(Ngày Nay) -` prefix is an organization the article names.
        if let Some(src) = &doc.meta.source {
            if !organizations.iter().any(|o| eq_lower(o, src)) {
                organizations.push(src);
            }
        }

        let name_of = |id: &'a str| {
            l.people
                .iter()
                .find(|p| p.id == id)
                .map_or(id, |p| p.name.as_str())
        };
        let events = l
            .events
            .iter()
            .map(|e| {
                let mut participants = Vec::new();
                for p in &e.participants {
                    push_distinct(&mut participants, name_of(&p.person));
                }
                EventView {
                    kind: e.kind.name(),
                    date: e.date.as_deref(),
                    participants,
                    city: e.location.city.as_deref(),
                    country: e.location.country.as_deref(),
                    venue: e.location.venue.as_deref(),
                    occasion: e.occasion.as_deref(),
                    evidence: slice(e.evidence),
                }
            })
            .collect();

        let mut dates = Vec::new();
        if let Some(d) = header_date(doc) {
            dates.push((d, d));
        }
        for d in &l.dates {
            let text = slice(d.span);
            // One entry per distinct surface string (GUIDELINES.md).
            if !dates.iter().any(|&(t, _)| t == text) {
                dates.push((text, d.value.as_str()));
            }
        }

        let mut quantities = Vec::new();
        for q in &l.quantities {
            push_distinct(
                &mut quantities,
                (slice(q.span), json_number(q.value), q.unit.as_str()),
            );
        }

        View {
            doc: &doc.id,
            doc_date: doc.meta.date.as_deref(),
            people,
            countries,
            organizations,
            events,
            dates,
            quantities,
        }
    }

    fn to_owned(&self) -> Summary {
        let owned = |s: &&str| s.to_string();
        Summary {
            doc: self.doc.to_string(),
            doc_date: self.doc_date.map(str::to_string),
            people: self
                .people
                .iter()
                .map(|p| SummaryPerson {
                    name: p.name.to_string(),
                    titles: p.titles.to_vec(),
                    country: p.country.map(str::to_string),
                    mentions: p.mentions.iter().map(owned).collect(),
                })
                .collect(),
            countries: self.countries.iter().map(owned).collect(),
            organizations: self.organizations.iter().map(owned).collect(),
            events: self
                .events
                .iter()
                .map(|e| SummaryEvent {
                    kind: e.kind.to_string(),
                    date: e.date.map(str::to_string),
                    participants: e.participants.iter().map(owned).collect(),
                    location: SummaryPlace {
                        city: e.city.map(str::to_string),
                        country: e.country.map(str::to_string),
                        venue: e.venue.map(str::to_string),
                    },
                    occasion: e.occasion.map(str::to_string),
                    evidence: e.evidence.to_string(),
                })
                .collect(),
            dates: self
                .dates
                .iter()
                .map(|&(text, value)| SummaryDate {
                    text: text.to_string(),
                    value: value.to_string(),
                })
                .collect(),
            quantities: self
                .quantities
                .iter()
                .map(|(text, value, unit)| SummaryQuantity {
                    text: text.to_string(),
                    value: value.clone(),
                    unit: unit.to_string(),
                })
                .collect(),
        }
    }

    /// The JSON of [`Summary::to_json`], written straight into `out` (same bytes).
    ///
    /// The shape is fixed, so what serde_json's pretty printer writes between the values
    /// (commas, line breaks, one space of indent a level, the keys) is written as
    /// constant pieces; only the values and the lists vary.
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\n \"doc\": ");
        json::str(out, self.doc);
        out.extend_from_slice(b",\n \"doc_date\": ");
        json::opt_str(out, self.doc_date);
        out.extend_from_slice(b",\n \"people\": ");
        objects(out, &self.people, |out, person| {
            out.extend_from_slice(b"{\n   \"name\": ");
            json::str(out, person.name);
            out.extend_from_slice(b",\n   \"titles\": ");
            strings(out, person.titles.iter().map(String::as_str), Depth::Three);
            out.extend_from_slice(b",\n   \"country\": ");
            json::opt_str(out, person.country);
            out.extend_from_slice(b",\n   \"mentions\": ");
            strings(out, person.mentions.iter().copied(), Depth::Three);
            out.extend_from_slice(b"\n  }");
        });
        out.extend_from_slice(b",\n \"countries\": ");
        strings(out, self.countries.iter().copied(), Depth::One);
        out.extend_from_slice(b",\n \"organizations\": ");
        strings(out, self.organizations.iter().copied(), Depth::One);
        out.extend_from_slice(b",\n \"events\": ");
        objects(out, &self.events, |out, e| {
            out.extend_from_slice(b"{\n   \"type\": ");
            json::str(out, e.kind);
            out.extend_from_slice(b",\n   \"date\": ");
            json::opt_str(out, e.date);
            out.extend_from_slice(b",\n   \"participants\": ");
            strings(out, e.participants.iter().copied(), Depth::Three);
            out.extend_from_slice(b",\n   \"location\": {\n    \"city\": ");
            json::opt_str(out, e.city);
            out.extend_from_slice(b",\n    \"country\": ");
            json::opt_str(out, e.country);
            out.extend_from_slice(b",\n    \"venue\": ");
            json::opt_str(out, e.venue);
            out.extend_from_slice(b"\n   },\n   \"occasion\": ");
            json::opt_str(out, e.occasion);
            out.extend_from_slice(b",\n   \"evidence\": ");
            json::str(out, e.evidence);
            out.extend_from_slice(b"\n  }");
        });
        out.extend_from_slice(b",\n \"dates\": ");
        objects(out, &self.dates, |out, &(text, value)| {
            out.extend_from_slice(b"{\n   \"text\": ");
            json::str(out, text);
            out.extend_from_slice(b",\n   \"value\": ");
            json::str(out, value);
            out.extend_from_slice(b"\n  }");
        });
        out.extend_from_slice(b",\n \"quantities\": ");
        objects(out, &self.quantities, |out, (text, value, unit)| {
            out.extend_from_slice(b"{\n   \"text\": ");
            json::str(out, text);
            out.extend_from_slice(b",\n   \"value\": ");
            json::serde(out, value);
            out.extend_from_slice(b",\n   \"unit\": ");
            json::str(out, unit);
            out.extend_from_slice(b"\n  }");
        });
        out.extend_from_slice(b"\n}\n");
    }
}

/// How deep a list of strings is in a summary: what goes before each item and before
/// the closing bracket.
#[derive(Clone, Copy)]
enum Depth {
    One,
    Three,
}

/// A list of strings as serde_json's pretty printer writes it at `depth`.
fn strings<'s>(out: &mut Vec<u8>, items: impl IntoIterator<Item = &'s str>, depth: Depth) {
    let (first, next, close): (&[u8], &[u8], &[u8]) = match depth {
        Depth::One => (b"[\n  ", b",\n  ", b"\n ]"),
        Depth::Three => (b"[\n    ", b",\n    ", b"\n   ]"),
    };
    let mut items = items.into_iter();
    let Some(s) = items.next() else {
        out.extend_from_slice(b"[]");
        return;
    };
    out.extend_from_slice(first);
    json::str(out, s);
    for s in items {
        out.extend_from_slice(next);
        json::str(out, s);
    }
    out.extend_from_slice(close);
}

/// A top-level list of objects, each written by `write` from its `{` to its `}`.
fn objects<T>(out: &mut Vec<u8>, items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    let Some((first, rest)) = items.split_first() else {
        out.extend_from_slice(b"[]");
        return;
    };
    out.extend_from_slice(b"[\n  ");
    write(out, first);
    for item in rest {
        out.extend_from_slice(b",\n  ");
        write(out, item);
    }
    out.extend_from_slice(b"\n ]");
}

/// The `summary` file of a document: the bytes of `Summary::of(doc).to_json()`, written
/// without making the owned summary or going through serde.
pub fn summary_json(doc: &Document) -> Vec<u8> {
    let mut out = Vec::with_capacity(2048 + doc.text.len());
    View::of(doc).write(&mut out);
    out
}

impl Summary {
    /// The summary of an annotated document.
    pub fn of(doc: &Document) -> Summary {
        View::of(doc).to_owned()
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
                files: vec![(safe_file_name(&doc.id, "json"), summary_json(doc))],
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
    fn written_straight_is_byte_for_byte_serde() {
        let mut odd = doc();
        // Escapes, an organization told apart only by case (and a capital sigma, the one
        // context-dependent lower case), a non-finite and a negative quantity.
        odd.id = "bài \"1\"\t\u{1}/Σ".into();
        odd.meta.source = Some("vgp".into());
        let t = odd.text.clone();
        odd.layers.entities.push(Entity {
            span: span_of(&t, "VGP"),
            label: EntityLabel::Organization,
            canonical: "VGP".into(),
            kb_id: None,
            attrs: Default::default(),
        });
        odd.layers.quantities.push(Quantity {
            span: span_of(&t, "11,8%"),
            value: f64::NAN,
            unit: "%".into(),
        });
        odd.layers.quantities.push(Quantity {
            span: Span::new(1, 3),
            value: -2.5e20,
            unit: "\"".into(),
        });
        odd.layers.events[0].participants[1].person = "p9".into();
        odd.meta.date = None;
        let mut empty = Document::from_text("trống", "");
        empty.meta.source = Some("ΣΑ".into());
        for d in [doc(), odd, empty, crate::test_support::sample_document()] {
            let want = Summary::of(&d).to_json();
            assert_eq!(String::from_utf8(summary_json(&d)).unwrap(), want);
        }
        assert!(eq_lower("ΣΑΣ", "σας") && !eq_lower("ΣΑΣ", "σασ"));
        assert!(eq_lower("Bộ NGOẠI GIAO", "bộ ngoại giao") && !eq_lower("APEC", "APEX"));
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
    fn header_date_is_read_as_a_lossy_copy_of_the_first_64_bytes() {
        let mut d = Document::from_text("x", "Ông A gặp ông B.");
        d.meta.date = Some("2025-10-29".into());
        let dated = |d: &Document| Summary::of(d).dates.len();
        // "ộ" (3 bytes) across byte 64
        d.source = format!(" date 2025-10-29 {}ội", "a".repeat(45)).into_bytes();
        assert_eq!(d.source[..64].last(), Some(&0xbb));
        assert_eq!(dated(&d), 1);
        d.source = b" date 2025-10\xff-29".to_vec();
        assert_eq!(dated(&d), 0);
        d.source = b"\xff date 2025-10-29".to_vec();
        assert_eq!(dated(&d), 0);
        d.source = b" date 2025-10-29\xff".to_vec();
        assert_eq!(dated(&d), 1);
        d.meta.date = Some("2025\u{fffd}".into());
        d.source = b"date 2025\xff".to_vec();
        assert_eq!(dated(&d), 1, "as the lossy copy reads it");
        // white space that is not ASCII before the line
        d.meta.date = Some("2025-10-29".into());
        d.source = "\u{a0}\u{3000} date 2025-10-29".as_bytes().to_vec();
        assert_eq!(dated(&d), 1);
        d.source = b"\x0b\x0c\tdate 2025-10-29".to_vec();
        assert_eq!(dated(&d), 1);
        d.source = b"  Date 2025-10-29".to_vec();
        assert_eq!(dated(&d), 0);
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
