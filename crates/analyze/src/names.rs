//! Names across scripts and spellings. [`transliterate`] writes any word in Latin
//! letters (own tables for Cyrillic, with Ukrainian and Russian letter values, and
//! Greek; `deunicode` for the rest). [`name_key`] reduces a name to a consonant
//! skeleton so that spelling variants meet: Zelensky, Zelenskyy, Zelenskiy and
//! Зеленського all give `zlnsk`; Tokayev, Toqaev and Токаєва give `tkv`; Kyiv and Kiev give `kv`.

/// Latin transliteration, lower case.
pub fn transliterate(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            _ => match cyrillic(c).or_else(|| greek(c)) {
                Some(latin) => out.push_str(latin),
                None => out.push_str(&deunicode::deunicode_char(c).unwrap_or("").to_lowercase()),
            },
        }
    }
    out
}

/// [`transliterate`] of one character.
fn transliterate_char(c: char) -> String {
    transliterate(c.encode_utf8(&mut [0; 4]))
}

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' => "ie",
        'ё' => "io",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ў' => "w",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' => "dz",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        'қ' => "q",
        'ғ' => "gh",
        'ң' => "ng",
        'ү' => "u",
        'ұ' => "u",
        'һ' => "h",
        'ә' => "a",
        'ө' => "o",
        _ => return None,
    })
}

fn greek(c: char) -> Option<&'static str> {
    Some(match c {
        'α' | 'ά' => "a",
        'β' => "v",
        'γ' => "g",
        'δ' => "d",
        'ε' | 'έ' => "e",
        'ζ' => "z",
        'η' | 'ή' => "i",
        'θ' => "th",
        'ι' | 'ί' | 'ϊ' | 'ΐ' => "i",
        'κ' => "k",
        'λ' => "l",
        'μ' => "m",
        'ν' => "n",
        'ξ' => "x",
        'ο' | 'ό' => "o",
        'π' => "p",
        'ρ' => "r",
        'σ' | 'ς' => "s",
        'τ' => "t",
        'υ' | 'ύ' | 'ϋ' | 'ΰ' => "y",
        'φ' => "f",
        'χ' => "ch",
        'ψ' => "ps",
        'ω' | 'ώ' => "o",
        _ => return None,
    })
}

/// An Arabic or Hebrew word in Latin letters with its vowel letters read as
/// vowels, and a Hebrew letter with a geresh in the sound it then writes (`ג'`
/// j, `צ'` ch, `ז'` zh).
fn abjad_form(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let geresh = chars.peek().is_some_and(|n| matches!(n, '\'' | '׳' | '’'));
        let latin = match (c, geresh) {
            ('ג', true) => "j".to_string(),
            ('צ', true) => "ch".to_string(),
            ('ז', true) => "zh".to_string(),
            _ => abjad_vowel(c).map_or_else(|| transliterate_char(c), String::from),
        };
        out.extend(latin.chars().filter(char::is_ascii_alphanumeric));
    }
    out
}

/// The letters Arabic and Hebrew write vowels with, which `deunicode` leaves out
/// (alif, alef, ayin, a final he): ماريا is `marya`, not `mry`.
fn abjad_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' | 'آ' | 'أ' | 'ى' | 'ة' => "a",
        'إ' => "i",
        'ء' | 'ئ' | 'ؤ' => "",
        'א' | 'ע' => "a",
        _ => return None,
    })
}

/// Case endings stripped from Cyrillic names before the skeleton is taken
/// (Токаєва, Токаєвим → Токаєв; Казахстані → Казахстан), longest first.
const CYRILLIC_ENDINGS: &[&str] = &[
    "ого", "ому", "ими", "ами", "ями", "ові", "еві", "ою", "ею", "ом", "ем", "им", "ім", "ах",
    "ях", "ий", "ій", "ой", "ая", "а", "я", "у", "ю", "і", "и", "е", "ї", "ь", "ы",
];

const MAX_SKELETON: usize = 6;

