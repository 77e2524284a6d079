//! A token store on Redis, shared by every process of a fleet (any host, any language).
//!
//! * **Values** are the sealed entries (`token/seal.rs`): whoever can read Redis but lacks the
//!   credential learns nothing usable. Each expires in Redis with its token (`PX` = remaining
//!   lifetime, the refresh token's when that is longer).
//! * **Leases** make a fleet starting cold fetch once: `SET lock owner NX PX hold` with a random
//!   owner, released by a compare-and-delete script (never someone else's lease). Waiters poll
//!   with backoff; a holder that died frees the lease when `hold` runs out.
//! * **Faults are not outages**: every Redis call is bounded (connect and I/O timeouts). A
//!   failure (down, paused, slow, erroring, restarted empty) puts the store in an outage: it
//!   answers "nothing stored, no lease" at once, so callers fetch tokens themselves, and tries
//!   Redis again after a pause that grows to [`MAX_RETRY_PAUSE`]. One WARN per outage, one INFO
//!   when Redis is back.
//! * Keys: `{prefix}token:{hash}` and `{prefix}lock:{hash}`, the hash of the cache's store key
//!   (so no username appears in Redis).

use super::store::{PersistedToken, Sealing, StoreLease, StoredToken, TokenStore};
use crate::error::{Result, SinchError};
use crate::secret::Secret;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The longest pause between attempts to reach Redis during an outage.
pub const MAX_RETRY_PAUSE: Duration = Duration::from_secs(30);
const FIRST_RETRY_PAUSE: Duration = Duration::from_millis(500);

/// Releases a lease only if it is still ours (it may have expired and been taken by another).
const RELEASE: &str = r#"if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end"#;

/// How to reach Redis. Values given here override those in the URL.
#[derive(Clone)]
pub struct RedisOptions {
    /// `redis://host:port/db` or `rediss://…` (TLS). Credentials may be in the URL
    /// (`redis://user:password@host`); they are never logged.
    pub url: String,
    /// ACL user name.
    pub username: Option<String>,
    pub password: Option<Secret>,
    /// Database number.
    pub database: Option<i64>,
    /// Prepended to every key (default `sinch-core:`), to share a Redis with other data.
    pub key_prefix: String,
    /// With `rediss://`: the PEM of the CA that signed the server's certificate, trusted
    /// instead of the platform's roots (Redis servers usually have a private CA).
    pub ca_pem: Option<String>,
    /// Bounds connecting (TCP and TLS handshake; the redis handshake is bounded by the I/O
    /// timeout). Default 500 ms.
    pub connect_timeout: Duration,
    /// Bounds each command's exchange. Default 500 ms. A paused or slow Redis costs one
    /// connect and one command timeout, then is skipped until its retry pause ends.
    pub io_timeout: Duration,
}

impl RedisOptions {
    pub fn new(url: impl Into<String>) -> Self {
        RedisOptions {
            url: url.into(),
            username: None,
            password: None,
            database: None,
            key_prefix: "sinch-core:".into(),
            ca_pem: None,
            connect_timeout: Duration::from_millis(500),
            io_timeout: Duration::from_millis(500),
        }
    }
}

impl std::fmt::Debug for RedisOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisOptions")
            .field("url", &crate::redact::redact_url(&self.url))
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("database", &self.database)
            .field("key_prefix", &self.key_prefix)
            .field("ca_pem", &self.ca_pem.as_ref().map(|p| p.len()))
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct RedisStore {
    inner: Arc<Inner>,
}

struct Inner {
    client: redis::Client,
    prefix: String,
    io_timeout: Duration,
    connect_timeout: Duration,
    /// For logs: the URL without credentials.
    shown: String,
    /// For the outage WARN: what the users of this connection do meanwhile.
    outage_effect: &'static str,
    state: Mutex<State>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RedisStore({})", self.shown)
    }
}

#[derive(Default)]
struct State {
    conn: Option<redis::Connection>,
    /// Set while Redis is unreachable: since when, and when to try again.
    outage: Option<Outage>,
}

struct Outage {
    since: Instant,
    retry_at: Instant,
    pause: Duration,
}

impl RedisStore {
    /// A store on the Redis at `options.url`. Nothing is contacted yet: a Redis that is down
    /// at start is an outage like any other, not an error.
    pub fn new(options: RedisOptions) -> Result<Self> {
        Self::with_outage_effect(
            options,
            "tokens are fetched by each process until it answers again",
        )
    }

