//! The runner: documents in, stages over them in parallel, outputs written in input
//! order, corpus stages fed as documents are written, then every output finished.
//!
//! Nothing grows with the corpus: a worker reads, annotates and renders a document for
//! every output, then drops it; the calling thread only writes finished bytes in input
//! order (a bounded number of batches in flight) and feeds the corpus events to the
//! corpus stages, which keep what they let go of on disk (see `spool`).

use std::io::{BufRead, IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use sen_core::layers::CorpusEvent;
use sen_core::Document;
use sen_emit::{Corpus, Emitter, Renderer};

use crate::annotate::annotate;
use crate::batch::{ordered_map, Limits};
use crate::corpus::into_corpus_events;
use crate::input::Pending;
use crate::spool::{by_index, Held, MentionStore, Settled};
use crate::{Error, InputSource, Pipeline};

/// How to run.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Worker threads; `0` means one per core. With `1` everything runs on the calling
    /// thread.
    pub threads: usize,
    /// Draw a progress bar on stderr when stderr is a terminal.
    pub progress: bool,
    /// Print each failed document on stderr as it happens.
    pub report_failures: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            threads: 0,
            progress: true,
            report_failures: true,
        }
    }
}

impl RunOptions {
    /// No progress bar, no printing: for tests and embedding.
    pub fn quiet(threads: usize) -> Self {
        RunOptions {
            threads,
            progress: false,
            report_failures: false,
        }
    }
}

/// A document that could not be read or annotated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub id: String,
    pub reason: String,
}

/// What a run did: the numbers of the final summary line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunSummary {
    /// Documents read (annotated or failed).
    pub documents: u64,
    pub failures: Vec<Failure>,
    pub tokens: u64,
    pub entities: u64,
    /// Events found in documents (before any corpus merge).
    pub events: u64,
    /// Events after the corpus stages (file mode only).
    pub corpus_events: u64,
    /// Source bytes read.
    pub bytes: u64,
    pub elapsed: Duration,
    /// Time in each document stage during this run (all threads together), in order.
    pub stages: Vec<(String, Duration)>,
    /// Time in the steps around the stages (file mode): reading and normalizing documents,
    /// rendering their outputs (both on the workers), writing them and the corpus stages
    /// (on the writing thread).
    pub phases: Vec<(String, Duration)>,
}

impl RunSummary {
    /// Megabytes (10^6 bytes) of source per second.
    pub fn mb_per_s(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.bytes as f64 / 1e6 / s
        } else {
            0.0
        }
    }
}

impl RunSummary {
    /// A table of where the time of the run went, stage by stage, for `sen run --timings`.
    pub fn stage_table(&self) -> String {
        let total: f64 = self.stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
        let mb = self.bytes as f64 / 1e6;
        let mut out = format!(
            "{:<15} {:>9} {:>7} {:>10}\n",
            "stage", "seconds", "share", "MB/s"
        );
        for (name, d) in &self.stages {
            let s = d.as_secs_f64();
            let share = if total > 0.0 { 100.0 * s / total } else { 0.0 };
            let rate = if s > 0.0 { mb / s } else { f64::INFINITY };
            out.push_str(&format!("{name:<15} {s:>9.3} {share:>6.1}% {rate:>10.1}\n"));
        }
        out.push_str(&format!(
            "{:<15} {:>9.3} (every thread's time added up)\n",
            "all stages", total
        ));
        for (name, d) in &self.phases {
            let s = d.as_secs_f64();
            let rate = if s > 0.0 { mb / s } else { f64::INFINITY };
            let label = format!("({name})");
            out.push_str(&format!("{label:<15} {s:>9.3} {:>7} {rate:>10.1}\n", ""));
        }
        out.push_str(&format!(
            "{:<15} {:>9.3}\n",
            "wall time",
            self.elapsed.as_secs_f64()
        ));
        out
    }
}

impl std::fmt::Display for RunSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents, {} failed, {} tokens, {} entities, {} events in {:.2} s ({:.2} MB/s)",
            self.documents,
            self.failures.len(),
            self.tokens,
            self.entities,
            self.events,
            self.elapsed.as_secs_f64(),
            self.mb_per_s()
        )
    }
}

fn pool(threads: usize) -> Result<Option<rayon::ThreadPool>, Error> {
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    if threads <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("sen-worker-{i}"))
        .build()
        .map(Some)
        .map_err(|e| Error::Threads {
            threads,
            message: e.to_string(),
        })
}

