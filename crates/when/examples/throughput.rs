//! Dates per second over a JSONL file of articles (`text`, `lang`): the cost of
//! reading dates, to set against an ingest rate.
//! `cargo run --release -p storyline-when --example throughput -- FILE.jsonl`
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: throughput FILE.jsonl");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let field = |line: &str, key: &str| -> String {
        let pat = format!("\"{key}\": \"");
        line.find(&pat).map_or(String::new(), |i| {
            let rest = &line[i + pat.len()..];
            let mut out = String::new();
            let mut escaped = false;
            for c in rest.chars() {
                match (escaped, c) {
                    (true, 'n') => {
                        out.push('\n');
                        escaped = false;
                    }
                    (true, c) => {
                        out.push(c);
                        escaped = false;
                    }
                    (false, '\\') => escaped = true,
                    (false, '"') => break,
                    (false, c) => out.push(c),
                }
            }
            out
        })
    };
    let docs: Vec<(String, String)> = text
        .lines()
        .map(|l| (field(l, "text"), field(l, "lang")))
        .collect();
    let bytes: usize = docs.iter().map(|(t, _)| t.len()).sum();
    let reference = chrono::NaiveDate::from_ymd_opt(2025, 9, 24);
    let started = Instant::now();
    let mut found = 0;
    for _ in 0..3 {
        for (t, l) in &docs {
            found += storyline_when::mentions(t, l, reference).len();
        }
    }
    let secs = started.elapsed().as_secs_f64() / 3.0;
    println!(
        "{} articles, {:.1} MB: {:.0} articles/s, {:.1} MB/s, {} dates",
        docs.len(),
        bytes as f64 / 1e6,
        docs.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        found / 3
    );
}
