//! The OpenAPI 3.1 document at `/api/openapi.json`, generated. Each API route is
//! declared once, in `endpoints.rs`: method, path, handler, parameters and the Rust
//! types it answers with. The router is built from those declarations and the
//! schemas come from the types themselves (`schemars`, the derive the config files
//! use; doc comments become descriptions), so the document says what the server
//! does and cannot drift from it.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// A schema for a type, added to the document's components as needed.
pub(crate) type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

/// The schema of `T` (a `$ref` to its component when it has a name).
pub(crate) fn schema_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// One parameter of an operation.
pub(crate) enum Param {
    /// A path segment, e.g. `{id}`.
    Path {
        name: &'static str,
        description: &'static str,
        schema: Value,
    },
    /// One query parameter.
    Query {
        name: &'static str,
        description: &'static str,
        schema: Value,
    },
    /// Every field of a query-parameter type, as the handler decodes it.
    QueryOf(SchemaFn),
}

/// One answer an operation can give.
pub(crate) struct Answer {
    pub status: u16,
    pub description: &'static str,
    /// The JSON body; `None` for errors, which all share the `Error` schema.
    pub body: Option<SchemaFn>,
}

/// What an operation takes and answers.
pub(crate) struct Operation {
    pub summary: &'static str,
    pub params: Vec<Param>,
    /// The request body's media types and schemas.
    pub request: Option<Value>,
    pub answers: Vec<Answer>,
}

impl Operation {
    pub(crate) fn new(summary: &'static str) -> Self {
        Operation {
            summary,
            params: Vec::new(),
            request: None,
            answers: Vec::new(),
        }
    }

    pub(crate) fn param(mut self, param: Param) -> Self {
        self.params.push(param);
        self
    }

    /// Answers `status` with a `T`.
    pub(crate) fn answer<T: JsonSchema>(mut self, status: u16, description: &'static str) -> Self {
        self.answers.push(Answer {
            status,
            description,
            body: Some(schema_of::<T>),
        });
        self
    }

    /// May fail with `status` (an `Error` body).
    pub(crate) fn error(mut self, status: u16, description: &'static str) -> Self {
        self.answers.push(Answer {
            status,
            description,
            body: None,
        });
        self
    }
}

/// The error body every failing request gets.
#[derive(serde::Serialize, JsonSchema)]
pub(crate) struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(serde::Serialize, JsonSchema)]
pub(crate) struct ErrorDetail {
    /// What kind of error: one per row of the status table.
    #[schemars(extend("enum" = crate::error::codes()))]
    pub code: &'static str,
    /// What was wrong, for a person.
    pub message: String,
}

/// The document for `operations`, given as (method, path, operation).
pub(crate) fn document<'a>(
    operations: impl IntoIterator<Item = (&'static str, &'static str, &'a Operation)>,
) -> Value {
    let mut answers = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .for_serialize()
        .into_generator();
    let mut params = SchemaSettings::draft2020_12()
        .with(|s| {
            s.inline_subschemas = true;
            s.meta_schema = None;
        })
        .into_generator();
    let error = answers.subschema_for::<ErrorBody>();
    let mut paths = Map::new();
    for (method, path, op) in operations {
        let entry = paths.entry(path).or_insert_with(|| json!({}));
        entry[method] = operation(op, &mut answers, &mut params, &error);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "storyline API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories built from multilingual news. Reads are open; writes \
                need a bearer token and are processed by a task queue. Errors answer \
                {\"error\": {\"code\", \"message\"}}.",
        },
        "paths": paths,
        "components": { "schemas": answers.take_definitions(true) },
    })
}

fn operation(
    op: &Operation,
    answers: &mut SchemaGenerator,
    params: &mut SchemaGenerator,
    error: &Schema,
) -> Value {
    let mut responses = Map::new();
    for a in &op.answers {
        let schema = match a.body {
            Some(f) => f(answers),
            None => error.clone(),
        };
        responses.insert(
            a.status.to_string(),
            json!({
                "description": a.description,
                "content": { "application/json": { "schema": schema } },
            }),
        );
    }
    let mut out = json!({ "summary": op.summary, "responses": responses });
    let parameters: Vec<Value> = op
        .params
        .iter()
        .flat_map(|p| parameters(p, params))
        .collect();
    if !parameters.is_empty() {
        out["parameters"] = Value::Array(parameters);
    }
    if let Some(body) = &op.request {
        out["requestBody"] = body.clone();
    }
    out
}

fn parameters(param: &Param, generator: &mut SchemaGenerator) -> Vec<Value> {
    match param {
        Param::Path {
            name,
            description,
            schema,
        } => vec![json!({
            "name": name, "in": "path", "required": true,
            "description": description, "schema": schema,
        })],
        Param::Query {
            name,
            description,
            schema,
        } => vec![json!({
            "name": name, "in": "query", "description": description, "schema": schema,
        })],
        Param::QueryOf(f) => query_fields(f(generator).as_value()),
    }
}

/// A query-parameter type's fields as parameters: each field's description moves
/// from its schema to the parameter.
fn query_fields(schema: &Value) -> Vec<Value> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = schema["properties"].as_object() else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, field)| {
            let mut field = field.clone();
            // An absent parameter is not a null one.
            if let Some(types) = field["type"].as_array() {
                let kept: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
                field["type"] = match kept.as_slice() {
                    [one] => one.clone(),
                    _ => Value::Array(kept),
                };
            }
            let description = field
                .as_object_mut()
                .and_then(|f| f.remove("description"))
                .unwrap_or(Value::Null);
            let mut p = json!({
                "name": name, "in": "query",
                "required": required.contains(&name.as_str()),
                "schema": field,
            });
            if !description.is_null() {
                p["description"] = description;
            }
            p
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Query parameters for the test.
    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Params {
        /// How many.
        #[schemars(range(min = 1, max = 5))]
        limit: Option<u32>,
        q: String,
    }

    #[test]
    fn query_types_become_parameters_with_their_descriptions() {
        let op = Operation::new("test")
            .param(Param::QueryOf(schema_of::<Params>))
            .answer::<ErrorBody>(200, "ok")
            .error(400, "bad");
        let doc = document([("get", "/t", &op)]);
        let params = doc["paths"]["/t"]["get"]["parameters"].as_array().unwrap();
        let limit = params.iter().find(|p| p["name"] == "limit").unwrap();
        assert_eq!(limit["description"], "How many.");
        assert_eq!(limit["required"], false);
        assert_eq!(limit["schema"]["maximum"], 5);
        assert!(limit["schema"].get("description").is_none());
        assert_eq!(limit["schema"]["type"], "integer");
        let q = params.iter().find(|p| p["name"] == "q").unwrap();
        assert_eq!(q["required"], true);
        let ok = &doc["paths"]["/t"]["get"]["responses"]["200"]["content"]["application/json"];
        assert_eq!(ok["schema"]["$ref"], "#/components/schemas/ErrorBody");
        assert!(
            doc["components"]["schemas"]["ErrorDetail"]["properties"]["code"]["enum"]
                .as_array()
                .is_some_and(|codes| codes.iter().any(|c| c == "unavailable"))
        );
    }
}
