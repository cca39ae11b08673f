//! Human-readable tables and progress bars.

use std::io::IsTerminal;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use storyline_engine::noun;
use storyline_ingest::Input;
use storyline_store::{StoryDetail, StorySummary};

/// Input bytes at which a single input is worth a progress bar.
const BIG_INPUT_BYTES: u64 = 4 << 20;

/// Progress over the bytes of the inputs (as stored; a gzip counts compressed) and
/// the documents read from them, with rate and ETA; on stderr, only on a terminal,
/// never with `--quiet`, and only for runs worth it (20 inputs, or 4 MB).
pub struct Progress {
    bar: ProgressBar,
    read: Arc<AtomicU64>,
}

impl Progress {
    pub fn new(inputs: &[Input], quiet: bool) -> Self {
        let read = Arc::new(AtomicU64::new(0));
        let sizes: Option<u64> = inputs
            .iter()
            .map(|i| match i {
                Input::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
                Input::Stdin => None,
            })
            .sum();
        let worth_it = inputs.len() >= 20 || sizes.is_none_or(|b| b >= BIG_INPUT_BYTES);
        if quiet || !worth_it || !std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(sizes, ProgressDrawTarget::hidden());
            return Progress { bar, read };
        }
        let (bar, template) = match sizes {
            Some(total) => (
                ProgressBar::new(total),
                "{spinner} [{elapsed_precise}] {bar:40} {bytes}/{total_bytes} \
                 ({bytes_per_sec}, eta {eta}) {msg}",
            ),
            // Standard input: no size to go by.
            None => (
                ProgressBar::no_length(),
                "{spinner} [{elapsed_precise}] {bytes} read ({bytes_per_sec}) {msg}",
            ),
        };
        let style =
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Progress { bar, read }
    }

    /// The count the input reader adds its bytes to ([`Reader::counting_into`]).
    pub fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// Moves the bar to the bytes read so far, with `documents` read.
    pub fn update(&self, documents: u64) {
        self.bar.set_position(self.read.load(Ordering::Relaxed));
        self.bar.set_message(format!(
            "{documents} {}",
            noun(documents, "document", "documents")
        ));
    }

    /// Runs `f` with the bar out of the way (for messages on stderr).
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
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
        "Story {}: {}\n{} {} · languages {} · {}\n\n",
        s.id,
        s.title.as_deref().unwrap_or("(untitled)"),
        s.articles,
        noun(s.articles, "article", "articles"),
        s.languages.join(", "),
        span(s)
    );
    if let Some(event) = storyline_engine::chronology::story_time(story).event_date {
        let basis = match event.basis {
            storyline_engine::chronology::DateBasis::Mentioned => {
                format!(
                    "named by {} of {} {}",
                    event.articles,
                    s.articles,
                    noun(s.articles, "article", "articles")
                )
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

/// The manual page (roff): synopsis, global options and every command with what it does.
pub(crate) fn manpage(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::Man::new(crate::Cli::command()).render(out)
}
