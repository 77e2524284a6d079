//! `TokenStoreBackend`: the shape of a token store written in another language (Python,
//! Kotlin), with owned arguments as foreign calls need them, and its adapter to [`TokenStore`].
//!
//! It is declared here, beside `SinchError`, rather than in the bindings crate: a foreign trait
//! whose callbacks return an error from another crate generates Kotlin that does not compile
//! (UniFFI 0.32 mixes the two crates' `RustBuffer` types).

use super::store::{StoredToken, TokenStore};
use crate::error::Result;
use std::sync::Arc;

#[cfg_attr(feature = "uniffi", uniffi::export(foreign))]
pub trait TokenStoreBackend: Send + Sync {
    fn load(&self, key: String) -> Result<Option<StoredToken>>;
    fn save(&self, key: String, token: StoredToken) -> Result<()>;
    fn remove(&self, key: String) -> Result<()>;
}

/// A [`TokenStore`] over a backend.
pub struct BackendStore(pub Arc<dyn TokenStoreBackend>);

impl std::fmt::Debug for BackendStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BackendStore")
    }
}

impl TokenStore for BackendStore {
    fn load(&self, key: &str) -> Result<Option<StoredToken>> {
        self.0.load(key.to_string())
    }
    fn save(&self, key: &str, token: &StoredToken) -> Result<()> {
        self.0.save(key.to_string(), token.clone())
    }
    fn remove(&self, key: &str) -> Result<()> {
        self.0.remove(key.to_string())
    }
}
