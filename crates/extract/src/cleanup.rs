//! Scraper leftovers in already-extracted text: donation and subscription appeals,
//! "read more" lists of headlines, photo credits, share/cookie prompts and button
//! labels. Each paragraph is judged by structure (length, final punctuation, bullets,
//! bare domain names) and by short cue phrases in the languages news comes in; runs
//! of such paragraphs are cut from the start and the end of the text, where they
//! gather, and the clearest single cases (credits, "Read more") anywhere.

/// Cue phrases of page furniture (lower case), in several languages.
const CUES: &[&str] = &[
    // English
    "support us",
    "support our",
    "your support",
    "your help",
    "donate",
    "donation",
    "subscribe",
    "subscription",
    "newsletter",
    "sign up",
    "ad-free",
    " ads ",
    "disabled all ads",
    "cookie",
    "read more",
    "read also",
    "related articles",
    "share this",
    "follow us",
    "click here",
    "remind me later",
    "advertisement",
    "all rights reserved",
    "not ready to support",
    // Ukrainian
    "підтримайте",
    "підтримати нас",
    "підпишіться",
    "підписатися",
    "читайте також",
    "читайте більше",
    "реклама",
    "поділитися",
    // Russian
    "поддержите",
    "поддержать нас",
    "подпишитесь",
    "подписаться",
    "читайте также",
    "поделиться",
    // German
    "unterstützen sie",
    "abonnieren",
    "lesen sie auch",
    "mehr zum thema",
    "werbung",
    "teilen sie",
    // French
    "soutenez",
    "abonnez-vous",
    "abonnement",
    "lire aussi",
    "à lire aussi",
    "publicité",
    "partager",
    // Spanish and Portuguese
    "apóyanos",
    "suscríbete",
    "suscripción",
    "lee también",
    "publicidad",
    "compartir",
    "apoie",
    "assine",
    "leia também",
    "publicidade",
    "compartilhe",
    // Polish and Italian
    "wesprzyj",
    "subskrybuj",
    "czytaj także",
    "czytaj też",
    "udostępnij",
    "sostienici",
    "abbonati",
    "leggi anche",
    "pubblicità",
    "condividi",
];

/// Words that open a photo credit.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photos",
    "foto",
    "fotos",
    "фото",
    "світлина",
    "bild",
    "image",
    "images",
    "credit",
    "crédit",
    "picture",
    "zdjęcie",
    "kuva",
];

/// Removes scraper leftovers from a text's paragraphs.
pub(crate) fn clean_paragraphs(paragraphs: Vec<String>) -> Vec<String> {
    let flags: Vec<bool> = paragraphs.iter().map(|p| is_furniture(p)).collect();
    let start = leading_cut(&flags);
    let end = paragraphs.len() - leading_cut(&flags.iter().rev().copied().collect::<Vec<_>>());
    if start >= end {
        // Everything looks like furniture: better to keep the text than lose it.
        return paragraphs;
    }
    paragraphs
        .into_iter()
        .enumerate()
        .filter(|(i, p)| (start..end).contains(i) && !is_standalone_furniture(p))
        .map(|(_, p)| p)
        .collect()
}

/// The paragraphs [`clean_paragraphs`] cuts from the front as furniture that are not
/// furniture themselves (a headline among banners), in order.
pub(crate) fn cut_from_front(paragraphs: &[String]) -> Vec<&str> {
    let flags: Vec<bool> = paragraphs.iter().map(|p| is_furniture(p)).collect();
    let cut = leading_cut(&flags);
    paragraphs[..cut]
        .iter()
        .zip(&flags)
        .filter(|(_, f)| !**f)
        .map(|(p, _)| p.as_str())
        .collect()
}

/// How many paragraphs to cut from the front: the prefix where furniture outweighs
/// text the most (each furniture paragraph +1, each other −1), if that is clearly so.
/// The prefix must open with furniture: text first means there is nothing to cut.
fn leading_cut(flags: &[bool]) -> usize {
    let (mut sum, mut best, mut cut) = (0i32, 0i32, 0usize);
    for (i, f) in flags.iter().enumerate() {
        sum += if *f { 1 } else { -1 };
        // On a tie the longer cut wins: the extra stretch is as much furniture as text.
        if sum >= best && sum > 0 {
            best = sum;
            cut = i + 1;
        }
        if sum < 0 || sum < best - 3 {
            break;
        }
    }
    if best >= 2 {
        cut
    } else {
        0
    }
}

fn words(p: &str) -> usize {
    p.split_whitespace().count()
}

fn has_cue(p: &str) -> bool {
    let lower = format!(" {} ", p.to_lowercase());
    CUES.iter().any(|c| lower.contains(c))
}

