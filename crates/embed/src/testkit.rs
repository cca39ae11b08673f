//! Builds small but complete E5S1 files in memory, so tests need no download: the
//! same layout as the real model, with deterministic pseudo-random weights.

use crate::format::{MAGIC, Q4_BLOCK};

/// Pieces of the tiny vocabulary with their scores; ids are positions.
pub const TINY_PIECES: &[(&str, f32)] = &[
    ("<s>", 0.0),
    ("<pad>", 0.0),
    ("</s>", 0.0),
    ("<unk>", 0.0),
    ("\u{2581}", -3.0),
    ("\u{2581}a", -2.0),
    ("b", -2.0),
    ("\u{2581}ab", -1.0),
    ("c", -4.0),
    ("\u{2581}query", -1.5),
    (":", -2.5),
    ("\u{2581}river", -1.0),
    ("\u{2581}rose", -1.0),
    ("\u{2581}fell", -1.0),
    ("\u{2581}the", -1.0),
    ("\u{2581}рік", -1.0),
];

/// Dimensions of the tiny model.
pub const TINY_HIDDEN: usize = 32;
pub const TINY_LAYERS: usize = 2;
pub const TINY_HEADS: usize = 2;
pub const TINY_FFN: usize = 64;
pub const TINY_POSITIONS: usize = 16;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 40) as f32 / (1u64 << 24) as f32) - 0.5
    }
}

fn f32_to_f16(x: f32) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xFF) as i32 - 127 + 15;
    let man = (bits >> 13) & 0x3FF;
    if x == 0.0 || exp <= 0 {
        return sign;
    }
    if exp >= 31 {
        return sign | 0x7C00;
    }
    sign | ((exp as u16) << 10) | man as u16
}

fn q4(values: &[f32]) -> Vec<u8> {
    let mut out = Vec::new();
    for block in values.chunks(Q4_BLOCK) {
        let max = block.iter().fold(0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 7.0 } else { 1.0 };
        let half = f32_to_f16(scale);
        out.extend_from_slice(&half.to_le_bytes());
        let nib = |v: f32| ((v / scale).round() as i32 + 8).clamp(0, 15) as u8;
        for j in 0..16 {
            out.push(nib(block[j]) | (nib(block[j + 16]) << 4));
        }
    }
    out
}

/// A complete tiny E5S1 file; `seed` varies the weights.
pub fn tiny_model(seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    let (h, ff, voc) = (TINY_HIDDEN, TINY_FFN, TINY_PIECES.len());
    let mut tensors: Vec<(String, u8, usize, Vec<u8>)> = Vec::new();
    let mut random =
        |n: usize, scale: f32| -> Vec<f32> { (0..n).map(|_| rng.next() * scale).collect() };
    let f32s = |v: &[f32]| v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
    tensors.push(("emb.word".into(), 1, voc * h, q4(&random(voc * h, 1.0))));
    tensors.push((
        "emb.pos".into(),
        0,
        TINY_POSITIONS * h,
        f32s(&random(TINY_POSITIONS * h, 0.2)),
    ));
    tensors.push(("emb.type".into(), 0, 2 * h, f32s(&random(2 * h, 0.1))));
    tensors.push(("emb.ln.w".into(), 0, h, f32s(&vec![1.0; h])));
    tensors.push(("emb.ln.b".into(), 0, h, f32s(&vec![0.0; h])));
    for l in 0..TINY_LAYERS {
        for (name, rows, cols) in [
            ("q", h, h),
            ("k", h, h),
            ("v", h, h),
            ("ao", h, h),
            ("fi", ff, h),
            ("fo", h, ff),
        ] {
            tensors.push((
                format!("l{l}.{name}.w"),
                1,
                rows * cols,
                q4(&random(rows * cols, 0.5)),
            ));
            tensors.push((format!("l{l}.{name}.b"), 0, rows, f32s(&random(rows, 0.1))));
        }
        for name in ["aln", "oln"] {
            tensors.push((format!("l{l}.{name}.w"), 0, h, f32s(&vec![1.0; h])));
            tensors.push((format!("l{l}.{name}.b"), 0, h, f32s(&vec![0.0; h])));
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&1u32.to_le_bytes());
    for v in [h, TINY_LAYERS, TINY_HEADS, ff, voc, TINY_POSITIONS, 2] {
        out.extend_from_slice(&(v as i32).to_le_bytes());
    }
    out.extend_from_slice(&1e-12f32.to_le_bytes());
    out.extend_from_slice(&(Q4_BLOCK as i32).to_le_bytes());
    // Vocabulary.
    out.extend_from_slice(&(voc as i32).to_le_bytes());
    for id in [0i32, 2, 1, 3] {
        out.extend_from_slice(&id.to_le_bytes());
    }
    let blob: Vec<u8> = TINY_PIECES.iter().flat_map(|(p, _)| p.bytes()).collect();
    out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
    let mut offset = 0u32;
    out.extend_from_slice(&offset.to_le_bytes());
    for (p, _) in TINY_PIECES {
        offset += p.len() as u32;
        out.extend_from_slice(&offset.to_le_bytes());
    }
    for (_, s) in TINY_PIECES {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out.extend_from_slice(&blob);
    // Normalisation: no-break space → space; full-width A → a.
    let mut norm = Vec::new();
    for (cp, to) in [(0xA0u32, 0x20u32), (0xFF21, 0x61)] {
        norm.extend_from_slice(&cp.to_le_bytes());
        norm.push(1);
        norm.extend_from_slice(&to.to_le_bytes());
    }
    out.extend_from_slice(&2i32.to_le_bytes());
    out.extend_from_slice(&(norm.len() as u32).to_le_bytes());
    out.extend_from_slice(&norm);
    // Directory, then data.
    out.extend_from_slice(&(tensors.len() as i32).to_le_bytes());
    let dir_size: usize = tensors
        .iter()
        .map(|(n, ..)| 2 + n.len() + 1 + 4 + 8 + 8)
        .sum();
    let mut data_offset = out.len() + dir_size;
    for (name, dtype, len, bytes) in &tensors {
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.push(*dtype);
        out.extend_from_slice(&(*len as u32).to_le_bytes());
        out.extend_from_slice(&(data_offset as u64).to_le_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        data_offset += bytes.len();
    }
    for (_, _, _, bytes) in &tensors {
        out.extend_from_slice(bytes);
    }
    out
}
