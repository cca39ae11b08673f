//! Loader, tokenizer and encoder on a small model the test builds itself.

use storyline_embed::testkit::{tiny_model, TINY_HIDDEN, TINY_PIECES, TINY_POSITIONS};
use storyline_embed::{cosine, E5Model, EmbedError, Embedder, Precision};

fn id(piece: &str) -> u32 {
    TINY_PIECES.iter().position(|(p, _)| *p == piece).unwrap() as u32
}

fn model() -> E5Model {
    E5Model::from_bytes(tiny_model(7)).unwrap()
}

#[test]
fn header_and_vocabulary_load() {
    let m = model();
    assert_eq!(m.dims().hidden, TINY_HIDDEN);
    assert_eq!(m.dims().max_positions, TINY_POSITIONS);
    assert_eq!(m.dim(), TINY_HIDDEN);
}

#[test]
fn viterbi_prefers_the_best_scoring_segmentation() {
    let m = model();
    let t = m.tokenizer();
    // "▁ab" (-1) beats "▁a" + "b" (-4).
    assert_eq!(t.encode("ab"), vec![id("\u{2581}ab")]);
    assert_eq!(
        t.encode("the river rose"),
        vec![id("\u{2581}the"), id("\u{2581}river"), id("\u{2581}rose")]
    );
    assert_eq!(t.encode("рік"), vec![id("\u{2581}рік")]);
    // Unknown characters become <unk>, one per character.
    assert_eq!(
        t.encode("ab z"),
        vec![id("\u{2581}ab"), id("\u{2581}"), id("<unk>")]
    );
}

#[test]
fn normalisation_map_and_space_runs() {
    let m = model();
    let t = m.tokenizer();
    assert_eq!(t.normalise("a\u{a0}\u{a0} b"), "\u{2581}a\u{2581}b");
    assert_eq!(t.normalise("\u{ff21}b"), "\u{2581}ab");
    assert_eq!(t.encode("\u{ff21}b"), vec![id("\u{2581}ab")]);
}

#[test]
fn embeddings_are_unit_deterministic_and_distinct() {
    let m = model();
    let v = m.embed(&[
        "the river rose",
        "the river rose",
        "the river fell",
        "c c c",
    ]);
    for e in &v {
        assert_eq!(e.len(), TINY_HIDDEN);
        let norm: f32 = e.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
        assert!(e.iter().all(|x| x.is_finite()));
    }
    assert_eq!(v[0], v[1]);
    assert!(cosine(&v[0], &v[2]) < 0.99999);
    assert!(cosine(&v[0], &v[3]) < cosine(&v[0], &v[0]));
}

#[test]
fn texts_longer_than_the_position_table_are_windowed() {
    let m = model();
    let long = "the river rose ".repeat(40);
    assert!(m.token_count(&long) > TINY_POSITIONS);
    let v = m.embed_one(&long);
    let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4);
    assert_eq!(m.embed_one("").len(), TINY_HIDDEN);
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let good = tiny_model(3);
    for cut in (0..good.len())
        .step_by(97)
        .chain([4, 8, 44, good.len() - 1])
    {
        assert!(
            E5Model::from_bytes(good[..cut].to_vec()).is_err(),
            "cut at {cut}"
        );
    }
    let mut bad_magic = good.clone();
    bad_magic[0] = b'X';
    assert!(matches!(
        E5Model::from_bytes(bad_magic),
        Err(EmbedError::Corrupt(_))
    ));
    let mut bad_dims = good.clone();
    bad_dims[8..12].copy_from_slice(&33i32.to_le_bytes());
    assert!(E5Model::from_bytes(bad_dims).is_err());
    let missing = E5Model::load(std::path::Path::new("/nonexistent/e5.bin")).unwrap_err();
    assert!(missing.to_string().contains("/nonexistent/e5.bin"));
}

#[test]
fn integer_and_float_paths_agree_on_the_tiny_model() {
    let fast = E5Model::from_bytes_with(tiny_model(11), Precision::Int8).unwrap();
    let reference = E5Model::from_bytes_with(tiny_model(11), Precision::F32).unwrap();
    for text in ["the river rose", "ab c ab", ""] {
        let c = cosine(&fast.embed_one(text), &reference.embed_one(text));
        assert!(c > 0.99, "{c} for {text:?}");
    }
}
