//! The real multilingual-e5-small file, fetched by `scripts/setup` (which the test
//! command runs first). Checks what only the real weights can show: translations sit
//! closer together than unrelated sentences in the same language.

use std::path::PathBuf;

use storyline_embed::{cosine, E5Model, Embedder, Precision};

fn model_path() -> PathBuf {
    std::env::var_os("STORYLINE_E5_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/e5-small-q4.bin")
        })
}

#[test]
fn translations_are_closer_than_unrelated_news() {
    let path = model_path();
    let model = E5Model::load(&path).unwrap_or_else(|e| panic!("{e} — run scripts/setup first"));
    assert_eq!(model.dim(), 384);
    assert_eq!(model.dims().layers, 12);
    let v = model.embed(&[
        "Kazakhstan is ready to host talks between the presidents of Russia and Ukraine.",
        "Казахстан готовий прийняти переговори президентів Росії та України.",
        "Kasachstan ist bereit, Gespräche zwischen den Präsidenten Russlands und der Ukraine auszurichten.",
        "The football club signed a new goalkeeper from Portugal for the next season.",
        "Футбольний клуб підписав нового воротаря з Португалії на наступний сезон.",
    ]);
    let same_en_uk = cosine(&v[0], &v[1]);
    let same_en_de = cosine(&v[0], &v[2]);
    let other_en = cosine(&v[0], &v[3]);
    let other_uk = cosine(&v[1], &v[4]);
    assert!(same_en_uk > other_en + 0.05, "{same_en_uk} vs {other_en}");
    assert!(same_en_de > other_en + 0.05, "{same_en_de} vs {other_en}");
    assert!(cosine(&v[3], &v[4]) > other_uk + 0.05);
    // Tokenizer agrees with XLM-R on a plain sentence: "▁The", "▁river", ... (≥ 1 piece per word).
    let ids = model.tokenizer().encode("The river flooded the town.");
    assert!((5..=10).contains(&ids.len()), "{ids:?}");
}

#[test]
fn integer_path_matches_the_f32_reference() {
    let path = model_path();
    let fast = E5Model::load_with(&path, Precision::Int8)
        .unwrap_or_else(|e| panic!("{e} — run scripts/setup first"));
    let reference = E5Model::load_with(&path, Precision::F32).unwrap();
    let texts = [
        "Fire at a chemical plant forces the evacuation of 2,300 residents.",
        "Пожежа на хімічному заводі змусила евакуювати 2300 мешканців.",
        "市议会周二投票决定关闭这座旧桥进行维修。",
        "Le Parlement a rejeté le budget par 61 voix contre 54.",
        "",
    ];
    for text in texts {
        let c = cosine(&fast.embed_one(text), &reference.embed_one(text));
        assert!(c >= 0.995, "{c} for {text:?}");
    }
}
