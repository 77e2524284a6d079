//! Token stores for the bindings: memory, file, or one written in Python/Kotlin (a foreign
//! trait). The cache rules around them (single-flight, refresh ahead, leases) are core's.

use sinch_core::token::{FileStore, MemoryStore, StoredToken, TokenStore as CoreStore};
use sinch_core::SinchError;
use std::sync::Arc;

/// A store implemented in Python or Kotlin: a dict, Android encrypted preferences, a team's
/// Redis... Raise/throw `SinchError.Store` (or anything: it becomes `Store`) on failure; the
/// cache logs it and goes on without the store for that call.
#[uniffi::export(foreign)]
pub trait TokenStoreBackend: Send + Sync {
    fn load(&self, key: String) -> Result<Option<StoredToken>, SinchError>;
    fn save(&self, key: String, token: StoredToken) -> Result<(), SinchError>;
    fn remove(&self, key: String) -> Result<(), SinchError>;
}

struct Foreign(Arc<dyn TokenStoreBackend>);

impl std::fmt::Debug for Foreign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ForeignTokenStore")
    }
}

impl CoreStore for Foreign {
    fn load(&self, key: &str) -> sinch_core::Result<Option<StoredToken>> {
        self.0.load(key.to_string())
    }
    fn save(&self, key: &str, token: &StoredToken) -> sinch_core::Result<()> {
        self.0.save(key.to_string(), token.clone())
    }
    fn remove(&self, key: &str) -> sinch_core::Result<()> {
        self.0.remove(key.to_string())
    }
}

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

    /// Your own store implementation.
    #[uniffi::constructor]
    pub fn foreign(backend: Arc<dyn TokenStoreBackend>) -> Arc<Self> {
        Arc::new(TokenStore {
            inner: Arc::new(Foreign(backend)),
        })
    }
}
