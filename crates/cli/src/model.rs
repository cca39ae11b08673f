//! Finding the embedding model: `--model` (or `STORYLINE_MODEL`) when given, else the
//! first of the data directory, the user's cache directory, beside the binary (and
//! the repository's `models/` above cargo's `target/release/`), and `./models/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use storyline_embed::{E5Model, Embedder};

use crate::Cli;

/// The model's file name wherever it is installed (`scripts/setup` fetches it).
pub(crate) const MODEL_FILE: &str = "e5-small-q4.bin";

/// The model, or `None` (with a warning) when it is absent or `--lexical-only`.
pub(crate) fn load_embedder(cli: &Cli) -> Result<Option<Arc<dyn Embedder>>> {
    if cli.lexical_only {
        return Ok(None);
    }
    let found = match &cli.model {
        Some(path) => path.exists().then(|| path.clone()),
        None => candidates(&cli.data).into_iter().find(|p| p.exists()),
    };
    let Some(path) = found else {
        let looked = match &cli.model {
            Some(path) => path.display().to_string(),
            None => candidates(&cli.data)
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
        };
        eprintln!(
            "warning: no embedding model (looked at {looked}); run scripts/setup or pass \
             --model. Using words, names and dates only, so reports in different \
             languages link only through shared names"
        );
        return Ok(None);
    };
    let model = E5Model::load(&path)
        .with_context(|| format!("cannot load the model {}", path.display()))?;
    Ok(Some(Arc::new(model)))
}

/// Where the model is looked for, in order, when no path is given.
pub(crate) fn candidates(data: &Path) -> Vec<PathBuf> {
    let mut out = vec![data.join(MODEL_FILE)];
    if let Some(cache) = cache_dir() {
        out.push(cache.join("storyline").join(MODEL_FILE));
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        out.push(dir.join(MODEL_FILE));
        out.push(dir.join("models").join(MODEL_FILE));
        // A binary built in a checkout: `target/release/storyline` → `models/`.
        if let Some(repo) = dir.parent().and_then(Path::parent) {
            out.push(repo.join("models").join(MODEL_FILE));
        }
    }
    out.push(PathBuf::from("models").join(MODEL_FILE));
    out.dedup();
    out
}

/// `$XDG_CACHE_HOME`, else `~/.cache`.
fn cache_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty());
    xdg.map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_directory_comes_first_and_the_checkout_s_models_are_looked_at() {
        let found = candidates(Path::new("/srv/news"));
        assert_eq!(found[0], Path::new("/srv/news").join(MODEL_FILE));
        assert_eq!(
            found.last().unwrap(),
            &PathBuf::from("models").join(MODEL_FILE)
        );
        assert!(found.iter().all(|p| p.ends_with(MODEL_FILE)), "{found:?}");
    }
}
