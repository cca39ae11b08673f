//! RSS 2.0 / RSS 1.0 (RDF) / Atom feed files: each item or entry becomes a document.
//! The item's full content (`content:encoded`, Atom `content`) is preferred over its
//! summary. A feed broken half-way yields the items before the break, then an error.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use storyline_model::{Body, Locator, Origin, RawDocument};

use crate::charset::{decode, Markup};
use crate::limits::{looks_binary, read_capped};
use crate::{Documents, IngestError};

/// One item or entry of a feed, as written (unparsed dates, links as given).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FeedItem {
    pub title: Option<String>,
    pub link: Option<String>,
    pub guid: Option<String>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub published: Option<String>,
    pub updated: Option<String>,
}

/// A feed's channel-level fields.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Channel {
    pub title: Option<String>,
    pub language: Option<String>,
}

/// What a feed document holds: its channel, its items in document order and, if
/// parsing broke, the item where it broke and why.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    pub channel: Channel,
    pub items: Vec<FeedItem>,
    pub failure: Option<(u64, String)>,
}

/// Parses an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document.
pub fn parse_feed(text: &str) -> ParsedFeed {
    if text.trim_start().starts_with('{') {
        return crate::json_feed::parse(text);
    }
    let (channel, items, failure) = parse(text);
    ParsedFeed {
        channel,
        items,
        failure,
    }
}

pub(crate) fn read_feed(
    mut reader: Box<dyn BufRead>,
    name: String,
    stem: String,
    max: u64,
) -> Documents {
    let origin = Origin::file(name.clone());
    let bytes = match read_capped(&mut reader, max, &origin, "one feed") {
        Ok(b) => b,
        Err(e) => return Box::new(std::iter::once(Err(e))),
    };
    if looks_binary(&bytes) {
        return Box::new(std::iter::once(Err(IngestError::Binary { origin })));
    }
    let decoded = decode(&bytes, None, Markup::Xml);
    let ParsedFeed {
        channel,
        items,
        failure,
    } = parse_feed(&decoded.text);
    let encoding = decoded.encoding.name();
    let mut results: Vec<Result<RawDocument, IngestError>> = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let n = index as u64 + 1;
        let origin = Origin::at(name.clone(), Locator::Item(n));
        results.push(item_document(
            item,
            &channel,
            origin,
            format!("{stem}#{n}"),
            encoding,
        ));
    }
    if let Some((item_no, message)) = failure {
        results.push(Err(IngestError::MalformedFeed {
            origin: Origin::at(name, Locator::Item(item_no)),
            message,
        }));
    } else if results.is_empty() {
        results.push(Err(IngestError::Empty { origin }));
    }
    Box::new(results.into_iter())
}

/// The document a feed item carries itself: its full content, else its summary, else
/// its title; its link (or a URL-shaped guid) as the URL.
pub fn item_document(
    item: FeedItem,
    channel: &Channel,
    origin: Origin,
    id: String,
    encoding: &'static str,
) -> Result<RawDocument, IngestError> {
    let payload = item
        .content
        .filter(|c| !c.trim().is_empty())
        .or(item.summary)
        .filter(|c| !c.trim().is_empty())
        .or_else(|| item.title.clone())
        .ok_or_else(|| IngestError::Empty {
            origin: origin.clone(),
        })?;
    let body = if looks_like_html(&payload) {
        Body::Html(payload)
    } else {
        Body::Text(payload)
    };
    Ok(RawDocument {
        id,
        url: item.link.or(item.guid.filter(|g| g.starts_with("http"))),
        title: item.title,
        declared_language: channel.language.clone(),
        published: item.published.or(item.updated),
        fetched: None,
        source: channel.title.clone(),
        body,
        encoding,
        origin,
    })
}

