//! Comments on one language of a template (`POST …/languages/{code}/comments`, adding a
//! `COMMENT_ADDED` entry to its activity log) and comparing two templates (`POST
//! …/languages/{code}/compare`), in the spec's shapes and errors (v1.2.117).
//!
//! Compare's rules, from the spec: `templates` holds exactly one other template
//! (`templateName`, `templateLanguage`), `timeframe` is "7", "30", "60" or "90" (default "7"),
//! `endTimestamp` a number; the other template unknown → 404 `templates_compare_not_found`,
//! the same template → 409 `templates_compare_not_unique`, fewer than 1,000 sends in the period
//! → 409 `templates_not_eligible_for_comparison`. The emulator's own choices [I]: an `APPROVED`
//! template has sent 1,000 messages a day of the period and any other none (so both must be
//! approved, with the set-state control); the two are ranked by name (`blockOrder` 1 for the
//! first); the top block reason is `NO_REASON`.

use super::project;
use super::templates::not_found;
use crate::provisioning::activity as log;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::error::{json_object, PapiError};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};

const TIMEFRAMES: &[&str] = &["7", "30", "60", "90"];
/// The fewest sends in the period for a template to be compared.
const MIN_SENDS: i64 = 1000;

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/whatsapp/templates/{name}/languages/{language}";
    Router::new()
        .route(&format!("{base}/comments"), post(comment))
        .route(&format!("{base}/compare"), post(compare))
}

async fn comment(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name, language)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let text = log::comment_text(&body)?;
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let key = (name, language);
    if !wa.templates.contains_key(&key) {
        return Err(not_found());
    }
    wa.template_activities
        .entry(key)
        .or_default()
        .push(log::comment_entry(&text));
    Ok(log::created(&text))
}

async fn compare(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, name, language)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<Value>, PapiError> {
    let body = json_object(&body)?;
    let mut errors = Vec::new();
    let other = match body.get("templates").and_then(Value::as_array) {
        None => {
            errors.push("templates must be an array".to_string());
            None
        }
        Some(list) if list.len() != 1 => {
            errors.push("templates must contain exactly 1 elements".to_string());
            None
        }
        Some(list) => {
            let field = |k: &str| list[0].get(k).and_then(Value::as_str).map(str::to_string);
            match (field("templateName"), field("templateLanguage")) {
                (Some(n), Some(l)) => Some((n, l)),
                _ => {
                    errors.push(
                        "templates.0.templateName and templates.0.templateLanguage are required"
                            .to_string(),
                    );
                    None
                }
            }
        }
    };
    let timeframe = match body.get("timeframe") {
        None => "7",
        Some(Value::String(t)) if TIMEFRAMES.contains(&t.as_str()) => t.as_str(),
        Some(_) => {
            errors.push("timeframe must be one of the following values: 30, 60, 7, 90".into());
            "7"
        }
    };
    if body.get("endTimestamp").is_some_and(|v| !v.is_number()) {
        errors.push("endTimestamp must be a number".into());
    }
    let (Some(other), true) = (other, errors.is_empty()) else {
        return Err(PapiError::invalid_input(errors));
    };
    let mine = (name, language);
    let mut st = app.lock();
    let wa = project(&mut st, &project_id);
    let first = wa.templates.get(&mine).ok_or_else(not_found)?;
    let second = wa.templates.get(&other).ok_or_else(|| {
        PapiError::new(
            StatusCode::NOT_FOUND,
            "templates_compare_not_found",
            "Templates to compare not found.",
            &format!(
                "Verify that the parameters are correct. No templates found for templateName: {} \
                 and templateLanguage: {}",
                other.0, other.1
            ),
        )
    })?;
    if mine == other {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "templates_compare_not_unique",
            "Templates to compare not unique.",
            "Template can't be compared with itself. Provide unique templates for comparison.",
        ));
    }
    let days: i64 = timeframe.parse().unwrap_or(7);
    let sends = |t: &serde_json::Map<String, Value>| match t.get("state").and_then(Value::as_str) {
        Some("APPROVED") => MIN_SENDS * days,
        _ => 0,
    };
    if sends(first) < MIN_SENDS || sends(second) < MIN_SENDS {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "templates_not_eligible_for_comparison",
            "Templates not eligible for comparison.",
            "Templates must have been sent at least 1,000 times in the specified timeframe.",
        )
        .with_info(json!({ "timeframe": [timeframe] })));
    }
    let mut ranked = [(&mine, sends(first)), (&other, sends(second))];
    ranked.sort_by(|a, b| a.0.cmp(b.0));
    let templates: Vec<Value> = ranked
        .iter()
        .enumerate()
        .map(|(i, ((n, l), s))| {
            json!({"name": n, "language": l, "blockOrder": i + 1, "messageSends": s,
                   "topBlockReason": "NO_REASON"})
        })
        .collect();
    Ok(Json(json!({ "templates": templates })))
}
