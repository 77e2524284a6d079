//! Signed webhook callbacks: when a resource changes state, every webhook of the project whose
//! triggers match (or `ALL`) receives `POST target` with the documented body
//! `{"type", "payload", "comment"?}` and the four signature headers (HMAC-SHA256 of
//! `body + "." + nonce + "." + timestamp` with the webhook's secret, base64 with padding).
//!
//! * Delivery never blocks a request: [`emit`] records the delivery and queues it; a task on the
//!   server's runtime sends it, at most [`MAX_IN_FLIGHT`] at a time.
//! * A failed attempt (no connection, timeout, any non-2xx answer) is retried with doubling
//!   backoff, [`RetryConfig`] bounding attempts and pauses. Each attempt is signed afresh (new
//!   nonce and timestamp), as a delivery hours later must be [I]; the replay control resends
//!   one attempt byte for byte instead.
//! * Targets: `https://`, or `http://` on loopback (this emulator only; Sinch requires https).
//! * Everything is visible through the control API (`/_emulator/callbacks/...`): each delivery
//!   with its body and attempts. The secret is never shown.
//!
//! This signing code is written independently of sinch-core's verifier, so the tests that run
//! one against the other check the scheme, not one implementation against itself.

use crate::state::{AppState, State};
use crate::tokens;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde_json::Value;
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, Semaphore};

/// Deliveries kept for the control API (the oldest are dropped).
const MAX_KEPT: usize = 1000;
/// Deliveries queued but not yet started; beyond, a delivery fails at once ("queue full").
const QUEUE: usize = 1024;
/// Deliveries being sent at once.
pub const MAX_IN_FLIGHT: usize = 8;
/// Bounds one attempt (connect and answer).
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest pause between two attempts.
const MAX_PAUSE: Duration = Duration::from_secs(5);

/// How failed deliveries are retried; set with `POST /_emulator/callbacks/config`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RetryConfig {
    /// Attempts per delivery, the first included (1..=10).
    pub max_attempts: u32,
    /// Pause before the second attempt, doubled before each next one (capped at 5 s).
    pub backoff_ms: u64,
    /// Added to the emulator's clock when signing: `-600` makes deliveries 10 minutes old.
    pub clock_skew_secs: i64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 4,
            backoff_ms: 100,
            clock_skew_secs: 0,
        }
    }
}

/// One try at sending a delivery.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub number: u32,
    pub nonce: String,
    pub timestamp: i64,
    /// The signature header sent (a MAC, not the secret).
    pub signature: String,
    /// The target's HTTP status, if it answered.
    pub status: Option<u16>,
    /// Why the attempt failed without an answer (refused, timeout…).
    pub error: Option<String>,
    /// A resend through the replay control.
    pub replay: bool,
}

/// One event for one webhook.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub id: String,
    pub project_id: String,
    pub webhook_id: String,
    pub target: String,
    pub trigger: String,
    /// The exact body sent.
    pub body: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    pub attempts: Vec<Attempt>,
    #[serde(skip)]
    secret: String,
}

/// A queued delivery: what the sender task needs.
#[derive(Debug)]
pub struct Job {
    delivery_id: String,
}

/// Callback state, part of [`State`].
#[derive(Debug, Default)]
pub struct Callbacks {
    /// Set once the server's runtime runs the sender task; kept across resets.
    pub outbox: Option<mpsc::Sender<Job>>,
    pub deliveries: VecDeque<Delivery>,
    pub retry: RetryConfig,
}

impl Callbacks {
    pub fn find_mut(&mut self, id: &str) -> Option<&mut Delivery> {
        self.deliveries.iter_mut().find(|d| d.id == id)
    }
}

/// The body Sinch POSTs, in the documented field order.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    trigger: &'a str,
    payload: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
}

