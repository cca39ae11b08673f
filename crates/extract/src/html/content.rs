//! Main-content extraction. The page is cut into text blocks (maximal runs of inline
//! text between block-level boundaries, with their link text counted); blocks vote for
//! the elements above them by how much prose they hold; the best-scoring element (and
//! siblings that score nearly as well) is the article; inside it, blocks in boilerplate
//! regions (by class/id/role cues such as share, related, comment, newsletter), after
//! a furniture label ("Read more", "Lesen Sie auch") and link-dense blocks are dropped.
//! The article then [`widens`](super::widen) to prose around it, and a page where all
//! this finds nothing is read again with every visible element.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::blocks::{text_blocks, Block, Pass};
use super::candidates::{best_candidate, headline_element, score_elements, with_siblings};
use super::furniture::{is_label, small_marked_regions};
use super::widen::widen;

/// Why a block is, or is not, article text (`storyline extract --explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    /// Inside the article's element.
    Article,
    /// Prose beside the article's element, in an ancestor that adds mostly prose.
    Beside,
    /// Read in the fallback pass (the first pass found no article text).
    Fallback,
    /// Outside the article's element.
    Outside,
    /// Mostly link text (a menu, a list of headlines).
    Links,
    /// In a region whose class, id or role names furniture (share, related, comments).
    Marked,
    /// A furniture label ("Read more", "Lesen Sie auch") or what follows it there.
    Label,
    /// Beside the article's element but not prose (a byline, a caption, a URL).
    NotProse,
    /// The page's headline (it is the title, not text).
    Headline,
    /// A heading with no kept text after it.
    Orphan,
    /// An item of its own (`<article>`) inside the article: a teaser card.
    Item,
}

impl Why {
    pub(crate) fn kept(self) -> bool {
        matches!(self, Why::Article | Why::Beside | Why::Fallback)
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Why::Article => "in the article's element",
            Why::Beside => "prose beside the article's element",
            Why::Fallback => "read by the fallback pass",
            Why::Outside => "outside the article's element",
            Why::Links => "mostly links",
            Why::Marked => "in a region marked as furniture",
            Why::Label => "a furniture label or what follows it",
            Why::NotProse => "beside the article but not prose",
            Why::Headline => "the headline",
            Why::Orphan => "a heading with no kept text after it",
            Why::Item => "an item of its own inside the article",
        }
    }
}

/// What main-content extraction decided for one page.
pub(crate) struct Decision {
    pub blocks: Vec<Block>,
    pub scores: HashMap<NodeId, f64>,
    /// The article's root elements (the best container, qualifying siblings, and the
    /// ancestors it widened to).
    pub included: Vec<NodeId>,
    /// Per block: why it is or is not article text.
    pub why: Vec<Why>,
    /// Which pass over the page made the decision.
    pub pass: Pass,
}

pub(crate) fn decide(doc: &Html, title: Option<&str>) -> Decision {
    let first = decide_pass(doc, title, Pass::Article);
    if first.why.iter().any(|w| w.kept()) {
        return first;
    }
    let mut second = decide_pass(doc, title, Pass::Visible);
    if !second.why.iter().any(|w| w.kept()) {
        // Nothing reads as an article: every visible block that is not a menu or
        // the page's navigation.
        for (why, b) in second.why.iter_mut().zip(&second.blocks) {
            if keep_block(b) && !in_navigation(doc, b) {
                *why = Why::Fallback;
            }
        }
    }
    second
}

fn decide_pass(doc: &Html, title: Option<&str>, pass: Pass) -> Decision {
    let blocks = text_blocks(doc.root_element(), pass);
    let furniture = small_marked_regions(&blocks);
    let scores = score_elements(doc, &blocks, &furniture);
    let headline = headline_element(doc, &blocks, title);
    let Some(best) = best_candidate(doc, &scores, &blocks, &furniture, headline) else {
        let why = blocks
            .iter()
            .map(|b| match () {
                _ if !b.boilerplate.is_empty() => Why::Marked,
                _ if !keep_block(b) || b.chars < 25 => Why::Links,
                _ => Why::Fallback,
            })
            .collect();
        return Decision {
            blocks,
            scores,
            included: Vec::new(),
            why,
            pass,
        };
    };
    let included = with_siblings(doc, best, &scores, &blocks);
    let labelled = after_labels(doc, &blocks, best);
    let mut why: Vec<Why> = blocks
        .iter()
        .zip(&labelled)
        .map(|(b, labelled)| {
            let Some(root) = ancestors_of(doc, b.element).find(|id| included.contains(id)) else {
                return Why::Outside;
            };
            match () {
                _ if *labelled => Why::Label,
                _ if !keep_block(b) => Why::Links,
                _ if in_furniture_below(doc, b, root) => Why::Marked,
                _ => Why::Article,
            }
        })
        .collect();
    let included = widen(
        doc, best, &blocks, &furniture, &labelled, included, &mut why,
    );
    drop_nested_articles(doc, &blocks, &included, &mut why);
    drop_title_and_orphan_headings(&blocks, headline, &mut why);
    Decision {
        blocks,
        scores,
        included,
        why,
        pass,
    }
}

