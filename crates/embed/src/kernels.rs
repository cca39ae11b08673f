//! Integer matrix kernels. Weights stay 4-bit in spirit (values 0..15 with one f32
//! scale per block of 32, the Q4_0 layout unpacked to a byte per weight so the CPU can
//! use them directly); activations are quantised per token and block of 32 to int8
//! with their own scale. A block's contribution is
//! `scale_w · scale_a · (Σ w·a − 8·Σ a)` — integer multiply-adds, one float step per
//! block. AVX2 (`vpmaddubsw`) when the CPU has it, checked at run time; portable
//! code otherwise.

use crate::format::Q4_BLOCK;

/// A weight matrix `rows × cols` in unpacked Q4_0 form, plus its bias.
#[derive(Debug)]
pub(crate) struct QuantMatrix {
    pub rows: usize,
    pub cols: usize,
    /// `rows × cols` values in 0..=15 (the stored nibbles; the weight is `(v − 8) · scale`).
    pub values: Vec<u8>,
    /// One scale per row and block of 32.
    pub scales: Vec<f32>,
    pub bias: Vec<f32>,
}

/// Activations quantised per token and block of 32.
#[derive(Debug, Default)]
pub(crate) struct QuantActs {
    values: Vec<i8>,
    scales: Vec<f32>,
    sums: Vec<i32>,
    cols: usize,
}

impl QuantActs {
    /// Quantises `t` rows of `cols` floats.
    pub(crate) fn quantise(&mut self, x: &[f32], t: usize, cols: usize) {
        let blocks = cols / Q4_BLOCK;
        self.cols = cols;
        self.values.resize(t * cols, 0);
        self.scales.resize(t * blocks, 0.0);
        self.sums.resize(t * blocks, 0);
        for (b, chunk) in x[..t * cols].chunks_exact(Q4_BLOCK).enumerate() {
            let max = chunk.iter().fold(0f32, |m, v| m.max(v.abs()));
            let scale = max / 127.0;
            let inverse = if scale > 0.0 { 1.0 / scale } else { 0.0 };
            let out = &mut self.values[b * Q4_BLOCK..(b + 1) * Q4_BLOCK];
            let mut sum = 0i32;
            for (o, v) in out.iter_mut().zip(chunk) {
                let q = (v * inverse).round().clamp(-127.0, 127.0) as i8;
                *o = q;
                sum += i32::from(q);
            }
            self.scales[b] = scale;
            self.sums[b] = sum;
        }
    }
}

impl QuantMatrix {
    /// `y[i][r] = x[i] · W[r] + b[r]` for the `t` quantised rows in `acts`. Rows go
    /// four at a time so each activation block is loaded once for four weight rows.
    pub(crate) fn apply(&self, acts: &QuantActs, y: &mut [f32], t: usize) {
        debug_assert_eq!(acts.cols, self.cols);
        let (cols, blocks) = (self.cols, self.cols / Q4_BLOCK);
        let row = |r: usize| {
            (
                &self.values[r * cols..(r + 1) * cols],
                &self.scales[r * blocks..(r + 1) * blocks],
            )
        };
        let mut r = 0;
        while r < self.rows {
            let group = (self.rows - r).min(4);
            for i in 0..t {
                let a = &acts.values[i * cols..(i + 1) * cols];
                let a_scales = &acts.scales[i * blocks..(i + 1) * blocks];
                let a_sums = &acts.sums[i * blocks..(i + 1) * blocks];
                let out = if group == 4 {
                    rows4_dot(
                        [row(r), row(r + 1), row(r + 2), row(r + 3)],
                        a,
                        a_scales,
                        a_sums,
                    )
                } else {
                    let mut partial = [0f32; 4];
                    for (k, slot) in partial.iter_mut().enumerate().take(group) {
                        let (w, ws) = row(r + k);
                        *slot = row_dot(w, ws, a, a_scales, a_sums);
                    }
                    partial
                };
                for (k, value) in out.iter().enumerate().take(group) {
                    y[i * self.rows + r + k] = value + self.bias[r + k];
                }
            }
            r += group;
        }
    }
}

type Row<'a> = (&'a [u8], &'a [f32]);

fn rows4_dot(rows: [Row; 4], a: &[i8], a_scales: &[f32], a_sums: &[i32]) -> [f32; 4] {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2() {
            // SAFETY: AVX2 is available (checked at run time); all rows have `a`'s blocks.
            return unsafe { rows4_dot_avx2(rows, a, a_scales, a_sums) };
        }
    }
    rows.map(|(w, ws)| row_dot_portable(w, ws, a, a_scales, a_sums))
}

