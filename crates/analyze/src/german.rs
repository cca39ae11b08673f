//! German words of reported speech: weak verbs of saying given as stems and
//! inflected ([`weak_forms`]: `meld` → `meldet`, `meldete`, `meldeten`,
//! `melden`, `gemeldet`), strong and separable verbs as written, and nouns of
//! saying that introduce a `dass`/`daß` clause ("mit der Mitteilung, daß …").
//! Verbs of thinking and feeling (glauben, hoffen, fürchten) are left out: what
//! someone thinks is not what they said.

/// Present stems of weak verbs of saying.
const WEAK_STEMS: &[&str] = &[
    "sag",
    "erklär",
    "behaupt",
    "bericht",
    "meld",
    "versicher",
    "beton",
    "bemerk",
    "erzähl",
    "antwort",
    "erwider",
    "verkünd",
    "bestätig",
    "forder",
    "verlang",
    "warn",
    "äußer",
    "klag",
    "beklag",
    "entgegn",
    "beteuer",
    "bekräftig",
    "erinner",
    "ersuch",
    "droh",
    "leugn",
    "kritisier",
    "protestier",
    "dementier",
    "kommentier",
    "argumentier",
    "telegraphier",
    "telegrafier",
    "informier",
];

/// Strong, irregular and separable verbs of saying, as written.
const AS_WRITTEN: &[&str] = &[
    "schreibt",
    "schrieb",
    "schrieben",
    "geschrieben",
    "ruft",
    "rief",
    "riefen",
    "spricht",
    "sprach",
    "sprachen",
    "verspricht",
    "versprach",
    "versprochen",
    "bittet",
    "bat",
    "baten",
    "gebeten",
    "rät",
    "riet",
    "empfiehlt",
    "empfahl",
    "empfohlen",
    "befiehlt",
    "befahl",
    "befohlen",
    "bestreitet",
    "bestritt",
    "bestritten",
    "verwies",
    "wies darauf hin",
    "hob hervor",
    "hervorgehoben",
    "unterstrich",
    "teilte mit",
    "teilten mit",
    "mitgeteilt",
    "mitteilte",
    "fügte hinzu",
    "hinzugefügt",
    "gab zu",
    "zugegeben",
    "räumte ein",
    "eingeräumt",
    "warf vor",
    "vorgeworfen",
    "forderte auf",
    "aufgefordert",
    "kündigte an",
    "angekündigt",
    "fragt",
    "fragte",
    "fragten",
    "gefragt",
    "vernehme",
    "vernimmt",
    "vernommen",
    "heißt es",
    "hieß es",
    "verlautet",
];

/// Nouns of saying: "die Mitteilung, daß …", "den Rath, …".
const NOUNS: &[&str] = &[
    "mitteilung",
    "erklärung",
    "behauptung",
    "nachricht",
    "meldung",
    "antwort",
    "versicherung",
    "zusicherung",
    "äußerung",
    "aussage",
    "vermerk",
    "forderung",
    "warnung",
    "vorwurf",
    "beschwerde",
    "gerücht",
    "aufforderung",
    "vorschlag",
    "bitte",
    "rath",
    "zusage",
    "versprechen",
    "kunde",
    "depesche",
    "telegramm",
    "botschaft",
];

/// Every German verb form of saying.
pub(crate) fn verb_forms() -> impl Iterator<Item = String> {
    WEAK_STEMS
        .iter()
        .flat_map(|s| weak_forms(s))
        .chain(AS_WRITTEN.iter().map(|s| s.to_string()))
}

/// Nouns of saying with their plural and genitive forms.
pub(crate) fn noun_forms() -> impl Iterator<Item = String> {
    NOUNS.iter().flat_map(|n| {
        let plural = if n.ends_with('e') {
            format!("{n}n")
        } else if n.ends_with("ung") || n.ends_with("cht") {
            format!("{n}en")
        } else {
            format!("{n}e")
        };
        [n.to_string(), plural, format!("{n}s")]
    })
}

