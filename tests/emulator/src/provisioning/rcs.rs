//! RCS senders: `/v1/projects/{projectId}/rcs/senders[/{senderId}]`.
//!
//! Confirmed by Sinch's docs: list and create paths, the list parameters and the create
//! body's top level. The emulator's own choices (not documented by Sinch): `GET
//! /rcs/senders/{id}`; create answers 201 with `state: IN_PROGRESS`, requires `region`
//! (BR/EU/US), non-empty `billingCategory` and `useCase` strings (any value, so unknown ones
//! can be tested) and `details.brand.name`, and keeps every other brand field as sent; the
//! list key is `senders`, `pageSize` 1..100 (default 50); `filterConversationApiAppId` matches
//! a stored `conversationApiAppId` (set it with the set-field control); `filterSenderName` is a
//! case-insensitive substring of `details.brand.name`; default order is creation order
//! (`sortColumn=CREATED`, `sortDirection=ASC`). Unknown sender: 404 `sender_not_found`.

use super::auth::Authenticated;
use super::error::PapiError;
use super::pagination::{page, PageSpec};
use super::store::{
    body_object, check_region, find_mut, now_iso, query_values, str_field, Resource,
};
use crate::http_util::{form_get, parse_form};
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

const PAGE: PageSpec = PageSpec {
    max: 100,
    default: 50,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/projects/{project_id}/rcs/senders",
            get(list).post(create),
        )
        .route(
            "/v1/projects/{project_id}/rcs/senders/{sender_id}",
            get(get_one),
        )
}

fn not_found() -> PapiError {
    PapiError::not_found("sender_not_found", "Sender")
}

fn brand_name(r: &Resource) -> Option<&str> {
    r.get("details")?.get("brand")?.get("name")?.as_str()
}

async fn list(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let conv = form_get(&query, "filterConversationApiAppId").filter(|s| !s.is_empty());
    let ids = query_values(&query, "filterSenderIds");
    let name = form_get(&query, "filterSenderName")
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase);
    let states = query_values(&query, "filterStates");
    match form_get(&query, "sortColumn") {
        None | Some("") | Some("CREATED") => {}
        Some(_) => {
            return Err(PapiError::invalid_input(vec![
                "sortColumn must be one of the following values: CREATED".into(),
            ]))
        }
    }
    let desc = match form_get(&query, "sortDirection") {
        None | Some("") | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => {
            return Err(PapiError::invalid_input(vec![
                "sortDirection must be one of the following values: ASC, DESC".into(),
            ]))
        }
    };
    let all = app
        .lock()
        .provisioning
        .rcs_senders
        .get(&project_id)
        .cloned()
        .unwrap_or_default();
    let mut items: Vec<Resource> = all
        .into_iter()
        .filter(|s| conv.is_none() || str_field(s, "conversationApiAppId") == conv)
        .filter(|s| {
            ids.is_empty() || str_field(s, "id").is_some_and(|id| ids.iter().any(|x| x == id))
        })
        .filter(|s| {
            name.as_ref().is_none_or(|n| {
                brand_name(s).is_some_and(|b| b.to_lowercase().contains(n.as_str()))
            })
        })
        .filter(|s| {
            states.is_empty()
                || str_field(s, "state").is_some_and(|st| states.iter().any(|x| x == st))
        })
        .collect();
    if desc {
        items.reverse();
    }
    page(&items, "senders", &query, PAGE)
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = body_object(&body)?;
    let mut errors = Vec::new();
    let region = check_region(&body, &mut errors);
    for key in ["billingCategory", "useCase"] {
        if body
            .get(key)
            .and_then(Value::as_str)
            .is_none_or(|s| s.trim().is_empty())
        {
            errors.push(format!("{key} should not be empty"));
        }
    }
    let brand = body
        .get("details")
        .and_then(|d| d.get("brand"))
        .filter(|b| b.is_object())
        .cloned();
    match &brand {
        None => errors.push("details.brand must be an object".to_string()),
        Some(b) => {
            if b.get("name")
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty())
            {
                errors.push("details.brand.name should not be empty".to_string());
            }
        }
    }
    let (Some(region), true) = (region, errors.is_empty()) else {
        return Err(PapiError::invalid_input(errors));
    };
    let now = now_iso();
    let rec: Resource = match json!({
        "id": tokens::ulid_like(),
        "region": region,
        "billingCategory": body["billingCategory"],
        "useCase": body["useCase"],
        "state": "IN_PROGRESS",
        "details": {"brand": brand},
        "created": now,
        "modified": now,
    }) {
        Value::Object(m) => m,
        _ => Resource::new(),
    };
    app.lock()
        .provisioning
        .rcs_senders
        .entry(project_id)
        .or_default()
        .push(rec.clone());
    Ok((StatusCode::CREATED, Json(Value::Object(rec))).into_response())
}

async fn get_one(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    find_mut(&mut st.provisioning.rcs_senders, &project_id, "id", &id)
        .map(|r| Json(Value::Object(r.clone())))
        .ok_or_else(not_found)
}
