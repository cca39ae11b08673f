//! HTML → [`crate::Parts`]: metadata from `<meta>`, JSON-LD, `<time>` and `<link>`
//! here; main text in [`content`]; pages nested deeper than any real page are
//! flattened to text first (the HTML parser's scope checks are quadratic in depth).

mod blocks;
mod candidates;
mod content;
mod explain;
mod furniture;
mod widen;

use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::dates::{midnight, parse_timestamp};
use crate::text::collapse_whitespace;
use crate::textdates::{date_in_url, first_date_in_text, take_dateline};
use crate::Parts;

fn selector(css: &str) -> Selector {
    // Only called on the constant selectors below, which are valid CSS.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("invalid built-in selector {css}"))
}

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector("script[type='application/ld+json']"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static HTML_TAG: LazyLock<Selector> = LazyLock::new(|| selector("html"));

/// How main-content extraction saw one page: the competing elements and every
/// text block with why it was kept or dropped (for people, not a stable format).
pub fn explain_main_content(html: &str) -> String {
    let doc = Html::parse_document(html);
    let meta = MetaTags::collect(&doc);
    let title = page_title(&doc, &meta, &json_ld_objects(&doc));
    explain::explain(&doc, title.as_deref())
}

/// The headline: OpenGraph/Twitter title, JSON-LD `headline`, `<title>` without the
/// site name, or the first `<h1>`.
fn page_title(doc: &Html, meta: &MetaTags, json_ld: &[Value]) -> Option<String> {
    let source = site_name(meta);
    meta.get(&["og:title", "twitter:title"])
        .or_else(|| json_ld_field(json_ld, "headline"))
        .or_else(|| {
            first_text(doc, &TITLE)
                .map(|t| strip_site_name(&t, first_text(doc, &H1).as_deref(), source.as_deref()))
        })
        .or_else(|| first_text(doc, &H1))
}

fn site_name(meta: &MetaTags) -> Option<String> {
    meta.get(&["og:site_name", "application-name"])
}

/// Deeper tag nesting than any real page has; beyond it the HTML parser's scope checks
/// turn quadratic, so such input is flattened to text first.
const MAX_NESTING: usize = 2_000;

pub(crate) fn extract_html(html: &str) -> Parts {
    if nesting_depth(html) > MAX_NESTING {
        return extract_flattened(html);
    }
    let doc = Html::parse_document(html);
    let meta = MetaTags::collect(&doc);
    let json_ld = json_ld_objects(&doc);
    let machine_date = [
        meta.published(),
        json_ld_field(&json_ld, "datePublished"),
        first_attr(&doc, &TIME, "datetime"),
    ]
    .into_iter()
    .flatten()
    .find_map(|raw| parse_timestamp(&raw).filter(plausible_date));
    let modified = meta
        .get(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
        ])
        .or_else(|| json_ld_field(&json_ld, "dateModified"))
        .as_deref()
        .and_then(parse_timestamp)
        .filter(plausible_date);
    let url = first_attr(&doc, &CANONICAL, "href").or_else(|| meta.get(&["og:url"]));
    let source = site_name(&meta);
    let title = page_title(&doc, &meta, &json_ld);
    let mut main = content::main_content(&doc, title.as_deref());
    let dateline = take_dateline(&mut main.paragraphs);
    // Pages without a machine-readable date: the URL, then a date written near the
    // top of the article (byline, dateline, first paragraph).
    let published = machine_date
        .or_else(|| url.as_deref().and_then(date_in_url).map(midnight))
        .or_else(|| dateline.map(midnight))
        .or_else(|| first_date_in_text(&main.preamble).map(midnight))
        .or_else(|| {
            main.paragraphs
                .first()
                .and_then(|p| first_date_in_text(p))
                .map(midnight)
        });
    Parts {
        title,
        authors: authors(&meta, &json_ld),
        modified,
        url,
        source,
        language: first_attr(&doc, &HTML_TAG, "lang")
            .or_else(|| meta.get(&["og:locale", "content-language"])),
        published,
        paragraphs: main.paragraphs,
    }
}

/// `<title>` usually appends the site: `Story | Site`, `Story - Site`. The part that is
/// the page's `<h1>`, or that is not the site name, is the headline.
fn strip_site_name(title: &str, h1: Option<&str>, site: Option<&str>) -> String {
    const SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " :: ", " · ", " » "];
    let Some(sep) = SEPARATORS.iter().find(|s| title.contains(**s)) else {
        return title.to_string();
    };
    let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
    if let Some(h1) = h1 {
        if let Some(p) = parts.iter().find(|p| p.eq_ignore_ascii_case(h1)) {
            return p.to_string();
        }
    }
    if let Some(site) = site {
        let rest: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !p.eq_ignore_ascii_case(site))
            .collect();
        if rest.len() < parts.len() && !rest.is_empty() {
            return rest.join(sep);
        }
    }
    // Without other evidence, a short last part is the site.
    match parts.split_last() {
        Some((last, head)) if !head.is_empty() && last.split_whitespace().count() <= 3 => {
            head.join(sep)
        }
        _ => title.to_string(),
    }
}