/// A weak verb's forms from its present stem: `sag` → `sagt`, `sagte`,
/// `sagten`, `sagen`, `gesagt`; a stem in `d`/`t` or consonant + `n` takes `e`
/// before `t` (`meldet`, `antwortete`); unstressed prefixes and `-ier` take no
/// `ge-` (`erklärt`, `kritisiert`).
fn weak_forms(stem: &str) -> Vec<String> {
    let mut rev = stem.chars().rev();
    let (last, before) = (rev.next(), rev.next());
    let needs_e = matches!(last, Some('d' | 't'))
        || (matches!(last, Some('n' | 'm')) && before.is_some_and(|c| !"aeiouäöülrh".contains(c)));
    let t = if needs_e { "et" } else { "t" };
    let no_ge = ["be", "er", "ver", "ent", "emp", "zer", "ge", "miss"]
        .iter()
        .any(|p| stem.starts_with(p))
        || stem.ends_with("ier");
    let participle = if no_ge {
        format!("{stem}{t}")
    } else {
        format!("ge{stem}{t}")
    };
    let infinitive = if stem.ends_with("er") {
        format!("{stem}n")
    } else {
        format!("{stem}en")
    };
    // The first person (`sage`) is left out: it is mostly a noun (`Sage`).
    let mut forms = vec![
        format!("{stem}{t}"),
        format!("{stem}{t}e"),
        format!("{stem}{t}en"),
        infinitive,
        participle,
    ];
    forms.dedup();
    forms
}

/// Subjunctive I forms of auxiliaries and modals in the third person, which
/// German news uses for what someone said ("er sei krank", "die Regierung
/// habe entschieden"). `habe` and `werde` are the first person's indicative
/// too: after `ich` they are not counted.
const SUBJUNCTIVE_AUXILIARIES: &[&str] = &[
    "sei", "seien", "habe", "werde", "könne", "müsse", "solle", "wolle", "dürfe", "möge", "wisse",
];

/// Third-person subject pronouns, after which a verb in `-e` is a subjunctive
/// ("er hoffe", "man lege").
const THIRD_PERSON: &[&str] = &["er", "sie", "es", "man"];

/// Words in `-e` that follow a pronoun and are no verbs: determiners and
/// adverbs ("er eine", "es gerade").
const NOT_VERBS: &[&str] = &[
    "die",
    "eine",
    "keine",
    "seine",
    "ihre",
    "diese",
    "jene",
    "jede",
    "welche",
    "alle",
    "manche",
    "solche",
    "beide",
    "gerne",
    "gern",
    "lange",
    "ohne",
    "gerade",
    "bitte",
    "heute",
    "selbe",
    "meine",
    "deine",
    "unsere",
    "eure",
    "einige",
    "viele",
    "wenige",
    "andere",
    "ebenfalls",
];

/// Where a clause of `words` (lower case) turns to reported speech by its
/// mood: the index of a third-person subjunctive I verb, if any ("Er sei
/// bereit", "man müsse warten"; not "ich habe", "es sei denn", "Gott sei Dank").
pub(crate) fn subjunctive_at(words: &[String]) -> Option<usize> {
    (0..words.len()).find(|&k| {
        let w = words[k].as_str();
        let previous = k.checked_sub(1).map(|p| words[p].as_str());
        let next = words.get(k + 1).map(String::as_str);
        let idiom = matches!(next, Some("denn" | "es" | "dank" | "ich" | "wir"))
            || matches!(previous, Some("gott" | "ich" | "wir" | "sei"));
        if idiom {
            return false;
        }
        SUBJUNCTIVE_AUXILIARIES.contains(&w)
            || previous.is_some_and(|p| THIRD_PERSON.contains(&p))
                && w.chars().count() >= 4
                && w.ends_with('e')
                && !w.ends_with("te")
                && !NOT_VERBS.contains(&w)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_verbs_are_inflected() {
        assert_eq!(
            weak_forms("sag"),
            ["sagt", "sagte", "sagten", "sagen", "gesagt"].map(String::from)
        );
        assert!(weak_forms("meld").contains(&"gemeldet".to_string()));
        assert!(weak_forms("antwort").contains(&"antwortete".to_string()));
        assert!(weak_forms("entgegn").contains(&"entgegnete".to_string()));
        assert!(weak_forms("erklär").contains(&"erklärt".to_string()));
        assert!(weak_forms("kritisier").contains(&"kritisiert".to_string()));
        assert!(!weak_forms("kritisier").contains(&"gekritisiert".to_string()));
        assert!(weak_forms("beton").contains(&"betonte".to_string()));
        assert!(weak_forms("forder").contains(&"fordern".to_string()));
    }

    #[test]
    fn nouns_take_their_plurals() {
        let all: Vec<String> = noun_forms().collect();
        assert!(all.contains(&"mitteilungen".to_string()));
        assert!(all.contains(&"nachrichten".to_string()));
        assert!(all.contains(&"bitten".to_string()));
    }
}
