//! What a streaming corpus stage lets go of, kept on disk instead of in memory.
//!
//! A streaming corpus stage (such as `merge_events`) hands each event's mentions back:
//! they go to a [`MentionStore`], a file where each output event's mentions form a chain
//! of chunks read back when the event is written, and the output events it lets go of
//! wait in a [`Settled`] file. Memory holds the stage's own state, sixteen bytes per
//! output event and at most a few megabytes of mentions waiting for their chunk.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use sen_core::layers::{CorpusEvent, EventMention, EventType, Modality, Place};

/// An anonymous temporary file in `dir` (gone when closed, even after a crash).
fn scratch(dir: &Path) -> io::Result<File> {
    tempfile::tempfile_in(dir)
}

/// Where an output event's last chunk of mentions is (`len` 0: none yet).
#[derive(Clone, Copy, Default)]
struct Chunk {
    at: u64,
    len: u32,
}

/// Mentions waiting in memory for their chunk, all events together, at most.
const BUFFERED: usize = 1 << 20;
/// A chunk is written once an event has this many bytes of mentions waiting.
const CHUNK: usize = 64 << 10;

/// Mentions of output events, written in chunks: each chunk holds mentions of one event
/// (in input order), after where that event's previous chunk is (offset and length, so
/// reading one back is one read). Mentions wait in memory per event until the event has
/// a chunk's worth or all the waiting ones pass [`BUFFERED`].
pub(crate) struct MentionStore {
    out: BufWriter<File>,
    written: u64,
    /// Each output event's last chunk.
    last: Vec<Chunk>,
    /// Mentions waiting, encoded, by event.
    waiting: std::collections::HashMap<usize, Vec<u8>, foldhash::fast::FixedState>,
    buffered: usize,
}

impl MentionStore {
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(MentionStore {
            out: BufWriter::with_capacity(1 << 16, scratch(dir)?),
            written: 0,
            last: Vec::new(),
            waiting: std::collections::HashMap::default(),
            buffered: 0,
        })
    }

    pub fn push(&mut self, event: usize, mention: &EventMention) -> io::Result<()> {
        if self.last.len() <= event {
            self.last.resize(event + 1, Chunk::default());
        }
        let w = self.waiting.entry(event).or_default();
        let before = w.len();
        encode(mention, w);
        self.buffered += w.len() - before;
        if w.len() >= CHUNK {
            let w = self.waiting.remove(&event).expect("just filled");
            self.buffered -= w.len();
            self.write_chunk(event, &w)?;
        } else if self.buffered > BUFFERED {
            self.flush()?;
        }
        Ok(())
    }

    fn write_chunk(&mut self, event: usize, mentions: &[u8]) -> io::Result<()> {
        let prev = self.last[event];
        self.out.write_all(&prev.at.to_le_bytes())?;
        self.out.write_all(&prev.len.to_le_bytes())?;
        self.out.write_all(mentions)?;
        let len = u32::try_from(12 + mentions.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "mention over 4 GiB"))?;
        self.last[event] = Chunk {
            at: self.written,
            len,
        };
        self.written += u64::from(len);
        Ok(())
    }

    /// Every waiting mention into its chunk, in event order (the file stays the same
    /// whatever the hash map's order).
    fn flush(&mut self) -> io::Result<()> {
        let mut waiting: Vec<(usize, Vec<u8>)> = self.waiting.drain().collect();
        waiting.sort_unstable_by_key(|(e, _)| *e);
        for (event, w) in waiting {
            self.write_chunk(event, &w)?;
        }
        self.buffered = 0;
        Ok(())
    }

    /// Whether any mention of `event` has come (waiting or written).
    pub fn has(&self, event: usize) -> bool {
        self.last.get(event).is_some_and(|c| c.len > 0) || self.waiting.contains_key(&event)
    }

    /// All the mentions of an event none of whose mentions has been written yet (an
    /// event settled soon after its mentions came: they go with it, not into a chunk).
    pub fn take_waiting(&mut self, event: usize) -> io::Result<Option<Vec<EventMention>>> {
        if self.last.get(event).is_some_and(|c| c.len > 0) {
            return Ok(None);
        }
        let Some(w) = self.waiting.remove(&event) else {
            return Ok(Some(Vec::new()));
        };
        self.buffered -= w.len();
        decode_all(&w).map(Some)
    }

    /// Ready to read back.
    pub fn done(mut self) -> io::Result<Mentions> {
        self.flush()?;
        Ok(Mentions {
            file: self.out.into_inner().map_err(|e| e.into_error())?,
            last: self.last,
            buf: Vec::new(),
        })
    }
}

