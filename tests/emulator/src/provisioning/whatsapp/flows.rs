//! WhatsApp flows: `GET /whatsapp/flows` (paged 1..100, default 50) and
//! `GET /whatsapp/flows/{id}/screens` (`{screens: [...]}`, 404 `flow_not_found`). Flows are
//! built in Meta's tools, so the API only reads them: tests add them with the control API.

use crate::provisioning::auth::Authenticated;
use crate::provisioning::collection::{Collection, NotFound};
use crate::provisioning::error::PapiError;
use crate::provisioning::pagination::PageSpec;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

/// Read-only: tests add flows with the control API.
pub static COLLECTION: Collection<Flow> = Collection::new(
    "/whatsapp/flows",
    "flows",
    NotFound {
        code: "flow_not_found",
        what: "Flow",
    },
    |p, project_id| &mut p.whatsapp.entry(project_id.to_string()).or_default().flows,
    |flow| flow.dto.get("id").and_then(Value::as_str),
)
.paged(PageSpec {
    max: 100,
    default: 50,
})
.without_get();

/// A flow (`{id, name, status}`) and its screens (any JSON).
#[derive(Debug, Clone)]
pub struct Flow {
    pub dto: Value,
    pub screens: Vec<Value>,
}

/// A list shows the flow without its screens.
impl Serialize for Flow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.dto.serialize(s)
    }
}

pub fn routes() -> Router<AppState> {
    COLLECTION.routes().route(
        "/v1/projects/{project_id}/whatsapp/flows/{id}/screens",
        get(screens),
    )
}

async fn screens(
    _: Authenticated,
    State(app): State<AppState>,
    Path((project_id, flow_id)): Path<(String, String)>,
) -> Result<Json<Value>, PapiError> {
    COLLECTION.with_item(&app, &project_id, &flow_id, |flow| {
        Ok(Json(json!({"screens": flow.screens})))
    })
}
