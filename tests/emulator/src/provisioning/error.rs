//! The Provisioning API error body ("PAPI Error"), shared by every resource.

use axum::body::Body;
use axum::http::{Response, StatusCode};
use axum::response::IntoResponse;
use serde_json::{json, Map, Value};

/// `{"errorCode","message","resolution","additionalInformation"?}` with an HTTP status.
/// Handlers return `Result<_, PapiError>` and use `?`.
#[derive(Debug, Clone)]
pub struct PapiError {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
    pub resolution: String,
    pub additional_information: Option<Value>,
}

impl PapiError {
    pub fn new(status: StatusCode, code: &str, message: &str, resolution: &str) -> PapiError {
        PapiError {
            status,
            code: code.to_string(),
            message: message.to_string(),
            resolution: resolution.to_string(),
            additional_information: None,
        }
    }

    pub fn with_info(mut self, info: Value) -> PapiError {
        self.additional_information = Some(info);
        self
    }

    /// 400 `invalid_payload`: the body is not JSON (or not a JSON object).
    pub fn invalid_payload() -> PapiError {
        PapiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_payload",
            "Invalid payload.",
            "Send a valid JSON object.",
        )
    }

    /// 400 `invalid_input` listing every validation failure.
    pub fn invalid_input(errors: Vec<String>) -> PapiError {
        PapiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_input",
            "Invalid input.",
            "Correct the validation errors and submit again.",
        )
        .with_info(json!({ "validationErrors": errors }))
    }

    /// 400 `no_fields_to_update`: a PATCH without any updatable field.
    pub fn no_fields_to_update() -> PapiError {
        PapiError::new(
            StatusCode::BAD_REQUEST,
            "no_fields_to_update",
            "No fields to update.",
            "Provide at least one field to update.",
        )
    }

    /// 404 with a resource-specific code such as `webhook_not_found`.
    pub fn not_found(code: &str, what: &str) -> PapiError {
        PapiError::new(
            StatusCode::NOT_FOUND,
            code,
            &format!("{what} not found."),
            &format!(
                "Verify that the {} id and projectId are correct.",
                what.to_lowercase()
            ),
        )
    }
}

impl IntoResponse for PapiError {
    fn into_response(self) -> Response<Body> {
        let mut body = Map::new();
        body.insert("errorCode".into(), Value::String(self.code));
        body.insert("message".into(), Value::String(self.message));
        body.insert("resolution".into(), Value::String(self.resolution));
        if let Some(info) = self.additional_information {
            body.insert("additionalInformation".into(), info);
        }
        crate::http_util::json_response(self.status, &Value::Object(body), &[])
    }
}

/// Parses a request body that must be a JSON object; anything else is `invalid_payload`.
/// Field-level checks are left to the resource so they can report `invalid_input`.
pub fn json_object(body: &[u8]) -> Result<Map<String, Value>, PapiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(PapiError::invalid_payload()),
    }
}
