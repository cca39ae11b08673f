//! Word segmentation (Unicode UAX #29) with sentence-start marks, and character
//! n-grams for scripts written without spaces (Han, Kana: bigrams; Thai, Lao,
//! Khmer, Myanmar: trigrams), so every script yields lexical features.

use unicode_segmentation::UnicodeSegmentation;

/// One word of running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// First word of a sentence, a line or a quotation (its capital letter says nothing).
    pub sentence_start: bool,
    /// Joined to the word before by a hyphen (`Івано-Франківськ`, `Jean-Pierre`).
    pub hyphenated: bool,
    /// One capital letter and a full stop: an initial (`О. М. Бутлеров`), whose
    /// stop ends no sentence.
    pub initial: bool,
    /// Punctuation stands between it and the word before (`Wagoner, GM`,
    /// `Motors (GM)`): one name does not run across it.
    pub after_punct: bool,
    /// In a line in title case (a headline, a subheading).
    pub heading: bool,
}

/// The sentences of `text` (UAX #29 sentence bounds; a line break also ends one), as
/// byte offsets and trimmed text, empty ones left out.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (offset, piece) in text.split_sentence_bound_indices() {
        let mut at = offset;
        for line in piece.split('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let lead = line.len() - line.trim_start().len();
                out.push((at + lead, trimmed));
            }
            at += line.len() + 1;
        }
    }
    out
}

/// Words of `text` in order. Runs of unspaced-script characters come back as n-grams.
///
/// In a text of several lines, a line in title case ("Zelensky Rejects Moscow
/// Visit": most of its longer words capitalised) is a subheading: its capitals say
/// nothing, so each of its words counts as opening a sentence. A one-line text (a
/// headline, a blurb) keeps its capitals: there is nothing else to confirm them.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    let mut run: Vec<(usize, &str)> = Vec::new();
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0;
    // Where the last word ended, to tell a hyphen between two words.
    let mut last_end = usize::MAX;
    for (offset, segment) in text.split_word_bound_indices() {
        if is_unspaced_script(segment) {
            run.push((offset, segment));
            continue;
        }
        flush_run(text, &mut run, &mut out);
        if segment.chars().any(char::is_alphanumeric) {
            let hyphenated =
                last_end < offset && matches!(&text[last_end..offset], "-" | "\u{2011}");
            let mut letters = segment.chars();
            let initial = letters.next().is_some_and(char::is_uppercase)
                && letters.next().is_none()
                && text[offset + segment.len()..].starts_with(". ");
            let between = text.get(last_end.min(offset)..offset).unwrap_or("");
            let after_punct = out.last().is_some_and(|w: &Word| !w.initial)
                && between
                    .chars()
                    .any(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2011}'));
            out.push(Word {
                text: segment,
                sentence_start,
                hyphenated,
                initial,
                after_punct,
                heading: false,
            });
            last_end = offset + segment.len();
            sentence_start = false;
        } else if segment.chars().any(ends_sentence) {
            let after_initial = segment == "." && out.last().is_some_and(|w: &Word| w.initial);
            sentence_start = !after_initial;
        }
        if segment.contains('\n') && out.len() > line_start {
            lines.push((line_start, out.len()));
            line_start = out.len();
        }
    }
    flush_run(text, &mut run, &mut out);
    if out.len() > line_start {
        lines.push((line_start, out.len()));
    }
    if lines.len() >= 2 {
        for (start, end) in lines {
            mark_heading(&mut out[start..end]);
        }
    }
    out
}

/// Longer words a heading has at least, and the share of them capitalised.
const HEADING_MIN_WORDS: usize = 3;
const HEADING_CAPITALISED: f32 = 0.75;

fn mark_heading(line: &mut [Word]) {
    if is_heading(line) {
        for w in line {
            w.sentence_start = true;
            w.heading = true;
        }
    }
}

/// A headline in title case: its words are marked as a heading's, but keep their
/// place in the sentence (a headline is the one line that says something, so a name
/// in it still counts; only common words are not read into names).
pub(crate) fn mark_title(line: &mut [Word]) {
    if is_heading(line) {
        for w in line {
            w.heading = true;
        }
    }
}

/// Most of the line's longer words capitalised.
fn is_heading(line: &[Word]) -> bool {
    let long: Vec<bool> = line
        .iter()
        .filter(|w| w.text.chars().count() >= 4 && w.text.chars().all(char::is_alphabetic))
        .map(|w| w.text.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let capitalised = long.iter().filter(|c| **c).count();
    long.len() >= HEADING_MIN_WORDS && capitalised as f32 >= HEADING_CAPITALISED * long.len() as f32
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '\n' | ':' | '"' | '“' | '«' | '„' | '。' | '！' | '？' | '•'
    )
}

fn is_unspaced_script(segment: &str) -> bool {
    segment
        .chars()
        .next()
        .is_some_and(|c| ngram_size(c).is_some())
}

fn ngram_size(c: char) -> Option<usize> {
    match c as u32 {
        0x3040..=0x30ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xf900..=0xfaff
        | 0x20000..=0x2fa1f => Some(2),
        0x0e00..=0x0eff | 0x1000..=0x109f | 0x1780..=0x17ff => Some(3),
        _ => None,
    }
}

/// Emits the n-grams of a run of adjacent unspaced-script segments.
fn flush_run<'a>(text: &'a str, run: &mut Vec<(usize, &'a str)>, out: &mut Vec<Word<'a>>) {
    if run.is_empty() {
        return;
    }
    let start = run[0].0;
    let end = run.last().map_or(start, |(o, s)| o + s.len());
    let span = &text[start..end];
    let n = span.chars().next().and_then(ngram_size).unwrap_or(2);
    let boundaries: Vec<usize> = span
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(span.len()))
        .collect();
    let chars = boundaries.len() - 1;
    if chars <= n {
        out.push(Word {
            text: span,
            sentence_start: false,
            hyphenated: false,
            initial: false,
            after_punct: false,
            heading: false,
        });
    } else {
        for i in 0..=chars - n {
            out.push(Word {
                text: &span[boundaries[i]..boundaries[i + n]],
                sentence_start: false,
                hyphenated: false,
                initial: false,
                after_punct: false,
                heading: false,
            });
        }
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts_are_marked() {
        let w = words("Rain fell. Then the River rose.\n“Water” came");
        let starts: Vec<(&str, bool)> = w.iter().map(|w| (w.text, w.sentence_start)).collect();
        assert_eq!(
            starts,
            vec![
                ("Rain", true),
                ("fell", false),
                ("Then", true),
                ("the", false),
                ("River", false),
                ("rose", false),
                ("Water", true),
                ("came", false)
            ]
        );
    }

    #[test]
    fn han_text_becomes_bigrams() {
        let w: Vec<&str> = words("关闭旧桥").iter().map(|w| w.text).collect();
        assert_eq!(w, vec!["关闭", "闭旧", "旧桥"]);
    }
}
