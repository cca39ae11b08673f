//! Whether an article's embedding can change where it goes. The model costs most of
//! the pipeline's time, and most articles join a story in their own language on
//! words and names alone, whatever the embedding would say: those are not embedded.

use super::*;

/// An article's embedding for one assignment.
pub enum Embedding<'a> {
    /// No model.
    None,
    /// Computed beforehand.
    Given(&'a [f32]),
    /// Computed only when it can change the decision (see [`Clusterer::needs_embedding`]).
    OnDemand(&'a mut dyn FnMut() -> Option<Vec<f32>>),
}

impl Clusterer {
    /// Whether the article, assigned now, would need its embedding: a copy never
    /// does; an article does when its decision is open ([`Clusterer::settled`]).
    /// A prediction (the article is not counted), for embedding a batch at once;
    /// the assignment decides again with the article counted.
    pub fn needs_embedding(&self, doc: &AnalyzedArticle) -> bool {
        let query = self.query_of(doc);
        let signature = Signature::of(&doc.article.text, self.config.copy_min_shingles);
        if self
            .find_original(signature.as_ref(), query.published)
            .is_some()
        {
            return false;
        }
        !self.settled(&query, &self.ranked_candidates(&query))
    }

    /// Whether articles in another language arrived within the active window: then
    /// any article may be the one that links two languages' stories, and only its
    /// embedding can find the other story (its words cannot meet it).
    fn other_languages_active(&self, language: &str) -> bool {
        let horizon = self.seen.saturating_sub(self.config.idle_articles);
        self.languages
            .iter()
            .any(|(l, last)| l != language && *last >= horizon)
    }

    /// Whether no embedding similarity (calibrated, 0 to 1) can change the decision:
    /// exactly one story — in the article's language — clears its bar even at 0,
    /// every other candidate stays below its own even at 1 (so nothing else wins
    /// and nothing merges), and which candidates count as related stays the same.
    /// Scores grow with the similarity, so the two ends decide. Never while articles
    /// in other languages are about (see above); never for an article that would open
    /// a story, which needs an embedding for later reports to be scored against.
    pub(crate) fn settled(&self, query: &Query, candidates: &[Candidate]) -> bool {
        if self.other_languages_active(&query.language) {
            return false;
        }
        let clears = |c: &Candidate| c.within_window && c.score >= self.threshold_for(c);
        let mut joins = 0;
        for c in candidates {
            let Some(story) = self.stories.get(&c.story) else {
                continue;
            };
            let (low, high) = if story.embedding.is_empty() {
                (c.clone(), c.clone())
            } else {
                (
                    self.score_with(query, c.story, story, Some(0.0)),
                    self.score_with(query, c.story, story, Some(1.0)),
                )
            };
            if clears(&low) != clears(&high) || self.is_related(&low) != self.is_related(&high) {
                return false;
            }
            if clears(&low) {
                if !low.same_language {
                    return false;
                }
                joins += 1;
            }
        }
        joins == 1
    }

    /// Ranked candidates for the article, embedding it first when the decision is
    /// open and the embedding is to be computed on demand.
    pub(crate) fn candidates_for(
        &mut self,
        query: &mut Query,
        on_demand: Option<&mut dyn FnMut() -> Option<Vec<f32>>>,
    ) -> Vec<Candidate> {
        let candidates = self.ranked_candidates(query);
        let Some(embed) = on_demand else {
            return candidates;
        };
        if self.settled(query, &candidates) {
            return candidates;
        }
        match embed() {
            Some(v) => {
                self.attach_embedding(query, &v);
                self.ranked_candidates(query)
            }
            None => candidates,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_analyze::Analyzer;
    use storyline_model::Article;

    fn report(analyzer: &Analyzer, id: &str, language: &str, text: &str) -> AnalyzedArticle {
        analyzer.analyze(Article {
            declared_language: Some(language.into()),
            ..Article::from_text(id, text)
        })
    }

    /// Assigns with an on-demand embedding; says whether it was asked for.
    fn embedded(c: &mut Clusterer, doc: &AnalyzedArticle) -> (StoryId, bool) {
        let mut asked = false;
        let mut embed = || {
            asked = true;
            Some(vec![0.5; 8])
        };
        let (assignment, _, used) = c.assign_with(doc, Embedding::OnDemand(&mut embed));
        assert_eq!(used.is_some(), asked);
        (assignment.story, asked)
    }

    #[test]
    fn only_open_decisions_are_embedded() {
        let analyzer = Analyzer::default();
        let mut c = ClusterConfig {
            copy_min_shingles: usize::MAX,
            ..ClusterConfig::default()
        }
        .build()
        .unwrap();
        let ferry = "The Karvel ferry ran aground near Ostmark harbour on Tuesday; the \
            Ostmark coast guard under Mira Deland took 140 passengers ashore by boat.";
        let again = "Near Ostmark harbour the Karvel ferry ran aground on Tuesday, and the \
            Ostmark coast guard under Mira Deland took its 140 passengers ashore.";
        let (first, asked) = embedded(&mut c, &report(&analyzer, "a", "en", ferry));
        assert!(asked, "a new story is embedded");
        let (second, asked) = embedded(&mut c, &report(&analyzer, "b", "en", again));
        assert_eq!(second, first);
        assert!(!asked, "a clear join in a one-language stream is not");
        let other = "Volunteers in Dunmere planted 3,000 oaks along the old rail line.";
        let (third, asked) = embedded(&mut c, &report(&analyzer, "c", "en", other));
        assert!(third != first && asked, "another new story is");
        let french = "Le ferry Karvel s'est échoué près du port d'Ostmark mardi.";
        embedded(&mut c, &report(&analyzer, "d", "fr", french));
        let (fifth, asked) = embedded(&mut c, &report(&analyzer, "e", "en", again));
        assert_eq!(fifth, first);
        assert!(
            asked,
            "with another language about, a join may link it: embedded"
        );
    }
}
