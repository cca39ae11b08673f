//! Every JSON API route, declared once: method, path, handler, and what it takes and
//! answers. The router is built from this table and so is the OpenAPI document
//! (`openapi.rs`), so the two cannot disagree.

use std::sync::LazyLock;

use axum::routing::{get, post, MethodRouter};
use serde_json::{json, Value};
use storyline_store::{StoredArticle, StorySummary};

use crate::api::{ListParams, SimilarStories, Submitted};
use crate::entities::EntityDocument;
use crate::openapi::{schema_of, Operation, Param};
use crate::paging::ListPage;
use crate::search_routes::{SearchParams, SearchResults};
use crate::story::StoryDocument;
use crate::tasks::TaskView;
use crate::{api, entities, search_routes, task_routes, AppState};

/// One route of the API.
pub(crate) struct Endpoint {
    pub method: &'static str,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
    pub operation: Operation,
}

fn endpoint(
    method: &'static str,
    path: &'static str,
    handler: MethodRouter<AppState>,
    operation: Operation,
) -> Endpoint {
    Endpoint {
        method,
        path,
        handler,
        operation,
    }
}

fn id(description: &'static str) -> Param {
    Param::Path {
        name: "id",
        description,
        schema: json!({"type": "integer", "minimum": 0}),
    }
}

/// The API's routes.
pub(crate) fn endpoints() -> Vec<Endpoint> {
    vec![
        endpoint("get", "/api/stories", get(api::list_stories), stories()),
        endpoint("get", "/api/stories/{id}", get(api::get_story), story()),
        endpoint(
            "get",
            "/api/stories/{id}/similar",
            get(api::get_similar),
            similar(),
        ),
        endpoint("post", "/api/articles", post(api::post_articles), submit()),
        endpoint(
            "get",
            "/api/articles/{key}",
            get(api::get_article),
            article(),
        ),
        endpoint("get", "/api/tasks", get(task_routes::list_tasks), tasks()),
        endpoint("get", "/api/tasks/{id}", get(task_routes::get_task), task()),
        endpoint("get", "/api/search", get(search_routes::search), search()),
        endpoint(
            "get",
            "/api/entities/{name}",
            get(entities::get_entity),
            entity(),
        ),
        endpoint(
            "get",
            "/api/openapi.json",
            get(openapi_json),
            this_document(),
        ),
    ]
}

fn stories() -> Operation {
    Operation::new("Stories, most recent activity first")
        .param(Param::QueryOf(schema_of::<ListParams>))
        .answer::<ListPage<StorySummary>>(200, "One page of matching stories")
        .error(400, "A parameter is malformed or unknown")
}

fn story() -> Operation {
    Operation::new(
        "A story with its articles, timeline, coverage by outlet, names, quotes and \
         related stories; a merged-away id finds the story it was merged into",
    )
    .param(id("The story's id"))
    .param(Param::Query {
        name: "lang",
        description: "The reader's language (ISO 639-1); else Accept-Language; else the \
                      story's most common language",
        schema: json!({"type": "string"}),
    })
    .answer::<StoryDocument>(200, "The story")
    .error(400, "The id is not a whole number")
    .error(404, "No such story")
}

fn similar() -> Operation {
    Operation::new(
        "Up to 10 other stories whose articles match this story's headline and names, best first",
    )
    .param(id("The story's id"))
    .answer::<SimilarStories>(200, "Similar stories")
    .error(400, "The id is not a whole number")
    .error(404, "No such story")
}

fn submit() -> Operation {
    let mut op = Operation::new(
        "Submit articles for ingestion (a JSON article, an array of them, or JSON lines); \
         needs `Authorization: Bearer TOKEN`",
    )
    .answer::<Submitted>(202, "Accepted: committed to the queue before this answer")
    .error(
        400,
        "The body is not an article, an array of articles or JSON lines",
    )
    .error(401, "Missing or wrong bearer token")
    .error(
        403,
        "Writes are off: no token is configured (writes_disabled), or this server only reads \
         beside the store's writer (read_only; the message names the writer)",
    )
    .error(413, "Body over the size limit")
    .error(
        503,
        "The server is stopping or the queue cannot be written; try again",
    );
    op.request = Some(json!({
        "required": true,
        "content": {
            "application/json": { "schema": {
                "description": "An article, or an array of them: `text` or `html`, and \
                    optionally `id`, `url`, `title`, `published`, `source`, `language`",
                "type": ["object", "array"],
            } },
            "application/x-ndjson": { "schema": { "type": "string" } },
        },
    }));
    op
}

fn article() -> Operation {
    Operation::new("One stored article")
        .param(Param::Path {
            name: "key",
            description: "The article's key",
            schema: json!({"type": "integer", "minimum": 1}),
        })
        .answer::<StoredArticle>(200, "The article")
        .error(400, "The key is not a whole number")
        .error(404, "No such article")
}

fn tasks() -> Operation {
    Operation::new(
        "Recent ingestion tasks, newest first, each as GET /api/tasks/{id} shows it; `next` \
         is the `before` of the next page (null on the last)",
    )
    .param(Param::QueryOf(schema_of::<task_routes::ListParams>))
    .answer::<ListPage<TaskView>>(200, "One page of tasks, newest first")
    .error(400, "A parameter is malformed or unknown")
}

fn task() -> Operation {
    Operation::new(
        "An ingestion task's state: enqueued, processing, succeeded or succeeded_with_errors \
         (with a summary and the failed documents named), or failed",
    )
    .param(id("The task's id"))
    .answer::<TaskView>(200, "The task")
    .error(400, "The id is not a whole number")
    .error(404, "No such task")
}

fn search() -> Operation {
    Operation::new(
        "Search over articles: words (accents folded), per-language stems and names in any \
         script, and — with the model — meaning across languages, in one ranking",
    )
    .param(Param::QueryOf(schema_of::<SearchParams>))
    .answer::<SearchResults>(
        200,
        "Matching articles, best first, each with its current story",
    )
    .error(
        400,
        "The query is malformed or beyond a bound (the reason is given)",
    )
}

fn entity() -> Operation {
    Operation::new(
        "The stories that name an entity (a name in any script), oldest first, with the \
         spellings and quotes its latest stories give it",
    )
    .param(Param::Path {
        name: "name",
        description: "A name, in any script",
        schema: json!({"type": "string", "maxLength": 200}),
    })
    .answer::<EntityDocument>(200, "The entity")
    .error(400, "The name is empty or too long")
}

fn this_document() -> Operation {
    Operation::new("This document").answer::<Value>(200, "OpenAPI 3.1")
}

/// The OpenAPI document, built once.
pub(crate) static DOCUMENT: LazyLock<Value> = LazyLock::new(|| {
    let endpoints = endpoints();
    crate::openapi::document(endpoints.iter().map(|e| (e.method, e.path, &e.operation)))
});

async fn openapi_json() -> axum::Json<&'static Value> {
    axum::Json(&DOCUMENT)
}
