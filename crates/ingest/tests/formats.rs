//! Every input format, every charset family, and every kind of bad input, read
//! through the public `Reader` from files written by the tests themselves.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use storyline_ingest::{IngestConfig, IngestError, Input, Reader};
use storyline_model::{Body, RawDocument};

const UK: &str = "Міська рада Львова у вівторок ухвалила рішення закрити старий міст через Полтву на ремонт. \
За словами мера, роботи триватимуть щонайменше три місяці, а громадський транспорт їздитиме об'їзною дорогою. \
Мешканці прилеглих вулиць отримають тимчасові перепустки для в'їзду.";
const RU: &str =
    "Городской совет Казани во вторник решил закрыть старый мост через Казанку на ремонт. \
По словам мэра, работы продлятся не меньше трёх месяцев, а общественный транспорт пойдёт в объезд. \
Жители соседних улиц получат временные пропуска для въезда.";
const PL: &str = "Rada miasta Łodzi zdecydowała w środę o zamknięciu starego mostu na remont. \
Według prezydenta miasta prace potrwają co najmniej trzy miesiące, a komunikacja miejska pojedzie objazdem. \
Źródłem opóźnień jest ślimacze tempo dostaw stali, więc Śródmieście długo poczeka na przejazd. \
Mieszkańcy pobliskich ulic otrzymają tymczasowe przepustki na wjazd.";
const FR: &str =
    "Le conseil municipal de Besançon a décidé mardi de fermer le vieux pont pour travaux. \
Selon le maire, le chantier durera au moins trois mois et les bus emprunteront une déviation. \
Les riverains recevront des laissez-passer temporaires pour accéder à leur rue.";
const EL: &str = "Το δημοτικό συμβούλιο της Λάρισας αποφάσισε την Τρίτη να κλείσει την παλιά γέφυρα για επισκευές. \
Σύμφωνα με τον δήμαρχο, οι εργασίες θα διαρκέσουν τουλάχιστον τρεις μήνες και τα λεωφορεία θα ακολουθούν παρακαμπτήρια.";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn encode(text: &str, label: &str) -> Vec<u8> {
    let enc = encoding_rs::Encoding::for_label(label.as_bytes()).unwrap();
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{label} cannot encode the fixture");
    bytes.into_owned()
}

fn read(reader: &Reader, path: &Path) -> Vec<Result<RawDocument, IngestError>> {
    reader.documents(&Input::File(path.to_path_buf())).collect()
}

fn read_ok(reader: &Reader, path: &Path) -> Vec<RawDocument> {
    read(reader, path).into_iter().map(|r| r.unwrap()).collect()
}

fn text_of(doc: &RawDocument) -> &str {
    doc.body.as_str()
}

#[test]
fn plain_text_keeps_headers_for_extraction_and_takes_id_from_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "017_bridge.txt",
        format!("date 2026-02-03\n{FR}").as_bytes(),
    );
    let docs = read_ok(&Reader::default(), &path);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id, "017_bridge");
    assert!(matches!(docs[0].body, Body::Text(_)));
    assert!(text_of(&docs[0]).starts_with("date 2026-02-03\nLe conseil"));
}

#[test]
fn legacy_charsets_without_declaration_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let reader = Reader::default();
    let cases = [
        (UK, "windows-1251"),
        (UK, "koi8-u"),
        (RU, "koi8-r"),
        (RU, "windows-1251"),
        (RU, "ibm866"),
        (PL, "iso-8859-2"),
        (PL, "windows-1250"),
        (FR, "windows-1252"),
        (EL, "iso-8859-7"),
    ];
    for (i, (text, label)) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("c{i}.txt"), &encode(text, label));
        let docs = read_ok(&reader, &path);
        assert_eq!(text_of(&docs[0]), *text, "{label}");
    }
}

