//! The model's benchmarks: cross-lingual retrieval (`xling`), pair scores against
//! silver labels (`pairs`) and embedding speed (`embed-speed`).

use super::*;

/// One line of a gold set with text.
#[derive(serde::Deserialize)]
struct Row {
    lang: String,
    text: String,
    story: String,
    #[serde(default)]
    published: Option<chrono::DateTime<chrono::Utc>>,
}

/// For each text, is the most similar text in another language from the same story?
/// By raw cosine, by cosine centred on one mean and on each language's mean (as the
/// clusterer centres), how often the story is among the k nearest, and with the
/// clusterer's time weight. Also the model's speed.
pub(super) fn bench_xling(data: &std::path::Path, model_path: &std::path::Path) -> Result<()> {
    let text =
        std::fs::read_to_string(data).with_context(|| format!("reading {}", data.display()))?;
    let rows: Vec<Row> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let started = Instant::now();
    let model = E5Model::load(model_path)?;
    println!(
        "model loaded in {:.2} s, peak RSS {:.0} MiB",
        started.elapsed().as_secs_f64(),
        peak_rss_mib()
    );
    let started = Instant::now();
    let tokens: usize = rows.iter().map(|r| model.token_count(&r.text)).sum();
    let vectors: Vec<Vec<f32>> = rows.iter().map(|r| model.embed_one(&r.text)).collect();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} texts, {tokens} tokens in {secs:.1} s: {:.0} tokens/s, {:.1} texts/s (one thread, integer path)",
        rows.len(),
        tokens as f64 / secs,
        rows.len() as f64 / secs
    );
    let detected: Vec<String> = rows
        .iter()
        .map(|r| storyline_analyze::detect_language(&r.text, None).unwrap_or_else(|| "und".into()))
        .collect();
    let nearest = Nearest::new(&rows);
    nearest.report("raw cosine", &|i, j| cosine(&vectors[i], &vectors[j]));
    let global = centred(&vectors, &|_| String::new());
    nearest.report("centred (global mean)", &|i, j| {
        cosine(&global[i], &global[j])
    });
    let per_language = centred(&vectors, &|i| detected[i].clone());
    let by_language = |i: usize, j: usize| cosine(&per_language[i], &per_language[j]);
    nearest.report("centred per detected language", &by_language);
    for k in [1usize, 3, 5, 10] {
        println!(
            "centred per language: same story among the {k} nearest other-language texts {:.3}",
            nearest.among(k, &by_language)
        );
    }
    let time = storyline_cluster::ClusterConfig::default();
    let time_factor = |i: usize, j: usize| match (rows[i].published, rows[j].published) {
        (Some(a), Some(b)) => {
            time.time_factor((a - b).num_seconds().unsigned_abs() as f64 / 86_400.0)
        }
        _ => 1.0,
    };
    nearest.report(
        "centred per language, (1 + cosine) x time factor",
        &|i, j| (1.0 + by_language(i, j)) * time_factor(i, j),
    );
    Ok(())
}

/// Each vector minus the mean of its group, unit length.
fn centred(vectors: &[Vec<f32>], group: &dyn Fn(usize) -> String) -> Vec<Vec<f32>> {
    let mut sums: HashMap<String, (Vec<f32>, usize)> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        let e = sums.entry(group(i)).or_insert((vec![0.0; v.len()], 0));
        e.0.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        e.1 += 1;
    }
    vectors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (sum, n) = &sums[&group(i)];
            let mut c: Vec<f32> = v.iter().zip(sum).map(|(x, s)| x - s / *n as f32).collect();
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            c.iter_mut().for_each(|x| *x /= norm);
            c
        })
        .collect()
}

/// Nearest other-language texts by a similarity, scored against the gold stories.
struct Nearest<'a> {
    rows: &'a [Row],
    /// Silver labels file one event under several ids (each language's Wikipedia
    /// links its blurb to another article); where two texts are identical their
    /// labels are one event, a second, less noisy reference.
    joined: Vec<String>,
}

impl<'a> Nearest<'a> {
    fn new(rows: &'a [Row]) -> Self {
        let ids: Vec<String> = (0..rows.len()).map(|i| i.to_string()).collect();
        let joined = ceiling::same_text_labels(
            rows.iter()
                .enumerate()
                .map(|(i, r)| (ids[i].as_str(), r.story.as_str(), r.text.as_str())),
        );
        let joined = ids.iter().map(|id| joined[id].clone()).collect();
        Nearest { rows, joined }
    }

