//! Titles and roles ("Minister", "президент", "الوزير", "השר", "部长", "장관",
//! "大臣"): they say the words beside them are a person's name, in scripts with and
//! without letter case, and they are not part of the name ("Minister Bolzano" →
//! "Bolzano"). Scripts without letter case get their names from here: the word
//! after the title (Arabic, Hebrew), the word before it (Korean), the katakana run
//! before it (Japanese), and the run of name-transliteration characters after it
//! (Chinese).

use unicode_segmentation::UnicodeSegmentation;

/// Titles and roles before a name, lower case, in languages that write the title
/// first. A leading article or prefix (Arabic `ال`, Hebrew `ה`) is allowed.
const BEFORE_NAME: &[&str] = &[
    // en
    "minister",
    "president",
    "prime",
    "chancellor",
    "mayor",
    "governor",
    "senator",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "gen",
    "judge",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "professor",
    "king",
    "queen",
    "pope",
    "ambassador",
    "commissioner",
    "chairman",
    "chairwoman",
    "director",
    "sheriff",
    "coach",
    "captain",
    "rep",
    "sen",
    "gov",
    "lt",
    "col",
    "sgt",
    "ceo",
    // de
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "bürgermeister",
    "bürgermeisterin",
    "herr",
    "frau",
    "sprecher",
    "sprecherin",
    // fr / es / it / pt / nl / pl
    "ministre",
    "président",
    "présidente",
    "maire",
    "m",
    "mme",
    "porte-parole",
    "ministro",
    "ministra",
    "presidente",
    "alcalde",
    "señor",
    "señora",
    "sr",
    "sra",
    "sindaco",
    "signor",
    "prefeito",
    "burgemeester",
    "premier",
    "minister",
    "prezydent",
    "premier",
    "burmistrz",
    "rzecznik",
    // uk / ru / bg / sr
    "міністр",
    "президент",
    "прем'єр",
    "прем’єр",
    "мер",
    "голова",
    "речник",
    "пан",
    "пані",
    "генерал",
    "посол",
    "министр",
    "премьер",
    "глава",
    "председатель",
    "представитель",
    "господин",
    "госпожа",
    // ar
    "وزير",
    "الوزير",
    "رئيس",
    "الرئيس",
    "السيد",
    "السيدة",
    "المتحدث",
    "الملك",
    "الأمير",
    "السفير",
    "النائب",
    "الجنرال",
    "العميد",
    // he
    "השר",
    "השרה",
    "שר",
    "הנשיא",
    "נשיא",
    "מר",
    "גברת",
    "הדובר",
    "הדוברת",
    "ראש",
    "השגריר",
    "הגנרל",
    "האלוף",
    // el / tr (Turkish writes most titles after the name, but these come first)
    "υπουργός",
    "πρόεδρος",
    "πρωθυπουργός",
    "δήμαρχος",
    "κύριος",
    "κ",
];

/// Titles after a name (Korean, Japanese, Turkish), with the particles that may follow.
const AFTER_NAME: &[&str] = &[
    // ko
    "장관",
    "대통령",
    "총리",
    "시장",
    "의원",
    "대변인",
    "씨",
    "위원장",
    "대사",
    "회장",
    "감독",
    // tr
    "bakan",
    "bakanı",
    "başkanı",
    "bey",
    "hanım",
];

/// Japanese titles after a katakana name.
const JA_AFTER_NAME: &[&str] = &[
    "大臣",
    "大統領",
    "首相",
    "氏",
    "さん",
    "知事",
    "市長",
    "長官",
    "議員",
    "報道官",
    "外相",
    "監督",
    "選手",
    "大使",
    "会長",
    "社長",
];

/// Chinese titles before a name (simplified and traditional).
const ZH_BEFORE_NAME: &[&str] = &[
    "部长",
    "部長",
    "总统",
    "總統",
    "总理",
    "總理",
    "首相",
    "主席",
    "市长",
    "市長",
    "议员",
    "議員",
    "发言人",
    "發言人",
    "外长",
    "外長",
    "大使",
    "州长",
    "州長",
    "国王",
    "國王",
    "先生",
    "女士",
    "教练",
    "教練",
    "主教",
    "将军",
    "將軍",
    "秘书长",
    "秘書長",
];

