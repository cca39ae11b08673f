//! The watcher against the local test site: feeds, conditional polls, discovery,
//! sitemaps, and every fault the site can throw. Nothing leaves 127.0.0.1.

use storyline_fetch::testsite::{Site, FAULT_PATHS, REPORTS};
use storyline_fetch::{Client, FetchError, SourceState, WatchConfig};

/// Fast settings for tests: no politeness delay, short timeouts and backoff.
fn config(allow_private: bool) -> WatchConfig {
    WatchConfig {
        allow_private,
        host_delay_secs: 0.0,
        timeout_secs: 1.5,
        backoff_secs: 0.01,
        max_backoff_secs: 1.0,
        retries: 1,
        max_body_bytes: 4 << 20,
        max_decompressed_bytes: 8 << 20,
        ..WatchConfig::default()
    }
}

fn client(config: WatchConfig) -> Client {
    Client::new(config.build().unwrap())
}

fn poll_one(client: &Client, state: SourceState) -> storyline_fetch::SourcePoll {
    let mut polls = client.poll(vec![state]);
    assert_eq!(polls.len(), 1);
    polls.remove(0)
}

#[test]
fn a_feed_gives_its_pages_and_an_unchanged_feed_costs_one_304() {
    let site = Site::start().unwrap();
    let client = client(config(true));
    let first = poll_one(&client, SourceState::new(&site.url("/feed.xml")));
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert_eq!(first.pages.len(), REPORTS.len());
    let docs: Vec<_> = first.pages.iter().map(|p| p.as_ref().unwrap()).collect();
    assert_eq!(docs[0].title.as_deref(), Some(REPORTS[0].title));
    assert_eq!(docs[0].url.as_deref(), Some(site.url("/news/0").as_str()));
    assert_eq!(docs[0].source.as_deref(), Some("Harbour Post"));
    assert!(docs[3].body.as_str().contains("Вельдгавен"));
    assert_eq!(first.state.kind.as_deref(), Some("feed"));
    assert_eq!(first.state.status(), "ok");

    site.clear_log();
    let second = poll_one(&client, first.state);
    assert_eq!((second.pages.len(), second.not_modified), (0, 1));
    let requests = site.requests();
    assert_eq!(
        requests.len(),
        1,
        "only the feed, no page again: {requests:?}"
    );
    assert!(requests[0].conditional);
}

#[test]
fn a_feed_that_grows_gives_only_its_new_items() {
    let site = Site::start().unwrap();
    let client = client(config(true));
    let first = poll_one(&client, SourceState::new(&site.url("/growing.xml")));
    assert_eq!(first.pages.len(), 10);
    site.change_feed();
    site.clear_log();
    let second = poll_one(&client, first.state);
    let urls: Vec<_> = second
        .pages
        .iter()
        .map(|p| p.as_ref().unwrap().url.clone().unwrap())
        .collect();
    assert_eq!(urls, [site.url("/news/10"), site.url("/news/11")]);
    assert!(
        site.requests()[0].conditional,
        "the feed is asked conditionally"
    );
}

#[test]
fn robots_rules_survive_a_restart_and_are_not_fetched_again() {
    let site = Site::start().unwrap();
    let first = client(config(true));
    let polled = poll_one(&first, SourceState::new(&site.url("/growing.xml")));
    let records = first.robots_records();
    assert_eq!(records.len(), 1);
    site.clear_log();
    let second = client(config(true));
    for (origin, record) in records {
        second.preload_robots(&origin, record);
    }
    poll_one(&second, polled.state);
    let asked: Vec<_> = site.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(asked, ["/growing.xml"]);
}

#[test]
fn a_home_page_leads_to_its_feed_and_json_feeds_and_sitemaps_are_read() {
    let site = Site::start().unwrap();
    let client = client(config(true));
    let home = poll_one(&client, SourceState::new(&site.url("/")));
    assert_eq!(home.state.kind.as_deref(), Some("home page"));
    assert_eq!(home.state.discovered, [site.url("/feed.xml")]);
    assert_eq!(home.pages.len(), REPORTS.len());
    let plain = poll_one(&client, SourceState::new(&site.url("/plain")));
    assert_eq!(
        plain.state.discovered,
        [site.url("/sitemap.xml")],
        "from robots.txt"
    );
    assert_eq!(
        plain.pages.iter().filter(|p| p.is_ok()).count(),
        REPORTS.len()
    );
    for path in ["/feed.json", "/sitemap.xml", "/sitemap_index.xml"] {
        let poll = poll_one(&client, SourceState::new(&site.url(path)));
        assert!(poll.errors.is_empty(), "{path}: {:?}", poll.errors);
        let ok = poll.pages.iter().filter(|p| p.is_ok()).count();
        assert_eq!(ok, REPORTS.len(), "{path}");
    }
    let garbage = poll_one(&client, SourceState::new(&site.url("/garbage.xml")));
    assert_eq!(
        garbage.errors[0].reason(),
        "not a feed, sitemap or page with feeds"
    );
    assert_eq!(garbage.state.status(), "failing");
    assert!(garbage.state.last_error.is_some());
}

