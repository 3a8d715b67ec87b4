//! `sen`: a thin binary; the libraries do the work.
//!
//! Exit codes (also in the README): 0 all documents annotated; 1 the run finished but
//! some documents failed (file mode only); 2 usage error or invalid pipeline; 3 the run
//! stopped (input unreadable, output not writable, a corpus stage failed, stdin/stdout
//! broken in streaming mode).

mod alloc;
mod interrupt;
mod plugins;
mod segment;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use sen_pipeline::{InputSource, Overrides, RunOptions};

// Name every plugin crate, or the linker drops their registrations.
use sen_annotate as _;
use sen_tokenize as _;

// Annotation makes many small allocations on every worker thread: mimalloc spends about
// 15% less CPU on them than the system allocator (see alloc.rs).
#[global_allocator]
static GLOBAL: alloc::Allocator = alloc::Allocator;

const EXIT_DOCUMENTS_FAILED: u8 = 1;
const EXIT_INVALID: u8 = 2;
const EXIT_ABORTED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "sen",
    version,
    about = "Structured, source-anchored annotations of Vietnamese news text",
    long_about = "Sen reads Vietnamese news articles and annotates them (tokens, words, people, \
dates, quantities, places, events of diplomatic meetings), every annotation tied to the exact \
characters of the source. A pipeline file (YAML) names the input, the stages and the outputs.",
    after_help = "Examples:
  sen run pipelines/summits.yaml                     annotate corpus/summits into out/summits
  sen run pipelines/summits.yaml --input news/ --output out/news --threads 4
  sen run pipelines/summits.yaml --input - < docs.jsonl > annotated.jsonl
  sen validate pipelines/summits.yaml --resolved
  sen plugins
  echo 'Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc' | sen segment

