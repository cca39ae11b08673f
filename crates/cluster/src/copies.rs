//! Copies: the same text published again (syndicated wire copy, a site's reprint,
//! a shortened version) is found before any scoring and joins its original's story
//! with a `copy_of` link to the earliest version.
//!
//! MinHash over word 4-shingles estimates the Jaccard similarity of two texts; LSH
//! bands of two hashes find candidates in time independent of the archive. A copy
//! is judged by containment, not Jaccard — the share of the shorter text's shingles
//! found in the longer one — so a shortened reprint or one with an added line still
//! counts, while a follow-up that repeats a paragraph does not.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use crate::sparse::{mix, stable_hash};
use crate::StoryId;

const SHINGLE_WORDS: usize = 4;
const HASHES: usize = 64;
const ROWS_PER_BAND: usize = 2;

/// A text's MinHash signature and shingle count.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Signature {
    #[serde(with = "mins_array")]
    mins: [u32; HASHES],
    shingles: usize,
}

impl Signature {
    /// `None` for texts with fewer than `min_shingles` distinct shingles: too short to
    /// call a copy (one-line items legitimately repeat each other's words).
    pub(crate) fn of(text: &str, min_shingles: usize) -> Option<Signature> {
        let words: Vec<u64> = storyline_analyze::tokens::words(text)
            .iter()
            .map(|w| stable_hash(w.text.to_lowercase().as_bytes()))
            .collect();
        let mut shingles: Vec<u64> = words
            .windows(SHINGLE_WORDS)
            .map(|w| w.iter().fold(0x51_7c_c1_b7_27_22_0a_95, |h, x| mix(h ^ x)))
            .collect();
        shingles.sort_unstable();
        shingles.dedup();
        if shingles.len() < min_shingles.max(1) {
            return None;
        }
        let mut mins = [u32::MAX; HASHES];
        for s in &shingles {
            for (k, m) in mins.iter_mut().enumerate() {
                let h = (mix(s ^ SEEDS[k]) >> 32) as u32;
                *m = (*m).min(h);
            }
        }
        Some(Signature {
            mins,
            shingles: shingles.len(),
        })
    }

    fn jaccard(&self, other: &Signature) -> f32 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / HASHES as f32
    }

    /// Estimated share of the smaller text's shingles that the other also has:
    /// |A∩B| = J·(|A|+|B|)/(1+J).
    pub(crate) fn containment(&self, other: &Signature) -> f32 {
        let j = self.jaccard(other);
        let shared = j * (self.shingles + other.shingles) as f32 / (1.0 + j);
        (shared / self.shingles.min(other.shingles) as f32).min(1.0)
    }

    /// One key per LSH band: its rows hashed with the band's number, so equal rows
    /// in different bands do not meet (a rare collision only adds a candidate, which
    /// containment then judges).
    fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.mins
            .chunks_exact(ROWS_PER_BAND)
            .enumerate()
            .map(|(b, rows)| rows.iter().fold(b as u64, |h, r| mix(h ^ u64::from(*r))))
    }
}

/// The earliest version an article copies, and its story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Original {
    pub id: String,
    pub story: StoryId,
    pub published: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    original: Original,
    signature: Signature,
}

/// Signatures of the articles in memory, indexed by LSH band; a band's bucket offers
/// its most recent `max_bucket` articles, so a text reprinted thousands of times costs
/// no more to check than one reprinted a few hundred times.
///
/// Kept in flat, sorted vectors rather than maps of lists, so that a saved state
/// loads as a few long sequences: entries by id (ids only grow), and every bucket as
/// (band key, entry) pairs sorted as of the last sweep, with the pairs added since in
/// a map beside them. Maps of one small list per band key were 60 % of opening a
/// 100,000-article store.
#[derive(Debug, Deserialize)]
#[serde(from = "Saved")]
pub(crate) struct Copies {
    entries: Vec<(u64, Entry)>,
    swept: Vec<(u64, u64)>,
    recent: HashMap<u64, Vec<u64>>,
    next: u64,
    max_bucket: usize,
}

/// What a snapshot holds of [`Copies`]: the recent pairs merged into the sorted ones.
#[derive(Deserialize)]
struct Saved {
    entries: Vec<(u64, Entry)>,
    swept: Vec<(u64, u64)>,
    next: u64,
    max_bucket: usize,
}

/// [`Saved`], written from a live [`Copies`] (the same fields in the same order).
#[derive(Serialize)]
struct SavedRef<'a> {
    entries: &'a [(u64, Entry)],
    swept: Vec<(u64, u64)>,
    next: u64,
    max_bucket: usize,
}

impl Serialize for Copies {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedRef {
            entries: &self.entries,
            swept: self.merged(),
            next: self.next,
            max_bucket: self.max_bucket,
        }
        .serialize(s)
    }
}

