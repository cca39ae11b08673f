//! Evaluation: clustering metrics and loaders for the gold-labelled data sets in
//! `../shared/data/` (read at run time, never copied here), plus a synthetic
//! multilingual article generator for throughput benchmarks.

pub mod ceiling;
pub mod metrics;
pub mod synth;

use std::collections::HashMap;
use std::path::Path;

use thiserror::Error;

#[derive(Debug, Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Format {
        path: String,
        line: usize,
        message: String,
    },
}

/// One gold-labelled article: its id, gold story, language and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldItem {
    pub id: String,
    pub story: String,
    pub lang: String,
    pub text: String,
}

/// Reads `{"id", "story", "lang"?, "text"?}` lines (other fields ignored).
pub fn load_gold(path: &Path) -> Result<Vec<GoldItem>, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut items = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let err = |message: String| EvalError::Format {
            path: path.display().to_string(),
            line: n + 1,
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        let field = |k: &str| match &value[k] {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(x) => Some(x.to_string()),
            _ => None,
        };
        items.push(GoldItem {
            id: field("id").ok_or_else(|| err("no id".into()))?,
            story: field("story").ok_or_else(|| err("no story".into()))?,
            lang: field("lang").unwrap_or_default(),
            text: field("text").unwrap_or_default(),
        });
    }
    Ok(items)
}

/// Gold labels and languages keyed by id, as the metrics take them.
pub fn gold_maps(items: &[GoldItem]) -> (HashMap<String, String>, HashMap<String, String>) {
    let labels = items
        .iter()
        .map(|i| (i.id.clone(), i.story.clone()))
        .collect();
    let langs = items
        .iter()
        .map(|i| (i.id.clone(), i.lang.clone()))
        .collect();
    (labels, langs)
}
