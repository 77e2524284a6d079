//! What the cache holds per credential, and when it must be refreshed.

use crate::secret::Secret;
use once_cell::sync::Lazy;
use rand::Rng;
use sha2::{Digest, Sha256};
use std::time::{Duration, SystemTime};

/// Identifies a credential: token URL, client/key ID, grant and username, plus a salted digest
/// of the secret so that a wrong secret never shares the cache entry of the right one. The salt
/// is random per process and the digest never leaves memory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    pub token_url: String,
    pub client_id: String,
    pub grant: String,
    pub username: String,
    secret_digest: [u8; 32],
}

static SALT: Lazy<[u8; 16]> = Lazy::new(|| rand::rng().random());

impl CacheKey {
    pub fn new(
        token_url: &str,
        client_id: &str,
        grant: &str,
        username: &str,
        secret: &Secret,
    ) -> Self {
        let mut h = Sha256::new();
        h.update(*SALT);
        h.update(secret.expose().as_bytes());
        CacheKey {
            token_url: token_url.to_string(),
            client_id: client_id.to_string(),
            grant: grant.to_string(),
            username: username.to_string(),
            secret_digest: h.finalize().into(),
        }
    }

    /// The part of the key that may be persisted (no secret digest).
    pub fn store_key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.token_url, self.client_id, self.grant, self.username
        )
    }
}

/// A cached token and its schedule, all on the cache's monotonic clock.
#[derive(Clone)]
pub struct TokenEntry {
    pub(crate) access_token: Secret,
    pub(crate) refresh_token: Option<Secret>,
    pub(crate) lifetime: Duration,
    pub(crate) expires_at: Duration,
    pub(crate) refresh_expires_at: Option<Duration>,
    /// From here one caller refreshes while the others keep using this token.
    pub(crate) soft_at: Duration,
    /// From here every caller waits for a fresh token.
    pub(crate) hard_at: Duration,
    pub(crate) wall_expires_at: SystemTime,
}

impl TokenEntry {
    pub fn access_token(&self) -> &Secret {
        &self.access_token
    }
    pub fn refresh_token(&self) -> Option<&Secret> {
        self.refresh_token.as_ref()
    }
    pub fn expires_at(&self) -> Duration {
        self.expires_at
    }
    pub fn refresh_expires_at(&self) -> Option<Duration> {
        self.refresh_expires_at
    }
    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }
    pub fn wall_expires_at(&self) -> SystemTime {
        self.wall_expires_at
    }
    pub fn fingerprint(&self) -> String {
        self.access_token.fingerprint()
    }
}

impl std::fmt::Debug for TokenEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenEntry")
            .field("access_token", &self.fingerprint())
            .field("has_refresh_token", &self.refresh_token.is_some())
            .field("lifetime", &self.lifetime())
            .finish()
    }
}

/// The longest lifetime a token endpoint's `expires_in` is believed for (Sinch and Keycloak
/// issue one hour). A larger value (up to `1e30` has been seen from broken servers) is clamped:
/// a token that dies earlier is replaced by the 401 rule.
pub const MAX_TOKEN_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The shortest: an `expires_in` of 0 or a few milliseconds is read as this, so that a server
/// that says "already expired" costs one token request per second at most, not one per call.
pub const MIN_TOKEN_LIFETIME: Duration = Duration::from_secs(1);

/// The longest `refresh_expires_in` believed (Keycloak's SSO session maximum is 10 h by
/// default; offline sessions last longer).
pub const MAX_REFRESH_LIFETIME: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// A lifetime in seconds from a server or a store (any number, however odd) as a [`Duration`]
/// within `[min, max]`; `None` for a negative or non-finite number.
pub fn bounded_lifetime(secs: f64, min: Duration, max: Duration) -> Option<Duration> {
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    // Clamped as a float first: `Duration::from_secs_f64` panics past `u64::MAX` seconds.
    Some(Duration::from_secs_f64(secs.min(max.as_secs_f64())).max(min))
}

/// The refresh schedule rules (token contract 3, `docs/token-contract.md`).
#[derive(Debug, Clone, PartialEq)]
pub struct RefreshRules {
    /// Soft refresh starts `max(soft_margin_min, soft_fraction * lifetime)` before expiry...
    pub soft_margin_min: Duration,
    pub soft_fraction: f64,
    /// ...but never before this fraction of the lifetime has passed.
    pub soft_not_before_fraction: f64,
    /// Hard floor: `min(hard_floor, hard_fraction * lifetime)` before expiry.
    pub hard_floor: Duration,
    pub hard_fraction: f64,
}

