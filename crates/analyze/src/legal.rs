//! Company names with their legal form: `ТОВ «Бюро Ейнштейн»`, `ДП «НАЕК
//! «Енергоатом»`, `ООО «Ромашка»`, `ВАТ «ДАК «Автомобільні дороги України»`. The
//! form (an abbreviation of the company type) and the quoted name are one
//! organisation's name; the form alone names nobody, and the quoted part is not
//! a second name.

use crate::entities::{Entity, EntityKind};
use crate::names::name_key;

/// Abbreviated legal forms (Ukrainian, Russian, Polish), lower case.
const FORMS: &[&str] = &[
    "тов", "тзов", "пат", "прат", "зат", "ват", "ат", "дп", "кп", "пп", "мпп", "тд", "нвп", "нвф",
    "дг", "сп", "фг", "осбб", "нак", "дак", "го", "бф", "ооо", "оао", "зао", "пао", "ао", "гуп",
    "муп", "нко", "sp", "z.o.o",
];

/// Whether a lower-case word is a legal form.
pub(crate) fn is_legal_form(lower: &str) -> bool {
    FORMS.contains(&lower)
}

/// Opening quotation marks a company name is written in, with their closers.
const QUOTES: &[(char, char)] = &[('«', '»'), ('"', '"'), ('“', '”'), ('„', '“')];

/// Longest quoted name taken, in characters.
const MAX_NAME_CHARS: usize = 120;

/// Company names in `text`: one or more legal forms, then a quoted name up to the
/// first closing mark (a nested name's own closer is often left out).
pub(crate) fn legal_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        match form_then_name(text, at) {
            Some(end) => {
                out.push(text[at..end].trim().to_string());
                at = end;
            }
            None => at += c.len_utf8(),
        }
    }
    out
}

/// The end of a company name starting at `at` with a legal form, if one does.
fn form_then_name(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].chars().next_back();
    if before.is_some_and(char::is_alphanumeric) {
        return None;
    }
    let rest = &text[at..];
    let word_len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    if word_len == 0
        || !word.chars().all(char::is_uppercase)
        || !is_legal_form(&word.to_lowercase())
    {
        return None;
    }
    let after = rest[word_len..]
        .strip_prefix(' ')
        .unwrap_or(&rest[word_len..]);
    let open = after.chars().next()?;
    let (_, close) = QUOTES.iter().find(|(o, _)| *o == open)?;
    let inner = &after[open.len_utf8()..];
    let len = inner
        .char_indices()
        .take(MAX_NAME_CHARS)
        .find(|(_, c)| c == close || *c == '\n')
        .filter(|(_, c)| c == close)?
        .0;
    let name = &inner[..len];
    if !name
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
    {
        return None;
    }
    let consumed = text.len() - inner.len() + len + close.len_utf8();
    Some(consumed)
}

/// Adds the company names of `text` as organisations and takes their quoted
/// parts' mentions back from the names found by capitals.
pub(crate) fn add_legal_names(entities: &mut Vec<Entity>, text: &str) {
    for name in legal_names(text) {
        let inner = name
            .split_once(|c: char| QUOTES.iter().any(|(o, _)| *o == c))
            .map_or("", |(_, rest)| rest);
        let inner = inner.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(at) = entities.iter().position(|e| e.text == inner) {
            entities[at].count -= 1;
            if entities[at].count == 0 {
                entities.remove(at);
            }
        }
        if let Some(e) = entities.iter_mut().find(|e| e.text == name) {
            e.count += 1;
            continue;
        }
        let keys: Vec<String> = name.split_whitespace().filter_map(name_key).collect();
        entities.push(Entity {
            text: name,
            keys,
            count: 1,
            kind: EntityKind::Organization,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_form_and_quoted_name_are_one_name() {
        let text = "Суд стягнув з ТОВ «Бюро Ейнштейн» борг. ДП «НАЕК «Енергоатом» заперечує. \
                    ООО \"Северный путь\" закрыто. ТОВ отримало ліцензію. Слово «ТОВ» у лапках.";
        assert_eq!(
            legal_names(text),
            vec![
                "ТОВ «Бюро Ейнштейн»",
                "ДП «НАЕК «Енергоатом»",
                "ООО \"Северный путь\""
            ]
        );
        assert!(
            legal_names("ТОВАРИСТВО «Світанок»").is_empty(),
            "a whole word"
        );
    }

    #[test]
    fn the_quoted_part_is_no_second_name() {
        let mut entities = vec![Entity {
            text: "Бюро Ейнштейн".into(),
            keys: vec!["br".into()],
            count: 1,
            kind: EntityKind::Other,
        }];
        add_legal_names(&mut entities, "Суд стягнув з ТОВ «Бюро Ейнштейн» борг.");
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].text, "ТОВ «Бюро Ейнштейн»");
        assert_eq!(entities[0].kind, EntityKind::Organization);
    }
}
