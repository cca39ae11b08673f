//! Page furniture: class, id and role words that mark a region as something other
//! than the article (share bars, related links, comments, ads).

use std::collections::HashMap;

use ego_tree::NodeId;

use super::blocks::Block;

/// Class, id and role words that mark a region as page furniture rather than article.
const BOILERPLATE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "advertising",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "complementary",
    "consent",
    "contentinfo",
    "cookie",
    "cookies",
    "credit",
    "credits",
    "disclaimer",
    "disqus",
    "dropdown",
    "footer",
    "gdpr",
    "masthead",
    "menu",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "pager",
    "pagination",
    "popular",
    "popup",
    "promo",
    "promotion",
    "rail",
    "recirc",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "taboola",
    "tags",
    "toolbar",
    "trending",
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
