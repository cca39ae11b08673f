//! Plain text as scrapers leave it: optional header lines (`date 2025-09-24`,
//! `title: ...`, `url ...`), possibly run into the first sentence, then the body with
//! one paragraph per line or per blank-line-separated block. The first line is taken
//! as the title only when it reads like a headline.

use crate::cleanup::{clean_paragraphs, cut_from_front};
use crate::dates::{midnight, parse_date_prefix, parse_timestamp};
use crate::textdates::{date_in_url, dateline_date, is_dateline, take_dateline};
use crate::Parts;

pub(crate) fn extract_text(raw: &str) -> Parts {
    let mut parts = Parts::default();
    let mut lines: Vec<String> = Vec::new();
    let mut in_header = true;
    for line in raw.lines() {
        let line = collapse_whitespace(line);
        if in_header && !line.is_empty() {
            match take_header(&line, &mut parts) {
                Header::Consumed => continue,
                Header::Rest(rest) => {
                    in_header = false;
                    lines.push(rest);
                    continue;
                }
                Header::Body => in_header = false,
            }
        }
        lines.push(line);
    }
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    // A headline between banners and the body is cut with the banners: keep it as
    // the title.
    let banner_headline = cut_from_front(&lines)
        .into_iter()
        .rev()
        .find(|l| reads_like_headline(l))
        .map(str::to_string);
    parts.paragraphs = clean_paragraphs(lines);
    if parts.title.is_none() {
        parts.title = banner_headline;
    }
    // A dateline above the headline (`12 January 2010 @ 09: 29 pm`) is not the headline.
    let leading_dateline = match parts.paragraphs.first() {
        Some(first) if parts.paragraphs.len() > 2 => dateline_date(first),
        _ => None,
    };
    if leading_dateline.is_some() {
        parts.paragraphs.remove(0);
    }
    if parts.title.is_none()
        && parts.paragraphs.len() > 1
        && reads_like_headline(&parts.paragraphs[0])
        && !is_dateline(&parts.paragraphs[0])
    {
        parts.title = Some(parts.paragraphs.remove(0));
    }
    let dateline = leading_dateline.or_else(|| take_dateline(&mut parts.paragraphs));
    if parts.published.is_none() {
        parts.published = dateline
            .or_else(|| parts.url.as_deref().and_then(date_in_url))
            .map(midnight);
    }
    parts
}

enum Header {
    /// The whole line was a header.
    Consumed,
    /// A header ran straight into body text; this is the body part.
    Rest(String),
    /// Not a header: the body starts here.
    Body,
}

fn take_header(line: &str, parts: &mut Parts) -> Header {
    // Some scrapers put the bare source URL on the first line.
    if is_bare_url(line) && parts.url.is_none() {
        parts.url = Some(line.to_string());
        return Header::Consumed;
    }
    let Some((key, value)) = split_key(line) else {
        return Header::Body;
    };
    match key.as_str() {
        "date" | "published" | "pubdate" => take_date_header(value, parts),
        "title" | "headline" if line.contains(':') => {
            parts.title = Some(value.to_string());
            Header::Consumed
        }
        "url" | "link" if value.starts_with("http") && !value.contains(' ') => {
            parts.url = Some(value.to_string());
            Header::Consumed
        }
        "source" | "outlet" if line.contains(':') => {
            parts.source = Some(value.to_string());
            Header::Consumed
        }
        "lang" | "language" if value.len() <= 8 && !value.contains(' ') => {
            parts.language = Some(value.to_string());
            Header::Consumed
        }
        _ => Header::Body,
    }
}

fn is_bare_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://"))
        && !line.contains(char::is_whitespace)
}

/// `key value` or `key: value`, key case-insensitive.
fn split_key(line: &str) -> Option<(String, &str)> {
    let end = line.find(|c: char| c == ':' || c.is_whitespace())?;
    let key = line[..end].to_ascii_lowercase();
    let value = line[end..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    (!value.is_empty()).then_some((key, value))
}

fn take_date_header(value: &str, parts: &mut Parts) -> Header {
    if let Some(ts) = parse_timestamp(value) {
        parts.published = Some(ts);
        return Header::Consumed;
    }
    match parse_date_prefix(value) {
        Some((date, used)) => {
            parts.published = Some(midnight(date));
            let rest = value[used..].trim();
            if rest.is_empty() {
                Header::Consumed
            } else {
                Header::Rest(rest.to_string())
            }
        }
        None => Header::Body,
    }
}

/// A headline: a few words, not a sentence (no final full stop), not a quote.
fn reads_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or('.');
    (2..=25).contains(&words)
        && line.chars().count() <= 200
        && !matches!(
            last,
            '.' | ',' | ';' | ':' | '…' | '?' | '»' | '"' | '”' | '“'
        )
        && line.chars().any(char::is_alphabetic)
}

pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !INVISIBLE.contains(c)));
    }
    out
}

