//! How far a gold set's own labels let a text-only clusterer go. Silver labels can
//! file the same text under two stories (itn-dev: one Nobel blurb under each
//! laureate's id); a clusterer that reads text must put identical texts together, so
//! the labels with those stories joined are the best prediction it can make.

use std::collections::HashMap;

/// One label per id: the gold story, with stories joined wherever two articles have
/// the same text once lower-cased, bracketed asides (`(pictured)`) dropped and only
/// letters and digits kept.
pub fn same_text_labels<'a>(
    items: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
) -> HashMap<String, String> {
    let mut sets = UnionFind::default();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut ids = Vec::new();
    for (id, story, text) in items {
        let node = sets.node(&format!("id:{id}"));
        let label = sets.node(&format!("story:{story}"));
        sets.join(node, label);
        let key = normalised(text);
        if let Some(earlier) = by_text.get(&key) {
            sets.join(node, *earlier);
        }
        by_text.insert(key, node);
        ids.push((id.to_string(), node));
    }
    ids.into_iter()
        .map(|(id, node)| (id, format!("set{}", sets.root(node))))
        .collect()
}

fn normalised(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

#[derive(Default)]
struct UnionFind {
    parent: Vec<usize>,
    names: HashMap<String, usize>,
}

impl UnionFind {
    fn node(&mut self, name: &str) -> usize {
        if let Some(n) = self.names.get(name) {
            return *n;
        }
        let n = self.parent.len();
        self.parent.push(n);
        self.names.insert(name.to_string(), n);
        n
    }

    fn root(&mut self, mut n: usize) -> usize {
        while self.parent[n] != n {
            self.parent[n] = self.parent[self.parent[n]];
            n = self.parent[n];
        }
        n
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        self.parent[ra] = rb;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_join_their_stories_and_nothing_else_does() {
        let items = [
            ("a", "Q1", "Nobel prize in physics to A, B and C."),
            (
                "b",
                "Q2",
                "Nobel Prize in Physics to A, B and C (pictured).",
            ),
            ("c", "Q2", "C thanks the committee."),
            ("d", "Q3", "An earthquake strikes the coast."),
            ("e", "Q3", "A second report of the earthquake."),
        ];
        let labels = same_text_labels(items);
        assert_eq!(labels["a"], labels["b"]);
        assert_eq!(labels["a"], labels["c"], "b's story comes along");
        assert_ne!(labels["a"], labels["d"]);
        assert_eq!(labels["d"], labels["e"]);
    }
}
