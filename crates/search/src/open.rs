//! Opening the index, and knowing whether it can be trusted.
//!
//! The index is derived data: the store can always rebuild it. So an index that
//! cannot be opened or fails its checksums is set aside and built again rather
//! than left to block ingest and search, and every commit is stamped with the
//! identity of the store it was built from ([`SearchIndex::set_owner`]), so an
//! index read against a store that was replaced, emptied or recreated is noticed
//! ([`SearchIndex::ownership`]) instead of answering with another store's keys.

use std::path::Path;

use tantivy::directory::MmapDirectory;
use tantivy::{Index, ReloadPolicy, TantivyError};

use crate::{register_analyzers, schema, SearchError, SearchIndex, TIME_BUDGET};

/// Memory the writer may buffer before it flushes a segment.
const WRITER_BUDGET: usize = 50_000_000;

/// What the stamp of an index built by this version starts with. Raise the format
/// when the schema or the analysis changes: an index of another format is rebuilt.
const STAMP_FORMAT: &str = "storyline-index format=1";

/// Whether an index belongs to the store it is opened beside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ownership {
    /// Nothing indexed and no stamp yet.
    New,
    /// Stamped with this store's identity by this format.
    Ours,
    /// Not this store's index, and why; its contents must not be used.
    Foreign(String),
}

impl SearchIndex {
    /// Opens the index in `dir` (creating it), with a writer when `writable`.
    pub fn open(dir: &Path, writable: bool) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| open_error(dir, e.to_string()))?;
        Self::open_index(dir, writable).map_err(|e| open_error(dir, e.to_string()))
    }

    /// Opens the index in `dir` for writing; an index that cannot be opened or
    /// whose files fail their checksums is removed and created afresh (empty, to
    /// be filled from the store), and the damage found is returned with it.
    /// A lock held by another writer or a failing disk is an error, never a reason
    /// to remove anything.
    pub fn open_repairing(dir: &Path) -> Result<(Self, Option<String>), SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| open_error(dir, e.to_string()))?;
        let damage = match Self::open_index(dir, true) {
            Ok(index) => match index.index.validate_checksum() {
                Ok(bad) if bad.is_empty() => return Ok((index, None)),
                Ok(bad) => {
                    let mut names: Vec<String> =
                        bad.iter().map(|p| p.display().to_string()).collect();
                    names.sort();
                    format!("files fail their checksums: {}", names.join(", "))
                }
                Err(e) if is_damage(&e) => e.to_string(),
                Err(e) => return Err(open_error(dir, e.to_string())),
            },
            Err(e) if is_damage(&e) => e.to_string(),
            Err(e) => return Err(open_error(dir, e.to_string())),
        };
        std::fs::remove_dir_all(dir)
            .and_then(|()| std::fs::create_dir_all(dir))
            .map_err(|e| open_error(dir, format!("cannot remove the damaged index: {e}")))?;
        let index = Self::open_index(dir, true).map_err(|e| open_error(dir, e.to_string()))?;
        Ok((index, Some(damage)))
    }

    fn open_index(dir: &Path, writable: bool) -> Result<Self, TantivyError> {
        let (schema, fields) = schema();
        let index = Index::open_or_create(MmapDirectory::open(dir)?, schema)?;
        register_analyzers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let writer = if writable {
            Some(index.writer(WRITER_BUDGET)?)
        } else {
            None
        };
        Ok(SearchIndex {
            index,
            reader,
            writer,
            fields,
            time_budget: TIME_BUDGET,
            owner: None,
        })
    }

    /// Stamps every commit from now on with `store`, the identity of the store
    /// this index is kept from.
    pub fn set_owner(&mut self, store: &str) {
        self.owner = Some(store.to_string());
    }

    /// Whether the last commit was stamped by the store with identity `store`.
    pub fn ownership(&self, store: &str) -> Result<Ownership, SearchError> {
        let payload = self.index.load_metas()?.payload;
        let Some(stamp) = payload.filter(|p| !p.is_empty()) else {
            return Ok(if self.is_empty() {
                Ownership::New
            } else {
                Ownership::Foreign("it carries no store stamp (an index from before stamps)".into())
            });
        };
        let Some(found) = stamp
            .strip_prefix(STAMP_FORMAT)
            .and_then(|rest| rest.strip_prefix(" store="))
        else {
            return Ok(Ownership::Foreign(format!(
                "it was built by another version of storyline (stamp {stamp:?})"
            )));
        };
        Ok(if found == store {
            Ownership::Ours
        } else {
            Ownership::Foreign(format!(
                "it was built from another store ({found}, this one is {store}): the store \
                 was replaced, emptied or recreated"
            ))
        })
    }

    /// The stamp the next commit carries.
    pub(crate) fn stamp(&self) -> Option<String> {
        self.owner
            .as_ref()
            .map(|store| format!("{STAMP_FORMAT} store={store}"))
    }

    /// Removes every article (at the next commit), to build the index again.
    pub fn clear(&mut self) -> Result<(), SearchError> {
        if let Some(writer) = &self.writer {
            writer.delete_all_documents()?;
        }
        Ok(())
    }

    /// Articles in the index as of the last commit.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the last commit holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn open_error(dir: &Path, message: String) -> SearchError {
    SearchError::Open {
        path: dir.display().to_string(),
        message,
    }
}

/// Whether an error says the index's own files are bad (rebuild it), rather than
/// that another writer holds it or the disk failed (say so, touch nothing).
fn is_damage(error: &TantivyError) -> bool {
    !matches!(
        error,
        TantivyError::LockFailure(..) | TantivyError::IoError(_) | TantivyError::Poisoned
    )
}