Exit codes: 0 ok; 1 some documents failed; 2 usage error or invalid pipeline;
3 run stopped (input unreadable, output not writable, corpus stage failed)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a pipeline: read the input, annotate every document, write the outputs.
    #[command(after_help = "Examples:
  sen run pipelines/summits.yaml
      reads the pipeline's input, writes its outputs (e.g. out/summits/annotations.jsonl)
  sen run pipelines/summits.yaml --input ~/news --output /tmp/news --threads 2
      the same stages on another corpus (a directory of .txt files, a .txt or a .jsonl file)
  sen run pipelines/summits.yaml --input - < docs.jsonl > annotated.jsonl
      streaming worker: one JSON document a line in ({\"id\",\"text\"} and optional date,
      title, url, source), one annotated document a line out; a bad document becomes
      {\"id\":…,\"error\":…} and the exit code stays 0

A failed document is reported on stderr with its id and reason; the others are written
and the exit code is 1. The last line on stderr sums up the run.")]
    Run {
        #[command(flatten)]
        pipeline: PipelineArgs,
        /// Worker threads (default: one per core). The outputs are the same for any number.
        #[arg(long, short = 'j', value_name = "N")]
        threads: Option<usize>,
        /// Never draw a progress bar (it is drawn only when stderr is a terminal anyway).
        #[arg(long)]
        no_progress: bool,
        /// After the run, print on stderr the time each stage took (all threads together),
        /// its share and its speed in MB/s: where a plugin's cost shows.
        #[arg(long)]
        timings: bool,
    },
    /// Check a pipeline (schema, plugins, settings, layer order, outputs, input) without
    /// reading any document.
    #[command(after_help = "Examples:
  sen validate pipelines/summits.yaml
      prints `ok` and what will run, or a report pointing at the line and column at fault
  sen validate pipelines/summits.yaml --resolved
      prints the pipeline as it will run, every stage's settings with defaults filled in")]
    Validate {
        #[command(flatten)]
        pipeline: PipelineArgs,
        /// Print the resolved pipeline (YAML) instead of a one-line verdict.
        #[arg(long)]
        resolved: bool,
    },
    /// List every registered plugin: name, description, layers required and provided,
    /// settings with their defaults.
    #[command(after_help = "Examples:
  sen plugins           every document stage and corpus stage with its settings
  sen plugins --names   just the names, one a line")]
    Plugins {
        /// Only the names, one a line (document stages, then corpus stages).
        #[arg(long)]
        names: bool,
    },
    /// Word segmentation: each line of stdin to stdout with the syllables of every
    /// multi-syllable word joined by `_` (the VLSP convention); everything else is kept.
    #[command(after_help = "Example:
  echo 'Thủ tướng Phạm Minh Chính hội đàm với Tổng thống Hàn Quốc' | sen segment
  Thủ_tướng Phạm_Minh_Chính hội_đàm với Tổng_thống Hàn_Quốc")]
    Segment,
}

#[derive(Args)]
struct PipelineArgs {
    /// The pipeline file (YAML), e.g. pipelines/summits.yaml.
    #[arg(value_name = "PIPELINE")]
    file: PathBuf,
    /// Read this instead of the pipeline's input: a .txt file, a directory of .txt files,
    /// a .jsonl file, or `-` for JSON Lines on stdin (streaming mode).
    #[arg(long, short, value_name = "PATH|-")]
    input: Option<PathBuf>,
    /// Write the outputs under this directory instead of the pipeline's `output`.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
}

impl PipelineArgs {
    fn load(&self) -> Result<sen_pipeline::Pipeline, sen_pipeline::Error> {
        let overrides = Overrides {
            input: self.input.as_ref().map(|p| {
                if p.as_os_str() == "-" {
                    InputSource::Stdin
                } else {
                    InputSource::Path(p.clone())
                }
            }),
            output: self.output.clone(),
        };
        sen_pipeline::load(&self.file, &overrides)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            pipeline,
            threads,
            no_progress,
            timings,
        } => run(&pipeline, threads, no_progress, timings),
        Command::Validate { pipeline, resolved } => match pipeline.load() {
            Ok(p) => {
                if resolved {
                    print!("{}", p.resolved_yaml());
                } else {
                    println!(
                        "{}: ok ({} stages, {} corpus stages, outputs: {})",
                        pipeline.file.display(),
                        p.stages.len(),
                        p.corpus_stages.len(),
                        if p.outputs.is_empty() {
                            "none".to_string()
                        } else {
                            p.outputs.join(", ")
                        }
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => report(e),
        },
        Command::Plugins { names } => {
            print!(
                "{}",
                if names {
                    plugins::names()
                } else {
                    plugins::table()
                }
            );
            ExitCode::SUCCESS
        }
        Command::Segment => segment::run(),
    }
}

fn run(args: &PipelineArgs, threads: Option<usize>, no_progress: bool, timings: bool) -> ExitCode {
    let pipeline = match args.load() {
        Ok(p) => p,
        Err(e) => return report(e),
    };
    let opts = RunOptions {
        threads: threads.unwrap_or(0),
        progress: !no_progress,
        report_failures: true,
    };
    let streaming = matches!(pipeline.input, InputSource::Stdin);
    interrupt::install((!streaming).then(|| pipeline.output.clone()));
    match sen_pipeline::run(&pipeline, &opts) {
        Ok(summary) => {
            eprintln!("sen: {}: {summary}", pipeline.name);
            if timings {
                eprint!("{}", summary.stage_table());
            }
            if !summary.failures.is_empty() && !streaming {
                ExitCode::from(EXIT_DOCUMENTS_FAILED)
            } else {
                ExitCode::SUCCESS
            }
        }
        // A write refused because Ctrl-C is being handled: the handler reports the stop,
        // removes the temporaries and exits 130; a second message here would only race it.
        Err(_) if sen_emit::atomic::is_stopping() => loop {
            std::thread::park();
        },
        Err(e) => report(e),
    }
}

/// Print a miette report; the exit code says whether the pipeline or the run was at fault.
fn report(e: sen_pipeline::Error) -> ExitCode {
    let code = match &e {
        sen_pipeline::Error::ReadPipeline { .. }
        | sen_pipeline::Error::Invalid(_)
        | sen_pipeline::Error::MissingInput { .. } => EXIT_INVALID,
        _ => EXIT_ABORTED,
    };
    eprintln!("{:?}", miette::Report::new(e));
    ExitCode::from(code)
}
