//! The engine over the in-memory store: the store seam, idempotency, per-document
//! errors and resuming from stored history.

use storyline_engine::{Engine, EngineConfig, Outcome, PipelineError, Summary};
use storyline_model::{Body, Origin, RawDocument};
use storyline_store::{MemoryStore, Store};

fn raw(id: &str, body: Body) -> RawDocument {
    let mut doc = RawDocument::new(Origin::file(format!("{id}.txt")), id, body, "UTF-8");
    doc.published = Some("2026-04-02T08:00:00Z".into());
    doc
}

const TRAM_EN: &str =
    "Gralheim opened its new tram line 7 on Thursday. Mayor Petra Lindqvist rode the first tram \
from Gralheim central station to the Ostmark hospital, a trip of eleven minutes.";
const TRAM_DE: &str = "Die Stadt Gralheim hat am Donnerstag die neue Straßenbahnlinie 7 eröffnet. Bürgermeisterin \
Petra Lindqvist fuhr mit der ersten Bahn vom Hauptbahnhof in Gralheim zum Klinikum Ostmark, elf Minuten lang. \
Lindqvist sagte, die Linie nach Ostmark sei das größte Bauprojekt der Stadt seit Jahrzehnten.";
const HARVEST_EN: &str =
    "Farmers in the Selwyn valley began the olive harvest two weeks early after a hot summer. \
The growers' cooperative expects a record yield of oil this year.";

#[test]
fn engine_stores_clusters_and_deduplicates() {
    let config = EngineConfig::default();
    let mut engine = Engine::open(MemoryStore::new(), &config, None).unwrap();
    let mut summary = Summary::default();
    for doc in [
        raw("en", Body::Text(TRAM_EN.into())),
        raw("de", Body::Text(TRAM_DE.into())),
        raw("harvest", Body::Text(HARVEST_EN.into())),
        raw("en-again", Body::Text(format!("  {TRAM_EN}\n"))),
        raw(
            "empty-page",
            Body::Html("<html><body><nav>Menu</nav></body></html>".into()),
        ),
    ] {
        summary.record(&engine.ingest(doc));
    }
    assert_eq!(summary.ingested, 3);
    assert_eq!(summary.duplicates, 1);
    assert_eq!(summary.new_stories, 2);
    assert_eq!(summary.failed.get("no article text"), Some(&1));
    let stories = engine.store().stories(10, 0).unwrap();
    let tram = stories.iter().find(|s| s.articles == 2).unwrap();
    assert_eq!(tram.languages, vec!["de", "en"]);
}

#[test]
fn a_reopened_engine_continues_the_stories_it_stored() {
    let config = EngineConfig::default();
    let mut engine = Engine::open(MemoryStore::new(), &config, None).unwrap();
    let first = engine
        .ingest(raw("en", Body::Text(TRAM_EN.into())))
        .unwrap();
    engine
        .ingest(raw("harvest", Body::Text(HARVEST_EN.into())))
        .unwrap();
    let store = engine.into_store();
    let mut reopened = Engine::open(store, &config, None).unwrap();
    let joined = reopened
        .ingest(raw("de", Body::Text(TRAM_DE.into())))
        .unwrap();
    let Outcome::Stored {
        story: first_story, ..
    } = first
    else {
        panic!("{first:?}")
    };
    assert_eq!(
        joined,
        Outcome::Stored {
            story: first_story,
            new_story: false,
            merged: Vec::new(),
            embedded: false,
        }
    );
    let fresh = reopened
        .ingest(raw(
            "other",
            Body::Text("A chess club in Marrow Bay won the regional league on Sunday.".into()),
        ))
        .unwrap();
    assert_eq!(
        fresh,
        Outcome::Stored {
            story: 3,
            new_story: true,
            merged: Vec::new(),
            embedded: false,
        },
        "ids continue after stored ones"
    );
}

#[test]
fn invalid_configuration_is_an_error_not_a_panic() {
    let mut config = EngineConfig::default();
    config.cluster.threshold = 7.0;
    let err = Engine::open(MemoryStore::new(), &config, None)
        .err()
        .unwrap();
    assert!(matches!(err, PipelineError::Config(_)), "{err}");
}

/// A stand-in model: one direction per event word, plus a direction all texts share.
struct TopicEmbedder;

impl storyline_embed::Embedder for TopicEmbedder {
    fn dim(&self) -> usize {
        4
    }

    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        texts
            .iter()
            .map(|t| {
                let topic = usize::from(t.contains("Gralheim"));
                let mut v = vec![1.0, 0.0, 0.0, 0.0];
                v[1 + topic] = 1.0;
                v
            })
            .collect()
    }
}

