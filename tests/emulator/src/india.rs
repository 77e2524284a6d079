//! Sinch India (ACL) WhatsApp send API v2, authenticated with Keycloak access tokens.

use crate::http_util::{credentials, json_response, Credentials};
use crate::state::{AppState, TokenCheck};
use crate::tokens;
use axum::body::{Body, Bytes};
use axum::extract::State as AxState;
use axum::http::{HeaderMap, Response, StatusCode};
use serde_json::{json, Value};

pub const SEND_PATH: &str = "/pull-platform-receiver/v2/wa/messages";

/// India's documented error shape; note `success` is the string "false" here.
fn error(status: StatusCode, code: &str, description: &str) -> Response<Body> {
    json_response(
        status,
        &json!({"success": "false", "description": [{"errorCode": code, "errorDescription": description}]}),
        &[],
    )
}

/// Any bad token (unknown, expired, missing) gives the same 401. Its `www-authenticate`
/// deliberately never says "expired": it is not documented that India does, so clients
/// must treat every 401 from this API as "re-authenticate".
fn unauthorized() -> Response<Body> {
    json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"success": "false", "description": [{"errorCode": "unauthorized", "errorDescription": "UNAUTHORIZED"}]}),
        &[("www-authenticate", r#"Bearer realm="ipmessaging""#)],
    )
}

fn valid_msisdn(to: &str) -> bool {
    (10..=15).contains(&to.len()) && to.bytes().all(|b| b.is_ascii_digit())
}

/// `POST /pull-platform-receiver/v2/wa/messages`.
pub async fn send(
    AxState(app): AxState<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let authorized = match credentials(&headers) {
        Some(Credentials::Bearer(token)) => {
            app.lock().check_keycloak_token(&token) == TokenCheck::Valid
        }
        _ => false,
    };
    if !authorized {
        return unauthorized();
    }
    let Ok(Value::Object(msg)) = serde_json::from_slice::<Value>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "INVALID REQUEST BODY",
        );
    };
    match msg.get("to").and_then(Value::as_str) {
        Some(to) if valid_msisdn(to) => {}
        _ => return error(StatusCode::BAD_REQUEST, "invalid_msisdn", "INVALID MSISDN"),
    }
    let Some(kind) = msg
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    else {
        return error(StatusCode::BAD_REQUEST, "invalid_request", "MISSING TYPE");
    };
    // The payload lives under a key named after the type (`"text": {...}`, `"template": {...}`).
    let payload_ok = match msg.get(kind) {
        Some(Value::Object(p)) if kind == "text" => {
            matches!(p.get("body"), Some(Value::String(b)) if !b.is_empty())
        }
        Some(Value::Object(_)) => true,
        _ => false,
    };
    if !payload_ok {
        return error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "MISSING MESSAGE BODY",
        );
    }
    json_response(
        StatusCode::OK,
        &json!({"success": true, "responseId": tokens::digits(25)}),
        &[],
    )
}
