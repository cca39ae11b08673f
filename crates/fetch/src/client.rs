//! One HTTP GET the way the watcher needs it: only http(s), through the SSRF
//! guard, robots.txt and the per-host gate at every hop, redirects followed by
//! hand (so each hop is checked, and a loop is named as one), conditional with
//! the validators of the last fetch, the body capped as sent and once
//! decompressed, retried with backoff and jitter when the failure may pass.

use std::io::Read;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ureq::unversioned::resolver::DefaultResolver;
use ureq::unversioned::transport::DefaultConnector;
use url::Url;

use crate::config::Settings;
use crate::guard::{GuardedResolver, REFUSED};
use crate::hosts::Hosts;
use crate::robots::{Robots, RobotsRecord};
use crate::FetchError;

/// What makes a fetch conditional: the validators of the last full answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A full answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Where the body came from, after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    pub validators: Validators,
    pub fetched_at: DateTime<Utc>,
}

/// The outcome of a fetch that did not fail.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// 304: what we have is current.
    NotModified,
    Page(Page),
}

/// How a request is treated by robots.txt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Robotic {
    /// Check the URL against its host's robots.txt first.
    Obey,
    /// The robots.txt request itself.
    IsRobots,
}

/// The HTTP client, shared by all the watcher's threads.
pub struct Client {
    agent: ureq::Agent,
    pub(crate) settings: Settings,
    pub hosts: Hosts,
    pub(crate) robots: Robots,
}

/// A failed attempt, and how long the server asked us to wait before the next.
struct Failure {
    error: FetchError,
    retry_after: Option<Duration>,
}

impl From<FetchError> for Failure {
    fn from(error: FetchError) -> Self {
        Failure {
            error,
            retry_after: None,
        }
    }
}