    /// Other-language texts, most similar first (a NaN, from a language's only text
    /// centred to nothing, last; ties to the earlier text).
    fn ranked(&self, i: usize, sim: &dyn Fn(usize, usize) -> f32) -> Vec<usize> {
        let mut others: Vec<(f32, usize)> = (0..self.rows.len())
            .filter(|&j| j != i && self.rows[j].lang != self.rows[i].lang)
            .map(|j| {
                (
                    Some(sim(i, j)).filter(|s| !s.is_nan()).unwrap_or(f32::MIN),
                    j,
                )
            })
            .collect();
        others.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        others.into_iter().map(|(_, j)| j).collect()
    }

    /// Share of texts whose story is among their `k` nearest other-language texts.
    fn among(&self, k: usize, sim: &dyn Fn(usize, usize) -> f32) -> f64 {
        let hits = (0..self.rows.len())
            .filter(|&i| {
                self.ranked(i, sim)
                    .iter()
                    .take(k)
                    .any(|&j| self.rows[j].story == self.rows[i].story)
            })
            .count();
        hits as f64 / self.rows.len().max(1) as f64
    }

    fn report(&self, name: &str, sim: &dyn Fn(usize, usize) -> f32) {
        let mut by_script: std::collections::BTreeMap<&'static str, (usize, usize)> =
            Default::default();
        let (mut hits, mut joined_hits, mut total) = (0, 0, 0);
        for (i, row) in self.rows.iter().enumerate() {
            let Some(&j) = self.ranked(i, sim).first() else {
                continue;
            };
            let hit = self.rows[j].story == row.story;
            total += 1;
            hits += usize::from(hit);
            joined_hits += usize::from(self.joined[j] == self.joined[i]);
            let entry = by_script.entry(script_of(&row.text)).or_default();
            entry.0 += usize::from(hit);
            entry.1 += 1;
        }
        let scripts: Vec<String> = by_script
            .iter()
            .map(|(s, (h, t))| format!("{s} {:.3} ({t})", *h as f64 / *t as f64))
            .collect();
        println!(
            "{name}: nearest other-language text in the same story {:.3} ({hits}/{total}); \
             with labels joined where texts are identical {:.3}; by script: {}",
            hits as f64 / total.max(1) as f64,
            joined_hits as f64 / total.max(1) as f64,
            scripts.join(", ")
        );
    }
}

pub(super) fn bench_pairs(
    data: &std::path::Path,
    model_path: &std::path::Path,
    wanted: usize,
    same_language: bool,
) -> Result<()> {
    let reader = IngestConfig::default()
        .build()
        .map_err(anyhow::Error::msg)?;
    let docs: Vec<RawDocument> = reader
        .read_all(&[data.to_path_buf()])
        .collect::<Result<_, _>>()?;
    let gold = load_gold(data)?;
    anyhow::ensure!(gold.len() == docs.len(), "every line must be an article");
    let names = if same_language {
        name_keys(&docs)?
    } else {
        Vec::new()
    };
    let share_a_name = |i: usize, j: usize| names[i].intersection(&names[j]).next().is_some();
    let mut rng = Rng::new(5);
    let (mut positives, mut negatives) = (Vec::new(), Vec::new());
    let mut attempts = 0;
    while (positives.len() < wanted || negatives.len() < wanted) && attempts < wanted * 1000 {
        attempts += 1;
        let (i, j) = (rng.below(gold.len()), rng.below(gold.len()));
        if i == j || (gold[i].lang == gold[j].lang) != same_language {
            continue;
        }
        if gold[i].story == gold[j].story {
            if positives.len() < wanted {
                positives.push((i, j));
            }
        } else if negatives.len() < wanted && (!same_language || share_a_name(i, j)) {
            negatives.push((i, j));
        }
    }
    let embedder: Option<Arc<dyn Embedder>> = E5Model::load(model_path)
        .ok()
        .map(|m| Arc::new(m) as Arc<dyn Embedder>);
    let with_model = embedder.is_some();
    let scorer = PairScorer::new(&EngineConfig::default(), embedder);
    let mut pairs = Vec::new();
    let mut labels = Vec::new();
    for (label, set) in [(1.0, &positives), (0.0, &negatives)] {
        for &(i, j) in set {
            pairs.push(Ok((docs[i].clone(), docs[j].clone())));
            labels.push(label);
        }
    }
    let scores = scorer
        .score_all(pairs)
        .into_iter()
        .map(|s| s.map(|s| f64::from(s.score)))
        .collect::<Result<Vec<f64>, _>>()?;
    println!(
        "{} positive and {} negative {} pairs, model {}: Pearson r = {:.3}, Spearman rho = {:.3}",
        positives.len(),
        negatives.len(),
        if same_language {
            "same-language (negatives sharing a name)"
        } else {
            "cross-language"
        },
        if with_model { "on" } else { "off" },
        pearson(&scores, &labels),
        spearman(&scores, &labels)
    );
    Ok(())
}

