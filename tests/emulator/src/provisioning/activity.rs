//! Activity logs and comments, in the spec's shapes (v1.2.117), for every resource that has
//! them:
//!
//! - `GET …/activities`: a page, most recent entry first, `{totalSize, pageSize,
//!   nextPageToken?, previousPageToken?, notifications: [{type, created, author, comment?}]}`;
//!   `pageSize` 1 to 100 (default 50), `pageToken` as for every list.
//! - `POST …/comments` `{comment}` (1 to 65535 characters, else 400 `invalid_input`): 201 with
//!   the comment created, `{type: "CREATED", comment, created}`; the log gains a
//!   `COMMENT_ADDED` entry carrying the text.

use super::error::{json_object, PapiError};
use super::pagination::{page, PageSpec};
use super::store::now_iso;
use crate::http_util::parse_form;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;

const PAGES: PageSpec = PageSpec {
    max: 100,
    default: 50,
};

/// Who the emulator says acted.
const AUTHOR: &str = "Provisioning API user";

/// One log entry of type `kind`.
pub fn entry(kind: &str) -> Value {
    json!({"type": kind, "created": now_iso(), "author": AUTHOR})
}

/// The entry a comment adds to the log.
pub fn comment_entry(text: &str) -> Value {
    json!({"type": "COMMENT_ADDED", "created": now_iso(), "author": AUTHOR, "comment": text})
}

/// The log kept at `key` in `logs`, begun with a `CREATED` entry when first needed; `missing`
/// (the resource's 404) when the resource does not `exist`. Logs are kept apart from the
/// resources, keyed `{projectId}/{id}`, so that the JSON stores hold only what the API answers.
pub fn log_of(
    logs: &mut HashMap<String, Vec<Value>>,
    key: String,
    exists: bool,
    missing: impl FnOnce() -> PapiError,
) -> Result<&mut Vec<Value>, PapiError> {
    if !exists {
        return Err(missing());
    }
    Ok(logs.entry(key).or_insert_with(|| vec![entry("CREATED")]))
}

/// A page of `log` (kept oldest first, answered most recent first).
pub fn answer(log: &[Value], query: Option<&str>) -> Result<Response, PapiError> {
    let recent_first: Vec<&Value> = log.iter().rev().collect();
    let query = parse_form(query.unwrap_or_default().as_bytes());
    page(&recent_first, "notifications", &query, PAGES)
}

/// The text of a comment request, checked as the spec's `RcsCommentInputDto` says.
pub fn comment_text(body: &[u8]) -> Result<String, PapiError> {
    let body = json_object(body)?;
    match body.get("comment").and_then(Value::as_str) {
        Some(c) if !c.is_empty() && c.chars().count() <= 65535 => Ok(c.to_string()),
        Some(c) if !c.is_empty() => Err(PapiError::invalid_input(vec![
            "comment must be shorter than or equal to 65535 characters".into(),
        ])),
        _ => Err(PapiError::invalid_input(vec![
            "comment must be longer than or equal to 1 characters".into(),
        ])),
    }
}

/// The 201 answer to a comment.
pub fn created(text: &str) -> Response {
    (
        StatusCode::CREATED,
        Json(json!({"type": "CREATED", "comment": text, "created": now_iso()})),
    )
        .into_response()
}
