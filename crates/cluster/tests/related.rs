//! Merges, related stories (the same pattern at another time), follow-ups that
//! name the day of their event, and ages that tell two events apart.

mod common;

use common::*;
use storyline_analyze::{AnalyzedArticle, Analyzer};
use storyline_cluster::ClusterConfig;

#[test]
fn an_article_that_bridges_two_stories_merges_them_under_the_older_id() {
    let a = Analyzer::default();
    let mut c = ClusterConfig {
        merge_fit: 0.0,
        merge_threshold: 0.0,
        ..ClusterConfig::default()
    }
    .build()
    .unwrap();
    let day = Some((2026, 5, 8));
    let english = c.assign(&doc(&a, "f1", day, FERRY_1.0, FERRY_1.1), None);
    let greek = c.assign(&doc(&a, "f-el", day, "", FERRY_EL), None);
    assert_ne!(english.story, greek.story, "nothing links them yet");
    // Greek words of the first Greek report, and the English report's names.
    let bridge = "Το επιβατικό πλοίο Aldora προσάραξε σε αμμουδιά κοντά στο νησί Kessel την \
        Παρασκευή με 312 επιβάτες. Ο καπετάνιος Jonas Ekberg δήλωσε ότι κανείς δεν τραυματίστηκε.";
    let merged = c.assign(&doc(&a, "bridge", day, "", bridge), None);
    assert_eq!(merged.story, english.story, "the older id survives");
    assert_eq!(merged.merged, vec![greek.story]);
    assert_eq!(c.resolve(greek.story), english.story);
    let later = c.assign(&doc(&a, "f-el-2", day, "", FERRY_EL), None);
    assert_eq!(later.story, english.story);
    assert_eq!(c.active_stories(), 1);
}

#[test]
fn the_same_pattern_years_later_opens_a_related_story() {
    let a = Analyzer::default();
    let mut c = clusterer();
    let first = c.assign(
        &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
        None,
    );
    let museum = c.assign(&doc(&a, "m1", Some((2026, 5, 8)), MUSEUM.0, MUSEUM.1), None);
    let later = c.assign(
        &doc(&a, "f2", Some((2028, 5, 9)), FERRY_2.0, FERRY_2.1),
        None,
    );
    assert!(later.new_story, "two years apart: another event");
    assert_eq!(later.related, vec![first.story]);
    assert!(!later.related.contains(&museum.story));
    let same_week = c.assign(
        &doc(&a, "f3", Some((2028, 5, 10)), FERRY_1.0, FERRY_1.1),
        None,
    );
    assert!(same_week.related.is_empty() && !same_week.new_story);
}

#[test]
fn a_report_joining_a_story_links_it_to_the_earlier_pattern_once() {
    let a = Analyzer::default();
    let mut c = clusterer();
    let day = Some((2028, 5, 9));
    let first = c.assign(
        &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
        None,
    );
    let nameless = c.assign(
        &doc(
            &a,
            "g1",
            day,
            "Ferry runs aground in fog near the northern sandbanks",
            "A passenger ferry ran aground on a sandbank in thick fog on Tuesday morning with 280 people on \
             board. The coast guard said the hull was intact and nobody was hurt. Tugs waited for the high tide \
             to pull the ship free while the passengers stayed on board.",
        ),
        None,
    );
    assert!(
        nameless.new_story && nameless.related.is_empty(),
        "no names to share yet"
    );
    let named = |id| {
        doc(
            &a,
            id,
            day,
            "Aldora runs aground again off Kessel Island",
            "The passenger ferry Aldora ran aground in thick fog off Kessel Island on Tuesday morning with 280 \
             people on board, two years after its first grounding there. The coast guard said the hull was \
             intact and nobody was hurt. Tugs waited for the high tide to pull the ship free.",
        )
    };
    let joined = c.assign(&named("g2"), None);
    assert_eq!(joined.story, nameless.story);
    assert_eq!(
        joined.related,
        vec![first.story],
        "it names what the 2026 story named"
    );
    let again = c.assign(&named("g3"), None);
    assert_eq!(again.story, nameless.story);
    assert!(again.related.is_empty(), "a link is reported once");
}

const FIRE: (&str, &str) = (
    "Warehouse fire on Harbour Road destroys the Meridan grain store",
    "A fire destroyed the Meridan grain store on Harbour Road in Tolvik on Monday night. Fire chief Anja \
     Ruud said forty firefighters fought the blaze for six hours and nobody was hurt. Police are asking \
     witnesses who saw a grey van near the building to come forward.",
);

