//! Which element holds the article: readability-style votes from prose blocks, the
//! headline's container as a rival, split articles joined under their common
//! ancestor, and siblings that continue the article.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::blocks::Block;
use super::content::ancestors_of;

/// Readability-style votes: each prose block gives its parent elements a score that
/// grows with its length and commas, decaying with distance; text in furniture
/// regions votes with a quarter of its weight.
pub(super) fn score_elements(
    doc: &Html,
    blocks: &[Block],
    furniture: &[NodeId],
) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for b in blocks {
        // List items vote for nothing: teaser lists look like prose item by item —
        // unless the item is itself a few sentences of prose.
        if b.chars < 25
            || b.link_density() > 0.5
            || b.is_heading()
            || (matches!(b.tag, "li" | "dt" | "dd") && !is_prose_item(b))
        {
            continue;
        }
        let commas = b.text.matches([',', '，', '、', '،']).count() as f64;
        let in_furniture = b
            .boilerplate
            .iter()
            .any(|id| furniture.binary_search(id).is_ok());
        let weight = if in_furniture { 0.25 } else { 1.0 };
        let vote = weight * (1.0 + commas + (b.chars as f64 / 100.0).min(3.0));
        let Some(node) = doc.tree.get(b.element) else {
            continue;
        };
        // The block's element acts as a paragraph (a `<div>` of text is one too); its
        // containers are what compete.
        let parents = node.ancestors().filter(|a| a.value().is_element());
        for (level, ancestor) in parents.take(5).enumerate() {
            // An `<article>` is a self-contained item: its text votes no further up.
            let is_article = ancestor
                .value()
                .as_element()
                .is_some_and(|e| e.name() == "article");
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *scores.entry(ancestor.id()).or_default() += vote / divider;
            if is_article {
                break;
            }
        }
    }
    scores
}

/// A list item that is prose, not a teaser: three sentences or more (of four words
/// or more). On trafilatura-eval-dev anything from 2 to 4 sentences and 0 to 300
/// characters at least gives 0.919-0.920; ScrapingHub is unchanged.
fn is_prose_item(b: &Block) -> bool {
    b.text
        .split_terminator(['.', '!', '?', '。', '！', '？'])
        .filter(|s| s.split_whitespace().count() >= 4)
        .count()
        >= 3
}

/// Link density of everything under an element.
fn subtree_link_density(doc: &Html, id: NodeId, blocks: &[Block]) -> f64 {
    let (mut chars, mut links) = (0usize, 0usize);
    for b in blocks {
        if ancestors_of(doc, b.element).any(|a| a == id) {
            chars += b.chars;
            links += b.link_chars;
        }
    }
    links as f64 / chars.max(1) as f64
}

/// Whether the element or its parent is a furniture region (a comment body in a
/// comment list competes poorly with the article it hangs under).
fn is_furniture_or_in_one(doc: &Html, id: NodeId, furniture: &[NodeId]) -> bool {
    ancestors_of(doc, id)
        .take(2)
        .any(|a| furniture.binary_search(&a).is_ok())
}

