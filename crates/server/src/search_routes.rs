//! Search: the query language over the full-text index, and — with the embedding
//! model loaded — the same query by meaning over every stored article's embedding,
//! fused into one ranking (`storyline_search::hybrid`). `GET /api/search` and the
//! search page share it.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use storyline_search::hybrid::ranked;
use storyline_search::vectors::{Neighbour, VectorIndex};
use storyline_search::{QueryError, SearchError, SearchIndex, SearchQuery};

use crate::api::{language_param, limit_param, outlet_of, query_params};
use crate::{ApiError, AppState};

/// Hits on a page when no `limit` is given.
const DEFAULT_HITS: usize = 20;

/// Search parameters, as sent (the document gives their real types).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SearchParams {
    /// The query language: words (any may match, more rank higher), "a phrase",
    /// "a phrase"~N (N at most 3 words between), +must, -excluded (also NOT word),
    /// a AND b, name:Zelensky or name:"Two Words" (any script), lang:uk. At most 24
    /// distinct words, phrases and names, 8 words in a phrase; a query beyond a
    /// bound, or one that runs longer than 1 s, is refused with 400 and the reason.
    #[schemars(required, with = "String", length(min = 1, max = 500))]
    pub q: Option<String>,
    /// Only articles in this language (ISO 639-1).
    pub language: Option<String>,
    /// Hits on this page.
    #[schemars(with = "Option<u64>", range(min = 1, max = crate::api::MAX_LIMIT), extend("default" = DEFAULT_HITS))]
    pub limit: Option<String>,
    /// Hits to skip (paging); the response's `next` is the offset of the following page.
    #[schemars(with = "Option<u64>", range(max = MAX_SEARCH_OFFSET), extend("default" = 0))]
    pub offset: Option<String>,
    /// With the embedding model loaded, also find articles by meaning, in every
    /// language (the default); `off` (or `false`, `0`): by words alone.
    #[schemars(extend("enum" = ["on", "off", "true", "false", "1", "0"]))]
    pub meaning: Option<String>,
}

/// `GET /api/search`: one page of hits, best first.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct SearchResults {
    /// The query as sent.
    pub query: String,
    /// Whether the search ran by meaning too (the model is loaded and `meaning` was not off).
    pub meaning: bool,
    /// How many articles match in all (`items` holds at most `limit` of them).
    pub total: u64,
    pub offset: u64,
    /// The offset of the next page, or null on the last.
    pub next: Option<u64>,
    /// Matching articles, best first, each with its current story.
    pub items: Vec<SearchHit>,
    /// The stories this page's hits are in, each once, in the order of its best hit.
    pub stories: Vec<StoryHit>,
}

/// One article found by a search, with its current story.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct SearchHit {
    pub key: i64,
    pub story: u64,
    pub title: String,
    pub language: String,
    /// Null when the article names neither its source nor a URL.
    pub outlet: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// The fused rank score the list is ordered by.
    pub score: f32,
    /// The full-text (BM25) score, when the query's words matched.
    pub lexical_score: Option<f32>,
    /// The cosine with the query's embedding, when found by meaning.
    pub semantic_score: Option<f32>,
    /// The passage around the first place the words match (else the beginning).
    pub snippet: String,
    /// The words of `snippet` that match, as `[start, end)` in Unicode characters.
    pub highlights: Vec<[usize; 2]>,
}

/// A passage of `text` for `query`, its marks in characters.
pub(crate) fn passage(text: &str, query: &SearchQuery) -> (String, Vec<[usize; 2]>) {
    let found = storyline_search::snippet::snippet(text, query, 240);
    let marks = found.char_marks();
    (found.text, marks)
}

/// A story the hits of a page are in, in the order of its best hit.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct StoryHit {
    pub id: u64,
    pub title: Option<String>,
    pub article_count: u64,
    pub languages: Vec<String>,
    /// How many of the page's hits it holds.
    pub hits: usize,
}

/// The stories of `hits`, each once, in the order of its best hit.
pub(crate) fn stories_of_hits(
    store: &dyn crate::ReadStore,
    hits: &[SearchHit],
) -> Result<Vec<StoryHit>, ApiError> {
    let mut order: Vec<(u64, usize)> = Vec::new();
    for h in hits {
        match order.iter_mut().find(|(id, _)| *id == h.story) {
            Some((_, n)) => *n += 1,
            None => order.push((h.story, 1)),
        }
    }
    let query = storyline_store::StoryQuery {
        ids: Some(order.iter().map(|(id, _)| *id).collect()),
        limit: order.len(),
        ..Default::default()
    };
    let summaries = store.find_stories(&query)?;
    Ok(order
        .into_iter()
        .filter_map(|(id, hits)| {
            let s = summaries.iter().find(|s| s.id == id)?;
            Some(StoryHit {
                id,
                title: s.title.clone(),
                article_count: s.articles,
                languages: s.languages.clone(),
                hits,
            })
        })
        .collect())
}

/// The search parameters as given.
pub(crate) struct SearchRequest {
    pub q: String,
    pub language: Option<String>,
    pub limit: usize,
    /// Hits skipped first (paging); the index ranks `offset + limit` hits.
    pub offset: usize,
    /// Whether to search by meaning too (when the model is loaded).
    pub meaning: bool,
}