/// Records and queues one delivery of `trigger` per matching webhook of `project_id`; returns
/// how many. Never blocks.
pub fn emit(
    st: &mut State,
    project_id: &str,
    trigger: &str,
    payload: &Value,
    comment: Option<&str>,
) -> usize {
    let hooks: Vec<(String, String, String)> = st
        .provisioning
        .webhooks
        .get(project_id)
        .into_iter()
        .flatten()
        .filter(|h| h.triggers.iter().any(|t| t == trigger || t == "ALL"))
        .map(|h| (h.id.clone(), h.target.clone(), h.secret.clone()))
        .collect();
    let body = serde_json::to_string(&Body {
        trigger,
        payload,
        comment,
    })
    .unwrap_or_default();
    let cb = &mut st.callbacks;
    for (webhook_id, target, secret) in &hooks {
        let id = tokens::ulid_like();
        let mut delivery = Delivery {
            id: id.clone(),
            project_id: project_id.to_string(),
            webhook_id: webhook_id.clone(),
            target: target.clone(),
            trigger: trigger.to_string(),
            body: body.clone(),
            status: "pending".into(),
            attempts: Vec::new(),
            secret: secret.clone(),
        };
        let queued = cb
            .outbox
            .as_ref()
            .is_some_and(|tx| tx.try_send(Job { delivery_id: id }).is_ok());
        if !queued {
            delivery.status = "failed".into();
        }
        if cb.deliveries.len() >= MAX_KEPT {
            cb.deliveries.pop_front();
        }
        cb.deliveries.push_back(delivery);
    }
    hooks.len()
}

/// The trigger of a new `state` of a resource, if Sinch documents one. `kind` is the
/// trigger's prefix (`WHATSAPP_TEMPLATE`…).
pub fn state_trigger(kind: &str, state: &str) -> Option<String> {
    let suffix = match (kind, state) {
        ("WHATSAPP_TEMPLATE", "APPROVED" | "REJECTED") => state,
        ("WHATSAPP_TEMPLATE", _) => "STATUS_UPDATED",
        (
            "WHATSAPP_SENDER",
            "ACTIVE" | "INACTIVE" | "ERROR" | "REJECTED" | "PENDING_VERIFICATION",
        ) => state,
        ("WHATSAPP_ACCOUNT", "ACTIVE" | "ONBOARDED") => "ONBOARDED",
        ("WHATSAPP_ACCOUNT", "PENDING_VERIFICATION" | "REJECTED") => state,
        ("KAKAOTALK_SENDER", "ACTIVE" | "INACTIVE" | "REJECTED") => state,
        ("KAKAOTALK_TEMPLATE", "APPROVED" | "REJECTED") => state,
        ("RCS_SENDER", _) => "STATUS_UPDATED",
        ("BUNDLE", "DONE") => "DONE",
        _ => return None,
    };
    Some(format!("{kind}_{suffix}"))
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// `base64(HMAC-SHA256(secret, body + "." + nonce + "." + timestamp))`, padded.
pub fn signature(secret: &str, body: &str, nonce: &str, timestamp: i64) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(format!("{body}.{nonce}.{timestamp}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The queue between [`emit`] and [`run`].
pub fn queue() -> (mpsc::Sender<Job>, mpsc::Receiver<Job>) {
    mpsc::channel(QUEUE)
}

/// Sends queued deliveries until the runtime stops.
pub async fn run(app: AppState, mut jobs: mpsc::Receiver<Job>) {
    let client = match reqwest::Client::builder()
        .no_proxy()
        .timeout(ATTEMPT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sinch-emulator: callbacks disabled, no HTTP client: {e}");
            return;
        }
    };
    let slots = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    while let Some(job) = jobs.recv().await {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return;
        };
        let (app, client) = (app.clone(), client.clone());
        tokio::spawn(async move {
            deliver(&app, &client, &job.delivery_id).await;
            drop(slot);
        });
    }
}

/// What one attempt sends.
struct Request {
    target: String,
    body: String,
    nonce: String,
    timestamp: i64,
    signature: String,
}

async fn deliver(app: &AppState, client: &reqwest::Client, id: &str) {
    let mut pause = Duration::ZERO;
    let mut number = 0;
    loop {
        number += 1;
        // Read afresh each time: a reset drops the delivery, which ends its retries.
        let (req, config) = {
            let mut st = app.lock();
            let config = st.callbacks.retry.clone();
            let Some(d) = st.callbacks.find_mut(id) else {
                return;
            };
            let nonce = tokens::ulid_like();
            let timestamp = unix_now() + config.clock_skew_secs;
            let req = Request {
                signature: signature(&d.secret, &d.body, &nonce, timestamp),
                target: d.target.clone(),
                body: d.body.clone(),
                nonce,
                timestamp,
            };
            (req, config)
        };
        let outcome = send(client, &req).await;
        let delivered = matches!(outcome, Ok(s) if (200..300).contains(&s));
        let last = delivered || number >= config.max_attempts.clamp(1, 10);
        {
            let mut st = app.lock();
            let Some(d) = st.callbacks.find_mut(id) else {
                return;
            };
            d.attempts.push(attempt(number, &req, outcome, false));
            if last {
                d.status = if delivered { "delivered" } else { "failed" }.into();
            }
        }
        if last {
            return;
        }
        pause = if pause.is_zero() {
            Duration::from_millis(config.backoff_ms)
        } else {
            pause * 2
        }
        .min(MAX_PAUSE);
        tokio::time::sleep(pause).await;
    }
}

fn attempt(number: u32, req: &Request, outcome: Result<u16, String>, replay: bool) -> Attempt {
    let (status, error) = match outcome {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e)),
    };
    Attempt {
        number,
        nonce: req.nonce.clone(),
        timestamp: req.timestamp,
        signature: req.signature.clone(),
        status,
        error,
        replay,
    }
}

