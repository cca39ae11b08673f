//! Human-readable tables and progress bars.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use storyline_store::{StoryDetail, StorySummary};

/// A progress bar over inputs, drawn only on a terminal and for batches worth it.
pub fn progress(total: usize, quiet: bool) -> ProgressBar {
    if quiet || total < 20 || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total as u64);
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} inputs ({per_sec}, eta {eta}) {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn day(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map_or_else(|| "-".to_string(), |t| t.format("%Y-%m-%d").to_string())
}

fn span(s: &StorySummary) -> String {
    match (s.first_published, s.last_published) {
        (Some(a), Some(b)) if a.date_naive() == b.date_naive() => day(Some(a)),
        (a, b) => format!("{}..{}", day(a), day(b)),
    }
}

pub fn story_table(stories: &[StorySummary]) -> String {
    let languages: Vec<String> = stories.iter().map(|s| s.languages.join(",")).collect();
    let spans: Vec<String> = stories.iter().map(span).collect();
    let lw = languages
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max("LANGUAGES".len());
    let sw = spans
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max("SPAN".len());
    let mut out = format!(
        "{:>6}  {:>8}  {:<lw$}  {:<sw$}  TITLE\n",
        "STORY", "ARTICLES", "LANGUAGES", "SPAN"
    );
    for ((s, langs), span) in stories.iter().zip(&languages).zip(&spans) {
        out.push_str(&format!(
            "{:>6}  {:>8}  {:<lw$}  {:<sw$}  {}\n",
            s.id,
            s.articles,
            langs,
            span,
            s.title.as_deref().unwrap_or("(untitled)")
        ));
    }
    out
}

pub fn story_text(story: &StoryDetail) -> String {
    let s = &story.summary;
    let mut out = format!(
        "Story {}: {}\n{} articles · languages {} · {}\n\n",
        s.id,
        s.title.as_deref().unwrap_or("(untitled)"),
        s.articles,
        s.languages.join(", "),
        span(s)
    );
    if let Some(event) = storyline_engine::chronology::story_time(story).event_date {
        let basis = match event.basis {
            storyline_engine::chronology::DateBasis::Mentioned => {
                format!("named by {} of {} articles", event.articles, s.articles)
            }
            storyline_engine::chronology::DateBasis::Published => {
                "the first report; no article names the day".into()
            }
        };
        out.push_str(&format!("Event date: {} ({basis})\n\n", event.day));
    }
    if !story.related.is_empty() {
        let ids: Vec<String> = story.related.iter().map(u64::to_string).collect();
        out.push_str(&format!(
            "Related stories (same people or places, another event): {}\n\n",
            ids.join(", ")
        ));
    }
    for a in &story.articles {
        let title = a
            .article
            .title
            .clone()
            .unwrap_or_else(|| first_words(&a.article.text, 12));
        out.push_str(&format!(
            "  [{}] {} {} — {}\n      {}\n",
            a.language,
            day(a.article.published),
            a.article.source.as_deref().unwrap_or(""),
            title,
            a.article.url.as_deref().unwrap_or(&a.article.id),
        ));
        if let Some(original) = &a.copy_of {
            out.push_str(&format!("      copy of {original}\n"));
        }
    }
    out
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n).collect();
    format!("{}…", words.join(" "))
}
