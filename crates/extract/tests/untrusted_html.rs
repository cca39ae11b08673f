//! Properties of extraction on hostile or broken HTML.

use proptest::prelude::*;
use storyline_extract::{ExtractConfig, Extractor};
use storyline_model::{Body, Origin, RawDocument};

fn raw(html: String) -> RawDocument {
    RawDocument::new(Origin::file("p.html"), "p", Body::Html(html), "UTF-8")
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=x>".to_string()),
        Just("</div>".to_string()),
        Just("<article>".to_string()),
        Just("<nav><a href=/>Home</a>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<br>".to_string()),
        Just("<!--".to_string()),
        Just("<li><a href=#>link text here</a>".to_string()),
        "[a-zA-Zа-яіїє ,.]{0,80}",
        Just("<script>var hidden = 'SCRIPTLEAK';</script>".to_string()),
        Just("<style>.x{color:red} /* STYLELEAK */</style>".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_never_extracts_script_or_style(parts in proptest::collection::vec(fragment(), 0..60)) {
        let extractor = ExtractConfig::default().build();
        if let Ok(article) = extractor.extract(raw(parts.concat())) {
            prop_assert!(!article.text.contains("SCRIPTLEAK"), "{}", article.text);
            prop_assert!(!article.text.contains("STYLELEAK"), "{}", article.text);
            prop_assert!(!article.text.is_empty());
        }
    }
}

#[test]
fn deeply_nested_markup_is_handled() {
    let html = format!(
        "{}<p>Deep text survives here in the middle of everything.</p>{}",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let article = ExtractConfig::default().build().extract(raw(html)).unwrap();
    assert!(article.text.contains("Deep text survives"));
}

#[test]
fn only_web_addresses_are_kept_as_an_article_s_url() {
    let extractor = ExtractConfig::default().build();
    let page = |url: &str| {
        let mut doc = raw("<html><body><article><p>Die Fähre nach Kestrel Bay fährt wieder ab Montag, sagte die Reederei.</p></article></body></html>".into());
        doc.url = Some(url.to_string());
        extractor.extract(doc).map(|a| a.url)
    };
    assert_eq!(
        page("https://news.example/a").unwrap().as_deref(),
        Some("https://news.example/a")
    );
    assert_eq!(
        page("HTTP://news.example/b").unwrap().as_deref(),
        Some("HTTP://news.example/b")
    );
    for hostile in [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        " JavaScript:void(0)",
        "file:///etc/passwd",
    ] {
        assert_eq!(page(hostile).unwrap(), None, "{hostile}");
    }
}
