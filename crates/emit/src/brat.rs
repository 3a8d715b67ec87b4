//! brat standoff: `DIR/brat/<doc-id>.txt` + `.ann`, for annotators who review and correct.
//!
//! The `.txt` is the normalized text; offsets in the `.ann` count **characters** of it, as
//! brat does. What each line holds:
//!
//! - `T` — a text-bound annotation: entities (Person, Title, Country, Location,
//!   Organization, Occasion), Date, Quantity, and event triggers (typed by the event).
//!   A span that crosses a line break is written as fragments (`0 5;6 12`), as brat wants.
//! - `E` — an event: `Talks:T9 Agent:T2 Counterpart:T5 Date:T7 Location:T6 Occasion:T8`.
//!   A role used twice is numbered (`Counterpart2`), brat's convention for `Role*`.
//! - `A` — the modality of an event (`Modality E1 Planned`).
//! - `N` — a link to a knowledge base: `ISO3166:VN` for a country, `SenPerson:p1` for a
//!   person of the document, `SenOrg:<id>` for an organization.
//! - `#` — annotator notes: canonical form, title, rank, resolved date, CAMEO code, …
//!
//! `annotation.conf`, `visual.conf` and `tools.conf` are written next to the files at
//! `finish`, so the folder opens in brat as it is.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use sen_core::layers::{EntityLabel, EventType, Modality};
use sen_core::{Document, Span};

use crate::atomic::safe_file_name;
use crate::charpos::CharIndex;
use crate::{Corpus, DocFolder, Emitter};

/// Writes `.txt` + `.ann` per document and the brat configuration into a hidden folder
/// that becomes `DIR/brat/` at `finish`.
pub struct BratEmitter {
    folder: DocFolder,
    /// Participant roles met so far (a handful), declared in `annotation.conf`.
    roles: BTreeSet<String>,
}

impl BratEmitter {
    /// Each file appears in `DIR/brat/` as it is written (see [`crate::emitter`] for
    /// the folder of a run, which appears whole at `finish`).
    pub fn new(dir: &Path) -> io::Result<Self> {
        let roles = BASE_ROLES.iter().map(|r| r.to_string()).collect();
        Ok(BratEmitter {
            folder: DocFolder::direct(dir.join("brat"))?,
            roles,
        })
    }

    /// The folder appears whole (replacing an earlier one) at `finish`, as a run writes it.
    pub fn staged(dir: &Path) -> io::Result<Self> {
        let roles = BASE_ROLES.iter().map(|r| r.to_string()).collect();
        Ok(BratEmitter {
            folder: DocFolder::staged(dir.join("brat"))?,
            roles,
        })
    }
}

impl Emitter for BratEmitter {
    fn renderer(&self) -> Option<crate::Renderer> {
        Some(std::sync::Arc::new(move |doc: &Document| {
            let mut buf = String::new();
            let mut roles = BTreeSet::new();
            write_ann(doc, &mut buf, &mut roles);
            Ok(crate::Piece {
                files: vec![
                    (safe_file_name(&doc.id, "txt"), doc.text.as_bytes().to_vec()),
                    (safe_file_name(&doc.id, "ann"), buf.into_bytes()),
                ],
                names: roles.into_iter().collect(),
                ..Default::default()
            })
        }))
    }

    fn write(&mut self, piece: crate::Piece) -> io::Result<()> {
        self.roles.extend(piece.names);
        self.folder.write(piece.files)
    }

    fn finish(&mut self, _corpus: &Corpus<'_>) -> io::Result<()> {
        self.folder
            .file("annotation.conf", annotation_conf(&self.roles).as_bytes())?;
        self.folder.file("visual.conf", VISUAL_CONF.as_bytes())?;
        self.folder.file("tools.conf", TOOLS_CONF.as_bytes())?;
        self.folder.commit()
    }
}

/// The `.ann` of a document (the roles it uses are added to `roles`).
pub fn document_ann(doc: &Document) -> String {
    let mut out = String::new();
    write_ann(doc, &mut out, &mut BTreeSet::new());
    out
}

/// Roles declared even before a document uses them (the events plugin's vocabulary).
const BASE_ROLES: &[&str] = &[
    "Agent",
    "Counterpart",
    "Host",
    "Visitor",
    "Inviter",
    "Invitee",
    "Participant",
];

const ENTITY_TYPES: &[&str] = &[
    "Person",
    "Title",
    "Country",
    "Location",
    "Organization",
    "Occasion",
    "Date",
    "Quantity",
];

