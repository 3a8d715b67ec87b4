//! Pipelines: the YAML file, its checks, and the runner.
//!
//! ```no_run
//! use sen_pipeline::{load, run, Overrides, RunOptions};
//! let pipeline = load("pipelines/summits.yaml".as_ref(), &Overrides::default())?;
//! let summary = run(&pipeline, &RunOptions::default())?;
//! eprintln!("{summary}");
//! # Ok::<(), sen_pipeline::Error>(())
//! ```
//!
//! [`load`] checks everything a pipeline file can get wrong — unknown keys, unknown
//! plugins, wrong types, settings, layer order, outputs, a missing input — before any
//! document is read, each error a miette report at the line and column of the file.
//! [`run`] streams the documents through the stages on a rayon pool and writes every
//! output in input order: the same bytes for one thread or many.

mod annotate;
mod batch;
mod corpus;
mod error;
mod extent;
mod input;
mod load;
mod resolved;
mod run;
mod schema;
mod spool;
mod suggest;

pub use annotate::annotate;
pub use corpus::corpus_events;
pub use error::{Error, InvalidPipeline};
pub use load::{load, parse, CorpusStage, InputSource, Overrides, Pipeline, Stage};
pub use run::{documents, run, run_documents, run_stream, Failure, RunOptions, RunSummary};
pub use schema::MAX_PIPELINE_BYTES;
