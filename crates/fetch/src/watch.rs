//! One poll of a set of sources: every source's listings are read (in parallel,
//! conditionally), then every new page is fetched (in parallel, interleaved by
//! host so one slow site does not hold the others), then each source's state is
//! brought up to date. The caller ingests the documents and saves the states.

use chrono::Utc;
use storyline_ingest::item_document;
use storyline_model::{Body, Origin, RawDocument};
use url::Url;

use crate::client::{host_key, Client, Fetched, Page};
use crate::listing::{read_listing, Entry, Listing};
use crate::parallel::{parallel_map, parallel_ordered};
use crate::state::{Failure, PendingPage, SourceState};
use crate::FetchError;

/// What one source gave in one poll.
#[derive(Debug)]
pub struct SourcePoll {
    pub state: SourceState,
    /// The new pages in listing order, each a document or why it could not be had
    /// (from [`Client::poll_streaming`], only those that could not: the documents
    /// went to its `take`).
    pub pages: Vec<Result<RawDocument, FetchError>>,
    /// Why a listing (the feed, a sitemap) could not be read.
    pub errors: Vec<FetchError>,
    /// Listings answered 304.
    pub not_modified: u32,
    /// Entries new in this poll (or tried again), fetched or not.
    pub new_entries: usize,
}

/// What reading a source's listings found.
struct Listed {
    state: SourceState,
    entries: Vec<Entry>,
    errors: Vec<FetchError>,
    not_modified: u32,
    feed_title: Option<String>,
}

impl Client {
    /// Polls every source once; each poll carries its documents.
    pub fn poll(&self, states: Vec<SourceState>) -> Vec<SourcePoll> {
        self.poll_in_order(states, None)
    }

    /// Polls every source once, handing each new document to `take` (with its
    /// source's index and its place among the source's pages) as soon as it and the
    /// pages before it are fetched, so ingestion overlaps fetching; the order is the
    /// same in every run. The returned polls hold the failures.
    pub fn poll_streaming(
        &self,
        states: Vec<SourceState>,
        mut take: impl FnMut(usize, RawDocument),
    ) -> Vec<SourcePoll> {
        self.poll_in_order(states, Some(&mut take))
    }

    /// Lists, fetches and settles; documents go to `take` if given, else into the polls.
    #[allow(clippy::type_complexity)]
    fn poll_in_order(
        &self,
        states: Vec<SourceState>,
        mut take: Option<&mut dyn FnMut(usize, RawDocument)>,
    ) -> Vec<SourcePoll> {
        let threads = self.settings.config.concurrency;
        let listed = parallel_map(states, threads, |state| self.list(state));
        let jobs: Vec<(usize, usize)> = interleave_by_host(&listed);
        // Every slot is written before it is read: each (source, entry) is one job.
        let mut outcomes: Vec<Vec<Result<Option<RawDocument>, FetchError>>> = listed
            .iter()
            .map(|l| (0..l.entries.len()).map(|_| Ok(None)).collect())
            .collect();
        parallel_ordered(
            jobs.clone(),
            threads,
            |(s, e)| self.page(&listed[s].entries[e], listed[s].feed_title.as_deref()),
            |i, result| {
                let (s, e) = jobs[i];
                outcomes[s][e] = match (result, take.as_mut()) {
                    (Ok(doc), Some(take)) => {
                        take(s, doc);
                        Ok(None)
                    }
                    (Ok(doc), None) => Ok(Some(doc)),
                    (Err(error), _) => Err(error),
                };
            },
        );
        listed
            .into_iter()
            .zip(outcomes)
            .map(|(listed, pages)| self.settle(listed, pages))
            .collect()
    }

    /// Reads the source's listings and picks its new entries.
    fn list(&self, mut state: SourceState) -> Listed {
        let mut listed = Listed {
            entries: Vec::new(),
            errors: Vec::new(),
            not_modified: 0,
            feed_title: state.title.clone(),
            state: SourceState::default(),
        };
        match Url::parse(&state.url) {
            Ok(url) => self.read_source(&url, &mut state, &mut listed),
            Err(e) => listed.errors.push(FetchError::InvalidUrl {
                url: state.url.clone(),
                message: e.to_string(),
            }),
        }
        let mut fresh: Vec<Entry> = state.pending.iter().filter_map(pending_entry).collect();
        for entry in std::mem::take(&mut listed.entries) {
            let known = state.has_seen(&entry.key) || fresh.iter().any(|f| f.key == entry.key);
            if !known {
                fresh.push(entry);
            }
        }
        fresh.truncate(self.settings.config.max_items_per_poll);
        listed.entries = fresh;
        listed.state = state;
        listed
    }