fn ends_like_sentence(p: &str) -> bool {
    p.trim_end()
        .chars()
        .last()
        .is_some_and(|c| matches!(c, '.' | '!' | '?' | '…' | '"' | '”' | '»' | '。' | ')'))
}

fn is_bullet(p: &str) -> bool {
    p.starts_with(['•', '·', '*', '–', '—', '-', '►', '▪'])
}

/// A paragraph that is page furniture rather than article text.
fn is_furniture(p: &str) -> bool {
    let n = words(p);
    // Counted in characters too: Chinese or Thai prose has few spaces.
    let short_label = n <= 3 && p.chars().count() <= 40 && !ends_like_sentence(p);
    // A colon-ended line opens what follows ("A message from the editors:").
    let caption_heading = n <= 8 && p.trim_end().ends_with(':');
    let salutation = n <= 3 && p.trim_end().ends_with(',');
    let headline_bullet = is_bullet(p) && n >= 4;
    short_label || caption_heading || salutation || headline_bullet || has_cue(p) || is_credit(p)
}

/// Furniture clear enough to drop anywhere: credits, and short prompts such as "Read more".
fn is_standalone_furniture(p: &str) -> bool {
    is_credit(p) || (words(p) <= 4 && has_cue(p) && !ends_like_sentence(p))
}

/// `Photo: Reuters`, `Фото: akorda.kz`, or a bare domain name (`Kremlin.ru`).
fn is_credit(p: &str) -> bool {
    let trimmed = p.trim();
    if words(trimmed) > 6 {
        return false;
    }
    let lower = trimmed.to_lowercase();
    let first = lower.split([':', ' ', '/']).next().unwrap_or("");
    if CREDIT_WORDS.contains(&first) && (lower.contains(':') || lower.contains('/')) {
        return true;
    }
    is_bare_domain(&lower)
}

fn is_bare_domain(s: &str) -> bool {
    if s.contains(char::is_whitespace) || s.starts_with("http") {
        return false;
    }
    let Some((name, tld)) = s.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(text: &str) -> Vec<String> {
        clean_paragraphs(text.lines().map(str::to_string).collect())
    }

    #[test]
    fn appeals_at_both_ends_are_cut_and_the_story_stays() {
        let text = "×\nLove reading us without ads?\nWe switched off every ad this year. Your support keeps it that way.\nSupport us\n\
                    Valley towns brace for the spring melt\n\
                    The river rose by a metre overnight and the ferry stopped running at noon.\n\
                    Engineers said the dam held and no homes were flooded.\n\
                    A note from the editors:\nDear readers,\nIndependent reporting costs money. Please donate today.\nOnce\nMonthly\nContinue\nRead more";
        let kept = clean(text);
        assert_eq!(
            kept.first().map(String::as_str),
            Some("Valley towns brace for the spring melt")
        );
        assert_eq!(
            kept.last().map(String::as_str),
            Some("Engineers said the dam held and no homes were flooded.")
        );
    }

    #[test]
    fn trailing_headline_lists_and_credits_go() {
        let text = "Фото: council.example.ua\nThe council approved the plan on Tuesday after a long debate.\nIt takes effect next month.\n\
                    • Why the old bridge was never rebuilt after the war\n• Five things to know about the new tram line\n• Mayor's office answers readers' questions";
        let kept = clean(text);
        assert_eq!(
            kept,
            vec![
                "The council approved the plan on Tuesday after a long debate.",
                "It takes effect next month."
            ]
        );
    }

    #[test]
    fn lists_inside_the_story_stay() {
        let text = "The ministry named the countries that could host the talks:\n- Turkey\n- Qatar\n- Switzerland\n\
                    Officials said a decision would come within a week, after consultations.";
        assert_eq!(clean(text).len(), 5);
    }

    #[test]
    fn a_text_made_only_of_short_lines_is_kept() {
        let text = "Results\nHome 2\nAway 1";
        assert_eq!(clean(text).len(), 3);
    }

    #[test]
    fn unspaced_prose_is_not_a_label() {
        let text = "市交通局は二十三日、港地区と駅前を結ぶ新しいバス路線の運行を始めたと発表し、朝夕は十五分間隔で走らせる方針を示した\n運賃は従来の路線と同じ二百円とする";
        assert_eq!(clean(text).len(), 2);
    }

    #[test]
    fn cues_in_other_languages() {
        assert!(is_furniture("Читайте також: як змінилися ціни"));
        assert!(is_furniture("Lesen Sie auch"));
        assert!(is_furniture("Abonnez-vous à notre lettre"));
        assert!(!is_furniture(
            "The minister said the talks would continue in Geneva next week."
        ));
    }
}