/// Content systems fill empty date fields with placeholders (`0001-01-01`, the Unix
/// epoch): no news article predates the web.
fn plausible_date(t: &chrono::DateTime<chrono::Utc>) -> bool {
    use chrono::Datelike;
    (1991..=2200).contains(&t.year())
}

/// Bylines from `<meta name=author>` and JSON-LD `author` (string, object or list).
fn authors(meta: &MetaTags, json_ld: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for object in json_ld {
        collect_author_names(object, 0, &mut names);
    }
    if names.is_empty() {
        if let Some(m) = meta.get(&["author", "article:author", "byl", "parsely-author"]) {
            names.extend(
                m.split([',', ';'])
                    .map(|n| n.trim().trim_start_matches("By ").trim().to_string()),
            );
        }
    }
    names.retain(|n| !n.is_empty() && !n.starts_with("http") && n.chars().count() <= 80);
    let mut seen = Vec::new();
    names.retain(|n| {
        let fresh = !seen.contains(n);
        seen.push(n.clone());
        fresh
    });
    names
}

fn collect_author_names(v: &Value, depth: usize, out: &mut Vec<String>) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Object(map) => {
            if let Some(author) = map.get("author") {
                push_names(author, out);
            }
            for (k, child) in map {
                if k != "author" {
                    collect_author_names(child, depth + 1, out);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|i| collect_author_names(i, depth + 1, out)),
        _ => {}
    }
}

fn push_names(author: &Value, out: &mut Vec<String>) {
    match author {
        Value::String(s) => out.push(collapse_whitespace(s)),
        Value::Object(o) => {
            if let Some(Value::String(name)) = o.get("name") {
                out.push(collapse_whitespace(name));
            }
        }
        Value::Array(items) => items.iter().for_each(|a| push_names(a, out)),
        _ => {}
    }
}

/// `<meta>` name/property → content, first occurrence wins.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn collect(doc: &Html) -> Self {
        let pairs = doc
            .select(&META)
            .filter_map(|m| {
                let el = m.value();
                let key = el
                    .attr("property")
                    .or(el.attr("name"))
                    .or(el.attr("itemprop"))
                    .or(el.attr("http-equiv"))?;
                let content = el.attr("content")?.trim();
                (!content.is_empty()).then(|| (key.to_ascii_lowercase(), content.to_string()))
            })
            .collect();
        MetaTags(pairs)
    }

    fn get(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.0
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| collapse_whitespace(v))
        })
    }

    fn published(&self) -> Option<String> {
        self.get(&[
            "article:published_time",
            "datepublished",
            "og:published_time",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ])
    }
}

