//! `storyline export`: the store as CSV, JSON lines and Parquet, read back.

mod common;

use common::{json_lines, stderr, stdout, storyline};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::RowAccessor;

#[test]
fn articles_as_csv_and_parquet_and_stories_as_json_lines_agree_with_the_store() {
    let dir = common::ingested_samples(&["--lexical-only"]);
    let data = dir.path();
    let stories = json_lines(&storyline(data, &["stories", "--json"]));
    let articles_in_stories: u64 = stories
        .iter()
        .map(|s| s["article_count"].as_u64().unwrap())
        .sum();

    let csv_out = storyline(data, &["export", "--format", "csv"]);
    assert!(csv_out.status.success(), "{}", stderr(&csv_out));
    let text = stdout(&csv_out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "id",
            "key",
            "url",
            "outlet",
            "language",
            "published",
            "title",
            "story",
            "copy_of"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len() as u64, articles_in_stories);
    let story_ids: Vec<String> = stories.iter().map(|s| s["id"].to_string()).collect();
    assert!(rows.iter().all(|r| story_ids.contains(&r[7].to_string())));
    assert!(
        rows.iter().any(|r| r[4] == *"uk"),
        "every language is there"
    );
    // A title with a comma or quotes survives the round trip.
    assert!(rows.iter().any(|r| r[6].contains(',')), "{text}");

    let file = data.join("articles.parquet");
    let out = storyline(
        data,
        &[
            "export",
            "--format",
            "parquet",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let parquet = SerializedFileReader::new(std::fs::File::open(&file).unwrap()).unwrap();
    let meta = parquet.metadata().file_metadata();
    assert_eq!(meta.num_rows() as usize, rows.len());
    let columns: Vec<String> = meta
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(columns, header);
    let first = parquet.get_row_iter(None).unwrap().next().unwrap().unwrap();
    assert_eq!(first.get_string(0).unwrap(), &rows[0][0]);
    assert_eq!(first.get_long(7).unwrap().to_string(), rows[0][7]);

    let story_lines = json_lines(&storyline(
        data,
        &["export", "--stories", "--format", "jsonl"],
    ));
    assert_eq!(story_lines.len(), stories.len());
    assert_eq!(story_lines[0]["id"], stories[0]["id"]);
    assert_eq!(story_lines[0]["article_count"], stories[0]["article_count"]);

    let refused = storyline(data, &["export", "--format", "parquet"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--output"),
        "{}",
        stderr(&refused)
    );
}
