//! Politeness per host: at most `host_concurrency` requests at once, and a pause of
//! `host_delay` (or the robots.txt `Crawl-delay`, if longer) between the starts of
//! two requests; a `Retry-After` holds the whole host back. Waiting threads sleep
//! on a condition variable, never spin.

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
struct Slot {
    active: usize,
    next_start: Option<Instant>,
    delay: Option<Duration>,
    peak: usize,
    requests: u64,
}

/// The gate every request passes through.
#[derive(Debug)]
pub struct Hosts {
    slots: Mutex<HashMap<String, Slot>>,
    changed: Condvar,
    concurrency: usize,
    delay: Duration,
}

/// A request in flight to a host; dropping it frees the host's slot.
pub struct Permit<'a> {
    hosts: &'a Hosts,
    host: String,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut slots = self.hosts.lock();
        if let Some(slot) = slots.get_mut(&self.host) {
            slot.active = slot.active.saturating_sub(1);
        }
        drop(slots);
        self.hosts.changed.notify_all();
    }
}

/// What one host saw over a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostStats {
    pub requests: u64,
    /// The most requests it had in flight at once.
    pub peak_concurrency: usize,
}

impl Hosts {
    pub fn new(concurrency: usize, delay: Duration) -> Self {
        Hosts {
            slots: Mutex::new(HashMap::new()),
            changed: Condvar::new(),
            concurrency: concurrency.max(1),
            delay,
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Slot>> {
        // A panic while holding the lock leaves counters that are still usable.
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until `host` may take one more request, and takes it.
    pub fn acquire(&self, host: &str) -> Permit<'_> {
        let mut slots = self.lock();
        loop {
            let now = Instant::now();
            let slot = slots.entry(host.to_string()).or_default();
            let wait = slot
                .next_start
                .map_or(Duration::ZERO, |t| t.saturating_duration_since(now));
            if slot.active < self.concurrency && wait.is_zero() {
                slot.active += 1;
                slot.peak = slot.peak.max(slot.active);
                slot.requests += 1;
                slot.next_start = Some(now + slot.delay.unwrap_or(self.delay).max(self.delay));
                return Permit {
                    hosts: self,
                    host: host.to_string(),
                };
            }
            let timeout = if wait.is_zero() {
                Duration::from_secs(1)
            } else {
                wait
            };
            slots = self
                .changed
                .wait_timeout(slots, timeout)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// The host's robots.txt asks for this pause between requests.
    pub fn set_crawl_delay(&self, host: &str, delay: Duration) {
        self.lock().entry(host.to_string()).or_default().delay = Some(delay);
    }

    /// The host asked (429/503 `Retry-After`) that nothing be sent before `after` from now.
    pub fn hold_back(&self, host: &str, after: Duration) {
        let mut slots = self.lock();
        let slot = slots.entry(host.to_string()).or_default();
        let until = Instant::now() + after;
        slot.next_start = Some(slot.next_start.map_or(until, |t| t.max(until)));
    }

    /// Requests and peak concurrency per host, by host.
    pub fn stats(&self) -> Vec<(String, HostStats)> {
        let mut all: Vec<_> = self
            .lock()
            .iter()
            .map(|(host, s)| {
                (
                    host.clone(),
                    HostStats {
                        requests: s.requests,
                        peak_concurrency: s.peak,
                    },
                )
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_more_than_the_cap_at_once_and_spaced_starts() {
        let hosts = Hosts::new(2, Duration::from_millis(20));
        let inside = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..6 {
                s.spawn(|| {
                    let _permit = hosts.acquire("a.test:80");
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    inside.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        assert!(most.load(Ordering::SeqCst) <= 2);
        // Six starts at least 20 ms apart: the last one 100 ms after the first.
        assert!(started.elapsed() >= Duration::from_millis(100));
        let stats = hosts.stats();
        assert_eq!(stats[0].1.requests, 6);
        assert!(stats[0].1.peak_concurrency <= 2);
    }
}