    /// [`RedisStore::new`] for another use of the connection (the callbacks' replay cache),
    /// whose outage WARN says `effect` instead of the token store's consequence.
    pub(crate) fn with_outage_effect(options: RedisOptions, effect: &'static str) -> Result<Self> {
        use redis::IntoConnectionInfo;
        let shown = crate::redact::redact_url(&options.url);
        let scheme = options.url.split("://").next().unwrap_or("");
        if !matches!(scheme, "redis" | "rediss") {
            return Err(SinchError::invalid_config(format!(
                "the Redis URL {shown} must start with redis:// or rediss:// (TLS)"
            )));
        }
        let mut info = options.url.as_str().into_connection_info().map_err(|e| {
            SinchError::invalid_config(format!("the Redis URL {shown} is not usable: {e}"))
        })?;
        let mut redis_info = info.redis_settings().clone();
        if let Some(user) = &options.username {
            redis_info = redis_info.set_username(user);
        }
        if let Some(password) = &options.password {
            redis_info = redis_info.set_password(password.expose());
        }
        if let Some(db) = options.database {
            if db < 0 {
                return Err(SinchError::invalid_config(format!(
                    "Redis database {db} is out of range: databases are numbered from 0"
                )));
            }
            redis_info = redis_info.set_db(db);
        }
        info = info.set_redis_settings(redis_info);
        let invalid =
            |e: redis::RedisError| SinchError::invalid_config(format!("cannot use {shown}: {e}"));
        let client = match &options.ca_pem {
            None => redis::Client::open(info).map_err(invalid)?,
            Some(_) if scheme != "rediss" => {
                return Err(SinchError::invalid_config(format!(
                    "a CA certificate was given for {shown}, which is not TLS: use rediss://"
                )))
            }
            Some(pem) => redis::Client::build_with_tls(
                info,
                redis::TlsCertificates {
                    client_tls: None,
                    root_cert: Some(pem.as_bytes().to_vec()),
                },
            )
            .map_err(invalid)?,
        };
        Ok(RedisStore {
            inner: Arc::new(Inner {
                client,
                prefix: options.key_prefix,
                io_timeout: options.io_timeout,
                connect_timeout: options.connect_timeout,
                shown,
                outage_effect: effect,
                state: Mutex::new(State::default()),
            }),
        })
    }

    fn key(&self, kind: &str, store_key: &str) -> String {
        let digest = Sha256::digest(store_key.as_bytes());
        let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        format!("{}{kind}:{hex}", self.inner.prefix)
    }

    /// The Redis key holding the (sealed) token of the cache's `store_key`.
    pub fn token_key(&self, store_key: &str) -> String {
        self.key("token", store_key)
    }

    /// `{prefix}{kind}:{id}`, for other data kept beside the tokens (webhook nonces).
    pub(crate) fn prefixed_key(&self, kind: &str, id: &str) -> String {
        format!("{}{kind}:{id}", self.inner.prefix)
    }

    /// One command on the shared connection, with the same bounds and outage handling as the
    /// token operations; `None` during an outage.
    pub(crate) fn run<T>(
        &self,
        op: impl FnOnce(&mut redis::Connection) -> redis::RedisResult<T>,
    ) -> Option<T> {
        self.inner.run(op)
    }

    /// The URL without credentials, for messages.
    pub(crate) fn shown(&self) -> &str {
        &self.inner.shown
    }
}

