//! `storyline export`: the store as a table for pandas, R or a spreadsheet — one
//! row per article (id, key, url, outlet, language, published, title, story,
//! copy_of) or per story — in CSV, JSON lines or Parquet. Rows are read a page
//! at a time, so a large store is never held in memory whole.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde::Serialize;
use storyline_store::{Store, StoredArticle, StorySummary};

use crate::stores::open_any;
use crate::Cli;

/// Rows read from the store at a time (and per Parquet row group).
const PAGE: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
}

/// One article as a row. Absent values are empty in CSV and null elsewhere.
#[derive(Debug, Serialize)]
struct ArticleRow {
    id: String,
    key: i64,
    url: Option<String>,
    outlet: Option<String>,
    language: String,
    published: Option<String>,
    title: Option<String>,
    story: i64,
    copy_of: Option<String>,
}

/// One story as a row.
#[derive(Debug, Serialize)]
struct StoryRow {
    id: i64,
    title: Option<String>,
    article_count: i64,
    languages: String,
    first_published: Option<String>,
    last_published: Option<String>,
    last_activity: String,
}

fn article_row(a: StoredArticle) -> ArticleRow {
    let outlet = storyline_engine::insight::outlet_of(&a);
    ArticleRow {
        id: a.article.id,
        key: a.key,
        url: a.article.url,
        outlet,
        language: a.language,
        published: a.article.published.map(|t| t.to_rfc3339()),
        title: a.article.title,
        story: a.story as i64,
        copy_of: a.copy_of,
    }
}

fn story_row(s: StorySummary) -> StoryRow {
    StoryRow {
        id: s.id as i64,
        title: s.title,
        article_count: s.articles as i64,
        languages: s.languages.join(","),
        first_published: s.first_published.map(|t| t.to_rfc3339()),
        last_published: s.last_published.map(|t| t.to_rfc3339()),
        last_activity: s.last_activity.to_rfc3339(),
    }
}

/// Every article in key order, a page at a time.
fn article_pages(store: &dyn Store) -> impl Iterator<Item = Result<Vec<ArticleRow>>> + '_ {
    let mut after = 0i64;
    std::iter::from_fn(move || match store.articles_after(after, PAGE) {
        Ok(page) if page.is_empty() => None,
        Ok(page) => {
            after = page.last().map_or(after, |a| a.key);
            Some(Ok(page.into_iter().map(article_row).collect()))
        }
        Err(e) => Some(Err(e.into())),
    })
}

/// Every story, most recently active first, a page at a time.
fn story_pages(store: &dyn Store) -> impl Iterator<Item = Result<Vec<StoryRow>>> + '_ {
    let mut offset = 0usize;
    std::iter::from_fn(move || match store.stories(PAGE, offset) {
        Ok(page) if page.is_empty() => None,
        Ok(page) => {
            offset += page.len();
            Some(Ok(page.into_iter().map(story_row).collect()))
        }
        Err(e) => Some(Err(e.into())),
    })
}

pub(crate) fn run(
    cli: &Cli,
    format: Format,
    stories: bool,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let store = open_any(cli)?;
    if format == Format::Parquet {
        let Some(path) = output else {
            bail!("Parquet is written to a file: add --output FILE.parquet");
        };
        let rows = if stories {
            parquet_stories(story_pages(store.as_ref()), path)?
        } else {
            parquet_articles(article_pages(store.as_ref()), path)?
        };
        return finish(cli, rows, stories);
    }
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let sink = BufWriter::new(sink);
    let rows = if stories {
        write_text(story_pages(store.as_ref()), format, sink)?
    } else {
        write_text(article_pages(store.as_ref()), format, sink)?
    };
    finish(cli, rows, stories)
}

fn finish(cli: &Cli, rows: u64, stories: bool) -> Result<ExitCode> {
    if !cli.quiet {
        let noun = if stories {
            storyline_engine::noun(rows, "story", "stories")
        } else {
            storyline_engine::noun(rows, "article", "articles")
        };
        eprintln!("exported {rows} {noun}");
    }
    Ok(ExitCode::SUCCESS)
}

