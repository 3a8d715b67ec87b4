//! What a streaming corpus stage lets go of, kept on disk instead of in memory.
//!
//! A streaming corpus stage (such as `merge_events`) hands each event's mentions back:
//! they go to a [`MentionStore`], a file where each output event's mentions form a chain
//! read back when the event is written, and the output events it lets go of wait in a
//! [`Settled`] file. Memory holds the stage's own state and eight bytes per output event.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use sen_core::layers::{CorpusEvent, EventMention};

fn bad_data(e: serde_json::Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// An anonymous temporary file in `dir` (gone when closed, even after a crash).
fn scratch(dir: &Path) -> io::Result<File> {
    tempfile::tempfile_in(dir)
}

/// No mention yet.
const NONE: u64 = u64::MAX;

/// Mentions of output events: each record is the offset of the event's previous record,
/// the length of the mention, and the mention ([`encode`]).
pub(crate) struct MentionStore {
    out: BufWriter<File>,
    written: u64,
    /// Offset of each output event's last record.
    last: Vec<u64>,
}

impl MentionStore {
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(MentionStore {
            out: BufWriter::with_capacity(1 << 16, scratch(dir)?),
            written: 0,
            last: Vec::new(),
        })
    }

    pub fn push(&mut self, event: usize, mention: &EventMention) -> io::Result<()> {
        if self.last.len() <= event {
            self.last.resize(event + 1, NONE);
        }
        let body = encode(mention);
        self.out.write_all(&self.last[event].to_le_bytes())?;
        self.out.write_all(&(body.len() as u32).to_le_bytes())?;
        self.out.write_all(&body)?;
        self.last[event] = self.written;
        self.written += 12 + body.len() as u64;
        Ok(())
    }

    /// Ready to read back.
    pub fn done(self) -> io::Result<Mentions> {
        Ok(Mentions {
            file: self.out.into_inner().map_err(|e| e.into_error())?,
            last: self.last,
        })
    }
}

/// A mention as bytes: `doc`, `event` and `evidence` each as a length (u32) and UTF-8,
/// then the span's start and end (u64); little-endian. Cheaper than JSON both ways.
fn encode(m: &EventMention) -> Vec<u8> {
    let mut out = Vec::with_capacity(28 + m.doc.len() + m.event.len() + m.evidence.len());
    for s in [&m.doc, &m.event, &m.evidence] {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }
    out.extend_from_slice(&(m.span.start as u64).to_le_bytes());
    out.extend_from_slice(&(m.span.end as u64).to_le_bytes());
    out
}

fn decode(mut b: &[u8]) -> io::Result<EventMention> {
    let bad = || io::Error::new(io::ErrorKind::InvalidData, "broken mention record");
    let mut take = |n: usize| -> io::Result<&[u8]> {
        let (head, rest) = b.split_at_checked(n).ok_or_else(bad)?;
        b = rest;
        Ok(head)
    };
    let mut text = || -> io::Result<String> {
        let n = u32::from_le_bytes(take(4)?.try_into().map_err(|_| bad())?) as usize;
        String::from_utf8(take(n)?.to_vec()).map_err(|_| bad())
    };
    let (doc, event, evidence) = (text()?, text()?, text()?);
    let mut number = || -> io::Result<usize> {
        Ok(u64::from_le_bytes(take(8)?.try_into().map_err(|_| bad())?) as usize)
    };
    let span = sen_core::Span::new(number()?, number()?);
    Ok(EventMention {
        doc,
        event,
        evidence,
        span,
    })
}

/// A finished [`MentionStore`].
pub(crate) struct Mentions {
    file: File,
    last: Vec<u64>,
}

impl Mentions {
    /// The mentions of one output event, in input order.
    pub fn of(&self, event: usize) -> io::Result<Vec<EventMention>> {
        let mut v = Vec::new();
        let mut at = self.last.get(event).copied().unwrap_or(NONE);
        let mut head = [0u8; 12];
        let mut body = Vec::new();
        while at != NONE {
            self.file.read_exact_at(&mut head, at)?;
            let prev = u64::from_le_bytes(head[..8].try_into().expect("8 bytes"));
            let len = u32::from_le_bytes(head[8..].try_into().expect("4 bytes")) as usize;
            body.resize(len, 0);
            self.file.read_exact_at(&mut body, at + 12)?;
            v.push(decode(&body)?);
            at = prev;
        }
        v.reverse();
        Ok(v)
    }
}

/// Output events a stage has let go of, in increasing index, waiting for the end.
pub(crate) struct Settled {
    out: BufWriter<File>,
}

impl Settled {
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(Settled {
            out: BufWriter::with_capacity(1 << 16, scratch(dir)?),
        })
    }

    pub fn push(&mut self, index: usize, event: &CorpusEvent) -> io::Result<()> {
        write!(self.out, "{index}\t")?;
        serde_json::to_writer(&mut self.out, event).map_err(bad_data)?;
        self.out.write_all(b"\n")
    }

    /// The events back, in the order they were pushed.
    pub fn read(self) -> io::Result<impl Iterator<Item = io::Result<(usize, CorpusEvent)>>> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let lines = BufReader::with_capacity(1 << 16, file).lines();
        Ok(lines.map(|line| {
            let line = line?;
            let (i, json) = line
                .split_once('\t')
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no index"))?;
            let i = i
                .parse()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad index"))?;
            Ok((i, serde_json::from_str(json).map_err(bad_data)?))
        }))
    }
}

/// Two lists of (index, event), each in increasing index, as one.
pub(crate) fn by_index<A, B>(a: A, b: B) -> impl Iterator<Item = io::Result<(usize, CorpusEvent)>>
where
    A: Iterator<Item = io::Result<(usize, CorpusEvent)>>,
    B: Iterator<Item = (usize, CorpusEvent)>,
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
        let m = s.done().unwrap();
        let docs = |ev| -> Vec<String> { m.of(ev).unwrap().into_iter().map(|m| m.doc).collect() };
        assert_eq!(docs(0), ["a", "c", "e"]);
        assert_eq!(docs(1), ["d"]);
        assert_eq!(docs(2), ["b", "f"]);
        assert!(docs(7).is_empty());
        assert_eq!(m.of(0).unwrap()[1], mention("c", 2));
    }
}
