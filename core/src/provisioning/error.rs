//! Mapping Provisioning API answers that are not 2xx to [`SinchError`].

use crate::error::SinchError;
use crate::http::RawResponse;
use serde::Deserialize;
use std::collections::HashMap;
use std::time::SystemTime;

/// The "PAPI error" body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PapiError {
    error_code: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    resolution: String,
    #[serde(default)]
    additional_information: HashMap<String, serde_json::Value>,
}

fn flatten(v: serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
            .collect(),
        serde_json::Value::String(s) => vec![s],
        serde_json::Value::Null => vec![],
        other => vec![other.to_string()],
    }
}

/// The typed error for an unsuccessful response. `what` names the call; `credential` the auth.
///
/// 429 is `RateLimited`, 5xx `ServiceUnavailable` and 401 `InvalidCredentials`, whatever the
/// body says; any other status with a PAPI error body is `Api`.
pub fn map_error(r: &RawResponse, what: &str, credential: &str) -> SinchError {
    let papi = serde_json::from_slice::<PapiError>(&r.body).ok();
    if r.status == 429 {
        return rate_limited(r, what);
    }
    if r.status >= 500 {
        // Service trouble is one kind of error whatever the body says, so callers can catch it
        // in one place; the server's code and text stay in the reason.
        let said = papi
            .map(|e| format!("{} {}", e.error_code, e.message))
            .unwrap_or_else(|| r.excerpt());
        return SinchError::ServiceUnavailable {
            status: r.status.into(),
            reason: format!(
                "{what} failed: the service answered HTTP {} ({said}); try again later",
                r.status
            ),
        };
    }
    if r.status == 401 {
        // Whatever the body's shape (a PAPI error, a gateway's page, nothing): the caller acts
        // on a 401 one way, so it is one error class.
        let said = papi
            .map(|e| format!(" ({}: {})", e.error_code, e.message.trim_end_matches('.')))
            .unwrap_or_default();
        return SinchError::InvalidCredentials {
            reason: format!(
                "{what} was refused with HTTP 401{said} for {credential}; check the credentials \
                 and that the project ID belongs to them"
            ),
        };
    }
    if let Some(e) = papi {
        let additional_information: HashMap<String, Vec<String>> = e
            .additional_information
            .into_iter()
            .map(|(k, v)| (k, flatten(v)))
            .collect();
        let mut reason = format!(
            "{what} failed: HTTP {} {}: {}",
            r.status,
            e.error_code,
            e.message.trim_end_matches('.')
        );
        if let Some(v) = additional_information.get("validationErrors") {
            if !v.is_empty() {
                reason.push_str(&format!(" ({})", v.join("; ")));
            }
        }
        if !e.resolution.is_empty() {
            reason.push_str(&format!(". {}", e.resolution));
        }
        return SinchError::ApiError {
            status: r.status.into(),
            error_code: e.error_code,
            detail: e.message,
            resolution: e.resolution,
            additional_information,
            reason,
        };
    }
    match r.status {
        403 => SinchError::InvalidCredentials {
            reason: format!(
                "{what} was refused with HTTP {} for {credential}; check the credentials and \
                 that the project ID belongs to them",
                r.status
            ),
        },
        s => SinchError::protocol(format!(
            "{what} failed with HTTP {s} and a body that is not a Provisioning API error: {}",
            r.excerpt()
        )),
    }
}

fn rate_limited(r: &RawResponse, what: &str) -> SinchError {
    let ra = r.retry_after(SystemTime::now());
    SinchError::RateLimited {
        retry_after_ms: ra.map(crate::clock::millis),
        reason: format!(
            "{what} was rate limited (HTTP 429) and retries ran out; slow down{}",
            ra.map(|d| format!(" and retry after {} ms", d.as_millis()))
                .unwrap_or_default()
        ),
    }
}
