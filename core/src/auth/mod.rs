//! Authentication schemes. Each flow lives in its own module and turns credentials into an
//! `Authorization` header; token flows plug into the shared [`TokenCache`](crate::token::TokenCache).

pub mod basic;
pub mod keycloak;
pub mod oauth;
pub(crate) mod token_endpoint;

use crate::clock::{Clock, SystemClock};
use crate::error::{Result, SinchError};
use crate::secret::Secret;
use crate::token::{registry, CacheKey, CacheOptions, TokenCache, TokenEntry, TokenStore};
use basic::BasicCredentials;
use keycloak::{KeycloakConfig, KeycloakProvider};
use oauth::{OAuthConfig, OAuthProvider};
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

/// A freshly fetched token, before the cache computes its refresh times.
#[derive(Debug)]
pub struct FetchedToken {
    pub access_token: Secret,
    pub lifetime: Duration,
    pub refresh_token: Option<Secret>,
    pub refresh_lifetime: Option<Duration>,
    /// Monotonic send time of the request that produced it.
    pub sent_at: Duration,
}

impl FetchedToken {
    pub(crate) fn from_response(r: token_endpoint::TokenResponse) -> Self {
        FetchedToken {
            access_token: r.access_token,
            lifetime: r.expires_in,
            refresh_token: r.refresh_token,
            refresh_lifetime: r.refresh_expires_in,
            sent_at: r.sent_at,
        }
    }
}

/// A way to obtain tokens for one credential. The cache calls `fetch` (one call at a time).
pub trait TokenProvider: Send + Sync + Debug {
    /// Which cache entry this credential owns.
    fn cache_key(&self) -> CacheKey;
    /// Names the credential for errors and logs: IDs and URLs only, never secrets.
    fn describe(&self) -> String;
    fn clock(&self) -> Arc<dyn Clock>;
    /// What only a holder of this credential knows (the key secret, the password): the key
    /// material that seals its entries in shared stores (`token/seal.rs`). Never stored.
    fn sealing_secret(&self) -> &Secret;
    /// Gets a new token; `previous` is the last token held (its refresh token may be used).
    fn fetch(&self, previous: Option<&TokenEntry>) -> Result<FetchedToken>;
}

/// How API requests are authenticated.
#[derive(Debug, Clone)]
pub enum Auth {
    /// A token from the shared cache, sent as `Bearer`.
    Bearer(Arc<TokenCache>),
    /// Key ID and secret on every request (test-only per Sinch).
    Basic(BasicCredentials),
}

/// The header to send and, for Bearer, the token it carries (for the 401 compare-and-swap).
pub(crate) struct Authorization {
    pub header_value: Secret,
    pub token: Option<Arc<TokenEntry>>,
    /// HTTP Basic: the key secret, which a server might also echo on its own.
    pub key_secret: Option<Secret>,
}

impl Authorization {
    /// Removes this credential from an error body that echoes it, in any of its forms (the
    /// whole header, the token or `base64(id:secret)` after the scheme, the key secret).
    pub fn scrub(&self, r: &mut crate::http::RawResponse) {
        if r.is_success() {
            return;
        }
        let header = self.header_value.expose();
        let credential = header.split_once(' ').map_or(header, |(_, c)| c);
        let mut secrets = vec![header, credential];
        secrets.extend(self.key_secret.as_ref().map(Secret::expose));
        r.scrub_error_body(&secrets);
    }
}

impl Auth {
    /// Sinch OAuth2 through the process-wide token cache: every `Auth` built from the same
    /// credentials shares one token.
    pub fn oauth(config: OAuthConfig) -> Result<Auth> {
        let provider = OAuthProvider::new(&config, Arc::new(SystemClock::new()))?;
        let options = CacheOptions::for_http(&config.http, &config.retry);
        Ok(Self::shared(Box::new(provider), options, config.store))
    }

