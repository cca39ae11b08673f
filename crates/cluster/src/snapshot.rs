//! The clusterer's whole state, saved and restored, so that opening a store costs a
//! read instead of re-analysing its recent articles. A snapshot names its format and
//! the configuration and version that made it; any other is refused with the reason,
//! and the caller rebuilds the state from the stored articles.

use super::*;

/// What every snapshot starts with.
const MAGIC: &[u8; 8] = b"SLSTATE\0";
/// Bumped whenever the saved state changes shape (2: copies in sorted vectors).
const FORMAT: u32 = 2;

/// Why a snapshot cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    #[error("not a clusterer snapshot")]
    NotASnapshot,
    #[error("snapshot format {found}, this build reads format {FORMAT}")]
    Format { found: u32 },
    #[error("snapshot made by another version or configuration")]
    Stale,
    #[error("damaged snapshot: {0}")]
    Damaged(String),
    #[error("cannot encode the clusterer's state: {0}")]
    Encode(String),
}

impl Clusterer {
    /// The whole state, to be given back to [`Clusterer::from_snapshot`].
    pub fn snapshot(&self) -> Result<Vec<u8>, SnapshotError> {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&fingerprint(&self.config).to_le_bytes());
        postcard::to_extend(self, out).map_err(|e| SnapshotError::Encode(e.to_string()))
    }

    /// The clusterer a snapshot saved, if it was made by this version with `config`.
    pub fn from_snapshot(config: ClusterConfig, bytes: &[u8]) -> Result<Self, SnapshotError> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or(SnapshotError::NotASnapshot)?;
        let (format, rest) = split_u32(rest).ok_or(SnapshotError::NotASnapshot)?;
        if format != FORMAT {
            return Err(SnapshotError::Format { found: format });
        }
        let (made_by, rest) = split_u64(rest).ok_or(SnapshotError::NotASnapshot)?;
        if made_by != fingerprint(&config) {
            return Err(SnapshotError::Stale);
        }
        let mut clusterer: Clusterer =
            postcard::from_bytes(rest).map_err(|e| SnapshotError::Damaged(e.to_string()))?;
        clusterer.config = config;
        Ok(clusterer)
    }
}

fn split_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, rest) = bytes.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*head), rest))
}

fn split_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (head, rest) = bytes.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*head), rest))
}

/// The configuration and the crate version that made a state (hashed together): a
/// state built under other thresholds or another analysis is not reused.
fn fingerprint(config: &ClusterConfig) -> u64 {
    let mut bytes = postcard::to_allocvec(config).unwrap_or_default();
    bytes.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    sparse::stable_hash(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_analyze::Analyzer;
    use storyline_model::Article;

    fn report(analyzer: &Analyzer, id: &str, text: &str) -> AnalyzedArticle {
        analyzer.analyze(Article {
            declared_language: Some("en".into()),
            ..Article::from_text(id, text)
        })
    }

    const STREAM: [&str; 4] = [
        "The Karvel ferry ran aground near Ostmark harbour on Tuesday; the Ostmark \
         coast guard under Mira Deland took 140 passengers ashore by boat.",
        "Volunteers in Dunmere planted 3,000 oaks along the old rail line on Saturday, \
         the Dunmere council said.",
        "Near Ostmark harbour the Karvel ferry ran aground on Tuesday, and Mira Deland's \
         coast guard took its 140 passengers ashore.",
        "Dunmere's council thanked the volunteers who planted 3,000 oaks by the rail line.",
    ];

    #[test]
    fn a_restored_clusterer_goes_on_exactly_as_the_one_it_saved() {
        let analyzer = Analyzer::default();
        let docs: Vec<AnalyzedArticle> = STREAM
            .iter()
            .enumerate()
            .map(|(i, t)| report(&analyzer, &format!("a{i}"), t))
            .collect();
        let config = ClusterConfig::default();
        let mut original = config.clone().build().unwrap();
        for (i, doc) in docs[..2].iter().enumerate() {
            original.assign(doc, Some(&[i as f32, 1.0, 0.5, 0.25]));
        }
        let mut restored = Clusterer::from_snapshot(config, &original.snapshot().unwrap()).unwrap();
        for doc in &docs[2..] {
            let vector = [0.5, 1.0, 0.5, 0.25];
            let expected = original.assign_explained(doc, Some(&vector));
            assert_eq!(restored.assign_explained(doc, Some(&vector)), expected);
            assert!(!expected.0.new_story, "{expected:?}");
        }
        // The same state (maps may list it in another order).
        assert_eq!(
            restored.snapshot().unwrap().len(),
            original.snapshot().unwrap().len()
        );
    }

    #[test]
    fn a_snapshot_of_another_kind_is_refused_with_the_reason() {
        let config = ClusterConfig::default();
        let saved = config.clone().build().unwrap().snapshot().unwrap();
        let load = |bytes: &[u8], config: &ClusterConfig| {
            Clusterer::from_snapshot(config.clone(), bytes).map(|_| ())
        };
        assert_eq!(load(b"", &config), Err(SnapshotError::NotASnapshot));
        assert_eq!(
            load(b"PK\x03\x04 zip", &config),
            Err(SnapshotError::NotASnapshot)
        );
        let mut newer = saved.clone();
        newer[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
        assert_eq!(
            load(&newer, &config),
            Err(SnapshotError::Format { found: FORMAT + 1 })
        );
        let other = ClusterConfig {
            threshold: 0.5,
            ..config.clone()
        };
        assert_eq!(load(&saved, &other), Err(SnapshotError::Stale));
        let cut = &saved[..saved.len() - 3];
        assert!(matches!(load(cut, &config), Err(SnapshotError::Damaged(_))));
        assert_eq!(load(&saved, &config), Ok(()));
    }
}
