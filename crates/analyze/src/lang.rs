//! Language identification: whatlang's trigram model (70 languages, all scripts),
//! refined for Cyrillic where letters settle it (Ukrainian і ї є ґ vs Russian ы э ъ ё),
//! falling back to the declared language when the text is too short to tell.
//! Codes are ISO 639-1 where one exists (`uk`, `ru`, `en`), else ISO 639-3.

use whatlang::Lang;

/// Characters of headline and text read to detect the language: trigram detection is
/// settled long before this (the headline and lead are the article's language), and
/// reading whole articles made it the largest single cost of analysis.
const DETECTION_SAMPLE_CHARS: usize = 1500;

/// Detects the language of `text`; `declared` (e.g. `<html lang="uk-UA">`) breaks ties.
pub fn detect_language(text: &str, declared: Option<&str>) -> Option<String> {
    let sample: String = text.chars().take(DETECTION_SAMPLE_CHARS).collect();
    let declared = declared.and_then(normalise_code);
    let info = whatlang::detect(&sample);
    let detected = info.as_ref().map(|i| code_of(i.lang()).to_string());
    let reliable = info
        .as_ref()
        .is_some_and(|i| i.is_reliable() || i.confidence() > 0.5);
    let chosen = match (detected, declared.clone()) {
        (Some(d), _) if reliable => Some(d),
        (_, Some(decl)) => Some(decl),
        (d, None) => d,
    };
    chosen
        .map(|code| refine_cyrillic(&code, &sample))
        .map(|code| refine_han(code, &sample, declared.as_deref()))
}

/// Scripts settle Chinese, Japanese and Korean: Korean is written with Hangul,
/// Japanese with kana; a text of Han characters alone is the declared one of the
/// three, else Chinese.
fn refine_han(code: String, text: &str, declared: Option<&str>) -> String {
    if !matches!(code.as_str(), "zh" | "ja" | "ko") {
        return code;
    }
    let has =
        |range: std::ops::RangeInclusive<u32>| text.chars().any(|c| range.contains(&(c as u32)));
    let (hangul, kana) = (has(0xAC00..=0xD7AF), has(0x3040..=0x30FF));
    match (hangul, kana, declared) {
        (true, _, _) if code == "ko" => code,
        (true, false, _) => "ko".to_string(),
        (_, true, _) => "ja".to_string(),
        (false, false, Some(d @ ("zh" | "ja"))) => d.to_string(),
        (false, false, _) => "zh".to_string(),
    }
}

/// `uk-UA`, `UK`, `ukr` → `uk`; unknown shapes → `None`.
pub fn normalise_code(raw: &str) -> Option<String> {
    let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 if primary.bytes().all(|b| b.is_ascii_lowercase()) => Some(primary),
        3 => Lang::from_code(&primary)
            .map(|l| code_of(l).to_string())
            .or_else(|| {
                primary
                    .bytes()
                    .all(|b| b.is_ascii_lowercase())
                    .then_some(primary)
            }),
        _ => None,
    }
}

/// Letters that occur in only one of the East Slavic orthographies decide between them.
fn refine_cyrillic(code: &str, text: &str) -> String {
    if !matches!(code, "ru" | "uk" | "be" | "bg" | "mk" | "sr") {
        return code.to_string();
    }
    let count = |set: &[char]| {
        text.chars()
            .filter(|c| set.contains(&c.to_lowercase().next().unwrap_or(*c)))
            .count()
    };
    let ukrainian = count(&['ї', 'є', 'ґ']) + count(&['і']) / 2;
    let russian = count(&['ы', 'э', 'ъ', 'ё']);
    let belarusian = count(&['ў']);
    match code {
        "ru" | "uk" | "be" if belarusian > 0 && belarusian * 4 >= ukrainian => "be".to_string(),
        "ru" | "be" if ukrainian > 2 && russian == 0 => "uk".to_string(),
        "uk" | "be" if russian > 2 && ukrainian == 0 => "ru".to_string(),
        other => other.to_string(),
    }
}

