//! The token cache: one implementation of the refresh rules, shared by every client, binding and
//! language in the process. The rules, numbered, with the code and tests of each, are the token
//! contract: `docs/token-contract.md`.

mod backend;
mod cache;
mod entry;
mod file_store;
mod private_fs;
mod redis_store;
pub mod registry;
pub mod seal;
mod store;

pub use backend::{BackendStore, TokenStoreBackend};
pub use cache::{CacheOptions, CacheStats, TokenCache};
pub use entry::{
    bounded_lifetime, CacheKey, RefreshRules, TokenEntry, MAX_REFRESH_LIFETIME, MAX_TOKEN_LIFETIME,
    MIN_TOKEN_LIFETIME,
};
pub use file_store::FileStore;
pub use redis_store::{RedisOptions, RedisStore};
pub use store::{MemoryStore, Sealing, StoreLease, StoredToken, TokenStore};
