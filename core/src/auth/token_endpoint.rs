//! Talking to a token endpoint (Sinch OAuth2 or Keycloak): POST a form, retry 429/5xx and broken
//! connections with full-jitter backoff honouring `Retry-After`, parse the answer leniently.
//!
//! Token responses carry tokens, so nothing here ever quotes a response body in an error.

use super::basic::basic_header;
use crate::clock::{millis, Clock};
use crate::error::{Result, SinchError};
use crate::http::{self, HttpSettings, RawResponse};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use crate::token::{
    bounded_lifetime, MAX_REFRESH_LIFETIME, MAX_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME,
};
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::Duration;
use url::Url;
use zeroize::Zeroizing;

#[derive(Debug, Clone)]
pub(crate) struct TokenEndpoint {
    pub url: Url,
    pub http: HttpSettings,
    pub retry: RetryPolicy,
    pub clock: Arc<dyn Clock>,
}

/// A successful token response, read leniently.
#[derive(Debug)]
pub(crate) struct TokenResponse {
    pub access_token: Secret,
    pub expires_in: Duration,
    pub refresh_token: Option<Secret>,
    pub refresh_expires_in: Option<Duration>,
    /// Monotonic time at which the successful request was sent: expiry counts from here.
    pub sent_at: Duration,
}

/// Why a token request failed.
#[derive(Debug)]
pub(crate) enum TokenFailure {
    /// The endpoint refused the request (HTTP 400/401/403): `error` and `error_description`
    /// from the RFC 6749 body when present. Never retried.
    Rejected {
        status: u16,
        error: String,
        description: String,
    },
    /// Anything else, already mapped (rate limited after retries, network, protocol...).
    Failed(SinchError),
}

impl TokenEndpoint {
    /// POSTs `form`, with HTTP Basic `client` credentials when given.
    pub fn request(
        &self,
        form: &[(&str, &str)],
        client: Option<(&str, &Secret)>,
        extra_headers: &[(&str, &str)],
    ) -> std::result::Result<TokenResponse, TokenFailure> {
        let what = format!("the token endpoint {}", self.url);
        // Built once into buffers that are wiped when dropped; reqwest gets a copy per attempt.
        let body = encode_form(form);
        let authorization = client.map(|(id, secret)| basic_header(id, secret));
        let echoed = echoed_secrets(form, client, authorization.as_ref());
        let mut sent_at = self.clock.now();
        // Token requests are safe to repeat: 5xx and broken connections are retried too.
        let (outcome, attempts) = self.retry.run(&*self.clock, true, &what, || {
            let request = || -> Result<_> {
                let mut builder =
                    http::request(&self.http, reqwest::Method::POST, self.url.clone())?
                        .header("accept", "application/json")
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(body.as_bytes().to_vec());
                for (k, v) in extra_headers {
                    builder = builder.header(*k, *v);
                }
                if let Some(value) = &authorization {
                    builder = builder.header("authorization", http::sensitive_header(value)?);
                }
                Ok(builder)
            };
            let builder = match request() {
                Ok(b) => b,
                Err(e) => return ControlFlow::Break(e),
            };
            sent_at = self.clock.now();
            ControlFlow::Continue(http::send(builder, &what).map(|mut r| {
                r.scrub_error_body(&echoed);
                r
            }))
        });
        match outcome {
            Err(e) => Err(TokenFailure::Failed(e)),
            Ok(r) => self.classify(r, sent_at, attempts, &what),
        }
    }

    fn classify(
        &self,
        r: RawResponse,
        sent_at: Duration,
        attempts: u32,
        what: &str,
    ) -> std::result::Result<TokenResponse, TokenFailure> {
        match r.status {
            200..=299 => parse_success(&r, sent_at, what).map_err(TokenFailure::Failed),
            400 | 401 | 403 => {
                let (error, description) = parse_oauth_error(&r);
                Err(TokenFailure::Rejected {
                    status: r.status,
                    error,
                    description,
                })
            }
            429 => {
                let retry_after = r.retry_after(self.clock.wall());
                Err(TokenFailure::Failed(SinchError::RateLimited {
                    retry_after_ms: retry_after.map(millis),
                    reason: format!(
                        "{what} is rate limiting token requests (HTTP 429 after {attempts} \
                         attempts); wait and try again, and share one client per credential"
                    ),
                }))
            }
            s if s >= 500 => Err(TokenFailure::Failed(SinchError::ServiceUnavailable {
                status: s.into(),
                reason: format!(
                    "{what} answered HTTP {s} after {attempts} attempts; the service is having \
                     trouble, try again later"
                ),
            })),
            s => Err(TokenFailure::Failed(SinchError::protocol(format!(
                "{what} answered with unexpected HTTP {s} ({}, {} bytes)",
                content_kind(&r),
                r.body.len()
            )))),
        }
    }
}

