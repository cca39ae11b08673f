//! Where `storyline watch` and `storyline ingest` put documents: into the store
//! through the engine (a batch at a time, while the fetchers go on), or — when
//! `storyline serve` holds the store — to the server's `POST /api/articles`, whose
//! durable queue takes them, or — on a PostgreSQL store — into its work queue, for
//! the workers (`watch` works through what it queued after each poll). Either way
//! the watcher's own records (sources, robots.txt) go to the store.

use std::time::Duration;

use anyhow::{bail, Context, Result};
use storyline_engine::work::encode_document;
use storyline_engine::{batches, Engine, Outcome};
use storyline_model::{Body, RawDocument};
use storyline_store::{PostgresStore, SqliteStore, StoreError, WatchLog, WorkQueue};

use crate::commands::{attach_search, open_engine, open_store_for_writing, report};
use crate::config_file::Sections;
use crate::model::load_embedder;
use crate::stores::{postgres_url, AnyStore};
use crate::Cli;

/// Documents per batch, as `ingest` hands them to the engine.
const BATCH: usize = 64;

/// Where articles go.
pub(crate) enum Destination {
    Engine(Box<Engine<AnyStore>>),
    /// A running server: its URL, its token, and a connection of our own for the
    /// watcher's records (SQLite serialises them with the server's writes).
    Server {
        url: String,
        token: String,
        agent: ureq::Agent,
        log: Box<SqliteStore>,
    },
    /// A PostgreSQL store's work queue (its URL, to work through it).
    Queue {
        store: Box<PostgresStore>,
        url: String,
    },
}

impl Destination {
    /// The engine over the store; or, when `storyline serve` holds the store, the
    /// server itself (with its token), so `command` and serving go on together.
    pub(crate) fn open(cli: &Cli, sections: &Sections, command: &str) -> Result<Destination> {
        let engine_over = |store: AnyStore| -> Result<Destination> {
            let mut engine = open_engine(store, &sections.engine, load_embedder(cli)?)?;
            attach_search(cli, &mut engine)?;
            Ok(Destination::Engine(Box::new(engine)))
        };
        if let Some(url) = postgres_url(cli)? {
            let store = PostgresStore::connect_as(url, &format!("storyline {command}"))?;
            return Ok(Destination::Queue {
                store: Box::new(store),
                url: url.to_string(),
            });
        }
        let holder = match SqliteStore::open_dir_for_writing(&cli.data) {
            Err(StoreError::Locked { holder, .. }) if holder.contains("storyline serve on ") => {
                holder
            }
            opened => {
                // Any other refusal is said as `ingest` says it.
                let store = match opened {
                    Ok(store) => {
                        store.announce_writer(&format!("storyline {command}"));
                        store
                    }
                    Err(_) => open_store_for_writing(cli, command)?,
                };
                return engine_over(Box::new(store));
            }
        };
        let url = holder.rsplit(' ').next().unwrap_or_default().to_string();
        let token = std::env::var("STORYLINE_TOKEN")
            .ok()
            .or_else(|| sections.server.token.clone())
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            bail!(
                "storyline serve holds {} ({url}); give {command} the server's token \
                 (STORYLINE_TOKEN or server.token) and it hands the server what it fetches",
                cli.data.display(),
            );
        };
        if !cli.quiet {
            eprintln!("storyline serve runs on {url}: new articles go to its queue");
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build();
        Ok(Destination::Server {
            url,
            token,
            agent: config.into(),
            log: Box::new(SqliteStore::open_dir_existing(&cli.data)?),
        })
    }

    pub(crate) fn log(&mut self) -> &mut dyn WatchLog {
        match self {
            Destination::Engine(engine) => engine.store_mut(),
            Destination::Server { log, .. } => log.as_mut(),
            Destination::Queue { store, .. } => store.as_mut(),
        }
    }

    pub(crate) fn log_ref(&self) -> &dyn WatchLog {
        match self {
            Destination::Engine(engine) => engine.store(),
            Destination::Server { log, .. } => log.as_ref(),
            Destination::Queue { store, .. } => store.as_ref(),
        }
    }
}

