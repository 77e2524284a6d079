//! The `/_emulator/...` control API, for tests written in other languages (Python, Kotlin)
//! that run the binary. Mirrors the Rust methods of [`crate::Emulator`].

use crate::faults::Fault;
use crate::http_util::json_response;
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

async fn reset(State(app): State<AppState>) -> Response<Body> {
    app.reset();
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
