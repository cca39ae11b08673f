//! One key per real entity within a run: the same person, organisation or place
//! gets the same key across articles, spellings, inflections and scripts, and two
//! people who share a surname do not.
//!
//! A name is filed under its last word (the surname), read as a *form* — the word
//! in Latin letters with case endings stripped ([`name_form`]). A form seen before
//! has its entity. A new form joins an entity:
//! 1. in its own script, one with the same consonant skeleton ([`name_key`]:
//!    `Zelensky` and `Zelenskyy` give `zlnsk`) and a form within a letter or two
//!    (`zelensky` / `zelenskyy`; `kera` and `cora` are not one);
//! 2. else, across scripts, the entity without a form in this script whose sounds
//!    are nearest ([`crate::sounds`]: a weighted edit distance that knows which
//!    letters transliteration confuses, that abjads leave short vowels out and
//!    that kana, Hangul and Han add them) — `Зеленського` / `Zelensky`,
//!    `ヴァラエフ` / `Varayev`, `رادومسكي` / `Radomski` — when each is the other's
//!    nearest and no other is as near.
//!
//! Within one script nothing fuzzier than (1) links, so different people of one
//! language keep apart. Full names under one surname are told apart by their first
//! name's first sound (Hillary / Bill Clinton; Ilse / Ільзе meet); a surname alone
//! goes to the first full name filed under it.

use std::collections::HashMap;

use crate::acronyms::{without_designators, Acronyms};
use crate::entities::Entity;
use crate::names::{name_form, name_key};
use crate::sounds::{self, Vowels};

/// Sound similarity at which names in two scripts can be one (each must also be
/// the other's nearest). On names-xscript dev split by name parity, 0.6, 0.7 and
/// 0.8 give cross-language BCubed within 0.003 of each other on both halves
/// (0.736 / 0.698 at 0.7 when chosen): the mutual-nearest rule does the work.
const CROSS_SCRIPT_SIMILARITY: f64 = 0.7;

/// The script a name is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Hangul,
    Kana,
    Other,
}

/// The script of a word's first letter.
pub fn script_of(word: &str) -> Script {
    let Some(c) = word.chars().find(|c| c.is_alphabetic()) else {
        return Script::Other;
    };
    match c as u32 {
        0x41..=0x24F => Script::Latin,
        0x370..=0x3FF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F => Script::Arabic,
        0x3040..=0x30FF => Script::Kana,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Han,
        0xAC00..=0xD7A3 | 0x1100..=0x11FF => Script::Hangul,
        _ => Script::Other,
    }
}

/// One surname entity: its key and the forms seen of it, by script.
#[derive(Debug)]
struct Surname {
    key: String,
    forms: Vec<(String, Script)>,
    /// Full names filed under it: (first-name key, entity key).
    full: Vec<(Option<String>, String)>,
}

#[derive(Debug, Default)]
pub struct EntityLinker {
    surnames: Vec<Surname>,
    /// Form → surname index.
    by_form: HashMap<String, usize>,
    /// Consonant skeleton → surname indexes.
    by_skeleton: HashMap<String, Vec<usize>>,
    /// Keys handed out, to make each new one unique.
    used: HashMap<String, u32>,
    /// Full names by their initials, and the acronyms met.
    acronyms: Acronyms,
}

impl EntityLinker {
    pub fn new() -> Self {
        Self::default()
    }

    /// The entity key of a name; `None` when no word of it carries a key.
    pub fn key(&mut self, entity: &Entity) -> Option<String> {
        let words: Vec<&str> = entity
            .text
            .split_whitespace()
            .filter(|w| name_key(w).is_some())
            .collect();
        let words = without_designators(&words);
        let last = *words.last()?;
        let surname = self.surname(last)?;
        let first = (words.len() >= 2).then(|| words[0]).and_then(name_key);
        let key = self.full_name(surname, first);
        self.acronyms.record(&words, &key);
        Some(key)
    }

    /// The surname entity of a last word, filing the word's form under one.
    fn surname(&mut self, word: &str) -> Option<usize> {
        let form = name_form(word);
        let skeleton = name_key(word)?;
        let script = script_of(word);
        if let Some(&s) = self.by_form.get(&form) {
            // The same form in another script (`boman` from 博曼 and from Boman):
            // the surname is now written in this script too, and may not take
            // another form of it across scripts.
            let forms = &mut self.surnames[s].forms;
            if !forms.iter().any(|(_, other)| *other == script) {
                forms.push((form, script));
            }
            return Some(s);
        }
        let found = self.by_skeleton_match(&skeleton, &form, script);
        let s = found.unwrap_or_else(|| {
            let key = self.unique(&skeleton);
            self.surnames.push(Surname {
                key,
                forms: Vec::new(),
                full: Vec::new(),
            });
            self.surnames.len() - 1
        });
        self.surnames[s].forms.push((form.clone(), script));
        self.by_form.insert(form, s);
        let filed = self.by_skeleton.entry(skeleton).or_default();
        if !filed.contains(&s) {
            filed.push(s);
        }
        Some(s)
    }