fn entity_type(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Person => "Person",
        EntityLabel::Title => "Title",
        EntityLabel::Country => "Country",
        EntityLabel::Location => "Location",
        EntityLabel::Organization => "Organization",
        EntityLabel::Occasion => "Occasion",
    }
}

fn event_type(kind: EventType) -> &'static str {
    match kind {
        EventType::Meeting => "Meeting",
        EventType::Talks => "Talks",
        EventType::PhoneCall => "PhoneCall",
        EventType::Reception => "Reception",
        EventType::Visit => "Visit",
        EventType::Invitation => "Invitation",
        EventType::AgreementSigning => "AgreementSigning",
        EventType::SummitAttendance => "SummitAttendance",
        EventType::Proposal => "Proposal",
    }
}

fn modality(m: Modality) -> &'static str {
    match m {
        Modality::Happened => "Happened",
        Modality::Planned => "Planned",
        Modality::Proposed => "Proposed",
    }
}

/// `counterpart` → `Counterpart`; brat argument names are letters and digits.
fn role_name(role: &str) -> String {
    // A role in another script cannot be spelled in ASCII: it stays a plain participant.
    if !role
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '))
    {
        return "Participant".to_string();
    }
    let mut out = String::new();
    for part in role
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(cs);
        }
    }
    // Digits would read as brat's repeat counter (`Agent2`); a name must start with a letter.
    let out: String = out
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string();
    if out.is_empty() || !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        "Participant".to_string()
    } else {
        out
    }
}

/// The pieces one after the other (what `format!` would make of them, without its
/// machinery: a line of brat has many small pieces).
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

fn push_num(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// `T12`, `E3`, …
fn push_id(out: &mut String, letter: char, n: usize) {
    out.push(letter);
    push_num(out, n);
}

/// A cheap hasher for the small maps of one document (keys are our own spans and ids:
/// no untrusted flooding to fear, and iteration order is never used).
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// Who a note is about: a `T` or an `E` line, by number.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    T(usize),
    E(usize),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::T(n) => write!(f, "T{n}"),
            Target::E(n) => write!(f, "E{n}"),
        }
    }
}

/// Allocates `T` ids, one per (type, span).
struct TextBound<'a> {
    doc: &'a Document,
    lines: Vec<(&'static str, Span)>,
    ids: FxMap<(&'static str, Span), usize>,
}

impl<'a> TextBound<'a> {
    fn id(&mut self, kind: &'static str, span: Span) -> usize {
        *self.ids.entry((kind, span)).or_insert_with(|| {
            self.lines.push((kind, span));
            self.lines.len()
        })
    }

    /// Any `T` already on this span (entity of any type), else a new one of `kind`.
    fn on_span(&mut self, kind: &'static str, span: Span, prefer: &[&'static str]) -> usize {
        for k in prefer {
            if let Some(&id) = self.ids.get(&(*k, span)) {
                return id;
            }
        }
        self.id(kind, span)
    }

    fn valid(&self, span: Span) -> bool {
        !span.is_empty()
            && span.end <= self.doc.text.len()
            && self.doc.text.is_char_boundary(span.start)
            && self.doc.text.is_char_boundary(span.end)
    }
}

