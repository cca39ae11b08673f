//! Server-rendered HTML: the story list and the story page. `maud` escapes every
//! interpolated value, so article titles and text (untrusted news HTML) render as
//! text; no inline script or style is emitted, so the CSP can forbid both.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse};
use maud::{html, Markup, DOCTYPE};
use storyline_store::{StoredArticle, StoryDetail, StorySummary};

use crate::api::{article_key, outlet_of, story_id};
use crate::search_routes::{parse_search, run_search, MAX_SEARCH_OFFSET};
use crate::timeline::timeline_svg;
use crate::{ApiError, AppState};
use storyline_engine::insight::outlet_label;
use storyline_engine::noun;

const STYLE: &str = include_str!("../assets/style.css");

/// `value` encoded as one segment of a URL's path.
fn path_segment(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub(crate) async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

pub(crate) fn layout(title: &str, body: Markup) -> Html<String> {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · storyline" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                header.top {
                    a.brand href="/" { "storyline" }
                    a.nav href="/search" { "Search" }
                }
                main { (body) }
            }
        }
    };
    Html(page.into_string())
}

fn span(s: &StorySummary) -> String {
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map_or("undated".to_string(), |d| d.format("%Y-%m-%d").to_string())
    };
    if s.first_published.map(|d| d.date_naive()) == s.last_published.map(|d| d.date_naive()) {
        day(s.first_published)
    } else {
        format!("{} – {}", day(s.first_published), day(s.last_published))
    }
}

