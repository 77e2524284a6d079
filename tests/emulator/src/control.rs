//! The `/_emulator/...` control API, for tests written in other languages (Python, Kotlin)
//! that run the binary. Mirrors the Rust methods of [`crate::Emulator`].

use crate::callbacks;
use crate::faults::Fault;
use crate::http_util::json_response;
use crate::provisioning::{conversation, whatsapp};
use crate::state::{AppState, State as EmState};
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
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
        .route("/_emulator/conversation/channels", post(link_channel))
        .route("/_emulator/callbacks/deliveries", get(deliveries))
        .route(
            "/_emulator/callbacks/deliveries/{id}/replay",
            post(replay_delivery),
        )
        .route("/_emulator/callbacks/emit", post(emit_callback))
        .route("/_emulator/callbacks/config", post(callback_config))
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
#[serde(deny_unknown_fields)]
struct LinkChannel {
    project_id: String,
    app_id: String,
    /// `instagram`, `messenger`, `telegram` or `viber`.
    channel: String,
    /// The channel info as the API answers it (`status` defaults to `ACTIVE`).
    #[serde(default)]
    info: serde_json::Map<String, serde_json::Value>,
}

/// Links a channel with its info to a Conversation API app (what the Sinch dashboard does);
/// 400 with the reason for an unknown channel or an app id the API would refuse.
async fn link_channel(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<LinkChannel>(&body).and_then(|l| {
        conversation::link(
            &mut app.lock(),
            &l.project_id,
            &l.app_id,
            &l.channel,
            l.info,
        )
    }) {
        Ok(()) => ok(),
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

/// `{"deliveries": [...]}`, oldest first; `?project_id=` keeps one project's.
async fn deliveries(State(app): State<AppState>, RawQuery(query): RawQuery) -> Response<Body> {
    let query = crate::http_util::parse_form(query.unwrap_or_default().as_bytes());
    let project = crate::http_util::form_get(&query, "project_id").map(str::to_string);
    let list: Vec<_> = app
        .lock()
        .callbacks
        .deliveries
        .iter()
        .filter(|d| project.as_ref().is_none_or(|p| *p == d.project_id))
        .cloned()
        .collect();
    json_response(StatusCode::OK, &json!({ "deliveries": list }), &[])
}

/// Resends the delivery's last attempt byte for byte (a replay); answers the target's status.
async fn replay_delivery(State(app): State<AppState>, Path(id): Path<String>) -> Response<Body> {
    match callbacks::replay(&app, &id).await {
        Ok(status) => json_response(StatusCode::OK, &json!({"ok": true, "status": status}), &[]),
        Err(e) => json_response(StatusCode::NOT_FOUND, &json!({"error": e}), &[]),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmitBody {
    project_id: String,
    trigger: String,
    #[serde(default)]
    payload: serde_json::Value,
    comment: Option<String>,
}

/// Calls back the project's webhooks subscribed to `trigger` (any name, unknown ones too).
async fn emit_callback(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    match parse::<EmitBody>(&body) {
        Ok(e) => {
            let n = callbacks::emit(
                &mut app.lock(),
                &e.project_id,
                &e.trigger,
                &e.payload,
                e.comment.as_deref(),
            );
            json_response(StatusCode::OK, &json!({"ok": true, "deliveries": n}), &[])
        }
        Err(e) => bad_request(e),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CallbackConfigBody {
    max_attempts: Option<u32>,
    backoff_ms: Option<u64>,
    clock_skew_secs: Option<i64>,
}

/// Changes how deliveries are retried and signed from now on (the fields given); answers the
/// whole configuration.
async fn callback_config(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    let cfg: CallbackConfigBody = match parse(&body) {
        Ok(c) => c,
        Err(e) => return bad_request(e),
    };
    if cfg.max_attempts.is_some_and(|n| !(1..=10).contains(&n)) {
        return bad_request("max_attempts must be 1 to 10".into());
    }
    let mut st = app.lock();
    let retry = &mut st.callbacks.retry;
    if let Some(n) = cfg.max_attempts {
        retry.max_attempts = n;
    }
    if let Some(ms) = cfg.backoff_ms {
        retry.backoff_ms = ms.min(5_000);
    }
    if let Some(s) = cfg.clock_skew_secs {
        retry.clock_skew_secs = s;
    }
    json_response(
        StatusCode::OK,
        &serde_json::to_value(&*retry).unwrap_or_default(),
        &[],
    )
}
