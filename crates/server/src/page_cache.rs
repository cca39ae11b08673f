//! Rendered story pages, kept for a few seconds while their story is unchanged: a
//! page people are reading is rendered once, not once per reader. A page is served
//! from here only when its story still has the same article count and last activity
//! (one summary row to check) and it is younger than [`FRESH`], so what changes with
//! other stories (similar stories) is never older than that.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

/// Pages kept at most (each a few tens of kilobytes).
const PAGES: usize = 128;

/// How long a page may be served before it is rendered again.
pub(crate) const FRESH: Duration = Duration::from_secs(10);

/// A story's state as its page shows it: article count and last activity.
pub(crate) type Version = (u64, DateTime<Utc>);

/// (story, reader's language).
type Key = (u64, Option<String>);

#[derive(Default)]
pub(crate) struct PageCache {
    entries: HashMap<Key, (Version, Instant, Arc<String>)>,
    /// Keys, least recently rendered first.
    order: VecDeque<Key>,
    /// One turn per page being rendered: readers of a page nobody has rendered
    /// yet wait for the first one's rendering instead of each rendering it.
    turns: HashMap<Key, Arc<tokio::sync::Mutex<()>>>,
}

impl PageCache {
    pub(crate) fn get(
        &self,
        story: u64,
        lang: &Option<String>,
        version: Version,
    ) -> Option<Arc<String>> {
        self.entries
            .get(&(story, lang.clone()))
            .filter(|(v, made, _)| *v == version && made.elapsed() < FRESH)
            .map(|(_, _, html)| Arc::clone(html))
    }

    /// The turn to take before rendering a page (then look here again).
    pub(crate) fn turn(
        &mut self,
        story: u64,
        lang: &Option<String>,
    ) -> Arc<tokio::sync::Mutex<()>> {
        if self.turns.len() > 4 * PAGES {
            // Turns nobody holds or waits for.
            self.turns.retain(|_, t| Arc::strong_count(t) > 1);
        }
        Arc::clone(self.turns.entry((story, lang.clone())).or_default())
    }

    pub(crate) fn put(
        &mut self,
        story: u64,
        lang: Option<String>,
        version: Version,
        html: Arc<String>,
    ) {
        let key = (story, lang);
        self.order.retain(|k| *k != key);
        while self.order.len() >= PAGES {
            if let Some(oldest) = self.order.pop_front() {
                self.entries.remove(&oldest);
            }
        }
        self.order.push_back(key.clone());
        self.entries.insert(key, (version, Instant::now(), html));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_kept_only_while_its_story_is_unchanged() {
        let now = Utc::now();
        let mut cache = PageCache::default();
        let uk = Some("uk".to_string());
        cache.put(1, uk.clone(), (2, now), Arc::new("page".into()));
        assert_eq!(
            cache.get(1, &uk, (2, now)).as_deref().map(String::as_str),
            Some("page")
        );
        assert!(cache.get(1, &uk, (3, now)).is_none(), "an article more");
        assert!(
            cache.get(1, &None, (2, now)).is_none(),
            "another reader language"
        );
        for story in 2..=PAGES as u64 + 1 {
            cache.put(story, None, (1, now), Arc::new(String::new()));
        }
        assert!(
            cache.get(1, &uk, (2, now)).is_none(),
            "the oldest page made way"
        );
    }

    #[test]
    fn readers_of_one_page_take_one_turn() {
        let mut cache = PageCache::default();
        let first = cache.turn(7, &None);
        assert!(Arc::ptr_eq(&first, &cache.turn(7, &None)));
        assert!(!Arc::ptr_eq(&first, &cache.turn(7, &Some("de".into()))));
        let held = first.try_lock().unwrap();
        assert!(
            cache.turn(7, &None).try_lock().is_err(),
            "the second reader waits"
        );
        drop(held);
    }
}
