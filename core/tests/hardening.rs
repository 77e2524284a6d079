//! Hostile servers, odd identifiers and stuck processes: what a probe of the library from
//! outside found, one scenario per finding (tests/scenarios/README.md, "Hardening").

mod common;

use common::*;
use sinch_core::clock::{Clock, SystemClock};
use sinch_core::india::{IndiaConfig, IndiaWhatsappClient, TextMessage};
use sinch_core::provisioning::PageRequest;
use sinch_core::token::{CacheOptions, FileStore, MemoryStore, StoredToken, TokenStore};
use sinch_core::{
    Auth, HttpSettings, KeycloakConfig, OAuthConfig, ProvisioningClient, ProvisioningConfig,
    Secret, SinchError,
};
use sinch_emulator::{Emulator, Fault, FaultKind, FaultTarget};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

const USER: &str = "demo-user";
const PASSWORD: &str = "demo-password";

/// One-second requests, so that a hang shows as a slow test rather than a stuck one.
fn short_http() -> HttpSettings {
    HttpSettings {
        connect_timeout: Duration::from_secs(1),
        request_timeout: Duration::from_secs(1),
        ..HttpSettings::default()
    }
}

fn fault(emu: &Emulator, target: FaultTarget, count: u32, kind: FaultKind) {
    emu.inject_fault(Fault {
        target,
        count,
        kind,
    });
}

fn trickle() -> FaultKind {
    // 1000 bytes, one every 200 ms: 200 s for a client whose timeout restarts on every read.
    FaultKind::Trickle {
        interval_ms: 200,
        bytes: Some(1000),
    }
}

fn oauth_short(emu: &Emulator) -> Auth {
    let mut config = OAuthConfig::new(KEY_ID, KEY_SECRET).with_token_url(emu.token_url());
    config.http = short_http();
    Auth::oauth_private(
        config,
        Arc::new(SystemClock::new()),
        CacheOptions::default(),
    )
    .unwrap()
}

fn keycloak_short(emu: &Emulator) -> Auth {
    let mut config = KeycloakConfig::new(USER, PASSWORD).with_token_url(emu.keycloak_token_url());
    config.http = short_http();
    Auth::keycloak_private(
        config,
        Arc::new(SystemClock::new()),
        CacheOptions::default(),
    )
    .unwrap()
}

fn client_short(emu: &Emulator, auth: Auth) -> ProvisioningClient {
    let mut config = ProvisioningConfig::new(PROJECT).with_base_url(emu.base_url());
    config.http = short_http();
    ProvisioningClient::new(config, auth).unwrap()
}

fn india_short(emu: &Emulator, auth: Auth) -> IndiaWhatsappClient {
    let config = IndiaConfig {
        send_url: Some(format!(
            "{}/pull-platform-receiver/v2/wa/messages",
            emu.base_url()
        )),
        http: short_http(),
        ..Default::default()
    };
    IndiaWhatsappClient::new(config, auth).unwrap()
}

fn text() -> TextMessage {
    TextMessage {
        to: "919876543210".into(),
        body: "hello".into(),
        preview_url: None,
        message_id: None,
        callback_dlr_url: None,
    }
}

fn assert_timeout_within<T: std::fmt::Debug>(
    what: &str,
    started: Instant,
    result: Result<T, SinchError>,
) {
    let took = started.elapsed();
    assert!(
        matches!(result, Err(SinchError::Timeout { .. })),
        "{what}: {result:?}"
    );
    // One attempt of 1 s (timeouts are not retried), with room for a slow machine.
    assert!(took < Duration::from_secs(5), "{what} took {took:?}");
}

// --- 1. A request never outlives its timeout -------------------------------------------------

