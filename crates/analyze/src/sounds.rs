//! How alike two names sound when they are written in different scripts: a
//! weighted edit distance over sound segments of their Latin forms.
//!
//! A form is read as segments: vowels in three groups (a / e i y / o u),
//! consonants by letter and by a class of sounds that transliteration confuses
//! (b p v f w, d t, g k q c x, s z j, l r, m, n, h), the glides an abjad writes
//! for vowels (Arabic and Hebrew `w v y`), and the Japanese long mark. Costs say
//! what scripts do to a name: a consonant of another letter in its class costs
//! little (Tokayev / Токаєв, Varus / バルス), one of another class a whole edit;
//! a vowel is cheap to lose where one side's script leaves short vowels out
//! (Arabic, Hebrew) or adds vowels between consonants (Japanese, Korean,
//! Chinese: `クリスト` / Christ); a long mark stands for a vowel or an `r`
//! (`カーター` / Carter).

/// How a script treats vowels, for the costs of losing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vowels {
    /// Written as spoken (Latin, Cyrillic, Greek).
    Written,
    /// Short vowels left out (Arabic, Hebrew).
    Abjad,
    /// Vowels added between consonants (Japanese, Korean, Chinese).
    Syllabic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg {
    Vowel(u8),
    Consonant {
        class: u8,
        letter: u8,
    },
    /// A vowel letter of an abjad (`w`, `v`, `y`): a vowel, or a `v`/`w`.
    Glide(u8),
    /// The Japanese long mark.
    Long,
}

/// The segments of a Latin form, repeats folded.
pub(crate) fn segments(form: &str, vowels: Vowels) -> Vec<u8> {
    let mut out: Vec<Seg> = Vec::new();
    let letters = fold_digraphs(form, vowels);
    let is_vowel = |c: Option<&u8>| c.is_some_and(|c| b"aeiouy".contains(c));
    for (i, &c) in letters.iter().enumerate() {
        // A Latin `r` after a vowel and before a consonant or the end colours the
        // vowel (Carter): scripts that write the sound lengthen the vowel or leave
        // the `r` out (カーター, 카터).
        let r_coloured = c == b'r'
            && vowels == Vowels::Written
            && i > 0
            && is_vowel(letters.get(i - 1))
            && !is_vowel(letters.get(i + 1));
        let seg = match c {
            _ if r_coloured => Seg::Long,
            b'a' => Seg::Vowel(0),
            b'e' | b'i' => Seg::Vowel(1),
            b'o' | b'u' => Seg::Vowel(2),
            b'y' | b'w' | b'v' if vowels == Vowels::Abjad => {
                Seg::Glide(if c == b'y' { 1 } else { 2 })
            }
            b'y' => Seg::Vowel(1),
            b':' => Seg::Long,
            _ => match class(c) {
                Some(class) => Seg::Consonant { class, letter: c },
                None => continue,
            },
        };
        if out.last() != Some(&seg) {
            out.push(seg);
        }
    }
    out.into_iter().map(encode).collect()
}

/// One letter for each digraph that writes one sound (`sh`, `ch`, `kh`, `th`,
/// `ph`, `gh`, `zh`, `ck`), so that the `h` costs nothing; and a Latin name's
/// silent final `e` after a consonant (Paige, Lowe) left out.
fn fold_digraphs(form: &str, vowels: Vowels) -> Vec<u8> {
    let bytes = form.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let (c, next) = (bytes[i], bytes.get(i + 1).copied());
        let folded = match (c, next) {
            (b's' | b'c' | b'k' | b't' | b'g' | b'z', Some(b'h')) => {
                Some(if c == b'z' { b'j' } else { c })
            }
            (b'p', Some(b'h')) => Some(b'f'),
            (b'c', Some(b'k')) => Some(b'k'),
            _ => None,
        };
        match folded {
            Some(f) => {
                out.push(f);
                i += 2;
            }
            None => {
                out.push(c);
                i += 1;
            }
        }
    }
    let silent_e = vowels == Vowels::Written
        && out.len() > 3
        && out.last() == Some(&b'e')
        && out
            .get(out.len() - 2)
            .is_some_and(|c| !b"aeiouy".contains(c));
    if silent_e {
        out.pop();
    }
    out
}

fn class(c: u8) -> Option<u8> {
    Some(match c {
        b'b' | b'p' | b'v' | b'f' | b'w' => 0,
        b'd' | b't' => 1,
        b'g' | b'k' | b'q' | b'c' | b'x' => 2,
        b's' | b'z' | b'j' => 3,
        b'l' | b'r' => 4,
        b'm' => 5,
        b'n' => 6,
        b'h' => 7,
        _ => return None,
    })
}

const B_CLASS: u8 = 0;
const R_CLASS: u8 = 4;
const H_CLASS: u8 = 7;

/// Segments travel as bytes (vowel 0–2, glide 3–5, long 6, consonant 32 + letter)
/// so that callers keep them without knowing their shape.
fn encode(seg: Seg) -> u8 {
    match seg {
        Seg::Vowel(g) => g,
        Seg::Glide(g) => 3 + g,
        Seg::Long => 6,
        Seg::Consonant { letter, .. } => letter,
    }
}

