//! The search query language: what a user may ask, and a bound on what it may cost.
//!
//! A query is a list of clauses separated by spaces:
//!
//! - `word` — should appear (documents with more of the words rank higher);
//! - `"a phrase"` — the words next to each other; `"a phrase"~2` lets up to 2 other
//!   words sit between them (at most [`MAX_SLOP`]);
//! - `+word`, `+"a phrase"` — must appear; `-word`, `NOT word` — must not;
//!   `a AND b` — both must appear; `OR` between clauses is the default and is ignored;
//! - `name:Zelensky`, `name:"Volodymyr Zelensky"` — the name in any script or spelling;
//! - `lang:uk` (or `language:uk`) — only articles in that language.
//!
//! There is no grouping, no wildcard and no range: parentheses and other punctuation
//! separate words. The cost of a query is bounded by its parts: at most
//! [`MAX_QUERY_CHARS`] characters, [`MAX_CLAUSES`] distinct clauses and
//! [`MAX_PHRASE_WORDS`] words in a phrase; a query beyond a bound is refused with an
//! error that names it, never cut silently.

/// Longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// Most distinct clauses (words, phrases, names) in one query.
pub const MAX_CLAUSES: usize = 24;
/// Most words in one phrase (also in one word that the index splits, `U.S.-led`).
pub const MAX_PHRASE_WORDS: usize = 8;
/// Most words a phrase may let sit between its own.
pub const MAX_SLOP: u32 = 3;

/// Whether a clause must, should or must not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Occurrence {
    Should,
    Must,
    MustNot,
}

/// What a clause looks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A word as written (the index's analysers split and stem it).
    Word(String),
    /// Words next to each other, with up to `slop` others between them.
    Phrase { words: Vec<String>, slop: u32 },
    /// A name, matched by its cross-script keys.
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Clause {
    pub occurrence: Occurrence,
    pub target: Target,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchQuery {
    pub clauses: Vec<Clause>,
    /// Only articles in this language (ISO 639 code).
    pub language: Option<String>,
}

/// Why a query is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("the query is empty")]
    Empty,
    #[error("the query is {chars} characters long; the limit is {MAX_QUERY_CHARS}")]
    TooLong { chars: usize },
    #[error("the query has an opening quote (\") without a closing one")]
    UnclosedQuote,
    #[error("the query has {count} distinct words, phrases and names; the limit is {MAX_CLAUSES}")]
    TooManyClauses { count: usize },
    #[error("a phrase has {words} words; the limit is {MAX_PHRASE_WORDS}")]
    PhraseTooLong { words: usize },
    #[error("`~{given}` after a phrase: the slop is a number from 0 to {MAX_SLOP}")]
    BadSlop { given: String },
    #[error("`{given}` is not a language code (two or three letters, like `en` or `uk`)")]
    BadLanguage { given: String },
    #[error("two languages asked for: `{0}` and `{1}`")]
    TwoLanguages(String, String),
    #[error("`{0}` needs a name after it")]
    MissingName(String),
    #[error("the query only excludes; it needs at least one word, phrase or name to find")]
    NothingToFind,
}