/// One POST; the status, or why there was none. The answer's body is ignored, as Sinch's is.
async fn send(client: &reqwest::Client, req: &Request) -> Result<u16, String> {
    let resp = client
        .post(&req.target)
        .header("content-type", "application/json")
        .header("x-sinch-webhook-signature", &req.signature)
        .header("x-sinch-webhook-signature-algorithm", "HmacSHA256")
        .header("x-sinch-webhook-signature-nonce", &req.nonce)
        .header(
            "x-sinch-webhook-signature-timestamp",
            req.timestamp.to_string(),
        )
        .body(req.body.clone())
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                "timed out".to_string()
            } else if e.is_connect() {
                "connection failed".to_string()
            } else {
                "request failed".to_string()
            }
        })?;
    Ok(resp.status().as_u16())
}

/// Resends the last attempt of delivery `id` exactly (same nonce, timestamp and signature):
/// what an attacker who captured it would do. Returns the target's status.
pub async fn replay(app: &AppState, id: &str) -> Result<Option<u16>, String> {
    let req = {
        let mut st = app.lock();
        let d = st
            .callbacks
            .find_mut(id)
            .ok_or_else(|| format!("no delivery '{id}'"))?;
        let last = d
            .attempts
            .last()
            .ok_or("the delivery has not been attempted yet")?;
        Request {
            target: d.target.clone(),
            body: d.body.clone(),
            nonce: last.nonce.clone(),
            timestamp: last.timestamp,
            signature: last.signature.clone(),
        }
    };
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(ATTEMPT_TIMEOUT)
        .build()
        .map_err(|e| e.to_string())?;
    let outcome = send(&client, &req).await;
    let status = outcome.as_ref().ok().copied();
    let mut st = app.lock();
    if let Some(d) = st.callbacks.find_mut(id) {
        let number = d.attempts.len() as u32 + 1;
        d.attempts.push(attempt(number, &req, outcome, true));
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_padded_base64_of_hmac_sha256() {
        // The signed text joins body, nonce and timestamp with dots.
        let sig = signature("Jefe", "what do ya want ", "for", 0);
        assert_eq!(sig.len(), 44);
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want .for.0");
        let expected =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(sig, expected);
    }

    #[test]
    fn state_triggers() {
        assert_eq!(
            state_trigger("WHATSAPP_TEMPLATE", "APPROVED").as_deref(),
            Some("WHATSAPP_TEMPLATE_APPROVED")
        );
        assert_eq!(
            state_trigger("WHATSAPP_TEMPLATE", "PAUSED").as_deref(),
            Some("WHATSAPP_TEMPLATE_STATUS_UPDATED")
        );
        assert_eq!(
            state_trigger("BUNDLE", "DONE").as_deref(),
            Some("BUNDLE_DONE")
        );
        assert_eq!(state_trigger("BUNDLE", "IN_PROGRESS"), None);
    }
}