#[test]
fn html_meta_charset_and_http_style_declarations() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!("<html><head><meta charset=\"windows-1251\"><title>Міст</title></head><body><p>{UK}</p></body></html>");
    let path = write(dir.path(), "page.html", &encode(&html, "windows-1251"));
    let docs = read_ok(&Reader::default(), &path);
    assert!(text_of(&docs[0]).contains("Мешканці прилеглих вулиць"));
    assert_eq!(docs[0].encoding, "windows-1251");
}

#[test]
fn a_wrong_declared_charset_loses_to_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // Declares Latin-1 but is really windows-1251: a common scraper mistake.
    let html =
        format!("<html><head><meta charset=\"iso-8859-1\"></head><body><p>{RU}</p></body></html>");
    let path = write(dir.path(), "wrong.html", &encode(&html, "windows-1251"));
    let docs = read_ok(&Reader::default(), &path);
    assert!(
        text_of(&docs[0]).contains("Городской совет Казани"),
        "{}",
        text_of(&docs[0])
    );
    // Declares KOI8-U but is windows-1251.
    let html =
        format!("<html><head><meta charset=\"koi8-u\"></head><body><p>{UK}</p></body></html>");
    let path = write(dir.path(), "wrong2.html", &encode(&html, "windows-1251"));
    let docs = read_ok(&Reader::default(), &path);
    assert!(
        text_of(&docs[0]).contains("Міська рада Львова"),
        "{}",
        text_of(&docs[0])
    );
}

#[test]
fn utf8_bom_and_utf16_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(FR.as_bytes());
    let docs = read_ok(&Reader::default(), &write(dir.path(), "bom.txt", &bytes));
    assert_eq!(text_of(&docs[0]), FR);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in EL.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let docs = read_ok(&Reader::default(), &write(dir.path(), "utf16.txt", &utf16));
    assert_eq!(text_of(&docs[0]), EL);
}

#[test]
fn jsonl_lines_fields_and_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a1", "url": "https://x.example/a", "title": "Міст", "text": "Текст статті.", "lang": "uk", "published": "2026-02-03", "source": "X", "extra": [1,2]}"#,
        "",
        r#"{"id": 7, "html": "<p>Le pont ferme.</p>"}"#,
        r#"{"id": "broken", "text": "#,
        r#"{"title": "no body"}"#,
        r#"["not", "an", "object"]"#,
        r#"{"text": "Kein id-Feld, aber Text."}"#,
    ];
    let path = write(dir.path(), "batch.jsonl", lines.join("\n").as_bytes());
    let results = read(&Reader::default(), &path);
    assert_eq!(
        results.len(),
        6,
        "blank line skipped, every other line reported"
    );
    let a = results[0].as_ref().unwrap();
    assert_eq!(a.id, "a1");
    assert_eq!(a.url.as_deref(), Some("https://x.example/a"));
    assert_eq!(a.declared_language.as_deref(), Some("uk"));
    assert_eq!(a.published.as_deref(), Some("2026-02-03"));
    assert_eq!(a.source.as_deref(), Some("X"));
    let b = results[1].as_ref().unwrap();
    assert_eq!(b.id, "7");
    assert!(matches!(b.body, Body::Html(_)));
    let broken = results[2].as_ref().unwrap_err();
    assert!(matches!(broken, IngestError::MalformedJson { .. }));
    assert!(
        broken
            .to_string()
            .starts_with(&format!("{}:4:", path.display())),
        "{broken}"
    );
    assert!(matches!(
        results[3].as_ref().unwrap_err(),
        IngestError::MissingBody { .. }
    ));
    assert!(matches!(
        results[4].as_ref().unwrap_err(),
        IngestError::MalformedJson { .. }
    ));
    assert_eq!(results[5].as_ref().unwrap().id, "batch:7");
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-02-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