/// Characters that only tell a renderer where it may break a line (soft hyphen,
/// zero-width space, word joiner, byte-order mark): `Wehr­an­lage` is `Wehranlage`.
/// Zero-width (non-)joiners stay: they change how Persian or Indic words read.
const INVISIBLE: &[char] = &['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

#[cfg(test)]
mod tests {
    use super::*;

    fn published_day(parts: &Parts) -> Option<String> {
        parts.published.map(|d| d.date_naive().to_string())
    }

    #[test]
    fn date_header_running_into_text() {
        let parts = extract_text(" date 2025-09-24 Президент заявив, що готовий.\n\nДругий абзац.");
        assert_eq!(
            parts.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2025-09-24T00:00:00+00:00")
        );
        assert_eq!(
            parts.paragraphs,
            vec!["Президент заявив, що готовий.", "Другий абзац."]
        );
        assert_eq!(parts.title, None);
    }

    #[test]
    fn headline_first_line_becomes_title() {
        let parts = extract_text("Floods close the Rhine to barges\n\nWater levels rose again on Monday.\nShipping halted.");
        assert_eq!(
            parts.title.as_deref(),
            Some("Floods close the Rhine to barges")
        );
        assert_eq!(parts.paragraphs.len(), 2);
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let parts = extract_text(
            "The council met on Monday and voted to close the bridge.\nMore text follows.",
        );
        assert_eq!(parts.title, None);
    }

    #[test]
    fn a_headline_between_banners_and_the_body_is_the_title() {
        let text = "Subscribe to our newsletter\nSupport us\nDonate now to keep us independent\n\n\
                    Ferry strike ends in Kestrel Bay\n\nPhoto: archive\n\n\
                    Ferry crews in Kestrel Bay returned to work on Tuesday after the union accepted the offer.\n\n\
                    The boats sail again from Thursday, the operator said in a statement on its website.";
        let parts = extract_text(text);
        assert_eq!(
            parts.title.as_deref(),
            Some("Ferry strike ends in Kestrel Bay")
        );
        assert!(
            parts.paragraphs[0].starts_with("Ferry crews"),
            "{:?}",
            parts.paragraphs
        );
    }

    #[test]
    fn a_text_that_is_only_a_date_is_kept() {
        for text in [
            "3. marts 2015",
            "24 вересня 2025",
            "Regeringen tillträder. (18 oktober 2022)",
        ] {
            let parts = extract_text(text);
            assert_eq!(parts.paragraphs, vec![text.to_string()], "{text}");
        }
    }

    #[test]
    fn explicit_headers() {
        let parts = extract_text("Title: Un pont fermé\nURL: https://example.org/a\nsource: Le Quotidien\n\nLe conseil a voté.");
        assert_eq!(parts.title.as_deref(), Some("Un pont fermé"));
        assert_eq!(parts.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(parts.source.as_deref(), Some("Le Quotidien"));
        assert_eq!(parts.paragraphs, vec!["Le conseil a voté."]);
    }

    #[test]
    fn a_dateline_above_the_headline_is_the_date_not_the_title() {
        let parts = extract_text(
            "12 January 2010 @ 09: 29 pm\nFERRY SERVICE RESUMES AFTER STORM\nBoats left the harbour again on Tuesday.\nThe port reopened.",
        );
        assert_eq!(
            parts.title.as_deref(),
            Some("FERRY SERVICE RESUMES AFTER STORM")
        );
        assert_eq!(published_day(&parts).as_deref(), Some("2010-01-12"));
        assert!(parts.paragraphs.iter().all(|p| !p.contains("2010")));
    }

    #[test]
    fn a_yearless_dateline_is_not_the_title() {
        let parts = extract_text(
            "APR 28\nFerry service resumes after the storm\nBoats left the harbour again on Tuesday.",
        );
        assert_eq!(parts.title, None);
        assert_eq!(parts.published, None);
        assert_eq!(parts.paragraphs.first().map(String::as_str), Some("APR 28"));
    }

    #[test]
    fn without_a_dateline_the_date_in_a_leading_url_counts() {
        let parts = extract_text(
            "https://news.example/2009/11/30/ferry-grounded\nFerry runs aground near the island\nAll passengers were brought ashore.\nTugs wait for the tide.",
        );
        assert_eq!(published_day(&parts).as_deref(), Some("2009-11-30"));
        // A dateline in the text wins over the URL.
        let parts = extract_text(
            "https://news.example/2009/11/30/ferry-grounded\nFerry runs aground near the island\nDecember 1, 2009\nAll passengers were brought ashore.",
        );
        assert_eq!(published_day(&parts).as_deref(), Some("2009-12-01"));
    }

    #[test]
    fn a_bare_url_first_line_is_the_url() {
        let parts = extract_text("https://news.example/2026/03/bridge\nBridge closed for repairs\nThe council voted on Monday.");
        assert_eq!(
            parts.url.as_deref(),
            Some("https://news.example/2026/03/bridge")
        );
        assert_eq!(parts.title.as_deref(), Some("Bridge closed for repairs"));
    }

    #[test]
    fn a_short_dateline_dates_the_article_but_a_sentence_does_not() {
        let parts = extract_text(
            "Bridge closed for repairs\n7 July 2012\nThe council voted on 3 June 2012 to close it.",
        );
        assert_eq!(
            parts.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2012-07-07T00:00:00+00:00")
        );
        let parts = extract_text("Bridge closed for repairs\nThe council voted on 3 June 2012 to close the old bridge at last.");
        assert_eq!(parts.published, None);
    }

    #[test]
    fn body_word_date_is_not_a_header() {
        let parts = extract_text("Date night ideas for the weekend\nSome text.");
        assert_eq!(parts.published, None);
        assert_eq!(
            parts.title.as_deref(),
            Some("Date night ideas for the weekend")
        );
    }
}
