//! The activity logs and comments of the project's RCS account (`GET /rcs/activities`,
//! `POST /rcs/comments`, spec v1.2.117, RCS Accounts) and of each RCS sender
//! (`…/senders/{id}/activities`, `…/senders/{id}/comments`, in the reference pages; taken to
//! have the account's shapes), all in the shapes of [`activity`](super::activity).
//!
//! The emulator's own rule: a project has an RCS account once it has an RCS sender (its log
//! then starts with a `CREATED` entry); before that the account routes answer 404
//! `account_not_found`, the spec's error for them. A sender's log starts with `CREATED` too;
//! an unknown sender is 404 `sender_not_found`.

use super::activity as log;
use super::auth::Authenticated;
use super::error::PapiError;
use super::rcs::COLLECTION;
use super::store::str_field;
use super::ProvisioningState;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/projects/{project_id}/rcs/activities", get(activities))
        .route("/v1/projects/{project_id}/rcs/comments", post(comment))
        .route(
            "/v1/projects/{project_id}/rcs/senders/{id}/activities",
            get(sender_activities),
        )
        .route(
            "/v1/projects/{project_id}/rcs/senders/{id}/comments",
            post(sender_comment),
        )
}

fn account_not_found() -> PapiError {
    PapiError::new(
        StatusCode::NOT_FOUND,
        "account_not_found",
        "Account not found.",
        "Verify that the parameters are correct.",
    )
}

/// The account's log, begun when first asked for once the project has a sender.
fn account_log<'a>(
    p: &'a mut ProvisioningState,
    project_id: &str,
) -> Result<&'a mut Vec<Value>, PapiError> {
    let has_sender = p.rcs_senders.get(project_id).is_some_and(|s| !s.is_empty());
    if !has_sender && !p.rcs_account_activities.contains_key(project_id) {
        return Err(account_not_found());
    }
    Ok(p.rcs_account_activities
        .entry(project_id.to_string())
        .or_insert_with(|| vec![log::entry("CREATED")]))
}

async fn activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let mut st = app.lock();
    let entries = account_log(&mut st.provisioning, &project_id)?;
    log::answer(entries, query.as_deref())
}

async fn comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = log::comment_text(&body)?;
    let mut st = app.lock();
    account_log(&mut st.provisioning, &project_id)?.push(log::comment_entry(&text));
    Ok(log::created(&text))
}

/// The sender's log, begun when first asked for.
pub(super) fn sender_log<'a>(
    p: &'a mut ProvisioningState,
    project_id: &str,
    sender_id: &str,
) -> Result<&'a mut Vec<Value>, PapiError> {
    let known = p
        .rcs_senders
        .get(project_id)
        .is_some_and(|all| all.iter().any(|s| str_field(s, "id") == Some(sender_id)));
    log::log_of(
        &mut p.rcs_sender_activities,
        format!("{project_id}/{sender_id}"),
        known,
        || COLLECTION.not_found(),
    )
}

async fn sender_activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let mut st = app.lock();
    let entries = sender_log(&mut st.provisioning, &project_id, &sender_id)?;
    log::answer(entries, query.as_deref())
}

async fn sender_comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, sender_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = log::comment_text(&body)?;
    let mut st = app.lock();
    sender_log(&mut st.provisioning, &project_id, &sender_id)?.push(log::comment_entry(&text));
    Ok(log::created(&text))
}
