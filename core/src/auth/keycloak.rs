//! Sinch India WhatsApp auth: a Keycloak OIDC realm (`ipmessaging`) with the public client
//! `ipmessaging-client`.
//!
//! * `password` grant with the username and password (form fields exactly as Sinch India
//!   documents them, `cache-control: no-cache`).
//! * `refresh_token` grant while the refresh token lives. Its lifetime (`refresh_expires_in`,
//!   1800 s against 3600 s for the access token) is tracked and updated on every refresh, and the
//!   rotated refresh token of each answer replaces the old one.
//! * `invalid_grant` on a refresh (expired, rotated, session gone) → one password grant.
//! * `invalid_grant` on the password grant → `InvalidCredentials`, never retried: Keycloak's
//!   brute-force protection locks accounts that retry bad passwords.

use super::token_endpoint::{TokenEndpoint, TokenFailure, TokenResponse};
use super::{FetchedToken, TokenProvider};
use crate::clock::Clock;
use crate::error::{Result, SinchError};
use crate::http::HttpSettings;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::token::{CacheKey, TokenEntry, TokenStore};
use crate::url_policy::checked_url;
use std::sync::Arc;
use std::time::Duration;

pub const PRODUCTION_TOKEN_URL: &str =
    "https://auth.aclwhatsapp.com/realms/ipmessaging/protocol/openid-connect/token";
pub const UAT_TOKEN_URL: &str =
    "https://apiuat.aclwhatsapp.com/auth/realms/ipmessaging/protocol/openid-connect/token";
pub const CLIENT_ID: &str = "ipmessaging-client";

/// A refresh token this close to its expiry is not used; a password grant is made instead.
const REFRESH_TOKEN_MARGIN: Duration = Duration::from_secs(5);

#[derive(Debug, Clone)]
pub struct KeycloakConfig {
    pub username: String,
    pub password: Secret,
    /// Defaults to [`PRODUCTION_TOKEN_URL`]; [`UAT_TOKEN_URL`] for UAT, or any realm's URL.
    pub token_url: Option<String>,
    pub client_id: String,
    pub http: HttpSettings,
    pub retry: RetryPolicy,
    /// Where tokens are also kept (shared by processes, or the app's own store); `None` keeps
    /// them in this process only.
    pub store: Option<Arc<dyn TokenStore>>,
}

impl KeycloakConfig {
    pub fn new(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        KeycloakConfig {
            username: username.into(),
            password: password.into(),
            token_url: None,
            client_id: CLIENT_ID.to_string(),
            http: HttpSettings::default(),
            retry: RetryPolicy::default(),
            store: None,
        }
    }

    pub fn uat(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::new(username, password).with_token_url(UAT_TOKEN_URL)
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
pub(crate) struct KeycloakProvider {
    username: String,
    password: Secret,
    client_id: String,
    endpoint: TokenEndpoint,
}

impl KeycloakProvider {
    pub fn new(config: &KeycloakConfig, clock: Arc<dyn Clock>) -> Result<Self> {
        let username = config.username.trim();
        if username.is_empty() {
            return Err(SinchError::invalid_config(
                "the Sinch India username is empty; use the API user Sinch India gave you",
            ));
        }
        if config.password.is_empty() {
            return Err(SinchError::invalid_config(format!(
                "the password for Sinch India user '{username}' is empty"
            )));
        }
        if config.client_id.trim().is_empty() {
            return Err(SinchError::invalid_config(
                "the Keycloak client ID is empty (Sinch India uses 'ipmessaging-client')",
            ));
        }
        let url = checked_url(
            config.token_url.as_deref().unwrap_or(PRODUCTION_TOKEN_URL),
            "Sinch India token URL",
        )?;
        Ok(KeycloakProvider {
            username: username.to_string(),
            password: config.password.clone(),
            client_id: config.client_id.trim().to_string(),
            endpoint: TokenEndpoint {
                url,
                http: config.http.clone(),
                retry: config.retry.clone(),
                clock,
            },
        })
    }

    fn password_grant(&self) -> Result<FetchedToken> {
        let form = [
            ("grant_type", "password"),
            ("client_id", self.client_id.as_str()),
            ("username", self.username.as_str()),
            ("password", self.password.expose()),
        ];
        match self
            .endpoint
            .request(&form, None, &[("cache-control", "no-cache")])
        {
            Ok(r) => Ok(FetchedToken::from_response(r)),
            Err(TokenFailure::Failed(e)) => Err(e),
            Err(TokenFailure::Rejected {
                status,
                error,
                description,
            }) => Err(match error.as_str() {
                "unsupported_grant_type" | "invalid_request" | "unauthorized_client" => {
                    SinchError::invalid_config(format!(
                        "the Sinch India token endpoint {} refused the password grant for {} \
                         (HTTP {status} {error}: {description}); check the token URL and client ID",
                        self.endpoint.url,
                        self.describe()
                    ))
                }
                _ => SinchError::InvalidCredentials {
                    reason: format!(
                        "Sinch India rejected the credentials for {} (HTTP {status} {error}: \
                         {description}); check the username and password. sinch-core does not \
                         retry a rejected password (Keycloak locks accounts that do)",
                        self.describe()
                    ),
                },
            }),
        }
    }

    /// `Ok(None)` when the refresh token was refused (the caller then logs in again).
    fn refresh_grant(&self, previous: &TokenEntry, rt: &Secret) -> Result<Option<FetchedToken>> {
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", self.client_id.as_str()),
            ("refresh_token", rt.expose()),
        ];
        match self
            .endpoint
            .request(&form, None, &[("cache-control", "no-cache")])
        {
            Ok(r) => Ok(Some(self.keep_refresh_token(r, previous, rt))),
            Err(TokenFailure::Rejected { status, error, .. }) => {
                log::debug!(
                    "the refresh token for {} was refused (HTTP {status} {error}); logging in \
                     with the password once",
                    self.describe()
                );
                Ok(None)
            }
            Err(TokenFailure::Failed(e)) => Err(e),
        }
    }

    /// A refresh answer without a refresh token keeps the old one and its expiry.
    fn keep_refresh_token(
        &self,
        r: TokenResponse,
        previous: &TokenEntry,
        rt: &Secret,
    ) -> FetchedToken {
        let mut t = FetchedToken::from_response(r);
        if t.refresh_token.is_none() {
            t.refresh_token = Some(rt.clone());
            t.refresh_lifetime = previous
                .refresh_expires_at()
                .map(|at| at.saturating_sub(t.sent_at));
        }
        t
    }
}

impl TokenProvider for KeycloakProvider {
    fn cache_key(&self) -> CacheKey {
        CacheKey::new(
            self.endpoint.url.as_str(),
            &self.client_id,
            "password",
            &self.username,
            &self.password,
        )
    }

    fn describe(&self) -> String {
        format!("user '{}' at {}", self.username, self.endpoint.url)
    }

    fn sealing_secret(&self) -> &Secret {
        &self.password
    }

    fn clock(&self) -> Arc<dyn Clock> {
        self.endpoint.clock.clone()
    }

    fn fetch(&self, previous: Option<&TokenEntry>) -> Result<FetchedToken> {
        let now = self.endpoint.clock.now();
        if let Some(prev) = previous {
            let live_rt = prev.refresh_token().filter(|_| {
                prev.refresh_expires_at()
                    .is_some_and(|at| at > now + REFRESH_TOKEN_MARGIN)
            });
            if let Some(rt) = live_rt {
                if let Some(t) = self.refresh_grant(prev, rt)? {
                    return Ok(t);
                }
            }
        }
        self.password_grant()
    }
}
