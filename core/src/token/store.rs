//! Where tokens live besides the in-process cache: the `TokenStore` trait and the memory store.
//!
//! Stores hold access tokens and, for Keycloak, refresh tokens, with wall-clock expiry (which is
//! re-validated on load). Passwords and key secrets are never given to a store.

use crate::error::Result;
use crate::secret::Secret;
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::Mutex;
use std::time::Duration;

/// A token as persisted. (Times are signed so that Java reads them as plain `long`s.)
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "uniffi", uniffi::export(Debug, Display))]
pub struct StoredToken {
    pub access_token: Secret,
    /// Wall-clock expiry, milliseconds since the Unix epoch.
    pub expires_at_unix_ms: i64,
    /// The lifetime the server gave (`expires_in`), to rebuild the refresh schedule.
    pub lifetime_ms: i64,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub refresh_token: Option<Secret>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub refresh_expires_at_unix_ms: Option<i64>,
}

impl std::fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredToken")
            .field("access_token", &self.access_token.fingerprint())
            .field("expires_at_unix_ms", &self.expires_at_unix_ms)
            .field("lifetime_ms", &self.lifetime_ms)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .finish()
    }
}

impl std::fmt::Display for StoredToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "StoredToken({}, expires at {} ms)",
            self.access_token.fingerprint(),
            self.expires_at_unix_ms
        )
    }
}

/// A [`StoredToken`] as a shared store writes it (JSON): the file store's entries and the Redis
/// store's values have this one layout.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct PersistedToken {
    access_token: String,
    expires_at_unix_ms: i64,
    lifetime_ms: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_expires_at_unix_ms: Option<i64>,
}

impl From<&StoredToken> for PersistedToken {
    fn from(t: &StoredToken) -> Self {
        PersistedToken {
            access_token: t.access_token.expose().to_string(),
            expires_at_unix_ms: t.expires_at_unix_ms,
            lifetime_ms: t.lifetime_ms,
            refresh_token: t.refresh_token.as_ref().map(|s| s.expose().to_string()),
            refresh_expires_at_unix_ms: t.refresh_expires_at_unix_ms,
        }
    }
}

impl From<PersistedToken> for StoredToken {
    fn from(e: PersistedToken) -> Self {
        StoredToken {
            access_token: Secret::new(e.access_token),
            expires_at_unix_ms: e.expires_at_unix_ms,
            lifetime_ms: e.lifetime_ms,
            refresh_token: e.refresh_token.map(Secret::new),
            refresh_expires_at_unix_ms: e.refresh_expires_at_unix_ms,
        }
    }
}

/// Whether a store's entries are sealed with the credential (`token/seal.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
    /// Entries as they are: a store in this process, or one the application keeps itself.
    Off,
    /// Entries sealed on save and opened on load; an entry that does not open is ignored. An
    /// entry in clear is used only if `accept_plain` (a store written before sealing existed;
    /// it is replaced, sealed, on the next save).
    On { accept_plain: bool },
}

/// Held while one process fetches a token for a key; released when dropped.
pub trait StoreLease: Send {}

/// A place to keep tokens across clients, processes or machines.
///
/// Implementations must be safe to call from many threads. The cache never calls a store while
/// holding its own lock, and treats every store error as "no store" for that call (it logs it
/// and goes on): a broken store costs a token request, never a failure.
pub trait TokenStore: Send + Sync + Debug {
    fn load(&self, key: &str) -> Result<Option<StoredToken>>;
    fn save(&self, key: &str, token: &StoredToken) -> Result<()>;
    fn remove(&self, key: &str) -> Result<()>;
    /// An exclusive lease on `key` across processes, waited for up to `wait`. `Ok(None)` when
    /// the store has no such lease (or the wait ran out): the caller fetches anyway. `hold`
    /// bounds one fetch with its retries: a store whose leases outlive their holder (Redis)
    /// lets one expire after `hold`, so a holder that died frees it; `wait` exceeds `hold`.
    fn lease(
        &self,
        _key: &str,
        _wait: Duration,
        _hold: Duration,
    ) -> Result<Option<Box<dyn StoreLease>>> {
        Ok(None)
    }
    /// Whether the cache seals this store's entries (shared stores: anyone who can read them
    /// must not be able to use them).
    fn sealing(&self) -> Sealing {
        Sealing::Off
    }
}

/// Tokens in a map in this process.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, StoredToken>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl TokenStore for MemoryStore {
    fn load(&self, key: &str) -> Result<Option<StoredToken>> {
        Ok(self
            .entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned())
    }
    fn save(&self, key: &str, token: &StoredToken) -> Result<()> {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_string(), token.clone());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<()> {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key);
        Ok(())
    }
}