/// A mention as bytes, after its length (u32): `doc`, `event` and `evidence` each as a
/// length (u32) and UTF-8, then the span's start and end (u64); little-endian. Cheaper
/// than JSON both ways.
fn encode(m: &EventMention, out: &mut Vec<u8>) {
    let len = 28 + m.doc.len() + m.event.len() + m.evidence.len();
    out.reserve(4 + len);
    out.extend_from_slice(&(len as u32).to_le_bytes());
    for s in [&m.doc, &m.event, &m.evidence] {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&(m.span.start as u64).to_le_bytes());
    out.extend_from_slice(&(m.span.end as u64).to_le_bytes());
}

fn decode(b: &[u8]) -> io::Result<EventMention> {
    let mut r = Reader(b);
    let (doc, event, evidence) = (r.string()?, r.string()?, r.string()?);
    let span = sen_core::Span::new(r.u64()? as usize, r.u64()? as usize);
    Ok(EventMention {
        doc,
        event,
        evidence,
        span,
    })
}

/// Reads what [`encode`] and [`encode_head`] write.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        let (head, rest) = self
            .0
            .split_at_checked(n)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "broken record"))?;
        self.0 = rest;
        Ok(head)
    }

    fn u8(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn string(&mut self) -> io::Result<String> {
        let n = self.u32()? as usize;
        // checked (the file is ours, but a disk can fail), fast: evidence is Vietnamese
        simdutf8::basic::from_utf8(self.take(n)?)
            .map(str::to_string)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "broken text in a record"))
    }

    fn opt_string(&mut self) -> io::Result<Option<String>> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.string().map(Some),
        }
    }

    /// A count of items that each take at least `least` bytes: never more than the
    /// bytes left allow (a broken count must not reserve gigabytes).
    fn count(&mut self, least: usize) -> io::Result<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(least) > self.0.len() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "broken count"));
        }
        Ok(n)
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_str(out, s);
        }
    }
}

const MODALITIES: [Modality; 3] = [Modality::Happened, Modality::Planned, Modality::Proposed];

/// An event without its mentions, as bytes: cheaper both ways than JSON, which it
/// replaced (the settled events of a run are read back at its end).
fn encode_head(e: &CorpusEvent, out: &mut Vec<u8>) {
    put_str(out, &e.id);
    let kind = EventType::ALL.iter().position(|&k| k == e.kind);
    out.push(kind.expect("every type is in EventType::ALL") as u8);
    put_opt(out, e.date.as_deref());
    out.extend_from_slice(&(e.participants.len() as u32).to_le_bytes());
    for p in &e.participants {
        put_str(out, p);
    }
    out.extend_from_slice(&(e.countries.len() as u32).to_le_bytes());
    for c in &e.countries {
        put_opt(out, c.as_deref());
    }
    let l = &e.location;
    put_opt(out, l.city.as_deref());
    put_opt(out, l.country.as_deref());
    put_opt(out, l.venue.as_deref());
    match l.span {
        None => out.push(0),
        Some(span) => {
            out.push(1);
            out.extend_from_slice(&(span.start as u64).to_le_bytes());
            out.extend_from_slice(&(span.end as u64).to_le_bytes());
        }
    }
    put_opt(out, e.occasion.as_deref());
    out.push(match e.modality {
        Modality::Happened => 0,
        Modality::Planned => 1,
        Modality::Proposed => 2,
    });
    put_str(out, &e.cameo);
    put_str(out, &e.plover);
}

