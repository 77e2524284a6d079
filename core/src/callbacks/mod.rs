//! Receiving Provisioning webhook callbacks: authenticate a delivery and read its event.
//!
//! Sinch signs each callback with the webhook's `secret` and sends four headers:
//! `x-sinch-webhook-signature` (base64, padded, of HMAC-SHA256), `…-signature-algorithm`
//! (`HmacSHA256`), `…-signature-nonce` and `…-signature-timestamp` (unix seconds). The signed
//! text is `rawBody + "." + nonce + "." + timestamp`. Sinch documents that text for its
//! Conversation API callbacks and says Provisioning uses the same headers; that Provisioning
//! signs the same text is inferred from that (the emulator signs it so).
//!
//! [`CallbackVerifier::verify`] checks, in this order, and stops at the first failure:
//! 1. the headers are there, once each, and the algorithm is `HmacSHA256` (an absent
//!    algorithm header is taken as `HmacSHA256`, the only scheme there is);
//! 2. one of the secrets (several are accepted, to rotate one without losing callbacks)
//!    produces the signature, compared in constant time;
//! 3. the timestamp is within the window (default 5 minutes, both directions);
//! 4. the body is a callback (`{type, payload, comment?}`);
//! 5. the nonce was not accepted before, in the replay cache. Only an authentic, fresh,
//!    well-formed delivery reaches the cache, so a forger cannot fill it or burn nonces.
//!
//! Verify the raw bytes as received: a body parsed and serialised again (a framework's JSON
//! binding) no longer matches its signature.

mod error;
mod event;
pub mod headers;
mod redis;
mod replay;

pub use error::CallbackError;
pub use event::{CallbackEvent, CallbackPayload};
pub use headers::CallbackHeaders;
pub use redis::RedisReplayCache;
pub use replay::{
    BackendReplayCache, MemoryReplayCache, ReplayCache, ReplayCacheBackend, DEFAULT_MAX_ENTRIES,
};

use crate::error::{Result, SinchError};
use crate::secret::Secret;
use base64::Engine;
use hmac::{Hmac, Mac};
use once_cell::sync::Lazy;
use sha2::Sha256;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The default timestamp window: a delivery signed more than this long ago (or ahead) is
/// refused.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

/// The largest window accepted: a day. A wider one would keep nonces for days for nothing.
pub const MAX_TOLERANCE: Duration = Duration::from_secs(24 * 3600);

/// Nonces longer than this are refused: Sinch's are ULID-like (26 characters).
const MAX_NONCE_LEN: usize = 256;

/// How a verifier judges a delivery besides the secrets.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// How far the timestamp may be from this machine's clock, either way.
    pub tolerance: Duration,
    /// Where accepted nonces are remembered. `None`: one memory cache shared by every verifier
    /// of the process that has none of its own.
    pub replay_cache: Option<Arc<dyn ReplayCache>>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            tolerance: DEFAULT_TOLERANCE,
            replay_cache: None,
        }
    }
}

impl std::fmt::Debug for CallbackVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CallbackVerifier(secrets=[redacted; {}], tolerance={} s, replay_cache={:?})",
            self.secrets.len(),
            self.tolerance.as_secs(),
            self.replay_cache
        )
    }
}

/// The process-wide default replay cache.
static DEFAULT_CACHE: Lazy<Arc<dyn ReplayCache>> = Lazy::new(|| Arc::new(MemoryReplayCache::new()));

/// Holds a webhook's secrets, the window and the replay cache; build it once, verify every
/// delivery with it. `Debug` shows how many secrets, never their values.
#[derive(Clone)]
pub struct CallbackVerifier {
    secrets: Vec<Secret>,
    tolerance: Duration,
    replay_cache: Arc<dyn ReplayCache>,
}

