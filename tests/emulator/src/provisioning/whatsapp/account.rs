//! The WhatsApp account: `/whatsapp`, `/whatsapp/activities`, `/whatsapp/enableTemplateAnalytics`.
//!
//! One per project. Rules: GET without an account → 400 `project_not_initialized` (the
//! documented "Project not initialized for WhatsApp."); a second POST → 409
//! `account_already_exists` [I]; PATCH only while `REJECTED` (else 400
//! `account_not_rejected` [I]), then `IN_PROGRESS`; DELETE while a sender exists → 400
//! `account_has_senders` [I], otherwise 204. New accounts start `IN_PROGRESS` with
//! `businessDailyLimit: TIER_250`; the control API moves them to other states.

use super::{activity, now_iso, project};
use crate::provisioning::activity as log;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::error::{json_object, PapiError};
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/projects/{project_id}/whatsapp",
            get(get_account).post(create).patch(update).delete(delete),
        )
        .route("/v1/projects/{project_id}/whatsapp/comments", post(comment))
        .route(
            "/v1/projects/{project_id}/whatsapp/activities",
            get(activities),
        )
        .route(
            "/v1/projects/{project_id}/whatsapp/enableTemplateAnalytics",
            put(enable_template_analytics),
        )
}

pub fn not_initialized() -> PapiError {
    PapiError::new(
        StatusCode::BAD_REQUEST,
        "project_not_initialized",
        "Project not initialized for WhatsApp.",
        "Create the WhatsApp account of the project first.",
    )
}

/// Fields the server owns: a body cannot set them.
const SERVER_FIELDS: &[&str] = &["id", "state", "created", "modified", "businessDailyLimit"];

async fn get_account(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    wa.account
        .clone()
        .map(|a| Json(Value::Object(a)))
        .ok_or_else(not_initialized)
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = json_object(&body)?;
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    if wa.account.is_some() {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "account_already_exists",
            "A WhatsApp account already exists for this project.",
            "A project has one WhatsApp account: update or delete the existing one.",
        ));
    }
    let mut account: Map<String, Value> = body
        .into_iter()
        .filter(|(k, _)| !SERVER_FIELDS.contains(&k.as_str()))
        .collect();
    let now = now_iso();
    account.insert("id".into(), json!(tokens::uuid_v4()));
    account.insert("state".into(), json!("IN_PROGRESS"));
    account.insert("businessDailyLimit".into(), json!("TIER_250"));
    account.insert("created".into(), json!(now));
    account.insert("modified".into(), json!(now));
    wa.account = Some(account.clone());
    wa.account_activities.push(activity("ACCOUNT_CREATED"));
    Ok((StatusCode::CREATED, Json(Value::Object(account))).into_response())
}

async fn update(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = json_object(&body)?;
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let account = wa.account.as_mut().ok_or_else(not_initialized)?;
    if account.get("state").and_then(Value::as_str) != Some("REJECTED") {
        return Err(PapiError::new(
            StatusCode::BAD_REQUEST,
            "account_not_rejected",
            "The WhatsApp account can only be updated when it is REJECTED.",
            "Wait for the review to finish; update it only if it is rejected.",
        )
        .with_info(json!({"state": account.get("state").cloned().unwrap_or(Value::Null)})));
    }
    let fields: Vec<(String, Value)> = body
        .into_iter()
        .filter(|(k, _)| !SERVER_FIELDS.contains(&k.as_str()))
        .collect();
    if fields.is_empty() {
        return Err(PapiError::no_fields_to_update());
    }
    account.extend(fields);
    account.insert("state".into(), json!("IN_PROGRESS"));
    account.insert("modified".into(), json!(now_iso()));
    let out = account.clone();
    wa.account_activities.push(activity("ACCOUNT_UPDATED"));
    Ok(Json(Value::Object(out)))
}

async fn delete(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
) -> Result<StatusCode, PapiError> {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    if wa.account.is_none() {
        return Err(not_initialized());
    }
    if !wa.senders.is_empty() {
        return Err(PapiError::new(
            StatusCode::BAD_REQUEST,
            "account_has_senders",
            "The WhatsApp account has senders assigned.",
            "Delete the senders of the project first.",
        )
        .with_info(json!({"senderIds": wa.senders.iter().map(|s| s.id()).collect::<Vec<_>>()})));
    }
    wa.account = None;
    wa.account_activities.clear();
    Ok(StatusCode::NO_CONTENT)
}

async fn activities(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    if wa.account.is_none() {
        return Err(not_initialized());
    }
    log::answer(&wa.account_activities, query.as_deref())
}

async fn enable_template_analytics(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    if let Some(a) = wa.account.as_mut() {
        a.insert("templateAnalyticsEnabled".into(), json!(true));
    }
    Ok(Json(json!({})))
}

/// `POST /whatsapp/comments` `{comment}`: a comment for Sinch support, logged as an activity.
async fn comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = log::comment_text(&body)?;
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    if wa.account.is_none() {
        return Err(not_initialized());
    }
    wa.account_activities.push(log::comment_entry(&text));
    let account = wa.account.clone().map(Value::Object).unwrap_or_default();
    let trigger = "WHATSAPP_ACCOUNT_COMMENT_ADDED";
    crate::callbacks::emit(&mut st, &project_id, trigger, &account, Some(&text));
    Ok(log::created(&text))
}
