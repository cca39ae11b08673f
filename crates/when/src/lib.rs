//! Dates written in text — absolute (`24 вересня 2025`, `2021年3月25日`, `15/02/2013`)
//! and relative (`yesterday`, `am Montagmorgen`, `le 3 mars dernier`, `в минулий
//! четвер`, `two weeks ago`) — in many languages and scripts, resolved against a
//! reference day (an article's publication date).
//!
//! The pieces, in the order the text flows through them: [`tokens`] cut the text,
//! the [`lexicon`] of its language gives the words their meanings (`items`), the
//! `grammar` reads the shapes dates take, `tense` tells which way an open date
//! points, and `resolve` places each on the calendar as a [`Value`].

mod grammar;
mod items;
mod lexicon;
mod resolve;
mod tense;
mod tokens;
mod value;

use chrono::NaiveDate;

pub use lexicon::{month_number, LANGUAGES};
pub use value::Value;

/// A date named in a text: where it is written and the day, week, month or year it
/// names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: Value,
}

/// The dates `text` (in language `lang`, an ISO 639-1 code) names, in order.
/// Relative dates are resolved against `reference`; without one, against the first
/// full date the text itself names, and left out when it names none.
pub fn mentions(text: &str, lang: &str, reference: Option<NaiveDate>) -> Vec<Mention> {
    let lexicon = lexicon::lexicon(lang);
    let tokens = tokens::tokenize(text, lexicon);
    let items = items::items(text, &tokens, lexicon);
    let phrase = tense::is_phrase(text, &tokens);
    let readings = grammar::Grammar::new(&items, lexicon.month_first, phrase).readings();
    let reference = reference.or_else(|| {
        readings.iter().find_map(|r| match r.expr {
            grammar::Expr::Date { year: Some(_), .. } => {
                match resolve::resolve(&r.expr, None, resolve::Direction::Past) {
                    Some(Value::Day(d)) => Some(d),
                    _ => None,
                }
            }
            _ => None,
        })
    });
    let spans: Vec<(usize, usize)> = readings
        .iter()
        .map(|r| (items[r.start].start, items[r.end - 1].end))
        .collect();
    // A text that is nothing but dates (and a word or two around them) asks for the
    // coming day, as a calendar does; a short sentence around a date does not.
    let calendar = phrase && tense::words_outside(&tokens, &spans) <= 2;
    readings
        .iter()
        .filter_map(|r| {
            let (start, end) = (items[r.start].start, items[r.end - 1].end);
            let dir = tense::direction(text, &tokens, lexicon, (start, end), calendar);
            let value = resolve::resolve(&r.expr, reference, dir)?;
            Some(Mention {
                start,
                end,
                text: text[start..end].to_string(),
                value,
            })
        })
        .collect()
}
