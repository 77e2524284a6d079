//! WhatsApp flows: `GET /whatsapp/flows` (paged 1..100, default 50) and
//! `GET /whatsapp/flows/{id}/screens` (`{screens: [...]}`, 404 `flow_not_found`). Flows are
//! built in Meta's tools, so the API only reads them: tests add them with the control API.

use super::project;
use crate::http_util::parse_form;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::error::PapiError;
use crate::provisioning::pagination::{page, PageSpec};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

const PAGE: PageSpec = PageSpec {
    max: 100,
    default: 50,
};

/// A flow (`{id, name, status}`) and its screens (any JSON).
#[derive(Debug, Clone)]
pub struct Flow {
    pub dto: Value,
    pub screens: Vec<Value>,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/projects/{project_id}/whatsapp/flows", get(list))
        .route(
            "/v1/projects/{project_id}/whatsapp/flows/{flow_id}/screens",
            get(screens),
        )
}

async fn list(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PapiError> {
    let query = parse_form(query.unwrap_or_default().as_bytes());
    let mut st = app.lock();
    let flows: Vec<&Value> = project(&mut st, &project_id)
        .flows
        .iter()
        .map(|f| &f.dto)
        .collect();
    page(&flows, "flows", &query, PAGE)
}

async fn screens(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, flow_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    project(&mut st, &project_id)
        .flows
        .iter()
        .find(|f| f.dto.get("id").and_then(Value::as_str) == Some(flow_id.as_str()))
        .map(|f| Json(json!({"screens": f.screens})))
        .ok_or_else(|| PapiError::not_found("flow_not_found", "Flow"))
}
