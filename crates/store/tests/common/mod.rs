//! The behaviour every `Store` must have, checked by the SQLite, memory and
//! PostgreSQL tests alike.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use storyline_model::{Article, Origin};
use storyline_store::{content_hash, InsertOutcome, NewArticle, Store, StoryQuery};

pub fn new_article(
    id: &str,
    text: &str,
    url: Option<&str>,
    story: u64,
    day: u32,
    language: &str,
) -> NewArticle {
    NewArticle {
        article: Article {
            url: url.map(str::to_string),
            title: Some(format!("Title {id}")),
            published: Some(Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap()),
            source: Some("Example".into()),
            origin: Origin::file(format!("{id}.txt")),
            ..Article::from_text(id, text)
        },
        language: language.into(),
        content_hash: content_hash(text),
        story,
        embedding: None,
        copy_of: None,
        related: Vec::new(),
    }
}

pub fn exercise(store: &mut dyn Store) {
    let a = new_article(
        "a",
        "Міст закрили на ремонт.",
        Some("https://x.example/a"),
        1,
        3,
        "uk",
    );
    let mut b = new_article("b", "The bridge was closed for repairs.", None, 1, 5, "en");
    b.embedding = Some(vec![0.25, -1.5, 3.0e-7]);
    let mut c = new_article(
        "c",
        "Un satellite a été lancé.",
        Some("https://x.example/c"),
        2,
        4,
        "fr",
    );
    c.related = vec![1];
    for article in [&a, &b, &c] {
        assert!(matches!(
            store.insert_article(article).unwrap(),
            InsertOutcome::Inserted(_)
        ));
    }

    // Same text with other spacing and case, or same URL: duplicates, nothing stored.
    let same_text = new_article("a2", "міст  закрили на\nремонт.", None, 9, 3, "uk");
    assert!(matches!(
        store.insert_article(&same_text).unwrap(),
        InsertOutcome::Duplicate(_)
    ));
    let same_url = new_article(
        "a3",
        "Інший текст.",
        Some("https://x.example/a"),
        9,
        3,
        "uk",
    );
    assert!(matches!(
        store.insert_article(&same_url).unwrap(),
        InsertOutcome::Duplicate(_)
    ));
    let hash_b = content_hash("The bridge was closed for repairs.");
    assert!(store.find_duplicate(None, &hash_b).unwrap().is_some());

    let counts = store.counts().unwrap();
    assert_eq!((counts.articles, counts.stories), (3, 2));
    assert_eq!(store.max_story_id().unwrap(), Some(2));

    let list = store.stories(10, 0).unwrap();
    let ids: Vec<u64> = list.iter().map(|s| s.id).collect();
    assert_eq!(ids, vec![1, 2], "story 1 has the latest activity");
    assert_eq!(list[0].articles, 2);
    assert_eq!(list[0].languages, vec!["en", "uk"]);
    assert_eq!(list[0].title.as_deref(), Some("Title a"));
    assert_eq!(
        list[0].first_published.unwrap().format("%d").to_string(),
        "03"
    );
    assert_eq!(
        list[0].last_published.unwrap().format("%d").to_string(),
        "05"
    );
    assert_eq!(store.stories(1, 1).unwrap()[0].id, 2);
    // Every filtered list below is also counted: the count is the whole list's,
    // whatever the page (one story a page here).
    let find = |q: StoryQuery| -> Vec<u64> {
        let all: Vec<u64> = store
            .find_stories(&StoryQuery {
                limit: 10,
                ..q.clone()
            })
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        let page = StoryQuery {
            limit: 1,
            offset: 1,
            ..q
        };
        assert_eq!(store.count_stories(&page).unwrap(), all.len() as u64);
        all
    };
    assert_eq!(
        find(StoryQuery {
            language: Some("fr".into()),
            ..Default::default()
        }),
        vec![2]
    );
    assert_eq!(
        find(StoryQuery {
            language: Some("u".into()),
            ..Default::default()
        }),
        Vec::<u64>::new(),
        "whole codes only"
    );
    assert_eq!(
        find(StoryQuery {
            min_articles: Some(2),
            ..Default::default()
        }),
        vec![1]
    );
    assert_eq!(
        find(StoryQuery {
            outlet: Some("Example".into()),
            ..Default::default()
        }),
        vec![1, 2]
    );
    assert!(find(StoryQuery {
        outlet: Some("Nobody".into()),
        ..Default::default()
    })
    .is_empty());
    assert_eq!(
        find(StoryQuery {
            ids: Some(vec![2, 7]),
            ..Default::default()
        }),
        vec![2]
    );
    assert!(find(StoryQuery {
        ids: Some(Vec::new()),
        ..Default::default()
    })
    .is_empty());
    let day = |d| Some(Utc.with_ymd_and_hms(2026, 3, d, 0, 0, 0).unwrap());
    assert_eq!(
        find(StoryQuery {
            from: day(5),
            ..Default::default()
        }),
        vec![1]
    );
    assert_eq!(
        find(StoryQuery {
            to: day(3),
            ..Default::default()
        }),
        Vec::<u64>::new()
    );
    assert_eq!(
        find(StoryQuery {
            to: day(5),
            ..Default::default()
        }),
        vec![1, 2]
    );

    let detail = store.story(1).unwrap().unwrap();
    let ids: Vec<&str> = detail
        .articles
        .iter()
        .map(|a| a.article.id.as_str())
        .collect();
    assert_eq!(ids, vec!["a", "b"]);
    assert_eq!(detail.articles[0].article.text, "Міст закрили на ремонт.");
    let key = detail.articles[1].key;
    assert_eq!(store.article(key).unwrap().unwrap().article.id, "b");
    assert!(store.article(9_999).unwrap().is_none());
    let sources = store.story_sources(1).unwrap();
    assert_eq!(sources.len(), 2);
    assert!(sources.contains(&(Some("Example".into()), Some("https://x.example/a".into()))));
    let after: Vec<String> = store
        .articles_after(key, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.article.id)
        .collect();
    assert_eq!(after, vec!["c"]);
    assert!(store.story(99).unwrap().is_none());
    assert_eq!(
        store.story(1).unwrap().unwrap().related,
        vec![2],
        "links go both ways"
    );
    assert_eq!(store.story(2).unwrap().unwrap().related, vec![1]);

    let recent = store.recent_articles(2).unwrap();
    let ids: Vec<&str> = recent.iter().map(|a| a.article.id.as_str()).collect();
    assert_eq!(ids, vec!["b", "c"]);
    assert_eq!(recent[0].embedding, Some(vec![0.25, -1.5, 3.0e-7]));
    assert_eq!(recent[1].embedding, None);
    // Search results read the stories of their articles alone.
    let of = store
        .stories_of_articles(&[recent[0].key, recent[1].key, 9_999])
        .unwrap();
    assert_eq!(of.len(), 2, "{of:?}");
    assert_eq!(of[&recent[0].key], recent[0].story);
    assert_eq!(of[&recent[1].key], recent[1].story);
    // The semantic index reads embeddings alone: only embedded articles, in key order.
    let embedded = store.embeddings_after(0, 10).unwrap();
    assert_eq!(embedded.len(), 1, "{embedded:?}");
    assert_eq!(embedded[0].key, recent[0].key);
    assert_eq!(embedded[0].embedding, vec![0.25, -1.5, 3.0e-7]);
    assert!(store
        .embeddings_after(recent[0].key, 10)
        .unwrap()
        .is_empty());

    // The same text at another URL is a syndicated copy: stored, linked to its original.
    let mut reprint = new_article(
        "c-reprint",
        "Un satellite a été lancé.",
        Some("https://y.example/c"),
        2,
        4,
        "fr",
    );
    reprint.copy_of = Some("c".into());
    assert!(store
        .find_duplicate(Some("https://y.example/c"), &reprint.content_hash)
        .unwrap()
        .is_none());
    assert!(matches!(
        store.insert_article(&reprint).unwrap(),
        InsertOutcome::Inserted(_)
    ));
    assert!(
        matches!(
            store.insert_article(&reprint).unwrap(),
            InsertOutcome::Duplicate(_)
        ),
        "re-ingesting it is a no-op"
    );
    let last = store.recent_articles(1).unwrap();
    assert_eq!(last[0].copy_of.as_deref(), Some("c"));
    assert_eq!(store.story(2).unwrap().unwrap().articles.len(), 2);

    // Merging keeps the older id; the merged one still finds the story.
    store.merge_stories(2, 1).unwrap();
    let merged = store.story(2).unwrap().unwrap();
    assert_eq!(merged.summary.id, 1);
    assert_eq!(merged.articles.len(), 4);
    assert!(
        merged.articles.iter().all(|a| a.story == 1),
        "articles move: their story never names an alias"
    );
    assert_eq!(merged.summary.languages, vec!["en", "fr", "uk"]);
    assert_eq!(
        merged
            .summary
            .first_published
            .unwrap()
            .format("%d")
            .to_string(),
        "03"
    );
    assert_eq!(store.counts().unwrap().stories, 1);
    assert_eq!(
        store.max_story_id().unwrap(),
        Some(2),
        "a merged id is never reused"
    );
    // A later merge into a new story carries the alias along.
    store.merge_stories(1, 0).unwrap();
    assert_eq!(store.story(2).unwrap().unwrap().summary.id, 0);
    assert_eq!(store.story(1).unwrap().unwrap().articles.len(), 4);
    assert!(
        store.story(0).unwrap().unwrap().related.is_empty(),
        "merged into one: no link left"
    );
}
