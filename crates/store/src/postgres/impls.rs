//! [`Store`] and [`WatchLog`] on PostgreSQL: the statements of the SQLite store in
//! PostgreSQL's dialect, each write in one transaction.

use chrono::Utc;
use postgres::types::ToSql;
use postgres::GenericClient;

use super::{
    alias_target, article_from_row, find_duplicate_in, schema, secs, story_from_row, story_in,
    upsert_story, PostgresStore, ARTICLE_COLUMNS, STORY_COLUMNS,
};
use crate::{
    combine_stories, merge_into_story, ArticleKey, Counts, InsertOutcome, NewArticle, SavedState,
    SourceAndUrl, Store, StoreError, StoredArticle, StoredEmbedding, StoryDetail, StoryId,
    StoryQuery, StorySummary, WatchLog, WatchRecord,
};

fn clamp(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

impl Store for PostgresStore {
    fn find_duplicate(
        &self,
        url: Option<&str>,
        content_hash: &str,
    ) -> Result<Option<ArticleKey>, StoreError> {
        find_duplicate_in(&mut *self.db(), url, content_hash)
    }

    fn insert_article(&mut self, new: &NewArticle) -> Result<InsertOutcome, StoreError> {
        atomically!(self, |db| insert_in(db, new))
    }

    fn find_stories(&self, query: &StoryQuery) -> Result<Vec<StorySummary>, StoreError> {
        let filter = StoryFilter::of(query);
        let page = [
            &clamp(query.limit) as &(dyn ToSql + Sync),
            &clamp(query.offset),
        ];
        let params: Vec<&(dyn ToSql + Sync)> = page.into_iter().chain(filter.params()).collect();
        let rows = self.db().query(
            &format!(
                "SELECT {STORY_COLUMNS} FROM stories WHERE {}
                 ORDER BY last_activity DESC, id DESC LIMIT $1 OFFSET $2",
                story_filter(3)
            ),
            &params,
        )?;
        Ok(rows.iter().map(story_from_row).collect())
    }

    fn count_stories(&self, query: &StoryQuery) -> Result<u64, StoreError> {
        let filter = StoryFilter::of(query);
        let params: Vec<&(dyn ToSql + Sync)> = filter.params().collect();
        let row = self.db().query_one(
            &format!("SELECT COUNT(*) FROM stories WHERE {}", story_filter(1)),
            &params,
        )?;
        Ok(row.get::<_, i64>(0) as u64)
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryDetail>, StoreError> {
        let id = alias_target(&mut *self.db(), id)?.unwrap_or(id);
        let Some(summary) = story_in(&mut *self.db(), id)? else {
            return Ok(None);
        };
        let articles = self.articles_where(
            &format!(
                "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id = $1
                 ORDER BY published NULLS FIRST, id"
            ),
            &[&(id as i64)],
        )?;
        let related = self.related_to(id)?;
        Ok(Some(StoryDetail {
            summary,
            articles,
            related,
        }))
    }

    fn articles_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredArticle>, StoreError> {
        self.articles_where(
            &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id > $1 ORDER BY id LIMIT $2"),
            &[&key, &clamp(limit)],
        )
    }

    fn embeddings_after(
        &self,
        key: ArticleKey,
        limit: usize,
    ) -> Result<Vec<StoredEmbedding>, StoreError> {
        let rows = self.db().query(
            "SELECT id, language, embedding FROM articles
             WHERE id > $1 AND embedding IS NOT NULL ORDER BY id LIMIT $2",
            &[&key, &clamp(limit)],
        )?;
        Ok(rows
            .iter()
            .filter_map(|r| crate::stored_embedding(r.get(0), r.get(1), r.get(2)))
            .collect())
    }

    fn story_sources(&self, id: StoryId) -> Result<Vec<SourceAndUrl>, StoreError> {
        let rows = self.db().query(
            "SELECT source, url FROM articles WHERE story_id = $1",
            &[&(id as i64)],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    fn article(&self, key: ArticleKey) -> Result<Option<StoredArticle>, StoreError> {
        let row = self.db().query_opt(
            &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"),
            &[&key],
        )?;
        Ok(row.as_ref().map(article_from_row))
    }

    fn stories_of_articles(
        &self,
        keys: &[ArticleKey],
    ) -> Result<std::collections::HashMap<ArticleKey, StoryId>, StoreError> {
        let rows = self.db().query(
            "SELECT id, story_id FROM articles WHERE id = ANY($1)",
            &[&keys],
        )?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, i64>(0), r.get::<_, i64>(1) as StoryId))
            .collect())
    }

    fn merge_stories(&mut self, from: StoryId, into: StoryId) -> Result<(), StoreError> {
        if from == into {
            return Ok(());
        }
        atomically!(self, |db| merge_in(db, from, into))
    }

    fn recent_articles(&self, limit: usize) -> Result<Vec<StoredArticle>, StoreError> {
        self.articles_where(
            &format!(
                "SELECT {ARTICLE_COLUMNS} FROM (SELECT * FROM articles ORDER BY id DESC LIMIT $1) recent
                 ORDER BY id"
            ),
            &[&clamp(limit)],
        )
    }

    fn max_story_id(&self) -> Result<Option<StoryId>, StoreError> {
        let max: Option<i64> = self
            .db()
            .query_one(
                "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM stories
                 UNION ALL SELECT MAX(alias) AS m FROM story_aliases) ids",
                &[],
            )?
            .get(0);
        Ok(max.map(|m| m as StoryId))
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let row = self.db().query_one(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories)",
            &[],
        )?;
        Ok(Counts {
            articles: row.get::<_, i64>(0) as u64,
            stories: row.get::<_, i64>(1) as u64,
        })
    }

    fn identity(&self) -> Result<String, StoreError> {
        schema::identity(&mut self.db())
    }

    fn saved_state(&self, name: &str) -> Result<Option<SavedState>, StoreError> {
        let row = self.db().query_opt(
            "SELECT through_key, data FROM saved_state WHERE name = $1",
            &[&name],
        )?;
        Ok(row.map(|r| SavedState {
            through: r.get(0),
            data: r.get(1),
        }))
    }

    fn save_state(&mut self, name: &str, state: &SavedState) -> Result<(), StoreError> {
        self.db().execute(
            "INSERT INTO saved_state (name, through_key, data, saved_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (name) DO UPDATE SET through_key = excluded.through_key,
                 data = excluded.data, saved_at = excluded.saved_at",
            &[&name, &state.through, &state.data, &secs(Utc::now())],
        )?;
        Ok(())
    }
}

