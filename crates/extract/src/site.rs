//! Site-level boilerplate learning. Every outlet repeats its own furniture (a
//! standard sign-off, a legal line, a newsletter plug) on every page; no fixed list
//! can know them all, but the pages themselves show it. For each site (host of the
//! URL, else the source name) we count on how many pages each paragraph appears;
//! once a paragraph has been seen on `min_pages` earlier pages of the same site it is
//! dropped from later ones. Streaming: a page is cleaned with what was learnt before
//! it, then teaches. Memory is bounded per site and in sites.

use std::collections::HashMap;
use std::sync::Mutex;

/// Learns and removes paragraphs that recur across one site's pages.
#[derive(Debug)]
pub struct SiteMemory {
    min_pages: u32,
    max_sites: usize,
    max_paragraphs_per_site: usize,
    sites: Mutex<HashMap<String, SiteCounts>>,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct SiteCounts {
    /// Paragraph fingerprint → number of pages it was seen on.
    seen: HashMap<u64, u32>,
    pages: u64,
}

impl SiteMemory {
    pub fn new(min_pages: u32, max_sites: usize, max_paragraphs_per_site: usize) -> Self {
        SiteMemory {
            min_pages,
            max_sites,
            max_paragraphs_per_site,
            sites: Mutex::new(HashMap::new()),
        }
    }

    /// Removes the site's known boilerplate from `paragraphs`, then learns from them.
    /// A page that would lose everything keeps its text (a site's copy of its own story).
    pub fn clean_and_learn(&self, site: &str, paragraphs: Vec<String>) -> Vec<String> {
        if self.min_pages == 0 || site.is_empty() {
            return paragraphs;
        }
        let Ok(mut sites) = self.sites.lock() else {
            return paragraphs;
        };
        if !sites.contains_key(site) && sites.len() >= self.max_sites {
            evict_smallest_site(&mut sites);
        }
        let counts = sites.entry(site.to_string()).or_default();
        let prints: Vec<u64> = paragraphs.iter().map(|p| fingerprint(p)).collect();
        let known = |fp: &u64| counts.seen.get(fp).is_some_and(|n| *n >= self.min_pages);
        let kept: Vec<String> = paragraphs
            .iter()
            .zip(&prints)
            .filter(|(_, fp)| !known(fp))
            .map(|(p, _)| p.clone())
            .collect();
        counts.pages += 1;
        let mut unique = prints;
        unique.sort_unstable();
        unique.dedup();
        for fp in unique {
            *counts.seen.entry(fp).or_default() += 1;
        }
        if counts.seen.len() > self.max_paragraphs_per_site {
            // Paragraphs seen once are the article text of past pages: forget them first.
            counts.seen.retain(|_, n| *n > 1);
        }
        if kept.is_empty() {
            paragraphs
        } else {
            kept
        }
    }
}

/// A site as saved: its name, pages seen, and (paragraph fingerprint, pages) sorted.
type SavedSite<Name> = (Name, u64, Vec<(u64, u32)>);

/// Why a saved site memory could not be restored.
#[derive(Debug, thiserror::Error)]
#[error("not a saved site memory: {0}")]
pub struct MemoryError(String);

impl SiteMemory {
    /// What was learnt, in a compact encoding (sites and paragraphs in sorted order,
    /// so the same memory always gives the same bytes).
    pub fn snapshot(&self) -> Vec<u8> {
        let Ok(sites) = self.sites.lock() else {
            return Vec::new();
        };
        let mut saved: Vec<SavedSite<&String>> = sites
            .iter()
            .map(|(name, c)| {
                let mut seen: Vec<(u64, u32)> = c.seen.iter().map(|(k, v)| (*k, *v)).collect();
                seen.sort_unstable();
                (name, c.pages, seen)
            })
            .collect();
        saved.sort_unstable_by(|a, b| a.0.cmp(b.0));
        postcard::to_stdvec(&saved).unwrap_or_default()
    }

