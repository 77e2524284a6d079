//! Sealed store entries: what a shared store (a file, Redis) holds is useless without the
//! credential it belongs to.
//!
//! key = HKDF-SHA256(ikm = the credential's key secret or password, salt = the store key,
//! info = [`INFO`]); the access and refresh tokens are encrypted together with
//! ChaCha20-Poly1305 under a random 96-bit nonce, the store key as associated data (an entry
//! copied under another key does not open). Expiry times stay in clear: a store needs them to
//! expire entries, and they reveal nothing usable.
//!
//! A sealed entry's `access_token` field reads `sealed.v1.<base64url(nonce | ciphertext)>` and
//! its `refresh_token` is empty, so a store keeps its layout.

use super::store::StoredToken;
use crate::secret::Secret;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

/// HKDF `info`: names what the key is for, so it can never collide with another use of the
/// same secret.
const INFO: &[u8] = b"sinch-core token store entry v1";
const PREFIX: &str = "sealed.v1.";
const NONCE_LEN: usize = 12;

/// Seals and opens the entries of one credential under one store key.
pub struct Sealer {
    cipher: ChaCha20Poly1305,
    aad: String,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer")
            .field("store_key", &self.aad)
            .finish()
    }
}

/// What [`Sealer::open`] found.
#[derive(Debug)]
pub enum Opened {
    /// A sealed entry of this credential, opened.
    Sealed(StoredToken),
    /// An entry in clear (written before sealing existed).
    Plain(StoredToken),
    /// Sealed, but not openable with this credential (another secret, tampered, or copied from
    /// another key).
    Refused,
}

#[derive(Serialize, Deserialize)]
struct Inner {
    a: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<String>,
}

impl Sealer {
    pub fn new(secret: &Secret, store_key: &str) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(store_key.as_bytes()), secret.expose().as_bytes());
        let mut key = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's output limit: this cannot fail.
        hk.expand(INFO, key.as_mut())
            .expect("HKDF-SHA256 yields 32 bytes");
        Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(key.as_ref())),
            aad: store_key.to_string(),
        }
    }

    pub fn seal(&self, token: &StoredToken) -> StoredToken {
        let inner = Zeroizing::new(
            serde_json::to_vec(&Inner {
                a: token.access_token.expose().to_string(),
                r: token.refresh_token.as_ref().map(|r| r.expose().to_string()),
            })
            .unwrap_or_default(),
        );
        let nonce: [u8; NONCE_LEN] = rand::random();
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &inner,
                    aad: self.aad.as_bytes(),
                },
            )
            // Encryption fails only for messages of gigabytes.
            .expect("ChaCha20-Poly1305 seals a token");
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        StoredToken {
            access_token: Secret::new(format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(blob))),
            refresh_token: None,
            ..token.clone()
        }
    }

    pub fn open(&self, stored: StoredToken) -> Opened {
        let Some(encoded) = stored.access_token.expose().strip_prefix(PREFIX) else {
            return Opened::Plain(stored);
        };
        let opened = URL_SAFE_NO_PAD
            .decode(encoded)
            .ok()
            .filter(|blob| blob.len() > NONCE_LEN)
            .and_then(|blob| {
                let (nonce, sealed) = blob.split_at(NONCE_LEN);
                self.cipher
                    .decrypt(
                        Nonce::from_slice(nonce),
                        Payload {
                            msg: sealed,
                            aad: self.aad.as_bytes(),
                        },
                    )
                    .ok()
            })
            .map(Zeroizing::new)
            .and_then(|plain| serde_json::from_slice::<Inner>(&plain).ok());
        match opened {
            Some(inner) => Opened::Sealed(StoredToken {
                access_token: Secret::new(inner.a),
                refresh_token: inner.r.map(Secret::new),
                ..stored
            }),
            None => Opened::Refused,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> StoredToken {
        StoredToken {
            access_token: Secret::new("eyJ-access-token-value"),
            expires_at_unix_ms: 1_900_000_000_000,
            lifetime_ms: 3_600_000,
            refresh_token: Some(Secret::new("refresh-token-value")),
            refresh_expires_at_unix_ms: Some(1_900_000_100_000),
        }
    }

    #[test]
    fn a_sealed_entry_hides_both_tokens_and_opens_with_the_same_credential() {
        let sealer = Sealer::new(&Secret::new("key-secret"), "store-key");
        let sealed = sealer.seal(&token());
        let text = sealed.access_token.expose().to_string();
        assert!(text.starts_with(PREFIX));
        assert!(!text.contains("access-token-value") && !text.contains("refresh"));
        assert!(sealed.refresh_token.is_none());
        assert_eq!(sealed.expires_at_unix_ms, token().expires_at_unix_ms);
        assert_ne!(
            sealer.seal(&token()).access_token,
            sealed.access_token,
            "a fresh nonce each time"
        );
        match sealer.open(sealed) {
            Opened::Sealed(t) => assert_eq!(t, token()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn another_secret_another_key_or_a_flipped_bit_cannot_open_it() {
        let sealed = Sealer::new(&Secret::new("key-secret"), "k1").seal(&token());
        let other_secret = Sealer::new(&Secret::new("key-secret2"), "k1");
        assert!(matches!(other_secret.open(sealed.clone()), Opened::Refused));
        let other_key = Sealer::new(&Secret::new("key-secret"), "k2");
        assert!(matches!(other_key.open(sealed.clone()), Opened::Refused));
        let mut tampered = sealed.access_token.expose().to_string();
        let last = tampered.pop().unwrap();
        tampered.push(if last == 'A' { 'B' } else { 'A' });
        let tampered = StoredToken {
            access_token: Secret::new(tampered),
            ..sealed
        };
        let sealer = Sealer::new(&Secret::new("key-secret"), "k1");
        assert!(matches!(sealer.open(tampered), Opened::Refused));
        for junk in ["sealed.v1.", "sealed.v1.!!!", "sealed.v1.AAAA"] {
            let junk = StoredToken {
                access_token: Secret::new(junk),
                ..token()
            };
            assert!(matches!(sealer.open(junk), Opened::Refused));
        }
    }

    #[test]
    fn an_entry_in_clear_is_reported_as_such() {
        let sealer = Sealer::new(&Secret::new("key-secret"), "k1");
        assert!(matches!(sealer.open(token()), Opened::Plain(t) if t == token()));
    }
}
