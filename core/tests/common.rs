//! Shared helpers for the scenario tests: an in-process emulator per test, and clients on it.
#![allow(dead_code)]

use sinch_core::{Auth, OAuthConfig, ProvisioningClient, ProvisioningConfig};
use sinch_emulator::{Emulator, EmulatorConfig};

pub const KEY_ID: &str = "demo-key-id";
pub const KEY_SECRET: &str = "demo-key-secret";
pub const PROJECT: &str = "5f1a2b3c-0000-4000-8000-000000000001";

pub fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default()).expect("emulator starts")
}

pub fn emulator_with(f: impl FnOnce(&mut EmulatorConfig)) -> Emulator {
    let mut config = EmulatorConfig::default();
    f(&mut config);
    Emulator::start(config).expect("emulator starts")
}

pub fn oauth(emu: &Emulator) -> Auth {
    oauth_with(emu, KEY_ID, KEY_SECRET)
}

pub fn oauth_with(emu: &Emulator, key_id: &str, secret: &str) -> Auth {
    Auth::oauth(OAuthConfig::new(key_id, secret).with_token_url(emu.token_url()))
        .expect("valid config")
}

pub fn client(emu: &Emulator, auth: Auth) -> ProvisioningClient {
    ProvisioningClient::new(
        ProvisioningConfig::new(PROJECT).with_base_url(emu.base_url()),
        auth,
    )
    .expect("valid config")
}

/// A path in a fresh directory of its own (for file stores).
pub fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "sinch-core-test-{}-{}",
        std::process::id(),
        rand_id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn rand_id() -> u64 {
    use std::time::SystemTime;
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
}

/// `(status, errorCode)` of an `Api` error; any other error fails the test.
pub fn api_error(e: sinch_core::SinchError) -> (i32, String) {
    match e {
        sinch_core::SinchError::ApiError {
            status, error_code, ..
        } => (status, error_code),
        other => panic!("expected an Api error, got {other:?}"),
    }
}
