//! Fault injection: make the next N requests to an endpoint family misbehave.
//!
//! SDK retry, backoff and error-surfacing logic can only be tested against a server that
//! fails on demand. A fault is queued (Rust API or `POST /_emulator/faults`), matched by
//! endpoint family, applied to the next `count` matching requests, then forgotten.

use axum::body::Body;
use axum::body::Bytes;
use axum::http::{header, HeaderValue, Response, StatusCode};
use http_body::{Frame, SizeHint};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// Which endpoints a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultTarget {
    /// Sinch OAuth2 `POST /oauth2/token`.
    Token,
    /// The Keycloak realm token endpoint (both URL forms).
    Keycloak,
    /// Provisioning API, `/v1/...`.
    Api,
    /// India WhatsApp send.
    India,
    /// Any of the above (never the `/_emulator` control API).
    Any,
}

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer with this status. `body` defaults to a realistic error body for the endpoint family.
    Status {
        status: u16,
        #[serde(default)]
        retry_after: Option<String>,
        #[serde(default)]
        body: Option<String>,
    },
    /// Sleep, then answer normally (client timeouts).
    Delay { ms: u64 },
    /// Close the connection without sending any HTTP response.
    Reset,
    /// 200, `application/json`, truncated JSON.
    MalformedJson,
    /// 502 with an HTML proxy error page.
    Html,
    /// 200 with a huge JSON-looking body of exactly `bytes` bytes.
    Oversized { bytes: u64 },
    /// 200 with its headers at once, then a JSON-looking body of `bytes` bytes (default 1000)
    /// sent one byte every `interval_ms`: a client whose timeout restarts on each read would
    /// wait `bytes × interval_ms`.
    Trickle {
        interval_ms: u64,
        #[serde(default)]
        bytes: Option<u64>,
    },
    /// An error (`status`, default 401) in the family's own error shape whose text quotes the
    /// request's credentials back: the `Authorization` header, and for Keycloak the form
    /// (password, refresh token), as some misconfigured servers and proxies do.
    EchoCredentials {
        #[serde(default)]
        status: Option<u16>,
    },
}

/// A queued fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    pub target: FaultTarget,
    /// Number of matching requests this fault applies to; it disappears afterwards.
    #[serde(default = "one")]
    pub count: u32,
    pub kind: FaultKind,
}

fn one() -> u32 {
    1
}

/// The endpoint family of a request, decided from its path. `None` for the control API
/// and unknown paths, which are never faulted or counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Token,
    Keycloak,
    Api,
    India,
}

impl Family {
    pub fn of_path(path: &str) -> Option<Family> {
        match path {
            crate::oauth::TOKEN_PATH => Some(Family::Token),
            crate::keycloak::TOKEN_PATH | crate::keycloak::UAT_TOKEN_PATH => Some(Family::Keycloak),
            crate::india::SEND_PATH => Some(Family::India),
            p if p.starts_with("/v1/") => Some(Family::Api),
            _ => None,
        }
    }

    fn matches(self, target: FaultTarget) -> bool {
        matches!(
            (target, self),
            (FaultTarget::Any, _)
                | (FaultTarget::Token, Family::Token)
                | (FaultTarget::Keycloak, Family::Keycloak)
                | (FaultTarget::Api, Family::Api)
                | (FaultTarget::India, Family::India)
        )
    }
}

/// Takes one use of the first queued fault matching `family`, removing it when used up.
pub fn take_matching(queue: &mut Vec<Fault>, family: Family) -> Option<FaultKind> {
    let idx = queue
        .iter()
        .position(|f| f.count > 0 && family.matches(f.target))?;
    let kind = queue[idx].kind.clone();
    queue[idx].count -= 1;
    if queue[idx].count == 0 {
        queue.remove(idx);
    }
    Some(kind)
}

/// Marker extension: the server loop must drop the connection instead of answering.
#[derive(Debug, Clone, Copy)]
pub struct AbortConnection;

/// The result of applying a fault: either a replacement response, or "sleep then go on".
pub enum Applied {
    Respond(Response<Body>),
    DelayThenContinue(Duration),
}

/// Builds the faulty behaviour for `kind` on a request of `family`; `credentials` is what the
/// request carried (for `EchoCredentials`).
pub fn apply(kind: FaultKind, family: Family, credentials: &str) -> Applied {
    match kind {
        FaultKind::Delay { ms } => Applied::DelayThenContinue(Duration::from_millis(ms)),
        FaultKind::Status {
            status,
            retry_after,
            body,
        } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = body.unwrap_or_else(|| default_error_body(family, status).to_string());
            let mut resp = response(status, "application/json", body.into_bytes());
            if let Some(v) = retry_after.and_then(|v| HeaderValue::from_str(&v).ok()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Applied::Respond(resp)
        }
        FaultKind::Reset => {
            let mut resp = response(StatusCode::INTERNAL_SERVER_ERROR, "text/plain", Vec::new());
            resp.extensions_mut().insert(AbortConnection);
            Applied::Respond(resp)
        }
        FaultKind::MalformedJson => {
            let body = match family {
                Family::Token | Family::Keycloak => r#"{"access_token":"eyJhbGciOiJSUzI1NiIsInR5cCI6Ik"#,
                Family::Api => r#"{"totalSize":3,"pageSize":3,"webhooks":[{"id":"01H"#,
                Family::India => r#"{"success":true,"responseId":"16068"#,
            };
            Applied::Respond(response(StatusCode::OK, "application/json", body.into()))
        }
        FaultKind::Html => Applied::Respond(response(
            StatusCode::BAD_GATEWAY,
            "text/html",
            b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n".to_vec(),
        )),
        FaultKind::Oversized { bytes } => {
            Applied::Respond(oversized(bytes))
        }
        FaultKind::Trickle { interval_ms, bytes } => Applied::Respond(trickle(
            Duration::from_millis(interval_ms.max(1)),
            bytes.unwrap_or(1000),
        )),
        FaultKind::EchoCredentials { status } => {
            let status = status
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::UNAUTHORIZED);
            let said = format!("Request rejected; it carried: {credentials}");
            let body = match family {
                Family::Token | Family::Keycloak => {
                    json!({"error": "invalid_client", "error_description": said})
                }
                Family::Api => json!({"errorCode": "unauthorized", "message": said,
                    "resolution": format!("Check the header {credentials}")}),
                Family::India => json!({"success": "false",
                    "description": [{"errorCode": "401", "errorDescription": said}]}),
            };
            Applied::Respond(response(status, "application/json", body.to_string().into_bytes()))
        }
    }
}

