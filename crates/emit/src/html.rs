//! `DIR/report.html`: the page a person opens — the articles with their entities
//! highlighted, the events table, a timeline and a who-met-whom picture.
//!
//! One self-contained file: CSS, JavaScript and SVG are inline, nothing is fetched. It is
//! streamed: each article is written as its document comes; the corpus parts (overview,
//! events, timeline, graph) are written at `finish` and put on top by CSS `order`. Each
//! corpus event's table row and timeline entry are rendered as it comes and set aside in
//! a temporary file, so memory holds one document at a time and a few numbers per event
//! (the people and pairs of the picture). Every piece of text from a
//! document is HTML-escaped. The script counts what it rendered into `data-rendered-*`
//! attributes of `<body>` and catches errors into `data-errors`, for the browser test.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::f64::consts::PI;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use sen_core::layers::{CorpusEvent, EntityLabel, EventType, Modality, Person};
use sen_core::{Document, Span};

use crate::atomic::{safe_file_stem, AtomicFile};
use crate::{Corpus, Emitter};

/// People drawn in the who-met-whom picture at most (the most active ones).
const MAX_GRAPH_PEOPLE: usize = 60;

/// Writes `DIR/report.html`, streamed into a temporary file renamed at `finish`.
pub struct HtmlEmitter {
    file: Option<AtomicFile>,
    dest: PathBuf,
    docs: usize,
    /// What the corpus events given one at a time leave for `finish`: the table rows
    /// and timeline entries (in a temporary file) and the counts behind the overview and
    /// the picture, not the events.
    parts: CorpusParts,
}

impl HtmlEmitter {
    pub fn new(dir: &Path) -> io::Result<Self> {
        let dest = dir.join("report.html");
        let mut file = AtomicFile::create(&dest)?;
        file.write_all(HEAD.as_bytes())?;
        Ok(HtmlEmitter {
            file: Some(file),
            dest,
            docs: 0,
            parts: CorpusParts::new(Aside::file()?, Aside::file()?),
        })
    }
}

impl Emitter for HtmlEmitter {
    fn renderer(&self) -> Option<crate::Renderer> {
        // Rendered closed; `write` opens the first article (only it knows which is first).
        Some(std::sync::Arc::new(|doc: &Document| {
            let mut out = String::new();
            render_article(doc, false, &mut out);
            Ok(crate::Piece {
                bytes: out.into_bytes(),
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
        let first = self.docs == 0;
        self.docs += 1;
        match piece.bytes.iter().position(|&b| b == b'>') {
            // The end of the opening `<details …>` tag: its attribute values are escaped,
            // so this is the first `>`.
            Some(end) if first => {
                file.write_all(&piece.bytes[..end])?;
                file.write_all(b" open")?;
                file.write_all(&piece.bytes[end..])
            }
            _ => file.write_all(&piece.bytes),
        }
    }

    fn event(&mut self, event: &CorpusEvent) -> io::Result<()> {
        self.parts.add(event)
    }

    fn finish(&mut self, corpus: &Corpus<'_>) -> io::Result<()> {
        let Some(mut file) = self.file.take() else {
            return Ok(());
        };
        for e in corpus.events {
            self.parts.add(e)?;
        }
        self.parts
            .render(corpus.name, self.docs, corpus.failures, &mut file)?;
        file.commit()
    }
}

/// A whole report for documents already in memory (tests, small runs).
pub fn report(docs: &[Document], corpus: &Corpus<'_>) -> String {
    let mut out = String::from(HEAD);
    for (i, d) in docs.iter().enumerate() {
        render_article(d, i == 0, &mut out);
    }
    let mut parts = CorpusParts::new(Aside::Memory(Vec::new()), Aside::Memory(Vec::new()));
    let mut tail = Vec::new();
    corpus
        .events
        .iter()
        .try_for_each(|e| parts.add(e))
        .and_then(|()| parts.render(corpus.name, docs.len(), corpus.failures, &mut tail))
        .expect("writing to memory does not fail");
    out.push_str(std::str::from_utf8(&tail).expect("the report is UTF-8"));
    out
}

// ---------------------------------------------------------------------------------------
// Escaping

/// Text or attribute value, HTML-escaped. NUL and other C0 controls (not allowed in HTML)
/// become U+FFFD, except tab and line breaks.
fn esc(out: &mut String, s: &str) {
    // Everything replaced is ASCII, so the bytes are scanned (no char decoding): a
    // replaced byte is never part of a longer character.
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Sixteen, then eight bytes at a time past runs with nothing to replace.
        if let Some(w) = bytes.get(i..i + 16) {
            if !replaced16(w.try_into().expect("16 bytes")) {
                i += 16;
                continue;
            }
        }
        if let Some(w) = bytes.get(i..i + 8) {
            if !html_special(u64::from_le_bytes(w.try_into().expect("8 bytes"))) {
                i += 8;
                continue;
            }
        }
        let rep = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0..0x20 | 0x7f if !matches!(bytes[i], b'\t' | b'\n' | b'\r') => "\u{FFFD}",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        i += 1;
        last = i;
    }
    out.push_str(&s[last..]);
}

/// Whether any of the eight bytes of `w` may need [`esc`]: `& < > " '`, a control
/// character or DEL (exact as a whole: the zero-byte tests have no false positives).
fn html_special(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    let is = |b: u8| zero(w ^ (ONES * u64::from(b)));
    let below_space = w.wrapping_sub(ONES * 0x20) & !w;
    (below_space | is(b'&') | is(b'<') | is(b'>') | is(b'"') | is(b'\'') | is(0x7f)) & HIGH != 0
}

/// Whether any of the sixteen bytes is one [`esc`] replaces: `& < > " '`, DEL or a control
/// character other than a tab or a line break (which the text has at every paragraph).
#[cfg(target_arch = "x86_64")]
#[inline]
fn replaced16(b: &[u8; 16]) -> bool {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of every x86_64 target; the load is unaligned and reads the
    // sixteen bytes of `b` only.
    unsafe {
        let v = _mm_loadu_si128(b.as_ptr() as *const __m128i);
        let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
        // unsigned v <= 0x1f: the minimum of v and 0x1f is v itself
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
        let kept = _mm_or_si128(eq(b'\t'), _mm_or_si128(eq(b'\n'), eq(b'\r')));
        let special = _mm_or_si128(
            _mm_or_si128(eq(b'&'), eq(b'<')),
            _mm_or_si128(
                _mm_or_si128(eq(b'>'), eq(b'"')),
                _mm_or_si128(eq(b'\''), eq(0x7f)),
            ),
        );
        _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(kept, control), special)) != 0
    }
}

/// [`replaced16`] by eight-byte words (it may also stop at a tab or a line break, which
/// the byte loop then keeps).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn replaced16(b: &[u8; 16]) -> bool {
    let w = |k: usize| u64::from_le_bytes(b[k..k + 8].try_into().expect("8 bytes"));
    html_special(w(0)) || html_special(w(8))
}

fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc(&mut out, s);
    out
}

