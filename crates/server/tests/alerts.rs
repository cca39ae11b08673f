//! Alerts: a saved query's Atom feed lists the stories it matches.

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::{articles, assert_well_formed, build_app, get, ingest, TOKEN};
use storyline_store::SqliteStore;

#[tokio::test]
async fn an_alert_feed_lists_the_stories_its_query_and_entity_match() {
    use storyline_server::alerts::Alert;
    let dir = tempfile::tempdir().unwrap();
    let app = build_app(dir.path(), Some(TOKEN), 1 << 20);
    ingest(&app, &articles()).await;
    // Alerts are written beside the running server, through a connection of their own.
    let mut side = SqliteStore::open_dir_existing(dir.path()).unwrap();
    Alert::new("cranes", "crane OR kran", None, None)
        .unwrap()
        .save(&mut side)
        .unwrap();
    Alert::new("brandvold-uk", "", Some("uk"), Some("Брандвольд"))
        .unwrap()
        .save(&mut side)
        .unwrap();
    Alert::new("nothing", "volcano", None, None)
        .unwrap()
        .save(&mut side)
        .unwrap();
    let started = Instant::now();
    let cranes = loop {
        let (status, _, xml) = get(&app, "/alerts/cranes/feed.atom").await;
        assert_eq!(status, StatusCode::OK, "{xml}");
        if xml.contains("<entry>") || started.elapsed() > Duration::from_secs(20) {
            break xml;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_well_formed(&cranes);
    assert_eq!(cranes.matches("<entry>").count(), 1, "{cranes}");
    assert!(
        cranes.contains("Veldmark") && cranes.contains("2 articles"),
        "{cranes}"
    );
    assert!(!cranes.contains("choir"), "{cranes}");
    let (_, _, named) = get(&app, "/alerts/brandvold-uk/feed.atom").await;
    assert_eq!(named.matches("<entry>").count(), 1, "{named}");
    let (_, _, nothing) = get(&app, "/alerts/nothing/feed.atom").await;
    assert!(
        nothing.contains("<feed") && !nothing.contains("<entry>"),
        "{nothing}"
    );
    let (status, _, body) = get(&app, "/alerts/unknown/feed.atom").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}
