//! A Provisioning webhook receiver with axum: verifies each callback and reads its event.
//!
//! ```sh
//! SINCH_WEBHOOK_SECRETS=my-secret cargo run -p sinch-core --example webhook_receiver -- 127.0.0.1:8080
//! ```
//! then register `https://<your host>/sinch/callbacks` (or `http://127.0.0.1:8080/...` with the
//! emulator) as a webhook with the same secret. Several comma-separated secrets are accepted
//! while one is rotated. Docs: docs/webhooks.md.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use sinch_core::callbacks::{CallbackHeaders, CallbackVerifier, VerifyOptions};
use sinch_core::{CallbackPayload, Secret};
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8080".into());
    let secrets = std::env::var("SINCH_WEBHOOK_SECRETS")
        .map_err(|_| "set SINCH_WEBHOOK_SECRETS to the webhook's secret")?;
    // Build the verifier once: it holds the secrets, the window and the replay cache.
    let verifier = CallbackVerifier::new(
        secrets.split(',').map(|s| Secret::new(s.trim())),
        VerifyOptions::default(),
    )?;
    let app = Router::new()
        .route("/sinch/callbacks", post(callback))
        // Callbacks are small; refuse absurd bodies before reading them.
        .layer(DefaultBodyLimit::max(1 << 20))
        .with_state(Arc::new(verifier));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!(
        "listening on http://{}/sinch/callbacks",
        listener.local_addr()?
    );
    axum::serve(listener, app).await?;
    Ok(())
}

/// Takes the body as raw bytes: the signature covers them exactly as sent.
async fn callback(
    State(verifier): State<Arc<CallbackVerifier>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let event = match verifier.verify(&CallbackHeaders::from(&headers), &body) {
        Ok(event) => event,
        Err(e) => {
            // The reason says what went wrong; it never contains the secret.
            eprintln!("refused callback ({}): {e}", e.kind());
            return u16::try_from(e.http_status())
                .ok()
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::BAD_REQUEST);
        }
    };
    match &event.payload {
        CallbackPayload::WhatsappTemplate { template } => {
            println!(
                "{}: template {} is {:?}",
                event.trigger, template.name, template.state
            )
        }
        CallbackPayload::WhatsappSender { sender } => {
            println!(
                "{}: sender {} is {:?}",
                event.trigger, sender.id, sender.state
            )
        }
        CallbackPayload::Bundle { bundle } => {
            println!(
                "{}: bundle {} is {}",
                event.trigger, bundle.id, bundle.state
            )
        }
        // Unknown triggers arrive too, with the raw payload.
        _ => println!("{}: {}", event.trigger, event.payload_json),
    }
    if let Some(comment) = &event.comment {
        println!("  comment: {comment}");
    }
    // Answer quickly; do slow work elsewhere (Sinch retries when it gets no 2xx).
    StatusCode::OK
}
