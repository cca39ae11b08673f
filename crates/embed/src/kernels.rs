//! Integer matrix kernels for the int8 encoder path.
//!
//! Weights: the model's 4-bit blocks are dequantised once at load and requantised to
//! int8 with one scale per output row, so a whole row·token dot product is integer
//! work with a single float step at the end. Activations: int8 with one scale per
//! token, stored offset by +128 (unsigned), which is the operand order `vpdpbusd`
//! wants; the offset is taken back out with each row's precomputed sum.
//!
//! Weights are packed in blocks of 16 rows × 4 columns (64 bytes, row-major inside):
//! one 512-bit register then holds one column group of 16 rows, and a token's four
//! activation bytes are broadcast against it, so accumulators hold 16 finished
//! outputs and no horizontal sums are needed. Three kernels share the layout, picked
//! at run time: AVX-512 VNNI, AVX2 (`vpmaddubsw`, which sees a 64-byte group as two
//! 8-row halves) and portable code.

use std::sync::OnceLock;

/// Rows per packed block.
const BLOCK_ROWS: usize = 16;
/// Consecutive columns of one row inside a packed group.
const GROUP: usize = 4;
const GROUP_BYTES: usize = BLOCK_ROWS * GROUP;
/// The unsigned activations' offset.
const OFFSET: i32 = 128;

/// Which instruction set the kernels use; detected once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Isa {
    Avx512Vnni,
    Avx2,
    Portable,
}

impl Isa {
    pub(crate) fn detect() -> Isa {
        static DETECTED: OnceLock<Isa> = OnceLock::new();
        *DETECTED.get_or_init(|| {
            #[cfg(target_arch = "x86_64")]
            {
                if is_x86_feature_detected!("avx512f")
                    && is_x86_feature_detected!("avx512bw")
                    && is_x86_feature_detected!("avx512vnni")
                {
                    return Isa::Avx512Vnni;
                }
                if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                    return Isa::Avx2;
                }
            }
            Isa::Portable
        })
    }

    /// Every kernel this CPU can run (the portable one always), for tests.
    #[cfg(test)]
    pub(crate) fn available() -> Vec<Isa> {
        match Isa::detect() {
            Isa::Avx512Vnni => vec![Isa::Avx512Vnni, Isa::Avx2, Isa::Portable],
            Isa::Avx2 => vec![Isa::Avx2, Isa::Portable],
            Isa::Portable => vec![Isa::Portable],
        }
    }
}

/// AVX2 and FMA are present (checked once); the float code paths use them.
#[cfg(target_arch = "x86_64")]
pub(crate) fn has_avx2_fma() -> bool {
    static DETECTED: OnceLock<bool> = OnceLock::new();
    *DETECTED.get_or_init(|| is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma"))
}

/// A `rows × cols` weight matrix in packed int8 form, plus its bias.
#[derive(Debug)]
pub(crate) struct QuantMatrix {
    rows: usize,
    /// `cols` rounded up to a whole column group.
    stride: usize,
    /// Row blocks of `BLOCK_ROWS` (the last one zero-padded) × column groups.
    packed: Vec<i8>,
    /// Per padded row: weight scale, `OFFSET · Σ values`, bias.
    scales: Vec<f32>,
    offsets: Vec<i32>,
    bias: Vec<f32>,
}

/// Activations quantised per token to offset int8.
#[derive(Debug, Default)]
pub(crate) struct QuantActs {
    /// `t × stride` bytes, value + `OFFSET`; padding columns hold `OFFSET` (zero).
    values: Vec<u8>,
    scales: Vec<f32>,
    stride: usize,
}

fn padded_to(n: usize, multiple: usize) -> usize {
    n.div_ceil(multiple) * multiple
}

impl QuantActs {
    /// Quantises `t` rows of `cols` floats.
    pub(crate) fn quantise(&mut self, x: &[f32], t: usize, cols: usize) {
        self.quantise_with(Isa::detect(), x, t, cols);
    }

    pub(crate) fn quantise_with(&mut self, isa: Isa, x: &[f32], t: usize, cols: usize) {
        let stride = padded_to(cols, GROUP);
        self.stride = stride;
        self.values.clear();
        self.values.resize(t * stride, OFFSET as u8);
        self.scales.resize(t, 0.0);
        for (i, row) in x[..t * cols].chunks_exact(cols).enumerate() {
            let out = &mut self.values[i * stride..i * stride + cols];
            self.scales[i] = match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: AVX2 is part of both x86 ISAs `Isa::detect` reports.
                Isa::Avx512Vnni | Isa::Avx2 => unsafe { avx2::quantise_row(row, out) },
                _ => quantise_row(row, out),
            };
        }
    }
}