fn watch_record(row: &postgres::Row) -> WatchRecord {
    WatchRecord {
        kind: row.get(0),
        key: row.get(1),
        state: row.get(2),
        updated_at: row.get(3),
    }
}

impl WatchLog for PostgresStore {
    fn watch_records(&self, kind: &str) -> Result<Vec<WatchRecord>, StoreError> {
        let rows = self.db().query(
            "SELECT kind, key, state, updated_at FROM watch_state WHERE kind = $1 ORDER BY key",
            &[&kind],
        )?;
        Ok(rows.iter().map(watch_record).collect())
    }

    fn watch_record(&self, kind: &str, key: &str) -> Result<Option<WatchRecord>, StoreError> {
        let row = self.db().query_opt(
            "SELECT kind, key, state, updated_at FROM watch_state WHERE kind = $1 AND key = $2",
            &[&kind, &key],
        )?;
        Ok(row.as_ref().map(watch_record))
    }

    fn save_watch_record(&mut self, kind: &str, key: &str, state: &str) -> Result<(), StoreError> {
        self.db().execute(
            "INSERT INTO watch_state (kind, key, state, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (kind, key) DO UPDATE SET state = excluded.state,
                 updated_at = excluded.updated_at",
            &[&kind, &key, &state, &secs(Utc::now())],
        )?;
        Ok(())
    }

    fn delete_watch_record(&mut self, kind: &str, key: &str) -> Result<bool, StoreError> {
        let gone = self.db().execute(
            "DELETE FROM watch_state WHERE kind = $1 AND key = $2",
            &[&kind, &key],
        )?;
        Ok(gone > 0)
    }
}

