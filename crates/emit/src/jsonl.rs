//! JSON Lines: `DIR/annotations.jsonl`, one document a line with every layer.
//!
//! Each span is given twice: `span` in bytes of the normalized `text`, and `source` in
//! bytes of the file as read (through the document's offset map), so a tool can go back
//! to the original bytes. The shape is fixed by `schemas/annotations.schema.json`.
//! [`document_line`] is also what the streaming worker (`--input -`) prints.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sen_core::document::Warning;
use sen_core::layers::{
    DateExpr, Entity, EntityLabel, Event, EventType, Modality, Participant, Person, Quantity,
    Sentence, Token, TokenKind, Word,
};
use sen_core::{DocMeta, Document, Span};
use serde::Serialize;

use crate::atomic::AtomicFile;
use crate::json;
use crate::{Corpus, Emitter};

/// Version of the line shape; bumped when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

/// A document as one JSON value (the same object [`document_line`] prints).
pub fn document_json(doc: &Document) -> serde_json::Value {
    serde_json::to_value(DocOut::new(doc)).expect("a document always serializes")
}

/// A document as one line of JSON, without the trailing newline.
pub fn document_line(doc: &Document) -> String {
    let mut out = Vec::with_capacity(doc.text.len() * 16);
    write_line(doc, &mut out);
    // Only `str`s and ASCII went in.
    String::from_utf8(out).expect("JSON of strings is UTF-8")
}

/// The line of [`document_line`] appended to `out`: the same bytes as serde_json makes of
/// the document's [`DocOut`], with the bulk (the text, tokens, sentences and words)
/// written straight and the small layers through serde.
fn write_line(doc: &Document, out: &mut Vec<u8>) {
    let l = &doc.layers;
    out.extend_from_slice(b"{\"format\":");
    json::uint(out, FORMAT_VERSION as usize);
    out.extend_from_slice(b",\"id\":");
    json::str(out, &doc.id);
    out.extend_from_slice(b",\"meta\":");
    json::serde(out, &meta(doc, &doc.meta));
    out.extend_from_slice(b",\"text\":");
    json::str(out, &doc.text);
    out.extend_from_slice(b",\"source_len\":");
    json::uint(out, doc.source.len());
    array(out, b",\"tokens\":", &l.tokens, |out, t| {
        spans(out, doc, t.span);
        out.extend_from_slice(b",\"kind\":\"");
        out.extend_from_slice(kind_name(t.kind).as_bytes());
        out.extend_from_slice(b"\"}");
    });
    array(out, b",\"sentences\":", &l.sentences, |out, s| {
        spans(out, doc, s.span);
        token_range(out, s.tokens);
    });
    array(out, b",\"words\":", &l.words, |out, w| {
        spans(out, doc, w.span);
        token_range(out, w.tokens);
    });
    array(out, b",\"entities\":", &l.entities, |out, e| {
        write_entity(out, doc, e)
    });
    array(out, b",\"people\":", &l.people, |out, p| {
        write_person(out, doc, p)
    });
    array(out, b",\"dates\":", &l.dates, |out, d| {
        json::serde(out, &date(doc, d))
    });
    array(out, b",\"quantities\":", &l.quantities, |out, q| {
        json::serde(out, &quantity(doc, q))
    });
    array(out, b",\"events\":", &l.events, |out, e| {
        write_event(out, doc, e)
    });
    out.push(b'}');
}

/// `key`, then `items` as a JSON array, each written by `write`.
fn array<T>(out: &mut Vec<u8>, key: &[u8], items: &[T], mut write: impl FnMut(&mut Vec<u8>, &T)) {
    out.extend_from_slice(key);
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
    }
    out.push(b']');
}

/// An entity as serde writes its [`EntityOut`] (the label and attributes through serde).
fn write_entity(out: &mut Vec<u8>, doc: &Document, e: &Entity) {
    spans(out, doc, e.span);
    out.extend_from_slice(b",\"text\":");
    json::str(out, text_of(doc, e.span));
    out.extend_from_slice(b",\"label\":");
    json::serde(out, &e.label);
    out.extend_from_slice(b",\"canonical\":");
    json::str(out, &e.canonical);
    if let Some(kb) = &e.kb_id {
        out.extend_from_slice(b",\"kb_id\":");
        json::str(out, kb);
    }
    if !e.attrs.is_empty() {
        out.extend_from_slice(b",\"attrs\":");
        json::serde(out, &e.attrs);
    }
    out.push(b'}');
}

