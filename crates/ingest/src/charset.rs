//! Bytes → Unicode text. Order of evidence: byte-order mark, the charset the
//! transport declared (HTTP header, JSON is always UTF-8), the charset the document
//! declares (`<meta charset>`, `<?xml encoding?>`), valid UTF-8, and finally
//! statistical detection (chardetng), which tells windows-1251 from KOI8-U/R and the
//! ISO-8859 family apart. A declared legacy charset that contradicts the bytes
//! (a common scraper bug) loses to detection. Output is NFC-normalised.

use encoding_rs::{Encoding, UTF_8};
use unicode_normalization::UnicodeNormalization;

/// What kind of document the bytes hold; decides where an in-document declaration is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Html,
    Xml,
    Text,
}

/// The decoded text and the encoding that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// The name of the encoding a label names (`utf-8`, `cp1251`, …), as decoding
/// records it on a document; UTF-8 for a label no encoding has.
pub fn encoding_name(label: &str) -> &'static str {
    Encoding::for_label(label.trim().as_bytes()).map_or("UTF-8", |e| e.name())
}

/// Decodes `bytes`, using `declared` (e.g. from an HTTP `Content-Type`) as a hint.
pub fn decode(bytes: &[u8], declared: Option<&str>, markup: Markup) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..]);
    }
    let in_document = match markup {
        Markup::Html => prescan_html_charset(bytes),
        Markup::Xml => prescan_xml_encoding(bytes),
        Markup::Text => None,
    };
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or(in_document)
        .map(ascii_compatible);
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared {
        Some(enc) if enc == UTF_8 && utf8_ok => UTF_8,
        // Pure ASCII or valid UTF-8 with non-ASCII bytes: a legacy label is almost surely wrong.
        _ if utf8_ok => UTF_8,
        Some(enc) if enc != UTF_8 && agrees_with_detection(enc, bytes) => enc,
        _ => detect(bytes),
    };
    finish(encoding, bytes)
}

/// Parses the `charset=` parameter of a `Content-Type` value.
pub fn charset_from_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

fn finish(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: nfc(text.into_owned()),
        encoding,
    }
}

/// `text` in Unicode NFC. Most text already is: a quick check over its characters
/// (ASCII costs a comparison each) spares the full composition pass, which was a
/// fifth of ingesting HTML pages.
pub(crate) fn nfc(text: String) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// UTF-16 labels inside an ASCII-compatible byte stream are lies (the HTML spec says so too).
fn ascii_compatible(enc: &'static Encoding) -> &'static Encoding {
    if enc.is_ascii_compatible() {
        enc
    } else {
        UTF_8
    }
}

fn detector_for(bytes: &[u8]) -> chardetng::EncodingDetector {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    detector_for(bytes).guess(None, chardetng::Utf8Detection::Allow)
}

/// A declared single-byte charset is kept unless detection finds one whose decoding
/// looks clearly more like real text: a windows-1252 label on a windows-1251 page
/// decodes to Latin gibberish, a KOI8-U label on a windows-1251 page to case-scrambled
/// Cyrillic. Ties go to the declaration.
fn agrees_with_detection(declared: &'static Encoding, bytes: &[u8]) -> bool {
    let guess = detector_for(bytes).guess(None, chardetng::Utf8Detection::Deny);
    if guess == declared {
        return true;
    }
    let (as_declared, _) = declared.decode_without_bom_handling(bytes);
    let (as_guessed, _) = guess.decode_without_bom_handling(bytes);
    mojibake_score(&as_declared) <= mojibake_score(&as_guessed)
}

/// Counts signs of text decoded with the wrong charset: replacement and C1 control
/// characters, words whose case flips from lower to upper inside them, words mixing
/// Latin and Cyrillic, and Latin words made mostly of accented letters.
pub(crate) fn mojibake_score(text: &str) -> usize {
    let bad_chars = text
        .chars()
        .filter(|&c| c == '\u{fffd}' || ('\u{80}'..='\u{9f}').contains(&c))
        .count();
    let bad_words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| looks_garbled(w))
        .count();
    bad_chars + bad_words
}

