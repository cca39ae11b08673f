//! The story page's summary and its comparison of reports: what only one outlet
//! reports, and where reports disagree, each pointing at the article it names.

use maud::{html, Markup};
use storyline_engine::compare::{ArticleCoverage, ConflictKind};
use storyline_engine::digest::SummaryVersion;
use storyline_engine::insight::outlet_label;
use storyline_store::StoryDetail;

/// The page link of an article by its external id.
fn article_href(story: &StoryDetail, id: &str) -> Option<String> {
    story
        .articles
        .iter()
        .find(|a| a.article.id == id)
        .map(|a| format!("/articles/{}", a.key))
}

fn kind_label(kind: ConflictKind) -> &'static str {
    match kind {
        ConflictKind::Number => "a number",
        ConflictKind::Date => "a date",
        ConflictKind::Place => "a place",
        ConflictKind::Person => "a person",
    }
}

pub(crate) fn summary_section(summary: &[SummaryVersion]) -> Markup {
    html! {
        @if !summary.is_empty() {
            section.summary {
                h2 { "Summary" }
                @for s in summary {
                    p lang=(s.language) { (s.text) }
                }
            }
        }
    }
}

pub(crate) fn comparison_sections(story: &StoryDetail, coverage: &[ArticleCoverage]) -> Markup {
    let unique: Vec<&ArticleCoverage> = coverage.iter().filter(|c| !c.unique.is_empty()).collect();
    let conflicts: Vec<&ArticleCoverage> = coverage
        .iter()
        .filter(|c| !c.conflicts.is_empty())
        .collect();
    html! {
        @if !unique.is_empty() {
            section.unique {
                h2 { "What only this outlet reports" }
                @for c in &unique {
                    details {
                        summary {
                            @match article_href(story, &c.article) {
                                Some(href) => a href=(href) { (outlet_label(c.outlet.as_deref())) },
                                None => (outlet_label(c.outlet.as_deref())),
                            }
                            " · " (c.unique.len()) " statements"
                        }
                        ul { @for s in &c.unique { li { (s) } } }
                    }
                }
            }
        }
        @if !conflicts.is_empty() {
            section.conflicts {
                h2 { "Where reports disagree" }
                ul {
                    @for c in &conflicts {
                        @for x in &c.conflicts {
                            li {
                                strong { (outlet_label(c.outlet.as_deref())) } " and "
                                @match article_href(story, &x.with_article) {
                                    Some(href) => a href=(href) { "another report" },
                                    None => "another report",
                                }
                                " differ on " (kind_label(x.kind)) ":"
                                blockquote { (x.text) }
                                blockquote { (x.with_text) }
                            }
                        }
                    }
                }
            }
        }
    }
}