/// An element id for a document: its safe file stem is unique per id and has no spaces.
fn doc_anchor(id: &str) -> String {
    format!("doc-{}", safe_file_stem(id))
}

fn evidence_anchor(doc_id: &str, span: Span) -> String {
    format!("s-{}-{}", safe_file_stem(doc_id), span.start)
}

// ---------------------------------------------------------------------------------------
// Names

fn label_class(l: EntityLabel) -> &'static str {
    match l {
        EntityLabel::Person => "person",
        EntityLabel::Title => "title",
        EntityLabel::Country => "country",
        EntityLabel::Location => "location",
        EntityLabel::Organization => "organization",
        EntityLabel::Occasion => "occasion",
    }
}

fn label_name(l: EntityLabel) -> &'static str {
    match l {
        EntityLabel::Person => "Person",
        EntityLabel::Title => "Title",
        EntityLabel::Country => "Country",
        EntityLabel::Location => "Place",
        EntityLabel::Organization => "Organization",
        EntityLabel::Occasion => "Occasion",
    }
}

fn type_name(t: EventType) -> &'static str {
    match t {
        EventType::Meeting => "Meeting",
        EventType::Talks => "Talks",
        EventType::PhoneCall => "Phone call",
        EventType::Reception => "Reception",
        EventType::Visit => "Visit",
        EventType::Invitation => "Invitation",
        EventType::AgreementSigning => "Agreement signing",
        EventType::SummitAttendance => "Summit attendance",
        EventType::Proposal => "Proposal",
    }
}

fn modality_name(m: Modality) -> &'static str {
    match m {
        Modality::Happened => "happened",
        Modality::Planned => "planned",
        Modality::Proposed => "proposed",
    }
}

/// `1 event`, `2 events`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `18000000000` → `18 000 000 000`; fractions as written by Rust.
fn number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return v.to_string();
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    if v < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// One article

/// A highlighted stretch of the text.
struct Mark {
    span: Span,
    /// Opening tag, attributes escaped: a range of the tags string [`marks`] fills.
    open: std::ops::Range<usize>,
    close: &'static str,
}

/// `name · titles · country`, appended to `out`.
fn push_person_note(out: &mut String, p: &Person) {
    out.push_str(&p.name);
    if !p.titles.is_empty() {
        out.push_str(" · ");
        for (i, t) in p.titles.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(t);
        }
    }
    if let Some(c) = &p.country {
        out.push_str(" · ");
        out.push_str(c);
    }
}

/// The marks of a document, their opening tags written one after the other into `tags`
/// (one string for all, not one each).
fn marks(doc: &Document, tags: &mut String) -> Vec<Mark> {
    let l = &doc.layers;
    let ok = |s: Span| {
        !s.is_empty()
            && s.end <= doc.text.len()
            && doc.text.is_char_boundary(s.start)
            && doc.text.is_char_boundary(s.end)
    };
    let mut out = Vec::new();
    // A note (a title attribute) before escaping, reused.
    let mut note = String::new();
    let mut tag = |tags: &mut String, span: Span, parts: [&str; 3], attr: &str, close| {
        let start = tags.len();
        tags.push_str(parts[0]);
        tags.push_str(parts[1]);
        tags.push_str(parts[2]);
        esc(tags, attr);
        tags.push_str("\">");
        out.push(Mark {
            span,
            open: start..tags.len(),
            close,
        });
    };
    let mut evidence_seen = BTreeSet::new();
    // `evidence_anchor` without its number, made once.
    let anchor = format!("s-{}-", safe_file_stem(&doc.id));
    for ev in &l.events {
        if ok(ev.evidence) && evidence_seen.insert(ev.evidence) {
            note.clear();
            note.push_str(&anchor);
            let _ = write!(note, "{}", ev.evidence.start);
            tag(
                tags,
                ev.evidence,
                ["<span class=\"ev\" id=\"", "", ""],
                &note,
                "</span>",
            );
        }
    }
    for e in &l.entities {
        if !ok(e.span) {
            continue;
        }
        note.clear();
        let person = e
            .kb_id
            .as_ref()
            .and_then(|id| l.people.iter().find(|p| &p.id == id));
        match (e.label, person) {
            (EntityLabel::Person, Some(p)) => {
                note.push_str("Person: ");
                push_person_note(&mut note, p);
            }
            _ => {
                note.push_str(label_name(e.label));
                note.push_str(": ");
                note.push_str(&e.canonical);
                if let Some(kb) = &e.kb_id {
                    let _ = write!(note, " ({kb})");
                }
                for (k, v) in &e.attrs {
                    let _ = write!(note, " · {k}: {v}");
                }
            }
        }
        tag(
            tags,
            e.span,
            ["<mark class=\"m m-", label_class(e.label), "\" title=\""],
            &note,
            "</mark>",
        );
    }
    for d in &l.dates {
        if ok(d.span) {
            tag(
                tags,
                d.span,
                ["<mark class=\"m m-date\" title=\"Date: ", "", ""],
                &d.value,
                "</mark>",
            );
        }
    }
    for q in &l.quantities {
        if ok(q.span) {
            note.clear();
            let _ = write!(note, "Quantity: {} {}", number(q.value), q.unit);
            tag(
                tags,
                q.span,
                ["<mark class=\"m m-quantity\" title=\"", "", ""],
                &note,
                "</mark>",
            );
        }
    }
    for ev in &l.events {
        if !ok(ev.trigger) {
            continue;
        }
        note.clear();
        let _ = write!(
            note,
            "{} ({})",
            type_name(ev.kind),
            modality_name(ev.modality)
        );
        if let Some(d) = &ev.date {
            let _ = write!(note, " · {d}");
        }
        let mut first = true;
        for p in ev
            .participants
            .iter()
            .filter_map(|p| l.people.iter().find(|q| q.id == p.person))
        {
            note.push_str(if first { " · " } else { ", " });
            note.push_str(&p.name);
            first = false;
        }
        tag(
            tags,
            ev.trigger,
            [
                "<mark class=\"m m-trigger t-",
                ev.kind.name(),
                "\" title=\"",
            ],
            &note,
            "</mark>",
        );
    }
    // Outer marks first; the stable sort keeps evidence outside entities of the same span.
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    out
}

/// The text with marks properly nested; a mark crossing an open one is left out.
fn render_text(doc: &Document, out: &mut String) {
    let text = &doc.text;
    let mut pos = 0;
    let mut stack: Vec<(usize, &'static str)> = Vec::new();
    let mut tags = String::new();
    for m in marks(doc, &mut tags) {
        while let Some(&(end, close)) = stack.last() {
            if end > m.span.start {
                break;
            }
            esc(out, &text[pos..end]);
            out.push_str(close);
            pos = end;
            stack.pop();
        }
        if stack.last().is_some_and(|&(end, _)| m.span.end > end) || m.span.start < pos {
            continue;
        }
        esc(out, &text[pos..m.span.start]);
        out.push_str(&tags[m.open.clone()]);
        pos = m.span.start;
        stack.push((m.span.end, m.close));
    }
    while let Some((end, close)) = stack.pop() {
        esc(out, &text[pos..end]);
        out.push_str(close);
        pos = end;
    }
    esc(out, &text[pos..]);
}

/// The article's heading: its title, else its first line, else its id.
fn heading(doc: &Document) -> String {
    if let Some(t) = doc.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.trim().to_string();
    }
    let first = doc
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(&doc.id);
    let mut h: String = first.chars().take(140).collect();
    if h.len() < first.len() {
        h.push('…');
    }
    h
}

