//! robots.txt per origin (RFC 9309): read once and trusted for `robots_ttl`; a
//! 4xx means no rules, an unreachable one (5xx, timeout) means stay away for now.
//! The rules read are kept so a restart within the TTL does not fetch them again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use texting_robots::Robot;
use url::Url;

use crate::client::{host_key, Client, Fetched, Robotic};
use crate::config::Settings;
use crate::FetchError;

/// robots.txt beyond this size is cut (RFC 9309 asks crawlers to read at least 500 KiB).
const ROBOTS_LIMIT: usize = 512 * 1024;

/// What an origin's robots.txt said when it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RobotsRecord {
    pub fetched_at: DateTime<Utc>,
    /// The file's text; `None`: there was none (4xx), so everything is allowed.
    pub text: Option<String>,
}

struct Entry {
    record: RobotsRecord,
    robot: Option<Robot>,
    /// Not saved: an unreachable robots.txt is asked again on the next poll.
    unreachable: Option<FetchError>,
}

pub(crate) struct Robots {
    agent: String,
    ttl: Duration,
    max_delay: Duration,
    by_origin: Mutex<HashMap<String, Entry>>,
    /// Per origin, a lock held while its robots.txt is fetched, so two threads do not both fetch it.
    fetching: Mutex<HashMap<String, std::sync::Arc<Mutex<()>>>>,
}

impl Robots {
    pub(crate) fn new(settings: &Settings) -> Self {
        // Rules are read for the product token of the User-Agent ("storyline/0.1 …" → "storyline").
        let agent = settings
            .config
            .user_agent
            .split(['/', ' '])
            .next()
            .unwrap_or("storyline")
            .to_string();
        Robots {
            agent,
            ttl: settings.robots_ttl,
            max_delay: settings.max_crawl_delay,
            by_origin: Mutex::new(HashMap::new()),
            fetching: Mutex::new(HashMap::new()),
        }
    }

    /// Rules read in an earlier run (stale ones are dropped); their crawl delay, if any.
    pub(crate) fn preload(&self, origin: &str, record: RobotsRecord) -> Option<Duration> {
        if self.is_stale(&record) {
            return None;
        }
        let robot = record
            .text
            .as_deref()
            .and_then(|t| Robot::new(&self.agent, t.as_bytes()).ok());
        let delay = robot.as_ref().and_then(|r| self.crawl_delay(r));
        self.lock().insert(
            origin.to_string(),
            Entry {
                record,
                robot,
                unreachable: None,
            },
        );
        delay
    }

    fn crawl_delay(&self, robot: &Robot) -> Option<Duration> {
        let seconds = f64::from(robot.delay?);
        Some(Duration::from_secs_f64(seconds.clamp(0.0, 1e6)).min(self.max_delay))
    }

