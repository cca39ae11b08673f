//! A story list's conditions in SQLite's SQL.

use super::ts;
use crate::StoryQuery;

/// The conditions of a [`StoryQuery`] on `stories`, their parameters numbered from
/// `first`. Languages are stored comma-joined: `,uk,` inside `,de,uk,` finds one exactly.
pub(super) fn story_filter(first: usize) -> String {
    let [language, min, from, to, outlet, ids] = std::array::from_fn(|i| first + i);
    format!(
        "(?{language} IS NULL OR (',' || languages || ',') LIKE ('%,' || ?{language} || ',%'))
         AND (?{min} IS NULL OR article_count >= ?{min})
         AND (?{from} IS NULL OR last_published >= ?{from})
         AND (?{to} IS NULL OR first_published <= ?{to})
         AND (?{outlet} IS NULL OR EXISTS (SELECT 1 FROM articles a
                                    WHERE a.story_id = stories.id AND a.source = ?{outlet}))
         AND (?{ids} IS NULL OR (',' || ?{ids} || ',') LIKE ('%,' || id || ',%'))"
    )
}

/// The parameters of [`story_filter`], in its order.
pub(super) struct StoryFilter {
    language: Option<String>,
    min: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    outlet: Option<String>,
    ids: Option<String>,
}

impl StoryFilter {
    pub(super) fn of(query: &StoryQuery) -> StoryFilter {
        StoryFilter {
            language: query.language.clone(),
            min: query.min_articles.map(|m| m.min(i64::MAX as u64) as i64),
            from: query.from.map(ts),
            to: query.to.map(ts),
            outlet: query.outlet.clone(),
            ids: query
                .ids
                .as_ref()
                .map(|ids| ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")),
        }
    }

    pub(super) fn params(&self) -> impl Iterator<Item = &dyn rusqlite::ToSql> {
        [
            &self.language as &dyn rusqlite::ToSql,
            &self.min,
            &self.from,
            &self.to,
            &self.outlet,
            &self.ids,
        ]
        .into_iter()
    }
}