/// A person as serde writes its [`PersonOut`].
fn write_person(out: &mut Vec<u8>, doc: &Document, p: &Person) {
    out.extend_from_slice(b"{\"id\":");
    json::str(out, &p.id);
    out.extend_from_slice(b",\"name\":");
    json::str(out, &p.name);
    out.extend_from_slice(b",\"titles\":[");
    for (i, t) in p.titles.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json::str(out, t);
    }
    out.extend_from_slice(b"],\"country\":");
    json::opt_str(out, p.country.as_deref());
    out.extend_from_slice(b",\"mentions\":[");
    for (i, &m) in p.mentions.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        spans(out, doc, m);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// An event as serde writes its [`EventOut`] (the evidence sentence is most of it).
fn write_event(out: &mut Vec<u8>, doc: &Document, e: &Event) {
    out.extend_from_slice(b"{\"id\":");
    json::str(out, &e.id);
    out.extend_from_slice(b",\"type\":\"");
    out.extend_from_slice(e.kind.name().as_bytes());
    out.extend_from_slice(b"\",\"trigger\":");
    write_mention(out, doc, e.trigger);
    out.extend_from_slice(b",\"evidence\":");
    write_mention(out, doc, e.evidence);
    out.extend_from_slice(b",\"participants\":[");
    for (i, p) in e.participants.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"person\":");
        json::str(out, &p.person);
        out.extend_from_slice(b",\"role\":");
        json::str(out, &p.role);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"date\":");
    json::opt_str(out, e.date.as_deref());
    if let Some(s) = e.date_span {
        out.extend_from_slice(b",\"date_mention\":");
        write_mention(out, doc, s);
    }
    let l = &e.location;
    out.extend_from_slice(b",\"location\":{\"city\":");
    json::opt_str(out, l.city.as_deref());
    out.extend_from_slice(b",\"country\":");
    json::opt_str(out, l.country.as_deref());
    out.extend_from_slice(b",\"venue\":");
    json::opt_str(out, l.venue.as_deref());
    if let Some(s) = l.span {
        out.extend_from_slice(b",\"mention\":");
        write_mention(out, doc, s);
    }
    out.extend_from_slice(b"},\"occasion\":");
    json::opt_str(out, e.occasion.as_deref());
    out.extend_from_slice(b",\"modality\":\"");
    out.extend_from_slice(modality_name(e.modality).as_bytes());
    out.extend_from_slice(b"\",\"cameo\":");
    json::str(out, &e.cameo);
    out.extend_from_slice(b",\"plover\":");
    json::str(out, &e.plover);
    out.push(b'}');
}

/// A [`Mention`] as serde writes it.
fn write_mention(out: &mut Vec<u8>, doc: &Document, span: Span) {
    spans(out, doc, span);
    out.extend_from_slice(b",\"text\":");
    json::str(out, text_of(doc, span));
    out.push(b'}');
}

/// A modality as serde names it (`snake_case`).
fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Happened => "happened",
        Modality::Planned => "planned",
        Modality::Proposed => "proposed",
    }
}

/// `{"span":[a,b],"source":[c,d]` (the object left open).
fn spans(out: &mut Vec<u8>, doc: &Document, span: Span) {
    let s = src(doc, span);
    out.extend_from_slice(b"{\"span\":[");
    json::uint(out, span.start);
    out.push(b',');
    json::uint(out, span.end);
    out.extend_from_slice(b"],\"source\":[");
    json::uint(out, s.0);
    out.push(b',');
    json::uint(out, s.1);
    out.push(b']');
}

/// `,"tokens":[a,b]}` (closing the object).
fn token_range(out: &mut Vec<u8>, (a, b): (usize, usize)) {
    out.extend_from_slice(b",\"tokens\":[");
    json::uint(out, a);
    out.push(b',');
    json::uint(out, b);
    out.extend_from_slice(b"]}");
}

/// A token kind as serde names it (`snake_case`).
fn kind_name(k: TokenKind) -> &'static str {
    match k {
        TokenKind::Syllable => "syllable",
        TokenKind::Foreign => "foreign",
        TokenKind::Number => "number",
        TokenKind::DateLike => "date_like",
        TokenKind::Abbreviation => "abbreviation",
        TokenKind::Url => "url",
        TokenKind::Email => "email",
        TokenKind::Punct => "punct",
        TokenKind::Symbol => "symbol",
    }
}

/// Writes `DIR/annotations.jsonl`, streamed into a temporary file renamed at `finish`.
pub struct JsonlEmitter {
    file: Option<AtomicFile>,
    dest: PathBuf,
}

