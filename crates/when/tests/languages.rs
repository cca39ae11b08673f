//! Dates in sentences of our own, one or more per language, against a fixed
//! publication day: Wednesday 24 September 2025.

use chrono::NaiveDate;
use storyline_when::mentions;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The (text, value) pairs found in `text`.
fn found(lang: &str, text: &str) -> Vec<(String, String)> {
    mentions(text, lang, Some(day("2025-09-24")))
        .into_iter()
        .map(|m| (m.text, m.value.to_string()))
        .collect()
}

fn assert_dates(lang: &str, text: &str, want: &[(&str, &str)]) {
    let got = found(lang, text);
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, want, "{lang}: {text}");
}

#[test]
fn english_past_and_future_weekdays_follow_the_tense() {
    assert_dates(
        "en",
        "The minister said on Tuesday that talks had stalled.",
        &[("Tuesday", "2025-09-23")],
    );
    assert_dates(
        "en",
        "The delegations will meet again on Friday in Astana.",
        &[("Friday", "2025-09-26")],
    );
    assert_dates(
        "en",
        "Officials met last Thursday and again yesterday.",
        &[("last Thursday", "2025-09-18"), ("yesterday", "2025-09-23")],
    );
}

#[test]
fn english_calendar_dates_take_the_nearest_year() {
    assert_dates(
        "en",
        "The ceasefire began on Sept. 3 and the vote is due Dec. 15.",
        &[("Sept. 3", "2025-09-03"), ("Dec. 15", "2025-12-15")],
    );
    assert_dates(
        "en",
        "It was signed on September 24, 2019, in Kyiv.",
        &[("September 24, 2019", "2019-09-24")],
    );
    assert_dates(
        "en",
        "Prices rose 4% last month and three years ago.",
        &[("last month", "2025-08"), ("three years ago", "2022-09-24")],
    );
}

#[test]
fn german_dates() {
    assert_dates(
        "de",
        "Am Montagmorgen traf sich der Rat in Berlin.",
        &[("Montagmorgen", "2025-09-22")],
    );
    assert_dates(
        "de",
        "Die Wahl fand am 15. März 2024 statt, vor drei Monaten kam das Urteil.",
        &[
            ("15. März 2024", "2024-03-15"),
            ("vor drei Monaten", "2025-06-24"),
        ],
    );
}

#[test]
fn french_spanish_italian_portuguese_dates() {
    assert_dates(
        "fr",
        "Le 3 mars dernier, le maire a démissionné.",
        &[("3 mars dernier", "2025-03-03")],
    );
    assert_dates(
        "fr",
        "Le vote aura lieu le 3 mars prochain.",
        &[("3 mars prochain", "2026-03-03")],
    );
    // A past tense puts a date in the past even when the next one is nearer.
    assert_dates(
        "en",
        "The mayor resigned on March 3.",
        &[("March 3", "2025-03-03")],
    );
    assert_dates(
        "fr",
        "Le sommet aura lieu dans deux semaines.",
        &[("dans deux semaines", "2025-10-08")],
    );
    assert_dates(
        "es",
        "El acuerdo se firmó hace dos semanas en Madrid.",
        &[("hace dos semanas", "2025-09-10")],
    );
    assert_dates(
        "it",
        "Ieri il governo ha approvato il decreto.",
        &[("Ieri", "2025-09-23")],
    );
    assert_dates(
        "pt",
        "A votação será na próxima segunda-feira.",
        &[("próxima segunda-feira", "2025-09-29")],
    );
}

#[test]
fn dutch_and_polish_dates() {
    assert_dates(
        "nl",
        "De brug werd dinsdag vorige week gesloten.",
        &[("dinsdag vorige week", "2025-09-16")],
    );
    // A weekday and the date it names are one mention.
    assert_dates(
        "pl",
        "Rada zebrała się w zeszły piątek, 19 września.",
        &[("zeszły piątek, 19 września", "2025-09-19")],
    );
}

#[test]
fn ukrainian_and_russian_dates() {
    assert_dates(
        "uk",
        "Переговори відбулися 24 вересня у Києві.",
        &[("24 вересня", "2025-09-24")],
    );
    assert_dates(
        "uk",
        "Зустріч відбулася в минулий четвер.",
        &[("минулий четвер", "2025-09-18")],
    );
    assert_dates(
        "ru",
        "Три дня назад в Москве прошли выборы.",
        &[("Три дня назад", "2025-09-21")],
    );
    assert_dates(
        "ru",
        "Тридцать первое декабря 2024 года было холодным.",
        &[("Тридцать первое декабря 2024", "2024-12-31")],
    );
}