fn insert_in(tx: &mut impl GenericClient, new: &NewArticle) -> Result<InsertOutcome, StoreError> {
    if let Some(existing) = find_duplicate_in(tx, new.article.url.as_deref(), &new.content_hash)? {
        return Ok(InsertOutcome::Duplicate(existing));
    }
    let now = secs(Utc::now());
    let story = merge_into_story(story_in(tx, new.story)?, new, now);
    upsert_story(tx, &story)?;
    let a = &new.article;
    let row = tx.query_one(
        "INSERT INTO articles (external_id, url, content_hash, title, body, language, published, source, origin,
         encoding, story_id, ingested_at, modified, authors, embedding, copy_of)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
        &[
            &a.id,
            &a.url,
            &new.content_hash,
            &a.title,
            &a.text,
            &new.language,
            &a.published.map(secs),
            &a.source,
            &a.origin.to_string(),
            &a.encoding,
            &(new.story as i64),
            &now,
            &a.modified.map(secs),
            &a.authors.join("\n"),
            &new.embedding.as_deref().map(crate::embedding_bytes),
            &new.copy_of,
        ],
    )?;
    let key: ArticleKey = row.get(0);
    for related in &new.related {
        tx.execute(
            "INSERT INTO story_links (story, related) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&(new.story as i64), &(*related as i64)],
        )?;
    }
    Ok(InsertOutcome::Inserted(key))
}

fn merge_in(tx: &mut impl GenericClient, from: StoryId, into: StoryId) -> Result<(), StoreError> {
    let (from, into) = (from as i64, into as i64);
    if let Some(gone) = story_in(tx, from as StoryId)? {
        let combined = match story_in(tx, into as StoryId)? {
            Some(kept) => combine_stories(kept, gone),
            None => StorySummary {
                id: into as StoryId,
                ..gone
            },
        };
        upsert_story(tx, &combined)?;
        tx.execute(
            "UPDATE articles SET story_id = $1 WHERE story_id = $2",
            &[&into, &from],
        )?;
        tx.execute("DELETE FROM stories WHERE id = $1", &[&from])?;
    }
    for sql in [
        "INSERT INTO story_links (story, related) SELECT $1::BIGINT, related FROM story_links
         WHERE story = $2::BIGINT AND related <> $1::BIGINT ON CONFLICT DO NOTHING",
        "INSERT INTO story_links (story, related) SELECT story, $1::BIGINT FROM story_links
         WHERE related = $2::BIGINT AND story <> $1::BIGINT ON CONFLICT DO NOTHING",
        "UPDATE story_aliases SET story = $1 WHERE story = $2",
    ] {
        tx.execute(sql, &[&into, &from])?;
    }
    tx.execute(
        "DELETE FROM story_links WHERE story = $1 OR related = $1",
        &[&from],
    )?;
    tx.execute(
        "INSERT INTO story_aliases (alias, story) VALUES ($1, $2)
         ON CONFLICT (alias) DO UPDATE SET story = excluded.story",
        &[&from, &into],
    )?;
    Ok(())
}

/// The conditions of a [`StoryQuery`] on `stories`, their parameters numbered from
/// `first`. Languages are stored comma-joined: `,uk,` inside `,de,uk,` finds one exactly.
fn story_filter(first: usize) -> String {
    let [language, min, from, to, outlet, ids] = std::array::from_fn(|i| first + i);
    format!(
        "(${language}::TEXT IS NULL OR (',' || languages || ',') LIKE ('%,' || ${language} || ',%'))
         AND (${min}::BIGINT IS NULL OR article_count >= ${min})
         AND (${from}::TIMESTAMPTZ IS NULL OR last_published >= ${from})
         AND (${to}::TIMESTAMPTZ IS NULL OR first_published <= ${to})
         AND (${outlet}::TEXT IS NULL OR EXISTS (SELECT 1 FROM articles a
                                    WHERE a.story_id = stories.id AND a.source = ${outlet}))
         AND (${ids}::BIGINT[] IS NULL OR id = ANY(${ids}))"
    )
}

/// The parameters of [`story_filter`], in its order.
struct StoryFilter<'a> {
    query: &'a StoryQuery,
    min: Option<i64>,
    ids: Option<Vec<i64>>,
}

impl<'a> StoryFilter<'a> {
    fn of(query: &'a StoryQuery) -> StoryFilter<'a> {
        StoryFilter {
            query,
            min: query.min_articles.map(|m| m.min(i64::MAX as u64) as i64),
            ids: query
                .ids
                .as_ref()
                .map(|ids| ids.iter().map(|&i| i as i64).collect()),
        }
    }

    fn params(&self) -> impl Iterator<Item = &(dyn ToSql + Sync)> {
        [
            &self.query.language as &(dyn ToSql + Sync),
            &self.min,
            &self.query.from,
            &self.query.to,
            &self.query.outlet,
            &self.ids,
        ]
        .into_iter()
    }
}
