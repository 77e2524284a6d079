//! JSON-object storage shared by the resources that need no typed store (SMS apps, bundles,
//! KakaoTalk and RCS senders; [`collection`](super::collection) finds their items), query
//! helpers for list filters, and the test control
//! `POST /_emulator/provisioning/set-field`, which sets any field of a stored resource to any
//! JSON value (how tests get a state or status the client does not know yet); setting a
//! `state` calls the project's webhooks back as the real change would.

use super::error::PapiError;
use crate::http_util::json_response;
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{Response, StatusCode};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// One stored resource: the JSON object the API returns.
pub type Resource = Map<String, Value>;

/// Resources keyed by projectId, in creation order.
pub type JsonStore = HashMap<String, Vec<Resource>>;

/// Every value of a query parameter: repeated keys (`k=a&k=b`, the spec's form for arrays:
/// style form, explode true) and comma-separated lists (`k=a,b`). `k[]=a` is another parameter,
/// ignored as the API ignores parameters it does not know: a client sending it sees an
/// unfiltered list, as it would against Sinch. Empty values are dropped.
pub fn query_values(query: &[(String, String)], key: &str) -> Vec<String> {
    query
        .iter()
        .filter(|(k, _)| k == key)
        .flat_map(|(_, v)| v.split(','))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// The string value of `key`, if it is a string.
pub fn str_field<'a>(obj: &'a Resource, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// Checks `region` is one of the regions Provisioning resources are created in.
pub fn check_region(body: &Resource, errors: &mut Vec<String>) -> Option<String> {
    match body.get("region").and_then(Value::as_str) {
        Some(r @ ("BR" | "EU" | "US")) => Some(r.to_string()),
        _ => {
            errors.push("region must be one of the following values: BR, EU, US".to_string());
            None
        }
    }
}

/// The current time as ISO-8601 UTC with milliseconds (`2026-06-24T11:54:15.123Z`).
pub fn now_iso() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil-from-days (Howard Hinnant).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        now.subsec_millis()
    )
}

/// Sets `field` (a dotted path such as `details.name`; missing objects are created) of
/// `obj` to `value`.
pub fn set_path(obj: &mut Resource, field: &str, value: Value) -> Result<(), String> {
    let mut parts = field.split('.').peekable();
    let mut cur = obj;
    while let Some(part) = parts.next() {
        if part.is_empty() {
            return Err(format!("invalid field path '{field}'"));
        }
        if parts.peek().is_none() {
            cur.insert(part.to_string(), value);
            return Ok(());
        }
        let next = cur
            .entry(part.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        cur = next
            .as_object_mut()
            .ok_or_else(|| format!("'{part}' is not an object"))?;
    }
    Err(format!("invalid field path '{field}'"))
}

/// The body of `POST /_emulator/provisioning/set-field`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetField {
    pub project_id: String,
    /// `sms_apps`, `bundles`, `kakaotalk_senders`, `kakaotalk_templates` (whose `project_id`
    /// is `{projectId}/{plusFriendId}`) or `rcs_senders`.
    pub resource: String,
    /// The resource id (`plusFriendId` for KakaoTalk senders, `code` for their templates).
    pub id: String,
    /// A field name, or a dotted path (`details.name`).
    pub field: String,
    pub value: Value,
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/_emulator/provisioning/set-field", post(set_field))
}

async fn set_field(State(app): State<AppState>, body: Bytes) -> Response<Body> {
    let req: SetField = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                &json!({"error": format!("invalid body: {e}")}),
                &[],
            )
        }
    };
    match super::set_field(&mut app.lock(), &req) {
        Ok(()) => json_response(StatusCode::OK, &json!({"ok": true}), &[]),
        Err(e) => json_response(StatusCode::NOT_FOUND, &json!({"error": e}), &[]),
    }
}

/// Parses a JSON object body; `invalid_payload` otherwise.
pub fn body_object(body: &[u8]) -> Result<Resource, PapiError> {
    super::error::json_object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_forms() {
        let q: Vec<(String, String)> = [("s", "A"), ("s", "B,C"), ("s[]", "D"), ("t", "X")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(query_values(&q, "s"), ["A", "B", "C"]);
    }

    #[test]
    fn set_path_nested() {
        let mut o = Map::new();
        set_path(&mut o, "details.name", json!("x")).unwrap();
        set_path(&mut o, "state", json!("NEW")).unwrap();
        assert_eq!(
            Value::Object(o),
            json!({"details": {"name": "x"}, "state": "NEW"})
        );
    }

    #[test]
    fn iso_time_shape() {
        let t = now_iso();
        assert_eq!(t.len(), 24, "{t}");
        assert!(t.ends_with('Z') && t.starts_with("20"));
    }
}
