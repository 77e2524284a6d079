//! Token stores for the bindings: memory, file, or one written in Python/Kotlin (a foreign
//! trait). The cache rules around them (single-flight, refresh ahead, leases) are core's.

use sinch_core::token::{
    BackendStore, FileStore, MemoryStore, RedisOptions, RedisStore, TokenStore as CoreStore,
    TokenStoreBackend,
};
use sinch_core::{Secret, SinchError};
use std::sync::Arc;

/// Where tokens are kept besides this process's cache. Pass it as `store=` when building a
/// `SinchAuth`.
#[derive(uniffi::Object, Debug)]
#[uniffi::export(Debug)]
pub struct TokenStore {
    pub(crate) inner: Arc<dyn CoreStore>,
}

#[uniffi::export]
impl TokenStore {
    /// A JSON file (mode 0600) shared by this user's processes, with a cross-process lock so
    /// processes starting together make one token request.
    #[uniffi::constructor]
    pub fn file(path: String) -> Result<Arc<Self>, SinchError> {
        Ok(Arc::new(TokenStore {
            inner: Arc::new(FileStore::new(path)?),
        }))
    }

    /// Redis, shared by every process of a fleet (any host, any language): one token request
    /// per credential for all of them, the refresh grant run under a fleet-wide lease. Entries
    /// are sealed with the credential's secret (Redis access alone grants nothing) and expire
    /// with their token. `url`: `redis://host:port/db` or `rediss://` (TLS); `username`,
    /// `password`, `database` override the URL's; `ca_pem`: with `rediss://`, the CA that signed
    /// the server's certificate (instead of the platform's roots). A Redis that is down or slow
    /// never fails a call: each process then fetches its own token until Redis answers again.
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
        let options = redis_options(url, username, password, database, key_prefix, ca_pem);
        Ok(Arc::new(TokenStore {
            inner: Arc::new(RedisStore::new(options)?),
        }))
    }

    /// A map in this process (shared by every auth given this store).
    #[uniffi::constructor]
    pub fn memory() -> Arc<Self> {
        Arc::new(TokenStore {
            inner: Arc::new(MemoryStore::new()),
        })
    }

    /// Your own store (a dict, Android encrypted preferences, Redis...): implement
    /// `TokenStoreBackend`. Raise/throw `SinchError.StoreError` (anything else becomes `Store` too)
    /// on failure; the cache logs it and goes on without the store for that call.
    #[uniffi::constructor]
    pub fn foreign(backend: Arc<dyn TokenStoreBackend>) -> Arc<Self> {
        Arc::new(TokenStore {
            inner: Arc::new(BackendStore(backend)),
        })
    }
}

/// The Redis options of `TokenStore.redis` and `ReplayCache.redis` (same arguments).
pub(crate) fn redis_options(
    url: String,
    username: Option<String>,
    password: Option<String>,
    database: Option<i64>,
    key_prefix: Option<String>,
    ca_pem: Option<String>,
) -> RedisOptions {
    let mut options = RedisOptions::new(url);
    options.ca_pem = ca_pem;
    options.username = username;
    options.password = password.map(Secret::new);
    options.database = database;
    if let Some(prefix) = key_prefix {
        options.key_prefix = prefix;
    }
    options
}
