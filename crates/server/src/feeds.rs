//! Atom feeds: new stories matching a query (`/feed.atom?language=uk…`, the same
//! filters as the story list) and the articles of one story (`/stories/ID/feed.atom`).
//! Every text is XML-escaped, and characters XML 1.0 forbids are dropped, so no
//! article can break the feed.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use storyline_store::{StoryQuery, StorySummary};

use crate::api::{story_id, story_query};
use crate::{ApiError, AppState};

pub(crate) const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `&`, `<`, `>`, quotes escaped; control characters XML 1.0 does not allow removed.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {}
            c => out.push(c),
        }
    }
    out
}

pub(crate) struct Entry {
    id: String,
    title: String,
    updated: DateTime<Utc>,
    link: String,
    summary: String,
}

pub(crate) fn atom(id: &str, title: &str, self_link: &str, entries: &[Entry]) -> String {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(Utc::now);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
         <id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link rel=\"self\" href=\"{}\"/>\n\
         <generator>storyline</generator>\n",
        xml_escape(id),
        xml_escape(title),
        updated.to_rfc3339(),
        xml_escape(self_link)
    );
    for e in entries {
        out.push_str(&format!(
            "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link href=\"{}\"/>\n\
             <summary>{}</summary>\n<author><name>storyline</name></author>\n</entry>\n",
            xml_escape(&e.id),
            xml_escape(&e.title),
            e.updated.to_rfc3339(),
            xml_escape(&e.link),
            xml_escape(&e.summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// One entry per story: updated when it last grew, with its size in the summary.
pub(crate) fn story_entries(stories: &[StorySummary], base: &str) -> Vec<Entry> {
    stories
        .iter()
        .map(|s| Entry {
            id: format!("urn:storyline:story:{}", s.id),
            title: s.title.clone().unwrap_or_else(|| "(untitled)".into()),
            updated: s.last_activity,
            link: format!("{base}/stories/{}", s.id),
            summary: format!(
                "{} {} in {}",
                s.articles,
                storyline_engine::noun(s.articles, "article", "articles"),
                s.languages.join(", ")
            ),
        })
        .collect()
}

pub(crate) async fn stories_feed(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<impl IntoResponse, ApiError> {
    let query: StoryQuery = story_query(&state, uri.query()).await?;
    let base = state.config.base_url();
    let stories = state.read(move |s| Ok(s.find_stories(&query)?)).await?;
    let entries = story_entries(&stories, &base);
    let self_link = format!("{base}{uri}");
    let body = atom(
        "urn:storyline:stories",
        "storyline: stories",
        &self_link,
        &entries,
    );
    Ok(([(header::CONTENT_TYPE, ATOM)], body))
}

pub(crate) async fn story_feed(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let id = story_id(&raw)?;
    let base = state.config.base_url();
    let story = state
        .read(move |s| {
            s.story(id)?
                .ok_or(ApiError::NotFound(format!("story {id}")))
        })
        .await?;
    let mut entries: Vec<Entry> = story
        .articles
        .iter()
        .map(|a| Entry {
            id: format!("urn:storyline:article:{}", a.key),
            title: a
                .article
                .title
                .clone()
                .unwrap_or_else(|| a.article.text.chars().take(90).collect()),
            updated: a.article.published.unwrap_or(a.ingested_at),
            link: format!("{base}/articles/{}", a.key),
            summary: a.article.text.chars().take(400).collect(),
        })
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    let title = format!(
        "storyline: {}",
        story.summary.title.as_deref().unwrap_or("(untitled)")
    );
    let body = atom(
        &format!("urn:storyline:story:{}", story.summary.id),
        &title,
        &format!("{base}/stories/{}/feed.atom", story.summary.id),
        &entries,
    );
    Ok(([(header::CONTENT_TYPE, ATOM)], body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_feeds_well_formed() {
        assert_eq!(
            xml_escape("<b>\"Tom\" & 'Jerry'</b>\u{0}\u{7}ok\n"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;ok\n"
        );
    }
}
