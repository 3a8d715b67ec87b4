//! The corpus events of a run, kept on disk instead of in memory.
//!
//! Documents put their events into an [`EventSpool`] as they are written; once every
//! document is through, the events come back one at a time, numbered in input order.
//! A streaming corpus stage (such as `merge_events`) hands each event's mentions back:
//! they go to a [`MentionStore`], a file where each output event's mentions form a chain
//! read back when the event is written, and the output events it lets go of wait in a
//! file too. Memory holds the stage's own state and eight bytes per output event.

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

/// Corpus events, one JSON line each, in input order.
pub(crate) struct EventSpool {
    out: BufWriter<File>,
}

impl EventSpool {
    pub fn new(dir: &Path) -> io::Result<Self> {
        Ok(EventSpool {
            out: BufWriter::with_capacity(1 << 16, scratch(dir)?),
        })
    }

    /// Append lines made by [`event_lines`].
    pub fn append(&mut self, lines: &[u8]) -> io::Result<()> {
        self.out.write_all(lines)
    }

    /// The events back, in input order, numbered `ev-0001`, `ev-0002`, ….
    pub fn read(self) -> io::Result<impl Iterator<Item = io::Result<CorpusEvent>>> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        let lines = BufReader::with_capacity(1 << 16, file).lines();
        Ok(lines.enumerate().map(|(i, line)| {
            let mut e: CorpusEvent = serde_json::from_str(&line?).map_err(bad_data)?;
            e.id = format!("ev-{:04}", i + 1);
            Ok(e)
        }))
    }
}

/// A document's events as spool lines (made on a worker thread).
pub(crate) fn event_lines(events: &[CorpusEvent]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        serde_json::to_writer(&mut out, e).expect("an event always serializes");
        out.push(b'\n');
    }
    out
}

/// No mention yet.
const NONE: u64 = u64::MAX;

/// Mentions of output events: each record is the offset of the event's previous record,
/// the length of the JSON, and the JSON of one mention.
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
        let json = serde_json::to_vec(mention).map_err(bad_data)?;
        self.out.write_all(&self.last[event].to_le_bytes())?;
        self.out.write_all(&(json.len() as u32).to_le_bytes())?;
        self.out.write_all(&json)?;
        self.last[event] = self.written;
        self.written += 12 + json.len() as u64;
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
        let mut json = Vec::new();
        while at != NONE {
            self.file.read_exact_at(&mut head, at)?;
            let prev = u64::from_le_bytes(head[..8].try_into().expect("8 bytes"));
            let len = u32::from_le_bytes(head[8..].try_into().expect("4 bytes")) as usize;
            json.resize(len, 0);
            self.file.read_exact_at(&mut json, at + 12)?;
            v.push(serde_json::from_slice(&json).map_err(bad_data)?);
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
