//! End-to-end tests of the `storyline` binary: the bundled sample corpus, idempotent
//! re-ingest, bad inputs in a batch, stdin, and the store-less `cluster`/`extract` modes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

mod common;

use common::{
    http, json_lines, repo_root, serving_address, stderr, stdout, story_groups, storyline,
};

fn corpus() -> PathBuf {
    repo_root().join("samples/corpus")
}

/// Story id → sorted article ids, read back through `stories` and `show`.
fn stored_groups(data: &Path) -> BTreeMap<u64, Vec<String>> {
    story_groups(|args| storyline(data, args))
}

fn group_of<'a>(groups: &'a BTreeMap<u64, Vec<String>>, member: &str) -> &'a Vec<String> {
    groups
        .values()
        .find(|g| g.iter().any(|id| id == member))
        .unwrap()
}

#[test]
fn sample_corpus_becomes_multilingual_stories_and_reingest_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = storyline(&data, &["ingest", corpus().to_str().unwrap()]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("ingested 14, duplicates 0, failed 0"),
        "{}",
        stderr(&first)
    );

    let groups = stored_groups(&data);
    assert_eq!(groups.len(), 4, "{groups:#?}");
    let fire = group_of(&groups, "en-taravel-fire");
    for member in [
        "es-taravel-incendio",
        "uk-taravel-pozhezha",
        "de-taravel-brand",
        "feeds-fr#1",
    ] {
        assert!(
            fire.iter().any(|id| id == member),
            "{member} missing from {fire:?}"
        );
    }
    let launch = group_of(&groups, "en-halcyon-launch");
    for member in [
        "pl-halcyon-start",
        "ru-halcyon-zapusk",
        "wire-de-halcyon",
        "wire-uk-halcyon",
        "feeds-fr#2",
    ] {
        assert!(
            launch.iter().any(|id| id == member),
            "{member} missing from {launch:?}"
        );
    }
    assert_eq!(
        group_of(&groups, "en-portaluna-fire-2024"),
        &vec!["en-portaluna-fire-2024".to_string()]
    );
    assert_eq!(
        group_of(&groups, "wire-en-vote"),
        &vec!["wire-en-vote".to_string(), "wire-fr-vote".to_string()]
    );

    let table = stdout(&storyline(&data, &["stories"]));
    assert!(
        table.contains("Großbrand in Chemiewerk von Norvex"),
        "{table}"
    );
    assert!(table.contains("de,en,es,fr,uk"), "{table}");

    let again = storyline(&data, &["ingest", corpus().to_str().unwrap()]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("ingested 0, duplicates 14, failed 0"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stored_groups(&data), groups, "re-ingest changes nothing");
}

#[test]
fn a_later_batch_joins_stories_from_an_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = storyline(
        &data,
        &[
            "ingest",
            corpus().join("en-taravel-fire.txt").to_str().unwrap(),
        ],
    );
    assert!(first.status.success());
    let second = storyline(
        &data,
        &[
            "ingest",
            corpus().join("es-taravel-incendio.txt").to_str().unwrap(),
        ],
    );
    assert!(second.status.success());
    let groups = stored_groups(&data);
    assert_eq!(groups.len(), 1, "{groups:?}");
}