impl Inner {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `op` on the connection, or `None` during an outage or when it fails (which starts
    /// one). Never waits longer than the connect and I/O timeouts.
    fn run<T>(
        &self,
        op: impl FnOnce(&mut redis::Connection) -> redis::RedisResult<T>,
    ) -> Option<T> {
        let mut st = self.state();
        let now = Instant::now();
        if st.outage.as_ref().is_some_and(|o| now < o.retry_at) {
            return None;
        }
        let result = (|| {
            if st.conn.is_none() {
                let conn = self
                    .client
                    .get_connection_with_timeout(self.connect_timeout)?;
                conn.set_read_timeout(Some(self.io_timeout))?;
                conn.set_write_timeout(Some(self.io_timeout))?;
                st.conn = Some(conn);
            }
            op(st.conn.as_mut().expect("connected above"))
        })();
        match result {
            Ok(v) => {
                if let Some(o) = st.outage.take() {
                    log::info!(
                        "the Redis store {} is reachable again after {} s",
                        self.shown,
                        o.since.elapsed().as_secs()
                    );
                }
                Some(v)
            }
            Err(e) => {
                st.conn = None;
                // Counted from the failure's end: a paused Redis that took the whole timeout
                // is not tried again by the very next call.
                let now = Instant::now();
                match &mut st.outage {
                    Some(o) => {
                        o.pause = (o.pause * 2).min(MAX_RETRY_PAUSE);
                        o.retry_at = now + o.pause;
                    }
                    None => {
                        log::warn!(
                            "the Redis store {} failed ({e}); {}",
                            self.shown,
                            self.outage_effect
                        );
                        st.outage = Some(Outage {
                            since: now,
                            retry_at: now + FIRST_RETRY_PAUSE,
                            pause: FIRST_RETRY_PAUSE,
                        });
                    }
                }
                None
            }
        }
    }
}

fn unix_ms_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

struct RedisLease {
    inner: Arc<Inner>,
    key: String,
    owner: String,
}

impl StoreLease for RedisLease {}

impl Drop for RedisLease {
    fn drop(&mut self) {
        // If Redis is unreachable now, the lease expires on its own after `hold`.
        let (key, owner) = (&self.key, &self.owner);
        self.inner.run(|c| {
            redis::Script::new(RELEASE)
                .key(key)
                .arg(owner)
                .invoke::<i64>(c)
        });
    }
}

impl TokenStore for RedisStore {
    /// Redis is shared by the fleet: entries are sealed, and an entry in clear (planted, or
    /// written by something else) is never used.
    fn sealing(&self) -> Sealing {
        Sealing::On {
            accept_plain: false,
        }
    }

    fn load(&self, key: &str) -> Result<Option<StoredToken>> {
        let redis_key = self.token_key(key);
        let Some(value) = self
            .inner
            .run(|c| redis::cmd("GET").arg(&redis_key).query::<Option<String>>(c))
        else {
            return Ok(None);
        };
        match value.map(|v| serde_json::from_str::<PersistedToken>(&v)) {
            None => Ok(None),
            Some(Ok(entry)) => Ok(Some(entry.into())),
            Some(Err(e)) => {
                log::warn!(
                    "the Redis token store {} holds an unreadable entry ({e}); ignoring it",
                    self.inner.shown
                );
                Ok(None)
            }
        }
    }

    fn save(&self, key: &str, token: &StoredToken) -> Result<()> {
        let until = token
            .refresh_expires_at_unix_ms
            .unwrap_or(0)
            .max(token.expires_at_unix_ms);
        let ttl_ms = until.saturating_sub(unix_ms_now());
        if ttl_ms <= 0 {
            return Ok(()); // already expired: nothing worth sharing
        }
        let value = serde_json::to_string(&PersistedToken::from(token))
            .map_err(|e| SinchError::store(format!("cannot encode a token entry: {e}")))?;
        let redis_key = self.token_key(key);
        self.inner.run(|c| {
            redis::cmd("SET")
                .arg(&redis_key)
                .arg(&value)
                .arg("PX")
                .arg(ttl_ms)
                .query::<()>(c)
        });
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<()> {
        let redis_key = self.token_key(key);
        self.inner
            .run(|c| redis::cmd("DEL").arg(&redis_key).query::<i64>(c));
        Ok(())
    }

    fn lease(
        &self,
        key: &str,
        wait: Duration,
        hold: Duration,
    ) -> Result<Option<Box<dyn StoreLease>>> {
        let lock = self.key("lock", key);
        let owner = format!("{:032x}", rand::random::<u128>());
        let hold_ms = u64::try_from(hold.as_millis()).unwrap_or(u64::MAX).max(1);
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(5);
        loop {
            let taken = self.inner.run(|c| {
                redis::cmd("SET")
                    .arg(&lock)
                    .arg(&owner)
                    .arg("NX")
                    .arg("PX")
                    .arg(hold_ms)
                    .query::<Option<String>>(c)
            });
            match taken {
                // Redis unreachable: no fleet-wide lease; the caller fetches.
                None => return Ok(None),
                Some(Some(_)) => {
                    return Ok(Some(Box::new(RedisLease {
                        inner: self.inner.clone(),
                        key: lock,
                        owner,
                    })))
                }
                Some(None) => {}
            }
            let now = Instant::now();
            if now >= deadline {
                log::warn!(
                    "waited {} s for another process's token request (Redis lease); fetching \
                     anyway",
                    wait.as_secs()
                );
                return Ok(None);
            }
            std::thread::sleep(pause.min(deadline - now));
            // A fleet of waiters costs Redis one SET each per 50 ms at most, and a waiter gets
            // the token at most 50 ms after its holder released the lease.
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }
}
