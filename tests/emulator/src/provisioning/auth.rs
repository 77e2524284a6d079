//! Authentication shared by every Provisioning route: a Bearer token issued by the
//! emulator's OAuth2 endpoint, or Basic with a registered key.
//!
//! Rejections are gateway-style (problem+json-like body, not the PAPI error shape) and
//! carry `www-authenticate`. Only an expired token says `expired` there: that is the
//! signal SDKs use to refresh and retry once, so other 401s must never contain it.

use crate::http_util::{credentials, json_response, Credentials};
use crate::oauth::key_accepted;
use crate::state::{AppState, TokenCheck};
use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Response, StatusCode};
use serde_json::json;

/// Proof that the request is authenticated. Add it as a handler argument.
#[derive(Debug, Clone, Copy)]
pub struct Authenticated;

fn unauthorized(detail: &str) -> Response<Body> {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({
            "type": "https://developers.sinch.com/docs/errors/registry/unauthorized",
            "title": "Unauthorized",
            "detail": detail,
        }),
        &[(
            "www-authenticate",
            r#"Bearer realm="sinch", error="invalid_token""#,
        )],
    )
}

fn expired() -> Response<Body> {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({
            "type": "https://developers.sinch.com/docs/errors/registry/access-token-expired",
            "title": "Token expired",
            "detail": "The access token has expired. Generate a new token at https://auth.sinch.com.",
        }),
        &[(
            "www-authenticate",
            r#"Bearer realm="sinch", error="invalid_token", error_description="expired""#,
        )],
    )
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = Response<Body>;

    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let st = app.lock();
        match credentials(&parts.headers) {
            None => Err(unauthorized("Missing Authorization header.")),
            Some(Credentials::Bearer(token)) => match st.check_sinch_token(&token) {
                TokenCheck::Valid => Ok(Authenticated),
                TokenCheck::Expired => Err(expired()),
                TokenCheck::Unknown => Err(unauthorized("Invalid access token.")),
            },
            Some(Credentials::Basic { id, secret }) if key_accepted(&st, &id, &secret) => {
                Ok(Authenticated)
            }
            Some(Credentials::Basic { .. }) => Err(unauthorized("Invalid key id or key secret.")),
            Some(Credentials::Malformed) => Err(unauthorized("Malformed Authorization header.")),
        }
    }
}
