//! The token cache: one implementation of the refresh rules, shared by every client, binding and
//! language in the process.

mod cache;
mod entry;
mod file_store;
pub mod registry;
mod store;

pub use cache::{CacheOptions, CacheStats, TokenCache};
pub use entry::{CacheKey, RefreshRules, TokenEntry};
pub use file_store::FileStore;
pub use store::{MemoryStore, StoreLease, StoredToken, TokenStore};