    fn read_source(&self, url: &Url, state: &mut SourceState, listed: &mut Listed) {
        let home_feeds_fresh = state.kind.as_deref() == Some("home page")
            && !state.discovered.is_empty()
            && state
                .discovered_at
                .is_some_and(|t| Utc::now() - t < chrono::Duration::days(1));
        if home_feeds_fresh {
            for feed in state.discovered.clone() {
                if let Ok(feed) = Url::parse(&feed) {
                    self.read_listing_at(&feed, state, listed, 1);
                }
            }
            return;
        }
        self.read_listing_at(url, state, listed, 0);
    }

    /// Fetches one listing (conditionally) and adds its entries; follows a sitemap
    /// index to its sitemaps and a home page to its feeds, one level deep.
    fn read_listing_at(&self, url: &Url, state: &mut SourceState, listed: &mut Listed, depth: u8) {
        let key = url.to_string();
        let known = state.validators.get(&key).cloned();
        let page = match self.get(url, known.as_ref().filter(|v| !v.is_empty())) {
            Ok(Fetched::NotModified) => {
                listed.not_modified += 1;
                return;
            }
            Ok(Fetched::Page(page)) => page,
            Err(e) => return listed.errors.push(e),
        };
        state.validators.insert(key, page.validators.clone());
        match read_listing(&page, self.settings.config.sitemap_max_age_days) {
            Err(e) => listed.errors.push(e),
            Ok(Listing::Feed { title, entries, .. }) => {
                if depth == 0 {
                    state.kind = Some("feed".into());
                }
                listed.feed_title = listed.feed_title.take().or(title.clone());
                state.title = state.title.take().or(title);
                listed.entries.extend(entries);
            }
            Ok(Listing::Sitemap { entries }) => {
                if depth == 0 {
                    state.kind = Some("sitemap".into());
                }
                listed.entries.extend(entries);
            }
            Ok(Listing::SitemapIndex { sitemaps }) => {
                if depth == 0 {
                    state.kind = Some("sitemap index".into());
                }
                let take = self.settings.config.max_child_sitemaps;
                for child in sitemaps.iter().take(take).filter(|_| depth < 2) {
                    self.read_listing_at(child, state, listed, depth + 1);
                }
            }
            Ok(Listing::Page { feeds }) if depth == 0 => {
                self.follow_home(&page, feeds, state, listed)
            }
            Ok(Listing::Page { .. }) => listed.errors.push(FetchError::NotASource {
                url: url.to_string(),
                message: "an HTML page where a feed or sitemap was expected".into(),
            }),
        }
    }

    /// A home page: poll the feeds it announces, else the sitemaps its robots.txt lists.
    fn follow_home(
        &self,
        page: &Page,
        feeds: Vec<Url>,
        state: &mut SourceState,
        listed: &mut Listed,
    ) {
        state.kind = Some("home page".into());
        let mut found = feeds;
        if found.is_empty() {
            found = self
                .robots
                .sitemaps(self, &page.url)
                .iter()
                .filter_map(|s| Url::parse(s).ok())
                .collect();
        }
        if found.is_empty() {
            return listed.errors.push(FetchError::NotASource {
                url: state.url.clone(),
                message: "the page announces no feed and its robots.txt lists no sitemap".into(),
            });
        }
        state.discovered = found.iter().map(Url::to_string).collect();
        state.discovered_at = Some(Utc::now());
        for feed in found {
            self.read_listing_at(&feed, state, listed, 1);
        }
    }

    /// Fetches an entry's page, or takes the feed item's own text when it has no
    /// page or its page cannot be had for good and the item carries the full text.
    fn page(&self, entry: &Entry, outlet: Option<&str>) -> Result<RawDocument, FetchError> {
        let from_item = || {
            let item = entry.item.clone()?;
            let has_text = item
                .content
                .as_deref()
                .is_some_and(|c| !c.trim().is_empty());
            let origin = Origin::file(entry.key.clone());
            let doc = item_document(
                item,
                &Default::default(),
                origin,
                entry.key.clone(),
                "UTF-8",
            )
            .ok()?;
            (has_text || entry.url.is_none()).then_some(doc)
        };
        let Some(url) = &entry.url else {
            return from_item().ok_or_else(|| FetchError::NotAPage {
                url: entry.key.clone(),
                message: "the entry has no link and no text".into(),
            });
        };
        let fetched = self.get(url, None).and_then(|f| match f {
            Fetched::Page(page) => page_document(page, entry, url, outlet),
            Fetched::NotModified => Err(FetchError::NotAPage {
                url: url.to_string(),
                message: "304 to an unconditional request".into(),
            }),
        });
        match fetched {
            Err(e) if !e.is_passing() => from_item().map(|d| with_outlet(d, outlet)).ok_or(e),
            other => other,
        }
    }

