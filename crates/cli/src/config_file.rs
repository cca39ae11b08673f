//! The configuration file: the engine's sections (`ingest`, `extract`, `analyze`,
//! `cluster`), the server's (`server`) and the watcher's (`watch`), in TOML (`.toml`) or JSON (any other
//! name). `storyline config --defaults` writes every setting with its default and
//! the documentation of each, as a file to edit.

use std::path::Path;

use anyhow::{Context, Result};
use schemars::{schema_for, Schema};
use serde::Serialize;
use serde_json::Value;
use storyline_engine::EngineConfig;
use storyline_fetch::WatchConfig;
use storyline_server::ServeConfig;
use toml_edit::{DocumentMut, Item, Table};

/// Every section of the file.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Sections {
    #[serde(flatten)]
    pub engine: EngineConfig,
    pub server: ServeConfig,
    pub watch: WatchConfig,
}

/// Takes the section `name` out of the file's value (its defaults when absent).
fn section<T: serde::de::DeserializeOwned + Default>(value: &mut Value, name: &str) -> Result<T> {
    match value.as_object_mut().and_then(|o| o.remove(name)) {
        Some(section) => {
            serde_json::from_value(section).with_context(|| format!("section [{name}]"))
        }
        None => Ok(T::default()),
    }
}

/// Reads a configuration file; every key must be known and every value valid.
pub(crate) fn load(path: &Path) -> Result<Sections> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read config {}", path.display()))?;
    let invalid = || format!("invalid config {}", path.display());
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let mut value: Value = if is_toml {
        toml::from_str(&text).with_context(invalid)?
    } else {
        serde_json::from_str(&text).with_context(invalid)?
    };
    let server = section(&mut value, "server").with_context(invalid)?;
    let watch: WatchConfig = section(&mut value, "watch").with_context(invalid)?;
    watch
        .clone()
        .build()
        .map_err(anyhow::Error::msg)
        .with_context(invalid)?;
    let engine: EngineConfig = serde_json::from_value(value).with_context(invalid)?;
    engine.cluster.validate().with_context(invalid)?;
    Ok(Sections {
        engine,
        server,
        watch,
    })
}

/// Every section as a TOML file, each section and setting preceded by its documentation.
pub(crate) fn to_toml(sections: &Sections) -> Result<String> {
    let text = toml::to_string(sections).context("configuration as TOML")?;
    let mut doc: DocumentMut = text.parse().context("configuration as TOML")?;
    let engine_schema = schema_for!(EngineConfig);
    annotate(doc.as_table_mut(), &engine_schema, engine_schema.as_value());
    let server_schema = schema_for!(ServeConfig);
    for (name, schema) in [
        ("server", &server_schema),
        ("watch", &schema_for!(WatchConfig)),
    ] {
        if let Some(table) = doc.get_mut(name).and_then(Item::as_table_mut) {
            let description = describe(schema.as_value());
            table.decor_mut().set_prefix(comment(&description, true));
            annotate(table, schema, schema.as_value());
        }
    }
    let header = "# storyline configuration: every setting with its default.\n\
                  # Use it with `storyline --config storyline.toml …`; delete what you do not change.\n";
    // `[server]`'s settings without a value (options with no default) follow the
    // file, commented out under a table header of their own.
    let unset = unset_settings(doc.get("server").and_then(Item::as_table), &server_schema);
    let unset = if unset.is_empty() {
        unset
    } else {
        format!("\n# [server] settings with no default:{unset}")
    };
    Ok(format!("{header}{doc}{unset}"))
}

/// Settings a table leaves out (options with no default), as commented lines.
fn unset_settings(table: Option<&Table>, schema: &Schema) -> String {
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return String::new();
    };
    let mut out = String::new();
    for (key, property) in properties {
        if table.is_some_and(|t| t.contains_key(key)) {
            continue;
        }
        out.push_str(&comment(&describe(property), false));
        out.push_str(&format!("# {key} = \"\"\n"));
    }
    out
}

/// Writes each key's description (and each sub-table's) as comments above it.
fn annotate(table: &mut Table, root: &Schema, schema: &Value) {
    let properties = schema.get("properties").and_then(Value::as_object);
    for (mut key, item) in table.iter_mut() {
        let Some(property) = properties.and_then(|p| p.get(key.get())) else {
            continue;
        };
        let target = resolve(root, property);
        match item {
            Item::Table(sub) => {
                let description = describe(property).or_else(|| describe(target));
                sub.decor_mut().set_prefix(comment(&description, true));
                annotate(sub, root, target);
            }
            _ => {
                let description = describe(property);
                key.leaf_decor_mut()
                    .set_prefix(comment(&description, false));
            }
        }
    }
}

/// A `$ref` to a definition, followed.
fn resolve<'a>(root: &'a Schema, property: &'a Value) -> &'a Value {
    property
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.as_value().get("$defs")?.get(name))
        .unwrap_or(property)
}

fn describe(schema: &Value) -> Option<String> {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// A description as `#` lines (a blank line before each table).
fn comment(description: &Option<String>, table: bool) -> String {
    let mut out = String::from("\n");
    if let Some(text) = description {
        for line in text.lines() {
            out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
        }
    }
    if !table && description.is_none() {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_file_reads_back_as_the_defaults() {
        let text = to_toml(&Sections::default()).unwrap();
        assert!(text.contains("\n[cluster]"), "{text}");
        assert!(text.contains("# Minimum score to join a story"), "{text}");
        assert!(text.contains("\n[server]"), "{text}");
        assert!(text.contains("\n[watch]"), "{text}");
        assert!(text.contains("# Requests at once to one host."), "{text}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("storyline.toml");
        std::fs::write(&path, &text).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded.engine, EngineConfig::default());
        assert_eq!(loaded.server, ServeConfig::default());
        assert_eq!(loaded.watch, WatchConfig::default());
    }

    #[test]
    fn a_bad_value_or_key_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "[cluster]\nmerge_threshold = 7.0\n").unwrap();
        let err = format!("{:#}", load(&path).unwrap_err());
        assert!(err.contains("cluster.merge_threshold = 7"), "{err}");
        std::fs::write(&path, "[cluster]\nthreshhold = 0.3\n").unwrap();
        let err = format!("{:#}", load(&path).unwrap_err());
        assert!(err.contains("threshhold"), "{err}");
        std::fs::write(&path, "[watch]\nhost_concurrency = 0\n").unwrap();
        let err = format!("{:#}", load(&path).unwrap_err());
        assert!(err.contains("watch.host_concurrency"), "{err}");
    }
}
