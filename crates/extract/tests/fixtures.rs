//! Hand-written news pages in several languages and charsets, with broken markup,
//! JSON-LD, `<time>`-less datelines and split bodies, read through ingest (charset
//! detection) and extraction. Field checks, plus an insta snapshot of each result.

use std::path::PathBuf;

use serde_json::json;
use storyline_extract::{ExtractConfig, Extractor};
use storyline_ingest::{Input, Reader};
use storyline_model::Article;

fn extract(name: &str) -> Article {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let raw = Reader::default()
        .documents(&Input::File(path))
        .next()
        .unwrap()
        .unwrap();
    ExtractConfig::default().build().extract(raw).unwrap()
}

fn snapshot(a: &Article) -> serde_json::Value {
    json!({
        "title": a.title,
        "url": a.url,
        "published": a.published.map(|d| d.to_rfc3339()),
        "modified": a.modified.map(|d| d.to_rfc3339()),
        "authors": a.authors,
        "source": a.source,
        "language": a.declared_language,
        "encoding": a.encoding,
        "text": a.text,
    })
}

#[test]
fn ukrainian_windows_1251_page_with_json_ld() {
    let a = extract("uk-cp1251.html");
    assert_eq!(a.encoding, "windows-1251");
    assert_eq!(
        a.title.as_deref(),
        Some("У Житомирі відкрили новий міст через Тетерів")
    );
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-10-02T06:30:00+00:00")
    );
    assert_eq!(
        a.modified.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-10-02T08:00:00+00:00")
    );
    assert_eq!(a.authors, vec!["Оксана Литвин"]);
    assert!(a.text.starts_with("У четвер у Житомирі"), "{}", a.text);
    assert!(a.text.ends_with("тріщини в опорах."), "{}", a.text);
    for furniture in [
        "Читайте також",
        "Facebook",
        "Коментарі",
        "Нарешті",
        "Усі права",
    ] {
        assert!(
            !a.text.contains(furniture),
            "{furniture} leaked: {}",
            a.text
        );
    }
    insta::assert_json_snapshot!(snapshot(&a));
}

#[test]
fn german_dateline_without_machine_date() {
    let a = extract("de-dateline.html");
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2025-09-24T00:00:00+00:00")
    );
    assert!(a.text.contains("Elektrofähre getauft"));
    assert!(
        a.text.contains("einen Winter lang erprobt"),
        "text after the ad slot is kept: {}",
        a.text
    );
    for furniture in ["Cookies", "Anzeige", "Lesen Sie auch", "Meistgelesen"] {
        assert!(
            !a.text.contains(furniture),
            "{furniture} leaked: {}",
            a.text
        );
    }
    insta::assert_json_snapshot!(snapshot(&a));
}

#[test]
fn french_broken_markup_dated_by_its_url() {
    let a = extract("fr-broken.html");
    assert_eq!(
        a.url.as_deref(),
        Some("https://journal-exemple.fr/2024/06/12/greve-des-controleurs")
    );
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2024-06-12T00:00:00+00:00")
    );
    assert!(a.text.contains("Près d'un vol sur trois"));
    assert!(a.text.contains("nouveau préavis"));
    assert!(!a.text.contains("Partager"), "{}", a.text);
    insta::assert_json_snapshot!(snapshot(&a));
}

#[test]
fn japanese_byline_date() {
    let a = extract("ja-text-date.html");
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2021-03-23T00:00:00+00:00")
    );
    assert_eq!(a.source.as_deref(), Some("みなと新聞"));
    assert!(a.text.starts_with("市交通局は"), "{}", a.text);
    assert!(!a.text.contains("シェア"));
    insta::assert_json_snapshot!(snapshot(&a));
}

#[test]
fn spanish_body_split_around_an_ad() {
    let a = extract("es-split.html");
    assert_eq!(a.authors, vec!["Lucía Ferrer"]);
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2023-08-14T05:45:00+00:00")
    );
    assert_eq!(
        a.modified.map(|d| d.to_rfc3339()).as_deref(),
        Some("2023-08-14T10:10:00+00:00")
    );
    assert!(
        a.text.starts_with("Los vecinos de tres municipios"),
        "{}",
        a.text
    );
    assert!(
        a.text.contains("camiones cisterna"),
        "second chunk kept: {}",
        a.text
    );
    assert!(
        !a.text.contains("Publicidad") && !a.text.contains("playas"),
        "{}",
        a.text
    );
    insta::assert_json_snapshot!(snapshot(&a));
}
