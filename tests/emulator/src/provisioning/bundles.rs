//! Bundles: `/v1/projects/{projectId}/bundles[/{bundleId}]`.
//!
//! List in creation order, `pageSize` 1..25 (default 10), filters `filterSmsAppIds`,
//! `filterConvAppIds`, `filterStates` (repeated or comma-separated). Create answers 201 with
//! `state: IN_PROGRESS`; the SMS app it orders is added to the SMS apps store (status
//! `PENDING_ADD`) and its webhooks to the webhooks store, so they show up there too. Tests
//! finish a bundle with the set-field control (`state` → `DONE`). Unknown bundle:
//! 404 `bundle_not_found` (the code is inferred; Sinch does not document it).

use super::auth::Authenticated;
use super::collection::{Collection, NotFound, Query};
use super::error::PapiError;
use super::pagination::PageSpec;
use super::store::{body_object, check_region, query_values, str_field, Resource};
use super::{sms_apps, webhooks};
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

/// Create is the family's own handler: it also adds an SMS app and webhooks to their stores.
pub static COLLECTION: Collection<Resource> = Collection::new(
    "/bundles",
    "bundles",
    NotFound {
        code: "bundle_not_found",
        what: "Bundle",
    },
    |p, project_id| p.bundles.entry(project_id.to_string()).or_default(),
    |bundle| str_field(bundle, "id"),
)
.paged(PageSpec {
    max: 25,
    default: 10,
})
.select(select);

pub fn routes() -> Router<AppState> {
    COLLECTION
        .routes()
        .route("/v1/projects/{project_id}/bundles", post(create))
}

/// `true`/`false`, or an object with an optional string `name`. Returns (wanted, name).
fn part(body: &Resource, key: &str, errors: &mut Vec<String>) -> (bool, Option<String>) {
    match body.get(key) {
        None | Some(Value::Null) => (false, None),
        Some(Value::Bool(b)) => (*b, None),
        Some(Value::Object(o)) => match o.get("name") {
            None => (true, None),
            Some(Value::String(n)) if !n.is_empty() => (true, Some(n.clone())),
            Some(_) => {
                errors.push(format!("{key}.name must be a non-empty string"));
                (true, None)
            }
        },
        Some(_) => {
            errors.push(format!("{key} must be boolean or object"));
            (false, None)
        }
    }
}

