//! HTTP Basic for API calls: key ID and key secret on every request. Sinch documents it as
//! test-only and heavily rate limited; prefer OAuth2 in production. There is no token, so there
//! is nothing to refresh, and a 401 is never retried.

use crate::error::{Result, SinchError};
use crate::secret::Secret;
use base64::Engine;

#[derive(Clone)]
pub struct BasicCredentials {
    key_id: String,
    key_secret: Secret,
}

impl BasicCredentials {
    pub fn new(key_id: impl Into<String>, key_secret: impl Into<Secret>) -> Result<Self> {
        let key_id = key_id.into().trim().to_string();
        let key_secret = key_secret.into();
        if key_id.is_empty() {
            return Err(SinchError::invalid_config(
                "the key ID for Basic auth is empty",
            ));
        }
        if key_secret.is_empty() {
            return Err(SinchError::invalid_config(format!(
                "the key secret for key ID '{key_id}' is empty"
            )));
        }
        Ok(BasicCredentials { key_id, key_secret })
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The `Authorization` header value.
    pub fn header_value(&self) -> Secret {
        let raw = Secret::new(format!("{}:{}", self.key_id, self.key_secret.expose()));
        Secret::new(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw.expose())
        ))
    }
}

impl std::fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("key_id", &self.key_id)
            .field("key_secret", &"[redacted]")
            .finish()
    }
}