/// Each document's cross-script name keys.
fn name_keys(docs: &[RawDocument]) -> Result<Vec<std::collections::HashSet<String>>> {
    let processor = Processor::new(&EngineConfig::default());
    docs.iter()
        .map(|d| {
            let analysed = processor.process(d.clone())?;
            Ok(analysed.entities.into_iter().flat_map(|e| e.keys).collect())
        })
        .collect()
}

pub(super) fn bench_embed_speed(
    model_path: &std::path::Path,
    count: usize,
    only: Option<&str>,
) -> Result<()> {
    let precisions: Vec<Precision> = match only {
        None => vec![Precision::F32, Precision::Int8],
        Some(name) if name.eq_ignore_ascii_case("f32") => vec![Precision::F32],
        Some(name) if name.eq_ignore_ascii_case("int8") => vec![Precision::Int8],
        Some(other) => anyhow::bail!("--only takes f32 or int8, not {other:?}"),
    };
    let mut rng = Rng::new(99);
    let article = |rng: &mut Rng, outlet: usize| {
        let event = Event::random(rng);
        LANGUAGES
            .iter()
            .map(|lang| report(&event, lang, outlet))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let leads: Vec<String> = (0..count)
        .map(|i| {
            let e = Event::random(&mut rng);
            report(&e, LANGUAGES[i % LANGUAGES.len()], i)
        })
        .collect();
    let long: Vec<String> = (0..count).map(|i| article(&mut rng, i)).collect();
    for precision in precisions {
        let started = Instant::now();
        let model = E5Model::load_with(model_path, precision)?;
        let load = started.elapsed().as_secs_f64();
        for (name, texts, cap) in [("leads", &leads, 64usize), ("articles", &long, 512)] {
            let texts: Vec<String> = texts
                .iter()
                .map(|t| truncate_tokens(&model, t, cap))
                .collect();
            let tokens: usize = texts.iter().map(|t| model.token_count(t)).sum();
            let started = Instant::now();
            for t in &texts {
                let _ = model.embed_one(t);
            }
            let secs = started.elapsed().as_secs_f64();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let started = Instant::now();
            let _ = model.embed(&refs);
            let batch_secs = started.elapsed().as_secs_f64();
            println!(
                "{precision:?} {name:>8}: {:.0} tokens/text; one thread {:.0} tokens/s ({:.1} texts/s); all cores {:.0} tokens/s ({:.1} texts/s)",
                tokens as f64 / texts.len() as f64,
                tokens as f64 / secs,
                texts.len() as f64 / secs,
                tokens as f64 / batch_secs,
                texts.len() as f64 / batch_secs
            );
        }
        println!(
            "{precision:?}: load {load:.2} s, peak RSS so far {:.0} MiB",
            peak_rss_mib()
        );
    }
    Ok(())
}

/// The longest prefix of `text` (by words) that stays within `cap` model tokens.
fn truncate_tokens(model: &E5Model, text: &str, cap: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (mut lo, mut hi) = (1, words.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if model.token_count(&words[..mid].join(" ")) <= cap {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    words[..lo].join(" ")
}

/// The dominant script of a text, for per-script reporting.
fn script_of(text: &str) -> &'static str {
    let mut counts: HashMap<&'static str, usize> = HashMap::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let s = match c as u32 {
            0x0000..=0x024F => "Latin",
            0x0370..=0x03FF => "Greek",
            0x0400..=0x052F => "Cyrillic",
            0x0530..=0x058F => "Armenian",
            0x0590..=0x05FF => "Hebrew",
            0x0600..=0x06FF | 0x0750..=0x077F => "Arabic",
            0x0900..=0x0DFF => "Indic",
            0x0E00..=0x0E7F => "Thai",
            0x10A0..=0x10FF => "Georgian",
            0x1100..=0x11FF | 0xAC00..=0xD7AF => "Hangul",
            0x3040..=0x30FF => "Kana",
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => "Han",
            _ => "other",
        };
        *counts.entry(s).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or("other", |(s, _)| s)
}
