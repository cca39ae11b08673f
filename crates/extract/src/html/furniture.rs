//! Page furniture: class, id and role words that mark a region as something other
//! than the article (share bars, related links, comments, ads, sign-in dialogs).

use std::collections::HashMap;

use ego_tree::NodeId;

use super::blocks::Block;

/// Class, id and role words that mark a region as page furniture rather than article,
/// in English and the words sites in other languages use (`anzeige`, `publicite`,
/// `reklama`, `komentarze`).
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "anzeige",
    "author",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comentarios",
    "comment",
    "commentaires",
    "comments",
    "compartir",
    "complementary",
    "consent",
    "contentinfo",
    "cookie",
    "cookies",
    "credit",
    "credits",
    "dialog",
    "disclaimer",
    "disqus",
    "dropdown",
    "empfehlungen",
    "footer",
    "gdpr",
    "komentarze",
    "kommentare",
    "login",
    "masthead",
    "menu",
    "modal",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pager",
    "pagination",
    "partage",
    "polecane",
    "popular",
    "popup",
    "promo",
    "promotion",
    "publicidad",
    "publicite",
    "rail",
    "recirc",
    "recommended",
    "registration",
    "reklama",
    "relacionados",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signin",
    "signup",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "teilen",
    "toolbar",
    "trending",
    "werbung",
    "widget",
];

/// Marked regions that hold less than half of the page's text. A mark on an element
/// around most of the page is a wrapper's name (`content-with-sidebar`), not furniture.
pub(super) fn small_marked_regions(blocks: &[Block]) -> Vec<NodeId> {
    let total: usize = blocks.iter().map(|b| b.chars).sum();
    let mut chars: HashMap<NodeId, usize> = HashMap::new();
    for b in blocks {
        for id in &b.boilerplate {
            *chars.entry(*id).or_default() += b.chars;
        }
    }
    let mut small: Vec<NodeId> = chars
        .into_iter()
        .filter(|(_, c)| c * 2 < total)
        .map(|(id, _)| id)
        .collect();
    small.sort();
    small
}

/// Boilerplate words on an element that can be furniture at all.
pub(super) fn is_marked(el: &scraper::node::Element) -> bool {
    !matches!(el.name(), "body" | "html" | "article" | "main") && has_boilerplate_marks(el)
}

fn has_boilerplate_marks(el: &scraper::node::Element) -> bool {
    let words = ["class", "id", "role"]
        .iter()
        .filter_map(|a| el.attr(a))
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty());
    for word in words {
        let lower = word.to_ascii_lowercase();
        if BOILERPLATE_WORDS.binary_search(&lower.as_str()).is_ok() {
            return true;
        }
    }
    false
}

/// Visible labels that open page furniture ("Read more", "Lesen Sie auch",
/// "Читайте також", "Publicité"): lower case, compared with a block's first words.
const LABELS: &[&str] = &[
    // en
    "advertisement",
    "also read",
    "don't miss",
    "leave a comment",
    "leave a reply",
    "more from",
    "more stories",
    "most popular",
    "most read",
    "read also",
    "read more",
    "recommended",
    "related",
    "see also",
    "share this",
    "sponsored",
    "you may also like",
    "you might also like",
    "you may like",
    // de
    "anzeige",
    "auch interessant",
    "das könnte sie auch interessieren",
    "lesen sie auch",
    "lesen sie mehr",
    "meistgelesen",
    "mehr zum thema",
    "weitere artikel",
    "werbung",
    "ähnliche artikel",
    // fr
    "à lire aussi",
    "à voir aussi",
    "articles similaires",
    "les plus lus",
    "lire aussi",
    "publicité",
    "sur le même sujet",
    "vous aimerez aussi",
    // es, pt, it
    "artículos relacionados",
    "lee también",
    "lo más leído",
    "noticias relacionadas",
    "publicidad",
    "te puede interesar",
    "ver también",
    "leia também",
    "veja também",
    "publicidade",
    "você pode gostar",
    "leggi anche",
    "pubblicità",
    "potrebbe interessarti",
    // pl
    "czytaj też",
    "czytaj także",
    "najczęściej czytane",
    "polecamy",
    "reklama",
    "zobacz też",
    "zobacz także",
    // ru, uk
    "читайте также",
    "смотрите также",
    "похожие статьи",
    "реклама",
    "читайте також",
    "дивіться також",
    "схожі статті",
];

/// Words a label may have at most (a label, not a sentence that opens with one).
const LABEL_WORDS: usize = 6;

/// Whether a block is a furniture label: one of [`LABELS`] opening a short block, or
/// a block whose other words are links ("Lesen Sie auch: <a>…</a>").
pub(super) fn is_label(b: &Block) -> bool {
    let lower = b.text.to_lowercase();

    let text = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let short = text.split_whitespace().count() <= LABEL_WORDS;
    (short || b.link_density() >= 0.5)
        && LABELS.iter().any(|label| {
            text.strip_prefix(label)
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        let mut sorted = BOILERPLATE_WORDS.to_vec();
        sorted.sort();
        assert_eq!(sorted, BOILERPLATE_WORDS);
    }
}