#[test]
fn a_trickling_body_cannot_hold_a_call_past_its_timeout() {
    let emu = emulator();
    fault(&emu, FaultTarget::Token, 1, trickle());
    let started = Instant::now();
    assert_timeout_within("token endpoint", started, oauth_short(&emu).access_token());

    fault(&emu, FaultTarget::Keycloak, 1, trickle());
    let started = Instant::now();
    assert_timeout_within("Keycloak", started, keycloak_short(&emu).access_token());

    let client = client_short(&emu, oauth_short(&emu));
    client.webhooks().list(&PageRequest::default()).unwrap(); // token cached
    fault(&emu, FaultTarget::Api, 1, trickle());
    let started = Instant::now();
    assert_timeout_within(
        "Provisioning API",
        started,
        client.webhooks().list(&PageRequest::default()),
    );

    let india = india_short(&emu, keycloak_short(&emu));
    india.send_text(&text()).unwrap();
    fault(&emu, FaultTarget::India, 1, trickle());
    let started = Instant::now();
    assert_timeout_within("India send", started, india.send_text(&text()));
}

// --- 2. No lock wait is unbounded --------------------------------------------------------------

fn private_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "sinch-core-hardening-{}-{}",
        std::process::id(),
        rand::random::<u64>()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A process that takes `path`'s lock and is then stopped (SIGSTOP): it never lets go.
struct StoppedHolder(std::process::Child);

impl StoppedHolder {
    fn hold(path: &std::path::Path) -> StoppedHolder {
        let child = std::process::Command::new("flock")
            .arg("-o")
            .arg(path)
            .args(["sleep", "60"])
            .spawn()
            .expect("flock(1) is available");
        let deadline = Instant::now() + Duration::from_secs(5);
        while !path.exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(200)); // flock has taken it
        let stopped = std::process::Command::new("kill")
            .args(["-STOP", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(stopped.success());
        StoppedHolder(child)
    }
}

impl Drop for StoppedHolder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_stopped_process_holding_the_store_locks_costs_one_extra_request_not_a_hang() {
    let emu = emulator();
    let path = private_dir().join("tokens.json");
    let store = Arc::new(FileStore::new(&path).unwrap());
    let options = CacheOptions {
        lease_timeout: Duration::from_millis(500),
        ..CacheOptions::default()
    };
    let auth = Auth::oauth_private(
        OAuthConfig::new(KEY_ID, KEY_SECRET)
            .with_token_url(emu.token_url())
            .with_store(store.clone()),
        Arc::new(SystemClock::new()),
        options,
    )
    .unwrap();
    let key = auth.token_cache().unwrap().store_key().to_string();
    // Both the credential's lease and the file's write lock are held by stopped processes.
    let _lease = StoppedHolder::hold(&store.lease_path(&key));
    let _write = StoppedHolder::hold(&path.with_file_name("tokens.json.lock"));

    let started = Instant::now();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let auth = auth.clone();
            std::thread::spawn(move || auth.access_token().map(|t| t.expose().to_string()))
        })
        .collect();
    let tokens: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let took = started.elapsed();
    for t in &tokens {
        assert!(t.is_ok(), "{t:?}");
    }
    assert!(tokens.windows(2).all(|w| w[0] == w[1]), "one shared token");
    assert_eq!(emu.counters().token_requests, 1);
    // The lease wait (0.5 s) plus the bounded write-lock wait (5 s), never "forever".
    assert!(took < Duration::from_secs(15), "took {took:?}");
}

/// A foreign-style store whose `load` asks the auth it serves for a token.
#[derive(Debug, Default)]
struct ReentrantStore {
    auth: OnceLock<Auth>,
    inner_result: Mutex<Option<Result<String, SinchError>>>,
}

impl TokenStore for ReentrantStore {
    fn load(&self, _key: &str) -> sinch_core::Result<Option<StoredToken>> {
        if let Some(auth) = self.auth.get() {
            let r = auth.access_token().map(|t| t.expose().to_string());
            *self.inner_result.lock().unwrap() = Some(r);
        }
        Ok(None)
    }
    fn save(&self, _key: &str, _token: &StoredToken) -> sinch_core::Result<()> {
        Ok(())
    }
    fn remove(&self, _key: &str) -> sinch_core::Result<()> {
        Ok(())
    }
}

