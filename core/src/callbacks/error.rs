//! Why a callback was refused. Each variant tells the receiver what to answer Sinch and what to
//! fix; none ever holds a secret (the reasons name headers and counts, never a secret or the
//! expected signature).

/// A refused callback. [`CallbackError::http_status`] is the answer to give Sinch: 4xx for a
/// request that is not an authentic, fresh, first delivery, and 503 for
/// [`ReplayCacheUnavailable`], a fault on the receiver's side, so Sinch delivers again later.
///
/// [`ReplayCacheUnavailable`]: CallbackError::ReplayCacheUnavailable
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
#[cfg_attr(feature = "uniffi", uniffi::export(Display))]
pub enum CallbackError {
    /// A signature header is absent: the request did not come from a Sinch webhook (or a proxy
    /// dropped the `x-sinch-webhook-*` headers).
    #[error("{reason}")]
    MissingHeader { header: String, reason: String },

    /// A signature header is present but unusable: repeated, empty, too long, or a timestamp
    /// that is not a whole number of seconds.
    #[error("{reason}")]
    InvalidHeader { header: String, reason: String },

    /// `x-sinch-webhook-signature-algorithm` names a scheme other than `HmacSHA256`.
    #[error("{reason}")]
    UnsupportedAlgorithm { algorithm: String, reason: String },

    /// No configured secret produces the signature: a wrong secret, a body changed on the way
    /// (including re-serialised JSON), or a forged request.
    #[error("{reason}")]
    BadSignature { reason: String },

    /// The signed timestamp is outside the accepted window (too old, or too far in the future).
    /// `skew_seconds` is the receiver's clock minus the timestamp.
    #[error("{reason}")]
    StaleTimestamp {
        timestamp: i64,
        skew_seconds: i64,
        reason: String,
    },

    /// This nonce was already accepted within the window: the same delivery sent again.
    #[error("{reason}")]
    ReplayedNonce { nonce: String, reason: String },

    /// The body is correctly signed but is not the documented `{type, payload, comment?}` JSON.
    #[error("{reason}")]
    MalformedBody { reason: String },

    /// The replay cache (Redis, or your own) could not be asked, so the nonce cannot be checked.
    /// Refused rather than accepted unchecked; answer `503` so Sinch retries.
    #[error("{reason}")]
    ReplayCacheUnavailable { reason: String },

    /// The receiver is misconfigured (no secret, an empty one): nothing can be verified until
    /// it is fixed. Answer `500`; Sinch retries.
    #[error("{reason}")]
    InvalidVerifierConfig { reason: String },
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl CallbackError {
    /// The HTTP status a receiver should answer with: 503 or 500 when the fault is the
    /// receiver's (Sinch retries), 400 for a malformed request, 401 for one that is not authentic
    /// or not fresh, 409 for a delivery already accepted (it is not processed twice).
    pub fn http_status(&self) -> i32 {
        match self {
            CallbackError::ReplayCacheUnavailable { .. } => 503,
            CallbackError::InvalidVerifierConfig { .. } => 500,
            CallbackError::MissingHeader { .. }
            | CallbackError::InvalidHeader { .. }
            | CallbackError::MalformedBody { .. }
            | CallbackError::UnsupportedAlgorithm { .. } => 400,
            CallbackError::BadSignature { .. } | CallbackError::StaleTimestamp { .. } => 401,
            CallbackError::ReplayedNonce { .. } => 409,
        }
    }
}

impl CallbackError {
    /// The variant's name (`"BadSignature"`…), for logs and metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            CallbackError::MissingHeader { .. } => "MissingHeader",
            CallbackError::InvalidHeader { .. } => "InvalidHeader",
            CallbackError::UnsupportedAlgorithm { .. } => "UnsupportedAlgorithm",
            CallbackError::BadSignature { .. } => "BadSignature",
            CallbackError::StaleTimestamp { .. } => "StaleTimestamp",
            CallbackError::ReplayedNonce { .. } => "ReplayedNonce",
            CallbackError::MalformedBody { .. } => "MalformedBody",
            CallbackError::ReplayCacheUnavailable { .. } => "ReplayCacheUnavailable",
            CallbackError::InvalidVerifierConfig { .. } => "InvalidVerifierConfig",
        }
    }

    /// The reason sentence of any variant.
    pub fn reason(&self) -> &str {
        match self {
            CallbackError::MissingHeader { reason, .. }
            | CallbackError::InvalidHeader { reason, .. }
            | CallbackError::UnsupportedAlgorithm { reason, .. }
            | CallbackError::BadSignature { reason }
            | CallbackError::StaleTimestamp { reason, .. }
            | CallbackError::ReplayedNonce { reason, .. }
            | CallbackError::MalformedBody { reason }
            | CallbackError::ReplayCacheUnavailable { reason }
            | CallbackError::InvalidVerifierConfig { reason } => reason,
        }
    }
}