/// One token's activations as offset int8 in `out`; returns their scale. Scalar code
/// spent a sixth of the encoder's time here (a saturating cast per value).
fn quantise_row(row: &[f32], out: &mut [u8]) -> f32 {
    let max = row.iter().fold(0f32, |m, v| m.max(v.abs()));
    let (scale, inverse) = scale_of(max);
    for (o, v) in out.iter_mut().zip(row) {
        *o = (quantise_value(v * inverse) + OFFSET) as u8;
    }
    scale
}

/// The scale of a row whose largest magnitude is `max`, and its inverse.
fn scale_of(max: f32) -> (f32, f32) {
    let scale = max / 127.0;
    (scale, if scale > 0.0 { 1.0 / scale } else { 0.0 })
}

/// Rounds half away from zero into −127..=127 without a libm call.
fn quantise_value(scaled: f32) -> i32 {
    (scaled + 0.5f32.copysign(scaled)).clamp(-127.0, 127.0) as i32
}

impl QuantMatrix {
    /// Builds the matrix from its float rows: `row(r, out)` fills row `r`.
    pub(crate) fn from_rows(
        rows: usize,
        cols: usize,
        mut row: impl FnMut(usize, &mut [f32]),
        bias: &[f32],
    ) -> Self {
        let stride = padded_to(cols, GROUP);
        let padded_rows = padded_to(rows, BLOCK_ROWS);
        let groups = stride / GROUP;
        let mut packed = vec![0i8; padded_rows * stride];
        let mut scales = vec![0f32; padded_rows];
        let mut offsets = vec![0i32; padded_rows];
        let mut padded_bias = vec![0f32; padded_rows];
        padded_bias[..rows].copy_from_slice(&bias[..rows]);
        let mut floats = vec![0f32; cols];
        for r in 0..rows {
            row(r, &mut floats);
            let max = floats.iter().fold(0f32, |m, v| m.max(v.abs()));
            let scale = max / 127.0;
            let inverse = if scale > 0.0 { 1.0 / scale } else { 0.0 };
            let (block, within) = (r / BLOCK_ROWS, r % BLOCK_ROWS);
            let mut sum = 0i32;
            for (c, v) in floats.iter().enumerate() {
                let q = quantise_value(v * inverse);
                sum += q;
                let at = (block * groups + c / GROUP) * GROUP_BYTES + within * GROUP + c % GROUP;
                packed[at] = q as i8;
            }
            scales[r] = scale;
            offsets[r] = OFFSET * sum;
        }
        QuantMatrix {
            rows,
            stride,
            packed,
            scales,
            offsets,
            bias: padded_bias,
        }
    }

    /// `y[i][r] = x[i] · W[r] + b[r]` for the `t` quantised tokens in `acts`.
    pub(crate) fn apply(&self, acts: &QuantActs, y: &mut [f32], t: usize) {
        self.apply_with(Isa::detect(), acts, y, t);
    }

