//! The words of reported speech, in one place for direct quotes ([`crate::quotes`])
//! and reported speech ([`crate::reported`]): speech verbs, "according to" cues,
//! the words that open a complement clause, subject pronouns.

/// English verbs of saying and claiming, as lemmas: every form of each is a cue
/// ([`verbs`] inflects them: `urge`, `urges`, `urged`, `urging`).
const ENGLISH_LEMMAS: &[&str] = &[
    "add",
    "argue",
    "insist",
    "warn",
    "suggest",
    "acknowledge",
    "admit",
    "assert",
    "contend",
    "maintain",
    "believe",
    "predict",
    "vow",
    "deny",
    "confirm",
    "allege",
    "declare",
    "emphasize",
    "emphasise",
    "indicate",
    "complain",
    "mention",
    "expect",
    "urge",
    "propose",
    "encourage",
    "ask",
    "recall",
    "accuse",
    "describe",
    "reveal",
    "criticize",
    "criticise",
    "concede",
    "testify",
    "boast",
    "observe",
    "reiterate",
    "agree",
    "disagree",
    "conclude",
    "advise",
    "recommend",
    "announce",
    "explain",
    "shout",
];

/// Lemmas that are nouns too ("the state", "a report"): only their past and
/// gerund are cues (`stated`, `reporting`).
const ENGLISH_NOUN_LEMMAS: &[&str] = &[
    "claim", "state", "note", "report", "promise", "estimate", "stress", "tweet", "question",
    "reply", "respond", "pledge", "blame", "caution", "remark", "repeat", "charge", "demand",
    "answer", "point",
];

/// Irregular English forms, and verbs of other languages as written (German in
/// [`crate::german`]).
const VERBS_AS_WRITTEN: &[&str] = &[
    "says",
    "saying",
    "tells",
    "telling",
    "thinks",
    "thought",
    "writes",
    "writing",
    "written",
    "said",
    "says",
    "told",
    "added",
    "argued",
    "claimed",
    "stated",
    "announced",
    "noted",
    "explained",
    "insisted",
    "warned",
    "suggested",
    "acknowledged",
    "admitted",
    "asserted",
    "contended",
    "maintained",
    "reported",
    "reports",
    "believes",
    "believed",
    "predicted",
    "promised",
    "vowed",
    "denied",
    "confirmed",
    "wrote",
    "writes",
    "alleged",
    "declared",
    "estimated",
    "emphasized",
    "stressed",
    "indicated",
    "complained",
    "tweeted",
    "called for",
    "calls for",
    "calling for",
    "called on",
    "calls on",
    "calling on",
    "meinte",
    "teilte",
    "fügte",
    "a déclaré",
    "a dit",
    "a affirmé",
    "a expliqué",
    "a estimé",
    "a ajouté",
    "a souligné",
    "a indiqué",
    "déclare",
    "affirme",
    "estime",
    "explique",
    "dijo",
    "afirmó",
    "declaró",
    "explicó",
    "aseguró",
    "señaló",
    "indicó",
    "añadió",
    "disse",
    "afirmou",
    "declarou",
    "ha detto",
    "ha dichiarato",
    "ha affermato",
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
    "підкреслив",
    "підкреслила",
    "додав",
    "додала",
    "пояснив",
    "пояснила",
    "відповів",
    "відповіла",
    "розповів",
    "розповіла",
    "резюмував",
    "резюмувала",
    "констатував",
    "констатувала",
    "запевнив",
    "запевнила",
    "визнав",
    "визнала",
    "написав",
    "написала",
    "заявил",
    "сказал",
    "отметил",
    "отметила",
    "сообщил",
    "сообщила",
    "подчеркнул",
    "подчеркнула",
    "добавил",
    "добавила",
    "пояснил",
    "пояснила",
    "ответил",
    "ответила",
    "рассказал",
    "рассказала",
    "резюмировал",
    "резюмировала",
    "заверил",
    "заверила",
    "признал",
    "признала",
    "написал",
    "написала",
    "powiedział",
    "powiedziała",
    "stwierdził",
    "stwierdziła",
    "oświadczył",
    "oświadczyła",
    "dodał",
    "dodała",
    "podkreślił",
    "podkreśliła",
    "wyjaśnił",
    "wyjaśniła",
    "odpowiedział",
    "odpowiedziała",
    "zaznaczył",
    "zaznaczyła",
    "przyznał",
    "przyznała",
    "asked",
    "replied",
    "shouted",
    "a répondu",
    "a lancé",
];

/// Every speech-verb cue: the forms as written and the English lemmas inflected.
pub(crate) fn verbs() -> &'static [String] {
    static VERBS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    VERBS.get_or_init(|| {
        let mut all: Vec<String> = VERBS_AS_WRITTEN.iter().map(|v| v.to_string()).collect();
        let forms = ENGLISH_LEMMAS
            .iter()
            .flat_map(|l| inflect(l))
            .chain(
                ENGLISH_NOUN_LEMMAS
                    .iter()
                    .flat_map(|l| inflect(l).into_iter().skip(2)),
            )
            .chain(crate::german::verb_forms());
        for form in forms {
            if !all.contains(&form) {
                all.push(form);
            }
        }
        all
    })
}

