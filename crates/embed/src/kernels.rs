//! Integer matrix kernels. Weights stay 4-bit in spirit (values −8..7 with one f32
//! scale per block of 32: the Q4_0 layout unpacked to a signed byte per weight so the
//! CPU can use them directly); activations are quantised per token and block of 32 to
//! int8 with their own scale. A block contributes `scale_w · scale_a · Σ w·a`:
//! integer multiply-adds, one float step per block. AVX2 (`vpmaddubsw`, with the
//! weights' signs moved onto the activations since it wants one unsigned operand)
//! when the CPU has it, checked at run time; portable code otherwise.

use crate::format::Q4_BLOCK;

/// A weight matrix `rows × cols` in unpacked Q4_0 form, plus its bias.
#[derive(Debug)]
pub(crate) struct QuantMatrix {
    pub rows: usize,
    pub cols: usize,
    /// `rows × cols` values in −8..=7 (stored nibble − 8; the weight is `v · scale`).
    pub values: Vec<i8>,
    /// One scale per row and block of 32.
    pub scales: Vec<f32>,
    pub bias: Vec<f32>,
}

/// Activations quantised per token and block of 32.
#[derive(Debug, Default)]
pub(crate) struct QuantActs {
    values: Vec<i8>,
    scales: Vec<f32>,
    cols: usize,
}

