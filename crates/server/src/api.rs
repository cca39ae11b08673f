//! The JSON API: stories (filtered), one story with its articles, timeline and
//! coverage by outlet, article submission (token, size cap, 202 + task id; tasks in
//! `task_routes.rs`). Bad parameters are 400s with the reason, never panics.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use storyline_search::SearchQuery;
use storyline_store::{StoryDetail, StoryQuery, StorySummary};

use crate::search_routes::search_index;
use crate::{ApiError, AppState};

/// Most stories one request may list.
pub(crate) const MAX_LIMIT: usize = 500;
/// Stories listed when no `limit` is given.
const DEFAULT_STORIES: usize = 50;

/// Query parameters of story lists, as sent (strings, so that every bad value gets
/// a precise 400 instead of a generic rejection; the document gives their real types).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListParams {
    /// Has an article in this language (ISO 639-1).
    pub language: Option<String>,
    /// Has an article from this outlet.
    pub outlet: Option<String>,
    /// A name, in any script: stories with an article that mentions it.
    #[schemars(length(max = 200))]
    pub entity: Option<String>,
    /// Has at least this many articles.
    #[schemars(with = "Option<u64>")]
    pub min_articles: Option<String>,
    /// `YYYY-MM-DD` or RFC 3339: the story's span reaches it.
    pub from: Option<String>,
    /// `YYYY-MM-DD` (the whole day) or RFC 3339.
    pub to: Option<String>,
    /// Stories on this page.
    #[schemars(with = "Option<u64>", range(min = 1, max = MAX_LIMIT), extend("default" = DEFAULT_STORIES))]
    pub limit: Option<String>,
    /// Stories to skip (paging); the response's `next` is the offset of the following page.
    #[schemars(with = "Option<u64>", extend("default" = 0))]
    pub offset: Option<String>,
}

impl ListParams {
    pub(crate) fn to_query(&self) -> Result<StoryQuery, ApiError> {
        let number = |name: &str, v: &Option<String>| -> Result<Option<u64>, ApiError> {
            v.as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| {
                    s.parse::<u64>().map_err(|_| {
                        ApiError::BadRequest(format!("{name} must be a whole number, not {s:?}"))
                    })
                })
                .transpose()
        };
        Ok(StoryQuery {
            limit: limit_param(self.limit.as_deref(), DEFAULT_STORIES)?,
            offset: number("offset", &self.offset)?.unwrap_or(0) as usize,
            language: language_param(self.language.clone())?,
            outlet: self.outlet.clone().filter(|o| !o.is_empty()),
            min_articles: number("min_articles", &self.min_articles)?,
            ids: None,
            from: date("from", &self.from, false)?,
            to: date("to", &self.to, true)?,
        })
    }
}

/// `YYYY-MM-DD` or RFC 3339; a bare `to` date covers its whole day.
fn date(
    name: &str,
    value: &Option<String>,
    end_of_day: bool,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let Some(s) = value.as_deref().filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        ApiError::BadRequest(format!("{name} must be a date like 2026-03-14, not {s:?}"))
    })?;
    let time = if end_of_day {
        day.and_hms_opt(23, 59, 59)
    } else {
        day.and_hms_opt(0, 0, 0)
    };
    Ok(time.map(|t| t.and_utc()))
}

pub(crate) fn parse_params(raw: Option<&str>) -> Result<ListParams, ApiError> {
    query_params(raw)
}

