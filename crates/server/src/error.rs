//! Errors the HTTP layer answers with. User errors (bad parameters, missing token,
//! unknown ids, oversized bodies) and internal ones are kept apart, and one table —
//! [`ApiError::status`] — maps each kind to its HTTP status. Bodies are
//! `{"error": {"code", "message"}}`; internal details go to the log, not the client.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::openapi::{ErrorBody, ErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("a bearer token is required for this request")]
    Unauthorized,
    #[error("writes are disabled: no token is configured (set `token` in the server config)")]
    WritesDisabled,
    /// This server only reads; the message says where the writer is, if known.
    #[error("{0}")]
    ReadOnly(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("the request body is larger than the limit of {0} bytes")]
    TooLarge(usize),
    /// The request was sound but cannot be taken now (the server is stopping, the
    /// queue cannot be written); the client may try again.
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// The one place where error kinds meet HTTP statuses.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::WritesDisabled | ApiError::ReadOnly(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// One error of each kind (for the list of codes the API document gives).
    fn kinds() -> [ApiError; 8] {
        [
            ApiError::BadRequest(String::new()),
            ApiError::Unauthorized,
            ApiError::WritesDisabled,
            ApiError::ReadOnly(String::new()),
            ApiError::NotFound(String::new()),
            ApiError::TooLarge(0),
            ApiError::Unavailable(String::new()),
            ApiError::Internal(String::new()),
        ]
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Unauthorized => "unauthorized",
            ApiError::WritesDisabled => "writes_disabled",
            ApiError::ReadOnly(_) => "read_only",
            ApiError::NotFound(_) => "not_found",
            ApiError::TooLarge(_) => "payload_too_large",
            ApiError::Unavailable(_) => "unavailable",
            ApiError::Internal(_) => "internal",
        }
    }
}

/// Every error code, in the order of the status table.
pub(crate) fn codes() -> Vec<&'static str> {
    ApiError::kinds().iter().map(ApiError::code).collect()
}

impl From<storyline_store::StoreError> for ApiError {
    fn from(e: storyline_store::StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) = &self {
            eprintln!("error: {detail}");
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.to_string(),
            },
        };
        let mut response = (self.status(), Json(body)).into_response();
        if matches!(self, ApiError::Unauthorized) {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