impl CallbackVerifier {
    /// A verifier accepting deliveries signed with any of `secrets` (the webhook's secret; the
    /// old and the new one while rotating). Fails if none is given or one is empty, or if the
    /// window is zero or longer than [`MAX_TOLERANCE`].
    pub fn new(secrets: impl IntoIterator<Item = Secret>, options: VerifyOptions) -> Result<Self> {
        let secrets: Vec<Secret> = secrets.into_iter().collect();
        if secrets.is_empty() {
            return Err(SinchError::invalid_config(
                "a callback verifier needs the webhook's secret (at least one)",
            ));
        }
        if let Some(i) = secrets.iter().position(Secret::is_empty) {
            return Err(SinchError::invalid_config(format!(
                "webhook secret #{} is empty; pass the secret the webhook was created with",
                i + 1
            )));
        }
        if options.tolerance.is_zero() || options.tolerance > MAX_TOLERANCE {
            return Err(SinchError::invalid_config(format!(
                "the callback timestamp window must be between 1 s and {} s, not {} s",
                MAX_TOLERANCE.as_secs(),
                options.tolerance.as_secs()
            )));
        }
        Ok(CallbackVerifier {
            secrets,
            tolerance: options.tolerance,
            replay_cache: options
                .replay_cache
                .unwrap_or_else(|| DEFAULT_CACHE.clone()),
        })
    }

    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// Authenticates one delivery and returns its event; see the module docs for the checks.
    pub fn verify(
        &self,
        headers: &CallbackHeaders,
        raw_body: &[u8],
    ) -> std::result::Result<CallbackEvent, CallbackError> {
        self.verify_at(headers, raw_body, unix_now())
    }

    /// [`CallbackVerifier::verify`] with this machine's clock reading `now` (unix seconds).
    pub fn verify_at(
        &self,
        headers: &CallbackHeaders,
        raw_body: &[u8],
        now: i64,
    ) -> std::result::Result<CallbackEvent, CallbackError> {
        let signature = one(&headers.signature, headers::SIGNATURE)?;
        let nonce = one(&headers.nonce, headers::NONCE)?;
        let timestamp_text = one(&headers.timestamp, headers::TIMESTAMP)?;
        check_algorithm(&headers.algorithm)?;
        if nonce.len() > MAX_NONCE_LEN {
            return Err(CallbackError::InvalidHeader {
                header: headers::NONCE.into(),
                reason: format!(
                    "the {} header is {} characters long (at most {MAX_NONCE_LEN}); this is not \
                     a Sinch delivery",
                    headers::NONCE,
                    nonce.len()
                ),
            });
        }
        let timestamp = parse_timestamp(timestamp_text)?;
        self.check_signature(signature, raw_body, nonce, timestamp_text)?;
        let skew = i128::from(now) - i128::from(timestamp);
        let window = i128::from(self.tolerance.as_secs());
        if skew.abs() > window {
            let skew_seconds =
                i64::try_from(skew).unwrap_or(if skew < 0 { i64::MIN } else { i64::MAX });
            let (how, hint) = if skew > 0 {
                (
                    "old",
                    "a delivery replayed later, or this machine's clock is ahead",
                )
            } else {
                (
                    "far in the future",
                    "this machine's clock is behind (check NTP)",
                )
            };
            return Err(CallbackError::StaleTimestamp {
                timestamp,
                skew_seconds,
                reason: format!(
                    "the callback's signed timestamp is {} s {how}, outside the accepted \
                     window of {} s: {hint}; it was refused",
                    skew.unsigned_abs(),
                    self.tolerance.as_secs()
                ),
            });
        }
        let (trigger, payload, payload_json, comment) = event::parse(raw_body)?;
        // Remembered until the timestamp leaves the window: after that it is refused as stale.
        let remaining = u64::try_from(window - skew).unwrap_or(0) + 1;
        let fresh = self
            .replay_cache
            .insert_new(&replay::nonce_key(nonce), Duration::from_secs(remaining))
            .map_err(|e| replay::unavailable(&e))?;
        if !fresh {
            return Err(CallbackError::ReplayedNonce {
                nonce: nonce.to_string(),
                reason: format!(
                    "this delivery (nonce {nonce}) was already accepted: a replay, or the same \
                     request sent twice; it was not processed again"
                ),
            });
        }
        Ok(CallbackEvent {
            trigger,
            payload,
            payload_json,
            comment,
            nonce: nonce.to_string(),
            timestamp,
        })
    }

    fn check_signature(
        &self,
        signature: &str,
        body: &[u8],
        nonce: &str,
        timestamp: &str,
    ) -> std::result::Result<(), CallbackError> {
        let bad = |why: &str| CallbackError::BadSignature {
            reason: format!(
                "the callback's signature {why} ({} secret{} tried): check that the secret is \
                 the webhook's, and that the body is verified as received (bytes, not \
                 re-serialised JSON); otherwise the request was forged or changed on the way",
                self.secrets.len(),
                if self.secrets.len() == 1 { "" } else { "s" }
            ),
        };
        let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(signature) else {
            return Err(bad("is not base64"));
        };
        let matches = self.secrets.iter().any(|secret| {
            sign(secret.expose().as_bytes(), body, nonce, timestamp)
                .verify_slice(&expected)
                .is_ok()
        });
        if matches {
            Ok(())
        } else {
            Err(bad("matches none of the webhook secrets"))
        }
    }
}

