//! Sinch India WhatsApp: sending messages with a Keycloak Bearer token
//! (`POST …/pull-platform-receiver/v2/wa/messages`).
//!
//! Any 401 from this API means the token is no longer accepted (Sinch India does not say why):
//! the token is invalidated (compare-and-swap), a new one is fetched, and the request is sent
//! once more. Sending is a POST, so nothing else is retried except a 429.

use crate::api::{ApiRequest, ApiTransport, UnauthorizedRule};
use crate::auth::Auth;
use crate::error::{Result, SinchError};
use crate::http::{HttpSettings, RawResponse};
use crate::retry::RetryPolicy;
use crate::url_policy::checked_url;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;
use url::Url;

pub const PRODUCTION_SEND_URL: &str =
    "https://api.aclwhatsapp.com/pull-platform-receiver/v2/wa/messages";
pub const UAT_SEND_URL: &str =
    "https://apiuat.aclwhatsapp.com/pull-platform-receiver/v2/wa/messages";

/// A Sinch India environment: where its token endpoint and send API are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    #[default]
    Production,
    Uat,
}

impl Environment {
    pub fn token_url(self) -> &'static str {
        match self {
            Environment::Production => crate::auth::keycloak::PRODUCTION_TOKEN_URL,
            Environment::Uat => crate::auth::keycloak::UAT_TOKEN_URL,
        }
    }

    pub fn send_url(self) -> &'static str {
        match self {
            Environment::Production => PRODUCTION_SEND_URL,
            Environment::Uat => UAT_SEND_URL,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct IndiaConfig {
    /// Defaults to [`PRODUCTION_SEND_URL`]; [`UAT_SEND_URL`] for UAT, or any URL.
    pub send_url: Option<String>,
    pub http: HttpSettings,
    pub retry: RetryPolicy,
}

/// A text message.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TextMessage {
    /// MSISDN with country code, no `+` (e.g. `919876543210`).
    pub to: String,
    /// Up to 4096 characters.
    pub body: String,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub preview_url: Option<bool>,
    /// Your reference, echoed in delivery reports (`metadata.messageId`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message_id: Option<String>,
    /// Overrides the account's delivery-report URL (`metadata.callbackDlrUrl`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub callback_dlr_url: Option<String>,
}

/// Media in a template header.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TemplateMedia {
    /// `image`, `document` or `video`.
    pub kind: String,
    pub link: String,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub filename: Option<String>,
}

/// An approved template with its parameters.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TemplateMessage {
    pub to: String,
    pub name: String,
    /// The template language, e.g. `en`.
    pub language_code: String,
    /// Values for `{{1}}`, `{{2}}`… of the body, in order.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub body_parameters: Vec<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub header_text_parameters: Vec<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub header_media: Option<TemplateMedia>,
    /// The dynamic suffix of URL button `i`, for each button in order.
    #[cfg_attr(feature = "uniffi", uniffi(default = []))]
    pub url_button_parameters: Vec<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub message_id: Option<String>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub callback_dlr_url: Option<String>,
}

/// What Sinch India answered for an accepted message.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SendResult {
    pub response_id: String,
}

#[derive(Debug, Clone)]
pub struct IndiaWhatsappClient {
    transport: ApiTransport,
    url: Url,
}