    /// Replaces what was learnt with `snapshot`'s (empty bytes: nothing learnt).
    pub fn restore(&self, snapshot: &[u8]) -> Result<(), MemoryError> {
        let saved: Vec<SavedSite<String>> = if snapshot.is_empty() {
            Vec::new()
        } else {
            postcard::from_bytes(snapshot).map_err(|e| MemoryError(e.to_string()))?
        };
        let restored = saved
            .into_iter()
            .map(|(name, pages, seen)| {
                let seen = seen.into_iter().collect();
                (name, SiteCounts { seen, pages })
            })
            .collect();
        let mut sites = self
            .sites
            .lock()
            .map_err(|_| MemoryError("the memory is poisoned".into()))?;
        *sites = restored;
        Ok(())
    }
}

fn evict_smallest_site(sites: &mut HashMap<String, SiteCounts>) {
    let smallest = sites
        .iter()
        .min_by_key(|(name, c)| (c.pages, (*name).clone()))
        .map(|(name, _)| name.clone());
    if let Some(name) = smallest {
        sites.remove(&name);
    }
}

/// A stable hash of a paragraph's words, case-folded (FNV-1a: no dependency, same
/// value on every run and machine).
fn fingerprint(p: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for word in p.split_whitespace() {
        for c in word.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash ^= u64::from(b' ');
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The site an article belongs to: its URL's host without `www.`, else its source name.
pub fn site_of(url: Option<&str>, source: Option<&str>) -> String {
    let host = url
        .and_then(|u| u.split_once("://"))
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
        .map(|h| h.rsplit_once('@').map_or(h, |(_, h)| h))
        .map(|h| h.split(':').next().unwrap_or(h).to_ascii_lowercase())
        .filter(|h| !h.is_empty());
    match host {
        Some(h) => h.strip_prefix("www.").unwrap_or(&h).to_string(),
        None => source.map(|s| s.trim().to_lowercase()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(story: &str) -> Vec<String> {
        vec![
            story.to_string(),
            "The Harbour Gazette is published by Gazette Media in Port Ellis.".to_string(),
        ]
    }

    #[test]
    fn a_restored_memory_cleans_as_the_original_would() {
        let memory = SiteMemory::new(2, 100, 1000);
        memory.clean_and_learn("gazette.example", page("Ferry fares rise in May."));
        memory.clean_and_learn("gazette.example", page("The lighthouse reopens."));
        let copy = SiteMemory::new(2, 100, 1000);
        copy.restore(&memory.snapshot()).unwrap();
        assert_eq!(copy.snapshot(), memory.snapshot());
        let next = page("Fishing quotas cut again.");
        assert_eq!(
            copy.clean_and_learn("gazette.example", next.clone()),
            vec!["Fishing quotas cut again."]
        );
        assert_eq!(
            copy.clean_and_learn("gazette.example", next.clone()).len(),
            1
        );
        assert!(copy.restore(b"\xff\xff\xff").is_err());
        copy.restore(&[]).unwrap();
        assert_eq!(copy.clean_and_learn("gazette.example", next).len(), 2);
    }

    #[test]
    fn recurring_paragraphs_are_learnt_per_site_in_order() {
        let memory = SiteMemory::new(2, 100, 1000);
        let first = memory.clean_and_learn("gazette.example", page("Ferry fares rise in May."));
        let second = memory.clean_and_learn("gazette.example", page("The lighthouse reopens."));
        let third = memory.clean_and_learn("gazette.example", page("Fishing quotas cut again."));
        let other_site = memory.clean_and_learn("other.example", page("A new bakery opened."));
        assert_eq!(first.len(), 2, "nothing is known yet");
        assert_eq!(second.len(), 2, "seen on one page only");
        assert_eq!(third, vec!["Fishing quotas cut again."]);
        assert_eq!(other_site.len(), 2, "sites do not share what they learn");
    }

    #[test]
    fn disabled_or_siteless_memory_changes_nothing() {
        let off = SiteMemory::new(0, 100, 1000);
        for _ in 0..5 {
            assert_eq!(off.clean_and_learn("a.example", page("x")).len(), 2);
        }
        let on = SiteMemory::new(1, 100, 1000);
        for _ in 0..3 {
            assert_eq!(on.clean_and_learn("", page("x")).len(), 2);
        }
    }

    #[test]
    fn a_page_is_never_emptied() {
        let memory = SiteMemory::new(1, 100, 1000);
        memory.clean_and_learn("a.example", page("Same story."));
        assert_eq!(
            memory
                .clean_and_learn("a.example", page("Same story."))
                .len(),
            2
        );
    }

    #[test]
    fn site_names() {
        assert_eq!(
            site_of(Some("https://www.Example.com:8080/a/b?c"), None),
            "example.com"
        );
        assert_eq!(site_of(None, Some(" Le Journal ")), "le journal");
        assert_eq!(site_of(None, None), "");
    }
}