/// Characters Chinese uses to transliterate foreign names (simplified and
/// traditional): a run of them after a title is the name.
const ZH_NAME_CHARS: &str = "阿埃艾爱愛安昂奥奧巴拜班邦保鲍鮑贝貝本比彼毕畢宾賓波伯博布查達达戴丹道德登迪蒂丁杜多厄恩尔爾法范菲费費芬丰豐弗福夫盖蓋甘高戈格根古哈海汉漢豪赫亨胡华華霍基吉加贾賈杰傑金卡凯凱坎康柯科克肯库庫奎拉莱萊兰蘭朗劳勞勒雷黎里利莉连連林琳卢盧鲁魯路伦倫罗羅洛马馬迈邁麦麥曼毛梅门門蒙米明莫默穆纳納奈南内內尼宁寧纽紐努诺諾欧歐帕潘庞龐佩彭皮珀普齐齊奇恰乔喬切钦欽琴丘萨薩塞桑瑟森沙莎尚舍什施斯松苏蘇索塔泰坦汤湯唐特滕提图圖托瓦万萬旺威韦韋维維沃乌烏伍西希锡錫夏谢謝辛休雅亚亞扬揚耶伊因英尤扎泽澤詹兹茲佐祖茨楚奎蕾娜妮丽麗玛瑪娅婭莲蓮黛薇蒂露萝蘿尹贺賀韩韓";

/// A name found beside a title, as written, and whether the title was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TitledName {
    pub text: String,
}

/// Whether `word` (lower case) is a title or role that precedes a name.
pub(crate) fn is_title_before(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    BEFORE_NAME.contains(&bare)
}

/// Names that a title marks, in any script: the words after a title (up to two,
/// not stop words, not titles) in languages that write the title first, the word
/// before it in Korean, a katakana run before it in Japanese, name characters after
/// it in Chinese. Cased scripts need a capital letter (their names have one, and a
/// lower-case word after "міністр" is what they are minister of).
pub(crate) fn titled_names(text: &str, is_stopword: &dyn Fn(&str) -> bool) -> Vec<TitledName> {
    let mut out = spaced(text, is_stopword);
    out.extend(japanese(text));
    out.extend(chinese(text));
    out
}

fn spaced(text: &str, is_stopword: &dyn Fn(&str) -> bool) -> Vec<TitledName> {
    let words: Vec<&str> = text
        .split_word_bounds()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let mut out = Vec::new();
    let usable = |w: &str| {
        let lower = w.to_lowercase();
        !is_stopword(&lower)
            && !is_title_before(&lower)
            && !w.chars().any(|c| c.is_ascii_digit())
            && (!has_case(w) || w.chars().next().is_some_and(char::is_uppercase))
    };
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        let caseless_next = words.get(i + 1).is_some_and(|n| !has_case(n));
        if is_title_before(&lower) && caseless_next {
            let name: Vec<&str> = words[i + 1..]
                .iter()
                .take(2)
                .take_while(|n| !has_case(n) && usable(n))
                .copied()
                .collect();
            // Arabic and Hebrew: one word (a second is mostly the verb or a place).
            if let Some(first) = name.first() {
                out.push(TitledName {
                    text: (*first).to_string(),
                });
            }
        }
        if i > 0 && is_title_after(&lower) {
            let prev = words[i - 1];
            if is_hangul(prev) && usable(prev) {
                out.push(TitledName {
                    text: prev.to_string(),
                });
            }
        }
    }
    out
}

/// A Korean title with the particle that may follow it (장관은, 대통령이).
fn is_title_after(word: &str) -> bool {
    AFTER_NAME.iter().any(|t| {
        word == *t
            || word
                .strip_prefix(t)
                .is_some_and(|rest| rest.chars().count() <= 2 && rest.chars().all(is_hangul_char))
    })
}

