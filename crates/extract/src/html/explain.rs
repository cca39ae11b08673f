//! `storyline extract --explain PAGE`: how main-content extraction saw a page — the
//! elements that competed, the one chosen, and every text block with why it was kept
//! or dropped.

use std::fmt::Write;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use super::blocks::Pass;
use super::content::decide;

/// Characters of each block shown.
const PREVIEW_CHARS: usize = 100;

/// A human-readable account of the decision on one page.
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
    ranked.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let mut out = String::from(match d.pass {
        Pass::Article => "pass: first (furniture elements such as nav, aside, footer skipped)\n",
        Pass::Visible => "pass: second (every visible element: the first pass found no text)\n",
    });
    out.push_str("candidates (score, element; * = part of the article):\n");
    for (id, s) in ranked.iter().take(6) {
        let mark = if d.included.contains(id) { " *" } else { "" };
        let _ = writeln!(out, "  {s:8.1} {}{mark}", describe(**id));
    }
    out.push_str("article elements:\n");
    for id in &d.included {
        let _ = writeln!(out, "  {}", describe(*id));
    }
    out.push_str("blocks (kept?, characters, link share, tag, why, text):\n");
    for (b, why) in d.blocks.iter().zip(&d.why) {
        let text: String = b.text.chars().take(PREVIEW_CHARS).collect();
        let _ = writeln!(
            out,
            "{} {:>6} {:.2} {:<7} {:<40} {}",
            if why.kept() { "KEEP" } else { "drop" },
            b.chars,
            b.link_density(),
            b.tag,
            why.describe(),
            text
        );
    }
    out
}
