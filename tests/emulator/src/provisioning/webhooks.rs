//! Provisioning webhooks: `/v1/projects/{projectId}/webhooks[/{webhookId}]`.
//!
//! Lists are ordered alphabetically by `target` (the documented order), max 15 per
//! project. Triggers are an open set: any non-empty UPPER_SNAKE string is accepted and
//! echoed back, so SDKs are tested against triggers they do not know yet.

use super::auth::Authenticated;
use super::error::{json_object, PapiError};
use super::pagination::{page, PageSpec};
use crate::http_util::parse_form;
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{Map, Value};

/// Webhooks per project, as Sinch documents (424 beyond).
pub const MAX_WEBHOOKS: usize = 15;
const PAGE: PageSpec = PageSpec {
    max: MAX_WEBHOOKS,
    default: MAX_WEBHOOKS,
};

/// A stored webhook. The secret is kept (for future signed callbacks) but never serialized.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    pub project_id: String,
    pub target: String,
    #[serde(skip)]
    pub secret: String,
    pub triggers: Vec<String>,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/projects/{project_id}/webhooks", get(list).post(create))
        .route(
            "/v1/projects/{project_id}/webhooks/{webhook_id}",
            get(get_one).put(replace).patch(update).delete(delete),
        )
}

/// Validated, possibly partial, webhook fields.
#[derive(Default)]
struct Fields {
    target: Option<String>,
    secret: Option<String>,
    triggers: Option<Vec<String>>,
}

pub fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

pub fn is_trigger(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Checks the fields present in `body`; with `require_all` (create, PUT) missing ones are
/// errors too. All problems are reported at once, like the real API.
fn validate(body: &Map<String, Value>, require_all: bool) -> Result<Fields, PapiError> {
    let mut errors = Vec::new();
    let mut fields = Fields::default();
    match body.get("target") {
        Some(Value::String(t)) if is_url(t) => fields.target = Some(t.clone()),
        None if !require_all => {}
        _ => errors.push("target must be a URL address".to_string()),
    }
    match body.get("secret") {
        Some(Value::String(s)) if !s.is_empty() => fields.secret = Some(s.clone()),
        None if !require_all => {}
        Some(Value::String(_)) | None => errors.push("secret should not be empty".to_string()),
        Some(_) => errors.push("secret must be a string".to_string()),
    }
    match body.get("triggers") {
        None if !require_all => {}
        None => errors.push("triggers should not be empty".to_string()),
        Some(Value::Array(items)) => {
            let triggers: Vec<String> = items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if items.is_empty() {
                errors.push("triggers should not be empty".to_string());
            } else if triggers.len() != items.len() || !triggers.iter().all(|t| is_trigger(t)) {
                errors.push("each value in triggers must be a valid trigger".to_string());
            } else if triggers.len() > 1 && triggers.iter().any(|t| t == "ALL") {
                errors.push("ALL cannot be combined with other triggers".to_string());
            } else {
                fields.triggers = Some(triggers);
            }
        }
        Some(_) => errors.push("triggers must be an array".to_string()),
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(PapiError::invalid_input(errors))
    }
}

fn not_found() -> PapiError {
    PapiError::not_found("webhook_not_found", "Webhook")
}

fn exists(target: &str) -> PapiError {
    PapiError::new(
        StatusCode::CONFLICT,
        "webhook_exists",
        "Webhook with this target already exists.",
        "Use a different target or update the existing webhook.",
    )
    .with_info(serde_json::json!({ "target": target }))
}

/// 409 if another webhook of the project (not `except_id`) already uses `target`.
fn ensure_unique(
    hooks: &[Webhook],
    target: &str,
    except_id: Option<&str>,
) -> Result<(), PapiError> {
    if hooks
        .iter()
        .any(|h| h.target == target && Some(h.id.as_str()) != except_id)
    {
        Err(exists(target))
    } else {
        Ok(())
    }
}

async fn list(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let mut hooks = app
        .lock()
        .provisioning
        .webhooks
        .get(&project_id)
        .cloned()
        .unwrap_or_default();
    hooks.sort_by(|a, b| a.target.cmp(&b.target).then_with(|| a.id.cmp(&b.id)));
    page(&hooks, "webhooks", &query, PAGE)
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let fields = validate(&json_object(&body)?, true)?;
    let (Some(target), Some(secret), Some(triggers)) =
        (fields.target, fields.secret, fields.triggers)
    else {
        return Err(PapiError::invalid_input(vec!["missing fields".into()]));
    };
    let mut st = app.lock();
    let hooks = st
        .provisioning
        .webhooks
        .entry(project_id.clone())
        .or_default();
    ensure_unique(hooks, &target, None)?;
    if hooks.len() >= MAX_WEBHOOKS {
        return Err(PapiError::new(
            StatusCode::FAILED_DEPENDENCY,
            "webhook_limit_reached",
            "Webhook limit reached.",
            &format!("A project can have at most {MAX_WEBHOOKS} webhooks; delete one first."),
        ));
    }
    let hook = Webhook {
        id: tokens::ulid_like(),
        project_id,
        target,
        secret,
        triggers,
    };
    hooks.push(hook.clone());
    Ok((StatusCode::CREATED, Json(hook)).into_response())
}

async fn get_one(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, webhook_id)): Path<(String, String)>,
) -> Result<Json<Webhook>, PapiError> {
    let st = app.lock();
    st.provisioning
        .webhooks
        .get(&project_id)
        .and_then(|hooks| hooks.iter().find(|h| h.id == webhook_id))
        .cloned()
        .map(Json)
        .ok_or_else(not_found)
}

