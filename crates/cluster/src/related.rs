//! Related stories: the same kind of event at another time, reported once per story.

use super::*;

impl Clusterer {
    /// Records as related to `story` the candidates of the same kind that it is not
    /// yet linked with (in both directions); returns those new links.
    pub(crate) fn link_related(
        &mut self,
        story: StoryId,
        candidates: &[Candidate],
    ) -> Vec<StoryId> {
        let fresh: Vec<StoryId> = candidates
            .iter()
            .filter(|c| self.is_related(c))
            .map(|c| self.resolve(c.story))
            .filter(|other| *other != story)
            .filter(|other| {
                self.stories
                    .get(&story)
                    .is_some_and(|s| !s.related.contains(other))
            })
            .take(MAX_RELATED)
            .collect();
        for other in &fresh {
            for (a, b) in [(story, *other), (*other, story)] {
                if let Some(s) = self.stories.get_mut(&a) {
                    remember(&mut s.related, [b], MAX_LINKS);
                }
            }
        }
        fresh
    }

    /// A story of the same kind that the article could not join: the content comes
    /// near the joining bar (or clears it, and time held it back) and the two name
    /// the same people and places — the same pattern at another time.
    pub(crate) fn is_related(&self, c: &Candidate) -> bool {
        let joinable = c.within_window && c.score >= self.threshold_for(c);
        !joinable
            && c.content_score >= self.config.related_floor
            && c.entity >= self.config.related_entity
    }
}

/// Related stories reported for one article.
pub(crate) const MAX_RELATED: usize = 3;

/// Related stories a story remembers having reported (older ones may be reported again).
pub(crate) const MAX_LINKS: usize = 32;
