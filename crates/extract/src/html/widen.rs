//! The article beyond its best element. Pages split one article over sibling
//! containers (a lead in one `<div>`, the body in the next, a fact box in a third),
//! and the element that wins the vote holds only the largest part. Walking up from
//! it, each ancestor brings the blocks it adds; an ancestor whose additions are mostly
//! prose (by characters, not counting furniture already known: marked regions,
//! labelled teasers) is more of the article, and its prose joins; the first ancestor
//! that adds mostly links, captions or other short pieces ends the walk.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::blocks::Block;
use super::content::{ancestors_of, in_furniture_below, keep_block, Why};

/// Characters a block needs to count as prose on its own.
const PROSE_CHARS: usize = 40;
/// Link share above which a block is not prose.
const PROSE_LINK_DENSITY: f64 = 0.25;

/// Widens the article from `best` (see the module doc). Blocks that join are marked
/// [`Why::Beside`]; the ancestors reached are added to `included`.
pub(super) fn widen(
    doc: &Html,
    best: NodeId,
    blocks: &[Block],
    furniture: &[NodeId],
    labelled: &[bool],
    mut included: Vec<NodeId>,
    why: &mut [Why],
) -> Vec<NodeId> {
    let chain: Vec<NodeId> = ancestors_of(doc, best).collect();
    let level: HashMap<NodeId, usize> = chain.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    // The blocks whose ancestry meets the chain above `best` at each level.
    let mut meeting: Vec<Vec<usize>> = vec![Vec::new(); chain.len()];
    for (i, b) in blocks.iter().enumerate() {
        if let Some(k) = ancestors_of(doc, b.element).find_map(|a| level.get(&a).copied()) {
            meeting[k].push(i);
        }
    }
    for (k, &ancestor) in chain.iter().enumerate().skip(1) {
        let is_page = doc
            .tree
            .get(ancestor)
            .and_then(ElementRef::wrap)
            .is_none_or(|e| matches!(e.value().name(), "body" | "html"));
        if is_page {
            break;
        }
        let added: Vec<usize> = meeting[k]
            .iter()
            .copied()
            .filter(|&i| why[i] == Why::Outside)
            .collect();
        let (mut prose, mut other) = (0usize, 0usize);
        for &i in &added {
            let b = &blocks[i];
            if labelled[i] || in_small_furniture(b, furniture) || is_consent_notice(&b.text) {
                // Known furniture: dropped whether or not the ancestor joins.
                continue;
            }
            if is_prose(b, furniture) {
                prose += b.chars;
            } else {
                other += b.chars;
            }
        }
        // Less than a paragraph of other text is no boundary (a share button, a
        // date): the walk goes on.
        if prose < other && other >= PROSE_CHARS {
            break;
        }
        for &i in &added {
            why[i] = beside(doc, &blocks[i], ancestor, furniture, labelled[i]);
        }
        included.push(ancestor);
    }
    included
}

/// What a block an ancestor adds is: prose (or a heading) joins the article.
fn beside(doc: &Html, b: &Block, ancestor: NodeId, furniture: &[NodeId], labelled: bool) -> Why {
    match () {
        _ if labelled || is_consent_notice(&b.text) => Why::Label,
        _ if !keep_block(b) => Why::Links,
        _ if in_furniture_below(doc, b, ancestor) => Why::Marked,
        _ if b.is_heading() || (is_prose(b, furniture) && reads_as_sentence(&b.text)) => {
            Why::Beside
        }
        _ => Why::NotProse,
    }
}

/// Words a cookie or consent notice has at most.
const NOTICE_WORDS: usize = 60;

/// A cookie notice beside the article ("This website uses cookies…", "Diese
/// Website verwendet Cookies…"): the word is the same in most languages, and a
/// notice is short. (Only beside it: inside, a recipe may bake cookies.)
fn is_consent_notice(text: &str) -> bool {
    text.to_lowercase().contains("cookie") && text.split_whitespace().count() <= NOTICE_WORDS
}

/// A block of prose: long enough, few links, not a heading, not in a small marked
/// region.
fn is_prose(b: &Block, furniture: &[NodeId]) -> bool {
    b.chars >= PROSE_CHARS
        && b.link_density() <= PROSE_LINK_DENSITY
        && !b.is_heading()
        && !in_small_furniture(b, furniture)
}

/// Whether a block lies in a marked region that holds little of the page.
fn in_small_furniture(b: &Block, furniture: &[NodeId]) -> bool {
    b.boilerplate
        .iter()
        .any(|id| furniture.binary_search(id).is_ok())
}

/// Whether text ends as a sentence does (a caption, a byline or a bare URL does
/// not).
fn reads_as_sentence(text: &str) -> bool {
    let text = text.trim();
    let bare_url = text.starts_with("http") && !text.contains(' ');
    !bare_url
        && text.ends_with([
            '.', '!', '?', '…', ':', '"', '”', '»', '“', ')', '。', '！', '？', '؟', '।',
        ])
}
