//! SMS apps: `/v1/projects/{projectId}/sms/smsApps[/{smsAppId}]`.
//!
//! List in creation order, `pageSize` 1..100 (default 50). Create answers 201 with
//! `status: PENDING_ADD` (the status a new app shows in Sinch's examples); tests move it on
//! with the set-field control. `convApiApp: true` also "creates" a Conversation app
//! (`channelStatus: PENDING`); `convApiAppId` links the given one. PATCH renames; DELETE
//! answers 204.

use super::auth::Authenticated;
use super::error::PapiError;
use super::pagination::{page, PageSpec};
use super::store::{body_object, check_region, find_mut, str_field, Resource};
use crate::http_util::parse_form;
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
            "/v1/projects/{project_id}/sms/smsApps",
            get(list).post(create),
        )
        .route(
            "/v1/projects/{project_id}/sms/smsApps/{sms_app_id}",
            get(get_one).patch(update).delete(delete),
        )
}

fn not_found() -> PapiError {
    PapiError::not_found("sms_app_not_found", "SmsApp")
}

/// A 32-hex id, the shape of SMS app and SMS service ids.
pub fn hex_id() -> String {
    tokens::uuid_v4().replace('-', "")
}

fn check_name(body: &Resource, errors: &mut Vec<String>) -> Option<String> {
    match body.get("name") {
        Some(Value::String(n)) if !n.trim().is_empty() && n.chars().count() <= 255 => {
            Some(n.clone())
        }
        _ => {
            errors.push("name must be a string between 1 and 255 characters".to_string());
            None
        }
    }
}

/// A new SMS app record in its initial status. Also used by bundles.
pub fn new_app(
    project_id: &str,
    name: &str,
    region: &str,
    conv_app_id: Option<String>,
) -> Resource {
    let mut app = json!({
        "id": hex_id(),
        "smsServiceId": hex_id(),
        "name": name,
        "status": "PENDING_ADD",
        "regions": [region],
        "test": false,
    });
    if let Some(id) = conv_app_id {
        app["conversationApiAppDetails"] = json!({
            "id": id,
            "projectId": project_id,
            "region": region,
            "channelStatus": "PENDING",
        });
    }
    match app {
        Value::Object(m) => m,
        _ => Resource::new(),
    }
}

async fn list(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let apps = app
        .lock()
        .provisioning
        .sms_apps
        .get(&project_id)
        .cloned()
        .unwrap_or_default();
    page(&apps, "smsApps", &query, PAGE)
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = body_object(&body)?;
    let mut errors = Vec::new();
    let name = check_name(&body, &mut errors);
    let region = check_region(&body, &mut errors);
    let create_conv = match body.get("convApiApp") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push("convApiApp must be a boolean value".to_string());
            false
        }
    };
    let link_conv = match body.get("convApiAppId") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(_) => {
            errors.push("convApiAppId must be a non-empty string".to_string());
            None
        }
    };
    if create_conv && link_conv.is_some() {
        errors.push("convApiApp and convApiAppId are mutually exclusive".to_string());
    }
    let (Some(name), Some(region)) = (name, region) else {
        return Err(PapiError::invalid_input(errors));
    };
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let conv_id = if create_conv {
        Some(tokens::ulid_like())
    } else {
        link_conv
    };
    let record = new_app(&project_id, &name, &region, conv_id);
    app.lock()
        .provisioning
        .sms_apps
        .entry(project_id)
        .or_default()
        .push(record.clone());
    Ok((StatusCode::CREATED, Json(Value::Object(record))).into_response())
}

async fn get_one(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    find_mut(&mut st.provisioning.sms_apps, &project_id, "id", &id)
        .map(|r| Json(Value::Object(r.clone())))
        .ok_or_else(not_found)
}

/// PATCH `{name}`: without `name` it is 400 `no_fields_to_update`.
async fn update(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = body_object(&body)?;
    if !body.contains_key("name") {
        return Err(PapiError::no_fields_to_update());
    }
    let mut errors = Vec::new();
    let name = check_name(&body, &mut errors).ok_or_else(|| PapiError::invalid_input(errors))?;
    let mut st = app.lock();
    let rec =
        find_mut(&mut st.provisioning.sms_apps, &project_id, "id", &id).ok_or_else(not_found)?;
    rec.insert("name".into(), Value::String(name));
    Ok(Json(Value::Object(rec.clone())))
}

/// DELETE answers 204 No Content.
async fn delete(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, id)): Path<(String, String)>,
) -> Result<StatusCode, PapiError> {
    let mut st = app.lock();
    let apps = st
        .provisioning
        .sms_apps
        .get_mut(&project_id)
        .ok_or_else(not_found)?;
    let before = apps.len();
    apps.retain(|r| str_field(r, "id") != Some(id.as_str()));
    if apps.len() == before {
        return Err(not_found());
    }
    Ok(StatusCode::NO_CONTENT)
}