/// A query string through axum's own decoder (unknown parameters rejected by the
/// target type), with our error text.
pub(crate) fn query_params<T: serde::de::DeserializeOwned + Default>(
    raw: Option<&str>,
) -> Result<T, ApiError> {
    let Some(q) = raw.filter(|q| !q.is_empty()) else {
        return Ok(T::default());
    };
    let uri: axum::http::Uri = format!("/?{q}")
        .parse()
        .map_err(|_| ApiError::BadRequest("malformed query string".into()))?;
    Query::<T>::try_from_uri(&uri)
        .map(|Query(p)| p)
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

/// `limit`: 1 to [`MAX_LIMIT`], `default` when absent.
pub(crate) fn limit_param(value: Option<&str>, default: usize) -> Result<usize, ApiError> {
    let Some(v) = value.filter(|v| !v.is_empty()) else {
        return Ok(default);
    };
    v.parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| {
            ApiError::BadRequest(format!(
                "limit must be a whole number between 1 and {MAX_LIMIT}, not {v:?}"
            ))
        })
}

/// `language`: a lower-case code, or none when absent or empty.
pub(crate) fn language_param(value: Option<String>) -> Result<Option<String>, ApiError> {
    let language = value.filter(|l| !l.is_empty());
    if let Some(l) = &language {
        if l.len() > 8 || !l.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(ApiError::BadRequest(format!(
                "language must be a lower-case code such as \"uk\", not {l:?}"
            )));
        }
    }
    Ok(language)
}

/// `GET /api/stories`: one page of `items`, the `total` that match, and `next`, the
/// `offset` of the next page (null on the last).
pub(crate) async fn list_stories(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<impl IntoResponse, ApiError> {
    let query = story_query(&state, uri.query()).await?;
    let (items, total, next) = story_page(&state, query).await?;
    Ok(Json(crate::paging::ListPage {
        items,
        total,
        next: next.map(|n| n as u64),
    }))
}

/// One page of stories, how many match in all, and the next page's offset if any.
pub(crate) async fn story_page(
    state: &AppState,
    query: StoryQuery,
) -> Result<(Vec<StorySummary>, u64, Option<usize>), ApiError> {
    state
        .read(move |s| {
            let items = s.find_stories(&query)?;
            let total = s.count_stories(&query)?;
            let end = query.offset + items.len();
            let next = (!items.is_empty() && (end as u64) < total).then_some(end);
            Ok((items, total, next))
        })
        .await
}

/// Articles looked up for an `entity` filter.
pub(crate) const ENTITY_ARTICLES: usize = 5_000;

/// The list parameters as a store query; an `entity` becomes the stories of the
/// articles the search index finds naming it.
pub(crate) async fn story_query(
    state: &AppState,
    raw: Option<&str>,
) -> Result<StoryQuery, ApiError> {
    let params = parse_params(raw)?;
    let mut query = params.to_query()?;
    if let Some(name) = params.entity.filter(|e| !e.trim().is_empty()) {
        query.ids = Some(stories_naming(state, name).await?);
    }
    Ok(query)
}

/// The stories whose articles the search index finds naming `name` (in any script).
pub(crate) async fn stories_naming(state: &AppState, name: String) -> Result<Vec<u64>, ApiError> {
    if name.chars().count() > 200 {
        return Err(ApiError::BadRequest(
            "entity is longer than 200 characters".into(),
        ));
    }
    let hits = search_index(state, move |index| index.with_name(&name, ENTITY_ARTICLES)).await?;
    stories_of(state, hits).await
}

/// The stories the articles `hits` found are in now, each once, in hit order.
pub(crate) async fn stories_of(
    state: &AppState,
    hits: Vec<storyline_search::Hit>,
) -> Result<Vec<u64>, ApiError> {
    state
        .read(move |s| {
            let keys: Vec<i64> = hits.iter().map(|h| h.key as i64).collect();
            let story = s.stories_of_articles(&keys)?;
            let mut ids = Vec::new();
            for key in keys {
                if let Some(&id) = story.get(&key) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            Ok(ids)
        })
        .await
}

/// `GET /api/stories/{id}/similar`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct SimilarStories {
    /// The story asked about.
    pub story: u64,
    /// Best first.
    pub similar: Vec<Similar>,
}

/// A story similar to another, and how strongly.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct Similar {
    #[serde(flatten)]
    pub story: StorySummary,
    pub score: f32,
}

