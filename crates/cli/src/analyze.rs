//! `storyline analyze`: one JSON report per article, no store.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use storyline_engine::report::Reporter;
use storyline_engine::{batches, EngineConfig, Processor, Summary};

use crate::commands::{exit_status, reader, report};
use crate::Cli;

pub fn run(cli: &Cli, config: &EngineConfig, paths: &[std::path::PathBuf]) -> Result<ExitCode> {
    let reader = reader(config)?;
    let processor = Processor::new(config);
    let mut reporter = Reporter::new(processor.analyzer());
    let mut out = BufWriter::new(io::stdout().lock());
    let mut summary = Summary::default();
    for batch in batches(reader.read_all(paths)) {
        // Analysis over all cores; keys are given in arrival order.
        for result in processor.process_batch(batch) {
            match result {
                Ok(doc) => {
                    summary.ingested += 1;
                    reporter.add(&doc);
                }
                Err(e) => {
                    summary.record_failure(e.reason());
                    report(&e);
                }
            }
        }
    }
    for line in reporter.finish() {
        writeln!(out, "{}", serde_json::to_string(&line)?)?;
    }
    out.flush()?;
    if !cli.quiet && summary.failures() > 0 {
        eprintln!(
            "analysed {}, {}",
            summary.ingested,
            summary.failure_report()
        );
    }
    Ok(exit_status(summary.failures() > 0))
}
