//! Batch tallies: ingested, duplicates, and failures grouped by reason.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Outcome, PipelineError};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Summary {
    pub ingested: u64,
    pub duplicates: u64,
    pub new_stories: u64,
    /// Stories merged into others because an article showed they are one.
    pub merged_stories: u64,
    /// Articles the model embedded (only those whose story it could change are).
    #[serde(default)]
    pub embedded: u64,
    pub failed: BTreeMap<String, u64>,
}

impl Summary {
    pub fn record(&mut self, result: &Result<Outcome, PipelineError>) {
        match result {
            Ok(Outcome::Stored {
                new_story,
                merged,
                embedded,
                ..
            }) => {
                self.ingested += 1;
                self.embedded += u64::from(*embedded);
                self.new_stories += u64::from(*new_story);
                self.merged_stories += merged.len() as u64;
            }
            Ok(Outcome::Duplicate) => self.duplicates += 1,
            Err(e) => self.record_failure(e.reason()),
        }
    }

    pub fn record_failure(&mut self, reason: &str) {
        *self.failed.entry(reason.to_string()).or_default() += 1;
    }

    pub fn failures(&self) -> u64 {
        self.failed.values().sum()
    }

    /// `failed N — reason: n, …`, for commands that report their own success counts.
    pub fn failure_report(&self) -> String {
        let reasons: Vec<String> = self
            .failed
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect();
        if reasons.is_empty() {
            format!("failed {}", self.failures())
        } else {
            format!("failed {} — {}", self.failures(), reasons.join(", "))
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ingested {}, duplicates {}, {} ({} new {}",
            self.ingested,
            self.duplicates,
            self.failure_report(),
            self.new_stories,
            noun(self.new_stories, "story", "stories")
        )?;
        if self.merged_stories > 0 {
            write!(f, ", {} merged into others", self.merged_stories)?;
        }
        if self.embedded > 0 {
            write!(f, ", {} embedded", self.embedded)?;
        }
        write!(f, ")")
    }
}

/// `one` for exactly one, else `many`: "1 story", "2 stories", "0 articles".
pub fn noun(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}