    /// Rule 1: the same skeleton and a close form in the same script.
    fn by_skeleton_match(&self, skeleton: &str, form: &str, script: Script) -> Option<usize> {
        let candidates = self.by_skeleton.get(skeleton)?;
        candidates
            .iter()
            .filter_map(|&s| {
                self.surnames[s]
                    .forms
                    .iter()
                    .filter(|(_, other)| *other == script)
                    .map(|(f, _)| {
                        strsim::levenshtein(&sounds_and_vowels(form), &sounds_and_vowels(f))
                    })
                    .min()
                    .filter(|&d| d <= same_script_tolerance(form.len()))
                    .map(|d| (d, s))
            })
            .min()
            .map(|(_, s)| s)
    }

    fn full_name(&mut self, surname: usize, first: Option<String>) -> String {
        let entry = &mut self.surnames[surname];
        let Some(first) = first else {
            return entry
                .full
                .first()
                .map_or_else(|| entry.key.clone(), |(_, key)| key.clone());
        };
        if let Some((_, key)) = entry
            .full
            .iter()
            .find(|(f, _)| f.as_deref().is_some_and(|f| same_first_name(f, &first)))
        {
            return key.clone();
        }
        // The first full name under a surname takes the surname's own key (so earlier
        // mentions of the surname alone are already its); later ones their own.
        let key = if entry.full.is_empty() {
            entry.key.clone()
        } else {
            format!("{}/{first}", entry.key)
        };
        entry.full.push((Some(first), key.clone()));
        key
    }

    /// Rule 2, once the run's names are all known: surnames of different scripts
    /// that sound alike are one entity when each is the other's nearest in the
    /// other's script (a tie links neither). Pairs are taken nearest first, and an
    /// entity takes at most one partner per script. Keys handed out by [`Self::key`] are
    /// provisional until passed through the returned [`Resolution`].
    pub fn resolve(&self) -> Resolution {
        let n = self.surnames.len();
        let scripts: Vec<Vec<Script>> = self
            .surnames
            .iter()
            .map(|s| {
                let mut v: Vec<Script> = s.forms.iter().map(|(_, script)| *script).collect();
                v.dedup();
                v
            })
            .collect();
        let mut buckets: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, surname) in self.surnames.iter().enumerate() {
            for head in surname
                .forms
                .iter()
                .flat_map(|(f, script)| heads(f, *script))
            {
                let bucket = buckets.entry(head).or_default();
                if bucket.last() != Some(&i) {
                    bucket.push(i);
                }
            }
        }
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for bucket in buckets.values() {
            for (x, &a) in bucket.iter().enumerate() {
                for &b in &bucket[x + 1..] {
                    if scripts[a].iter().any(|s| scripts[b].contains(s)) {
                        continue;
                    }
                    let score = self.similarity(a, b);
                    if score >= CROSS_SCRIPT_SIMILARITY {
                        pairs.push((score, a.min(b), a.max(b)));
                    }
                }
            }
        }
        pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        pairs.dedup();
        let ambiguous = ties(&pairs, &scripts);
        let mut root: Vec<usize> = (0..n).collect();
        let mut group_scripts = scripts.clone();
        for (_, a, b) in pairs {
            if ambiguous.contains(&(a, b)) {
                continue;
            }
            let (ra, rb) = (find(&mut root, a), find(&mut root, b));
            if ra == rb
                || group_scripts[ra]
                    .iter()
                    .any(|s| group_scripts[rb].contains(s))
            {
                continue;
            }
            let (keep, gone) = (ra.min(rb), ra.max(rb));
            root[gone] = keep;
            let moved = std::mem::take(&mut group_scripts[gone]);
            group_scripts[keep].extend(moved);
        }
        let mut keys = HashMap::new();
        for i in 0..n {
            let r = find(&mut root, i);
            if r != i {
                keys.insert(self.surnames[i].key.clone(), self.surnames[r].key.clone());
            }
        }
        // An acronym is the full name with its initials, wherever that went.
        let mut resolution = Resolution { keys };
        for (acronym, full) in self.acronyms.links() {
            let target = resolution.resolve(&full);
            resolution.keys.insert(acronym, target);
        }
        resolution
    }

    /// How alike two surnames sound: their nearest pair of forms.
    fn similarity(&self, a: usize, b: usize) -> f64 {
        let mut best: f64 = 0.0;
        for (fa, sa) in &self.surnames[a].forms {
            for (fb, sb) in &self.surnames[b].forms {
                best = best.max(sound_similarity(fa, *sa, fb, *sb));
            }
        }
        best
    }

    fn unique(&mut self, skeleton: &str) -> String {
        let n = self.used.entry(skeleton.to_string()).or_default();
        *n += 1;
        if *n == 1 {
            skeleton.to_string()
        } else {
            format!("{skeleton}~{n}")
        }
    }
}

