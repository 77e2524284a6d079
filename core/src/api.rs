//! Sending authenticated API requests: the 401 rule (refresh once, retry once, never loop, never
//! for Basic) and the retry rule (429/5xx with backoff; POST/PATCH only on 429, which means the
//! request was not processed).

use crate::auth::Auth;
use crate::clock::{Clock, SystemClock};
use crate::error::{Result, SinchError};
use crate::http::{self, HttpSettings, RawResponse};
use crate::retry::{parse_retry_after, RetryPolicy};
use once_cell::sync::Lazy;
use reqwest::Method;
use std::sync::Arc;
use url::Url;

/// Which 401s mean "the token expired, get a new one".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnauthorizedRule {
    /// Sinch: a 401 whose `www-authenticate` contains `expired`.
    ExpiredMarker,
    /// Sinch India: any 401 (it may not say why).
    Any,
}

static SYSTEM_CLOCK: Lazy<Arc<dyn Clock>> = Lazy::new(|| Arc::new(SystemClock::new()));

#[derive(Debug, Clone)]
pub struct ApiTransport {
    /// The process's shared client for these settings is looked up per request (see
    /// [`http::shared_client`]): a client kept here would be dead in a `fork()`ed child.
    http: HttpSettings,
    auth: Auth,
    retry: RetryPolicy,
    rule: UnauthorizedRule,
    clock: Arc<dyn Clock>,
}

/// One request to send: the body is JSON when present.
pub struct ApiRequest<'a> {
    pub method: Method,
    pub url: Url,
    pub body: Option<&'a serde_json::Value>,
    /// For error messages: "listing webhooks".
    pub action: &'a str,
}

impl ApiTransport {
    pub fn new(
        auth: Auth,
        http: HttpSettings,
        retry: RetryPolicy,
        rule: UnauthorizedRule,
    ) -> Result<Self> {
        let clock = auth
            .token_cache()
            .map(|c| c.clock().clone())
            .unwrap_or_else(|| SYSTEM_CLOCK.clone());
        Ok(ApiTransport {
            http,
            auth,
            retry,
            rule,
            clock,
        })
    }

    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// Sends the request under the 401 and retry rules and returns the final response, whatever
    /// its status (mapping an error status to a typed error is the caller's: the body formats
    /// differ between APIs).
    pub fn execute(&self, req: &ApiRequest<'_>) -> Result<RawResponse> {
        let what = format!("{} ({} {})", req.action, req.method, req.url.path());
        let started = self.clock.now();
        let mut retry = 0u32;
        let mut refreshed = false;
        loop {
            let authz = self.auth.authorization()?;
            let mut builder = http::request(self.http, req.method.clone(), req.url.clone())?
                .header("accept", "application/json")
                .header(
                    "authorization",
                    http::sensitive_header(&authz.header_value)?,
                );
            if let Some(body) = req.body {
                builder = builder.json(body);
            }
            let mut outcome = http::send(builder, &what);
            if let Ok(r) = &mut outcome {
                authz.scrub(r);
            }
            if let Ok(r) = &outcome {
                if r.status == 401 && !refreshed {
                    if let (Some(token), Some(cache)) = (&authz.token, self.auth.token_cache()) {
                        if self.token_rejected(r) {
                            cache.invalidate(token);
                            refreshed = true;
                            continue;
                        }
                    }
                }
            }
            let (retryable, retry_after) = match &outcome {
                Ok(r) if r.status == 429 => (true, self.retry_after(r)),
                Ok(r) if r.status >= 500 && self.idempotent(&req.method) => {
                    (true, self.retry_after(r))
                }
                Err(SinchError::Network { .. }) if self.idempotent(&req.method) => (true, None),
                _ => (false, None),
            };
            if retryable {
                let elapsed = self.clock.now().saturating_sub(started);
                if let Some(wait) = self.retry.delay(retry, retry_after, elapsed) {
                    log::debug!("{what}: retrying in {} ms", wait.as_millis());
                    self.clock.sleep(wait);
                    retry += 1;
                    continue;
                }
            }
            return outcome;
        }
    }

    fn token_rejected(&self, r: &RawResponse) -> bool {
        match self.rule {
            UnauthorizedRule::Any => true,
            UnauthorizedRule::ExpiredMarker => r
                .headers
                .get_all("www-authenticate")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .any(|v| v.to_ascii_lowercase().contains("expired")),
        }
    }

    fn idempotent(&self, m: &Method) -> bool {
        matches!(
            *m,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD
        )
    }

    fn retry_after(&self, r: &RawResponse) -> Option<std::time::Duration> {
        r.header("retry-after")
            .and_then(|v| parse_retry_after(v, self.clock.wall()))
    }
}
