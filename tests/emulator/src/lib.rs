//! A local emulator of Sinch's auth and API services, for SDK tests (in-process from Rust,
//! or as the `sinch-emulator` binary from Python/Kotlin) and for users, like stripe-mock.
//!
//! Emulated:
//! - Sinch OAuth2 `POST /oauth2/token` (client credentials, Basic auth).
//! - Provisioning API `/v1/projects/{projectId}/...`: webhooks, SMS apps, bundles, KakaoTalk
//!   and RCS senders (Bearer or Basic).
//! - Sinch India Keycloak realm `ipmessaging` (password + rotating refresh grants) and the
//!   India WhatsApp send API.
//! - Signed webhook callbacks to registered targets when resources change state, retried
//!   with backoff ([`callbacks`]).
//! - Test controls: counters, token expiry, lifetimes, credentials, fault injection, both
//!   as Rust methods on [`Emulator`] and as the HTTP `/_emulator/...` API.
//!
//! ```no_run
//! use sinch_emulator::{Emulator, EmulatorConfig};
//! let emu = Emulator::start(EmulatorConfig { token_lifetime_secs: 2, ..Default::default() })?;
//! println!("{}", emu.token_url());
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod callbacks;
mod config;
mod control;
mod faults;
mod http_util;
mod india;
mod keycloak;
mod oauth;
pub mod provisioning;
pub mod seed;
mod server;
mod state;
mod tls;
mod tokens;

pub use config::EmulatorConfig;
pub use faults::{Fault, FaultKind, FaultTarget};
pub use state::Counters;

use state::AppState;
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::oneshot;