#[test]
fn a_store_that_calls_back_into_its_own_auth_fails_at_once_not_after_the_wait_bound() {
    let emu = emulator();
    let store = Arc::new(ReentrantStore::default());
    let auth = Auth::oauth_private(
        OAuthConfig::new(KEY_ID, KEY_SECRET)
            .with_token_url(emu.token_url())
            .with_store(store.clone()),
        Arc::new(SystemClock::new()),
        CacheOptions::default(),
    )
    .unwrap();
    store.auth.set(auth.clone()).unwrap();
    let started = Instant::now();
    auth.access_token()
        .expect("the outer call still gets its token");
    assert!(started.elapsed() < Duration::from_secs(5));
    let inner = store.inner_result.lock().unwrap().take().unwrap();
    match inner {
        Err(SinchError::InvalidConfig { reason }) => {
            assert!(reason.contains("must not call back"), "{reason}")
        }
        other => panic!("expected InvalidConfig, got {other:?}"),
    }
}

// --- 3. No panic from any server value ----------------------------------------------------------

/// The next token request is answered 200 with a token living `expires_in` (JSON text).
fn answer_next_token_request(emu: &Emulator, expires_in: &str) {
    let body = format!(
        r#"{{"access_token":"tok-{}","token_type":"bearer","expires_in":{expires_in}}}"#,
        rand::random::<u32>()
    );
    let kind = FaultKind::Status {
        status: 200,
        retry_after: None,
        body: Some(body),
    };
    fault(emu, FaultTarget::Token, 1, kind);
}

#[test]
fn absurd_lifetimes_are_clamped_and_never_panic() {
    let emu = emulator();
    for expires_in in [
        "1e30",
        "\"3e73\"",
        "9.3e18",
        "18446744073709551616",
        "1.7976931348623157e308",
    ] {
        answer_next_token_request(&emu, expires_in);
        let auth = oauth_short(&emu);
        let entry = auth
            .token_cache()
            .unwrap()
            .get()
            .unwrap_or_else(|e| panic!("{expires_in}: {e:?}"));
        assert_eq!(
            entry.lifetime(),
            sinch_core::token::MAX_TOKEN_LIFETIME,
            "{expires_in}"
        );
    }
}

#[test]
fn a_zero_or_tiny_lifetime_does_not_cost_a_request_per_call() {
    let emu = emulator();
    for expires_in in ["0", "0.001", "\"0\""] {
        let before = emu.counters().token_requests;
        answer_next_token_request(&emu, expires_in);
        let auth = oauth_short(&emu);
        let first = auth.access_token().unwrap();
        for _ in 0..50 {
            assert_eq!(auth.access_token().unwrap(), first, "{expires_in}");
        }
        assert_eq!(emu.counters().token_requests - before, 1, "{expires_in}");
        assert_eq!(
            auth.token_cache().unwrap().peek().unwrap().lifetime(),
            sinch_core::token::MIN_TOKEN_LIFETIME
        );
    }
}

#[test]
fn absurd_retry_after_and_stored_numbers_never_panic() {
    let emu = emulator();
    for retry_after in ["1e30", "18446744073709551615", "3e73"] {
        fault(
            &emu,
            FaultTarget::Token,
            1,
            FaultKind::Status {
                status: 429,
                retry_after: Some(retry_after.into()),
                body: None,
            },
        );
        let started = Instant::now();
        let err = oauth_short(&emu).access_token().unwrap_err();
        assert!(matches!(err, SinchError::RateLimited { .. }), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "not waited for");
    }
    // A store (foreign, or a file someone edited) holding absurd numbers.
    for n in [i64::MAX, i64::MIN, -1, 0] {
        let store = Arc::new(MemoryStore::new());
        let auth = Auth::oauth_private(
            OAuthConfig::new(KEY_ID, KEY_SECRET)
                .with_token_url(emu.token_url())
                .with_store(store.clone()),
            Arc::new(SystemClock::new()) as Arc<dyn Clock>,
            CacheOptions::default(),
        )
        .unwrap();
        let key = auth.token_cache().unwrap().store_key().to_string();
        let planted = StoredToken {
            access_token: Secret::new("planted-by-a-buggy-store"),
            expires_at_unix_ms: n,
            lifetime_ms: n,
            refresh_token: Some(Secret::new("rt")),
            refresh_expires_at_unix_ms: Some(n),
        };
        store.save(&key, &planted).unwrap();
        let entry = auth.token_cache().unwrap().get().unwrap();
        let lifetime = entry.lifetime();
        assert!(
            (sinch_core::token::MIN_TOKEN_LIFETIME..=sinch_core::token::MAX_TOKEN_LIFETIME)
                .contains(&lifetime),
            "{n}: {lifetime:?}"
        );
    }
}