impl JsonlEmitter {
    pub fn new(dir: &Path) -> io::Result<Self> {
        let dest = dir.join("annotations.jsonl");
        Ok(JsonlEmitter {
            file: Some(AtomicFile::create(&dest)?),
            dest,
        })
    }
}

impl Emitter for JsonlEmitter {
    fn renderer(&self) -> Option<crate::Renderer> {
        Some(std::sync::Arc::new(|doc: &Document| {
            let mut bytes = Vec::with_capacity(doc.text.len() * 24);
            write_line(doc, &mut bytes);
            bytes.push(b'\n');
            Ok(crate::Piece {
                bytes,
                ..Default::default()
            })
        }))
    }

    fn write(&mut self, piece: crate::Piece) -> io::Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Err(io::Error::other(format!(
                "{} already finished",
                self.dest.display()
            )));
        };
        file.write_all(&piece.bytes)
    }

    fn finish(&mut self, _corpus: &Corpus<'_>) -> io::Result<()> {
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}

#[derive(Serialize)]
struct DocOut<'a> {
    format: u32,
    id: &'a str,
    meta: MetaOut<'a>,
    text: &'a str,
    source_len: usize,
    tokens: Vec<TokenOut>,
    sentences: Vec<SentenceOut>,
    words: Vec<WordOut>,
    entities: Vec<EntityOut<'a>>,
    people: Vec<PersonOut<'a>>,
    dates: Vec<DateOut<'a>>,
    quantities: Vec<QuantityOut<'a>>,
    events: Vec<EventOut<'a>>,
}

/// A span with its source range.
#[derive(Serialize)]
struct At {
    span: R,
    source: R,
}

fn at(doc: &Document, span: Span) -> At {
    At {
        span: span.into(),
        source: src(doc, span),
    }
}

fn src(doc: &Document, span: Span) -> R {
    let r = doc.source_range(span);
    R(r.start, r.end)
}

/// A half-open byte range, written `[start, end]`: the bulk of a line is spans, and the
/// pair is half the size of an object.
#[derive(Clone, Copy)]
struct R(usize, usize);

impl From<Span> for R {
    fn from(s: Span) -> Self {
        R(s.start, s.end)
    }
}

impl Serialize for R {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        (self.0, self.1).serialize(ser)
    }
}

/// The text a span covers; empty (rather than a panic) for a span off char boundaries,
/// which a buggy annotator might produce: the line still prints.
fn text_of(doc: &Document, span: Span) -> &str {
    doc.text.get(span.start..span.end).unwrap_or("")
}

#[derive(Serialize)]
struct MetaOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title_span: Option<At>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    /// The outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_span: Option<At>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'a str>,
    #[serde(skip_serializing_if = "<[Warning]>::is_empty")]
    warnings: &'a [Warning],
}

// Spans are inlined (no `#[serde(flatten)]`, which goes through a slow map serializer).
#[derive(Serialize)]
struct TokenOut {
    span: R,
    source: R,
    kind: TokenKind,
}

#[derive(Serialize)]
struct SentenceOut {
    span: R,
    source: R,
    tokens: (usize, usize),
}

#[derive(Serialize)]
struct WordOut {
    span: R,
    source: R,
    tokens: (usize, usize),
}

#[derive(Serialize)]
struct EntityOut<'a> {
    span: R,
    source: R,
    text: &'a str,
    label: EntityLabel,
    canonical: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kb_id: Option<&'a str>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    attrs: &'a std::collections::BTreeMap<String, String>,
}

#[derive(Serialize)]
struct PersonOut<'a> {
    id: &'a str,
    name: &'a str,
    titles: &'a [String],
    country: Option<&'a str>,
    mentions: Vec<At>,
}

#[derive(Serialize)]
struct DateOut<'a> {
    span: R,
    source: R,
    text: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct QuantityOut<'a> {
    span: R,
    source: R,
    text: &'a str,
    value: f64,
    unit: &'a str,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: EventType,
    trigger: Mention<'a>,
    evidence: Mention<'a>,
    participants: &'a [Participant],
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_mention: Option<Mention<'a>>,
    location: PlaceOut<'a>,
    occasion: Option<&'a str>,
    modality: Modality,
    cameo: &'a str,
    plover: &'a str,
}

#[derive(Serialize)]
struct Mention<'a> {
    span: R,
    source: R,
    text: &'a str,
}