fn looks_like_html(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [
        "<p", "<br", "<div", "<a ", "<img", "<span", "<em", "<strong", "<ul", "<h",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// Which field text currently goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Guid,
    Summary,
    Content,
    Published,
    Updated,
    ChannelTitle,
    Language,
}

/// Parses the feed; returns what was read and, if parsing broke, where and why.
fn parse(text: &str) -> (Channel, Vec<FeedItem>, Option<(u64, String)>) {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut channel = Channel::default();
    let mut items = Vec::new();
    let mut current: Option<FeedItem> = None;
    let mut field: Option<(Field, usize)> = None;
    let mut depth = 0usize;
    let mut buffer = String::new();
    let mut saw_root = false;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = items.len() as u64 + u64::from(current.is_some());
                return (channel, items, Some((at.max(1), e.to_string())));
            }
        };
        match event {
            Event::Start(start) => {
                depth += 1;
                let local = start.local_name().as_ref().to_ascii_lowercase();
                saw_root |= matches!(local.as_str(), "rss" | "feed" | "rdf");
                if matches!(local.as_str(), "item" | "entry") {
                    current = Some(FeedItem::default());
                } else if field.is_none() {
                    field = field_for(&local, current.is_some(), &start).map(|f| (f, depth));
                    buffer.clear();
                    if let (Some(item), Some((Field::Link, _))) = (current.as_mut(), field) {
                        set_atom_link(item, &start);
                    }
                }
            }
            Event::Empty(start) => {
                let local = start.local_name().as_ref().to_ascii_lowercase();
                if let (Some(item), "link") = (current.as_mut(), local.as_str()) {
                    set_atom_link(item, &start);
                }
            }
            Event::Text(t) if field.is_some() => buffer.push_str(&t.xml10_content()),
            Event::CData(t) if field.is_some() => buffer.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if field.is_some() => push_reference(&mut buffer, &r),
            Event::End(end) => {
                let local = end.local_name().as_ref().to_ascii_lowercase();
                if let Some((f, d)) = field {
                    if d == depth {
                        store_field(f, buffer.trim(), current.as_mut(), &mut channel);
                        field = None;
                    }
                }
                if matches!(local.as_str(), "item" | "entry") {
                    if let Some(item) = current.take() {
                        items.push(item);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let failure =
        (!saw_root).then(|| (1, "no <rss>, <rdf:RDF> or <feed> root element".to_string()));
    (channel, items, failure)
}

fn field_for(local: &str, in_item: bool, start: &BytesStart) -> Option<Field> {
    if !in_item {
        return match local {
            "title" => Some(Field::ChannelTitle),
            "language" => Some(Field::Language),
            _ => None,
        };
    }
    Some(match local {
        "title" => Field::Title,
        "link" => {
            // Atom links carry the URL in `href`; their text is empty.
            if start.try_get_attribute("href").ok().flatten().is_some() {
                return None;
            }
            Field::Link
        }
        "guid" | "id" => Field::Guid,
        "description" | "summary" => Field::Summary,
        "encoded" | "content" => Field::Content,
        "pubdate" | "published" | "date" | "issued" => Field::Published,
        "updated" | "modified" => Field::Updated,
        _ => return None,
    })
}

fn set_atom_link(item: &mut FeedItem, start: &BytesStart) {
    let mut href = None;
    let mut rel = None;
    for attr in start.attributes().with_checks(false).flatten() {
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_default();
        match attr.key.local_name().as_ref() {
            "href" => href = Some(value),
            "rel" => rel = Some(value),
            _ => {}
        }
    }
    if let Some(href) = href {
        let primary = matches!(rel.as_deref(), None | Some("alternate"));
        if primary || item.link.is_none() {
            item.link = Some(href);
        }
    }
}

fn store_field(field: Field, value: &str, item: Option<&mut FeedItem>, channel: &mut Channel) {
    if value.is_empty() {
        return;
    }
    let value = Some(value.to_string());
    match (field, item) {
        (Field::ChannelTitle, _) => channel.title = channel.title.take().or(value),
        (Field::Language, _) => channel.language = value,
        (_, None) => {}
        (Field::Title, Some(i)) => i.title = value,
        (Field::Link, Some(i)) => i.link = i.link.take().or(value),
        (Field::Guid, Some(i)) => i.guid = value,
        (Field::Summary, Some(i)) => i.summary = value,
        (Field::Content, Some(i)) => i.content = value,
        (Field::Published, Some(i)) => i.published = value,
        (Field::Updated, Some(i)) => i.updated = value,
    }
}

/// Entity and character references: XML's five plus the HTML ones feeds commonly leak.
fn push_reference(buffer: &mut String, reference: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        buffer.push(c);
        return;
    }
    let name: &str = reference;
    let replacement = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "hellip" => "\u{2026}",
        "laquo" => "\u{ab}",
        "raquo" => "\u{bb}",
        _ => {
            buffer.push('&');
            buffer.push_str(name);
            buffer.push(';');
            return;
        }
    };
    buffer.push_str(replacement);
}