impl From<Saved> for Copies {
    /// Lookups rely on both vectors being sorted; a snapshot that is not (damaged in
    /// a way decoding cannot see) is sorted here rather than trusted.
    fn from(mut saved: Saved) -> Self {
        if !saved.entries.is_sorted_by_key(|(id, _)| *id) {
            saved.entries.sort_by_key(|(id, _)| *id);
        }
        if !saved.swept.is_sorted() {
            saved.swept.sort_unstable();
        }
        Copies {
            entries: saved.entries,
            swept: saved.swept,
            recent: HashMap::default(),
            next: saved.next,
            max_bucket: saved.max_bucket.max(1),
        }
    }
}

impl Copies {
    pub(crate) fn new(max_bucket: usize) -> Self {
        Copies {
            entries: Vec::new(),
            swept: Vec::new(),
            recent: HashMap::default(),
            next: 0,
            max_bucket: max_bucket.max(1),
        }
    }

    /// The best-matching earlier article whose containment reaches `threshold`, among
    /// those `allowed` (e.g. within the time limit).
    pub(crate) fn find(
        &self,
        signature: &Signature,
        threshold: f32,
        allowed: impl Fn(&Original) -> bool,
    ) -> Option<&Original> {
        let mut seen: HashSet<u64> = HashSet::default();
        let mut best: Option<(f32, &Entry, u64)> = None;
        for key in signature.band_keys() {
            for id in self.bucket(key) {
                if !seen.insert(id) {
                    continue;
                }
                let Some(e) = self.entry(id).filter(|e| allowed(&e.original)) else {
                    continue;
                };
                let c = signature.containment(&e.signature);
                // The oldest entry wins a tie: it is nearer the earliest version.
                if c >= threshold && best.is_none_or(|(b, _, at)| c > b || (c == b && id < at)) {
                    best = Some((c, e, id));
                }
            }
        }
        best.map(|(_, e, _)| &e.original)
    }