/// Fragments of a span split at line breaks, without empty ones, in bytes.
fn fragments(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in text[span.start..span.end].char_indices() {
        let at = span.start + i;
        if c == '\n' || c == '\r' {
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + c.len_utf8();
        }
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    out
}

fn write_ann(doc: &Document, out: &mut String, roles: &mut BTreeSet<String>) {
    let l = &doc.layers;
    let mut tb = TextBound {
        doc,
        lines: Vec::new(),
        ids: FxMap::default(),
    };
    let mut notes: Vec<(Target, String)> = Vec::new();
    let mut norms: Vec<(usize, String, String)> = Vec::new();

    for e in &l.entities {
        if !tb.valid(e.span) {
            continue;
        }
        let t = tb.id(entity_type(e.label), e.span);
        let mut note = Vec::new();
        if e.canonical != doc.slice(e.span) {
            note.push(e.canonical.clone());
        }
        note.extend(e.attrs.iter().map(|(k, v)| concat(&[k, ": ", v])));
        if !note.is_empty() {
            notes.push((Target::T(t), note.join("; ")));
        }
        if let Some(kb) = &e.kb_id {
            let db = match e.label {
                EntityLabel::Country => "ISO3166",
                EntityLabel::Person => "SenPerson",
                _ => "SenOrg",
            };
            norms.push((t, concat(&[db, ":", kb]), e.canonical.clone()));
        }
    }
    for d in &l.dates {
        if tb.valid(d.span) {
            let t = tb.id("Date", d.span);
            notes.push((Target::T(t), d.value.clone()));
        }
    }
    for q in &l.quantities {
        if tb.valid(q.span) {
            let t = tb.id("Quantity", q.span);
            notes.push((Target::T(t), format!("{} {}", q.value, q.unit)));
        }
    }
    // People: the name, titles and country on the first mention that is a Person T.
    for p in &l.people {
        if let Some(&m) = p
            .mentions
            .iter()
            .find(|m| tb.ids.contains_key(&("Person", **m)))
        {
            let t = tb.ids[&("Person", m)];
            let mut note = vec![p.name.clone()];
            note.extend(p.titles.iter().cloned());
            note.extend(p.country.iter().map(|c| concat(&["country: ", c])));
            notes.push((Target::T(t), note.join("; ")));
        }
    }

    let mut events = String::new();
    let mut attrs = String::new();
    for (k, ev) in l.events.iter().enumerate() {
        if !tb.valid(ev.trigger) {
            continue;
        }
        let e = k + 1;
        let kind = event_type(ev.kind);
        let trigger = tb.id(kind, ev.trigger);
        push_id(&mut events, 'E', e);
        events.push('\t');
        events.push_str(kind);
        events.push_str(":T");
        push_num(&mut events, trigger);
        let mut used: FxMap<String, usize> = FxMap::default();
        let mut arg = |events: &mut String, role: String, t: usize| {
            let n = used.entry(role.clone()).or_insert(0);
            *n += 1;
            events.push(' ');
            events.push_str(&role);
            if *n > 1 {
                push_num(events, *n);
            }
            events.push_str(":T");
            push_num(events, t);
        };
        for part in &ev.participants {
            let Some(person) = l.people.iter().find(|p| p.id == part.person) else {
                continue;
            };
            // The mention in the evidence sentence closest to the trigger, else the first.
            let near = person
                .mentions
                .iter()
                .filter(|m| ev.evidence.contains(**m) && tb.valid(**m))
                .min_by_key(|m| m.start.abs_diff(ev.trigger.start));
            let Some(&m) = near.or_else(|| person.mentions.iter().find(|m| tb.valid(**m))) else {
                continue;
            };
            let t = tb.on_span("Person", m, &["Person"]);
            let role = role_name(&part.role);
            roles.insert(role.clone());
            arg(&mut events, role, t);
        }
        if let Some(s) = ev.date_span.filter(|s| tb.valid(*s)) {
            arg(&mut events, "Date".into(), tb.on_span("Date", s, &["Date"]));
        }
        if let Some(s) = ev.location.span.filter(|s| tb.valid(*s)) {
            arg(
                &mut events,
                "Location".into(),
                tb.on_span("Location", s, &["Location", "Country"]),
            );
        }
        if let Some(occ) = &ev.occasion {
            // The occasion's mention: in the evidence if there, else anywhere in the document.
            let named = |e: &&sen_core::layers::Entity| {
                e.label == EntityLabel::Occasion && &e.canonical == occ
            };
            let m = l
                .entities
                .iter()
                .filter(named)
                .find(|e| ev.evidence.contains(e.span));
            if let Some(o) = m
                .or_else(|| l.entities.iter().find(named))
                .filter(|o| tb.valid(o.span))
            {
                arg(
                    &mut events,
                    "Occasion".into(),
                    tb.on_span("Occasion", o.span, &["Occasion"]),
                );
            }
        }
        events.push('\n');
        push_id(&mut attrs, 'A', e);
        attrs.push_str("\tModality ");
        push_id(&mut attrs, 'E', e);
        attrs.push(' ');
        attrs.push_str(modality(ev.modality));
        attrs.push('\n');
        let mut note = Vec::new();
        note.extend(ev.date.iter().map(|d| concat(&["date: ", d])));
        let place: Vec<&str> = [&ev.location.venue, &ev.location.city, &ev.location.country]
            .into_iter()
            .filter_map(|x| x.as_deref())
            .collect();
        if !place.is_empty() {
            note.push(concat(&["location: ", &place.join(", ")]));
        }
        note.extend(ev.occasion.iter().map(|o| concat(&["occasion: ", o])));
        note.push(concat(&["CAMEO ", &ev.cameo, " ", &ev.plover]));
        notes.push((Target::E(e), note.join("; ")));
    }

    // Character offsets of every span boundary, in one pass over the text.
    let frags: Vec<Vec<Span>> = tb
        .lines
        .iter()
        .map(|(_, s)| fragments(&doc.text, *s))
        .collect();
    let idx = CharIndex::new(
        doc.text.as_bytes(),
        frags.iter().flatten().flat_map(|f| [f.start, f.end]),
    );
    for (i, ((kind, _), fr)) in tb.lines.iter().zip(&frags).enumerate() {
        push_id(out, 'T', i + 1);
        out.push('\t');
        out.push_str(kind);
        out.push(' ');
        for (j, f) in fr.iter().enumerate() {
            if j > 0 {
                out.push(';');
            }
            push_num(out, idx.get(f.start));
            out.push(' ');
            push_num(out, idx.get(f.end));
        }
        out.push('\t');
        for (j, f) in fr.iter().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            out.push_str(doc.slice(*f));
        }
        out.push('\n');
    }
    out.push_str(&events);
    out.push_str(&attrs);
    for (k, (t, db, name)) in norms.iter().enumerate() {
        push_id(out, 'N', k + 1);
        out.push_str("\tReference ");
        push_id(out, 'T', *t);
        out.push(' ');
        out.push_str(db);
        out.push('\t');
        crate::one_line::push(out, name);
        out.push('\n');
    }
    // brat shows one note per annotation: merge the notes of a target, first-seen order.
    let mut merged: Vec<(Target, String)> = Vec::with_capacity(notes.len());
    let mut at: FxMap<Target, usize> = FxMap::default();
    for (target, note) in notes {
        match at.get(&target) {
            Some(&i) => {
                merged[i].1.push_str("; ");
                merged[i].1.push_str(&note);
            }
            None => {
                at.insert(target, merged.len());
                merged.push((target, note));
            }
        }
    }
    for (k, (target, note)) in merged.iter().enumerate() {
        push_id(out, '#', k + 1);
        out.push_str("\tAnnotatorNotes ");
        match *target {
            Target::T(n) => push_id(out, 'T', n),
            Target::E(n) => push_id(out, 'E', n),
        }
        out.push('\t');
        crate::one_line::push(out, note);
        out.push('\n');
    }
}

