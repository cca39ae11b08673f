//! "Are these two reports of the same event?" for one pair outside a stream
//! (`storyline similarity`, the benchmarks): the clusterer's own scorer, with the
//! statistics — document frequencies and per-language embedding means — of the
//! articles it has learned. Scoring a pair changes nothing, so a pair scores the
//! same whatever was scored before it.

use super::*;

impl Clusterer {
    /// Counts an article into the statistics scores use (its terms' and names'
    /// document frequencies, its language's embedding mean) without assigning it.
    pub fn learn(&mut self, doc: &AnalyzedArticle, embedding: Option<&[f32]>) {
        self.observe(doc, embedding);
    }

    /// The breakdown of one article scored against a story made of the other alone.
    /// The one with fewer terms is the article — a short report meeting a story, as
    /// in a stream — so the pair scores the same either way round.
    pub fn compare(
        &self,
        a: (&AnalyzedArticle, Option<&[f32]>),
        b: (&AnalyzedArticle, Option<&[f32]>),
    ) -> Candidate {
        let size = |d: &AnalyzedArticle| (d.terms.len(), d.article.id.clone());
        let (article, other) = if size(b.0) < size(a.0) {
            (b, a)
        } else {
            (a, b)
        };
        let query = self.unlearned_query(article.0, article.1);
        let mut story = Story::default();
        story.add_member(&self.unlearned_query(other.0, other.1), &self.config);
        let embedding = self.embedding_similarity(&query, &story);
        self.score_with(&query, 0, &story, embedding)
    }

    /// The article's vectors, its embedding centred on the learned means.
    fn unlearned_query(&self, doc: &AnalyzedArticle, embedding: Option<&[f32]>) -> Query {
        let mut query = self.query_of(doc);
        if let Some(v) = embedding {
            query.embedding = Some((v.to_vec(), self.centre(&query.language, v)));
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_analyze::Analyzer;
    use storyline_model::Article;

    fn report(id: &str, text: &str, published: Option<&str>) -> AnalyzedArticle {
        Analyzer::default().analyze(Article {
            published: published.and_then(|p| p.parse().ok()),
            declared_language: Some("en".into()),
            ..Article::from_text(id, text)
        })
    }

    const STRIKE: &str = "Harbour cranes at Velmora stopped on Monday as dock workers \
        walked out over night shifts. The Velmora Dockers Union said the strike would \
        last until the port authority under Ilse Marrow reopens talks.";
    const REWRITE: &str = "Dock workers in Velmora walked out over night shifts and \
        the harbour cranes stood still. Union leaders said the strike goes on until \
        Ilse Marrow, who runs the port authority, reopens talks.";
    const FESTIVAL: &str = "The Orlin film festival opened with a silent comedy \
        restored by the national archive; its director Pavel Kresnik thanked the \
        volunteers who rebuilt the projector.";

    fn learned(docs: &[&AnalyzedArticle]) -> Clusterer {
        let mut c = ClusterConfig::default().build().unwrap();
        for d in docs {
            c.learn(d, None);
        }
        c
    }

    #[test]
    fn a_pair_scores_the_same_either_way_round_and_scoring_changes_nothing() {
        let (a, b) = (
            report("a", STRIKE, None),
            report("b", &format!("{REWRITE} More."), None),
        );
        let c = learned(&[&a, &b]);
        let features = c.active_features();
        let one = c.compare((&a, None), (&b, None));
        let other = c.compare((&b, None), (&a, None));
        assert_eq!(one, other);
        assert_eq!(c.compare((&a, None), (&b, None)), one);
        assert_eq!(c.active_features(), features);
        assert_eq!(c.active_stories(), 0);
    }

    #[test]
    fn the_same_event_told_twice_outscores_another_event() {
        let (strike, rewrite, festival) = (
            report("s", STRIKE, None),
            report("r", REWRITE, None),
            report("f", FESTIVAL, None),
        );
        let c = learned(&[&strike, &rewrite, &festival]);
        let same = c.compare((&strike, None), (&rewrite, None));
        let other = c.compare((&strike, None), (&festival, None));
        assert!(same.score > 0.3 && other.score < 0.1, "{same:?} {other:?}");
        assert!(same.lexical > other.lexical && same.entity > other.entity);
    }

    #[test]
    fn the_breakdown_multiplies_out_to_the_score() {
        let dated = report("d", STRIKE, Some("2026-03-02T08:00:00Z"));
        let undated = report("u", REWRITE, None);
        let c = learned(&[&dated, &undated]);
        let parts = c.compare((&dated, None), (&undated, None));
        assert!(parts.time_unknown_factor < 1.0, "{parts:?}");
        let product =
            parts.content_score * parts.time_unknown_factor * parts.age_factor * parts.time_factor;
        assert!((parts.score - product).abs() < 1e-6, "{parts:?}");
        assert!(parts.shared_names.is_none() && parts.same_language);
    }
}
