//! `TokenCache`: refresh-ahead, single-flight and compare-and-swap invalidation for one
//! credential: rules 2–5, 7 and 10 of the token contract (`docs/token-contract.md`).
//!
//! * A read of a fresh token is a lock and an `Arc` clone.
//! * Past the soft time, the first caller refreshes while everyone else keeps using the current
//!   token; if that refresh fails, the current token is served until the hard floor.
//! * Past the hard floor (or with no token), callers wait for the one in-flight fetch and share
//!   its result, success or error. A wait is bounded: a fetch that overruns fails its waiters.
//! * A 400/401 from the token endpoint is remembered for `negative_ttl`: bad credentials return
//!   the same error again without a request, so they cannot cause a request storm.
//! * `invalidate(token)` drops the cached token only if it is still the one that failed.

use super::entry::{
    RefreshRules, TokenEntry, MAX_REFRESH_LIFETIME, MAX_TOKEN_LIFETIME, MIN_TOKEN_LIFETIME,
};
use super::seal::{Opened, Sealer};
use super::store::{Sealing, StoredToken, TokenStore};
use crate::auth::{FetchedToken, TokenProvider};
use crate::clock::{millis, Clock};
use crate::error::{Result, SinchError};
use crate::http::HttpSettings;
use crate::retry::RetryPolicy;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, PartialEq)]
pub struct CacheOptions {
    pub rules: RefreshRules,
    /// How long a credentials error from the token endpoint is replayed without a request.
    pub negative_ttl: Duration,
    /// After a failed soft refresh, how long to wait before the next soft attempt (capped so a
    /// retry still happens before the hard floor).
    pub soft_retry_interval: Duration,
    /// The longest one fetch takes with all its retries: how long a store's lease may be held
    /// before it expires on its own (Redis), so that a holder that died frees it.
    pub lease_hold: Duration,
    /// The longest a fetching caller waits for another process's fetch of the same credential
    /// (the store's lease) before it fetches anyway: a holder that was stopped or hung costs
    /// one extra token request, never a hang. Longer than `lease_hold`, so that when a holder
    /// dies one waiter takes the expired lease and the others get its token.
    pub lease_timeout: Duration,
    /// The longest a caller waits for another caller's fetch in this process. It covers the
    /// lease wait plus one full fetch, so waiters never give up before their leader.
    pub wait_timeout: Duration,
}

impl Default for CacheOptions {
    fn default() -> Self {
        Self::for_http(&HttpSettings::default(), &RetryPolicy::default())
    }
}

impl CacheOptions {
    /// Options whose wait bound covers the lease wait and one full fetch with all its retries.
    pub fn for_http(http: &HttpSettings, retry: &RetryPolicy) -> Self {
        let fetch = retry
            .max_total
            .saturating_add(http.request_timeout.saturating_mul(2));
        let lease_timeout = fetch.saturating_add(Duration::from_secs(5));
        CacheOptions {
            rules: RefreshRules::default(),
            negative_ttl: Duration::from_secs(30),
            soft_retry_interval: Duration::from_secs(5),
            lease_hold: fetch,
            lease_timeout,
            wait_timeout: lease_timeout
                .saturating_add(fetch)
                .saturating_add(Duration::from_secs(5)),
        }
    }
}

/// What a credential's cache did since the process started, for dashboards and tests.
/// (Signed, so that Java reads them as plain `long`s.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CacheStats {
    /// Token fetches started (each is one provider call, which may retry internally).
    pub fetches: i64,
    /// Fetches that ended in an error.
    pub fetch_failures: i64,
    /// Errors replayed from the negative cache without a request.
    pub negative_hits: i64,
    /// Tokens dropped after a server rejected them as expired (the 401 rule).
    pub invalidations: i64,
    /// Reads answered by a fresh cached token, without waiting or fetching.
    pub cache_hits: i64,
}

struct Flight {
    result: Mutex<Option<Result<Arc<TokenEntry>>>>,
    done: Condvar,
    /// The thread running the fetch: if it asks for a token again (a foreign store's `load`
    /// calling back into the same auth object), waiting for itself would never end.
    leader: std::thread::ThreadId,
}