/// CSV (a header, then a row each) or JSON lines.
fn write_text<R: Serialize>(
    pages: impl Iterator<Item = Result<Vec<R>>>,
    format: Format,
    sink: impl Write,
) -> Result<u64> {
    let mut rows = 0u64;
    match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(sink);
            for page in pages {
                for row in page? {
                    csv.serialize(&row)?;
                    rows += 1;
                }
            }
            csv.flush()?;
        }
        _ => {
            let mut sink = sink;
            for page in pages {
                for row in page? {
                    serde_json::to_writer(&mut sink, &row)?;
                    sink.write_all(b"\n")?;
                    rows += 1;
                }
            }
            sink.flush()?;
        }
    }
    Ok(rows)
}

/// A column of a row group: text (optional or not) or a 64-bit integer.
enum Column {
    Text(Vec<Option<String>>, bool),
    Int(Vec<i64>),
}

/// Writes row groups of `columns(page)` under `schema`; returns the row count.
fn write_parquet<R>(
    pages: impl Iterator<Item = Result<Vec<R>>>,
    path: &Path,
    schema: &str,
    columns: impl Fn(&[R]) -> Vec<Column>,
) -> Result<u64> {
    let schema = Arc::new(parse_message_type(schema)?);
    let file = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    let properties = Arc::new(WriterProperties::builder().build());
    let mut writer = SerializedFileWriter::new(file, schema, properties)?;
    let mut rows = 0u64;
    for page in pages {
        let page = page?;
        rows += page.len() as u64;
        let mut group = writer.next_row_group()?;
        for column in columns(&page) {
            let Some(mut out) = group.next_column()? else {
                bail!("the Parquet schema has fewer columns than the rows");
            };
            match column {
                Column::Int(values) => {
                    out.typed::<Int64Type>().write_batch(&values, None, None)?;
                }
                Column::Text(values, optional) => {
                    let present: Vec<ByteArray> = values
                        .iter()
                        .flatten()
                        .map(|s| ByteArray::from(s.as_str()))
                        .collect();
                    let levels: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
                    let levels = optional.then_some(levels.as_slice());
                    out.typed::<ByteArrayType>()
                        .write_batch(&present, levels, None)?;
                }
            }
            out.close()?;
        }
        group.close()?;
    }
    writer.close()?;
    Ok(rows)
}

fn text<R>(rows: &[R], f: impl Fn(&R) -> Option<String>, optional: bool) -> Column {
    Column::Text(rows.iter().map(f).collect(), optional)
}

fn parquet_articles(
    pages: impl Iterator<Item = Result<Vec<ArticleRow>>>,
    path: &Path,
) -> Result<u64> {
    let schema = "message article {
        REQUIRED BINARY id (STRING); REQUIRED INT64 key; OPTIONAL BINARY url (STRING);
        OPTIONAL BINARY outlet (STRING); REQUIRED BINARY language (STRING);
        OPTIONAL BINARY published (STRING); OPTIONAL BINARY title (STRING);
        REQUIRED INT64 story; OPTIONAL BINARY copy_of (STRING); }";
    write_parquet(pages, path, schema, |rows| {
        vec![
            text(rows, |r| Some(r.id.clone()), false),
            Column::Int(rows.iter().map(|r| r.key).collect()),
            text(rows, |r| r.url.clone(), true),
            text(rows, |r| r.outlet.clone(), true),
            text(rows, |r| Some(r.language.clone()), false),
            text(rows, |r| r.published.clone(), true),
            text(rows, |r| r.title.clone(), true),
            Column::Int(rows.iter().map(|r| r.story).collect()),
            text(rows, |r| r.copy_of.clone(), true),
        ]
    })
}

fn parquet_stories(pages: impl Iterator<Item = Result<Vec<StoryRow>>>, path: &Path) -> Result<u64> {
    let schema = "message story {
        REQUIRED INT64 id; OPTIONAL BINARY title (STRING); REQUIRED INT64 article_count;
        REQUIRED BINARY languages (STRING); OPTIONAL BINARY first_published (STRING);
        OPTIONAL BINARY last_published (STRING); REQUIRED BINARY last_activity (STRING); }";
    write_parquet(pages, path, schema, |rows| {
        vec![
            Column::Int(rows.iter().map(|r| r.id).collect()),
            text(rows, |r| r.title.clone(), true),
            Column::Int(rows.iter().map(|r| r.article_count).collect()),
            text(rows, |r| Some(r.languages.clone()), false),
            text(rows, |r| r.first_published.clone(), true),
            text(rows, |r| r.last_published.clone(), true),
            text(rows, |r| Some(r.last_activity.clone()), false),
        ]
    })
}
