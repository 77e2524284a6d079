//! The replay cache of a fleet: nonces in Redis, so a delivery accepted by one process is
//! refused by every other. `SET {prefix}nonce:{sha256(nonce)} 1 NX PX ttl` is atomic, so two
//! processes receiving the same delivery at once cannot both accept it.
//!
//! It reuses the token store's Redis connection handling ([`RedisStore`]): the same options,
//! TLS, bounded waits and outage pauses. Unlike the token store, an outage is not papered over:
//! without Redis a replay cannot be ruled out, so callbacks are refused
//! (`ReplayCacheUnavailable`, answer 503) and Sinch delivers them again later.

use super::replay::ReplayCache;
use crate::error::{Result, SinchError};
use crate::token::{RedisOptions, RedisStore};
use std::time::Duration;

#[derive(Clone)]
pub struct RedisReplayCache {
    store: RedisStore,
}

impl RedisReplayCache {
    /// A cache on the Redis at `options.url`; nothing is contacted yet.
    pub fn new(options: RedisOptions) -> Result<Self> {
        Ok(RedisReplayCache {
            store: RedisStore::with_outage_effect(
                options,
                "callbacks are refused (ReplayCacheUnavailable, answer 503) until it answers again",
            )?,
        })
    }

    /// Shares the connection (and key prefix) of the fleet's token store.
    pub fn from_store(store: &RedisStore) -> Self {
        RedisReplayCache {
            store: store.clone(),
        }
    }

    /// The Redis key of a nonce digest.
    pub fn key(&self, nonce_digest: &str) -> String {
        self.store.prefixed_key("nonce", nonce_digest)
    }
}

impl std::fmt::Debug for RedisReplayCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RedisReplayCache({})", self.store.shown())
    }
}

impl ReplayCache for RedisReplayCache {
    fn insert_new(&self, key: &str, ttl: Duration) -> Result<bool> {
        let redis_key = self.key(key);
        let ttl_ms = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1);
        let stored = self.store.run(|c| {
            redis::cmd("SET")
                .arg(&redis_key)
                .arg(1)
                .arg("NX")
                .arg("PX")
                .arg(ttl_ms)
                .query::<Option<String>>(c)
        });
        match stored {
            Some(answer) => Ok(answer.is_some()),
            None => Err(SinchError::store(format!(
                "Redis {} did not answer",
                self.store.shown()
            ))),
        }
    }
}
