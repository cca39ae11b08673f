//! The page as text blocks: maximal runs of inline text between block-level
//! boundaries, each with its link text counted, its nearest block element and the
//! furniture-marked elements around it.

use ego_tree::{NodeId, NodeRef};
use scraper::node::Node;
use scraper::ElementRef;

use super::furniture::is_marked;
use crate::text::collapse_whitespace;

/// Subtrees that never hold article text: code, media, forms, and ruby readings
/// (`rt`, `rp`: the furigana printed over Japanese kanji, not part of the words).
const NEVER_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "button", "select", "textarea",
    "option", "iframe", "object", "embed", "canvas", "head", "title", "video", "audio", "picture",
    "map", "input", "rt", "rp",
];

/// Subtrees that hold page furniture rather than article text (read in the first
/// pass only; a page whose article sits in one is read again without them).
const FURNITURE_TAGS: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "label",
    "figure",
    "figcaption",
    "menu",
    "dialog",
];

/// Which subtrees a pass over the page reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// Skip furniture elements (`nav`, `aside`, `footer`, `figure`…).
    Article,
    /// Read every visible element: the fallback when the first pass found nothing.
    Visible,
}

/// Elements that end one text block and start another.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
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
    "menu",
    "nav",
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
    pub(super) fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }

    pub(super) fn is_heading(&self) -> bool {
        matches!(self.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
    }
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
pub(crate) fn text_blocks(root: ElementRef, pass: Pass) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut builder = BlockBuilder::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => match node.value() {
                Node::Text(t) => builder.push_text(t),
                Node::Element(el) => {
                    let name = el.name();
                    let skipped = NEVER_TEXT.contains(&name)
                        || (pass == Pass::Article && FURNITURE_TAGS.contains(&name));
                    if skipped || is_hidden(el) {
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
