//! A parsed [`SearchQuery`] as a tantivy query over the index's fields.
//!
//! Every word and phrase is analysed by each text field's own analyser (folded
//! words in the title and body, each language's stemmer in its field), so a query
//! needs no language; a word also matches the cross-script keys of names. The
//! shape is fixed by the query language's bounds: at most `MAX_CLAUSES` clauses,
//! each a union over the fields of one term or one phrase of at most
//! `MAX_PHRASE_WORDS` terms with slop at most `MAX_SLOP`.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::query::{Clause, Occurrence, QueryError, SearchQuery, Target, MAX_PHRASE_WORDS};
use crate::{keys_of, SearchError, SearchIndex};

/// How much more a match in the headline counts than one in the body.
const TITLE_BOOST: f32 = 2.0;

type Clauses = Vec<(Occur, Box<dyn Query>)>;

impl SearchIndex {
    pub(crate) fn build(&self, query: &SearchQuery) -> Result<Box<dyn Query>, SearchError> {
        let mut clauses: Clauses = Vec::with_capacity(query.clauses.len() + 1);
        for clause in &query.clauses {
            if let Some(built) = self.clause(clause)? {
                clauses.push((occur(clause.occurrence), built));
            }
        }
        if !clauses.iter().any(|(o, _)| *o != Occur::MustNot) {
            return Err(QueryError::NothingToFind.into());
        }
        let text: Box<dyn Query> = Box::new(BooleanQuery::new(clauses));
        let Some(language) = &query.language else {
            return Ok(text);
        };
        let term = Term::from_field_text(self.fields.language, language);
        Ok(Box::new(BooleanQuery::new(vec![
            (Occur::Must, text),
            (
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ),
        ])))
    }

    /// Every word of `name` as a cross-script key; `None` when no word carries one.
    pub(crate) fn name_query(&self, name: &str) -> Option<Box<dyn Query>> {
        let keys = keys_of(name);
        if keys.is_empty() {
            return None;
        }
        let all: Clauses = keys
            .iter()
            .map(|key| (Occur::Must, self.name_term(key)))
            .collect();
        Some(Box::new(BooleanQuery::new(all)))
    }

    fn name_term(&self, key: &str) -> Box<dyn Query> {
        let term = Term::from_field_text(self.fields.names, key);
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// One clause as a union over the fields; `None` when nothing of it is indexable
    /// (a word of punctuation only).
    fn clause(&self, clause: &Clause) -> Result<Option<Box<dyn Query>>, SearchError> {
        let (text, slop) = match &clause.target {
            Target::Name(name) => {
                if let Some(query) = self.name_query(name) {
                    return Ok(Some(query));
                }
                (name.clone(), 0)
            }
            Target::Word(word) => (word.clone(), 0),
            Target::Phrase { words, slop } => (words.join(" "), *slop),
        };
        let mut any: Clauses = Vec::new();
        for (field, boost) in self.text_fields() {
            if let Some(query) = self.in_field(field, &text, slop)? {
                let query: Box<dyn Query> = if boost == 1.0 {
                    query
                } else {
                    Box::new(BoostQuery::new(query, boost))
                };
                any.push((Occur::Should, query));
            }
        }
        if let Target::Word(word) = &clause.target {
            any.extend(
                keys_of(word)
                    .iter()
                    .map(|k| (Occur::Should, self.name_term(k))),
            );
        }
        Ok((!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>))
    }

    fn text_fields(&self) -> impl Iterator<Item = (Field, f32)> + '_ {
        let f = &self.fields;
        [(f.title, TITLE_BOOST), (f.body, 1.0)]
            .into_iter()
            .chain(f.stemmed.iter().map(|(_, field)| (*field, 1.0)))
    }

    /// `text` analysed as `field` indexes it: one term, or a phrase of its terms.
    fn in_field(
        &self,
        field: Field,
        text: &str,
        slop: u32,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        let mut analyzer = self.index.tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(text);
        let mut terms: Vec<(usize, Term)> = Vec::new();
        while stream.advance() {
            let token = stream.token();
            terms.push((token.position, Term::from_field_text(field, &token.text)));
            if terms.len() > MAX_PHRASE_WORDS {
                return Err(QueryError::PhraseTooLong { words: terms.len() }.into());
            }
        }
        Ok(match terms.len() {
            0 => None,
            1 => terms.pop().map(|(_, term)| {
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>
            }),
            _ => Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))),
        })
    }
}

fn occur(occurrence: Occurrence) -> Occur {
    match occurrence {
        Occurrence::Should => Occur::Should,
        Occurrence::Must => Occur::Must,
        Occurrence::MustNot => Occur::MustNot,
    }
}