// --- 4. An identifier cannot change the path ----------------------------------------------------

#[test]
fn identifiers_that_would_change_the_path_are_refused_before_any_request() {
    let emu = emulator();
    let client = client(&emu, oauth(&emu));
    for bad in ["", ".", "..", ".\n.", "\t..", "a\rb"] {
        let err = client.webhooks().delete(bad).unwrap_err();
        assert!(
            matches!(err, SinchError::InvalidConfig { .. }),
            "{bad:?}: {err:?}"
        );
        assert!(err.reason().contains("webhook_id"), "{}", err.reason());
        let err = client.whatsapp_templates().delete(bad).unwrap_err();
        assert!(err.reason().contains("name"), "{}", err.reason());
        let err = client.sms_apps().get(bad).unwrap_err();
        assert!(err.reason().contains("sms_app_id"), "{}", err.reason());
    }
    assert_eq!(emu.counters().api_requests, 0, "nothing was sent");
    // Identifiers with dots or slashes inside stay one segment.
    let err = client.webhooks().get("../webhooks").unwrap_err();
    assert!(
        matches!(err, SinchError::ApiError { status: 404, .. }),
        "{err:?}"
    );
}

// --- 5. Pagination always ends --------------------------------------------------------------------

#[test]
fn a_repeating_page_token_ends_the_walk_with_a_protocol_error() {
    let emu = emulator();
    let client = client(&emu, oauth(&emu));
    client.webhooks().list(&PageRequest::default()).unwrap();
    let before = emu.counters().api_requests;
    fault(
        &emu,
        FaultTarget::Api,
        1000,
        FaultKind::Status {
            status: 200,
            retry_after: None,
            body: Some(
                r#"{"webhooks":[{"id":"w1","target":"https://x.example","triggers":["ALL"]}],
                    "totalSize":99,"nextPageToken":"same-again"}"#
                    .into(),
            ),
        },
    );
    let items: Vec<_> = client.webhooks().pages(Some(1)).unwrap().items().collect();
    assert_eq!(items.len(), 3, "two pages, then the error: {items:?}");
    let err = items[2].as_ref().unwrap_err();
    assert!(matches!(err, SinchError::ProtocolError { .. }), "{err:?}");
    assert!(
        err.reason().contains("listing webhooks"),
        "{}",
        err.reason()
    );
    assert_eq!(emu.counters().api_requests - before, 2);
}

// --- 6. The file store trusts only its owner -----------------------------------------------------