fn decode_head(b: &[u8]) -> io::Result<CorpusEvent> {
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, format!("broken {what}"));
    let mut r = Reader(b);
    let id = r.string()?;
    let kind = *EventType::ALL
        .get(usize::from(r.u8()?))
        .ok_or_else(|| bad("event type"))?;
    let date = r.opt_string()?;
    let n = r.count(4)?;
    let participants = (0..n).map(|_| r.string()).collect::<io::Result<_>>()?;
    let n = r.count(1)?;
    let countries = (0..n).map(|_| r.opt_string()).collect::<io::Result<_>>()?;
    let (city, country, venue) = (r.opt_string()?, r.opt_string()?, r.opt_string()?);
    let span = match r.u8()? {
        0 => None,
        _ => Some(sen_core::Span::new(r.u64()? as usize, r.u64()? as usize)),
    };
    let occasion = r.opt_string()?;
    let modality = *MODALITIES
        .get(usize::from(r.u8()?))
        .ok_or_else(|| bad("modality"))?;
    let (cameo, plover) = (r.string()?, r.string()?);
    if !r.0.is_empty() {
        return Err(bad("event record"));
    }
    Ok(CorpusEvent {
        id,
        kind,
        date,
        participants,
        countries,
        location: Place {
            city,
            country,
            venue,
            span,
        },
        occasion,
        modality,
        cameo,
        plover,
        mentions: Vec::new(),
    })
}

/// A finished [`MentionStore`].
pub(crate) struct Mentions {
    file: File,
    last: Vec<Chunk>,
    /// A chunk being read.
    buf: Vec<u8>,
}

impl Mentions {
    /// The mentions of one output event, in input order.
    pub fn of(&mut self, event: usize) -> io::Result<Vec<EventMention>> {
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "broken mention chunk");
        // each chunk decoded as it is read (into one buffer, which only grows), last first
        let mut parts = Vec::new();
        let mut at = self.last.get(event).copied().unwrap_or_default();
        while at.len > 0 {
            let n = at.len as usize;
            if self.buf.len() < n {
                self.buf.resize(n, 0);
            }
            let chunk = &mut self.buf[..n];
            self.file.read_exact_at(chunk, at.at)?;
            let head = chunk.get(..12).ok_or_else(bad)?;
            at = Chunk {
                at: u64::from_le_bytes(head[..8].try_into().expect("8 bytes")),
                len: u32::from_le_bytes(head[8..].try_into().expect("4 bytes")),
            };
            parts.push(decode_all(&chunk[12..])?);
        }
        if parts.len() <= 1 {
            return Ok(parts.pop().unwrap_or_default());
        }
        let mut v = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts.into_iter().rev() {
            v.extend(part);
        }
        Ok(v)
    }
}

/// Mentions one after the other, each with its length first.
fn decode_all(mut rest: &[u8]) -> io::Result<Vec<EventMention>> {
    let bad = || io::Error::new(io::ErrorKind::InvalidData, "broken mention chunk");
    let mut v = Vec::new();
    while !rest.is_empty() {
        let (n, tail) = rest.split_at_checked(4).ok_or_else(bad)?;
        let n = u32::from_le_bytes(n.try_into().map_err(|_| bad())?) as usize;
        let (body, tail) = tail.split_at_checked(n).ok_or_else(bad)?;
        v.push(decode(body)?);
        rest = tail;
    }
    Ok(v)
}

/// Output events a stage has let go of, in increasing index, waiting for the end.
///
/// A record: the index (u64), whether the event carries its mentions (u8), the event
/// without its mentions as [`encode_head`] writes it (length u32 first), then its
/// mentions as the [`MentionStore`] writes them (length u32 first); little-endian.
pub(crate) struct Settled {
    out: BufWriter<File>,
    /// One record, reused.
    buf: Vec<u8>,
}