fn fire_trial(analyzer: &Analyzer, id: &str, names_the_day: bool) -> AnalyzedArticle {
    let day = if names_the_day {
        "on March 9, 2026"
    } else {
        "last spring"
    };
    doc(
        analyzer,
        id,
        Some((2026, 9, 15)),
        "Man goes on trial over the Meridan grain store fire in Tolvik",
        &format!(
            "A man accused of setting the fire that destroyed the Meridan grain store on Harbour Road in \
             Tolvik {day} went on trial on Tuesday. Fire chief Anja Ruud told the court that forty \
             firefighters fought the blaze for six hours. Police said a grey van was seen near the building."
        ),
    )
}

#[test]
fn a_follow_up_that_names_the_day_of_the_event_joins_its_story_months_later() {
    let a = Analyzer::default();
    let mut c = clusterer();
    c.assign(&doc(&a, "fire", Some((2026, 3, 10)), FIRE.0, FIRE.1), None);
    let vague = c.assign(&fire_trial(&a, "trial-1", false), None);
    assert!(
        vague.new_story,
        "six months on, without the day: a new story"
    );
    let mut c = clusterer();
    let fire = c.assign(&doc(&a, "fire", Some((2026, 3, 10)), FIRE.0, FIRE.1), None);
    let named = c.assign(&fire_trial(&a, "trial-2", true), None);
    assert_eq!(named.story, fire.story, "it names the day of the fire");
    // The other way round: the fire reported after the trial that names its day.
    let mut c = clusterer();
    let trial = c.assign(&fire_trial(&a, "trial-3", true), None);
    let fire = c.assign(&doc(&a, "fire", Some((2026, 3, 10)), FIRE.0, FIRE.1), None);
    assert_eq!(
        fire.story, trial.story,
        "the story names the day it was published"
    );
}

#[test]
fn a_look_alike_held_back_because_its_time_is_unknown_is_related() {
    let a = Analyzer::default();
    let mut c = ClusterConfig {
        undated_article_factor: 0.1,
        ..ClusterConfig::default()
    }
    .build()
    .unwrap();
    let first = c.assign(
        &doc(&a, "f1", Some((2026, 5, 8)), FERRY_1.0, FERRY_1.1),
        None,
    );
    let undated = c.assign(&doc(&a, "f2", None, FERRY_2.0, FERRY_2.1), None);
    assert!(undated.new_story, "held back, it opens a story");
    assert_eq!(
        undated.related,
        vec![first.story],
        "its content still matches"
    );
}

/// A title defence, as an undated wire report would tell it.
fn title_defence(champion_age: u32, challenger: &str) -> String {
    format!(
        "Heavyweight champion Marek Tallin, {champion_age}, stopped {challenger} in the sixth \
         round on Saturday night to keep his three title belts. Tallin floored {challenger} \
         with a right hand late in the fifth round and the referee waved the fight off after \
         a second knockdown. \"He was hard to hit, but the right hand found him,\" Tallin said \
         after the fight in front of a sold-out arena."
    )
}

#[test]
fn a_report_giving_a_person_another_age_is_another_event_linked_as_related() {
    let a = Analyzer::default();
    let mut c = clusterer();
    let first = c.assign(&doc(&a, "t1", None, "", &title_defence(32, "Ruiz")), None);
    let same_fight = c.assign(&doc(&a, "t2", None, "", &title_defence(32, "Ruiz")), None);
    assert_eq!(same_fight.story, first.story);
    // A birthday during the coverage is not another time.
    let birthday = c.assign(&doc(&a, "t3", None, "", &title_defence(33, "Ruiz")), None);
    assert_eq!(birthday.story, first.story);
    // Told in other words (the same words would make it a copy of the first report).
    let rematch_text = "The 36-year-old Marek Tallin kept his three heavyweight title belts on \
        Saturday night, stopping Berger in the sixth round in front of a sold-out arena. A right \
        hand from Tallin floored Berger late in the fifth round, and after a second knockdown \
        the referee waved the fight off. \"He was hard to hit,\" Tallin said after the fight.";
    let rematch = c.assign(&doc(&a, "t4", None, "", rematch_text), None);
    assert!(rematch.new_story, "four years older: another fight");
    assert_eq!(rematch.related, vec![first.story]);
    // The first report's very words with another age are a template reused, not a copy.
    let template = c.assign(&doc(&a, "t5", None, "", &title_defence(36, "Ruiz")), None);
    assert_eq!(template.copy_of, None);
    assert_ne!(template.story, first.story);
}
