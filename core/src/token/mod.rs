//! The token cache: one implementation of the refresh rules, shared by every client, binding and
//! language in the process.

mod cache;
mod entry;
pub mod registry;

pub use cache::{CacheOptions, CacheStats, TokenCache};
pub use entry::{CacheKey, TokenEntry};
