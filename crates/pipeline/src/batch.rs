//! Ordered parallel map over a stream, in bounded batches.
//!
//! The calling thread reads the next batch and writes the finished one while the pool
//! works on up to [`IN_FLIGHT`] batches (and no more than [`Limits::in_flight`] bytes of
//! text); results come back in input order whatever the number of threads, and at most
//! `IN_FLIGHT + 1` batches are alive, so memory stays bounded on any corpus size.

use std::collections::VecDeque;
use std::sync::mpsc;

use rayon::prelude::*;

/// Batches handed to the pool at once. The writer hands one new batch over per batch it
/// writes; with few in flight the workers finished them all while the writer (sharing
/// the cores with them) was still writing, and waited: 64 MB on 2 threads took 10.3 s
/// with 4 in flight, 9.3 s with 16.
const IN_FLIGHT: usize = 16;

/// How big a batch may grow.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub items: usize,
    /// Sum of item weights (bytes of text).
    pub weight: usize,
    /// Sum of the weights of the batches in flight: a few huge documents do not take
    /// sixteen batches' worth of memory.
    pub in_flight: usize,
}

impl Limits {
    pub fn for_threads(threads: usize) -> Self {
        // Enough items per batch for rayon to balance uneven documents over the threads.
        Limits {
            items: (threads * 16).clamp(32, 1024),
            weight: 2 << 20,
            in_flight: 8 << 20,
        }
    }
}

/// Map `work` over `items` and feed the results to `sink` in input order, a batch at a
/// time (so the sink may spread a batch over the pool too). With no pool everything runs
/// on the calling thread. `sink` errors stop the run (once the batches in flight have
/// finished).
pub(crate) fn ordered_map<I, O, E>(
    pool: Option<&rayon::ThreadPool>,
    items: impl Iterator<Item = I>,
    weight: impl Fn(&I) -> usize,
    limits: Limits,
    work: impl Fn(I) -> O + Sync,
    mut sink: impl FnMut(Vec<O>) -> Result<(), E>,
) -> Result<(), E>
where
    I: Send,
    O: Send,
{
    let mut items = items.peekable();
    let Some(pool) = pool else {
        loop {
            let batch = next_batch(&mut items, &weight, limits);
            if batch.is_empty() {
                return Ok(());
            }
            sink(batch.into_iter().map(&work).collect())?;
        }
    };
    let work = &work;
    pool.in_place_scope(|scope| {
        // Each batch in flight with its weight.
        let mut pending: VecDeque<(mpsc::Receiver<Vec<O>>, usize)> = VecDeque::new();
        let mut in_flight = 0;
        loop {
            let batch = next_batch(&mut items, &weight, limits);
            let done = batch.is_empty();
            if !done {
                let w: usize = batch.iter().map(&weight).sum();
                in_flight += w;
                let (tx, rx) = mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    let out: Vec<O> = batch.into_par_iter().map(work).collect();
                    // The receiver is gone only when the sink failed; nothing to do then.
                    let _ = tx.send(out);
                });
                pending.push_back((rx, w));
            }
            while pending.len() >= IN_FLIGHT
                || (!pending.is_empty() && (done || in_flight >= limits.in_flight))
            {
                let (rx, w) = pending.pop_front().expect("checked non-empty");
                in_flight -= w;
                let out = rx
                    .recv()
                    .expect("a batch task never drops its sender unsent");
                sink(out)?;
            }
            if done {
                return Ok(());
            }
        }
    })
}

fn next_batch<I>(
    items: &mut std::iter::Peekable<impl Iterator<Item = I>>,
    weight: &impl Fn(&I) -> usize,
    limits: Limits,
) -> Vec<I> {
    let mut batch = Vec::new();
    let mut total = 0;
    while batch.len() < limits.items && total < limits.weight {
        let Some(item) = items.next() else { break };
        total += weight(&item);
        batch.push(item);
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(threads: Option<usize>, n: usize) -> Vec<usize> {
        let pool = threads.map(|t| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(t)
                .build()
                .unwrap()
        });
        let mut out = Vec::new();
        ordered_map(
            pool.as_ref(),
            0..n,
            |_| 1,
            Limits {
                items: 7,
                weight: usize::MAX,
                in_flight: usize::MAX,
            },
            |i| {
                // Uneven work so later items often finish first.
                if i % 5 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                i * 2
            },
            |o| {
                out.extend(o);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn keeps_input_order_for_any_thread_count() {
        let expected: Vec<usize> = (0..200).map(|i| i * 2).collect();
        assert_eq!(run(None, 200), expected);
        assert_eq!(run(Some(1), 200), expected);
        assert_eq!(run(Some(4), 200), expected);
        assert!(run(Some(3), 0).is_empty());
    }

    #[test]
    fn sink_error_stops_the_run() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut seen = 0;
        let r = ordered_map(
            Some(&pool),
            0..1000,
            |_| 1,
            Limits {
                items: 10,
                weight: usize::MAX,
                in_flight: usize::MAX,
            },
            |i| i,
            |batch| {
                for o in batch {
                    seen += 1;
                    if o == 15 {
                        return Err("disk full");
                    }
                }
                Ok(())
            },
        );
        assert_eq!(r, Err("disk full"));
        assert_eq!(seen, 16);
    }

    #[test]
    fn batches_respect_weight() {
        let mut it = (0..100).peekable();
        let b = next_batch(
            &mut it,
            &|_: &i32| 10,
            Limits {
                items: 50,
                weight: 35,
                in_flight: usize::MAX,
            },
        );
        assert_eq!(b, [0, 1, 2, 3]);
    }

    #[test]
    fn batches_in_flight_respect_the_weight_bound() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        // Items started but not yet written: what is alive at once.
        let started = AtomicUsize::new(0);
        let mut written = 0;
        let mut most = 0;
        ordered_map(
            Some(&pool),
            0..300,
            |_| 10,
            Limits {
                items: 3,
                weight: usize::MAX,
                in_flight: 50,
            },
            |i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |batch| {
                most = most.max(started.load(Ordering::SeqCst) - written);
                written += batch.len();
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(written, 300);
        // Batches of 30: a second one takes the weight in flight to 60, over 50.
        assert!(most <= 6, "{most} items alive at once");
    }
}
