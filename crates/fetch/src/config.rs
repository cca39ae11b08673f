//! The `[watch]` section of the configuration: what the watcher may fetch, how
//! politely, and how often. Validated by [`WatchConfig::build`].

use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How `storyline watch` fetches. Defaults are those of a polite crawler: one
/// request per second and at most two at once per host, robots.txt obeyed and
/// cached for a day (RFC 9309's upper bound), pages capped well above any real
/// article (the largest ScrapingHub page is 1.1 MB).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct WatchConfig {
    /// The User-Agent sent with every request, and the agent robots.txt rules are read for.
    pub user_agent: String,
    /// Allow loopback, private, link-local and other non-public addresses (for tests
    /// and intranets). Off: such addresses are refused, also after redirects and DNS.
    pub allow_private: bool,
    /// `HOST:PORT:ADDRESS` pins (as curl's `--resolve`): the host is reached at that
    /// address without DNS. A pinned address is trusted as the user gave it.
    pub resolve: Vec<String>,
    /// Seconds one request may take in all (connect, headers, body).
    pub timeout_secs: f64,
    /// Seconds to connect.
    pub connect_timeout_secs: f64,
    /// Bytes of a response body as sent (compressed or not).
    pub max_body_bytes: u64,
    /// Bytes of a response body once decompressed.
    pub max_decompressed_bytes: u64,
    /// Redirects followed per fetch.
    pub max_redirects: u32,
    /// Retries after a 429, a 5xx, a timeout or a failed connection.
    pub retries: u32,
    /// The first retry waits this many seconds, doubling each time, with ±50 % jitter.
    pub backoff_secs: f64,
    /// The longest wait for a retry (also for `Retry-After`); a server that asks for
    /// more is left until the source's next poll.
    pub max_backoff_secs: f64,
    /// Seconds between two requests to one host (a robots.txt `Crawl-delay` that is
    /// longer wins, up to `max_crawl_delay_secs`).
    pub host_delay_secs: f64,
    /// The longest `Crawl-delay` honoured; longer ones are cut to this.
    pub max_crawl_delay_secs: f64,
    /// Requests at once to one host.
    pub host_concurrency: usize,
    /// Requests at once in all.
    pub concurrency: usize,
    /// Seconds between two polls of a source; adapted per source between a quarter
    /// and eight times this, by how often it brings something new.
    pub interval_secs: f64,
    /// How long a robots.txt is trusted before it is fetched again.
    pub robots_ttl_secs: f64,
    /// New entries taken from one source per poll (the rest wait for the next).
    pub max_items_per_poll: usize,
    /// Child sitemaps read from one sitemap index per poll (newest first).
    pub max_child_sitemaps: usize,
    /// Entries of a plain (non-news) sitemap older than this many days are skipped.
    pub sitemap_max_age_days: i64,
    /// Entry keys remembered per source (older ones are forgotten first).
    pub remembered_entries: usize,
    /// Attempts at a page that keeps failing with a passing error before it is dropped.
    pub page_attempts: u32,
}

impl Default for WatchConfig {
    fn default() -> Self {
        WatchConfig {
            user_agent: format!(
                "storyline/{} (+https://github.com/storyline-news/storyline)",
                env!("CARGO_PKG_VERSION")
            ),
            allow_private: false,
            resolve: Vec::new(),
            timeout_secs: 30.0,
            connect_timeout_secs: 10.0,
            max_body_bytes: 16 << 20,
            max_decompressed_bytes: 32 << 20,
            max_redirects: 5,
            retries: 3,
            backoff_secs: 1.0,
            max_backoff_secs: 60.0,
            host_delay_secs: 1.0,
            max_crawl_delay_secs: 30.0,
            host_concurrency: 2,
            concurrency: 8,
            interval_secs: 900.0,
            robots_ttl_secs: 86_400.0,
            max_items_per_poll: 500,
            max_child_sitemaps: 20,
            sitemap_max_age_days: 3,
            remembered_entries: 20_000,
            page_attempts: 3,
        }
    }
}

/// A duration in seconds that must be finite and not negative (`positive`: above 0).
fn seconds(name: &str, value: f64, positive: bool) -> Result<Duration, String> {
    let ok = value.is_finite() && value >= 0.0 && (!positive || value > 0.0) && value < 1e9;
    if !ok {
        let want = if positive { "above 0" } else { "0 or more" };
        return Err(format!(
            "watch.{name} must be a number of seconds {want}, not {value}"
        ));
    }
    Ok(Duration::from_secs_f64(value))
}