fn threads_of(opts: &RunOptions) -> usize {
    if opts.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.threads
    }
}

/// A progress bar on stderr, or a hidden one when stderr is not a terminal.
fn progress_bar(opts: &RunOptions) -> ProgressBar {
    if !opts.progress || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} documents {msg}")
            .expect("a valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Run the pipeline on its input (file mode): read `pipeline.input`, write the outputs
/// under `pipeline.output`. Failed documents are in the summary; the run goes on.
/// For `InputSource::Stdin` use [`run_stream`].
pub fn run(pipeline: &Pipeline, opts: &RunOptions) -> Result<RunSummary, Error> {
    let path = match &pipeline.input {
        InputSource::Path(p) => p.clone(),
        InputSource::Stdin => {
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            return run_stream(pipeline, stdin.lock(), stdout.lock(), opts);
        }
    };
    let pending = crate::input::pending(pipeline, &path)?;
    run_pending(pipeline, pending, opts)
}

/// The documents of the pipeline's input (file mode), read and normalized as a run reads
/// them, in the same order; nothing annotated yet (see [`crate::annotate`]).
pub fn documents(
    pipeline: &Pipeline,
) -> Result<Box<dyn Iterator<Item = Result<Document, Failure>>>, Error> {
    match &pipeline.input {
        InputSource::Path(p) => crate::input::read(pipeline, p),
        InputSource::Stdin => Err(Error::Input {
            message: "standard input is read by the streaming worker (`run_stream`)".into(),
        }),
    }
}

/// Run the pipeline over documents from any source (file mode): the stages in parallel,
/// every output fed in input order, the corpus stages, then each output finished.
pub fn run_documents(
    pipeline: &Pipeline,
    docs: impl Iterator<Item = Result<Document, Failure>>,
    opts: &RunOptions,
) -> Result<RunSummary, Error> {
    run_pending(pipeline, docs.map(Pending::Read), opts)
}

/// What a worker makes of one document: everything the writing thread needs, so the
/// document itself is dropped on the worker.
struct Rendered {
    bytes: u64,
    counts: (u64, u64, u64),
    /// One piece per emitter (`None` for an emitter without per-document output).
    pieces: Vec<Option<std::io::Result<sen_emit::Piece>>>,
    /// The document's corpus events (ids not yet given).
    events: Vec<CorpusEvent>,
}

fn run_pending(
    pipeline: &Pipeline,
    docs: impl Iterator<Item = Pending>,
    opts: &RunOptions,
) -> Result<RunSummary, Error> {
    let start = Instant::now();
    let spent_before = spent(pipeline);
    let out_err = |source| Error::Output {
        path: pipeline.output.clone(),
        source,
    };
    std::fs::create_dir_all(&pipeline.output).map_err(out_err)?;
    let mut emitters: Vec<Box<dyn Emitter>> = Vec::with_capacity(pipeline.outputs.len());
    for name in &pipeline.outputs {
        let e = sen_emit::emitter(name, &pipeline.output)
            .unwrap_or_else(|| {
                Err(std::io::Error::other(format!(
                    "output `{name}` is not available in this build"
                )))
            })
            .map_err(out_err)?;
        emitters.push(e);
    }
    let renderers: Vec<Option<Renderer>> = emitters.iter().map(|e| e.renderer()).collect();

    let threads = threads_of(opts);
    let pool = pool(threads)?;
    let bar = progress_bar(opts);
    let mut summary = RunSummary::default();
    // The corpus stages take the events as documents are written, in input order.
    let mut corpus = CorpusRun::new(pipeline).map_err(out_err)?;

    let weight = Pending::weight;
    // On a worker: read, annotate, render every output, keep the corpus events; the
    // document ends here.
    // (the time of the steps around the stages, for `RunSummary::phases`)
    let (reading, rendering) = (AtomicU64::new(0), AtomicU64::new(0));
    let (mut writing, mut merging) = (Duration::ZERO, Duration::ZERO);
    let work = |d: Pending| -> Result<Rendered, Failure> {
        let t = Instant::now();
        let doc = d.document(pipeline);
        add_nanos(&reading, t);
        let mut doc = doc?;
        if let Err(reason) = annotate(pipeline, &mut doc) {
            return Err(Failure {
                id: doc.id.clone(),
                reason,
            });
        }
        let t = Instant::now();
        let rendered = Rendered {
            bytes: doc.source.len() as u64,
            counts: (
                doc.layers.tokens.len() as u64,
                doc.layers.entities.len() as u64,
                doc.layers.events.len() as u64,
            ),
            pieces: renderers
                .iter()
                .map(|r| r.as_ref().map(|r| r(&doc)))
                .collect(),
            events: into_corpus_events(doc),
        };
        add_nanos(&rendering, t);
        Ok(rendered)
    };
    // On the calling thread, in input order: only bytes and renames.
    let mut sink = |batch: Vec<Result<Rendered, Failure>>| -> Result<(), Error> {
        let mut written = 0;
        for r in batch {
            summary.documents += 1;
            match r {
                Ok(r) => {
                    summary.bytes += r.bytes;
                    summary.tokens += r.counts.0;
                    summary.entities += r.counts.1;
                    summary.events += r.counts.2;
                    let t = Instant::now();
                    for (e, piece) in emitters.iter_mut().zip(r.pieces) {
                        if let Some(piece) = piece {
                            e.write(piece.map_err(out_err)?).map_err(out_err)?;
                        }
                    }
                    let t2 = Instant::now();
                    writing += t2 - t;
                    for e in r.events {
                        corpus.push(pipeline, e, &mut emitters)?;
                    }
                    merging += t2.elapsed();
                    written += 1;
                }
                Err(f) => {
                    if opts.report_failures {
                        bar.suspend(|| eprintln!("document `{}` failed: {}", f.id, f.reason));
                    }
                    summary.failures.push(f);
                }
            }
        }
        bar.inc(written);
        bar.set_message(format!("{:.1} MB", summary.bytes as f64 / 1e6));
        Ok(())
    };
    ordered_map(
        pool.as_ref(),
        docs,
        weight,
        Limits::for_threads(threads),
        work,
        &mut sink,
    )?;
    drop(pool);

    let t = Instant::now();
    summary.corpus_events = corpus.finish(pipeline, &mut emitters)?;
    merging += t.elapsed();
    let failures: Vec<(String, String)> = summary
        .failures
        .iter()
        .map(|f| (f.id.clone(), f.reason.clone()))
        .collect();
    let corpus = Corpus {
        name: &pipeline.name,
        events: &[],
        failures: &failures,
    };
    for e in &mut emitters {
        e.finish(&corpus).map_err(out_err)?;
    }
    bar.finish_and_clear();
    summary.elapsed = start.elapsed();
    summary.stages = stage_times(pipeline, &spent_before);
    let nanos = |a: &AtomicU64| Duration::from_nanos(a.load(Ordering::Relaxed));
    summary.phases = vec![
        ("reading".to_string(), nanos(&reading)),
        ("rendering".to_string(), nanos(&rendering)),
        ("writing".to_string(), writing),
        ("corpus stages".to_string(), merging),
    ];
    Ok(summary)
}

/// Adds the time since `t` to `total` (nanoseconds).
fn add_nanos(total: &AtomicU64, t: Instant) {
    let n = u64::try_from(t.elapsed().as_nanos()).unwrap_or(u64::MAX);
    total.fetch_add(n, Ordering::Relaxed);
}

/// The corpus stages of a run, fed in input order while documents are still being
/// annotated, so they add no serial step at the end. With no stage, each event goes to
/// the outputs at once; one stage that streams keeps only its own state in memory (the
/// mentions and the output events it lets go of wait on disk); other stages get the
/// whole list at the end.
enum CorpusRun {
    Direct {
        given: u64,
    },
    Stream {
        stream: Box<dyn sen_core::CorpusStream>,
        mentions: MentionStore,
        settled: Settled,
        pushed: u64,
    },
    Whole(Vec<CorpusEvent>),
}

impl CorpusRun {
    fn new(pipeline: &Pipeline) -> std::io::Result<Self> {
        Ok(match pipeline.corpus_stages.as_slice() {
            [] => CorpusRun::Direct { given: 0 },
            [stage] => match stage.annotator.stream() {
                Some(stream) => CorpusRun::Stream {
                    stream,
                    mentions: MentionStore::new(&pipeline.output)?,
                    settled: Settled::new(&pipeline.output)?,
                    pushed: 0,
                },
                None => CorpusRun::Whole(Vec::new()),
            },
            _ => CorpusRun::Whole(Vec::new()),
        })
    }

    /// The next event of the corpus, in input order (numbered here).
    fn push(
        &mut self,
        pipeline: &Pipeline,
        mut event: CorpusEvent,
        emitters: &mut [Box<dyn Emitter>],
    ) -> Result<(), Error> {
        let out_err = |source| Error::Output {
            path: pipeline.output.clone(),
            source,
        };
        match self {
            CorpusRun::Direct { given } => {
                *given += 1;
                event.id = event_id(*given);
                give(emitters, &event).map_err(out_err)
            }
            CorpusRun::Stream {
                stream,
                mentions,
                settled,
                pushed,
            } => {
                *pushed += 1;
                event.id = event_id(*pushed);
                let (i, ms) = stream
                    .push(event)
                    .map_err(|e| stage_error(pipeline, 0, e))?;
                let now = stream.settled();
                // An event let go of as soon as it came, with no mentions stored before
                // (an undated one): its mentions go with it, not through the store.
                let mut direct = None;
                if now.iter().any(|(j, _)| *j == i) && !mentions.has(i) {
                    direct = Some(ms);
                } else {
                    for m in &ms {
                        mentions.push(i, m).map_err(out_err)?;
                    }
                }
                for (j, mut head) in now {
                    // Mentions still waiting in memory go with their event.
                    let waiting = match direct.take_if(|_| j == i) {
                        Some(ms) => Some(ms),
                        None => mentions.take_waiting(j).map_err(out_err)?,
                    };
                    let complete = match waiting {
                        Some(ms) => {
                            head.mentions = ms;
                            true
                        }
                        None => false,
                    };
                    settled.push(j, head, complete).map_err(out_err)?;
                }
                Ok(())
            }
            CorpusRun::Whole(all) => {
                event.id = event_id(all.len() as u64 + 1);
                all.push(event);
                Ok(())
            }
        }
    }

    /// Finish the stages and give the outputs every event not given yet, in order.
    /// Returns the number of corpus events.
    fn finish(self, pipeline: &Pipeline, emitters: &mut [Box<dyn Emitter>]) -> Result<u64, Error> {
        let out_err = |source| Error::Output {
            path: pipeline.output.clone(),
            source,
        };
        match self {
            CorpusRun::Direct { given } => Ok(given),
            CorpusRun::Stream {
                stream,
                mentions,
                settled,
                ..
            } => {
                let rest = stream.finish();
                let mut mentions = mentions.done().map_err(out_err)?;
                let mut given = 0;
                let rest = rest.into_iter().map(|(i, event)| {
                    let complete = false;
                    (i, Held { event, complete })
                });
                for r in by_index(settled.read().map_err(out_err)?, rest) {
                    let (i, mut held) = r.map_err(out_err)?;
                    if !held.complete {
                        held.event.mentions = mentions.of(i).map_err(out_err)?;
                    }
                    give(emitters, &held.event).map_err(out_err)?;
                    given += 1;
                }
                Ok(given)
            }
            CorpusRun::Whole(mut all) => {
                for (n, stage) in pipeline.corpus_stages.iter().enumerate() {
                    stage
                        .annotator
                        .annotate_corpus(&mut all)
                        .map_err(|e| stage_error(pipeline, n, e))?;
                }
                for e in &all {
                    give(emitters, e).map_err(out_err)?;
                }
                Ok(all.len() as u64)
            }
        }
    }
}

/// `ev-0001`, …, `ev-12345`: `format!("ev-{n:04}")` without the formatting machinery
/// (once per event).
fn event_id(n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let digits = &digits[at..];
    let mut id = String::with_capacity(3 + digits.len().max(4));
    id.push_str("ev-");
    for _ in digits.len()..4 {
        id.push('0');
    }
    // ASCII digits
    id.extend(digits.iter().map(|&d| char::from(d)));
    id
}

fn give(emitters: &mut [Box<dyn Emitter>], event: &CorpusEvent) -> std::io::Result<()> {
    emitters.iter_mut().try_for_each(|e| e.event(event))
}

fn stage_error(pipeline: &Pipeline, n: usize, e: sen_core::AnnotateError) -> Error {
    Error::CorpusStage {
        stage: pipeline.corpus_stages[n].name.clone(),
        message: e.to_string(),
    }
}

/// The streaming worker: JSON Lines in (one document a line), one annotated document a
/// line out, in input order. A document that cannot be read or annotated becomes
/// `{"id":…,"error":…}`; only I/O on the streams themselves is an `Err`. Corpus stages
/// and file outputs do not run here: each worker sees only part of the corpus.
pub fn run_stream(
    pipeline: &Pipeline,
    input: impl BufRead,
    mut output: impl Write,
    opts: &RunOptions,
) -> Result<RunSummary, Error> {
    let start = Instant::now();
    let spent_before = spent(pipeline);
    let threads = threads_of(opts);
    let pool = pool(threads)?;
    let mut summary = RunSummary::default();
    let mut read_error = None;
    // Bytes, not `lines()`: a line that is not UTF-8 is one bad document, not a dead stream.
    let lines = input.split(b'\n').enumerate().map_while(|(n, l)| match l {
        Ok(l) => Some((n + 1, l)),
        Err(e) => {
            read_error = Some(e);
            None
        }
    });
    let lines = lines.filter(|(_, l)| !l.trim_ascii().is_empty());

    struct Out {
        line: String,
        bytes: u64,
        counts: Option<(u64, u64, u64)>,
        failure: Option<Failure>,
    }
    let work = |(n, line): (usize, Vec<u8>)| -> Out {
        let bytes = line.len() as u64;
        let result =
            crate::input::parse_json_line(pipeline, "stdin", &line, n).and_then(|mut doc| {
                match annotate(pipeline, &mut doc) {
                    Ok(()) => Ok(doc),
                    Err(reason) => Err(Failure {
                        id: doc.id.clone(),
                        reason,
                    }),
                }
            });
        match result {
            Ok(doc) => Out {
                line: sen_emit::jsonl::document_line(&doc),
                bytes,
                counts: Some((
                    doc.layers.tokens.len() as u64,
                    doc.layers.entities.len() as u64,
                    doc.layers.events.len() as u64,
                )),
                failure: None,
            },
            Err(f) => Out {
                line: serde_json::json!({ "id": f.id, "error": f.reason }).to_string(),
                bytes,
                counts: None,
                failure: Some(f),
            },
        }
    };
    let io_err = |e: std::io::Error| Error::Output {
        path: "<stdout>".into(),
        source: e,
    };
    ordered_map(
        pool.as_ref(),
        lines,
        |(_, l)| l.len(),
        Limits::for_threads(threads),
        work,
        |batch: Vec<Out>| -> Result<(), Error> {
            for o in batch {
                summary.documents += 1;
                summary.bytes += o.bytes;
                if let Some((t, en, ev)) = o.counts {
                    summary.tokens += t;
                    summary.entities += en;
                    summary.events += ev;
                }
                if let Some(f) = o.failure {
                    if opts.report_failures {
                        eprintln!("document `{}` failed: {}", f.id, f.reason);
                    }
                    summary.failures.push(f);
                }
                output.write_all(o.line.as_bytes()).map_err(io_err)?;
                output.write_all(b"\n").map_err(io_err)?;
            }
            Ok(())
        },
    )?;
    output.flush().map_err(io_err)?;
    if let Some(e) = read_error {
        return Err(Error::Input {
            message: format!("standard input: {e}"),
        });
    }
    summary.elapsed = start.elapsed();
    summary.stages = stage_times(pipeline, &spent_before);
    Ok(summary)
}

/// The time each stage has spent so far (a pipeline may run more than once).
fn spent(pipeline: &Pipeline) -> Vec<u64> {
    pipeline
        .stages
        .iter()
        .map(|s| s.spent.load(std::sync::atomic::Ordering::Relaxed))
        .collect()
}

/// The time each stage spent since `before`.
fn stage_times(pipeline: &Pipeline, before: &[u64]) -> Vec<(String, Duration)> {
    pipeline
        .stages
        .iter()
        .zip(spent(pipeline).iter().zip(before))
        .map(|(s, (now, then))| (s.name.clone(), Duration::from_nanos(now - then)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::event_id;

    #[test]
    fn event_ids_are_padded_to_four_digits() {
        for n in [0, 1, 9, 10, 999, 1000, 9999, 10_000, 123_456, u64::MAX] {
            assert_eq!(event_id(n), format!("ev-{n:04}"));
        }
    }
}
