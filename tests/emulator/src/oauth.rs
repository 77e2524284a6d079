//! Sinch OAuth2 token endpoint (`auth.sinch.com/oauth2/token`, client-credentials grant).

use crate::http_util::{
    credentials, form_get, form_urldecode, json_response, parse_form, Credentials,
};
use crate::state::{expiry_after, AppState, State};
use crate::tokens;
use axum::body::{Body, Bytes};
use axum::extract::State as AxState;
use axum::http::{HeaderMap, Response, StatusCode};
use serde_json::json;

pub const TOKEN_PATH: &str = "/oauth2/token";

/// True if `id:secret` is a registered key, either as sent or after form-url-decoding both
/// parts (the RFC 6749 §2.3.1 variant some clients use).
pub fn key_accepted(state: &State, id: &str, secret: &str) -> bool {
    if state.key_matches(id, secret) {
        return true;
    }
    match (form_urldecode(id), form_urldecode(secret)) {
        (Some(id), Some(secret)) => state.key_matches(&id, &secret),
        _ => false,
    }
}

fn invalid_client() -> Response<Body> {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"error": "invalid_client", "error_description": "Invalid client credentials"}),
        &[("www-authenticate", r#"Basic realm="sinch""#)],
    )
}

/// `POST /oauth2/token`. Client authentication is checked before the grant type, like
/// real authorization servers do. Counting happens in the server middleware.
pub async fn token(
    AxState(app): AxState<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let Some(Credentials::Basic { id, secret }) = credentials(&headers) else {
        return invalid_client();
    };
    let mut st = app.lock();
    if !key_accepted(&st, &id, &secret) {
        return invalid_client();
    }
    let form = parse_form(&body);
    match form_get(&form, "grant_type") {
        Some("client_credentials") => {}
        None => {
            return json_response(
                StatusCode::BAD_REQUEST,
                &json!({"error": "invalid_request", "error_description": "Missing form parameter: grant_type"}),
                &[],
            )
        }
        Some(_) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                &json!({"error": "unsupported_grant_type", "error_description": "Unsupported grant_type"}),
                &[],
            )
        }
    }
    let lifetime = st.token_lifetime;
    let token = tokens::jwt_like("RS256", "https://auth.sinch.com", lifetime.as_secs());
    st.sinch_tokens
        .insert(token.clone(), expiry_after(lifetime));
    json_response(
        StatusCode::OK,
        &json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": lifetime.as_secs(),
            "scope": "",
        }),
        &[("cache-control", "no-store")],
    )
}