    pub(crate) fn apply_with(&self, isa: Isa, acts: &QuantActs, y: &mut [f32], t: usize) {
        // The kernels write through raw pointers: these hold for every call.
        assert!(acts.stride == self.stride && acts.values.len() >= t * self.stride);
        assert!(y.len() >= t * self.rows && acts.scales.len() >= t);
        match isa {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Isa::detect` found AVX-512 F/BW/VNNI (tests only pass ISAs it found).
            Isa::Avx512Vnni => unsafe { avx512::apply(self, acts, y, t) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Isa::detect` found AVX2 and FMA.
            Isa::Avx2 => unsafe { avx2::apply(self, acts, y, t) },
            _ => self.apply_portable(acts, y, t),
        }
    }

    fn groups(&self) -> usize {
        self.stride / GROUP
    }

    fn blocks(&self) -> usize {
        self.scales.len() / BLOCK_ROWS
    }

    /// Writes one block's 16 finished outputs for token `i`, dropping padding rows.
    fn store_block(&self, y: &mut [f32], i: usize, block: usize, values: &[f32; BLOCK_ROWS]) {
        let r0 = block * BLOCK_ROWS;
        let n = BLOCK_ROWS.min(self.rows - r0);
        y[i * self.rows + r0..i * self.rows + r0 + n].copy_from_slice(&values[..n]);
    }

    fn apply_portable(&self, acts: &QuantActs, y: &mut [f32], t: usize) {
        let groups = self.groups();
        for i in 0..t {
            let a = &acts.values[i * self.stride..(i + 1) * self.stride];
            for block in 0..self.blocks() {
                let mut dots = [0i32; BLOCK_ROWS];
                let packed = &self.packed[block * groups * GROUP_BYTES..][..groups * GROUP_BYTES];
                for (g, w) in packed.chunks_exact(GROUP_BYTES).enumerate() {
                    let a4 = &a[g * GROUP..(g + 1) * GROUP];
                    for (dot, wr) in dots.iter_mut().zip(w.chunks_exact(GROUP)) {
                        *dot += wr
                            .iter()
                            .zip(a4)
                            .map(|(w, a)| i32::from(*w) * i32::from(*a))
                            .sum::<i32>();
                    }
                }
                let mut out = [0f32; BLOCK_ROWS];
                for (k, o) in out.iter_mut().enumerate() {
                    let r = block * BLOCK_ROWS + k;
                    let dot = dots[k] - self.offsets[r];
                    *o = dot as f32 * self.scales[r] * acts.scales[i] + self.bias[r];
                }
                self.store_block(y, i, block, &out);
            }
        }
    }
}

