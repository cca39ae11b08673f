//! What a source's document lists: a feed's items, a sitemap's pages, a sitemap
//! index's sitemaps, or — for an HTML page — the feeds it links to. OPML lists
//! of feeds are read here too. Each entry carries what the listing says of the
//! page (title, date, language) so an article keeps it if the page lacks it.

use chrono::{DateTime, Duration, Utc};
use quick_xml::events::Event;
use storyline_ingest::{charset_from_content_type, decode, parse_feed, FeedItem, Markup};
use url::Url;

use crate::client::Page;
use crate::FetchError;

/// One page a listing points to.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// What identifies the entry across polls: the feed item's guid, else its link.
    pub key: String,
    pub url: Option<Url>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// The feed item itself, for an item without a fetchable page.
    pub item: Option<FeedItem>,
}

/// What a fetched source document turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Listing {
    Feed {
        title: Option<String>,
        language: Option<String>,
        entries: Vec<Entry>,
    },
    Sitemap {
        entries: Vec<Entry>,
    },
    SitemapIndex {
        sitemaps: Vec<Url>,
    },
    /// An HTML page: the feeds it announces (`<link rel="alternate">`).
    Page {
        feeds: Vec<Url>,
    },
}

/// Reads a fetched document as a listing.
pub fn read_listing(page: &Page, sitemap_max_age_days: i64) -> Result<Listing, FetchError> {
    let declared = page
        .content_type
        .as_deref()
        .and_then(charset_from_content_type);
    let head =
        String::from_utf8_lossy(&page.bytes[..page.bytes.len().min(2048)]).to_ascii_lowercase();
    let is_html = head.contains("<html") || head.contains("<!doctype html");
    let markup = if is_html { Markup::Html } else { Markup::Xml };
    let text = decode(&page.bytes, declared, markup).text;
    let not_a_source = |message: String| FetchError::NotASource {
        url: page.url.to_string(),
        message,
    };
    if head.contains("<urlset") {
        let cutoff = Utc::now() - Duration::days(sitemap_max_age_days);
        return Ok(Listing::Sitemap {
            entries: sitemap_entries(&text, &page.url, cutoff),
        });
    }
    if head.contains("<sitemapindex") {
        return Ok(Listing::SitemapIndex {
            sitemaps: sitemap_children(&text, &page.url),
        });
    }
    if is_html {
        return Ok(Listing::Page {
            feeds: announced_feeds(&text, &page.url),
        });
    }
    let feed = parse_feed(&text);
    if feed.items.is_empty() {
        if let Some((_, message)) = feed.failure {
            return Err(not_a_source(format!(
                "neither a feed, a sitemap nor an HTML page ({message})"
            )));
        }
    }
    let language = feed.channel.language.clone();
    Ok(Listing::Feed {
        title: feed.channel.title,
        entries: feed
            .items
            .into_iter()
            .filter_map(|item| feed_entry(item, &page.url, language.clone()))
            .collect(),
        language,
    })
}

fn feed_entry(item: FeedItem, base: &Url, language: Option<String>) -> Option<Entry> {
    let url = item
        .link
        .as_deref()
        .or(item.guid.as_deref().filter(|g| g.starts_with("http")))
        .and_then(|l| base.join(l.trim()).ok());
    let key = item
        .guid
        .clone()
        .or_else(|| url.as_ref().map(Url::to_string))
        .or_else(|| item.title.clone())?;
    Some(Entry {
        key,
        url,
        title: item.title.clone(),
        published: item.published.clone().or_else(|| item.updated.clone()),
        language,
        item: Some(item),
    })
}