fn has_case(word: &str) -> bool {
    word.chars().any(|c| c.is_uppercase() || c.is_lowercase())
}

fn is_hangul_char(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn is_hangul(word: &str) -> bool {
    word.chars().all(is_hangul_char)
}

fn is_katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー' || c == '・'
}

/// Katakana runs followed by a Japanese title.
fn japanese(text: &str) -> Vec<TitledName> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_katakana(chars[i].1) || chars[i].1 == '・' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_katakana(chars[i].1) {
            i += 1;
        }
        let (from, to) = (chars[start].0, chars.get(i).map_or(text.len(), |c| c.0));
        let run = text[from..to].trim_end_matches('・');
        if run.chars().count() >= 2 && JA_AFTER_NAME.iter().any(|t| text[to..].starts_with(t)) {
            out.push(TitledName {
                text: run.to_string(),
            });
        }
    }
    out
}

/// Words that end a name written in Chinese characters: time words, verbs of
/// saying and doing, prepositions and particles that follow a name in news.
const ZH_AFTER_NAME: &[&str] = &[
    "周", "星期", "昨", "今", "明", "本", "上午", "下午", "晚", "日", "月", "年", "时", "時", "在",
    "于", "於", "说", "說", "表示", "称", "稱", "指出", "发表", "發表", "会见", "會見", "访问",
    "訪問", "和", "与", "與", "及", "的", "是", "已", "将", "將", "也", "还", "還", "对", "對",
    "向", "出席", "宣布", "强调", "強調", "认为", "認為", "等", "当", "當", "被", "就", "曾", "再",
    "又", "都", "从", "從", "抵达", "抵達", "前往", "会", "會", "召开", "召開",
];

/// The name after a Chinese title: characters used to write foreign names, or
/// any others up to a word that ends a name (at most six; two at least).
fn zh_name_at(rest: &str) -> String {
    let mut name = String::new();
    for (at, c) in rest.char_indices() {
        let ends = !c.is_alphabetic()
            || (!ZH_NAME_CHARS.contains(c)
                && ZH_AFTER_NAME.iter().any(|w| rest[at..].starts_with(w)));
        if ends || name.chars().count() >= 6 {
            break;
        }
        name.push(c);
    }
    name
}

/// Name characters after a Chinese title.
fn chinese(text: &str) -> Vec<TitledName> {
    let mut out = Vec::new();
    for title in ZH_BEFORE_NAME {
        for (at, _) in text.match_indices(title) {
            let rest = &text[at + title.len()..];
            let name = zh_name_at(rest);
            if name.chars().count() >= 2 {
                out.push(TitledName { text: name });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let stop = |w: &str| matches!(w, "في" | "על" | "the");
        titled_names(text, &stop)
            .into_iter()
            .map(|n| n.text)
            .collect()
    }

    #[test]
    fn titles_mark_names_in_scripts_without_case() {
        assert_eq!(
            names("قال الوزير ناصري إن المحادثات ستستمر."),
            vec!["ناصري"]
        );
        assert_eq!(names("השר ברקוביץ נאם בכנס."), vec!["ברקוביץ"]);
        assert_eq!(names("하몬드 장관은 기자들에게 말했다."), vec!["하몬드"]);
        assert_eq!(names("ハモンド大臣は演説した。"), vec!["ハモンド"]);
        assert_eq!(names("部长哈蒙德周一发表讲话。"), vec!["哈蒙德"]);
        assert_eq!(names("部长波寧頓周一在记者会上发表讲话。"), vec!["波寧頓"]);
        assert_eq!(names("部长渡辺昨天在东京说。"), vec!["渡辺"]);
    }

    #[test]
    fn cased_scripts_keep_their_own_rule() {
        // Lower-case words after a title are what the title is of, not names.
        assert!(names("міністр оборони заявив").is_empty());
        assert!(names("The minister spoke.").is_empty());
        // Titles are not names; katakana loanwords without a title are not names.
        assert!(names("テレビのニュース").is_empty());
        assert!(
            names("部长周一发表讲话。").is_empty(),
            "a weekday is no name"
        );
    }
}
