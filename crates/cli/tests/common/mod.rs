//! Running the `storyline` binary as users do, for the end-to-end tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the binary on the data directory `data`, with the model scripts/setup fetched.
pub fn storyline(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .env(
            "STORYLINE_MODEL",
            repo_root().join("models/e5-small-q4.bin"),
        )
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Standard output as one JSON value per line.
pub fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Story id → its articles' ids, sorted, read back through `stories` and `show`
/// with `run` (which runs the binary on some store with the arguments given).
pub fn story_groups(run: impl Fn(&[&str]) -> Output) -> BTreeMap<u64, Vec<String>> {
    let list = run(&["stories", "--json", "--limit", "1000"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let mut groups = BTreeMap::new();
    for story in json_lines(&list) {
        let id = story["id"].as_u64().unwrap();
        let shown = run(&["show", &id.to_string(), "--json"]);
        let detail: Value = serde_json::from_str(&stdout(&shown)).unwrap();
        let mut ids: Vec<String> = detail["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        groups.insert(id, ids);
    }
    groups
}
