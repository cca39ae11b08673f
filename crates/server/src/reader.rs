//! The language a reader asked for: `?lang=` first, else the best-rated language of
//! the `Accept-Language` header (its primary subtag, `uk-UA` → `uk`).

use axum::http::{header, HeaderMap};

/// A primary language subtag, if `tag` looks like one (`uk`, `pt-BR`, not `*`).
fn primary(tag: &str) -> Option<String> {
    let code = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())).then_some(code)
}

/// The highest-rated language of an `Accept-Language` value (the first on a tie).
fn accept_language(value: &str) -> Option<String> {
    let mut best: Option<(f32, String)> = None;
    for part in value.split(',') {
        let mut pieces = part.split(';');
        let Some(code) = pieces.next().and_then(primary) else {
            continue;
        };
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 && best.as_ref().is_none_or(|(bq, _)| q > *bq) {
            best = Some((q, code));
        }
    }
    best.map(|(_, code)| code)
}

/// The reader's language from a request's query string and headers.
pub(crate) fn reader_language(query: Option<&str>, headers: &HeaderMap) -> Option<String> {
    let asked = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| primary(&v))
    });
    asked.or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(accept_language)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_wins_then_the_best_rated_header_language() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            "en;q=0.5, uk-UA, de;q=0.8".parse().unwrap(),
        );
        assert_eq!(reader_language(None, &headers).as_deref(), Some("uk"));
        assert_eq!(
            reader_language(Some("lang=de"), &headers).as_deref(),
            Some("de")
        );
        assert_eq!(
            reader_language(Some("lang=%3Cscript%3E"), &HeaderMap::new()),
            None
        );
        assert_eq!(accept_language("*;q=0.9, fr;q=0"), None);
    }
}
