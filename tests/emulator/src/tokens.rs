//! Random identifiers and opaque tokens.
//!
//! Access tokens look like JWTs (three base64url segments with a readable `exp` claim)
//! because real Sinch and Keycloak tokens are JWTs and some clients decode `exp` for a
//! proactive refresh. The signature is random: nothing should verify it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::Rng;
use std::time::{SystemTime, UNIX_EPOCH};

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    rand::rng().fill(&mut buf[..]);
    buf
}

/// A JWT-looking token: `header.payload.signature`, with `iat`/`exp` claims for `lifetime_secs`.
pub fn jwt_like(alg: &str, issuer: &str, lifetime_secs: u64) -> String {
    let now = unix_now();
    let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
    let payload = serde_json::json!({
        "iss": issuer,
        "iat": now,
        "exp": now.saturating_add(lifetime_secs),
        "jti": uuid_v4(),
    })
    .to_string();
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(random_bytes(32))
    )
}

/// A random RFC 4122 version-4 UUID string.
pub fn uuid_v4() -> String {
    let mut b = random_bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A ULID-like id (26 Crockford base32 characters), the shape Sinch uses for many resources.
pub fn ulid_like() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    (0..26)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// `n` random decimal digits, the first one non-zero (India `responseId`).
pub fn digits(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|i| {
            let lo = if i == 0 { 1 } else { 0 };
            char::from(b'0' + rng.random_range(lo..10u8))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let t = jwt_like("RS256", "x", 10);
        assert_eq!(t.split('.').count(), 3);
        assert!(t.len() > 40);
        assert_eq!(uuid_v4().len(), 36);
        assert_eq!(ulid_like().len(), 26);
        let d = digits(25);
        assert_eq!(d.len(), 25);
        assert!(d.chars().all(|c| c.is_ascii_digit()) && !d.starts_with('0'));
    }
}
