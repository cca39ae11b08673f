//! One key per real entity within a run: the same person, organisation or place
//! gets the same key across articles, spellings, inflections and scripts, and two
//! people who share a surname do not.
//!
//! A name's words are reduced to cross-script keys ([`crate::names::name_key`]); a
//! name is filed under the key of its last word (the surname; `Зеленського`,
//! `Zelenskyy` and `Zelensky` all give `zlnsk`). Full names under one surname key
//! are told apart by their first word's key (Hillary / Bill Clinton); a surname
//! alone goes to the first full name filed under it, or stands for itself.

use std::collections::HashMap;

use crate::entities::Entity;

#[derive(Debug, Default)]
pub struct EntityLinker {
    /// Surname key → (first-word key of a full name, its entity key), first filed first.
    by_last: HashMap<String, Vec<(Option<String>, String)>>,
}

impl EntityLinker {
    pub fn new() -> Self {
        Self::default()
    }

    /// The entity key of a name; `None` when no word of it carries a key.
    pub fn key(&mut self, entity: &Entity) -> Option<String> {
        let last = entity.keys.last()?.clone();
        let first = (entity.keys.len() >= 2).then(|| entity.keys[0].clone());
        let filed = self.by_last.entry(last.clone()).or_default();
        let Some(first) = first else {
            return Some(
                filed
                    .first()
                    .map_or_else(|| last.clone(), |(_, key)| key.clone()),
            );
        };
        if let Some((_, key)) = filed
            .iter()
            .find(|(f, _)| f.as_deref().is_some_and(|f| same_first_name(f, &first)))
        {
            return Some(key.clone());
        }
        // The first full name under a surname takes the surname's own key (so earlier
        // mentions of the surname alone are already its); later ones their own.
        let key = match filed.iter().position(|(f, _)| f.is_none()) {
            Some(bare) => {
                let key = filed[bare].1.clone();
                filed[bare].0 = Some(first);
                return Some(key);
            }
            None if filed.is_empty() => last.clone(),
            None => format!("{last}/{first}"),
        };
        filed.push((Some(first), key.clone()));
        Some(key)
    }
}

/// Whether two first-name keys can be one name: their first sounds agree (Ilse /
/// Ільзе, whose later consonants differ by script: `ls` / `lz`); Hillary and Bill
/// do not.
fn same_first_name(a: &str, b: &str) -> bool {
    a == b || a.trim_start_matches('=').chars().next() == b.trim_start_matches('=').chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;
    use crate::names::name_key;

    fn entity(text: &str) -> Entity {
        Entity {
            text: text.into(),
            keys: text.split_whitespace().filter_map(name_key).collect(),
            count: 1,
            kind: EntityKind::Other,
        }
    }

    #[test]
    fn spellings_and_scripts_meet_and_namesakes_stay_apart() {
        let mut linker = EntityLinker::new();
        let zelensky = linker.key(&entity("Zelensky"));
        assert_eq!(linker.key(&entity("Volodymyr Zelenskyy")), zelensky);
        assert_eq!(linker.key(&entity("Зеленського")), zelensky);
        assert_eq!(linker.key(&entity("Володимир Зеленський")), zelensky);
        let hillary = linker.key(&entity("Hillary Clinton"));
        let bill = linker.key(&entity("Bill Clinton"));
        assert_ne!(hillary, bill);
        assert_eq!(linker.key(&entity("Clinton")), hillary, "the first filed");
        assert_eq!(linker.key(&entity("Bill Clinton")), bill);
        let ilse = linker.key(&entity("Ilse Brandvold"));
        assert_eq!(linker.key(&entity("Ільзе Брандвольд")), ilse);
        assert_eq!(linker.key(&entity("!")), None);
    }
}
