//! Quotation marks: where a quote opens and closes, in every style (“…”, "…",
//! «…», „…“, ‚…‘, 「…」, ‹…›), with straight marks read by their neighbours, quotes
//! running over several paragraphs, and a transcript's turns.

/// Opening mark → the closing marks that may end it.
pub(crate) const MARKS: &[(char, &[char])] = &[
    ('“', &['”']),
    ('"', &['"']),
    ('«', &['»']),
    // Typewritten and OCR text closes „ with a straight mark.
    ('„', &['“', '”', '"']),
    ('‚', &['‘', '’']),
    ('「', &['」']),
    ('『', &['』']),
    ('‹', &['›']),
    ('»', &['«']),
];

/// Characters a quote may run to.
pub(crate) const MAX_CHARS: usize = 600;

/// Where the quote opened at `i` ends (one past its closing mark), if it closes
/// within its paragraph, or one past the paragraph's end when it runs on.
pub(crate) fn closing(chars: &[char], i: usize) -> Option<usize> {
    let closed = if chars[i] == '"' {
        straight_closing(chars, i)
    } else {
        let (_, closers) = MARKS.iter().find(|(open, _)| *open == chars[i])?;
        chars[i + 1..]
            .iter()
            .take(MAX_CHARS)
            .position(|c| closers.contains(c) || *c == '\n')
            .filter(|&n| closers.contains(&chars[i + 1 + n]))
            .map(|len| i + 1 + len + 1)
    };
    closed.or_else(|| runs_on(chars, i))
}

/// A quote over several paragraphs: each opens with the mark and only the last
/// closes. A paragraph with no closing mark whose next paragraph opens with the
/// same mark is one part; it ends with its paragraph.
fn runs_on(chars: &[char], i: usize) -> Option<usize> {
    let newline = i
        + 1
        + chars[i + 1..]
            .iter()
            .take(MAX_CHARS)
            .position(|c| *c == '\n')?;
    let next = chars[newline..].iter().find(|c| !c.is_whitespace())?;
    (*next == chars[i]).then_some(newline + 1)
}

/// A transcript's turn (`WALLACE: Let's start…`): the speaker in capitals and a
/// colon open the quote.
pub(crate) fn transcript_turn(inner: &str) -> Option<(String, &str)> {
    let (name, said) = inner.split_once(':')?;
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitals = |w: &&str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
    };
    ((1..=3).contains(&words.len()) && words.iter().all(capitals) && !said.trim().is_empty())
        .then(|| (words.join(" "), said.trim()))
}

/// Where a quote opened by a straight mark ends. A straight mark's direction is
/// read from its neighbours: after a space and before a word it opens a quote
/// within the quote (`з "добрими послугами" як`), which its next mark closes.
fn straight_closing(chars: &[char], i: usize) -> Option<usize> {
    let mut depth = 0;
    for (n, &c) in chars.iter().enumerate().skip(i + 1).take(MAX_CHARS) {
        match c {
            '\n' => return None,
            '"' => {
                let after_space = chars[n - 1].is_whitespace();
                let before_word = chars.get(n + 1).is_some_and(|c| c.is_alphanumeric());
                if after_space && before_word {
                    depth += 1;
                } else if depth > 0 {
                    depth -= 1;
                } else {
                    return Some(n + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The characters with every closed quote's words blanked out (its marks kept).
pub(crate) fn unquoted(chars: &[char]) -> String {
    blank_quoted(chars).into_iter().collect()
}

/// [`unquoted`], as characters (a text's, made once and sliced per quote).
pub(crate) fn blank_quoted(chars: &[char]) -> Vec<char> {
    let mut out: Vec<char> = chars.to_vec();
    let mut i = 0;
    while i < chars.len() {
        match closing(chars, i).filter(|&end| chars[end - 1] != '\n') {
            Some(end) => {
                for c in &mut out[i + 1..end - 1] {
                    *c = ' ';
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}