pub(crate) async fn story_list(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<Html<String>, ApiError> {
    let query = crate::api::story_query(&state, uri.query()).await?;
    let language = query.language.clone().unwrap_or_default();
    let (offset, limit) = (query.offset, query.limit);
    let (stories, total) = state
        .read(move |s| {
            let list = s.find_stories(&query)?;
            let total = s.count_stories(&query)?;
            let mut with_outlets = Vec::with_capacity(list.len());
            for story in list {
                let outlets: std::collections::BTreeSet<Option<String>> = s
                    .story_sources(story.id)?
                    .iter()
                    .map(|(source, url)| {
                        storyline_engine::insight::outlet_name(source.as_deref(), url.as_deref())
                    })
                    .collect();
                with_outlets.push((story, outlets.len()));
            }
            Ok((with_outlets, total))
        })
        .await?;
    let page = crate::paging::Page {
        offset,
        shown: stories.len(),
        limit,
        total,
        max_offset: usize::MAX,
    };
    Ok(layout(
        "Stories",
        html! {
            h1 { "Stories" }
            p.meta { a href={ "/feed.atom" @if let Some(q) = uri.query() { "?" (q) } } { "Atom feed of these stories" } }
            form.filters method="get" action="/" {
                label { "Language " input type="text" name="language" value=(language) size="4"; }
                button type="submit" { "Filter" }
            }
            @if stories.is_empty() {
                p.empty { "No stories yet. Ingest articles with " code { "storyline ingest" } " or POST them to " code { "/api/articles" } "." }
            }
            ol.stories {
                @for (s, outlets) in &stories {
                    li.story {
                        a.title href={ "/stories/" (s.id) } {
                            (s.title.as_deref().unwrap_or("(untitled)"))
                        }
                        div.meta {
                            span { (s.articles) " " (noun(s.articles, "article", "articles")) }
                            span.outlets { (outlets) " " (noun(*outlets as u64, "outlet", "outlets")) }
                            span { (span(s)) }
                            span.languages {
                                @for l in &s.languages { span.lang { (l) } }
                            }
                        }
                    }
                }
            }
            (crate::paging::pager("/", uri.query(), &page))
        },
    ))
}

pub(crate) async fn story_page(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
) -> Result<Html<String>, ApiError> {
    let id = story_id(&raw)?;
    let lang = crate::reader::reader_language(uri.query(), &headers);
    // The story as it is now (a merged id finds nothing here and is rendered).
    let version = state
        .read(move |s| {
            let query = storyline_store::StoryQuery {
                ids: Some(vec![id]),
                limit: 1,
                ..Default::default()
            };
            Ok(s.find_stories(&query)?
                .first()
                .map(|s| (s.articles, s.last_activity)))
        })
        .await?;
    let cached = |state: &AppState| {
        let pages = state.pages.lock().ok()?;
        pages.get(id, &lang, version?)
    };
    if let Some(html) = cached(&state) {
        return Ok(Html(html.as_str().to_string()));
    }
    // One reader renders; the others of the same page wait and take its result.
    let turn = match (version, state.pages.lock()) {
        (Some(_), Ok(mut pages)) => Some(pages.turn(id, &lang)),
        _ => None,
    };
    let _turn = match &turn {
        Some(t) => Some(t.lock().await),
        None => None,
    };
    if let Some(html) = cached(&state) {
        return Ok(Html(html.as_str().to_string()));
    }
    let Html(page) = render_story_page(&state, id, lang.clone()).await?;
    if let (Some(v), Ok(mut pages)) = (version, state.pages.lock()) {
        pages.put(id, lang, v, std::sync::Arc::new(page.clone()));
    }
    Ok(Html(page))
}

async fn render_story_page(
    state: &AppState,
    id: u64,
    lang: Option<String>,
) -> Result<Html<String>, ApiError> {
    let (story, insight) = state.story_with_insight(id).await?;
    // What the API gives a reader of this language is what the page shows.
    let doc = crate::story::StoryDocument::new(story, insight, lang.as_deref());
    let (story, insight, summary) = (&doc.story, &doc.insight, &doc.summary);
    let names: Vec<String> = insight.entities.iter().map(|e| e.name.clone()).collect();
    let similar = crate::api::similar_stories(state, story, &names).await?;
    let title = story
        .summary
        .title
        .clone()
        .unwrap_or_else(|| "(untitled)".into());
    let (time, outlets) = (&doc.time, &doc.outlets);
    Ok(layout(
        &title,
        html! {
            article.story-page {
                h1 { (title) }
                @if story.summary.id != id {
                    p.notice { "Story " (id) " was merged into this one." }
                }
                p.meta {
                    (story.summary.articles) " " (noun(story.summary.articles, "article", "articles")) " · "
                    (outlets.len()) " " (noun(outlets.len() as u64, "outlet", "outlets")) " · languages "
                    (story.summary.languages.join(", ")) " · " (span(&story.summary)) " · "
                    a href={ "/stories/" (story.summary.id) "/feed.atom" } { "Atom feed of updates" }
                }
                (crate::compare_view::summary_section(summary))
                section {
                    h2 { "Coverage over time" }
                    @if let Some(event) = &time.event_date {
                        p.event-date {
                            "Event date: " strong { (event.day.format("%-d %B %Y")) }
                            @match event.basis {
                                storyline_engine::chronology::DateBasis::Mentioned => {
                                    " (named by " (event.articles) " of " (story.articles.len()) " articles)"
                                }
                                storyline_engine::chronology::DateBasis::Published => " (first report; no article names the day)",
                            }
                        }
                    }
                    (timeline_svg(time))
                }
                section {
                    h2 { "Outlets" }
                    table.coverage {
                        thead { tr { th { "Outlet" } th { "Articles" } th { "Copies" } th { "Languages" } th { "First" } } }
                        tbody {
                            @for c in outlets {
                                tr {
                                    td { (outlet_label(c.outlet.as_deref())) }
                                    td { (c.articles) }
                                    td { (c.copies) }
                                    td { (c.languages.join(", ")) }
                                    td { (c.first.map_or(String::new(), |f| f.format("%Y-%m-%d %H:%M").to_string())) }
                                }
                            }
                        }
                    }
                }
                @if !insight.entities.is_empty() {
                    section {
                        h2 { "Who and where" }
                        ul.entities {
                            @for e in &insight.entities {
                                li title=(e.variants.join(" · ")) {
                                    a.entity href={ "/entities/" (path_segment(&e.name)) } { (e.name) }
                                    span.count { " " (e.articles) "/" (story.articles.len()) }
                                    @if !e.variants.is_empty() { span.variants { " (" (e.variants.join(", ")) ")" } }
                                }
                            }
                        }
                    }
                }
                @if !insight.quotes.is_empty() {
                    section {
                        h2 { "Who said what" }
                        @for q in &insight.quotes {
                            figure.quote {
                                blockquote lang=(q.languages.first().map(String::as_str).unwrap_or("und")) { (q.text) }
                                figcaption {
                                    (q.speaker.as_deref().unwrap_or("unattributed"))
                                    @if q.kind == storyline_analyze::QuoteKind::Indirect { " (reported)" }
                                    " — first in "
                                    a href={ "/articles/" (q.first_article) } { (outlet_label(q.first_outlet.as_deref())) }
                                    @if q.articles.len() > 1 {
                                        " · in " (q.articles.len()) " articles (" (q.languages.join(", ")) ")"
                                    }
                                }
                                @if !q.translations.is_empty() {
                                    details.versions {
                                        summary { "Other versions" }
                                        ul {
                                            @for t in &q.translations {
                                                li lang=(t.language) {
                                                    a href={ "/articles/" (t.article) } { (t.language) } ": " (t.text)
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                (crate::compare_view::comparison_sections(story, &insight.coverage))
                section {
                    h2 { "Articles by outlet" }
                    (articles_by_outlet(story))
                }
                @if !similar.is_empty() {
                    section {
                        h2 { "Similar stories" }
                        ul.similar {
                            @for s in &similar {
                                li {
                                    a href={ "/stories/" (s.story.id) } { (s.story.title.as_deref().unwrap_or("(untitled)")) }
                                    span.meta { " " (span(&s.story)) " · " (s.story.articles) " " (noun(s.story.articles, "article", "articles")) }
                                }
                            }
                        }
                    }
                }
                @if !story.related.is_empty() {
                    section {
                        h2 { "Related stories" }
                        p { "The same kind of event with the same people or places, at another time:" }
                        ul {
                            @for r in &story.related {
                                li { a href={ "/stories/" (r) } { "Story " (r) } }
                            }
                        }
                    }
                }
            }
        },
    ))
}

/// Articles grouped by outlet; copies fold under a `details` element.
fn articles_by_outlet(story: &StoryDetail) -> Markup {
    let mut groups: BTreeMap<Option<String>, Vec<&StoredArticle>> = BTreeMap::new();
    for a in &story.articles {
        groups.entry(outlet_of(a)).or_default().push(a);
    }
    html! {
        @for (outlet, articles) in &groups {
            div.outlet {
                h3 { (outlet_label(outlet.as_deref())) }
                @for a in articles.iter().filter(|a| a.copy_of.is_none()) {
                    (article_item(a))
                }
                @let copies: Vec<&&StoredArticle> = articles.iter().filter(|a| a.copy_of.is_some()).collect();
                @if !copies.is_empty() {
                    details.copies {
                        summary { (copies.len()) " copies of earlier reports" }
                        @for a in copies {
                            (article_item(a))
                            p.copy-of { "copy of " (a.copy_of.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

fn article_item(a: &StoredArticle) -> Markup {
    let title = a
        .article
        .title
        .clone()
        .unwrap_or_else(|| a.article.text.chars().take(90).collect());
    let lead: String = a.article.text.chars().take(280).collect();
    html! {
        div.article {
            div.article-head {
                span.lang { (a.language) }
                @if let Some(p) = a.article.published { time { (p.format("%Y-%m-%d %H:%M")) } }
                a.article-title href={ "/articles/" (a.key) } { (title) }
                @if let Some(url) = web_url(a) {
                    a.original href=(url) rel="noopener noreferrer nofollow" { "original" }
                }
            }
            p.lead { (lead) }
        }
    }
}

pub(crate) async fn search_page(
    State(state): State<AppState>,
    uri: axum::http::Uri,
) -> Result<(StatusCode, Html<String>), ApiError> {
    let request = parse_search(uri.query())?;
    let mut status = StatusCode::OK;
    let mut refusal = None;
    let (hits, stories, total) = match request.query() {
        Ok(Some(query)) => match run_search(&state, &request, query).await {
            Ok(found) => found,
            Err(ApiError::BadRequest(message)) => {
                refusal = Some(message);
                (Vec::new(), Vec::new(), 0)
            }
            Err(e) => return Err(e),
        },
        Ok(None) => (Vec::new(), Vec::new(), 0),
        Err(ApiError::BadRequest(message)) => {
            refusal = Some(message);
            (Vec::new(), Vec::new(), 0)
        }
        Err(e) => return Err(e),
    };
    if refusal.is_some() {
        status = StatusCode::BAD_REQUEST;
    }
    let q = &request.q;
    let page = crate::paging::Page {
        offset: request.offset,
        shown: hits.len(),
        limit: request.limit,
        total,
        max_offset: MAX_SEARCH_OFFSET,
    };
    Ok((
        status,
        layout(
            "Search",
            html! {
                h1 { "Search" }
                form.filters method="get" action="/search" role="search" {
                    input type="search" name="q" value=(q) placeholder="words, \"a phrase\"~2, +must, -not, name:Zelensky, lang:uk" size="40";
                    label { "Language " input type="text" name="language" value=(request.language.clone().unwrap_or_default()) size="4"; }
                    button type="submit" { "Search" }
                }
                @if let Some(message) = &refusal {
                    p.error role="alert" { (message) }
                } @else if !q.is_empty() && hits.is_empty() {
                    p.empty { "No articles match." }
                } @else if !q.is_empty() {
                    p.count { (total) " matching " (noun(total, "article", "articles")) }
                }
                @if !stories.is_empty() {
                    section.found-stories {
                        h2 { "In stories" }
                        ul {
                            @for st in &stories {
                                li {
                                    a href={ "/stories/" (st.id) } { (st.title.as_deref().unwrap_or("(untitled)")) }
                                    span.meta { " " (st.hits) " of these · " (st.article_count) " " (noun(st.article_count, "article", "articles")) " · " (st.languages.join(", ")) }
                                }
                            }
                        }
                    }
                }
                ol.hits {
                    @for h in &hits {
                        li.hit {
                            a.article-title href={ "/articles/" (h.key) } { (h.title) }
                            div.meta {
                                span.lang { (h.language) }
                                span { (outlet_label(h.outlet.as_deref())) }
                                @if let Some(p) = h.published { time { (p.format("%Y-%m-%d")) } }
                                a href={ "/stories/" (h.story) } { "story " (h.story) }
                                span.found { (found_by(h)) }
                            }
                            p.lead { (marked(&h.snippet, &h.highlights)) }
                        }
                    }
                }
                (crate::paging::pager("/search", uri.query(), &page))
            },
        ),
    ))
}

/// `text` with the character ranges `marks` in `<mark>`, every piece escaped.
fn marked(text: &str, marks: &[[usize; 2]]) -> maud::Markup {
    let chars: Vec<char> = text.chars().collect();
    let piece = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    // (plain text, marked text) pairs, in order.
    let mut pieces = Vec::new();
    let mut at = 0;
    for &[a, b] in marks {
        let (a, b) = (a.min(chars.len()), b.min(chars.len()));
        if a >= at && b > a {
            pieces.push((piece(at, a), piece(a, b)));
            at = b;
        }
    }
    let rest = piece(at, chars.len());
    html! {
        @for (plain, mark) in &pieces { (plain) mark { (mark) } }
        (rest)
    }
}

/// How a search found an article: by its words (the BM25 score), by meaning (the
/// cosine with the query), or both.
fn found_by(h: &crate::search_routes::SearchHit) -> String {
    match (h.lexical_score, h.semantic_score) {
        (Some(l), Some(m)) => format!("words {l:.1} · meaning {m:.2}"),
        (Some(l), None) => format!("words {l:.1}"),
        (None, Some(m)) => format!("meaning {m:.2}"),
        (None, None) => String::new(),
    }
}

/// The article's own address, when it is a web link (never `javascript:` and the like).
fn web_url(a: &StoredArticle) -> Option<&str> {
    a.article
        .url
        .as_deref()
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}

pub(crate) async fn article_page(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<Html<String>, ApiError> {
    let key = article_key(&raw)?;
    let a = state
        .read(move |s| {
            s.article(key)?
                .ok_or(ApiError::NotFound(format!("article {key}")))
        })
        .await?;
    let title = a
        .article
        .title
        .clone()
        .unwrap_or_else(|| a.article.text.chars().take(90).collect());
    Ok(layout(
        &title,
        html! {
            article.article-page {
                h1 { (title) }
                p.meta {
                    span { (outlet_label(outlet_of(&a).as_deref())) }
                    span.lang { (a.language) }
                    @if let Some(p) = a.article.published { time { (p.format("%Y-%m-%d %H:%M")) } }
                    @if !a.article.authors.is_empty() { span { "by " (a.article.authors.join(", ")) } }
                }
                p {
                    a href={ "/stories/" (a.story) } { "Story " (a.story) }
                    @if let Some(url) = web_url(&a) {
                        " · " a href=(url) rel="noopener noreferrer nofollow" { "original" }
                    }
                    @if let Some(original) = &a.copy_of { " · copy of " (original) }
                }
                @for paragraph in a.article.text.split("\n").map(str::trim).filter(|p| !p.is_empty()) {
                    p { (paragraph) }
                }
            }
        },
    ))
}