fn decode(b: u8) -> Seg {
    match b {
        0..=2 => Seg::Vowel(b),
        3..=5 => Seg::Glide(b - 3),
        6 => Seg::Long,
        letter => Seg::Consonant {
            class: class(letter).unwrap_or(255),
            letter,
        },
    }
}

/// Similarity in [0, 1]: one minus the weighted edit distance over the readings'
/// mean length (over the longer one, a long name would absorb the edits a short
/// one needs: `qry` would be nearer Ghauri than Keri).
pub(crate) fn similarity(a: &[u8], a_vowels: Vowels, b: &[u8], b_vowels: Vowels) -> f64 {
    let mean_len = (a.len() + b.len()) as f64 / 2.0;
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (a, b): (Vec<Seg>, Vec<Seg>) = (
        a.iter().copied().map(decode).collect(),
        b.iter().copied().map(decode).collect(),
    );
    // Losing a vowel is cheap when the other script leaves it out, or this one
    // adds it.
    let lose_a = |s: Seg| indel(s, a_vowels == Vowels::Syllabic || b_vowels == Vowels::Abjad);
    let lose_b = |s: Seg| indel(s, b_vowels == Vowels::Syllabic || a_vowels == Vowels::Abjad);
    let mut row: Vec<f64> = std::iter::once(0.0)
        .chain(b.iter().scan(0.0, |acc, &s| {
            *acc += lose_b(s);
            Some(*acc)
        }))
        .collect();
    for &sa in &a {
        let mut diagonal = row[0];
        row[0] += lose_a(sa);
        for (j, &sb) in b.iter().enumerate() {
            let best = (diagonal + substitute(sa, sb))
                .min(row[j + 1] + lose_a(sa))
                .min(row[j] + lose_b(sb));
            diagonal = row[j + 1];
            row[j + 1] = best;
        }
    }
    let distance = row[b.len()];
    (1.0 - distance / mean_len).max(0.0)
}

/// The cost of losing a segment; `vowel_cheap` when vowels come and go between
/// the two scripts.
fn indel(s: Seg, vowel_cheap: bool) -> f64 {
    match s {
        Seg::Vowel(_) if vowel_cheap => 0.15,
        Seg::Vowel(_) => 0.35,
        Seg::Glide(_) => 0.15,
        Seg::Long => 0.1,
        Seg::Consonant { class, .. } if class == H_CLASS => 0.5,
        Seg::Consonant { .. } => 1.0,
    }
}

fn substitute(a: Seg, b: Seg) -> f64 {
    use Seg::*;
    match (a, b) {
        (Vowel(x), Vowel(y))
        | (Glide(x), Vowel(y))
        | (Vowel(x), Glide(y))
        | (Glide(x), Glide(y)) => {
            if x == y {
                0.0
            } else {
                0.3
            }
        }
        (
            Consonant {
                class: x,
                letter: l,
            },
            Consonant {
                class: y,
                letter: m,
            },
        ) => {
            if l == m {
                0.0
            } else if x == y {
                0.15
            } else {
                1.0
            }
        }
        // An abjad's و or ו may be a v; a long mark may be an r.
        (Glide(_), Consonant { class: B_CLASS, .. })
        | (Consonant { class: B_CLASS, .. }, Glide(_))
        | (Long, Consonant { class: R_CLASS, .. })
        | (Consonant { class: R_CLASS, .. }, Long) => 0.2,
        (Long, Long) => 0.0,
        (Long, Vowel(_) | Glide(_)) | (Vowel(_) | Glide(_), Long) => 0.1,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, av: Vowels, b: &str) -> f64 {
        similarity(
            &segments(a, av),
            av,
            &segments(b, Vowels::Written),
            Vowels::Written,
        )
    }

    #[test]
    fn a_name_is_nearer_its_own_transliteration_than_a_look_alike() {
        // Arabic ماتاريلا, Hebrew קרי, katakana クリストファー and カーター, Korean 크리스틴.
        let cases = [
            ("matarila", Vowels::Abjad, "mattarella", "madrid"),
            ("qry", Vowels::Abjad, "keri", "cora"),
            ("kurisutofa:", Vowels::Syllabic, "christopher", "crystal"),
            ("ka:ta:", Vowels::Syllabic, "carter", "kantor"),
            ("kristin", Vowels::Syllabic, "christien", "kristof"),
            ("tokaev", Vowels::Written, "tokayev", "tkachev"),
        ];
        for (native, vowels, own, other) in cases {
            let (mine, theirs) = (sim(native, vowels, own), sim(native, vowels, other));
            assert!(
                mine > theirs,
                "{native}: {own} {mine:.2} vs {other} {theirs:.2}"
            );
        }
        assert!((sim("putin", Vowels::Written, "putin") - 1.0).abs() < 1e-9);
        assert_eq!(sim("", Vowels::Written, "putin"), 0.0);
    }
}