impl Client {
    pub fn new(settings: Settings) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_global(Some(settings.timeout))
            .timeout_connect(Some(settings.connect_timeout))
            .user_agent(settings.config.user_agent.as_str())
            .build();
        let resolver = GuardedResolver {
            allow_private: settings.config.allow_private,
            pins: settings.pins.clone(),
            inner: DefaultResolver::default(),
        };
        Client {
            agent: ureq::Agent::with_parts(config, DefaultConnector::default(), resolver),
            hosts: Hosts::new(settings.config.host_concurrency, settings.host_delay),
            robots: Robots::new(&settings),
            settings,
        }
    }

    /// robots.txt rules read in an earlier run for `origin` (ignored once stale).
    pub fn preload_robots(&self, origin: &str, record: RobotsRecord) {
        let delay = self.robots.preload(origin, record);
        if let (Some(delay), Ok(url)) = (delay, Url::parse(origin)) {
            self.hosts.set_crawl_delay(&host_key(&url), delay);
        }
    }

    /// The robots.txt rules this client knows, by origin, to keep for the next run.
    pub fn robots_records(&self) -> Vec<(String, RobotsRecord)> {
        self.robots.records()
    }

    /// Fetches `url`, conditionally when `validators` are given, retrying passing failures.
    pub fn get(&self, url: &Url, validators: Option<&Validators>) -> Result<Fetched, FetchError> {
        self.get_as(url, validators, Robotic::Obey)
    }

    pub(crate) fn get_as(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        robotic: Robotic,
    ) -> Result<Fetched, FetchError> {
        let mut attempt = 0u32;
        loop {
            let failure = match self.follow(url, validators, robotic) {
                Ok(fetched) => return Ok(fetched),
                Err(failure) => failure,
            };
            // An unreachable robots.txt is known for ten minutes: asking again now
            // would only wait; the page waits for the next poll instead.
            let now_or_never = matches!(failure.error, FetchError::RobotsUnreachable { .. });
            if !failure.error.is_passing()
                || now_or_never
                || attempt >= self.settings.config.retries
            {
                return Err(failure.error);
            }
            let wait = match failure.retry_after {
                Some(asked) => asked,
                None => backoff(self.settings.backoff, attempt),
            };
            if wait > self.settings.max_backoff {
                return Err(match failure.retry_after {
                    Some(asked) => FetchError::RetryLater {
                        url: url.to_string(),
                        seconds: asked.as_secs(),
                    },
                    None => failure.error,
                });
            }
            std::thread::sleep(wait);
            attempt += 1;
        }
    }

    /// One attempt: the request and its redirects.
    fn follow(
        &self,
        start: &Url,
        validators: Option<&Validators>,
        robotic: Robotic,
    ) -> Result<Fetched, Failure> {
        let mut url = start.clone();
        let mut seen = vec![url.clone()];
        for _ in 0..=self.settings.config.max_redirects {
            check_scheme(&url)?;
            if robotic == Robotic::Obey {
                self.robots.check(self, &url)?;
            }
            match self.request(&url, validators)? {
                Hop::Done(fetched) => return Ok(fetched),
                Hop::Redirect(next) => {
                    if seen.contains(&next) {
                        return Err(FetchError::RedirectLoop {
                            url: start.to_string(),
                            to: next.to_string(),
                        }
                        .into());
                    }
                    seen.push(next.clone());
                    url = next;
                }
            }
        }
        Err(FetchError::TooManyRedirects {
            url: start.to_string(),
            max: self.settings.config.max_redirects,
        }
        .into())
    }

    /// Sends one request through the host's gate and reads its answer.
    fn request(&self, url: &Url, validators: Option<&Validators>) -> Result<Hop, Failure> {
        let host = host_key(url);
        let _permit = self.hosts.acquire(&host);
        let mut request = self
            .agent
            .get(url.as_str())
            .header("Accept-Encoding", "gzip");
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header("If-None-Match", etag.as_str());
            }
            if let Some(modified) = &v.last_modified {
                request = request.header("If-Modified-Since", modified.as_str());
            }
        }
        let response = request.call().map_err(|e| transport_error(url, e))?;
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        match status {
            200..=299 => {}
            304 if validators.is_some() => return Ok(Hop::Done(Fetched::NotModified)),
            301 | 302 | 303 | 307 | 308 => {
                return redirect(url, header("location")).map(Hop::Redirect)
            }
            _ => return Err(self.refusal(url, &host, status, header("retry-after"))),
        }
        let content_type = header("content-type");
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let encoding = header("content-encoding");
        let raw = self.read_body(url, response.into_body())?;
        let bytes = self.decompress(url, encoding.as_deref(), raw)?;
        Ok(Hop::Done(Fetched::Page(Page {
            url: url.clone(),
            content_type,
            bytes,
            validators,
            fetched_at: Utc::now(),
        })))
    }

    /// An answer that is neither a page nor a redirect; a `Retry-After` holds the
    /// host back for as long as we would wait to retry (a longer request is
    /// honoured by leaving the URL to the next poll).
    fn refusal(&self, url: &Url, host: &str, status: u16, retry_after: Option<String>) -> Failure {
        let retry_after = retry_after.and_then(|v| parse_retry_after(&v));
        if let Some(wait) = retry_after {
            self.hosts
                .hold_back(host, wait.min(self.settings.max_backoff));
        }
        Failure {
            error: FetchError::Status {
                url: url.to_string(),
                status,
            },
            retry_after,
        }
    }

    /// The body as sent, refused past `max_body_bytes` (before reading it, when the
    /// server says its length).
    fn read_body(&self, url: &Url, body: ureq::Body) -> Result<Vec<u8>, FetchError> {
        let limit = self.settings.config.max_body_bytes;
        let too_large = || FetchError::TooLarge {
            url: url.to_string(),
            limit,
        };
        if body.content_length().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        body.into_reader()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(url, e))?;
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        Ok(bytes)
    }

    fn decompress(
        &self,
        url: &Url,
        encoding: Option<&str>,
        raw: Vec<u8>,
    ) -> Result<Vec<u8>, FetchError> {
        let limit = self.settings.config.max_decompressed_bytes;
        match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
            None | Some("" | "identity") => Ok(raw),
            Some("gzip" | "x-gzip") => {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(raw.as_slice())
                    .take(limit + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| FetchError::Undecodable {
                        url: url.to_string(),
                        message: format!("broken gzip body ({e})"),
                    })?;
                if out.len() as u64 > limit {
                    return Err(FetchError::DecompressedTooLarge {
                        url: url.to_string(),
                        limit,
                    });
                }
                Ok(out)
            }
            Some(other) => Err(FetchError::Undecodable {
                url: url.to_string(),
                message: format!("content encoding {other:?} was not asked for"),
            }),
        }
    }
}