/// Stories whose articles match this one's headline and names, best first: the
/// search index does the work, so this costs one query, not a scan.
pub(crate) async fn similar_stories(
    state: &AppState,
    story: &StoryDetail,
    names: &[String],
) -> Result<Vec<Similar>, ApiError> {
    let title = story.summary.title.as_deref().unwrap_or_default();
    let words = names.iter().take(5).map(String::as_str).chain(
        title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3),
    );
    let query = SearchQuery::any_of_words(words);
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let hits = search_index(state, move |index| index.search(&query, 200))
        .await?
        .hits;
    let own = story.summary.id;
    state
        .read(move |s| {
            let keys: Vec<i64> = hits.iter().map(|h| h.key as i64).collect();
            let story_of = s.stories_of_articles(&keys)?;
            let mut scores: BTreeMap<u64, f32> = BTreeMap::new();
            for hit in hits {
                match story_of.get(&(hit.key as i64)) {
                    Some(&story) if story != own => *scores.entry(story).or_default() += hit.score,
                    _ => {}
                }
            }
            let mut ranked: Vec<(u64, f32)> = scores.into_iter().collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut out = Vec::new();
            ranked.truncate(MAX_SIMILAR);
            // Summaries alone: a story's articles are not needed to list it.
            let summaries = s.find_stories(&StoryQuery {
                ids: Some(ranked.iter().map(|(id, _)| *id).collect()),
                limit: ranked.len(),
                ..StoryQuery::default()
            })?;
            for (id, score) in ranked {
                if let Some(summary) = summaries.iter().find(|x| x.id == id) {
                    out.push(Similar {
                        story: summary.clone(),
                        score,
                    });
                }
            }
            Ok(out)
        })
        .await
}

const MAX_SIMILAR: usize = 10;

pub(crate) async fn get_similar(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let id = story_id(&raw)?;
    let (story, insight) = state.story_with_insight(id).await?;
    let names: Vec<String> = insight.entities.iter().map(|e| e.name.clone()).collect();
    let similar = similar_stories(&state, &story, &names).await?;
    Ok(Json(SimilarStories {
        story: story.summary.id,
        similar,
    }))
}

pub(crate) fn story_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse::<u64>()
        .map_err(|_| ApiError::BadRequest(format!("a story id is a whole number, not {raw:?}")))
}

pub(crate) use storyline_engine::insight::outlet_of;

pub(crate) async fn get_story(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let id = story_id(&raw)?;
    let lang = crate::reader::reader_language(uri.query(), &headers);
    let (story, insight) = state.story_with_insight(id).await?;
    Ok(Json(crate::story::StoryDocument::new(
        story,
        insight,
        lang.as_deref(),
    )))
}

/// What `POST /api/articles` answers (202).
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum Submitted {
    /// On the embedded store: a task to poll at `/api/tasks/{task}`.
    Task {
        task: u64,
        #[schemars(extend("const" = "enqueued"))]
        status: &'static str,
    },
    /// On a shared PostgreSQL store (`storyline --store URL serve`): the documents
    /// are committed in the store's work queue for the workers; there are no tasks.
    Queued(crate::shared::Queued),
}

/// `POST /api/articles`: a JSON article, a JSON array of them, or JSON lines.
pub(crate) async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(reason) = state.intake.read_only_reason() {
        return Err(ApiError::ReadOnly(reason));
    }
    authorise(&state, &headers)?;
    if body.len() > state.config.max_body_bytes {
        return Err(ApiError::TooLarge(state.config.max_body_bytes));
    }
    let lines = to_json_lines(&body)?;
    if let crate::Intake::Queue(queue) = &state.intake {
        let queue = std::sync::Arc::clone(queue);
        let queued = tokio::task::spawn_blocking(move || queue.submit("api.jsonl", lines))
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))?
            .map_err(ApiError::Unavailable)?;
        return Ok((StatusCode::ACCEPTED, Json(Submitted::Queued(queued))).into_response());
    }
    let id = crate::task_routes::on_tasks(&state, move |t| {
        t.submit("api.jsonl", &lines).map_err(ApiError::Unavailable)
    })
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, format!("/api/tasks/{id}"))],
        Json(Submitted::Task {
            task: id,
            status: "enqueued",
        }),
    )
        .into_response())
}