/// English nouns of saying that take a complement clause ("the claim that …").
const ENGLISH_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "statement",
    "announcement",
    "assertion",
    "allegation",
    "allegations",
    "assurance",
    "assurances",
    "insistence",
    "admission",
    "warning",
];

/// Every noun of saying that may introduce reported speech.
pub(crate) fn nouns() -> &'static [String] {
    static NOUNS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NOUNS.get_or_init(|| {
        ENGLISH_NOUNS
            .iter()
            .map(|n| n.to_string())
            .chain(crate::german::noun_forms())
            .collect()
    })
}

/// A regular English verb's base, third person, past and gerund: `urge`, `urges`,
/// `urged`, `urging`; `deny` → `denies`, `denied`; `stress` → `stresses`.
fn inflect(lemma: &str) -> [String; 4] {
    let stem_e = lemma.strip_suffix('e').filter(|_| !lemma.ends_with("ee"));
    let consonant_y = lemma
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']));
    let third = match consonant_y {
        Some(s) => format!("{s}ies"),
        None if lemma.ends_with(['s', 'x', 'z'])
            || lemma.ends_with("sh")
            || lemma.ends_with("ch") =>
        {
            format!("{lemma}es")
        }
        None => format!("{lemma}s"),
    };
    let past = match consonant_y {
        _ if lemma.ends_with('e') => format!("{lemma}d"),
        Some(s) => format!("{s}ied"),
        None => format!("{lemma}ed"),
    };
    let gerund = stem_e.map_or_else(|| format!("{lemma}ing"), |s| format!("{s}ing"));
    [lemma.to_string(), third, past, gerund]
}

/// Cues that name the source before or after the content ("according to X, …").
pub(crate) const ACCORDING: &[&str] = &[
    "за його словами",
    "за її словами",
    "по его словам",
    "по её словам",
    "по ее словам",
    "in his words",
    "in her words",
    "according to",
    "laut",
    "selon",
    "según",
    "segundo",
    "secondo",
    "за словами",
    "по словам",
    "według",
    "zdaniem",
];

/// Cues that only attribute a direct quote (German `„…“, so der Minister`).
pub(crate) const QUOTE_ONLY: &[&str] = &["so "];

/// Words that open the complement clause, skipped.
pub(crate) const COMPLEMENTIZERS: &[&str] = &[
    "that", "dass", "daß", "que", "qu'", "qu’", "che", "що", "что", "że", "dat",
];

/// Subject pronouns by language, resolved to the person named before.
const PRONOUNS: &[(&str, &[&str])] = &[
    ("en", &["he", "she"]),
    ("de", &["er", "sie"]),
    ("fr", &["il", "elle"]),
    ("es", &["él", "ella"]),
    ("pt", &["ele", "ela"]),
    ("it", &["lui", "lei", "egli"]),
    ("uk", &["він", "вона"]),
    ("ru", &["он", "она"]),
    ("pl", &["on", "ona"]),
    ("nl", &["hij", "zij"]),
];

/// Whether a lower-case word is a subject pronoun in `language` (in any language
/// when it is not one of the table's: Polish `on` is not English "on").
pub(crate) fn is_pronoun(language: &str, word: &str) -> bool {
    match PRONOUNS.iter().find(|(lang, _)| *lang == language) {
        Some((_, words)) => words.contains(&word),
        None => PRONOUNS.iter().any(|(_, words)| words.contains(&word)),
    }
}

/// The cue of `cues` that comes first in `haystack`, the longest where several
/// start at one place ("sagte", not "sagt"): its byte offset and the cue.
pub(crate) fn first_cue<'c>(
    haystack: &str,
    cues: impl Iterator<Item = &'c str>,
) -> Option<(usize, &'c str)> {
    cues.filter_map(|cue| find_cue(haystack, cue).map(|at| (at, cue)))
        .min_by_key(|(at, cue)| (*at, std::cmp::Reverse(cue.len())))
}

/// Byte offset of the first `cue` in `haystack` that stands as whole words (a cue
/// ending in a space, `so `, carries its own end): `added`, not `additional`.
pub(crate) fn find_cue(haystack: &str, cue: &str) -> Option<usize> {
    haystack.match_indices(cue).map(|(at, _)| at).find(|&at| {
        let starts = haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ends = cue.ends_with(' ')
            || haystack[at + cue.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
        starts && ends
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lemmas_are_inflected() {
        assert_eq!(
            inflect("urge"),
            ["urge", "urges", "urged", "urging"].map(String::from)
        );
        assert_eq!(
            inflect("deny"),
            ["deny", "denies", "denied", "denying"].map(String::from)
        );
        assert_eq!(
            inflect("stress"),
            ["stress", "stresses", "stressed", "stressing"].map(String::from)
        );
        assert_eq!(inflect("agree")[2], "agreed");
        assert_eq!(inflect("agree")[3], "agreeing");
        let all = verbs();
        assert!(all.iter().any(|v| v == "reported") && !all.iter().any(|v| v == "report"));
        assert!(all.iter().any(|v| v == "said") && all.iter().any(|v| v == "заявив"));
    }
}