impl QuantActs {
    /// Quantises `t` rows of `cols` floats.
    pub(crate) fn quantise(&mut self, x: &[f32], t: usize, cols: usize) {
        let blocks = cols / Q4_BLOCK;
        self.cols = cols;
        self.values.resize(t * cols, 0);
        self.scales.resize(t * blocks, 0.0);
        for (b, chunk) in x[..t * cols].chunks_exact(Q4_BLOCK).enumerate() {
            let max = chunk.iter().fold(0f32, |m, v| m.max(v.abs()));
            let scale = max / 127.0;
            let inverse = if scale > 0.0 { 1.0 / scale } else { 0.0 };
            let out = &mut self.values[b * Q4_BLOCK..(b + 1) * Q4_BLOCK];
            for (o, v) in out.iter_mut().zip(chunk) {
                // Round half away from zero without a libm call.
                let scaled = v * inverse;
                *o = (scaled + 0.5f32.copysign(scaled)).clamp(-127.0, 127.0) as i8;
            }
            self.scales[b] = scale;
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
            let mut i = 0;
            #[cfg(target_arch = "x86_64")]
            if group == 4 && has_avx2_fma() {
                // Two tokens at a time: each weight block is loaded once for both.
                while i + 1 < t {
                    let act = |i: usize| {
                        (
                            &acts.values[i * cols..(i + 1) * cols],
                            &acts.scales[i * blocks..(i + 1) * blocks],
                        )
                    };
                    let rows = [row(r), row(r + 1), row(r + 2), row(r + 3)];
                    // SAFETY: AVX2 is available (checked above); all blocks line up.
                    let out = unsafe { rows4_tokens2_avx2(rows, [act(i), act(i + 1)]) };
                    for (n, token) in out.iter().enumerate() {
                        for (k, value) in token.iter().enumerate() {
                            y[(i + n) * self.rows + r + k] = value + self.bias[r + k];
                        }
                    }
                    i += 2;
                }
            }
            for i in i..t {
                let a = &acts.values[i * cols..(i + 1) * cols];
                let a_scales = &acts.scales[i * blocks..(i + 1) * blocks];
                let out = if group == 4 {
                    rows4_dot([row(r), row(r + 1), row(r + 2), row(r + 3)], a, a_scales)
                } else {
                    let mut partial = [0f32; 4];
                    for (k, slot) in partial.iter_mut().enumerate().take(group) {
                        let (w, ws) = row(r + k);
                        *slot = row_dot_portable(w, ws, a, a_scales);
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

type Row<'a> = (&'a [i8], &'a [f32]);

fn rows4_dot(rows: [Row; 4], a: &[i8], a_scales: &[f32]) -> [f32; 4] {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2_fma() {
            // SAFETY: AVX2 is available (checked at run time); all rows have `a`'s blocks.
            return unsafe { rows4_dot_avx2(rows, a, a_scales) };
        }
    }
    rows.map(|(w, ws)| row_dot_portable(w, ws, a, a_scales))
}

/// # Safety
/// The CPU must support AVX2 and FMA; every row and `a` hold `a_scales.len()` blocks.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn rows4_dot_avx2(rows: [Row; 4], a: &[i8], a_scales: &[f32]) -> [f32; 4] {
    use std::arch::x86_64::*;
    let ones = _mm256_set1_epi16(1);
    let mut acc = [_mm256_setzero_ps(); 4];
    for (b, &a_scale) in a_scales.iter().enumerate() {
        // SAFETY: block b is within `a` and every row (same number of blocks).
        let av = _mm256_loadu_si256(a.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
        for k in 0..4 {
            let (w, ws) = rows[k];
            let wv = _mm256_loadu_si256(w.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
            // |w| is unsigned, the sign moves to a: w·a = |w|·(a·sign w); |w| ≤ 8 keeps
            // the pair sums far from i16 saturation.
            let pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(wv, wv), _mm256_sign_epi8(av, wv));
            let quads = _mm256_madd_epi16(pairs, ones);
            let scale = _mm256_set1_ps(ws[b] * a_scale);
            acc[k] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(quads), scale, acc[k]);
        }
    }
    let mut out = [0f32; 4];
    for k in 0..4 {
        let mut lanes = [0f32; 8];
        _mm256_storeu_ps(lanes.as_mut_ptr(), acc[k]);
        out[k] = lanes.iter().sum::<f32>();
    }
    out
}

type Act<'a> = (&'a [i8], &'a [f32]);

/// Four weight rows against two tokens' activations.
///
/// # Safety
/// The CPU must support AVX2 and FMA; rows and activations hold the same blocks.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn rows4_tokens2_avx2(rows: [Row; 4], acts: [Act; 2]) -> [[f32; 4]; 2] {
    use std::arch::x86_64::*;
    let ones = _mm256_set1_epi16(1);
    let mut acc = [[_mm256_setzero_ps(); 4]; 2];
    for b in 0..acts[0].1.len() {
        // SAFETY: block b lies within every row and both activation rows.
        let av = [0, 1]
            .map(|n| _mm256_loadu_si256(acts[n].0.as_ptr().add(b * Q4_BLOCK) as *const __m256i));
        for k in 0..4 {
            let (w, ws) = rows[k];
            let wv = _mm256_loadu_si256(w.as_ptr().add(b * Q4_BLOCK) as *const __m256i);
            let magnitude = _mm256_sign_epi8(wv, wv);
            for n in 0..2 {
                let pairs = _mm256_maddubs_epi16(magnitude, _mm256_sign_epi8(av[n], wv));
                let quads = _mm256_madd_epi16(pairs, ones);
                let scale = _mm256_set1_ps(ws[b] * acts[n].1[b]);
                acc[n][k] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(quads), scale, acc[n][k]);
            }
        }
    }
    let mut out = [[0f32; 4]; 2];
    for n in 0..2 {
        for k in 0..4 {
            let mut lanes = [0f32; 8];
            _mm256_storeu_ps(lanes.as_mut_ptr(), acc[n][k]);
            out[n][k] = lanes.iter().sum::<f32>();
        }
    }
    out
}

pub(crate) fn row_dot_portable(w: &[i8], ws: &[f32], a: &[i8], a_scales: &[f32]) -> f32 {
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
        total += ws[b] * a_scales[b] * dot as f32;
    }
    total
}

#[cfg(target_arch = "x86_64")]
/// AVX2 and FMA are present (checked once).
pub(crate) fn has_avx2_fma() -> bool {
    use std::sync::OnceLock;
    static DETECTED: OnceLock<bool> = OnceLock::new();
    *DETECTED.get_or_init(|| is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_dots_match_float_dots() {
        let cols = 96;
        let blocks = cols / Q4_BLOCK;
        let rows: Vec<Vec<i8>> = (0..4)
            .map(|r| {
                (0..cols)
                    .map(|i| ((i * 7 + r * 5) % 16) as i8 - 8)
                    .collect()
            })
            .collect();
        let scales: Vec<Vec<f32>> = (0..4)
            .map(|r| (0..blocks).map(|b| 0.01 + (b + r) as f32 * 0.003).collect())
            .collect();
        let x: Vec<f32> = (0..cols)
            .map(|i| ((i * 31 % 53) as f32 - 26.0) / 9.0)
            .collect();
        let mut acts = QuantActs::default();
        acts.quantise(&x, 1, cols);
        let grouped = rows4_dot(
            [0, 1, 2, 3].map(|r| (rows[r].as_slice(), scales[r].as_slice())),
            &acts.values,
            &acts.scales,
        );
        for r in 0..4 {
            let exact: f32 = (0..cols)
                .map(|i| f32::from(rows[r][i]) * scales[r][i / Q4_BLOCK] * x[i])
                .sum();
            let portable = row_dot_portable(&rows[r], &scales[r], &acts.values, &acts.scales);
            assert!(
                (portable - exact).abs() < 0.02 * exact.abs().max(1.0),
                "{portable} vs {exact}"
            );
            assert!(
                (grouped[r] - portable).abs() < 1e-3,
                "{} vs {portable}",
                grouped[r]
            );
        }
    }
}