/// Splits `0..n` into tiles of `size` and a tail of single steps.
fn tiles(n: usize, size: usize) -> (usize, usize) {
    let whole = n / size * size;
    (whole, n)
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use super::*;
    use std::arch::x86_64::*;

    /// # Safety
    /// The CPU must support AVX-512 F, BW and VNNI.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub(super) unsafe fn apply(m: &QuantMatrix, acts: &QuantActs, y: &mut [f32], t: usize) {
        let (whole_blocks, blocks) = tiles(m.blocks(), 4);
        let (whole_tokens, tokens) = tiles(t, 4);
        let mut b = 0;
        while b < blocks {
            let mut i = 0;
            if b < whole_blocks {
                while i < whole_tokens {
                    tile::<4, 4>(m, acts, y, i, b);
                    i += 4;
                }
                while i < tokens {
                    tile::<1, 4>(m, acts, y, i, b);
                    i += 1;
                }
                b += 4;
            } else {
                while i < whole_tokens {
                    tile::<4, 1>(m, acts, y, i, b);
                    i += 4;
                }
                while i < tokens {
                    tile::<1, 1>(m, acts, y, i, b);
                    i += 1;
                }
                b += 1;
            }
        }
    }

    /// `N` tokens from `i0` against `M` row blocks from `b0`.
    #[inline]
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    unsafe fn tile<const N: usize, const M: usize>(
        m: &QuantMatrix,
        acts: &QuantActs,
        y: &mut [f32],
        i0: usize,
        b0: usize,
    ) {
        let groups = m.groups();
        let mut acc = [[_mm512_setzero_si512(); M]; N];
        let weights = m.packed.as_ptr().add(b0 * groups * GROUP_BYTES);
        let a = acts.values.as_ptr().add(i0 * acts.stride);
        for g in 0..groups {
            let mut w = [_mm512_setzero_si512(); M];
            for (j, wj) in w.iter_mut().enumerate() {
                // SAFETY: block b0 + j and group g lie inside `packed`.
                *wj = _mm512_loadu_si512(weights.add((j * groups + g) * GROUP_BYTES).cast());
            }
            for (n, row) in acc.iter_mut().enumerate() {
                // SAFETY: token i0 + n < t and group g lies inside its stride.
                let four = a
                    .add(n * acts.stride + g * GROUP)
                    .cast::<i32>()
                    .read_unaligned();
                let av = _mm512_set1_epi32(four);
                for (slot, wj) in row.iter_mut().zip(&w) {
                    *slot = _mm512_dpbusd_epi32(*slot, av, *wj);
                }
            }
        }
        for (n, row) in acc.iter().enumerate() {
            let a_scale = _mm512_set1_ps(acts.scales[i0 + n]);
            for (j, dots) in row.iter().enumerate() {
                let r0 = (b0 + j) * BLOCK_ROWS;
                let offsets = _mm512_loadu_si512(m.offsets.as_ptr().add(r0).cast());
                let scales = _mm512_loadu_ps(m.scales.as_ptr().add(r0));
                let bias = _mm512_loadu_ps(m.bias.as_ptr().add(r0));
                let exact = _mm512_cvtepi32_ps(_mm512_sub_epi32(*dots, offsets));
                let out = _mm512_fmadd_ps(exact, _mm512_mul_ps(scales, a_scale), bias);
                if r0 + BLOCK_ROWS <= m.rows {
                    // SAFETY: token i0 + n < t and rows r0..r0 + 16 exist, inside
                    // `y` (`apply_with` checked y.len() >= t · rows). A call to copy
                    // 64 bytes cost a twentieth of the encoder's time.
                    _mm512_storeu_ps(y.as_mut_ptr().add((i0 + n) * m.rows + r0), out);
                } else {
                    let mut values = [0f32; BLOCK_ROWS];
                    _mm512_storeu_ps(values.as_mut_ptr(), out);
                    m.store_block(y, i0 + n, b0 + j, &values);
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::*;
    use std::arch::x86_64::*;

    /// [`super::quantise_row`], eight values a step, with the same operations in the
    /// same order (so the same bytes): the largest magnitude, then per value
    /// `v · inverse ± 0.5`, clamped to ±127 and truncated.
    ///
    /// # Safety
    /// The CPU must support AVX2.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn quantise_row(row: &[f32], out: &mut [u8]) -> f32 {
        let n = row.len().min(out.len());
        let whole = n / 8 * 8;
        let sign = _mm256_set1_ps(-0.0);
        let mut top = _mm256_setzero_ps();
        for c in (0..whole).step_by(8) {
            // SAFETY: c + 8 <= whole <= row.len().
            let v = _mm256_loadu_ps(row.as_ptr().add(c));
            top = _mm256_max_ps(_mm256_andnot_ps(sign, v), top);
        }
        let mut lanes = [0f32; 8];
        _mm256_storeu_ps(lanes.as_mut_ptr(), top);
        let tail = row[whole..n].iter().fold(0f32, |m, v| m.max(v.abs()));
        let max = lanes.iter().fold(tail, |m, v| m.max(*v));
        let (scale, inverse) = scale_of(max);
        let (inv, half) = (_mm256_set1_ps(inverse), _mm256_set1_ps(0.5));
        let (lo, hi) = (_mm256_set1_ps(-127.0), _mm256_set1_ps(127.0));
        let offset = _mm256_set1_epi32(OFFSET);
        let mut bytes = [0i32; 8];
        for c in (0..whole).step_by(8) {
            // SAFETY: as above.
            let v = _mm256_mul_ps(_mm256_loadu_ps(row.as_ptr().add(c)), inv);
            let rounded = _mm256_add_ps(v, _mm256_or_ps(half, _mm256_and_ps(v, sign)));
            let clamped = _mm256_min_ps(_mm256_max_ps(rounded, lo), hi);
            let q = _mm256_add_epi32(_mm256_cvttps_epi32(clamped), offset);
            _mm256_storeu_si256(bytes.as_mut_ptr().cast(), q);
            for (o, b) in out[c..c + 8].iter_mut().zip(&bytes) {
                *o = *b as u8;
            }
        }
        for (o, v) in out[whole..n].iter_mut().zip(&row[whole..n]) {
            *o = (quantise_value(v * inverse) + OFFSET) as u8;
        }
        scale
    }

    /// # Safety
    /// The CPU must support AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn apply(m: &QuantMatrix, acts: &QuantActs, y: &mut [f32], t: usize) {
        let (whole_tokens, tokens) = tiles(t, 4);
        for b in 0..m.blocks() {
            let mut i = 0;
            while i < whole_tokens {
                tile::<4>(m, acts, y, i, b);
                i += 4;
            }
            while i < tokens {
                tile::<1>(m, acts, y, i, b);
                i += 1;
            }
        }
    }

    /// `N` tokens from `i0` against row block `b`, as two 8-row halves. `vpmaddubsw`
    /// wants one unsigned operand: the weights' magnitudes, with their signs moved
    /// onto the (re-signed) activations; |w|, |a| ≤ 127 keep pair sums below i16
    /// saturation.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn tile<const N: usize>(
        m: &QuantMatrix,
        acts: &QuantActs,
        y: &mut [f32],
        i0: usize,
        b: usize,
    ) {
        let groups = m.groups();
        let ones = _mm256_set1_epi16(1);
        let flip = _mm256_set1_epi8(-128);
        let mut acc = [[_mm256_setzero_si256(); 2]; N];
        let weights = m.packed.as_ptr().add(b * groups * GROUP_BYTES);
        let a = acts.values.as_ptr().add(i0 * acts.stride);
        for g in 0..groups {
            // SAFETY: block b and group g lie inside `packed`.
            let w = [0, 1].map(|h| {
                _mm256_loadu_si256(weights.add(g * GROUP_BYTES + h * 32).cast::<__m256i>())
            });
            let magnitude = w.map(|v| _mm256_sign_epi8(v, v));
            for (n, halves) in acc.iter_mut().enumerate() {
                // SAFETY: token i0 + n < t and group g lies inside its stride.
                let four = a
                    .add(n * acts.stride + g * GROUP)
                    .cast::<i32>()
                    .read_unaligned();
                let signed = _mm256_xor_si256(_mm256_set1_epi32(four), flip);
                for h in 0..2 {
                    let pairs = _mm256_maddubs_epi16(magnitude[h], _mm256_sign_epi8(signed, w[h]));
                    halves[h] = _mm256_add_epi32(halves[h], _mm256_madd_epi16(pairs, ones));
                }
            }
        }
        let r0 = b * BLOCK_ROWS;
        let whole = r0 + BLOCK_ROWS <= m.rows;
        for (n, halves) in acc.iter().enumerate() {
            let a_scale = _mm256_set1_ps(acts.scales[i0 + n]);
            let mut values = [0f32; BLOCK_ROWS];
            // SAFETY (when whole): token i0 + n < t and rows r0..r0 + 16 exist, inside
            // `y` (checked in `apply_with`); else the block goes through `values`.
            let to = if whole {
                y.as_mut_ptr().add((i0 + n) * m.rows + r0)
            } else {
                values.as_mut_ptr()
            };
            for (h, dots) in halves.iter().enumerate() {
                let r = r0 + h * 8;
                let scales = _mm256_loadu_ps(m.scales.as_ptr().add(r));
                let bias = _mm256_loadu_ps(m.bias.as_ptr().add(r));
                let out = _mm256_fmadd_ps(
                    _mm256_cvtepi32_ps(*dots),
                    _mm256_mul_ps(scales, a_scale),
                    bias,
                );
                _mm256_storeu_ps(to.add(h * 8), out);
            }
            if !whole {
                m.store_block(y, i0 + n, b, &values);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: usize, cols: usize) -> (Vec<Vec<f32>>, Vec<f32>) {
        let weights = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| (((c * 7 + r * 5) % 23) as f32 - 11.0) * (1.0 + (r % 3) as f32) / 40.0)
                    .collect()
            })
            .collect();
        let bias = (0..rows).map(|r| (r % 5) as f32 * 0.1 - 0.2).collect();
        (weights, bias)
    }

    #[test]
    fn every_kernel_matches_float_products() {
        // Odd sizes exercise padded rows, padded columns and token tails.
        for (rows, cols, t) in [(64, 96, 9), (37, 30, 5), (16, 4, 1), (80, 132, 4)] {
            let (w, bias) = matrix(rows, cols);
            let m = QuantMatrix::from_rows(rows, cols, |r, out| out.copy_from_slice(&w[r]), &bias);
            let x: Vec<f32> = (0..t * cols)
                .map(|i| ((i * 31 % 53) as f32 - 26.0) / 9.0)
                .collect();
            let mut acts = QuantActs::default();
            acts.quantise(&x, t, cols);
            let norm = |v: &[f32]| v.iter().map(|a| a * a).sum::<f32>().sqrt();
            let mut portable = vec![0f32; t * rows];
            m.apply_with(Isa::Portable, &acts, &mut portable, t);
            for (k, p) in portable.iter().enumerate() {
                let (i, r) = (k / rows, k % rows);
                let token = &x[i * cols..(i + 1) * cols];
                let exact = w[r].iter().zip(token).map(|(a, b)| a * b).sum::<f32>() + bias[r];
                // Two int8 roundings: the error is a small fraction of |w|·|x|.
                let bound = 0.01 * norm(&w[r]) * norm(token);
                assert!((p - exact).abs() <= bound, "{p} vs {exact} (bound {bound})");
            }
            for isa in Isa::available() {
                let mut y = vec![f32::NAN; t * rows];
                m.apply_with(isa, &acts, &mut y, t);
                for (a, p) in y.iter().zip(&portable) {
                    assert!(
                        (a - p).abs() < 1e-4 * p.abs().max(1.0),
                        "{isa:?}: {a} vs {p}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_quantiser_gives_the_same_bytes() {
        // Lengths with and without a tail; values on and off the rounding halves.
        for cols in [384, 37, 8, 3] {
            let x: Vec<f32> = (0..2 * cols)
                .map(|i| ((i * 73 % 255) as f32 - 127.0) * if i % 5 == 0 { 0.5 } else { 0.37 })
                .collect();
            let mut portable = QuantActs::default();
            portable.quantise_with(Isa::Portable, &x, 2, cols);
            for isa in Isa::available() {
                let mut acts = QuantActs::default();
                acts.quantise_with(isa, &x, 2, cols);
                assert_eq!(acts.values, portable.values, "{isa:?}, {cols} columns");
                assert_eq!(acts.scales, portable.scales, "{isa:?}, {cols} columns");
            }
        }
    }

    #[test]
    fn zero_rows_and_tokens_stay_exact() {
        let m = QuantMatrix::from_rows(16, 8, |_, out| out.fill(0.0), &[0.5; 16]);
        let mut acts = QuantActs::default();
        acts.quantise(&[0.0; 16], 2, 8);
        for isa in Isa::available() {
            let mut y = vec![0f32; 32];
            m.apply_with(isa, &acts, &mut y, 2);
            assert!(y.iter().all(|v| *v == 0.5), "{isa:?}: {y:?}");
        }
    }
}
