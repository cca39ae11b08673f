//! Main-content extraction. The page is cut into text blocks (maximal runs of inline
//! text between block-level boundaries, with their link text counted); blocks vote for
//! the elements above them by how much prose they hold; the best-scoring element (and
//! siblings that score nearly as well) is the article; inside it, blocks in boilerplate
//! regions (by class/id/role cues such as share, related, comment, newsletter) and
//! link-dense blocks are dropped.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::blocks::{text_blocks, Block};
use super::candidates::{best_candidate, headline_element, score_elements, with_siblings};
use super::furniture::small_marked_regions;

/// What main-content extraction decided for one page.
struct Decision {
    blocks: Vec<Block>,
    scores: HashMap<NodeId, f64>,
    /// The article's root elements (the best container and qualifying siblings).
    included: Vec<NodeId>,
    /// Per block: is it article text?
    kept: Vec<bool>,
}

fn decide(doc: &Html, title: Option<&str>) -> Decision {
    let blocks = text_blocks(doc.root_element());
    let furniture = small_marked_regions(&blocks);
    let scores = score_elements(doc, &blocks, &furniture);
    let headline = headline_element(doc, &blocks, title);
    let Some(best) = best_candidate(doc, &scores, &blocks, &furniture, headline) else {
        let kept = blocks
            .iter()
            .map(|b| b.boilerplate.is_empty() && keep_block(b) && b.chars >= 25)
            .collect();
        return Decision {
            blocks,
            scores,
            included: Vec::new(),
            kept,
        };
    };
    let included = with_siblings(doc, best, &scores, &blocks);
    let mut kept: Vec<bool> = blocks
        .iter()
        .map(|b| {
            ancestors_of(doc, b.element)
                .find(|id| included.contains(id))
                .is_some_and(|root| keep_block(b) && !in_furniture_below(doc, b, root))
        })
        .collect();
    drop_nested_articles(doc, &blocks, &included, &mut kept);
    drop_title_and_orphan_headings(&blocks, headline, &mut kept);
    Decision {
        blocks,
        scores,
        included,
        kept,
    }
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
    let first = d.kept.iter().position(|k| *k).unwrap_or(d.blocks.len());
    let preamble = d.blocks[first.saturating_sub(12)..first]
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let paragraphs = d
        .blocks
        .into_iter()
        .zip(d.kept)
        .filter(|(_, kept)| *kept)
        .map(|(b, _)| b.text)
        .collect();
    MainContent {
        paragraphs,
        preamble,
    }
}

/// The headline is the title, not text; a heading with no kept text after it (before
/// the next heading) titles something that was dropped ("Top Video", "Don't miss").
fn drop_title_and_orphan_headings(blocks: &[Block], headline: Option<NodeId>, kept: &mut [bool]) {
    let mut followed = false;
    for i in (0..blocks.len()).rev() {
        if !kept[i] {
            continue;
        }
        if blocks[i].is_heading() {
            kept[i] = followed && Some(blocks[i].element) != headline;
            followed = false;
        } else {
            followed = true;
        }
    }
}

/// `<article>` elements inside the article are other items (teaser cards, "you may
/// also like"): dropped, unless they hold most of the text (a page that nests its
/// one story in a second `<article>`).
fn drop_nested_articles(doc: &Html, blocks: &[Block], included: &[NodeId], kept: &mut [bool]) {
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
    for ((b, k), n) in blocks.iter().zip(kept.iter()).zip(&nested) {
        if *k {
            if *n {
                inner += b.chars;
            } else {
                outer += b.chars;
            }
        }
    }
    if inner > 0 && outer >= inner {
        for (k, n) in kept.iter_mut().zip(nested) {
            *k &= !n;
        }
    }
}

/// A human-readable account of the decision on one page, for tuning
/// (`cargo run --example blocks -- PAGE.html`).
pub(crate) fn explain(doc: &Html, title: Option<&str>) -> String {
    let d = decide(doc, title);
    let describe = |id: NodeId| {
        doc.tree
            .get(id)
            .and_then(ElementRef::wrap)
            .map(|e| {
                let v = e.value();
                format!(
                    "<{} id={:?} class={:?}>",
                    v.name(),
                    v.attr("id").unwrap_or(""),
                    v.attr("class").unwrap_or("")
                )
            })
            .unwrap_or_default()
    };
    let mut ranked: Vec<(&NodeId, &f64)> = d.scores.iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(a.1));
    let mut out = String::new();
    for (id, s) in ranked.iter().take(6) {
        let mark = if d.included.contains(id) { "  *" } else { "" };
        out.push_str(&format!("score {s:8.1} {}{mark}\n", describe(**id)));
    }
    for id in &d.included {
        let score = d.scores.get(id).copied().unwrap_or(0.0);
        out.push_str(&format!("root  {score:8.1} {}\n", describe(*id)));
    }
    for (b, kept) in d.blocks.iter().zip(&d.kept) {
        let text: String = b.text.chars().take(90).collect();
        out.push_str(&format!(
            "{} {:>5} ld={:.2} {:<4} {}{}\n",
            if *kept { "KEEP" } else { "    " },
            b.chars,
            b.link_density(),
            b.tag,
            if b.boilerplate.is_empty() {
                ""
            } else {
                "[bp] "
            },
            text
        ));
    }
    out
}

/// Whether a boilerplate-marked region lies between the block and the article root
/// (marks above the root say nothing: blogs put whole posts in a "widget").
fn in_furniture_below(doc: &Html, b: &Block, root: NodeId) -> bool {
    b.boilerplate
        .iter()
        .any(|&marked| marked != root && ancestors_of(doc, marked).any(|a| a == root))
}

/// Prose, not a menu or a "read more" list.
fn keep_block(b: &Block) -> bool {
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
