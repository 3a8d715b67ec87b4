//! `DIR/events.csv`: one row per event of the corpus, after the cross-document merge.
//!
//! RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a
//! quote, or a line break, quotes doubled. UTF-8 without a byte-order mark. Lists inside a
//! field (participants, their countries, documents) are joined with `; `; an unknown
//! country is `?`, so the two lists stay aligned. `evidence` holds every distinct sentence
//! that reports the event, one a line.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sen_core::layers::{CorpusEvent, Modality};

use crate::atomic::AtomicFile;
use crate::{Corpus, Emitter};

pub const HEADER: &[&str] = &[
    "id",
    "date",
    "type",
    "cameo",
    "plover",
    "participants",
    "countries",
    "city",
    "country",
    "venue",
    "occasion",
    "modality",
    "documents",
    "evidence",
];

/// Writes `DIR/events.csv`: a row as each corpus event comes, the file in place at
/// `finish`.
pub struct EventsCsvEmitter {
    file: Option<AtomicFile>,
    dest: PathBuf,
}

impl EventsCsvEmitter {
    pub fn new(dir: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let dest = dir.join("events.csv");
        let mut file = AtomicFile::create(&dest)?;
        write_record(&mut file, HEADER.iter().copied())?;
        Ok(EventsCsvEmitter {
            file: Some(file),
            dest,
        })
    }

    fn file(&mut self) -> io::Result<&mut AtomicFile> {
        self.file
            .as_mut()
            .ok_or_else(|| io::Error::other(format!("{} already finished", self.dest.display())))
    }
}

impl Emitter for EventsCsvEmitter {
    fn event(&mut self, event: &CorpusEvent) -> io::Result<()> {
        write_row(self.file()?, event)
    }

    fn finish(&mut self, corpus: &Corpus<'_>) -> io::Result<()> {
        let f = self.file()?;
        for e in corpus.events {
            write_row(f, e)?;
        }
        match self.file.take() {
            Some(f) => f.commit(),
            None => Ok(()),
        }
    }
}

/// The CSV of a list of corpus events, header first.
pub fn write_events(out: &mut impl Write, events: &[CorpusEvent]) -> io::Result<()> {
    write_record(out, HEADER.iter().copied())?;
    events.iter().try_for_each(|e| write_row(out, e))
}

/// Strings already listed in a row (an event told by many articles has many mentions).
type Seen<'a> = HashSet<&'a str, foldhash::fast::FixedState>;

/// Distinct strings in first-seen order: a scan while they are few (the usual one or
/// two documents and sentences), a set once they are many (an event told by thousands of
/// articles).
#[derive(Default)]
struct Distinct<'a> {
    list: Vec<&'a str>,
    seen: Option<Seen<'a>>,
}

impl<'a> Distinct<'a> {
    const SCAN: usize = 16;

    fn push(&mut self, s: &'a str) {
        match &mut self.seen {
            Some(seen) => {
                if seen.insert(s) {
                    self.list.push(s);
                }
            }
            None => {
                if !self.list.contains(&s) {
                    self.list.push(s);
                    if self.list.len() > Self::SCAN {
                        self.seen = Some(self.list.iter().copied().collect());
                    }
                }
            }
        }
    }
}

/// One event's row.
fn write_row(out: &mut impl Write, e: &CorpusEvent) -> io::Result<()> {
    let countries: Vec<&str> = e
        .countries
        .iter()
        .map(|c| c.as_deref().unwrap_or("?"))
        .collect();
    let (mut docs, mut evidence) = (Distinct::default(), Distinct::default());
    for m in &e.mentions {
        docs.push(&m.doc);
        evidence.push(&m.evidence);
    }
    let modality = match e.modality {
        Modality::Happened => "happened",
        Modality::Planned => "planned",
        Modality::Proposed => "proposed",
    };
    let (participants, countries, docs, evidence) = (
        e.participants.join("; "),
        countries.join("; "),
        docs.list.join("; "),
        evidence.list.join("\n"),
    );
    fn opt(o: &Option<String>) -> &str {
        o.as_deref().unwrap_or("")
    }
    write_record(
        out,
        [
            e.id.as_str(),
            opt(&e.date),
            e.kind.name(),
            &e.cameo,
            &e.plover,
            &participants,
            &countries,
            opt(&e.location.city),
            opt(&e.location.country),
            opt(&e.location.venue),
            opt(&e.occasion),
            modality,
            &docs,
            &evidence,
        ],
    )
}

