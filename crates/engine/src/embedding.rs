//! Which articles are embedded, and when. The model costs most of the pipeline's
//! time; an article whose story its words and names settle whatever the embedding
//! says ([`Clusterer::needs_embedding`]) is not embedded. A batch's open articles
//! are embedded together, over all cores, before it is assigned; an article whose
//! decision opened only through an earlier one of its batch is embedded on demand.

use std::sync::Arc;

use storyline_analyze::AnalyzedArticle;
use storyline_cluster::{Clusterer, Embedding};
use storyline_embed::Embedder;

use crate::Assigned;

/// Characters of text (after the title) that stand for an article in its embedding:
/// the lead carries the event; the model reads at most 512 tokens anyway.
const LEAD_CHARS: usize = 600;

/// The text an article is embedded by: its title and lead.
pub fn lead_text(doc: &AnalyzedArticle) -> String {
    let title = doc.article.title.as_deref().unwrap_or("");
    let text: String = doc.article.text.chars().take(LEAD_CHARS).collect();
    format!("{title}\n{text}")
}

/// The model, and whether every article is embedded or only those it can decide.
#[derive(Clone)]
pub(crate) struct Embeddings {
    pub embedder: Option<Arc<dyn Embedder>>,
    pub every_article: bool,
}

impl Embeddings {
    /// Each document's lead embedded (all `None` without a model), over all cores.
    pub fn embed<'a>(
        &self,
        docs: impl Iterator<Item = &'a AnalyzedArticle>,
    ) -> std::vec::IntoIter<Option<Vec<f32>>> {
        let leads: Vec<String> = docs.map(lead_text).collect();
        match &self.embedder {
            Some(e) => {
                let refs: Vec<&str> = leads.iter().map(String::as_str).collect();
                e.embed(&refs).into_iter().map(Some).collect::<Vec<_>>()
            }
            None => vec![None; leads.len()],
        }
        .into_iter()
    }

    /// The embedding `docs[i]` needs before it is assigned, if its decision is open
    /// as the clusterer stands now (`None` for a failed document). It is computed
    /// together with those of the next documents that are open now too, one per core,
    /// and those wait in `cache`; with `every_article`, the whole batch is embedded
    /// at once. Call in order, assigning each document before the next.
    pub fn before_assigning(
        &self,
        clusterer: &Clusterer,
        docs: &[Option<&AnalyzedArticle>],
        i: usize,
        cache: &mut Vec<Option<Vec<f32>>>,
    ) -> Option<Vec<f32>> {
        cache.resize(docs.len(), None);
        if let Some(v) = cache.get_mut(i).and_then(Option::take) {
            return Some(v);
        }
        self.embedder.as_ref()?;
        let open = |d: &Option<&AnalyzedArticle>| {
            d.is_some_and(|d| self.every_article || clusterer.needs_embedding(d))
        };
        if !docs.get(i).is_some_and(open) {
            return None;
        }
        let group = if self.every_article {
            docs.len()
        } else {
            cores()
        };
        let wanted: Vec<usize> = std::iter::once(i)
            .chain((i + 1..docs.len()).filter(|j| cache[*j].is_none() && open(&docs[*j])))
            .take(group)
            .collect();
        let mut computed = self.embed(wanted.iter().filter_map(|j| docs[*j]));
        for j in &wanted {
            cache[*j] = computed.next().flatten();
        }
        cache[i].take()
    }

    /// Assigns `doc`, with the embedding computed ahead or else on demand.
    pub fn assign(
        &self,
        clusterer: &mut Clusterer,
        doc: AnalyzedArticle,
        ahead: Option<Vec<f32>>,
        explain: bool,
    ) -> Assigned {
        let mut on_demand = || self.embed(std::iter::once(&doc)).next().flatten();
        let embedding = match (&ahead, &self.embedder) {
            (Some(v), _) => Embedding::Given(v),
            (None, Some(_)) => Embedding::OnDemand(&mut on_demand),
            (None, None) => Embedding::None,
        };
        let (assignment, mut candidates, embedding) = clusterer.assign_with(&doc, embedding);
        if !explain {
            candidates.clear();
        }
        Assigned {
            doc,
            embedding,
            assignment,
            candidates,
        }
    }
}

/// Texts embedded at once when embedding on the way: one per core.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