    /// The rules read this run (or preloaded), by origin, to be saved.
    pub(crate) fn records(&self) -> Vec<(String, RobotsRecord)> {
        let mut all: Vec<_> = self
            .lock()
            .iter()
            .filter(|(_, e)| e.unreachable.is_none())
            .map(|(o, e)| (o.clone(), e.record.clone()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }

    /// Sitemaps the origin's robots.txt lists (read already, or read now).
    pub(crate) fn sitemaps(&self, client: &Client, url: &Url) -> Vec<String> {
        let origin = origin_of(url);
        if self.ensure(client, url, &origin).is_err() {
            return Vec::new();
        }
        self.lock()
            .get(&origin)
            .and_then(|e| e.robot.as_ref())
            .map(|r| r.sitemaps.clone())
            .unwrap_or_default()
    }

    /// Refuses `url` when its origin's robots.txt disallows it for our agent.
    pub(crate) fn check(&self, client: &Client, url: &Url) -> Result<(), FetchError> {
        if url.path() == "/robots.txt" {
            return Ok(());
        }
        let origin = origin_of(url);
        self.ensure(client, url, &origin)?;
        let entries = self.lock();
        let Some(entry) = entries.get(&origin) else {
            return Ok(());
        };
        let robots = format!("{origin}/robots.txt");
        match &entry.unreachable {
            // The host itself is refused: say so, not that robots.txt was missing.
            Some(FetchError::Private { message, .. }) => {
                return Err(FetchError::Private {
                    url: url.to_string(),
                    message: message.clone(),
                })
            }
            // RFC 9309: an unreachable robots.txt means nothing is fetched for now.
            Some(why) => {
                return Err(FetchError::RobotsUnreachable {
                    url: url.to_string(),
                    robots,
                    reason: why.reason(),
                })
            }
            None => {}
        }
        match &entry.robot {
            Some(robot) if !robot.allowed(url.as_str()) => Err(FetchError::Robots {
                url: url.to_string(),
                robots,
            }),
            _ => Ok(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.by_origin.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn is_stale(&self, record: &RobotsRecord) -> bool {
        self.older_than(record, self.ttl)
    }

    fn older_than(&self, record: &RobotsRecord, ttl: Duration) -> bool {
        let age = Utc::now() - record.fetched_at;
        age.to_std().is_ok_and(|age| age > ttl)
    }

    /// Read recently enough: an unreachable robots.txt is asked again after ten minutes.
    fn is_fresh(&self, entry: &Entry) -> bool {
        let ttl = match entry.unreachable {
            Some(_) => self.ttl.min(Duration::from_secs(600)),
            None => self.ttl,
        };
        !self.older_than(&entry.record, ttl)
    }

    /// Reads the origin's robots.txt unless a fresh copy is at hand.
    fn ensure(&self, client: &Client, url: &Url, origin: &str) -> Result<(), FetchError> {
        let fresh = |s: &Self| s.lock().get(origin).is_some_and(|e| s.is_fresh(e));
        if fresh(self) {
            return Ok(());
        }
        let gate = {
            let mut fetching = self.fetching.lock().unwrap_or_else(|p| p.into_inner());
            fetching.entry(origin.to_string()).or_default().clone()
        };
        let _one_at_a_time = gate.lock().unwrap_or_else(|p| p.into_inner());
        if fresh(self) {
            return Ok(());
        }
        let robots_url = url
            .join("/robots.txt")
            .map_err(|e| FetchError::InvalidUrl {
                url: url.to_string(),
                message: e.to_string(),
            })?;
        let entry = self.read(client, &robots_url);
        if let Some(delay) = entry.robot.as_ref().and_then(|r| self.crawl_delay(r)) {
            client.hosts.set_crawl_delay(&host_key(url), delay);
        }
        self.lock().insert(origin.to_string(), entry);
        Ok(())
    }

    fn read(&self, client: &Client, robots_url: &Url) -> Entry {
        let now = Utc::now();
        match client.get_as(robots_url, None, Robotic::IsRobots) {
            Ok(Fetched::Page(page)) => {
                let cut = &page.bytes[..page.bytes.len().min(ROBOTS_LIMIT)];
                let text = String::from_utf8_lossy(cut).into_owned();
                Entry {
                    robot: Robot::new(&self.agent, text.as_bytes()).ok(),
                    record: RobotsRecord {
                        fetched_at: now,
                        text: Some(text),
                    },
                    unreachable: None,
                }
            }
            // 4xx (and a robots.txt that redirects nowhere useful): no rules.
            Ok(Fetched::NotModified)
            | Err(FetchError::Status {
                status: 400..=499, ..
            })
            | Err(FetchError::TooManyRedirects { .. } | FetchError::RedirectLoop { .. }) => Entry {
                robot: None,
                record: RobotsRecord {
                    fetched_at: now,
                    text: None,
                },
                unreachable: None,
            },
            Err(e) => Entry {
                robot: None,
                record: RobotsRecord {
                    fetched_at: now,
                    text: None,
                },
                unreachable: Some(e),
            },
        }
    }
}

/// `scheme://host[:port]`.
pub(crate) fn origin_of(url: &Url) -> String {
    url.origin().ascii_serialization()
}