fn sample_warc() -> Vec<Vec<u8>> {
    let page_uk = format!("<html><body><article><p>{UK}</p></article></body></html>");
    let page_ru = format!("<html><body><p>{RU}</p></body></html>");
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://a.example/uk",
            "application/http; msgtype=request",
            b"GET /uk HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://a.example/uk",
            "application/http; msgtype=response",
            &http_response(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                page_uk.as_bytes(),
            ),
        ),
        warc_record(
            "response",
            "https://a.example/ru",
            "application/http; msgtype=response",
            &http_response(
                "200 OK",
                "Content-Type: text/html; charset=windows-1251\r\nContent-Encoding: gzip\r\n",
                &gzip(&encode(&page_ru, "windows-1251")),
            ),
        ),
        warc_record(
            "response",
            "https://a.example/missing",
            "application/http; msgtype=response",
            &http_response(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<p>gone</p>",
            ),
        ),
        warc_record(
            "response",
            "https://a.example/logo.png",
            "application/http; msgtype=response",
            &http_response(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n\0\0",
            ),
        ),
    ]
}

fn check_sample_warc(docs: &[RawDocument]) {
    assert_eq!(
        docs.len(),
        2,
        "only the two HTML 200 responses are documents"
    );
    assert_eq!(docs[0].url.as_deref(), Some("https://a.example/uk"));
    assert_eq!(docs[0].fetched.as_deref(), Some("2026-02-03T10:00:00Z"));
    assert!(text_of(&docs[0]).contains("Міська рада Львова"));
    assert!(
        text_of(&docs[1]).contains("Городской совет Казани"),
        "gzip body, windows-1251 from the HTTP header"
    );
    assert_ne!(docs[0].id, docs[1].id);
}

#[test]
fn warc_plain_and_gzipped_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let records = sample_warc();
    let plain = write(dir.path(), "crawl.warc", &records.concat());
    check_sample_warc(&read_ok(&Reader::default(), &plain));
    // CC-NEWS style: one gzip member per record.
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    let gz = write(dir.path(), "crawl.warc.gz", &members);
    let docs = read_ok(&Reader::default(), &gz);
    check_sample_warc(&docs);
    assert!(docs[0].id.starts_with("crawl#"), "{}", docs[0].id);
}

#[test]
fn truncated_warc_gives_the_records_before_and_a_named_error() {
    let dir = tempfile::tempdir().unwrap();
    let all = sample_warc().concat();
    let cut = all.len() - 150;
    let path = write(dir.path(), "cut.warc", &all[..cut]);
    let results = read(&Reader::default(), &path);
    let (ok, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(|r| r.is_ok());
    assert_eq!(ok.len(), 2);
    assert_eq!(errors.len(), 1);
    let e = errors[0].as_ref().unwrap_err();
    assert!(matches!(e, IngestError::TruncatedWarc { .. }), "{e}");
    assert!(e.to_string().contains("cut.warc (WARC record 6)"), "{e}");
}

#[test]
fn truncated_gzip_is_reported_after_the_good_part() {
    let dir = tempfile::tempdir().unwrap();
    let members: Vec<u8> = sample_warc().iter().flat_map(|r| gzip(r)).collect();
    let path = write(dir.path(), "cut.warc.gz", &members[..members.len() - 40]);
    let results = read(&Reader::default(), &path);
    let docs: Vec<_> = results.iter().filter(|r| r.is_ok()).collect();
    let errors: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(docs.len(), 2, "records before the cut survive");
    assert_eq!(errors.len(), 1);
    assert!(
        matches!(
            errors[0],
            IngestError::CorruptGzip { .. } | IngestError::TruncatedWarc { .. }
        ),
        "{}",
        errors[0]
    );
    assert!(errors[0].to_string().contains("cut.warc.gz"));
}

#[test]
fn gzipped_text_and_gzip_bombs() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "note.txt.gz", &gzip(FR.as_bytes()));
    let docs = read_ok(&Reader::default(), &path);
    assert_eq!(text_of(&docs[0]), FR);
    assert_eq!(docs[0].id, "note");
    let bomb = write(
        dir.path(),
        "bomb.txt.gz",
        &gzip(&vec![b'a'; 4 * 1024 * 1024]),
    );
    let reader = IngestConfig {
        max_document_bytes: 1024,
        max_decompressed_bytes: 64 * 1024,
    }
    .build()
    .unwrap();
    let results = read(&reader, &bomb);
    assert!(
        matches!(results[0], Err(IngestError::TooLarge { .. })),
        "{:?}",
        results[0]
    );
}

