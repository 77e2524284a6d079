//! Initial resources (`--seed FILE`, [`crate::EmulatorConfig::seed`]).
//!
//! ```json
//! {"projects": {"my-project": {
//!     "webhooks": [{"target": "https://example.com/hook", "secret": "s", "triggers": ["ALL"]}],
//!     "sms/smsApps": [{"name": "Alerts", "region": "EU"}],
//!     "kakaotalk/senders/@my-plus-friend/templates": [{"...": "..."}]
//! }}}
//! ```
//!
//! Each key is a collection's path under `/v1/projects/{projectId}/`, as in the API; each body
//! is what a client would `POST` there. The bodies go through the emulator's own routes before
//! the first connection, so a seeded resource is validated, numbered and shaped exactly like one
//! a client created. Reset returns to the seeded state.

use crate::state::AppState;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use std::time::Duration;
use tower::ServiceExt;

/// Creates every resource of `seed` through `router`. The error names the resource that failed
/// and quotes the emulator's answer.
pub async fn apply(app: &AppState, router: axum::Router, seed: &Value) -> Result<(), String> {
    let projects = seed
        .get("projects")
        .and_then(Value::as_object)
        .ok_or("the seed must be a JSON object with a \"projects\" object")?;
    let token = format!("seed-{}", crate::tokens::uuid_v4());
    app.lock().sinch_tokens.insert(
        token.clone(),
        crate::state::expiry_after(Duration::from_secs(3600)),
    );
    let outcome: Result<(), String> = async {
        for (project, collections) in projects {
            let collections = collections
                .as_object()
                .ok_or_else(|| format!("projects.{project}: expected an object of collections"))?;
            for (path, bodies) in collections {
                let bodies = bodies.as_array().ok_or_else(|| {
                    format!("projects.{project}.{path}: expected an array of request bodies")
                })?;
                for (i, body) in bodies.iter().enumerate() {
                    let at = format!("projects.{project}.{path}[{i}]");
                    create(router.clone(), &token, project, path, body)
                        .await
                        .map_err(|e| format!("{at}: {e}"))?;
                }
            }
        }
        Ok(())
    }
    .await;
    // The seeding leaves no trace but its resources: no token, no counts.
    {
        let mut st = app.lock();
        st.sinch_tokens.remove(&token);
        st.counters = Default::default();
    }
    outcome?;
    app.keep_as_baseline();
    Ok(())
}

async fn create(
    router: axum::Router,
    token: &str,
    project: &str,
    path: &str,
    body: &Value,
) -> Result<(), String> {
    let request = Request::post(format!(
        "/v1/projects/{project}/{}",
        path.trim_start_matches('/')
    ))
    .header("authorization", format!("Bearer {token}"))
    .header("content-type", "application/json")
    .body(Body::from(body.to_string()))
    .map_err(|e| format!("not a usable path: {e}"))?;
    let response = router
        .oneshot(request)
        .await
        .map_err(|e| format!("the emulator failed: {e}"))?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let bytes = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .unwrap_or_default();
    let hint = if status == StatusCode::NOT_FOUND || status == StatusCode::METHOD_NOT_ALLOWED {
        " (is the path a collection the API creates with POST?)"
    } else {
        ""
    };
    Err(format!(
        "HTTP {status}{hint}: {}",
        String::from_utf8_lossy(&bytes)
    ))
}