fn write_record<'a>(
    out: &mut impl Write,
    fields: impl IntoIterator<Item = &'a str>,
) -> io::Result<()> {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write_field(out, f)?;
    }
    out.write_all(b"\r\n")
}

fn write_field(out: &mut impl Write, f: &str) -> io::Result<()> {
    // by bytes: the four are ASCII, and UTF-8 has no other byte equal to them
    if !f.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
        return out.write_all(f.as_bytes());
    }
    out.write_all(b"\"")?;
    for (i, part) in f.split('"').enumerate() {
        if i > 0 {
            out.write_all(b"\"\"")?;
        }
        out.write_all(part.as_bytes())?;
    }
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_corpus_events;

    fn csv_of(events: &[CorpusEvent]) -> String {
        let mut v = Vec::new();
        write_events(&mut v, events).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn header_and_row() {
        let out = csv_of(&sample_corpus_events());
        let mut lines = out.split("\r\n");
        assert_eq!(lines.next().unwrap(), HEADER.join(","));
        assert_eq!(
            lines.next().unwrap(),
            "ev-0001,2025-10-26,talks,043,CONSULT,Phạm Minh Chính; Anwar Ibrahim,VN; MY,Kuala Lumpur,MY,,,\
             happened,000_kuala-lumpur,(Ngày Nay) - Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Malaysia \
             Anwar Ibrahim tại Kuala Lumpur."
        );
        assert_eq!(lines.next(), Some(""));
    }

    #[test]
    fn commas_quotes_and_newlines_round_trip() {
        let mut evs = sample_corpus_events();
        let e = &mut evs[0];
        e.occasion = Some("Hội nghị \"Cấp cao\" ASEAN, lần thứ 47".into());
        e.countries[1] = None;
        let mut m2 = e.mentions[0].clone();
        m2.doc = "001_vgp".into();
        m2.evidence = "Hai bên nhất trí:\r\n- nâng cấp quan hệ, \"sớm\"".into();
        e.mentions.push(m2);
        let out = csv_of(&evs);
        // Python's csv module is the reference RFC 4180 reader.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.csv");
        std::fs::write(&path, &out).unwrap();
        let script = r#"
import csv, sys, json
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 2 and all(len(r) == 14 for r in rows), rows
r = rows[1]
assert r[10] == 'Hội nghị "Cấp cao" ASEAN, lần thứ 47', r[10]
assert r[6] == "VN; ?", r[6]
assert r[12] == "000_kuala-lumpur; 001_vgp", r[12]
assert r[13].split("\n")[1:] == ["Hai bên nhất trí:\r", '- nâng cấp quan hệ, "sớm"'], r[13]
"#;
        if !crate::test_support::run_python("csv", script, &[&path]) {
            // Without Python, check the quoting by hand.
            assert!(
                out.contains(",\"Hội nghị \"\"Cấp cao\"\" ASEAN, lần thứ 47\","),
                "{out}"
            );
        }
    }

    #[test]
    fn distinct_keeps_first_seen_order_past_the_scan() {
        let words: Vec<String> = (0..40).map(|n| format!("bài-{}", n % 23)).collect();
        let mut d = Distinct::default();
        for w in &words {
            d.push(w);
        }
        let mut want: Vec<&str> = Vec::new();
        for w in &words {
            if !want.contains(&w.as_str()) {
                want.push(w);
            }
        }
        assert_eq!(d.list, want);
        assert_eq!(d.list.len(), 23);
        assert!(d.seen.is_some());
    }

    #[test]
    fn emitter_writes_at_finish() {
        let dir = tempfile::tempdir().unwrap();
        let mut em = EventsCsvEmitter::new(dir.path()).unwrap();
        em.document(&crate::test_support::sample_document())
            .unwrap();
        assert!(!dir.path().join("events.csv").exists());
        let evs = sample_corpus_events();
        em.finish(&Corpus {
            name: "t",
            events: &evs,
            failures: &[],
        })
        .unwrap();
        let out = std::fs::read_to_string(dir.path().join("events.csv")).unwrap();
        assert_eq!(out.matches("\r\n").count(), 2);
    }
}
