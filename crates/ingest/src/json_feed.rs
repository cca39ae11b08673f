//! JSON Feed (versions 1 and 1.1): the same items as an RSS or Atom feed, read
//! leniently — a field of the wrong type is treated as absent, not as an error.

use serde_json::Value;

use crate::feed::{Channel, FeedItem, ParsedFeed};

/// Parses a JSON Feed document; a document that is not one says why in `failure`.
pub(crate) fn parse(text: &str) -> ParsedFeed {
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return failed(format!("not valid JSON: {e}")),
    };
    let is_json_feed = string(&root, "version").is_some_and(|v| v.contains("jsonfeed.org"));
    let Some(items) = root.get("items").and_then(Value::as_array) else {
        return failed("a JSON document without an \"items\" array is not a JSON Feed".into());
    };
    if !is_json_feed {
        return failed("no JSON Feed \"version\" (https://jsonfeed.org/version/1.1)".into());
    }
    ParsedFeed {
        channel: Channel {
            title: string(&root, "title"),
            language: string(&root, "language"),
        },
        items: items.iter().map(item).collect(),
        failure: None,
    }
}

fn failed(message: String) -> ParsedFeed {
    ParsedFeed {
        failure: Some((1, message)),
        ..ParsedFeed::default()
    }
}

fn item(value: &Value) -> FeedItem {
    FeedItem {
        title: string(value, "title"),
        link: string(value, "url").or_else(|| string(value, "external_url")),
        guid: string(value, "id").or_else(|| number(value, "id")),
        summary: string(value, "summary"),
        content: string(value, "content_html").or_else(|| string(value, "content_text")),
        published: string(value, "date_published"),
        updated: string(value, "date_modified"),
    }
}

/// A non-empty string field.
fn string(value: &Value, key: &str) -> Option<String> {
    let s = value.get(key)?.as_str()?.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A numeric field as text (some feeds number their item ids).
fn number(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .filter(|v| v.is_number())
        .map(Value::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_items_and_channel() {
        let feed = parse(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Nordlys","language":"nb",
            "items":[{"id":7,"url":"https://nordlys.example/a","title":"Ferja er tilbake",
            "content_text":"Ferja går igjen fra i dag.","date_published":"2026-03-02T08:00:00Z"},
            {"id":"b","title":5}]}"#,
        );
        assert_eq!(feed.failure, None);
        assert_eq!(feed.channel.title.as_deref(), Some("Nordlys"));
        assert_eq!(feed.channel.language.as_deref(), Some("nb"));
        assert_eq!(feed.items.len(), 2);
        assert_eq!(feed.items[0].guid.as_deref(), Some("7"));
        assert_eq!(
            feed.items[0].link.as_deref(),
            Some("https://nordlys.example/a")
        );
        assert_eq!(
            feed.items[0].content.as_deref(),
            Some("Ferja går igjen fra i dag.")
        );
        assert_eq!(feed.items[1].title, None, "a number is not a title");
    }

    #[test]
    fn other_json_is_refused_with_a_reason() {
        let not_feed = parse(r#"{"items": []}"#);
        assert!(not_feed.failure.unwrap().1.contains("version"));
        let broken = parse("{\"version\": ");
        assert!(broken.failure.unwrap().1.contains("not valid JSON"));
    }
}