/// Documents handed over while the poll goes on, sent on a batch at a time, counted per source.
pub(crate) struct Intake {
    buffer: Vec<(usize, RawDocument)>,
    /// Per source: stored by the engine, or accepted by the server.
    pub taken: Vec<u64>,
    pub failed: Vec<u64>,
    /// A store error or a refusal by the server: nothing more is sent.
    pub fatal: Option<String>,
}

impl Intake {
    pub(crate) fn new(sources: usize) -> Self {
        Intake {
            buffer: Vec::new(),
            taken: vec![0; sources],
            failed: vec![0; sources],
            fatal: None,
        }
    }

    pub(crate) fn add(&mut self, to: &mut Destination, source: usize, doc: RawDocument) {
        self.buffer.push((source, doc));
        if self.buffer.len() >= BATCH {
            self.flush(to);
        }
    }

    pub(crate) fn flush(&mut self, to: &mut Destination) {
        let buffer = std::mem::take(&mut self.buffer);
        if self.fatal.is_some() || buffer.is_empty() {
            return;
        }
        let outcome = match to {
            Destination::Engine(engine) => {
                self.ingest(engine, buffer);
                Ok(())
            }
            Destination::Server {
                url, token, agent, ..
            } => self.post(agent, url, token, buffer),
            Destination::Queue { store, .. } => self.enqueue(store, buffer),
        };
        if let Err(e) = outcome {
            self.fatal = Some(format!("{e:#}"));
        }
    }

    fn ingest(&mut self, engine: &mut Engine<AnyStore>, buffer: Vec<(usize, RawDocument)>) {
        let (sources, docs): (Vec<usize>, Vec<RawDocument>) = buffer.into_iter().unzip();
        let batch = docs.into_iter().map(Ok::<_, storyline_ingest::IngestError>);
        let results = batches(batch).flat_map(|b| engine.ingest_batch(b));
        for (source, result) in sources.into_iter().zip(results) {
            match result {
                Ok(Outcome::Stored { .. }) => self.taken[source] += 1,
                Ok(Outcome::Duplicate) => {}
                Err(e) if e.is_per_document() => {
                    report(&e);
                    self.failed[source] += 1;
                }
                Err(e) => {
                    self.fatal = Some(e.to_string());
                    return;
                }
            }
        }
    }

    fn enqueue(
        &mut self,
        store: &mut PostgresStore,
        buffer: Vec<(usize, RawDocument)>,
    ) -> Result<()> {
        let documents: Vec<(String, Vec<u8>)> = buffer
            .iter()
            .map(|(_, d)| (d.origin.to_string(), encode_document(d)))
            .collect();
        store.enqueue(&documents)?;
        for (source, _) in buffer {
            self.taken[source] += 1;
        }
        Ok(())
    }

    /// Sends the documents as JSON lines; the server answers 202 once its queue holds them.
    fn post(
        &mut self,
        agent: &ureq::Agent,
        url: &str,
        token: &str,
        buffer: Vec<(usize, RawDocument)>,
    ) -> Result<()> {
        let lines: Vec<String> = buffer.iter().map(|(_, d)| as_json(d).to_string()).collect();
        let endpoint = format!("{url}/api/articles");
        let mut response = agent
            .post(&endpoint)
            .header("Authorization", &format!("Bearer {token}"))
            .header("Content-Type", "application/x-ndjson")
            .send(lines.join("\n").as_bytes())
            .with_context(|| format!("cannot reach the server at {endpoint}"))?;
        let status = response.status().as_u16();
        if status != 202 {
            let body = response.body_mut().read_to_string().unwrap_or_default();
            anyhow::bail!("the server at {endpoint} answered {status}: {body}");
        }
        for (source, _) in buffer {
            self.taken[source] += 1;
        }
        Ok(())
    }
}

/// A document as a JSON article of `POST /api/articles` (the JSONL fields).
fn as_json(doc: &RawDocument) -> serde_json::Value {
    let mut article = serde_json::json!({
        "id": doc.id, "url": doc.url, "title": doc.title, "lang": doc.declared_language,
        "published": doc.published, "source": doc.source,
    });
    let (key, body) = match &doc.body {
        Body::Html(html) => ("html", html),
        Body::Text(text) => ("text", text),
    };
    article[key] = serde_json::Value::String(body.clone());
    article
}
