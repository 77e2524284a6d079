//! The Redis token store against a real `redis-server` (Debian's package; `.ci/run` installs
//! it) on a free loopback port, and the emulator: fleet scenarios of tests/scenarios/README.md.
//! A "process" here is an auth object with a private cache (`Auth::oauth_private`): it shares
//! nothing with the others but the store, as separate processes would.

mod common;

use common::*;
use sinch_core::clock::{Clock, SystemClock};
use sinch_core::provisioning::PageRequest;
use sinch_core::token::{CacheOptions, FileStore, RedisOptions, RedisStore, TokenStore};
use sinch_core::{
    Auth, KeycloakConfig, OAuthConfig, ProvisioningClient, ProvisioningConfig, Secret,
};
use sinch_emulator::EmulatorConfig;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// Every log record of the test binary (tests filter by their own Redis port).
struct Capture(std::sync::Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0
            .lock()
            .unwrap()
            .push(format!("{} {}", record.level(), record.args()));
    }
    fn flush(&self) {}
}

static CAPTURE: Capture = Capture(std::sync::Mutex::new(Vec::new()));

fn logs_about(needle: &str) -> Vec<String> {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        log::set_logger(&CAPTURE).unwrap();
        log::set_max_level(log::LevelFilter::Info);
    });
    let logs = CAPTURE.0.lock().unwrap();
    logs.iter()
        .filter(|l| l.contains(needle))
        .cloned()
        .collect()
}

/// A `redis-server` of this test's own, stopped (and its pid checked gone) when dropped.
struct Redis {
    child: Child,
    port: u16,
}

impl Redis {
    fn start() -> Redis {
        Self::start_on(free_port())
    }

