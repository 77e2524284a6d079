//! WhatsApp solutions, in the spec's shapes (v1.2.117): `/whatsapp/solutions` (list
//! `{solutions: [...]}`, no paging; create `{details:{name}, accessToken, businessManager:
//! SINCH_BR|SINCH_MX|SINCH_UK}` → 201 `{solutions: [...], failedSolutions: [...]}`, the access
//! token kept out of every answer), `/{id}` (404 `solution_not_found`) and `/{id}/assign` (204;
//! the project's assigned solution, any other one unassigned; 409
//! `solution_cannot_be_reassigned` once a sender exists). Meta app IDs are numbers.
//!
//! Emulator rule: an access token starting with `fail-` stands for a Meta activation failure;
//! the solution is answered in `failedSolutions` (`ACTIVATION_FAILED`) and not stored.

use super::str_field;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::collection::{Collection, NotFound};
use crate::provisioning::error::json_object;
use crate::provisioning::error::PapiError;
use crate::state::AppState;
use crate::tokens;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

/// Unpaged: the list answers every solution of the project.
pub static COLLECTION: Collection<Map<String, Value>> = Collection::new(
    "/whatsapp/solutions",
    "solutions",
    NotFound {
        code: "solution_not_found",
        what: "Solution",
    },
    |p, project_id| {
        &mut p
            .whatsapp
            .entry(project_id.to_string())
            .or_default()
            .solutions
    },
    |solution| str_field(solution, "id"),
);

const BUSINESS_MANAGERS: &[&str] = &["SINCH_BR", "SINCH_MX", "SINCH_UK"];

pub fn routes() -> Router<AppState> {
    COLLECTION
        .routes()
        .route("/v1/projects/{project_id}/whatsapp/solutions", post(create))
        .route(
            "/v1/projects/{project_id}/whatsapp/solutions/{id}/assign",
            post(assign),
        )
}

/// A Meta app ID: a number in the spec's answers.
fn meta_app_id() -> Value {
    json!(tokens::digits(15).parse::<u64>().unwrap_or(1))
}

async fn create(
    _: Authenticated,
    State(app): State<AppState>,
    Path(project_id): Path<String>,
    body: Bytes,
) -> Result<Response, PapiError> {
    let body = json_object(&body)?;
    let fails = str_field(&body, "accessToken").is_some_and(|t| t.starts_with("fail-"));
    let solution = build(&body)?;
    let answer = if fails {
        json!({"solutions": [], "failedSolutions": [{
            "partnerAppId": solution["partnerApp"]["id"].to_string(),
            "errorCode": "ACTIVATION_FAILED",
            "errorMessage": "Meta could not activate the solution.",
        }]})
    } else {
        let mut st = app.lock();
        COLLECTION
            .items(&mut st.provisioning, &project_id)
            .push(solution.clone());
        json!({"solutions": [solution], "failedSolutions": []})
    };
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

fn build(body: &Map<String, Value>) -> Result<Map<String, Value>, PapiError> {
    let mut errors = Vec::new();
    let name = body
        .get("details")
        .and_then(|d| d.get("name"))
        .and_then(Value::as_str)
        .filter(|n| !n.trim().is_empty());
    if name.is_none() {
        errors.push("details.name should not be empty".to_string());
    }
    if str_field(body, "accessToken").is_none_or(|t| t.is_empty()) {
        errors.push("accessToken should not be empty".to_string());
    }
    let bm = str_field(body, "businessManager").filter(|b| BUSINESS_MANAGERS.contains(b));
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
        json!({"id": meta_app_id(), "name": bm}),
    );
    s.insert(
        "ownerApp".into(),
        json!({"id": meta_app_id(), "name": "Owner app"}),
    );
    Ok(s)
}

async fn assign(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, solution_id)): Path<(String, String)>,
) -> Result<StatusCode, PapiError> {
    let mut st = app.lock();
    let onboarded = st
        .provisioning
        .whatsapp
        .get(&project_id)
        .is_some_and(|wa| !wa.senders.is_empty());
    let solutions = COLLECTION.items(&mut st.provisioning, &project_id);
    let Some(target) = solutions
        .iter()
        .find(|s| str_field(s, "id") == Some(solution_id.as_str()))
    else {
        return Err(COLLECTION.not_found());
    };
    let already = target.get("assigned") == Some(&Value::Bool(true));
    if onboarded && !already {
        return Err(PapiError::new(
            StatusCode::CONFLICT,
            "solution_cannot_be_reassigned",
            "Project is already onboarded, can't reassign solution",
            "Verify that the parameters are correct.",
        ));
    }
    for s in solutions.iter_mut() {
        let me = str_field(s, "id") == Some(solution_id.as_str());
        s.insert("assigned".into(), json!(me));
    }
    Ok(StatusCode::NO_CONTENT)
}