fn mention(doc: &Document, span: Span) -> Mention<'_> {
    Mention {
        span: span.into(),
        source: src(doc, span),
        text: text_of(doc, span),
    }
}

#[derive(Serialize)]
struct PlaceOut<'a> {
    city: Option<&'a str>,
    country: Option<&'a str>,
    venue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mention: Option<Mention<'a>>,
}

impl<'a> DocOut<'a> {
    fn new(doc: &'a Document) -> Self {
        let l = &doc.layers;
        DocOut {
            format: FORMAT_VERSION,
            id: &doc.id,
            meta: meta(doc, &doc.meta),
            text: &doc.text,
            source_len: doc.source.len(),
            tokens: l
                .tokens
                .iter()
                .map(|t: &Token| TokenOut {
                    span: t.span.into(),
                    source: src(doc, t.span),
                    kind: t.kind,
                })
                .collect(),
            sentences: l
                .sentences
                .iter()
                .map(|s: &Sentence| SentenceOut {
                    span: s.span.into(),
                    source: src(doc, s.span),
                    tokens: s.tokens,
                })
                .collect(),
            words: l
                .words
                .iter()
                .map(|w: &Word| WordOut {
                    span: w.span.into(),
                    source: src(doc, w.span),
                    tokens: w.tokens,
                })
                .collect(),
            entities: l.entities.iter().map(|e| entity(doc, e)).collect(),
            people: l.people.iter().map(|p| person(doc, p)).collect(),
            dates: l.dates.iter().map(|d| date(doc, d)).collect(),
            quantities: l.quantities.iter().map(|q| quantity(doc, q)).collect(),
            events: l.events.iter().map(|e| event(doc, e)).collect(),
        }
    }
}

fn meta<'a>(doc: &Document, m: &'a DocMeta) -> MetaOut<'a> {
    MetaOut {
        date: m.date.as_deref(),
        title: m.title.as_deref(),
        title_span: m.title_span.map(|s| at(doc, s)),
        url: m.url.as_deref(),
        source: m.source.as_deref(),
        source_span: m.source_span.map(|s| at(doc, s)),
        encoding: m.encoding.as_deref(),
        warnings: &m.warnings,
    }
}

fn date<'a>(doc: &'a Document, d: &'a DateExpr) -> DateOut<'a> {
    DateOut {
        span: d.span.into(),
        source: src(doc, d.span),
        text: text_of(doc, d.span),
        value: &d.value,
    }
}

fn quantity<'a>(doc: &'a Document, q: &'a Quantity) -> QuantityOut<'a> {
    QuantityOut {
        span: q.span.into(),
        source: src(doc, q.span),
        text: text_of(doc, q.span),
        // JSON has no NaN or infinity; serde_json would print `null` and break the schema.
        value: if q.value.is_finite() { q.value } else { 0.0 },
        unit: &q.unit,
    }
}

fn entity<'a>(doc: &'a Document, e: &'a Entity) -> EntityOut<'a> {
    EntityOut {
        span: e.span.into(),
        source: src(doc, e.span),
        text: text_of(doc, e.span),
        label: e.label,
        canonical: &e.canonical,
        kb_id: e.kb_id.as_deref(),
        attrs: &e.attrs,
    }
}

fn person<'a>(doc: &'a Document, p: &'a Person) -> PersonOut<'a> {
    PersonOut {
        id: &p.id,
        name: &p.name,
        titles: &p.titles,
        country: p.country.as_deref(),
        mentions: p.mentions.iter().map(|&s| at(doc, s)).collect(),
    }
}

