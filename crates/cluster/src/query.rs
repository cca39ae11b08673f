//! An article's vectors for one assignment, and embedding centring.

use super::*;

impl Clusterer {
    /// Counts the article in document frequencies and builds its weighted vectors.
    pub(crate) fn observe(&mut self, doc: &AnalyzedArticle, embedding: Option<&[f32]>) -> Query {
        self.seen += 1;
        self.languages.insert(doc.language.clone(), self.seen);
        let mut query = self.query_of(doc);
        self.features.count_document(
            query
                .terms
                .iter()
                .chain(query.numbers.iter())
                .chain(query.entities.iter())
                .chain(query.days.iter())
                .map(|(id, _)| id),
        );
        if let Some(v) = embedding {
            self.attach_embedding(&mut query, v);
        }
        query
    }

    /// The article's embedding, centred on its language's mean, which it then joins.
    pub(crate) fn attach_embedding(&mut self, query: &mut Query, v: &[f32]) {
        let centred = self.centre(&query.language, v);
        self.centring.learn(&query.language, v);
        query.embedding = Some((v.to_vec(), centred));
        // The means just moved.
        query.means = Means::default();
    }

    /// The article's weighted vectors, without counting it or its embedding.
    pub(crate) fn query_of(&self, doc: &AnalyzedArticle) -> Query {
        let (mut terms, mut numbers) = (Vec::new(), Vec::new());
        for (t, w) in &doc.terms {
            let entry = (FeatureTable::id(t), (1.0 + w).ln());
            if t.starts_with('#') {
                numbers.push(entry);
            } else {
                terms.push(entry);
            }
        }
        let mut entity_counts: HashMap<FeatureId, f32> = HashMap::default();
        // Names in scripts without letter case (from titles) are left out: their
        // keys rarely meet another script's without a run-wide resolution, and a
        // name that meets nothing would count as two reports naming different people.
        for e in doc.entities.iter().filter(|e| e.has_letter_case()) {
            for key in &e.keys {
                *entity_counts
                    .entry(FeatureTable::id(&format!("@{key}")))
                    .or_default() += e.count as f32;
            }
        }
        let entities: Vec<(FeatureId, f32)> = entity_counts
            .into_iter()
            .map(|(k, c)| (k, (1.0 + c).ln()))
            .collect();
        let days: Vec<(FeatureId, f32)> = doc
            .days
            .iter()
            .map(|(month, day)| (FeatureTable::id(&format!("@day:{month:02}-{day:02}")), 1.0))
            .collect();
        Query {
            terms: SparseVec::new(terms),
            numbers: SparseVec::new(numbers),
            entities: SparseVec::new(entities),
            days: SparseVec::new(days),
            embedding: None,
            language: doc.language.clone(),
            published: self
                .stamps
                .trusted(doc.article.published, self.config.placeholder_time_articles),
            hint: doc.published_hint,
            dates: doc.dates.clone(),
            ages: doc.ages.clone(),
            means: Means::default(),
        }
    }

    /// `v` minus the current mean of its language, unit length.
    pub(crate) fn centre(&self, language: &str, v: &[f32]) -> Vec<f32> {
        let mut out = v.to_vec();
        if let Some(mean) = self.centring.mean(language, v.len()) {
            out.iter_mut().zip(&mean).for_each(|(x, m)| *x -= m);
        }
        dense::normalise(&mut out);
        out
    }

    /// The story's members' embeddings, each centred on its language's current
    /// mean, summed and scaled to unit length.
    pub(crate) fn story_centroid(&self, story: &Story, means: &Means) -> Vec<f32> {
        let mut out = story.embedding.clone();
        let mut cache = means.0.borrow_mut();
        for (language, n) in &story.embedded {
            let cached = cache
                .get(language)
                .is_some_and(|m| m.as_ref().is_none_or(|m| m.len() == out.len()));
            if !cached {
                cache.insert(language.clone(), self.centring.mean(language, out.len()));
            }
            if let Some(Some(mean)) = cache.get(language) {
                let n = *n as f32;
                out.iter_mut().zip(mean).for_each(|(x, m)| *x -= n * m);
            }
        }
        dense::normalise(&mut out);
        out
    }
}