fn annotation_conf(roles: &BTreeSet<String>) -> String {
    let mut out = String::from(
        "# brat configuration for Sen's summits annotations (written by `sen run`).\n\n[entities]\n\n",
    );
    for t in ENTITY_TYPES {
        let _ = writeln!(out, "{t}");
    }
    out.push_str(
        "\n[relations]\n\n# Nested mentions (a country inside a summit name) may overlap.\n",
    );
    out.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n");
    let mut args: Vec<String> = roles.iter().map(|r| format!("{r}*:Person")).collect();
    args.push("Date?:Date".into());
    args.push("Location?:Location|Country".into());
    args.push("Occasion?:Occasion".into());
    let args = args.join(", ");
    for kind in EventType::ALL {
        let _ = writeln!(out, "{}\t{args}", event_type(kind));
    }
    out.push_str("\n[attributes]\n\nModality\tArg:<EVENT>, Value:Happened|Planned|Proposed\n");
    out
}

const VISUAL_CONF: &str = "\
# Colours match the HTML report's legend.

[labels]

Person | Person | Per
Title | Title | Tit
Country | Country | Ctry
Location | Location | Loc
Organization | Organization | Org
Occasion | Occasion | Occ
Date | Date
Quantity | Quantity | Qty
Meeting | Meeting | Meet
Talks | Talks
PhoneCall | Phone call | Call
Reception | Reception | Rec
Visit | Visit
Invitation | Invitation | Inv
AgreementSigning | Agreement signing | Sign
SummitAttendance | Summit attendance | Summit
Proposal | Proposal | Prop

[drawing]

Person\tbgColor:#f9c38a
Title\tbgColor:#f3e39a
Country\tbgColor:#9fd5f0
Location\tbgColor:#b7e4b0
Organization\tbgColor:#d7c2ef
Occasion\tbgColor:#f4b3c7
Date\tbgColor:#c9d3df
Quantity\tbgColor:#e6d2b5
SPAN_DEFAULT\tfgColor:black, bgColor:lightgray, borderColor:darken
ARC_DEFAULT\tcolor:black, arrowHead:triangle-5
Modality\tposition:left, glyph:✓|↻|?
";

const TOOLS_CONF: &str = "\
# Knowledge bases the `N` lines of the .ann files point into.

[normalization]

ISO3166\t<URL>:https://www.iso.org/obp/ui/, <URLBASE>:https://www.iso.org/obp/ui/#iso:code:3166:%s
SenPerson\t<URL>:https://github.com/sen-nlp/sen
SenOrg\t<URL>:https://github.com/sen-nlp/sen
";

