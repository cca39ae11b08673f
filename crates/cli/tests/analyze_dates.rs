//! `storyline analyze` names the dates each article mentions, resolved against its
//! publication day (or, undated, against the first full date it names).

mod common;

use serde_json::Value;

#[test]
fn analyze_reports_dates_resolved_against_publication() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dates.jsonl");
    let articles = [
        serde_json::json!({"id": "en", "lang": "en", "published": "2026-04-02T08:00:00Z",
            "text": "The ferry crews met the minister on Tuesday. The union will vote on the offer next week, \
                     three years after the strike of 14 March 2023."}),
        serde_json::json!({"id": "uk", "lang": "uk", "published": "2025-09-25T10:00:00Z",
            "text": "Міністр зустрілася з екіпажами поромів учора, 24 вересня."}),
        serde_json::json!({"id": "de", "lang": "de",
            "text": "Kiel, 3. März 2026. Die Fähren fuhren gestern wieder."}),
    ];
    let lines: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = common::binary()
        .arg("--data")
        .arg(dir.path())
        .args(["--quiet", "analyze"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dates = |i: usize| -> Vec<(String, String)> {
        reports[i]["dates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["text"].as_str().unwrap().to_string(),
                    d["value"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(t, d)| (t.to_string(), d.to_string()))
            .collect()
    };
    assert_eq!(
        dates(0),
        pairs(&[
            ("Tuesday", "2026-03-31"),
            ("next week", "2026-W15"),
            ("14 March 2023", "2023-03-14")
        ])
    );
    assert_eq!(
        dates(1),
        pairs(&[("учора", "2025-09-24"), ("24 вересня", "2025-09-24")])
    );
    // Undated: the dateline's day is the reference.
    assert_eq!(
        dates(2),
        pairs(&[("3. März 2026", "2026-03-03"), ("gestern", "2026-03-02")])
    );
}
