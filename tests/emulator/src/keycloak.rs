//! Sinch India's Keycloak realm `ipmessaging` token endpoint: password and refresh grants.
//!
//! Refresh tokens rotate (each refresh returns a new one and makes the old one stale) and
//! have an idle lifetime shorter than the access token by default, so clients must be
//! able to fall back to a password grant. Errors follow RFC 6749 §5.2, with Keycloak's
//! status codes and descriptions.

use crate::http_util::{form_get, json_response, parse_form};
use crate::state::{expiry_after, AppState, RefreshEntry, State};
use crate::tokens;
use axum::body::{Body, Bytes};
use axum::extract::State as AxState;
use axum::http::{Response, StatusCode};
use serde_json::json;
use std::time::Instant;

pub const TOKEN_PATH: &str = "/realms/ipmessaging/protocol/openid-connect/token";
/// Pre-Keycloak-17 URL form used by the UAT host.
pub const UAT_TOKEN_PATH: &str = "/auth/realms/ipmessaging/protocol/openid-connect/token";
pub const CLIENT_ID: &str = "ipmessaging-client";

fn error(status: StatusCode, error: &str, description: &str) -> Response<Body> {
    json_response(
        status,
        &json!({"error": error, "error_description": description}),
        &[],
    )
}

/// Issues an access + refresh token pair for `username` in session `session_state`.
fn issue(st: &mut State, username: String, session_state: String) -> Response<Body> {
    let access_life = st.keycloak_access_lifetime;
    let refresh_life = st.keycloak_refresh_lifetime;
    let access = tokens::jwt_like(
        "RS256",
        "emulator/realms/ipmessaging",
        access_life.as_secs(),
    );
    let refresh = tokens::jwt_like(
        "HS256",
        "emulator/realms/ipmessaging",
        refresh_life.as_secs(),
    );
    st.keycloak_access
        .insert(access.clone(), expiry_after(access_life));
    st.keycloak_refresh.insert(
        refresh.clone(),
        RefreshEntry {
            username,
            session_state: session_state.clone(),
            expires_at: expiry_after(refresh_life),
        },
    );
    json_response(
        StatusCode::OK,
        &json!({
            "access_token": access,
            "expires_in": access_life.as_secs(),
            "refresh_expires_in": refresh_life.as_secs(),
            "refresh_token": refresh,
            "token_type": "Bearer",
            "not-before-policy": 0,
            "session_state": session_state,
            "scope": "email profile",
        }),
        &[("cache-control", "no-store")],
    )
}

/// `POST /realms/ipmessaging/protocol/openid-connect/token` (and the `/auth/...` form).
pub async fn token(AxState(app): AxState<AppState>, body: Bytes) -> Response<Body> {
    let form = parse_form(&body);
    let Some(grant_type) = form_get(&form, "grant_type") else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing form parameter: grant_type",
        );
    };
    if form_get(&form, "client_id") != Some(CLIENT_ID) {
        return error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Invalid client or Invalid client credentials",
        );
    }
    let mut st = app.lock();
    match grant_type {
        "password" => {
            let user = form_get(&form, "username").unwrap_or("");
            let pass = form_get(&form, "password").unwrap_or("");
            if !st.user_matches(user, pass) {
                return error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_grant",
                    "Invalid user credentials",
                );
            }
            issue(&mut st, user.to_string(), tokens::uuid_v4())
        }
        "refresh_token" => {
            let Some(rt) = form_get(&form, "refresh_token").filter(|t| !t.is_empty()) else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "No refresh token",
                );
            };
            if st.keycloak_stale.contains(rt) {
                return error(StatusCode::BAD_REQUEST, "invalid_grant", "Stale token");
            }
            let Some(entry) = st.keycloak_refresh.get(rt).cloned() else {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid refresh token",
                );
            };
            if Instant::now() >= entry.expires_at {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Token is not active",
                );
            }
            // Rotation: the presented token is spent; reusing it later is "Stale token".
            st.keycloak_refresh.remove(rt);
            st.keycloak_stale.insert(rt.to_string());
            issue(&mut st, entry.username, entry.session_state)
        }
        _ => error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Unsupported grant_type",
        ),
    }
}
