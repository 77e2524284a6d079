//! WhatsApp solutions: `/whatsapp/solutions` (list `{solutions: [...]}`, no paging; create
//! `{details:{name}, accessToken, businessManager: SINCH_BR|SINCH_MX|SINCH_UK}` → 201, the
//! access token is kept out of every answer), `/{id}` (404 `solution_not_found`) and
//! `/{id}/assign` (the project's assigned solution; any other one is unassigned).

use super::{project, str_field};
use crate::provisioning::auth::Authenticated;
use crate::provisioning::error::{json_object, PapiError};
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

const BUSINESS_MANAGERS: &[&str] = &["SINCH_BR", "SINCH_MX", "SINCH_UK"];

pub fn routes() -> Router<AppState> {
    let base = "/v1/projects/{project_id}/whatsapp/solutions";
    Router::new()
        .route(base, get(list).post(create))
        .route(&format!("{base}/{{solution_id}}"), get(get_one))
        .route(&format!("{base}/{{solution_id}}/assign"), post(assign))
}

fn not_found() -> PapiError {
    PapiError::not_found("solution_not_found", "Solution")
}

async fn list(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
) -> Json<Value> {
    let mut st = app.lock();
    Json(json!({"solutions": project(&mut st, &project_id).solutions}))
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = json_object(&body)?;
    let mut errors = Vec::new();
    let name = body
        .get("details")
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty());
    if name.is_none() {
        errors.push("details.name should not be empty".to_string());
    }
    if str_field(&body, "accessToken").is_none_or(|t| t.is_empty()) {
        errors.push("accessToken should not be empty".to_string());
    }
    let bm = str_field(&body, "businessManager").filter(|b| BUSINESS_MANAGERS.contains(b));
    if bm.is_none() {
        errors.push(
            "businessManager must be one of the following values: SINCH_BR, SINCH_MX, SINCH_UK"
                .to_string(),
        );
    }
    if !errors.is_empty() {
        return Err(PapiError::invalid_input(errors));
    }
    let mut s = Map::new();
    s.insert("id".into(), json!(tokens::digits(16)));
    s.insert("details".into(), json!({"name": name}));
    s.insert("assigned".into(), json!(false));
    s.insert(
        "partnerApp".into(),
        json!({"id": tokens::digits(15), "name": bm}),
    );
    s.insert(
        "ownerApp".into(),
        json!({"id": tokens::digits(15), "name": "Owner app"}),
    );
    let mut st = app.lock();
    project(&mut st, &project_id).solutions.push(s.clone());
    Ok((StatusCode::CREATED, Json(Value::Object(s))).into_response())
}

async fn get_one(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, solution_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    project(&mut st, &project_id)
        .solutions
        .iter()
        .find(|s| s.get("id").and_then(Value::as_str) == Some(solution_id.as_str()))
        .map(|s| Json(Value::Object(s.clone())))
        .ok_or_else(not_found)
}

async fn assign(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, solution_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let solutions = &mut project(&mut st, &project_id).solutions;
    if !solutions
        .iter()
        .any(|s| s.get("id").and_then(Value::as_str) == Some(solution_id.as_str()))
    {
        return Err(not_found());
    }
    let mut out = Value::Null;
    for s in solutions.iter_mut() {
        let me = s.get("id").and_then(Value::as_str) == Some(solution_id.as_str());
        s.insert("assigned".into(), json!(me));
        if me {
            out = Value::Object(s.clone());
        }
    }
    Ok(Json(out))
}