    /// Sinch India (Keycloak password + refresh grants) through the process-wide token cache.
    pub fn keycloak(config: KeycloakConfig) -> Result<Auth> {
        let provider = KeycloakProvider::new(&config, Arc::new(SystemClock::new()))?;
        let options = CacheOptions::for_http(&config.http, &config.retry);
        Ok(Self::shared(Box::new(provider), options, config.store))
    }

    /// Sinch India with a private cache on the given clock (tests of the time rules).
    pub fn keycloak_private(
        config: KeycloakConfig,
        clock: Arc<dyn Clock>,
        options: CacheOptions,
    ) -> Result<Auth> {
        let provider = KeycloakProvider::new(&config, clock)?;
        let cache = TokenCache::new(Box::new(provider), options);
        cache.set_store(config.store);
        Ok(Auth::Bearer(Arc::new(cache)))
    }

    /// Sinch OAuth2 with a private cache (not shared through the registry) on the given clock
    /// and options. For tests of the time rules, and for callers that must not share tokens.
    pub fn oauth_private(
        config: OAuthConfig,
        clock: Arc<dyn Clock>,
        options: CacheOptions,
    ) -> Result<Auth> {
        let provider = OAuthProvider::new(&config, clock)?;
        let cache = TokenCache::new(Box::new(provider), options);
        cache.set_store(config.store);
        Ok(Auth::Bearer(Arc::new(cache)))
    }

    /// The registry's cache for this credential; a store given here is attached to it.
    fn shared(
        provider: Box<dyn TokenProvider>,
        options: CacheOptions,
        store: Option<Arc<dyn TokenStore>>,
    ) -> Auth {
        let cache = registry::shared_cache(provider, options);
        if store.is_some() {
            cache.set_store(store);
        }
        Auth::Bearer(cache)
    }

    pub fn basic(key_id: impl Into<String>, key_secret: impl Into<Secret>) -> Result<Auth> {
        Ok(Auth::Basic(BasicCredentials::new(key_id, key_secret)?))
    }

    /// The current access token (fetching or refreshing it if needed).
    pub fn access_token(&self) -> Result<Secret> {
        match self {
            Auth::Bearer(cache) => Ok(cache.get()?.access_token().clone()),
            Auth::Basic(b) => Err(SinchError::invalid_config(format!(
                "key ID '{}' uses HTTP Basic auth, which has no access token; build the client \
                 with OAuth2 to get tokens",
                b.key_id()
            ))),
        }
    }

    /// [`Auth::access_token`] for async callers: a fresh cached token is returned at once;
    /// otherwise the same single-flight as blocking callers' is joined from the pool of
    /// [`crate::offload`], so the caller's thread never blocks.
    pub async fn access_token_async(&self) -> Result<Secret> {
        if let Auth::Bearer(cache) = self {
            if let Some(t) = cache.fresh() {
                return Ok(t.access_token().clone());
            }
        }
        crate::AsyncRun::run(self, Auth::access_token).await
    }

    pub(crate) fn authorization(&self) -> Result<Authorization> {
        match self {
            Auth::Bearer(cache) => {
                let token = cache.get()?;
                Ok(Authorization {
                    header_value: Secret::new(format!("Bearer {}", token.access_token().expose())),
                    token: Some(token),
                    key_secret: None,
                })
            }
            Auth::Basic(b) => Ok(Authorization {
                header_value: b.header_value(),
                token: None,
                key_secret: Some(b.key_secret().clone()),
            }),
        }
    }

    /// Names the credential for error messages.
    pub fn describe(&self) -> String {
        match self {
            Auth::Bearer(cache) => cache.describe(),
            Auth::Basic(b) => format!("key ID '{}' (HTTP Basic)", b.key_id()),
        }
    }

    /// What this credential's token cache did (all zero for HTTP Basic, which has none).
    pub fn stats(&self) -> crate::token::CacheStats {
        self.token_cache().map(|c| c.stats()).unwrap_or_default()
    }

    pub fn token_cache(&self) -> Option<&Arc<TokenCache>> {
        match self {
            Auth::Bearer(c) => Some(c),
            Auth::Basic(_) => None,
        }
    }
}
