//! Test articles shared by the clusterer's integration tests: a ferry grounding told
//! in five languages, a museum theft, a bakery fire, and toy embeddings.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::{ClusterConfig, Clusterer};
use storyline_model::Article;

/// An article with only what clustering reads: id, title, text and publication time.
pub fn article(
    id: &str,
    title: Option<String>,
    text: String,
    published: Option<DateTime<Utc>>,
) -> Article {
    Article {
        title,
        published,
        ..Article::from_text(id, text)
    }
}

pub fn doc(
    analyzer: &Analyzer,
    id: &str,
    day: Option<(i32, u32, u32)>,
    title: &str,
    text: &str,
) -> AnalyzedArticle {
    analyzer.analyze(article(
        id,
        (!title.is_empty()).then(|| title.to_string()),
        text.into(),
        day.map(|(y, m, d)| Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()),
    ))
}

pub fn clusterer() -> Clusterer {
    ClusterConfig::default().build().unwrap()
}

pub const FERRY_1: (&str, &str) = (
    "Ferry Aldora runs aground off Kessel Island",
    "The passenger ferry Aldora ran aground on a sandbank off Kessel Island on Friday night with 312 people on board. \
     Captain Jonas Ekberg said the hull was intact and nobody was hurt. Coast guard boats from Brenholm took the \
     passengers ashore in groups while tugs waited for the high tide to pull the ship free.",
);
pub const FERRY_2: (&str, &str) = (
    "Aldora passengers brought ashore after grounding near Kessel Island",
    "All 312 passengers of the ferry Aldora were brought ashore by the coast guard after the ship ran aground near \
     Kessel Island. Captain Jonas Ekberg told the Brenholm harbour office the hull held. Tugs will try to pull the \
     Aldora off the sandbank at high tide on Saturday.",
);
pub const FERRY_UK: (&str, &str) = (
    "",
    "Пасажирський пором Aldora сів на мілину біля острова Кессель у п'ятницю ввечері, на борту було 312 людей. \
     Капітан Йонас Екберг заявив, що корпус не пошкоджено і ніхто не постраждав. Катери берегової охорони з Бренгольма \
     перевезли пасажирів на берег, а буксири чекали на приплив, щоб зняти Aldora з мілини.",
);
pub const MUSEUM: (&str, &str) = (
    "Thieves take three paintings from Vellmar city museum",
    "Thieves broke into the Vellmar city museum early on Friday and took three small landscape paintings from the \
     first floor gallery. Director Sofia Brandt said the alarm went off at four in the morning but the burglars \
     escaped before police arrived. The museum will stay closed while detectives examine the building.",
);

pub const BAKERY: (&str, &str) = (
    "Fire closes the old bakery on Linden Street",
    "A fire broke out in the ovens of the old bakery on Linden Street in Oberau before dawn on Tuesday. \
     Firefighters kept the flames from the flats above, and owner Marta Keller said she hopes to reopen \
     within a month once the wiring has been replaced.",
);

/// A Greek report of the ferry story that shares no name, number or word with it.
pub const FERRY_EL: &str =
    "Επιβατικό πλοίο προσάραξε σε αμμουδιά κοντά σε νησί την Παρασκευή το βράδυ. \
    Ο καπετάνιος δήλωσε ότι το σκάφος δεν υπέστη ζημιά και κανείς δεν τραυματίστηκε.";

/// Toy embeddings: a direction shared by everything (as real models have) plus one
/// direction per event.
pub fn embedding(event: usize, noise: f32) -> Vec<f32> {
    (0..8)
        .map(|d| 2.0 + if d == event { 1.0 } else { 0.0 } + noise * d as f32)
        .collect()
}

/// A Chinese report of the ferry story: Han script has no letter case, so no names.
pub const FERRY_ZH: &str =
    "一艘客轮周五晚间在一座岛屿附近的沙洲搁浅，船上三百多人无人受伤。海岸警卫队把乘客分批送上岸。";
/// A French report of the same size that names people the ferry story never named.
pub const FERRY_FR: &str =
    "Le navire de passagers de la compagnie de Bertrand Okafor s'est échoué vendredi soir, \
    a indiqué Camille Durand; personne n'a été blessé et les passagers ont été ramenés à terre.";

/// The English ferry and museum stories, each with its toy embedding (events 0 and
/// 1); returns the ferry's story.
pub fn ferry_and_museum(c: &mut Clusterer, a: &Analyzer, day: Option<(i32, u32, u32)>) -> u64 {
    let ferry = c
        .assign(
            &doc(a, "f1", day, FERRY_1.0, FERRY_1.1),
            Some(&embedding(0, 0.0)),
        )
        .story;
    c.assign(
        &doc(a, "m1", day, MUSEUM.0, MUSEUM.1),
        Some(&embedding(1, 0.0)),
    );
    ferry
}