/// Applies validated `fields` to webhook `webhook_id`, checking target uniqueness.
fn modify(
    app: &AppState,
    project_id: &str,
    webhook_id: &str,
    fields: Fields,
) -> Result<Json<Webhook>, PapiError> {
    let mut st = app.lock();
    let hooks = st
        .provisioning
        .webhooks
        .get_mut(project_id)
        .ok_or_else(not_found)?;
    if !hooks.iter().any(|h| h.id == webhook_id) {
        return Err(not_found());
    }
    if let Some(target) = &fields.target {
        ensure_unique(hooks, target, Some(webhook_id))?;
    }
    let hook = hooks
        .iter_mut()
        .find(|h| h.id == webhook_id)
        .ok_or_else(not_found)?;
    if let Some(target) = fields.target {
        hook.target = target;
    }
    if let Some(secret) = fields.secret {
        hook.secret = secret;
    }
    if let Some(triggers) = fields.triggers {
        hook.triggers = triggers;
    }
    Ok(Json(hook.clone()))
}

/// PUT: full replace, same validation as create.
async fn replace(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, webhook_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Webhook>, PapiError> {
    let fields = validate(&json_object(&body)?, true)?;
    modify(&app, &project_id, &webhook_id, fields)
}

/// PATCH: any subset of target/secret/triggers; none at all is `no_fields_to_update`.
async fn update(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, webhook_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Webhook>, PapiError> {
    let body = json_object(&body)?;
    if !["target", "secret", "triggers"]
        .iter()
        .any(|k| body.contains_key(*k))
    {
        return Err(PapiError::no_fields_to_update());
    }
    let fields = validate(&body, false)?;
    modify(&app, &project_id, &webhook_id, fields)
}

/// DELETE answers 204 No Content (no body).
async fn delete(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, webhook_id)): Path<(String, String)>,
) -> Result<StatusCode, PapiError> {
    let mut st = app.lock();
    let hooks = st
        .provisioning
        .webhooks
        .get_mut(&project_id)
        .ok_or_else(not_found)?;
    let before = hooks.len();
    hooks.retain(|h| h.id != webhook_id);
    if hooks.len() == before {
        return Err(not_found());
    }
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_and_trigger_rules() {
        assert!(is_url("https://example.com/hook"));
        assert!(is_url("http://127.0.0.1:8080"));
        assert!(!is_url("ftp://x"));
        assert!(!is_url("https://"));
        assert!(!is_url("not a url"));
        assert!(is_trigger("WHATSAPP_SENDER_ACTIVE"));
        assert!(is_trigger("SOMETHING_NEW_2"));
        assert!(!is_trigger("lower"));
        assert!(!is_trigger(""));
    }

    #[test]
    fn validation_collects_errors() {
        let body = json_object(br#"{"target":"x","triggers":["ALL","BUNDLE_DONE"]}"#).unwrap();
        let err = validate(&body, true).err().unwrap();
        let errs = err.additional_information.unwrap()["validationErrors"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(errs, 3);
    }
}