/// # Safety
/// The CPU must support AVX2 and FMA; every row and `a` hold `a_scales.len()` blocks.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn rows4_dot_avx2(rows: [Row; 4], a: &[i8], a_scales: &[f32], a_sums: &[i32]) -> [f32; 4] {
    use std::arch::x86_64::*;
    let ones = _mm256_set1_epi16(1);
    let mut acc = [_mm256_setzero_ps(); 4];
    let mut correction = [0f32; 4];
    for b in 0..a_scales.len() {
        // SAFETY: block b is within `a` and every row (same number of blocks).
        let av = _mm256_loadu_si256(a.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
        let sa = a_sums[b] as f32;
        for k in 0..4 {
            let (w, ws) = rows[k];
            let wv = _mm256_loadu_si256(w.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
            let quads = _mm256_madd_epi16(_mm256_maddubs_epi16(wv, av), ones);
            let scale = ws[b] * a_scales[b];
            acc[k] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(quads), _mm256_set1_ps(scale), acc[k]);
            correction[k] += scale * sa;
        }
    }
    let mut out = [0f32; 4];
    for k in 0..4 {
        let mut lanes = [0f32; 8];
        _mm256_storeu_ps(lanes.as_mut_ptr(), acc[k]);
        out[k] = lanes.iter().sum::<f32>() - 8.0 * correction[k];
    }
    out
}

fn row_dot(w: &[u8], ws: &[f32], a: &[i8], a_scales: &[f32], a_sums: &[i32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2() {
            // SAFETY: AVX2 is available (checked at run time); slices have whole blocks.
            return unsafe { row_dot_avx2(w, ws, a, a_scales, a_sums) };
        }
    }
    row_dot_portable(w, ws, a, a_scales, a_sums)
}

pub(crate) fn row_dot_portable(
    w: &[u8],
    ws: &[f32],
    a: &[i8],
    a_scales: &[f32],
    a_sums: &[i32],
) -> f32 {
    let mut total = 0f32;
    for (b, (wb, ab)) in w
        .chunks_exact(Q4_BLOCK)
        .zip(a.chunks_exact(Q4_BLOCK))
        .enumerate()
    {
        let dot: i32 = wb
            .iter()
            .zip(ab)
            .map(|(x, y)| i32::from(*x) * i32::from(*y))
            .sum();
        total += ws[b] * a_scales[b] * (dot - 8 * a_sums[b]) as f32;
    }
    total
}

#[cfg(target_arch = "x86_64")]
fn has_avx2() -> bool {
    use std::sync::OnceLock;
    static DETECTED: OnceLock<bool> = OnceLock::new();
    *DETECTED.get_or_init(|| is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"))
}

/// # Safety
/// The CPU must support AVX2 and FMA; `w` and `a` hold `ws.len()` blocks of 32.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn row_dot_avx2(w: &[u8], ws: &[f32], a: &[i8], a_scales: &[f32], a_sums: &[i32]) -> f32 {
    use std::arch::x86_64::*;
    let ones = _mm256_set1_epi16(1);
    let mut acc = _mm256_setzero_ps();
    let mut correction = 0f32;
    for b in 0..ws.len() {
        // SAFETY: block b lies within both slices (b < ws.len() blocks of 32).
        let wv = _mm256_loadu_si256(w.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
        let av = _mm256_loadu_si256(a.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
        // u8 (0..15) × i8 → pairs summed to i16 (no saturation: 2·15·127 < 32767).
        let pairs = _mm256_maddubs_epi16(wv, av);
        let quads = _mm256_madd_epi16(pairs, ones);
        let scale = ws[b] * a_scales[b];
        acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(quads), _mm256_set1_ps(scale), acc);
        correction += scale * a_sums[b] as f32;
    }
    let mut lanes = [0f32; 8];
    _mm256_storeu_ps(lanes.as_mut_ptr(), acc);
    lanes.iter().sum::<f32>() - 8.0 * correction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_dot_matches_float_dot() {
        let cols = 96;
        let blocks = cols / Q4_BLOCK;
        let w: Vec<u8> = (0..cols).map(|i| (i * 7 % 16) as u8).collect();
        let ws: Vec<f32> = (0..blocks).map(|b| 0.01 + b as f32 * 0.003).collect();
        let x: Vec<f32> = (0..cols)
            .map(|i| ((i * 31 % 53) as f32 - 26.0) / 9.0)
            .collect();
        let mut acts = QuantActs::default();
        acts.quantise(&x, 1, cols);
        let exact: f32 = (0..cols)
            .map(|i| (f32::from(w[i]) - 8.0) * ws[i / Q4_BLOCK] * x[i])
            .sum();
        let portable = row_dot_portable(&w, &ws, &acts.values, &acts.scales, &acts.sums);
        let dispatched = row_dot(&w, &ws, &acts.values, &acts.scales, &acts.sums);
        assert!(
            (portable - exact).abs() < 0.02 * exact.abs().max(1.0),
            "{portable} vs {exact}"
        );
        assert!(
            (dispatched - portable).abs() < 1e-3,
            "{dispatched} vs {portable}"
        );
    }
}
