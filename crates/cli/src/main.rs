//! The `storyline` binary: argument parsing, progress and output formatting. All
//! work happens in the engine crates; this file only drives them.

mod analyze;
mod cluster;
mod commands;
mod config_file;
mod export;
mod intake;
mod model;
mod output;
mod read;
mod serving;
mod sources;
mod stores;
mod watch;
mod work;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// storyline — turn a stream of multilingual news into stories.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, about, long_about = None)]
pub struct Cli {
    /// Data directory holding the embedded store.
    #[arg(
        long,
        global = true,
        env = "STORYLINE_DATA",
        default_value = "./storyline-data"
    )]
    pub data: PathBuf,
    /// A shared store instead of the one in --data: `postgres://user@host/db`
    /// (`scripts/postgres start` runs one to try). --data then holds only what is
    /// local to this machine (the search index).
    #[arg(long, global = true, env = "STORYLINE_STORE", value_name = "URL")]
    pub store: Option<String>,
    /// Configuration file: TOML (`.toml`) or JSON, sections ingest, extract, analyze,
    /// cluster and server (`storyline config --defaults` writes one to start from).
    #[arg(long, global = true, env = "STORYLINE_CONFIG")]
    pub config: Option<PathBuf>,
    /// The multilingual embedding model (fetched by scripts/setup). Without this
    /// option, the first of DATA/e5-small-q4.bin, ~/.cache/storyline/, beside the
    /// binary (and a checkout's models/) and ./models/. Without a model storyline
    /// still runs, on words, names and dates only, and warns once.
    #[arg(long, global = true, env = "STORYLINE_MODEL")]
    pub model: Option<PathBuf>,
    /// Do not load the embedding model (faster; weaker cross-lingual linking).
    #[arg(long, global = true)]
    pub lexical_only: bool,
    /// No progress bar and no summary on stderr (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest articles into the store and assign each to a story.
    #[command(after_help = "Examples:
  storyline ingest samples/corpus
  storyline ingest feeds/*.xml crawl.warc.gz articles.jsonl
  cat articles.jsonl | storyline ingest -

Formats are recognised by extension and content: plain text, HTML, JSONL/NDJSON,
WARC(.gz), RSS/Atom, any of them gzipped. Re-ingesting the same article is a no-op.
Exit status is 1 if any document failed (the rest are still ingested).")]
    Ingest {
        /// Files, directories (read recursively) or `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Put documents in a PostgreSQL store's work queue, in the order given, for
    /// `storyline worker` processes on any machine.
    #[command(after_help = "Examples:
  export STORYLINE_STORE=postgres://storyline@db.example/news
  storyline enqueue crawl/*.warc.gz
  storyline worker --once        (on as many machines as you like)

Documents are assigned to stories in the order they were enqueued, whatever the
number of workers: the stories are those `storyline ingest` makes of the same input.")]
    Enqueue {
        /// Files, directories (read recursively) or `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Work on a PostgreSQL store's queue: extract, analyse and embed queued documents
    /// (in parallel with other workers) and, in whichever worker holds the clusterer
    /// role, assign them to stories in queue order.
    #[command(after_help = "Examples:
  storyline --store postgres://storyline@db.example/news worker
  storyline worker --once          (exit when the queue is drained)
  storyline worker --prepare-only  (a machine for the heavy stage only)

A worker killed at any moment loses nothing: its leased documents go to another
worker, and another worker takes the clusterer role over where it stopped.
Ctrl-C or SIGTERM finishes the batch under way first.")]
    Worker(crate::work::WorkerArgs),
    /// List stories, most recent activity first.
    #[command(after_help = "Examples:
  storyline stories
  storyline stories --limit 100 --json
  storyline stories --language uk --entity Zelensky --from 2025-09-01 --min-articles 3")]
    Stories {
        /// How many stories to list.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Skip this many stories first.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        filter: StoryFilter,
    },
    /// Search stored articles: words (accents folded), per-language stems, names in any script.
    #[command(after_help = "Examples:
  storyline search crane
  storyline search \"Zelensky\" --language uk
  storyline search '\"container terminal\" OR kran' --json

Each hit names the article's key (see the web UI's /articles/KEY) and its story.")]
    Search {
        /// The query: words, \"a phrase\", OR, -excluded.
        query: String,
        /// Only articles in this language (ISO 639-1).
        #[arg(long)]
        language: Option<String>,
        /// How many articles.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Skip this many hits first (paging; at most 10,000).
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=10_000))]
        offset: u32,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one story and its articles.
    #[command(after_help = "Examples:
  storyline show 12
  storyline show 12 --json")]
    Show {
        /// Story id, as listed by `storyline stories`.
        story: u64,
        /// The story as one JSON document.
        #[arg(long)]
        json: bool,
        /// The reader's language (ISO 639-1): the title comes from a headline in it
        /// when the story has one. Default: the story's most common language.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Cluster articles as a stream without touching the store (evaluation mode).
    #[command(after_help = "Examples:
  storyline cluster ../shared/seeds/*.txt
  storyline cluster data.jsonl > pred.jsonl

Reads articles in the order given and writes one line per article, in input order:
{\"id\": ..., \"story\": ...}. `id` is the JSONL id or the file name without extension;
`story` is the story the article is in once the whole input is read, as the store would
show it: each article is assigned on arrival, and when a later article shows two stories
to be one, the younger id is merged into the older. `copy_of` names the earliest version
a copy repeats, `related` stories of the same kind (same names, another time) this
article newly links to its story, `merged` stories this article showed to be the same
as its story. With --as-assigned each line is written on arrival and names the story
the article was assigned to then (later merges show in later lines' `merged`).")]
    Cluster {
        /// Files, directories or `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print each article's scored candidate stories to stderr (JSON lines).
        #[arg(long)]
        explain: bool,
        /// Write each line as the article is assigned (for endless streams) instead of
        /// naming each article's story after the whole input.
        #[arg(long)]
        as_assigned: bool,
    },
    /// Score how likely two articles report the same event.
    #[command(after_help = "Examples:
  storyline similarity pairs.jsonl
  storyline similarity pairs.jsonl --model models/e5-small-q4.bin

Input lines: {\"id\": ..., \"a\": {article}, \"b\": {article}} with the JSONL article fields.
Output lines: {\"id\": ..., \"score\": 0..1, \"parts\": {...}}: the clusterer's own scorer,
the shorter text against the other, and every part of its score (words, names, embedding,
time, ages). All pairs are read first: word and name weights and the embedding's means come
from all their articles, so more pairs score better and no pair depends on the ones before
it. Without the model file the score uses names, words and dates only, and a warning says so.")]
    Similarity {
        /// A JSONL file of pairs, or `-` for stdin.
        pairs: PathBuf,
    },
    /// Print the configuration as a TOML file: the one in effect (defaults, then the
    /// `--config` file), or with `--defaults` every default, each setting documented.
    #[command(after_help = "Examples:
  storyline config --defaults > storyline.toml
  storyline --config storyline.toml config")]
    Config {
        /// The built-in defaults, whatever `--config` says.
        #[arg(long)]
        defaults: bool,
    },
    /// Print a shell completion script for storyline's commands and options.
    #[command(after_help = "Examples:
  storyline completions bash > ~/.local/share/bash-completion/completions/storyline
  storyline completions zsh > ~/.zfunc/_storyline
  storyline completions fish > ~/.config/fish/completions/storyline.fish")]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) for storyline and its commands.
    #[command(after_help = "Examples:
  storyline manpage > ~/.local/share/man/man1/storyline.1 && man storyline
  storyline manpage | man -l -")]
    Manpage,
    /// Follow news sources over HTTP: new articles go into the store as they appear.
    #[command(after_help = "Examples:
  storyline watch https://example.org/rss.xml https://example.net/
  storyline watch --sources feeds.opml
  storyline watch --once https://example.org/news-sitemap.xml     (for cron)
  storyline watch                                                 (every source followed before)

A SOURCE is a feed (RSS, Atom, JSON Feed), a news sitemap or sitemap index, a site's
home page (its announced feeds, else its robots.txt sitemaps), or an OPML or text file
listing them. Each source is polled on its own schedule (--interval, then sooner or
later as it changes); unchanged feeds cost a 304. robots.txt is obeyed, one host gets
one request a second and two at once, loopback and private addresses are refused.
What each source did is kept in the store: `storyline sources`. Settings: [watch]
in the config file (`storyline config --defaults`).")]
    Watch {
        /// Feed, sitemap or home-page URLs, or files listing them (OPML or one URL a line).
        sources: Vec<String>,
        /// A file listing sources (OPML, or one URL a line).
        #[arg(long = "sources", value_name = "FILE")]
        list: Option<PathBuf>,
        /// Poll every source once, ingest what is new, and exit.
        #[arg(long)]
        once: bool,
        /// Seconds between polls of a source, before adapting (default 900, or `watch.interval_secs`).
        #[arg(long, value_name = "SECONDS")]
        interval: Option<f64>,
        /// Allow loopback, private and link-local addresses (intranets, tests).
        #[arg(long)]
        allow_private: bool,
        /// The User-Agent to send (and to read robots.txt rules for).
        #[arg(long)]
        user_agent: Option<String>,
        /// HOST:PORT:ADDRESS — reach HOST at ADDRESS without DNS (as curl's --resolve).
        #[arg(long, value_name = "HOST:PORT:ADDRESS")]
        resolve: Vec<String>,
    },
    /// List the sources `storyline watch` follows: status, articles, last success and error.
    #[command(after_help = "Examples:
  storyline sources
  storyline sources --json | jq 'select(.status == \"failing\")'
  storyline sources --forget https://example.org/rss.xml")]
    Sources {
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
        /// Stop following this source (and forget what it has seen).
        #[arg(long, value_name = "URL")]
        forget: Option<String>,
    },
    /// Write the store as a table: one row per article (or per story), for pandas, R
    /// or a spreadsheet.
    #[command(after_help = "Examples:
  storyline export --format csv > articles.csv
  storyline export --format parquet --output articles.parquet
  storyline export --stories --format jsonl | jq .title

Article columns: id, key, url, outlet, language, published, title, story, copy_of.
Story columns: id, title, article_count, languages, first_published, last_published,
last_activity. Times are RFC 3339; an absent value is empty in CSV, null otherwise.")]
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: export::Format,
        /// One row per story instead of per article.
        #[arg(long)]
        stories: bool,
        /// Write here instead of standard output (required for Parquet).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Saved queries, each with an Atom feed of the stories it matches.
    #[command(subcommand)]
    Alert(AlertCommand),
    /// Serve the HTTP API and web UI over the store.
    #[command(after_help = "Examples:
  storyline serve
  STORYLINE_TOKEN=s3cret storyline serve --addr 0.0.0.0:7878

Pages: / (stories), /stories/ID. API: GET /api/stories, /api/stories/ID, /api/tasks/ID;
POST /api/articles (JSON article, array or JSON lines; header `Authorization: Bearer TOKEN`).
Without a token (STORYLINE_TOKEN, or `server.token` in the config file) the API is read-only.")]
    Serve {
        /// Address to listen on (default 127.0.0.1:7878, or `server.addr` in the config).
        #[arg(long)]
        addr: Option<std::net::SocketAddr>,
        /// On a PostgreSQL store: do not work the queue in this process (posted
        /// articles wait for `storyline worker` processes).
        #[arg(long)]
        no_worker: bool,
        /// Serve reads only, beside the store's writer (e.g. a second server on the
        /// same data directory): posted articles are refused with where to send them.
        #[arg(long)]
        read_only: bool,
    },
    /// Extract articles and print them as JSON lines, without storing anything.
    #[command(after_help = "Examples:
  storyline extract page.html
  storyline extract crawl.warc.gz > articles.jsonl
  storyline extract --explain page.html")]
    Extract {
        /// Files, directories or `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Instead of articles, show how each HTML page was read: the elements that
        /// competed to hold the article and every text block, kept or dropped, with
        /// the reason.
        #[arg(long)]
        explain: bool,
    },
    /// Analyse articles without storing them: one JSON line per article with its
    /// language, names (kind and a key shared by the same entity across the run's
    /// articles, spellings and scripts), quotes with speakers, and dates.
    #[command(after_help = "Examples:
  storyline analyze ../shared/seeds/
  storyline analyze articles.jsonl | jq -c '.quotes[]'")]
    Analyze {
        /// Files, directories or `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// The story list's filters, as the API's `/api/stories` takes them.
#[derive(Debug, clap::Args)]
pub struct StoryFilter {
    /// Only stories with an article in this language (ISO 639-1).
    #[arg(long)]
    pub language: Option<String>,
    /// Only stories with an article from this outlet.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only stories whose articles name this person, organisation or place (any script).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only stories reported on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub from: Option<chrono::NaiveDate>,
    /// Only stories reported on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub to: Option<chrono::NaiveDate>,
    /// Only stories with at least this many articles.
    #[arg(long)]
    pub min_articles: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum AlertCommand {
    /// Save a query; `storyline serve` gives its stories at /alerts/NAME/feed.atom.
    #[command(after_help = "Examples:
  storyline alert add quakes 'earthquake OR Erdbeben OR землетрус'
  storyline alert add kyiv-talks talks --entity Zelensky --language uk

The feed lists the matching stories most recently active first; a story that grows
is updated in it. Alerts can be added while the server runs.")]
    Add {
        /// Letters, digits, '-' and '_' (part of the feed's URL).
        name: String,
        /// Search words, as for `storyline search` (may be empty with --entity).
        #[arg(default_value = "")]
        query: String,
        /// Only stories with an article in this language (ISO 639-1).
        #[arg(long)]
        language: Option<String>,
        /// Only stories whose articles name this person, organisation or place (any script).
        #[arg(long)]
        entity: Option<String>,
    },
    /// List saved alerts.
    List {
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Delete a saved alert.
    Remove { name: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(&cli) {
        Ok(status) => status,
        // `storyline cluster … | head` closes the pipe early: not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