/// Re-read an `.ann` against its `.txt`: every span's text equals the quoted text, and
/// every id an `E`, `A`, `N` or `#` line names is defined before it. For tests and for
/// checking files after hand edits.
pub fn verify(txt: &str, ann: &str) -> Result<(), String> {
    let chars: Vec<char> = txt.chars().collect();
    let mut ids = BTreeSet::new();
    for line in ann.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |why: &str| Err(format!("{why}: {line}"));
        if f.len() < 2 || f[0].is_empty() {
            return bad("not a brat line");
        }
        match &f[0][..1] {
            "T" => {
                let Some((_kind, ranges)) = f[1].split_once(' ') else {
                    return bad("no type");
                };
                if f.len() != 3 {
                    return bad("no quoted text");
                }
                let mut parts = Vec::new();
                for r in ranges.split(';') {
                    let range = r.split_once(' ').and_then(|(a, b)| {
                        Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?))
                    });
                    match range {
                        Some((a, b)) if a < b && b <= chars.len() => {
                            parts.push(chars[a..b].iter().collect::<String>())
                        }
                        _ => return bad("bad offsets"),
                    }
                }
                if parts.join(" ") != f[2] {
                    return bad(&format!("the text at the offsets is {:?}", parts.join(" ")));
                }
            }
            "E" => {
                for arg in f[1].split(' ') {
                    match arg.split_once(':') {
                        Some((_, t)) if ids.contains(t) => {}
                        _ => return bad(&format!("argument {arg} is not defined before")),
                    }
                }
            }
            "A" | "N" | "#" => match f[1].split(' ').nth(1) {
                Some(t) if ids.contains(t) => {}
                _ => return bad("target not defined before"),
            },
            _ => return bad("unknown annotation kind"),
        }
        ids.insert(f[0].to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_document;

    #[test]
    fn sample_ann_lines() {
        let doc = sample_document();
        let ann = document_ann(&doc);
        verify(&doc.text, &ann).unwrap();
        assert!(ann.contains("\tPerson 23 38\tPhạm Minh Chính\n"), "{ann}");
        assert!(
            ann.contains("\tReference T4 ISO3166:MY\tMalaysia\n"),
            "{ann}"
        );
        let e = ann.lines().find(|l| l.starts_with("E1\t")).unwrap();
        assert!(e.starts_with("E1\tTalks:T"), "{e}");
        for role in [" Agent:T2", " Counterpart:T5", " Date:T", " Location:T6"] {
            assert!(e.contains(role), "{role} in {e}");
        }
        assert!(ann.contains("A1\tModality E1 Happened\n"));
        assert!(ann.contains("AnnotatorNotes T8\t2025-10-26\n"), "{ann}");
    }

    #[test]
    fn spans_across_lines_become_fragments() {
        let mut doc = Document::from_text("x", "Hội nghị Cấp cao\nASEAN lần thứ 47");
        doc.layers.entities.push(sen_core::layers::Entity {
            span: Span::new(0, doc.text.len()),
            label: EntityLabel::Occasion,
            canonical: "Hội nghị Cấp cao ASEAN lần thứ 47".into(),
            kb_id: None,
            attrs: Default::default(),
        });
        let ann = document_ann(&doc);
        assert!(
            ann.starts_with("T1\tOccasion 0 16;17 33\tHội nghị Cấp cao ASEAN lần thứ 47\n"),
            "{ann}"
        );
        verify(&doc.text, &ann).unwrap();
    }

    #[test]
    fn role_names_are_brat_names() {
        assert_eq!(role_name("counterpart"), "Counterpart");
        assert_eq!(role_name("co_host"), "CoHost");
        assert_eq!(role_name("agent2"), "Agent");
        assert_eq!(role_name("người"), "Participant");
    }

    #[test]
    fn emitter_writes_files_and_conf() {
        let dir = tempfile::tempdir().unwrap();
        let mut em = BratEmitter::new(dir.path()).unwrap();
        let doc = sample_document();
        em.document(&doc).unwrap();
        em.finish(&Corpus {
            name: "t",
            events: &[],
            failures: &[],
        })
        .unwrap();
        let b = dir.path().join("brat");
        let txt = std::fs::read_to_string(b.join("000_kuala-lumpur.txt")).unwrap();
        assert_eq!(txt, doc.text);
        verify(
            &txt,
            &std::fs::read_to_string(b.join("000_kuala-lumpur.ann")).unwrap(),
        )
        .unwrap();
        let conf = std::fs::read_to_string(b.join("annotation.conf")).unwrap();
        assert!(conf.contains("Talks\tAgent*:Person, "), "{conf}");
        assert!(conf.contains("Modality\tArg:<EVENT>"));
        assert!(b.join("visual.conf").exists() && b.join("tools.conf").exists());
    }
}
