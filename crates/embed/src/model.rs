//! The encoder: XLM-RoBERTa/BERT (post-layer-norm) over Q4_0 weights, mean pooling,
//! L2 normalisation. This is the f32 reference path: weights are dequantised row by
//! row and each row is applied to every token of the window, so a row is decoded once
//! per window. Texts longer than the model's 512 positions are embedded window by
//! window and the windows' mean vectors averaged, weighted by their token counts.

use crate::attention::{attention, gelu_in_place};
use crate::format::{DType, Dims, TensorRef, Q4_BLOCK, Q4_BLOCK_BYTES};
#[cfg(target_arch = "x86_64")]
use crate::kernels::has_avx2_fma;
use crate::kernels::{QuantActs, QuantMatrix};
use crate::tokenizer::Tokenizer;
use crate::EmbedError;

/// One tensor, resolved against the model bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tensor {
    dtype: DType,
    offset: usize,
    len: usize,
}

impl Tensor {
    pub(crate) fn from_ref(
        name: &str,
        r: TensorRef,
        dtype: DType,
        len: usize,
    ) -> Result<Self, EmbedError> {
        if r.dtype != dtype || r.len < len {
            return Err(EmbedError::Corrupt(format!(
                "tensor {name}: expected {len} {dtype:?} values, found {} {:?}",
                r.len, r.dtype
            )));
        }
        Ok(Tensor {
            dtype,
            offset: r.offset,
            len,
        })
    }

    fn f32s<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = f32> + 'a {
        bytes[self.offset..self.offset + self.len * 4]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn to_vec(self, bytes: &[u8]) -> Vec<f32> {
        debug_assert_eq!(self.dtype, DType::F32);
        self.f32s(bytes).collect()
    }

    /// Dequantises row `row` (of `cols` weights) of a Q4_0 matrix into `out`.
    fn q4_row(&self, bytes: &[u8], row: usize, cols: usize, out: &mut [f32]) {
        debug_assert_eq!(self.dtype, DType::Q4);
        let blocks = cols / Q4_BLOCK;
        let start = self.offset + row * blocks * Q4_BLOCK_BYTES;
        let data = &bytes[start..start + blocks * Q4_BLOCK_BYTES];
        for (b, block) in data.chunks_exact(Q4_BLOCK_BYTES).enumerate() {
            let scale = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
            let o = &mut out[b * Q4_BLOCK..(b + 1) * Q4_BLOCK];
            for (j, &byte) in block[2..].iter().enumerate() {
                o[j] = (i32::from(byte & 0x0F) - 8) as f32 * scale;
                o[j + 16] = (i32::from(byte >> 4) - 8) as f32 * scale;
            }
        }
    }
}

/// IEEE half → single precision.
pub(crate) fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from((h >> 10) & 0x1F);
    let man = u32::from(h & 0x3FF);
    let bits = match (exp, man) {
        (0, 0) => sign,
        (0, m) => {
            // Subnormal: renormalise.
            let shift = m.leading_zeros() - 21;
            let m = (m << shift) & 0x3FF;
            sign | ((127 - 15 + 1 - shift) << 23) | (m << 13)
        }
        (31, m) => sign | 0x7F80_0000 | (m << 13),
        (e, m) => sign | ((e + 127 - 15) << 23) | (m << 13),
    };
    f32::from_bits(bits)
}

/// Which arithmetic the encoder uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// Weights dequantised to f32 at load: the reference.
    F32,
    /// 4-bit weights × int8 activations with integer multiply-adds: the fast path.
    #[default]
    Int8,
}

/// A dense layer in one of the two representations.
#[derive(Debug)]
pub(crate) enum Dense {
    /// Row-major `rows × cols` weights and bias.
    F32 {
        weights: Vec<f32>,
        bias: Vec<f32>,
    },
    Int8(QuantMatrix),
}