impl Settled {
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(Settled {
            out: BufWriter::with_capacity(1 << 16, scratch(dir)?),
            buf: Vec::new(),
        })
    }

    /// An event; `complete` when it carries all its mentions (else they are in the
    /// [`MentionStore`]).
    pub fn push(&mut self, index: usize, mut event: CorpusEvent, complete: bool) -> io::Result<()> {
        let mentions = std::mem::take(&mut event.mentions);
        let b = &mut self.buf;
        b.clear();
        b.extend_from_slice(&(index as u64).to_le_bytes());
        b.push(u8::from(complete));
        b.extend_from_slice(&[0; 4]);
        encode_head(&event, b);
        let head = u32::try_from(b.len() - 13)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "event over 4 GiB"))?;
        b[9..13].copy_from_slice(&head.to_le_bytes());
        let at = b.len();
        b.extend_from_slice(&[0; 4]);
        for m in &mentions {
            encode(m, b);
        }
        let len = u32::try_from(b.len() - at - 4)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "mentions over 4 GiB"))?;
        b[at..at + 4].copy_from_slice(&len.to_le_bytes());
        self.out.write_all(b)
    }

    /// The events back, in the order they were pushed, each with whether it is complete.
    pub fn read(self) -> io::Result<impl Iterator<Item = io::Result<(usize, Held)>>> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let mut r = BufReader::with_capacity(1 << 16, file);
        let mut buf = Vec::new();
        Ok(std::iter::from_fn(move || {
            // the end of the file, or a record
            match r.fill_buf() {
                Ok([]) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
            Some(read_record(&mut r, &mut buf))
        }))
    }
}