fn first_text(doc: &Html, sel: &Selector) -> Option<String> {
    doc.select(sel)
        .map(|e| collapse_whitespace(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn first_attr(doc: &Html, sel: &Selector, attr: &str) -> Option<String> {
    doc.select(sel)
        .filter_map(|e| e.value().attr(attr))
        .map(str::trim)
        .find(|v| !v.is_empty())
        .map(str::to_string)
}

fn json_ld_objects(doc: &Html) -> Vec<Value> {
    doc.select(&JSON_LD)
        .filter_map(|s| serde_json::from_str::<Value>(&s.text().collect::<String>()).ok())
        .collect()
}

/// The first string value of `key` anywhere in the JSON-LD graphs (bounded depth).
fn json_ld_field(objects: &[Value], key: &str) -> Option<String> {
    fn find(v: &Value, key: &str, depth: usize) -> Option<String> {
        if depth > 8 {
            return None;
        }
        match v {
            Value::Object(map) => match map.get(key) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(collapse_whitespace(s)),
                _ => map.values().find_map(|x| find(x, key, depth + 1)),
            },
            Value::Array(items) => items.iter().find_map(|x| find(x, key, depth + 1)),
            _ => None,
        }
    }
    objects.iter().find_map(|o| find(o, key, 0))
}

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An upper estimate of element nesting depth from a linear scan of the tags.
fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        if let Some(closing) = tag.strip_prefix('/') {
            if !closing.is_empty() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || tag.ends_with('/') || VOID.contains(&name.as_str()) {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
    }
    deepest
}

/// Hostile nesting: drop every tag (and script/style bodies), keep the text, one
/// paragraph per block boundary; entities are decoded by parsing the tag-free remainder.
fn extract_flattened(html: &str) -> Parts {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open + 1..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = rest[..end].to_ascii_lowercase();
        rest = &rest[end..];
        for hidden in ["script", "style"] {
            if tag.starts_with(hidden) {
                let close = format!("</{hidden}");
                rest = &rest[find_ignore_case(rest, &close).unwrap_or(rest.len())..];
            }
        }
        text.push('\n');
    }
    text.push_str(rest);
    let decoded: String = Html::parse_fragment(&text.replace('<', " "))
        .root_element()
        .text()
        .collect();
    Parts {
        paragraphs: decoded
            .lines()
            .map(collapse_whitespace)
            .filter(|l| !l.is_empty())
            .collect(),
        ..Parts::default()
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_from_meta_json_ld_and_link() {
        let html = r#"<html lang="de"><head>
            <title>Fallback | Site</title>
            <meta property="og:title" content="Hochwasser am Rhein">
            <meta property="og:site_name" content="Rheinbote">
            <link rel="canonical" href="https://rheinbote.example/hochwasser">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-02T08:00:00+01:00"}</script>
            </head><body><article><p>Der Pegel stieg in der Nacht auf über acht Meter, die Schifffahrt ruht.</p></article></body></html>"#;
        let parts = extract_html(html);
        assert_eq!(parts.title.as_deref(), Some("Hochwasser am Rhein"));
        assert_eq!(parts.source.as_deref(), Some("Rheinbote"));
        assert_eq!(
            parts.url.as_deref(),
            Some("https://rheinbote.example/hochwasser")
        );
        assert_eq!(parts.language.as_deref(), Some("de"));
        assert_eq!(
            parts.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2025-03-02T07:00:00+00:00")
        );
        assert_eq!(parts.paragraphs.len(), 1);
    }

    #[test]
    fn a_form_around_the_whole_page_is_not_boilerplate() {
        let html = r#"<body><form id="aspnetForm"><div><p>The harbour reopened on Monday after three days of storms kept ships away.</p>
            <p>Port officials said the first ferries would sail at noon.</p><input type="hidden" name="state"></div></form></body>"#;
        let parts = extract_html(html);
        assert_eq!(parts.paragraphs.len(), 2, "{:?}", parts.paragraphs);
    }

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(
            strip_site_name("Bridge reopens | Valley News", None, None),
            "Bridge reopens"
        );
        assert_eq!(
            strip_site_name(
                "Valley News - Bridge reopens after two years",
                Some("Bridge reopens after two years"),
                None
            ),
            "Bridge reopens after two years"
        );
        assert_eq!(
            strip_site_name(
                "Bridge reopens – Valley News Online",
                None,
                Some("Valley News Online")
            ),
            "Bridge reopens"
        );
        assert_eq!(
            strip_site_name("Kyiv - Warsaw trains resume after floods", None, None),
            "Kyiv - Warsaw trains resume after floods"
        );
    }

    #[test]
    fn nesting_depth_estimate() {
        assert_eq!(
            nesting_depth("<html><body><div><p>x<br></p><img src=a></div></body></html>"),
            4
        );
        assert_eq!(nesting_depth("<p>a</p><p>b</p>"), 1);
        assert_eq!(nesting_depth("no tags"), 0);
    }

    #[test]
    fn hostile_nesting_is_flattened_not_parsed() {
        let html = format!(
            "{}<script>var leak = 1;</script><p>Text &amp; more</p>{}",
            "<div>".repeat(3000),
            "</div>".repeat(3000)
        );
        let parts = extract_html(&html);
        assert_eq!(parts.paragraphs, vec!["Text & more"]);
    }

    #[test]
    fn navigation_and_link_lists_are_dropped() {
        let html = r#"<body><nav><p>Home News Sport Weather and everything else here</p></nav>
            <div class="story"><p>The bridge over the river was closed on Tuesday after engineers found cracks.</p>
            <p>Traffic will be diverted through the northern ring road for at least a month.</p>
            <ul><li><a href="/a">Another story about something else entirely</a></li></ul></div>
            <footer><p>Copyright and contact details for this newspaper, all rights reserved.</p></footer></body>"#;
        let parts = extract_html(html);
        assert_eq!(parts.paragraphs.len(), 2, "{:?}", parts.paragraphs);
        assert!(parts.paragraphs[0].starts_with("The bridge"));
    }
}