/// How deep a search may page: the index ranks `offset + limit` hits, so this bounds its work.
pub(crate) const MAX_SEARCH_OFFSET: usize = 10_000;

impl SearchRequest {
    /// The query `q` in the query language, restricted to `language`; `None` when
    /// `q` is empty.
    pub fn query(&self) -> Result<Option<SearchQuery>, ApiError> {
        if self.q.is_empty() {
            return Ok(None);
        }
        let refused = |e: QueryError| ApiError::BadRequest(format!("q: {e}"));
        let mut query = SearchQuery::parse(&self.q).map_err(refused)?;
        if let Some(language) = &self.language {
            query.set_language(language).map_err(refused)?;
        }
        Ok(Some(query))
    }
}

pub(crate) fn parse_search(raw: Option<&str>) -> Result<SearchRequest, ApiError> {
    let params: SearchParams = query_params(raw)?;
    let offset = match params.offset.as_deref().filter(|v| !v.is_empty()) {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= MAX_SEARCH_OFFSET)
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "offset must be a whole number between 0 and {MAX_SEARCH_OFFSET}, not {v:?}"
                ))
            })?,
    };
    let meaning = match params.meaning.as_deref().unwrap_or("on") {
        "on" | "true" | "1" | "" => true,
        "off" | "false" | "0" => false,
        other => {
            return Err(ApiError::BadRequest(format!(
                "meaning is on or off, not {other:?}"
            )))
        }
    };
    Ok(SearchRequest {
        q: params.q.unwrap_or_default().trim().to_string(),
        limit: limit_param(params.limit.as_deref(), DEFAULT_HITS)?,
        language: language_param(params.language)?,
        offset,
        meaning,
    })
}

/// Runs `f` on the index off the async threads; a refused query is the client's error.
pub(crate) async fn search_index<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&SearchIndex) -> Result<T, SearchError> + Send + 'static,
) -> Result<T, ApiError> {
    let search = std::sync::Arc::clone(&state.search);
    tokio::task::spawn_blocking(move || f(&search))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| {
            if e.is_user_error() {
                ApiError::BadRequest(e.to_string())
            } else {
                ApiError::Internal(e.to_string())
            }
        })
}

/// Runs a search and looks each hit up in the store (which knows its story now):
/// `limit` hits after the first `offset` of the fused ranking, the stories they are
/// in, and how many articles match.
pub(crate) async fn run_search(
    state: &AppState,
    request: &SearchRequest,
    query: SearchQuery,
) -> Result<(Vec<SearchHit>, Vec<StoryHit>, u64), ApiError> {
    let (limit, offset) = (request.limit, request.offset);
    let meaning = match query.meaning().filter(|_| request.meaning) {
        Some(text) => neighbours(state, text, query.language.clone()).await?,
        None => Vec::new(),
    };
    let words = query.clone();
    let found = search_index(state, move |index| {
        ranked(index, &query, &meaning, offset, limit)
    })
    .await?;
    let (page, total) = (found.hits, found.total);
    state
        .read(move |s| {
            let mut out = Vec::with_capacity(page.len());
            for hit in page {
                let Some(a) = s.article(hit.key as i64)? else {
                    continue;
                };
                let (snippet, highlights) = passage(&a.article.text, &words);
                out.push(SearchHit {
                    key: a.key,
                    story: a.story,
                    title: a
                        .article
                        .title
                        .clone()
                        .unwrap_or_else(|| a.article.text.chars().take(90).collect()),
                    language: a.language.clone(),
                    outlet: outlet_of(&a),
                    published: a.article.published,
                    score: hit.score,
                    lexical_score: hit.lexical,
                    semantic_score: hit.semantic,
                    snippet,
                    highlights,
                });
            }
            let stories = stories_of_hits(s, &out)?;
            Ok((out, stories, total))
        })
        .await
}

/// The articles nearest `text` by meaning (in `language` only, if given); none
/// without the model.
async fn neighbours(
    state: &AppState,
    text: String,
    language: Option<String>,
) -> Result<Vec<Neighbour>, ApiError> {
    let Some(embedder) = state.embedder.clone() else {
        return Ok(Vec::new());
    };
    let vectors: Arc<Mutex<VectorIndex>> = Arc::clone(&state.vectors);
    state
        .read(move |s| {
            let mut vectors = vectors
                .lock()
                .map_err(|_| ApiError::Internal("the vector index lock is poisoned".into()))?;
            storyline_engine::nearest_by_meaning(
                s,
                &mut vectors,
                embedder.as_ref(),
                &text,
                language.as_deref(),
            )
            .map_err(|e| ApiError::Internal(e.to_string()))
        })
        .await
}

pub(crate) async fn search(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<impl IntoResponse, ApiError> {
    let request = parse_search(uri.query())?;
    let query = request
        .query()?
        .ok_or_else(|| ApiError::BadRequest("q (the search words) is required".into()))?;
    let (hits, stories, total) = run_search(&state, &request, query).await?;
    let end = (request.offset + hits.len()) as u64;
    let next = (end < total && end <= MAX_SEARCH_OFFSET as u64).then_some(end);
    let meaning = request.meaning && state.embedder.is_some();
    Ok(Json(SearchResults {
        query: request.q,
        meaning,
        total,
        offset: request.offset as u64,
        next,
        items: hits,
        stories,
    }))
}
