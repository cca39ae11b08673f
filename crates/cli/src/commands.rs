//! One function per subcommand.

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;

use storyline_engine::{batches, noun, Engine, EngineConfig, PipelineError, Processor, Summary};
use storyline_ingest::Reader;
use storyline_store::{SqliteStore, Store, StoreError};

use crate::config_file::Sections;
use crate::intake::{Destination, Intake};
use crate::model::load_embedder;
use crate::output;
use crate::{Cli, Command};

pub fn run(cli: &Cli) -> Result<ExitCode> {
    if let Command::Completions { shell } = cli.command {
        use clap::CommandFactory;
        clap_complete::generate(
            shell,
            &mut Cli::command(),
            "storyline",
            &mut std::io::stdout(),
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Manpage = cli.command {
        crate::output::manpage(&mut std::io::stdout())?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Config { defaults: true } = cli.command {
        let text = crate::config_file::to_toml(&Sections::default())?;
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    }
    let sections = load_config(cli)?;
    let (config, server) = (&sections.engine, sections.server.clone());
    match &cli.command {
        Command::Ingest { paths } if crate::stores::postgres_url(cli)?.is_some() => {
            crate::work::ingest(cli, &sections, paths)
        }
        Command::Ingest { paths } => ingest(cli, &sections, paths),
        Command::Enqueue { paths } => crate::work::enqueue(cli, &sections, paths),
        Command::Worker(args) => crate::work::worker(cli, &sections, args),
        Command::Stories {
            limit,
            offset,
            json,
            filter,
        } => crate::read::stories(cli, *limit, *offset, *json, filter),
        Command::Show { story, json, lang } => {
            crate::read::show(cli, config, *story, *json, lang.as_deref())
        }
        Command::Search {
            query,
            language,
            limit,
            offset,
            json,
        } => {
            let page = (*limit, *offset as usize);
            crate::read::search(cli, query, language.as_deref(), page, *json)
        }
        Command::Cluster {
            paths,
            explain,
            as_assigned,
        } => crate::cluster::run(cli, config, paths, *explain, *as_assigned),
        Command::Extract { paths, explain } => {
            if *explain {
                explain_pages(config, paths)
            } else {
                extract(cli, config, paths)
            }
        }
        Command::Analyze { paths } => crate::analyze::run(cli, config, paths),
        Command::Similarity { pairs } => similarity(cli, config, pairs),
        Command::Serve {
            addr,
            no_worker,
            read_only,
        } => {
            let how = crate::work::Serving {
                no_worker: *no_worker,
                read_only: *read_only,
            };
            crate::serving::serve(cli, &sections, server, *addr, how)
        }
        Command::Config { .. } => {
            print!("{}", crate::config_file::to_toml(&sections)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { .. } | Command::Manpage => Ok(ExitCode::SUCCESS),
        Command::Watch { .. } => crate::watch::run(cli, &sections),
        Command::Sources { json, forget } => crate::sources::sources(cli, *json, forget.as_deref()),
        Command::Alert(command) => crate::sources::alert(cli, command),
        Command::Export {
            format,
            stories,
            output,
        } => crate::export::run(cli, *format, *stories, output.as_deref()),
    }
}

/// Every section, from the `--config` file or the defaults.
pub(crate) fn load_config(cli: &Cli) -> Result<Sections> {
    match &cli.config {
        Some(path) => crate::config_file::load(path),
        None => Ok(Sections::default()),
    }
}

pub(crate) fn search_dir(cli: &Cli) -> std::path::PathBuf {
    cli.data.join("index")
}

/// Opens the full-text index beside the store and brings it up to date.
pub(crate) fn attach_search<S: Store>(cli: &Cli, engine: &mut Engine<S>) -> Result<()> {
    let dir = search_dir(cli);
    let (index, damage) = storyline_search::SearchIndex::open_repairing(&dir)?;
    if let Some(damage) = damage {
        eprintln!(
            "warning: the search index in {} was damaged ({damage}); it is built again from the store",
            dir.display()
        );
    }
    let attached = engine.attach_search(index)?;
    if let Some(why) = &attached.rebuilt {
        eprintln!(
            "warning: the search index in {} was not this store's ({why}); it was built again \
             from the store's {} {}",
            dir.display(),
            attached.added,
            noun(attached.added as u64, "article", "articles")
        );
    } else if attached.added > 0 && !cli.quiet {
        eprintln!(
            "search index: added {} stored articles it lacked",
            attached.added
        );
    }
    Ok(())
}

pub(crate) fn reader(config: &EngineConfig) -> Result<Reader> {
    config
        .ingest
        .clone()
        .build()
        .map_err(|e| anyhow::anyhow!("invalid ingest configuration: {e}"))
}

/// The store, for `command` (what the lock file says of this process) to write to;
/// refused while another process writes to it, saying which (and, for a running
/// server, how to send it articles instead).
pub(crate) fn open_store_for_writing(cli: &Cli, command: &str) -> Result<SqliteStore> {
    match SqliteStore::open_dir_for_writing(&cli.data) {
        Ok(store) => {
            store.announce_writer(&format!("storyline {command}"));
            Ok(store)
        }
        Err(e @ StoreError::Locked { .. }) => {
            let hint = match &e {
                _ if command.starts_with("serve") => "stop it and run this again, or serve \
                    beside it with `serve --read-only`"
                    .to_string(),
                StoreError::Locked { holder, .. } if holder.contains("storyline serve on ") => {
                    let url = holder.rsplit(' ').next().unwrap_or_default();
                    format!(
                        "the server takes articles itself: POST them to {url}/api/articles \
                         (Authorization: Bearer TOKEN), or stop it and run this again"
                    )
                }
                _ => "wait for it to finish, or stop it, and run this again".to_string(),
            };
            Err(anyhow::anyhow!("{e}; {hint}"))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn open_store(cli: &Cli) -> Result<SqliteStore> {
    Ok(SqliteStore::open_dir_existing(&cli.data)?)
}

pub(crate) fn exit_status(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Opens the engine over the store, saying why a saved clustering state was not used.
pub(crate) fn open_engine<S: Store>(
    store: S,
    config: &EngineConfig,
    embedder: Option<std::sync::Arc<dyn storyline_embed::Embedder>>,
) -> Result<Engine<S>> {
    let engine = Engine::open(store, config, embedder)?;
    if let Some(warning) = engine.state_warning() {
        eprintln!("warning: {warning}");
    }
    Ok(engine)
}

pub(crate) fn report(e: &PipelineError) {
    eprintln!("error: {e}");
}

fn ingest(cli: &Cli, sections: &Sections, paths: &[std::path::PathBuf]) -> Result<ExitCode> {
    let reader = reader(&sections.engine)?;
    let mut engine = match Destination::open(cli, sections, "ingest")? {
        Destination::Engine(engine) => engine,
        server => return send_to_server(cli, reader, paths, server),
    };
    let inputs = reader.expand(paths);
    let bar = output::Progress::new(&inputs, cli.quiet);
    let reader = reader.counting_into(bar.counter());
    let mut summary = Summary::default();
    let (mut fatal, mut documents) = (None, 0u64);
    // One stream over every input, so a directory of pages fills whole batches.
    let stream = inputs.iter().flat_map(|input| reader.documents(input));
    engine.ingest_all(batches(stream), |result| {
        summary.record(&result);
        documents += 1;
        bar.update(documents);
        match result {
            Err(e) if !e.is_per_document() => {
                fatal = Some(e);
                ControlFlow::Break(())
            }
            Err(e) => {
                bar.suspend(|| report(&e));
                ControlFlow::Continue(())
            }
            Ok(_) => ControlFlow::Continue(()),
        }
    });
    if let Some(e) = fatal {
        bar.suspend(|| report(&e));
        bar.finish();
        engine.flush_search();
        return Err(anyhow::anyhow!("{e}"))
            .context("ingest stopped; everything before this point is stored");
    }
    bar.finish();
    engine.flush_search();
    if let Err(e) = engine.save_state() {
        eprintln!("warning: could not save the clustering state ({e}); the next run rebuilds it");
    }
    if let Some(warning) = engine.search_warning() {
        eprintln!(
            "warning: the search index fell behind ({warning}); it catches up on the next run"
        );
    }
    if !cli.quiet {
        let counts = engine.store().counts()?;
        eprintln!("{summary}");
        eprintln!(
            "store {}: {} {} in {} {}",
            crate::stores::describe(cli),
            counts.articles,
            noun(counts.articles, "article", "articles"),
            counts.stories,
            noun(counts.stories, "story", "stories")
        );
    }
    Ok(exit_status(summary.failures() > 0))
}

/// `ingest` beside a running server: the documents go to its queue, which stores
/// them in order as if they had been ingested here.
fn send_to_server(
    cli: &Cli,
    reader: Reader,
    paths: &[std::path::PathBuf],
    mut to: Destination,
) -> Result<ExitCode> {
    let inputs = reader.expand(paths);
    let bar = output::Progress::new(&inputs, cli.quiet);
    let reader = reader.counting_into(bar.counter());
    let mut intake = Intake::new(1);
    let (mut documents, mut unreadable) = (0u64, 0u64);
    for input in &inputs {
        for doc in reader.documents(input) {
            match doc {
                Ok(doc) => {
                    intake.add(&mut to, 0, doc);
                    documents += 1;
                }
                Err(e) => {
                    unreadable += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
            }
            if intake.fatal.is_some() {
                break;
            }
        }
        bar.update(documents);
    }
    intake.flush(&mut to);
    bar.finish();
    if let Some(fatal) = intake.fatal {
        anyhow::bail!("{fatal}; what was sent before this point is in the server's queue");
    }
    if !cli.quiet {
        eprintln!(
            "sent {} {} to the server's queue ({unreadable} unreadable); it stores them in order \
             (GET /api/tasks shows how far it is)",
            intake.taken[0],
            noun(intake.taken[0], "document", "documents")
        );
    }
    Ok(exit_status(unreadable > 0))
}

#[derive(Serialize)]
struct ExtractLine<'a> {
    id: &'a str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    text: &'a str,
    published: Option<String>,
    modified: Option<String>,
    authors: &'a [String],
    language: &'a str,
    source: Option<&'a str>,
    encoding: &'a str,
    origin: String,
}

fn extract(cli: &Cli, config: &EngineConfig, paths: &[std::path::PathBuf]) -> Result<ExitCode> {
    let reader = reader(config)?;
    let processor = Processor::new(config);
    let mut out = BufWriter::new(io::stdout().lock());
    let mut summary = Summary::default();
    for raw in reader.read_all(paths) {
        match raw
            .map_err(PipelineError::from)
            .and_then(|raw| processor.process(raw))
        {
            Ok(doc) => {
                summary.ingested += 1;
                let a = &doc.article;
                let line = ExtractLine {
                    id: &a.id,
                    url: a.url.as_deref(),
                    title: a.title.as_deref(),
                    text: &a.text,
                    published: a.published.map(|p| p.to_rfc3339()),
                    modified: a.modified.map(|p| p.to_rfc3339()),
                    authors: &a.authors,
                    language: &doc.language,
                    source: a.source.as_deref(),
                    encoding: &a.encoding,
                    origin: a.origin.to_string(),
                };
                writeln!(out, "{}", serde_json::to_string(&line)?)?;
            }
            Err(e) => {
                summary.record_failure(e.reason());
                report(&e);
            }
        }
    }
    out.flush()?;
    if !cli.quiet && summary.failures() > 0 {
        eprintln!(
            "extracted {}, {}",
            summary.ingested,
            summary.failure_report()
        );
    }
    Ok(exit_status(summary.failures() > 0))
}

/// `extract --explain`: how main-content extraction read each HTML page.
fn explain_pages(config: &EngineConfig, paths: &[std::path::PathBuf]) -> Result<ExitCode> {
    let reader = reader(config)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = false;
    for raw in reader.read_all(paths) {
        match raw {
            Ok(raw) => {
                writeln!(out, "== {}", raw.origin)?;
                match &raw.body {
                    storyline_model::Body::Html(html) => {
                        write!(out, "{}", storyline_extract::explain_main_content(html))?;
                    }
                    storyline_model::Body::Text(_) => {
                        writeln!(out, "plain text: read line by line, no page to explain")?;
                    }
                }
            }
            Err(e) => {
                failed = true;
                report(&PipelineError::from(e));
            }
        }
    }
    out.flush()?;
    Ok(exit_status(failed))
}

/// Reads every pair first: the scores use the statistics of all the articles.
fn similarity(cli: &Cli, config: &EngineConfig, pairs: &std::path::Path) -> Result<ExitCode> {
    use std::io::BufRead;

    let embedder = load_embedder(cli)?;
    let scorer = storyline_engine::PairScorer::new(config, embedder);
    let input: Box<dyn BufRead> = if pairs.as_os_str() == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        let file = std::fs::File::open(pairs)
            .with_context(|| format!("cannot open {}", pairs.display()))?;
        Box::new(io::BufReader::new(file))
    };
    let name = pairs.display().to_string();
    let mut ids = Vec::new();
    let mut read = Vec::new();
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line.with_context(|| format!("reading {name}"))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let pair = String::from_utf8(line)
            .map_err(|_| format!("{name}:{}: not UTF-8", n + 1))
            .and_then(|line| read_pair(&line, &name, n as u64 + 1));
        ids.push(
            pair.as_ref()
                .map_or(serde_json::Value::Null, |p| p.0.clone()),
        );
        read.push(pair.map(|(_, a, b)| (a, b)));
    }
    let errors: Vec<Option<String>> = read.iter().map(|p| p.as_ref().err().cloned()).collect();
    let inputs = read
        .into_iter()
        .map(|p| p.map_err(storyline_engine::PipelineError::Config))
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = 0u64;
    for ((score, id), error) in scorer.score_all(inputs).into_iter().zip(ids).zip(errors) {
        let row = score
            .map_err(|e| error.unwrap_or_else(|| e.to_string()))
            .and_then(|s| serde_json::to_value(&s).map_err(|e| e.to_string()));
        match row {
            Ok(mut row) => {
                if let serde_json::Value::Object(map) = &mut row {
                    map.insert("id".into(), id);
                }
                writeln!(out, "{row}")?;
            }
            Err(message) => {
                failed += 1;
                eprintln!("error: {message}");
            }
        }
    }
    out.flush()?;
    if !cli.quiet && failed > 0 {
        eprintln!("{failed} pairs failed");
    }
    Ok(exit_status(failed > 0))
}

/// One line of pairs: its id and its two articles.
fn read_pair(
    line: &str,
    name: &str,
    n: u64,
) -> Result<
    (
        serde_json::Value,
        storyline_model::RawDocument,
        storyline_model::RawDocument,
    ),
    String,
> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("{name}:{n}: malformed JSON: {e}"))?;
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let side = |key: &str| {
        let article = value
            .get(key)
            .ok_or_else(|| format!("{name}:{n}: no \"{key}\" article"))?;
        let origin = storyline_model::Origin::at(name, storyline_model::Locator::Line(n));
        storyline_ingest::document_from_json(article, origin, format!("{key}:{n}"))
            .map_err(|e| e.to_string())
    };
    Ok((id, side("a")?, side("b")?))
}