#[test]
fn rss_atom_and_rdf_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let rss = format!(
        r#"<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Новини міста</title><language>uk</language>
<item><title>Міст закриють</title><link>https://n.example/1</link><pubDate>Tue, 03 Feb 2026 09:00:00 +0200</pubDate>
<description>Коротко</description><content:encoded><![CDATA[<p>{UK}</p>]]></content:encoded></item>
<item><title>Друга новина &amp; ще</title><link>https://n.example/2</link><description>Лише опис без розмітки.</description></item>
</channel></rss>"#
    );
    let path = write(dir.path(), "news.rss", &encode(&rss, "windows-1251"));
    let docs = read_ok(&Reader::default(), &path);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].title.as_deref(), Some("Міст закриють"));
    assert_eq!(docs[0].source.as_deref(), Some("Новини міста"));
    assert_eq!(docs[0].declared_language.as_deref(), Some("uk"));
    assert_eq!(docs[0].url.as_deref(), Some("https://n.example/1"));
    assert!(matches!(docs[0].body, Body::Html(_)));
    assert!(text_of(&docs[0]).contains("Мешканці"));
    assert_eq!(docs[1].title.as_deref(), Some("Друга новина & ще"));
    assert!(matches!(docs[1].body, Body::Text(_)));
    assert_eq!(docs[0].id, "news#1");

    let atom = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Le Journal</title>
<entry><title>Le pont fermé</title><link rel="alternate" href="https://j.example/pont"/><id>tag:j.example,2026:1</id>
<published>2026-02-03T08:00:00Z</published><content type="html">&lt;p&gt;{FR}&lt;/p&gt;</content></entry></feed>"#
    );
    let path = write(dir.path(), "journal.atom", atom.as_bytes());
    let docs = read_ok(&Reader::default(), &path);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].url.as_deref(), Some("https://j.example/pont"));
    assert_eq!(docs[0].published.as_deref(), Some("2026-02-03T08:00:00Z"));
    assert!(text_of(&docs[0]).contains("Besançon"));

    let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Gazeta</title></channel><item><title>Most zamknięty</title><link>https://g.example/1</link><dc:date>2026-02-03</dc:date><description>Rada miasta zdecydowała.</description></item></rdf:RDF>"#;
    let path = write(dir.path(), "gazeta.xml", rdf.as_bytes());
    let docs = read_ok(&Reader::default(), &path);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].published.as_deref(), Some("2026-02-03"));
}

#[test]
fn a_feed_broken_half_way_keeps_the_items_before_the_break() {
    let dir = tempfile::tempdir().unwrap();
    let rss =
        "<rss><channel><item><title>One</title><description>First item text.</description></item>\
               <item><title>Two</title><description>Second <b>unclosed</description></item></chan";
    let path = write(dir.path(), "broken.rss", rss.as_bytes());
    let results = read(&Reader::default(), &path);
    assert!(results[0].is_ok());
    let err = results.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(err, IngestError::MalformedFeed { .. }), "{err}");
}

