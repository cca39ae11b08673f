//! The story as a reader gets it — `GET /api/stories/ID`, `storyline show --json`
//! and the story page alike: title and summary in the reader's language, event
//! date, span and timeline, outlets, names, quotes, and what each report adds or
//! contradicts.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use storyline_store::StoryDetail;

use crate::api::outlet_of;

/// What one outlet published in a story.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub(crate) struct Coverage {
    /// Null when an article names neither its source nor a URL.
    pub outlet: Option<String>,
    pub articles: usize,
    pub copies: usize,
    pub languages: Vec<String>,
    pub first: Option<DateTime<Utc>>,
}

/// A story as `GET /api/stories/ID` and `storyline show --json` give it: its
/// summary and articles, event date, span and timeline, coverage by outlet, names
/// and quotes.
#[derive(Serialize, schemars::JsonSchema)]
pub struct StoryDocument {
    #[serde(flatten)]
    pub(crate) story: StoryDetail,
    /// Where `title` comes from: an article's headline (or first sentence) in the
    /// reader's language when the story has one.
    pub(crate) title_source: Option<storyline_engine::headline::StoryTitle>,
    /// `event_date`, `span` and `timeline`.
    #[serde(flatten)]
    pub(crate) time: storyline_engine::chronology::StoryTime,
    /// Two or three sentences, in the reader's language where an article has them.
    pub(crate) summary: Vec<storyline_engine::digest::SummaryVersion>,
    /// Articles, copies, languages and first publication per outlet.
    pub(crate) outlets: Vec<Coverage>,
    #[serde(flatten)]
    pub(crate) insight: storyline_engine::insight::StoryInsight,
}

impl StoryDocument {
    /// The story for a reader of `lang` (`None`: the story's most common language).
    pub fn new(
        mut story: StoryDetail,
        insight: storyline_engine::insight::StoryInsight,
        lang: Option<&str>,
    ) -> Self {
        let title_source = storyline_engine::headline::retitle(&mut story, lang);
        let reader = storyline_engine::headline::story_language(&story, lang);
        let summary = storyline_engine::digest::summary_for(&insight.digest, reader.as_deref());
        StoryDocument {
            title_source,
            summary,
            time: storyline_engine::chronology::story_time(&story),
            outlets: coverage(&story),
            story,
            insight,
        }
    }
}

fn coverage(story: &StoryDetail) -> Vec<Coverage> {
    let mut by_outlet: BTreeMap<Option<String>, Coverage> = BTreeMap::new();
    for a in &story.articles {
        let outlet = outlet_of(a);
        let entry = by_outlet.entry(outlet.clone()).or_insert(Coverage {
            outlet,
            articles: 0,
            copies: 0,
            languages: Vec::new(),
            first: None,
        });
        entry.articles += 1;
        entry.copies += usize::from(a.copy_of.is_some());
        if !entry.languages.contains(&a.language) {
            entry.languages.push(a.language.clone());
        }
        if let Some(p) = a.article.published {
            entry.first = Some(entry.first.map_or(p, |f| f.min(p)));
        }
    }
    let mut list: Vec<Coverage> = by_outlet.into_values().collect();
    list.sort_by(|a, b| a.first.cmp(&b.first).then(a.outlet.cmp(&b.outlet)));
    list
}
