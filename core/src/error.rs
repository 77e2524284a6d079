//! The one public error type.
//!
//! Every variant says what the caller can do about it, and every variant carries `reason`, a
//! complete human-readable sentence rendered here in core, so Python (whose exception text is
//! built from fields) and Kotlin show the same text Rust's `Display` does. No variant ever holds a
//! secret: reasons name key IDs, usernames and URLs, never key secrets, passwords or tokens.
//! (No field is called `message` or `cause`: those names break the generated Kotlin. Numbers are
//! signed: Kotlin's unsigned types cannot be read from Java.)

use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
#[cfg_attr(feature = "uniffi", uniffi::export(Display))]
pub enum SinchError {
    /// The configuration cannot work (bad URL, empty key ID, page size out of range...). Fix the
    /// code or settings; retrying will not help.
    #[error("{reason}")]
    InvalidConfig { reason: String },

    /// The token endpoint or the API refused the credentials (wrong key ID/secret, wrong
    /// username/password, disabled account). Check the credentials; sinch-core does not retry.
    #[error("{reason}")]
    InvalidCredentials { reason: String },

    /// A Keycloak refresh token is no longer accepted. Normally healed inside the core by one
    /// password grant; surfaces only if that is impossible.
    #[error("{reason}")]
    RefreshExpired { reason: String },

    /// The server asked us to slow down and retries ran out. `retry_after_ms` is the server's
    /// hint when it gave one.
    #[error("{reason}")]
    RateLimited {
        retry_after_ms: Option<i64>,
        reason: String,
    },

    /// The Provisioning API answered with its error body ("PAPI error").
    #[error("{reason}")]
    ApiError {
        status: i32,
        error_code: String,
        /// The server's human-readable text (`message` in the JSON body).
        detail: String,
        resolution: String,
        /// `additionalInformation`, e.g. `validationErrors`; scalar values become one-item lists.
        additional_information: HashMap<String, Vec<String>>,
        reason: String,
    },

    /// A server error (5xx) that persisted after the allowed retries.
    #[error("{reason}")]
    ServiceUnavailable { status: i32, reason: String },

    /// The request did not reach the server or the connection broke.
    #[error("{reason}")]
    NetworkError { reason: String },

    /// The request, or a wait for another caller's token fetch, took longer than allowed.
    #[error("{reason}")]
    Timeout { reason: String },

    /// A response we could not understand (malformed JSON, HTML, oversized). The reason carries a
    /// safe excerpt, never a token.
    #[error("{reason}")]
    ProtocolError { reason: String },

    /// A token store (file, foreign) failed.
    #[error("{reason}")]
    StoreError { reason: String },

    /// A bug in sinch-core. Please report it.
    #[error("{reason}")]
    InternalError { reason: String },
}

pub type Result<T, E = SinchError> = std::result::Result<T, E>;

impl SinchError {
    pub fn invalid_config(reason: impl Into<String>) -> Self {
        SinchError::InvalidConfig {
            reason: reason.into(),
        }
    }
    pub fn protocol(reason: impl Into<String>) -> Self {
        SinchError::ProtocolError {
            reason: reason.into(),
        }
    }
    pub fn internal(reason: impl Into<String>) -> Self {
        SinchError::InternalError {
            reason: reason.into(),
        }
    }
    pub fn store(reason: impl Into<String>) -> Self {
        SinchError::StoreError {
            reason: reason.into(),
        }
    }
    pub fn timeout(reason: impl Into<String>) -> Self {
        SinchError::Timeout {
            reason: reason.into(),
        }
    }
    pub fn network(reason: impl Into<String>) -> Self {
        SinchError::NetworkError {
            reason: reason.into(),
        }
    }

    /// The variant's name (`"Timeout"`, `"ApiError"`…), for logs that must not repeat the reason.
    pub fn kind(&self) -> &'static str {
        match self {
            SinchError::InvalidConfig { .. } => "InvalidConfig",
            SinchError::InvalidCredentials { .. } => "InvalidCredentials",
            SinchError::RefreshExpired { .. } => "RefreshExpired",
            SinchError::RateLimited { .. } => "RateLimited",
            SinchError::ApiError { .. } => "ApiError",
            SinchError::ServiceUnavailable { .. } => "ServiceUnavailable",
            SinchError::NetworkError { .. } => "NetworkError",
            SinchError::Timeout { .. } => "Timeout",
            SinchError::ProtocolError { .. } => "ProtocolError",
            SinchError::StoreError { .. } => "StoreError",
            SinchError::InternalError { .. } => "InternalError",
        }
    }

    /// The reason sentence of any variant.
    pub fn reason(&self) -> &str {
        match self {
            SinchError::InvalidConfig { reason }
            | SinchError::InvalidCredentials { reason }
            | SinchError::RefreshExpired { reason }
            | SinchError::RateLimited { reason, .. }
            | SinchError::ApiError { reason, .. }
            | SinchError::ServiceUnavailable { reason, .. }
            | SinchError::NetworkError { reason }
            | SinchError::Timeout { reason }
            | SinchError::ProtocolError { reason }
            | SinchError::StoreError { reason }
            | SinchError::InternalError { reason } => reason,
        }
    }
}

#[cfg(feature = "uniffi")]
impl From<uniffi::UnexpectedUniFFICallbackError> for SinchError {
    /// A foreign (Python/Kotlin) callback raised something that is not a `SinchError`.
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SinchError::StoreError {
            reason: format!(
                "a foreign token store raised an unexpected error: {}",
                e.reason
            ),
        }
    }
}