/// Final keys: a provisional key of a surname merged into another becomes that
/// one's (`zlnsk~2` → `zlnsk`, `zlnsk~2/vldmr` → `zlnsk/vldmr`).
#[derive(Debug, Default, Clone)]
pub struct Resolution {
    keys: HashMap<String, String>,
}

impl Resolution {
    pub fn resolve(&self, provisional: &str) -> String {
        let (surname, rest) = provisional
            .split_once('/')
            .map_or((provisional, None), |(s, r)| (s, Some(r)));
        let surname = self.keys.get(surname).map_or(surname, String::as_str);
        match rest {
            Some(first) => format!("{surname}/{first}"),
            None => surname.to_string(),
        }
    }
}

fn find(root: &mut [usize], mut i: usize) -> usize {
    while root[i] != i {
        root[i] = root[root[i]];
        i = root[i];
    }
    i
}

/// Pairs to leave alone: unless each name is the other's nearest in the other's
/// script, and no other name is as near (a tie says nothing).
fn ties(
    pairs: &[(f64, usize, usize)],
    scripts: &[Vec<Script>],
) -> std::collections::HashSet<(usize, usize)> {
    let mut best: HashMap<(usize, Script), (f64, u32)> = HashMap::new();
    for &(score, a, b) in pairs {
        for (me, other) in [(a, b), (b, a)] {
            for script in &scripts[other] {
                let entry = best.entry((me, *script)).or_insert((score, 0));
                if (entry.0 - score).abs() < 1e-9 {
                    entry.1 += 1;
                }
            }
        }
    }
    pairs
        .iter()
        .filter(|(score, a, b)| {
            [(*a, *b), (*b, *a)].iter().any(|(me, other)| {
                scripts[*other].iter().any(|script| {
                    best.get(&(*me, *script))
                        .is_none_or(|(top, count)| (top - score).abs() > 1e-9 || *count > 1)
                })
            })
        })
        .map(|(_, a, b)| (*a, *b))
        .collect()
}

/// The buckets a form is compared in: its first sound, and for an abjad its first
/// sound without vowel letters.
fn heads(form: &str, script: Script) -> Vec<char> {
    let mut out: Vec<char> = sound_classes(form).chars().take(1).collect();
    if matches!(script, Script::Arabic | Script::Hebrew) {
        out.extend(
            sound_classes(&form.replace(['w', 'v', 'y'], ""))
                .chars()
                .take(1),
        );
    }
    out
}

/// How alike two forms in different scripts sound ([`crate::sounds`]).
fn sound_similarity(a: &str, a_script: Script, b: &str, b_script: Script) -> f64 {
    let (va, vb) = (vowels(a_script), vowels(b_script));
    sounds::similarity(&sounds::segments(a, va), va, &sounds::segments(b, vb), vb)
}

fn vowels(script: Script) -> Vowels {
    match script {
        Script::Arabic | Script::Hebrew => Vowels::Abjad,
        Script::Han | Script::Hangul | Script::Kana => Vowels::Syllabic,
        _ => Vowels::Written,
    }
}

/// Consonant classes with the vowels between them (`y` read as `i`).
fn sounds_and_vowels(form: &str) -> String {
    let mut out = String::new();
    for c in form.chars() {
        let class = match c {
            'a' | 'e' | 'i' | 'o' | 'u' => c,
            'y' => 'i',
            _ => match sound_classes(c.encode_utf8(&mut [0; 4])).chars().next() {
                Some(k) => k,
                None => continue,
            },
        };
        if !out.ends_with(class) {
            out.push(class);
        }
    }
    out
}

/// Sounds a form in one script may differ by and still be the same name (after
/// [`sounds_and_vowels`]: `tokayev` / `toqaev` differ by one, `keri` / `kera` by
/// one too, but they are short).
fn same_script_tolerance(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    }
}

