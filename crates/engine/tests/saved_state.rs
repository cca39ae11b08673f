//! The clusterer's state saved in the store: a reopened engine loads it and replays
//! only what came after; a state it cannot use is rebuilt from the stored articles,
//! with a warning that says why, and stories come out the same either way.

use storyline_engine::{Engine, EngineConfig, Outcome};
use storyline_model::{Body, Origin, RawDocument};
use storyline_store::{MemoryStore, SavedState, Store};

fn raw(id: &str, text: &str) -> RawDocument {
    let mut doc = RawDocument::new(
        Origin::file(format!("{id}.txt")),
        id,
        Body::Text(text.into()),
        "UTF-8",
    );
    doc.published = Some("2026-04-02T08:00:00Z".into());
    doc
}

const BRIDGE: &str = "Engineers closed the Harlow river bridge in Tessenby on Monday after \
    divers found cracks in two of its piers. Mayor Odile Brannock said repairs would take \
    a month.";
const BRIDGE_AGAIN: &str = "Tessenby's Harlow river bridge stays closed for a month: divers \
    found cracks in two piers on Monday, Mayor Odile Brannock said.";
const CHESS: &str = "A chess club from Marrow Bay won the regional league on Sunday, its \
    first title in twenty years.";
const CHOIR: &str = "The Velmora youth choir sang at the reopened opera house in Quillan \
    on Friday evening.";

fn story(outcome: Outcome) -> u64 {
    match outcome {
        Outcome::Stored { story, .. } => story,
        Outcome::Duplicate => panic!("a duplicate"),
    }
}

/// A store with two stories, its state saved when `save`, and the bridge story's id.
fn stored(save: bool) -> (MemoryStore, u64) {
    let config = EngineConfig::default();
    let mut engine = Engine::open(MemoryStore::new(), &config, None).unwrap();
    let bridge = story(engine.ingest(raw("bridge", BRIDGE)).unwrap());
    engine.ingest(raw("chess", CHESS)).unwrap();
    if save {
        engine.save_state().unwrap();
    }
    (engine.into_store(), bridge)
}

#[test]
fn a_saved_state_is_loaded_and_what_came_after_it_replayed() {
    let (store, bridge) = stored(true);
    let saved = store.saved_state("clusterer").unwrap().unwrap();
    let config = EngineConfig::default();
    let mut engine = Engine::open(store, &config, None).unwrap();
    assert_eq!(engine.state_warning(), None);
    // Stored after the state was saved: replayed on top of it at the next opening.
    let choir = story(engine.ingest(raw("choir", CHOIR)).unwrap());
    let mut store = engine.into_store();
    store.save_state("clusterer", &saved).unwrap();
    let mut engine = Engine::open(store, &config, None).unwrap();
    assert_eq!(engine.state_warning(), None);
    assert_eq!(
        story(engine.ingest(raw("again", BRIDGE_AGAIN)).unwrap()),
        bridge
    );
    let choir_again = format!("{CHOIR} The Velmora choir will sing in Quillan again.");
    assert_eq!(
        story(engine.ingest(raw("choir2", &choir_again)).unwrap()),
        choir
    );
}

/// Opens `store` under `config`: the saved state is refused with a warning that says
/// `why`, and the rebuilt state still files the bridge report under `bridge`.
fn rebuilt_with_warning(store: MemoryStore, config: &EngineConfig, why: &str, bridge: u64) {
    let mut engine = Engine::open(store, config, None).unwrap();
    let warning = engine.state_warning().unwrap_or_default().to_string();
    assert!(warning.contains(why), "{warning}");
    assert_eq!(
        story(engine.ingest(raw("again", BRIDGE_AGAIN)).unwrap()),
        bridge
    );
}

#[test]
fn an_unusable_state_is_rebuilt_with_a_warning_and_stories_come_out_the_same() {
    let config = EngineConfig::default();
    let (mut store, bridge) = stored(true);
    let mut saved = store.saved_state("clusterer").unwrap().unwrap();
    saved.data.truncate(saved.data.len() / 2);
    store.save_state("clusterer", &saved).unwrap();
    rebuilt_with_warning(store, &config, "damaged", bridge);

    let (mut store, bridge) = stored(false);
    let junk = SavedState {
        through: 1,
        data: b"zip".to_vec(),
    };
    store.save_state("clusterer", &junk).unwrap();
    rebuilt_with_warning(store, &config, "not a clusterer", bridge);

    let (store, bridge) = stored(true);
    let mut other = config.clone();
    other.cluster.threshold += 0.01;
    rebuilt_with_warning(store, &other, "configuration", bridge);
}

#[test]
fn a_store_without_a_saved_state_opens_as_before() {
    let (store, bridge) = stored(false);
    assert_eq!(store.saved_state("clusterer").unwrap(), None);
    let mut engine = Engine::open(store, &EngineConfig::default(), None).unwrap();
    assert_eq!(engine.state_warning(), None);
    assert_eq!(
        story(engine.ingest(raw("again", BRIDGE_AGAIN)).unwrap()),
        bridge
    );
    engine.save_state().unwrap();
    assert!(engine.store().saved_state("clusterer").unwrap().is_some());
}
