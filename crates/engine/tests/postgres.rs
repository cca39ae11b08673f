//! Workers over a PostgreSQL store make the stories one process makes, when the
//! clusterer role passes from one holder to another mid-stream (with entries to
//! replay, and site boilerplate learnt before the change). Needs
//! `STORYLINE_STORE=postgres://…` (`scripts/postgres start`; `scripts/test` runs these).

use std::collections::BTreeMap;
use std::time::Duration;

use storyline_engine::work::{encode_document, Preparer, QueueClusterer};
use storyline_engine::{Engine, EngineConfig};
use storyline_model::{Body, Origin, RawDocument};
use storyline_store::scratch::Scratch;
use storyline_store::{MemoryStore, PostgresStore, Store, StoryQuery, WorkQueue};

/// Reports of three events from one site that ends every page with the same lines
/// (its boilerplate, learnt after three pages), and from two other outlets.
fn stream() -> Vec<RawDocument> {
    let sign_off = "Harbour Gazette is published by Gazette Media, Port Ellis. \
                    Letters to the editor: letters@harbour.example.";
    let reports = [
        ("gazette", "Ferry fares rise in May", "Nordvik Lines will raise ferry fares to Tollund island by nine percent from May, the operator said on Tuesday, citing fuel costs."),
        ("gazette", "Lighthouse at Kessock Point reopens", "The lighthouse at Kessock Point reopened to visitors on Saturday after a two-year restoration paid for by the county council."),
        ("wire", "Nordvik Lines raises Tollund ferry fares", "Ferry operator Nordvik Lines said fares on its Tollund island route would rise nine percent in May because fuel costs have climbed."),
        ("gazette", "Tollund ferry fares: islanders protest", "Islanders on Tollund protested on Wednesday against the nine percent rise in ferry fares that Nordvik Lines announced for May."),
        ("bote", "Fähre nach Tollund wird teurer", "Die Reederei Nordvik Lines erhöht die Fährpreise zur Insel Tollund ab Mai um neun Prozent, wegen gestiegener Treibstoffkosten."),
        ("gazette", "Kessock Point lighthouse draws crowds", "Hundreds queued at the reopened Kessock Point lighthouse on Sunday, the county council said, a day after its restoration ended."),
        ("gazette", "Fishing quotas cut for Port Ellis fleet", "The Port Ellis fishing fleet will land a fifth less cod next year after quotas were cut on Thursday, the fishermen's association said."),
        ("wire", "Port Ellis cod quota cut by a fifth", "Cod quotas for the Port Ellis fleet were cut by a fifth on Thursday, the fishermen's association said, calling the decision harsh."),
        ("gazette", "Nordvik Lines defends Tollund fare rise", "Nordvik Lines defended its nine percent fare rise on the Tollund ferry on Friday, saying fuel now costs twice what it did."),
    ];
    reports
        .iter()
        .enumerate()
        .map(|(i, (outlet, title, text))| {
            let body = if *outlet == "gazette" {
                format!("{text}\n\n{sign_off}")
            } else {
                text.to_string()
            };
            let mut doc = RawDocument::new(
                Origin::file(format!("{outlet}-{i}.txt")),
                format!("{outlet}-{i}"),
                Body::Text(body),
                "UTF-8",
            );
            doc.title = Some(title.to_string());
            doc.source = Some(outlet.to_string());
            doc.url = Some(format!("https://{outlet}.example/{i}"));
            doc.published = Some(format!("2026-05-{:02}T09:00:00Z", 4 + i));
            doc
        })
        .collect()
}

/// Story id → its articles' (id, text), from any store.
fn stories(store: &impl Store) -> BTreeMap<u64, Vec<(String, String)>> {
    let query = StoryQuery {
        limit: 1000,
        ..StoryQuery::default()
    };
    let mut out = BTreeMap::new();
    for summary in store.find_stories(&query).unwrap() {
        let detail = store.story(summary.id).unwrap().unwrap();
        let mut members: Vec<(String, String)> = detail
            .articles
            .into_iter()
            .map(|a| (a.article.id, a.article.text))
            .collect();
        members.sort();
        out.insert(summary.id, members);
    }
    out
}

#[test]
#[ignore = "needs STORYLINE_STORE=postgres://… (scripts/postgres start)"]
fn a_new_clusterer_goes_on_exactly_where_the_last_one_stopped() {
    let config = EngineConfig::default();
    let mut one = Engine::open(MemoryStore::new(), &config, None).unwrap();
    let docs = stream();
    for result in one.ingest_batch(docs.iter().cloned().map(Ok).collect()) {
        result.unwrap();
    }
    let expected = stories(one.store());
    let learnt = expected
        .values()
        .flatten()
        .filter(|(id, text)| id.starts_with("gazette") && !text.contains("Gazette Media"));
    assert!(
        learnt.count() >= 2,
        "the site's sign-off is learnt: {expected:?}"
    );

    let scratch = Scratch::new("takeover");
    let connect = || PostgresStore::connect(&scratch.url()).unwrap();
    let mut queue = connect();
    let encoded: Vec<(String, Vec<u8>)> = docs
        .iter()
        .map(|d| (d.origin.to_string(), encode_document(d)))
        .collect();
    queue.enqueue(&encoded).unwrap();
    let preparer = Preparer::new(&config, None);
    loop {
        let leased = queue.lease(4, Duration::from_secs(60)).unwrap();
        if leased.is_empty() {
            break;
        }
        for (seq, prepared) in preparer.prepare(leased) {
            queue.prepare(seq, &prepared).unwrap();
        }
    }
    // The first holder assigns two batches, the second of them after its last save,
    // and dies.
    let mut first = connect();
    assert!(first.try_clusterer_role().unwrap());
    let mut first = QueueClusterer::open(first, &config, None).unwrap();
    assert_eq!(first.assign_ready(3).unwrap().unwrap().len(), 3);
    first.stop_saving();
    assert_eq!(first.assign_ready(2).unwrap().unwrap().len(), 2);
    assert_eq!(
        first.unsaved(),
        2,
        "two entries for the successor to replay"
    );
    let mut second = connect();
    assert!(
        !second.try_clusterer_role().unwrap(),
        "held while the first lives"
    );
    drop(first);
    std::thread::sleep(Duration::from_millis(300));
    assert!(second.try_clusterer_role().unwrap());
    let mut second = QueueClusterer::open(second, &config, None).unwrap();
    let mut rest = 0;
    while let Some(done) = second.assign_ready(2).unwrap() {
        rest += done.len();
    }
    assert_eq!(rest, docs.len() - 5);
    second.save_now().unwrap();
    assert_eq!(stories(second.store()), expected);
    assert_eq!(second.store().queue_counts().unwrap().prepared, 0);
}