/// A form's consonants as classes of sounds that transliteration confuses (`w` with
/// `v`: Japanese ワ writes a foreign v); vowels, `h` and `y` dropped, repeats
/// folded.
fn sound_classes(form: &str) -> String {
    let mut out = String::new();
    for c in form.chars() {
        let class = match c {
            'b' | 'p' | 'v' | 'f' | 'w' => 'B',
            'd' | 't' => 'D',
            'g' | 'k' | 'q' | 'c' | 'x' => 'K',
            's' | 'z' | 'j' => 'S',
            'l' | 'r' => 'R',
            'm' => 'M',
            'n' => 'N',
            _ => continue,
        };
        if !out.ends_with(class) {
            out.push(class);
        }
    }
    out
}

/// Whether two first-name keys can be one name: their first sounds agree (Ilse /
/// Ільзе, whose later consonants differ by script: `ls` / `lz`); Hillary and Bill
/// do not.
fn same_first_name(a: &str, b: &str) -> bool {
    a == b || a.trim_start_matches('=').chars().next() == b.trim_start_matches('=').chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;

    fn entity(text: &str) -> Entity {
        Entity {
            text: text.into(),
            keys: text.split_whitespace().filter_map(name_key).collect(),
            count: 1,
            kind: EntityKind::Other,
        }
    }

    /// Keys of `names` after the whole run is resolved.
    fn keys(names: &[&str]) -> Vec<Option<String>> {
        let mut linker = EntityLinker::new();
        let provisional: Vec<Option<String>> =
            names.iter().map(|n| linker.key(&entity(n))).collect();
        let resolution = linker.resolve();
        provisional
            .into_iter()
            .map(|k| k.map(|k| resolution.resolve(&k)))
            .collect()
    }

    #[test]
    fn spellings_and_scripts_meet_and_namesakes_stay_apart() {
        let k = keys(&[
            "Zelensky",
            "Volodymyr Zelenskyy",
            "Зеленського",
            "Володимир Зеленський",
            "Hillary Clinton",
            "Bill Clinton",
            "Clinton",
            "Bill Clinton",
            "Ilse Brandvold",
            "Ільзе Брандвольд",
            "!",
        ]);
        assert!(k[0].is_some());
        assert_eq!(k[1], k[0]);
        assert_eq!(k[2], k[0], "{k:?}");
        assert_eq!(k[3], k[0], "{k:?}");
        assert_ne!(k[4], k[5], "Hillary and Bill");
        assert_eq!(k[6], k[4], "the first filed");
        assert_eq!(k[7], k[5]);
        assert_eq!(k[9], k[8], "{k:?}");
        assert_eq!(k[10], None);
    }

    #[test]
    fn one_skeleton_two_names_in_one_script_stay_apart() {
        let mut linker = EntityLinker::new();
        let kera = linker.key(&entity("Kera"));
        let cora = linker.key(&entity("Cora"));
        assert_ne!(kera, cora, "one script: the forms differ by two letters");
        assert_eq!(
            linker.key(&entity("Tokayev")),
            linker.key(&entity("Toqaev"))
        );
    }

    #[test]
    fn names_in_scripts_without_letter_case_find_their_latin_entity() {
        let mut linker = EntityLinker::new();
        let names = [
            "ワラエフ",
            "Varayev",
            "Radomski",
            "رادومسكي",
            "Brandvold",
            "براندفولد",
            "رادومير",
            "Зеленського",
            "Zelensky",
        ];
        let keys: Vec<String> = names
            .iter()
            .map(|n| linker.key(&entity(n)).unwrap())
            .collect();
        let resolution = linker.resolve();
        let k: Vec<String> = keys.iter().map(|k| resolution.resolve(k)).collect();
        assert_eq!(k[0], k[1], "katakana");
        assert_eq!(k[2], k[3], "Arabic");
        assert_eq!(k[4], k[5], "Arabic");
        assert_eq!(k[7], k[8], "Cyrillic");
        // A second Arabic name near in sound is another person, not Radomski again.
        assert_ne!(k[6], k[2]);
        assert_ne!(k[1], k[2]);
    }

    #[test]
    fn one_form_in_two_scripts_does_not_chain_two_latin_names() {
        // 博曼 reads `boman`, as Boman does: they are one; Burman, linked to the
        // Arabic بورمان, is another person.
        let k = keys(&["Burman", "بورمان", "博曼", "Boman"]);
        assert_eq!(k[0], k[1], "{k:?}");
        assert_eq!(k[2], k[3], "{k:?}");
        assert_ne!(k[0], k[3], "{k:?}");
    }

    #[test]
    fn readings_of_kana_hangul_han_and_abjads_meet_their_latin_names() {
        let k = keys(&[
            "Christien",
            "크리스틴",
            "Carter",
            "カーター",
            "Cardoso",
            "卡多佐",
            "Mattarella",
            "ماتاريلا",
            "Julián",
            "ג'וליאן",
        ]);
        for pair in k.chunks(2) {
            assert_eq!(pair[0], pair[1], "{k:?}");
        }
    }
}
