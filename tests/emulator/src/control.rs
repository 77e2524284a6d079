//! The `/_emulator/...` control API, for tests written in other languages (Python, Kotlin)
//! that run the binary. Mirrors the Rust methods of [`crate::Emulator`].

use crate::faults::Fault;
use crate::http_util::json_response;
use crate::provisioning::whatsapp;
use crate::state::{AppState, State as EmState};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{Response, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/_emulator/health", get(health))
        .route("/_emulator/counters", get(counters))
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/expire-tokens", post(expire_tokens))
        .route("/_emulator/config", post(config))
        .route("/_emulator/keys", post(add_key))
        .route("/_emulator/users", post(add_user))
        .route("/_emulator/faults", post(add_fault))
        .route("/_emulator/whatsapp/templates", post(seed_templates))
        .route("/_emulator/whatsapp/flows", post(add_flow))
        .route("/_emulator/whatsapp/state", post(set_state))
}

fn ok() -> Response<Body> {
    json_response(StatusCode::OK, &json!({"ok": true}), &[])
}

/// Parses a JSON body; the error is what to tell the caller.
fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("invalid body: {e}"))
}

/// 400 `{"error": "..."}`.
fn bad_request(message: String) -> Response<Body> {
    json_response(StatusCode::BAD_REQUEST, &json!({"error": message}), &[])
}

async fn health() -> Response<Body> {
    ok()
}

async fn counters(State(app): State<AppState>) -> Response<Body> {
    let counters = app.lock().counters.clone();
    json_response(
        StatusCode::OK,
        &serde_json::to_value(counters).unwrap_or_default(),
        &[],
    )
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ResetBody {
    /// Also refuse every token issued so far (default: they stay valid).
    #[serde(default)]
    revoke_tokens: bool,
}

/// `{}` (or no body) keeps issued tokens valid; `{"revoke_tokens": true}` revokes them.
async fn reset(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    let body: ResetBody = if body.is_empty() {
        ResetBody::default()
    } else {
        match parse(&body) {
            Ok(b) => b,
            Err(e) => return bad_request(e),
        }
    };
    app.reset(body.revoke_tokens);
    ok()
}

async fn expire_tokens(State(app): State<AppState>) -> Response<Body> {
    app.lock().expire_all_tokens();
    ok()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigBody {
    token_lifetime_secs: Option<u64>,
    keycloak_access_lifetime_secs: Option<u64>,
    keycloak_refresh_lifetime_secs: Option<u64>,
}

/// Changes lifetimes for tokens issued from now on.
async fn config(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    let cfg: ConfigBody = match parse(&body) {
        Ok(c) => c,
        Err(e) => return bad_request(e),
    };
    let mut st = app.lock();
    if let Some(s) = cfg.token_lifetime_secs {
        st.token_lifetime = Duration::from_secs(s);
    }
    if let Some(s) = cfg.keycloak_access_lifetime_secs {
        st.keycloak_access_lifetime = Duration::from_secs(s);
    }
    if let Some(s) = cfg.keycloak_refresh_lifetime_secs {
        st.keycloak_refresh_lifetime = Duration::from_secs(s);
    }
    ok()
}

#[derive(Deserialize)]
struct KeyBody {
    key_id: String,
    key_secret: String,
}

async fn add_key(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<KeyBody>(&body) {
        Ok(k) => {
            EmState::upsert(&mut app.lock().keys, &k.key_id, &k.key_secret);
            ok()
        }
        Err(e) => bad_request(e),
    }
}

#[derive(Deserialize)]
struct UserBody {
    username: String,
    password: String,
}

async fn add_user(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<UserBody>(&body) {
        Ok(u) => {
            EmState::upsert(&mut app.lock().users, &u.username, &u.password);
            ok()
        }
        Err(e) => bad_request(e),
    }
}

async fn add_fault(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<Fault>(&body) {
        Ok(f) => {
            if f.count > 0 {
                app.lock().faults.push(f);
            }
            ok()
        }
        Err(e) => bad_request(e),
    }
}

#[derive(Deserialize)]
struct SeedTemplates {
    project_id: String,
    count: usize,
    #[serde(default = "default_prefix")]
    prefix: String,
    #[serde(default = "default_template_state")]
    state: String,
}

fn default_prefix() -> String {
    "bench_".into()
}

fn default_template_state() -> String {
    "APPROVED".into()
}

/// Adds `count` approved EN_US templates named `{prefix}00000...` (for list benchmarks).
async fn seed_templates(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<SeedTemplates>(&body) {
        Ok(s) => {
            let mut st = app.lock();
            let wa = whatsapp::project(&mut st, &s.project_id);
            whatsapp::templates::seed(wa, &s.prefix, s.count, &s.state);
            ok()
        }
        Err(e) => bad_request(e),
    }
}

#[derive(Deserialize)]
struct AddFlow {
    project_id: String,
    flow: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    screens: Vec<serde_json::Value>,
}

/// Adds a flow; answers `{"ok":true,"id":...}`.
async fn add_flow(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<AddFlow>(&body) {
        Ok(f) => {
            let id = whatsapp::add_flow(&mut app.lock(), &f.project_id, f.flow, f.screens);
            json_response(StatusCode::OK, &json!({"ok": true, "id": id}), &[])
        }
        Err(e) => bad_request(e),
    }
}

#[derive(Deserialize)]
struct SetState {
    project_id: String,
    target: whatsapp::StateTarget,
    id: Option<String>,
    language: Option<String>,
    state: String,
}

/// Moves the account, a sender or a template to `state`; 404 if it does not exist.
async fn set_state(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<SetState>(&body) {
        Ok(s) => match whatsapp::set_state(
            &mut app.lock(),
            &s.project_id,
            s.target,
            s.id.as_deref(),
            s.language.as_deref(),
            &s.state,
        ) {
            Ok(()) => ok(),
            Err(e) => json_response(StatusCode::NOT_FOUND, &json!({"error": e}), &[]),
        },
        Err(e) => bad_request(e),
    }
}
