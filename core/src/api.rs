//! Sending authenticated API requests: the 401 rule (refresh once, retry once, never loop, never
//! for Basic) and the retry rule (429/5xx with backoff; POST/PATCH only on 429, which means the
//! request was not processed).

use crate::auth::Auth;
use crate::auth::Authorization;
use crate::clock::{Clock, SystemClock};
use crate::error::{Result, SinchError};
use crate::http::{self, HttpSettings, RawResponse};
use crate::retry::RetryPolicy;
use once_cell::sync::Lazy;
use reqwest::Method;
use std::ops::ControlFlow;
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
        let mut refreshed = false;
        let idempotent = matches!(
            req.method,
            Method::GET | Method::PUT | Method::DELETE | Method::HEAD
        );
        let (outcome, _) = self.retry.run(&*self.clock, idempotent, &what, || {
            let (authz, r) = match self.send_once(req, &what)? {
                (authz, Ok(r)) => (authz, r),
                (_, Err(e)) => return ControlFlow::Continue(Err(e)),
            };
            if r.status == 401 && !refreshed && self.token_rejected(&r) {
                if let (Some(token), Some(cache)) = (&authz.token, self.auth.token_cache()) {
                    // The 401 rule: once per call, and not counted as a retry.
                    cache.invalidate(token);
                    refreshed = true;
                    return ControlFlow::Continue(self.send_once(req, &what)?.1);
                }
            }
            ControlFlow::Continue(Ok(r))
        });
        outcome
    }

    /// One exchange with the current credential (its error body scrubbed of it). `Break` when
    /// no credential could be had or no request built: that ends the call, unretried.
    fn send_once(
        &self,
        req: &ApiRequest<'_>,
        what: &str,
    ) -> ControlFlow<SinchError, (Authorization, Result<RawResponse>)> {
        let prepared = (|| {
            let authz = self.auth.authorization()?;
            let mut builder = http::request(&self.http, req.method.clone(), req.url.clone())?
                .header("accept", "application/json")
                .header(
                    "authorization",
                    http::sensitive_header(&authz.header_value)?,
                );
            if let Some(body) = req.body {
                builder = builder.json(body);
            }
            Ok((authz, builder))
        })();
        let (authz, builder) = match prepared {
            Ok(p) => p,
            Err(e) => return ControlFlow::Break(e),
        };
        let outcome = http::send(builder, what).map(|mut r| {
            authz.scrub(&mut r);
            r
        });
        ControlFlow::Continue((authz, outcome))
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
}
