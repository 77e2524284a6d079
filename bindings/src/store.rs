//! Token stores for the bindings: memory, file, or one written in Python/Kotlin (a foreign
//! trait). The cache rules around them (single-flight, refresh ahead, leases) are core's.

use sinch_core::token::{
    BackendStore, FileStore, MemoryStore, TokenStore as CoreStore, TokenStoreBackend,
};
use sinch_core::SinchError;
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