#[cfg(unix)]
mod file_store {
    use super::*;
    use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};

    const PLANTED: &str = "planted-token-from-another-user";

    fn planted_file(expires_ms: u64) -> String {
        serde_json::json!({
            "format": "sinch-core/token-store", "version": 1,
            "entries": { format!("{}|{}|client_credentials|", "TOKEN_URL", KEY_ID): {
                "access_token": PLANTED, "expires_at_unix_ms": expires_ms, "lifetime_ms": 3_600_000u64
            }}
        })
        .to_string()
    }

    fn plant(emu: &Emulator, path: &std::path::Path) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let text = planted_file(now + 3_000_000).replace("TOKEN_URL", &emu.token_url());
        std::fs::write(path, text).unwrap();
    }

    fn token_with(emu: &Emulator, store: FileStore) -> String {
        Auth::oauth_private(
            OAuthConfig::new(KEY_ID, KEY_SECRET)
                .with_token_url(emu.token_url())
                .with_store(Arc::new(store)),
            Arc::new(SystemClock::new()),
            CacheOptions::default(),
        )
        .unwrap()
        .access_token()
        .unwrap()
        .expose()
        .to_string()
    }

    #[test]
    fn the_planting_itself_works_in_a_private_directory() {
        // The control: the same file, written by the owner with mode 0600, is adopted.
        let emu = emulator();
        let path = private_dir().join("tokens.json");
        plant(&emu, &path);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(token_with(&emu, FileStore::new(&path).unwrap()), PLANTED);
    }

    #[test]
    fn a_store_in_a_directory_others_can_write_is_refused() {
        let dir = private_dir().join("shared");
        std::fs::create_dir(&dir).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let err = FileStore::new(dir.join("tokens.json")).unwrap_err();
        assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
        assert!(err.reason().contains("other users"), "{}", err.reason());
    }

    #[test]
    fn a_directory_opened_up_later_is_ignored_and_never_written() {
        let emu = emulator();
        let dir = private_dir();
        let path = dir.join("tokens.json");
        let store = FileStore::new(&path).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
        plant(&emu, &path);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_ne!(token_with(&emu, store), PLANTED);
        assert!(
            std::fs::read_to_string(&path).unwrap().contains(PLANTED),
            "not overwritten"
        );
        assert_eq!(emu.counters().token_requests, 1);
    }

    #[test]
    fn a_file_writable_by_others_a_symlink_or_a_fifo_is_ignored() {
        let emu = emulator();
        // Writable by group and others.
        let path = private_dir().join("tokens.json");
        plant(&emu, &path);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert_ne!(token_with(&emu, FileStore::new(&path).unwrap()), PLANTED);
        // A symlink to a planted file elsewhere.
        let dir = private_dir();
        let elsewhere = dir.join("elsewhere.json");
        plant(&emu, &elsewhere);
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
        let path = dir.join("tokens.json");
        symlink(&elsewhere, &path).unwrap();
        assert_ne!(token_with(&emu, FileStore::new(&path).unwrap()), PLANTED);
        // A FIFO would block a plain open() forever.
        let path = private_dir().join("tokens.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let started = Instant::now();
        assert!(!token_with(&emu, FileStore::new(&path).unwrap()).is_empty());
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_file_owned_by_another_user_is_ignored() {
        // Only root can give a file away; CI runs as root.
        if unsafe_euid() != 0 {
            eprintln!("not root: cannot create a file owned by another user; skipped");
            return;
        }
        let emu = emulator();
        let path = private_dir().join("tokens.json");
        plant(&emu, &path);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let chowned = std::process::Command::new("chown")
            .args(["65534", path.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(chowned.success());
        assert_eq!(std::fs::metadata(&path).unwrap().uid(), 65534);
        assert_ne!(token_with(&emu, FileStore::new(&path).unwrap()), PLANTED);
    }

    fn unsafe_euid() -> u32 {
        std::fs::metadata("/proc/self")
            .map(|m| m.uid())
            .unwrap_or(u32::MAX)
    }

    #[test]
    fn missing_directories_are_private_and_no_lock_file_is_left_behind() {
        let emu = emulator();
        let root = private_dir();
        let path = root.join("a").join("b").join("tokens.json");
        let store = FileStore::new(&path).unwrap();
        for dir in [root.join("a"), root.join("a").join("b")] {
            let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "{}", dir.display());
        }
        for key in 0..20 {
            let key_id = format!("key-{key}");
            emu.add_key(&key_id, "secret-of-that-key");
            Auth::oauth_private(
                OAuthConfig::new(&key_id, "secret-of-that-key")
                    .with_token_url(emu.token_url())
                    .with_store(Arc::new(store.clone())),
                Arc::new(SystemClock::new()),
                CacheOptions::default(),
            )
            .unwrap()
            .access_token()
            .unwrap();
        }
        let names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["tokens.json"], "20 credentials, no lock files left");
    }

    #[test]
    fn a_symlink_in_place_of_a_lock_file_is_never_followed() {
        let emu = emulator();
        let dir = private_dir();
        let path = dir.join("tokens.json");
        let store = FileStore::new(&path).unwrap();
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        symlink(&victim, path.with_file_name("tokens.json.lock")).unwrap();
        // The save cannot lock, so it is skipped (a WARN); the token is still served.
        assert!(!token_with(&emu, store).is_empty());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }
}

// --- 7. Nothing secret in what is echoed ---------------------------------------------------------

struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(Mutex::new(Vec::new()));

fn capture_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        log::set_logger(&CAPTURE).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
    });
}

fn assert_nothing_shows(what: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        assert!(!text.contains(s.as_str()), "{what} shows a secret: {text}");
    }
}

