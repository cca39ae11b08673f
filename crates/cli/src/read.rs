//! The commands that read the store: `stories` (with the API's filters), `search`
//! and `show`.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use storyline_engine::EngineConfig;
use storyline_store::Store;

use crate::commands::search_dir;
use crate::model::load_embedder;
use crate::{output, Cli};

pub(crate) fn stories(
    cli: &Cli,
    limit: usize,
    offset: usize,
    json: bool,
    filter: &crate::StoryFilter,
) -> Result<ExitCode> {
    let store = crate::stores::open_any(cli)?;
    let query = story_query(cli, store.as_ref(), limit, offset, filter)?;
    let list = store.find_stories(&query)?;
    let mut out = BufWriter::new(io::stdout().lock());
    if json {
        for s in &list {
            writeln!(out, "{}", serde_json::to_string(s)?)?;
        }
    } else {
        write!(out, "{}", output::story_table(&list))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The filters as a store query; an entity is looked up in the search index.
fn story_query(
    cli: &Cli,
    store: &dyn Store,
    limit: usize,
    offset: usize,
    filter: &crate::StoryFilter,
) -> Result<storyline_store::StoryQuery> {
    let day = |d: chrono::NaiveDate, h, m, s| d.and_hms_opt(h, m, s).map(|t| t.and_utc());
    let mut query = storyline_store::StoryQuery {
        limit,
        offset,
        language: filter.language.clone(),
        outlet: filter.outlet.clone(),
        min_articles: filter.min_articles,
        from: filter.from.and_then(|d| day(d, 0, 0, 0)),
        to: filter.to.and_then(|d| day(d, 23, 59, 59)),
        ids: None,
    };
    if let Some(entity) = filter.entity.as_deref().filter(|e| !e.trim().is_empty()) {
        let index = open_index(cli, store)?;
        let mut ids = Vec::new();
        for hit in index.with_name(entity, 5_000)? {
            if let Some(a) = store.article(hit.key as i64)? {
                if !ids.contains(&a.story) {
                    ids.push(a.story);
                }
            }
        }
        query.ids = Some(ids);
    }
    Ok(query)
}

/// The search index beside the store, read-only; refused when missing or another store's.
fn open_index(cli: &Cli, store: &dyn Store) -> Result<storyline_search::SearchIndex> {
    if crate::stores::postgres_url(cli)?.is_some() {
        return synced_index(cli, store);
    }
    if !search_dir(cli).join("meta.json").exists() {
        anyhow::bail!(
            "no search index in {} yet: run `storyline ingest` (it builds the index from the store)",
            cli.data.display()
        );
    }
    let index =
        storyline_search::SearchIndex::open(&search_dir(cli), false).with_context(|| {
            "the search index cannot be read; `storyline ingest` or `storyline serve` rebuilds it"
        })?;
    if let storyline_search::Ownership::Foreign(why) = index.ownership(&store.identity()?)? {
        anyhow::bail!(
            "the search index in {} is not this store's ({why}); `storyline ingest` or \
             `storyline serve` rebuilds it",
            search_dir(cli).display()
        );
    }
    Ok(index)
}

/// The local index of a shared store, caught up with what other processes stored
/// since it was last used (built whole the first time).
fn synced_index(cli: &Cli, store: &dyn Store) -> Result<storyline_search::SearchIndex> {
    let dir = search_dir(cli);
    let (mut index, damage) = storyline_search::SearchIndex::open_repairing(&dir)?;
    if let Some(damage) = damage {
        eprintln!(
            "warning: the search index in {} was damaged ({damage}); it is built again",
            dir.display()
        );
    }
    let analyzer = crate::commands::load_config(cli)?.engine.analyze.build();
    let synced = storyline_engine::sync_search(store, &analyzer, &mut index)?;
    if let Some(why) = synced.rebuilt {
        eprintln!(
            "note: the search index in {} was built again from the store ({why})",
            dir.display()
        );
    }
    Ok(index)
}

/// One article a search found, as `--json` prints it.
#[derive(Serialize)]
struct SearchLine {
    key: i64,
    story: u64,
    language: String,
    outlet: Option<String>,
    title: String,
    url: Option<String>,
    published: Option<chrono::DateTime<chrono::Utc>>,
    /// The fused rank score the list is ordered by.
    score: f32,
    /// The full-text (BM25) score, when the query's words matched.
    lexical_score: Option<f32>,
    /// The cosine with the query's embedding, when found by meaning.
    semantic_score: Option<f32>,
    /// The passage around the first place the words match (else the beginning).
    snippet: String,
    /// The words of `snippet` that match, as `[start, end)` in Unicode characters.
    highlights: Vec<[usize; 2]>,
}

/// `storyline search`: the query's words through the search index and, with the
/// model, its meaning through every article's embedding, in one ranking. Exits 1
/// when nothing matches (a bad query is an error: 2, with the reason).
pub(crate) fn search(
    cli: &Cli,
    query: &str,
    language: Option<&str>,
    (limit, offset): (usize, usize),
    json: bool,
) -> Result<ExitCode> {
    let store = crate::stores::open_any(cli)?;
    let mut parsed = storyline_search::SearchQuery::parse(query)
        .with_context(|| format!("cannot search for {query:?}"))?;
    if let Some(language) = language {
        parsed
            .set_language(language)
            .with_context(|| format!("cannot search for {query:?}"))?;
    }
    let index = open_index(cli, store.as_ref())?;
    let meaning = match (parsed.meaning(), load_embedder(cli)?) {
        (Some(text), Some(embedder)) => {
            let mut vectors = storyline_search::vectors::VectorIndex::new();
            storyline_engine::nearest_by_meaning(
                store.as_ref(),
                &mut vectors,
                embedder.as_ref(),
                &text,
                parsed.language.as_deref(),
            )?
        }
        _ => Vec::new(),
    };
    let found = storyline_search::hybrid::ranked(&index, &parsed, &meaning, offset, limit.max(1))?;
    if !cli.quiet {
        eprintln!(
            "{} matching {}",
            found.total,
            storyline_engine::noun(found.total, "article", "articles")
        );
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for hit in &found.hits {
        let Some(a) = store.article(hit.key as i64)? else {
            continue;
        };
        let passage = storyline_search::snippet::snippet(&a.article.text, &parsed, 240);
        let line = SearchLine {
            key: a.key,
            story: a.story,
            language: a.language.clone(),
            outlet: storyline_engine::insight::outlet_of(&a),
            title: storyline_store::display_title(&a.article).unwrap_or_default(),
            url: a.article.url.clone(),
            published: a.article.published,
            score: hit.score,
            lexical_score: hit.lexical,
            semantic_score: hit.semantic,
            highlights: passage.char_marks(),
            snippet: passage.text,
        };
        if json {
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            let how = match (hit.lexical, hit.semantic) {
                (Some(_), Some(_)) => "both",
                (Some(_), None) => "words",
                _ => "meaning",
            };
            writeln!(
                out,
                "{:>6}  story {:<5} {:<3} {:<8} {:<20} {}",
                line.key,
                line.story,
                line.language,
                how,
                storyline_engine::insight::outlet_label(line.outlet.as_deref()),
                line.title
            )?;
        }
    }
    out.flush()?;
    Ok(if found.hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) fn show(
    cli: &Cli,
    config: &EngineConfig,
    id: u64,
    json: bool,
    lang: Option<&str>,
) -> Result<ExitCode> {
    let store = crate::stores::open_any(cli)?;
    let Some(mut story) = store.story(id)? else {
        eprintln!("error: no story {id} in {}", crate::stores::describe(cli));
        return Ok(ExitCode::FAILURE);
    };
    if story.summary.id != id && !cli.quiet {
        eprintln!("story {id} was merged into story {}", story.summary.id);
    }
    if json {
        // The same document as `GET /api/stories/ID`.
        let analyzer = config.analyze.clone().build();
        let embedder = load_embedder(cli)?;
        let insight =
            storyline_engine::insight::story_insight(&analyzer, embedder.as_deref(), &story);
        let document = storyline_server::StoryDocument::new(story, insight, lang);
        println!("{}", serde_json::to_string_pretty(&document)?);
    } else {
        storyline_engine::headline::retitle(&mut story, lang);
        print!("{}", output::story_text(&story));
    }
    Ok(ExitCode::SUCCESS)
}