impl Flight {
    fn new() -> Arc<Self> {
        Arc::new(Flight {
            result: Mutex::new(None),
            done: Condvar::new(),
            leader: std::thread::current().id(),
        })
    }

    fn complete(&self, r: Result<Arc<TokenEntry>>) {
        *lock(&self.result) = Some(r);
        self.done.notify_all();
    }

    fn wait(&self, timeout: Duration) -> Option<Result<Arc<TokenEntry>>> {
        let start = Instant::now();
        // An absurd configured timeout waits "forever" rather than overflowing.
        let deadline = start
            .checked_add(timeout)
            .unwrap_or(start + Duration::from_secs(100 * 365 * 24 * 3600));
        let mut slot = lock(&self.result);
        loop {
            if let Some(r) = slot.as_ref() {
                return Some(r.clone());
            }
            let now = Instant::now();
            if now >= deadline {
                return None;
            }
            slot = self
                .done
                .wait_timeout(slot, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

#[derive(Default)]
struct State {
    current: Option<Arc<TokenEntry>>,
    /// The last token invalidated by a 401: kept only so its refresh token can still be used.
    retired: Option<Arc<TokenEntry>>,
    flight: Option<Arc<Flight>>,
    negative: Option<(SinchError, Duration)>,
    soft_retry_at: Option<Duration>,
}

enum Adopt {
    Fresh(TokenEntry),
    /// Not fresh, but its refresh token may still serve.
    Previous(TokenEntry),
    Nothing,
}

fn unix_ms(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH).map(millis).unwrap_or(0)
}

/// The time from `now_ms` to `at_ms` (zero if past), from numbers a store may have mangled.
fn until(at_ms: i64, now_ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(at_ms.saturating_sub(now_ms)).unwrap_or(0))
}

enum Step {
    Wait(Arc<Flight>),
    Lead(Arc<Flight>, Option<Arc<TokenEntry>>),
}

pub struct TokenCache {
    provider: Box<dyn TokenProvider>,
    store: Mutex<Option<Arc<dyn TokenStore>>>,
    store_key: String,
    /// Seals this credential's entries in shared stores (its key derives from the secret).
    sealer: Sealer,
    clock: Arc<dyn Clock>,
    options: CacheOptions,
    state: Mutex<State>,
    fetches: AtomicU64,
    fetch_failures: AtomicU64,
    negative_hits: AtomicU64,
    invalidations: AtomicU64,
    cache_hits: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere must not make the cache unusable: the state stays consistent because
    // every critical section below is a few assignments.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl TokenCache {
    pub fn new(provider: Box<dyn TokenProvider>, options: CacheOptions) -> Self {
        let clock = provider.clock();
        let store_key = provider.cache_key().store_key();
        let sealer = Sealer::new(provider.sealing_secret(), &store_key);
        TokenCache {
            provider,
            store: Mutex::new(None),
            store_key,
            sealer,
            clock,
            options,
            state: Mutex::new(State::default()),
            fetches: AtomicU64::new(0),
            fetch_failures: AtomicU64::new(0),
            negative_hits: AtomicU64::new(0),
            invalidations: AtomicU64::new(0),
            cache_hits: AtomicU64::new(0),
        }
    }

    /// A valid token: cached, refreshed ahead, or fetched (once, whoever else is asking).
    pub fn get(&self) -> Result<Arc<TokenEntry>> {
        let step = {
            let mut st = lock(&self.state);
            let now = self.clock.now();
            if let Some(t) = self.hit(&st, now) {
                return Ok(t);
            }
            if let Some((err, until)) = &st.negative {
                if now < *until {
                    self.negative_hits.fetch_add(1, Ordering::Relaxed);
                    return Err(err.clone());
                }
                st.negative = None;
            }
            let usable = st.current.clone().filter(|t| now < t.hard_at);
            match (&st.flight, usable) {
                // Someone is refreshing and our token is still good: use it.
                (Some(_), Some(t)) => return Ok(t),
                (Some(f), None) => Step::Wait(f.clone()),
                (None, Some(t)) => {
                    if st.soft_retry_at.is_some_and(|at| now < at) {
                        return Ok(t);
                    }
                    let f = Flight::new();
                    st.flight = Some(f.clone());
                    Step::Lead(f, Some(t))
                }
                (None, None) => {
                    let f = Flight::new();
                    st.flight = Some(f.clone());
                    Step::Lead(f, None)
                }
            }
        };
        match step {
            Step::Wait(f) if f.leader == std::thread::current().id() => {
                Err(SinchError::invalid_config(format!(
                    "a token was asked for {} while this same thread was fetching one for it \
                     (a token store's load or save asked its own auth object for a token?); a \
                     token store must not call back into the auth it serves",
                    self.provider.describe()
                )))
            }
            Step::Wait(f) => f.wait(self.options.wait_timeout).unwrap_or_else(|| {
                Err(SinchError::timeout(format!(
                    "waited {} s for another caller's token request for {} to finish",
                    self.options.wait_timeout.as_secs(),
                    self.provider.describe()
                )))
            }),
            Step::Lead(f, still_valid) => self.lead(f, still_valid),
        }
    }

    /// The cached token if it is fresh (before its soft refresh time): what [`TokenCache::get`]
    /// returns without waiting or fetching. Async callers take it without leaving their thread.
    pub fn fresh(&self) -> Option<Arc<TokenEntry>> {
        let st = lock(&self.state);
        self.hit(&st, self.clock.now())
    }

    fn hit(&self, st: &State, now: Duration) -> Option<Arc<TokenEntry>> {
        let t = st.current.as_ref().filter(|t| now < t.soft_at)?;
        self.cache_hits.fetch_add(1, Ordering::Relaxed);
        Some(t.clone())
    }

    /// Runs the one fetch, publishes its result to the cache and to every waiter.
    fn lead(
        &self,
        flight: Arc<Flight>,
        still_valid: Option<Arc<TokenEntry>>,
    ) -> Result<Arc<TokenEntry>> {
        let (previous, retired) = {
            let st = lock(&self.state);
            (
                st.current.clone().or_else(|| st.retired.clone()),
                st.retired.clone(),
            )
        };
        let obtained = catch_unwind(AssertUnwindSafe(|| {
            self.obtain(previous.as_deref(), retired.as_deref())
        }))
        .unwrap_or_else(|_| {
            Err(SinchError::internal(format!(
                "the token fetch for {} panicked; please report this bug",
                self.provider.describe()
            )))
        });
        let outcome = {
            let mut st = lock(&self.state);
            st.flight = None;
            let now = self.clock.now();
            match obtained {
                Ok(entry) => {
                    let entry = Arc::new(entry);
                    st.current = Some(entry.clone());
                    st.retired = None;
                    st.soft_retry_at = None;
                    Ok(entry)
                }
                Err(e) => {
                    self.fetch_failures.fetch_add(1, Ordering::Relaxed);
                    if matches!(e, SinchError::InvalidCredentials { .. }) {
                        st.negative = Some((e.clone(), now + self.options.negative_ttl));
                    }
                    match still_valid.clone().filter(|t| now < t.hard_at) {
                        Some(t) => {
                            // A failed soft refresh: keep serving the valid token, retry later
                            // but still before the hard floor.
                            let gap = self
                                .options
                                .soft_retry_interval
                                .min(t.hard_at.saturating_sub(now) / 2);
                            st.soft_retry_at = Some(now + gap);
                            Ok(t)
                        }
                        None => Err(e),
                    }
                }
            }
        };
        flight.complete(outcome.clone());
        // Logged after the lock is released: a log sink may be foreign code.
        match (&outcome, &still_valid) {
            (Ok(t), Some(old)) if Arc::ptr_eq(t, old) => log::warn!(
                "refreshing the token for {} failed; still serving {} until it nears expiry",
                self.provider.describe(),
                t.fingerprint()
            ),
            (Ok(t), _) => log::debug!(
                "token {} for {} (lifetime {} s)",
                t.fingerprint(),
                self.provider.describe(),
                t.lifetime().as_secs()
            ),
            (Err(e), _) => log::warn!(
                "getting a token for {} failed: {e}",
                self.provider.describe()
            ),
        }
        outcome
    }

    fn fetch(&self, previous: Option<&TokenEntry>) -> Result<TokenEntry> {
        self.fetches.fetch_add(1, Ordering::Relaxed);
        Ok(self.entry_from(self.provider.fetch(previous)?))
    }

    /// A token from the store when it holds a fresh one; otherwise, under the store's
    /// cross-process lease, the store again (another process may have just fetched) or a fetch
    /// whose result is saved. Store failures are logged and cost only the store's help.
    fn obtain(
        &self,
        previous: Option<&TokenEntry>,
        retired: Option<&TokenEntry>,
    ) -> Result<TokenEntry> {
        let Some(store) = self.store() else {
            return self.fetch(previous);
        };
        let mut previous = previous.cloned();
        match self.load_from_store(store.as_ref(), retired) {
            Adopt::Fresh(e) => return Ok(e),
            Adopt::Previous(e) => previous = Some(e),
            Adopt::Nothing => {}
        }
        let lease = store
            .lease(
                &self.store_key,
                self.options.lease_timeout,
                self.options.lease_hold,
            )
            .unwrap_or_else(|e| {
                log::warn!("token store lease failed: {e}");
                None
            });
        if lease.is_some() {
            match self.load_from_store(store.as_ref(), retired) {
                Adopt::Fresh(e) => return Ok(e),
                Adopt::Previous(e) => previous = Some(e),
                Adopt::Nothing => {}
            }
        }
        let entry = self.fetch(previous.as_ref())?;
        let stored = match store.sealing() {
            Sealing::On { .. } => self.sealer.seal(&self.stored(&entry)),
            Sealing::Off => self.stored(&entry),
        };
        if let Err(e) = store.save(&self.store_key, &stored) {
            log::warn!(
                "saving the token for {} failed: {e}",
                self.provider.describe()
            );
        }
        drop(lease);
        Ok(entry)
    }

    fn load_from_store(&self, store: &dyn TokenStore, retired: Option<&TokenEntry>) -> Adopt {
        let stored = match store.load(&self.store_key) {
            Ok(Some(s)) => s,
            Ok(None) => return Adopt::Nothing,
            Err(e) => {
                log::warn!("loading from the token store failed: {e}");
                return Adopt::Nothing;
            }
        };
        let stored = match (store.sealing(), self.sealer.open(stored)) {
            (Sealing::Off, Opened::Plain(s)) => s,
            (Sealing::On { .. }, Opened::Sealed(s)) => s,
            (Sealing::On { accept_plain: true }, Opened::Plain(s)) => s,
            (
                Sealing::On {
                    accept_plain: false,
                },
                Opened::Plain(_),
            ) => {
                log::warn!(
                    "the token store holds an unsealed entry for {}; ignoring it (a shared \
                     store's entries must be sealed by this library)",
                    self.provider.describe()
                );
                return Adopt::Nothing;
            }
            (_, Opened::Sealed(_) | Opened::Refused) => {
                log::warn!(
                    "the token store holds a sealed entry for {} that this credential cannot \
                     open (another secret, or altered); ignoring it",
                    self.provider.describe()
                );
                return Adopt::Nothing;
            }
        };
        if retired.is_some_and(|r| r.access_token == stored.access_token) {
            return Adopt::Nothing; // the token a server just rejected
        }
        let now = self.clock.now();
        let now_ms = unix_ms(self.clock.wall());
        // A store is outside data too: its numbers get the bounds a server's get.
        let lifetime = Duration::from_millis(u64::try_from(stored.lifetime_ms).unwrap_or(0))
            .clamp(MIN_TOKEN_LIFETIME, MAX_TOKEN_LIFETIME);
        // Wall time re-validated: never trust more remaining life than the lifetime itself.
        let remaining = until(stored.expires_at_unix_ms, now_ms).min(lifetime);
        let expires_at = now + remaining;
        let (soft_at, hard_at) = self.options.rules.schedule_until(expires_at, lifetime);
        let entry = TokenEntry {
            access_token: stored.access_token,
            refresh_token: stored.refresh_token,
            lifetime,
            expires_at,
            refresh_expires_at: stored
                .refresh_expires_at_unix_ms
                .map(|at| now + until(at, now_ms).min(MAX_REFRESH_LIFETIME)),
            soft_at,
            hard_at,
            wall_expires_at: self.clock.wall() + remaining,
        };
        if now < entry.soft_at {
            Adopt::Fresh(entry)
        } else if entry.refresh_token.is_some() {
            Adopt::Previous(entry)
        } else {
            Adopt::Nothing
        }
    }

    fn stored(&self, e: &TokenEntry) -> StoredToken {
        let now = self.clock.now();
        let wall_now = self.clock.wall();
        StoredToken {
            access_token: e.access_token.clone(),
            expires_at_unix_ms: unix_ms(e.wall_expires_at),
            lifetime_ms: millis(e.lifetime()),
            refresh_token: e.refresh_token.clone(),
            refresh_expires_at_unix_ms: e
                .refresh_expires_at
                .map(|at| unix_ms(wall_now + at.saturating_sub(now))),
        }
    }

    fn store(&self) -> Option<Arc<dyn TokenStore>> {
        lock(&self.store).clone()
    }

    /// Attaches a store (replacing any other): later fetches consult and update it.
    pub fn set_store(&self, store: Option<Arc<dyn TokenStore>>) {
        *lock(&self.store) = store;
    }

    fn entry_from(&self, t: FetchedToken) -> TokenEntry {
        let (soft_at, hard_at) = self.options.rules.schedule(t.sent_at, t.lifetime);
        let now = self.clock.now();
        let remaining = (t.sent_at + t.lifetime).saturating_sub(now);
        TokenEntry {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            lifetime: t.lifetime,
            expires_at: t.sent_at + t.lifetime,
            refresh_expires_at: t.refresh_lifetime.map(|l| t.sent_at + l),
            soft_at,
            hard_at,
            wall_expires_at: self.clock.wall() + remaining,
        }
    }

    /// Drops the cached token if it is still `failed` (the token a request was rejected with).
    /// N concurrent 401s therefore cause one refresh, not N.
    pub fn invalidate(&self, failed: &TokenEntry) -> bool {
        let mut st = lock(&self.state);
        let same = st
            .current
            .as_ref()
            .is_some_and(|c| c.access_token == failed.access_token);
        if same {
            self.invalidations.fetch_add(1, Ordering::Relaxed);
            log::debug!(
                "token {} for {} was rejected as expired; dropping it",
                failed.fingerprint(),
                self.provider.describe()
            );
            st.retired = st.current.take();
            st.soft_retry_at = None;
        }
        same
    }

    /// Forgets everything, including a remembered credentials error.
    pub fn clear(&self) {
        let mut st = lock(&self.state);
        st.current = None;
        st.retired = None;
        st.negative = None;
        st.soft_retry_at = None;
    }

    /// The cached token without fetching, if any.
    pub fn peek(&self) -> Option<Arc<TokenEntry>> {
        lock(&self.state).current.clone()
    }

    pub fn stats(&self) -> CacheStats {
        let read = |c: &AtomicU64| i64::try_from(c.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
        CacheStats {
            fetches: read(&self.fetches),
            fetch_failures: read(&self.fetch_failures),
            negative_hits: read(&self.negative_hits),
            invalidations: read(&self.invalidations),
            cache_hits: read(&self.cache_hits),
        }
    }

    pub fn describe(&self) -> String {
        self.provider.describe()
    }

    /// The key under which this credential's token is kept in a store.
    pub fn store_key(&self) -> &str {
        &self.store_key
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }
}

impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("credential", &self.provider.describe())
            .field("token", &self.peek().map(|t| t.fingerprint()))
            .finish()
    }
}