/// Labels and what follows each in its parent element ("You may also like" and the
/// teasers after it), unless that parent holds the article's best element (then the
/// label is an aside within the article: only the label goes).
fn after_labels(doc: &Html, blocks: &[Block], best: NodeId) -> Vec<bool> {
    let mut labelled = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        // A label inside an earlier label's run has a run within it.
        if labelled[i] || !is_label(b) {
            continue;
        }
        labelled[i] = true;
        let Some(parent) = doc.tree.get(b.element).and_then(|n| n.parent()) else {
            continue;
        };
        let parent = parent.id();
        if ancestors_of(doc, best).any(|a| a == parent) {
            continue;
        }
        for (j, later) in blocks.iter().enumerate().skip(i + 1) {
            if !ancestors_of(doc, later.element).any(|a| a == parent) {
                break;
            }
            labelled[j] = true;
        }
    }
    labelled
}

/// The article's text and what stands just before it.
pub(crate) struct MainContent {
    pub paragraphs: Vec<String>,
    /// The blocks right before the first paragraph (bylines and datelines live there).
    pub preamble: String,
}

/// The article's paragraphs, in document order.
pub(crate) fn main_content(doc: &Html, title: Option<&str>) -> MainContent {
    let d = decide(doc, title);
    let first = d
        .why
        .iter()
        .position(|w| w.kept())
        .unwrap_or(d.blocks.len());
    let preamble = d.blocks[first.saturating_sub(12)..first]
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let paragraphs = d
        .blocks
        .into_iter()
        .zip(d.why)
        .filter(|(_, why)| why.kept())
        .map(|(b, _)| b.text)
        .collect();
    MainContent {
        paragraphs,
        preamble,
    }
}

/// The headline is the title, not text; a heading with no kept text after it (before
/// the next heading) titles something that was dropped ("Top Video", "Don't miss").
fn drop_title_and_orphan_headings(blocks: &[Block], headline: Option<NodeId>, why: &mut [Why]) {
    let mut followed = false;
    for i in (0..blocks.len()).rev() {
        if !why[i].kept() {
            continue;
        }
        if blocks[i].is_heading() {
            if Some(blocks[i].element) == headline {
                why[i] = Why::Headline;
            } else if !followed {
                why[i] = Why::Orphan;
            }
            followed = false;
        } else {
            followed = true;
        }
    }
}

/// `<article>` elements inside the article are other items (teaser cards, "you may
/// also like"): dropped, unless they hold most of the text (a page that nests its
/// one story in a second `<article>`).
fn drop_nested_articles(doc: &Html, blocks: &[Block], included: &[NodeId], why: &mut [Why]) {
    let nested: Vec<bool> = blocks
        .iter()
        .map(|b| {
            ancestors_of(doc, b.element)
                .take_while(|id| !included.contains(id))
                .filter_map(|id| doc.tree.get(id).and_then(ElementRef::wrap))
                .any(|e| e.value().name() == "article")
        })
        .collect();
    let (mut inner, mut outer) = (0usize, 0usize);
    for ((b, w), n) in blocks.iter().zip(why.iter()).zip(&nested) {
        if w.kept() {
            if *n {
                inner += b.chars;
            } else {
                outer += b.chars;
            }
        }
    }
    if inner > 0 && outer >= inner {
        for (w, n) in why.iter_mut().zip(nested) {
            if n && w.kept() {
                *w = Why::Item;
            }
        }
    }
}

/// Whether a boilerplate-marked region lies between the block and the article root
/// (marks above the root say nothing: blogs put whole posts in a "widget").
pub(super) fn in_furniture_below(doc: &Html, b: &Block, root: NodeId) -> bool {
    b.boilerplate
        .iter()
        .any(|&marked| marked != root && ancestors_of(doc, marked).any(|a| a == root))
}

/// Whether a block sits in the page's navigation, header or footer (landmark
/// elements or roles).
fn in_navigation(doc: &Html, b: &Block) -> bool {
    ancestors_of(doc, b.element)
        .filter_map(|id| doc.tree.get(id).and_then(ElementRef::wrap))
        .any(|e| {
            let e = e.value();
            matches!(e.name(), "nav" | "menu" | "header" | "footer")
                || matches!(
                    e.attr("role"),
                    Some("navigation" | "banner" | "contentinfo")
                )
        })
}

/// Prose, not a menu or a "read more" list.
pub(super) fn keep_block(b: &Block) -> bool {
    if b.is_heading() {
        return b.link_density() < 0.5;
    }
    b.link_density() <= 0.5
}

pub(super) fn ancestors_of(doc: &Html, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    let start = doc.tree.get(id);
    start
        .into_iter()
        .flat_map(|n| std::iter::once(n).chain(n.ancestors()))
        .map(|n| n.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn div_paragraphs_and_related_lists() {
        let html = r#"<html><body><div class="page"><div class="story-body">
            <div class="para">The river burst its banks on Monday night, flooding the lower town and the old harbour.</div>
            <div class="para">Rescue teams moved 400 people to the sports hall, the mayor said, adding that nobody was hurt.</div>
            <div class="related-links"><h3>Related</h3><ul><li><a href="/a">Storm warning for the coast this weekend</a></li></ul></div>
            <div class="share-bar">Share this article on social networks now please</div>
            </div><div class="sidebar"><p>Weather tomorrow: rain, rain, and more rain, with wind, and cold, it says.</p></div></div></body></html>"#;
        let doc = Html::parse_document(html);
        let paragraphs = main_content(&doc, None).paragraphs;
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert!(paragraphs[0].starts_with("The river burst"));
    }
}
