//! Where sentences end in running text: at `. ! ?` and line breaks, but not at the
//! stop of an abbreviated title or an initial before a name (`Mr. Barrett`,
//! `Rep. Chaffetz`, `J. Smith`).

/// Sentences with their byte offsets: split after `.`, `!`, `?` followed by a space
/// and a capital or a quote (not after an abbreviated title), and at line breaks.
pub(crate) fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(at, c)) in bytes.iter().enumerate() {
        let next = bytes.get(n + 1).map(|x| x.1);
        let after = bytes.get(n + 2).map(|x| x.1);
        let ends = c == '\n'
            || (matches!(c, '.' | '!' | '?')
                && next == Some(' ')
                && after.is_some_and(|a| a.is_uppercase() || "“\"«„".contains(a))
                && (c != '.' || !after_abbreviation(&text[..at])));
        if ends {
            let end = at + c.len_utf8();
            if text[start..end].trim().len() > 1 {
                out.push((start, &text[start..end]));
            }
            start = end;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push((start, &text[start..]));
    }
    out
}

pub(crate) fn last_sentence(s: &str) -> &str {
    sentence_ends(s).last().map_or(s, |p| &s[p + 1..])
}

pub(crate) fn first_sentence(s: &str) -> &str {
    sentence_ends(s).next().map_or(s, |p| &s[..p])
}

/// Whether `s` holds the end of one sentence and the start of another: `. ! ?`
/// and a space, not after an abbreviation (`Mr. Trump`), or a line break.
pub(crate) fn spans_sentences(s: &str) -> bool {
    let s = s.trim_end();
    sentence_ends(s).any(|at| s[at + 1..].starts_with([' ', '\n']) || s[at..].starts_with('\n'))
}

/// Where sentences end in `s`: `. ! ?` or a line break, but not the stop of an
/// abbreviation before a name (`Mr. Barrett said`, `Rep. Chaffetz`, `J. Smith`):
/// a capitalised word of one or two letters, or a title's short form.
fn sentence_ends(s: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    s.char_indices()
        .filter(|(_, c)| matches!(c, '.' | '!' | '?' | '\n'))
        .filter(move |&(at, c)| c != '.' || !after_abbreviation(&s[..at]))
        .map(|(at, _)| at)
}

fn after_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    capitalised && (word.chars().count() <= 2 || TITLE_ABBREVIATIONS.contains(&word))
}

/// Titles written short before a name, longer than two letters.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mrs", "Rep", "Sen", "Gov", "Gen", "Col", "Rev", "Sgt", "Capt", "Prof", "Maj", "Adm", "Cpl",
    "Lieut", "Supt", "Insp", "Hon", "Pres", "Amb",
];