    /// Brings the source's state up to date with what this poll gave.
    fn settle(
        &self,
        listed: Listed,
        pages: Vec<Result<Option<RawDocument>, FetchError>>,
    ) -> SourcePoll {
        let Listed {
            mut state,
            entries,
            errors,
            not_modified,
            ..
        } = listed;
        let now = Utc::now();
        let cap = self.settings.config.remembered_entries;
        let attempts_allowed = self.settings.config.page_attempts;
        let mut retry = Vec::new();
        for (entry, page) in entries.iter().zip(&pages) {
            let attempts = state
                .pending
                .iter()
                .find(|p| p.key == entry.key)
                .map_or(0, |p| p.attempts);
            match page {
                Err(e) if e.is_passing() && attempts + 1 < attempts_allowed => {
                    retry.push(pending_page(entry, attempts + 1));
                }
                _ => state.remember(entry.key.clone(), cap),
            }
        }
        state.pending = retry;
        let page_error = pages.iter().find_map(|p| p.as_ref().err());
        let failed = !errors.is_empty();
        if let Some(e) = errors.first().or(page_error) {
            state.last_error = Some(Failure::now(e));
        }
        state.failures = if failed { state.failures + 1 } else { 0 };
        if !failed {
            state.last_success = Some(now);
        }
        state.polls += 1;
        state.not_modified += u64::from(not_modified);
        state.last_poll = Some(now);
        let found_new = pages.iter().any(Result::is_ok);
        state.schedule(&self.settings, found_new, failed, now);
        SourcePoll {
            state,
            // A page handed over already (`None`) is left out.
            pages: pages.into_iter().filter_map(Result::transpose).collect(),
            errors,
            not_modified,
            new_entries: entries.len(),
        }
    }
}

/// (source, entry) pairs, taking one entry per host in turn.
fn interleave_by_host(listed: &[Listed]) -> Vec<(usize, usize)> {
    let mut queues: Vec<(String, std::collections::VecDeque<(usize, usize)>)> = Vec::new();
    for (s, source) in listed.iter().enumerate() {
        for (e, entry) in source.entries.iter().enumerate() {
            let host = entry.url.as_ref().map(host_key).unwrap_or_default();
            match queues.iter_mut().find(|(h, _)| *h == host) {
                Some((_, q)) => q.push_back((s, e)),
                None => queues.push((host, [(s, e)].into())),
            }
        }
    }
    let mut order = Vec::new();
    while queues.iter().any(|(_, q)| !q.is_empty()) {
        for (_, q) in &mut queues {
            order.extend(q.pop_front());
        }
    }
    order
}

fn pending_entry(p: &PendingPage) -> Option<Entry> {
    Some(Entry {
        key: p.key.clone(),
        url: Some(Url::parse(&p.url).ok()?),
        title: p.title.clone(),
        published: p.published.clone(),
        language: p.language.clone(),
        item: None,
    })
}

fn pending_page(entry: &Entry, attempts: u32) -> PendingPage {
    PendingPage {
        key: entry.key.clone(),
        url: entry.url.as_ref().map(Url::to_string).unwrap_or_default(),
        title: entry.title.clone(),
        published: entry.published.clone(),
        language: entry.language.clone(),
        attempts,
    }
}

fn with_outlet(mut doc: RawDocument, outlet: Option<&str>) -> RawDocument {
    doc.source = doc.source.or(outlet.map(str::to_string));
    doc
}

/// A fetched page as a document: HTML (or plain text) decoded by its declared and
/// detected charset, with what the listing said of it where the page is silent.
fn page_document(
    page: Page,
    entry: &Entry,
    asked: &Url,
    outlet: Option<&str>,
) -> Result<RawDocument, FetchError> {
    let content_type = page
        .content_type
        .as_deref()
        .unwrap_or("text/html")
        .to_ascii_lowercase();
    let markup = if content_type.contains("html") || content_type.contains("xml") {
        storyline_ingest::Markup::Html
    } else if content_type.starts_with("text/") {
        storyline_ingest::Markup::Text
    } else {
        return Err(FetchError::NotAPage {
            url: asked.to_string(),
            message: format!("content type {content_type}"),
        });
    };
    let declared = storyline_ingest::charset_from_content_type(&content_type);
    let decoded = storyline_ingest::decode(&page.bytes, declared, markup);
    let body = match markup {
        storyline_ingest::Markup::Text => Body::Text(decoded.text),
        _ => Body::Html(decoded.text),
    };
    let final_url = page.url.to_string();
    let mut doc = RawDocument::new(
        Origin::file(asked.to_string()),
        final_url.clone(),
        body,
        decoded.encoding.name(),
    );
    doc.url = Some(final_url);
    doc.title = entry.title.clone();
    doc.published = entry.published.clone();
    doc.declared_language = entry.language.clone();
    doc.fetched = Some(page.fetched_at.to_rfc3339());
    doc.source = outlet.map(str::to_string);
    Ok(doc)
}