fn render_article(doc: &Document, open: bool, out: &mut String) {
    let l = &doc.layers;
    let _ = write!(
        out,
        "<details class=\"doc\" id=\"{}\" data-doc=\"{}\"{}>\n<summary><span class=\"doc-title\">",
        escaped(&doc_anchor(&doc.id)),
        escaped(&doc.id),
        if open { " open" } else { "" }
    );
    esc(out, &heading(doc));
    out.push_str("</span><span class=\"doc-meta\">");
    let mut meta = Vec::new();
    if let Some(d) = &doc.meta.date {
        meta.push(escaped(d));
    }
    if let Some(s) = &doc.meta.source {
        meta.push(escaped(s));
    }
    meta.push(count(l.people.len(), "person", "people"));
    meta.push(count(l.events.len(), "event", "events"));
    out.push_str(&meta.join(" · "));
    out.push_str("</span></summary>\n<div class=\"doc-body\">\n<div class=\"doc-main\"><p class=\"doc-info\">id <code>");
    esc(out, &doc.id);
    out.push_str("</code>");
    if let Some(url) = &doc.meta.url {
        // Only web links become links: a `javascript:` URL from the input stays text.
        if url.starts_with("https://") || url.starts_with("http://") {
            let _ = write!(
                out,
                " · <a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>",
                escaped(url)
            );
        } else {
            out.push_str(" · ");
            esc(out, url);
        }
    }
    out.push_str("</p>\n<div class=\"text\" lang=\"vi\">");
    render_text(doc, out);
    out.push_str("</div>\n</div>\n");
    render_side(doc, out);
    out.push_str("</div>\n</details>\n");
}

