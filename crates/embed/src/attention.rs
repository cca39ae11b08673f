//! Multi-head scaled dot-product attention over one window, and the element-wise
//! functions around it (exp, GELU). Attention is f32: its cost grows with the window
//! squared, so on 512-token windows it rivals the matrix products unless it is
//! register-blocked — queries four at a time against eight keys per vector, the
//! scores never leaving registers until they are done — and its exponentials are
//! vectorised. The portable code is the reference the AVX2 path is tested against.

#[cfg(target_arch = "x86_64")]
use crate::kernels::has_avx2_fma;

/// `ctx = softmax(q·kᵀ/√d)·v` per head; `q`, `k`, `v`, `ctx` are `t × h`.
pub(crate) fn attention(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    ctx: &mut [f32],
    t: usize,
    h: usize,
    heads: usize,
) {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2_fma() && (h / heads).is_multiple_of(8) {
            // SAFETY: the CPU supports AVX2 and FMA (checked at run time above).
            unsafe { avx2::attention(q, k, v, ctx, t, h, heads) };
            return;
        }
    }
    attention_portable(q, k, v, ctx, t, h, heads);
}

pub(crate) fn attention_portable(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    ctx: &mut [f32],
    t: usize,
    h: usize,
    heads: usize,
) {
    let hd = h / heads;
    let scale = 1.0 / (hd as f32).sqrt();
    let mut scores = vec![0f32; t];
    for head in 0..heads {
        let part = |i: usize| i * h + head * hd..i * h + (head + 1) * hd;
        for i in 0..t {
            let qi = &q[part(i)];
            for (j, s) in scores.iter_mut().enumerate() {
                *s = qi.iter().zip(&k[part(j)]).map(|(a, b)| a * b).sum::<f32>() * scale;
            }
            softmax(&mut scores);
            let out = &mut ctx[part(i)];
            out.fill(0.0);
            for (j, p) in scores.iter().enumerate() {
                for (o, val) in out.iter_mut().zip(&v[part(j)]) {
                    *o += p * val;
                }
            }
        }
    }
}

/// In-place softmax.
fn softmax(x: &mut [f32]) {
    let max = x.iter().fold(f32::NEG_INFINITY, |m, s| m.max(*s));
    let mut total = 0.0;
    for s in x.iter_mut() {
        *s = exp(*s - max);
        total += *s;
    }
    let inverse = 1.0 / total;
    x.iter_mut().for_each(|s| *s *= inverse);
}

// Cody–Waite range reduction and a degree-6 polynomial for e^r on |r| ≤ ln2/2:
// relative error about 2e-7 over the clamped range, no libm call, and the same
// steps vectorise lane by lane.
const EXP_HI: f32 = 88.376_26;
const EXP_LO: f32 = -87.336_55;
const LOG2E: f32 = std::f32::consts::LOG2_E;
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
const EXP_POLY: [f32; 6] = [
    1.987_569_1e-4,
    1.398_199_9e-3,
    8.333_452e-3,
    4.166_579_6e-2,
    0.166_666_65,
    0.5,
];

/// e^x, see the constants above.
pub(crate) fn exp(x: f32) -> f32 {
    let x = x.clamp(EXP_LO, EXP_HI);
    let n = (x * LOG2E + 0.5).floor();
    let r = x - n * LN2_HI - n * LN2_LO;
    let mut p = EXP_POLY[0];
    for c in &EXP_POLY[1..] {
        p = p * r + c;
    }
    let e = p * r * r + r + 1.0;
    e * f32::from_bits(((n as i32 + 127) as u32) << 23)
}

/// GELU with the error function (as BERT uses), over a slice.
pub(crate) fn gelu_in_place(x: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2_fma() {
            // SAFETY: the CPU supports AVX2 and FMA (checked at run time above).
            unsafe { avx2::gelu_in_place(x) };
            return;
        }
    }
    x.iter_mut().for_each(|v| *v = gelu(*v));
}

pub(crate) fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

// Abramowitz & Stegun 7.1.26: |error| < 1.5e-7.
const ERF_P: f32 = 0.327_591_1;
const ERF_POLY: [f32; 5] = [
    1.061_405_4,
    -1.453_152_1,
    1.421_413_8,
    -0.284_496_72,
    0.254_829_6,
];