#[test]
fn bad_inputs_are_reported_by_name_and_the_rest_of_the_batch_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let ok = storyline(
        &data,
        &["ingest", corpus().join("wire.jsonl").to_str().unwrap()],
    );
    assert!(ok.status.success());

    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    std::fs::write(
        batch.join("mixed.jsonl"),
        "{\"id\": \"good-1\", \"text\": \"Die Stadt Gralheim hat am Montag eine neue Straßenbahnlinie eröffnet.\"}\n{\"id\": \"bad\", \"text\": \n",
    )
    .unwrap();
    std::fs::write(
        batch.join("junk.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 0, 7].repeat(50),
    )
    .unwrap();
    std::fs::write(batch.join("empty.txt"), "").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        "A long enough text about a tram line opening in Gralheim. "
            .repeat(200)
            .as_bytes(),
    )
    .unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(batch.join("cut.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    let missing = dir.path().join("missing.html");

    let out = storyline(
        &data,
        &["ingest", batch.to_str().unwrap(), missing.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "something failed, so exit status 1"
    );
    let err = stderr(&out);
    assert!(err.contains("mixed.jsonl:2: malformed JSON"), "{err}");
    assert!(err.contains("junk.bin: binary data"), "{err}");
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(
        err.contains("cut.txt.gz: truncated or corrupt gzip"),
        "{err}"
    );
    assert!(err.contains("missing.html: not found"), "{err}");
    assert!(err.contains("ingested 1, duplicates 0, failed 5"), "{err}");

    let list = json_lines(&storyline(&data, &["stories", "--json"]));
    let total: u64 = list
        .iter()
        .map(|s| s["article_count"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 5, "4 articles from before plus the one good new one");
}

#[test]
fn stdin_and_the_data_directory_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("env-data");
    let mut child = common::binary()
        .env("STORYLINE_DATA", &data)
        .args(["ingest", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let jsonl = std::fs::read(corpus().join("wire.jsonl")).unwrap();
    child.stdin.take().unwrap().write_all(&jsonl).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(data.join("storyline.db").exists());
    assert!(stderr(&out).contains("ingested 4"), "{}", stderr(&out));
}

#[test]
fn cluster_streams_in_input_order_without_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("never-created");
    let files = [
        "uk-taravel-pozhezha.txt",
        "en-halcyon-launch.txt",
        "en-taravel-fire.txt",
        "wire.jsonl",
    ];
    let paths: Vec<String> = files
        .iter()
        .map(|f| corpus().join(f).display().to_string())
        .collect();
    let mut args = vec!["cluster"];
    args.extend(paths.iter().map(String::as_str));
    let out = storyline(&data, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        vec![
            "uk-taravel-pozhezha",
            "en-halcyon-launch",
            "en-taravel-fire",
            "wire-de-halcyon",
            "wire-uk-halcyon",
            "wire-en-vote",
            "wire-fr-vote"
        ]
    );
    let story: Vec<u64> = lines.iter().map(|l| l["story"].as_u64().unwrap()).collect();
    assert_eq!(story, vec![1, 2, 1, 2, 2, 3, 3]);
    assert!(!data.exists(), "cluster touches no store");
}

/// Three reports of one grounding: English, Greek, then a Greek one naming the English
/// report's ship and captain, which shows the first two stories to be one.
fn write_bridging_stream(dir: &Path) -> (PathBuf, PathBuf) {
    let lines = [
        serde_json::json!({"id": "en", "lang": "en", "published": "2026-05-08T21:10:00Z",
            "title": "Ferry Marivel grounds off Tessany Island",
            "text": "The ferry Marivel grounded on a sandbar off Tessany Island late on Friday with 280 \
                people aboard. Captain Oskar Lindqvist said nobody was injured and the hull held. \
                Lifeboats from Valport ferried the passengers to the harbour."}),
        serde_json::json!({"id": "el", "lang": "el", "published": "2026-05-08T22:40:00Z",
            "text": "Επιβατηγό πλοίο προσάραξε σε ξέρα κοντά σε νησί αργά την Παρασκευή. Ο πλοίαρχος \
                είπε ότι κανείς δεν τραυματίστηκε και το κύτος άντεξε."}),
        serde_json::json!({"id": "el-2", "lang": "el", "published": "2026-05-09T07:05:00Z",
            "text": "Το επιβατηγό πλοίο Marivel προσάραξε σε ξέρα κοντά στο νησί Tessany αργά την \
                Παρασκευή. Ο πλοίαρχος Oskar Lindqvist είπε ότι κανείς δεν τραυματίστηκε."}),
    ];
    let stream = dir.join("grounding.jsonl");
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&stream, text).unwrap();
    // Any two stories one article fits are merged, so the bridge is certain to merge.
    let config = dir.join("merge-all.json");
    std::fs::write(
        &config,
        r#"{"cluster": {"merge_fit": 0.0, "merge_threshold": 0.0}}"#,
    )
    .unwrap();
    (stream, config)
}

#[test]
fn cluster_names_each_articles_story_after_merges_as_the_store_does() {
    let dir = tempfile::tempdir().unwrap();
    let (stream, config) = write_bridging_stream(dir.path());
    let (stream, config) = (stream.to_str().unwrap(), config.to_str().unwrap());
    let data = dir.path().join("data");
    let run = |extra: &[&str]| {
        let mut args = vec!["--lexical-only", "--config", config, "cluster", stream];
        args.extend_from_slice(extra);
        let out = storyline(&data, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        json_lines(&out)
    };
    let arrival = run(&["--as-assigned"]);
    let stories: Vec<u64> = arrival
        .iter()
        .map(|l| l["story"].as_u64().unwrap())
        .collect();
    assert_ne!(stories[0], stories[1], "nothing links the first two yet");
    assert_eq!(stories[2], stories[0], "the older id survives the merge");
    assert_eq!(arrival[2]["merged"], serde_json::json!([stories[1]]));

    let last = run(&[]);
    let ids: Vec<&str> = last.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["en", "el", "el-2"], "input order");
    let finals: Vec<u64> = last.iter().map(|l| l["story"].as_u64().unwrap()).collect();
    assert_eq!(
        finals,
        vec![stories[0]; 3],
        "the Greek report is named by its final story"
    );

    let ingest = storyline(
        &data,
        &["--lexical-only", "--config", config, "ingest", stream],
    );
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let stored = stored_groups(&data);
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored.values().next().unwrap(), &["el", "el-2", "en"]);
}

#[test]
fn extract_prints_articles_with_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let out = storyline(
        dir.path(),
        &[
            "extract",
            corpus().join("de-taravel-brand.html").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    let a = &lines[0];
    assert_eq!(a["id"], "de-taravel-brand");
    assert_eq!(a["language"], "de");
    assert_eq!(
        a["title"],
        "Großbrand in Chemiewerk von Norvex: Taravel evakuiert Anwohner"
    );
    assert_eq!(a["url"], "https://nordkurier.example/welt/taravel-brand");
    assert_eq!(a["published"], "2026-03-14T12:20:00+00:00");
    let text = a["text"].as_str().unwrap();
    assert!(text.starts_with("In der Hafenstadt Taravel"), "{text}");
    assert!(
        !text.contains("Startseite") && !text.contains("Impressum") && !text.contains("Bundesliga"),
        "{text}"
    );
}

#[test]
fn show_of_an_unknown_story_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let wire = corpus().join("wire.jsonl");
    assert!(storyline(dir.path(), &["ingest", wire.to_str().unwrap()])
        .status
        .success());
    let out = storyline(dir.path(), &["show", "12345"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no story 12345"));
}

#[test]
fn reading_commands_do_not_create_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nothing-here");
    let out = storyline(&data, &["stories"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("run `storyline ingest` first"),
        "{}",
        stderr(&out)
    );
    assert!(!data.join("storyline.db").exists());
}

#[test]
fn every_command_documents_examples() {
    for command in ["ingest", "stories", "show", "cluster", "extract"] {
        let out = common::binary().args([command, "--help"]).output().unwrap();
        assert!(out.status.success());
        assert!(
            stdout(&out).contains("Examples:"),
            "{command} --help has no examples"
        );
    }
}

/// The acceptance check on the five real seed articles, when the shared folder is present.
#[test]
fn seeds_split_into_the_2025_story_and_the_2019_story() {
    let seeds = repo_root().join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!("skipping: {} not present", seeds.display());
        return;
    };
    let mut files: Vec<String> = entries
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["cluster"];
    args.extend(files.iter().map(String::as_str));
    let out = storyline(dir.path(), &args);
    let story: BTreeMap<String, u64> = json_lines(&out)
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap()[..3].to_string(),
                l["story"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(story["000"], story["001"]);
    assert_eq!(story["000"], story["002"]);
    assert_eq!(story["000"], story["004"]);
    assert_ne!(story["000"], story["003"]);
}

#[test]
fn without_the_model_clustering_runs_lexically_and_warns() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus();
    for args in [
        vec![
            "--model",
            "/nonexistent/model.bin",
            "cluster",
            corpus.to_str().unwrap(),
        ],
        vec!["--lexical-only", "cluster", corpus.to_str().unwrap()],
    ] {
        let out = storyline(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            json_lines(&out).len(),
            14,
            "every article is still assigned"
        );
        let warned =
            stderr(&out).contains("warning: no embedding model (looked at /nonexistent/model.bin)");
        assert_eq!(warned, args[0] == "--model", "{}", stderr(&out));
    }
    let corrupt = dir.path().join("corrupt.bin");
    std::fs::write(&corrupt, b"E5S1 but nothing else").unwrap();
    let out = storyline(
        dir.path(),
        &[
            "--model",
            corrupt.to_str().unwrap(),
            "cluster",
            corpus.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a model that is there but broken is an error"
    );
    assert!(stderr(&out).contains("corrupt.bin"), "{}", stderr(&out));
}

#[test]
fn a_syndicated_copy_is_stored_in_its_originals_story_with_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let wire = "Storm Irmelin cut power to forty thousand homes along the northern coast on Tuesday \
        night, the grid operator said. Winds of up to 140 kilometres an hour brought down lines near \
        Harwick and Salden, and ferries between the islands stayed in port.";
    let lines = [
        serde_json::json!({"id": "wire", "url": "https://wire.example/irmelin", "title": "Storm cuts power",
            "text": wire, "published": "2026-02-03T06:00:00Z"}),
        serde_json::json!({"id": "post", "url": "https://post.example/news/irmelin", "title": "Storm Irmelin leaves homes dark",
            "text": format!("{wire} Reporting by the Post's desk."), "published": "2026-02-03T09:00:00Z"}),
        serde_json::json!({"id": "museum", "url": "https://post.example/news/museum",
            "text": "Thieves took three small landscape paintings from the Vellmar city museum early on Friday, \
                     director Sofia Brandt said; the alarm went off at four in the morning.",
            "published": "2026-02-03T10:00:00Z"}),
    ];
    let input = dir.path().join("feed.jsonl");
    let body: Vec<String> = lines.iter().map(Value::to_string).collect();
    std::fs::write(&input, body.join("\n")).unwrap();

    let clustered = json_lines(&storyline(
        dir.path(),
        &["cluster", input.to_str().unwrap()],
    ));
    assert_eq!(clustered[1]["copy_of"], "wire", "{clustered:?}");
    assert_eq!(clustered[1]["story"], clustered[0]["story"]);
    assert!(clustered[0].get("copy_of").is_none() && clustered[2].get("copy_of").is_none());

    let data = dir.path().join("data");
    for _ in 0..2 {
        let out = storyline(&data, &["ingest", input.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let groups = stored_groups(&data);
    assert_eq!(
        groups.values().map(Vec::len).sum::<usize>(),
        3,
        "both publications kept, once"
    );
    let story = json_lines(&storyline(&data, &["stories", "--json"]))
        .into_iter()
        .find(|s| s["article_count"] == 2)
        .unwrap();
    let shown = storyline(&data, &["show", &story["id"].to_string(), "--json"]);
    let detail: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let post = detail["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "post")
        .unwrap();
    assert_eq!(post["copy_of"], "wire");
}

#[test]
fn serve_answers_http_with_a_strict_policy() {
    let dir = common::ingested_samples(&[]);
    let data = dir.path().to_path_buf();
    let mut child = common::binary()
        .args(["--lexical-only", "--data"])
        .arg(&data)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let addr = serving_address(&mut child);
    let fetch = |path: &str| http(&addr, "GET", path, "", "");
    let page = fetch("/");
    let api = fetch("/api/stories?limit=2");
    let bad = fetch("/api/stories?limit=x");
    child.kill().unwrap();
    let _ = child.wait();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.to_lowercase()
            .contains("content-security-policy: default-src 'none'"),
        "{page}"
    );
    assert!(page.contains("Orbita Nord launches Halcyon-3"), "{page}");
    assert!(
        api.starts_with("HTTP/1.1 200") && api.contains("\"article_count\""),
        "{api}"
    );
    assert!(
        bad.starts_with("HTTP/1.1 400") && bad.contains("limit"),
        "{bad}"
    );
}

#[test]
fn search_finds_articles_in_every_script_and_their_stories() {
    let dir = common::ingested_samples(&[]);
    let data = dir.path().to_path_buf();
    let hits = json_lines(&storyline(&data, &["search", "Halcyon", "--json"]));
    assert!(hits.len() >= 4, "{hits:?}");
    let story = &hits[0]["story"];
    assert!(
        hits.iter().all(|h| &h["story"] == story),
        "one story: {hits:?}"
    );
    let uk = json_lines(&storyline(
        &data,
        &["search", "Halcyon", "--language", "uk", "--json"],
    ));
    assert!(
        !uk.is_empty() && uk.iter().all(|h| h["language"] == "uk"),
        "{uk:?}"
    );
    let table = storyline(&data, &["search", "Halcyon"]);
    assert!(stdout(&table).contains("story "), "{}", stdout(&table));
    // The store is deleted and recreated beside the old index: the index is rebuilt
    // from the new store, never read against it.
    for file in ["storyline.db", "storyline.db-wal", "storyline.db-shm"] {
        let _ = std::fs::remove_file(data.join(file));
    }
    let one = corpus().join("en-portaluna-fire-2024.txt");
    let reingest = storyline(&data, &["ingest", one.to_str().unwrap()]);
    assert!(
        stderr(&reingest).contains("not this store's"),
        "{}",
        stderr(&reingest)
    );
    let stale = json_lines(&storyline(&data, &["search", "Halcyon", "--json"]));
    assert!(stale.is_empty(), "{stale:?}");
    let none = storyline(&dir.path().join("empty"), &["search", "x"]);
    assert_eq!(
        none.status.code(),
        Some(2),
        "no store: an error, not an empty answer"
    );
}

#[test]
fn analyze_reports_names_with_shared_keys_and_quotes_with_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ferry.jsonl");
    let articles = [
        serde_json::json!({"id": "en", "lang": "en", "published": "2026-04-02T08:00:00Z",
            "title": "Ferry strike ends in Kestrel Bay",
            "text": "Minister Ilse Brandvold met the ferry crews in Kestrel Bay on Tuesday. \
                     “The boats sail again from Thursday,” Brandvold said. \
                     The union said that its members would vote on the offer next week."}),
        serde_json::json!({"id": "uk", "lang": "uk",
            "text": "Міністр Ільзе Брандвольд зустрілася з екіпажами поромів. \
                     «Пороми знову вийдуть у море з четверга», — заявила Брандвольд."}),
        serde_json::json!({"id": "ar", "lang": "ar",
            "text": "قال الوزير براندفولد يوم الثلاثاء إن العبارات ستبحر مجددا."}),
    ];
    let lines: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = storyline(dir.path(), &["analyze", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reports = json_lines(&out);
    assert_eq!(reports.len(), 3);
    let key_of = |report: &Value, name: &str| -> Option<String> {
        report["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["text"] == name)
            .and_then(|e| e["key"].as_str().map(str::to_string))
    };
    let en = key_of(&reports[0], "Ilse Brandvold").expect("the title is not part of the name");
    assert_eq!(key_of(&reports[1], "Ільзе Брандвольд"), Some(en.clone()));
    assert_eq!(
        key_of(&reports[2], "براندفولد"),
        Some(en),
        "a name beside an Arabic title, matched to its Latin spelling"
    );
    let person = reports[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["text"] == "Ilse Brandvold")
        .unwrap();
    assert_eq!(person["kind"], "person");
    let quotes = reports[0]["quotes"].as_array().unwrap();
    assert!(
        quotes.iter().any(|q| q["kind"] == "direct"
            && q["speaker"] == "Brandvold"
            && q["text"].as_str().unwrap().starts_with("The boats sail")),
        "{quotes:?}"
    );
    assert!(
        quotes.iter().any(|q| q["kind"] == "indirect"
            && q["speaker"] == "The union"
            && q["text"]
                .as_str()
                .unwrap()
                .starts_with("its members would vote")),
        "{quotes:?}"
    );
    let uk = reports[1]["quotes"].as_array().unwrap();
    assert_eq!(uk.len(), 1, "{uk:?}");
    assert_eq!(uk[0]["speaker"], "Брандвольд");
    assert_eq!(reports[0]["published"], "2026-04-02T08:00:00+00:00");
    assert_eq!(reports[0]["language"], "en");
}