/// Beside the text: who is in the article and what happened, as the annotators read it.
fn render_side(doc: &Document, out: &mut String) {
    let l = &doc.layers;
    out.push_str("<aside class=\"doc-side\">");
    if !l.people.is_empty() {
        out.push_str("<h4>People</h4><ul class=\"people\">");
        for p in &l.people {
            out.push_str("<li><b>");
            esc(out, &p.name);
            out.push_str("</b>");
            if let Some(c) = &p.country {
                out.push_str(" <span class=\"cc\">");
                esc(out, c);
                out.push_str("</span>");
            }
            if !p.titles.is_empty() {
                out.push_str("<br><small>");
                esc(out, &p.titles.join(", "));
                out.push_str("</small>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if !l.events.is_empty() {
        out.push_str("<h4>Events</h4><ol class=\"doc-events\">");
        for ev in &l.events {
            let _ = write!(
                out,
                "<li><a href=\"#{}\"><span class=\"badge t-{}\">{}</span></a> ",
                escaped(&evidence_anchor(&doc.id, ev.evidence)),
                ev.kind.name(),
                type_name(ev.kind)
            );
            esc(out, ev.date.as_deref().unwrap_or("undated"));
            if ev.modality != Modality::Happened {
                let _ = write!(
                    out,
                    " <small class=\"mod\">{}</small>",
                    modality_name(ev.modality)
                );
            }
            let who: Vec<&str> = ev
                .participants
                .iter()
                .filter_map(|p| l.people.iter().find(|q| q.id == p.person))
                .map(|p| p.name.as_str())
                .collect();
            if !who.is_empty() {
                out.push_str("<br>");
                esc(out, &who.join(" — "));
            }
            let where_ = place(&ev.location);
            let facts: Vec<&str> = [where_.as_str(), ev.occasion.as_deref().unwrap_or("")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            if !facts.is_empty() {
                out.push_str("<br><small>");
                esc(out, &facts.join(" · "));
                out.push_str("</small>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    if l.people.is_empty() && l.events.is_empty() {
        out.push_str("<p class=\"empty\">No people or events found in this article.</p>");
    }
    out.push_str("</aside>\n");
}

fn place(p: &sen_core::layers::Place) -> String {
    [&p.venue, &p.city, &p.country]
        .into_iter()
        .filter_map(|x| x.as_deref())
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------
// The corpus parts

/// Bytes set aside until `finish`.
enum Aside {
    Memory(Vec<u8>),
    File { out: BufWriter<File>, len: u64 },
}

impl Aside {
    /// An anonymous temporary file (gone when closed).
    fn file() -> io::Result<Aside> {
        Ok(Aside::File {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            len: 0,
        })
    }

    /// Append; returns where the bytes start.
    fn push(&mut self, bytes: &[u8]) -> io::Result<u64> {
        match self {
            Aside::Memory(v) => {
                v.extend_from_slice(bytes);
                Ok((v.len() - bytes.len()) as u64)
            }
            Aside::File { out, len } => {
                out.write_all(bytes)?;
                *len += bytes.len() as u64;
                Ok(*len - bytes.len() as u64)
            }
        }
    }

    /// Copy every byte into `to`.
    fn copy_all(&mut self, to: &mut dyn Write) -> io::Result<()> {
        let end = match self {
            Aside::Memory(v) => v.len() as u64,
            Aside::File { len, .. } => *len,
        };
        self.copy(0, end, to)
    }

    /// Copy the bytes from `start` to `end` into `to`.
    fn copy(&mut self, start: u64, end: u64, to: &mut dyn Write) -> io::Result<()> {
        match self {
            Aside::Memory(v) => to.write_all(&v[start as usize..end as usize]),
            Aside::File { out, .. } => {
                out.flush()?;
                let f = out.get_mut();
                f.seek(SeekFrom::Start(start))?;
                io::copy(&mut (&*f).take(end - start), to)?;
                Ok(())
            }
        }
    }
}

/// Where an entry lies in an [`Aside`].
#[derive(Clone, Copy)]
struct Stretch {
    start: u64,
    len: u32,
}

/// The corpus parts of the report, built one event at a time: rendered table rows and
/// timeline entries go aside; only counts and small keys stay (the people and pairs of
/// the picture, one date and type per pair and event).
struct CorpusParts {
    /// The table rows, one after the other in event order.
    rows: Aside,
    /// The timeline entries, found through `timeline`.
    entries: Aside,
    events: usize,
    /// Timeline entries by date (`~` for undated), each in event order.
    timeline: BTreeMap<String, Vec<Stretch>>,
    /// Participants, for the overview.
    people_names: BTreeSet<String>,
    countries: BTreeSet<String>,
    /// Person → (first country seen, number of events).
    people: BTreeMap<String, (Option<String>, usize)>,
    /// Pairs of participants → (date, type) of each event they share.
    pairs: BTreeMap<(String, String), Vec<(u32, EventType)>>,
    /// Dates of the pairs' events (`undated` included), interned.
    dates: Vec<String>,
    date_ids: HashMap<String, u32>,
    buf: String,
}

impl CorpusParts {
    fn new(rows: Aside, entries: Aside) -> Self {
        CorpusParts {
            rows,
            entries,
            events: 0,
            timeline: BTreeMap::new(),
            people_names: BTreeSet::new(),
            countries: BTreeSet::new(),
            people: BTreeMap::new(),
            pairs: BTreeMap::new(),
            dates: Vec::new(),
            date_ids: HashMap::new(),
            buf: String::new(),
        }
    }

    fn add(&mut self, e: &CorpusEvent) -> io::Result<()> {
        self.events += 1;
        self.people_names.extend(e.participants.iter().cloned());
        self.countries.extend(e.countries.iter().flatten().cloned());

        self.buf.clear();
        table_row(e, &mut self.buf);
        self.rows.push(self.buf.as_bytes())?;

        self.buf.clear();
        timeline_entry(e, &mut self.buf);
        let entry = Stretch {
            start: self.entries.push(self.buf.as_bytes())?,
            len: self.buf.len() as u32,
        };
        // ISO dates sort as text; `XXXX-…` (year unknown) after them, undated last.
        let key = e.date.as_deref().unwrap_or("~");
        match self.timeline.get_mut(key) {
            Some(v) => v.push(entry),
            None => {
                self.timeline.insert(key.to_string(), vec![entry]);
            }
        }

        for (i, p) in e.participants.iter().enumerate() {
            let entry = match self.people.get_mut(p.as_str()) {
                Some(x) => x,
                None => self.people.entry(p.clone()).or_insert((None, 0)),
            };
            entry.1 += 1;
            if entry.0.is_none() {
                entry.0 = e.countries.get(i).and_then(|c| c.clone());
            }
        }
        let date = e.date.as_deref().unwrap_or("undated");
        let date = match self.date_ids.get(date) {
            Some(&d) => d,
            None => {
                let d = self.dates.len() as u32;
                self.dates.push(date.to_string());
                self.date_ids.insert(date.to_string(), d);
                d
            }
        };
        let uniq: BTreeSet<&str> = e.participants.iter().map(String::as_str).collect();
        let uniq: Vec<&str> = uniq.into_iter().collect();
        for (i, a) in uniq.iter().enumerate() {
            for b in &uniq[i + 1..] {
                self.pairs
                    .entry((a.to_string(), b.to_string()))
                    .or_default()
                    .push((date, e.kind));
            }
        }
        Ok(())
    }

    fn render(
        &mut self,
        name: &str,
        docs: usize,
        failures: &[(String, String)],
        to: &mut dyn Write,
    ) -> io::Result<()> {
        let mut out = String::new();
        out.push_str("</section>\n");

        // Overview, shown first.
        out.push_str("<header id=\"overview\" data-name=\"");
        esc(&mut out, name);
        out.push_str("\">\n<h1><span class=\"brand\">Sen</span> ");
        esc(&mut out, name);
        out.push_str("</h1>\n<div class=\"stats\">");
        for (n, what) in [
            (docs, "articles"),
            (self.events, "events"),
            (self.people_names.len(), "people in events"),
            (self.countries.len(), "countries"),
        ] {
            let _ = write!(
                out,
                "<div class=\"stat\"><b>{n}</b><span>{what}</span></div>"
            );
        }
        out.push_str("</div>\n");
        out.push_str(LEGEND);
        out.push_str("</header>\n");

        out.push_str(
            "<section id=\"events\"><h2>Events</h2>\n<div class=\"filters\">\
             <label>Type <select id=\"f-type\"><option value=\"\">all</option></select></label>\
             <label>Country <select id=\"f-country\"><option value=\"\">all</option></select></label>\
             <label>Search <input id=\"f-text\" type=\"search\" placeholder=\"name, place, text…\"></label>\
             <span id=\"f-count\"></span></div>\n",
        );
        if self.events == 0 {
            out.push_str("<p class=\"empty\">No events were found.</p>\n");
        }
        out.push_str(
            "<table id=\"events-table\" class=\"sortable\"><thead><tr>\
             <th data-sort=\"text\">Date</th><th data-sort=\"text\">Type</th><th data-sort=\"text\">Participants</th>\
             <th data-sort=\"text\">Place</th><th data-sort=\"text\">Occasion</th><th data-sort=\"text\">Status</th>\
             <th>Evidence</th></tr></thead><tbody>\n",
        );
        to.write_all(out.as_bytes())?;
        out.clear();
        self.rows.copy_all(to)?;
        out.push_str("</tbody></table>\n</section>\n");

        out.push_str("<div id=\"pictures\">\n");
        self.render_graph(&mut out);
        out.push_str("<section id=\"timeline\"><h2>Timeline</h2>\n");
        if self.timeline.is_empty() {
            out.push_str("<p class=\"empty\">No events to place in time.</p>\n");
        }
        out.push_str("<ol class=\"tl\">\n");
        to.write_all(out.as_bytes())?;
        out.clear();
        for (date, entries) in &self.timeline {
            out.push_str("<li><div class=\"tl-date\">");
            esc(&mut out, if date == "~" { "undated" } else { date });
            out.push_str("</div><ul>");
            to.write_all(out.as_bytes())?;
            out.clear();
            for s in entries {
                self.entries.copy(s.start, s.start + u64::from(s.len), to)?;
            }
            to.write_all(b"</ul></li>\n")?;
        }
        out.push_str("</ol>\n</section>\n");
        out.push_str("</div>\n");

        if !failures.is_empty() {
            out.push_str("<section id=\"problems\"><h2>Documents that failed</h2><ul>\n");
            for (id, why) in failures {
                out.push_str("<li><code>");
                esc(&mut out, id);
                out.push_str("</code> ");
                esc(&mut out, why);
                out.push_str("</li>\n");
            }
            out.push_str("</ul></section>\n");
        }
        out.push_str("</main>\n<footer>Made by Sen from the texts above; every highlight points at the characters it \
                      was read from. Hover a highlight for its canonical form.</footer>\n<script>");
        out.push_str(SCRIPT);
        out.push_str("</script>\n</body>\n</html>\n");
        to.write_all(out.as_bytes())
    }
}

fn table_row(e: &CorpusEvent, out: &mut String) {
    let codes: BTreeSet<&str> = e
        .countries
        .iter()
        .flatten()
        .map(String::as_str)
        .chain(e.location.country.as_deref())
        .collect();
    let _ = write!(
        out,
        "<tr id=\"{}\" data-type=\"{}\" data-countries=\"{}\"><td data-v=\"{}\">",
        escaped(&format!("event-{}", e.id)),
        e.kind.name(),
        escaped(&codes.into_iter().collect::<Vec<_>>().join(" ")),
        escaped(e.date.as_deref().unwrap_or("~"))
    );
    esc(out, e.date.as_deref().unwrap_or("—"));
    let _ = write!(
        out,
        "</td><td data-v=\"{}\"><span class=\"badge t-{}\" title=\"CAMEO {} · {}\">{}</span></td><td>",
        e.kind.name(),
        e.kind.name(),
        escaped(&e.cameo),
        escaped(&e.plover),
        type_name(e.kind)
    );
    for (i, p) in e.participants.iter().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        esc(out, p);
        if let Some(Some(c)) = e.countries.get(i) {
            out.push_str(" <span class=\"cc\">");
            esc(out, c);
            out.push_str("</span>");
        }
    }
    out.push_str("</td><td>");
    esc(out, &place(&e.location));
    out.push_str("</td><td>");
    esc(out, e.occasion.as_deref().unwrap_or(""));
    let _ = write!(
        out,
        "</td><td>{}</td><td class=\"evidence\">",
        modality_name(e.modality)
    );
    if let Some(m) = e.mentions.first() {
        out.push_str("<q>");
        esc(out, &m.evidence);
        out.push_str("</q>");
    }
    out.push_str("<div class=\"sources\">");
    for (i, m) in e.mentions.iter().enumerate() {
        let _ = write!(
            out,
            "<a class=\"src\" data-doc=\"{}\" href=\"#{}\">source {}</a> ",
            escaped(&m.doc),
            escaped(&evidence_anchor(&m.doc, m.span)),
            i + 1
        );
    }
    out.push_str("</div></td></tr>\n");
}

fn timeline_entry(e: &CorpusEvent, out: &mut String) {
    let _ = write!(
        out,
        "<li class=\"tl-ev\"><a href=\"#event-{}\"><span class=\"dot t-{}\"></span><b>{}</b> ",
        escaped(&e.id),
        e.kind.name(),
        type_name(e.kind)
    );
    esc(out, &e.participants.join(" — "));
    let where_ = place(&e.location);
    if !where_.is_empty() {
        out.push_str(" <small>");
        esc(out, &where_);
        out.push_str("</small>");
    }
    if e.modality != Modality::Happened {
        let _ = write!(
            out,
            " <small class=\"mod\">{}</small>",
            modality_name(e.modality)
        );
    }
    out.push_str("</a></li>");
}

/// Colours for countries in the picture, most distinct first (Tableau 10, then more
/// hues), repeated past twenty.
const PALETTE: &[&str] = &[
    "#4e79a7", "#e15759", "#f28e2b", "#59a14f", "#b07aa1", "#edc948", "#76b7b2", "#ff9da7",
    "#9c755f", "#17becf", "#8c564b", "#bcbd22", "#1f3a93", "#d62728", "#2ca02c", "#9467bd",
    "#e377c2", "#7f7f7f", "#ff7f0e", "#003f5c",
];

impl CorpusParts {
    fn render_graph(&self, out: &mut String) {
        out.push_str("<section id=\"graph\"><h2>Who met whom</h2>\n");
        let people = &self.people;
        let pairs = &self.pairs;
        // The most active people, then grouped by country around the circle.
        let mut chosen: Vec<(&str, Option<&str>, usize)> = people
            .iter()
            .map(|(n, (c, k))| (n.as_str(), c.as_deref(), *k))
            .collect();
        chosen.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        let total = chosen.len();
        chosen.truncate(MAX_GRAPH_PEOPLE);
        chosen.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        if chosen.is_empty() {
            out.push_str("<p class=\"empty\">No named participants yet.</p>\n</section>\n");
            return;
        }
        // Countries with the most people first: they get the most distinct colours.
        let mut per_country: BTreeMap<&str, usize> = BTreeMap::new();
        for c in chosen.iter().filter_map(|c| c.1) {
            *per_country.entry(c).or_default() += 1;
        }
        let mut countries: Vec<(&str, usize)> = per_country.into_iter().collect();
        countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let countries: Vec<&str> = countries.into_iter().map(|c| c.0).collect();
        let colour = |c: Option<&str>| match c {
            Some(c) => PALETTE[countries.iter().position(|x| *x == c).unwrap_or(0) % PALETTE.len()],
            None => "#9aa5b1",
        };
        // A small circle for a few people, so the picture is not mostly empty.
        let r: f64 = if chosen.len() <= 3 {
            110.0
        } else if chosen.len() <= 8 {
            170.0
        } else {
            230.0
        };
        // Room for names on both sides of the circle.
        let (w, h) = (2.0 * r + 380.0, 2.0 * r + 170.0);
        let (cx, cy) = (w / 2.0, h / 2.0);
        let n = chosen.len() as f64;
        let pos: BTreeMap<&str, (f64, f64, f64)> = chosen
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let a = -PI / 2.0 + 2.0 * PI * i as f64 / n;
                (c.0, (cx + r * a.cos(), cy + r * a.sin(), a))
            })
            .collect();
        let _ = writeln!(
        out,
        "<svg class=\"net\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"People linked by the events they share\" \
         xmlns=\"http://www.w3.org/2000/svg\">"
    );
        // Edges under nodes: a curve bent toward the centre, width by number of events.
        for ((a, b), evs) in pairs {
            let (Some(&(x1, y1, _)), Some(&(x2, y2, _))) =
                (pos.get(a.as_str()), pos.get(b.as_str()))
            else {
                continue;
            };
            let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
            let (qx, qy) = (cx + (mx - cx) * 0.45, cy + (my - cy) * 0.45);
            let kinds: BTreeSet<EventType> = evs.iter().map(|e| e.1).collect();
            let class = if kinds.len() == 1 {
                format!("t-{}", evs[0].1.name())
            } else {
                "t-mixed".into()
            };
            let width = (1.5 + (evs.len() as f64 - 1.0) * 1.5).min(9.0);
            let _ = write!(
            out,
            "<path class=\"edge {class}\" d=\"M{x1:.1} {y1:.1} Q{qx:.1} {qy:.1} {x2:.1} {y2:.1}\" stroke-width=\"{width:.1}\"><title>"
        );
            esc(
                out,
                &format!("{a} — {b}: {}", count(evs.len(), "event", "events")),
            );
            for (date, kind) in evs {
                out.push('\n');
                esc(
                    out,
                    &format!("{} · {}", self.dates[*date as usize], type_name(*kind)),
                );
            }
            out.push_str("</title></path>\n");
        }
        for (name, country, k) in &chosen {
            let (x, y, a) = pos[name];
            let radius = 5.0 + 2.5 * (*k as f64).sqrt();
            let _ = write!(
            out,
            "<g class=\"node\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"{}\"><title>",
            colour(*country)
        );
            esc(
                out,
                &format!(
                    "{name} ({}) · {}",
                    country.unwrap_or("?"),
                    count(*k, "event", "events")
                ),
            );
            let (lx, ly) = (x + (radius + 6.0) * a.cos(), y + (radius + 6.0) * a.sin());
            let anchor = if a.cos() > 0.25 {
                "start"
            } else if a.cos() < -0.25 {
                "end"
            } else {
                "middle"
            };
            let dy = if a.sin() < -0.5 {
                -4.0
            } else if a.sin() > 0.5 {
                12.0
            } else {
                4.0
            };
            let _ = write!(
                out,
                "</title></circle><text x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">",
                ly + dy
            );
            esc(out, name);
            out.push_str("</text></g>\n");
        }
        out.push_str("</svg>\n<p class=\"key\">");
        for c in &countries {
            let _ = write!(
                out,
                "<span><i style=\"background:{}\"></i>",
                colour(Some(c))
            );
            esc(out, c);
            out.push_str("</span> ");
        }
        if chosen.iter().any(|c| c.1.is_none()) {
            out.push_str("<span><i style=\"background:#9aa5b1\"></i>unknown</span> ");
        }
        if total > chosen.len() {
            let _ = write!(
                out,
                "<span class=\"more\">showing the {} most active of {total} people</span>",
                chosen.len()
            );
        }
        out.push_str("</p>\n</section>\n");
    }
}

// ---------------------------------------------------------------------------------------
// The fixed parts of the page

const LEGEND: &str = "<div class=\"legend\" aria-label=\"Highlight legend\">\
<label><input type=\"checkbox\" value=\"person\" checked><mark class=\"m m-person\">Person</mark></label>\
<label><input type=\"checkbox\" value=\"title\" checked><mark class=\"m m-title\">Title</mark></label>\
<label><input type=\"checkbox\" value=\"country\" checked><mark class=\"m m-country\">Country</mark></label>\
<label><input type=\"checkbox\" value=\"location\" checked><mark class=\"m m-location\">Place</mark></label>\
<label><input type=\"checkbox\" value=\"organization\" checked><mark class=\"m m-organization\">Organization</mark></label>\
<label><input type=\"checkbox\" value=\"occasion\" checked><mark class=\"m m-occasion\">Occasion</mark></label>\
<label><input type=\"checkbox\" value=\"date\" checked><mark class=\"m m-date\">Date</mark></label>\
<label><input type=\"checkbox\" value=\"quantity\" checked><mark class=\"m m-quantity\">Quantity</mark></label>\
<label><input type=\"checkbox\" value=\"trigger\" checked><mark class=\"m m-trigger\">Event word</mark></label>\
</div>\n";

const HEAD: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Sen">
<title>Sen report</title>
<style>
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f7f7f5;--card:#fff;--accent:#b4432f;
--sans:"Noto Sans","Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;
--serif:"Noto Serif",Georgia,"Times New Roman","Liberation Serif","DejaVu Serif",serif}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 var(--sans)}
nav{position:sticky;top:0;z-index:5;background:#1f2933;color:#fff;display:flex;gap:4px;padding:0 20px;align-items:center}
nav a{color:#e4e7eb;text-decoration:none;padding:10px 12px;font-size:14px}
nav a:hover{background:#323f4b;color:#fff}
nav .brand{font-weight:700;color:#fff;margin-right:12px;letter-spacing:.5px}
main{display:flex;flex-direction:column;gap:22px;max-width:1180px;margin:0 auto;padding:22px 20px 40px}
#overview{order:0}#pictures{order:1}#events{order:2}#articles{order:3}#problems{order:4}
section,header#overview{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px}
h1{margin:0 0 12px;font-size:26px}h1 .brand{color:var(--accent)}
h2{margin:0 0 12px;font-size:19px}
.stats{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:14px}
.stat{background:var(--bg);border-radius:8px;padding:8px 16px;min-width:120px}
.stat b{display:block;font-size:24px;line-height:1.2}.stat span{color:var(--muted);font-size:13px}
.legend{display:flex;flex-wrap:wrap;gap:6px 12px;font-size:13px}
.legend label{cursor:pointer;display:flex;align-items:center;gap:4px}
#pictures{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:22px}
@media (max-width:900px){#pictures{grid-template-columns:1fr}}
svg.net{width:100%;height:auto;display:block}
svg.net text{font:15px var(--sans);fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.net .edge{fill:none;stroke:#9aa5b1;opacity:.75}
svg.net .edge:hover{opacity:1;stroke-width:6}
svg.net circle{stroke:#fff;stroke-width:2}
.key{font-size:12px;color:var(--muted);display:flex;flex-wrap:wrap;gap:10px;margin:6px 0 0}
.key i{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px}
.tl{list-style:none;margin:0;padding:0 0 0 24px;max-height:640px;overflow:auto;background:linear-gradient(var(--line),var(--line)) 8px 0/2px 100% no-repeat}
.tl>li{position:relative;margin:0 0 12px}
.tl>li::before{content:"";position:absolute;left:-23px;top:5px;width:14px;height:14px;border-radius:50%;background:var(--accent);border:3px solid #fff;box-sizing:border-box}
.tl-date{font-weight:700;font-variant-numeric:tabular-nums}
.tl ul{list-style:none;margin:2px 0 0;padding:0}
.tl-ev a{color:inherit;text-decoration:none;display:block;padding:2px 0;font-size:14px}
.tl-ev a:hover{text-decoration:underline}
.tl small{color:var(--muted)}.mod{font-style:italic}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.filters{display:flex;flex-wrap:wrap;gap:14px;align-items:center;margin-bottom:10px;font-size:14px}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid #cbd2d9;border-radius:6px;background:#fff}
#f-count{color:var(--muted);margin-left:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 8px;border-bottom:1px solid var(--line)}
thead th{background:#f0f2f4;position:sticky;top:40px;z-index:1}
th[data-sort]{cursor:pointer;white-space:nowrap}
th[data-sort]::after{content:" ↕";color:#9aa5b1}
th.asc::after{content:" ↑";color:var(--ink)}th.desc::after{content:" ↓";color:var(--ink)}
#events-table td:first-child{white-space:nowrap;font-variant-numeric:tabular-nums}
td.evidence{max-width:380px;color:#3e4c59}
td.evidence q{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden;font-family:var(--serif)}
.sources a{font-size:12px;margin-right:4px}
.cc{font-size:11px;color:var(--muted);border:1px solid #cbd2d9;border-radius:4px;padding:0 3px}
.badge{display:inline-block;color:#fff;border-radius:10px;padding:1px 9px;font-size:12px;white-space:nowrap}
.t-meeting{--t:#2b6cb0}.t-talks{--t:#2f855a}.t-phone_call{--t:#6b46c1}.t-reception{--t:#b7791f}.t-visit{--t:#c53030}
.t-invitation{--t:#b83280}.t-agreement_signing{--t:#2c7a7b}.t-summit_attendance{--t:#4a5568}.t-proposal{--t:#dd6b20}.t-mixed{--t:#9aa5b1}
.badge,.dot{background:var(--t,#616e7c)}
svg.net .edge[class*="t-"]{stroke:var(--t)}
#toc{columns:2 360px;column-gap:56px;margin:0 0 14px;padding-left:24px;font-size:14px}
#toc li{break-inside:avoid;margin:0 0 6px}
#toc small{color:var(--muted)}
details.doc{border-top:1px solid var(--line);padding:10px 0}
details.doc>summary{cursor:pointer;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}
.doc-title{font-weight:600;font-size:16px}.doc-meta{color:var(--muted);font-size:13px}
.doc-info{color:var(--muted);font-size:12px;margin:8px 0}
.text{font:17px/1.75 var(--serif);white-space:pre-wrap;max-width:78ch}
mark.m{background:var(--c);color:inherit;border-radius:3px;padding:0 1px;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark.m[title]{cursor:help}
.m-person{--c:#f9c38a}.m-title{--c:#f3e39a}.m-country{--c:#9fd5f0}.m-location{--c:#b7e4b0}.m-organization{--c:#d7c2ef}
.m-occasion{--c:#f4b3c7}.m-date{--c:#c9d3df}.m-quantity{--c:#e6d2b5}
mark.m-trigger{--c:transparent;border-bottom:2px solid var(--t,#b4432f);font-weight:600}
.legend mark.m-trigger{--t:#b4432f}
.ev:target{background:#fff3bf;outline:2px solid #f0c419}
body.hide-person .text .m-person,body.hide-title .text .m-title,body.hide-country .text .m-country,
body.hide-location .text .m-location,body.hide-organization .text .m-organization,body.hide-occasion .text .m-occasion,
body.hide-date .text .m-date,body.hide-quantity .text .m-quantity{background:none}
body.hide-trigger .text .m-trigger{border-bottom:none;font-weight:inherit}
.doc-body{display:grid;grid-template-columns:minmax(0,78ch) minmax(220px,1fr);gap:28px;align-items:start}
@media (max-width:900px){.doc-body{grid-template-columns:1fr}}
.doc-side{position:sticky;top:52px;font-size:13px;background:var(--bg);border-radius:8px;padding:10px 14px;margin-top:8px}
.doc-side h4{margin:6px 0;font-size:13px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted)}
.doc-side ul,.doc-side ol{margin:0 0 8px;padding-left:18px}
.doc-side li{margin:0 0 7px}
.doc-side small{color:var(--muted)}
.doc-side a{text-decoration:none}
.empty{color:var(--muted);font-style:italic}
footer{max-width:1180px;margin:0 auto 30px;padding:0 20px;color:var(--muted);font-size:12px}
</style>
</head>
<body>
<nav><span class="brand">Sen</span><a href="#overview">Overview</a><a href="#graph">Who met whom</a><a href="#timeline">Timeline</a><a href="#events">Events</a><a href="#articles">Articles</a></nav>
<main>
<section id="articles"><h2>Articles</h2>
<ol id="toc"></ol>
"##;

const SCRIPT: &str = r##"
(function () {
  var body = document.body, errors = [];
  function fail(msg) { errors.push(String(msg)); body.setAttribute("data-errors", errors.join(" | ")); }
  window.addEventListener("error", function (e) { fail(e.message); });
  try {
    var name = document.getElementById("overview").getAttribute("data-name");
    if (name) document.title = "Sen — " + name;

    // Table of contents, from the articles themselves.
    var docs = document.querySelectorAll("details.doc"), toc = document.getElementById("toc");
    var titles = {};
    docs.forEach(function (d) {
      var t = d.querySelector(".doc-title").textContent, m = d.querySelector(".doc-meta").textContent;
      titles[d.getAttribute("data-doc")] = t;
      var li = document.createElement("li"), a = document.createElement("a"), s = document.createElement("small");
      a.href = "#" + d.id; a.textContent = t; s.textContent = " " + m;
      li.appendChild(a); li.appendChild(s); toc.appendChild(li);
    });
    body.setAttribute("data-rendered-articles", String(docs.length));

    // Source links name their article.
    document.querySelectorAll("a.src").forEach(function (a) {
      var t = titles[a.getAttribute("data-doc")];
      a.title = t ? t : a.getAttribute("data-doc");
    });

    // Events: filters and sorting.
    var table = document.getElementById("events-table");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var fType = document.getElementById("f-type"), fCountry = document.getElementById("f-country");
    var fText = document.getElementById("f-text"), fCount = document.getElementById("f-count");
    var types = {}, countries = {};
    rows.forEach(function (r) {
      types[r.getAttribute("data-type")] = r.cells[1].textContent;
      r.getAttribute("data-countries").split(" ").forEach(function (c) { if (c) countries[c] = 1; });
    });
    Object.keys(types).sort().forEach(function (t) { fType.add(new Option(types[t], t)); });
    Object.keys(countries).sort().forEach(function (c) { fCountry.add(new Option(c, c)); });
    function apply() {
      var t = fType.value, c = fCountry.value, q = fText.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var ok = (!t || r.getAttribute("data-type") === t) &&
          (!c || (" " + r.getAttribute("data-countries") + " ").indexOf(" " + c + " ") >= 0) &&
          (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
        r.hidden = !ok; if (ok) shown++;
      });
      fCount.textContent = shown + " of " + rows.length + " events";
    }
    [fType, fCountry].forEach(function (el) { el.addEventListener("change", apply); });
    fText.addEventListener("input", apply);
    apply();
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      if (!th.hasAttribute("data-sort")) return;
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        Array.prototype.forEach.call(heads, function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        function key(r) { var c = r.cells[i]; return c.getAttribute("data-v") || c.textContent; }
        rows.sort(function (a, b) { return (asc ? 1 : -1) * key(a).localeCompare(key(b), "vi"); });
        rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
      });
    });
    body.setAttribute("data-rendered-events", String(rows.length));
    body.setAttribute("data-rendered-timeline", String(document.querySelectorAll(".tl-ev").length));
    body.setAttribute("data-rendered-people", String(document.querySelectorAll("svg.net .node").length));

    // Legend switches highlight types on and off.
    document.querySelectorAll(".legend input").forEach(function (cb) {
      cb.addEventListener("change", function () { body.classList.toggle("hide-" + cb.value, !cb.checked); });
    });

    // A link to an evidence sentence opens its article.
    function openTarget() {
      var id = decodeURIComponent(location.hash.slice(1));
      var el = id && document.getElementById(id);
      if (!el) return;
      var d = el.closest("details");
      if (d && !d.open) { d.open = true; el.scrollIntoView({block: "center"}); }
    }
    window.addEventListener("hashchange", openTarget);
    openTarget();
    body.setAttribute("data-ready", "1");
  } catch (e) {
    fail(e && e.stack ? e.stack : e);
  }
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{sample_corpus_events, sample_document};

    fn corpus(events: &[CorpusEvent]) -> Corpus<'_> {
        Corpus {
            name: "summits",
            events,
            failures: &[],
        }
    }

    /// The escaping as first written, char by char.
    fn esc_by_char(s: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for (i, c) in s.char_indices() {
            let rep = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' | '\n' | '\r' => continue,
                c if (c as u32) < 0x20 || c == '\u{7f}' => "\u{FFFD}",
                _ => continue,
            };
            out.push_str(&s[last..i]);
            out.push_str(rep);
            last = i + c.len_utf8();
        }
        out.push_str(&s[last..]);
        out
    }

    #[test]
    fn eight_byte_test_finds_every_byte_to_look_at() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut w = *b"Ha Noi 1";
                w[pos] = b;
                let want = w
                    .iter()
                    .any(|&c| c < 0x20 || c == 0x7f || b"&<>\"'".contains(&c));
                assert_eq!(html_special(u64::from_le_bytes(w)), want, "{b} at {pos}");
            }
        }
    }

    #[test]
    fn sixteen_byte_test_finds_every_byte_to_replace() {
        for b in 0..=255u8 {
            for pos in 0..16 {
                let mut w = *b"Ha Noi\n\tViet Nam";
                w[pos] = b;
                let want = w.iter().any(|&c| {
                    (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
                        || c == 0x7f
                        || b"&<>\"'".contains(&c)
                });
                if cfg!(target_arch = "x86_64") {
                    assert_eq!(replaced16(&w), want, "{b} at {pos}");
                } else if want {
                    assert!(replaced16(&w), "{b} at {pos}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn escaping_bytes_is_escaping_chars(s in "\\PC*|[\\x00-\\x7f]{0,30}|.*") {
            proptest::prop_assert_eq!(escaped(&s), esc_by_char(&s));
        }
    }

    #[test]
    fn escapes_everything_from_documents() {
        let mut doc = sample_document();
        doc.id = "\"><script>alert(1)</script>".into();
        doc.text.push_str(
            "<script>alert('x')</script> \" onload=\"alert(2)\" <img src=x onerror=alert(3)>\0",
        );
        doc.meta.title = Some("<b>Tiêu đề</b>".into());
        doc.meta.url = Some("javascript:alert(4)".into());
        let mut evs = sample_corpus_events();
        evs[0].participants[0] = "<svg onload=alert(5)>".into();
        evs[0].mentions[0].doc = doc.id.clone();
        let html = report(&[doc], &corpus(&evs));
        for bad in [
            "<script>alert",
            "<img",
            "<svg onload",
            "<b>Tiêu",
            "\" onload=\"",
            "href=\"javascript",
            "\0",
        ] {
            assert!(!html.contains(bad), "{bad:?} left unescaped");
        }
        assert!(html.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot; onload=&quot;alert(2)&quot;"
        ));
        assert!(html.contains("&lt;b&gt;Tiêu đề&lt;/b&gt;"));
        // Exactly the page's own script element.
        assert_eq!(html.matches("<script>").count(), 1);
    }

    #[test]
    fn marks_nest_and_show_canonical_facts() {
        let doc = sample_document();
        let mut out = String::new();
        render_text(&doc, &mut out);
        assert!(out.contains(
            "<mark class=\"m m-person\" title=\"Person: Phạm Minh Chính · Thủ tướng · VN\">Phạm Minh Chính</mark>"
        ));
        assert!(out.contains(
            "<mark class=\"m m-country\" title=\"Country: Malaysia (MY)\">Malaysia</mark>"
        ));
        assert!(out.contains(
            "title=\"Quantity: 18\u{202f}000\u{202f}000\u{202f}000 USD\">18 tỷ USD</mark>"
        ));
        assert!(out.contains("<mark class=\"m m-trigger t-talks\""));
        // The evidence sentence wraps its marks; the text is all there once.
        assert!(
            out.starts_with("<span class=\"ev\" id=\"s-000_kuala-lumpur-0\">(Ngày Nay) - <mark")
        );
        let stripped = strip_tags(&out);
        assert_eq!(stripped, doc.text);
        assert_eq!(out.matches("<mark").count(), out.matches("</mark>").count());
    }

    /// The text of some HTML (entities decoded for the ones `esc` writes).
    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn crossing_marks_are_dropped_not_broken() {
        let mut doc = sample_document();
        // A bogus entity crossing the person and the trigger.
        let s = crate::test_support::find(&doc, "Chính hội", 0);
        doc.layers.entities.push(crate::test_support::entity(
            &doc,
            "Chính hội",
            0,
            EntityLabel::Organization,
            "x",
            None,
        ));
        doc.layers.entities.last_mut().unwrap().span = s;
        let mut out = String::new();
        render_text(&doc, &mut out);
        assert_eq!(strip_tags(&out), doc.text);
        assert!(!out.contains("m-organization"));
    }

    #[test]
    fn corpus_parts() {
        let evs = sample_corpus_events();
        let html = report(&[sample_document()], &corpus(&evs));
        assert_eq!(html.matches("<details class=\"doc\"").count(), 1);
        assert_eq!(html.matches("<tr id=\"event-").count(), 1);
        assert_eq!(html.matches("<g class=\"node\">").count(), 2);
        assert_eq!(html.matches("<path class=\"edge t-talks\"").count(), 1);
        assert!(
            html.contains("href=\"#s-000_kuala-lumpur-0\""),
            "source link to the evidence"
        );
        assert!(
            !html.contains("http://") || !html.contains("src=\"http"),
            "no network resources"
        );
        assert!(html.ends_with("</html>\n"));
    }

    #[test]
    fn emitter_streams_and_commits() {
        let dir = tempfile::tempdir().unwrap();
        let mut em = HtmlEmitter::new(dir.path()).unwrap();
        for _ in 0..3 {
            em.document(&sample_document()).unwrap();
        }
        assert!(!dir.path().join("report.html").exists());
        let evs = sample_corpus_events();
        em.finish(&corpus(&evs)).unwrap();
        let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
        assert_eq!(html.matches("<details class=\"doc\"").count(), 3);
        assert_eq!(
            html.matches(" open>").count(),
            1,
            "only the first article starts open"
        );
    }

    #[test]
    fn renders_in_a_browser_without_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mut hostile = sample_document();
        hostile.id = "../bài <script>".into();
        hostile.text.push_str(
            "<script>document.body.setAttribute('data-pwned','1')</script>\" onload=\"x\"",
        );
        let evs = sample_corpus_events();
        let path = dir.path().join("report.html");
        std::fs::write(&path, report(&[sample_document(), hostile], &corpus(&evs))).unwrap();
        let shot = std::env::temp_dir().join("sen-emit-report-unit.png");
        let Some(dom) = crate::test_support::chromium(&path, &shot) else {
            return;
        };
        let attr = |n| crate::test_support::body_attr(&dom, n);
        assert_eq!(attr("data-errors"), None, "script errors");
        assert_eq!(attr("data-ready").as_deref(), Some("1"));
        assert_eq!(attr("data-rendered-articles").as_deref(), Some("2"));
        assert_eq!(attr("data-rendered-events").as_deref(), Some("1"));
        assert_eq!(attr("data-pwned"), None, "article text ran as script");
        assert!(
            dom.contains("&lt;script&gt;document.body"),
            "the script shows as text"
        );
        assert!(dom.contains("<title>Sen — summits</title>"));
    }
}