/// Form fields whose values are credentials.
const SECRET_FIELDS: [&str; 3] = ["password", "refresh_token", "client_secret"];

fn encode_form(form: &[(&str, &str)]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::new());
    url::form_urlencoded::Serializer::new(&mut *out).extend_pairs(form);
    out
}

/// Everything secret this request carries, for scrubbing an error body that echoes it.
fn echoed_secrets<'a>(
    form: &[(&'a str, &'a str)],
    client: Option<(&'a str, &'a Secret)>,
    authorization: Option<&'a Secret>,
) -> Vec<&'a str> {
    let mut secrets: Vec<&str> = form
        .iter()
        .filter(|(k, _)| SECRET_FIELDS.contains(k))
        .map(|(_, v)| *v)
        .collect();
    if let Some((_, secret)) = client {
        secrets.push(secret.expose());
    }
    if let Some(header) = authorization {
        secrets.push(header.expose());
        secrets.extend(header.expose().strip_prefix("Basic "));
    }
    secrets
}

fn content_kind(r: &RawResponse) -> String {
    let ct = r.content_type();
    if ct.is_empty() {
        "no content type".into()
    } else {
        ct.split(';').next().unwrap_or(ct).trim().to_string()
    }
}

/// Reads a lifetime that may arrive as a JSON number or a numeric string, bounded to
/// `[min, max]` (see [`bounded_lifetime`]).
fn lenient_secs(v: Option<&serde_json::Value>, min: Duration, max: Duration) -> Option<Duration> {
    let secs = match v? {
        serde_json::Value::Number(n) => n.as_f64()?,
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    let bounded = bounded_lifetime(secs, min, max)?;
    if bounded.as_secs_f64() != secs {
        log::warn!(
            "the token endpoint gave a lifetime of {secs} s; using {} ms (sinch-core keeps \
             lifetimes between {} s and {} s)",
            bounded.as_millis(),
            min.as_secs(),
            max.as_secs()
        );
    }
    Some(bounded)
}

pub(crate) fn parse_success(
    r: &RawResponse,
    sent_at: Duration,
    what: &str,
) -> Result<TokenResponse> {
    let value: serde_json::Value = serde_json::from_slice(&r.body).map_err(|_| {
        SinchError::protocol(format!(
            "{what} answered HTTP {} with a body that is not valid JSON ({}, {} bytes); \
             is the token URL right?",
            r.status,
            content_kind(r),
            r.body.len()
        ))
    })?;
    let access_token = value
        .get("access_token")
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| SinchError::protocol(format!("{what} answered without an access_token")))?;
    if !access_token.bytes().all(|b| b.is_ascii_graphic()) {
        // It would be sent back as `Authorization: Bearer …`: refuse it here, with the reason,
        // rather than fail every API call later.
        return Err(SinchError::protocol(format!(
            "{what} issued an access token with spaces, control or non-ASCII characters, which \
             cannot be sent in an HTTP header"
        )));
    }
    let expires_in = lenient_secs(
        value.get("expires_in"),
        MIN_TOKEN_LIFETIME,
        MAX_TOKEN_LIFETIME,
    )
    .ok_or_else(|| {
        SinchError::protocol(format!(
            "{what} answered without a usable expires_in; sinch-core never guesses a lifetime"
        ))
    })?;
    if let Some(tt) = value.get("token_type").and_then(|v| v.as_str()) {
        if !tt.eq_ignore_ascii_case("bearer") {
            return Err(SinchError::protocol(format!(
                "{what} issued a '{tt}' token; only Bearer tokens are supported"
            )));
        }
    }
    Ok(TokenResponse {
        access_token: Secret::new(access_token),
        expires_in,
        refresh_token: value
            .get("refresh_token")
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(Secret::new),
        refresh_expires_in: lenient_secs(
            value.get("refresh_expires_in"),
            Duration::ZERO,
            MAX_REFRESH_LIFETIME,
        ),
        sent_at,
    })
}

/// `(error, error_description)` from an RFC 6749 error body; empty strings when absent.
pub(crate) fn parse_oauth_error(r: &RawResponse) -> (String, String) {
    let value: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
    let field = |name: &str| {
        value
            .get(name)
            .and_then(|v| v.as_str())
            .map(|s| s.chars().take(200).collect::<String>())
            .unwrap_or_default()
    };
    (field("error"), field("error_description"))
}
