//! `storyline cluster`: articles clustered as a stream, no store — one line per
//! article with its story, copies and merges, or the scoring behind each choice.

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use storyline_engine::{EngineConfig, StreamClusterer, Summary};

use crate::commands::{exit_status, reader, report};
use crate::model::load_embedder;
use crate::{output, Cli};

#[derive(Serialize)]
struct ClusterLine {
    id: String,
    story: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    copy_of: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    merged: Vec<u64>,
}

impl ClusterLine {
    fn of(assigned: &storyline_engine::Assigned) -> Self {
        let assignment = &assigned.assignment;
        ClusterLine {
            id: assigned.doc.article.id.clone(),
            story: assignment.story,
            copy_of: assignment.copy_of.clone(),
            related: assignment.related.clone(),
            merged: assignment.merged.clone(),
        }
    }

    /// The line as it reads once every merge of the input is known.
    fn resolved(mut self, merges: &Merges) -> Self {
        self.story = merges.resolve(self.story);
        let mut related: Vec<u64> = Vec::with_capacity(self.related.len());
        for id in self.related.iter().map(|id| merges.resolve(*id)) {
            if id != self.story && !related.contains(&id) {
                related.push(id);
            }
        }
        self.related = related;
        self
    }
}

/// Merged-away story ids and the story each went into, as assignments report them.
/// Kept here because the clusterer forgets an alias once its story leaves memory.
#[derive(Default)]
struct Merges(std::collections::HashMap<u64, u64>);

impl Merges {
    fn record(&mut self, into: u64, merged: &[u64]) {
        for id in merged {
            self.0.insert(*id, into);
        }
    }

    fn resolve(&self, mut id: u64) -> u64 {
        // A merge always keeps the older id, so chains end; the bound is a guard.
        for _ in 0..=self.0.len() {
            match self.0.get(&id) {
                Some(next) if *next != id => id = *next,
                _ => break,
            }
        }
        id
    }
}

fn write_line(out: &mut impl Write, line: &ClusterLine) -> io::Result<()> {
    let json = serde_json::to_string(line).map_err(io::Error::other)?;
    writeln!(out, "{json}")
}

#[derive(Serialize)]
struct Explanation<'a> {
    id: &'a str,
    language: &'a str,
    story: u64,
    candidates: Vec<serde_json::Value>,
}

pub fn run(
    cli: &Cli,
    config: &EngineConfig,
    paths: &[std::path::PathBuf],
    explain: bool,
    as_assigned: bool,
) -> Result<ExitCode> {
    let reader = reader(config)?;
    let mut stream = StreamClusterer::new(config, load_embedder(cli)?)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut summary = Summary::default();
    let inputs = reader.expand(paths);
    let bar = output::Progress::new(&inputs, cli.quiet);
    let reader = reader.counting_into(bar.counter());
    let documents = inputs.iter().flat_map(|input| reader.documents(input));
    let mut merges = Merges::default();
    let mut held: Vec<ClusterLine> = Vec::new();
    let mut write_error: Option<io::Error> = None;
    stream.assign_all(documents, explain, |result| match result {
        Ok(assigned) => {
            summary.ingested += 1;
            summary.embedded += u64::from(assigned.embedding.is_some());
            bar.update(summary.ingested);
            if explain {
                bar.suspend(|| print_explanation(&assigned));
            }
            let line = ClusterLine::of(&assigned);
            if !as_assigned {
                merges.record(line.story, &line.merged);
                held.push(line);
                return ControlFlow::Continue(());
            }
            match write_line(&mut out, &line) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    write_error = Some(e);
                    ControlFlow::Break(())
                }
            }
        }
        Err(e) => {
            summary.record_failure(e.reason());
            bar.suspend(|| report(&e));
            ControlFlow::Continue(())
        }
    });
    bar.finish();
    if let Some(e) = write_error {
        return Err(e).context("cannot write the assignments");
    }
    for line in held {
        write_line(&mut out, &line.resolved(&merges)).context("cannot write the assignments")?;
    }
    out.flush()?;
    if !cli.quiet && (summary.failures() > 0 || summary.embedded > 0) {
        eprintln!(
            "clustered {} ({} embedded), {}",
            summary.ingested,
            summary.embedded,
            summary.failure_report()
        );
    }
    Ok(exit_status(summary.failures() > 0))
}

fn print_explanation(assigned: &storyline_engine::Assigned) {
    let explanation = Explanation {
        id: &assigned.doc.article.id,
        language: &assigned.doc.language,
        story: assigned.assignment.story,
        candidates: assigned
            .candidates
            .iter()
            .take(5)
            .map(|c| serde_json::to_value(c).unwrap_or_default())
            .collect(),
    };
    eprintln!(
        "{}",
        serde_json::to_string(&explanation).unwrap_or_default()
    );
}
