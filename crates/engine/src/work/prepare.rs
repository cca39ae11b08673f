//! The heavy stage of a worker, and the encodings of what the queue holds: a raw
//! document as enqueued, and what a worker made of it — the parse, and the article
//! analysed and embedded as it stands before any site learning (the clusterer
//! finishes it in queue order and reuses this whenever learning changed nothing).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use storyline_analyze::AnalyzedArticle;
use storyline_embed::Embedder;
use storyline_extract::Parsed;
use storyline_model::{Body, Origin, RawDocument};
use storyline_store::work::{Leased, Prepared, Seq};

use crate::embedding::Embeddings;
use crate::{parallel, EngineConfig, Processor};

/// A raw document as the queue keeps it.
#[derive(Serialize, Deserialize)]
struct Queued {
    origin: Origin,
    id: String,
    url: Option<String>,
    title: Option<String>,
    declared_language: Option<String>,
    published: Option<String>,
    fetched: Option<String>,
    source: Option<String>,
    html: bool,
    body: String,
    encoding: String,
}

/// Encodes a raw document for the queue.
pub fn encode_document(doc: &RawDocument) -> Vec<u8> {
    let (html, body) = match &doc.body {
        Body::Html(s) => (true, s.clone()),
        Body::Text(s) => (false, s.clone()),
    };
    let queued = Queued {
        origin: doc.origin.clone(),
        id: doc.id.clone(),
        url: doc.url.clone(),
        title: doc.title.clone(),
        declared_language: doc.declared_language.clone(),
        published: doc.published.clone(),
        fetched: doc.fetched.clone(),
        source: doc.source.clone(),
        html,
        body,
        encoding: doc.encoding.to_string(),
    };
    postcard::to_stdvec(&queued).unwrap_or_default()
}

fn decode_document(bytes: &[u8]) -> Result<RawDocument, String> {
    let q: Queued = postcard::from_bytes(bytes).map_err(|e| format!("unreadable entry: {e}"))?;
    let body = if q.html {
        Body::Html(q.body)
    } else {
        Body::Text(q.body)
    };
    let encoding = storyline_ingest::encoding_name(&q.encoding);
    Ok(RawDocument {
        url: q.url,
        title: q.title,
        declared_language: q.declared_language,
        published: q.published,
        fetched: q.fetched,
        source: q.source,
        ..RawDocument::new(q.origin, q.id, body, encoding)
    })
}

/// What a worker made of a document.
#[derive(Serialize, Deserialize)]
pub(crate) struct Ahead {
    pub parsed: Parsed,
    /// The article analysed (and embedded) as extracted without site learning; `None`
    /// when that has no text (with learning it has none either).
    pub analysed: Option<(AnalyzedArticle, Option<Vec<f32>>)>,
}

impl Ahead {
    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("unreadable prepared entry: {e}"))
    }
}

/// The heavy stage: parsing, analysis and embedding, state-free, over all cores.
pub struct Preparer {
    processor: Processor,
    embeddings: Embeddings,
}

impl Preparer {
    pub fn new(config: &EngineConfig, embedder: Option<Arc<dyn Embedder>>) -> Self {
        Preparer {
            processor: Processor::new(config),
            embeddings: Embeddings {
                embedder,
                every_article: true,
            },
        }
    }

    /// Each leased document's result, in order.
    pub fn prepare(&self, leased: Vec<Leased>) -> Vec<(Seq, Prepared)> {
        let seqs: Vec<Seq> = leased.iter().map(|l| l.seq).collect();
        let analysed =
            parallel::map_on_cores(leased, &|l: Leased| self.analyse(&l.document), &|| {
                Err("the worker's analysis failed".to_string())
            });
        let texts: Vec<&AnalyzedArticle> = analysed
            .iter()
            .filter_map(|r| r.as_ref().ok().and_then(|(_, a)| a.as_ref()))
            .collect();
        let mut embedded = self.embeddings.embed(texts.into_iter());
        seqs.into_iter()
            .zip(analysed)
            .map(|(seq, result)| {
                let prepared = match result {
                    Ok((parsed, analysed)) => {
                        let analysed = analysed.map(|a| (a, embedded.next().flatten()));
                        let ahead = Ahead { parsed, analysed };
                        match postcard::to_stdvec(&ahead) {
                            Ok(bytes) => Prepared::Done(bytes),
                            Err(e) => Prepared::Failed(format!("cannot encode: {e}")),
                        }
                    }
                    Err(e) => Prepared::Failed(e),
                };
                (seq, prepared)
            })
            .collect()
    }

    fn analyse(&self, document: &[u8]) -> Result<(Parsed, Option<AnalyzedArticle>), String> {
        let extractor = &self.processor.extractor;
        let parsed = extractor.parse(decode_document(document)?);
        let analysed = extractor
            .finish_unlearnt(parsed.clone())
            .ok()
            .map(|a| self.processor.analyzer.analyze(a));
        Ok((parsed, analysed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::Locator;

    #[test]
    fn documents_and_their_preparation_survive_the_queue() {
        let mut doc = RawDocument::new(
            Origin::at("feed.xml", Locator::Item(3)),
            "a-1",
            Body::Html(
                "<html><head><title>Міст відкрито</title></head><body><article>\
                 <p>У Києві відкрили новий міст через Дніпро 3 вересня 2025 року.</p>\
                 </article></body></html>"
                    .into(),
            ),
            "windows-1251",
        );
        doc.url = Some("https://example.org/a".into());
        doc.published = Some("2025-09-03T10:00:00Z".into());
        let back = decode_document(&encode_document(&doc)).unwrap();
        assert_eq!(back, doc);
        assert!(decode_document(b"\x03\xff").is_err());

        let preparer = Preparer::new(&EngineConfig::default(), None);
        let out = preparer.prepare(vec![Leased {
            seq: 7,
            origin: "feed.xml".into(),
            document: encode_document(&doc),
        }]);
        let Prepared::Done(bytes) = &out[0].1 else {
            panic!("not prepared: {:?}", out[0].1)
        };
        let ahead = Ahead::decode(bytes).unwrap();
        let (analysed, embedding) = ahead.analysed.unwrap();
        assert_eq!(analysed.language, "uk");
        assert!(embedding.is_none(), "no model, no embedding");
        let direct = Processor::default().process(doc).unwrap();
        assert_eq!(analysed, direct, "the same analysis as in one process");
    }
}
