//! A site's recurring furniture disappears from its later pages, learnt from the
//! pages themselves, while other sites are untouched.

use storyline_extract::{ExtractConfig, Extractor};
use storyline_model::{Body, Origin, RawDocument};

fn page(url: &str, story: &str) -> RawDocument {
    let html = format!(
        "<html><body><article><h1>{story}</h1>\
         <p>{story} The council met on Tuesday evening and the vote was close, with nine in favour and eight against.</p>\
         <p>Residents who spoke at the meeting said they had waited years for a decision on the matter.</p>\
         <p>Our reporters cover the valley from offices in Amberfield and Lowmoor every day of the week.</p>\
         </article></body></html>"
    );
    let mut doc = RawDocument::new(Origin::file(url), url, Body::Html(html), "UTF-8");
    doc.url = Some(url.to_string());
    doc
}

#[test]
fn recurring_site_furniture_is_learnt_and_dropped() {
    let extractor = ExtractConfig::default().build();
    let stories = [
        "Bridge repairs approved.",
        "School roof to be replaced.",
        "Market moves to the square.",
        "Bus route 4 returns.",
    ];
    let texts: Vec<String> = stories
        .iter()
        .enumerate()
        .map(|(i, s)| {
            extractor
                .extract(page(&format!("https://valley-news.example/{i}"), s))
                .unwrap()
                .text
        })
        .collect();
    let plug = "Our reporters cover the valley";
    for text in &texts[..3] {
        assert!(text.contains(plug), "not yet learnt: {text}");
    }
    assert!(
        !texts[3].contains(plug),
        "seen on three earlier pages: {}",
        texts[3]
    );
    assert!(texts[3].contains("Bus route 4 returns."));
    let elsewhere = extractor
        .extract(page("https://other.example/1", "Harbour dredging starts."))
        .unwrap();
    assert!(
        elsewhere.text.contains(plug),
        "another site has not shown it"
    );
}