#[test]
fn binary_empty_missing_and_oversized_inputs_are_named_errors() {
    let dir = tempfile::tempdir().unwrap();
    let junk: Vec<u8> = (0..1500u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let binary = write(dir.path(), "junk.bin", &junk);
    let empty = write(dir.path(), "empty.txt", b"   \n\t\n");
    let zero = write(dir.path(), "zero.html", b"");
    let big = write(dir.path(), "big.txt", FR.repeat(20).as_bytes());
    let missing = dir.path().join("nope.txt");
    let reader = IngestConfig {
        max_document_bytes: 2048,
        ..IngestConfig::default()
    }
    .build()
    .unwrap();
    let expect = |path: &Path, check: fn(&IngestError) -> bool| {
        let results = read(&reader, path);
        assert_eq!(results.len(), 1);
        let e = results[0].as_ref().unwrap_err();
        assert!(check(e), "{e}");
        assert!(
            e.to_string().contains(&path.display().to_string()),
            "error names the input: {e}"
        );
    };
    expect(&binary, |e| matches!(e, IngestError::Binary { .. }));
    expect(&empty, |e| matches!(e, IngestError::Empty { .. }));
    expect(&zero, |e| matches!(e, IngestError::Empty { .. }));
    expect(&big, |e| matches!(e, IngestError::TooLarge { .. }));
    expect(&missing, |e| matches!(e, IngestError::NotFound { .. }));
}

#[test]
fn directories_are_walked_recursively_in_name_order_skipping_hidden() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("b/inner")).unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    write(&dir.path().join("b/inner"), "z.txt", FR.as_bytes());
    write(&dir.path().join("b"), "a.txt", FR.as_bytes());
    write(dir.path(), "c.txt", FR.as_bytes());
    write(&dir.path().join(".git"), "x.txt", FR.as_bytes());
    write(dir.path(), ".hidden.txt", FR.as_bytes());
    let inputs = Reader::default().expand(&[dir.path().to_path_buf()]);
    let names: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => p.strip_prefix(dir.path()).unwrap().display().to_string(),
            Input::Stdin => "-".into(),
        })
        .collect();
    assert_eq!(names, vec!["b/a.txt", "b/inner/z.txt", "c.txt"]);
}

#[test]
fn empty_containers_and_runs_of_blank_lines_are_named_errors() {
    let dir = tempfile::tempdir().unwrap();
    let reader = IngestConfig {
        max_document_bytes: 64 * 1024,
        ..IngestConfig::default()
    }
    .build()
    .unwrap();
    for (name, bytes) in [
        ("none.jsonl", &b""[..]),
        ("blank.jsonl", &b"\n\n  \n"[..]),
        ("none.warc", &b""[..]),
    ] {
        let path = write(dir.path(), name, bytes);
        let results = read(&reader, &path);
        assert_eq!(results.len(), 1, "{name}");
        let e = results[0].as_ref().unwrap_err();
        assert!(matches!(e, IngestError::NoDocuments { .. }), "{name}: {e}");
        assert!(e.to_string().contains(name), "{e}");
    }
    // A gzip of newlines (a megabyte of them) stops after a document's cap of blank
    // bytes, with the line it stopped at; a document before it is kept.
    let mut bomb = "{\"id\":\"a\",\"text\":\"Die Brücke ist wieder offen.\"}\n"
        .as_bytes()
        .to_vec();
    bomb.extend(std::iter::repeat_n(b'\n', 1 << 20));
    bomb.extend(b"{\"id\":\"b\",\"text\":\"Never read.\"}\n");
    let path = write(dir.path(), "newlines.jsonl.gz", &gzip(&bomb));
    let results = read(&reader, &path);
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let e = results[1].as_ref().unwrap_err();
    assert!(matches!(e, IngestError::BlankRun { .. }), "{e}");
    assert!(e.to_string().contains("newlines.jsonl.gz:"), "{e}");
    // Blank lines between documents, fewer than the cap, are nothing.
    let spaced = write(
        dir.path(),
        "spaced.jsonl",
        b"{\"text\":\"Eins zwei drei.\"}\n\n\n{\"text\":\"Vier fuenf.\"}\n",
    );
    assert_eq!(read_ok(&reader, &spaced).len(), 2);
}
