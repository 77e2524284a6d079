//! The process-wide registry: every client built from the same credentials, in any language,
//! gets the same [`TokenCache`], so N clients cost one token request.

use super::{CacheKey, CacheOptions, TokenCache};
use crate::auth::TokenProvider;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

static REGISTRY: Lazy<Mutex<HashMap<CacheKey, Arc<TokenCache>>>> =
    Lazy::new(|| Mutex::new(HashMap::new()));

/// The cache for `provider`'s credential, created on first use. Entries live for the process:
/// short-lived client objects in a loop must not refetch tokens.
pub fn shared_cache(provider: Box<dyn TokenProvider>, options: CacheOptions) -> Arc<TokenCache> {
    let key = provider.cache_key();
    let mut map = REGISTRY.lock().unwrap_or_else(|p| p.into_inner());
    map.entry(key)
        .or_insert_with(|| Arc::new(TokenCache::new(provider, options)))
        .clone()
}

/// How many credentials have a cache entry (diagnostics).
pub fn len() -> usize {
    REGISTRY.lock().unwrap_or_else(|p| p.into_inner()).len()
}
