//! The source stage for the live web: `storyline watch` follows feeds (RSS 2.0,
//! RSS 1.0, Atom, JSON Feed), news sitemaps and sitemap indexes, home pages (the
//! feeds they announce, else the sitemaps their robots.txt lists) and OPML lists,
//! and turns each new page into a [`RawDocument`](storyline_model::RawDocument).
//!
//! Polite: robots.txt obeyed (with its crawl delay), a per-host gap and
//! concurrency cap, conditional GET, retries with backoff, jitter and
//! `Retry-After`. Safe: http(s) only; loopback, private, link-local, multicast and
//! other non-public addresses refused after DNS and at every redirect (unless
//! allowed); bodies capped as sent and once decompressed; a time limit per request.
//! HTTP itself is `ureq`'s; this crate decides what to ask and what to trust.

mod client;
mod config;
mod error;
mod guard;
mod hosts;
mod listing;
mod parallel;
mod robots;
mod state;
#[cfg(feature = "testsite")]
pub mod testsite;
mod watch;

pub use client::{Client, Fetched, Page, Validators};
pub use config::{Settings, WatchConfig};
pub use error::FetchError;
pub use guard::non_public;
pub use hosts::HostStats;
pub use listing::{opml_feeds, read_listing, Entry, Listing};
pub use robots::RobotsRecord;
pub use state::{Failure, PendingPage, SourceState};
pub use watch::SourcePoll;
