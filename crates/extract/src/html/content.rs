//! Main-content extraction. The page is cut into text blocks (maximal runs of inline
//! text between block-level boundaries, with their link text counted); blocks vote for
//! the elements above them by how much prose they hold; the best-scoring element (and
//! siblings that score nearly as well) is the article; inside it, blocks in boilerplate
//! regions (by class/id/role cues such as share, related, comment, newsletter) and
//! link-dense blocks are dropped.

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef};
use scraper::node::Node;
use scraper::{ElementRef, Html};

use crate::text::collapse_whitespace;

/// Subtrees that never hold article text.
const SKIPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "aside",
    "footer",
    "button",
    "select",
    "textarea",
    "label",
    "option",
    "figure",
    "figcaption",
    "iframe",
    "object",
    "embed",
    "canvas",
    "menu",
    "dialog",
    "head",
    "title",
    "video",
    "audio",
    "picture",
    "map",
    "input",
];

/// Elements that end one text block and start another.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

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

/// One run of inline text.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub text: String,
    pub chars: usize,
    pub link_chars: usize,
    /// The nearest block-level element around the text.
    pub element: NodeId,
    pub tag: &'static str,
    /// Boilerplate-marked elements around the block, outermost first.
    pub boilerplate: Vec<NodeId>,
}

impl Block {
    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }

    fn is_heading(&self) -> bool {
        matches!(self.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    }
}

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

fn ancestors_of(doc: &Html, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    let start = doc.tree.get(id);
    start
        .into_iter()
        .flat_map(|n| std::iter::once(n).chain(n.ancestors()))
        .map(|n| n.id())
}

/// Marked regions that hold less than half of the page's text. A mark on an element
/// around most of the page is a wrapper's name (`content-with-sidebar`), not furniture.
fn small_marked_regions(blocks: &[Block]) -> Vec<NodeId> {
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

/// Readability-style votes: each prose block gives its parent elements a score that
/// grows with its length and commas, decaying with distance; text in furniture
/// regions votes with a quarter of its weight.
fn score_elements(doc: &Html, blocks: &[Block], furniture: &[NodeId]) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for b in blocks {
        // List items vote for nothing: teaser lists look like prose item by item.
        if b.chars < 25
            || b.link_density() > 0.5
            || b.is_heading()
            || matches!(b.tag, "li" | "dt" | "dd")
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

/// Boilerplate words on an element that can be furniture at all.
fn is_marked(el: &scraper::node::Element) -> bool {
    !matches!(el.name(), "body" | "html" | "article" | "main") && has_boilerplate_marks(el)
}

/// The heading that carries the page's title (most of its words are in the title):
/// the article is the element around it, when one of the candidates is.
fn headline_element(doc: &Html, blocks: &[Block], title: Option<&str>) -> Option<NodeId> {
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

fn best_candidate(
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
fn with_siblings(
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

fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Exit(NodeRef<'a, Node>),
}

/// One pass over the tree, iterative (no recursion on hostile depth).
pub(crate) fn text_blocks(root: ElementRef) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut builder = BlockBuilder::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => match node.value() {
                Node::Text(t) => builder.push_text(t),
                Node::Element(el) => {
                    let name = el.name();
                    if SKIPPED.contains(&name) || is_hidden(el) {
                        continue;
                    }
                    if name == "br" {
                        builder.push_text(" ");
                        continue;
                    }
                    let block_level = BLOCK_LEVEL.contains(&name);
                    if block_level {
                        builder.flush(&mut blocks);
                        builder.containers.push((node.id(), static_tag(name)));
                    }
                    if name == "a" {
                        builder.link_depth += 1;
                    }
                    if is_marked(el) {
                        builder.boilerplate.push(node.id());
                    }
                    stack.push(Step::Exit(node));
                    for child in node.children().rev() {
                        stack.push(Step::Enter(child));
                    }
                }
                _ => {}
            },
            Step::Exit(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if BLOCK_LEVEL.contains(&name) {
                        builder.flush(&mut blocks);
                        builder.containers.pop();
                    }
                    if name == "a" {
                        builder.link_depth = builder.link_depth.saturating_sub(1);
                    }
                    if builder.boilerplate.last() == Some(&node.id()) {
                        builder.boilerplate.pop();
                    }
                }
            }
        }
    }
    builder.flush(&mut blocks);
    blocks
}

/// Block tags as `'static` strings (the parser's names borrow from the document).
fn static_tag(name: &str) -> &'static str {
    BLOCK_LEVEL
        .iter()
        .find(|t| **t == name)
        .copied()
        .unwrap_or("div")
}

#[derive(Default)]
struct BlockBuilder {
    text: String,
    link_chars: usize,
    link_depth: usize,
    containers: Vec<(NodeId, &'static str)>,
    boilerplate: Vec<NodeId>,
}

impl BlockBuilder {
    fn push_text(&mut self, t: &str) {
        if self.link_depth > 0 {
            self.link_chars += t
                .split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>();
        }
        self.text.push_str(t);
    }

    fn flush(&mut self, blocks: &mut Vec<Block>) {
        let text = collapse_whitespace(&self.text);
        self.text.clear();
        let link_chars = std::mem::take(&mut self.link_chars);
        if text.is_empty() {
            return;
        }
        let Some(&(element, tag)) = self.containers.last() else {
            return;
        };
        let chars = text.chars().count();
        blocks.push(Block {
            chars,
            link_chars: link_chars.min(chars),
            text,
            element,
            tag,
            boilerplate: self.boilerplate.clone(),
        });
    }
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