/// The `<loc>` of each `<url>` (with its news title, language and date), newest
/// first. A news sitemap lists only recent articles by definition; from a plain
/// one (a whole site's pages) only those modified since `cutoff` are taken.
fn sitemap_entries(text: &str, base: &Url, cutoff: DateTime<Utc>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let is_news = text.contains("<news:news") || text.contains(":publication_date");
    for fields in xml_records(text, "url") {
        let field = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let Some(url) = field("loc").and_then(|l| base.join(l.trim()).ok()) else {
            continue;
        };
        let published = field("publication_date").or_else(|| field("lastmod"));
        let when = published.as_deref().and_then(parse_date);
        let recent = is_news || when.is_some_and(|when| when >= cutoff);
        if !recent {
            continue;
        }
        entries.push((
            when,
            Entry {
                key: url.to_string(),
                url: Some(url),
                title: field("title"),
                published,
                language: field("language"),
                item: None,
            },
        ));
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    entries.into_iter().map(|(_, e)| e).collect()
}

/// A sitemap index's sitemaps, the most recently modified first.
fn sitemap_children(text: &str, base: &Url) -> Vec<Url> {
    let mut children: Vec<(Option<DateTime<Utc>>, Url)> = xml_records(text, "sitemap")
        .into_iter()
        .filter_map(|fields| {
            let loc = fields.iter().find(|(k, _)| k == "loc")?;
            let when = fields
                .iter()
                .find(|(k, _)| k == "lastmod")
                .and_then(|(_, v)| parse_date(v));
            Some((when, base.join(loc.1.trim()).ok()?))
        })
        .collect();
    children.sort_by_key(|c| std::cmp::Reverse(c.0));
    children.into_iter().map(|(_, u)| u).collect()
}

/// The text of each element inside every `<record>` element, by local name.
fn xml_records(text: &str, record: &str) -> Vec<Vec<(String, String)>> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut records = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    let mut field: Option<String> = None;
    let mut buffer = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                let name = start.local_name().as_ref().to_ascii_lowercase();
                if name == record {
                    current = Some(Vec::new());
                } else if current.is_some() {
                    field = Some(name);
                    buffer.clear();
                }
            }
            Ok(Event::Text(t)) if field.is_some() => buffer.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) if field.is_some() => buffer.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) if field.is_some() => match r.resolve_char_ref() {
                Ok(Some(c)) => buffer.push(c),
                _ => buffer.push_str(match &*r {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Ok(Event::End(end)) => {
                let name = end.local_name().as_ref().to_ascii_lowercase();
                if name == record {
                    records.extend(current.take());
                } else if let (Some(f), Some(fields)) = (field.take(), current.as_mut()) {
                    if !buffer.trim().is_empty() {
                        fields.push((f, buffer.trim().to_string()));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    records
}

fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    let day = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

/// Feeds an HTML page announces with `<link rel="alternate" type="…rss/atom/feed+json…">`.
fn announced_feeds(html: &str, base: &Url) -> Vec<Url> {
    let document = scraper::Html::parse_document(html);
    let Ok(selector) = scraper::Selector::parse("link[rel][href]") else {
        return Vec::new();
    };
    let mut feeds: Vec<Url> = Vec::new();
    for link in document.select(&selector) {
        let element = link.value();
        let rel = element.attr("rel").unwrap_or_default().to_ascii_lowercase();
        let kind = element
            .attr("type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let is_feed = ["rss+xml", "atom+xml", "feed+json", "rdf+xml"]
            .iter()
            .any(|k| kind.contains(k));
        if !rel.split_whitespace().any(|r| r == "alternate") || !is_feed {
            continue;
        }
        if let Some(url) = element.attr("href").and_then(|h| base.join(h.trim()).ok()) {
            if !feeds.contains(&url) {
                feeds.push(url);
            }
        }
    }
    feeds
}

/// The feed URLs of an OPML outline (`<outline xmlUrl="…">`, nested or not).
pub fn opml_feeds(text: &str) -> Result<Vec<String>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut feeds = Vec::new();
    let mut saw_opml = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                saw_opml |= name == "opml";
                if name != "outline" {
                    continue;
                }
                for attr in e.attributes().with_checks(false).flatten() {
                    if attr
                        .key
                        .local_name()
                        .as_ref()
                        .eq_ignore_ascii_case("xmlurl")
                    {
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| e.to_string())?;
                        feeds.push(value.trim().to_string());
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("broken OPML ({e})")),
            _ => {}
        }
    }
    if !saw_opml {
        return Err("no <opml> root element".into());
    }
    Ok(feeds)
}
