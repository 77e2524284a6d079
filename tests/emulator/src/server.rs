//! HTTP plumbing: the router, the counting/fault middleware, and the accept loop.
//!
//! We run our own hyper accept loop instead of `axum::serve` for one reason: the `Reset`
//! fault must close a connection without any response, which hyper does when the service
//! returns an error. It also gives one place to log every request.

use crate::faults::{self, AbortConnection, Applied, Family};
use crate::http_util::{credentials, form_get, json_response, parse_form, Credentials};
use crate::state::AppState;
use crate::{control, india, keycloak, oauth, provisioning};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::json;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceExt;

/// Token-endpoint forms are tiny; this only guards against absurd uploads.
const MAX_FORM_BYTES: usize = 1 << 20;

/// All routes, with the middleware applied and the state attached.
pub fn router(app: AppState) -> Router {
    Router::new()
        .route(oauth::TOKEN_PATH, post(oauth::token))
        .route(keycloak::TOKEN_PATH, post(keycloak::token))
        .route(keycloak::UAT_TOKEN_PATH, post(keycloak::token))
        .route(india::SEND_PATH, post(india::send))
        .merge(provisioning::routes())
        .merge(control::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), count_and_fault))
        .with_state(app)
}

async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/v1/") {
        provisioning::error::PapiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Resource not found.",
            "Check the request path; the emulator may not implement this resource yet.",
        )
        .into_response()
    } else {
        json_response(StatusCode::NOT_FOUND, &json!({"error": "not_found"}), &[])
    }
}

/// Counts the request (before any fault, so a faulted request still counts), applies a
/// queued fault if one matches, and counts the 401s that API endpoints send.
async fn count_and_fault(State(app): State<AppState>, req: Request, next: Next) -> Response {
    let Some(family) = Family::of_path(req.uri().path()) else {
        return next.run(req).await;
    };
    let is_post = req.method() == Method::POST;
    let mut req = req;
    let mut grant_type = None;
    let mut credentials_sent = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    if family == Family::Keycloak && is_post {
        // Password and refresh grants are counted separately, so peek at the form body.
        let (parts, body) = req.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
            return json_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                &json!({"error": "invalid_request", "error_description": "Request too large"}),
                &[],
            );
        };
        grant_type = form_get(&parse_form(&bytes), "grant_type").map(str::to_string);
        credentials_sent = String::from_utf8_lossy(&bytes).into_owned();
        req = Request::from_parts(parts, Body::from(bytes));
    }
    let fault = {
        let mut st = app.lock();
        let c = &mut st.counters;
        match family {
            Family::Token if is_post => {
                c.token_requests += 1;
                if let Some(Credentials::Basic { id, .. }) = credentials(req.headers()) {
                    *c.token_requests_by_key.entry(id).or_default() += 1;
                }
            }
            Family::Keycloak => match grant_type.as_deref() {
                Some("password") => c.keycloak_password_grants += 1,
                Some("refresh_token") => c.keycloak_refresh_grants += 1,
                _ => {}
            },
            Family::Api => c.api_requests += 1,
            Family::India if is_post => c.india_send_requests += 1,
            _ => {}
        }
        faults::take_matching(&mut st.faults, family)
    };
    let resp = match fault.map(|kind| faults::apply(kind, family, &credentials_sent)) {
        Some(Applied::Respond(resp)) => resp,
        Some(Applied::DelayThenContinue(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(req).await
        }
        None => next.run(req).await,
    };
    if matches!(family, Family::Api | Family::India) && resp.status() == StatusCode::UNAUTHORIZED {
        let expired = resp
            .headers()
            .get(header::WWW_AUTHENTICATE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("expired"));
        let mut st = app.lock();
        st.counters.unauthorized_sent += 1;
        if expired {
            st.counters.expired_401_sent += 1;
        }
    }
    resp
}

/// Accepts connections until `shutdown` fires (or its sender is dropped); over TLS when an
/// acceptor is given.
pub async fn serve(
    listener: TcpListener,
    app: AppState,
    tls: Option<tokio_rustls::TlsAcceptor>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let router = router(app.clone());
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(_) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let router = router.clone();
        let app = app.clone();
        let tls = tls.clone();
        tokio::spawn(async move {
            match tls {
                // A failed handshake (a client that does not trust the CA) ends the connection.
                Some(acceptor) => {
                    if let Ok(stream) = acceptor.accept(stream).await {
                        serve_connection(stream, router, app).await;
                    }
                }
                None => serve_connection(stream, router, app).await,
            }
        });
    }
}

async fn serve_connection<S>(stream: S, router: Router, app: AppState)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req: hyper::Request<Incoming>| {
        let router = router.clone();
        let app = app.clone();
        async move { handle(router, app, req).await }
    });
    // Connection errors (client went away, Reset faults) need no handling.
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Runs one request through the router; logs it; turns an `AbortConnection` response into
/// a service error so hyper drops the connection without answering.
async fn handle(
    router: Router,
    app: AppState,
    req: hyper::Request<Incoming>,
) -> Result<Response, std::io::Error> {
    let method = req.method().clone();
    // Path only: queries may carry page tokens, and nothing secret is ever logged.
    let path = req.uri().path().to_string();
    let resp = match router.oneshot(req).await {
        Ok(resp) => resp,
        Err(never) => match never {},
    };
    let abort = resp.extensions().get::<AbortConnection>().is_some();
    if app.lock().log_requests {
        if abort {
            eprintln!("{method} {path} -> connection reset (fault)");
        } else {
            eprintln!("{method} {path} -> {}", resp.status().as_u16());
        }
    }
    if abort {
        Err(std::io::Error::other("connection reset by fault injection"))
    } else {
        Ok(resp)
    }
}
