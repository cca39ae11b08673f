//! Previous and next links under a paged list, keeping the request's other parameters.

use maud::{html, Markup};
use serde::Serialize;

/// One page of a list, as every list of the API answers it.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "{T}Page")]
pub(crate) struct ListPage<T> {
    pub items: Vec<T>,
    /// How many match in all (`items` holds at most `limit` of them).
    pub total: u64,
    /// Where the next page starts (what to pass as `offset`, or for tasks as
    /// `before`); null on the last page.
    pub next: Option<u64>,
}

/// Where a page sits in a list: its first item's offset, how many it shows and asks
/// for, how many match in all, and the last offset the list serves.
pub(crate) struct Page {
    pub offset: usize,
    pub shown: usize,
    pub limit: usize,
    pub total: u64,
    pub max_offset: usize,
}

impl Page {
    fn previous(&self) -> Option<usize> {
        (self.offset > 0).then(|| self.offset.saturating_sub(self.limit))
    }

    fn next(&self) -> Option<usize> {
        let end = self.offset + self.shown;
        (self.shown > 0 && (end as u64) < self.total && end <= self.max_offset).then_some(end)
    }
}

/// `path?query` with `offset` set to `offset` (and every other parameter as sent).
fn link(path: &str, query: Option<&str>, offset: usize) -> String {
    let kept = query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("offset="));
    let mut pairs: Vec<String> = kept.map(str::to_string).collect();
    if offset > 0 {
        pairs.push(format!("offset={offset}"));
    }
    if pairs.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", pairs.join("&"))
    }
}

/// "21–40 of 312" with previous and next links; nothing when all fit on one page.
pub(crate) fn pager(path: &str, query: Option<&str>, page: &Page) -> Markup {
    let (previous, next) = (page.previous(), page.next());
    if previous.is_none() && next.is_none() {
        return html! {};
    }
    let first = page.offset + usize::from(page.shown > 0);
    html! {
        nav.pager aria-label="pages" {
            @if let Some(o) = previous { a rel="prev" href=(link(path, query, o)) { "← previous" } }
            span.range { (first) "–" (page.offset + page.shown) " of " (page.total) }
            @if let Some(o) = next { a rel="next" href=(link(path, query, o)) { "next →" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(offset: usize, shown: usize, total: u64) -> Page {
        Page {
            offset,
            shown,
            limit: 50,
            total,
            max_offset: 10_000,
        }
    }

    #[test]
    fn links_keep_the_other_parameters_and_stop_at_the_ends() {
        let first = pager("/", Some("language=uk&offset=0"), &page(0, 50, 120)).into_string();
        assert!(
            first.contains(r#"href="/?language=uk&amp;offset=50""#),
            "{first}"
        );
        assert!(!first.contains("prev"), "{first}");
        assert!(first.contains("1–50 of 120"), "{first}");
        let last = pager("/", Some("offset=100&language=uk"), &page(100, 20, 120)).into_string();
        assert!(
            last.contains(r#"href="/?language=uk&amp;offset=50""#),
            "{last}"
        );
        assert!(!last.contains("next"), "{last}");
        let back_to_start = pager("/", Some("offset=30"), &page(30, 50, 80)).into_string();
        assert!(back_to_start.contains(r#"href="/""#), "{back_to_start}");
        assert_eq!(pager("/", None, &page(0, 12, 12)).into_string(), "");
        let capped = Page {
            max_offset: 50,
            ..page(50, 50, 500)
        };
        assert!(!pager("/search", Some("q=x"), &capped)
            .into_string()
            .contains("next"));
    }
}