/// Verifies one delivery with `secrets` and `options` (see [`CallbackVerifier`]); a shortcut
/// for receivers that do not keep a verifier. A configuration error (no secret, an empty one)
/// is [`CallbackError::InvalidVerifierConfig`].
pub fn verify(
    headers: &CallbackHeaders,
    raw_body: &[u8],
    secrets: &[Secret],
    options: &VerifyOptions,
) -> std::result::Result<CallbackEvent, CallbackError> {
    let verifier =
        CallbackVerifier::new(secrets.iter().cloned(), options.clone()).map_err(|e| {
            CallbackError::InvalidVerifierConfig {
                reason: format!("the callback cannot be verified: {}", e.reason()),
            }
        })?;
    verifier.verify(headers, raw_body)
}

/// The HMAC over `body + "." + nonce + "." + timestamp`, ready to finalise or compare.
fn sign(secret: &[u8], body: &[u8], nonce: &str, timestamp: &str) -> Hmac<Sha256> {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(body);
    mac.update(b".");
    mac.update(nonce.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac
}

/// The four signature headers for `body`, as Sinch sends them: what the emulator signs with,
/// and what a test uses to build a delivery. Returns `(name, value)` pairs.
pub fn signature_headers(
    secret: &Secret,
    body: &[u8],
    nonce: &str,
    timestamp: i64,
) -> Vec<(String, String)> {
    let ts = timestamp.to_string();
    let digest = sign(secret.expose().as_bytes(), body, nonce, &ts)
        .finalize()
        .into_bytes();
    vec![
        (
            headers::SIGNATURE.into(),
            base64::engine::general_purpose::STANDARD.encode(digest),
        ),
        (headers::ALGORITHM.into(), headers::HMAC_SHA256.into()),
        (headers::NONCE.into(), nonce.into()),
        (headers::TIMESTAMP.into(), ts),
    ]
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The single value of a required header.
fn one<'a>(values: &'a [String], name: &str) -> std::result::Result<&'a str, CallbackError> {
    match values {
        [] => Err(CallbackError::MissingHeader {
            header: name.into(),
            reason: format!(
                "the callback has no {name} header: it was not sent by a Sinch webhook, or a \
                 proxy removed the x-sinch-webhook-* headers; it was refused"
            ),
        }),
        [v] if v.is_empty() => Err(CallbackError::InvalidHeader {
            header: name.into(),
            reason: format!("the callback's {name} header is empty; it was refused"),
        }),
        [v] => Ok(v),
        _ => Err(CallbackError::InvalidHeader {
            header: name.into(),
            reason: format!(
                "the callback has {} {name} headers; a Sinch delivery has one, so it was \
                 refused",
                values.len()
            ),
        }),
    }
}

fn check_algorithm(values: &[String]) -> std::result::Result<(), CallbackError> {
    if values.is_empty() {
        return Ok(());
    }
    let algorithm = one(values, headers::ALGORITHM)?;
    if algorithm.eq_ignore_ascii_case(headers::HMAC_SHA256) {
        return Ok(());
    }
    // Shown only when short and printable: the header is the sender's text.
    let shown: String = algorithm
        .chars()
        .take(40)
        .filter(|c| !c.is_control())
        .collect();
    Err(CallbackError::UnsupportedAlgorithm {
        algorithm: shown.clone(),
        reason: format!(
            "the callback is signed with {shown:?}, and only HmacSHA256 is supported: update \
             sinch-core if Sinch introduced a new scheme; it was refused"
        ),
    })
}

fn parse_timestamp(text: &str) -> std::result::Result<i64, CallbackError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    match text.parse::<i64>() {
        Ok(t) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(t),
        _ => Err(CallbackError::InvalidHeader {
            header: headers::TIMESTAMP.into(),
            reason: format!(
                "the callback's {} header is not a whole number of unix seconds; it was refused",
                headers::TIMESTAMP
            ),
        }),
    }
}

#[cfg(test)]
mod tests;