fn event<'a>(doc: &'a Document, e: &'a Event) -> EventOut<'a> {
    EventOut {
        id: &e.id,
        kind: e.kind,
        trigger: mention(doc, e.trigger),
        evidence: mention(doc, e.evidence),
        participants: &e.participants,
        date: e.date.as_deref(),
        date_mention: e.date_span.map(|s| mention(doc, s)),
        location: PlaceOut {
            city: e.location.city.as_deref(),
            country: e.location.country.as_deref(),
            venue: e.location.venue.as_deref(),
            mention: e.location.span.map(|s| mention(doc, s)),
        },
        occasion: e.occasion.as_deref(),
        modality: e.modality,
        cameo: &e.cameo,
        plover: &e.plover,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{assert_valid_line, sample_corpus_events, sample_document};
    use sen_core::layers::Quantity;

    #[test]
    fn line_and_value_agree_and_spans_map_to_source() {
        let doc = sample_document();
        let line = document_line(&doc);
        assert!(!line.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v, document_json(&doc));
        let src = String::from_utf8_lossy(&doc.source).into_owned();
        for e in v["entities"].as_array().unwrap() {
            let s = &e["source"];
            let (a, b) = (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            );
            assert_eq!(&src[a..b], e["text"].as_str().unwrap(), "{e}");
        }
        assert_eq!(v["events"][0]["trigger"]["text"], "hội đàm");
    }

    /// The line as serde_json makes it of the whole [`DocOut`].
    fn serde_line(doc: &Document) -> String {
        serde_json::to_string(&DocOut::new(doc)).unwrap()
    }

    #[test]
    fn written_straight_is_byte_for_byte_serde() {
        let mut odd = sample_document();
        odd.id = "bài \"1\"\t\u{1}".into();
        odd.text.push_str("\u{0}\\\r");
        odd.meta.warnings.push(Warning {
            offset: 3,
            message: "mã hoá \"lạ\"".into(),
        });
        odd.layers.quantities.push(Quantity {
            span: Span::new(0, 1),
            value: f64::INFINITY,
            unit: "USD".into(),
        });
        for d in [sample_document(), odd, Document::from_text("trống", "")] {
            assert_eq!(document_line(&d), serde_line(&d));
        }
        let kinds = [
            TokenKind::Syllable,
            TokenKind::Foreign,
            TokenKind::Number,
            TokenKind::DateLike,
            TokenKind::Abbreviation,
            TokenKind::Url,
            TokenKind::Email,
            TokenKind::Punct,
            TokenKind::Symbol,
        ];
        for k in kinds {
            assert_eq!(
                format!("\"{}\"", kind_name(k)),
                serde_json::to_string(&k).unwrap()
            );
        }
        for k in EventType::ALL {
            assert_eq!(
                format!("\"{}\"", k.name()),
                serde_json::to_string(&k).unwrap()
            );
        }
        for m in [Modality::Happened, Modality::Planned, Modality::Proposed] {
            assert_eq!(
                format!("\"{}\"", modality_name(m)),
                serde_json::to_string(&m).unwrap()
            );
        }
        // every optional part of an event there, and none
        let mut full = sample_document();
        for e in &mut full.layers.events {
            e.date_span = Some(Span::new(0, 3));
            e.location.span = Some(Span::new(1, 4));
            e.location.venue = Some("Nhà \"Quốc hội\"".into());
            e.occasion = Some("APEC\n2025".into());
            e.modality = Modality::Proposed;
        }
        let mut bare = sample_document();
        for e in &mut bare.layers.events {
            e.date = None;
            e.date_span = None;
            e.location = Default::default();
            e.participants.clear();
        }
        assert!(!full.layers.events.is_empty());
        for d in [full, bare] {
            assert_eq!(document_line(&d), serde_line(&d));
        }
    }

    #[test]
    fn lines_match_the_schema() {
        assert_valid_line(&document_line(&sample_document()));
        // A bare document (no stage ran), an odd value, and a streaming failure line.
        let mut bare = Document::from_text("../x", "Hà Nội, ngày 26/10.");
        assert_valid_line(&document_line(&bare));
        bare.layers.quantities.push(Quantity {
            span: Span::new(0, 2),
            value: f64::NAN,
            unit: "%".into(),
        });
        assert_valid_line(&document_line(&bare));
        assert_valid_line(r#"{"id":"x","error":"tokenize: empty"}"#);
    }

    #[test]
    fn schema_rejects_what_it_should() {
        let mut v = document_json(&sample_document());
        v["events"][0]["modality"] = "maybe".into();
        let r = std::panic::catch_unwind(|| assert_valid_line(&v.to_string()));
        assert!(r.is_err(), "an unknown modality must not validate");
    }

    #[test]
    fn emitter_streams_one_line_per_document() {
        let dir = tempfile::tempdir().unwrap();
        let mut em = JsonlEmitter::new(dir.path()).unwrap();
        let doc = sample_document();
        for _ in 0..3 {
            em.document(&doc).unwrap();
        }
        let dest = dir.path().join("annotations.jsonl");
        assert!(!dest.exists(), "visible only after finish");
        let events = sample_corpus_events();
        em.finish(&Corpus {
            name: "summits",
            events: &events,
            failures: &[],
        })
        .unwrap();
        let out = std::fs::read_to_string(dest).unwrap();
        assert_eq!(out.lines().count(), 3);
        for line in out.lines() {
            assert_valid_line(line);
        }
    }
}
