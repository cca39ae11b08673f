//! One error per failed fetch or source, naming the URL, with a short `reason()`
//! that `storyline sources` and the summaries group by.

use thiserror::Error;

#[derive(Debug, Clone, Error, PartialEq)]
pub enum FetchError {
    #[error("{url}: not a URL ({message})")]
    InvalidUrl { url: String, message: String },
    #[error("{url}: only http and https are fetched, not {scheme}:")]
    Scheme { url: String, scheme: String },
    #[error("{url}: refused, {message} (use --allow-private to fetch from such addresses)")]
    Private { url: String, message: String },
    #[error("{url}: disallowed by {robots}")]
    Robots { url: String, robots: String },
    #[error("{url}: not fetched while {robots} cannot be read ({reason}); tried again later")]
    RobotsUnreachable {
        url: String,
        robots: String,
        reason: String,
    },
    #[error("{url}: the server answered {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: the server asks to wait {seconds} s (Retry-After), longer than watch.max_backoff_secs")]
    RetryLater { url: String, seconds: u64 },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url}: redirect loop (back to {to})")]
    RedirectLoop { url: String, to: String },
    #[error("{url}: bad redirect ({message})")]
    BadRedirect { url: String, message: String },
    #[error("{url}: body over {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: body over {limit} bytes once decompressed")]
    DecompressedTooLarge { url: String, limit: u64 },
    #[error("{url}: {message}")]
    Undecodable { url: String, message: String },
    #[error("{url}: timed out")]
    Timeout { url: String },
    #[error("{url}: cannot connect ({message})")]
    Connect { url: String, message: String },
    #[error("{url}: {message}")]
    Transport { url: String, message: String },
    #[error("{url}: {message}")]
    NotASource { url: String, message: String },
    #[error("{url}: not an article page ({message})")]
    NotAPage { url: String, message: String },
    #[error("{path}: {message}")]
    SourceList { path: String, message: String },
}

impl FetchError {
    /// The short label failures are grouped by.
    pub fn reason(&self) -> String {
        match self {
            FetchError::InvalidUrl { .. } => "invalid URL".into(),
            FetchError::Scheme { .. } => "not http(s)".into(),
            FetchError::Private { .. } => "private address".into(),
            FetchError::Robots { .. } => "disallowed by robots.txt".into(),
            FetchError::RobotsUnreachable { .. } => "robots.txt unreachable".into(),
            FetchError::Status { status, .. } => format!("HTTP {status}"),
            FetchError::RetryLater { .. } => "rate limited (Retry-After)".into(),
            FetchError::TooManyRedirects { .. } => "too many redirects".into(),
            FetchError::RedirectLoop { .. } => "redirect loop".into(),
            FetchError::BadRedirect { .. } => "bad redirect".into(),
            FetchError::TooLarge { .. } => "body too large".into(),
            FetchError::DecompressedTooLarge { .. } => "decompressed body too large".into(),
            FetchError::Undecodable { .. } => "undecodable body".into(),
            FetchError::Timeout { .. } => "timeout".into(),
            FetchError::Connect { .. } => "connection failed".into(),
            FetchError::Transport { .. } => "transport error".into(),
            FetchError::NotASource { .. } => "not a feed, sitemap or page with feeds".into(),
            FetchError::NotAPage { .. } => "not an article page".into(),
            FetchError::SourceList { .. } => "bad source list".into(),
        }
    }

    /// Whether trying again later may succeed (a 429 or 5xx, a timeout, a failed connection).
    pub fn is_passing(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            FetchError::Timeout { .. }
            | FetchError::Connect { .. }
            | FetchError::Transport { .. }
            | FetchError::RetryLater { .. }
            | FetchError::RobotsUnreachable { .. } => true,
            _ => false,
        }
    }
}