impl Dense {
    pub(crate) fn load(
        bytes: &[u8],
        t: Tensor,
        (rows, cols): (usize, usize),
        bias: Vec<f32>,
        precision: Precision,
    ) -> Self {
        match precision {
            Precision::F32 => {
                let mut weights = vec![0f32; rows * cols];
                for (r, row) in weights.chunks_exact_mut(cols).enumerate() {
                    t.q4_row(bytes, r, cols, row);
                }
                Dense::F32 { weights, bias }
            }
            Precision::Int8 => Dense::Int8(QuantMatrix::from_rows(
                rows,
                cols,
                |r, out| t.q4_row(bytes, r, cols, out),
                &bias,
            )),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Layer {
    pub q: Dense,
    pub k: Dense,
    pub v: Dense,
    pub attn_out: Dense,
    pub attn_norm: (Vec<f32>, Vec<f32>),
    pub ffn_in: Dense,
    pub ffn_out: Dense,
    pub out_norm: (Vec<f32>, Vec<f32>),
}

#[derive(Debug)]
pub(crate) struct Weights {
    pub word: Tensor,
    pub position: Vec<f32>,
    pub token_type: Vec<f32>,
    pub embed_norm: (Vec<f32>, Vec<f32>),
    pub layers: Vec<Layer>,
}

/// Runs the encoder over one window of token ids; returns the sum of the final
/// hidden states (mean pooling divides by the count later).
pub(crate) fn encode_window(bytes: &[u8], dims: &Dims, w: &Weights, ids: &[u32]) -> Vec<f32> {
    let h = dims.hidden;
    let t = ids.len();
    let mut x = vec![0f32; t * h];
    for (i, &id) in ids.iter().enumerate() {
        let row = &mut x[i * h..(i + 1) * h];
        w.word.q4_row(bytes, id as usize, h, row);
        let pos = &w.position[i * h..(i + 1) * h];
        for ((r, p), ty) in row.iter_mut().zip(pos).zip(&w.token_type[..h]) {
            *r += p + ty;
        }
    }
    layer_norm(&mut x, None, &w.embed_norm, h, dims.eps);
    let mut q = vec![0f32; t * h];
    let mut k = vec![0f32; t * h];
    let mut v = vec![0f32; t * h];
    let mut ctx = vec![0f32; t * h];
    let mut proj = vec![0f32; t * h];
    let mut mid = vec![0f32; t * dims.ffn];
    let mut acts = QuantActs::default();
    for layer in &w.layers {
        // Q, K and V read the same input: it is quantised once.
        prepare(&layer.q, &x, t, h, &mut acts);
        linear(&layer.q, &x, &mut q, (t, h, h), &acts);
        linear(&layer.k, &x, &mut k, (t, h, h), &acts);
        linear(&layer.v, &x, &mut v, (t, h, h), &acts);
        attention(&q, &k, &v, &mut ctx, t, h, dims.heads);
        prepare(&layer.attn_out, &ctx, t, h, &mut acts);
        linear(&layer.attn_out, &ctx, &mut proj, (t, h, h), &acts);
        layer_norm(&mut x, Some(&proj), &layer.attn_norm, h, dims.eps);
        prepare(&layer.ffn_in, &x, t, h, &mut acts);
        linear(&layer.ffn_in, &x, &mut mid, (t, dims.ffn, h), &acts);
        gelu_in_place(&mut mid[..t * dims.ffn]);
        prepare(&layer.ffn_out, &mid, t, dims.ffn, &mut acts);
        linear(&layer.ffn_out, &mid, &mut proj, (t, h, dims.ffn), &acts);
        layer_norm(&mut x, Some(&proj), &layer.out_norm, h, dims.eps);
    }
    let mut sum = vec![0f32; h];
    for token in x.chunks_exact(h) {
        for (s, v) in sum.iter_mut().zip(token) {
            *s += v;
        }
    }
    sum
}

/// Quantises a layer's input when the layer takes integer activations.
fn prepare(dense: &Dense, x: &[f32], t: usize, nin: usize, acts: &mut QuantActs) {
    if matches!(dense, Dense::Int8(_)) {
        acts.quantise(x, t, nin);
    }
}

/// `y[t][o] = x[t] · W[o] + b[o]`, W `nout × nin`; integer layers read `acts`, the
/// quantised `x`.
fn linear(
    dense: &Dense,
    x: &[f32],
    y: &mut [f32],
    (t, nout, nin): (usize, usize, usize),
    acts: &QuantActs,
) {
    match dense {
        Dense::Int8(m) => m.apply(acts, y, t),
        Dense::F32 { weights, bias } => {
            for (o, row) in weights.chunks_exact(nin).enumerate().take(nout) {
                for i in 0..t {
                    y[i * nout + o] = dot(&x[i * nin..(i + 1) * nin], row) + bias[o];
                }
            }
        }
    }
}

/// Dot product: AVX2+FMA when the CPU has them (checked once), else portable code.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2_fma() {
            // SAFETY: the CPU supports AVX2 and FMA (checked at run time above).
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_portable(a, b)
}

/// # Safety
/// The CPU must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn dot_avx2(a: &[f32], b: &[f32]) -> f32 {
    use std::arch::x86_64::*;
    let n = a.len().min(b.len());
    let chunks = n / 32;
    let mut acc = [_mm256_setzero_ps(); 4];
    for c in 0..chunks {
        for (k, slot) in acc.iter_mut().enumerate() {
            let i = c * 32 + k * 8;
            // SAFETY: i + 8 <= chunks * 32 <= n, within both slices; unaligned loads.
            let x = _mm256_loadu_ps(a.as_ptr().add(i));
            let y = _mm256_loadu_ps(b.as_ptr().add(i));
            *slot = _mm256_fmadd_ps(x, y, *slot);
        }
    }
    let sum = _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3]));
    let mut lanes = [0f32; 8];
    _mm256_storeu_ps(lanes.as_mut_ptr(), sum);
    let tail = dot_portable(&a[chunks * 32..n], &b[chunks * 32..n]);
    lanes.iter().sum::<f32>() + tail
}

