//! Sinch OAuth2 `client_credentials`: key ID + key secret as HTTP Basic against the token URL.
//! Sinch issues no refresh token; a new access token is fetched instead.

use super::token_endpoint::{TokenEndpoint, TokenFailure};
use super::{FetchedToken, TokenProvider};
use crate::clock::Clock;
use crate::error::{Result, SinchError};
use crate::http::HttpSettings;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::token::{CacheKey, TokenEntry, TokenStore};
use crate::url_policy::checked_url;
use std::sync::Arc;

pub const DEFAULT_TOKEN_URL: &str = "https://auth.sinch.com/oauth2/token";

/// Settings for Sinch OAuth2.
#[derive(Debug, Clone)]
pub struct OAuthConfig {
    pub key_id: String,
    pub key_secret: Secret,
    /// Defaults to [`DEFAULT_TOKEN_URL`].
    pub token_url: Option<String>,
    pub http: HttpSettings,
    pub retry: RetryPolicy,
    /// Where tokens are also kept (shared by processes, or the app's own store); `None` keeps
    /// them in this process only.
    pub store: Option<Arc<dyn TokenStore>>,
}

impl OAuthConfig {
    pub fn new(key_id: impl Into<String>, key_secret: impl Into<Secret>) -> Self {
        OAuthConfig {
            key_id: key_id.into(),
            key_secret: key_secret.into(),
            token_url: None,
            http: HttpSettings::default(),
            retry: RetryPolicy::default(),
            store: None,
        }
    }

    pub fn with_store(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.store = Some(store);
        self
    }

    pub fn with_token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }
}

#[derive(Debug)]
pub(crate) struct OAuthProvider {
    key_id: String,
    key_secret: Secret,
    endpoint: TokenEndpoint,
}

impl OAuthProvider {
    pub fn new(config: &OAuthConfig, clock: Arc<dyn Clock>) -> Result<Self> {
        let key_id = config.key_id.trim();
        if key_id.is_empty() {
            return Err(SinchError::invalid_config(
                "the key ID is empty; copy it from the Sinch dashboard (Settings > Access keys)",
            ));
        }
        // The token request sends the key as HTTP Basic.
        super::basic::check_key_id(key_id, "the OAuth2 token request")?;
        if config.key_secret.is_empty() {
            return Err(SinchError::invalid_config(format!(
                "the key secret for key ID '{key_id}' is empty; it is shown once when the access \
                 key is created in the Sinch dashboard"
            )));
        }
        let url = checked_url(
            config.token_url.as_deref().unwrap_or(DEFAULT_TOKEN_URL),
            "token URL",
        )?;
        Ok(OAuthProvider {
            key_id: key_id.to_string(),
            key_secret: config.key_secret.clone(),
            endpoint: TokenEndpoint {
                url,
                http: config.http.clone(),
                retry: config.retry.clone(),
                clock,
            },
        })
    }
}

impl TokenProvider for OAuthProvider {
    fn cache_key(&self) -> CacheKey {
        CacheKey::new(
            self.endpoint.url.as_str(),
            &self.key_id,
            "client_credentials",
            "",
            &self.key_secret,
        )
    }

    fn describe(&self) -> String {
        format!("key ID '{}' at {}", self.key_id, self.endpoint.url)
    }

    fn sealing_secret(&self) -> &Secret {
        &self.key_secret
    }

    fn clock(&self) -> Arc<dyn Clock> {
        self.endpoint.clock.clone()
    }

    fn fetch(&self, _previous: Option<&TokenEntry>) -> Result<FetchedToken> {
        let form = [("grant_type", "client_credentials")];
        match self
            .endpoint
            .request(&form, Some((&self.key_id, &self.key_secret)), &[])
        {
            Ok(r) => Ok(FetchedToken::from_response(r)),
            Err(TokenFailure::Failed(e)) => Err(e),
            Err(TokenFailure::Rejected {
                status,
                error,
                description,
            }) => Err(match error.as_str() {
                "unsupported_grant_type" | "invalid_request" | "invalid_scope" => {
                    SinchError::invalid_config(format!(
                        "the Sinch token endpoint {} refused the request for {} (HTTP {status} \
                         {error}: {description}); is the token URL right?",
                        self.endpoint.url,
                        self.describe()
                    ))
                }
                _ => SinchError::InvalidCredentials {
                    reason: format!(
                        "Sinch rejected the credentials for {} (HTTP {status}{}{}); check the key \
                         ID and key secret (Sinch dashboard, Settings > Access keys)",
                        self.describe(),
                        if error.is_empty() { "" } else { " " },
                        if description.is_empty() {
                            error.clone()
                        } else {
                            format!("{error}: {description}")
                        }
                    ),
                },
            }),
        }
    }
}