#[test]
fn batches_store_embeddings_and_match_single_ingestion() {
    let config = EngineConfig::default();
    let docs = || {
        vec![
            Ok(raw("en", Body::Text(TRAM_EN.into()))),
            Err(PipelineError::Config("an unreadable input".into())),
            Ok(raw("harvest", Body::Text(HARVEST_EN.into()))),
            Ok(raw("de", Body::Text(TRAM_DE.into()))),
            Ok(raw("en-copy", Body::Text(TRAM_EN.into()))),
        ]
    };
    let model = || Some(std::sync::Arc::new(TopicEmbedder) as std::sync::Arc<_>);
    let mut batched = Engine::open(MemoryStore::new(), &config, model()).unwrap();
    let outcomes = batched.ingest_batch(docs());
    assert!(outcomes[1].is_err(), "the failure keeps its place");
    assert_eq!(
        outcomes[4].as_ref().unwrap(),
        &Outcome::Duplicate,
        "a copy inside the batch"
    );
    let mut single = Engine::open(MemoryStore::new(), &config, model()).unwrap();
    let one_by_one: Vec<_> = docs()
        .into_iter()
        .map(|d| d.and_then(|d| single.ingest(d)))
        .collect();
    for (a, b) in outcomes.iter().zip(&one_by_one) {
        assert_eq!(a.as_ref().ok(), b.as_ref().ok());
    }
    let stored = batched.store().recent_articles(10).unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored
        .iter()
        .all(|a| a.embedding.as_ref().map(Vec::len) == Some(4)));
}

#[test]
fn a_pipelined_stream_stores_what_batch_after_batch_stores() {
    let config = EngineConfig::default();
    // Three batches: a copy of the first batch's article arrives in the third.
    let batches = || {
        vec![
            vec![
                Ok(raw("en", Body::Text(TRAM_EN.into()))),
                Err(PipelineError::Config("an unreadable input".into())),
            ],
            vec![
                Ok(raw("harvest", Body::Text(HARVEST_EN.into()))),
                Ok(raw("de", Body::Text(TRAM_DE.into()))),
            ],
            vec![Ok(raw("en-copy", Body::Text(TRAM_EN.into())))],
        ]
    };
    let model = || Some(std::sync::Arc::new(TopicEmbedder) as std::sync::Arc<_>);
    let mut stepwise = Engine::open(MemoryStore::new(), &config, model()).unwrap();
    let expected: Vec<_> = batches()
        .into_iter()
        .flat_map(|b| stepwise.ingest_batch(b))
        .collect();
    let mut pipelined = Engine::open(MemoryStore::new(), &config, model()).unwrap();
    let mut outcomes = Vec::new();
    pipelined.ingest_all(batches().into_iter(), |o| {
        outcomes.push(o);
        std::ops::ControlFlow::Continue(())
    });
    assert_eq!(outcomes.len(), 5);
    assert!(outcomes[1].is_err(), "the failure keeps its place");
    assert_eq!(outcomes[4].as_ref().ok(), Some(&Outcome::Duplicate));
    for (a, b) in outcomes.iter().zip(&expected) {
        assert_eq!(a.as_ref().ok(), b.as_ref().ok());
    }
    assert_eq!(pipelined.store().recent_articles(10).unwrap().len(), 3);

    // Stopping at the first outcome: no outcome is handed over after that.
    let mut stopped = Engine::open(MemoryStore::new(), &config, model()).unwrap();
    let mut calls = 0;
    stopped.ingest_all(batches().into_iter(), |_| {
        calls += 1;
        std::ops::ControlFlow::Break(())
    });
    assert_eq!(calls, 1);
}

#[test]
fn flushed_articles_are_searchable_and_unflushed_ones_are_caught_up_after_a_crash() {
    use storyline_search::SearchIndex;
    let dir = tempfile::tempdir().unwrap();
    let config = EngineConfig::default();
    let mut engine = Engine::open(MemoryStore::new(), &config, None).unwrap();
    engine
        .attach_search(SearchIndex::open(dir.path(), true).unwrap())
        .unwrap();
    engine
        .ingest(raw("en", Body::Text(TRAM_EN.into())))
        .unwrap();
    engine.flush_search();
    let hits = |q: &str| {
        SearchIndex::open(dir.path(), false)
            .unwrap()
            .search(&storyline_search::SearchQuery::parse(q).unwrap(), 10)
            .unwrap()
            .hits
            .len()
    };
    assert_eq!(hits("Lindqvist"), 1);
    // Dropped without a flush, as in a crash: the store has the article, and the
    // index gets it when next attached.
    engine
        .ingest(raw("harvest", Body::Text(HARVEST_EN.into())))
        .unwrap();
    let store = engine.into_store();
    let mut reopened = Engine::open(store, &config, None).unwrap();
    reopened
        .attach_search(SearchIndex::open(dir.path(), true).unwrap())
        .unwrap();
    assert_eq!(hits("olive"), 1);
    assert_eq!(hits("Lindqvist"), 1, "nothing is indexed twice");
}

