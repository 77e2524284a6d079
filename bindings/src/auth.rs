//! `SinchAuth`: one credential (OAuth2 or Basic), backed by the process-wide token cache.

use sinch_core::{Auth, OAuthConfig, SinchError};
use std::sync::Arc;

#[derive(uniffi::Object)]
#[uniffi::export(Debug)]
pub struct SinchAuth {
    pub(crate) inner: Auth,
}

impl std::fmt::Debug for SinchAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SinchAuth({})", self.inner.describe())
    }
}

#[uniffi::export]
impl SinchAuth {
    /// Sinch OAuth2 (`client_credentials`). Every `SinchAuth` built from the same credentials in
    /// this process shares one cached token.
    #[uniffi::constructor(default(token_url = None))]
    pub fn oauth(
        key_id: String,
        key_secret: String,
        token_url: Option<String>,
    ) -> Result<Arc<Self>, SinchError> {
        let mut config = OAuthConfig::new(key_id, key_secret);
        config.token_url = token_url;
        Ok(Arc::new(SinchAuth {
            inner: Auth::oauth(config)?,
        }))
    }

    /// HTTP Basic on every call. Sinch documents it as test-only and heavily rate limited.
    #[uniffi::constructor]
    pub fn basic(key_id: String, key_secret: String) -> Result<Arc<Self>, SinchError> {
        Ok(Arc::new(SinchAuth {
            inner: Auth::basic(key_id, key_secret)?,
        }))
    }

    /// A valid access token, from the cache when possible.
    pub fn access_token(&self) -> Result<String, SinchError> {
        Ok(self.inner.access_token()?.expose().to_string())
    }

    /// Drops the cached token so the next call fetches a new one.
    pub fn clear_cached_token(&self) {
        if let Some(cache) = self.inner.token_cache() {
            cache.clear();
        }
    }

    /// What this credential is (IDs and URLs only, never secrets).
    pub fn describe(&self) -> String {
        self.inner.describe()
    }
}
