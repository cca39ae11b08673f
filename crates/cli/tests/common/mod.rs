//! Running the `storyline` binary as users do, for the end-to-end tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary, on the embedded store whatever the caller's environment says (a
/// `STORYLINE_STORE` exported for the PostgreSQL tests must not move these).
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_storyline"));
    command.env_remove("STORYLINE_STORE");
    command
}

/// Runs the binary on the data directory `data`, with the model scripts/setup fetched.
pub fn storyline(data: &Path, args: &[&str]) -> Output {
    binary()
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

/// A new data directory with the sample corpus ingested, `options` (e.g.
/// `--lexical-only`) given before `ingest`.
pub fn ingested_samples(options: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = repo_root().join("samples/corpus");
    let mut args = options.to_vec();
    args.extend(["ingest", corpus.to_str().unwrap()]);
    let out = storyline(dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
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

/// Waits for a `storyline serve` child (stderr piped) to say where it listens, and
/// keeps reading what it says after, so it never blocks on a full pipe.
pub fn serving_address(child: &mut std::process::Child) -> String {
    use std::io::{BufRead, BufReader};
    let mut lines = BufReader::new(child.stderr.take().expect("stderr is piped")).lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("storyline serving on http://")
                .map(str::to_string)
        })
        .expect("the server says where it listens");
    std::thread::spawn(move || lines.for_each(drop));
    addr
}

/// One HTTP/1.1 exchange (`headers` each ending in CRLF); the whole response as text.
pub fn http(addr: &str, method: &str, path: &str, headers: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n{headers}\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// Asserts that a score breakdown (`cluster --explain`, `similarity`) multiplies out
/// to its score: content, unknown time, ages and time.
pub fn assert_parts_multiply_out(parts: &Value) {
    let part = |k: &str| {
        parts[k]
            .as_f64()
            .unwrap_or_else(|| panic!("no {k} in {parts}"))
    };
    let product: f64 = [
        "content_score",
        "time_unknown_factor",
        "age_factor",
        "time_factor",
    ]
    .map(part)
    .iter()
    .product();
    assert!((part("score") - product).abs() < 1e-5, "{parts}");
}