#[test]
fn streamed_assignment_overlapping_the_pipeline_matches_one_by_one() {
    use storyline_engine::StreamClusterer;
    use storyline_ingest::IngestError;
    let config = EngineConfig::default();
    // Enough documents for several batches, with a read failure in the middle.
    let docs = || {
        (0..150).map(|i| {
            if i == 70 {
                return Err(IngestError::NotFound {
                    origin: Origin::file("missing.txt"),
                });
            }
            let text = [TRAM_EN, HARVEST_EN, TRAM_DE][i % 3];
            Ok(raw(
                &format!("d{i}"),
                Body::Text(format!("{text} Report {i}.")),
            ))
        })
    };
    let mut streamed = StreamClusterer::new(&config, None).unwrap();
    let mut results = Vec::new();
    streamed.assign_all(docs(), false, |r| {
        results.push(r);
        std::ops::ControlFlow::Continue(())
    });
    let mut single = StreamClusterer::new(&config, None).unwrap();
    let one_by_one: Vec<_> = docs()
        .map(|d| {
            d.map_err(PipelineError::from)
                .and_then(|d| single.assign(d))
        })
        .collect();
    assert_eq!(results.len(), 150);
    assert!(results[70].is_err(), "the failure keeps its place");
    for (a, b) in results.iter().zip(&one_by_one) {
        let story = |r: &Result<storyline_engine::Assigned, PipelineError>| {
            r.as_ref()
                .ok()
                .map(|a| (a.doc.article.id.clone(), a.assignment.story))
        };
        assert_eq!(story(a), story(b));
    }
}

#[test]
fn a_streamed_run_stops_when_the_caller_says_so() {
    use storyline_engine::StreamClusterer;
    let config = EngineConfig::default();
    let docs = (0..300).map(|i| Ok(raw(&format!("d{i}"), Body::Text(format!("{TRAM_EN} {i}")))));
    let mut stream = StreamClusterer::new(&config, None).unwrap();
    let mut seen = 0;
    stream.assign_all(docs, false, |_| {
        seen += 1;
        if seen == 10 {
            std::ops::ControlFlow::Break(())
        } else {
            std::ops::ControlFlow::Continue(())
        }
    });
    assert_eq!(seen, 10, "nothing is handed over after a stop");
}

#[test]
fn an_index_built_from_another_store_is_rebuilt_never_read() {
    use storyline_search::{SearchIndex, SearchQuery};
    let dir = tempfile::tempdir().unwrap();
    let config = EngineConfig::default();
    let mut first = Engine::open(MemoryStore::new(), &config, None).unwrap();
    let attached = first
        .attach_search(SearchIndex::open(dir.path(), true).unwrap())
        .unwrap();
    assert_eq!(attached.rebuilt, None, "a new index is simply filled");
    first.ingest(raw("en", Body::Text(TRAM_EN.into()))).unwrap();
    first.flush_search();
    drop(first);
    // The store is replaced by another (a deleted or emptied database) that has
    // its own article under the same key.
    let mut second = Engine::open(MemoryStore::new(), &config, None).unwrap();
    second
        .ingest(raw("harvest", Body::Text(HARVEST_EN.into())))
        .unwrap();
    let attached = second
        .attach_search(SearchIndex::open(dir.path(), true).unwrap())
        .unwrap();
    let why = attached.rebuilt.expect("another store's index is rebuilt");
    assert!(why.contains("another store"), "{why}");
    assert_eq!(attached.added, 1);
    let hits = |q: &str| {
        SearchIndex::open(dir.path(), false)
            .unwrap()
            .search(&SearchQuery::parse(q).unwrap(), 10)
            .unwrap()
            .total
    };
    assert_eq!(hits("Lindqvist"), 0, "the other store's article is gone");
    assert_eq!(hits("olive"), 1);
    let mut second = Engine::open(second.into_store(), &config, None).unwrap();
    let again = second
        .attach_search(SearchIndex::open(dir.path(), true).unwrap())
        .unwrap();
    assert_eq!((again.added, again.rebuilt), (0, None), "now it is ours");
}