    /// The bucket of band `key`: its most recent `max_bucket` entries that are still
    /// remembered (ids grow, so the most recent come last).
    fn bucket(&self, key: u64) -> impl Iterator<Item = u64> + '_ {
        let from = self.swept.partition_point(|(k, _)| *k < key);
        let to = self.swept.partition_point(|(k, _)| *k <= key);
        let recent = self.recent.get(&key).map_or(&[][..], Vec::as_slice);
        let swept = &self.swept[from..to];
        let skip = (swept.len() + recent.len()).saturating_sub(self.max_bucket);
        swept
            .iter()
            .map(|(_, id)| *id)
            .chain(recent.iter().copied())
            .skip(skip)
    }

    fn entry(&self, id: u64) -> Option<&Entry> {
        let at = self.entries.binary_search_by_key(&id, |(i, _)| *i).ok()?;
        Some(&self.entries[at].1)
    }

    /// Remembers an article: `original` is itself, or the earliest version it copies.
    pub(crate) fn insert(&mut self, signature: Signature, original: Original) {
        let entry = self.next;
        self.next += 1;
        for key in signature.band_keys() {
            let list = self.recent.entry(key).or_default();
            list.push(entry);
            if list.len() > self.max_bucket {
                list.remove(0);
            }
        }
        self.entries.push((
            entry,
            Entry {
                original,
                signature,
            },
        ));
    }

    /// Forgets articles of stories that left memory, and those no bucket offers any
    /// more; the recent pairs join the sorted ones.
    pub(crate) fn retain(&mut self, keep: impl Fn(StoryId) -> bool) {
        self.entries.retain(|(_, e)| keep(e.original.story));
        let pairs = self.merged();
        let entries = &self.entries;
        let known = |id: u64| entries.binary_search_by_key(&id, |(i, _)| *i).is_ok();
        let mut swept: Vec<(u64, u64)> = Vec::with_capacity(pairs.len());
        for chunk in pairs.chunk_by(|a, b| a.0 == b.0) {
            let live: Vec<&(u64, u64)> = chunk.iter().filter(|(_, id)| known(*id)).collect();
            let skip = live.len().saturating_sub(self.max_bucket);
            swept.extend(live.into_iter().skip(skip));
        }
        let mut listed: Vec<u64> = swept.iter().map(|(_, id)| *id).collect();
        listed.sort_unstable();
        listed.dedup();
        self.entries
            .retain(|(id, _)| listed.binary_search(id).is_ok());
        self.swept = swept;
        self.recent.clear();
    }

    /// Every (band key, entry) pair, sorted.
    fn merged(&self) -> Vec<(u64, u64)> {
        let mut pairs = self.swept.clone();
        pairs.extend(
            self.recent
                .iter()
                .flat_map(|(key, ids)| ids.iter().map(move |id| (*key, *id))),
        );
        pairs.sort_unstable();
        pairs
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// One seed per MinHash function, fixed so signatures are reproducible.
const SEEDS: [u64; HASHES] = {
    let mut seeds = [0u64; HASHES];
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut k = 0;
    while k < HASHES {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        seeds[k] = state;
        k += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Storm Irmelin cut power to forty thousand homes along the northern coast on \
        Tuesday night, the grid operator said. Winds of up to 140 kilometres an hour brought down lines \
        near Harwick and Salden, and ferries between the islands stayed in port. Repair crews expect to \
        restore most connections by Thursday, a spokeswoman for the operator told reporters.";

    fn sig(text: &str) -> Signature {
        Signature::of(text, 8).unwrap()
    }

    #[test]
    fn reprints_count_as_copies_and_other_texts_do_not() {
        let mut copies = Copies::new(64);
        let original = Original {
            id: "wire-1".into(),
            story: 7,
            published: None,
        };
        copies.insert(sig(WIRE), original.clone());
        // The same text with an outlet's own sign-off and another first line.
        let reprint =
            format!("NORTHERN COAST (Harbour Post) — {WIRE} Reporting by the Post's desk.");
        assert_eq!(copies.find(&sig(&reprint), 0.8, |_| true), Some(&original));
        // A shortened version: the first two sentences only.
        let short: String = WIRE.split(". ").take(2).collect::<Vec<_>>().join(". ");
        assert_eq!(copies.find(&sig(&short), 0.8, |_| true), Some(&original));
        // A follow-up on the same storm in its own words.
        let follow_up = "Power is back for most of the forty thousand homes that Storm Irmelin left \
            in the dark, the grid operator said on Thursday. Crews worked through the night near Harwick, \
            and the island ferries sailed again in the morning after two days in port.";
        assert_eq!(copies.find(&sig(follow_up), 0.8, |_| true), None);
        copies.retain(|story| story != 7);
        assert_eq!(copies.len(), 0);
        assert_eq!(copies.find(&sig(&reprint), 0.8, |_| true), None);
    }

    #[test]
    fn buckets_offer_their_most_recent_entries_before_and_after_a_sweep_and_a_save() {
        let mut copies = Copies::new(2);
        for n in 0..5 {
            let original = Original {
                id: format!("wire-{n}"),
                story: n,
                published: None,
            };
            copies.insert(sig(WIRE), original);
        }
        let found = |c: &Copies| c.find(&sig(WIRE), 0.8, |_| true).map(|o| o.id.clone());
        // Five identical reprints, buckets of two: the oldest of the last two.
        assert_eq!(found(&copies).as_deref(), Some("wire-3"));
        let saved = postcard::to_allocvec(&copies).unwrap();
        let mut loaded: Copies = postcard::from_bytes(&saved).unwrap();
        assert_eq!(found(&loaded).as_deref(), Some("wire-3"));
        // A sweep keeps what the buckets offer and forgets the rest.
        loaded.retain(|story| story != 3);
        assert_eq!(found(&loaded).as_deref(), Some("wire-4"));
        assert_eq!(loaded.len(), 1);
        loaded.insert(
            sig(WIRE),
            Original {
                id: "wire-5".into(),
                story: 5,
                published: None,
            },
        );
        assert_eq!(found(&loaded).as_deref(), Some("wire-4"));
        // A snapshot whose vectors are out of order is sorted, not trusted.
        let mut shuffled = Saved {
            entries: std::mem::take(&mut loaded.entries),
            swept: loaded.merged(),
            next: loaded.next,
            max_bucket: loaded.max_bucket,
        };
        shuffled.entries.reverse();
        shuffled.swept.reverse();
        assert_eq!(found(&Copies::from(shuffled)).as_deref(), Some("wire-4"));
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(Signature::of("Storm cuts power to homes.", 8).is_none());
        assert!(Signature::of("", 8).is_none());
    }

    #[test]
    fn containment_is_symmetric_and_bounded() {
        let (a, b) = (
            sig(WIRE),
            sig(&format!("{WIRE} {WIRE} An added closing line for this.")),
        );
        assert!((a.containment(&b) - b.containment(&a)).abs() < 1e-6);
        assert!(a.containment(&b) <= 1.0 && a.containment(&b) > 0.8);
    }
}

/// A signature's minimums as 4 little-endian bytes each: the compact encodings
/// spend 5 bytes on a random 32-bit hash (and serde derives arrays only up to 32).
mod mins_array {
    use super::HASHES;
    use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(mins: &[u32; HASHES], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = mins.iter().flat_map(|m| m.to_le_bytes()).collect();
        bytes.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u32; HASHES], D::Error> {
        let bytes = Vec::<u8>::deserialize(d)?;
        if bytes.len() != HASHES * 4 {
            return Err(D::Error::invalid_length(
                bytes.len(),
                &"4 bytes per hash function",
            ));
        }
        let mut mins = [0u32; HASHES];
        for (m, b) in mins.iter_mut().zip(bytes.chunks_exact(4)) {
            *m = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        Ok(mins)
    }
}