/// Eight independent partial sums, so the compiler can keep them in vector registers
/// (a single running sum forces strictly sequential additions).
#[inline(always)]
fn dot_portable(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// `x = LayerNorm(x + residual)` per token.
fn layer_norm(
    x: &mut [f32],
    residual: Option<&[f32]>,
    (gamma, beta): &(Vec<f32>, Vec<f32>),
    h: usize,
    eps: f32,
) {
    for (i, row) in x.chunks_exact_mut(h).enumerate() {
        if let Some(r) = residual {
            for (a, b) in row.iter_mut().zip(&r[i * h..(i + 1) * h]) {
                *a += b;
            }
        }
        let mean = row.iter().sum::<f32>() / h as f32;
        let var = row.iter().map(|a| (a - mean) * (a - mean)).sum::<f32>() / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((a, g), b) in row.iter_mut().zip(gamma).zip(beta) {
            *a = (*a - mean) * inv * g + b;
        }
    }
}

/// Splits a text's content ids into windows of at most `max` ids.
pub(crate) fn windows(ids: &[u32], max: usize) -> Vec<&[u32]> {
    if ids.is_empty() {
        return vec![ids];
    }
    ids.chunks(max.max(1)).collect()
}

pub(crate) fn tokenizer_ids(tok: &Tokenizer, window: &[u32]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(window.len() + 2);
    ids.push(tok.bos);
    ids.extend_from_slice(window);
    ids.push(tok.eos);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_kernels_agree() {
        let a: Vec<f32> = (0..389)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 13.0)
            .collect();
        let b: Vec<f32> = (0..389)
            .map(|i| ((i * 53 % 97) as f32 - 48.0) / 11.0)
            .collect();
        let exact: f64 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| f64::from(*x) * f64::from(*y))
            .sum();
        assert!((f64::from(dot_portable(&a, &b)) - exact).abs() < 1e-3);
        assert!((f64::from(dot(&a, &b)) - exact).abs() < 1e-3);
    }

    #[test]
    fn half_precision() {
        assert_eq!(f16_to_f32(0x3C00), 1.0);
        assert_eq!(f16_to_f32(0xC000), -2.0);
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert!(
            (f16_to_f32(0x0001) - 5.960_464_5e-8).abs() < 1e-12,
            "subnormal"
        );
        assert!((f16_to_f32(0x3555) - 0.333_251_95).abs() < 1e-6);
    }
}