    fn start_on(port: u16) -> Redis {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server runs (Debian: apt-get install redis-server)");
        let redis = Redis { child, port };
        let deadline = Instant::now() + Duration::from_secs(10);
        while redis.cli(&["PING"]).as_deref() != Some("PONG") {
            assert!(
                Instant::now() < deadline,
                "redis-server did not answer PING"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        redis
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// One `redis-cli` command; its output, or `None` if it failed.
    fn cli(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("redis-cli")
            .args(["-p", &self.port.to_string()])
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    fn signal(&self, sig: &str) {
        Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .unwrap();
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn commands_processed(&self) -> u64 {
        self.cli(&["INFO", "stats"])
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("total_commands_processed:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn store(redis: &Redis) -> Arc<dyn TokenStore> {
    Arc::new(RedisStore::new(RedisOptions::new(redis.url())).unwrap())
}

/// Short bounds, so a dead lease holder costs a test ~1 s, not the production minute.
fn options() -> CacheOptions {
    CacheOptions {
        lease_hold: Duration::from_secs(1),
        lease_timeout: Duration::from_secs(4),
        wait_timeout: Duration::from_secs(15),
        ..Default::default()
    }
}

fn process(emu: &sinch_emulator::Emulator, store: Arc<dyn TokenStore>) -> Auth {
    Auth::oauth_private(
        OAuthConfig::new(KEY_ID, KEY_SECRET)
            .with_token_url(emu.token_url())
            .with_store(store),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        options(),
    )
    .unwrap()
}

/// A process with the demo India user (Keycloak password + refresh grants) and `store`.
fn india_process(emu: &sinch_emulator::Emulator, store: Arc<dyn TokenStore>) -> Auth {
    Auth::keycloak_private(
        KeycloakConfig::new("demo-user", "demo-password")
            .with_token_url(emu.keycloak_token_url())
            .with_store(store),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        options(),
    )
    .unwrap()
}

/// The cache's store key for the demo key's OAuth2 token on `emu`.
fn oauth_store_key(emu: &sinch_emulator::Emulator) -> String {
    format!("{}|{KEY_ID}|client_credentials|", emu.token_url())
}

/// `hosts` × `per_host` processes starting together; each host's processes share `store_of(host)`.
fn cold_fleet(
    emu: &sinch_emulator::Emulator,
    hosts: usize,
    per_host: usize,
    store_of: impl Fn(usize) -> Arc<dyn TokenStore>,
) -> Vec<String> {
    let barrier = Arc::new(Barrier::new(hosts * per_host));
    let threads: Vec<_> = (0..hosts)
        .flat_map(|h| (0..per_host).map(move |_| h))
        .map(|h| {
            let auth = process(emu, store_of(h));
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                auth.access_token().unwrap().expose().to_string()
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn cold_fleet_makes_one_token_request_with_redis_and_one_per_host_without() {
    let redis = Redis::start();
    let emu = emulator();
    let tokens = cold_fleet(&emu, 3, 8, |_| store(&redis));
    assert!(tokens.iter().all(|t| *t == tokens[0]));
    assert_eq!(
        emu.counters().token_requests,
        1,
        "3 hosts x 8 processes, one Redis"
    );

    // The same fleet with only a file store per host: one request per host.
    let emu = emulator();
    let dirs: Vec<_> = (0..3)
        .map(|h| temp_path(&format!("host{h}.json")))
        .collect();
    cold_fleet(&emu, 3, 8, |h| Arc::new(FileStore::new(&dirs[h]).unwrap()));
    assert_eq!(emu.counters().token_requests, 3);
}

#[test]
fn a_cached_read_never_touches_redis() {
    let redis = Redis::start();
    let emu = emulator();
    let auth = process(&emu, store(&redis));
    auth.access_token().unwrap();
    let before = redis.commands_processed();
    for _ in 0..1000 {
        auth.access_token().unwrap();
    }
    // INFO itself is the one command between the two readings.
    assert_eq!(redis.commands_processed(), before + 1);
}

#[test]
fn redis_holds_nothing_usable() {
    let redis = Redis::start();
    let emu = emulator_with(|c| c.keycloak_access_lifetime_secs = 60);
    let oauth_token = process(&emu, store(&redis)).access_token().unwrap();
    let india = india_process(&emu, store(&redis));
    let india_token = india.access_token().unwrap();
    let keys = redis.cli(&["--scan"]).unwrap();
    let keys: Vec<&str> = keys.lines().collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    let mut dump = String::new();
    for key in &keys {
        assert!(key.starts_with("sinch-core:token:"), "{key}");
        let ttl: i64 = redis.cli(&["PTTL", key]).unwrap().parse().unwrap();
        assert!(ttl > 0, "{key} expires with its token");
        dump.push_str(&redis.cli(&["GET", key]).unwrap());
        dump.push('\n');
    }
    for secret in [
        oauth_token.expose(),
        india_token.expose(),
        KEY_SECRET,
        "demo-password",
        "demo-user",
        KEY_ID,
    ] {
        assert!(!dump.contains(secret), "{secret} in the dump: {dump}");
    }
    assert_eq!(dump.matches("sealed.v1.").count(), 2, "{dump}");
    // A token planted in clear (by anyone who can write to Redis) is not used.
    let key = RedisStore::new(RedisOptions::new(redis.url()))
        .unwrap()
        .token_key(&oauth_store_key(&emu));
    let value = redis.cli(&["GET", &key]).unwrap();
    let sealed = value
        .split('"')
        .find(|s| s.starts_with("sealed.v1."))
        .unwrap();
    redis
        .cli(&["SET", &key, &value.replace(sealed, "planted-token")])
        .unwrap();
    let before = emu.counters().token_requests;
    let fresh = process(&emu, store(&redis));
    assert_ne!(fresh.access_token().unwrap().expose(), "planted-token");
    assert_eq!(emu.counters().token_requests, before + 1);
}

#[test]
fn a_lease_holder_killed_mid_fetch_frees_it_and_one_other_process_fetches() {
    let redis = Redis::start();
    let emu = emulator();
    // The "killed" process took the fleet lease and will never release it.
    let dead = store(&redis);
    let lease = dead
        .lease(
            &oauth_store_key(&emu),
            Duration::from_secs(1),
            Duration::from_secs(1),
        )
        .unwrap()
        .expect("lease taken");
    std::mem::forget(lease);
    let started = Instant::now();
    let tokens = cold_fleet(&emu, 2, 4, |_| store(&redis));
    let waited = started.elapsed();
    assert!(tokens.iter().all(|t| *t == tokens[0]));
    assert_eq!(
        emu.counters().token_requests,
        1,
        "one waiter fetched after the expiry"
    );
    assert!(
        waited >= Duration::from_millis(900),
        "{waited:?}: waited for the expiry"
    );
}

#[test]
fn redis_killed_and_restarted_mid_run_fails_no_call() {
    let redis = Redis::start();
    let port = redis.port;
    let shown = format!("redis://127.0.0.1:{port}");
    assert!(logs_about(&shown).is_empty());
    let emu = emulator_with(|c: &mut EmulatorConfig| c.token_lifetime_secs = 2);
    let procs: Vec<_> = (0..6)
        .map(|_| {
            let auth = process(&emu, store(&redis));
            ProvisioningClient::new(
                ProvisioningConfig::new(PROJECT).with_base_url(emu.base_url()),
                auth,
            )
            .unwrap()
        })
        .collect();
    let stop = Instant::now() + Duration::from_secs(7);
    let workers: Vec<_> = procs
        .into_iter()
        .map(|client| {
            std::thread::spawn(move || {
                let (mut ok, mut failed) = (0, Vec::new());
                while Instant::now() < stop {
                    match client.webhooks().list(&PageRequest::default()) {
                        Ok(_) => ok += 1,
                        Err(e) => failed.push(e.to_string()),
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                (ok, failed)
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    redis.stop(); // killed: tokens (2 s) expire during the outage
    std::thread::sleep(Duration::from_secs(3));
    let _back = Redis::start_on(port); // restarted empty
    let mut total = 0;
    for w in workers {
        let (ok, failed) = w.join().unwrap();
        assert!(failed.is_empty(), "{failed:?}");
        total += ok;
    }
    assert!(total > 100, "{total} calls made");
    // One WARN per process (store) for the outage, not one per call; recovery noticed.
    let logs = logs_about(&shown);
    let warns = logs.iter().filter(|l| l.starts_with("WARN")).count();
    assert!((1..=6).contains(&warns), "{logs:#?}");
    assert!(
        logs.iter().any(|l| l.contains("reachable again")),
        "{logs:#?}"
    );
}

#[test]
fn a_paused_redis_costs_bounded_waits_and_calls_keep_working() {
    let redis = Redis::start();
    let emu = emulator();
    let auth = process(&emu, store(&redis));
    redis.signal("-STOP");
    let started = Instant::now();
    auth.access_token().unwrap();
    let took = started.elapsed();
    redis.signal("-CONT");
    // One bounded attempt (500 ms to connect, 500 ms for the handshake), then the store is
    // skipped until its retry pause ends, not waited on again by the same call.
    assert!(took < Duration::from_millis(2500), "{took:?}");
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn a_bad_redis_url_is_invalid_config_without_its_password() {
    for url in [
        "http://127.0.0.1:6379",
        "redis://user:hunter2@[::1",
        "not a url",
    ] {
        let err = RedisStore::new(RedisOptions::new(url)).unwrap_err();
        assert!(
            matches!(err, sinch_core::SinchError::InvalidConfig { .. }),
            "{url}: {err:?}"
        );
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }
    let debug = format!(
        "{:?}",
        RedisOptions {
            password: Some("hunter2".into()),
            ..RedisOptions::new("redis://u:hunter3@127.0.0.1/0")
        }
    );
    assert!(
        !debug.contains("hunter2") && !debug.contains("hunter3"),
        "{debug}"
    );
}

#[test]
fn india_fleet_refreshing_under_the_lease_never_reuses_a_rotated_refresh_token() {
    let redis = Redis::start();
    let emu = emulator_with(|c| {
        c.keycloak_access_lifetime_secs = 2;
        c.keycloak_refresh_lifetime_secs = 60;
    });
    let stop = Instant::now() + Duration::from_secs(7);
    let workers: Vec<_> = (0..16)
        .map(|_| {
            let auth = india_process(&emu, store(&redis));
            std::thread::spawn(move || {
                let mut reads = 0;
                while Instant::now() < stop {
                    auth.access_token().unwrap();
                    reads += 1;
                    std::thread::sleep(Duration::from_millis(25));
                }
                reads
            })
        })
        .collect();
    let reads: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    let c = emu.counters();
    // A reused (rotated) refresh token is refused by Keycloak and costs a password grant.
    assert_eq!(c.keycloak_password_grants, 1, "{c:?}");
    assert!(
        (2..=8).contains(&c.keycloak_refresh_grants),
        "one refresh per token lifetime for the whole fleet: {c:?}"
    );
    assert!(reads > 1000, "{reads}");
}

/// A CA and a server certificate for 127.0.0.1, made with the openssl CLI in `dir`.
fn tls_files(dir: &std::path::Path) {
    let run = |args: &[&str]| {
        let ok = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl CLI")
            .success();
        assert!(ok, "openssl {args:?}");
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"][..],
        &ec,
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=test-ca",
        ],
    ]
    .concat());
    run(&[
        &["req"][..],
        &ec,
        &[
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    ]
    .concat());
    std::fs::write(dir.join("ext"), "subjectAltName=IP:127.0.0.1\n").unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext",
    ]);
}

#[test]
fn rediss_with_the_servers_ca_shares_tokens_and_without_it_is_an_outage_not_a_failure() {
    let dir = temp_path("tls");
    let dir = dir.parent().unwrap().to_path_buf();
    tls_files(&dir);
    let port = free_port();
    let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let mut child = Command::new("redis-server")
        .args([
            "--port",
            "0",
            "--tls-port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
        ])
        .args([
            "--tls-cert-file",
            &file("server.pem"),
            "--tls-key-file",
            &file("server.key"),
        ])
        .args([
            "--tls-ca-cert-file",
            &file("ca.pem"),
            "--tls-auth-clients",
            "no",
        ])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("rediss://127.0.0.1:{port}");
    let ca = std::fs::read_to_string(dir.join("ca.pem")).unwrap();
    let tls_store = || -> Arc<dyn TokenStore> {
        Arc::new(
            RedisStore::new(RedisOptions {
                ca_pem: Some(ca.clone()),
                ..RedisOptions::new(&url)
            })
            .unwrap(),
        )
    };
    // redis-server needs a moment to listen: the first process may find it down (an outage,
    // which only costs it its own token request), so wait for a PING over TLS first.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !Command::new("redis-cli")
        .args([
            "--tls",
            "--cacert",
            &file("ca.pem"),
            "-p",
            &port.to_string(),
            "PING",
        ])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "PONG")
    {
        assert!(Instant::now() < deadline, "TLS redis-server did not answer");
        std::thread::sleep(Duration::from_millis(20));
    }
    let emu = emulator();
    let tokens = cold_fleet(&emu, 2, 4, |_| tls_store());
    assert!(tokens.iter().all(|t| *t == tokens[0]));
    assert_eq!(emu.counters().token_requests, 1, "shared over TLS");

    // Without the CA the certificate is not trusted: an outage (logged), never a failed call.
    let untrusting = process(
        &emu,
        Arc::new(RedisStore::new(RedisOptions::new(&url)).unwrap()),
    );
    untrusting.access_token().unwrap();
    assert_eq!(emu.counters().token_requests, 2);
    let logs = logs_about(&format!("rediss://127.0.0.1:{port}"));
    assert!(logs.iter().any(|l| l.starts_with("WARN")), "{logs:#?}");
    assert!(RedisStore::new(RedisOptions {
        ca_pem: Some(ca),
        ..RedisOptions::new("redis://127.0.0.1:6379")
    })
    .is_err());
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn a_redis_answering_errors_fails_no_call_and_never_shows_the_password() {
    let redis = Redis::start();
    let shown = redis.url();
    assert!(logs_about(&shown).is_empty()); // installs the logger
                                            // Out of memory with no eviction: every write (the lease, the entry) is refused with an
                                            // error reply, while the server is up and answering.
    redis.cli(&["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
    redis.cli(&["CONFIG", "SET", "maxmemory", "1"]);
    let emu = emulator();
    let tokens = cold_fleet(&emu, 1, 4, |_| store(&redis));
    assert!(tokens.iter().all(|t| !t.is_empty()));
    let requests = emu.counters().token_requests;
    assert!(
        (1..=4).contains(&requests),
        "{requests}: at most one per process"
    );
    let warns = logs_about(&shown)
        .into_iter()
        .filter(|l| l.starts_with("WARN"))
        .count();
    assert!(
        (1..=4).contains(&warns),
        "one WARN per process store: {:#?}",
        logs_about(&shown)
    );

    // A password this server refuses (it has none): the handshake fails, the call does not,
    // and the password appears nowhere in the logs.
    let emu = emulator();
    let refused = process(
        &emu,
        Arc::new(
            RedisStore::new(RedisOptions {
                password: Some(Secret::new("hunter2-redis")),
                ..RedisOptions::new(redis.url())
            })
            .unwrap(),
        ),
    );
    refused.access_token().unwrap();
    assert_eq!(emu.counters().token_requests, 1);
    let logs = logs_about(&shown);
    let auth_warns = logs
        .iter()
        .filter(|l| l.starts_with("WARN") && l.contains("authentication failed"))
        .count();
    assert_eq!(auth_warns, 1, "the refused handshake is logged: {logs:#?}");
    assert!(logs.iter().all(|l| !l.contains("hunter2")), "{logs:#?}");
}