fn reason_of(poll: &storyline_fetch::SourcePoll, site: &Site, path: &str) -> String {
    let url = site.url(path);
    let index = FAULT_PATHS.iter().position(|p| *p == path).unwrap();
    match &poll.pages[index] {
        Ok(doc) => format!("ok {}", doc.url.as_deref().unwrap_or_default()),
        Err(e) => {
            assert!(
                e.to_string().contains(&url) || e.to_string().contains("127.0.0.1"),
                "{e}"
            );
            e.reason()
        }
    }
}

#[test]
fn every_fault_is_named_and_nothing_crashes() {
    let site = Site::start().unwrap();
    let client = client(config(true));
    let poll = poll_one(&client, SourceState::new(&site.url("/faults.xml")));
    assert!(poll.errors.is_empty());
    assert_eq!(
        reason_of(&poll, &site, "/flaky/1"),
        format!("ok {}", site.url("/flaky/1"))
    );
    assert_eq!(reason_of(&poll, &site, "/slow"), "timeout");
    assert_eq!(reason_of(&poll, &site, "/loop/1"), "redirect loop");
    assert_eq!(reason_of(&poll, &site, "/big"), "body too large");
    assert_eq!(
        reason_of(&poll, &site, "/bomb"),
        "decompressed body too large"
    );
    assert_eq!(
        reason_of(&poll, &site, "/private/0"),
        "disallowed by robots.txt"
    );
    assert_eq!(reason_of(&poll, &site, "/missing"), "HTTP 404");
    assert_eq!(
        reason_of(&poll, &site, "/ratelimited"),
        "rate limited (Retry-After)"
    );
    // A page whose header lies about its charset is still read right.
    assert!(reason_of(&poll, &site, "/cp1251").starts_with("ok"));
    let cp1251 = poll.pages[5].as_ref().unwrap();
    assert!(
        cp1251.body.as_str().contains("Пором"),
        "{}",
        &cp1251.body.as_str()[..200]
    );
    assert_eq!(cp1251.encoding, "windows-1251");
    // Passing failures wait for the next poll; the others are not asked again.
    let pending: Vec<_> = poll.state.pending.iter().map(|p| p.url.clone()).collect();
    assert_eq!(pending, [site.url("/slow"), site.url("/ratelimited")]);
    assert!(
        poll.state.has_seen("/missing") || poll.state.seen.iter().any(|k| k.ends_with("/missing"))
    );
    let flaky_hits = site
        .requests()
        .iter()
        .filter(|r| r.path == "/flaky/1")
        .count();
    assert_eq!(flaky_hits, 2, "a 500 then a success");
    let robots_hits = site
        .requests()
        .iter()
        .filter(|r| r.path == "/private/0")
        .count();
    assert_eq!(robots_hits, 0, "a disallowed page is never asked for");
}

#[test]
fn private_addresses_are_refused_also_after_a_redirect() {
    let site = Site::start().unwrap();
    let guarded = WatchConfig {
        resolve: vec![site.pin("news.test")],
        ..config(false)
    };
    let client = client(guarded);
    let direct = poll_one(&client, SourceState::new(&site.url("/feed.xml")));
    assert_eq!(direct.errors[0].reason(), "private address");
    assert!(direct.errors[0].to_string().contains("127.0.0.1"));
    // news.test is pinned to the site by the user, so it is reached; the page it
    // redirects to is on 127.0.0.1 by address, and that is refused.
    let poll = poll_one(
        &client,
        SourceState::new(&site.url_at("news.test", "/faults.xml")),
    );
    assert!(poll.errors.is_empty(), "{:?}", poll.errors);
    let to_local = &poll.pages[7];
    assert!(
        matches!(to_local, Err(FetchError::Private { .. })),
        "{to_local:?}"
    );
    let reached_local = site
        .requests()
        .iter()
        .any(|r| r.host.starts_with("127.0.0.1") && r.path == "/news/0");
    assert!(!reached_local);
}

#[test]
fn only_http_and_https_are_fetched() {
    let client = client(config(true));
    let poll = poll_one(&client, SourceState::new("file:///etc/passwd"));
    assert_eq!(poll.errors[0].reason(), "not http(s)");
    let poll = poll_one(&client, SourceState::new("not a url"));
    assert_eq!(poll.errors[0].reason(), "invalid URL");
}

