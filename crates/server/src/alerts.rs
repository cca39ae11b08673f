//! Alerts: saved queries (`storyline alert add NAME QUERY`), each with an Atom feed
//! at `/alerts/NAME/feed.atom` of the stories it matches, most recently active
//! first. A story that grows is updated in the feed (its `<updated>` moves and its
//! summary gives the new count), so a reader shows new stories and grown ones.
//! Alerts are kept in the store beside what the watcher remembers.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use storyline_search::SearchQuery;
use storyline_store::{StoryQuery, WatchLog};

use crate::api::{stories_naming, stories_of, ENTITY_ARTICLES};
use crate::feeds::{atom, story_entries};
use crate::search_routes::search_index;
use crate::{ApiError, AppState};

const ALERT: &str = "alert";

/// Stories an alert's feed lists.
const FEED_STORIES: usize = 50;

/// A saved query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub name: String,
    /// Search words, in the search language (`"a phrase"`, `OR`, `-word`); may be
    /// empty when `entity` is given.
    pub query: String,
    /// Only stories with an article in this language.
    pub language: Option<String>,
    /// Only stories whose articles name this entity (in any script).
    pub entity: Option<String>,
    pub created: DateTime<Utc>,
}

impl Alert {
    /// A checked alert: a name of letters, digits, `-` and `_`, a query that parses,
    /// a language code, and words or an entity to match.
    pub fn new(
        name: &str,
        query: &str,
        language: Option<&str>,
        entity: Option<&str>,
    ) -> Result<Alert, String> {
        let name_ok = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !name_ok {
            return Err(format!(
                "alert name {name:?}: 1 to 64 letters, digits, '-' or '_' (it is part of the feed's URL)"
            ));
        }
        let entity = entity.map(str::trim).filter(|e| !e.is_empty());
        if query.trim().is_empty() && entity.is_none() {
            return Err("an alert needs search words, an --entity, or both".into());
        }
        let alert = Alert {
            name: name.to_string(),
            query: query.trim().to_string(),
            language: language.map(|l| l.trim().to_ascii_lowercase()),
            entity: entity.map(str::to_string),
            created: Utc::now(),
        };
        alert.search()?;
        Ok(alert)
    }

    /// The alert's words as a search query (`None` without words).
    fn search(&self) -> Result<Option<SearchQuery>, String> {
        if self.query.is_empty() {
            return Ok(None);
        }
        let mut query = SearchQuery::parse(&self.query).map_err(|e| format!("query: {e}"))?;
        if let Some(language) = &self.language {
            query
                .set_language(language)
                .map_err(|e| format!("language: {e}"))?;
        }
        Ok(Some(query))
    }

    pub fn save(&self, log: &mut dyn WatchLog) -> Result<(), storyline_store::StoreError> {
        let json = serde_json::to_string(self).unwrap_or_default();
        log.save_watch_record(ALERT, &self.name, &json)
    }

    /// Every saved alert, by name (records that do not read as one are skipped).
    pub fn all(log: &dyn WatchLog) -> Result<Vec<Alert>, storyline_store::StoreError> {
        Ok(log
            .watch_records(ALERT)?
            .iter()
            .filter_map(|r| serde_json::from_str(&r.state).ok())
            .collect())
    }

    pub fn remove(log: &mut dyn WatchLog, name: &str) -> Result<bool, storyline_store::StoreError> {
        log.delete_watch_record(ALERT, name)
    }
}

/// The stories whose articles the index finds for the alert's words.
async fn stories_matching(state: &AppState, query: SearchQuery) -> Result<Vec<u64>, ApiError> {
    let found = search_index(state, move |index| index.search(&query, ENTITY_ARTICLES)).await?;
    stories_of(state, found.hits).await
}

pub(crate) async fn alert_feed(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let wanted = name.clone();
    let record = state
        .read(move |s| Ok(s.watch_record(ALERT, &wanted)?))
        .await?;
    let alert: Alert = record
        .and_then(|r| serde_json::from_str(&r.state).ok())
        .ok_or_else(|| ApiError::NotFound(format!("alert {name:?}")))?;
    let mut ids: Option<Vec<u64>> = None;
    if let Some(query) = alert.search().map_err(ApiError::Internal)? {
        ids = Some(stories_matching(&state, query).await?);
    }
    if let Some(entity) = alert.entity.clone() {
        let named = stories_naming(&state, entity).await?;
        ids = Some(match ids {
            Some(words) => words.into_iter().filter(|id| named.contains(id)).collect(),
            None => named,
        });
    }
    let query = StoryQuery {
        limit: FEED_STORIES,
        language: alert.language.clone(),
        ids,
        ..StoryQuery::default()
    };
    let stories = state.read(move |s| Ok(s.find_stories(&query)?)).await?;
    let base = state.config.base_url();
    let body = atom(
        &format!("urn:storyline:alert:{}", alert.name),
        &format!("storyline alert: {}", alert.name),
        &format!("{base}/alerts/{}/feed.atom", alert.name),
        &story_entries(&stories, &base),
    );
    Ok(([(header::CONTENT_TYPE, crate::feeds::ATOM)], body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_are_checked() {
        assert!(Alert::new("quakes", "earthquake OR Erdbeben", Some("de"), None).is_ok());
        assert!(Alert::new("people", "", None, Some("Kovalenko")).is_ok());
        assert!(Alert::new("bad name", "x", None, None)
            .unwrap_err()
            .contains("alert name"));
        assert!(Alert::new("empty", " ", None, None)
            .unwrap_err()
            .contains("search words"));
        assert!(Alert::new("long", &"x ".repeat(400), None, None)
            .unwrap_err()
            .contains("query"));
    }

    #[test]
    fn alerts_are_saved_listed_and_removed() {
        let mut store = storyline_store::MemoryStore::new();
        let alert = Alert::new("ferry", "ferry", None, None).unwrap();
        alert.save(&mut store).unwrap();
        assert_eq!(Alert::all(&store).unwrap(), [alert]);
        assert!(Alert::remove(&mut store, "ferry").unwrap());
        assert!(Alert::all(&store).unwrap().is_empty());
    }
}
