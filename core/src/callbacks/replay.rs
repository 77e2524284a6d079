//! Nonce replay caches: a nonce accepted once is refused for as long as its timestamp could
//! still pass the window, so a captured delivery cannot be sent again.
//!
//! * [`MemoryReplayCache`] (the default): one process. Bounded: past `max_entries` the entry
//!   closest to expiring is dropped (its timestamp is the oldest, so a replay of it has the
//!   least time left to pass), with one WARN per overflow episode.
//! * [`RedisReplayCache`](super::redis::RedisReplayCache): every process of a fleet behind a
//!   load balancer, `SET NX PX`.
//! * [`ReplayCacheBackend`]: one written in Python or Kotlin, through a UniFFI foreign trait.
//!
//! Keys are SHA-256 digests of the nonce, so a cache never stores request data as sent.

use crate::error::{Result, SinchError};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Remembers accepted nonces.
pub trait ReplayCache: Send + Sync + std::fmt::Debug {
    /// Stores `key` for `ttl` unless present. `Ok(true)`: first time seen (accept);
    /// `Ok(false)`: seen within its ttl (a replay); `Err`: the cache could not answer, and the
    /// callback is refused rather than accepted unchecked.
    fn insert_new(&self, key: &str, ttl: Duration) -> Result<bool>;
}

/// The cache key of a nonce: hex SHA-256, fixed length whatever the nonce.
pub(crate) fn nonce_key(nonce: &str) -> String {
    Sha256::digest(nonce.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The default capacity of [`MemoryReplayCache`]: 100 000 deliveries within one window
/// (about 170 a second for ten minutes), a few MB.
pub const DEFAULT_MAX_ENTRIES: usize = 100_000;

/// Nonces in this process's memory.
pub struct MemoryReplayCache {
    max_entries: usize,
    state: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    expiry: HashMap<String, Instant>,
    /// The same entries ordered by expiry, to drop the expired (and, when full, the oldest).
    by_expiry: BTreeSet<(Instant, String)>,
    overflowing: bool,
}

impl MemoryReplayCache {
    pub fn new() -> Self {
        Self::with_capacity(DEFAULT_MAX_ENTRIES)
    }

    /// At most `max_entries` nonces (at least 1).
    pub fn with_capacity(max_entries: usize) -> Self {
        MemoryReplayCache {
            max_entries: max_entries.max(1),
            state: Mutex::new(Entries::default()),
        }
    }

    pub fn len(&self) -> usize {
        self.lock().expiry.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// [`ReplayCache::insert_new`] at the instant `now` (tests move time).
    pub(crate) fn insert_new_at(&self, key: &str, ttl: Duration, now: Instant) -> bool {
        let mut st = self.lock();
        while let Some((at, k)) = st.by_expiry.first().cloned() {
            if at > now {
                break;
            }
            st.by_expiry.pop_first();
            st.expiry.remove(&k);
        }
        if st.expiry.contains_key(key) {
            return false;
        }
        if st.expiry.len() >= self.max_entries {
            if !st.overflowing {
                log::warn!(
                    "the webhook replay cache is full ({} nonces within the window); the \
                     oldest are forgotten early: raise its capacity or use a Redis cache",
                    self.max_entries
                );
                st.overflowing = true;
            }
            if let Some((_, k)) = st.by_expiry.pop_first() {
                st.expiry.remove(&k);
            }
        } else if st.expiry.len() < self.max_entries / 2 {
            st.overflowing = false;
        }
        let at = now.checked_add(ttl).unwrap_or(now);
        st.expiry.insert(key.to_string(), at);
        st.by_expiry.insert((at, key.to_string()));
        true
    }
}

impl std::fmt::Debug for MemoryReplayCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MemoryReplayCache({}/{} nonces)",
            self.len(),
            self.max_entries
        )
    }
}

impl Default for MemoryReplayCache {
    fn default() -> Self {
        Self::new()
    }
}

impl ReplayCache for MemoryReplayCache {
    fn insert_new(&self, key: &str, ttl: Duration) -> Result<bool> {
        Ok(self.insert_new_at(key, ttl, Instant::now()))
    }
}

/// A replay cache written in another language (Python, Kotlin): your database, Memcached…
///
/// Declared here, beside `SinchError`, for the reason given on `TokenStoreBackend`: a foreign
/// trait returning another crate's error generates Kotlin that does not compile.
#[cfg_attr(feature = "uniffi", uniffi::export(foreign))]
pub trait ReplayCacheBackend: Send + Sync {
    /// Stores `key` for `ttl_ms` milliseconds unless it is already there; returns whether it
    /// was stored (true: first time seen). Must be atomic across every process sharing the
    /// cache (e.g. Redis `SET NX PX`, SQL `INSERT … ON CONFLICT DO NOTHING`). Raise/throw
    /// `SinchError.StoreError` when the cache cannot answer: the callback is then refused with
    /// `ReplayCacheUnavailable`.
    fn insert_new(&self, key: String, ttl_ms: i64) -> Result<bool>;
}

/// A [`ReplayCache`] over a backend.
pub struct BackendReplayCache(pub Arc<dyn ReplayCacheBackend>);

impl std::fmt::Debug for BackendReplayCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackendReplayCache")
    }
}

impl ReplayCache for BackendReplayCache {
    fn insert_new(&self, key: &str, ttl: Duration) -> Result<bool> {
        self.0
            .insert_new(key.to_string(), crate::clock::millis(ttl).max(1))
    }
}

/// For the error of a cache that failed: what failed and what the receiver should do.
pub(crate) fn unavailable(e: &SinchError) -> super::CallbackError {
    super::CallbackError::ReplayCacheUnavailable {
        reason: format!(
            "the webhook replay cache could not check the nonce ({}); the callback was refused \
             rather than accepted unchecked: answer 503 so Sinch delivers it again, and check \
             the cache",
            e.reason()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn a_nonce_is_new_once_until_it_expires() {
        let cache = MemoryReplayCache::new();
        let t0 = Instant::now();
        assert!(cache.insert_new_at("a", MIN, t0));
        assert!(!cache.insert_new_at("a", MIN, t0 + MIN / 2));
        assert!(cache.insert_new_at("b", MIN, t0 + MIN / 2));
        // Expired entries are dropped, so the cache does not grow without bound.
        assert!(cache.insert_new_at("a", MIN, t0 + MIN * 2));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn when_full_the_entry_closest_to_expiry_goes() {
        let cache = MemoryReplayCache::with_capacity(2);
        let t0 = Instant::now();
        assert!(cache.insert_new_at("short", MIN, t0));
        assert!(cache.insert_new_at("long", MIN * 5, t0));
        assert!(cache.insert_new_at("third", MIN * 5, t0));
        assert_eq!(cache.len(), 2);
        assert!(!cache.insert_new_at("long", MIN, t0), "kept");
        assert!(
            cache.insert_new_at("short", MIN, t0),
            "dropped to make room"
        );
    }

    #[test]
    fn keys_are_digests() {
        assert_eq!(nonce_key("n").len(), 64);
        assert_ne!(nonce_key("n"), nonce_key("m"));
    }
}