/// The heading that carries the page's title (most of its words are in the title):
/// the article is the element around it, when one of the candidates is.
pub(super) fn headline_element(
    doc: &Html,
    blocks: &[Block],
    title: Option<&str>,
) -> Option<NodeId> {
    let title_words: Vec<String> = words_of(title?);
    if title_words.is_empty() {
        return None;
    }
    blocks
        .iter()
        .filter(|b| matches!(b.tag, "h1" | "h2"))
        .map(|b| {
            let words = words_of(&b.text);
            let shared = words.iter().filter(|w| title_words.contains(w)).count();
            // Unspaced scripts make one "word" of a whole title: equal counts then.
            let whole = words == title_words;
            (
                b.element,
                shared as f64 / words.len().max(1) as f64,
                shared.max(2 * usize::from(whole)),
            )
        })
        .filter(|(_, share, shared)| *share >= 0.6 && *shared >= 2)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(id, _, _)| id)
        .filter(|id| doc.tree.get(*id).is_some())
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A candidate around the headline, apart from the best one (neither contains the
/// other), beats it with a 1.5× bonus: the story the page is titled after, not the
/// teaser list beside it.
fn headline_rival(
    doc: &Html,
    best: NodeId,
    best_score: f64,
    finals: &[(NodeId, f64)],
    headline: Option<NodeId>,
) -> Option<(NodeId, f64)> {
    let headline = headline?;
    let contains = |outer: NodeId, inner: NodeId| ancestors_of(doc, inner).any(|a| a == outer);
    if contains(best, headline) {
        return None;
    }
    finals
        .iter()
        .filter(|(id, _)| contains(*id, headline) && !contains(*id, best) && !contains(best, *id))
        .map(|(id, s)| (*id, s * 1.5))
        .filter(|(_, s)| *s > best_score)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}

pub(super) fn best_candidate(
    doc: &Html,
    scores: &HashMap<NodeId, f64>,
    blocks: &[Block],
    furniture: &[NodeId],
    headline: Option<NodeId>,
) -> Option<NodeId> {
    let mut ranked: Vec<(NodeId, f64)> = scores.iter().map(|(id, s)| (*id, *s)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut finals: Vec<(NodeId, f64)> = ranked
        .into_iter()
        .take(8)
        .map(|(id, s)| {
            let penalty = if is_furniture_or_in_one(doc, id, furniture) {
                0.25
            } else {
                1.0
            };
            (
                id,
                penalty * s * (1.0 - 0.5 * subtree_link_density(doc, id, blocks)),
            )
        })
        .filter(|(_, s)| *s > 0.0)
        .collect();
    finals.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let &(mut best, mut best_score) = finals.first()?;
    if let Some((id, s)) = headline_rival(doc, best, best_score, &finals, headline) {
        (best, best_score) = (id, s);
    }
    let best = common_container(doc, best, best_score, &finals);
    Some(rising_ancestor(doc, best, scores))
}

/// Walking up from the best element, ancestors' votes usually fall; an ancestor whose
/// score rises again above its child's gathers more of the article from elsewhere
/// (the page split it into several columns) and becomes the container.
fn rising_ancestor(doc: &Html, best: NodeId, scores: &HashMap<NodeId, f64>) -> NodeId {
    let Some(mut last) = scores.get(&best).copied() else {
        return best;
    };
    let floor = last / 3.0;
    for ancestor in ancestors_of(doc, best).skip(1) {
        let Some(node) = doc.tree.get(ancestor).and_then(ElementRef::wrap) else {
            break;
        };
        if matches!(node.value().name(), "body" | "html") {
            break;
        }
        let Some(score) = scores.get(&ancestor).copied() else {
            continue;
        };
        if score < floor {
            break;
        }
        if score > last {
            return ancestor;
        }
        last = score;
    }
    best
}

/// Articles split into several sections (one per ad slot) make several near-equal
/// candidates; when at least two others score within 75% of the best and share an
/// ancestor with it, that ancestor is the article.
fn common_container(doc: &Html, best: NodeId, best_score: f64, finals: &[(NodeId, f64)]) -> NodeId {
    // Several `<article>` items side by side are a listing, not one split article.
    if doc
        .tree
        .get(best)
        .and_then(ElementRef::wrap)
        .is_some_and(|e| e.value().name() == "article")
    {
        return best;
    }
    let close: Vec<NodeId> = finals
        .iter()
        .skip(1)
        .filter(|(_, s)| *s >= 0.75 * best_score)
        .map(|(id, _)| *id)
        .collect();
    // Continuation chunks repeat the best element's markup (same tag and class).
    let chunks: Vec<NodeId> = finals
        .iter()
        .skip(1)
        .filter(|(id, s)| *s >= 0.3 * best_score && same_markup(doc, *id, best))
        .map(|(id, _)| *id)
        .collect();
    for ancestor in ancestors_of(doc, best).skip(1).take(6) {
        let holds = |ids: &[NodeId]| {
            ids.iter()
                .filter(|id| ancestors_of(doc, **id).any(|a| a == ancestor))
                .count()
        };
        if holds(&close) >= 2 || (!chunks.is_empty() && holds(&chunks) == chunks.len()) {
            return ancestor;
        }
    }
    best
}

fn same_markup(doc: &Html, a: NodeId, b: NodeId) -> bool {
    let element = |id| {
        doc.tree
            .get(id)
            .and_then(ElementRef::wrap)
            .map(|e| e.value())
    };
    match (element(a), element(b)) {
        (Some(x), Some(y)) => {
            x.name() == y.name() && x.attr("class") == y.attr("class") && x.attr("class").is_some()
        }
        _ => false,
    }
}

/// The best element plus siblings that look like more of the same article.
pub(super) fn with_siblings(
    doc: &Html,
    best: NodeId,
    scores: &HashMap<NodeId, f64>,
    blocks: &[Block],
) -> Vec<NodeId> {
    let mut included = vec![best];
    let Some(node) = doc.tree.get(best) else {
        return included;
    };
    let Some(parent) = node.parent() else {
        return included;
    };
    let best_score = scores.get(&best).copied().unwrap_or(0.0);
    let threshold = (best_score * 0.2).max(10.0);
    for sibling in parent
        .children()
        .filter(|s| s.id() != best && s.value().is_element())
    {
        let score = scores.get(&sibling.id()).copied().unwrap_or(0.0);
        let own: Vec<&Block> = blocks
            .iter()
            .filter(|b| b.element == sibling.id())
            .collect();
        let chars: usize = own.iter().map(|b| b.chars).sum();
        let links: usize = own.iter().map(|b| b.link_chars).sum();
        let density = links as f64 / chars.max(1) as f64;
        let prose = own.iter().any(|b| b.tag == "p")
            && ((chars > 80 && density < 0.25)
                || (chars > 0 && density == 0.0 && own.iter().any(|b| b.text.ends_with('.'))));
        if score >= threshold || prose {
            included.push(sibling.id());
        }
    }
    included
}
