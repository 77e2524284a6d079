//! Secrets (key secrets, passwords, access and refresh tokens).
//!
//! A [`Secret`] is zeroized when dropped and never printed: `Debug` and `Display` both render
//! `[redacted]`. Reading the value takes an explicit [`Secret::expose`] call, so leaking one into a
//! log line or an error message takes intent (the oauth2-rs rule).

use sha2::{Digest, Sha256};
use std::fmt;
use zeroize::Zeroizing;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The secret value. Call it only where the value goes on the wire.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A short, stable, non-reversible fingerprint for logs and diagnostics (`sha256:1a2b3c4d`),
    /// so two log lines can be matched to one token without showing it.
    pub fn fingerprint(&self) -> String {
        fingerprint(self.expose())
    }
}

/// `sha256:` and the first 8 hex digits of the SHA-256 of `value`.
pub fn fingerprint(value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let s = Secret::new("hunter2-very-secret");
        assert_eq!(format!("{s:?}"), "Secret([redacted])");
        assert_eq!(format!("{s}"), "[redacted]");
        assert_eq!(s.expose(), "hunter2-very-secret");
    }

    #[test]
    fn fingerprint_is_short_stable_and_not_the_value() {
        let a = Secret::new("token-a");
        assert_eq!(a.fingerprint(), Secret::new("token-a").fingerprint());
        assert_ne!(a.fingerprint(), Secret::new("token-b").fingerprint());
        assert!(a.fingerprint().starts_with("sha256:"));
        assert_eq!(a.fingerprint().len(), "sha256:".len() + 8);
        assert!(!a.fingerprint().contains("token-a"));
    }
}

// Across the FFI a secret is a plain string (the caller asked for the value); records that hold
// one export redacting Debug/Display so their printed forms stay clean.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Secret, String, {
    lower: |s| s.expose().to_string(),
    try_lift: |s| Ok(Secret::new(s)),
});
