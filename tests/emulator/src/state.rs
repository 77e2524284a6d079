//! Shared in-memory state: accepted credentials, issued tokens, counters, queued faults and
//! Provisioning resources.
//!
//! One `std::sync::Mutex` guards everything. Handlers hold it only briefly and never across
//! an `.await`, so contention is irrelevant at test scale and there is no deadlock risk.

use crate::config::EmulatorConfig;
use crate::faults::Fault;
use crate::provisioning::ProvisioningState;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Request counters, so tests can assert how many token fetches or retries a client made.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Counters {
    /// All POSTs to `/oauth2/token`, whatever the outcome (faulted ones included).
    pub token_requests: u64,
    /// `token_requests` by the key id of the Basic header (requests without a decodable one are not here).
    pub token_requests_by_key: BTreeMap<String, u64>,
    pub keycloak_password_grants: u64,
    pub keycloak_refresh_grants: u64,
    /// Every request to `/v1/...` (Provisioning), whatever the outcome.
    pub api_requests: u64,
    pub india_send_requests: u64,
    /// Every 401 sent by an API endpoint (Provisioning or India), not by token endpoints.
    pub unauthorized_sent: u64,
    /// The 401s among `unauthorized_sent` whose `www-authenticate` said "expired".
    pub expired_401_sent: u64,
}

/// A live Keycloak refresh token.
#[derive(Debug, Clone)]
pub struct RefreshEntry {
    pub username: String,
    pub session_state: String,
    /// Idle expiry: the token dies if not used before this instant.
    pub expires_at: Instant,
}

/// Why an access token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    Valid,
    Expired,
    Unknown,
}

/// Everything the emulator knows. Reset returns it to `State::new(initial config)`.
#[derive(Debug)]
pub struct State {
    pub token_lifetime: Duration,
    pub keycloak_access_lifetime: Duration,
    pub keycloak_refresh_lifetime: Duration,
    pub keys: Vec<(String, String)>,
    pub users: Vec<(String, String)>,
    /// Sinch OAuth2 access token -> expiry (monotonic, so wall-clock jumps do not matter).
    pub sinch_tokens: HashMap<String, Instant>,
    /// Keycloak access token -> expiry.
    pub keycloak_access: HashMap<String, Instant>,
    /// Live Keycloak refresh tokens.
    pub keycloak_refresh: HashMap<String, RefreshEntry>,
    /// Refresh tokens that were rotated out; reusing one gives "Stale token".
    pub keycloak_stale: HashSet<String>,
    pub counters: Counters,
    pub faults: Vec<Fault>,
    pub provisioning: ProvisioningState,
    /// Log each request to stderr (the binary turns this on; in-process tests keep quiet).
    pub log_requests: bool,
    /// Webhook deliveries (signed callbacks) and their retry settings.
    pub callbacks: crate::callbacks::Callbacks,
}

impl State {
    pub fn new(config: &EmulatorConfig) -> State {
        State {
            token_lifetime: Duration::from_secs(config.token_lifetime_secs),
            keycloak_access_lifetime: Duration::from_secs(config.keycloak_access_lifetime_secs),
            keycloak_refresh_lifetime: Duration::from_secs(config.keycloak_refresh_lifetime_secs),
            keys: config.keys.clone(),
            users: config.users.clone(),
            sinch_tokens: HashMap::new(),
            keycloak_access: HashMap::new(),
            keycloak_refresh: HashMap::new(),
            keycloak_stale: HashSet::new(),
            counters: Counters::default(),
            faults: Vec::new(),
            provisioning: ProvisioningState::default(),
            log_requests: false,
            callbacks: Default::default(),
        }
    }

    pub fn key_matches(&self, key_id: &str, key_secret: &str) -> bool {
        self.keys
            .iter()
            .any(|(id, secret)| id == key_id && secret == key_secret)
    }

    pub fn user_matches(&self, username: &str, password: &str) -> bool {
        self.users
            .iter()
            .any(|(u, p)| u == username && p == password)
    }

    /// Adds or replaces (same id) a credential pair.
    pub fn upsert(list: &mut Vec<(String, String)>, id: &str, secret: &str) {
        list.retain(|(i, _)| i != id);
        list.push((id.to_string(), secret.to_string()));
    }

    pub fn check_sinch_token(&self, token: &str) -> TokenCheck {
        check(&self.sinch_tokens, token)
    }

    pub fn check_keycloak_token(&self, token: &str) -> TokenCheck {
        check(&self.keycloak_access, token)
    }

    /// Every issued access token (Sinch and Keycloak) is expired from now on.
    /// Refresh tokens are untouched: a client should be able to refresh.
    pub fn expire_all_tokens(&mut self) {
        let now = Instant::now();
        self.sinch_tokens.values_mut().for_each(|e| *e = now);
        self.keycloak_access.values_mut().for_each(|e| *e = now);
    }
}

fn check(map: &HashMap<String, Instant>, token: &str) -> TokenCheck {
    match map.get(token) {
        None => TokenCheck::Unknown,
        Some(expiry) if Instant::now() >= *expiry => TokenCheck::Expired,
        Some(_) => TokenCheck::Valid,
    }
}

/// Cheaply cloneable handle shared by the server, the handlers and [`crate::Emulator`].
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Mutex<State>>,
    initial: Arc<EmulatorConfig>,
    /// The resources a reset returns to: the seeded ones ([`crate::seed`]), else none.
    baseline: Arc<Mutex<ProvisioningState>>,
}

impl AppState {
    pub fn new(config: EmulatorConfig) -> AppState {
        AppState {
            inner: Arc::new(Mutex::new(State::new(&config))),
            initial: Arc::new(config),
            baseline: Arc::new(Mutex::new(ProvisioningState::default())),
        }
    }

    /// Locks the state. A poisoned lock is recovered: a panicking test thread must not
    /// turn every later request into a 500.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Back to the start configuration: counters, faults and resources cleared (seeded
    /// resources restored), keys/users/lifetimes added at run time dropped. Request logging is
    /// kept, and so are the tokens already issued unless `revoke_tokens`: a client that cached
    /// one keeps working across a reset between test cases, as it would against Sinch.
    pub fn reset(&self, revoke_tokens: bool) {
        let baseline = self
            .baseline
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let mut st = self.lock();
        let mut fresh = State::new(&self.initial);
        fresh.log_requests = st.log_requests;
        // The sender task lives as long as the server; deliveries and settings are reset.
        fresh.callbacks.outbox = st.callbacks.outbox.take();
        fresh.provisioning = baseline;
        if !revoke_tokens {
            fresh.sinch_tokens = std::mem::take(&mut st.sinch_tokens);
            fresh.keycloak_access = std::mem::take(&mut st.keycloak_access);
            fresh.keycloak_refresh = std::mem::take(&mut st.keycloak_refresh);
            fresh.keycloak_stale = std::mem::take(&mut st.keycloak_stale);
        }
        *st = fresh;
    }

    /// The current resources become what a reset returns to.
    pub fn keep_as_baseline(&self) {
        let current = self.lock().provisioning.clone();
        *self.baseline.lock().unwrap_or_else(|e| e.into_inner()) = current;
    }
}

/// `now + lifetime`, saturating at ~100 years so absurd configured lifetimes cannot panic.
pub fn expiry_after(lifetime: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(lifetime)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
        .unwrap_or(now)
}
