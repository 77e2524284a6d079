//! Token stores: a file shared by caches that behave like separate processes (each has its own
//! cache and its own file handles), a corrupt file, a lock left by a killed process.

mod common;

use common::*;
use sinch_core::clock::{Clock, SystemClock};
use sinch_core::token::{CacheOptions, FileStore, MemoryStore, TokenStore};
use sinch_core::{Auth, KeycloakConfig, OAuthConfig, SinchError};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// A cache of its own (as another process would have) on the given store.
fn process_like(emu: &sinch_emulator::Emulator, store: Arc<dyn TokenStore>) -> Auth {
    Auth::oauth_private(
        OAuthConfig::new(KEY_ID, KEY_SECRET)
            .with_token_url(emu.token_url())
            .with_store(store),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap()
}

#[test]
fn file_store_shares_one_token_between_processes() {
    let emu = emulator();
    let path = temp_path("tokens.json");
    let a = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    let b = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    assert_eq!(a.access_token().unwrap(), b.access_token().unwrap());
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn cold_processes_sharing_a_file_make_one_token_request() {
    let emu = emulator();
    let path = temp_path("tokens.json");
    let barrier = Arc::new(Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let auth = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                auth.access_token().unwrap().expose().to_string()
            })
        })
        .collect();
    let tokens: std::collections::BTreeSet<_> =
        threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn store_file_is_private_and_holds_no_secret_or_password() {
    let emu = emulator();
    let path = temp_path("tokens.json");
    let store: Arc<dyn TokenStore> = Arc::new(FileStore::new(&path).unwrap());
    process_like(&emu, store.clone()).access_token().unwrap();
    let india = Auth::keycloak_private(
        KeycloakConfig::new("demo-user", "demo-password")
            .with_token_url(emu.keycloak_token_url())
            .with_store(store),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap();
    let india_token = india.access_token().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // Both entries are there for other processes, sealed: nothing in the file is usable.
    assert_eq!(text.matches("sealed.v1.").count(), 2, "{text}");
    assert!(!text.contains(india_token.expose()));
    assert!(!text.contains(".ey"), "no JWT-looking token: {text}");
    assert!(
        !text.contains("refresh_token"),
        "the refresh token is inside the seal"
    );
    assert!(!text.contains(KEY_SECRET));
    assert!(!text.contains("demo-password"));
    // Another process of the same user reads the India entry, refresh token included.
    let again = Auth::keycloak_private(
        KeycloakConfig::new("demo-user", "demo-password")
            .with_token_url(emu.keycloak_token_url())
            .with_store(Arc::new(FileStore::new(&path).unwrap())),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap();
    assert_eq!(again.access_token().unwrap(), india_token);
    assert_eq!(emu.counters().keycloak_password_grants, 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn corrupt_store_file_is_ignored_and_replaced() {
    let emu = emulator();
    let path = temp_path("tokens.json");
    std::fs::write(&path, b"{ this is not json").unwrap();
    let a = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    a.access_token().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(v["format"], "sinch-core/token-store");
    std::fs::write(&path, br#"{"some":"other tool's format"}"#).unwrap();
    let b = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    b.access_token().unwrap();
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn lock_of_a_killed_process_is_healed() {
    let emu = emulator();
    let path = temp_path("tokens.json");
    process_like(&emu, Arc::new(FileStore::new(&path).unwrap()))
        .access_token()
        .unwrap();
    let store = FileStore::new(&path).unwrap();
    let key = process_like(&emu, Arc::new(store.clone()))
        .token_cache()
        .unwrap()
        .store_key()
        .to_string();
    let lease_file = store.lease_path(&key);
    std::fs::remove_file(&path).unwrap(); // force the next process to fetch
                                          // `-o`: the lock stays with the flock process itself, not with the command it runs.
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(&lease_file)
        .args(["sleep", "5"])
        .spawn()
        .expect("flock(1) is available");
    std::thread::sleep(Duration::from_millis(300));
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(500));
        holder.kill().unwrap(); // SIGKILL: the owner dies without unlocking
        holder.wait().unwrap();
    });
    let started = Instant::now();
    process_like(&emu, Arc::new(FileStore::new(&path).unwrap()))
        .access_token()
        .unwrap();
    let waited = started.elapsed();
    killer.join().unwrap();
    assert!(
        waited >= Duration::from_millis(400),
        "waited for the live owner ({waited:?})"
    );
    assert!(
        waited < Duration::from_secs(5),
        "went on as soon as it died ({waited:?})"
    );
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn memory_store_is_consulted_by_a_new_cache() {
    let emu = emulator();
    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let a = process_like(&emu, store.clone()).access_token().unwrap();
    let b = process_like(&emu, store).access_token().unwrap();
    assert_eq!(a, b);
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn a_rejected_stored_token_is_not_adopted_again() {
    let emu = emulator();
    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let auth = process_like(&emu, store);
    let cache = auth.token_cache().unwrap();
    let first = cache.get().unwrap();
    assert!(cache.invalidate(&first));
    let second = cache.get().unwrap();
    assert_ne!(first.access_token(), second.access_token());
    assert_eq!(emu.counters().token_requests, 2);
}

#[test]
fn shared_oauth_auth_uses_its_store() {
    // The process-wide path (what the bindings use), not a private cache: a store given to
    // `Auth::oauth` is consulted, so a token saved by another process is reused.
    let emu = emulator();
    let path = temp_path("tokens.json");
    process_like(&emu, Arc::new(FileStore::new(&path).unwrap()))
        .access_token()
        .unwrap();
    let shared = Auth::oauth(
        OAuthConfig::new(KEY_ID, KEY_SECRET)
            .with_token_url(emu.token_url())
            .with_store(Arc::new(FileStore::new(&path).unwrap())),
    )
    .unwrap();
    shared.access_token().unwrap();
    assert_eq!(
        emu.counters().token_requests,
        1,
        "the shared cache adopted the stored token"
    );
}

#[test]
fn a_stored_token_near_its_expiry_is_refreshed_by_a_new_process_not_served() {
    // A token with 10 s left of its hour, found by a process whose clock just started: it is
    // past its soft refresh time, so the new process fetches (it used to serve it for up to
    // 54 minutes past its expiry, counting its age from its own clock's start).
    let emu = emulator();
    let store: Arc<dyn TokenStore> = Arc::new(MemoryStore::new());
    let auth = process_like(&emu, store.clone());
    let key = auth.token_cache().unwrap().store_key().to_string();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    store
        .save(
            &key,
            &sinch_core::token::StoredToken {
                access_token: sinch_core::Secret::new("nearly-expired"),
                expires_at_unix_ms: now_ms + 10_000,
                lifetime_ms: 3_600_000,
                refresh_token: None,
                refresh_expires_at_unix_ms: None,
            },
        )
        .unwrap();
    assert_ne!(auth.access_token().unwrap().expose(), "nearly-expired");
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn a_file_written_before_sealing_stays_readable() {
    let emu = emulator();
    let path = temp_path("tokens.json");
    let first = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    let token = first.access_token().unwrap();
    // The same entry in clear, as versions before sealing wrote it.
    let text = std::fs::read_to_string(&path).unwrap();
    let sealed_value = text
        .split('"')
        .find(|s| s.starts_with("sealed.v1."))
        .unwrap()
        .to_string();
    std::fs::write(&path, text.replace(&sealed_value, token.expose())).unwrap();
    let old_format = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    assert_eq!(old_format.access_token().unwrap(), token, "still readable");
    assert_eq!(emu.counters().token_requests, 1);
}

#[test]
fn a_process_with_another_secret_cannot_use_the_shared_entry() {
    let emu = emulator();
    emu.add_key(KEY_ID, "rotated-secret"); // the key's secret changed; an old process lingers
    let path = temp_path("tokens.json");
    let current = Auth::oauth_private(
        OAuthConfig::new(KEY_ID, "rotated-secret")
            .with_token_url(emu.token_url())
            .with_store(Arc::new(FileStore::new(&path).unwrap())),
        Arc::new(SystemClock::new()) as Arc<dyn Clock>,
        CacheOptions::default(),
    )
    .unwrap();
    let token = current.access_token().unwrap();
    let stale = process_like(&emu, Arc::new(FileStore::new(&path).unwrap()));
    let err = stale.access_token().unwrap_err();
    assert!(
        matches!(err, SinchError::InvalidCredentials { .. }),
        "the old secret gets no token, not the new one's: {err:?}"
    );
    assert!(!err.to_string().contains(token.expose()));
    assert_eq!(emu.counters().token_requests, 2);
}