#[test]
fn the_per_host_cap_holds_under_load_and_hosts_are_served_side_by_side() {
    let site = Site::start().unwrap();
    site.set_latency_ms(30);
    let hosts = ["a.test", "b.test", "c.test"];
    let client = client(WatchConfig {
        resolve: hosts.iter().map(|h| site.pin(h)).collect(),
        host_concurrency: 2,
        concurrency: 6,
        ..config(false)
    });
    let states = hosts
        .iter()
        .map(|h| SourceState::new(&site.url_at(h, "/feed.xml")))
        .collect();
    let polls = client.poll(states);
    let pages: usize = polls
        .iter()
        .map(|p| p.pages.iter().filter(|d| d.is_ok()).count())
        .sum();
    assert_eq!(pages, 3 * REPORTS.len());
    for (host, peak) in site.peak_in_flight() {
        assert!(peak <= 2, "{host}: {peak} requests at once");
    }
    let busy = site
        .peak_in_flight()
        .iter()
        .filter(|(_, p)| *p == 2)
        .count();
    assert!(
        busy >= 1,
        "the cap is used, not just respected: {:?}",
        site.peak_in_flight()
    );
}

#[test]
fn a_robots_crawl_delay_spaces_the_requests_to_its_host() {
    let site = Site::start().unwrap();
    let client = client(WatchConfig {
        resolve: vec![site.pin("slow.test"), site.pin("quick.test")],
        ..config(false)
    });
    let states = vec![
        SourceState::new(&site.url_at("slow.test", "/growing.xml")),
        SourceState::new(&site.url_at("quick.test", "/growing.xml")),
    ];
    let polls = client.poll(states);
    assert!(polls
        .iter()
        .all(|p| p.pages.len() == 10 && p.pages.iter().all(Result::is_ok)));
    let starts = |host: &str| -> Vec<std::time::Instant> {
        site.requests()
            .iter()
            .filter(|r| r.host.starts_with(host) && r.path != "/robots.txt")
            .map(|r| r.at)
            .collect()
    };
    let slow = starts("slow.test");
    let gaps: Vec<_> = slow.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(gaps.len(), 10);
    assert!(
        gaps.iter()
            .all(|g| *g >= std::time::Duration::from_millis(190)),
        "Crawl-delay 0.2 s: {gaps:?}"
    );
    // The other host has no delay: its requests are not held to that pace.
    let quick = starts("quick.test");
    let span = *quick.last().unwrap() - quick[0];
    assert!(
        span < std::time::Duration::from_millis(190) * 10,
        "{span:?}"
    );
}

#[test]
fn no_listing_makes_the_reader_panic() {
    use storyline_fetch::{read_listing, Page, Validators};
    let page = |bytes: &[u8], content_type: &str| Page {
        url: url::Url::parse("http://news.test/x").unwrap(),
        content_type: Some(content_type.to_string()),
        bytes: bytes.to_vec(),
        validators: Validators::default(),
        fetched_at: chrono::Utc::now(),
    };
    let hostile: [&[u8]; 9] = [
        b"",
        b"<urlset><url><loc>javascript:alert(1)</loc></url><url><loc>",
        b"<sitemapindex><sitemap><loc>::::</loc><lastmod>9999-99-99</lastmod>",
        b"<!doctype html><link rel=alternate type=application/rss+xml href='http://[::1'>",
        b"<rss><channel><item><link>\xff\xfe</link></item>",
        b"{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"url\":{}}]}",
        b"<?xml version='1.0' encoding='x-unknown'?><feed><entry><link href='//'/></entry></feed>",
        &[0u8; 64],
        b"<urlset>&#xFFFFFF;&unknown;<url><loc>/a</loc><lastmod>2026-13-45</lastmod></url></urlset>",
    ];
    for bytes in hostile {
        for kind in [
            "application/xml",
            "text/html; charset=bogus",
            "application/json",
        ] {
            let _ = read_listing(&page(bytes, kind), 3);
        }
    }
}

#[test]
fn an_unreachable_robots_txt_fetches_nothing_now_and_retries_later() {
    let site = Site::start().unwrap();
    let client = client(WatchConfig {
        resolve: vec![site.pin("down.test")],
        ..config(false)
    });
    let poll = poll_one(
        &client,
        SourceState::new(&site.url_at("down.test", "/growing.xml")),
    );
    assert_eq!(poll.errors[0].reason(), "robots.txt unreachable");
    assert!(poll.errors[0].is_passing());
    assert!(poll.pages.is_empty());
    assert_eq!(poll.state.status(), "failing");
    let asked: Vec<_> = site.requests().into_iter().map(|r| r.path).collect();
    assert!(asked.iter().all(|p| p == "/robots.txt"), "{asked:?}");
}