/// A name token in Latin letters (case endings and possessives stripped, lower
/// case, letters and digits only): `Зеленського` → `zelensk`, `Tokayev's` →
/// `tokayev`; kana in Hepburn (`キーツ` → `ki:tsu`). Finer than [`name_key`]: `Kera`
/// and `Cora` stay apart.
pub fn name_form(word: &str) -> String {
    let stem = strip_cyrillic_ending(strip_possessive(word));
    let is = |range: std::ops::RangeInclusive<char>| stem.chars().any(|c| range.contains(&c));
    if is('\u{3041}'..='\u{30FF}') {
        // Kana in Hepburn, the long mark kept as `:` (see `sounds`).
        return crate::kana::romanize(stem);
    }
    if is('\u{0590}'..='\u{06FF}') {
        return abjad_form(stem);
    }
    let latin: String = transliterate(stem)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if is('\u{AC00}'..='\u{D7A3}') {
        // Korean writes foreign consonant clusters with the filler vowel ㅡ (`eu`:
        // 크리스 `keuriseu`, Chris) and English o and schwa with ㅓ (`eo`).
        return latin
            .replace("eu", "")
            .replace("eo", "o")
            .replace("lr", "l");
    }
    if is('\u{4E00}'..='\u{9FFF}') {
        return stem.chars().map(han_syllable).collect();
    }
    latin
}

/// Characters whose everyday reading is not the one they have in transliterated
/// foreign names (`卡` is `ka` in 卡多佐, Cardoso, not `qia`).
const HAN_NAME_READINGS: &[(char, &str)] = &[
    ('卡', "ka"),
    ('寧', "ning"),
    ('宁', "ning"),
    ('娜', "na"),
    ('蒂', "di"),
    ('茜', "xi"),
    ('柏', "bo"),
    ('佛', "fo"),
];

/// One Han character's syllable as it sounds in a foreign name: pinyin with its
/// letters in the values transliteration gives them (`x` an s, `q` a ch, `zh` a
/// j, `c` a ts), compound finals read as the vowel they stand for (`luo` → `lo`,
/// `jie` → `je`), a final `ng` as `n`, and `er` (尔, 爾) as an `r`.
fn han_syllable(c: char) -> String {
    let pinyin = HAN_NAME_READINGS
        .iter()
        .find(|(h, _)| *h == c)
        .map(|(_, r)| r.to_string())
        .unwrap_or_else(|| transliterate_char(c));
    let mut s: String = pinyin.chars().filter(char::is_ascii_alphanumeric).collect();
    if s == "er" {
        return "r".into();
    }
    for (from, to) in [
        ("uo", "o"),
        ("ie", "e"),
        ("iu", "u"),
        ("ao", "o"),
        ("ng", "n"),
    ] {
        if s.ends_with(from) {
            s.truncate(s.len() - from.len());
            s.push_str(to);
        }
    }
    let initial = [
        ("zh", "j"),
        ("ch", "c"),
        ("sh", "s"),
        ("x", "s"),
        ("q", "c"),
        ("c", "ts"),
    ]
    .iter()
    .find(|(from, _)| s.starts_with(from));
    match initial {
        Some((from, to)) => format!("{to}{}", &s[from.len()..]),
        None => s,
    }
}

/// A spelling-tolerant key for a name token; `None` for tokens too short to key.
pub fn name_key(word: &str) -> Option<String> {
    let word = strip_possessive(word);
    let stem = strip_cyrillic_ending(word);
    let latin = transliterate(stem);
    let letters: String = latin.chars().filter(char::is_ascii_alphanumeric).collect();
    if letters.chars().count() < 2 {
        return None;
    }
    if letters.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let skeleton = consonant_skeleton(&letters);
    if skeleton.len() >= 2 {
        Some(skeleton)
    } else {
        // Short vowel-heavy names (UN, EU, Oia) keep their letters.
        Some(format!("={letters}"))
    }
}

fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

