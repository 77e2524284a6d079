//! `SinchAuth`: one credential (Sinch OAuth2, Basic, or Sinch India), backed by the
//! process-wide token cache.

use crate::store::TokenStore;
use sinch_core::india;
use sinch_core::token::CacheStats;
use sinch_core::{Auth, HttpOptions, KeycloakConfig, OAuthConfig, SinchError};
use std::sync::Arc;

/// Which Sinch India environment (default: production).
#[derive(uniffi::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndiaEnvironment {
    Production,
    Uat,
}

/// The core environment for an optional exported one (none = production).
pub(crate) fn core_environment(e: Option<IndiaEnvironment>) -> india::Environment {
    match e {
        Some(IndiaEnvironment::Uat) => india::Environment::Uat,
        Some(IndiaEnvironment::Production) | None => india::Environment::Production,
    }
}

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
    /// `http` sets the token requests' timeouts.
    #[uniffi::constructor(default(token_url), default(store), default(http))]
    pub fn oauth(
        key_id: String,
        key_secret: String,
        token_url: Option<String>,
        store: Option<Arc<TokenStore>>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, SinchError> {
        let mut config = OAuthConfig::new(key_id, key_secret);
        config.token_url = token_url;
        (config.http, config.retry) = http.unwrap_or_default().resolve()?;
        config.store = store.map(|s| s.inner.clone());
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

    /// Sinch India WhatsApp (Keycloak password grant, refreshed with the refresh token while it
    /// lives). `token_url` overrides the environment's URL.
    #[uniffi::constructor(
        default(environment),
        default(token_url),
        default(store),
        default(http)
    )]
    pub fn india(
        username: String,
        password: String,
        environment: Option<IndiaEnvironment>,
        token_url: Option<String>,
        store: Option<Arc<TokenStore>>,
        http: Option<HttpOptions>,
    ) -> Result<Arc<Self>, SinchError> {
        let mut config = KeycloakConfig::new(username, password);
        (config.http, config.retry) = http.unwrap_or_default().resolve()?;
        config.token_url = Some(
            token_url.unwrap_or_else(|| core_environment(environment).token_url().to_string()),
        );
        config.store = store.map(|s| s.inner.clone());
        Ok(Arc::new(SinchAuth {
            inner: Auth::keycloak(config)?,
        }))
    }

    /// A valid access token, from the cache when possible.
    pub fn access_token(&self) -> Result<String, SinchError> {
        Ok(self.inner.access_token()?.expose().to_string())
    }

    /// The async form of `access_token`: a fresh cached token at once, otherwise the same
    /// single-flight as blocking callers join, awaited. The auth object is shared by sync and
    /// async clients, so it carries both forms of its one I/O method.
    pub async fn access_token_async(&self) -> Result<String, SinchError> {
        Ok(self.inner.access_token_async().await?.expose().to_string())
    }

    /// Drops the cached token (and a remembered credentials error) so the next call fetches.
    pub fn clear_cached_token(&self) {
        if let Some(cache) = self.inner.token_cache() {
            cache.clear();
        }
    }

    /// What this credential's token cache did: fetches, failures, negative-cache hits,
    /// invalidations, cache hits (all zero for HTTP Basic). Shared by every object built from
    /// the same credentials in this process.
    pub fn stats(&self) -> CacheStats {
        self.inner.stats()
    }

    /// What this credential is (IDs and URLs only, never secrets).
    pub fn describe(&self) -> String {
        self.inner.describe()
    }
}
