//! Black-box tests of the emulator over real HTTP (one test binary, one module per area).

mod binary;
mod bundles;
mod callbacks;
mod collections;
mod control;
mod faults;
mod india_keycloak;
mod kakaotalk;
mod oauth;
mod rcs;
mod seed_reset;
mod sms_apps;
mod webhooks;

use reqwest::blocking::{Client, Response};
use serde_json::Value;
use sinch_emulator::{Emulator, EmulatorConfig};

pub fn start() -> Emulator {
    start_with(EmulatorConfig::default())
}

pub fn start_with(config: EmulatorConfig) -> Emulator {
    Emulator::start(config).expect("emulator starts")
}

pub fn client() -> Client {
    Client::builder().build().expect("client")
}

pub fn json(resp: Response) -> Value {
    resp.json().expect("JSON body")
}

/// Fetches a Sinch OAuth2 token with the demo key.
pub fn sinch_token(emu: &Emulator) -> String {
    let resp = client()
        .post(emu.token_url())
        .basic_auth("demo-key-id", Some("demo-key-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    json(resp)["access_token"].as_str().unwrap().to_string()
}

/// Password grant with the demo user; returns the whole token response.
pub fn keycloak_login(emu: &Emulator) -> Value {
    let resp = client()
        .post(emu.keycloak_token_url())
        .form(&[
            ("grant_type", "password"),
            ("client_id", "ipmessaging-client"),
            ("username", "demo-user"),
            ("password", "demo-password"),
        ])
        .send()
        .unwrap();
    assert_eq!(resp.status(), 200);
    json(resp)
}

pub fn www_authenticate(resp: &Response) -> String {
    resp.headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}