#[test]
fn a_password_in_a_url_is_never_quoted() {
    let err = Auth::oauth(
        OAuthConfig::new(KEY_ID, KEY_SECRET).with_token_url("http://user:SECRET@example.com/t"),
    )
    .unwrap_err();
    assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
    assert!(!err.reason().contains("SECRET") && !format!("{err:?}").contains("SECRET"));
    let err = ProvisioningClient::new(
        ProvisioningConfig::new(PROJECT).with_base_url("https://u:SECRET@x.example:99999"),
        Auth::basic(KEY_ID, KEY_SECRET).unwrap(),
    )
    .unwrap_err();
    assert!(!err.reason().contains("SECRET"), "{}", err.reason());
}

#[test]
fn servers_echoing_credentials_are_scrubbed_from_errors_and_logs() {
    use base64::Engine;
    capture_logs();
    let emu = emulator();
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{KEY_ID}:{KEY_SECRET}"));
    let mut secrets = vec![KEY_SECRET.to_string(), PASSWORD.to_string(), basic];
    let echo = FaultKind::EchoCredentials { status: None };

    // The OAuth2 token endpoint echoes the Basic header.
    fault(&emu, FaultTarget::Token, 1, echo.clone());
    let err = oauth_short(&emu).access_token().unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "{err:?}"
    );
    assert!(err.reason().contains("[redacted]"), "{}", err.reason());
    assert_nothing_shows("OAuth2 error", &format!("{err} {err:?}"), &secrets);

    // Keycloak echoes the form: password (and later the refresh token).
    fault(&emu, FaultTarget::Keycloak, 1, echo.clone());
    let err = keycloak_short(&emu).access_token().unwrap_err();
    assert!(err.reason().contains("[redacted]"), "{}", err.reason());
    assert_nothing_shows("Keycloak error", &format!("{err} {err:?}"), &secrets);

    // The Provisioning API echoes the Bearer token.
    let auth = oauth_short(&emu);
    let token = auth.access_token().unwrap().expose().to_string();
    secrets.push(token);
    let client = client_short(&emu, auth);
    fault(
        &emu,
        FaultTarget::Api,
        1,
        FaultKind::EchoCredentials { status: Some(400) },
    );
    let err = client.webhooks().list(&PageRequest::default()).unwrap_err();
    match &err {
        SinchError::ApiError {
            detail, resolution, ..
        } => {
            assert!(detail.contains("[redacted]"), "{detail}");
            assert_nothing_shows("API detail", &format!("{detail} {resolution}"), &secrets);
        }
        other => panic!("expected Api, got {other:?}"),
    }
    assert_nothing_shows("API error", &format!("{err} {err:?}"), &secrets);

    // HTTP Basic on the API: the key secret itself.
    let client = client_short(&emu, Auth::basic(KEY_ID, KEY_SECRET).unwrap());
    fault(
        &emu,
        FaultTarget::Api,
        1,
        FaultKind::EchoCredentials { status: Some(403) },
    );
    let err = client.webhooks().list(&PageRequest::default()).unwrap_err();
    assert_nothing_shows("Basic API error", &format!("{err} {err:?}"), &secrets);

    // India echoes the Keycloak token.
    let auth = keycloak_short(&emu);
    secrets.push(auth.access_token().unwrap().expose().to_string());
    fault(
        &emu,
        FaultTarget::India,
        1,
        FaultKind::EchoCredentials { status: Some(400) },
    );
    let err = india_short(&emu, auth).send_text(&text()).unwrap_err();
    assert!(err.reason().contains("[redacted]"), "{}", err.reason());
    assert_nothing_shows("India error", &format!("{err} {err:?}"), &secrets);

    let logs = CAPTURE.0.lock().unwrap().join("\n");
    assert_nothing_shows("logs", &logs, &secrets);
}

#[test]
fn a_key_id_with_a_colon_cannot_be_sent_as_http_basic() {
    for err in [
        Auth::basic("key:id", KEY_SECRET).unwrap_err(),
        Auth::oauth(OAuthConfig::new("key:id", KEY_SECRET)).unwrap_err(),
        Auth::oauth(OAuthConfig::new("key\nid", KEY_SECRET)).unwrap_err(),
    ] {
        assert!(matches!(err, SinchError::InvalidConfig { .. }), "{err:?}");
        assert!(err.reason().contains("key ID"), "{}", err.reason());
    }
}
