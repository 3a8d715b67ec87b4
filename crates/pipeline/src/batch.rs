//! Ordered parallel map over a stream, in bounded batches.
//!
//! The calling thread reads the next batch and writes the finished one while the pool
//! works on up to [`IN_FLIGHT`] batches; results come back in input order whatever the
//! number of threads, and at most `IN_FLIGHT + 1` batches are alive, so memory stays
//! bounded on any corpus size.

use std::collections::VecDeque;
use std::sync::mpsc;

use rayon::prelude::*;

/// Batches handed to the pool at once: while the calling thread writes one, the pool
/// always has more than one to work on, so no worker waits for the writer.
const IN_FLIGHT: usize = 4;

/// How big a batch may grow.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub items: usize,
    /// Sum of item weights (bytes of text).
    pub weight: usize,
}

impl Limits {
    pub fn for_threads(threads: usize) -> Self {
        // Enough items per batch for rayon to balance uneven documents over the threads.
        Limits {
            items: (threads * 16).clamp(32, 1024),
            weight: 16 << 20,
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
        let mut pending: VecDeque<mpsc::Receiver<Vec<O>>> = VecDeque::new();
        loop {
            let batch = next_batch(&mut items, &weight, limits);
            let done = batch.is_empty();
            if !done {
                let (tx, rx) = mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    let out: Vec<O> = batch.into_par_iter().map(work).collect();
                    // The receiver is gone only when the sink failed; nothing to do then.
                    let _ = tx.send(out);
                });
                pending.push_back(rx);
            }
            while pending.len() >= IN_FLIGHT || (done && !pending.is_empty()) {
                let rx = pending.pop_front().expect("checked non-empty");
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
            },
        );
        assert_eq!(b, [0, 1, 2, 3]);
    }
}
