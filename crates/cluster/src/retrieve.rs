//! Candidate stories for an article: postings over terms and names, and LSH over
//! embedding centroids, ranked by how far each clears its own threshold.

use super::*;

impl Clusterer {
    /// Scored candidates, ranked by how far each clears its own threshold (same-language
    /// and cross-lingual scores have different scales).
    pub(crate) fn ranked_candidates(&self, query: &Query) -> Vec<Candidate> {
        let mut candidates = self.score_candidates(query);
        candidates.sort_by(|a, b| {
            self.margin(b)
                .total_cmp(&self.margin(a))
                .then(a.story.cmp(&b.story))
        });
        candidates
    }

    pub(crate) fn score_candidates(&self, query: &Query) -> Vec<Candidate> {
        self.retrieve(query)
            .into_iter()
            .filter_map(|id| self.stories.get(&id).map(|s| (id, s)))
            .map(|(id, story)| self.score(query, id, story))
            .collect()
    }

    /// Candidate stories: the best-matching stories by lexical terms and, with a budget
    /// of their own, by entities, so that a report in another language (whose terms
    /// cannot match) still reaches stories that share its names, however many
    /// same-language stories share its vocabulary.
    pub(crate) fn retrieve(&self, query: &Query) -> Vec<StoryId> {
        let lexical = self.top_stories(query.terms.iter().chain(query.numbers.iter()));
        let by_name = self.top_stories(query.entities.iter());
        let by_embedding = query.embedding.as_ref().map_or_else(Vec::new, |(_, c)| {
            self.nearest_by_embedding(c, self.config.max_candidates / 2, &query.means)
        });
        let mut candidates: Vec<StoryId> = Vec::new();
        for id in lexical.into_iter().chain(by_name).chain(by_embedding) {
            let id = self.resolve(id);
            if !candidates.contains(&id) {
                candidates.push(id);
            }
        }
        candidates
    }

    /// The `limit` stories whose embedding centroids are closest to `centred`, among
    /// a bounded pool that LSH finds. Ranking by bucket collisions alone favours big
    /// stories, whose members spread over many buckets, over a close one-article story.
    pub(crate) fn nearest_by_embedding(
        &self,
        centred: &[f32],
        limit: usize,
        means: &Means,
    ) -> Vec<StoryId> {
        let mut scored: Vec<(f32, StoryId)> = Vec::new();
        let mut seen = rustc_hash::FxHashSet::default();
        for id in self.lsh.candidates(centred, limit * LSH_POOL) {
            let id = self.resolve(id);
            if !seen.insert(id) {
                continue;
            }
            if let Some(story) = self.stories.get(&id) {
                if story.embedding.len() == centred.len() {
                    let centroid = self.story_centroid(story, means);
                    scored.push((dense::dot(centred, &centroid), id));
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(limit).map(|(_, id)| id).collect()
    }

    /// Stories hit by the query's most distinctive features, ranked by idf-weighted hits.
    pub(crate) fn top_stories(
        &self,
        features: impl Iterator<Item = (FeatureId, f32)>,
    ) -> Vec<StoryId> {
        let mut weighted: Vec<(FeatureId, f32)> = features
            .map(|(id, w)| (id, w * self.features.idf(id)))
            .collect();
        weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut hits: HashMap<StoryId, f32> = HashMap::default();
        for (feature, weight) in weighted.into_iter().take(self.config.query_features) {
            for story in self.postings.get(&feature).into_iter().flatten() {
                *hits.entry(*story).or_default() += weight;
            }
        }
        let mut ranked: Vec<(StoryId, f32)> = hits.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.max_candidates / 2);
        ranked.into_iter().map(|(id, _)| id).collect()
    }
}

/// LSH candidates re-ranked by exact centroid cosine, per embedding candidate kept.
pub(crate) const LSH_POOL: usize = 8;