/// Validated `webhooks[]` as (target, secret, triggers).
fn hooks(body: &Resource, errors: &mut Vec<String>) -> Vec<(String, String, Vec<String>)> {
    let Some(v) = body.get("webhooks") else {
        return Vec::new();
    };
    let Some(items) = v.as_array() else {
        errors.push("webhooks must be an array".to_string());
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, h) in items.iter().enumerate() {
        let target = h.get("target").and_then(Value::as_str).unwrap_or("");
        let secret = h.get("secret").and_then(Value::as_str).unwrap_or("");
        let triggers: Vec<String> = h
            .get("triggers")
            .and_then(Value::as_array)
            .map(|t| {
                t.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut ok = true;
        if !webhooks::is_url(target) {
            errors.push(format!("webhooks.{i}.target must be a URL address"));
            ok = false;
        }
        if secret.is_empty() {
            errors.push(format!("webhooks.{i}.secret should not be empty"));
            ok = false;
        }
        if triggers.is_empty() || !triggers.iter().all(|t| webhooks::is_trigger(t)) {
            errors.push(format!("webhooks.{i}.triggers must be valid triggers"));
            ok = false;
        }
        if ok {
            out.push((target.to_string(), secret.to_string(), triggers));
        }
    }
    out
}

fn select<'a>(all: &'a [Resource], query: &Query) -> Result<Vec<&'a Resource>, PapiError> {
    let sms = query_values(query, "filterSmsAppIds");
    let conv = query_values(query, "filterConvAppIds");
    let states = query_values(query, "filterStates");
    let nested_id = |b: &Resource, key: &str| {
        b.get(key)
            .and_then(|v| v.get("id"))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Ok(all
        .iter()
        .filter(|b| sms.is_empty() || nested_id(b, "smsApp").is_some_and(|id| sms.contains(&id)))
        .filter(|b| conv.is_empty() || nested_id(b, "convApp").is_some_and(|id| conv.contains(&id)))
        .filter(|b| {
            states.is_empty()
                || str_field(b, "state").is_some_and(|s| states.iter().any(|x| x == s))
        })
        .collect())
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = body_object(&body)?;
    let name = match body.get("name") {
        Some(Value::String(n)) if !n.trim().is_empty() => n.clone(),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            return Err(PapiError::new(
                StatusCode::BAD_REQUEST,
                "missing_name",
                "Missing name for bundles.",
                "Make sure you have given a separate service name or principal.",
            ))
        }
        Some(_) => {
            return Err(PapiError::invalid_input(vec![
                "name must be a string".into()
            ]))
        }
    };
    let mut errors = Vec::new();
    let region = check_region(&body, &mut errors);
    let (sub, sub_name) = part(&body, "subproject", &mut errors);
    let (sms, sms_name) = part(&body, "smsApp", &mut errors);
    let (conv, conv_name) = part(&body, "convApp", &mut errors);
    let test_number = match body.get("testNumber") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            errors.push("testNumber must be a boolean value".to_string());
            false
        }
    };
    let hooks = hooks(&body, &mut errors);
    let Some(region) = region.filter(|_| errors.is_empty()) else {
        return Err(PapiError::invalid_input(errors));
    };
    if !(sub || sms || conv || test_number) {
        return Err(PapiError::new(
            StatusCode::BAD_REQUEST,
            "no_services_to_create",
            "No services to create.",
            "Add at least one service to create.",
        ));
    }
    let mut bundle = json!({
        "id": sms_apps::hex_id()[..24].to_string(),
        "projectId": project_id,
        "name": name,
        "region": region,
        "state": "IN_PROGRESS",
    });
    if sub {
        bundle["subproject"] = json!({
            "id": tokens::uuid_v4(),
            "name": sub_name.unwrap_or_else(|| name.clone()),
            "parentProjectId": project_id,
            "status": "PENDING",
        });
    }
    let conv_id = conv.then(tokens::ulid_like);
    if let Some(id) = &conv_id {
        let processing = body
            .get("convApp")
            .and_then(|c| c.get("processingMode"))
            .and_then(Value::as_str)
            .unwrap_or("CONVERSATION");
        bundle["convApp"] = json!({
            "id": id,
            "name": conv_name.unwrap_or_else(|| name.clone()),
            "processingMode": processing,
        });
    }
    let mut st = app.lock();
    if sms {
        let rec = sms_apps::new_app(
            &project_id,
            &sms_name.unwrap_or_else(|| name.clone()),
            &region,
            conv_id.clone(),
        );
        bundle["smsApp"] = Value::Object(rec.clone());
        sms_apps::COLLECTION
            .items(&mut st.provisioning, &project_id)
            .push(rec);
    }
    let mut created_hooks = Vec::new();
    for (target, secret, triggers) in hooks {
        let hook = webhooks::Webhook {
            id: tokens::ulid_like(),
            project_id: project_id.clone(),
            target,
            secret,
            triggers,
        };
        created_hooks.push(serde_json::to_value(&hook).unwrap_or_default());
        webhooks::COLLECTION
            .items(&mut st.provisioning, &project_id)
            .push(hook);
    }
    bundle["webhooks"] = Value::Array(created_hooks);
    let record = match bundle {
        Value::Object(m) => m,
        _ => Resource::new(),
    };
    COLLECTION
        .items(&mut st.provisioning, &project_id)
        .push(record.clone());
    Ok((StatusCode::CREATED, Json(Value::Object(record))).into_response())
}