/// A body sent one byte at a time (see [`FaultKind::Trickle`]).
struct Trickle {
    left: u64,
    interval: Duration,
    timer: Pin<Box<tokio::time::Sleep>>,
}

impl http_body::Body for Trickle {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        if self.timer.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        let next = tokio::time::Instant::now() + self.interval;
        self.timer.as_mut().reset(next);
        self.left -= 1;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b" ")))))
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }
}

fn trickle(interval: Duration, bytes: u64) -> Response<Body> {
    let mut resp = Response::new(Body::new(Trickle {
        left: bytes,
        interval,
        timer: Box::pin(tokio::time::sleep(Duration::ZERO)),
    }));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

fn response(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response<Body> {
    let mut resp = Response::new(Body::from(body));
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

/// A streamed body of exactly `remaining` bytes, `{"data":"xxxx…` (never closed: it is
/// garbage anyway). Streaming in 64 KiB chunks means a fault of many gigabytes costs no memory.
struct Oversized {
    sent: u64,
    total: u64,
}

const OVERSIZED_PREFIX: &[u8] = br#"{"data":""#;
const CHUNK: u64 = 64 * 1024;

impl http_body::Body for Oversized {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let left = self.total - self.sent;
        if left == 0 {
            return Poll::Ready(None);
        }
        // Bounded by CHUNK, so the cast cannot truncate.
        let n = left.min(CHUNK) as usize;
        let mut chunk = vec![b'x'; n];
        if self.sent < OVERSIZED_PREFIX.len() as u64 {
            let start = self.sent as usize;
            let m = (OVERSIZED_PREFIX.len() - start).min(n);
            chunk[..m].copy_from_slice(&OVERSIZED_PREFIX[start..start + m]);
        }
        self.sent += n as u64;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(chunk)))))
    }

    fn is_end_stream(&self) -> bool {
        self.sent == self.total
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.total - self.sent)
    }
}

fn oversized(bytes: u64) -> Response<Body> {
    let mut resp = Response::new(Body::new(Oversized {
        sent: 0,
        total: bytes,
    }));
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// The error body each endpoint family really uses, so clients parse it as they would in
/// production: OAuth2/Keycloak `{error, error_description}`, PAPI `{errorCode, message,
/// resolution}`, Sinch India `{success:"false", description:[…]}`.
fn default_error_body(family: Family, status: StatusCode) -> serde_json::Value {
    let too_many = status == StatusCode::TOO_MANY_REQUESTS;
    match family {
        Family::Token | Family::Keycloak => {
            let (error, desc) = if too_many {
                ("too_many_requests", "Too many requests")
            } else if status.is_server_error() {
                (
                    "temporarily_unavailable",
                    "The server is temporarily unavailable",
                )
            } else {
                ("invalid_request", "Request failed")
            };
            json!({"error": error, "error_description": desc})
        }
        Family::Api => {
            let (code, message, resolution) = if too_many {
                (
                    "too_many_requests",
                    "Too many requests.",
                    "Wait and try again.",
                )
            } else if status.is_server_error() {
                (
                    "internal_error",
                    "Internal error.",
                    "Please wait and try again. If the problem persists, contact support.",
                )
            } else {
                (
                    "bad_request",
                    "Request failed.",
                    "Check the request and try again.",
                )
            };
            json!({"errorCode": code, "message": message, "resolution": resolution})
        }
        Family::India => {
            let (code, desc) = if too_many {
                ("too_many_requests", "TOO MANY REQUESTS")
            } else {
                ("internal_error", "INTERNAL ERROR")
            };
            json!({"success": "false", "description": [{"errorCode": code, "errorDescription": desc}]})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_counts_down_and_matches_any() {
        let mut q = vec![Fault {
            target: FaultTarget::Any,
            count: 2,
            kind: FaultKind::Reset,
        }];
        assert_eq!(take_matching(&mut q, Family::Token), Some(FaultKind::Reset));
        assert_eq!(take_matching(&mut q, Family::Api), Some(FaultKind::Reset));
        assert_eq!(take_matching(&mut q, Family::Api), None);
        assert!(q.is_empty());
    }

    #[test]
    fn target_filters() {
        let mut q = vec![Fault {
            target: FaultTarget::India,
            count: 1,
            kind: FaultKind::Html,
        }];
        assert_eq!(take_matching(&mut q, Family::Token), None);
        assert_eq!(take_matching(&mut q, Family::India), Some(FaultKind::Html));
    }

    #[test]
    fn serde_shape() {
        let f: Fault = serde_json::from_str(
            r#"{"target":"token","count":1,"kind":{"kind":"status","status":429,"retry_after":"1"}}"#,
        )
        .unwrap();
        assert_eq!(
            f.kind,
            FaultKind::Status {
                status: 429,
                retry_after: Some("1".into()),
                body: None
            }
        );
    }
}