/// Normalises a body to JSON lines: an array becomes one line per element.
fn to_json_lines(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::BadRequest("the body must be UTF-8 JSON or JSON lines".into()))?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(ApiError::BadRequest("the body is empty".into()));
    }
    if trimmed.starts_with('[') {
        let items: Vec<serde_json::Value> = serde_json::from_str(trimmed)
            .map_err(|e| ApiError::BadRequest(format!("the JSON array is invalid: {e}")))?;
        if items.is_empty() {
            return Err(ApiError::BadRequest(
                "the JSON array holds no article".into(),
            ));
        }
        if let Some((i, item)) = items.iter().enumerate().find(|(_, v)| !v.is_object()) {
            return Err(ApiError::BadRequest(format!(
                "item {} of the JSON array is {}, not an article object; nothing was accepted",
                i + 1,
                json_kind(item)
            )));
        }
        let lines: Vec<String> = items.iter().map(|v| v.to_string()).collect();
        return Ok(lines.join("\n").into_bytes());
    }
    if !trimmed.starts_with('{') {
        return Err(ApiError::BadRequest(
            "the body must be a JSON article, an array of them, or JSON lines".into(),
        ));
    }
    Ok(body.to_vec())
}

/// What a JSON value is, for error messages.
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn authorise(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.token.as_deref() else {
        return Err(ApiError::WritesDisabled);
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(ApiError::Unauthorized)?;
    if constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::Unauthorized)
    }
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let diff = a
        .iter()
        .zip(b)
        .fold(a.len() ^ b.len(), |acc, (x, y)| acc | usize::from(x ^ y));
    diff == 0
}

pub(crate) fn article_key(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().ok().filter(|k| *k > 0).ok_or_else(|| {
        ApiError::BadRequest(format!(
            "an article key is a positive whole number, not {raw:?}"
        ))
    })
}

pub(crate) async fn get_article(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let key = article_key(&raw)?;
    let article = state
        .read(move |s| {
            s.article(key)?
                .ok_or(ApiError::NotFound(format!("article {key}")))
        })
        .await?;
    Ok(Json(article))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_checked_with_reasons() {
        let err = |q: &str| match parse_params(Some(q)).and_then(|p| p.to_query()) {
            Err(ApiError::BadRequest(m)) => m,
            other => panic!("{q}: {other:?}"),
        };
        assert!(err("limit=abc").contains("limit"));
        assert!(err("limit=0").contains("between"));
        assert!(err("from=yesterday").contains("from"));
        assert!(err("language=EN%3Cx").contains("language"));
        assert!(err("colour=red").contains("colour"));
        let q = parse_params(Some("language=uk&min_articles=2&to=2026-03-14"))
            .and_then(|p| p.to_query())
            .unwrap();
        assert_eq!(q.language.as_deref(), Some("uk"));
        assert_eq!(q.min_articles, Some(2));
        assert_eq!(q.to.unwrap().to_rfc3339(), "2026-03-14T23:59:59+00:00");
    }

    #[test]
    fn bodies_become_json_lines() {
        assert_eq!(
            to_json_lines(br#"[{"text":"a"},{"text":"b"}]"#).unwrap(),
            b"{\"text\":\"a\"}\n{\"text\":\"b\"}"
        );
        assert!(to_json_lines(b"<html>").is_err());
        assert!(to_json_lines(b"  ").is_err());
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT") && !constant_time_eq(b"s", b"secret"));
    }
}