fn at_least_one(name: &str, value: u64) -> Result<(), String> {
    if value == 0 {
        return Err(format!("watch.{name} must be at least 1"));
    }
    Ok(())
}

/// A checked [`WatchConfig`] with its durations and pins parsed.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: WatchConfig,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub backoff: Duration,
    pub max_backoff: Duration,
    pub host_delay: Duration,
    pub max_crawl_delay: Duration,
    pub interval: Duration,
    pub robots_ttl: Duration,
    /// `host:port` (lower case) → the address it is pinned to.
    pub pins: Vec<(String, std::net::SocketAddr)>,
}

impl WatchConfig {
    /// Checks every field, naming the first bad one.
    pub fn build(self) -> Result<Settings, String> {
        for (name, v) in [
            ("max_body_bytes", self.max_body_bytes),
            ("max_decompressed_bytes", self.max_decompressed_bytes),
            ("host_concurrency", self.host_concurrency as u64),
            ("concurrency", self.concurrency as u64),
            ("max_items_per_poll", self.max_items_per_poll as u64),
            ("remembered_entries", self.remembered_entries as u64),
            ("page_attempts", u64::from(self.page_attempts)),
        ] {
            at_least_one(name, v)?;
        }
        if self.user_agent.trim().is_empty() || self.user_agent.chars().any(char::is_control) {
            return Err("watch.user_agent must be a non-empty line of text".into());
        }
        if self.sitemap_max_age_days < 0 {
            return Err("watch.sitemap_max_age_days must be 0 or more".into());
        }
        let pins = self
            .resolve
            .iter()
            .map(|p| parse_pin(p))
            .collect::<Result<_, _>>()?;
        Ok(Settings {
            timeout: seconds("timeout_secs", self.timeout_secs, true)?,
            connect_timeout: seconds("connect_timeout_secs", self.connect_timeout_secs, true)?,
            backoff: seconds("backoff_secs", self.backoff_secs, false)?,
            max_backoff: seconds("max_backoff_secs", self.max_backoff_secs, false)?,
            host_delay: seconds("host_delay_secs", self.host_delay_secs, false)?,
            max_crawl_delay: seconds("max_crawl_delay_secs", self.max_crawl_delay_secs, false)?,
            interval: seconds("interval_secs", self.interval_secs, true)?,
            robots_ttl: seconds("robots_ttl_secs", self.robots_ttl_secs, false)?,
            pins,
            config: self,
        })
    }
}

/// `HOST:PORT:ADDRESS`, the address an IPv4 or a bracketed IPv6 one.
fn parse_pin(pin: &str) -> Result<(String, std::net::SocketAddr), String> {
    let bad =
        || format!("watch.resolve {pin:?} must be HOST:PORT:ADDRESS, e.g. news.test:80:127.0.0.1");
    let mut parts = pin.splitn(3, ':');
    let (Some(host), Some(port), Some(addr)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    let port: u16 = port.parse().map_err(|_| bad())?;
    let ip: std::net::IpAddr = addr
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| bad())?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok((
        format!("{}:{port}", host.to_ascii_lowercase()),
        std::net::SocketAddr::new(ip, port),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_build_and_bad_values_are_named() {
        assert!(WatchConfig::default().build().is_ok());
        let bad = |c: WatchConfig| c.build().unwrap_err();
        assert!(bad(WatchConfig {
            timeout_secs: f64::NAN,
            ..WatchConfig::default()
        })
        .contains("watch.timeout_secs"));
        assert!(bad(WatchConfig {
            host_concurrency: 0,
            ..WatchConfig::default()
        })
        .contains("watch.host_concurrency"));
        assert!(bad(WatchConfig {
            resolve: vec!["news.test:eighty:127.0.0.1".into()],
            ..WatchConfig::default()
        })
        .contains("HOST:PORT:ADDRESS"));
        assert!(bad(WatchConfig {
            user_agent: "a\nb".into(),
            ..WatchConfig::default()
        })
        .contains("user_agent"));
    }

    #[test]
    fn pins_parse_v4_and_v6() {
        let s = WatchConfig {
            resolve: vec!["News.Test:8080:127.0.0.1".into(), "x.test:80:[::1]".into()],
            ..WatchConfig::default()
        }
        .build()
        .unwrap();
        assert_eq!(s.pins[0].0, "news.test:8080");
        assert_eq!(s.pins[1].1.to_string(), "[::1]:80");
    }
}