fn looks_garbled(word: &str) -> bool {
    let mut previous_lower = false;
    let mut case_flip = false;
    let (mut latin_accented, mut cyrillic, mut ascii, mut letters) = (0, 0, 0, 0);
    for c in word.chars() {
        if c.is_uppercase() && previous_lower {
            case_flip = true;
        }
        previous_lower = c.is_lowercase();
        if !c.is_alphabetic() {
            continue;
        }
        letters += 1;
        match c {
            'a'..='z' | 'A'..='Z' => ascii += 1,
            '\u{c0}'..='\u{24f}' => latin_accented += 1,
            '\u{400}'..='\u{52f}' => cyrillic += 1,
            _ => {}
        }
    }
    let mixed_script = cyrillic > 0 && (ascii + latin_accented) > 0;
    let accent_heavy = letters >= 3 && latin_accented * 2 > letters;
    case_flip || mixed_script || accent_heavy
}

/// Looks for `<meta charset=...>` or `<meta http-equiv=Content-Type content="...charset=...">`
/// in the first 1024 bytes, as browsers do.
fn prescan_html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let start = from + pos + b"charset".len();
        let rest = &lower[start..];
        let rest = skip_while(rest, |b| b.is_ascii_whitespace());
        if let Some(rest) = rest.strip_prefix(b"=") {
            let rest = skip_while(rest, |b| b.is_ascii_whitespace() || b == b'"' || b == b'\'');
            let end = rest
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b"\"';>/".contains(&b))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..end]) {
                return Some(enc);
            }
        }
        from = start;
    }
    None
}

fn prescan_xml_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(256)];
    let decl_end = find(head, b"?>")?;
    let decl = &head[..decl_end];
    let pos = find(decl, b"encoding")?;
    let rest = skip_while(&decl[pos + b"encoding".len()..], |b| {
        b.is_ascii_whitespace() || b == b'='
    });
    let quote = *rest.first()?;
    let rest = &rest[1..];
    let end = rest.iter().position(|&b| b == quote)?;
    Encoding::for_label(&rest[..end])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn skip_while(bytes: &[u8], pred: impl Fn(u8) -> bool) -> &[u8] {
    let n = bytes.iter().take_while(|&&b| pred(b)).count();
    &bytes[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_charset_parameter() {
        assert_eq!(
            charset_from_content_type("text/html; charset=\"KOI8-U\""),
            Some("KOI8-U")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
    }

    #[test]
    fn meta_charset_prescan_finds_both_forms() {
        let a = br#"<html><head><meta charset="windows-1251"></head>"#;
        let b = br#"<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">"#;
        assert_eq!(prescan_html_charset(a), Some(encoding_rs::WINDOWS_1251));
        assert_eq!(prescan_html_charset(b), Some(encoding_rs::KOI8_R));
    }

    #[test]
    fn xml_declaration_encoding() {
        let x = br#"<?xml version="1.0" encoding="ISO-8859-2"?><rss/>"#;
        assert_eq!(prescan_xml_encoding(x), Some(encoding_rs::ISO_8859_2));
    }

    #[test]
    fn output_is_nfc() {
        // "é" as e + combining acute accent becomes one code point.
        let decoded = decode("caf\u{0065}\u{0301}".as_bytes(), None, Markup::Text);
        assert_eq!(decoded.text, "caf\u{e9}");
        // Jamo that compose (the quick check says "maybe") are composed too; text
        // already in NFC comes back as it was.
        assert_eq!(nfc("\u{1100}\u{1161}".to_string()), "\u{ac00}");
        assert_eq!(nfc("Київ, café, 東京".to_string()), "Київ, café, 東京");
    }
}