/// Error function in f32: GELU runs it for every feed-forward activation.
pub(crate) fn erf(x: f32) -> f32 {
    let z = x.abs();
    let t = 1.0 / (1.0 + ERF_P * z);
    let mut poly = ERF_POLY[0];
    for c in &ERF_POLY[1..] {
        poly = poly * t + c;
    }
    (1.0 - poly * t * exp(-z * z)).copysign(x)
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::*;
    use std::arch::x86_64::*;

    const LANES: usize = 8;
    const QUERIES: usize = 4;

    /// # Safety
    /// The CPU must support AVX2 and FMA; the head size is a multiple of 8.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn attention(
        q: &[f32],
        k: &[f32],
        v: &[f32],
        ctx: &mut [f32],
        t: usize,
        h: usize,
        heads: usize,
    ) {
        let hd = h / heads;
        let scale = 1.0 / (hd as f32).sqrt();
        // Keys transposed per head, padded to whole vectors with zeros.
        let tp = t.div_ceil(LANES) * LANES;
        let mut keys_t = vec![0f32; hd * tp];
        let mut scores = vec![0f32; QUERIES * tp];
        for head in 0..heads {
            for j in 0..t {
                for e in 0..hd {
                    keys_t[e * tp + j] = k[j * h + head * hd + e];
                }
            }
            let mut i0 = 0;
            while i0 < t {
                let n = QUERIES.min(t - i0);
                let query = |m: usize| &q[(i0 + m) * h + head * hd..][..hd];
                scores_tile(
                    &keys_t,
                    tp,
                    hd,
                    [0, 1, 2, 3].map(|m| query(m.min(n - 1))),
                    &mut scores,
                );
                for m in 0..n {
                    let row = &mut scores[m * tp..(m + 1) * tp];
                    softmax_scaled(row, t, scale);
                }
                for m in 0..n {
                    let out = &mut ctx[(i0 + m) * h + head * hd..][..hd];
                    weighted_values(&scores[m * tp..m * tp + t], v, h, head * hd, out);
                }
                i0 += n;
            }
        }
    }

    /// `scores[m][j] = query[m] · key[j]` for four queries and every key.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn scores_tile(
        keys_t: &[f32],
        tp: usize,
        hd: usize,
        queries: [&[f32]; QUERIES],
        scores: &mut [f32],
    ) {
        let mut j = 0;
        while j < tp {
            let mut acc = [_mm256_setzero_ps(); QUERIES];
            for e in 0..hd {
                // SAFETY: e < hd and j + 8 <= tp: inside the transposed keys.
                let keys = _mm256_loadu_ps(keys_t.as_ptr().add(e * tp + j));
                for (a, query) in acc.iter_mut().zip(&queries) {
                    *a = _mm256_fmadd_ps(_mm256_set1_ps(query[e]), keys, *a);
                }
            }
            for (m, a) in acc.iter().enumerate() {
                // SAFETY: row m of `scores` holds tp values.
                _mm256_storeu_ps(scores.as_mut_ptr().add(m * tp + j), *a);
            }
            j += LANES;
        }
    }

    /// Softmax of `row[..t]·scale` in place; the padding after `t` is ignored.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn softmax_scaled(row: &mut [f32], t: usize, scale: f32) {
        let max = row[..t].iter().fold(f32::NEG_INFINITY, |m, s| m.max(*s));
        let (vmax, vscale) = (_mm256_set1_ps(max), _mm256_set1_ps(scale));
        let mut total = _mm256_setzero_ps();
        let whole = t / LANES * LANES;
        for c in (0..whole).step_by(LANES) {
            // SAFETY: c + 8 <= t <= row.len().
            let p = row.as_mut_ptr().add(c);
            let e = exp8(_mm256_mul_ps(
                _mm256_sub_ps(_mm256_loadu_ps(p), vmax),
                vscale,
            ));
            _mm256_storeu_ps(p, e);
            total = _mm256_add_ps(total, e);
        }
        let mut sum = horizontal_sum(total);
        for s in &mut row[whole..t] {
            *s = exp((*s - max) * scale);
            sum += *s;
        }
        let inverse = 1.0 / sum;
        row[..t].iter_mut().for_each(|s| *s *= inverse);
    }

    /// `out = Σ_j p[j]·v[j]` over one head's slice of the values.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn weighted_values(p: &[f32], v: &[f32], h: usize, offset: usize, out: &mut [f32]) {
        for c in (0..out.len()).step_by(4 * LANES) {
            let width = (out.len() - c).min(4 * LANES) / LANES;
            let mut acc = [_mm256_setzero_ps(); 4];
            for (j, &pj) in p.iter().enumerate() {
                let weight = _mm256_set1_ps(pj);
                let row = v.as_ptr().add(j * h + offset + c);
                for (w, a) in acc.iter_mut().enumerate().take(width) {
                    // SAFETY: c + 8w + 8 <= hd, inside token j's head slice.
                    *a = _mm256_fmadd_ps(weight, _mm256_loadu_ps(row.add(w * LANES)), *a);
                }
            }
            for (w, a) in acc.iter().enumerate().take(width) {
                _mm256_storeu_ps(out.as_mut_ptr().add(c + w * LANES), *a);
            }
        }
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn horizontal_sum(v: __m256) -> f32 {
        let mut lanes = [0f32; LANES];
        _mm256_storeu_ps(lanes.as_mut_ptr(), v);
        lanes.iter().sum()
    }

    /// Eight lanes of [`exp`].
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn exp8(x: __m256) -> __m256 {
        let x = _mm256_min_ps(
            _mm256_max_ps(x, _mm256_set1_ps(EXP_LO)),
            _mm256_set1_ps(EXP_HI),
        );
        let n = _mm256_floor_ps(_mm256_fmadd_ps(
            x,
            _mm256_set1_ps(LOG2E),
            _mm256_set1_ps(0.5),
        ));
        let r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_HI), x);
        let r = _mm256_fnmadd_ps(n, _mm256_set1_ps(LN2_LO), r);
        let mut p = _mm256_set1_ps(EXP_POLY[0]);
        for c in &EXP_POLY[1..] {
            p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(*c));
        }
        let e = _mm256_fmadd_ps(
            p,
            _mm256_mul_ps(r, r),
            _mm256_add_ps(r, _mm256_set1_ps(1.0)),
        );
        let bits = _mm256_slli_epi32(
            _mm256_add_epi32(_mm256_cvttps_epi32(n), _mm256_set1_epi32(127)),
            23,
        );
        _mm256_mul_ps(e, _mm256_castsi256_ps(bits))
    }

    /// # Safety
    /// The CPU must support AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn gelu_in_place(x: &mut [f32]) {
        let mut chunks = x.chunks_exact_mut(LANES);
        let (half, one) = (_mm256_set1_ps(0.5), _mm256_set1_ps(1.0));
        let sign_mask = _mm256_set1_ps(-0.0);
        for chunk in &mut chunks {
            // SAFETY: the chunk holds exactly eight floats.
            let v = _mm256_loadu_ps(chunk.as_ptr());
            let arg = _mm256_mul_ps(v, _mm256_set1_ps(std::f32::consts::FRAC_1_SQRT_2));
            let z = _mm256_andnot_ps(sign_mask, arg);
            let t = _mm256_div_ps(one, _mm256_fmadd_ps(_mm256_set1_ps(ERF_P), z, one));
            let mut poly = _mm256_set1_ps(ERF_POLY[0]);
            for c in &ERF_POLY[1..] {
                poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(*c));
            }
            let gauss = exp8(_mm256_mul_ps(_mm256_sub_ps(_mm256_setzero_ps(), z), z));
            let magnitude = _mm256_fnmadd_ps(_mm256_mul_ps(poly, t), gauss, one);
            let erf = _mm256_or_ps(magnitude, _mm256_and_ps(arg, sign_mask));
            let out = _mm256_mul_ps(_mm256_mul_ps(half, v), _mm256_add_ps(one, erf));
            _mm256_storeu_ps(chunk.as_mut_ptr(), out);
        }
        for v in chunks.into_remainder() {
            *v = gelu(*v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_std_within_float_precision() {
        for i in -2000..=2000 {
            let x = i as f32 * 0.043;
            let (fast, exact) = (exp(x), x.exp());
            assert!(
                (fast - exact).abs() <= 4e-7 * exact,
                "exp({x}): {fast} vs {exact}"
            );
        }
        assert!(exp(-1000.0) < 1e-37 && exp(1000.0).is_finite());
    }

    #[test]
    fn erf_matches_known_values() {
        for (x, want) in [
            (0.0, 0.0),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (-2.0, -0.995_322_3),
        ] {
            assert!((erf(x) - want).abs() < 1e-6, "erf({x})");
        }
    }

    #[test]
    fn vector_gelu_matches_scalar() {
        let mut x: Vec<f32> = (0..203).map(|i| (i as f32 - 101.0) * 0.07).collect();
        let want: Vec<f32> = x.iter().map(|v| gelu(*v)).collect();
        gelu_in_place(&mut x);
        for (a, b) in x.iter().zip(&want) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
    }

    #[test]
    fn blocked_attention_matches_the_reference() {
        // 13 tokens: a query tile tail and a padded key vector.
        for (t, h, heads) in [(13, 64, 2), (1, 32, 1), (8, 48, 3), (21, 32, 4)] {
            let gen = |seed: usize| -> Vec<f32> {
                (0..t * h)
                    .map(|i| (((i * 37 + seed * 11) % 101) as f32 - 50.0) / 25.0)
                    .collect()
            };
            let (q, k, v) = (gen(1), gen(2), gen(3));
            let mut fast = vec![f32::NAN; t * h];
            let mut reference = vec![0f32; t * h];
            attention(&q, &k, &v, &mut fast, t, h, heads);
            attention_portable(&q, &k, &v, &mut reference, t, h, heads);
            for (a, b) in fast.iter().zip(&reference) {
                assert!((a - b).abs() < 1e-4, "t={t} h={h}: {a} vs {b}");
            }
            // Each context row is a convex mix of value rows.
            let (lo, hi) = v
                .iter()
                .fold((f32::MAX, f32::MIN), |(l, u), x| (l.min(*x), u.max(*x)));
            assert!(fast.iter().all(|x| *x >= lo - 1e-4 && *x <= hi + 1e-4));
        }
    }
}