fn metadata(message_id: &Option<String>, dlr: &Option<String>) -> Option<Value> {
    let mut m = serde_json::Map::new();
    if let Some(id) = message_id {
        m.insert("messageId".into(), json!(id));
    }
    if let Some(u) = dlr {
        m.insert("callbackDlrUrl".into(), json!(u));
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

fn text_params(values: &[String]) -> Vec<Value> {
    values
        .iter()
        .map(|t| json!({"type": "text", "text": t}))
        .collect()
}

impl TextMessage {
    pub fn to_json(&self) -> Value {
        let mut text = json!({"body": self.body});
        if let Some(p) = self.preview_url {
            text["preview_url"] = json!(p);
        }
        let mut v =
            json!({"recipient_type": "individual", "to": self.to, "type": "text", "text": text});
        if let Some(m) = metadata(&self.message_id, &self.callback_dlr_url) {
            v["metadata"] = m;
        }
        v
    }
}

impl TemplateMessage {
    pub fn to_json(&self) -> Value {
        let mut components = Vec::new();
        let mut header = text_params(&self.header_text_parameters);
        if let Some(m) = &self.header_media {
            let mut media = json!({"link": m.link});
            if let Some(f) = &m.filename {
                media["filename"] = json!(f);
            }
            header.push(json!({"type": m.kind, m.kind.clone(): media}));
        }
        if !header.is_empty() {
            components.push(json!({"type": "header", "parameters": header}));
        }
        if !self.body_parameters.is_empty() {
            components
                .push(json!({"type": "body", "parameters": text_params(&self.body_parameters)}));
        }
        for (i, p) in self.url_button_parameters.iter().enumerate() {
            components.push(json!({"type": "button", "sub_type": "url", "index": i,
                "parameters": [{"type": "text", "text": p}]}));
        }
        let mut v = json!({
            "recipient_type": "individual",
            "to": self.to,
            "type": "template",
            "template": {
                "name": self.name,
                "language": {"policy": "deterministic", "code": self.language_code},
                "components": components,
            }
        });
        if let Some(m) = metadata(&self.message_id, &self.callback_dlr_url) {
            v["metadata"] = m;
        }
        v
    }
}

impl IndiaWhatsappClient {
    /// `auth` is normally [`Auth::keycloak`]; any Bearer auth works.
    pub fn new(config: IndiaConfig, auth: Auth) -> Result<Self> {
        let url = checked_url(
            config.send_url.as_deref().unwrap_or(PRODUCTION_SEND_URL),
            "Sinch India send URL",
        )?;
        Ok(IndiaWhatsappClient {
            transport: ApiTransport::new(auth, config.http, config.retry, UnauthorizedRule::Any)?,
            url,
        })
    }

    pub fn send_text(&self, message: &TextMessage) -> Result<SendResult> {
        if message.body.chars().count() > 4096 {
            return Err(SinchError::invalid_config(format!(
                "the text is {} characters long; WhatsApp allows at most 4096",
                message.body.chars().count()
            )));
        }
        self.send_json(&message.to_json(), "sending a WhatsApp text message")
    }

    pub fn send_template(&self, message: &TemplateMessage) -> Result<SendResult> {
        self.send_json(&message.to_json(), "sending a WhatsApp template message")
    }

    /// Any message type the API supports (media, location, interactive…), as JSON text. The
    /// escape hatch for shapes the typed messages do not cover.
    pub fn send_raw(&self, json: &str) -> Result<SendResult> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            SinchError::invalid_config(format!("the raw message is not valid JSON: {e}"))
        })?;
        if !value.is_object() {
            return Err(SinchError::invalid_config(
                "the raw message must be a JSON object",
            ));
        }
        self.send_json(&value, "sending a WhatsApp message")
    }

    fn send_json(&self, body: &Value, action: &str) -> Result<SendResult> {
        let r = self.transport.execute(&ApiRequest {
            method: Method::POST,
            url: self.url.clone(),
            body: Some(body),
            action,
        })?;
        interpret(&r, action, self.transport.auth())
    }
}

/// The typed result of a send answer: the response ID, or the error its body describes.
pub(crate) fn interpret(r: &RawResponse, action: &str, auth: &Auth) -> Result<SendResult> {
    let value: Option<Value> = serde_json::from_slice(&r.body).ok();
    let success = value
        .as_ref()
        .and_then(|v| v.get("success"))
        .map(|s| match s {
            Value::Bool(b) => *b,
            Value::String(s) => s.eq_ignore_ascii_case("true"),
            _ => false,
        });
    if r.is_success() && success != Some(false) {
        if let Some(id) = value.as_ref().and_then(|v| v.get("responseId")) {
            let id = match id {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            return Ok(SendResult { response_id: id });
        }
    }
    if r.status == 401 || r.status == 403 {
        return Err(SinchError::InvalidCredentials {
            reason: format!(
                "{action}: Sinch India refused the token for {} (HTTP {}), even after a new \
                 token; check the account's API access",
                auth.describe(),
                r.status
            ),
        });
    }
    let errors: Vec<(String, String)> = value
        .as_ref()
        .and_then(|v| v.get("description"))
        .and_then(|d| d.as_array())
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    let field = |k: &str| match i.get(k) {
                        Some(Value::String(s)) => s.clone(),
                        Some(other) => other.to_string(),
                        None => String::new(),
                    };
                    (field("errorCode"), field("errorDescription"))
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some((code, description)) = errors.first() {
        let mut info = HashMap::new();
        info.insert(
            "errorCodes".to_string(),
            errors.iter().map(|(c, _)| c.clone()).collect(),
        );
        return Err(SinchError::ApiError {
            status: r.status.into(),
            error_code: code.clone(),
            detail: description.clone(),
            resolution: String::new(),
            additional_information: info,
            reason: format!("{action} failed: HTTP {} {code}: {description}", r.status),
        });
    }
    if r.status == 429 {
        return Err(SinchError::RateLimited {
            retry_after_ms: None,
            reason: format!("{action} was rate limited (HTTP 429); slow down"),
        });
    }
    if r.status >= 500 {
        return Err(SinchError::ServiceUnavailable {
            status: r.status.into(),
            reason: format!(
                "{action}: Sinch India answered HTTP {} ({})",
                r.status,
                r.excerpt()
            ),
        });
    }
    Err(SinchError::protocol(format!(
        "{action}: unexpected answer (HTTP {}): {}",
        r.status,
        r.excerpt()
    )))
}
