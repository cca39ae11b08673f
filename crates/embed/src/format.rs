//! The E5S1 model file: a header of dimensions, the SentencePiece-unigram vocabulary
//! with its normalisation map, a tensor directory, then the tensors (f32, or Q4_0
//! blocks of 32 weights: an f16 scale and 16 bytes of nibbles). Every read is
//! bounds-checked: a truncated or corrupt file is an error, never a panic.

use std::collections::HashMap;

use crate::EmbedError;

pub(crate) const MAGIC: &[u8; 4] = b"E5S1";
pub(crate) const Q4_BLOCK: usize = 32;
pub(crate) const Q4_BLOCK_BYTES: usize = 18;

/// Model dimensions from the header.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dims {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ffn: usize,
    pub vocab: usize,
    pub max_positions: usize,
    pub token_types: usize,
    pub eps: f32,
}

/// The tokenizer tables as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct VocabTables {
    pub pieces: Vec<String>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub pad: u32,
    pub unk: u32,
    /// Code point → replacement code points (the normaliser).
    pub normalisation: HashMap<u32, Vec<u32>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DType {
    F32,
    Q4,
}

/// Where a tensor lives in the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TensorRef {
    pub dtype: DType,
    /// Number of weights.
    pub len: usize,
    pub offset: usize,
}

pub(crate) struct Parsed {
    pub dims: Dims,
    pub vocab: VocabTables,
    pub tensors: HashMap<String, TensorRef>,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], EmbedError> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or(EmbedError::Corrupt(format!(
            "truncated while reading {what}"
        )))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, EmbedError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, EmbedError> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, EmbedError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn i32(&mut self, what: &'static str) -> Result<i32, EmbedError> {
        Ok(self.u32(what)? as i32)
    }

    fn count(&mut self, what: &'static str, max: usize) -> Result<usize, EmbedError> {
        let v = self.i32(what)?;
        usize::try_from(v)
            .ok()
            .filter(|n| *n <= max)
            .ok_or_else(|| EmbedError::Corrupt(format!("implausible {what}: {v}")))
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, EmbedError> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn f32(&mut self, what: &'static str) -> Result<f32, EmbedError> {
        Ok(f32::from_bits(self.u32(what)?))
    }
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, EmbedError> {
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        return Err(EmbedError::Corrupt(
            "not an E5S1 model file (bad magic)".into(),
        ));
    }
    let mut c = Cursor { bytes, pos: 4 };
    let version = c.u32("version")?;
    if version != 1 {
        return Err(EmbedError::Corrupt(format!(
            "unsupported E5S1 version {version}"
        )));
    }
    let dims = read_dims(&mut c)?;
    let vocab = read_vocab(&mut c)?;
    let tensors = read_directory(&mut c, bytes.len())?;
    Ok(Parsed {
        dims,
        vocab,
        tensors,
    })
}

fn read_dims(c: &mut Cursor) -> Result<Dims, EmbedError> {
    let hidden = c.count("hidden size", 1 << 16)?;
    let layers = c.count("layer count", 256)?;
    let heads = c.count("head count", 1024)?;
    let ffn = c.count("feed-forward size", 1 << 18)?;
    let vocab = c.count("vocabulary size", 1 << 24)?;
    let max_positions = c.count("max positions", 1 << 16)?;
    let token_types = c.count("token types", 1 << 8)?;
    let eps = c.f32("layer-norm epsilon")?;
    let block = c.count("quantisation block", 1 << 10)?;
    let ok = hidden > 0
        && heads > 0
        && hidden % heads == 0
        && hidden % Q4_BLOCK == 0
        && ffn % Q4_BLOCK == 0
        && block == Q4_BLOCK
        && max_positions > 2
        && token_types > 0
        && eps.is_finite();
    if !ok {
        return Err(EmbedError::Corrupt(format!(
            "inconsistent dimensions: hidden {hidden}, heads {heads}, ffn {ffn}, block {block}"
        )));
    }
    Ok(Dims {
        hidden,
        layers,
        heads,
        ffn,
        vocab,
        max_positions,
        token_types,
        eps,
    })
}

fn read_vocab(c: &mut Cursor) -> Result<VocabTables, EmbedError> {
    let n = c.count("piece count", 1 << 24)?;
    let ids: Vec<u32> = (0..4)
        .map(|_| {
            c.count("special token id", n.saturating_sub(1))
                .map(|v| v as u32)
        })
        .collect::<Result<_, _>>()?;
    let blob_len = usize::try_from(c.u64("piece blob length")?)
        .map_err(|_| EmbedError::Corrupt("piece blob too large".into()))?;
    let offsets: Vec<usize> = c
        .take((n + 1) * 4, "piece offsets")?
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let scores: Vec<f32> = c
        .take(n * 4, "piece scores")?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let blob = c.take(blob_len, "piece bytes")?;
    let mut pieces = Vec::with_capacity(n);
    for w in offsets.windows(2) {
        let (a, b) = (w[0], w[1]);
        let bytes = blob
            .get(a..b)
            .ok_or_else(|| EmbedError::Corrupt("piece offset out of range".into()))?;
        pieces.push(String::from_utf8_lossy(bytes).into_owned());
    }
    let normalisation = read_normalisation(c)?;
    Ok(VocabTables {
        pieces,
        scores,
        bos: ids[0],
        eos: ids[1],
        pad: ids[2],
        unk: ids[3],
        normalisation,
    })
}

fn read_normalisation(c: &mut Cursor) -> Result<HashMap<u32, Vec<u32>>, EmbedError> {
    let n = c.count("normalisation entries", 1 << 22)?;
    let len = c.u32("normalisation bytes")? as usize;
    let mut table = Cursor {
        bytes: c.take(len, "normalisation map")?,
        pos: 0,
    };
    let mut map = HashMap::with_capacity(n);
    for _ in 0..n {
        let cp = table.u32("normalised code point")?;
        let outs = table.u8("replacement length")?;
        let replacement = (0..outs)
            .map(|_| table.u32("replacement code point"))
            .collect::<Result<Vec<_>, _>>()?;
        map.insert(cp, replacement);
    }
    Ok(map)
}

fn read_directory(
    c: &mut Cursor,
    file_len: usize,
) -> Result<HashMap<String, TensorRef>, EmbedError> {
    let n = c.count("tensor count", 1 << 16)?;
    let mut tensors = HashMap::with_capacity(n);
    for _ in 0..n {
        let name_len = c.u16("tensor name length")? as usize;
        let name = String::from_utf8_lossy(c.take(name_len, "tensor name")?).into_owned();
        let dtype = match c.u8("tensor type")? {
            0 => DType::F32,
            1 => DType::Q4,
            other => {
                return Err(EmbedError::Corrupt(format!(
                    "tensor {name}: unknown type {other}"
                )))
            }
        };
        let len = c.u32("tensor length")? as usize;
        let offset = usize::try_from(c.u64("tensor offset")?).unwrap_or(usize::MAX);
        let _stored_bytes = c.u64("tensor byte size")?;
        let bytes = match dtype {
            DType::F32 => len * 4,
            DType::Q4 => len / Q4_BLOCK * Q4_BLOCK_BYTES,
        };
        if (dtype == DType::Q4 && !len.is_multiple_of(Q4_BLOCK))
            || offset.checked_add(bytes).is_none_or(|end| end > file_len)
        {
            return Err(EmbedError::Corrupt(format!(
                "tensor {name} lies outside the file"
            )));
        }
        tensors.insert(name, TensorRef { dtype, len, offset });
    }
    Ok(tensors)
}