enum Hop {
    Done(Fetched),
    Redirect(Url),
}

/// `host:port`, the unit politeness is counted in.
pub(crate) fn host_key(url: &Url) -> String {
    format!(
        "{}:{}",
        url.host_str().unwrap_or_default(),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn check_scheme(url: &Url) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other => Err(FetchError::Scheme {
            url: url.to_string(),
            scheme: other.to_string(),
        }),
    }
}

fn redirect(url: &Url, location: Option<String>) -> Result<Url, Failure> {
    let location = location.ok_or_else(|| FetchError::BadRedirect {
        url: url.to_string(),
        message: "no Location header".into(),
    })?;
    Ok(url.join(&location).map_err(|e| FetchError::BadRedirect {
        url: url.to_string(),
        message: format!("Location {location:?}: {e}"),
    })?)
}

/// `Retry-After` as seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = DateTime::parse_from_rfc2822(value.trim()).ok()?;
    let wait = when.with_timezone(&Utc) - Utc::now();
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

/// `base × 2^attempt`, jittered to between half and one and a half of it.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    // A cheap mix of the clock's low bits: jitter only has to differ between clients.
    let spread = f64::from(nanos.wrapping_mul(2_654_435_761) % 1000) / 1000.0;
    base.mul_f64(f64::from(1u32 << attempt.min(16)) * (0.5 + spread))
}

fn transport_error(url: &Url, e: ureq::Error) -> FetchError {
    let url_s = url.to_string();
    match e {
        ureq::Error::Io(io) => io_error(url, io),
        ureq::Error::Timeout(_) => FetchError::Timeout { url: url_s },
        ureq::Error::HostNotFound => FetchError::Connect {
            url: url_s,
            message: "host not found".into(),
        },
        ureq::Error::ConnectionFailed => FetchError::Connect {
            url: url_s,
            message: "connection failed".into(),
        },
        ureq::Error::BadUri(message) => FetchError::InvalidUrl {
            url: url_s,
            message,
        },
        other => FetchError::Transport {
            url: url_s,
            message: other.to_string(),
        },
    }
}

fn io_error(url: &Url, e: std::io::Error) -> FetchError {
    let url_s = url.to_string();
    if e.kind() == REFUSED {
        return FetchError::Private {
            url: url_s,
            message: e.to_string(),
        };
    }
    // ureq reports its own errors met while reading a body wrapped in io::Error.
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>()) {
        if matches!(inner, ureq::Error::Timeout(_)) {
            return FetchError::Timeout { url: url_s };
        }
    }
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            FetchError::Timeout { url: url_s }
        }
        std::io::ErrorKind::ConnectionRefused | std::io::ErrorKind::ConnectionReset => {
            FetchError::Connect {
                url: url_s,
                message: e.to_string(),
            }
        }
        _ => FetchError::Transport {
            url: url_s,
            message: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_doubles_within_its_jitter() {
        let base = Duration::from_millis(100);
        for attempt in 0..4 {
            let wait = backoff(base, attempt);
            let nominal = base * (1 << attempt);
            assert!(wait >= nominal / 2 && wait <= nominal * 3 / 2, "{wait:?}");
        }
    }
}