fn strip_cyrillic_ending(word: &str) -> &str {
    if word.chars().count() < 5 || !word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)) {
        return word;
    }
    let lower_len = |s: &str| s.chars().count();
    for ending in CYRILLIC_ENDINGS {
        let lower = word.to_lowercase();
        if lower.ends_with(ending) && lower_len(&lower) - lower_len(ending) >= 3 {
            let keep = lower_len(word) - lower_len(ending);
            let cut = word.char_indices().nth(keep).map_or(word.len(), |(i, _)| i);
            return &word[..cut];
        }
    }
    word
}

/// First letter, then consonants with variant spellings folded: digraphs first
/// (kh→k, zh→z, ch→k, sh→s, th→t, ph→f), then g and h meet (Ukrainian writes Latin
/// g and h both as г, read h), q→k, c→k, w→v, x→s; vowels, y and j dropped, doubles
/// collapsed, capped in length.
fn consonant_skeleton(letters: &str) -> String {
    let folded = fold_digraphs(letters);
    let mut out = String::new();
    let mut chars = folded.chars();
    if let Some(first) = chars.next() {
        out.push(fold(first).unwrap_or(first));
    }
    for c in chars {
        let Some(f) = fold(c) else { continue };
        if out.ends_with(f) {
            continue;
        }
        out.push(f);
        if out.len() >= MAX_SKELETON {
            break;
        }
    }
    out
}

fn fold_digraphs(letters: &str) -> String {
    let mut out = String::with_capacity(letters.len());
    let mut chars = letters.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_h = chars.peek() == Some(&'h');
        let replacement = match c {
            'k' | 'z' | 's' | 't' | 'c' if next_is_h => Some(if c == 'c' { 'k' } else { c }),
            'p' if next_is_h => Some('f'),
            _ => None,
        };
        match replacement {
            Some(r) => {
                out.push(r);
                chars.next();
            }
            None => out.push(c),
        }
    }
    out
}

fn fold(c: char) -> Option<char> {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'j' => None,
        'q' | 'c' => Some('k'),
        'h' => Some('g'),
        'w' => Some('v'),
        'x' => Some('s'),
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> String {
        name_key(w).unwrap_or_default()
    }

    #[test]
    fn transliteration_of_cyrillic_and_greek() {
        assert_eq!(transliterate("Зеленський"), "zelenskyi");
        assert_eq!(transliterate("Київ"), "kyiv");
        assert_eq!(transliterate("Αθήνα"), "athina");
        assert_eq!(transliterate("Łódź"), "lodz");
    }

    #[test]
    fn spelling_variants_share_a_key() {
        let groups: &[&[&str]] = &[
            &[
                "Zelensky",
                "Zelenskyy",
                "Zelenskiy",
                "Зеленський",
                "Зеленського",
                "Зеленский",
            ],
            &["Tokayev", "Toqaev", "Токаєв", "Токаєва", "Токаев"],
            &["Kyiv", "Kiev", "Київ", "Киев"],
            &["Kazakhstan", "Казахстан", "Казахстані"],
            &["Moscow", "Москва", "Москві"],
            &["Putin", "Путін", "Путина"],
            &["Hamburg", "Гамбург"],
            &["Kharkiv", "Харків", "Kharkov"],
            &["Chernihiv", "Чернігів"],
        ];
        for group in groups {
            let first = key(group[0]);
            for w in group.iter() {
                assert_eq!(key(w), first, "{w} vs {}", group[0]);
            }
        }
    }

    #[test]
    fn name_forms_read_each_script_as_names_sound() {
        assert_eq!(name_form("キーツ"), "ki:tsu");
        assert_eq!(name_form("크리스틴"), "kristin");
        assert_eq!(name_form("卡多佐"), "kadozo");
        assert_eq!(name_form("科斯庫爾"), "kesikur");
        assert_eq!(name_form("ماريا"), "marya");
        assert_eq!(name_form("ג'וליאן"), "jvlyan");
        assert_eq!(name_form("Зеленського"), "zelensk");
    }

    #[test]
    fn different_names_differ() {
        assert_ne!(key("Tokayev"), key("Nazarbayev"));
        assert_ne!(key("Kyiv"), key("Kazakhstan"));
        assert_eq!(key("Kazakhstan's"), key("Kazakhstan"));
    }
}