/// ISO 639-1 where it exists.
fn code_of(lang: Lang) -> &'static str {
    use Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "no",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_and_russian_are_told_apart() {
        let uk = "Президент країни заявив, що Казахстан готовий організувати зустріч лідерів у своїй столиці, якщо виникне потреба.";
        let ru = "Президент страны заявил, что Казахстан готов организовать встречу лидеров в своей столице, если возникнет необходимость.";
        assert_eq!(detect_language(uk, None).as_deref(), Some("uk"));
        assert_eq!(detect_language(ru, None).as_deref(), Some("ru"));
    }

    #[test]
    fn several_scripts() {
        let cases = [
            (
                "The city council voted on Tuesday to close the old bridge for repairs.",
                "en",
            ),
            (
                "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke zu sperren.",
                "de",
            ),
            (
                "Le conseil municipal a voté mardi la fermeture du vieux pont pour travaux.",
                "fr",
            ),
            (
                "El ayuntamiento votó el martes cerrar el viejo puente para repararlo.",
                "es",
            ),
            (
                "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu.",
                "pl",
            ),
            (
                "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να κλείσει την παλιά γέφυρα.",
                "el",
            ),
            (
                "قرر مجلس المدينة يوم الثلاثاء إغلاق الجسر القديم لإصلاحه.",
                "ar",
            ),
            ("市议会周二投票决定关闭这座旧桥进行维修。", "zh"),
            ("Il consiglio comunale ha votato martedì per chiudere il vecchio ponte per lavori di riparazione.", "it"),
            ("A câmara municipal votou na terça-feira o encerramento da velha ponte para obras de reparação.", "pt"),
            ("De gemeenteraad heeft dinsdag besloten de oude brug te sluiten voor herstelwerkzaamheden.", "nl"),
            ("Kommunfullmäktige röstade på tisdagen för att stänga den gamla bron för reparationer.", "sv"),
            ("Belediye meclisi salı günü eski köprünün onarım için kapatılmasına karar verdi.", "tr"),
            ("Consiliul local a votat marți închiderea podului vechi pentru reparații urgente.", "ro"),
            ("Zastupitelstvo města v úterý odhlasovalo uzavření starého mostu kvůli opravám.", "cs"),
            ("A városi közgyűlés kedden megszavazta, hogy a régi hidat javítás miatt lezárják.", "hu"),
            ("Kaupunginvaltuusto päätti tiistaina sulkea vanhan sillan korjaustöiden ajaksi.", "fi"),
            ("מועצת העיר הצביעה ביום שלישי על סגירת הגשר הישן לצורך תיקונים.", "he"),
            ("नगर परिषद ने मंगलवार को पुराने पुल को मरम्मत के लिए बंद करने का फैसला किया।", "hi"),
            ("市議会は火曜日、古い橋を修理のために閉鎖することを決めました。", "ja"),
            ("시의회는 화요일 낡은 다리를 보수하기 위해 폐쇄하기로 결정했습니다.", "ko"),
            ("Hội đồng thành phố đã bỏ phiếu hôm thứ Ba để đóng cửa cây cầu cũ để sửa chữa.", "vi"),
            ("Dewan kota memutuskan pada hari Selasa untuk menutup jembatan tua itu untuk perbaikan.", "id"),
            ("สภาเมืองลงมติเมื่อวันอังคารให้ปิดสะพานเก่าเพื่อซ่อมแซม", "th"),
            ("Градският съвет гласува във вторник да затвори стария мост за ремонт.", "bg"),
        ];
        for (text, code) in cases {
            assert_eq!(detect_language(text, None).as_deref(), Some(code), "{text}");
        }
    }

    #[test]
    fn declared_codes_are_normalised() {
        assert_eq!(normalise_code("uk-UA").as_deref(), Some("uk"));
        assert_eq!(normalise_code("ukr").as_deref(), Some("uk"));
        assert_eq!(normalise_code("EN").as_deref(), Some("en"));
        assert_eq!(normalise_code("not a code"), None);
    }

    #[test]
    fn han_kana_and_hangul_settle_chinese_japanese_korean() {
        assert_eq!(
            detect_language("２０１８年後", Some("ja")).as_deref(),
            Some("ja")
        );
        assert_eq!(detect_language("２０１８年後", None).as_deref(), Some("zh"));
        assert_eq!(
            detect_language("明日の朝に戻ります", Some("zh")).as_deref(),
            Some("ja")
        );
        assert_eq!(
            detect_language("내일 아침에 돌아갑니다", None).as_deref(),
            Some("ko")
        );
    }

    #[test]
    fn declared_language_wins_on_tiny_text() {
        assert_eq!(detect_language("OK", Some("pt-BR")).as_deref(), Some("pt"));
    }
}