/// A running emulator. Dropping it stops the server and waits for its thread.
pub struct Emulator {
    app: AppState,
    host: std::net::IpAddr,
    port: u16,
    /// With `tls`: the PEM of the CA that signed the server's certificate.
    tls_ca_pem: Option<String>,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Binds `host:port` (loopback by default), creates the seed's resources, and serves on a background thread with its own tokio
    /// runtime. The socket is bound before this returns, so clients can connect at once.
    pub fn start(config: EmulatorConfig) -> std::io::Result<Emulator> {
        let std_listener = std::net::TcpListener::bind((config.host, config.port))?;
        std_listener.set_nonblocking(true)?;
        let port = std_listener.local_addr()?.port();
        let host = config.host;
        let seed = config.seed.clone();
        let tls = config.tls.then(tls::generate).transpose()?;
        let tls_ca_pem = tls.as_ref().map(|t| t.ca_pem.clone());
        let acceptor = tls.map(|t| t.acceptor);
        let app = AppState::new(config);
        let (jobs_tx, jobs_rx) = callbacks::queue();
        app.lock().callbacks.outbox = Some(jobs_tx);
        let (tx, rx) = oneshot::channel();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let serve_app = app.clone();
        // The runtime is built, used and dropped only on this thread, so starting or
        // stopping the emulator from inside a caller's async runtime cannot panic.
        let thread = std::thread::Builder::new()
            .name("sinch-emulator".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("sinch-emulator-worker")
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                let listener = {
                    let _guard = runtime.enter();
                    tokio::net::TcpListener::from_std(std_listener)
                };
                runtime.spawn(callbacks::run(serve_app.clone(), jobs_rx));
                let seeded = match &seed {
                    Some(seed) => runtime
                        .block_on(seed::apply(
                            &serve_app,
                            server::router(serve_app.clone()),
                            seed,
                        ))
                        .map_err(|e| std::io::Error::other(format!("seed: {e}"))),
                    None => Ok(()),
                };
                match listener.and_then(|l| seeded.map(|()| l)) {
                    Ok(listener) => {
                        let _ = ready_tx.send(Ok(()));
                        runtime.block_on(server::serve(listener, serve_app, acceptor, rx));
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
                // Drops open keep-alive connections and in-flight handlers.
                runtime.shutdown_timeout(Duration::from_secs(1));
            })?;
        let ready = ready_rx
            .recv()
            .unwrap_or_else(|_| Err(std::io::Error::other("emulator thread died during start")));
        if let Err(e) = ready {
            let _ = thread.join();
            return Err(e);
        }
        Ok(Emulator {
            app,
            host,
            port,
            tls_ca_pem,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT` (the host it listens on; `https://` with `tls`); also the base of the Provisioning and
    /// India APIs.
    pub fn base_url(&self) -> String {
        let scheme = if self.tls_ca_pem.is_some() {
            "https"
        } else {
            "http"
        };
        // A wildcard listen address is reached through loopback.
        let host = match self.host {
            h if h.is_unspecified() && h.is_ipv6() => "[::1]".to_string(),
            h if h.is_unspecified() => "127.0.0.1".to_string(),
            std::net::IpAddr::V6(h) => format!("[{h}]"),
            h => h.to_string(),
        };
        format!("{scheme}://{host}:{}", self.port)
    }

    /// With `tls`: the PEM of the CA a client must trust to reach this emulator.
    pub fn tls_ca_pem(&self) -> Option<&str> {
        self.tls_ca_pem.as_deref()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Sinch OAuth2 token URL.
    pub fn token_url(&self) -> String {
        format!("{}/oauth2/token", self.base_url())
    }

    /// Keycloak token URL (the `/auth/realms/...` UAT form is served too).
    pub fn keycloak_token_url(&self) -> String {
        format!("{}{}", self.base_url(), keycloak::TOKEN_PATH)
    }

    /// A snapshot of the request counters.
    pub fn counters(&self) -> Counters {
        self.app.lock().counters.clone()
    }

    /// Every issued Sinch and Keycloak access token is expired from now on (refresh tokens
    /// stay valid).
    pub fn expire_all_tokens(&self) {
        self.app.lock().expire_all_tokens();
    }

    /// Lifetime of Sinch access tokens issued from now on.
    pub fn set_token_lifetime(&self, secs: u64) {
        self.app.lock().token_lifetime = Duration::from_secs(secs);
    }

    /// Lifetimes of Keycloak access and refresh tokens issued from now on.
    pub fn set_keycloak_lifetimes(&self, access_secs: u64, refresh_secs: u64) {
        let mut st = self.app.lock();
        st.keycloak_access_lifetime = Duration::from_secs(access_secs);
        st.keycloak_refresh_lifetime = Duration::from_secs(refresh_secs);
    }

    /// Accepts another Sinch key (or replaces the secret of `key_id`).
    pub fn add_key(&self, key_id: &str, key_secret: &str) {
        state::State::upsert(&mut self.app.lock().keys, key_id, key_secret);
    }

    /// Accepts another Keycloak user (or replaces the password of `username`).
    pub fn add_user(&self, username: &str, password: &str) {
        state::State::upsert(&mut self.app.lock().users, username, password);
    }

    /// Queues a fault; see [`Fault`].
    pub fn inject_fault(&self, fault: Fault) {
        if fault.count > 0 {
            self.app.lock().faults.push(fault);
        }
    }

    /// Back to the start configuration: counters, faults and resources cleared (seeded ones
    /// restored). Tokens already issued stay valid, so clients that cached one keep working
    /// ([`Emulator::reset_revoking_tokens`] revokes them too).
    pub fn reset(&self) {
        self.app.reset(false);
    }

    /// [`Emulator::reset`], and every issued token (access and refresh) is refused afterwards.
    pub fn reset_revoking_tokens(&self) {
        self.app.reset(true);
    }

    /// Adds `count` approved `EN_US` WhatsApp templates named `{prefix}00000`, `{prefix}00001`...
    pub fn seed_whatsapp_templates(&self, project_id: &str, prefix: &str, count: usize) {
        let mut st = self.app.lock();
        let wa = provisioning::whatsapp::project(&mut st, project_id);
        provisioning::whatsapp::templates::seed(wa, prefix, count, "APPROVED");
    }

    /// Adds a WhatsApp flow (`{"name", "status"?, "id"?}`) with its screens; returns its id.
    pub fn add_whatsapp_flow(
        &self,
        project_id: &str,
        flow: serde_json::Map<String, serde_json::Value>,
        screens: Vec<serde_json::Value>,
    ) -> String {
        provisioning::whatsapp::add_flow(&mut self.app.lock(), project_id, flow, screens)
    }

    /// Links a Conversation API app's `channel` (`instagram`, `messenger`, `telegram`,
    /// `viber`) with its info as the API answers it (`status` defaults to `ACTIVE`).
    pub fn link_conversation_channel(
        &self,
        project_id: &str,
        app_id: &str,
        channel: &str,
        info: serde_json::Value,
    ) -> Result<(), String> {
        let serde_json::Value::Object(info) = info else {
            return Err("the channel info must be a JSON object".into());
        };
        provisioning::conversation::link(&mut self.app.lock(), project_id, app_id, channel, info)
    }

    /// Moves the WhatsApp account, a sender (`id`) or a template (`id` = name, `language`,
    /// default `EN_US`) to `state`, as Sinch's asynchronous review would.
    pub fn set_whatsapp_state(
        &self,
        project_id: &str,
        target: provisioning::whatsapp::StateTarget,
        id: Option<&str>,
        language: Option<&str>,
        state: &str,
    ) -> Result<(), String> {
        provisioning::whatsapp::set_state(
            &mut self.app.lock(),
            project_id,
            target,
            id,
            language,
            state,
        )
    }

    /// Sets `field` (a name or dotted path such as `details.name`) of a stored Provisioning
    /// resource to any JSON value, e.g. a status the client does not know. `resource` is
    /// `sms_apps`, `bundles`, `kakaotalk_senders` or `rcs_senders`; `id` is the resource id
    /// (`plusFriendId` for KakaoTalk). Same as `POST /_emulator/provisioning/set-field`.
    pub fn set_field(
        &self,
        project_id: &str,
        resource: &str,
        id: &str,
        field: &str,
        value: serde_json::Value,
    ) -> Result<(), String> {
        provisioning::set_field(
            &mut self.app.lock(),
            &provisioning::store::SetField {
                project_id: project_id.to_string(),
                resource: resource.to_string(),
                id: id.to_string(),
                field: field.to_string(),
                value,
            },
        )
    }

    /// Every webhook delivery (signed callback) so far, oldest first, with its attempts. Same
    /// as `GET /_emulator/callbacks/deliveries`.
    pub fn deliveries(&self) -> Vec<callbacks::Delivery> {
        self.app
            .lock()
            .callbacks
            .deliveries
            .iter()
            .cloned()
            .collect()
    }

    /// Calls back the webhooks of `project_id` subscribed to `trigger` (any string: an unknown
    /// trigger too) with `payload`; returns how many deliveries were queued.
    pub fn emit_callback(
        &self,
        project_id: &str,
        trigger: &str,
        payload: serde_json::Value,
        comment: Option<&str>,
    ) -> usize {
        callbacks::emit(&mut self.app.lock(), project_id, trigger, &payload, comment)
    }

    /// How deliveries are retried and signed from now on.
    pub fn set_callback_config(&self, config: callbacks::RetryConfig) {
        self.app.lock().callbacks.retry = config;
    }

    /// Log each request (method, path, status; never headers or bodies) to stderr.
    /// Off by default so in-process tests stay quiet; the binary turns it on.
    pub fn set_request_logging(&self, on: bool) {
        self.app.lock().log_requests = on;
    }
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.base_url())
            .finish_non_exhaustive()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
