//! WhatsApp solutions: `/whatsapp/solutions` (list `{solutions: [...]}`, no paging; create
//! `{details:{name}, accessToken, businessManager: SINCH_BR|SINCH_MX|SINCH_UK}` → 201, the
//! access token is kept out of every answer), `/{id}` (404 `solution_not_found`) and
//! `/{id}/assign` (the project's assigned solution; any other one is unassigned).

use super::str_field;
use crate::provisioning::auth::Authenticated;
use crate::provisioning::collection::{Collection, NotFound};
use crate::provisioning::error::PapiError;
use crate::state::AppState;
use crate::tokens;
use axum::extract::{Path, State};
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
)
.create(create);

const BUSINESS_MANAGERS: &[&str] = &["SINCH_BR", "SINCH_MX", "SINCH_UK"];

pub fn routes() -> Router<AppState> {
    COLLECTION.routes().route(
        "/v1/projects/{project_id}/whatsapp/solutions/{id}/assign",
        post(assign),
    )
}

fn create(_project_id: &str, body: Map<String, Value>) -> Result<Map<String, Value>, PapiError> {
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
    Ok(s)
}

async fn assign(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, solution_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    let mut st = app.lock();
    let solutions = COLLECTION.items(&mut st.provisioning, &project_id);
    if !solutions
        .iter()
        .any(|s| str_field(s, "id") == Some(solution_id.as_str()))
    {
        return Err(COLLECTION.not_found());
    }
    let mut out = Value::Null;
    for s in solutions.iter_mut() {
        let me = str_field(s, "id") == Some(solution_id.as_str());
        s.insert("assigned".into(), json!(me));
        if me {
            out = Value::Object(s.clone());
        }
    }
    Ok(Json(out))
}
