//! Receiving webhook callbacks: the verifier and its replay caches, as objects. The checks,
//! the event parsing and every message are core's (`sinch_core::callbacks`).

use sinch_core::callbacks::{
    BackendReplayCache, CallbackHeaders, CallbackVerifier as CoreVerifier, MemoryReplayCache,
    RedisReplayCache, ReplayCache as CoreCache, ReplayCacheBackend, VerifyOptions,
    DEFAULT_MAX_ENTRIES,
};
use sinch_core::{CallbackError, CallbackEvent, Secret, SinchError};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// Where accepted nonces are remembered, so a delivery sent again is refused. Pass it as
/// `replay_cache=` to a `CallbackVerifier`; without one, verifiers share one memory cache per
/// process.
#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct ReplayCache {
    inner: Arc<dyn CoreCache>,
}

#[uniffi::export]
impl ReplayCache {
    /// In this process's memory, for at most `max_entries` nonces (default 100 000).
    #[uniffi::constructor(default(max_entries))]
    pub fn memory(max_entries: Option<i64>) -> Result<Arc<Self>, SinchError> {
        let max = match max_entries {
            None => DEFAULT_MAX_ENTRIES,
            Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
            Some(n) => {
                return Err(SinchError::invalid_config(format!(
                    "a replay cache holds at least 1 nonce, not {n}"
                )))
            }
        };
        Ok(Arc::new(ReplayCache {
            inner: Arc::new(MemoryReplayCache::with_capacity(max)),
        }))
    }

    /// Redis, shared by every process receiving the webhook's callbacks (`SET NX PX`). Same
    /// arguments as `TokenStore.redis`. A Redis that does not answer makes verification fail
    /// with `ReplayCacheUnavailable` (answer 503: Sinch delivers again later), never accept a
    /// delivery unchecked.
    #[uniffi::constructor(
        default(username),
        default(password),
        default(database),
        default(key_prefix),
        default(ca_pem)
    )]
    pub fn redis(
        url: String,
        username: Option<String>,
        password: Option<String>,
        database: Option<i64>,
        key_prefix: Option<String>,
        ca_pem: Option<String>,
    ) -> Result<Arc<Self>, SinchError> {
        let options =
            crate::store::redis_options(url, username, password, database, key_prefix, ca_pem);
        Ok(Arc::new(ReplayCache {
            inner: Arc::new(RedisReplayCache::new(options)?),
        }))
    }

    /// Your own cache (a database table, Memcached…): implement `ReplayCacheBackend`.
    #[uniffi::constructor]
    pub fn foreign(backend: Arc<dyn ReplayCacheBackend>) -> Arc<Self> {
        Arc::new(ReplayCache {
            inner: Arc::new(BackendReplayCache(backend)),
        })
    }
}

/// Verifies the callbacks of a webhook: build it once with the webhook's secret(s), then call
/// `verify` with each request's headers and raw body. Its `Debug`/repr/toString never show a
/// secret.
#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct CallbackVerifier {
    inner: CoreVerifier,
}

#[uniffi::export]
impl CallbackVerifier {
    /// `secrets`: the webhook's secret, or several while rotating one (a delivery signed with
    /// any of them is accepted). `tolerance_seconds`: how far the signed timestamp may be from
    /// this machine's clock, either way (default 300). `replay_cache`: default, one memory
    /// cache per process.
    #[uniffi::constructor(default(tolerance_seconds), default(replay_cache))]
    pub fn new(
        secrets: Vec<String>,
        tolerance_seconds: Option<i64>,
        replay_cache: Option<Arc<ReplayCache>>,
    ) -> Result<Arc<Self>, SinchError> {
        let mut options = VerifyOptions {
            replay_cache: replay_cache.map(|c| c.inner.clone()),
            ..Default::default()
        };
        if let Some(secs) = tolerance_seconds {
            // Out-of-range values (0, negative, beyond a day) are refused by core.
            options.tolerance = Duration::from_secs(u64::try_from(secs).unwrap_or(0));
        }
        Ok(Arc::new(CallbackVerifier {
            inner: CoreVerifier::new(secrets.into_iter().map(Secret::new), options)?,
        }))
    }

    /// Authenticates one request and returns its event. `headers`: every header of the
    /// request, names in any case, each with all its values. `body`: the raw bytes received.
    pub fn verify(
        &self,
        headers: HashMap<String, Vec<String>>,
        body: Vec<u8>,
    ) -> Result<CallbackEvent, CallbackError> {
        self.inner
            .verify(&CallbackHeaders::from_multimap(&headers), &body)
    }

    /// The accepted distance between the signed timestamp and this machine's clock.
    pub fn tolerance_seconds(&self) -> i64 {
        i64::try_from(self.inner.tolerance().as_secs()).unwrap_or(i64::MAX)
    }
}

/// The four signature headers Sinch would send with `body` (what the emulator signs with):
/// for tests of a receiver. Returns the header names and values.
#[uniffi::export]
pub fn sign_callback(
    secret: String,
    body: Vec<u8>,
    nonce: String,
    timestamp: i64,
) -> HashMap<String, String> {
    sinch_core::callbacks::signature_headers(&Secret::new(secret), &body, &nonce, timestamp)
        .into_iter()
        .collect()
}