#[test]
fn turkish_and_greek_dates() {
    assert_dates(
        "tr",
        "Toplantı 2 gün önce Ankara'da yapıldı.",
        &[("2 gün önce", "2025-09-22")],
    );
    // A case ending after the apostrophe stays with its year; a postposition
    // after a bare year marks it as a date.
    assert_dates(
        "tr",
        "Yasa 2019'dan sonra değişti, ama 2015'ten önce yoktu.",
        &[("2019'dan", "2019"), ("2015'ten", "2015")],
    );
    assert_dates(
        "hi",
        "बैठक दो सप्ताह में होगी, 2010 से पहले नहीं।",
        &[("दो सप्ताह में", "2025-10-08"), ("2010", "2010")],
    );
    assert_dates(
        "el",
        "Η συνάντηση έγινε στις 3 Ιουλίου.",
        &[("3 Ιουλίου", "2025-07-03")],
    );
}

#[test]
fn chinese_japanese_korean_dates() {
    assert_dates(
        "zh",
        "会谈于2025年9月24日举行，昨天双方发表声明。",
        &[("2025年9月24日", "2025-09-24"), ("昨天", "2025-09-23")],
    );
    assert_dates(
        "ja",
        "先週の月曜日に会談が行われた。",
        &[("先週の月曜日", "2025-09-15")],
    );
    assert_dates("ko", "회담은 3일 전에 열렸다.", &[("3일 전", "2025-09-21")]);
}

#[test]
fn numeric_dates_by_the_language_s_order() {
    assert_dates(
        "en",
        "Filed 9/15/2025 and amended 2025-09-20.",
        &[("9/15/2025", "2025-09-15"), ("2025-09-20", "2025-09-20")],
    );
    // A month name, a four-digit year and a day in any order cannot be misread.
    assert_dates(
        "fr",
        "Dépôt le 12-2024-mars, révision septembre-2025-3, puis 2026/14/janv.",
        &[
            ("12-2024-mars", "2024-03-12"),
            ("septembre-2025-3", "2025-09-03"),
            ("2026/14/janv", "2026-01-14"),
        ],
    );
    assert_dates(
        "de",
        "Frist bis 01.10.2025, Eingang am 15.9.",
        &[("01.10.2025", "2025-10-01"), ("15.9.", "2025-09-15")],
    );
}

#[test]
fn a_part_of_a_span_has_the_span_s_value() {
    assert_dates(
        "en",
        "Talks resume at the end of the month.",
        &[("the end of the month", "2025-09")],
    );
    assert_dates(
        "de",
        "Die Brücke wird Anfang März 2026 eröffnet.",
        &[("Anfang März 2026", "2026-03")],
    );
    assert_dates(
        "es",
        "El puerto se cerró a finales de 2019.",
        &[("a finales de 2019", "2019")],
    );
    assert_dates("ja", "年末に発表する予定だ。", &[("年末", "2025")]);
}

#[test]
fn feasts_counted_from_easter_and_two_digit_years() {
    // Easter 2026 is on 5 April: Pentecost 49 days on, Good Friday 2 days before.
    assert_dates(
        "de",
        "Die Fähre fährt wieder ab Pfingsten 2026.",
        &[("Pfingsten 2026", "2026-05-24")],
    );
    assert_dates(
        "en",
        "The strike began on Good Friday 2026.",
        &[("Good Friday 2026", "2026-04-03")],
    );
    assert_dates(
        "pt",
        "O massacre ocorreu em 2 de outubro de 92.",
        &[("2 de outubro de 92", "1992-10-02")],
    );
}

#[test]
fn a_time_of_day_before_its_day_belongs_to_the_date() {
    assert_dates(
        "en",
        "The vote closes at 8.30 pm today.",
        &[("at 8.30 pm today", "2025-09-24")],
    );
    assert_dates(
        "en",
        "Power returned at 4 a.m. EDT Thursday.",
        &[("at 4 a.m. EDT Thursday", "2025-09-18")],
    );
}

#[test]
fn numbers_that_are_no_dates() {
    for (lang, text) in [
        (
            "en",
            "Shares cost $4.25. The score was 3-2 and 2.5% of voters stayed home.",
        ),
        ("en", "May I ask whether 1,500 people came?"),
        ("de", "Die Inflation lag bei 2,5 Prozent, 17:30 Uhr."),
    ] {
        assert_eq!(found(lang, text), Vec::<(String, String)>::new(), "{text}");
    }
}

#[test]
fn without_a_reference_relative_dates_use_the_text_s_first_full_date() {
    let text = "KYIV, 24 September 2025. The talks ended yesterday.";
    let got: Vec<String> = mentions(text, "en", None)
        .into_iter()
        .map(|m| m.value.to_string())
        .collect();
    assert_eq!(got, ["2025-09-24", "2025-09-23"]);
    let undated: Vec<String> = mentions("The talks ended yesterday.", "en", None)
        .into_iter()
        .map(|m| m.text)
        .collect();
    assert!(undated.is_empty(), "{undated:?}");
}

#[test]
fn a_bare_phrase_names_the_coming_day() {
    assert_dates("es", "martes", &[("martes", "2025-09-30")]);
    assert_dates("de", "nächsten Monat", &[("nächsten Monat", "2025-10")]);
}