fn read_record(r: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<(usize, Held)> {
    let mut head = [0u8; 13];
    r.read_exact(&mut head)?;
    let index = u64::from_le_bytes(head[..8].try_into().expect("8 bytes")) as usize;
    let complete = head[8] == 1;
    let head_len = u32::from_le_bytes(head[9..13].try_into().expect("4 bytes"));
    read_n(r, buf, head_len)?;
    let mut event = decode_head(buf)?;
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    read_n(r, buf, u32::from_le_bytes(len))?;
    event.mentions = decode_all(buf)?;
    Ok((index, Held { event, complete }))
}

/// The next `n` bytes into `buf`.
fn read_n(r: &mut impl Read, buf: &mut Vec<u8>, n: u32) -> io::Result<()> {
    buf.clear();
    buf.resize(n as usize, 0);
    r.read_exact(buf)
}

/// An output event waiting for the end; `complete` when it carries its mentions.
pub(crate) struct Held {
    pub event: CorpusEvent,
    pub complete: bool,
}

/// Two lists of (index, event), each in increasing index, as one.
pub(crate) fn by_index<A, B>(a: A, b: B) -> impl Iterator<Item = io::Result<(usize, Held)>>
where
    A: Iterator<Item = io::Result<(usize, Held)>>,
    B: Iterator<Item = (usize, Held)>,
{
    let mut a = a.peekable();
    let mut b = b.peekable();
    std::iter::from_fn(move || {
        let take_a = match (a.peek(), b.peek()) {
            (None, None) => return None,
            (Some(Err(_)), _) | (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(Ok((i, _))), Some((j, _))) => i < j,
        };
        if take_a {
            a.next()
        } else {
            b.next().map(Ok)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sen_core::Span;

    fn mention(doc: &str, n: usize) -> EventMention {
        EventMention {
            doc: doc.into(),
            event: format!("e{n}"),
            evidence: format!("Câu thứ {n}."),
            span: Span::new(n, n + 1),
        }
    }

    #[test]
    fn mentions_come_back_per_event_in_input_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = MentionStore::new(dir.path()).unwrap();
        let plan = [(0, "a"), (2, "b"), (0, "c"), (1, "d"), (0, "e"), (2, "f")];
        for (n, (ev, doc)) in plan.iter().enumerate() {
            s.push(*ev, &mention(doc, n)).unwrap();
        }
        let mut m = s.done().unwrap();
        let mut docs =
            |ev| -> Vec<String> { m.of(ev).unwrap().into_iter().map(|m| m.doc).collect() };
        assert_eq!(docs(0), ["a", "c", "e"]);
        assert_eq!(docs(1), ["d"]);
        assert_eq!(docs(2), ["b", "f"]);
        assert!(docs(7).is_empty());
        assert_eq!(m.of(0).unwrap()[1], mention("c", 2));
    }

    #[test]
    fn settled_events_come_back_as_they_went_in() {
        use sen_core::layers::{EventType, Modality, Place};
        let dir = tempfile::tempdir().unwrap();
        let mut s = Settled::new(dir.path()).unwrap();
        let event = |n: usize, mentions: Vec<EventMention>| CorpusEvent {
            id: format!("ev-{n:04}"),
            kind: EventType::Meeting,
            date: n.is_multiple_of(2).then(|| "2025-10-29".to_string()),
            participants: vec!["Lương Cường".into(), "Donald \"Trump\"\n".into()],
            countries: vec![Some("VN".into()), None],
            location: Place {
                city: Some("Gyeongju".into()),
                country: Some("KR".into()),
                venue: None,
                span: Some(Span::new(3, 9)),
            },
            occasion: None,
            modality: Modality::Planned,
            cameo: "040".into(),
            plover: "CONSULT".into(),
            mentions,
        };
        let want: Vec<(usize, CorpusEvent, bool)> = vec![
            (
                0,
                event(1, vec![mention("a", 1), mention("b\t\u{0}", 2)]),
                true,
            ),
            (3, event(4, Vec::new()), false),
            (7, event(8, vec![mention("", 0)]), true),
        ];
        for (i, e, complete) in &want {
            s.push(*i, e.clone(), *complete).unwrap();
        }
        let got: Vec<(usize, CorpusEvent, bool)> = s
            .read()
            .unwrap()
            .map(|r| r.map(|(i, h)| (i, h.event, h.complete)).unwrap())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn every_type_modality_and_missing_field_comes_back() {
        use sen_core::layers::{EventType, Place};
        let mut n = 0;
        for kind in EventType::ALL {
            for modality in MODALITIES {
                n += 1;
                let e = CorpusEvent {
                    id: String::new(),
                    kind,
                    date: None,
                    participants: Vec::new(),
                    countries: vec![None, Some(String::new())],
                    location: Place {
                        span: (n % 2 == 0).then(|| Span::new(n, usize::MAX)),
                        venue: Some("Nhà Quốc hội".into()),
                        ..Place::default()
                    },
                    occasion: Some("\u{0}\"\n".into()),
                    modality,
                    cameo: "043".into(),
                    plover: String::new(),
                    mentions: Vec::new(),
                };
                let mut b = Vec::new();
                encode_head(&e, &mut b);
                assert_eq!(decode_head(&b).unwrap(), e);
                // a record cut short or with bytes left over is an error, not an event
                assert!(decode_head(&b[..b.len() - 1]).is_err());
                b.push(0);
                assert!(decode_head(&b).is_err());
            }
        }
        let mut b = Vec::new();
        put_str(&mut b, "ev-0001");
        b.push(200);
        assert!(decode_head(&b).is_err(), "no such type");
    }

    #[test]
    fn long_chains_of_chunks_keep_every_mention_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = MentionStore::new(dir.path()).unwrap();
        // Big mentions spread over many events: chunks fill up (64 KiB) and the waiting
        // ones pass the 4 MiB bound, so both ways of writing a chunk happen.
        let long = "Thủ tướng hội đàm. ".repeat(500);
        let mut want: Vec<Vec<String>> = vec![Vec::new(); 40];
        for n in 0..1_200 {
            let ev = (n * 7) % 40;
            let mut m = mention(&format!("bai-{n}"), n);
            m.evidence = format!("{long}{n}");
            s.push(ev, &m).unwrap();
            want[ev].push(m.doc);
        }
        let mut m = s.done().unwrap();
        for (ev, docs) in want.iter().enumerate() {
            let got: Vec<String> = m.of(ev).unwrap().into_iter().map(|m| m.doc).collect();
            assert_eq!(&got, docs, "event {ev}");
        }
        // 7 × 29 = 203: mention 29 is the first of event 3.
        assert_eq!(m.of(3).unwrap()[0].evidence, format!("{long}29"));
    }
}
