//! An entity's page and JSON: the stories that name it, oldest first (found by its
//! name in any script through the search index), the spellings and scripts its
//! recent stories give it, and the quotes they attribute to it.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse};
use axum::Json;
use maud::html;
use serde::Serialize;
use storyline_engine::quote_groups::StoryQuote;
use storyline_store::{StoryQuery, StorySummary};

use crate::{ApiError, AppState};

/// Stories listed on an entity's page, and recent ones read for spellings and quotes.
const MAX_STORIES: usize = 200;
const STORIES_READ: usize = 3;

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct EntityQuote {
    pub story: u64,
    #[serde(flatten)]
    pub quote: StoryQuote,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct EntityDocument {
    pub name: String,
    /// Other spellings and scripts of the name in its recent stories.
    pub variants: Vec<String>,
    /// Oldest first.
    pub stories: Vec<StorySummary>,
    pub quotes: Vec<EntityQuote>,
}

/// `written` names `asked`: every word asked for is one of its words (`Брандвольд`
/// names `Ільзе Брандвольд`).
fn names(written: &str, asked: &str) -> bool {
    let words: Vec<String> = written.split_whitespace().map(str::to_lowercase).collect();
    asked
        .split_whitespace()
        .all(|w| words.contains(&w.to_lowercase()))
}

async fn entity_document(state: &AppState, name: String) -> Result<EntityDocument, ApiError> {
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(ApiError::BadRequest("an entity needs a name".into()));
    }
    let ids = crate::api::stories_naming(state, name.clone()).await?;
    let query = StoryQuery {
        limit: MAX_STORIES,
        ids: Some(ids),
        ..StoryQuery::default()
    };
    let mut stories = state.read(move |s| Ok(s.find_stories(&query)?)).await?;
    stories.sort_by(|a, b| {
        a.first_published
            .cmp(&b.first_published)
            .then(a.id.cmp(&b.id))
    });
    let (mut variants, mut quotes) = (Vec::new(), Vec::new());
    for story in stories.iter().rev().take(STORIES_READ) {
        let (_, insight) = state.story_with_insight(story.id).await?;
        let Some(entity) = insight.entities.iter().find(|e| {
            std::iter::once(&e.name)
                .chain(&e.variants)
                .any(|n| names(n, &name))
        }) else {
            continue;
        };
        for v in std::iter::once(&entity.name).chain(&entity.variants) {
            if *v != name && !variants.contains(v) {
                variants.push(v.clone());
            }
        }
        let said = insight
            .quotes
            .iter()
            .filter(|q| q.speaker_key.as_deref() == Some(entity.key.as_str()));
        quotes.extend(said.map(|q| EntityQuote {
            story: story.id,
            quote: q.clone(),
        }));
    }
    Ok(EntityDocument {
        name,
        variants,
        stories,
        quotes,
    })
}

/// `GET /api/entities/{name}`
pub(crate) async fn get_entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(Json(entity_document(&state, name).await?))
}

/// `/entities/{name}`
pub(crate) async fn entity_page(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Html<String>, ApiError> {
    let doc = entity_document(&state, name).await?;
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map_or("undated".to_string(), |d| d.format("%Y-%m-%d").to_string())
    };
    Ok(crate::pages::layout(
        &doc.name,
        html! {
            article.entity-page {
                h1 { (doc.name) }
                @if !doc.variants.is_empty() { p.meta { "Also written " (doc.variants.join(", ")) } }
                section {
                    h2 { (doc.stories.len()) " stories naming it, oldest first" }
                    ol.stories {
                        @for s in &doc.stories {
                            li {
                                span.meta { (day(s.first_published)) " " }
                                a href={ "/stories/" (s.id) } { (s.title.as_deref().unwrap_or("(untitled)")) }
                                span.meta { " · " (s.articles) " articles · " (s.languages.join(", ")) }
                            }
                        }
                    }
                }
                @if !doc.quotes.is_empty() {
                    section {
                        h2 { "Quotes in its latest stories" }
                        @for q in &doc.quotes {
                            figure.quote {
                                blockquote { (q.quote.text) }
                                figcaption { a href={ "/stories/" (q.story) } { "story " (q.story) } " · " (q.quote.languages.join(", ")) }
                            }
                        }
                    }
                }
            }
        },
    ))
}
