//! Ingestion tasks over the API: one task's state, and the list of recent ones
//! (newest first, paged with `before`), each succeeded, succeeded with errors (the
//! failed documents named), failed, or still queued.

use axum::extract::{Path, RawQuery, State};
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use crate::api::{limit_param, query_params};
use crate::tasks::Tasks;
use crate::{ApiError, AppState};

/// Tasks listed when no `limit` is given.
const DEFAULT_TASKS: usize = 20;

/// Runs `f` on the task queue off the async threads (it takes the queue's lock).
pub(crate) async fn on_tasks<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&Tasks) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let tasks = state.intake.tasks()?.clone();
    tokio::task::spawn_blocking(move || f(&tasks))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
}

/// `GET /api/tasks/{id}`.
pub(crate) async fn get_task(
    State(state): State<AppState>,
    Path(raw): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let id = task_id(&raw)?;
    let view = on_tasks(&state, move |t| t.status(id).map_err(ApiError::Internal))
        .await?
        .ok_or(ApiError::NotFound(format!("task {id}")))?;
    Ok(Json(view))
}

/// The list parameters as sent (the document gives their real types).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListParams {
    /// Tasks on this page.
    #[schemars(with = "Option<u64>", range(min = 1, max = crate::api::MAX_LIMIT), extend("default" = DEFAULT_TASKS))]
    limit: Option<String>,
    /// Only tasks with ids below this one (the previous page's `next`).
    #[schemars(with = "Option<u64>")]
    before: Option<String>,
}

/// `GET /api/tasks?limit=N&before=ID`: `items` newest first, `total` on record, and
/// `next`, the `before` of the next page (null on the last).
pub(crate) async fn list_tasks(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<impl IntoResponse, ApiError> {
    let params: ListParams = query_params(raw.as_deref())?;
    let limit = limit_param(params.limit.as_deref(), DEFAULT_TASKS)?;
    let before = params
        .before
        .filter(|b| !b.is_empty())
        .map(|b| task_id(&b))
        .transpose()?;
    let (views, total) = on_tasks(&state, move |t| {
        t.list(before, limit).map_err(ApiError::Internal)
    })
    .await?;
    let next = (views.len() == limit)
        .then(|| views.last().map(|v| v.task))
        .flatten();
    Ok(Json(crate::paging::ListPage {
        items: views,
        total,
        next,
    }))
}

fn task_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse::<u64>()
        .map_err(|_| ApiError::BadRequest(format!("a task id is a whole number, not {raw:?}")))
}
