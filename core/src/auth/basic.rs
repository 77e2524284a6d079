//! HTTP Basic for API calls: key ID and key secret on every request. Sinch documents it as
//! test-only and heavily rate limited; prefer OAuth2 in production. There is no token, so there
//! is nothing to refresh, and a 401 is never retried.

use crate::error::{Result, SinchError};
use crate::secret::Secret;
use base64::Engine;
use zeroize::Zeroizing;

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
        check_key_id(&key_id, "Basic auth")?;
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
        basic_header(&self.key_id, &self.key_secret)
    }

    pub(crate) fn key_secret(&self) -> &Secret {
        &self.key_secret
    }
}

/// `Basic base64(id:secret)`; every temporary that holds the secret is wiped when dropped.
pub(crate) fn basic_header(id: &str, secret: &Secret) -> Secret {
    let raw = Zeroizing::new(format!("{id}:{}", secret.expose()));
    let mut value = Zeroizing::new(String::from("Basic "));
    base64::engine::general_purpose::STANDARD.encode_string(raw.as_bytes(), &mut value);
    Secret::new(value.as_str())
}

/// A key ID that HTTP Basic can carry: `id:secret` splits at the first colon, so a colon in the
/// ID would send part of it as the secret; control characters cannot go in a header.
pub(crate) fn check_key_id(key_id: &str, context: &str) -> Result<()> {
    if key_id.contains(':') {
        return Err(SinchError::invalid_config(format!(
            "the key ID '{key_id}' contains ':', which HTTP Basic ({context}) cannot carry; \
             copy the key ID exactly as the Sinch dashboard shows it"
        )));
    }
    if key_id.chars().any(char::is_control) {
        return Err(SinchError::invalid_config(format!(
            "the key ID {key_id:?} contains control characters; copy it exactly as the Sinch \
             dashboard shows it"
        )));
    }
    Ok(())
}

impl std::fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("key_id", &self.key_id)
            .field("key_secret", &"[redacted]")
            .finish()
    }
}
