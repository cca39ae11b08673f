//! Who said what: quoted speech and its speaker, from the quotation marks of many
//! languages (“…”, "…", «…», „…“, ‚…‘, 「…」, 『…』, ‹…›) and a speech verb near
//! the quote ("said", "sagte", "a déclaré", "dijo", "заявив", "сказал",
//! "powiedział"…). The speaker is the name mentioned closest to that verb within the
//! sentence; a quote with no speech verb beside it is not reported (a title in
//! quotation marks is not a quote).

use crate::entities::Entity;

/// One quotation with its attribution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Quote {
    pub text: String,
    /// The speaker's name as written in this article.
    pub speaker: Option<String>,
}

/// Opening mark → the closing marks that may end it.
const MARKS: &[(char, &[char])] = &[
    ('“', &['”']),
    ('"', &['"']),
    ('«', &['»']),
    ('„', &['“', '”']),
    ('‚', &['‘', '’']),
    ('「', &['」']),
    ('『', &['』']),
    ('‹', &['›']),
    ('»', &['«']),
];

/// Speech verbs and phrases (lower case, matched at word starts).
const SPEECH: &[&str] = &[
    // en
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "according to",
    "warned",
    "wrote",
    // de
    "sagte",
    "sagt",
    "erklärte",
    "betonte",
    "so ",
    "schrieb",
    "fügte",
    "warnte",
    // fr
    "a déclaré",
    "a dit",
    "a affirmé",
    "selon",
    "a ajouté",
    "déclare",
    "affirme",
    "a souligné",
    // es / pt / it
    "dijo",
    "afirmó",
    "declaró",
    "según",
    "señaló",
    "disse",
    "afirmou",
    "segundo",
    "ha detto",
    "ha dichiarato",
    "secondo",
    // uk
    "заявив",
    "заявила",
    "сказав",
    "сказала",
    "зазначив",
    "зазначила",
    "повідомив",
    "повідомила",
    "наголосив",
    "наголосила",
    "за словами",
    "додав",
    "додала",
    // ru
    "заявил",
    "заявила",
    "сказал",
    "сказала",
    "отметил",
    "отметила",
    "сообщил",
    "сообщила",
    "подчеркнул",
    "по словам",
    // pl
    "powiedział",
    "powiedziała",
    "stwierdził",
    "stwierdziła",
    "oświadczył",
    "dodał",
    "według",
];

/// Characters around a quote searched for its attribution.
const WINDOW: usize = 120;
const MIN_WORDS: usize = 3;
const MAX_CHARS: usize = 600;

/// Quotes in `text`, in order, with speakers picked from `entities`.
pub fn extract_quotes(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let mut quotes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((_, closers)) = MARKS.iter().find(|(open, _)| *open == chars[i]) else {
            i += 1;
            continue;
        };
        let Some(len) = chars[i + 1..]
            .iter()
            .take(MAX_CHARS)
            .position(|c| closers.contains(c) || *c == '\n')
            .filter(|&n| closers.contains(&chars[i + 1 + n]))
        else {
            i += 1;
            continue;
        };
        let inner: String = chars[i + 1..i + 1 + len].iter().collect();
        let end = i + 1 + len + 1;
        if inner.split_whitespace().count() >= MIN_WORDS {
            let before: String = chars[i.saturating_sub(WINDOW)..i].iter().collect();
            let after: String = chars[end.min(chars.len())..(end + WINDOW).min(chars.len())]
                .iter()
                .collect();
            let before = last_sentence(&before);
            let after = first_sentence(&after);
            if has_speech_verb(before) || has_speech_verb(after) {
                quotes.push(Quote {
                    text: inner.trim().to_string(),
                    speaker: speaker(after, before, entities),
                });
            }
        }
        i = end;
    }
    quotes
}

fn last_sentence(s: &str) -> &str {
    s.rfind(['.', '!', '?', '\n']).map_or(s, |p| &s[p + 1..])
}

fn first_sentence(s: &str) -> &str {
    s.find(['.', '!', '?', '\n']).map_or(s, |p| &s[..p])
}

fn has_speech_verb(s: &str) -> bool {
    let lower = s.to_lowercase();
    SPEECH.iter().any(|verb| {
        lower.match_indices(verb).any(|(at, _)| {
            at == 0
                || !lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        })
    })
}

/// The entity mentioned in the attribution: after the quote first ("…," said X),
/// then the one closest before it (X said: "…").
fn speaker(after: &str, before: &str, entities: &[Entity]) -> Option<String> {
    let first_after = entities
        .iter()
        .filter_map(|e| after.find(&e.text).map(|at| (at, e)))
        .min_by_key(|(at, e)| (*at, usize::MAX - e.text.len()));
    let last_before = entities
        .iter()
        .filter_map(|e| before.rfind(&e.text).map(|at| (at + e.text.len(), e)))
        .max_by_key(|(end, e)| (*end, e.text.len()));
    first_after.or(last_before).map(|(_, e)| e.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(text: &str) -> Entity {
        Entity {
            text: text.into(),
            keys: Vec::new(),
            count: 1,
            kind: crate::entities::EntityKind::Person,
        }
    }

    #[test]
    fn quotes_and_speakers_in_several_languages() {
        let names = [
            entity("Ilse Brandvold"),
            entity("Veldmark"),
            entity("Ільзе Брандвольд"),
            entity("Marit Solheim"),
        ];
        let en = "“Nobody was hurt and the quay will reopen on Wednesday,” harbour master Ilse Brandvold said.";
        assert_eq!(
            extract_quotes(en, &names),
            vec![Quote {
                text: "Nobody was hurt and the quay will reopen on Wednesday,".into(),
                speaker: Some("Ilse Brandvold".into())
            }]
        );
        let uk = "Ільзе Брандвольд заявила: «Ніхто не постраждав, причал відкриють у середу».";
        let q = extract_quotes(uk, &names);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_deref(), Some("Ільзе Брандвольд"));
        let de = "„Niemand wurde verletzt“, sagte Hafenmeisterin Ilse Brandvold in Veldmark.";
        assert_eq!(
            extract_quotes(de, &names)[0].speaker.as_deref(),
            Some("Ilse Brandvold")
        );
    }

    #[test]
    fn titles_in_quotes_and_broken_marks_are_not_quotes() {
        let names = [entity("Marit Solheim")];
        assert!(extract_quotes(
            "The choir sang “Songs of the Northern Coast” on Saturday.",
            &names
        )
        .is_empty());
        assert!(extract_quotes("He said “this never closes", &names).is_empty());
        assert!(
            extract_quotes("Marit Solheim said “yes”.", &names).is_empty(),
            "too short"
        );
        assert!(extract_quotes("", &names).is_empty());
    }
}