impl Default for RefreshRules {
    fn default() -> Self {
        RefreshRules {
            soft_margin_min: Duration::from_secs(60),
            soft_fraction: 0.10,
            soft_not_before_fraction: 0.5,
            hard_floor: Duration::from_secs(30),
            hard_fraction: 0.10,
        }
    }
}

impl RefreshRules {
    /// `(soft_at, hard_at)` for a token obtained at `obtained` living `lifetime`. The soft time
    /// is jittered over the first third of the window between the earliest soft time and the
    /// hard floor, so processes started together do not refresh together.
    pub fn schedule(&self, obtained: Duration, lifetime: Duration) -> (Duration, Duration) {
        let margin = self
            .soft_margin_min
            .max(lifetime.mul_f64(self.soft_fraction));
        let earliest = lifetime
            .saturating_sub(margin)
            .max(lifetime.mul_f64(self.soft_not_before_fraction));
        let floor = self.hard_floor.min(lifetime.mul_f64(self.hard_fraction));
        let hard = lifetime.saturating_sub(floor);
        let window = hard.saturating_sub(earliest) / 3;
        let jitter = if window.is_zero() {
            Duration::ZERO
        } else {
            window.mul_f64(rand::rng().random_range(0.0..1.0))
        };
        let soft = (earliest + jitter).min(hard);
        (obtained + soft, obtained + hard)
    }

    /// The same schedule for a token known by its expiry (one loaded from a store): counted
    /// back from `expires_at`, so a token obtained before this clock's origin (another process,
    /// earlier) is never taken for fresher than it is.
    pub fn schedule_until(&self, expires_at: Duration, lifetime: Duration) -> (Duration, Duration) {
        let (soft, hard) = self.schedule(Duration::ZERO, lifetime);
        (
            expires_at.saturating_sub(lifetime.saturating_sub(soft)),
            expires_at.saturating_sub(lifetime.saturating_sub(hard)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_hour_token_refreshes_softly_five_to_six_minutes_early_and_hard_30s_early() {
        let r = RefreshRules::default();
        for _ in 0..100 {
            let (soft, hard) = r.schedule(Duration::ZERO, Duration::from_secs(3600));
            assert_eq!(hard, Duration::from_secs(3570));
            assert!(soft >= Duration::from_secs(3240) && soft < Duration::from_secs(3350));
        }
    }

    #[test]
    fn a_three_second_token_refreshes_between_half_and_hard_floor() {
        let r = RefreshRules::default();
        for _ in 0..100 {
            let (soft, hard) = r.schedule(Duration::ZERO, Duration::from_secs(3));
            assert_eq!(hard, Duration::from_millis(2700));
            assert!(soft >= Duration::from_millis(1500) && soft <= Duration::from_millis(1900));
        }
    }

    #[test]
    fn lifetimes_from_servers_are_clamped_never_panic() {
        let (min, max) = (MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME);
        for huge in [1e30, 3e73, 9.3e18, 18446744073709551616.0, f64::MAX] {
            assert_eq!(bounded_lifetime(huge, min, max), Some(max), "{huge}");
        }
        for tiny in [0.0, 1e-9, 0.5] {
            assert_eq!(bounded_lifetime(tiny, min, max), Some(min), "{tiny}");
        }
        assert_eq!(
            bounded_lifetime(3600.0, min, max),
            Some(Duration::from_secs(3600))
        );
        for bad in [-1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(bounded_lifetime(bad, min, max), None, "{bad}");
        }
    }

    #[test]
    fn the_longest_lifetime_schedules_without_overflow() {
        let (soft, hard) = RefreshRules::default().schedule(Duration::MAX / 2, MAX_TOKEN_LIFETIME);
        assert!(soft <= hard);
    }

    #[test]
    fn same_credentials_same_key_different_secret_different_key() {
        let a = CacheKey::new("u", "id", "g", "", &Secret::new("s1"));
        let b = CacheKey::new("u", "id", "g", "", &Secret::new("s1"));
        let c = CacheKey::new("u", "id", "g", "", &Secret::new("s2"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.store_key(), c.store_key());
        assert!(!format!("{a:?}").contains("s1"));
    }
}