impl SearchQuery {
    /// Parses `text` in the query language above.
    pub fn parse(text: &str) -> Result<SearchQuery, QueryError> {
        let chars = text.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong { chars });
        }
        let mut query = SearchQuery::default();
        let mut pending_and = false;
        let mut tokens = Lexer::new(text);
        while let Some(token) = tokens.next_token()? {
            match token {
                Lexeme::And => pending_and = !query.clauses.is_empty(),
                Lexeme::Or => {}
                Lexeme::Language(code) => query.set_language(&code)?,
                Lexeme::Clause(mut clause) => {
                    if pending_and {
                        if let Some(last) = query.clauses.last_mut() {
                            if last.occurrence == Occurrence::Should {
                                last.occurrence = Occurrence::Must;
                            }
                        }
                        if clause.occurrence == Occurrence::Should {
                            clause.occurrence = Occurrence::Must;
                        }
                        pending_and = false;
                    }
                    query.push(clause)?;
                }
            }
        }
        query.check()?;
        Ok(query)
    }

    /// A plain query from free text (a headline, names): each distinct word should
    /// appear, no syntax is read, and words past [`MAX_CLAUSES`] are left out.
    pub fn any_of_words<'a>(words: impl IntoIterator<Item = &'a str>) -> SearchQuery {
        let mut query = SearchQuery::default();
        for word in words
            .into_iter()
            .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
        {
            if query.clauses.len() >= MAX_CLAUSES {
                break;
            }
            let clause = Clause {
                occurrence: Occurrence::Should,
                target: Target::Word(word.to_string()),
            };
            if !query.clauses.contains(&clause) {
                query.clauses.push(clause);
            }
        }
        query
    }

    /// Restricts the query to one language (a `lang:` in the query must agree).
    pub fn set_language(&mut self, code: &str) -> Result<(), QueryError> {
        let code = code.trim().to_ascii_lowercase();
        let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
        if !valid {
            return Err(QueryError::BadLanguage { given: code });
        }
        match &self.language {
            Some(existing) if *existing != code => {
                Err(QueryError::TwoLanguages(existing.clone(), code))
            }
            _ => {
                self.language = Some(code);
                Ok(())
            }
        }
    }

    /// What the query asks for, as text for an embedding model: the words, phrases
    /// and names it wants, in order (what it excludes is left out); `None` when it
    /// wants nothing but exclusions.
    pub fn meaning(&self) -> Option<String> {
        let parts: Vec<String> = self
            .clauses
            .iter()
            .filter(|c| c.occurrence != Occurrence::MustNot)
            .map(|c| match &c.target {
                Target::Word(w) | Target::Name(w) => w.clone(),
                Target::Phrase { words, .. } => words.join(" "),
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Whether there is nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    fn push(&mut self, clause: Clause) -> Result<(), QueryError> {
        if self.clauses.contains(&clause) {
            return Ok(());
        }
        if self.clauses.len() >= MAX_CLAUSES {
            return Err(QueryError::TooManyClauses {
                count: self.clauses.len() + 1,
            });
        }
        self.clauses.push(clause);
        Ok(())
    }

    fn check(&self) -> Result<(), QueryError> {
        if self.clauses.is_empty() {
            return Err(QueryError::Empty);
        }
        if self
            .clauses
            .iter()
            .all(|c| c.occurrence == Occurrence::MustNot)
        {
            return Err(QueryError::NothingToFind);
        }
        Ok(())
    }
}

enum Lexeme {
    Clause(Clause),
    Language(String),
    And,
    Or,
}

/// Reads a query left to right, one clause or operator at a time.
struct Lexer<'a> {
    rest: &'a str,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        Lexer { rest: text }
    }

    fn next_token(&mut self) -> Result<Option<Lexeme>, QueryError> {
        loop {
            self.rest = self.rest.trim_start();
            if self.rest.is_empty() {
                return Ok(None);
            }
            if let Some(lexeme) = self.lexeme()? {
                return Ok(Some(lexeme));
            }
        }
    }

    /// One lexeme, or `None` for something that reads as nothing (a lone `-`, `""`).
    fn lexeme(&mut self) -> Result<Option<Lexeme>, QueryError> {
        let mut occurrence = Occurrence::Should;
        if let Some(rest) = self.rest.strip_prefix('+') {
            occurrence = Occurrence::Must;
            self.rest = rest;
        } else if let Some(rest) = self.rest.strip_prefix('-') {
            occurrence = Occurrence::MustNot;
            self.rest = rest;
        }
        if self.rest.starts_with('"') {
            return Ok(self
                .phrase()?
                .map(|target| Lexeme::Clause(Clause { occurrence, target })));
        }
        let word = self.word();
        if occurrence == Occurrence::Should {
            match word {
                "AND" => return Ok(Some(Lexeme::And)),
                "OR" => return Ok(Some(Lexeme::Or)),
                "NOT" => return self.negated(),
                _ => {}
            }
        }
        if let Some((field, value)) = word.split_once(':') {
            match field.to_ascii_lowercase().as_str() {
                "lang" | "language" => return Ok(Some(Lexeme::Language(value.to_string()))),
                "name" => return self.name(field, value, occurrence),
                _ => {}
            }
        }
        if word.is_empty() {
            return Ok(None);
        }
        Ok(Some(Lexeme::Clause(Clause {
            occurrence,
            target: Target::Word(word.to_string()),
        })))
    }

    /// `NOT x`: the next clause must not match.
    fn negated(&mut self) -> Result<Option<Lexeme>, QueryError> {
        self.rest = self.rest.trim_start();
        if self.rest.is_empty() {
            return Ok(Some(Lexeme::Clause(Clause {
                occurrence: Occurrence::Should,
                target: Target::Word("NOT".into()),
            })));
        }
        Ok(match self.lexeme()? {
            Some(Lexeme::Clause(mut clause)) => {
                clause.occurrence = Occurrence::MustNot;
                Some(Lexeme::Clause(clause))
            }
            other => other,
        })
    }

    /// `name:Word` or `name:"Two Words"`.
    fn name(
        &mut self,
        field: &str,
        value: &str,
        occurrence: Occurrence,
    ) -> Result<Option<Lexeme>, QueryError> {
        let name = if value.is_empty() && self.rest.starts_with('"') {
            match self.phrase()? {
                Some(Target::Phrase { words, .. }) => words.join(" "),
                _ => String::new(),
            }
        } else {
            value.to_string()
        };
        if name.trim().is_empty() {
            return Err(QueryError::MissingName(format!("{field}:")));
        }
        Ok(Some(Lexeme::Clause(Clause {
            occurrence,
            target: Target::Name(name),
        })))
    }

    /// Up to the next space or quote.
    fn word(&mut self) -> &'a str {
        let end = self
            .rest
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(self.rest.len());
        let (word, rest) = self.rest.split_at(end);
        self.rest = rest;
        word
    }

    /// A quoted phrase and its optional `~slop`; `None` when the quotes hold no word.
    fn phrase(&mut self) -> Result<Option<Target>, QueryError> {
        let inner = &self.rest[1..];
        let close = inner.find('"').ok_or(QueryError::UnclosedQuote)?;
        let words: Vec<String> = inner[..close]
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.rest = &inner[close + 1..];
        let mut slop = 0;
        if let Some(rest) = self.rest.strip_prefix('~') {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let given = &rest[..end];
            slop = given
                .parse::<u32>()
                .ok()
                .filter(|s| *s <= MAX_SLOP)
                .ok_or_else(|| QueryError::BadSlop {
                    given: given.chars().take(20).collect(),
                })?;
            self.rest = &rest[end..];
        }
        if words.len() > MAX_PHRASE_WORDS {
            return Err(QueryError::PhraseTooLong { words: words.len() });
        }
        Ok(match words.len() {
            0 => None,
            1 => words.into_iter().next().map(Target::Word),
            _ => Some(Target::Phrase { words, slop }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(occurrence: Occurrence, w: &str) -> Clause {
        Clause {
            occurrence,
            target: Target::Word(w.into()),
        }
    }

    #[test]
    fn words_phrases_names_and_operators() {
        let q = SearchQuery::parse(
            r#"bridge "flood warning"~2 +Kyiv -rumour name:"Volodymyr Zelensky" lang:UK"#,
        )
        .unwrap();
        assert_eq!(q.language.as_deref(), Some("uk"));
        assert_eq!(
            q.clauses,
            vec![
                word(Occurrence::Should, "bridge"),
                Clause {
                    occurrence: Occurrence::Should,
                    target: Target::Phrase {
                        words: vec!["flood".into(), "warning".into()],
                        slop: 2
                    }
                },
                word(Occurrence::Must, "Kyiv"),
                word(Occurrence::MustNot, "rumour"),
                Clause {
                    occurrence: Occurrence::Should,
                    target: Target::Name("Volodymyr Zelensky".into())
                },
            ]
        );
        let q = SearchQuery::parse("storm AND flood OR fire NOT hoax").unwrap();
        assert_eq!(
            q.clauses,
            vec![
                word(Occurrence::Must, "storm"),
                word(Occurrence::Must, "flood"),
                word(Occurrence::Should, "fire"),
                word(Occurrence::MustNot, "hoax"),
            ]
        );
    }

    #[test]
    fn repeated_clauses_count_once() {
        let q = SearchQuery::parse(&"the ".repeat(100)).unwrap();
        assert_eq!(q.clauses, vec![word(Occurrence::Should, "the")]);
    }

    #[test]
    fn every_bound_is_refused_with_its_reason() {
        let cases = [
            (String::new(), QueryError::Empty),
            ("  \"\"  ".to_string(), QueryError::Empty),
            ("x".repeat(501), QueryError::TooLong { chars: 501 }),
            ("\"open quote".to_string(), QueryError::UnclosedQuote),
            (
                format!("\"{}\"~1000000", "the ".repeat(20)),
                QueryError::BadSlop {
                    given: "1000000".into(),
                },
            ),
            (
                "\"a b\"~x".to_string(),
                QueryError::BadSlop { given: "x".into() },
            ),
            (
                format!("\"{}\"", "w ".repeat(9)),
                QueryError::PhraseTooLong { words: 9 },
            ),
            (
                (0..30).map(|i| format!("w{i} ")).collect(),
                QueryError::TooManyClauses { count: 25 },
            ),
            ("-spam NOT ads".to_string(), QueryError::NothingToFind),
            (
                "lang:english storm".to_string(),
                QueryError::BadLanguage {
                    given: "english".into(),
                },
            ),
            (
                "lang:en lang:de storm".to_string(),
                QueryError::TwoLanguages("en".into(), "de".into()),
            ),
            (
                "name: x".to_string(),
                QueryError::MissingName("name:".into()),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(SearchQuery::parse(&text), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn syntax_of_other_engines_is_plain_words() {
        // Fields, ranges, wildcards and grouping are not ours: they read as words.
        let q = SearchQuery::parse("title:storm (a OR b) [1 TO 5] wild*").unwrap();
        let words: Vec<&Target> = q.clauses.iter().map(|c| &c.target).collect();
        assert_eq!(
            words,
            vec![
                &Target::Word("title:storm".into()),
                &Target::Word("(a".into()),
                &Target::Word("b)".into()),
                &Target::Word("[1".into()),
                &Target::Word("TO".into()),
                &Target::Word("5]".into()),
                &Target::Word("wild*".into()),
            ]
        );
    }

    #[test]
    fn free_text_is_never_syntax() {
        let q = SearchQuery::any_of_words(["\"Tokayev\": talks -AND- (Astana)", "Tokayev"]);
        let words: Vec<&Target> = q.clauses.iter().map(|c| &c.target).collect();
        assert_eq!(
            words,
            vec![
                &Target::Word("Tokayev".into()),
                &Target::Word("talks".into()),
                &Target::Word("AND".into()),
                &Target::Word("Astana".into()),
            ]
        );
        let many = SearchQuery::any_of_words(
            (0..100)
                .map(|_| "x y z")
                .chain(["a b c d e f g h i j k l m n o p q r s t u v w"]),
        );
        assert!(many.clauses.len() <= MAX_CLAUSES);
    }
}
