//! Analysis of arbitrary text: language detection, tokens, names, quotes, stated
//! ages and the public date readers (`textdates`), which index into lines and words
//! by hand. The first line is the title, the second the URL, the rest the article's
//! text.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use storyline_analyze::Analyzer;
use storyline_extract::textdates;
use storyline_model::Article;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.splitn(3, '\n');
    let title = lines.next().unwrap_or_default().to_string();
    let url = lines.next().unwrap_or_default().to_string();
    let body = lines.next().unwrap_or_default().to_string();

    let _ = textdates::first_date_in_text(&body);
    let _ = textdates::mentioned_dates(&body);
    let _ = textdates::mentioned_days(&body);
    let _ = textdates::date_in_url(&url);
    let _ = textdates::publication_hint(Some(&url), body.lines());

    let article = Article {
        url: Some(url),
        title: Some(title),
        ..Article::from_text("fuzz", body)
    };
    let analyzed = ANALYZER.analyze(article);
    for (month, day) in &analyzed.days {
        assert!((1..=31).contains(day) && (1..=12).contains(month));
    }
});
