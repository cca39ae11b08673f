//! Text cut into the pieces dates are made of: numbers (with their digit count),
//! words (folded: lower case, no accents), and the separators dates use. Runs of
//! Han, kana and Hangul have no spaces, so there the longest lexicon word at each
//! place is cut out, and Chinese numerals become numbers.

use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A number and how many digits it was written with (0 for numerals in words).
    Num(u32, u8),
    Word,
    /// `/ - . , :` (full-width forms folded), and `% $ € £`, which make a number
    /// no date.
    Sep(char),
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub piece: Piece,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Folded form of a word (empty for numbers and separators).
    pub norm: String,
    /// The word began with a capital letter.
    pub capital: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Digit,
    Letter,
    Cjk,
    Sep,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        Class::Digit
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphabetic()
        || is_mark(c)
        || is_indic(c)
        || c == '\''
        || c == '’'
        || c == 'º'
        || c == 'ª'
    {
        Class::Letter
    } else if matches!(
        c,
        '/' | '-'
            | '.'
            | ','
            | ':'
            | '／'
            | '－'
            | '．'
            | '，'
            | '、'
            | '–'
            | '%'
            | '$'
            | '€'
            | '£'
    ) {
        Class::Sep
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

/// Indic scripts' vowel signs and viramas are marks inside words.
fn is_indic(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0DFF)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0591..=0x05C7 | 0x064B..=0x065F | 0x0E31..=0x0E4E)
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // kana
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0x3005             // 々
        | 0xFF08..=0xFF09) // full-width brackets read as nothing
}

fn sep_char(c: char) -> char {
    match c {
        '／' => '/',
        '－' | '–' => '-',
        '．' => '.',
        '，' | '、' => ',',
        other => other,
    }
}

fn digit_value(c: char) -> u32 {
    if ('０'..='９').contains(&c) {
        c as u32 - '０' as u32
    } else {
        c as u32 - '0' as u32
    }
}

/// Folds a word for lookup: lower case, accents dropped in Latin, Greek and
/// Cyrillic (other scripts are left whole: Hangul must not decompose).
pub fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ß' => out.push_str("ss"),
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            '’' => out.push('\''),
            c if (c as u32) < 0x0530 => {
                out.extend(c.nfd().filter(|d| !is_mark(*d)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Splits `text` into tokens; `lexicon` supplies the words of scripts without spaces.
pub(crate) fn tokenize(text: &str, lexicon: &Lexicon) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let k = class(c);
        let mut j = i + 1;
        match k {
            Class::Space | Class::Other => {
                i = j;
                continue;
            }
            Class::Digit => {
                while j < chars.len() && class(chars[j].1) == Class::Digit {
                    j += 1;
                }
                let digits = &chars[i..j];
                let value = digits
                    .iter()
                    .take(9)
                    .fold(0u32, |v, (_, d)| v * 10 + digit_value(*d));
                let n = digits.len().min(255) as u8;
                out.push(token(text, &chars, i, j, Piece::Num(value, n)));
            }
            Class::Letter => {
                while j < chars.len() && class(chars[j].1) == Class::Letter {
                    j += 1;
                }
                out.push(token(text, &chars, i, j, Piece::Word));
            }
            Class::Sep => out.push(Token {
                piece: Piece::Sep(sep_char(c)),
                start,
                end: start + c.len_utf8(),
                norm: String::new(),
                capital: false,
            }),
            Class::Cjk => {
                while j < chars.len() && class(chars[j].1) == Class::Cjk {
                    j += 1;
                }
                cjk_run(text, &chars[i..j], lexicon, &mut out);
            }
        }
        i = j;
    }
    out
}

fn token(text: &str, chars: &[(usize, char)], i: usize, j: usize, piece: Piece) -> Token {
    let start = chars[i].0;
    let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
    let word = &text[start..end];
    Token {
        piece,
        start,
        end,
        norm: if piece == Piece::Word {
            fold(word)
        } else {
            String::new()
        },
        capital: word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// The value of a Chinese numeral character (一 … 十, 〇, 两).
fn han_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九十"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '两' | '兩' => Some(2),
            '零' => Some(0),
            _ => None,
        })
}

/// 十二 = 12, 二十五 = 25, 三十一 = 31, 二〇一三 = 2013.
fn han_number(digits: &[char]) -> Option<u32> {
    let values: Vec<u32> = digits
        .iter()
        .map(|c| han_digit(*c))
        .collect::<Option<_>>()?;
    if !values.contains(&10) {
        return Some(values.iter().fold(0, |v, d| v * 10 + d));
    }
    match values.as_slice() {
        [10] => Some(10),
        [10, u] => Some(10 + u),
        [t, 10] => Some(t * 10),
        [t, 10, u] => Some(t * 10 + u),
        _ => None,
    }
}

/// A run of Han, kana or Hangul characters, to be cut into tokens.
struct Run<'a> {
    text: &'a str,
    chars: &'a [(usize, char)],
}

impl Run<'_> {
    /// Byte offset where the run's `j`-th character starts (or the run ends).
    fn offset(&self, j: usize) -> usize {
        match self.chars.get(j) {
            Some((b, _)) => *b,
            None => self.chars.last().map_or(0, |(b, c)| b + c.len_utf8()),
        }
    }

    fn token(&self, from: usize, to: usize, piece: Piece) -> Token {
        let (start, end) = (self.offset(from), self.offset(to));
        let norm = if piece == Piece::Word {
            self.text[start..end].to_string()
        } else {
            String::new()
        };
        Token {
            piece,
            start,
            end,
            norm,
            capital: false,
        }
    }

    /// The longest lexicon word at `i` (not inside a Korean word: Korean puts
    /// spaces between words, so 수 in 있습니다 is no word), else a Chinese numeral:
    /// its length in characters and what it is.
    fn piece_at(&self, i: usize, lexicon: &Lexicon, inside_word: bool) -> Option<(usize, Piece)> {
        let longest = (1..=lexicon.longest_cjk().min(self.chars.len() - i))
            .rev()
            .filter(|_| !inside_word)
            .find(|&n| lexicon.has_word(&self.text[self.offset(i)..self.offset(i + n)]));
        if let Some(n) = longest {
            return Some((n, Piece::Word));
        }
        let n = self.chars[i..]
            .iter()
            .take_while(|(_, c)| han_digit(*c).is_some())
            .count();
        let digits: Vec<char> = self.chars[i..i + n].iter().map(|(_, c)| *c).collect();
        han_number(&digits)
            .filter(|_| n > 0)
            .map(|v| (n, Piece::Num(v, 0)))
    }
}

fn cjk_run(text: &str, chars: &[(usize, char)], lexicon: &Lexicon, out: &mut Vec<Token>) {
    let run = Run { text, chars };
    let hangul = |c: char| matches!(c as u32, 0xAC00..=0xD7AF);
    // Where characters that are no word of the lexicon began.
    let mut other: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        match run.piece_at(i, lexicon, hangul(chars[i].1) && other.is_some()) {
            Some((n, piece)) => {
                if let Some(s) = other.take() {
                    out.push(run.token(s, i, Piece::Word));
                }
                out.push(run.token(i, i + n, piece));
                i += n;
            }
            None => {
                other.get_or_insert(i);
                i += 1;
            }
        }
    }
    if let Some(s) = other {
        out.push(run.token(s, chars.len(), Piece::Word));
    }
}
